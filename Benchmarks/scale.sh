#!/usr/bin/env bash
# Issue 11's measures for one or two `quire` binaries on copies of one generated site, in one
# run, so the numbers compare as ratios: first load (no saved index), restart (saved index
# present), sequential and concurrent durable creates with server CPU per create, RSS, and a
# restart after SIGKILL in the middle of writes.
#
#   Benchmarks/scale.sh SITE_DIR BIN [BIN...]      e.g. after generate-site /tmp/s100k --articles 100000 --shard 2
#
# Knobs: SEQ (creates, default 300), CONC (default 600), THREADS (default 16), PORT (default 18300).
# Only 127.0.0.1 is contacted; every server started here is killed on exit.
set -euo pipefail
site=$1; shift
SEQ=${SEQ:-300}; CONC=${CONC:-600}; THREADS=${THREADS:-16}; PORT=${PORT:-18300}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/quire-scale.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mib() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }

start_server() {  # bin repo -> pid; waits for /_health
  local bin=$1 repo=$2 t0
  t0=$(date +%s%N)
  "$bin" serve --repo "$repo" --port "$PORT" >"$work/serve.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 1 6000); do
    if curl -sf "http://127.0.0.1:$PORT/_health" -o /dev/null -H "Authorization: Bearer $TOKEN"; then break; fi
    sleep 0.05
  done
  echo "$pid $(ms_since "$t0")"
}

content_mib=$(du -sm --apparent-size "$site/content" | cut -f1)
authors=$(ls "$site/content/en/author" | head -3 | sed 's/\.yaml$//' | paste -sd,)
tags=$(ls "$site/content/en/tag" | head -3 | sed 's/\.yaml$//' | paste -sd,)
hz=$(getconf CLK_TCK)
echo "site $site: content ${content_mib} MiB, $(git -C "$site" ls-tree -r --name-only main content | wc -l) files"
for bin in "$@"; do
  repo="$work/site"
  rm -rf "$repo"; cp -a "$site" "$repo"
  rm -f "$repo/.git/quire/index.bin" "$repo/.git/quire/times.json"
  TOKEN=$("$bin" token create --repo "$repo" --name bench --access full-access | tail -1)
  read -r pid first < <(start_server "$bin" "$repo")
  rss_loaded=$(rss_mib "$pid")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  read -r pid restart < <(start_server "$bin" "$repo")
  c0=$(cpu_ticks "$pid")
  seq_json=$(python3 "$here/client.py" seq --port "$PORT" --token "$TOKEN" --count "$SEQ" --deadline 120 --authors "$authors" --tags "$tags" --run-tag "s$RANDOM")
  c1=$(cpu_ticks "$pid")
  conc_json=$(python3 "$here/client.py" conc --port "$PORT" --token "$TOKEN" --count "$CONC" --threads "$THREADS" --deadline 120 --authors "$authors" --tags "$tags" --run-tag "c$RANDOM")
  c2=$(cpu_ticks "$pid")
  rss_after=$(rss_mib "$pid")
  # Killed in the middle of writes: the next start resumes from the last saved index.
  python3 "$here/client.py" conc --port "$PORT" --token "$TOKEN" --count 100000 --threads 4 --deadline 3 --authors "$authors" --tags "$tags" --run-tag "k$RANDOM" >/dev/null &
  sleep 1.5; kill -9 "$pid"; wait "$pid" 2>/dev/null || true; wait || true
  read -r pid killed < <(start_server "$bin" "$repo")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  python3 - "$bin" "$first" "$restart" "$killed" "$rss_loaded" "$rss_after" "$content_mib" "$c0" "$c1" "$c2" "$hz" "$seq_json" "$conc_json" <<'PY'
import json, sys
bin, first, restart, killed, rss0, rss1, content, c0, c1, c2, hz = sys.argv[1:12]
seq, conc = json.loads(sys.argv[12]), json.loads(sys.argv[13])
hz = int(hz)
cpu_seq = (int(c1) - int(c0)) / hz * 1000 / max(1, seq.get("ok", 1))
cpu_conc = (int(c2) - int(c1)) / hz * 1000 / max(1, conc.get("ok", 1))
print(json.dumps({"bin": bin, "first_load_ms": int(first), "restart_ms": int(restart), "restart_after_kill_ms": int(killed),
    "rss_loaded_mib": int(rss0), "rss_after_writes_mib": int(rss1), "content_mib": int(content),
    "seq_per_s": seq.get("rate"), "seq_p50_ms": seq.get("p50_ms"), "seq_p99_ms": seq.get("p99_ms"), "seq_cpu_ms": round(cpu_seq, 2),
    "conc_per_s": conc.get("rate"), "conc_p99_ms": conc.get("p99_ms"), "conc_cpu_ms": round(cpu_conc, 2),
    "seq_ok": seq.get("ok"), "conc_ok": conc.get("ok")}))
PY
done
