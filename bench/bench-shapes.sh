#!/bin/bash
# bench/bench-shapes.sh - the linearity and memory benchmark behind
# `make bench`: for each pathological shape of document (bench/genshapes:
# long lines of figures, tables, tiny blocks, deep and unclosed HTML, a
# chain of unclosed inline tags above the text,
# many attributes, <br> runs), runs the default pipeline on one document
# of SHAPE_SIZE bytes and on one of twice that, and prints the CPU time
# of each (the least of SHAPE_RUNS runs), their ratio, which must be at
# most 2.5, the output per input byte, and the peak RSS of the larger
# run. Then the memory check: one plain-text work report of
# MEM_TEXT_SIZE, one <br>-heavy page of MEM_HTML_SIZE and one text file
# of one-character lines of MEM_TINY_SIZE must each peak at most 6 times
# their size plus 64 MiB ("holds" or "fails"). Each row also gives the
# document's lines (of the output text), the blocks it is held in (from
# --explain: lines of such documents are coalesced into blocks of several
# lines) and what those blocks' sl_block array takes (64 bytes a block);
# one block per line would need 64 bytes a line, over the limit for the
# last two.
#
#   bench/bench-shapes.sh [BUILD-DIR] [SHAPE...]
# Sizes: SHAPE_SIZE (default 4M), SHAPE_RUNS (3), MEM_TEXT_SIZE (60M),
# MEM_HTML_SIZE (20M), MEM_TINY_SIZE (8M); SHAPE_TIMEOUT (default 300)
# seconds per run.
# Exit status 1 when a ratio or a memory bound fails.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top}" && pwd)
shift $(($# > 0 ? 1 : 0))
sluice=$build/sluice
gen=$build/bench/genshapes
SIZE=${SHAPE_SIZE:-4M}
RUNS=${SHAPE_RUNS:-3}
MEM_TEXT_SIZE=${MEM_TEXT_SIZE:-60M}
MEM_HTML_SIZE=${MEM_HTML_SIZE:-20M}
MEM_TINY_SIZE=${MEM_TINY_SIZE:-8M}
TIMEOUT=${SHAPE_TIMEOUT:-300}
SHAPES=(text-figures text-numerals text-table text-tiny text-invisible
    text-longline text-report text-captions html-deep html-unclosed html-chain html-attrs html-table html-tiny
    html-br html-figures)
[ $# -gt 0 ] && SHAPES=("$@")
[ -x "$sluice" ] || { echo "bench-shapes: build sluice first"; exit 1; }
[ -x "$gen" ] || make -C "$build" bench/genshapes >/dev/null || exit 1
[ -x /usr/bin/time ] || { echo "bench-shapes: needs GNU time"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-shapes.XXXXXX")
trap 'rm -rf "$work"' EXIT

bytes_of() {
    awk -v s="$1" 'BEGIN { n = s + 0; u = substr(s, length(s));
        if (u == "K") n *= 1024; if (u == "M") n *= 1048576;
        if (u == "G") n *= 1073741824; printf "%d", n }'
}

# run FILE: the default pipeline once; sets cpu (user + system seconds),
# rss_kb and out_bytes; cpu is "timeout" when the run took too long
run() {
    local user sys
    if ! timeout "$TIMEOUT" /usr/bin/time -f "%U %S %M" -o "$work/time" \
        "$sluice" run --no-progress "$1" > "$work/out.jsonl" 2> "$work/err"; then
        cpu=timeout rss_kb=0 out_bytes=0
        return
    fi
    read -r user sys rss_kb < "$work/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    out_bytes=$(stat -c %s "$work/out.jsonl")
}

# best FILE: the least CPU time of RUNS runs; sets best_cpu, rss_kb and
# out_bytes of the last run
best() {
    best_cpu=
    for _ in $(seq "$RUNS"); do
        run "$1"
        [ "$cpu" = timeout ] && { best_cpu=timeout; return; }
        if [ -z "$best_cpu" ] ||
            awk -v a="$cpu" -v b="$best_cpu" 'BEGIN { exit !(a < b) }'; then
            best_cpu=$cpu
        fi
    done
}

failed=0
small=$(bytes_of "$SIZE")
echo "bench-shapes: load average $(cut -d' ' -f1-3 /proc/loadavg);" \
    "CPU seconds are the least of $RUNS runs"
echo
echo "| shape | MB | CPU s | 2x MB | CPU s | ratio | out/in | peak RSS MiB (2x) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for shape in "${SHAPES[@]}"; do
    ext=txt
    case $shape in html-*) ext=html ;; esac
    "$gen" "$shape" "$small" > "$work/$shape-1.$ext" || exit 1
    "$gen" "$shape" $((small * 2)) > "$work/$shape-2.$ext" || exit 1
    in1=$(stat -c %s "$work/$shape-1.$ext")
    in2=$(stat -c %s "$work/$shape-2.$ext")
    best "$work/$shape-1.$ext"
    cpu1=$best_cpu
    best "$work/$shape-2.$ext"
    cpu2=$best_cpu
    if [ "$cpu1" = timeout ] || [ "$cpu2" = timeout ]; then
        ratio=timeout
        verdict=FAIL
    else
        # times under 0.05 s are too small to compare: count them as 0.05
        ratio=$(awk -v a="$cpu1" -v b="$cpu2" 'BEGIN {
            if (a < 0.05) a = 0.05; if (b < 0.05) b = 0.05;
            printf "%.2f", b / a }')
        verdict=ok
        awk -v r="$ratio" 'BEGIN { exit !(r > 2.5) }' && verdict=FAIL
    fi
    [ "$verdict" = FAIL ] && failed=1
    printf '| %s | %.1f | %s | %.1f | %s | %s %s | %.1f | %.1f |\n' "$shape" \
        "$(awk -v b="$in1" 'BEGIN { print b / 1e6 }')" "$cpu1" \
        "$(awk -v b="$in2" 'BEGIN { print b / 1e6 }')" "$cpu2" "$ratio" \
        "$verdict" "$(awk -v o="$out_bytes" -v i="$in2" 'BEGIN { print o / i }')" \
        "$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')"
done

echo
echo "Memory: peak RSS of one document, limit 6 x its size + 64 MiB"
echo
echo "| document | MB | CPU s | peak RSS MiB | limit MiB | RSS / size | lines | blocks | sl_block array MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for doc in "text-report $MEM_TEXT_SIZE txt" "html-br $MEM_HTML_SIZE html" \
    "text-tiny $MEM_TINY_SIZE txt"; do
    read -r shape size ext <<< "$doc"
    file=$work/mem-$shape.$ext
    "$gen" "$shape" "$(bytes_of "$size")" > "$file" || exit 1
    in=$(stat -c %s "$file")
    run "$file"
    limit_kb=$((in * 6 / 1024 + 65536))
    verdict=holds
    { [ "$cpu" = timeout ] || [ "$rss_kb" -gt "$limit_kb" ]; } &&
        verdict=FAILS failed=1
    lines=$(python3 -c 'import json, sys
print(sum(len(json.loads(l)["text"].split("\n")) for l in open(sys.argv[1])))' \
        "$work/out.jsonl" 2> /dev/null || echo 0)
    blocks=$("$sluice" run --no-progress --explain "$file" 2> /dev/null |
        sed -n 's/.*(kept [0-9]* of \([0-9]*\) blocks).*/\1/p' | head -n 1)
    printf '| %s | %.1f | %s | %.1f %s | %.1f | %.1f | %s | %s | %.1f |\n' "$shape" \
        "$(awk -v b="$in" 'BEGIN { print b / 1e6 }')" "$cpu" \
        "$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')" "$verdict" \
        "$(awk -v k="$limit_kb" 'BEGIN { print k / 1024 }')" \
        "$(awk -v k="$rss_kb" -v b="$in" 'BEGIN { print k * 1024 / b }')" \
        "$lines" "${blocks:-0}" \
        "$(awk -v n="${blocks:-0}" 'BEGIN { print n * 64 / 1048576 }')"
    rm -f "$file"
done
echo
if [ "$failed" -eq 0 ]; then
    echo "shapes check: PASS"
else
    echo "shapes check: FAIL"
    exit 1
fi
