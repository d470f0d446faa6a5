#!/bin/sh
# tests/engine/threads.sh - the output does not depend on -j: JSONL, a
# folder of text files and a folder of HTML pages, plain and compressed
# (.zst, and .gz, whose blocks the threads compress).
. "$(dirname "$0")/common.sh"

"$GEN" jsonl 3M 7 > corpus.jsonl
"$GEN" text 1M text 8
"$GEN" html 1M html 9

for input in corpus.jsonl text html; do
    "$SLUICE" run --no-progress -j1 "$input" > "one-$input.out" ||
        fail "-j1 over $input"
    "$SLUICE" run --no-progress -j4 "$input" > "four-$input.out" ||
        fail "-j4 over $input"
    [ -s "one-$input.out" ] || fail "no output for $input"
    same "one-$input.out" "four-$input.out" "-j1 and -j4 agree on $input"
done

"$SLUICE" run --no-progress -j1 -o one.jsonl.zst corpus.jsonl || fail "-j1 zst"
"$SLUICE" run --no-progress -j3 -o three.jsonl.zst corpus.jsonl || fail "-j3 zst"
same one.jsonl.zst three.jsonl.zst "-j1 and -j3 agree on a .zst output"

# gzip blocks are compressed by whichever thread takes them: the file is
# the same at every -j, and holds the same records as the plain output
"$SLUICE" run --no-progress -j1 -o one.jsonl.gz corpus.jsonl || fail "-j1 gz"
"$SLUICE" run --no-progress -j3 -o three.jsonl.gz corpus.jsonl || fail "-j3 gz"
same one.jsonl.gz three.jsonl.gz "-j1 and -j3 agree on a .gz output"
gzip -dc three.jsonl.gz > three-gz.out || fail "the -j3 .gz output is no gzip"
same one-corpus.jsonl.out three-gz.out "the .gz output holds the plain output"

"$SLUICE" run --no-progress -j2 --stats stats.json corpus.jsonl > /dev/null ||
    fail "run with --stats"
lines=$(wc -l < corpus.jsonl)
grep -q "\"in\": $lines," stats.json && pass "stats count every record" ||
    fail "stats.json does not say $lines documents in"
grep -q '"wall_seconds"' stats.json && grep -q '"stages"' stats.json &&
    pass "stats have stages and wall time" || fail "stats.json incomplete"
awk '/"reader_seconds":/ { gsub(/,/, "", $2); found = ($2 + 0 > 0) }
    END { exit !found }' stats.json &&
    pass "stats have the reader thread's CPU time" ||
    fail "stats.json has no reader_seconds above 0"
awk '/"ordered_seconds":/ { gsub(/,/, "", $2); found = ($2 + 0 > 0) }
    END { exit !found }' stats.json &&
    pass "stats have the ordered thread's CPU time" ||
    fail "stats.json has no ordered_seconds above 0"

"$SLUICE" run --progress -j2 corpus.jsonl > /dev/null 2> progress.txt
grep -q "docs/s" progress.txt && pass "--progress prints a progress line" ||
    fail "no progress line with --progress"
"$SLUICE" run -j2 corpus.jsonl > /dev/null 2> quiet.txt
grep -q "docs/s" quiet.txt && fail "progress printed to a non-terminal" ||
    pass "no progress when stderr is not a terminal"
finish
