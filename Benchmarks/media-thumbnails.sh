#!/usr/bin/env bash
# Derived-image serving benchmark: requests per second for a Strapi thumbnail
# (`/uploads/thumbnail_<hash>.jpg`, inside 245×156) and an Apostrophe size
# (`/uploads/attachments/<id>-photo.one-third.jpg`, inside 380×700) of one ~2 MB 2000×1300 JPEG,
#   - cached: the derived file is in `.git/quire/media-cache/` (wrk, keep-alive, a token),
#   - cold: the cache is emptied before each request, so every answer is a libvips resize,
# against the `vipsthumbnail` command line and ImageMagick `convert` making the same size of the
# same file (one process per image, as a shell script or an on-the-fly resizer shelling out
# would), and the trivial `/_health` route for the server's ceiling. Loopback only; every phase
# is bounded. Needs (Debian): apt-get install -y wrk jq bc libvips-tools imagemagick
#   swift build -c release --product quire
#   QUIRE_BIN=.build/release/quire N=30 DURATION=10s bash Benchmarks/media-thumbnails.sh
set -euo pipefail
cd "$(dirname "$0")/.."
QUIRE_BIN=${QUIRE_BIN:-.build/release/quire}
N=${N:-30}
DURATION=${DURATION:-10s}
PORT=${PORT:-18441}
# ImageMagick's own convert (a stand-in may shadow it in /usr/local/bin).
CONVERT=${CONVERT:-$(command -v convert-im6.q16 || command -v magick || echo /usr/bin/convert)}
WORK=$(mktemp -d /tmp/quire-thumb-bench.XXXXXX)
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT

source Benchmarks/media-site.sh
media_photo "$WORK"
media_site "$WORK" "$PORT"
base="http://127.0.0.1:$PORT"

file=$(curl -s --max-time 60 -X POST "$base/api/upload" -H "Authorization: Bearer $TOKEN" \
  -F "files=@$WORK/photo.jpg;type=image/jpeg;filename=photo.jpg")
thumb=$(jq -r '.[0].formats.thumbnail.url' <<<"$file")
size=$(jq -r '"/uploads/attachments/\(.[0].documentId)-photo.one-third.jpg"' <<<"$file")
cache="$WORK/site/.git/quire/media-cache"

rps() {  # wrk's requests per second for a URL, with the token
  wrk -t2 -c32 -d"$DURATION" -H "Authorization: Bearer $TOKEN" "$base$1" | awk '/Requests\/sec/ { print $2 }'
}
cold() {  # N sequential requests, each after emptying the cache: seconds in all
  local start end
  start=$(date +%s.%N)
  for _ in $(seq "$N"); do
    rm -rf "$cache"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 -H "Authorization: Bearer $TOKEN" "$base$1")
    [ "$code" = 200 ] || { echo "cold $1 answered $code" >&2; exit 1; }
  done
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
vips_time() {  # N sequential `vipsthumbnail` runs making the box $1 of the photo: seconds in all
  local start end
  start=$(date +%s.%N)
  for _ in $(seq "$N"); do vipsthumbnail "$WORK/photo.jpg" --size "$1" -o "$WORK/vips_%s.jpg[Q=80,strip]"; done
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
convert_time() {  # N sequential `convert` runs making the box $1 of the photo: seconds in all
  local start end
  start=$(date +%s.%N)
  for _ in $(seq "$N"); do "$CONVERT" "$WORK/photo.jpg" -auto-orient -resize "$1" -strip -quality 80 "$WORK/out.jpg"; done
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "$base$thumb"
curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "$base$size"
trivial=$(rps /_health)
cached_thumb=$(rps "$thumb")
cached_size=$(rps "$size")
cold_thumb=$(cold "$thumb")
cold_size=$(cold "$size")
vips_thumb=$(vips_time 245x156)
vips_size=$(vips_time 380x700)
convert_thumb=$(convert_time 245x156)
convert_size=$(convert_time 380x700)
"$CONVERT" -version | head -1
printf 'photo: %d bytes, 2000x1300 JPEG; N=%d; wrk -t2 -c32 -d%s; binary %s; commit %s; load %s\n' \
  "$(stat -c %s "$WORK/photo.jpg")" "$N" "$DURATION" "$QUIRE_BIN" "$(git rev-parse --short HEAD)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'trivial /_health: %s req/s\n' "$trivial"
ms() { echo "1000 * $1 / $N" | bc -l; }
line() {  # name, cached req/s, cold seconds, vipsthumbnail seconds, convert seconds
  printf '%s cached: %s req/s (%.2f of trivial); cold: %.0f ms each (%.1f req/s); vipsthumbnail: %.0f ms each; convert: %.0f ms each; cold/vipsthumbnail %.2f, cold/convert %.2f\n' \
    "$1" "$2" "$(echo "$2 / $trivial" | bc -l)" "$(ms "$3")" "$(echo "$N / $3" | bc -l)" "$(ms "$4")" "$(ms "$5")" \
    "$(echo "$3 / $4" | bc -l)" "$(echo "$3 / $5" | bc -l)"
}
line "thumbnail (245x156)" "$cached_thumb" "$cold_thumb" "$vips_thumb" "$convert_thumb"
line "one-third (380x700)" "$cached_size" "$cold_size" "$vips_size" "$convert_size"
