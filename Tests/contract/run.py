#!/usr/bin/env python3
"""Contract tests: schemathesis sends generated requests to a real `quire serve` of the demo site
and checks every answer against a published OpenAPI document.

  quire        every operation of Quire's own `/api/openapi.json`, with a full-access token:
               no 5xx, every status code documented, every body valid against its schema.
  apostrophe   Apostrophe's official OpenAPI file, for the operations Quire serves: no 5xx, and
               the answers' shapes wherever `apostrophe-api.md` says the file is right (see
               apostrophe_spec.py for each check left out and why).

Deterministic (schemathesis' derandomized generation), so a CI run is the same every time; the
exit code is non-zero on any failure or error. `--long` adds the stateful phase and more
examples (for benchmark-like use: `make contract-long`).

    python3 Tests/contract/run.py [--long] [--examples N] [--suite quire|apostrophe|all] [--port N] [--keep]
"""
import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the work tree
sys.path.insert(0, str(Path(__file__).resolve().parent))

import apostrophe_spec  # noqa: E402
import schemathesis_run  # noqa: E402
from demo_site import PASSWORD, ROOT, DemoSite  # noqa: E402

ALL_CHECKS = ["not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance",
              "response_headers_conformance", "negative_data_rejection", "positive_data_acceptance", "missing_required_header",
              "unsupported_method", "allow_header_conformance", "use_after_free", "ensure_resource_availability", "ignored_auth",
              "object_level_authorization"]

# Operations a run leaves out, each with its reason.
SKIPPED = {
    "/api/git/events": "an event stream: answers 200 and never ends (DeskAPITests and the browser tests follow it)",
}


def post_json(url, body, headers=None):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def sign_ins(site):
    """Routes about a signed-in person want a person, not an API token: one user per route kind,
    so that a logout or a password change in one cannot take another's sign-in away."""
    tokens = {}
    strapi, apostrophe = ("strapi-me", "strapi-password"), ("apos-whoami", "apos-logout", "apos-logout-official")
    for username in strapi + apostrophe:
        site.add_user(username)
    site.start()
    for username in strapi:
        tokens[username] = post_json(site.url + "/api/auth/local", {"identifier": username, "password": PASSWORD})["jwt"]
    for username in apostrophe:
        tokens[username] = post_json(site.url + "/api/v1/@apostrophecms/login/login", {"username": username, "password": PASSWORD})["token"]
    return tokens


def site_values(site):
    """Ids that exist in the demo site, so that generated requests reach real documents as well
    as missing ones (schemathesis draws from these lists half of the time)."""
    import yaml
    dictionaries, singular_of = {}, {}
    for schema_file in sorted((site.repo / "schemas").glob("*.yaml")):
        info = yaml.safe_load(schema_file.read_text())["info"]
        singular_of[info["pluralName"]] = info["singularName"]
    for plural, singular in singular_of.items():
        ids = sorted({path.stem for path in (site.repo / "content").glob(f"*/{singular}/**/*.yaml")})
        if ids:
            dictionaries[singular] = {"values": ids}
            dictionaries[f"{singular}-apos"] = {"values": [f"{i}:{locale}:{mode}" for i in ids[:4]
                                                          for locale in ("en", "fr") for mode in ("published", "draft")] + ids[:2]}
    commits = subprocess.run(["git", "-C", str(site.repo), "rev-list", "--all"], capture_output=True, text=True, check=True).stdout.split()
    dictionaries["commit"] = {"values": commits}
    dictionaries["locale"] = {"values": ["en", "fr"]}
    return dictionaries, singular_of


def bind(parameter, dictionary):
    """`parameter` drawn from the site's real values 60% of the time, generated otherwise."""
    return {parameter: {"dictionary": dictionary, "probability": 0.6}}


def quire_config(site, tokens, run):
    dictionaries, singular_of = site_values(site)
    operations = [{"include-path": path, "enabled": False} for path in SKIPPED]
    for plural, singular in singular_of.items():
        if singular not in dictionaries:
            continue
        parameters = {**bind("path.documentId", singular), **bind("path.commit", "commit")}
        operations.append({"include-path-regex": f"^/api/{plural}/", "parameters": parameters})
        operations.append({"include-path-regex": f"^/api/{singular}/", "parameters": bind("path.commit", "commit")})
        # A page type is served as pieces and, as Apostrophe's page tree, under @apostrophecms/page.
        apos = f"^/api/v1/(@apostrophecms/)?{singular}/" if singular == "page" else f"^/api/v1/{singular}/"
        operations.append({"include-path-regex": apos, "parameters": {**bind("path._id", f"{singular}-apos"), **bind("path.toLocale", "locale")}})
    bearer = lambda name: {"Authorization": f"Bearer {tokens[name]}"}  # noqa: E731
    operations += [
        {"include-path": "/api/users/me", "headers": bearer("strapi-me")},
        {"include-path": "/api/auth/change-password", "headers": bearer("strapi-password")},
        {"include-path": "/api/v1/@apostrophecms/login/whoami", "headers": bearer("apos-whoami")},
        {"include-path": "/api/v1/@apostrophecms/login/logout", "headers": bearer("apos-logout")},
    ]
    return base_config(site, run, dictionaries, operations)


def base_config(site, run, dictionaries, operations):
    """`run`: the command line's options (`long`, `examples`)."""
    return {
        "headers": {"Authorization": f"Bearer {site.token}"},
        "workers": 1,  # one at a time: the site's state, and so the run, is the same every time
        "request-timeout": 30,
        "max-redirects": 0,  # a redirect is an answer to check, not one to follow
        "generation": {"deterministic": True, "max-examples": run.examples or (100 if run.long else 6), "mode": "all"},
        "checks": {name: {"enabled": name in schemathesis_run.CHECKS} for name in ALL_CHECKS},
        "phases": {"examples": {"enabled": True}, "coverage": {"enabled": True}, "fuzzing": {"enabled": True},
                   "stateful": {"enabled": run.long}},
        "dictionaries": dictionaries,
        "operations": operations,
    }


def quire_suite(site, tokens, workdir, run):
    return schemathesis_run.run("quire", f"{site.url}/api/openapi.json", quire_config(site, tokens, run), workdir)


def apostrophe_suite(site, tokens, workdir, run):
    spec = apostrophe_spec.served_spec(f"{site.url}/api/openapi.json", workdir / "apostrophe-served.json")
    dictionaries, _ = site_values(site)
    pages = {"include-path-regex": "^/@apostrophecms/page/", "parameters": {**bind("path._id", "page-apos"), **bind("path.toLocale", "locale")}}
    config = base_config(site, run, dictionaries, apostrophe_spec.operations(tokens) + [pages])
    # The file's ApiKeyAuth puts `apikey` in the query: generated keys are unknown keys,
    # answered 403 `{"error":"invalid api key"}` (§1.3), a status the file leaves out.
    # The run signs in with its bearer token instead.
    config["generation"]["with-security-parameters"] = False
    return schemathesis_run.run("apostrophe", spec, config, workdir, base_url=f"{site.url}/api/v1")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--long", action="store_true", help="the stateful phase and more examples per operation")
    parser.add_argument("--suite", choices=["quire", "apostrophe", "all"], default="all")
    parser.add_argument("--port", type=int, help="a loopback port for `quire serve` (default: a free one)")
    parser.add_argument("--keep", action="store_true", help="keep the sites, logs and reports (printed at the end)")
    parser.add_argument("--examples", type=int, help="examples per operation (default 6, 100 with --long)")
    args = parser.parse_args()

    suites = [(name, run) for name, run in (("quire", quire_suite), ("apostrophe", apostrophe_suite)) if args.suite in (name, "all")]
    workdir = Path(tempfile.mkdtemp(prefix="quire-contract-run-"))
    results, crashes = [], []
    for name, suite in suites:
        # Each suite on a fresh copy of the demo site: the other's deletes must not empty it.
        site = DemoSite(args.port)
        try:
            results.append(suite(site, sign_ins(site), workdir, args))
            if not site.alive():
                crashes.append(f"quire serve died during the {name} run:\n" + site.log_path.read_text()[-20000:])
        finally:
            site.stop()
        if args.keep:
            print(f"kept: {name} site {site.repo}")
        else:
            site.remove()
    failed = [r for r in results if not r.ok]
    for result in results:
        print(result.summary())
        if not result.ok:
            print(result.output[-20000:])
    for crash in crashes:
        print(crash)
    if args.keep:
        print(f"kept: reports {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"contract: {len(results) - len(failed)} passed, {len(failed) + len(crashes)} failed")
    sys.exit(1 if failed or crashes else 0)


if __name__ == "__main__":
    main()
