#!/bin/bash
# bench/bench-stages.sh - the per-stage benchmark behind `make bench`:
# generates (deterministically, with bench/gencorpus) a plain-text Chinese
# corpus as JSONL and as .txt files, a corpus of Chinese work reports as
# JSONL and an HTML corpus, runs one pipeline
# per stage ([stage, export] and [export] alone as the baseline) with
# --stats, and prints a Markdown table of MB per CPU second: for a stage
# from its own CPU seconds in the stats (per-thread CPU time, so the
# figure holds on a busy machine), for a whole run from user + system
# time. Then the default pipeline at -j1 and -j2 (CPU MB/s, peak RSS),
# and the figures scanner alone (bench/bench_figures).
#
#   bench/bench-stages.sh [BUILD-DIR]
# Sizes: STAGE_TEXT_SIZE (default 100M, the reports too), STAGE_HTML_SIZE
# (32M).
# "rest" is the run's CPU time outside the stages: reading and parsing
# input, splitting lines, the engine's queues.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top}" && pwd)
sluice=$build/sluice
gen=$build/bench/gencorpus
TEXT_SIZE=${STAGE_TEXT_SIZE:-100M}
HTML_SIZE=${STAGE_HTML_SIZE:-32M}
[ -x "$sluice" ] || { echo "bench-stages: build sluice first"; exit 1; }
[ -x "$gen" ] || make -C "$build" bench/gencorpus >/dev/null || exit 1
[ -x /usr/bin/time ] || {
    echo "bench-stages: needs GNU time (/usr/bin/time)"
    exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-stages.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "bench-stages: generating corpora (text $TEXT_SIZE as JSONL and as" \
    ".txt files, HTML $HTML_SIZE as pages)"
"$gen" jsonl "$TEXT_SIZE" 1 > "$work/text.jsonl" || exit 1
"$gen" report "$TEXT_SIZE" 1 > "$work/report.jsonl" || exit 1
"$gen" text "$TEXT_SIZE" "$work/txt" 1 || exit 1
"$gen" html "$HTML_SIZE" "$work/html" 2 || exit 1
folder_bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }'; }
jsonl_bytes=$(stat -c %s "$work/text.jsonl")
report_bytes=$(stat -c %s "$work/report.jsonl")
txt_bytes=$(folder_bytes "$work/txt")
html_bytes=$(folder_bytes "$work/html")

# pipeline FILE STAGE...: a pipeline of the stages, then export to a file
pipeline() {
    local file=$1 stage list=""
    shift
    for stage in "$@"; do
        list="$list{ \"use\": \"$stage\" }, "
    done
    printf '{ "sluice": 1, "stages": [ %s{ "use": "export", "with": %s } ] }\n' \
        "$list" "{ \"format\": \"jsonl\", \"path\": \"$work/out.jsonl\" }" \
        > "$file"
}

# stage_seconds STATS NAME: the stage's CPU seconds in a stats file
stage_seconds() {
    awk -v want="$2" '
        /"name":/ { gsub(/[",]/, "", $2); name = $2 }
        /"seconds":/ && name == want { gsub(/,/, "", $2); print $2 + 0; exit }
    ' "$1"
}

# all_stage_seconds STATS: the sum of every stage's CPU seconds
all_stage_seconds() {
    awk '/"seconds":/ && !/wall/ { gsub(/,/, "", $2); s += $2 } END { print s + 0 }' "$1"
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
per_cpu() { awk -v b="$1" -v c="$2" 'BEGIN { printf "%.1f", (c > 0 ? b / 1e6 / c : 0) }'; }

# run NAME JOBS INPUT PIPELINE|-: one run; sets cpu (user + system
# seconds), rss_mb and stats (the stats file)
run() {
    local name=$1 jobs=$2 input=$3 pipe=$4 user sys rss_kb
    local -a with_pipeline=()
    [ "$pipe" != - ] && with_pipeline=(-p "$pipe")
    stats=$work/stats-$name.json
    rm -f "$work/out.jsonl"
    /usr/bin/time -f "%U %S %M %e" -o "$work/time" "$sluice" run \
        "${with_pipeline[@]}" --no-progress --force -j "$jobs" \
        --stats "$stats" "$input" > /dev/null ||
        echo "bench-stages: the $name run reported failures" >&2
    read -r user sys rss_kb _ < "$work/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
}

echo "bench-stages: load average $(cut -d' ' -f1-3 /proc/loadavg) on" \
    "$(nproc) cores; -j1 unless said"
echo
echo "| run | input | MB | stage | stage CPU s | stage MB/CPU-s | run CPU s | run MB/CPU-s | rest CPU s |"
echo "|---|---|---:|---|---:|---:|---:|---:|---:|"

# row NAME INPUT-LABEL BYTES STAGE: one table line from the last run
row() {
    local name=$1 label=$2 bytes=$3 stage=$4 secs rest
    secs=$(stage_seconds "$stats" "$stage")
    rest=$(awk -v c="$cpu" -v s="$(all_stage_seconds "$stats")" \
        'BEGIN { r = c - s; printf "%.2f", (r > 0 ? r : 0) }')
    printf '| %s | %s | %s | %s | %.2f | %s | %s | %s | %s |\n' "$name" \
        "$label" "$(mb "$bytes")" "$stage" "$secs" "$(per_cpu "$bytes" "$secs")" \
        "$cpu" "$(per_cpu "$bytes" "$cpu")" "$rest"
}

pipeline "$work/p-export.json"
run export-jsonl 1 "$work/text.jsonl" "$work/p-export.json"
row "export only" "text JSONL" "$jsonl_bytes" export
run export-txt 1 "$work/txt" "$work/p-export.json"
row "export only" "text .txt" "$txt_bytes" export
for stage in normalize lang quality boilerplate sections figures; do
    pipeline "$work/p-$stage.json" "$stage"
    run "$stage" 1 "$work/text.jsonl" "$work/p-$stage.json"
    row "$stage + export" "text JSONL" "$jsonl_bytes" "$stage"
done
run figures-report 1 "$work/report.jsonl" "$work/p-figures.json"
row "figures + export" "reports JSONL" "$report_bytes" figures
run export-html 1 "$work/html" "$work/p-export.json"
row "export only" HTML "$html_bytes" export
pipeline "$work/p-html.json" html
run html 1 "$work/html" "$work/p-html.json"
row "html + export" HTML "$html_bytes" html
pipeline "$work/p-html-bp.json" html boilerplate
run html-bp 1 "$work/html" "$work/p-html-bp.json"
row "html + boilerplate + export" HTML "$html_bytes" html
row "html + boilerplate + export" HTML "$html_bytes" boilerplate
html_bp=$(awk -v a="$(stage_seconds "$stats" html)" \
    -v b="$(stage_seconds "$stats" boilerplate)" 'BEGIN { print a + b }')
echo
echo "html + boilerplate together: $(per_cpu "$html_bytes" "$html_bp") MB per CPU second"

echo
echo "Default pipeline (html, normalize, boilerplate, sections, figures, export):"
echo
echo "| input | jobs | MB | CPU s | MB/CPU-s | peak RSS MB | stages CPU s | rest CPU s |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for corpus in jsonl txt html; do
    case $corpus in
    jsonl) input=$work/text.jsonl; bytes=$jsonl_bytes; label="text JSONL" ;;
    txt) input=$work/txt; bytes=$txt_bytes; label="text .txt" ;;
    html) input=$work/html; bytes=$html_bytes; label=HTML ;;
    esac
    for jobs in 1 2; do
        run "default-$corpus-j$jobs" "$jobs" "$input" -
        staged=$(all_stage_seconds "$stats")
        printf '| %s | %s | %s | %s | %s | %s | %.2f | %s |\n' "$label" \
            "$jobs" "$(mb "$bytes")" "$cpu" "$(per_cpu "$bytes" "$cpu")" \
            "$rss_mb" "$staged" \
            "$(awk -v c="$cpu" -v s="$staged" 'BEGIN { r = c - s; printf "%.2f", (r > 0 ? r : 0) }')"
    done
done

echo
echo "Stage CPU seconds in the default pipeline, text JSONL, -j2:"
echo
for stage in html normalize boilerplate sections figures export; do
    secs=$(stage_seconds "$work/stats-default-jsonl-j2.json" "$stage")
    printf '  %-12s %6.2f s  %8s MB/CPU-s\n' "$stage" "$secs" \
        "$(per_cpu "$jsonl_bytes" "$secs")"
done

echo
echo "The figures scanner alone (bench/bench_figures, work-report paragraphs):"
if [ -x "$build/bench/bench_figures" ] ||
    make -C "$build" bench/bench_figures >/dev/null; then
    "$build/bench/bench_figures"
fi
