#!/usr/bin/env bash
# Quire's benchmark (`make bench`): reads against the HTTP ceiling, writes against the naive
# git command line, cold start and memory, on generated sites of N articles.
#
# Environment (all optional):
#   N=10000               articles in the site (flat and sharded variants are both run)
#   BENCH_LARGE=1         also run N=100000 (generation and first load take minutes)
#   BENCH_DURATION=10s    wrk duration per read route (e.g. 3s for a quick run)
#   BENCH_SEQ_WRITES=500  sequential creates        BENCH_CONC_WRITES=1000  concurrent creates
#   BENCH_WRITERS=16      concurrent writer threads BENCH_GIT_WRITES=100    git CLI commits
#   BENCH_WRITE_DEADLINE=120  seconds after which a write phase stops starting new creates
#   BENCH_SKIP_BUILD=1    use the existing .build/release/quire and Baseline build
#   BENCH_QUIRE_BIN=PATH  measure this quire binary instead (e.g. one built from a clean clone
#                         of a commit while colleagues' edits are half-way in this tree)
#   BENCH_KEEP=1          keep the temporary sites and logs
#   BENCH_OUT=FILE        where the raw JSON lines go (default: $TMPDIR/quire-bench-<time>.jsonl)
#
# Every request goes to 127.0.0.1; every phase is bounded (wrk by -d, writers and git by a
# deadline, cold start by a timeout); servers started here are killed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bench=$root/Benchmarks

N=${N:-10000}
DURATION=${BENCH_DURATION:-10s}
SEQ_WRITES=${BENCH_SEQ_WRITES:-500}
CONC_WRITES=${BENCH_CONC_WRITES:-1000}
WRITERS=${BENCH_WRITERS:-16}
GIT_WRITES=${BENCH_GIT_WRITES:-100}
WRITE_DEADLINE=${BENCH_WRITE_DEADLINE:-120}
sizes=("$N")
if [ "${BENCH_LARGE:-0}" = 1 ] && [ "$N" != 100000 ]; then sizes+=(100000); fi

work=$(mktemp -d "${TMPDIR:-/tmp}/quire-bench.XXXXXX")
out=${BENCH_OUT:-${TMPDIR:-/tmp}/quire-bench-$(date +%Y%m%d-%H%M%S).jsonl}
: >"$out"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
record() { printf '%s\n' "$1" >>"$out"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }  # utime + stime of a process
# with_cpu PID EXTRA_JSON CMD...: runs CMD (which prints one JSON line) and adds the CPU
# seconds PID used meanwhile, so a slow phase shows whether the server was busy or waiting.
with_cpu() {
  local pid=$1 extra=$2 before result; shift 2
  before=$(cpu_ticks "$pid")
  result=$("$@")
  jq -c --argjson cpu "$(awk -v t="$(( $(cpu_ticks "$pid") - before ))" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }')" \
    ". + {server_cpu_s: \$cpu} + $extra" <<<"$result"
}
# wait_ready PID PORT TOKEN TIMEOUT_S: prints ms from now until the first 200 of an
# authenticated list request, or "fail CODE".
wait_ready() {
  local pid=$1 port=$2 tok=$3 t0 deadline code=000
  t0=$(date +%s%N); deadline=$(( t0 + $4 * 1000000000 ))
  while [ "$(date +%s%N)" -lt "$deadline" ] && kill -0 "$pid" 2>/dev/null; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" \
      "http://127.0.0.1:$port/api/articles?pagination%5BpageSize%5D=1" || true)
    [ "$code" = 200 ] && { echo $(( ($(date +%s%N) - t0) / 1000000 )); return; }
    sleep 0.01
  done
  echo "fail $code"
}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

# ---- tools and builds --------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  $SUDO apt-get update -qq && $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
fi
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  if [ -z "${BENCH_QUIRE_BIN:-}" ]; then
    log "building quire (release)"
    swift build -c release --product quire 2>&1 | tail -3 >&2
  fi
  # Its own scratch path: the main .build is locked whenever a colleague builds, and this
  # package compiles SwiftNIO again (minutes on 2 cores, the first time).
  log "building the trivial Hummingbird baseline (release)"
  (cd "$bench/Baseline" && swift build -c release --scratch-path .build-bench-baseline 2>&1 | tail -3 >&2)
fi
# Copy the binaries: colleagues' builds replace .build/release/quire while this runs.
cp "${BENCH_QUIRE_BIN:-.build/release/quire}" "$work/quire"
cp "$bench/Baseline/.build-bench-baseline/release/baseline" "$work/baseline"
quire=$work/quire

# Which Quire is measured: the commit of the tree the binary came from, and how many of its
# source files differed from that commit (others edit Sources/ while benchmarks run).
src_root=$root
if [ -n "${BENCH_QUIRE_BIN:-}" ]; then src_root=$(cd "$(dirname "$BENCH_QUIRE_BIN")" && git rev-parse --show-toplevel 2>/dev/null || echo "$root"); fi
commit=$(git -C "$src_root" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$src_root" status --porcelain -- Sources Package.swift 2>/dev/null | wc -l)
record "$(printf '{"kind":"machine","nproc":%d,"cpu":"%s","mem_kb":%d,"kernel":"%s","swift":"%s","commit":"%s","dirty_source_files":%d,"loadavg":"%s","duration":"%s","wrk":"-t2 -c64"}' \
  "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')" \
  "$(awk '/MemTotal/ {print $2}' /proc/meminfo)" "$(uname -r)" \
  "$(swift --version 2>&1 | head -1 | sed 's/"//g')" "$commit" "$dirty" "$(cut -d' ' -f1-3 /proc/loadavg)" "$DURATION")"

wrk_run() { # name url [auth header, default the full-access token]
  wrk -t2 -c64 -d"$DURATION" --timeout 5s -H "${3:-Authorization: Bearer $token}" \
    -s "$bench/wrk-report.lua" "$2" -- "$1" | grep '^{"kind":"wrk"' | sed "s/^{/{\"n\":$n,/"
}

# ---- the HTTP ceiling: a trivial Hummingbird route under the same wrk settings --------------
port=$(free_port)
"$work/baseline" "$port" >"$work/baseline.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 500); do curl -sf -o /dev/null "http://127.0.0.1:$port/api/ping" && break; sleep 0.01; done
token=none n=0
log "trivial route: wrk $DURATION"
record "$(wrk_run trivial "http://127.0.0.1:$port/api/ping")"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

# ---- one site: generate, serve, measure ---------------------------------------------------
# bench_site N SHARD: SHARD 0 = flat (reads and writes), 2 = sharded (writes, load, memory).
bench_site() {
  n=$1
  local shard=$2 variant site info port server t0 code
  variant=$([ "$shard" = 0 ] && echo flat || echo sharded)
  site=$work/site-$n-$variant
  log "generating $variant site with $n articles"
  t0=$(date +%s%N)
  info=$(timeout 1800 python3 "$bench/generate-site" "$site" --articles "$n" --shard "$shard")
  local gen_s; gen_s=$(awk -v ns="$(( $(date +%s%N) - t0 ))" 'BEGIN { printf "%.1f", ns / 1e9 }')
  local content_bytes content_du_kb
  # Bytes of the files themselves (du -b would add 4 KiB per shard folder); du -k for disk use.
  content_bytes=$(find "$site/content" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
  content_du_kb=$(du -sk "$site/content" | cut -f1)
  local authors tags sample expect_filter expect_date expect_lemon
  authors=$(jq -r '.author_ids | join(",")' <<<"$info")
  tags=$(jq -r '.tag_ids | join(",")' <<<"$info")
  sample=$(jq -r '.sample_ids[0]' <<<"$info")
  expect_filter=$(jq -r '.guide_min5_articles' <<<"$info")
  expect_date=$(jq -r '.latest_publish_date' <<<"$info")
  expect_lemon=$(jq -r '.lemon_articles' <<<"$info")

  # The git CLI baseline writes into an untouched copy of the same site.
  cp -a "$site" "$site-git"

  log "quire validate"
  t0=$(date +%s%N)
  local problems=0
  timeout 900 "$quire" validate --repo "$site" >"$work/validate-$n-$variant.log" 2>&1 || problems=$(grep -c ':' "$work/validate-$n-$variant.log" || true)
  local validate_ms=$(( ($(date +%s%N) - t0) / 1000000 ))

  token=$("$quire" token create --repo "$site" --name bench --access full-access | tail -1)
  port=$(free_port)
  log "starting quire serve ($variant, $n)"
  t0=$(date +%s%N)
  "$quire" serve --repo "$site" --port "$port" >"$work/serve-$n-$variant.log" 2>&1 &
  server=$!
  pids+=("$server")
  # Cold start: process start to the first 200 of an authenticated list request.
  local cold_ms; cold_ms=$(wait_ready "$server" "$port" "$token" 600)
  if [[ $cold_ms == fail* ]]; then
    log "quire did not answer 200 ($cold_ms); log:"; tail -20 "$work/serve-$n-$variant.log" >&2
    record "{\"kind\":\"failure\",\"n\":$n,\"variant\":\"$variant\",\"what\":\"cold start\",\"last_code\":\"$cold_ms\"}"
    kill "$server" 2>/dev/null || true
    return 0
  fi
  local rss_loaded; rss_loaded=$(rss_kb "$server")
  local rss_reads=null
  record "$(printf '{"kind":"site","n":%d,"variant":"%s","generate_s":%s,"content_bytes":%d,"content_du_kb":%d,"validate_ms":%d,"validate_problems":%d,"cold_start_ms":%d,"rss_loaded_kb":%d,"loaded_line":"%s"}' \
    "$n" "$variant" "$gen_s" "$content_bytes" "$content_du_kb" "$validate_ms" "$problems" "$cold_ms" "$rss_loaded" \
    "$(sed -n 's/.*loaded .* in \([^;]*\); *\(.*\)/\1, \2/p' "$work/serve-$n-$variant.log" | head -1 | tr -d '"\\')")"

  if [ "$shard" = 0 ]; then
    # Read routes: brackets URL-encoded, as a browser or fetch() sends them.
    # The Apostrophe routes (apos-*) read the same articles as list-25 and get-one.
    local -a names=(list-sorted filter-page3 populate get-one search-q filter-sorted
      list-25 apos-list-25 apos-get-one apos-page-tree)
    local -a paths=(
      "/api/articles?sort=publishDate:desc"
      "/api/articles?filters%5Bcategory%5D%5B%24eq%5D=guide&filters%5BreadingMinutes%5D%5B%24gte%5D=5&pagination%5Bpage%5D=3"
      "/api/articles?populate%5B0%5D=author&populate%5B1%5D=tags"
      "/api/articles/$sample"
      "/api/articles?_q=lemon"
      "/api/articles?filters%5Bcategory%5D%5B%24eq%5D=guide&filters%5BreadingMinutes%5D%5B%24gte%5D=5&sort=publishDate:desc"
      "/api/articles?pagination%5BpageSize%5D=25"
      "/api/v1/article?perPage=25"
      "/api/v1/article/$sample"
      "/api/v1/@apostrophecms/page?children%5Bdepth%5D=2"
    )
    local -a expects=(
      "--expect-first-date $expect_date"
      "--expect-total $expect_filter"
      "--expect-populated"
      ""
      "--expect-total $expect_lemon"
      "--expect-total $expect_filter"
      "--expect-items 25"
      "--expect-items 25"
      ""
      ""
    )
    for i in "${!names[@]}"; do
      # shellcheck disable=SC2086 # expects[i] is a list of options
      record "$(python3 "$bench/client.py" probe --port "$port" --token "$token" --name "${names[$i]}" --path "${paths[$i]}" ${expects[$i]} | sed "s/^{/{\"n\":$n,/")"
      log "read ${names[$i]}: wrk $DURATION"
      record "$(with_cpu "$server" '{}' wrk_run "${names[$i]}" "http://127.0.0.1:$port${paths[$i]}")"
    done
    # Diagnostic, not a target: the same get-one without a token (the site lets the public
    # read), so the cost of authenticating each request shows on its own.
    log "read get-one-no-token: wrk $DURATION"
    record "$(with_cpu "$server" '{}' wrk_run get-one-no-token "http://127.0.0.1:$port${paths[3]}" "Accept: application/json")"
    rss_reads=$(rss_kb "$server")
  fi

  log "sequential writer: $SEQ_WRITES creates"
  record "$(with_cpu "$server" "{\"n\":$n,\"variant\":\"$variant\"}" python3 "$bench/client.py" seq --port "$port" \
    --token "$token" --count "$SEQ_WRITES" --deadline "$WRITE_DEADLINE" --authors "$authors" --tags "$tags")"
  log "$WRITERS concurrent writers: $CONC_WRITES creates"
  record "$(with_cpu "$server" "{\"n\":$n,\"variant\":\"$variant\"}" python3 "$bench/client.py" conc --port "$port" \
    --token "$token" --count "$CONC_WRITES" --threads "$WRITERS" --deadline "$WRITE_DEADLINE" --authors "$authors" --tags "$tags")"
  local rss_writes; rss_writes=$(rss_kb "$server")
  # Every acknowledged create must be a commit on main and a document the API lists.
  local total commits
  total=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/articles?pagination%5BpageSize%5D=1" | jq '.meta.pagination.total')
  commits=$(git -C "$site" rev-list --count main)
  local log_problems
  log_problems=$(grep -ciE 'error|warning|critical|fatal' "$work/serve-$n-$variant.log" || true)
  record "$(printf '{"kind":"after","n":%d,"variant":"%s","rss_reads_kb":%s,"rss_writes_kb":%d,"api_total":%s,"main_commits":%d,"log_error_lines":%d,"git_dir_kb":%d}' \
    "$n" "$variant" "$rss_reads" "$rss_writes" "${total:-null}" "$commits" "$log_problems" "$(du -sk "$site/.git" | cut -f1)")"
  kill "$server"; wait "$server" 2>/dev/null || true
  grep -iE 'error|warning|critical|fatal' "$work/serve-$n-$variant.log" | head -5 >&2 || true

  # A restart after the writes: the load reads main's history for createdAt/updatedAt, so
  # its cost grows with the commits the writers just made (and with the trees they wrote).
  log "restart after writes ($commits commits on main)"
  "$quire" serve --repo "$site" --port "$port" >"$work/restart-$n-$variant.log" 2>&1 &
  server=$!
  pids+=("$server")
  local warm_ms; warm_ms=$(wait_ready "$server" "$port" "$token" 300)
  record "$(printf '{"kind":"restart","n":%d,"variant":"%s","commits":%d,"cold_start_ms":"%s","rss_kb":%s,"loaded_line":"%s"}' \
    "$n" "$variant" "$commits" "$warm_ms" "$(rss_kb "$server" 2>/dev/null || echo null)" \
    "$(sed -n 's/.*loaded .* in \([^;]*\); *\(.*\)/\1, \2/p' "$work/restart-$n-$variant.log" | head -1 | tr -d '"\\')")"
  kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true

  # The naive git-backed CMS, with the server stopped so it has both cores too.
  log "git CLI baseline: $GIT_WRITES commits ($variant)"
  record "$(bash "$bench/git-baseline.sh" "$site-git" "$GIT_WRITES" "$shard" plumbing "$WRITE_DEADLINE" | sed "s/^{/{\"n\":$n,\"variant\":\"$variant\",/")"
  record "$(bash "$bench/git-baseline.sh" "$site-git" "$GIT_WRITES" "$shard" porcelain "$WRITE_DEADLINE" | sed "s/^{/{\"n\":$n,\"variant\":\"$variant\",/")"
  [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$site" "$site-git"
}

if ! command -v jq >/dev/null; then $SUDO apt-get install -y -qq jq >/dev/null; fi
for size in "${sizes[@]}"; do
  bench_site "$size" 0
  bench_site "$size" 2
done

log "raw results: $out"
python3 "$bench/report.py" "$out"
