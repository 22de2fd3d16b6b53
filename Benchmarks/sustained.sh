#!/usr/bin/env bash
# Sustained durable creates for SECONDS (default 120) against one or more `quire` binaries on
# copies of one generated site, one after the other in the same run: rate, latency and the
# server's CPU per create over the whole window, which includes the periodic saved-index work
# that short runs (scale.sh) rarely see.
#
#   Benchmarks/sustained.sh SITE_DIR BIN [BIN...]
#
# Knobs: SECONDS_RUN (default 120), PORT (default 18320). Only 127.0.0.1 is contacted; every
# server started here is killed on exit.
set -euo pipefail
site=$1; shift
SECONDS_RUN=${SECONDS_RUN:-120}; PORT=${PORT:-18320}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/quire-sustained.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
authors=$(ls "$site/content/en/author" | head -3 | sed 's/\.yaml$//' | paste -sd,)
tags=$(ls "$site/content/en/tag" | head -3 | sed 's/\.yaml$//' | paste -sd,)
hz=$(getconf CLK_TCK)
for bin in "$@"; do
  repo="$work/site"
  rm -rf "$repo"; cp -a "$site" "$repo"
  TOKEN=$("$bin" token create --repo "$repo" --name bench --access full-access | tail -1)
  "$bin" serve --repo "$repo" --port "$PORT" >"$work/serve.log" 2>&1 &
  pid=$!; pids+=("$pid")
  for _ in $(seq 1 6000); do
    curl -sf "http://127.0.0.1:$PORT/_health" -o /dev/null -H "Authorization: Bearer $TOKEN" && break
    sleep 0.1
  done
  c0=$(cpu_ticks "$pid")
  json=$(python3 "$here/client.py" seq --port "$PORT" --token "$TOKEN" --count 1000000 --deadline "$SECONDS_RUN" \
    --authors "$authors" --tags "$tags" --run-tag "u$RANDOM")
  c1=$(cpu_ticks "$pid")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  python3 - "$bin" "$c0" "$c1" "$hz" "$json" <<'PY'
import json, sys
bin, c0, c1, hz, run = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), json.loads(sys.argv[5])
ok = max(1, run.get("ok", 1))
print(json.dumps({"bin": bin, "creates": run.get("ok"), "seconds": run.get("seconds"), "per_s": run.get("rate"),
    "p50_ms": run.get("p50_ms"), "p99_ms": run.get("p99_ms"), "server_cpu_ms_per_create": round((c1 - c0) / hz * 1000 / ok, 2),
    "server_cpu_share": round((c1 - c0) / hz / max(0.001, run.get("seconds") or 1), 2)}))
PY
done
