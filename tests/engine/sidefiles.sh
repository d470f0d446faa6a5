#!/bin/sh
# tests/engine/sidefiles.sh - the quarantine and the --stats file are
# written whole or the run fails: a quarantine or stats file that cannot
# be written (/dev/full, a missing folder) stops the run with the reason
# and exit status 2, never "see the quarantine file" over an empty one;
# neither appears under its name before it is complete; "complete" is
# false after an on_error abort; a quarantined record over 1 MiB is kept
# whole, and one over max_doc_bytes is flagged as cut with its length and
# the SHA-256 of all its bytes.
. "$(dirname "$0")/common.sh"

cat > pipeline.json <<'JSON'
{ "sluice": 1,
  "stages": [ { "use": "crashy" },
              { "use": "export", "with": { "path": "-" } } ] }
JSON
{
    echo '{"id":"a","text":"第一篇"}'
    echo '{"id":"b","text":"this one says FAIL-ME"}'
    echo '{"id":"c","text":"最后一篇"}'
} > mixed.jsonl

expect_status 2 "$SLUICE" run --no-progress -p pipeline.json \
    --disk-full-wait 0 --quarantine /dev/full -o out.jsonl mixed.jsonl \
    2> err.txt && pass "a quarantine on /dev/full fails the run (2)"
grep -q "/dev/full: cannot write the quarantine file: No space left" err.txt &&
    pass "and says why" || fail "messages: $(cat err.txt)"
grep -q "see the quarantine" err.txt && fail "points at the empty quarantine" ||
    pass "does not point at the quarantine"
[ ! -e out.jsonl ] && pass "no output committed" || fail "out.jsonl exists"

ln -s /dev/full .q.jsonl.part
expect_status 2 "$SLUICE" run --no-progress -p pipeline.json \
    --disk-full-wait 0 --quarantine q.jsonl -o out.jsonl mixed.jsonl \
    2> err.txt && pass "a quarantine on a full disk fails the run (2)"
[ ! -e q.jsonl ] && [ ! -e .q.jsonl.part ] &&
    pass "and leaves neither quarantine nor temporary file" ||
    fail "left: $(ls -a)"

expect_status 1 "$SLUICE" run --no-progress -p pipeline.json \
    --quarantine q.jsonl -o out.jsonl mixed.jsonl 2> /dev/null
[ "$(wc -l < q.jsonl)" -eq 1 ] && [ ! -e .q.jsonl.part ] &&
    pass "a quarantine that can be written is put in place" ||
    fail "quarantine: $(ls -a)"

expect_status 2 "$SLUICE" run --no-progress -p pipeline.json \
    --disk-full-wait 0 --stats /dev/full --force -o out.jsonl mixed.jsonl \
    2> err.txt && pass "--stats /dev/full fails the run (2)"
grep -q "/dev/full: cannot write: No space left" err.txt &&
    pass "and says why" || fail "messages: $(cat err.txt)"
expect_status 2 "$SLUICE" run --no-progress -p pipeline.json \
    --stats no-such-folder/stats.json --force -o out.jsonl mixed.jsonl \
    2> err.txt && pass "--stats in a missing folder fails the run (2)"
grep -q "no-such-folder/stats.json: cannot create" err.txt &&
    pass "and says why" || fail "messages: $(cat err.txt)"

expect_status 2 "$SLUICE" run --no-progress -p pipeline.json \
    --set on_error=abort --stats stats.json -o aborted.jsonl mixed.jsonl \
    2> /dev/null
grep -q '"complete": false' stats.json &&
    pass "\"complete\" is false after on_error abort" ||
    fail "stats: $(grep complete stats.json)"
"$SLUICE" run --no-progress -p pipeline.json --stats stats.json --force \
    -o out.jsonl mixed.jsonl 2> /dev/null
grep -q '"complete": true' stats.json && pass "and true after a whole run" ||
    fail "stats: $(grep complete stats.json)"
ls -a | grep -q '\.stats\.json\.tmp' && fail "stats temporary file left" ||
    pass "no stats temporary file left"

# a broken record of 2 MiB, and one over max_doc_bytes
{
    printf '{"id":"big","text":"'
    head -c 2097152 /dev/zero | tr '\0' 'x'
    echo
    echo '{"id":"ok","text":"fine"}'
} > big.jsonl
expect_status 1 "$SLUICE" run --no-progress -p pipeline.json \
    --quarantine qbig.jsonl -o big-out.jsonl big.jsonl 2> /dev/null
[ "$(sed -n 1p qbig.jsonl | tr -cd x | wc -c)" -ge 2097152 ] &&
    pass "a 2 MiB record is quarantined whole" ||
    fail "kept $(sed -n 1p qbig.jsonl | tr -cd x | wc -c) of 2097152 bytes"
expect_status 1 "$SLUICE" run --no-progress -p pipeline.json \
    --set input.max_doc_bytes=100000 --quarantine qcut.jsonl \
    -o cut-out.jsonl big.jsonl 2> /dev/null
grep -q '"record_cut":true,"record_bytes":2097172' qcut.jsonl &&
    pass "a record over max_doc_bytes is flagged as cut, with its length" ||
    fail "quarantine: $(cut -c1-100 qcut.jsonl; grep -o '"record_[a-z]*":[a-z0-9]*' qcut.jsonl)"

# the SHA-256 of the whole record, hashed while the reader skipped it,
# equals what sha256sum says of the line without its newline: for a line
# streamed past in pieces (2 MiB, limit 100000) and for one that was read
# whole before it was found too long (limit 1000)
sha_of_line() {
    sed -n "$2p" "$1" | tr -d '\n' | sha256sum | cut -d' ' -f1
}
quarantined_sha() {
    sed -n "$2p" "$1" | grep -o '"record_sha256":"[0-9a-f]*"' | cut -d'"' -f4
}
want=$(sha_of_line big.jsonl 1)
got=$(quarantined_sha qcut.jsonl 1)
[ -n "$want" ] && [ "$got" = "$want" ] &&
    pass "a record skipped in pieces keeps the SHA-256 of all its bytes" ||
    fail "record_sha256 '$got', sha256sum '$want'"
{
    echo '{"id":"first","text":"短"}'
    printf '{"id":"mid","text":"'
    head -c 5000 /dev/zero | tr '\0' 'y'
    printf '"}\r\n'
    echo '{"id":"last","text":"短"}'
} > mid.jsonl
expect_status 1 "$SLUICE" run --no-progress -p pipeline.json \
    --set input.max_doc_bytes=1000 --quarantine qmid.jsonl \
    -o mid-out.jsonl mid.jsonl 2> /dev/null
want=$(sha_of_line mid.jsonl 2)
got=$(quarantined_sha qmid.jsonl 1)
[ -n "$want" ] && [ "$got" = "$want" ] &&
    grep -q '"record_bytes":5023,' qmid.jsonl &&
    pass "a record read whole, then refused, keeps its SHA-256 and length" ||
    fail "record_sha256 '$got', sha256sum '$want'; $(grep -o '"record_bytes":[0-9]*' qmid.jsonl)"
[ "$(wc -l < mid-out.jsonl)" -eq 2 ] && pass "its neighbours are kept" ||
    fail "output: $(cat mid-out.jsonl)"
finish
