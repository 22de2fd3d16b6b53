#!/usr/bin/env bash
# A push of new commits to a remote on a path, at a large site: libgit2's local transport (how
# Quire pushed and fetched before) against LocalTransfer, on copies of the same remote, in one
# process (the server's libgit2 cache settings), alternating, several rounds. It runs in the
# debug test build (`swift build --build-tests`): LocalTransfer's Swift loop is unoptimised there.
# Usage: Benchmarks/local-transfer.sh [articles=100000] [new commits=500] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-100000}
commits=${2:-500}
rounds=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/generate-site "$work/site" --articles "$articles" --shard 2 >/dev/null
git init -q --bare -b main "$work/remote.git"
git -C "$work/site" push -q "$work/remote.git" main
# New commits on the site's main, each editing one article (as a server's writes do).
python3 - "$work/site" "$commits" <<'PY'
import random, subprocess, sys, time
repo, n = sys.argv[1], int(sys.argv[2])
paths = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "--name-only", "main", "content/en/article"],
                       capture_output=True, text=True, check=True).stdout.split()
rng, t, out = random.Random(1), int(time.time()), []
for i in range(n):
    data = f"title: edit {i}\nslug: edit-{i}\n".encode()
    out.append(f"commit refs/heads/main\ncommitter Bench <b@bench.invalid> {t + i} +0000\ndata 4\nedit\n".encode())
    if i == 0:
        out.append(b"from refs/heads/main^0\n")
    out.append(f"M 100644 inline {rng.choice(paths)}\ndata {len(data)}\n".encode() + data + b"\n")
subprocess.run(["git", "-C", repo, "fast-import", "--quiet"], input=b"".join(out), check=True)
PY
echo "site: $articles articles, $commits new commits; commit $(git rev-parse --short HEAD); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
swift build --build-tests >/dev/null
# Once with libgit2's cache free, once with it full of another handle's trees (as in a server).
for busy in "" 1; do
  QUIRE_TRANSFER_BENCH_BUSY_CACHE="$busy" QUIRE_TRANSFER_BENCH_SITE="$work/site" QUIRE_TRANSFER_BENCH_REMOTE="$work/remote.git" \
    QUIRE_TRANSFER_BENCH_ROUNDS="$rounds" swift test --skip-build --filter LocalTransferBenchmark 2>&1 | grep "local-transfer"
done
