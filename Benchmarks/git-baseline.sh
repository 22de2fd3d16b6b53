#!/usr/bin/env bash
# The naive git-backed CMS: one git command-line commit per write, into the same kind of
# site Quire is measured on. This is the floor Quire's writers are compared with.
#
# Usage: git-baseline.sh SITE_DIR COUNT SHARD MODE [DEADLINE_SECONDS]
#   SHARD  0 for one flat article folder, K to write under content/en/article/<first K chars>/
#   MODE   plumbing: hash-object -w, update-index --cacheinfo, write-tree, commit-tree,
#                    update-ref (what a careful script would do: no work-tree scan)
#          porcelain: git add <file> && git commit (what most would write first; commit
#                    also refreshes the whole index, so it stats every file)
# Prints one JSON line. Stops starting new commits after DEADLINE seconds (default 120).
set -euo pipefail
site=$1 count=$2 shard=$3 mode=$4 deadline=${5:-120}
cd "$site"
export GIT_AUTHOR_NAME="Git Baseline" GIT_AUTHOR_EMAIL=baseline@quire.example
export GIT_COMMITTER_NAME="Git Baseline" GIT_COMMITTER_EMAIL=baseline@quire.example

start=$(date +%s%N)
limit=$((start + deadline * 1000000000))
done_count=0
for i in $(seq 1 "$count"); do
  [ "$(date +%s%N)" -lt "$limit" ] || break
  # Ids sort all over the folder, like Quire's random documentIds.
  id=$(printf '%s%06d' "$(printf '%s' "$mode$i" | md5sum | tr -dc 'a-z' | head -c 6)" "$i")
  id=${id:0:24}
  if [ "$shard" -gt 0 ]; then path="content/en/article/${id:0:$shard}/$id.yaml"; else path="content/en/article/$id.yaml"; fi
  mkdir -p "$(dirname "$path")"
  printf 'title: Git baseline %s\nslug: git-baseline-%s-%s\ncategory: news\nauthor: author-00000\nbody: |\n  %s\n' \
    "$i" "$mode" "$i" "$(head -c 900 /dev/zero | tr '\0' 'x')" >"$path"
  if [ "$mode" = plumbing ]; then
    blob=$(git hash-object -w "$path")
    git update-index --add --cacheinfo "100644,$blob,$path"
    tree=$(git write-tree)
    commit=$(git commit-tree "$tree" -p HEAD -m "Create $id")
    git update-ref refs/heads/main "$commit"
  else
    git add "$path"
    git commit -q -m "Create $id"
  fi
  done_count=$i
done
end=$(date +%s%N)
awk -v n="$done_count" -v ns="$((end - start))" -v mode="$mode" -v shard="$shard" \
  'BEGIN { s = ns / 1e9; printf "{\"kind\":\"git\",\"mode\":\"%s\",\"shard\":%d,\"commits\":%d,\"seconds\":%.3f,\"rate\":%.2f}\n", mode, shard, n, s, (s > 0 ? n / s : 0) }'
