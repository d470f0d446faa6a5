#!/bin/sh
# tests/engine/progress.sh - the progress line: documents and MB per
# second always; the share done and an ETA when the input's size is known
# (files, not standard input). Its MB are the documents' bytes as read
# (uncompressed), and a shard counts from the start of its own range: the
# last line of a run says what its --stats file says.
. "$(dirname "$0")/common.sh"

"$GEN" jsonl 3M 17 > corpus.jsonl
gzip -c corpus.jsonl > corpus.jsonl.gz

# last_line FILE: the last progress line written to FILE
last_line() { tr '\r' '\n' < "$1" | sed 's/\x1b\[K//' | grep docs/s | tail -n 1; }

# mb_of STATS: bytes.in of a stats file in MB, as the line writes them
mb_of() {
    python3 -c 'import json, sys; print("%.1f MB" % (json.load(open(sys.argv[1]))["bytes"]["in"] / 1e6))' "$1"
}

"$SLUICE" run --progress -o plain.jsonl --stats plain.json corpus.jsonl \
    2> plain.err || fail "the run over a file"
line=$(last_line plain.err)
case $line in
*docs/s*MB/s*" 100%  ETA 0:00:00") pass "a file's line has rates, share and ETA" ;;
*) fail "a file's last line: '$line'" ;;
esac

"$SLUICE" run --progress -o gz.jsonl --stats gz.json corpus.jsonl.gz \
    2> gz.err || fail "the run over a compressed file"
line=$(last_line gz.err)
want=$(mb_of gz.json)
case $line in
*"docs  $want  "*"100%"*) pass "a compressed file's MB are its documents' ($want)" ;;
*) fail "compressed: '$line', want $want" ;;
esac

"$SLUICE" run --progress --shard 1/2 -o "part-{shard}.jsonl" \
    --stats shard.json corpus.jsonl 2> shard.err || fail "the second shard"
line=$(last_line shard.err)
want=$(mb_of shard.json)
case $line in
*"docs  $want  "*" 100%  ETA 0:00:00") pass "a shard counts its own range ($want)" ;;
*) fail "shard 1/2: '$line', want $want" ;;
esac

"$SLUICE" run --progress -o stdin.jsonl < corpus.jsonl 2> stdin.err ||
    fail "the run over standard input"
line=$(last_line stdin.err)
case $line in
*"%"* | *ETA*) fail "standard input has no known size: '$line'" ;;
*docs/s*MB/s) pass "standard input: rates, no share nor ETA" ;;
*) fail "standard input's last line: '$line'" ;;
esac

exit $((failures > 0))
