#!/usr/bin/env python3
"""Load: `wrk -c512` on the list routes, then a slow-client flood, against one `quire serve`.

  load.py --quire .build/release/quire [--articles 10000] [--seconds 20] [--slow 2000] [--flood-seconds 45]

Phase 1 runs wrk with 512 connections on each list route: every answer must be a 2xx.
Phase 2 opens --slow connections that send a request a byte a second (half of them stall in
the request head, half in a declared body), and meanwhile a probe opens a new connection every
quarter second for an ordinary read: every probe must be answered within 5 s, the server must
close the stalled connections (each gets at most the request timeout, a fixed time after it
opened), and memory must come back down. Loopback only; the report goes to --out and stdout;
the exit status is 1 if any check failed.
"""

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "soak"))
from soak_server import Server  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROUTES = {
    "list sorted": "/api/articles?sort=publishDate:desc&pagination[page]=3&pagination[pageSize]=25",
    "filter": "/api/articles?filters[category][$eq]=guide&filters[readingMinutes][$gte]=5",
    "populate": "/api/articles?populate[author][fields][0]=name&populate[tags]=true",
    "apostrophe list": "/api/v1/article?perPage=25&page=2",
}


def wrk(port, token, path, seconds, connections):
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",
                          "-H", f"Authorization: Bearer {token}", f"http://127.0.0.1:{port}{path}"],
                         capture_output=True, text=True).stdout
    def num(pattern, default=0.0):
        m = re.search(pattern, out)
        return float(m.group(1)) if m else default
    def latency(label):
        m = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        return None if not m else round(float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)], 2)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"requests": int(num(r"(\d+) requests in")), "rps": num(r"Requests/sec:\s+([\d.]+)"),
            "non2xx": int(num(r"Non-2xx or 3xx responses: (\d+)")), "p50_ms": latency("50%"), "p99_ms": latency("99%"),
            "socket_errors": dict(zip(["connect", "read", "write", "timeout"], map(int, errors.groups()))) if errors else {}}


async def slow_client(port, token, closed_after, body):
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        closed_after.append(("refused", 0))
        return
    opened = time.monotonic()
    if body:
        # Authorized, and within the body limit: the server has to wait for the body.
        head = (f"POST /api/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                f"Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n")
        writer.write(head.encode())
        trickle = b'{"data":{"title":"' + b"a" * 59_000
    else:
        writer.write(b"GET /api/articles HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        trickle = b"b" * 60_000
    try:
        for byte in trickle:
            await writer.drain()
            read = asyncio.ensure_future(reader.read(4096))
            done, _ = await asyncio.wait({read}, timeout=1)
            if done:
                data = read.result()
                closed_after.append(("answered" if data else "closed", round(time.monotonic() - opened, 1)))
                return
            read.cancel()
            writer.write(bytes([byte]))
    except (OSError, asyncio.CancelledError):
        closed_after.append(("reset", round(time.monotonic() - opened, 1)))
        return
    finally:
        writer.close()
    closed_after.append(("open", round(time.monotonic() - opened, 1)))


async def probe(port, token, stop_at, results):
    while time.monotonic() < stop_at:
        t0 = time.monotonic()
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 5)
            writer.write(f"GET /api/articles?pagination[pageSize]=1 HTTP/1.1\r\nHost: x\r\n"
                         f"Authorization: Bearer {token}\r\nConnection: close\r\n\r\n".encode())
            line = await asyncio.wait_for(reader.readline(), 5)
            await asyncio.wait_for(reader.read(), 5)
            writer.close()
            results.append((line.split(b" ")[1:2] == [b"200"], time.monotonic() - t0))
        except (OSError, asyncio.TimeoutError):
            results.append((False, time.monotonic() - t0))
        await asyncio.sleep(0.25)


async def flood(port, token, count, seconds, server):
    closed_after, probes, rss = [], [], []
    started = time.monotonic()
    stop_at = started + seconds
    clients = []
    for i in range(count):
        clients.append(asyncio.ensure_future(slow_client(port, token, closed_after, body=i % 2 == 1)))
        if i % 100 == 99:
            await asyncio.sleep(0.05)
    probing = asyncio.ensure_future(probe(port, token, stop_at, probes))
    while time.monotonic() < stop_at:
        rss.append(server.rss_mib())
        await asyncio.sleep(1)
    await probing
    for client in clients:
        client.cancel()
    await asyncio.gather(*clients, return_exceptions=True)
    return closed_after, probes, rss


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quire", required=True)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=512)
    parser.add_argument("--slow", type=int, default=2000)
    parser.add_argument("--flood-seconds", type=int, default=45)
    parser.add_argument("--port", type=int, default=18650)
    parser.add_argument("--out", default="load-report.json")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="quire-load.")
    site = os.path.join(work, "site")
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/generate-site"), site, "--articles", str(args.articles),
                    "--shard", "2"], check=True, stdout=subprocess.DEVNULL)
    token = subprocess.run([os.path.abspath(args.quire), "token", "create", "--repo", site, "--name", "load", "--access",
                            "full-access"], check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    server = Server("load", os.path.abspath(args.quire), site, args.port, token, os.path.join(work, "serve.log"))
    report = {"articles": args.articles, "commit": subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
              capture_output=True, text=True).stdout.strip(), "wrk": {}, "failures": []}
    try:
        server.start()
        report["rss_start_mib"] = server.rss_mib()
        for name, path in ROUTES.items():
            result = wrk(args.port, token, path, args.seconds, args.connections)
            report["wrk"][name] = result
            if result["non2xx"] or not result["requests"]:
                report["failures"].append(f"wrk {name}: {result['non2xx']} non-2xx of {result['requests']}")
        report["rss_after_wrk_mib"] = server.rss_mib()
        closed_after, probes, rss = asyncio.run(flood(args.port, token, args.slow, args.flood_seconds, server))
        time.sleep(3)
        report["rss_after_flood_mib"] = server.rss_mib()
        outcomes = {}
        for kind, _ in closed_after:
            outcomes[kind] = outcomes.get(kind, 0) + 1
        cut = sorted(t for kind, t in closed_after if kind in ("closed", "reset", "answered"))
        answered = sorted(t for ok, t in probes if ok)
        report["flood"] = {
            "slow_connections": args.slow, "outcomes": outcomes,
            "cut_after_s": {"min": cut[0] if cut else None, "median": cut[len(cut) // 2] if cut else None, "max": cut[-1] if cut else None},
            "probes": len(probes), "probes_failed": sum(1 for ok, _ in probes if not ok),
            "probe_p50_ms": round(answered[len(answered) // 2] * 1000, 1) if answered else None,
            "probe_max_ms": round(answered[-1] * 1000, 1) if answered else None,
            "rss_max_mib": max((v for v in rss if v), default=None),
        }
        if report["flood"]["probes_failed"]:
            report["failures"].append(f"{report['flood']['probes_failed']} of {len(probes)} probes failed during the flood")
        if outcomes.get("open"):
            report["failures"].append(f"{outcomes['open']} stalled connection(s) were still open after {args.flood_seconds} s")
        if not server.healthy():
            report["failures"].append("the server does not answer after the flood")
        if server.process.poll() is not None:
            report["failures"].append(f"the server exited with {server.process.returncode}")
    except Exception as error:
        report["failures"].append(f"load aborted: {error!r}")
    finally:
        server.kill()
    report["ok"] = not report["failures"]
    with open(args.out, "w") as out:
        json.dump(report, out, indent=1)
    print(json.dumps(report, indent=1))
    if report["ok"]:
        subprocess.run(["rm", "-rf", work])
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
