#!/bin/sh
# tests/engine/isolate.sh - --isolate: a stage that crashes with SIGSEGV
# on some documents costs those documents only: each is quarantined with
# "stage 'crashy' crashed with signal 11", the worker restarts, and the
# output equals that of a run where those documents simply failed.
. "$(dirname "$0")/common.sh"

cat > pipeline.json <<'JSON'
{ "sluice": 1,
  "stages": [ { "use": "normalize" }, { "use": "crashy" },
              { "use": "export", "with": { "path": "-" } } ] }
JSON
"$GEN" jsonl 2M 31 |
    awk 'NR == 5 || NR == 333 || NR == 334 { sub(/"text":"/, "\"text\":\"CRASH-ME ") } { print }' \
        > crashing.jsonl
sed 's/CRASH-ME /FAIL-ME /' crashing.jsonl > failing.jsonl

"$SLUICE" run --no-progress -p pipeline.json -j2 -o expected.jsonl \
    failing.jsonl 2> /dev/null
expect_status 1 "$SLUICE" run --no-progress -p pipeline.json -j2 --isolate \
    --checkpoint-every 50 -o got.jsonl --quarantine q.jsonl \
    --stats stats.json crashing.jsonl 2> err.txt &&
    pass "a run with crashing documents finishes with status 1"
same expected.jsonl got.jsonl "output as if the crashing documents had failed"
[ "$(grep -c "crashed with signal 11 (SIGSEGV)" q.jsonl)" -eq 3 ] &&
    pass "three crashes quarantined with the signal" ||
    fail "quarantine: $(cat q.jsonl | cut -c1-200)"
grep -q '"stage":"crashy"' q.jsonl && pass "the crashing stage is named" ||
    fail "stage not named"
grep -q '"crashes": 3' stats.json && pass "stats count the crashes" ||
    fail "stats: $(grep crashes stats.json)"
grep -q "restarting the worker" err.txt && pass "restarts are reported" ||
    fail "no restart message"

expect_status 2 "$SLUICE" run --no-progress -p pipeline.json --isolate \
    --set on_error=abort -o aborted.jsonl crashing.jsonl 2> abort.txt &&
    pass "with on_error abort a crash stops the run (2)"
grep -q "crashed with signal 11" abort.txt && pass "abort names the crash" ||
    fail "abort message: $(cat abort.txt)"

expect_status 2 "$SLUICE" run --no-progress -p pipeline.json --isolate \
    crashing.jsonl > /dev/null 2> stdout.txt &&
    pass "--isolate refuses standard output"
finish
