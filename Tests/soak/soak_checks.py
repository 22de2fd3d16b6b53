"""The soak's verdict: every acknowledged write is in git (on every clone and the remote) and
served by the API; the repositories pass `git fsck --strict` and `quire doctor --full`."""

import re
import subprocess
import time

TITLE = re.compile(r"^title: ['\"]?(.*?)['\"]?$", re.M)


def article_path(doc_id):
    return f"content/en/article/{doc_id[:2]}/{doc_id}.yaml"


def git(repo, *args, input=None):
    return subprocess.run(["git", "-C", repo, *args], input=input, capture_output=True, text=True)


def titles_in(repo, specs):
    """`git cat-file --batch` on `<ref>:<path>` specs: the title of each file, or None if absent."""
    out = git(repo, "cat-file", "--batch", input="".join(s + "\n" for s in specs)).stdout
    found, pos = {}, 0
    for spec in specs:
        end = out.index("\n", pos)
        header = out[pos:end]
        pos = end + 1
        if header.endswith(" missing") or header.endswith(" ambiguous"):
            found[spec] = None
            continue
        size = int(header.split()[2])
        body = out[pos:pos + size]
        pos += size + 1
        match = TITLE.search(body)
        found[spec] = match.group(1) if match else ""
    return found


def check_git(repo, docs, label):
    """Lost writes in one repository: documents whose main or draft branch holds a title the
    writer was never told could be there."""
    specs = []
    for d in docs:
        specs += [f"main:{article_path(d.id)}", f"drafts/en/article/{d.id}:{article_path(d.id)}"]
    found = titles_in(repo, specs)
    lost = []
    for d in docs:
        published = found[f"main:{article_path(d.id)}"]
        draft = found[f"drafts/en/article/{d.id}:{article_path(d.id)}"]
        if published not in d.published or draft not in d.draft:
            lost.append(f"{label}: {d.server} {d.id} main={published!r} draft={draft!r} "
                        f"expected main in {sorted(map(str, d.published))} draft in {sorted(map(str, d.draft))}")
    return lost


def check_uploads(repo, uploads, label):
    """Every acknowledged upload's metadata file is on main."""
    ids = [u["documentId"] for server in uploads.values() for u in server]
    out = git(repo, "cat-file", "--batch-check", input="".join(f"main:media/files/{d[:2]}/{d}.yaml\n" for d in ids)).stdout
    return [f"{label}: upload {d} missing" for d, line in zip(ids, out.splitlines()) if line.endswith(" missing")]


def check_api(client, docs, label):
    """The same through the API: the index must agree with git."""
    wrong = []
    for d in docs:
        status, body = client.call("c:published", "GET", f"/api/articles/{d.id}", expect=(200, 404))
        published = body["data"]["title"] if status == 200 else None
        status2, body2 = client.call("c:draft", "GET", f"/api/articles/{d.id}?status=draft", expect=(200, 404))
        draft_view = body2["data"]["title"] if status2 == 200 else None
        expected_draft_view = {dr if dr is not None else pub for dr in d.draft for pub in d.published}
        if status not in (200, 404) or published not in d.published or draft_view not in expected_draft_view:
            wrong.append(f"{label}: {d.server} {d.id} served {published!r} / draft {draft_view!r}, "
                         f"expected {sorted(map(str, d.published))} / {sorted(map(str, expected_draft_view))}")
    return wrong


def refs(repo):
    out = git(repo, "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads").stdout
    return dict(line.split() for line in out.splitlines())


def converge(repos, timeout):
    """Waits until every clone and the remote hold the same branches at the same commits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = [refs(r) for r in repos]
        if all(s == seen[0] for s in seen[1:]):
            return True, seen[0].get("refs/heads/main")
        time.sleep(1)
    return False, {r: refs(r).get("refs/heads/main") for r in repos}


def fsck(repo):
    result = git(repo, "fsck", "--strict", "--no-progress", "--no-dangling")
    return {"repo": repo, "ok": result.returncode == 0, "output": (result.stdout + result.stderr)[-2000:]}


def doctor(quire, repo):
    started = time.monotonic()
    result = subprocess.run([quire, "doctor", "--repo", repo, "--full"], capture_output=True, text=True)
    return {"repo": repo, "ok": result.returncode == 0, "seconds": round(time.monotonic() - started, 1),
            "output": (result.stdout + result.stderr)[-3000:]}


def slope_mib_per_min(samples):
    """Least-squares slope of (seconds, MiB) samples."""
    if len(samples) < 3:
        return None
    n = len(samples)
    mx = sum(t for t, _ in samples) / n
    my = sum(v for _, v in samples) / n
    var = sum((t - mx) ** 2 for t, _ in samples)
    if var == 0:
        return None
    return round(sum((t - mx) * (v - my) for t, v in samples) / var * 60, 3)
