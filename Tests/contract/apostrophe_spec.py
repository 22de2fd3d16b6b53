"""Apostrophe's official OpenAPI file (`shared/reference/apostrophecms-openapi.yaml`, copied verbatim
from apostrophecms/apostrophe), cut down to the operations Quire serves.

"Served" is read from Quire's own `/api/openapi.json` (which `RouteCoverageTests` keeps equal to
the router): an operation of the official file is kept when the same method and path, under
`/api/v1`, is documented there. Routes added to Quire later join this run by themselves.

The file is wrong in places; `shared/reference/apostrophe-api.md` (§1.2, §1.3, §13) says where, from
Apostrophe's code. Those checks are left out below, each with its reason: a check is never
dropped for an operation unless a line of DEVIATIONS names it."""
import json
import os
import urllib.request
from pathlib import Path

import yaml

from demo_site import ROOT

OFFICIAL = Path(os.environ.get("APOSTROPHE_OPENAPI", ROOT.parent / "shared" / "reference" / "apostrophecms-openapi.yaml"))
METHODS = ("get", "put", "post", "delete", "patch", "head")

SCHEMA = ["response_schema_conformance", "content_type_conformance"]

# (method, path in the official file, checks left out, why: what apostrophe-api.md says the code does)
DEVIATIONS = [
    ("DELETE", "/@apostrophecms/page/{_id}", SCHEMA,
     "§1.2: DELETE answers 200 with an empty body; the file documents a Page body"),
    ("DELETE", "/@apostrophecms/image/{_id}", SCHEMA,
     "§4.6: DELETE answers 200 with an empty body; the file documents an Image body"),
    ("DELETE", "/@apostrophecms/file/{_id}", SCHEMA,
     "§4.6: DELETE answers 200 with an empty body; the file documents a File body"),
    ("POST", "/@apostrophecms/image/autocrop", ["response_schema_conformance"],
     "§7.4: the code takes {relationship, widgetOptions: {aspectRatio}} and answers {relationship}; the file documents "
     "{_ids, cropRatio} and an array of images (Quire answers its documented keys with 400 invalid)"),
    ("GET", "/@apostrophecms/image/{imageId}/src", SCHEMA + ["status_code_conformance"],
     "§7.4: a plain Express route: a 302 redirect to the file (the file: 200 with JSON {url, width, ...}), or text "
     "`notfound` (404); the file's size names (thumbnail, small...) are Strapi's, not Apostrophe's"),
    ("POST", "/@apostrophecms/user", ["status_code_conformance"],
     "a username or email already in use: Apostrophe's unique index on its safe collection throws and "
     "the answer is a 500; Quire answers 409 `conflict` (§1: a name Apostrophe maps to 409)"),
    ("PUT", "/@apostrophecms/user/{_id}", ["status_code_conformance"],
     "as for POST: 409 `conflict` for a username or email already in use (Apostrophe: 500)"),
    ("PATCH", "/@apostrophecms/user/{_id}", ["status_code_conformance"],
     "as for POST: 409 `conflict` for a username or email already in use (Apostrophe: 500)"),
    ("POST", "/@apostrophecms/login/logout", SCHEMA + ["status_code_conformance"],
     "§2.1: logout answers 200 with an empty body (the file: {success}), and 403 forbidden when nobody is signed in (the file: 401)"),
    ("POST", "/@apostrophecms/page/{_id}/revert-draft-to-published", ["response_schema_conformance"],
     "§4.7/§16: revert-draft-to-published answers `false` when there is nothing to revert; the file documents only a Page"),
    ("POST", "/@apostrophecms/image/{_id}/revert-draft-to-published", ["response_schema_conformance"],
     "§4.7: answers `false` when there is nothing to revert, always for an autopublished image; the file documents only an Image"),
    ("GET", "/@apostrophecms/image/{_id}/locale/{toLocale}", SCHEMA,
     "§4.7: a plain Express route answering text: `invalid (has no URL)` (400) for an image piece, which has no page; the file: JSON"),
    ("POST", "/@apostrophecms/file/{_id}/revert-draft-to-published", ["response_schema_conformance"],
     "§4.7: answers `false` when there is nothing to revert, always for an autopublished file; the file documents only a File"),
    ("GET", "/@apostrophecms/file/{_id}/locale/{toLocale}", SCHEMA,
     "§4.7: a plain Express route answering text: `invalid (has no URL)` (400) for a file piece, which has no page; the file: JSON"),
    ("DELETE", "/@apostrophecms/image-tag/{_id}", SCHEMA,
     "§4.6: DELETE answers 200 with an empty body, as for every piece type; the file documents a tag body"),
    ("DELETE", "/@apostrophecms/file-tag/{_id}", SCHEMA,
     "§4.6: DELETE answers 200 with an empty body, as for every piece type; the file documents a tag body"),
    ("GET", "/@apostrophecms/page/{_id}/locale/{toLocale}", SCHEMA + ["status_code_conformance"],
     "§4.7: a plain Express route: a 302 redirect (the file: 200 with a Page), or text `invalid locale name` (400) / "
     "`not found` (404) (the file: JSON)"),
]


def template(path):
    """`/a/{x}/b` and `/a/{y}/b` are the same route: parameter names do not matter."""
    return "/".join("{}" if part.startswith("{") else part for part in path.split("/"))


def served_operations(own_openapi_url):
    with urllib.request.urlopen(own_openapi_url, timeout=30) as response:
        own = json.loads(response.read())
    return {(method, template(path)) for path, item in own["paths"].items() for method in item if method in METHODS}


def served_spec(own_openapi_url, out_path):
    """Writes the official file with only the served operations (and the components it refers
    to, left whole) to `out_path`, as JSON; returns the path."""
    if not OFFICIAL.exists():
        raise SystemExit(f"{OFFICIAL} is missing: set APOSTROPHE_OPENAPI to Apostrophe's official OpenAPI file")
    official = yaml.safe_load(OFFICIAL.read_text())
    served = served_operations(own_openapi_url)
    paths = {}
    for path, item in official["paths"].items():
        kept = {key: value for key, value in item.items()
                if key not in METHODS or (key, template("/api/v1" + path)) in served}
        if any(key in METHODS for key in kept):
            paths[path] = kept
    official["paths"] = paths
    # The run passes the server's own URL (`--url .../api/v1`); the file's servers are examples.
    official.pop("servers", None)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(official, indent=1, default=str))
    return out_path


def operations(tokens):
    """schemathesis `[[operations]]` overrides: the routes about a signed-in person get a
    person's bearer token (an API token is nobody there), then the DEVIATIONS."""
    overrides = [
        {"include-path": "/@apostrophecms/login/whoami", "headers": {"Authorization": f"Bearer {tokens['apos-whoami']}"}},
        {"include-path": "/@apostrophecms/login/logout", "headers": {"Authorization": f"Bearer {tokens['apos-logout-official']}"}},
    ]
    for method, path, checks, _reason in DEVIATIONS:
        overrides.append({"include-method": method, "include-path": path,
                          "checks": {name: {"enabled": False} for name in checks}})
    return overrides
