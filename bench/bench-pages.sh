#!/bin/bash
# bench/bench-pages.sh - html + boilerplate on real web pages: the
# evaluation sets' pages (readability, Chinese articles and forums,
# CleanEval) run through `html, boilerplate, export` at -j1, three
# alternated rounds, and the two stages' MB per CPU second from
# `--stats` (bytes of HTML in, stage CPU seconds), per set and over all.
# Generated corpora (bench-stages.sh) repeat a few layouts; these pages
# carry the real mix of markup, scripts and nesting.
#
#   bench/bench-pages.sh [BUILD-DIR]
# The pages are read from SLUICE_EVAL_DATA (default ../shared/eval/data
# beside the source tree); without them it says so and measures nothing.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top}" && pwd)
sluice=$build/sluice
data=${SLUICE_EVAL_DATA:-$top/../shared/eval/data}
sets="readability magic-article-dev magic-forum-dev gne-zh-silver cleaneval-dev cleanportaleval"
[ -x "$sluice" ] || { echo "bench-pages: build sluice first"; exit 1; }

if [ ! -r "$data/readability.jsonl.gz" ]; then
    echo "html + boilerplate on real pages: not measured (no evaluation data in $data)"
    exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-bench-pages.XXXXXX")
trap 'rm -rf "$work"' EXIT
cat > "$work/pipeline.json" << 'JSON'
{ "sluice": 1, "input": { "text_field": "html", "content_type": "html" },
  "stages": [ { "use": "html" }, { "use": "boilerplate" },
              { "use": "export", "with": { "format": "jsonl", "figures": false } } ] }
JSON
for set in $sets; do
    zcat "$data/$set.jsonl.gz" > "$work/$set.jsonl" || exit 1
done
pin=
command -v taskset > /dev/null && pin="taskset -c 0"

# stage_seconds STATS: the html and boilerplate stages' CPU seconds and
# the bytes the html stage read, from a --stats file
stage_seconds() {
    python3 - "$1" << 'PY'
import json, sys
stats = json.load(open(sys.argv[1]))
seconds = sum(s["seconds"] for s in stats["stages"]
              if s["name"] in ("html", "boilerplate"))
html = next(s for s in stats["stages"] if s["name"] == "html")
print(f'{seconds:.4f} {html["bytes"]["in"]}')
PY
}

echo "bench-pages: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; -j1, 3 rounds, medians"
printf '\n| set | pages | MB of HTML | html + boilerplate CPU s | MB/CPU-s |\n|---|---:|---:|---:|---:|\n'
total_seconds=0
total_bytes=0
for set in $sets; do
    rounds=()
    for _ in 1 2 3; do
        $pin "$sluice" run --no-progress -j1 -p "$work/pipeline.json" \
            --stats "$work/stats.json" "$work/$set.jsonl" > /dev/null ||
            echo "bench-pages: the $set run reported failures"
        read -r seconds bytes < <(stage_seconds "$work/stats.json")
        rounds+=("$seconds")
    done
    median=$(printf '%s\n' "${rounds[@]}" | sort -n | sed -n 2p)
    pages=$(wc -l < "$work/$set.jsonl")
    printf '| %s | %d | %.1f | %.3f | %.1f |\n' "$set" "$pages" \
        "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$median" \
        "$(awk -v b="$bytes" -v s="$median" 'BEGIN { print b / 1e6 / (s > 0 ? s : 0.001) }')"
    total_seconds=$(awk -v a="$total_seconds" -v b="$median" 'BEGIN { print a + b }')
    total_bytes=$((total_bytes + bytes))
done
echo
printf 'html + boilerplate on real pages: %.1f MB per CPU second (%.1f MB over all sets)\n' \
    "$(awk -v b="$total_bytes" -v s="$total_seconds" 'BEGIN { print b / 1e6 / (s > 0 ? s : 0.001) }')" \
    "$(awk -v b="$total_bytes" 'BEGIN { print b / 1e6 }')"
