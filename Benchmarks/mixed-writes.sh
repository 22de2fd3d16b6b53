#!/usr/bin/env bash
# Creates, edits and middle deletes (Benchmarks/mixed_writes.py) against one or more `quire`
# binaries, one after the other on the same site (pass a copy: it is written to), with four
# sorted orders warm so that writes carry them over: latency per kind, writes/s, the server's
# CPU per write from /proc/<pid>/stat, RSS, and the time to /_health (a restart from the saved
# index once the site has been served).
#
#   cp -a /tmp/sites/s100k /tmp/m100k && Benchmarks/mixed-writes.sh /tmp/m100k 100 BIN [BIN...]
#
# Knobs: PORT (default 18330), PERF_DIR (record `perf record -g` of each binary's writes there).
set -euo pipefail
site=$1; rounds=$2; shift 2
PORT=${PORT:-18330}
here=$(cd "$(dirname "$0")" && pwd)
pid=""
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true' EXIT
hz=$(getconf CLK_TCK)
for bin in "$@"; do
  TOKEN=$("$bin" token create --repo "$site" --name mixed --access full-access | tail -1)
  t0=$(date +%s%N)
  "$bin" serve --repo "$site" --port "$PORT" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 6000); do curl -sf "http://127.0.0.1:$PORT/_health" -o /dev/null -H "Authorization: Bearer $TOKEN" && break; sleep 0.05; done
  start_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  rss0=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  python3 "$here/mixed_writes.py" "$PORT" "$TOKEN" 3 "w$RANDOM" >/dev/null
  c0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  perf_pid=""
  if [ -n "${PERF_DIR:-}" ]; then
    perf record -F 499 -g -p "$pid" -o "$PERF_DIR/$(basename "$bin").perf" -- sleep 100000 >/dev/null 2>&1 & perf_pid=$!
  fi
  result=$(python3 "$here/mixed_writes.py" "$PORT" "$TOKEN" "$rounds" "r$RANDOM" | tail -1)
  c1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  [ -n "$perf_pid" ] && { kill -INT "$perf_pid"; wait "$perf_pid" || true; }
  rss1=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  cpu=$(python3 -c "print(round(($c1 - $c0) / $hz * 1000 / (3 * $rounds), 2))")
  echo "{\"bin\": \"$bin\", \"start_ms\": $start_ms, \"rss_start_mib\": $rss0, \"rss_after_mib\": $rss1, \"server_cpu_ms_per_write\": $cpu, \"writes\": $result}"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done
