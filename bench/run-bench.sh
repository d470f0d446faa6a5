#!/bin/bash
# bench/run-bench.sh - the batch benchmarks behind `make bench`: the
# default pipeline over a generated text corpus (JSONL) and a generated
# HTML corpus (a folder of pages) at -j1 and -j2: MB/s, peak RSS and the
# scaling from one core to two; then the memory check: peak RSS for a
# 1 GiB JSONL stream (generated on the fly into standard input) must stay
# within 1.5 times that for 10 MiB. Prints a table.
#
#   bench/run-bench.sh [BUILD-DIR]
# Sizes: TEXT_SIZE (default 64M), HTML_SIZE (32M), BIG_SIZE (1G),
# SMALL_SIZE (10M). Exit status 1 when the memory check fails.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top}" && pwd)
sluice=$build/sluice
gen=$build/bench/gencorpus
TEXT_SIZE=${TEXT_SIZE:-64M}
HTML_SIZE=${HTML_SIZE:-32M}
BIG_SIZE=${BIG_SIZE:-1G}
SMALL_SIZE=${SMALL_SIZE:-10M}
[ -x "$sluice" ] || { echo "bench: build sluice first"; exit 1; }
[ -x "$gen" ] || make -C "$build" bench/gencorpus >/dev/null || exit 1
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (/usr/bin/time)"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "bench: generating corpora (text $TEXT_SIZE as JSONL, HTML $HTML_SIZE as pages)"
"$gen" jsonl "$TEXT_SIZE" 1 > "$work/text.jsonl"
"$gen" html "$HTML_SIZE" "$work/html" 2
text_bytes=$(stat -c %s "$work/text.jsonl")
html_bytes=$(du -sb "$work/html" | cut -f1)

# measure NAME BYTES JOBS INPUT: one run; sets seconds, rss_kb, mbps and
# cpu (user + system seconds: on a busy machine, MB per CPU second says
# more about the code than MB/s)
measure() {
    local name=$1 bytes=$2 jobs=$3 input=$4 user sys
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$sluice" run \
        --no-progress -j "$jobs" --stats "$work/stats-$name.json" "$input" \
        > /dev/null || echo "bench: the $name run reported failures"
    read -r seconds rss_kb user sys < "$work/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    mbps=$(awk -v b="$bytes" -v s="$seconds" 'BEGIN { printf "%.1f", b / 1e6 / (s > 0 ? s : 0.01) }')
}

declare -A speed
echo "bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '\n%-6s %-4s %8s %9s %8s %9s %10s %12s\n' corpus jobs MB seconds MB/s \
    "CPU s" "MB/CPU-s" "peak RSS MB"
for corpus in text html; do
    if [ "$corpus" = text ]; then input=$work/text.jsonl; bytes=$text_bytes
    else input=$work/html; bytes=$html_bytes; fi
    for jobs in 1 2; do
        measure "$corpus-j$jobs" "$bytes" "$jobs" "$input"
        speed[$corpus$jobs]=$mbps
        printf '%-6s %-4s %8.1f %9.2f %8s %9s %10.1f %12.1f\n' "$corpus" \
            "$jobs" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" \
            "$seconds" "$mbps" "$cpu" \
            "$(awk -v b="$bytes" -v c="$cpu" 'BEGIN { print b / 1e6 / (c > 0 ? c : 0.01) }')" \
            "$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')"
    done
done
echo
for corpus in text html; do
    awk -v a="${speed[${corpus}1]}" -v b="${speed[${corpus}2]}" -v c="$corpus" \
        'BEGIN { printf "scaling %s 1 -> 2 cores: %.2fx\n", c, (a > 0 ? b / a : 0) }'
done
echo "(wall-clock scaling needs an otherwise idle machine with 2 free cores)"

# memory: a stream of BIG_SIZE against one of SMALL_SIZE, through stdin
stream_rss() {
    "$gen" jsonl "$1" 3 | /usr/bin/time -f "%e %M" -o "$work/time" \
        "$sluice" run --no-progress -j 2 > /dev/null
    read -r seconds rss_kb < "$work/time"
}
stream_rss "$SMALL_SIZE"
small_rss=$rss_kb
stream_rss "$BIG_SIZE"
big_rss=$rss_kb
big_seconds=$seconds
ratio=$(awk -v a="$big_rss" -v b="$small_rss" 'BEGIN { printf "%.2f", a / b }')
echo
printf 'memory: peak RSS %.1f MB for %s, %.1f MB for %s (%.0f s): ratio %s (limit 1.5)\n' \
    "$(awk -v k="$small_rss" 'BEGIN { print k / 1024 }')" "$SMALL_SIZE" \
    "$(awk -v k="$big_rss" 'BEGIN { print k / 1024 }')" "$BIG_SIZE" \
    "$big_seconds" "$ratio"
if awk -v r="$ratio" 'BEGIN { exit !(r <= 1.5) }'; then
    echo "memory check: PASS"
else
    echo "memory check: FAIL"
    exit 1
fi
