#!/usr/bin/env bash
# Media benchmark: uploads/s of a ~2 MB JPEG with every Strapi format made (thumbnail, large,
# medium, small), against the same four sizes made by the `vipsthumbnail` command line (one
# process per size, as a shell script would) on the same file. Loopback only; bounded.
#   QUIRE_BIN=.build/release/quire N=20 bash Benchmarks/media.sh
set -euo pipefail
cd "$(dirname "$0")/.."
QUIRE_BIN=${QUIRE_BIN:-.build/release/quire}
N=${N:-20}
PORT=${PORT:-18439}
WORK=$(mktemp -d /tmp/quire-media-bench.XXXXXX)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT

source Benchmarks/media-site.sh
media_photo "$WORK"
BYTES=$(stat -c %s "$WORK/photo.jpg")
media_site "$WORK" "$PORT"

start=$(date +%s.%N)
for i in $(seq "$N"); do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 -X POST "http://127.0.0.1:$PORT/api/upload" \
    -H "Authorization: Bearer $TOKEN" -F "files=@$WORK/photo.jpg;type=image/jpeg;filename=photo-$i.jpg")
  [ "$code" = 201 ] || { echo "upload $i answered $code"; exit 1; }
done
upload=$(echo "$(date +%s.%N) - $start" | bc -l)

start=$(date +%s.%N)
for i in $(seq "$N"); do
  vipsthumbnail "$WORK/photo.jpg" --size 245x156 -o "$WORK/t_%s.jpg[Q=80,strip]"
  for size in 1000 750 500; do vipsthumbnail "$WORK/photo.jpg" --size "${size}x${size}" -o "$WORK/${size}_%s.jpg[Q=80,strip]"; done
done
cli=$(echo "$(date +%s.%N) - $start" | bc -l)

commits=$(git -C "$WORK/site" rev-list --count main)
printf 'photo: %d bytes, 2000x1300; N=%d; binary %s; commit %s\n' "$BYTES" "$N" "$QUIRE_BIN" "$(git rev-parse --short HEAD)"
printf 'quire upload (verify + 4 formats + commit): %.1f uploads/s, %.0f ms each\n' "$(echo "$N / $upload" | bc -l)" "$(echo "1000 * $upload / $N" | bc -l)"
printf 'vipsthumbnail, same 4 sizes (4 processes): %.0f ms per image\n' "$(echo "1000 * $cli / $N" | bc -l)"
printf 'ratio quire/vipsthumbnail: %.2f; commits on main: %s (expected %d)\n' "$(echo "$upload / $cli" | bc -l)" "$commits" "$((N + 1))"
