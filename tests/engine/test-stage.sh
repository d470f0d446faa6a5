#!/bin/sh
# tests/engine/test-stage.sh - the plugin author's kit: `sluice run
# --check-docs` fails a document a stage left broken and names the stage;
# the in-tree stages keep every document whole; `sluice test-stage`
# compares one stage's results (kept, dropped with reasons, failed) with an
# expected JSONL file, reports the document and field that differ, and is
# the example plugin's own test (doc/examples/scripttag/expected.jsonl).
. "$(dirname "$0")/common.sh"
srcdir=${abs_top_srcdir:-$builddir/..}

cat > small.jsonl <<'JSONL'
{"id":"a","text":"fine"}
{"id":"b","text":"BREAK-SPAN here"}
{"id":"c","text":"BREAK-SECTION here"}
{"id":"d","text":"fine too"}
JSONL
cat > breaker.json <<'JSON'
{ "sluice": 1,
  "stages": [ { "use": "breaker" }, { "use": "export", "with": { "path": "-" } } ] }
JSON

# -- --check-docs
expect_status 0 "$SLUICE" run --no-progress -p breaker.json -o plain.jsonl \
    small.jsonl 2> /dev/null && pass "without --check-docs nothing is checked"
expect_status 1 "$SLUICE" run --no-progress -p breaker.json --check-docs \
    -o checked.jsonl --quarantine q.jsonl small.jsonl 2> err.txt &&
    pass "with --check-docs the broken documents fail"
grep -q "document 'b': stage 'breaker': left the document broken (--check-docs): span 0 \[0,20) outside block 0 of 15 bytes" err.txt &&
    pass "the message names the document, the stage and the broken rule" ||
    fail "message: $(cat err.txt)"
grep -q "document 'c': stage 'breaker': .*section 0 has parent 1" err.txt &&
    pass "a section's parent after it is caught" || fail "section: $(cat err.txt)"
[ "$(grep -c '"stage":"breaker"' q.jsonl)" -eq 2 ] &&
    pass "both are quarantined under the stage's name" ||
    fail "quarantine: $(cat q.jsonl)"
[ "$(wc -l < checked.jsonl)" -eq 2 ] && pass "the whole documents are written" ||
    fail "output: $(cat checked.jsonl)"

"$GEN" jsonl 1M 5 > corpus.jsonl
expect_status 0 "$SLUICE" run --no-progress --check-docs -j2 -o default.jsonl \
    corpus.jsonl 2> default-err.txt &&
    pass "the built-in pipeline keeps every document whole" ||
    fail "built-in pipeline: $(head -c 600 default-err.txt)"

# -- test-stage
cat > drops.jsonl <<'JSONL'
{"id":"k","text":"keep me"}
{"id":"l","text":"DROPD:lang"}
{"id":"f","text":"DROP-THEN-FAIL"}
JSONL
expect_status 0 "$SLUICE" test-stage dropper --update drops.jsonl \
    expected.jsonl > update.txt 2> /dev/null &&
    grep -q "wrote 3 lines" update.txt && pass "--update writes the expected file" ||
    fail "--update: $(cat update.txt)"
grep -q '^{"id":"l","dropped":{"stage":"dropper","reason":"lang","detail":{"seq":1}}}$' \
    expected.jsonl && pass "a dropped document's line has stage, reason and detail" ||
    fail "expected: $(cat expected.jsonl)"
grep -q '^{"id":"f","failed":{"stage":"dropper","reason":"failed after dropping"}}$' \
    expected.jsonl && pass "a failed document's line has stage and reason" ||
    fail "expected: $(cat expected.jsonl)"
expect_status 0 "$SLUICE" test-stage dropper drops.jsonl expected.jsonl \
    > same.txt 2> /dev/null && grep -q "PASS: 3 lines match" same.txt &&
    pass "the same run matches" || fail "match: $(cat same.txt)"
sed 's/keep me/keep you/' expected.jsonl > changed.jsonl
expect_status 1 "$SLUICE" test-stage dropper drops.jsonl changed.jsonl \
    > diff.txt 2> /dev/null &&
    grep -q "changed.jsonl:1: document 'k': \"text\": expected \"keep you\", got \"keep me\"" diff.txt &&
    pass "a difference names the line, document and field" ||
    fail "difference: $(cat diff.txt)"
head -n 2 expected.jsonl > short.jsonl
expect_status 1 "$SLUICE" test-stage dropper drops.jsonl short.jsonl \
    > short.txt 2> /dev/null && grep -q "expected 2 lines, got 3" short.txt &&
    pass "a missing line is reported" || fail "missing line: $(cat short.txt)"
expect_status 2 "$SLUICE" test-stage dropper drops.jsonl missing.jsonl \
    > /dev/null 2> missing.txt && grep -q "missing.jsonl" missing.txt &&
    pass "a missing expected file stops with its name" ||
    fail "missing file: $(cat missing.txt)"
expect_status 2 "$SLUICE" test-stage breaker --with '[1]' drops.jsonl \
    expected.jsonl > /dev/null 2> with.txt && grep -q "^sluice: --with" with.txt &&
    pass "--with must be an object" || fail "--with: $(cat with.txt)"
"$SLUICE" test-stage breaker --update small.jsonl broken.jsonl > /dev/null \
    2>&1
grep -q '^{"id":"b","failed":{"stage":"breaker","reason":"left the document broken (--check-docs): span 0' \
    broken.jsonl && pass "test-stage checks documents" ||
    fail "test-stage --check-docs: $(cat broken.jsonl)"

# -- the example plugin's own test
example=$srcdir/doc/examples/scripttag
expect_status 0 "$SLUICE" test-stage scripttag --before normalize \
    --with '{"min_chars": 20, "keep": ["han", "latin"]}' \
    "$example/example.jsonl" "$example/expected.jsonl" > example.txt &&
    pass "the example plugin passes its own test" ||
    fail "example: $(cat example.txt)"
finish
