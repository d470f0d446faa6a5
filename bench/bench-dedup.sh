#!/bin/bash
# bench/bench-dedup.sh - deduplication's speed and memory: the dedup stage
# over the work-report corpus and over a corpus of English-like text
# (MB per CPU second of the stage, from --stats: normalising, shingling,
# MinHash and the index; target 50), then bench/bench_dedup with
# DEDUP_BENCH_DOCS synthetic signatures (default 10 million: bytes per
# document held by the index, time per document), then the peak memory
# (resident set) and time of `sluice-dedup join` over as many synthetic
# signatures in 16 shard files (bench/gensig): sorted in DEDUP_BENCH_MEMORY
# (default 256M) and with --in-memory (the one-run index), measured in the
# same run, their decisions compared byte for byte.
#
#   bench/bench-dedup.sh [BUILD-DIR]
# Sizes: DEDUP_BENCH_SIZE (default 100M), DEDUP_BENCH_DOCS (10000000),
# DEDUP_BENCH_MEMORY (256M). The join needs about 6 GB of disk in TMPDIR
# for 10 million signatures (their files and the sort's).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top}" && pwd)
sluice=$build/sluice
gen=$build/bench/gencorpus
SIZE=${DEDUP_BENCH_SIZE:-100M}
DOCS=${DEDUP_BENCH_DOCS:-10000000}
MEMORY=${DEDUP_BENCH_MEMORY:-256M}
[ -x "$sluice" ] || { echo "bench-dedup: build sluice first"; exit 1; }
[ -x "$gen" ] || make -C "$build" bench/gencorpus >/dev/null || exit 1
[ -x "$build/bench/bench_dedup" ] ||
    make -C "$build" bench/bench_dedup >/dev/null || exit 1
[ -x "$build/bench/gensig" ] || make -C "$build" bench/gensig >/dev/null || exit 1
export SLUICE_PLUGIN_PATH=$build/plugins/dedup/.libs

work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-dedup-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$gen" report "$SIZE" 5 > "$work/report.jsonl" || exit 1
"$gen" jsonl "$SIZE" 6 > "$work/text.jsonl" || exit 1
cat > "$work/p.json" <<JSON
{ "sluice": 1, "stages": [ { "use": "dedup" },
  { "use": "export", "with": { "path": "$work/out.jsonl", "overwrite": true } } ] }
JSON

verdict=PASS
for corpus in report text; do
    "$sluice" run --no-progress -q -j1 -p "$work/p.json" \
        --stats "$work/s.json" "$work/$corpus.jsonl" || exit 1
    read -r seconds bytes < <(python3 - "$work/s.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
st = next(x for x in s["stages"] if x["name"] == "dedup")
print(st["seconds"], st["bytes"]["in"])
PY
)
    rate=$(awk -v b="$bytes" -v s="$seconds" 'BEGIN { printf "%.0f", b / 1e6 / s }')
    printf 'dedup stage, %s corpus (%s): %s MB per CPU second (target 50)\n' \
        "$corpus" "$SIZE" "$rate"
    [ "$rate" -ge 50 ] || verdict=FAIL
done
"$build/bench/bench_dedup" "$DOCS"

# the join: sorted in bounded memory against the in-memory index
rm -f "$work"/*.jsonl
mkdir -p "$work/sig" "$work/tmp"
"$build/bench/gensig" "$DOCS" 16 "$work/sig" || exit 1
sigs=$(du -sm "$work/sig" | cut -f1)
join_run() { # NAME OPTIONS...: prints peak RSS (KB), wall and CPU seconds
    local name=$1
    shift
    /usr/bin/time -f '%M %e %U %S' -o "$work/$name.time" \
        "$build/sluice-dedup" join "$@" -o "$work/$name.jsonl" \
        "$work"/sig/sig-*.bin 2> "$work/$name.err" ||
        { cat "$work/$name.err"; exit 1; }
    read -r rss wall user sys < "$work/$name.time"
    printf 'join %-10s %8.0f MB peak RSS, %6.1f s wall, %6.1f s CPU; %s\n' \
        "$name" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$wall" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" \
        "$(head -1 "$work/$name.err" | sed 's/^sluice-dedup: //')"
    echo "$rss" > "$work/$name.rss"
}
echo "sluice-dedup join over $DOCS signatures in 16 files ($sigs MB):"
join_run sorted --memory "$MEMORY" --temp "$work/tmp"
join_run in-memory --in-memory
if cmp -s "$work/sorted.jsonl" "$work/in-memory.jsonl"; then
    echo "join: the same $(wc -l < "$work/sorted.jsonl") decisions both ways"
else
    echo "join: the decisions differ"
    verdict=FAIL
fi
budget=$(awk -v s="$MEMORY" 'BEGIN { u = substr(s, length(s)); v = s + 0
    if (u == "K") v *= 1024; else if (u == "M") v *= 1048576
    else if (u == "G") v *= 1073741824; print v }')
rss_sorted=$(cat "$work/sorted.rss")
rss_memory=$(cat "$work/in-memory.rss")
# the stated bound: the sort budget, 4 bytes and 1 bit per document, and
# 32 MB for the program, its buffers and the C library
bound=$(awk -v m="$budget" -v n="$DOCS" \
    'BEGIN { printf "%.0f", (m + 4.125 * n) / 1024 + 32768 }')
awk -v a="$rss_memory" -v b="$rss_sorted" -v c="$bound" 'BEGIN {
    printf "join: peak RSS in memory / sorted = %.1f; sorted %.0f MB, bound %.0f MB (budget + 4.1 bytes per document + 32 MB)\n",
        a / b, b / 1024, c / 1024 }'
[ "$rss_sorted" -le "$bound" ] || verdict=FAIL
echo "dedup speed check: $verdict"
