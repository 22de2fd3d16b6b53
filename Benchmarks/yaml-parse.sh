#!/usr/bin/env bash
# Issue 11's parse rate: Yams.compose against YAMLFastReader on the same document files of a
# site, in one process (Benchmarks/YAMLParse/main.swift), one core and all cores.
#
#   Benchmarks/yaml-parse.sh SITE_DIR [FILES] [ROUNDS]   e.g. after generate-site /tmp/sites/s100k --articles 100000 --shard 2
#
# Builds libyaml, Yams and the fast reader's sources with -O, as a release build would
# (the checkout of Yams comes from this tree's .build: run `swift build` once first).
set -euo pipefail
site=$1; count=${2:-20000}; rounds=${3:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
yams=$root/.build/checkouts/Yams/Sources
work=$(mktemp -d /tmp/quire-yaml-parse.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
find "$site/content" -name '*.yaml' | sort | sed -n "1,${count}p" >"$work/files"
for source in "$yams"/CYaml/src/*.c; do
  clang -O2 -DYAML_DECLARE_STATIC -I "$yams/CYaml/include" -c "$source" -o "$work/$(basename "$source" .c).o"
done
swiftc -O -wmo -parse-as-library -module-name Yams -emit-module -emit-module-path "$work/Yams.swiftmodule" \
  -emit-object -o "$work/Yams.o" -D SWIFT_PACKAGE -Xcc -DYAML_DECLARE_STATIC -I "$yams/CYaml/include" "$yams"/Yams/*.swift
swiftc -O -wmo -module-name YAMLParse -I "$work" -I "$yams/CYaml/include" -Xcc -DYAML_DECLARE_STATIC \
  "$root"/Benchmarks/YAMLParse/main.swift "$root"/Sources/QuireContent/YAMLFast*.swift \
  "$work"/*.o -o "$work/yaml-parse"
echo "commit $(git -C "$root" rev-parse --short HEAD) ($(git -C "$root" status --porcelain -- Sources | wc -l) changed source files), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$work/yaml-parse" "$work/files" "$rounds"
