#!/usr/bin/env bash
# RSS of `quire serve` on a copy of a generated site, for one or more binaries in one run (so
# the numbers compare as ratios): started from the saved index, once its CPU settles (the
# background warm-up done), then after the searches and case-insensitive filters a frontend
# sends (`_q`, `$containsi`, both views).
#
#   Benchmarks/memory.sh SITE_DIR BIN [BIN...]     e.g. after generate-site /tmp/s100k --articles 100000 --shard 2
#
# The first binary makes the saved index (a first load); each binary then starts from it twice,
# alternating. Knobs: PORT (default 18400). Only 127.0.0.1 is contacted.
set -euo pipefail
site=$1; shift
PORT=${PORT:-18400}
work=$(mktemp -d /tmp/quire-memory.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cp -a "$site" "$work/site"
rm -f "$work/site/.git/quire/index.bin" "$work/site/.git/quire/index.journal" "$work/site/.git/quire/times.json"
content_mib=$(du -sm --apparent-size "$site/content" | cut -f1)
echo "site $site: content ${content_mib} MiB (apparent size)"

rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"; }
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
start() {  # bin -> sets pid, token; waits for /_health
  token=$("$1" token create --repo "$work/site" --name bench --access full-access | tail -1)
  "$1" serve --repo "$work/site" --port "$PORT" >"$work/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 12000); do
    curl -sf "http://127.0.0.1:$PORT/_health" -o /dev/null -H "Authorization: Bearer $token" && return 0
    sleep 0.05
  done
  echo "no answer from $1" >&2; exit 1
}
settle() {  # until the server used under 0.1 s of CPU in 5 s (at most 5 minutes)
  local previous now
  previous=$(ticks)
  for _ in $(seq 1 60); do sleep 5; now=$(ticks); [ $((now - previous)) -lt 10 ] && return 0; previous=$now; done
}
stop() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

start "$1"; settle; stop   # the first load writes the saved index
for round in 1 2; do
  for bin in "$@"; do
    start "$bin"; settle
    settled=$(rss)
    for query in '_q=lemon' '_q=e' 'status=draft&_q=lemon' 'filters[body][$containsi]=Harbour' \
                 'status=draft&filters[summary][$containsi]=fig' 'filters[title][$containsi]=orange'; do
      curl -sgf -o /dev/null "http://127.0.0.1:$PORT/api/articles?$query&fields=title" -H "Authorization: Bearer $token"
    done
    settle
    echo "{\"bin\": \"$bin\", \"round\": $round, \"rss_settled_mib\": $settled, \"rss_after_queries_mib\": $(rss), \"content_mib\": $content_mib}"
    stop
  done
done
