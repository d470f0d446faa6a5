#!/bin/bash
# bench/bench-warc.sh - reading a crawl: a generated .warc.gz (one gzip
# member per record; request, response and metadata records, as crawlers
# write them) read by `sluice run` with a pipeline that only reads and
# exports (to /dev/null), against `zcat FILE > /dev/null` on the same
# file. The runs alternate, ROUNDS of each; the medians of the wall times
# give the ratio (zcat's time over sluice's: 1.0 is as fast as zcat); the
# same ratio of CPU times is printed too.
# Exit status 1 when sluice is under 80% of zcat's speed.
#
#   bench/bench-warc.sh [BUILD-DIR]
# WARC_SIZE: uncompressed size of the generated crawl (default 760M,
# about 200 MB compressed); ROUNDS (default 5).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top}" && pwd)
sluice=$build/sluice
gen=$build/bench/genwarc
WARC_SIZE=${WARC_SIZE:-760M}
ROUNDS=${ROUNDS:-5}
[ -x "$sluice" ] || { echo "bench-warc: build sluice first"; exit 1; }
[ -x "$gen" ] || make -C "$build" bench/genwarc >/dev/null || exit 1
[ -x /usr/bin/time ] || { echo "bench-warc: needs GNU time"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-bench-warc.XXXXXX")
trap 'rm -rf "$work"' EXIT
warc=$work/crawl.warc.gz
echo "bench-warc: generating a crawl of $WARC_SIZE (uncompressed)"
"$gen" crawl "$WARC_SIZE" 1 > "$warc" || exit 1
cat > "$work/read.json" << 'EOF'
{ "sluice": 1,
  "stages": [ { "use": "export", "with": { "format": "jsonl", "path": "-" } } ] }
EOF
mb=$(stat -c %s "$warc" | awk '{ printf "%.1f", $1 / 1e6 }')
raw=$(zcat "$warc" | wc -c | awk '{ printf "%.1f", $1 / 1e6 }')
echo "bench-warc: $mb MB compressed, $raw MB of records;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# timed FILE COMMAND...: appends "wall cpu rss_kb" of one run to FILE
timed() {
    local into=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > /dev/null ||
        echo "bench-warc: $1 failed"
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time" >> "$into"
}

median() { # column of FILE
    cut -d' ' -f"$1" "$2" | sort -n | awk '{ v[NR] = $1 }
        END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

: > "$work/zcat"
: > "$work/sluice"
for _ in $(seq 1 "$ROUNDS"); do
    timed "$work/zcat" zcat "$warc"
    timed "$work/sluice" "$sluice" run --no-progress -p "$work/read.json" \
        --stats "$work/stats.json" "$warc"
done
docs=$(sed -n 's/^ *"in": *\([0-9]*\).*/\1/p' "$work/stats.json" | head -n 1)
z_wall=$(median 1 "$work/zcat")
s_wall=$(median 1 "$work/sluice")
printf '\n%-8s %10s %10s %12s\n' reader "wall s" "CPU s" "peak RSS MB"
for who in zcat sluice; do
    printf '%-8s %10s %10s %12.1f\n' "$who" "$(median 1 "$work/$who")" \
        "$(median 2 "$work/$who")" \
        "$(median 3 "$work/$who" | awk '{ print $1 / 1024 }')"
done
ratio=$(awk -v z="$z_wall" -v s="$s_wall" 'BEGIN { printf "%.2f", (s > 0 ? z / s : 0) }')
echo "sluice read $docs documents; speed relative to zcat (medians of" \
    "$ROUNDS alternated runs): $ratio (target >= 0.80)"
# On a busy machine wall times depend on how the CPUs are shared out;
# CPU times say what each reader costs.
cpu_ratio=$(awk -v z="$(median 2 "$work/zcat")" -v s="$(median 2 "$work/sluice")" \
    'BEGIN { printf "%.2f", (s > 0 ? z / s : 0) }')
echo "zcat's CPU time over sluice's: $cpu_ratio"
awk -v r="$ratio" 'BEGIN { exit !(r >= 0.8) }' || {
    echo "bench-warc: FAIL: under 80% of zcat's speed"
    exit 1
}
