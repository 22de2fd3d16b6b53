#!/usr/bin/env bash
# `quire import` of N generated articles (plus N/50 authors they relate to) into a
# generate-site site, against `git fast-import` of exactly the same commits as the baseline.
#
# Usage: Benchmarks/import.sh N [SHARD] [WORK_DIR]
#   N      articles (1000000 for the issue's target)
#   SHARD  0 for one flat article folder, K (default 2) for content/en/article/<K chars>/
# Needs a release build (.build/release/quire). Prints one JSON line; keeps WORK_DIR.
#
# Baseline: the import's own commits, exported with `git fast-export BASE..main` (not timed)
# and loaded with `git fast-import` into a fresh copy of the same site: git's fastest way to
# write the same blobs, trees and commits (one pack, no validation, no per-commit fsync),
# followed by `git reset --hard` to write the new files into the work tree as the import does.
set -euo pipefail
count=$1 shard=${2:-2}
work=${3:-$(mktemp -d /tmp/quire-import-bench.XXXXXX)}
here=$(cd "$(dirname "$0")" && pwd)
quire=$here/../.build/release/quire
mkdir -p "$work"
cd "$work"

if [ ! -f input.ndjson ]; then
  "$here/generate-import" base input.ndjson --articles "$count" --shard "$shard" >generate.json
fi
rm -rf site baseline export.fi
cp -a base site
cp -a base baseline
base_tip=$(git -C site rev-parse main)

# The measured run: validation of every line, then the batched commits, then the work tree.
/usr/bin/time -f '%e %M' -o quire.time "$quire" import --repo site input.ndjson --author "Bench <bench@quire.example>" >quire.out
read -r quire_seconds quire_kb <quire.time
git -C site fsck --no-dangling >/dev/null
documents=$(git -C site ls-tree -r --name-only main content/en/article content/en/author | wc -l)
commits=$(git -C site rev-list --count "$base_tip..main")

git -C site fast-export --reference-excluded-parents "$base_tip..main" >export.fi
# fast-import, then the work tree (the import writes the new files into the checkout too).
/usr/bin/time -f '%e %M' -o baseline.time sh -c 'git -C baseline fast-import --quiet <export.fi && git -C baseline reset -q --hard main'
read -r git_seconds git_kb <baseline.time
[ "$(git -C baseline rev-parse main)" = "$(git -C site rev-parse main)" ] || { echo "baseline differs" >&2; exit 1; }

python3 - "$count" "$shard" "$quire_seconds" "$quire_kb" "$git_seconds" "$git_kb" "$documents" "$commits" "$(stat -c %s input.ndjson)" <<'PY'
import json, sys
n, shard, qs, qkb, gs, gkb, docs, commits, size = sys.argv[1:]
print(json.dumps({
    "articles": int(n), "shard": int(shard), "input_bytes": int(size), "documents_in_main": int(docs),
    "import_commits": int(commits), "quire_import_s": float(qs), "quire_max_rss_mib": int(qkb) // 1024,
    "quire_documents_per_s": round(int(docs) / float(qs)), "git_fast_import_s": float(gs),
    "git_fast_import_max_rss_mib": int(gkb) // 1024, "ratio_quire_to_git": round(float(qs) / float(gs), 2),
}))
PY
