#!/bin/sh
# tests/engine/emit.sh - one document in, several out, and whole-corpus
# stages. sl_emit's documents follow the document they came from, in
# order, through the later stages, unordered and ordered, the same with
# -j1 and -j4 and after kill -9 and --resume; a failing stage's emitted
# documents are discarded; --check-docs blames the stage that emitted a
# broken one. The whole-corpus pattern (tests/plugins/seen.c: an ordered
# stage whose state is an append-only file cut back on --resume, in the
# run plan, with a summary emitted at flush) gives the same output and
# state file after kill -9 and --resume as a run left alone.
. "$(dirname "$0")/common.sh"

printf '%s\n' '{"id":"a","text":"plain"}' \
    '{"id":"b","text":"SPLIT-ME one\ntwo\nthree"}' \
    '{"id":"c","text":"EMIT-BROKEN"}' '{"id":"d","text":"EMIT-FAIL"}' \
    '{"id":"e","text":"last"}' > small.jsonl
for stage in splitter splitter_ordered; do
    cat > $stage.json <<JSON
{ "sluice": 1,
  "stages": [ { "use": "$stage" }, { "use": "export", "with": { "path": "-" } } ] }
JSON
    expect_status 1 "$SLUICE" run --no-progress -p $stage.json --check-docs \
        --stats stats-$stage.json -o out-$stage.jsonl small.jsonl \
        2> err-$stage.txt && pass "$stage: the run ends with status 1"
    ids=$(sed 's/^{"id":"\([^"]*\)".*/\1/' out-$stage.jsonl | tr '\n' ' ')
    [ "$ids" = "a b#1 b#2 b#3 c e " ] &&
        pass "$stage: emitted documents follow theirs, in order" ||
        fail "$stage: ids $ids"
    grep -q '"text":"two"' out-$stage.jsonl &&
        pass "$stage: an emitted document has its own text" ||
        fail "$stage: no emitted text"
    grep -q '"emitted": 4' stats-$stage.json &&
        grep -q '"dropped.split": 1' stats-$stage.json &&
        pass "$stage: stats count emitted documents and the split" ||
        fail "$stage: stats $(grep -e emitted -e split stats-$stage.json)"
    grep -q "document 'c#1': stage '$stage': left the document broken" \
        err-$stage.txt && pass "$stage: --check-docs blames the emitting stage" ||
        fail "$stage: $(cat err-$stage.txt)"
    grep -q "lost" out-$stage.jsonl &&
        fail "$stage: a failed stage's emitted document was kept"
done

# -- order with threads, checkpoints and resume
"$GEN" jsonl 2M 43 | awk 'NR % 5 == 0 { sub(/"text":"/, "\"text\":\"SPLIT-ME ") } { print }' \
    > corpus.jsonl
cat > split.json <<'JSON'
{ "sluice": 1,
  "stages": [ { "use": "crashy" }, { "use": "splitter" },
              { "use": "export", "with": { "path": "-" } } ] }
JSON
"$SLUICE" run --no-progress -p split.json -j1 -o j1.jsonl corpus.jsonl 2> /dev/null
"$SLUICE" run --no-progress -p split.json -j4 -o j4.jsonl corpus.jsonl 2> /dev/null
[ "$(wc -l < j1.jsonl)" -gt "$(wc -l < corpus.jsonl)" ] &&
    pass "the corpus grows by splitting" || fail "no split in the corpus"
same j1.jsonl j4.jsonl "emitted documents in the same order with -j1 and -j4"

# kill -9 while a document hangs, then --resume under --isolate (whose
# --doc-timeout fails the hanging document) against a run where it failed
awk 'NR == 400 { sub(/"text":"/, "\"text\":\"HANG-ME ") } { print }' \
    corpus.jsonl > hanging.jsonl
sed 's/HANG-ME /FAIL-ME /' hanging.jsonl > failing.jsonl
resume_test() { # $1: pipeline, $2: name, $3: extra option
    "$SLUICE" run --no-progress -p "$1" -j2 -o "$2-whole.jsonl" $3 \
        failing.jsonl 2> /dev/null
    [ -n "$3" ] && mv state.log "$2-whole-state.log"
    rm -f hang.note
    CRASHY_HANG_NOTE=$work/hang.note "$SLUICE" run --no-progress -p "$1" \
        -j2 --checkpoint-every 50 -o "$2-resumed.jsonl" $3 hanging.jsonl \
        2> /dev/null &
    pid=$!
    for _ in $(seq 1 600); do
        [ -e hang.note ] && break
        sleep 0.05
    done
    wait_for_checkpoint ".$2-resumed.jsonl.checkpoint" 350 ||
        fail "$2: no checkpoint before the hanging document"
    kill -9 "$pid"
    wait "$pid" 2> /dev/null
    expect_status 1 "$SLUICE" run --no-progress -p "$1" -j2 \
        --checkpoint-every 50 -o "$2-resumed.jsonl" $3 --isolate \
        --doc-timeout 1 --resume hanging.jsonl 2> /dev/null &&
        pass "$2: the resumed run finishes"
    same "$2-whole.jsonl" "$2-resumed.jsonl" "$2: output after kill -9 and --resume"
}
resume_test split.json split ""

# -- the whole-corpus pattern
awk 'NR % 9 == 0 { getline; print; print; next } { print }' corpus.jsonl |
    awk 'BEGIN { n = 0 } { sub(/"id":"[^"]*"/, "\"id\":\"doc-" n++ "\"") } { print }' \
    > dups.jsonl
cat > seen.json <<'JSON'
{ "sluice": 1,
  "stages": [ { "use": "crashy" }, { "use": "seen", "with": { "state": "state.log" } },
              { "use": "export", "with": { "path": "-" } } ] }
JSON
"$SLUICE" run --no-progress -p seen.json -j2 -o seen-out.jsonl --stats seen-stats.json \
    --rejects seen-rej.jsonl dups.jsonl 2> /dev/null
dups=$(grep -c . seen-rej.jsonl)
[ "$dups" -gt 20 ] && pass "seen drops $dups duplicates" || fail "seen dropped $dups"
grep -q '"reason":"duplicate.exact","detail":{"kept":"doc-' seen-rej.jsonl &&
    pass "a duplicate names the document kept" || fail "rejects: $(head -1 seen-rej.jsonl)"
tail -n 1 seen-out.jsonl | grep -q '^{"id":"seen-summary","text":"[0-9]* distinct, '"$dups"' duplicates"' &&
    pass "the summary emitted at flush is the last document" ||
    fail "last line: $(tail -n 1 seen-out.jsonl | cut -c1-200)"
[ "$(grep -c . state.log)" -eq "$(($(grep -c . seen-out.jsonl) - 1))" ] &&
    pass "the state file has a line per document kept" ||
    fail "state.log has $(grep -c . state.log) lines"
expect_status 2 "$SLUICE" run --no-progress -p seen.json -o x.jsonl \
    --set seen.state=dups.jsonl dups.jsonl 2> clash.txt &&
    grep -q "option 'state'.*dups.jsonl is also" clash.txt &&
    pass "the run plan refuses a state file that is an input" ||
    fail "clash: $(cat clash.txt)"

awk 'NR == 400 { sub(/"text":"/, "\"text\":\"HANG-ME ") } { print }' \
    dups.jsonl > hanging.jsonl
sed 's/HANG-ME /FAIL-ME /' hanging.jsonl > failing.jsonl
resume_test seen.json seen "--rejects seen-rej.jsonl"
same seen-whole-state.log state.log "seen: state file after kill -9 and --resume"
finish
