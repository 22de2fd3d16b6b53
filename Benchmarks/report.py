#!/usr/bin/env python3
"""Turns the JSON lines written by Benchmarks/run.sh into the tables and target checks.

Usage: report.py RESULTS.jsonl
"""

import json
import sys


def load(path):
    with open(path) as handle:
        return [json.loads(line) for line in handle if line.strip().startswith("{")]


def num(value):
    """jq turns 4.0 into 4: read measured values back as floats (None stays None)."""
    return None if value is None else float(value)


def fmt(value, digits=1):
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def table(headers, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h)) for i, h in enumerate(headers)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
    print(line(headers))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line(row))
    print()


def cpu_per(record, count_key, scale):
    """Server CPU per request or per create (µs or ms), from /proc/<pid>/stat around the phase."""
    cpu, count = record.get("server_cpu_s"), record.get(count_key)
    return "-" if cpu is None or not count else f"{cpu / count * scale:,.0f}"


def mib(kb):
    return "-" if kb is None else f"{kb / 1024:.0f}"


def verdict(ok):
    return "met" if ok else "NOT met"


def main():
    records = load(sys.argv[1])
    by = lambda kind: [r for r in records if r.get("kind") == kind]
    machine = (by("machine") or [{}])[0]
    print(f"\nQuire benchmark — commit {machine.get('commit')} "
          f"({machine.get('dirty_source_files', '?')} modified source files), "
          f"{machine.get('nproc')} cores {machine.get('cpu')}, {machine.get('mem_kb', 0) // 1024 // 1024} GiB, "
          f"kernel {machine.get('kernel')}, {machine.get('swift')}, load avg at start {machine.get('loadavg')}, "
          f"wrk {machine.get('wrk')} -d{machine.get('duration')}\n")

    trivial = next((r for r in by("wrk") if r["name"] == "trivial"), None)
    base_rps = trivial["rps"] if trivial else None
    targets = []
    sizes = sorted({r["n"] for r in records if r.get("n")})

    for n in sizes:
        print(f"## {n:,} articles\n")
        probes = {r["name"]: r for r in by("probe") if r["n"] == n}
        rows = []
        if trivial:
            rows.append(["trivial Hummingbird route", fmt(trivial["rps"]), fmt(trivial["p50_ms"], 2),
                         fmt(trivial["p99_ms"], 2), trivial["non2xx"], "1.00", "-", "-", "-"])
        for r in (r for r in by("wrk") if r["n"] == n):
            probe = probes.get(r["name"], {})
            ratio = r["rps"] / base_rps if base_rps else None
            applied = probe.get("applied")
            answer = f"{probe.get('status', '-')}" + ("" if applied is None else (" ok" if applied else " WRONG"))
            if probe.get("error"):
                answer += f" ({probe['error'][:50]})"
            cpu = cpu_per(r, "requests", 1e6)
            if r["name"].endswith("no-token"):  # a diagnostic, not a target
                rows.append([r["name"] + " (diagnostic)", fmt(r["rps"]), fmt(r["p50_ms"], 2), fmt(r["p99_ms"], 2),
                             r["non2xx"], fmt(ratio, 2), answer, cpu, "-"])
                continue
            ok = ratio is not None and ratio >= 0.5 and r["p99_ms"] < 10 and r["non2xx"] == 0 and applied is not False
            why = [] if ok else [w for w, bad in (
                ("rate", ratio is None or ratio < 0.5), ("p99", r["p99_ms"] >= 10),
                ("non-2xx", r["non2xx"] > 0), ("answer", applied is False)) if bad]
            rows.append([r["name"], fmt(r["rps"]), fmt(r["p50_ms"], 2), fmt(r["p99_ms"], 2),
                         f"{r['non2xx']:,}" + (f" {r['codes']}" if r["non2xx"] else ""),
                         fmt(ratio, 2), answer, cpu, verdict(ok) + (f" ({', '.join(why)})" if why else "")])
            targets.append((f"{n:,} read {r['name']}: ≥0.5× trivial, p99 <10 ms, all 2xx, right answer", ok))
            if n >= 100_000 and r["name"] == "filter-sorted":
                targets.append((f"{n:,} filtered sorted list p50 <5 ms (got {r['p50_ms']:.2f} ms)",
                                r["p50_ms"] < 5 and r["non2xx"] == 0 and applied is not False))
        if len(rows) > 1:
            print("Reads (flat site):\n")
            table(["route", "req/s", "p50 ms", "p99 ms", "non-2xx", "× trivial", "answer", "server CPU µs/req", "target"], rows)

        rows = []
        for variant in ("flat", "sharded"):
            w = {r["mode"]: r for r in by("writer") if r["n"] == n and r["variant"] == variant}
            g = {r["mode"]: r for r in by("git") if r["n"] == n and r["variant"] == variant}
            if not w:
                continue
            git_rate = max((x["rate"] for x in g.values()), default=None)
            seq, conc = w.get("seq"), w.get("conc")
            for mode, r in (("sequential", seq), (f"{conc['threads'] if conc else ''} concurrent", conc)):
                if not r:
                    continue
                rows.append([variant, mode, f"{r['ok']:,}/{r['attempted']:,}", fmt(num(r["rate"])), fmt(num(r["p50_ms"]), 1),
                             fmt(num(r["p99_ms"]), 1), r["non2xx"], fmt(r["rate"] / git_rate if git_rate else None, 1),
                             cpu_per(r, "ok", 1e3), "deadline hit" if r["hit_deadline"] else ""])
            for mode, r in g.items():
                rows.append([variant, f"git CLI {mode}", f"{r['commits']:,}", fmt(num(r["rate"])), "-", "-", "-",
                             fmt(r["rate"] / git_rate, 1), "-", ""])
            if seq and git_rate:
                targets.append((f"{n:,} {variant}: sequential writes ≥20× git CLI "
                                f"({seq['rate']:.1f}/s vs {git_rate:.1f}/s = {seq['rate'] / git_rate:.1f}×)",
                                seq["rate"] >= 20 * git_rate and seq["non2xx"] == 0))
            if seq and conc:
                targets.append((f"{n:,} {variant}: {conc['threads']} concurrent writers ≥2× sequential "
                                f"({conc['rate']:.1f}/s vs {seq['rate']:.1f}/s = {conc['rate'] / seq['rate']:.1f}×)",
                                conc["rate"] >= 2 * seq["rate"] and conc["non2xx"] == 0))
            if n >= 100_000:
                goal = 100 if variant == "flat" else 500
                for r in (seq, conc):
                    if r:
                        label = "sequential" if r["mode"] == "seq" else f"{r['threads']} concurrent"
                        targets.append((f"{n:,} {variant}: writes ≥{goal}/s, {label} (got {r['rate']:.1f}/s)",
                                        r["rate"] >= goal))
        if rows:
            print("Writes (POST /api/articles, one commit each; rate = acknowledged creates/s):\n")
            table(["site", "writer", "ok/attempted", "per s", "p50 ms", "p99 ms", "non-2xx", "× best git CLI", "server CPU ms/create", ""], rows)

        rows = []
        for s in (r for r in by("site") if r["n"] == n):
            after = next((a for a in by("after") if a["n"] == n and a["variant"] == s["variant"]), {})
            rss_used = after.get("rss_reads_kb") or s["rss_loaded_kb"]
            ratio = rss_used * 1024 / s["content_bytes"]
            rows.append([s["variant"], f"{s['cold_start_ms']:,} ms", s.get("loaded_line", ""),
                         f"{s['content_bytes'] / 1e6:.1f} MB ({s['content_du_kb'] / 1024:.0f} MiB du)",
                         f"{s['rss_loaded_kb'] / 1024:.0f} MiB", mib(after.get("rss_reads_kb")), mib(after.get("rss_writes_kb")), f"{ratio:.2f}×",
                         s["validate_problems"], f"{after.get('api_total', '-')}/{after.get('main_commits', '-')}",
                         after.get("log_error_lines", "-")])
            targets.append((f"{n:,} {s['variant']}: cold start <2 s (got {s['cold_start_ms'] / 1000:.2f} s)",
                            s["cold_start_ms"] < 2000))
            targets.append((f"{n:,} {s['variant']}: RSS <3× content bytes (got {ratio:.2f}×)", ratio < 3))
        restarts = [r for r in by("restart") if r["n"] == n]
        if restarts:
            print("Restart after the writes (the load walks main's history for createdAt/updatedAt):\n")
            table(["site", "commits on main", "cold start ms", "server's own load line", "RSS MiB"],
                  [[r["variant"], r["commits"], r["cold_start_ms"], r["loaded_line"], mib(r["rss_kb"])] for r in restarts])
        for f in (r for r in by("failure") if r["n"] == n):
            print(f"FAILURE: {f}")
            targets.append((f"{n:,} {f['variant']}: {f['what']}", False))
        if rows:
            print("Load and memory (RSS ratio: after reads for flat, after load for sharded, over content bytes):\n")
            table(["site", "cold start", "server's own load line", "content", "RSS loaded", "RSS reads MiB",
                   "RSS writes MiB", "RSS/content", "validate problems", "API total/commits", "log error lines"], rows)

    print("Targets:\n")
    for label, ok in targets:
        print(f"  [{'met' if ok else 'NOT met':>7}] {label}")
    print()


if __name__ == "__main__":
    main()
