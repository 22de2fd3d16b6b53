#!/usr/bin/env bash
# Several servers on one bare remote (release build): concurrent creates through all of them,
# then how long until the remote and every server hold every write. Also one server alone, for
# the write throughput without a remote.
# Usage: Benchmarks/remote-sync.sh [writes per server=100] [servers=3] [fetch interval=1]
set -euo pipefail
cd "$(dirname "$0")/.."
per=${1:-100}
count=${2:-3}
interval=${3:-1}
[ "${BENCH_SKIP_BUILD:-}" = 1 ] || swift build -c release --product quire >/dev/null
bin=$PWD/.build/release/quire
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

$bin init "$work/seed" >/dev/null
git clone --quiet --bare "$work/seed" "$work/site.git"
ports=()
tokens=()
for n in $(seq 0 $((count))); do
  # Server $count is the one without a remote (the baseline).
  git clone --quiet "$work/site.git" "$work/s$n"
  tokens[$n]=$($bin token create --repo "$work/s$n" --name "bench $n" --access full-access | tail -1)
  ports[$n]=$((20000 + RANDOM % 10000))
  if [ "$n" -lt "$count" ]; then
    $bin serve --repo "$work/s$n" --remote "$work/site.git" --fetch-interval "$interval" --port "${ports[$n]}" >"$work/log$n" 2>&1 &
  else
    $bin serve --repo "$work/s$n" --port "${ports[$n]}" >"$work/log$n" 2>&1 &
  fi
  pids+=($!)
done
for n in $(seq 0 $count); do
  until curl -s -o /dev/null "http://127.0.0.1:${ports[$n]}/api/articles"; do sleep 0.02; done
done

# Eight concurrent clients per server, each create its own commit.
creates() { # server, how many, prefix
  seq 1 "$2" | xargs -P 8 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST "http://127.0.0.1:${ports[$1]}/api/authors" \
    -H "Authorization: Bearer ${tokens[$1]}" -H 'Content-Type: application/json' -d "{\"data\":{\"name\":\"$3 {}\"}}"
}

start=$(now)
creates "$count" $((per * count)) alone | sort | uniq -c | tr '\n' ' '
echo "<- one server without a remote: $((per * count)) creates in $(ms "$start" "$(now)") ms"

start=$(now)
writers=()
for n in $(seq 0 $((count - 1))); do creates "$n" "$per" "server$n" >"$work/codes$n" & writers+=($!); done
wait "${writers[@]}"
acked=$(now)
cat "$work"/codes* | sort | uniq -c | tr '\n' ' '
echo "<- $count servers with a remote: $((per * count)) creates acknowledged in $(ms "$start" "$acked") ms"

expected=$((per * count))
base=$(git -C "$work/seed" ls-tree -r --name-only main content/en/author | wc -l)
until [ "$(git -C "$work/site.git" ls-tree -r --name-only main content/en/author | wc -l)" -ge $((base + expected)) ]; do sleep 0.02; done
echo "remote holds every write $(ms "$acked" "$(now)") ms after the last acknowledgement"
for n in $(seq 0 $((count - 1))); do
  until [ "$(curl -s "http://127.0.0.1:${ports[$n]}/api/authors?pagination%5BpageSize%5D=1" -H "Authorization: Bearer ${tokens[$n]}" \
    | sed -n 's/.*"total":\([0-9]*\).*/\1/p')" -ge $((base + expected)) ]; do sleep 0.02; done
  echo "server $n serves every write $(ms "$acked" "$(now)") ms after the last acknowledgement"
done
echo "commits on the remote's main: $(git -C "$work/site.git" rev-list --count main), merges: $(git -C "$work/site.git" rev-list --merges --count main)"
git -C "$work/site.git" fsck --strict 2>&1 | tail -1 || true
grep -h "error" "$work"/log* | head -5 || true
