#!/bin/sh
# tests/engine/messages.sh - what sluice says when things go wrong: a
# module that does not load (plugins), --set errors, on_error abort, log
# levels (-q, -v), learn --help, a crash without --isolate, and the
# warnings of check.
. "${abs_top_srcdir:-.}/tests/engine/common.sh"

printf '{"id":"a","text":"one"}\n{"id":"b","text":"two"}\n' > ok.jsonl
printf '{"id":"c","text":"CRASH-ME"}\n{"id":"d","text":"four"}\n' >> ok.jsonl
cp ok.jsonl crash.jsonl

# plugins: a module that does not load is listed with the reason
"$SLUICE" plugins > plugins.txt 2> plugins.err
status=$?
[ $status -eq 2 ] && pass "plugins exits 2 when a module does not load" ||
    fail "plugins exit status $status"
grep -A1 '^undefsym  *FAILED' plugins.txt |
    grep -q 'undefined symbol: sl_test_symbol_nobody_defines' &&
    pass "plugins lists the failing module with the loader's reason" ||
    fail "plugins: $(cat plugins.txt)"
grep -q '^crashy ' plugins.txt && pass "plugins still lists the others" ||
    fail "plugins: crashy missing"
grep -q 'file not found' plugins.txt && fail "plugins says file not found"

# --set errors name the --set, not a line of the file
cat > p.json <<'JSON'
{"sluice": 1,
 "stages": [{"use": "crashy"},
            {"use": "export", "with": {"format": "jsonl"}}]}
JSON
"$SLUICE" check p.json --set export.format=xml 2> set.err
grep -q "^sluice: --set export.format=xml: stage 'export': option 'format' must be one of" set.err &&
    pass "a bad --set value names the --set" || fail "--set: $(cat set.err)"
grep -q 'p.json:' set.err && fail "--set error points into p.json"
"$SLUICE" check p.json --set input.format=xml 2> set2.err
grep -q "^sluice: --set input.format=xml: input.format must be" set2.err &&
    pass "a bad --set input value names the --set" ||
    fail "--set input: $(cat set2.err)"

# on_error abort prints its error once; the stage is named once
printf '{"id":"f","text":"FAIL-ME"}\n' > fail.jsonl
"$SLUICE" run --no-progress -p p.json --set on_error=abort -o aborted.jsonl \
    fail.jsonl 2> abort.err
[ "$(grep -c 'found the fail marker' abort.err)" -eq 1 ] &&
    pass "on_error abort prints its error once" ||
    fail "abort: $(cat abort.err)"
"$SLUICE" run --no-progress -p p.json --isolate -o iso.jsonl crash.jsonl \
    2> iso.err
grep "document 'c'" iso.err | grep -q "stage 'crashy': crashed with signal 11" &&
    ! grep "document 'c'" iso.err | grep -q "stage 'crashy'.*stage 'crashy'" &&
    pass "an isolated crash names the stage once" || fail "isolate: $(cat iso.err)"

# -q silences info and debug, -v shows debug
echo '{"sluice": 1, "stages": [{"use": "chatty"}, {"use": "export"}]}' \
    > chatty.json
"$SLUICE" run --no-progress -p chatty.json fail.jsonl > /dev/null 2> normal.err
"$SLUICE" run --no-progress -q -p chatty.json fail.jsonl > /dev/null 2> quiet.err
"$SLUICE" run --no-progress -v -p chatty.json fail.jsonl > /dev/null 2> verbose.err
grep -q 'info: \[chatty\] information about f' normal.err &&
    ! grep -q 'debug:' normal.err && pass "info is shown, debug is not" ||
    fail "default levels: $(cat normal.err)"
grep -q 'warning: \[chatty\] warning about f' quiet.err &&
    ! grep -q 'info:\|debug:' quiet.err && pass "-q keeps warnings only" ||
    fail "-q: $(cat quiet.err)"
grep -q 'debug: \[chatty\] debugging detail about f' verbose.err &&
    pass "-v shows debugging messages" || fail "-v: $(cat verbose.err)"

# learn --help prints learn's own usage
"$SLUICE" learn --help > learn.txt
head -1 learn.txt | grep -q '^usage: sluice learn -o MODEL' &&
    pass "learn --help prints learn's usage" || fail "learn --help: $(head -3 learn.txt)"

# a crash without --isolate: which stage and document, what to do, and the
# documents already finished are on standard output (the crashing stage
# runs after the exporter, so a and b are finished when c crashes)
cat > after.json <<'JSON'
{"sluice": 1, "stages": [{"use": "export"}, {"use": "crashy"}]}
JSON
"$SLUICE" run --no-progress -p after.json crash.jsonl > crash-out.jsonl \
    2> crash.err
status=$?
[ $status -gt 128 ] && pass "a crash still ends the process by its signal" ||
    fail "crash exit status $status"
grep -q "^sluice: stage 'crashy' crashed with signal 11 (SIGSEGV) on document 'c' (.*crash.jsonl:3)" crash.err &&
    pass "the crash names the stage and the document" ||
    fail "crash message: $(cat crash.err)"
grep -q -- '--isolate' crash.err && pass "the crash suggests --isolate" ||
    fail "no --isolate hint: $(cat crash.err)"
[ "$(cut -c1-13 crash-out.jsonl | tr '\n' ' ')" = '{"id":"a","te {"id":"b","te ' ] &&
    pass "the documents finished before the crash are on standard output" ||
    fail "standard output after the crash: $(cat crash-out.jsonl)"

# the document is named as it was before the crash: its id cut at 200
# bytes, and a record number for a document without a line
long_id=$(printf 'x%.0s' $(seq 1 300))
printf '{"id":"%s","text":"CRASH-ME"}\n' "$long_id" > crash-long.jsonl
"$SLUICE" run --no-progress -p after.json crash-long.jsonl > /dev/null \
    2> crash-long.err
grep -q "on document '$(printf 'x%.0s' $(seq 1 200))' (crash-long.jsonl:1)" \
    crash-long.err &&
    pass "a crash names a long id cut at 200 bytes" ||
    fail "crash with a long id: $(cat crash-long.err)"
printf 'CRASH-ME\n' > crash-page.txt
"$SLUICE" run --no-progress -p after.json crash-page.txt > /dev/null \
    2> crash-page.err
grep -q "on document 'crash-page.txt' (crash-page.txt, record 1)" \
    crash-page.err &&
    pass "a crash names a document without a line by its record" ||
    fail "crash on a text file: $(cat crash-page.err)"

# ... and with an output file: --resume --isolate goes on from the checkpoint
"$SLUICE" run --no-progress -p p.json -o crash-file.jsonl crash.jsonl \
    2> crash-file.err
grep -q -- "--resume --isolate" crash-file.err &&
    pass "a crash with a file output says how to resume" ||
    fail "crash with -o: $(cat crash-file.err)"
"$SLUICE" run --no-progress -p p.json -o crash-file.jsonl --resume --isolate \
    crash.jsonl 2> resumed.err
[ "$(cut -c1-8 crash-file.jsonl | tr '\n' ' ')" = '{"id":"a {"id":"b {"id":"d ' ] &&
    pass "--resume --isolate finishes the run without the crashing document" ||
    fail "resumed: $(cat crash-file.jsonl resumed.err)"

# check warns about a pipeline that runs but likely not as meant
cat > html-late.json <<'JSON'
{"sluice": 1, "input": {"content_type": "html"},
 "stages": [{"use": "crashy"}, {"use": "html"}, {"use": "export"}]}
JSON
"$SLUICE" check html-late.json > /dev/null 2> late.err
grep -q "warning: stage 'crashy' stands before the html stage on HTML input" late.err &&
    pass "check warns about a stage before html on HTML input" ||
    fail "check html order: $(cat late.err)"
echo '{"sluice": 1, "stages": [{"use": "chatty"}]}' > nothing.json
"$SLUICE" check nothing.json > /dev/null 2> nothing.err
grep -q "warning: no stage writes output" nothing.err &&
    pass "check warns when no stage writes output" ||
    fail "check no output: $(cat nothing.err)"
grep -q "warning: stage 'chatty' needs the html plugin's work, but no stage before it uses html" nothing.err &&
    pass "check warns about an unmet need" || fail "check needs: $(cat nothing.err)"
"$SLUICE" check p.json > /dev/null 2> clean.err
[ ! -s clean.err ] && pass "a sound pipeline gets no warning" ||
    fail "check warned: $(cat clean.err)"

[ $failures -eq 0 ]
