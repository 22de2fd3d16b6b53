#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets (address sanitizer on) and runs each for
# FUZZ_SECONDS (60 by default), starting from the committed seeds in corpus/<target>/ plus the
# working corpus in .corpus/<target>/ (kept between runs, not committed). Exits non-zero when
# any target finds a crash, a hang (FUZZ_TIMEOUT seconds on one input), an AddressSanitizer report
# or runaway memory (over 2 GB); the input is saved in .findings/ and replays with
# `.build/release/<target> <file>`. LeakSanitizer is off: Swift keeps enum case bits in spare
# pointer bits, so it takes objects held in enum payloads (the fixture schema's) for leaks.
# FUZZ_TARGETS="fuzz-json fuzz-html" runs only those.
set -uo pipefail
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-60}
timeout=${FUZZ_TIMEOUT:-10}
targets=${FUZZ_TARGETS:-"fuzz-strapi-query fuzz-json fuzz-document fuzz-html fuzz-multipart"}
SWIFT=${SWIFT:-swift}
# -enable-testing: the harnesses reach internal parsers with @testable import.
build=(-c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing)

start=$(date +%s)
$SWIFT build "${build[@]}" 2>&1 | { grep -v "warning: Cannot export local symbol" || true; }
[ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
bin=$($SWIFT build "${build[@]}" --show-bin-path)
echo "fuzz: built in $(( $(date +%s) - start )) s"

mkdir -p .findings
# The Swift runtime's crash backtracer would hold the process for its own report; libFuzzer's
# handler already prints the stack and saves the input.
export SWIFT_BACKTRACE=enable=no
# LeakSanitizer off, at exit too (see above); the rest of AddressSanitizer stays on.
export ASAN_OPTIONS=detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
failed=()
total=0
summary=""
for target in $targets; do
    mkdir -p ".corpus/$target"
    log=".findings/$target.log"
    echo "fuzz: $target for ${seconds} s"
    "$bin/$target" ".corpus/$target" "corpus/$target" \
        -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 -detect_leaks=0 \
        -artifact_prefix=".findings/$target-" -print_final_stats=1 >"$log" 2>&1
    status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    corpus=$(ls ".corpus/$target" | wc -l)
    total=$(( total + ${runs:-0} ))
    summary+=$(printf '%-18s %12s executions  %6s inputs in the working corpus  exit %s' "$target" "${runs:-?}" "$corpus" "$status")$'\n'
    if [ "$status" -ne 0 ]; then
        failed+=("$target")
        echo "fuzz: $target FAILED (exit $status); the end of $log:"
        grep -v "^#" "$log" | tail -40
    fi
done
printf '%s' "$summary"
echo "fuzz: $total executions in all, $(( $(date +%s) - start )) s"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: findings in ${failed[*]} (inputs in Fuzz/.findings/)"
    exit 1
fi
