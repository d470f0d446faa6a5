#!/bin/bash
# bench/bench-report.sh - what gathering the report's counts costs: the
# default pipeline at -j1 over the work-report corpus (JSONL) and over
# HTML pages, with and without --stats (which turns on the census of
# lengths, sites, languages and slowest documents), in alternated runs.
# Prints the median CPU time (user + system) of each and their ratio;
# then, with valgrind, the census's share of a run's instructions, which
# no load disturbs. PASS (exit 0) when the census costs below 2% of the
# run: by the instruction share when valgrind is here (on a shared
# machine the timed ratio moves by more than 2% between runs), else by
# the timed ratio; FAIL exits 1.
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
cputime=$build/bench/cputime
[ -x "$cputime" ] || make -C "$build" bench/cputime >/dev/null || exit 1

work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-report-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$gen" report "$SIZE" 7 > "$work/report.jsonl" || exit 1
"$gen" html "$SIZE" "$work/html" 8 || exit 1

# cpu INPUT [ARGS...]: CPU seconds of one run
cpu() {
    local input=$1
    shift
    "$cputime" "$work/time" "$sluice" run --no-progress -j1 \
        --force -o "$work/out.jsonl" "$@" "$input" 2> /dev/null || return 1
    awk '{ print $2 + $3 }' "$work/time"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

timed=PASS
for corpus in report.jsonl html; do
    : > "$work/plain" && : > "$work/stats"
    for _ in $(seq "$RUNS"); do
        cpu "$work/$corpus" >> "$work/plain" || exit 1
        cpu "$work/$corpus" --stats "$work/s.json" >> "$work/stats" || exit 1
    done
    plain=$(median < "$work/plain")
    stats=$(median < "$work/stats")
    ratio=$(awk -v a="$stats" -v b="$plain" 'BEGIN { printf "%.3f", a / b }')
    printf 'report counts, %s (%s): %.3f CPU s without --stats, %.3f with: ratio %s (limit 1.02)\n' \
        "$corpus" "$SIZE" "$plain" "$stats" "$ratio"
    awk -v r="$ratio" 'BEGIN { exit !(r <= 1.02) }' || timed=FAIL
done
verdict=$timed
# The same cost without the noise of a shared machine: the share of the
# instructions of a run spent gathering the census and turning it into
# JSON (callgrind, on a 3 MB piece of each corpus), when valgrind is here.
if command -v callgrind_annotate > /dev/null 2>&1; then
    verdict=PASS
    "$gen" report 3M 7 > "$work/small.jsonl" || exit 1
    "$gen" html 3M "$work/small-html" 8 || exit 1
    for corpus in small.jsonl small-html; do
        "$build/libtool" --mode=execute valgrind --tool=callgrind \
            --callgrind-out-file="$work/cg.out" "$sluice" run --no-progress \
            -j1 --force -o "$work/out.jsonl" --stats "$work/s.json" \
            "$work/$corpus" > /dev/null 2>&1 || exit 1
        callgrind_annotate --inclusive=yes "$work/cg.out" 2> /dev/null |
            awk -v corpus="$corpus" '
                /PROGRAM TOTALS/ { gsub(",", "", $1); total = $1 }
                /=> .*run_census\.c:sl_census_(add|json) / {
                    gsub(",", "", $1); census += $1 }
                END { printf "report counts, %s (3M): census %.2f%% of the run'"'"'s instructions\n", corpus, 100 * census / total }' |
            tee "$work/share"
        awk '{ v = $(NF - 4); sub("%", "", v); exit !(v + 0 < 2) }' \
            "$work/share" || verdict=FAIL
    done
fi
echo "report counts check: $verdict (timed ratio: $timed)"
[ "$verdict" = PASS ]
