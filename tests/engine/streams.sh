#!/bin/sh
# tests/engine/streams.sh - standard output keeps finished records in its
# buffer between writes (64 KB at a time), and loses none of them: a
# crash writes out every finished record, whole and once; a record read
# from a slow producer is written before the reader waits for more.
. "$(dirname "$0")/common.sh"

# more than 64 KB of records, then one that crashes a stage after the
# exporter, then more that are never finished
"$GEN" jsonl 400K 5 > clean.jsonl
{
    cat clean.jsonl
    echo '{"id":"boom","text":"CRASH-ME"}'
    head -n 5 clean.jsonl
} > crash.jsonl
cat > after.json <<'JSON'
{"sluice": 1, "stages": [{"use": "export"}, {"use": "crashy"}]}
JSON
sed 's/^{"id":"\([^"]*\)".*/\1/' clean.jsonl > want-ids.txt

for jobs in 1 2; do
    "$SLUICE" run --no-progress -j "$jobs" -p after.json crash.jsonl \
        > "crash-$jobs.jsonl" 2> "crash-$jobs.err"
    status=$?
    [ $status -gt 128 ] && pass "-j$jobs: the crash ends the process" ||
        fail "-j$jobs: exit status $status: $(cat "crash-$jobs.err")"
    size=$(wc -c < "crash-$jobs.jsonl")
    [ "$size" -gt 65536 ] &&
        pass "-j$jobs: more than one buffer of records was written" ||
        fail "-j$jobs: only $size bytes written"
    sed 's/^{"id":"\([^"]*\)".*/\1/' "crash-$jobs.jsonl" > "got-ids-$jobs.txt"
    same want-ids.txt "got-ids-$jobs.txt" \
        "-j$jobs: every record finished before the crash is written, once, in order"
    # each line is a whole record: it ends as a record ends
    [ "$(grep -c '}$' "crash-$jobs.jsonl")" -eq "$(wc -l < clean.jsonl)" ] &&
        [ "$(tail -c 1 "crash-$jobs.jsonl" | od -An -c | tr -d ' ')" = '\n' ] &&
        pass "-j$jobs: no record is cut" ||
        fail "-j$jobs: a record is cut: $(tail -c 80 "crash-$jobs.jsonl")"
done

# the same records without a crash: the bytes are those a file output gets
"$SLUICE" run --no-progress -p after.json -o whole.jsonl clean.jsonl \
    2> /dev/null
cmp -s whole.jsonl crash-1.jsonl &&
    pass "the records written before the crash are those of a whole run" ||
    fail "the crash's output differs from a whole run's"

# a slow producer: the first record is on standard output while the
# reader waits for the second
mkfifo in.fifo
for jobs in 1 2; do
    exec 3<> in.fifo
    "$SLUICE" run --no-progress -j "$jobs" in.fifo 3>&- \
        > "slow-$jobs.jsonl" 2> "slow-$jobs.err" &
    pid=$!
    echo '{"id":"first","text":"第一篇 正常的文字"}' >&3
    for _ in $(seq 1 600); do
        grep -q '"id":"first"' "slow-$jobs.jsonl" && break
        sleep 0.05
    done
    grep -q '"id":"first"' "slow-$jobs.jsonl" &&
        pass "-j$jobs: a record is written while the reader waits for more" ||
        fail "-j$jobs: the first record was held back while the reader waited"
    echo '{"id":"second","text":"第二篇"}' >&3
    exec 3>&-
    wait "$pid"
    status=$?
    [ $status -eq 0 ] && [ "$(wc -l < "slow-$jobs.jsonl")" -eq 2 ] &&
        pass "-j$jobs: the run ends with both records" ||
        fail "-j$jobs: status $status, $(wc -l < "slow-$jobs.jsonl") records: $(cat "slow-$jobs.err")"
done

finish
