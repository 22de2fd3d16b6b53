#!/usr/bin/env python3
"""Soak with faults: a generated site served by two servers that share a bare remote, mixed
traffic for a bounded time, SIGKILLs of the servers at random moments, then the verdict.

  soak.py --quire .build/release/quire --articles 100000 --minutes 30      (make soak)
  soak.py --quire .build/debug/quire --articles 10000 --minutes 3          (make soak-ci)

Server A serves the generated site's own repository (work tree checked out, a human commits
there with git); server B serves a clone, made by B itself from the remote. Both push to and
fetch from the remote every 2 s. Kills happen in the first two thirds of the run; the last
third runs undisturbed, so the RSS slope of a server that keeps running can be measured.

At the end: traffic stops, the clones and the remote must converge, the servers stop (SIGTERM),
every repository passes `git fsck --strict`, `quire doctor --full` passes on both clones, every
acknowledged write is found in git on A, B and the remote, and served by both servers after one
more restart. Any 5xx, lost write or failed check makes the exit status 1. Everything runs on
127.0.0.1 in a fresh temporary folder; the report goes to --out (JSON) and stdout.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from soak_checks import check_api, check_git, check_uploads, converge, doctor, fsck, slope_mib_per_min  # noqa: E402
from soak_http import Client, Ledger  # noqa: E402
from soak_server import Server  # noqa: E402
from soak_traffic import Human, Reader, Writer  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def setup(args, work):
    site, remote = os.path.join(work, "a"), os.path.join(work, "remote.git")
    t0 = time.monotonic()
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/generate-site"), site,
                    "--articles", str(args.articles), "--shard", "2"], check=True, stdout=subprocess.DEVNULL)
    generated = time.monotonic() - t0
    for cmd in (["git", "-C", site, "config", "user.name", "Soak Human"],
                ["git", "-C", site, "config", "user.email", "human@soak.invalid"]):
        subprocess.run(cmd, check=True)
    token = subprocess.run([args.quire, "token", "create", "--repo", site, "--name", "soak", "--access", "full-access"],
                           check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", remote], check=True)
    subprocess.run(["git", "-C", site, "push", "-q", remote, "main", "refs/quire/users:refs/quire/users"], check=True)
    ids = subprocess.run(["git", "-C", site, "ls-tree", "-r", "--name-only", "main", "content/en/article"],
                         check=True, capture_output=True, text=True).stdout.split()
    rng = random.Random(args.seed)
    sample = [os.path.basename(p)[:-5] for p in rng.sample(ids, min(200, len(ids)))]
    base = subprocess.run(["git", "-C", site, "rev-parse", "main"], check=True, capture_output=True, text=True).stdout.strip()
    return site, remote, token, sample, base, generated


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quire", required=True)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--port", type=int, default=18600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--out", default="soak-report.json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    args.quire = os.path.abspath(args.quire)
    work = tempfile.mkdtemp(prefix="quire-soak.")
    rng = random.Random(args.seed)
    report = {"articles": args.articles, "minutes": args.minutes, "seed": args.seed, "quire": args.quire,
              "commit": subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                                       text=True).stdout.strip(), "work": work}
    servers = []
    try:
        site, remote, token, sample, base, generated = setup(args, work)
        report["generate_seconds"] = round(generated, 1)
        sync = ["--remote", remote, "--fetch-interval", "2"]
        a = Server("a", args.quire, site, args.port, token, os.path.join(work, "a.log"), sync)
        b = Server("b", args.quire, os.path.join(work, "b"), args.port + 1, token, os.path.join(work, "b.log"), sync)
        servers = [a, b]
        a.start()
        b.start()
        report["first_start_seconds"] = {"a": a.start_seconds[0], "b": b.start_seconds[0]}
        traffic = run_traffic(args, rng, a, b, site, token, sample, base)
        docs, uploads = traffic.pop("docs"), traffic.pop("uploads_made")
        report.update(traffic)
        ledger = traffic["ledger"]
        ledger_failures = []
        if ledger["server_errors"]:
            ledger_failures.append(f"{ledger['server_errors']} 5xx answer(s)")
        if ledger["unexpected"]:
            ledger_failures.append(f"{ledger['unexpected']} unexpected answer(s)")
        report.update(verdict(args, a, b, site, remote, token, docs, uploads, ledger_failures))
    except Exception as error:  # the report still says how far it got
        report.setdefault("failures", []).append(f"soak aborted: {error!r}")
    finally:
        for server in servers:
            server.kill()
    failures = report.setdefault("failures", [])
    report["ok"] = not failures
    with open(args.out, "w") as out:
        json.dump(report, out, indent=1, default=str)
    print_summary(report)
    if report["ok"] and not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if report["ok"] else 1)


def run_traffic(args, rng, a, b, site, token, sample, base):
    ledger, stop = Ledger(), threading.Event()
    authors = [f"author-{i:05d}" for i in range(min(20, max(1, args.articles // 50)))]
    tags = [f"tag-{i:03d}" for i in range(20)]
    docs, uploads = [], {}
    threads = [Writer(f"a{i}", a.port, token, ledger, stop, random.Random(rng.random()), authors, tags, docs, uploads)
               for i in range(args.writers)]
    threads.append(Writer("b0", b.port, token, ledger, stop, random.Random(rng.random()), authors, tags, docs, uploads))
    threads += [Reader(f"a-r{i}", a.port, token, ledger, stop, random.Random(rng.random()), sample, base, uploads)
                for i in range(args.readers)]
    threads.append(Reader("b-r0", b.port, token, ledger, stop, random.Random(rng.random()), sample, base, uploads))
    human = Human(site, ledger, stop, random.Random(rng.random()), (2, 6), docs)
    threads.append(human)
    for thread in threads:
        thread.start()

    seconds = args.minutes * 60
    started = time.monotonic()
    kill_until = started + seconds * 2 / 3
    gap = (max(15, seconds / 20), max(30, seconds / 8))
    next_kill = started + rng.uniform(*gap)
    rss, kills, sync = [], [], {}
    while (now := time.monotonic()) < started + seconds:
        if now >= next_kill and now < kill_until:
            victim = a if rng.random() < 0.75 else b
            victim.kill()
            t = time.monotonic()
            victim.start()
            kills.append({"server": victim.name, "at_s": round(now - started, 1), "restart_s": round(time.monotonic() - t, 2)})
            next_kill = time.monotonic() + rng.uniform(*gap)
        value = a.rss_mib()
        if value is not None:
            rss.append((round(now - started, 1), round(value, 1), a.starts))
        if len(rss) % 5 == 0:
            sample_sync(sync, int((now - started) // 60), (a, b))
        time.sleep(2)
    stop.set()
    for thread in threads:
        thread.join(180)

    # The undisturbed last third, after a minute of warm-up (or half of it in short runs).
    steady_from = max(kill_until, kills[-1]["at_s"] + started if kills else started) - started
    warm = min(60, (seconds - steady_from) / 2)
    steady = [(t, v) for t, v, s in rss if t >= steady_from + warm and s == a.starts]
    acked = [d for d in docs if len(d.published) == 1 and len(d.draft) == 1]
    return {
        "ledger": ledger.summary(), "kills": kills, "docs": docs, "uploads_made": uploads,
        "docs_written": len(docs), "docs_uncertain": len(docs) - len(acked),
        "sync_per_minute": [dict(minute=m, **v) for m, v in sorted(sync.items())],
        "human_commits": human.count, "human_retries": human.retries, "uploads": sum(map(len, uploads.values())),
        "rss_mib": {"samples": [(t, v) for t, v, _ in rss][::5], "steady_from_s": round(steady_from + warm, 1),
                    "steady_slope_mib_per_min": slope_mib_per_min(steady),
                    "max": max((v for _, v, _ in rss), default=None)},
    }


def sample_sync(sync, minute, servers):
    """Per minute and server: the most commits on main the remote lacked, and pushes refused
    (another server got there first). A server whose writes never reach the remote shows here
    long before the end."""
    row = sync.setdefault(minute, {})
    for server in servers:
        status = server.remote_status()
        if not status:
            continue
        entry = row.setdefault(server.name, {"max_unpushed": 0, "refused": None})
        entry["max_unpushed"] = max(entry["max_unpushed"], status.get("unpushedCommits") or 0)
        entry["refused"] = status.get("refusedPushes")
        for key, name in (("lastFetchAt", "last_fetch"), ("lastPushAt", "last_push")):
            entry[name] = (status.get(key) or "")[11:19]
        if status.get("error"):
            entry["last_error"] = status["error"][:300]


def verdict(args, a, b, site, remote, token, docs, uploads, ledger_failures):
    """Convergence, a clean stop, fsck, doctor, and every acknowledged write found everywhere."""
    failures = list(ledger_failures)
    report = {}
    ok, tip = converge([site, b.repo, remote], timeout=180)
    report["converged"] = ok
    if not ok:
        failures.append(f"clones and remote did not converge within 180 s: {tip}")
    for server in (a, b):
        code = server.stop()
        if code not in (0, None):
            failures.append(f"server {server.name} exited with {code} on SIGTERM")
    # A's work tree after kills: an API write's file left behind main would show as modified, and a
    # plain `git commit` would take it back. The human's own uncommitted files (a commit that gave
    # up) are new files, not modifications.
    status = subprocess.run(["git", "-C", site, "status", "--porcelain"], capture_output=True, text=True).stdout.splitlines()
    report["work_tree_behind"] = [line for line in status if line[:2] not in ("??", "A ")][:20]
    if report["work_tree_behind"]:
        failures.append(f"A's work tree is behind main after the stop: {report['work_tree_behind'][:5]}")
    report["fsck"] = [fsck(r) for r in (site, b.repo, remote)]
    report["doctor"] = [doctor(args.quire, r) for r in (site, b.repo)]
    failures += [f"git fsck --strict failed on {f['repo']}: {f['output'][-400:]}" for f in report["fsck"] if not f["ok"]]
    failures += [f"quire doctor --full failed on {d['repo']}: {d['output'][-400:]}" for d in report["doctor"] if not d["ok"]]
    lost = []
    for repo, label in ((site, "a"), (b.repo, "b"), (remote, "remote")):
        lost += check_git(repo, docs, label) + check_uploads(repo, uploads, label)
    # One more start of each: the index (saved or rebuilt) must serve exactly what git holds.
    ledger = Ledger()
    for server in (a, b):
        server.start()
        lost += check_api(Client(server.port, token, ledger, server.name), docs, f"api {server.name}")
        server.stop()
    report["lost"] = lost[:50]
    report["lost_count"] = len(lost)
    if lost:
        failures.append(f"{len(lost)} acknowledged write(s) not found (see lost)")
    report["failures"] = failures
    return report


def print_summary(report):
    ledger = report.get("ledger", {})
    print(f"soak {report['commit']}: {report['articles']} articles, {report['minutes']} min, seed {report['seed']}")
    print(f"  requests {ledger.get('requests')} (answered {ledger.get('answered')}), 5xx {ledger.get('server_errors')}, "
          f"unexpected {ledger.get('unexpected')}")
    print(f"  kills {len(report.get('kills', []))}: {report.get('kills')}")
    print(f"  documents written {report.get('docs_written')} (uncertain after a kill: {report.get('docs_uncertain')}), "
          f"human commits {report.get('human_commits')}, uploads {report.get('uploads')}")
    print(f"  RSS max {report.get('rss_mib', {}).get('max')} MiB, steady slope "
          f"{report.get('rss_mib', {}).get('steady_slope_mib_per_min')} MiB/min")
    for row in ledger.get("per_minute", []):
        parts = [f"{cls} n={v['requests']} down={v['no_answer']} 5xx={v['5xx']} p50={v['p50_ms']} p99={v['p99_ms']} max={v['max_ms']}"
                 for cls, v in row.items() if cls != "minute"]
        print(f"  min {row['minute']:>3}: " + " | ".join(parts))
    for row in report.get("sync_per_minute", []):
        print(f"  sync min {row['minute']:>3}: " + " | ".join(
            f"{name} unpushed<={v['max_unpushed']} refused={v['refused']} fetched={v.get('last_fetch')} pushed={v.get('last_push')}" + (f" error={v['last_error']}" if v.get("last_error") else "")
            for name, v in row.items() if name != "minute"))
    for kind, v in ledger.get("latency_by_kind", {}).items():
        print(f"  {kind:<14} n={v['n']:<6} p50={v['p50_ms']} p99={v['p99_ms']} max={v['max_ms']}")
    for sample in ledger.get("server_error_samples", [])[:5] + ledger.get("unexpected_samples", [])[:10]:
        print("  !", sample)
    for line in report.get("lost", [])[:10]:
        print("  LOST", line)
    print("  " + ("OK" if report.get("ok") else "FAILED: " + "; ".join(report.get("failures", []))))


if __name__ == "__main__":
    main()
