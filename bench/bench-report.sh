#!/bin/bash
# bench/bench-report.sh - what gathering the report's counts costs: the
# default pipeline at -j1 over the work-report corpus (JSONL) and over
# HTML pages, with and without --stats (which turns on the census of
# lengths, sites, languages and slowest documents), in alternated runs.
# Prints the median CPU time (user + system) of each and their ratio,
# and PASS when the stats cost below 2% of the run.
#
#   bench/bench-report.sh [BUILD-DIR]
# Sizes: REPORT_BENCH_SIZE (default 50M), REPORT_BENCH_RUNS (default 5).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top}" && pwd)
sluice=$build/sluice
gen=$build/bench/gencorpus
SIZE=${REPORT_BENCH_SIZE:-50M}
RUNS=${REPORT_BENCH_RUNS:-5}
[ -x "$sluice" ] || { echo "bench-report: build sluice first"; exit 1; }
[ -x "$gen" ] || make -C "$build" bench/gencorpus >/dev/null || exit 1
[ -x /usr/bin/time ] || { echo "bench-report: needs GNU time"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-report-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$gen" report "$SIZE" 7 > "$work/report.jsonl" || exit 1
"$gen" html "$SIZE" "$work/html" 8 || exit 1

# cpu INPUT [ARGS...]: CPU seconds of one run
cpu() {
    local input=$1
    shift
    /usr/bin/time -f '%U %S' -o "$work/time" "$sluice" run --no-progress -j1 \
        --force -o "$work/out.jsonl" "$@" "$input" 2> /dev/null || return 1
    awk '{ print $1 + $2 }' "$work/time"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

verdict=PASS
for corpus in report.jsonl html; do
    : > "$work/plain" && : > "$work/stats"
    for _ in $(seq "$RUNS"); do
        cpu "$work/$corpus" >> "$work/plain" || exit 1
        cpu "$work/$corpus" --stats "$work/s.json" >> "$work/stats" || exit 1
    done
    plain=$(median < "$work/plain")
    stats=$(median < "$work/stats")
    ratio=$(awk -v a="$stats" -v b="$plain" 'BEGIN { printf "%.3f", a / b }')
    printf 'report counts, %s (%s): %.2f CPU s without --stats, %.2f with: ratio %s (limit 1.02)\n' \
        "$corpus" "$SIZE" "$plain" "$stats" "$ratio"
    awk -v r="$ratio" 'BEGIN { exit !(r <= 1.02) }' || verdict=FAIL
done
echo "report counts check: $verdict"
