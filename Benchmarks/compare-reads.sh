#!/usr/bin/env bash
# Before/after for the read path: the same read routes against two quire binaries on one
# generated site, in one run, with the trivial Hummingbird route measured before and after
# them as the yardstick. The machine is shared and noisy: compare ratios, not req/s.
#
# Usage: Benchmarks/compare-reads.sh BEFORE_QUIRE AFTER_QUIRE BASELINE
#   BASELINE is Benchmarks/Baseline's binary (run.sh builds it into
#   Benchmarks/Baseline/.build-bench-baseline/release/baseline).
# Environment: N=2000 articles, BENCH_DURATION=10s per route.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=$PWD/Benchmarks
before=$1 after=$2 baseline=$3
N=${N:-2000}
DURATION=${BENCH_DURATION:-10s}
work=$(mktemp -d "${TMPDIR:-/tmp}/quire-compare.XXXXXX")
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 1 3000); do curl -sf -o /dev/null "$1" && return; sleep 0.05; done; echo "not up: $1" >&2; exit 1; }
wrk_run() { # label name url
  wrk -t2 -c64 -d"$DURATION" --timeout 5s -H "Authorization: Bearer $token" -s "$bench/wrk-report.lua" "$3" -- "$2" \
    | grep '^{"kind":"wrk"' | sed "s/^{/{\"binary\":\"$1\",/"
}

info=$(python3 "$bench/generate-site" "$work/site" --articles "$N")
sample=$(jq -r '.sample_ids[0]' <<<"$info")
token=$("$after" token create --repo "$work/site" --name bench --access full-access | tail -1)
names=(list-25 get-one apos-list-25 apos-get-one apos-page-tree)
paths=(
  "/api/articles?pagination%5BpageSize%5D=25"
  "/api/articles/$sample"
  "/api/v1/article?perPage=25"
  "/api/v1/article/$sample"
  "/api/v1/@apostrophecms/page?children%5Bdepth%5D=2"
)

trivial() {
  local port; port=$(free_port)
  "$baseline" "$port" >/dev/null 2>&1 &
  server=$!
  wait_up "http://127.0.0.1:$port/api/ping"
  wrk_run baseline trivial "http://127.0.0.1:$port/api/ping"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
}

routes() { # label binary
  local port; port=$(free_port)
  "$2" serve --repo "$work/site" --port "$port" --no-pack >"$work/serve-$1.log" 2>&1 &
  server=$!
  wait_up "http://127.0.0.1:$port/api/articles?pagination%5BpageSize%5D=1"
  for i in "${!names[@]}"; do
    curl -sf -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port${paths[$i]}"  # warm
    wrk_run "$1" "${names[$i]}" "http://127.0.0.1:$port${paths[$i]}"
  done
  kill "$server"; wait "$server" 2>/dev/null || true; server=
}

{
  trivial
  routes before "$before"
  routes after "$after"
  trivial
} >"$work/results.jsonl"
cat "$work/results.jsonl"
python3 - "$work/results.jsonl" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
base = [r["rps"] for r in rows if r["name"] == "trivial"]
mean = sum(base) / len(base)
print("trivial route: " + ", ".join(f"{b:,.0f}" for b in base) + f" req/s (mean {mean:,.0f})")
print(f"{'route':<16}{'binary':<8}{'req/s':>10}{'p99 ms':>9}{'non-2xx':>9}{'x trivial':>11}")
for r in rows:
    if r["name"] != "trivial":
        print(f"{r['name']:<16}{r['binary']:<8}{r['rps']:>10,.0f}{r['p99_ms']:>9.2f}{r['non2xx']:>9}{r['rps'] / mean:>11.2f}")
PY
