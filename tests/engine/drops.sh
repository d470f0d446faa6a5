#!/bin/sh
# tests/engine/drops.sh - documents dropped on purpose leave a trace:
# sl_drop's reason is counted as "dropped.REASON" in --stats, --rejects
# writes each dropped document with its stage, reason and detail (in
# input order whatever -j, cut back and continued on --resume and under
# --isolate, one file per shard with {shard}), the run plan refuses a
# rejects file that is also an input or an output, and --explain shows
# dropped documents with the reason.
. "$(dirname "$0")/common.sh"

cat > small.jsonl <<'JSONL'
{"id":"d1","text":"keep me"}
{"id":"d2","text":"DROP:lang here"}
{"id":"d3","text":"DROPD:duplicate.exact here"}
{"id":"d4","text":"DROP-PLAIN here"}
{"id":"d5","text":"DROP-THEN-OK:quality.gopher_word_count"}
{"id":"d6","text":"DROP-THEN-FAIL"}
{"id":"d7","text":"keep me too"}
JSONL
for stage in dropper dropper_ordered; do
    cat > $stage.json <<JSON
{ "sluice": 1,
  "stages": [ { "use": "$stage" }, { "use": "export", "with": { "path": "-" } } ] }
JSON
done

# -- reasons, counters and the rejects file, unordered and ordered stage
for stage in dropper dropper_ordered; do
    expect_status 1 "$SLUICE" run --no-progress -p $stage.json -o out-$stage.jsonl \
        --rejects rej-$stage.jsonl --quarantine q-$stage.jsonl \
        --stats stats-$stage.json small.jsonl 2> /dev/null &&
        pass "$stage: the run ends with one failed document"
    ids=$(sed 's/^{"id":"\([^"]*\)".*/\1/' out-$stage.jsonl | tr '\n' ' ')
    [ "$ids" = "d1 d7 " ] && pass "$stage: dropped documents are not written" ||
        fail "$stage: output ids: $ids"
    for counter in '"dropped.lang": 1' '"dropped.duplicate.exact": 1' \
        '"dropped.unspecified": 1' '"dropped.quality.gopher_word_count": 1'; do
        grep -q "$counter" stats-$stage.json &&
            pass "$stage: stats count $counter" ||
            fail "$stage: stats lack $counter"
    done
    grep -q never.counted stats-$stage.json &&
        fail "$stage: a drop followed by a failure was counted as a drop"
    grep -q '"dropped": 4' stats-$stage.json &&
        pass "$stage: four documents dropped" ||
        fail "$stage: $(grep '"dropped"' stats-$stage.json)"
    [ "$(wc -l < rej-$stage.jsonl)" -eq 4 ] &&
        pass "$stage: four rejects, the failed document is not one" ||
        fail "$stage: rejects: $(cat rej-$stage.jsonl)"
    reasons=$(sed 's/.*"reason":"\([^"]*\)".*/\1/' rej-$stage.jsonl | tr '\n' ' ')
    [ "$reasons" = "lang duplicate.exact unspecified quality.gopher_word_count " ] &&
        pass "$stage: rejects in input order with their reasons" ||
        fail "$stage: reasons $reasons"
    grep -q '"id":"d3","stage":"'$stage'","reason":"duplicate.exact","detail":{"seq":2},"record":"DROPD:duplicate.exact here"' \
        rej-$stage.jsonl && pass "$stage: a reject names stage, reason, detail and record" ||
        fail "$stage: d3's reject: $(grep d3 rej-$stage.jsonl)"
    grep -q '"id":"d2".*"line":2\|"line":2.*"id":"d2"' rej-$stage.jsonl &&
        pass "$stage: a reject says where the document came from" ||
        fail "$stage: no position"
    grep -q '"id":"d6"' q-$stage.jsonl && pass "$stage: the failure is quarantined" ||
        fail "$stage: quarantine: $(cat q-$stage.jsonl)"
done

# -- --explain shows dropped documents with stage, reason and detail
"$SLUICE" run --no-progress -p dropper.json --explain small.jsonl \
    > explain.txt 2> /dev/null
grep -qx '== d2  (dropped by dropper: lang)' explain.txt &&
    pass "--explain shows a dropped document's stage and reason" ||
    fail "--explain: $(cat explain.txt)"
grep -qx '== d3  (dropped by dropper: duplicate.exact {"seq":2})' explain.txt &&
    pass "--explain shows a drop's detail" || fail "--explain detail missing"
grep -q 'DROP:lang here' explain.txt &&
    pass "--explain shows a dropped document's blocks" ||
    fail "--explain lacks the dropped text"
"$SLUICE" run --no-progress -p dropper_ordered.json --explain small.jsonl \
    > explain-ordered.txt 2> /dev/null
grep -qx '== d2  (dropped by dropper_ordered: lang)' explain-ordered.txt &&
    pass "--explain also after an ordered stage's drop" ||
    fail "--explain ordered: $(cat explain-ordered.txt)"

# -- the run plan: a rejects file that is an input or another output
expect_status 2 "$SLUICE" run --no-progress -p dropper.json -o out.jsonl \
    --rejects small.jsonl small.jsonl 2> clash.txt &&
    grep -q "rejects file small.jsonl is also" clash.txt &&
    pass "a rejects file that is an input is refused" ||
    fail "input clash: $(cat clash.txt)"
expect_status 2 "$SLUICE" run --no-progress -p dropper.json -o same.jsonl \
    --rejects same.jsonl small.jsonl 2> clash2.txt &&
    grep -q "same file" clash2.txt &&
    pass "a rejects file that is the output is refused" ||
    fail "output clash: $(cat clash2.txt)"

# -- a corpus: -j, shards, --resume after kill -9, --isolate
"$GEN" jsonl 2M 41 | awk '
    NR % 7 == 0 { sub(/"text":"/, "\"text\":\"DROP:lang ") }
    NR % 11 == 0 { sub(/"text":"/, "\"text\":\"DROPD:duplicate.exact ") }
    { print }' > corpus.jsonl
"$SLUICE" run --no-progress -p dropper.json -j1 -o whole.jsonl \
    --rejects whole-rej.jsonl corpus.jsonl 2> /dev/null
drops=$(wc -l < whole-rej.jsonl)
[ "$drops" -gt 100 ] && pass "the corpus has $drops rejects" ||
    fail "the corpus has $drops rejects"
"$SLUICE" run --no-progress -p dropper.json -j4 -o j4.jsonl \
    --rejects j4-rej.jsonl corpus.jsonl 2> /dev/null
same whole-rej.jsonl j4-rej.jsonl "rejects with -j4 equal those with -j1"

"$SLUICE" run --no-progress -p dropper.json -j2 --shard 0/2 \
    -o 'shard-{shard}.jsonl' --rejects 'rej-{shard}.jsonl' corpus.jsonl \
    2> /dev/null
"$SLUICE" run --no-progress -p dropper.json -j2 --shard 1/2 \
    -o 'shard-{shard}.jsonl' --rejects 'rej-{shard}.jsonl' corpus.jsonl \
    2> /dev/null
if [ -s rej-0.jsonl ] && [ -s rej-1.jsonl ]; then
    # record_no and the detail's seq count within a shard: compare
    # without them
    strip='s/"record_no":[0-9]*,//; s/"seq":[0-9]*//'
    sed "$strip" whole-rej.jsonl > whole-norec.jsonl
    cat rej-0.jsonl rej-1.jsonl | sed "$strip" > shards-norec.jsonl
    same whole-norec.jsonl shards-norec.jsonl "the shards' rejects add up to the whole"
else
    fail "no rejects file per shard: $(ls)"
fi

cat > isolated.json <<'JSON'
{ "sluice": 1,
  "stages": [ { "use": "crashy" }, { "use": "dropper" },
              { "use": "export", "with": { "path": "-" } } ] }
JSON
# kill -9 while a document hangs (the checkpoints before it are on disk),
# then --resume under --isolate, whose --doc-timeout fails the hanging
# document: the rejects equal those of a run where it simply failed
awk 'NR == 400 { sub(/"text":"/, "\"text\":\"HANG-ME ") } { print }' \
    corpus.jsonl > hanging.jsonl
sed 's/HANG-ME /FAIL-ME /' hanging.jsonl > hang-failing.jsonl
"$SLUICE" run --no-progress -p isolated.json -j2 -o hang-failing.jsonl.out \
    --rejects hang-failing-rej.jsonl hang-failing.jsonl 2> /dev/null
CRASHY_HANG_NOTE=$work/hang.note "$SLUICE" run --no-progress -p isolated.json \
    -j2 --checkpoint-every 50 -o resumed.jsonl --rejects resumed-rej.jsonl \
    hanging.jsonl 2> /dev/null &
pid=$!
for _ in $(seq 1 600); do
    [ -e hang.note ] && break
    sleep 0.05
done
wait_for_checkpoint .resumed.jsonl.checkpoint 350 ||
    fail "no checkpoint before the hanging document"
kill -9 "$pid"
wait "$pid" 2> /dev/null
[ -e resumed-rej.jsonl ] && fail "a killed run left a final rejects file"
[ -e .resumed-rej.jsonl.part ] && pass "a killed run leaves the rejects' temporary file" ||
    fail "no temporary rejects file after kill -9"
expect_status 1 "$SLUICE" run --no-progress -p isolated.json -j2 \
    --checkpoint-every 50 -o resumed.jsonl --rejects resumed-rej.jsonl \
    --isolate --doc-timeout 1 --resume hanging.jsonl 2> /dev/null &&
    pass "the resumed run finishes"
sed 's/"source":"hanging.jsonl"/"source":"hang-failing.jsonl"/' \
    resumed-rej.jsonl > resumed-renamed.jsonl
same hang-failing-rej.jsonl resumed-renamed.jsonl \
    "rejects after kill -9 and --resume"

awk 'NR == 120 || NR == 260 { sub(/"text":"/, "\"text\":\"CRASH-ME ") } { print }' \
    corpus.jsonl > crashing.jsonl
sed 's/CRASH-ME /FAIL-ME! /' crashing.jsonl > failing.jsonl  # same length
"$SLUICE" run --no-progress -p isolated.json -j2 -o failing-out.jsonl \
    --rejects failing-rej.jsonl failing.jsonl 2> /dev/null
expect_status 1 "$SLUICE" run --no-progress -p isolated.json -j2 --isolate \
    --checkpoint-every 50 -o isolated-out.jsonl --rejects isolated-rej.jsonl \
    crashing.jsonl 2> /dev/null && pass "the isolated run finishes"
sed 's/"source":"crashing.jsonl"/"source":"failing.jsonl"/' isolated-rej.jsonl \
    > isolated-renamed.jsonl
same failing-rej.jsonl isolated-renamed.jsonl \
    "rejects under --isolate with restarts equal those without"
finish
