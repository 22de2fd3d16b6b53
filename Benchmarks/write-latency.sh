#!/usr/bin/env bash
# Cold start of a site and the latency of sequential single-client writes (each acknowledged
# only after its commit and ref update are durable), against the release build.
# Usage: Benchmarks/write-latency.sh [writes=200]
set -euo pipefail
cd "$(dirname "$0")/.."
writes=${1:-200}
swift build -c release --product quire >/dev/null
bin=.build/release/quire
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
$bin init "$work/site" >/dev/null
token=$($bin token create --repo "$work/site" --name bench --access full-access | tail -1)
port=$((20000 + RANDOM % 10000))
start=$(date +%s%N)
$bin serve --repo "$work/site" --port $port >"$work/log" 2>&1 &
server=$!
until curl -s -o /dev/null "http://127.0.0.1:$port/api/articles"; do sleep 0.01; done
echo "cold start (process start to first answer): $(( ($(date +%s%N) - start) / 1000000 )) ms"
for i in $(seq 1 "$writes"); do
  curl -s -o /dev/null -w '%{time_total}\n' -X PUT "http://127.0.0.1:$port/api/articles/hello-quire" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "{\"data\":{\"title\":\"Hello $i\"}}"
done | sort -n | awk '{ a[NR] = $1 } END { printf "writes: %d, median %.1f ms, p99 %.1f ms\n", NR, a[int(NR/2)+1]*1000, a[int(NR*0.99)]*1000 }'
echo "commits on main: $(git -C "$work/site" rev-list --count main)"
git -C "$work/site" fsck --strict 2>&1 | tail -1 || true
