#!/usr/bin/env bash
# Background packing: what a stream of writes into a big flat folder leaves on disk, and what
# it costs, with Quire's packing on and off, against `git gc` of the same final repository.
#
#   Benchmarks/packing.sh            N=10000 WRITES=600 (env), release build unless BENCH_SKIP_BUILD=1
#
# Prints JSON lines: per variant the .git size, loose objects and packs after the writes, the
# write rate, and the cold start (process start to first 200) of a server on the result.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD bench=$root/Benchmarks
N=${N:-10000} WRITES=${WRITES:-600}
work=$(mktemp -d "${TMPDIR:-/tmp}/quire-packing.XXXXXX")
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
log() { printf '[packing %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
git_kb() { du -sk "$1/.git" | cut -f1; }
count() { git -C "$1" count-objects -v | awk -v k="$2" '$1 == k":" { print $2 }'; }

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then swift build -c release --product quire 2>&1 | tail -1 >&2; fi
cp .build/release/quire "$work/quire"
quire=$work/quire

# serve SITE ARGS...: starts a server, waits for its first 200; prints "PID PORT TOKEN COLD_MS".
serve() {
  local site=$1 port token t0 pid; shift
  token=$("$quire" token create --repo "$site" --name bench --access full-access | tail -1)
  port=$(free_port)
  t0=$(date +%s%N)
  "$quire" serve --repo "$site" --port "$port" "$@" >>"$work/serve.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  until curl -sf -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/articles?pagination%5BpageSize%5D=1"; do
    kill -0 "$pid" || { log "server died"; tail "$work/serve.log" >&2; exit 1; }
    sleep 0.01
  done
  echo "$pid $port $token $(( ($(date +%s%N) - t0) / 1000000 ))"
}

# cold_start SITE: the median of three starts (process start to first 200), in ms.
cold_start() {
  local runs=() pid ms
  for _ in 1 2 3; do
    read -r pid _ _ ms < <(serve "$1" --no-pack)
    kill "$pid"; wait "$pid" 2>/dev/null || true
    runs+=("$ms")
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p
}

log "generating a flat site with $N articles"
info=$(python3 "$bench/generate-site" "$work/site" --articles "$N" --shard 0)
authors=$(jq -r '.author_ids | join(",")' <<<"$info")
tags=$(jq -r '.tag_ids | join(",")' <<<"$info")
git -C "$work/site" gc -q   # both variants start from the same packed repository
cp -a "$work/site" "$work/site-nopack"

for variant in pack nopack; do
  site=$work/site; flag=--pack
  [ "$variant" = nopack ] && { site=$work/site-nopack; flag=--no-pack; }
  read -r pid port token _ < <(serve "$site" "$flag")
  log "$variant: $WRITES sequential creates"
  writes=$(python3 "$bench/client.py" seq --port "$port" --token "$token" --count "$WRITES" --deadline 600 --authors "$authors" --tags "$tags")
  # Let a pack in progress finish: the server packs every 10 s at most.
  [ "$variant" = pack ] && sleep 12
  kill "$pid"; wait "$pid" 2>/dev/null || true
  cold=$(cold_start "$site")
  printf '{"variant":"%s","n":%d,"writes":%s,"git_kb":%d,"loose":%d,"packs":%d,"cold_start_ms":%d}\n' \
    "$variant" "$N" "$writes" "$(git_kb "$site")" "$(count "$site" count)" "$(count "$site" packs)" "$cold"
done

log "baseline: git gc of the unpacked result"
cp -a "$work/site-nopack" "$work/site-gc"
t0=$(date +%s%N)
git -C "$work/site-gc" gc -q
gc_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
cold=$(cold_start "$work/site-gc")
git -C "$work/site" fsck --strict --no-dangling >&2 && log "fsck of the packed site: clean"
printf '{"variant":"git-gc","n":%d,"gc_ms":%d,"git_kb":%d,"loose":%d,"packs":%d,"cold_start_ms":%d}\n' \
  "$N" "$gc_ms" "$(git_kb "$work/site-gc")" "$(count "$work/site-gc" count)" "$(count "$work/site-gc" packs)" "$cold"
