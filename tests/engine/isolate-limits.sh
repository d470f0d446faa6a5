#!/bin/sh
# tests/engine/isolate-limits.sh - --isolate beyond crashes: a stage that
# hangs (--doc-timeout), a worker that grows too big (--worker-memory),
# exits, or is killed (as by the OOM killer) costs the document in hand
# only: it is quarantined with the stage and the reason, and the run goes
# on to the output of a run where that document had failed. A worker dies
# with its supervisor (kill -9) instead of finishing the run behind its
# back.
. "$(dirname "$0")/common.sh"

cat > pipeline.json <<'JSON'
{ "sluice": 1,
  "stages": [ { "use": "normalize" }, { "use": "crashy" },
              { "use": "export", "with": { "path": "-" } } ] }
JSON
"$GEN" jsonl 300K 31 > corpus.jsonl
# mark MARKER: the corpus with record 40 marked
mark() {
    awk -v m="$1" 'NR == 40 { sub(/"text":"/, "\"text\":\"" m " ") } { print }' \
        corpus.jsonl
}
mark FAIL-ME > failing.jsonl
"$SLUICE" run --no-progress -p pipeline.json -j2 -o expected.jsonl \
    failing.jsonl 2> /dev/null

# limited NAME MARKER REASON OPTIONS...: a run over the corpus with record
# 40 marked, which must quarantine that record with REASON and go on.
limited() {
    name=$1 marker=$2 reason=$3
    shift 3
    mark "$marker" > "$name.jsonl"
    expect_status 1 "$SLUICE" run --no-progress -p pipeline.json -j2 \
        --isolate --checkpoint-every 16 "$@" -o "$name-out.jsonl" \
        --quarantine "$name-q.jsonl" "$name.jsonl" 2> "$name.err" &&
        pass "$name: the run goes on and exits 1"
    same expected.jsonl "$name-out.jsonl" \
        "$name: output as if the document had failed"
    [ "$(wc -l < "$name-q.jsonl")" -eq 1 ] &&
        grep -q "\"stage\":\"crashy\",\"reason\":\"$reason" "$name-q.jsonl" &&
        pass "$name: the document is quarantined with the stage and why" ||
        fail "$name: quarantine: $(cut -c1-300 "$name-q.jsonl")"
}

limited timeout HANG-ME "ran longer than 1 s on the document (--doc-timeout)" \
    --doc-timeout 1
limited memory HOG-ME "the worker process grew past 134217728 bytes while the stage ran the document (--worker-memory)" \
    --worker-memory 128M
limited exit EXIT-ME "the worker process exited with status 3 while the stage ran the document"

expect_status 64 "$SLUICE" run --no-progress --doc-timeout 1 corpus.jsonl \
    2> usage.txt && pass "--doc-timeout without --isolate is refused"

# a worker killed from outside (as by the OOM killer) while it holds a
# document
mark HANG-ME > hang.jsonl
CRASHY_HANG_NOTE=$work/hang.pid "$SLUICE" run --no-progress -p pipeline.json \
    -j2 --isolate --checkpoint-every 16 -o killed-out.jsonl \
    --quarantine killed-q.jsonl hang.jsonl 2> killed.err &
supervisor=$!
# The worker holding the document is killed each time it hangs on it: the
# next worker skips it, or, when the first died with another document in
# hand too (-j2 on a loaded machine), runs them one at a time and hangs
# on it alone, to be killed once more.
for _ in $(seq 1 2400); do
    kill -0 "$supervisor" 2> /dev/null || break
    if [ -s hang.pid ]; then
        kill -KILL "$(cat hang.pid)" 2> /dev/null
        rm -f hang.pid
    fi
    sleep 0.05
done
wait "$supervisor"
[ $? -eq 1 ] && pass "killed: the run goes on and exits 1" ||
    fail "killed: $(cat killed.err)"
same expected.jsonl killed-out.jsonl "killed: output as if the document had failed"
grep -q "killed by signal 9 (SIGKILL) while the stage ran the document" \
    killed-q.jsonl && pass "killed: quarantined with the signal and the stage" ||
    fail "killed: quarantine: $(cut -c1-300 killed-q.jsonl)"

# kill -9 of the supervisor takes the worker with it
CRASHY_HANG_NOTE=$work/hang.pid "$SLUICE" run --no-progress -p pipeline.json \
    -j2 --isolate --checkpoint-every 16 -o orphan-out.jsonl hang.jsonl \
    2> /dev/null &
supervisor=$!
for _ in $(seq 1 600); do
    [ -s hang.pid ] && break
    sleep 0.05
done
worker=$(cat hang.pid)
kill -KILL "$supervisor"
wait "$supervisor" 2> /dev/null
for _ in $(seq 1 600); do
    kill -0 "$worker" 2> /dev/null || break
    sleep 0.05
done
if kill -0 "$worker" 2> /dev/null; then
    fail "orphan: the worker outlived its supervisor"
    kill -KILL "$worker"
else
    pass "orphan: the worker died with its supervisor"
fi
[ ! -e orphan-out.jsonl ] && pass "orphan: no output committed" ||
    fail "orphan: the output was committed"
finish
