#!/bin/bash
# bench/bench-throughput.sh - the default pipeline against
# `LC_ALL=C.UTF-8 wc -m` on the same file, part of `make bench`: the
# work-report corpus and the news corpus (bench/gencorpus, JSONL), ROUNDS
# alternated rounds of wc -m, sluice -j1 and sluice -j2, medians. Prints
# for each corpus:
#   - sluice -j1 against wc -m, in CPU seconds (user + system, what a busy
#     machine still measures) and in wall seconds; -j1 runs pinned to one
#     core and -j2 to two with taskset when there is one, since the reader
#     (builds before every thread did every task: the reader and the
#     ordered thread let an unpinned -j1 use a second core);
#   - -j2 against -j1 (wall, pinned), and what the machine allows: two
#     -j1 runs side by side, one pinned to each core (sharing nothing but
#     the machine), take longer than one alone on machines whose cores
#     share caches, memory bandwidth or a host; twice the time of one
#     alone over the time of the pair is the most any -j2 could give
#     there, and -j2 is also shown against that ceiling;
#   - the same work as two processes, one on each half of the corpus,
#     side by side, one per core: what any two workers give on this
#     machine, threads or processes, with nothing shared but the machine;
#     against -j1, and -j2 against it (round by round);
#   - the JSONL output against the input (bytes);
#   - on the work reports, -j2 against -j1 with a .gz output (its blocks
#     compressed by the threads);
#   - each stage's share of the -j1 run's CPU time (from --stats), and the
#     rest: reading and parsing input, splitting lines, the queues;
#   - the serial CPU share (reading, reader_seconds in the stats, and
#     retiring records in order, ordered_seconds) and what it allows on 8
#     and 32 cores: by Amdahl's law, and with each serial part running
#     beside the stages, as the engine runs them.
#
#   bench/bench-throughput.sh [BUILD-DIR]
# Sizes: THROUGHPUT_SIZE (default 100M); ROUNDS (default 7); GZ_ROUNDS
# (default 3), the rounds of the .gz output runs on the work reports.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top}" && pwd)
sluice=$build/sluice
gen=$build/bench/gencorpus
SIZE=${THROUGHPUT_SIZE:-100M}
ROUNDS=${ROUNDS:-7}
GZ_ROUNDS=${GZ_ROUNDS:-3}
[ -x "$sluice" ] || { echo "bench-throughput: build sluice first"; exit 1; }
# In a build tree $build/sluice is libtool's wrapper, a shell script that
# sets the library path and runs .libs/sluice: about 9 ms a run that an
# installed sluice does not spend, serial, at every -j. Time the program.
if [ -x "$build/.libs/sluice" ] && [ "$(head -c 2 "$sluice")" = '#!' ]; then
    sluice=$build/.libs/sluice
    export LD_LIBRARY_PATH="$build/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
[ -x "$gen" ] || make -C "$build" bench/gencorpus >/dev/null || exit 1
cputime=$build/bench/cputime
[ -x "$cputime" ] || make -C "$build" bench/cputime >/dev/null || exit 1

work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-throughput.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "bench-throughput: generating corpora ($SIZE of work reports and of" \
    "news, JSONL)"
"$gen" report "$SIZE" 1 > "$work/report.jsonl" || exit 1
"$gen" jsonl "$SIZE" 1 > "$work/news.jsonl" || exit 1

one_core=()
two_cores=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
    one_core=(taskset -c 0)
    two_cores=(taskset -c "0,1")
fi

# timed FILE COMMAND...: runs the command with its output thrown away and
# appends "wall cpu" to FILE
timed() {
    local into=$1 wall user sys
    shift
    "$cputime" "$work/time" "$@" > /dev/null ||
        echo "bench-throughput: '$*' reported failures" >&2
    read -r wall user sys < "$work/time"
    awk -v w="$wall" -v u="$user" -v s="$sys" \
        'BEGIN { printf "%.3f %.3f\n", w, u + s }' >> "$into"
}

# median FILE COLUMN
median() {
    sort -n -k "$2" "$1" | awk -v c="$2" '{ v[NR] = $c }
        END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "bench-throughput: load average $(cut -d' ' -f1-3 /proc/loadavg) on" \
    "$(nproc) cores; $ROUNDS rounds alternated; medians"
# One measure of a round each, on $input: wc -m and -j1 pinned to one
# core, -j2 to two, and two -j1 runs side by side, one on each core
# (the machine's ceiling for two cores, below).
measure_wc() {
    timed "$work/t-wc" "${one_core[@]}" env LC_ALL=C.UTF-8 wc -m "$input"
}
measure_j1() {
    timed "$work/t-j1" "${one_core[@]}" "$sluice" run --no-progress -j 1 \
        --stats "$work/stats-j1.json" "$input"
}
measure_j2() {
    timed "$work/t-j2" "${two_cores[@]}" "$sluice" run --no-progress \
        -j 2 "$input"
}
# side_by_side FILE INPUT1 INPUT2: -j1 on INPUT1 pinned to core 0 and on
# INPUT2 pinned to core 1, at once; appends the wall seconds of the two
# together to FILE
side_by_side() {
    local start
    start=$(date +%s.%N)
    taskset -c 0 "$sluice" run --no-progress -j 1 "$2" > /dev/null &
    taskset -c 1 "$sluice" run --no-progress -j 1 "$3" > /dev/null
    wait
    awk -v a="$start" -v b="$(date +%s.%N)" \
        'BEGIN { printf "%.3f\n", b - a }' >> "$1"
}
measure_pair() {
    [ ${#two_cores[@]} -gt 0 ] || return 0
    side_by_side "$work/t-pair" "$input" "$input"
}
# The same work as two processes, one on each half of the corpus (halves
# made once per corpus, split at a record), side by side, one per core:
# what any two workers could give on this machine, with nothing shared
# but the machine.
measure_halves() {
    [ ${#two_cores[@]} -gt 0 ] || return 0
    side_by_side "$work/t-halves" "$work/half1.jsonl" "$work/half2.jsonl"
}

# spread FILE: "lowest to highest" of a one-column file
spread() {
    sort -n "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 }
        END { printf "%s to %s", lo, hi }'
}

for corpus in report news; do
    input=$work/$corpus.jsonl
    rm -f "$work"/t-* "$work"/r-*
    records=$(wc -l < "$input")
    head -n $((records / 2)) "$input" > "$work/half1.jsonl"
    tail -n +$((records / 2 + 1)) "$input" > "$work/half2.jsonl"
    for ((r = 1; r <= ROUNDS; r++)); do
        # odd rounds in one order, even rounds in the other, so that a
        # machine speeding up or slowing down over a round favours no
        # measure; each round's own -j2 / -j1 and ceiling are kept too
        if ((r % 2)); then
            order=(wc j1 j2 pair halves)
        else
            order=(halves pair j2 j1 wc)
        fi
        for m in "${order[@]}"; do
            measure_"$m"
        done
        j1_round=$(tail -n 1 "$work/t-j1" | cut -d' ' -f1)
        j2_round=$(tail -n 1 "$work/t-j2" | cut -d' ' -f1)
        printf '%s\n' "$(ratio "$j1_round" "$j2_round")" >> "$work/r-j2"
        if [ -s "$work/t-pair" ]; then
            pair_round=$(tail -n 1 "$work/t-pair")
            awk -v a="$j1_round" -v p="$pair_round" \
                'BEGIN { printf "%.2f\n", (p > 0 ? 2 * a / p : 0) }' \
                >> "$work/r-ceiling"
        fi
        if [ -s "$work/t-halves" ]; then
            halves_round=$(tail -n 1 "$work/t-halves")
            printf '%s\n' "$(ratio "$j1_round" "$halves_round")" \
                >> "$work/r-halves"
            printf '%s\n' "$(ratio "$halves_round" "$j2_round")" \
                >> "$work/r-j2-halves"
        fi
    done
    rm -f "$work/half1.jsonl" "$work/half2.jsonl"
    # a .gz output (work reports): its blocks are compressed by the
    # threads, so -j2 is held to the same ratio as a plain one
    if [ "$corpus" = report ]; then
        rm -f "$work"/t-gz*
        for ((r = 1; r <= GZ_ROUNDS; r++)); do
            rm -f "$work/out.jsonl.gz"
            timed "$work/t-gz1" "${one_core[@]}" "$sluice" run --no-progress \
                -j 1 -o "$work/out.jsonl.gz" "$input"
            rm -f "$work/out.jsonl.gz"
            timed "$work/t-gz2" "${two_cores[@]}" "$sluice" run \
                --no-progress -j 2 -o "$work/out.jsonl.gz" "$input"
        done
        rm -f "$work/out.jsonl.gz"
    fi
    "$sluice" run --no-progress -j 2 -o "$work/out.jsonl" "$input" ||
        echo "bench-throughput: the output run reported failures" >&2
    in_bytes=$(stat -c %s "$input")
    out_bytes=$(stat -c %s "$work/out.jsonl")
    rm -f "$work/out.jsonl"
    wc_cpu=$(median "$work/t-wc" 2)
    j1_cpu=$(median "$work/t-j1" 2)
    wc_wall=$(median "$work/t-wc" 1)
    j1_wall=$(median "$work/t-j1" 1)
    j2_wall=$(median "$work/t-j2" 1)
    pair_wall=$([ -s "$work/t-pair" ] && median "$work/t-pair" 1 || echo 0)
    echo
    echo "## $corpus corpus, $(awk -v b="$in_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB"
    echo
    echo "| measure | value |"
    echo "|---|---:|"
    echo "| wc -m CPU s / wall s | $wc_cpu / $wc_wall |"
    echo "| sluice -j1 CPU s / wall s | $j1_cpu / $j1_wall |"
    echo "| -j1 / wc -m, CPU (target <= 1) | $(ratio "$j1_cpu" "$wc_cpu") |"
    echo "| -j1 / wc -m, wall (target <= 1) | $(ratio "$j1_wall" "$wc_wall") |"
    echo "| -j2 speed / -j1 speed, wall, medians' ratio | $(ratio "$j1_wall" "$j2_wall") |"
    echo "| -j2 speed / -j1 speed, wall, median of the rounds' ratios (target >= 1.8) | $(median "$work/r-j2" 1) ($(spread "$work/r-j2")) |"
    if [ "$pair_wall" != 0 ]; then
        ceiling=$(awk -v a="$j1_wall" -v p="$pair_wall" \
            'BEGIN { printf "%.2f", 2 * a / p }')
        echo "| two -j1 runs side by side, wall s | $pair_wall |"
        echo "| the machine's ceiling for two cores (2 x -j1 / the pair), medians | $ceiling |"
        echo "| the ceiling, median of the rounds' | $(median "$work/r-ceiling" 1) ($(spread "$work/r-ceiling")) |"
        echo "| -j2 speed against that ceiling | $(awk -v a="$j1_wall" \
            -v b="$j2_wall" -v c="$ceiling" \
            'BEGIN { printf "%.2f", (b > 0 && c > 0 ? a / b / c : 0) }') |"
    fi
    if [ -s "$work/t-halves" ]; then
        echo "| the same work as two -j1 processes, one half each, side by side, wall s | $(median "$work/t-halves" 1) |"
        echo "| the halves' speed / -j1 speed, wall, median of the rounds' ratios | $(median "$work/r-halves" 1) ($(spread "$work/r-halves")) |"
        echo "| -j2 speed / the halves' speed, wall, median of the rounds' ratios | $(median "$work/r-j2-halves" 1) ($(spread "$work/r-j2-halves")) |"
    fi
    echo "| JSONL output / input (target <= 2 on reports) | $(ratio "$out_bytes" "$in_bytes") |"
    if [ "$corpus" = report ]; then
        gz1=$(median "$work/t-gz1" 1)
        gz2=$(median "$work/t-gz2" 1)
        echo "| .gz output, -j1 wall s / -j2 wall s | $gz1 / $gz2 |"
        echo "| .gz output, -j2 speed / -j1 speed, wall | $(ratio "$gz1" "$gz2") |"
    fi
    echo
    # the stage shares of the last -j1 run, the rest, the serial share
    awk -v cpu="$j1_cpu" -v wc="$wc_cpu" '
        /"stages": \[/ && !seen { in_stages = 1; seen = 1 }
        in_stages && /"name":/ { gsub(/[",]/, "", $2); name = $2 }
        in_stages && /"seconds":/ && name != "" {
            gsub(/,/, "", $2); secs[++n] = $2 + 0; names[n] = name
            staged += $2; name = ""
        }
        /"wall_seconds":/ { in_stages = 0 }
        /"reader_seconds":/ { gsub(/,/, "", $2); reader = $2 + 0 }
        /"ordered_seconds":/ { gsub(/,/, "", $2); ordered = $2 + 0; timed = 1 }
        END {
            printf "| stage | CPU s | share of -j1 | x wc -m |\n|---|---:|---:|---:|\n"
            for (i = 1; i <= n; i++)
                printf "| %s | %.2f | %.0f%% | %.2f |\n", names[i], secs[i],
                    100 * secs[i] / cpu, secs[i] / wc
            rest = cpu - staged
            if (rest < 0) rest = 0
            printf "| rest (reader, lines, queues) | %.2f | %.0f%% | %.2f |\n",
                rest, 100 * rest / cpu, rest / wc
            printf "| of which reading | %.2f | %.0f%% | %.2f |\n",
                reader, 100 * reader / cpu, reader / wc
            # serial: reading and retiring in order (the
            # export stage less its formatting on the workers; a build
            # without ordered_seconds: the export stage, the last); the
            # two run beside the stages and beside each other
            if (!timed) ordered = secs[n]
            s = (reader + ordered) / cpu
            printf "\nserial CPU share (reading %.2f s + retiring %.2f s): %.0f%%\n",
                reader, ordered, 100 * s
            printf "Amdahl (serial parts one after the other): %.1fx on 8 cores, %.1fx on 32\n",
                1 / (s + (1 - s) / 8), 1 / (s + (1 - s) / 32)
            big = reader > ordered ? reader : ordered
            for (k = 1; k <= 2; k++) {
                c = k == 1 ? 8 : 32
                w = cpu / c
                if (big > w) w = big
                sp[k] = cpu / w
            }
            printf "pipelined (reading and retiring beside the stages): %.1fx on 8 cores, %.1fx on 32\n",
                sp[1], sp[2]
        }' "$work/stats-j1.json"
done
echo
echo "(wall-clock figures need an otherwise idle machine; CPU figures hold on a busy one)"
