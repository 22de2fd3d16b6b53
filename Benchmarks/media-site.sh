# Sourced by the media benchmarks: `media_photo DIR` writes DIR/photo.jpg, a 2000×1300 noisy
# picture at quality 95 (about 2 MB, and as hard to compress as a real photo);
# `media_site DIR PORT` makes DIR/site from this repository's demo schemas and content,
# starts $QUIRE_BIN on it and sets TOKEN (full access) and SERVER (its pid).
media_photo() {
  vips gaussnoise "$1/n.v" 2000 1300 --sigma 40 --mean 128
  vips bandjoin "$1/n.v $1/n.v $1/n.v" "$1/rgb.v"
  vips copy "$1/rgb.v" "$1/photo.jpg[Q=95]" --interpretation srgb
}

media_site() {
  mkdir "$1/site" && cp -r schemas content quire.yaml "$1/site/"
  git -C "$1/site" init -q -b main && git -C "$1/site" add -A
  git -C "$1/site" -c user.name=Bench -c user.email=bench@example.com commit -qm "Bench site"
  TOKEN=$("$QUIRE_BIN" token create --repo "$1/site" --name bench --access full-access | tail -1)
  "$QUIRE_BIN" serve --repo "$1/site" --port "$2" > "$1/serve.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$2/_health" && break; sleep 0.2; done
}
