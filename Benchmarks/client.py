#!/usr/bin/env python3
"""HTTP client side of Benchmarks/run.sh: read-route probes and the two write benchmarks.

  client.py probe  --port P --token T --name NAME --path PATH [--expect-total K] [--expect-items K] [--expect-first-date D]
  client.py seq    --port P --token T --count 500  --deadline 120 --authors a,b --tags t,u
  client.py conc   --port P --token T --count 1000 --threads 16 --deadline 120 --authors ... --tags ...

Each prints one JSON line for the report. Only 127.0.0.1 is ever contacted.

Why Python and http.client: one persistent (keep-alive) connection per writer, so what is
timed is the server's create-and-commit, not TCP set-up or a process start per request.
Every create is acknowledged by Quire only after its commit is durable, so the latency of a
201 is the latency of a commit.
"""

import argparse
import http.client
import json
import sys
import threading
import time

HOST = "127.0.0.1"


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


def connect(port):
    return http.client.HTTPConnection(HOST, port, timeout=60)


def probe(args):
    """One GET of a read route before wrk hammers it: its status and whether the answer is
    what the generated site says it must be (so a filter the server ignores shows up as
    'not applied' rather than as a suspiciously fast route)."""
    conn = connect(args.port)
    conn.request("GET", args.path, headers={"Authorization": f"Bearer {args.token}"})
    response = conn.getresponse()
    raw = response.read()
    result = {"kind": "probe", "name": args.name, "status": response.status, "bytes": len(raw)}
    try:
        body = json.loads(raw)
    except ValueError:
        body = None
    if isinstance(body, dict):
        data = body.get("data")
        if isinstance(data, list):
            result["items"] = len(data)
            result["total"] = ((body.get("meta") or {}).get("pagination") or {}).get("total")
            if data:
                first = data[0]
                result["first_publishDate"] = first.get("publishDate")
                result["first_author_populated"] = isinstance(first.get("author"), dict)
                result["first_tags_populated"] = isinstance(first.get("tags"), list)
        elif isinstance(data, dict):
            result["documentId"] = data.get("documentId")
        elif isinstance(body.get("results"), list):  # an Apostrophe piece list
            result["items"] = len(body["results"])
        elif "_id" in body:  # an Apostrophe document or page
            result["documentId"] = body.get("aposDocId")
        if body.get("error"):
            result["error"] = str(body["error"].get("message", ""))[:160]
    checks = []
    if args.expect_total is not None:
        checks.append(result.get("total") == args.expect_total)
    if args.expect_first_date:
        checks.append(result.get("first_publishDate") == args.expect_first_date)
    if args.expect_items is not None:
        checks.append(result.get("items") == args.expect_items)
    if args.expect_populated:
        checks.append(bool(result.get("first_author_populated") and result.get("first_tags_populated")))
    if checks:
        result["applied"] = all(checks) and response.status == 200
    print(json.dumps(result))


def article_payload(tag, index, authors, tags):
    """A create as a frontend would send it: the same shape as the generated articles."""
    title = f"Bench {tag} {index} saffron harbour evening"
    paragraph = "Saffron and lemon on the harbour wall, bread from the village oven. " * 5
    return json.dumps({"data": {
        "title": title,
        "slug": title.lower().replace(" ", "-"),
        "summary": "A benchmark article written by Benchmarks/client.py.",
        "body": f"{paragraph}\n\n## Method\n\n{paragraph}\n\n- one\n- two\n\n{paragraph}\n",
        "category": ("news", "review", "guide")[index % 3],
        "readingMinutes": index % 20,
        "rating": (index % 50) / 10,
        "featured": index % 10 == 0,
        "publishDate": f"2024-{index % 12 + 1:02d}-{index % 28 + 1:02d}",
        "author": authors[index % len(authors)],
        "tags": [tags[index % len(tags)], tags[(index * 7 + 3) % len(tags)]],
        "seo": {"metaTitle": title[:60], "metaDescription": "Benchmark create."},
        "sections": [{"__component": "sections.hero", "heading": "Benchmark", "subheading": str(index)}],
    }}).encode()


class Writer:
    """Shared bookkeeping: statuses, latencies, and the first few error bodies."""

    def __init__(self, args, run_tag):
        self.args = args
        self.tag = run_tag
        self.lock = threading.Lock()
        self.next_index = 0
        self.latencies = []
        self.codes = {}
        self.errors = []
        self.deadline = time.monotonic() + args.deadline
        self.hit_deadline = False

    def take(self):
        with self.lock:
            if self.next_index >= self.args.count:
                return None
            if time.monotonic() >= self.deadline:
                self.hit_deadline = True
                return None
            self.next_index += 1
            return self.next_index - 1

    def run_connection(self):
        authors, tags = self.args.authors.split(","), self.args.tags.split(",")
        conn = connect(self.args.port)
        headers = {"Authorization": f"Bearer {self.args.token}", "Content-Type": "application/json"}
        while (index := self.take()) is not None:
            body = article_payload(self.tag, index, authors, tags)
            started = time.perf_counter()
            try:
                conn.request("POST", "/api/articles", body=body, headers=headers)
                response = conn.getresponse()
                text = response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                status, text = 0, repr(error).encode()
                conn.close()
                conn = connect(self.args.port)
            elapsed = time.perf_counter() - started
            with self.lock:
                self.codes[status] = self.codes.get(status, 0) + 1
                if 200 <= status < 300:
                    self.latencies.append(elapsed)
                elif len(self.errors) < 3:
                    self.errors.append(f"{status}: {text[:200].decode(errors='replace')}")
        conn.close()

    def report(self, mode, seconds):
        ok = len(self.latencies)
        lat = sorted(self.latencies)
        ms = lambda v: None if v is None else round(v * 1000, 2)
        return {
            "kind": "writer", "mode": mode, "threads": self.args.threads if mode == "conc" else 1,
            "attempted": sum(self.codes.values()), "ok": ok,
            "non2xx": sum(n for code, n in self.codes.items() if not 200 <= code < 300),
            "codes": {str(k): v for k, v in sorted(self.codes.items())},
            "seconds": round(seconds, 3), "rate": round(ok / seconds, 2) if seconds > 0 else None,
            "p50_ms": ms(percentile(lat, 50)), "p99_ms": ms(percentile(lat, 99)),
            "max_ms": ms(lat[-1] if lat else None),
            "hit_deadline": self.hit_deadline, "errors": self.errors,
        }


def write(args, mode):
    writer = Writer(args, f"{mode}{args.run_tag}")
    threads = [threading.Thread(target=writer.run_connection) for _ in range(args.threads if mode == "conc" else 1)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps(writer.report(mode, time.perf_counter() - started)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["probe", "seq", "conc"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--name", default="")
    parser.add_argument("--path", default="")
    parser.add_argument("--expect-total", type=int)
    parser.add_argument("--expect-items", type=int)
    parser.add_argument("--expect-first-date")
    parser.add_argument("--expect-populated", action="store_true")
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--deadline", type=float, default=120, help="stop starting new creates after this many seconds")
    parser.add_argument("--authors", default="")
    parser.add_argument("--tags", default="")
    parser.add_argument("--run-tag", default="", help="makes titles/slugs unique across runs on one site")
    args = parser.parse_args()
    if args.mode == "probe":
        probe(args)
    else:
        write(args, args.mode)


if __name__ == "__main__":
    sys.exit(main())
