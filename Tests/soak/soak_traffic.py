"""The soak's traffic: writers that remember what was acknowledged, readers of every route kind,
and a human committing with git in the work tree.

Each writer owns its documents, so what it expects of them depends on its own requests only. A
request without an answer (status 0: the server was killed) or with a 5xx may or may not have
happened: the document then may hold either version, and its writer stops touching it.
"""

import os
import random
import struct
import subprocess
import threading
import time
import zlib

from soak_http import Client



def png(width, height, seed):
    """A small valid RGB PNG, different per seed (each upload is its own file)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + bytes((seed * 7 + x * 13 + y * 29) % 256 for x in range(width * 3)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


class Doc:
    """What may be on main (`published`) and on the draft branch (`draft`): sets of titles,
    None meaning absent. One element while every request about it was answered."""

    def __init__(self, doc_id, server, published, draft):
        self.id, self.server = doc_id, server
        self.published, self.draft = {published}, {draft}
        self.retired = False

    def settle(self, status, published, draft):
        if 200 <= status < 300:
            self.published, self.draft = {published}, {draft}
        elif status == 0 or status >= 500:
            self.published |= {published}
            self.draft |= {draft}
            self.retired = True

    def only(self, which):
        values = self.published if which == "published" else self.draft
        return next(iter(values)) if len(values) == 1 else "?"


def article(title, rng, authors, tags):
    return {"data": {
        "title": title, "slug": title.lower().replace(" ", "-"),
        "summary": "Written by the soak.", "body": "Saffron on the harbour wall.\n\n## Soak\n\n- one\n",
        "category": rng.choice(["news", "review", "guide"]), "readingMinutes": rng.randint(1, 20),
        "publishDate": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "author": rng.choice(authors), "tags": rng.sample(tags, 2),
        "seo": {"metaTitle": title[:60], "metaDescription": "Soak."},
    }}


class Writer(threading.Thread):
    def __init__(self, name, port, token, ledger, stop, rng, authors, tags, docs, uploads):
        super().__init__(daemon=True, name=name)
        self.client = Client(port, token, ledger, name[0])
        self.ledger, self.stop, self.rng = ledger, stop, rng
        self.authors, self.tags = authors, tags
        self.docs, self.uploads = docs, uploads
        self.mine = []  # only this writer touches these: what it expects depends on its requests alone
        self.count = 0

    def title(self):
        self.count += 1
        return f"Soak {self.name} {self.count} {self.rng.choice(['almond', 'fennel', 'harbour', 'meadow'])}"

    def live(self, test):
        return [d for d in self.mine if not d.retired and test(d)]

    def run(self):
        ops = [(30, self.create), (8, self.create_draft), (20, self.update), (12, self.draft_edit),
               (8, self.publish), (3, self.discard), (3, self.unpublish), (4, self.release),
               (4, self.delete), (1, self.upload)]
        weights = [w for w, _ in ops]
        while not self.stop.is_set():
            op = self.rng.choices([f for _, f in ops], weights)[0]
            if op() == 0:
                time.sleep(0.2)  # the server is down: don't spin
        self.client.close()

    def create(self, draft=False):
        title = self.title()
        path = "/api/articles?status=draft" if draft else "/api/articles"
        status, body = self.client.call("w:create", "POST", path, article(title, self.rng, self.authors, self.tags),
                                        expect=(201,))
        if status == 201:
            doc = Doc(body["data"]["documentId"], self.client.server, None if draft else title, title if draft else None)
            self.mine.append(doc)
            self.docs.append(doc)
        return status

    def create_draft(self):
        return self.create(draft=True)

    def update(self):
        docs = self.live(lambda d: d.only("draft") is None and d.only("published") not in (None, "?"))
        if not docs:
            return self.create()
        doc, title = self.rng.choice(docs), self.title()
        status, _ = self.client.call("w:update", "PUT", f"/api/articles/{doc.id}", {"data": {"title": title}})
        doc.settle(status, title, None)
        return status

    def draft_edit(self):
        docs = self.live(lambda d: d.only("published") != "?" and d.only("draft") != "?"
                         and (d.only("published") or d.only("draft")))
        if not docs:
            return self.create_draft()
        doc, title = self.rng.choice(docs), self.title()
        status, _ = self.client.call("w:draft", "PUT", f"/api/articles/{doc.id}?status=draft", {"data": {"title": title}})
        doc.settle(status, doc.only("published"), title)
        return status

    def with_draft(self, published_too=False):
        return self.live(lambda d: d.only("draft") not in (None, "?") and d.only("published") != "?"
                         and (not published_too or d.only("published") is not None))

    def publish(self):
        docs = self.with_draft()
        if not docs:
            return self.draft_edit()
        doc = self.rng.choice(docs)
        status, _ = self.client.call("w:publish", "POST", f"/api/articles/{doc.id}/publish")
        doc.settle(status, doc.only("draft"), None)
        return status

    def discard(self):
        docs = self.with_draft(published_too=True)
        if not docs:
            return self.draft_edit()
        doc = self.rng.choice(docs)
        status, _ = self.client.call("w:discard", "POST", f"/api/articles/{doc.id}/discard")
        doc.settle(status, doc.only("published"), None)
        return status

    def unpublish(self):
        docs = self.live(lambda d: d.only("draft") is None and d.only("published") not in (None, "?"))
        if not docs:
            return self.create()
        doc = self.rng.choice(docs)
        status, _ = self.client.call("w:unpublish", "POST", f"/api/articles/{doc.id}/unpublish")
        doc.settle(status, None, doc.only("published"))
        return status

    def release(self):
        docs = self.with_draft()
        if len(docs) < 2:
            return self.draft_edit()
        chosen = self.rng.sample(docs, 2)
        body = {"data": {"message": f"Soak release {self.count}",
                         "documents": [{"type": "article", "documentId": d.id, "locale": "en"} for d in chosen]}}
        status, _ = self.client.call("w:release", "POST", "/api/git/releases", body)
        for doc in chosen:
            doc.settle(status, doc.only("draft"), None)
        return status

    def delete(self):
        docs = self.live(lambda d: d.only("published") not in (None, "?") and d.only("draft") != "?")
        if not docs:
            return self.create()
        doc = self.rng.choice(docs)
        status, _ = self.client.call("w:delete", "DELETE", f"/api/articles/{doc.id}")
        doc.settle(status, None, None)
        doc.retired = True  # gone for good: checked as absent at the end
        return status

    def upload(self):
        boundary = f"soak{self.rng.getrandbits(64):x}"
        name = f"soak-{self.name}-{self.count}.png"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
                f"Content-Type: image/png\r\n\r\n").encode() + png(16, 12, self.count) + f"\r\n--{boundary}--\r\n".encode()
        status, parsed = self.client.call("w:upload", "POST", "/api/upload", body,
                                          content_type=f"multipart/form-data; boundary={boundary}", expect=(200, 201))
        if status in (200, 201) and isinstance(parsed, list) and parsed:
            self.uploads.setdefault(self.client.server, []).append(parsed[0])
        self.count += 1
        return status


class Reader(threading.Thread):
    """Every kind of read route, on ids that no writer touches (so 404 is never right)."""

    def __init__(self, name, port, token, ledger, stop, rng, sample_ids, base_commit, uploads):
        super().__init__(daemon=True, name=name)
        self.client = Client(port, token, ledger, name[0])
        self.stop, self.rng, self.ids, self.base, self.uploads = stop, rng, sample_ids, base_commit, uploads

    def routes(self):
        a = self.rng.choice(self.ids)
        page = self.rng.randint(1, 40)
        routes = [
            ("r:list", f"/api/articles?sort=publishDate:desc&pagination[page]={page}&pagination[pageSize]=25"),
            ("r:one", f"/api/articles/{a}"),
            ("r:filter", "/api/articles?filters[category][$eq]=guide&filters[readingMinutes][$gte]=5&pagination[page]=3"),
            ("r:populate", f"/api/articles?populate[author][fields][0]=name&populate[tags]=true&pagination[page]={page}"),
            ("r:search", "/api/articles?_q=lemon&pagination[pageSize]=10"),
            ("r:draftview", f"/api/articles?status=draft&pagination[page]={page}"),
            ("r:authors", "/api/authors?sort=name:asc&pagination[pageSize]=50"),
            ("r:history", f"/api/articles/{a}/history"),
            ("r:version", f"/api/articles/{a}/versions/{self.base}"),
            ("r:changes", f"/api/git/changes?since={self.base}"),
            ("r:drafts", "/api/git/drafts?pagination[pageSize]=10"),
            ("r:apos-list", f"/api/v1/article?page={page}&perPage=25"),
            ("r:apos-one", f"/api/v1/article/{a}"),
            ("r:apos-pages", "/api/v1/@apostrophecms/page"),
            ("r:health", "/_health"),
        ]
        if self.uploads.get(self.client.server):  # another server's uploads reach it only with the next sync
            upload = self.rng.choice(self.uploads[self.client.server])
            routes += [("r:upload-file", upload.get("url", "/")), ("r:upload-meta", f"/api/upload/files/{upload['id']}")]
        return routes

    def run(self):
        while not self.stop.is_set():
            kind, path = self.rng.choice(self.routes())
            status, _ = self.client.call(kind, "GET", path)
            if status == 0:
                time.sleep(0.2)
        self.client.close()


class Human(threading.Thread):
    """Someone committing new articles with git in the server's work tree, now and then, whether
    the server is up or not. `git commit -- <path>` commits that file on top of HEAD whatever
    the index holds; git's own compare-and-swap on the ref refuses a commit that raced a server
    write, and the human tries again."""

    def __init__(self, repo, ledger, stop, rng, pause, docs):
        super().__init__(daemon=True, name="human")
        self.repo, self.ledger, self.stop, self.rng, self.pause, self.docs = repo, ledger, stop, rng, pause, docs
        self.count, self.retries = 0, 0

    def run(self):
        while not self.stop.wait(self.rng.uniform(*self.pause)):
            self.count += 1
            doc_id = "h" + "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(23))
            title = f"Soak human {self.count}"
            rel = f"content/en/article/{doc_id[:2]}/{doc_id}.yaml"
            os.makedirs(os.path.join(self.repo, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(self.repo, rel), "w") as handle:
                handle.write(f"title: {title}\nslug: soak-human-{self.count}\ncategory: news\n")
            for attempt in range(30):
                git = ["git", "-C", self.repo]
                add = subprocess.run(git + ["add", "--", rel], capture_output=True, text=True)
                done = add.returncode == 0 and subprocess.run(
                    git + ["commit", "-q", "-m", f"Human edit {self.count}", "--", rel],
                    capture_output=True, text=True).returncode == 0
                if done:
                    self.docs.append(Doc(doc_id, "human", title, None))
                    break
                self.retries += 1
                time.sleep(0.3)
            else:
                self.ledger.note(f"human commit of {rel} failed 30 times")
