#!/bin/bash
# bench/bench-dedup.sh - deduplication's speed and memory: the dedup stage
# over the work-report corpus and over a corpus of English-like text
# (MB per CPU second of the stage, from --stats: normalising, shingling,
# MinHash and the index; target 50), then bench/bench_dedup with
# DEDUP_BENCH_DOCS synthetic signatures (default 10 million: bytes per
# document held by the index, time per document).
#
#   bench/bench-dedup.sh [BUILD-DIR]
# Sizes: DEDUP_BENCH_SIZE (default 100M), DEDUP_BENCH_DOCS (10000000).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top}" && pwd)
sluice=$build/sluice
gen=$build/bench/gencorpus
SIZE=${DEDUP_BENCH_SIZE:-100M}
DOCS=${DEDUP_BENCH_DOCS:-10000000}
[ -x "$sluice" ] || { echo "bench-dedup: build sluice first"; exit 1; }
[ -x "$gen" ] || make -C "$build" bench/gencorpus >/dev/null || exit 1
[ -x "$build/bench/bench_dedup" ] ||
    make -C "$build" bench/bench_dedup >/dev/null || exit 1
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
echo "dedup speed check: $verdict"
