#!/bin/sh
# tests/engine/errors.sh - failures are isolated: unreadable records and
# stage failures go to the quarantine in input order with who and why,
# the run goes on and exits 1; on_error abort stops at the first with 2
# and leaves no output; skip counts without a quarantine; exit statuses.
. "$(dirname "$0")/common.sh"

cat > pipeline.json <<'JSON'
{ "sluice": 1,
  "stages": [ { "use": "normalize" }, { "use": "crashy" },
              { "use": "export", "with": { "path": "-" } } ],
  "on_error": "quarantine" }
JSON
{
    echo '{"id":"a","text":"第一篇 正常的文字"}'
    echo '{"id":"b","text":"this one says FAIL-ME"}'
    echo '{"id": broken'
    printf '{"id":"c","text":"bad \377 byte"}\n'
    echo '{"id":"d","text":"DROP-ME please"}'
    echo '{"id":"e","text":"最后一篇"}'
} > mixed.jsonl
"$GEN" jsonl 400K 3 > clean.jsonl

expect_status 1 "$SLUICE" run -p pipeline.json -j3 --quarantine q.jsonl \
    --stats stats.json mixed.jsonl > out.jsonl 2> err.txt &&
    pass "failed documents make the exit status 1"
[ "$(wc -l < out.jsonl)" -eq 2 ] && pass "the two good documents are written" ||
    fail "expected 2 output records, got $(wc -l < out.jsonl)"
[ "$(wc -l < q.jsonl)" -eq 3 ] && pass "three records quarantined" ||
    fail "expected 3 quarantine lines, got $(wc -l < q.jsonl)"
sed -n 1p q.jsonl | grep -q '"id":"b".*"stage":"crashy","reason":"found the fail marker"' &&
    pass "stage failure names the stage and the reason" ||
    fail "first quarantine line: $(sed -n 1p q.jsonl)"
sed -n 2p q.jsonl | grep -q '"line":3.*"reader":"jsonl".*"record":"{\\"id\\": broken"' &&
    pass "broken JSON line kept with its line number" ||
    fail "second quarantine line: $(sed -n 2p q.jsonl)"
sed -n 3p q.jsonl | grep -q '"reader":.*"record_hex":' &&
    pass "invalid UTF-8 record kept as hex" ||
    fail "third quarantine line: $(sed -n 3p q.jsonl)"
grep -q '"failed": 3' stats.json && grep -q '"dropped": 1' stats.json &&
    pass "stats count failed and dropped" || fail "stats counts wrong"

"$SLUICE" run -p pipeline.json -j1 --quarantine q1.jsonl mixed.jsonl \
    > out1.jsonl 2> /dev/null
same q.jsonl q1.jsonl "quarantine identical for -j1 and -j3"

expect_status 2 "$SLUICE" run -p pipeline.json --set on_error=abort \
    -o aborted.jsonl mixed.jsonl 2> abort.txt &&
    pass "on_error abort exits 2"
grep -q "on_error is abort" abort.txt && pass "abort says why" ||
    fail "abort message: $(cat abort.txt)"
[ ! -e aborted.jsonl ] && pass "an aborted run leaves no output" ||
    fail "aborted.jsonl exists"
ls -a | grep -q '\.aborted\.jsonl' && fail "temporary files left behind" ||
    pass "no temporary files left behind"

expect_status 1 "$SLUICE" run -p pipeline.json --set on_error=skip \
    --quarantine qs.jsonl mixed.jsonl > /dev/null 2>&1 &&
    pass "on_error skip still exits 1"
[ ! -s qs.jsonl ] && pass "on_error skip writes no quarantine" ||
    fail "skip wrote $(wc -l < qs.jsonl) quarantine lines"

# a record over max_doc_bytes is quarantined by the reader, the rest goes on
lines=$(wc -l < clean.jsonl)
expect_status 1 "$SLUICE" run -p pipeline.json --set input.max_doc_bytes=3000 \
    --quarantine qbig.jsonl clean.jsonl > big.out 2> /dev/null &&
    pass "records over max_doc_bytes make the run exit 1"
big=$(wc -l < qbig.jsonl)
[ "$big" -gt 0 ] && [ $((big + $(wc -l < big.out))) -eq "$lines" ] &&
    grep -q '"reader":' qbig.jsonl &&
    pass "oversized records quarantined ($big), the others written" ||
    fail "max_doc_bytes: $big quarantined, $(wc -l < big.out) written of $lines"

expect_status 0 "$SLUICE" run -p pipeline.json clean.jsonl > /dev/null &&
    pass "a clean run exits 0"
expect_status 64 "$SLUICE" run --shard 4/4 clean.jsonl > /dev/null 2>&1 &&
    pass "a bad --shard is a usage error (64)"
expect_status 2 "$SLUICE" run --shard 1/2 < clean.jsonl > /dev/null 2>&1 &&
    pass "--shard on standard input is refused"
finish
