#!/bin/sh
# tests/engine/sqlite-resume.sh - an sqlite output can be resumed: a
# worker restarted by --isolate after a crash continues the database from
# the checkpoint (rows committed after it are deleted), kill -9 followed
# by --resume gives the same rows as one run, and --resume without a
# checkpoint simply starts (it used to be refused always).
. "$(dirname "$0")/common.sh"

if ! command -v sqlite3 > /dev/null 2>&1; then
    echo "SKIP: the sqlite3 command is not installed"
    exit 77
fi

cat > pipeline.json <<'JSON'
{ "sluice": 1,
  "stages": [ { "use": "normalize" }, { "use": "crashy" },
              { "use": "export",
                "with": { "path": "-", "format": "sqlite", "batch": 37 } } ] }
JSON
"$GEN" jsonl 8M 21 > corpus.jsonl
# the same file name in two folders: the database keeps the source name
mkdir crashing failing
awk 'NR == 700 { sub(/"text":"/, "\"text\":\"CRASH-ME ") } { print }' \
    corpus.jsonl > crashing/in.jsonl
sed 's/CRASH-ME /FAIL-ME /' crashing/in.jsonl > failing/in.jsonl

# dump DB: the database's schema and rows as text
dump() {
    sqlite3 "$1" .dump
}

(cd failing && "$SLUICE" run --no-progress -p ../pipeline.json -j2 \
    -o ../expected.db in.jsonl 2> /dev/null)
(cd crashing && exec "$SLUICE" run --no-progress -p ../pipeline.json -j2 \
    --isolate --checkpoint-every 50 -o ../isolated.db in.jsonl \
    2> ../isolate.err)
[ $? -eq 1 ] &&
    pass "isolate: a crash restarts the worker on the sqlite output"
grep -q "restarting the worker" isolate.err ||
    fail "isolate: no restart: $(cat isolate.err)"
dump expected.db > expected.sql
dump isolated.db > isolated.sql
same expected.sql isolated.sql "isolate: the same rows as a run where the document failed"

"$SLUICE" run --no-progress -p pipeline.json -j2 -o whole.db corpus.jsonl \
    2> /dev/null
dump whole.db > whole.sql
(exec "$SLUICE" run --no-progress -p pipeline.json -j2 --checkpoint-every 50 \
    -o resumed.db corpus.jsonl 2> /dev/null) &
pid=$!
wait_for_checkpoint_or_end .resumed.db.checkpoint 200 "$pid"
[ $? -ne 1 ] || fail "no checkpoint appeared"
kill -9 "$pid" 2> /dev/null
wait "$pid"
# a fast machine may finish before the kill: the resume then starts afresh
[ -e .resumed.db.checkpoint ] || rm -f resumed.db
expect_status 0 "$SLUICE" run --no-progress -p pipeline.json -j2 \
    --checkpoint-every 50 --resume -o resumed.db corpus.jsonl 2> resume.err &&
    pass "kill -9: --resume finishes"
dump resumed.db > resumed.sql
same whole.sql resumed.sql "kill -9: the same rows as one run"
ls -a | grep -q '^\.resumed\.db\.' && fail "left behind: $(ls -a)" ||
    pass "kill -9: no temporary file left"

expect_status 0 "$SLUICE" run --no-progress -p pipeline.json --resume \
    -o fresh.db corpus.jsonl 2> fresh.err &&
    pass "--resume without a checkpoint starts the run"
dump fresh.db > fresh.sql
same whole.sql fresh.sql "--resume without a checkpoint: the same rows"
finish
