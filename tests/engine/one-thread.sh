#!/bin/sh
# tests/engine/one-thread.sh - -j1 runs the whole run on the calling
# thread (reading, the stages, retiring in order), -jN on N threads; the
# output, the quarantine and the statistics are the same whatever -j is,
# on a corpus with broken records; a -j1 run killed with kill -9 and
# resumed gives the bytes of an uninterrupted one.
. "$(dirname "$0")/common.sh"

# generated records, a broken one every 150, and one with bytes that are
# not UTF-8
"$GEN" jsonl 2M 31 |
    awk '{ print }
        NR % 150 == 0 { print "{\"id\": broken " NR }
        NR == 77 { printf "{\"id\":\"latin\",\"text\":\"caf\351\"}\n" }' \
        > corpus.jsonl
records=$(wc -l < corpus.jsonl)

# the statistics less what depends on time and on -j: seconds, the
# census's slowest documents, the output's name
steady_stats() {
    awk '/"slowest": \[/ { skip = 1; next }
        skip && /^ *\],?$/ { skip = 0; next }
        !skip' "$1" |
        grep -v -E '"(seconds|wall_seconds|jobs|reader_seconds|ordered_seconds|started|path)"'
}

for j in 1 2 4; do
    expect_status 1 "$SLUICE" run --no-progress -j$j -o out$j.jsonl \
        --quarantine q$j.jsonl --stats stats$j.json corpus.jsonl 2> /dev/null
    steady_stats stats$j.json > steady$j.json
done
[ -s out1.jsonl ] || fail "-j1 wrote no output"
grep -q "\"in\": $records," stats1.json &&
    pass "-j1 stats count every record" ||
    fail "-j1 stats.json does not count $records records"
[ "$(wc -l < q1.jsonl)" -ge 2 ] && pass "-j1 quarantines the broken records" ||
    fail "-j1 quarantine: $(wc -l < q1.jsonl) lines"
for j in 2 4; do
    same out1.jsonl out$j.jsonl "-j1 and -j$j write the same output"
    same q1.jsonl q$j.jsonl "-j1 and -j$j write the same quarantine"
    same steady1.json steady$j.json "-j1 and -j$j count the same"
done

# threads_of_run N: the thread count of a run with -jN that waits for
# input on a FIFO (the caller and N - 1 more, and a sanitizer's runtime
# may add one of its own)
mkfifo in.fifo
exec 3<> in.fifo
threads_of_run() {
    "$SLUICE" run --no-progress -j"$1" - < in.fifo > /dev/null 3>&- 2>&1 &
    pid=$!
    echo '{"id":"a","text":"第一篇 正常的文字"}' >&3
    count=
    for _ in $(seq 1 200); do
        count=$(sed -n 's/^Threads:[[:space:]]*//p' /proc/$pid/status \
            2> /dev/null)
        [ -n "$count" ] && [ "$count" -ge "$1" ] && break
        sleep 0.05
    done
    sleep 0.2 # threads that would start later
    count=$(sed -n 's/^Threads:[[:space:]]*//p' /proc/$pid/status)
    kill -TERM "$pid"
    wait "$pid"
    echo "$count"
}
if [ -r /proc/self/status ]; then
    one=$(threads_of_run 1)
    three=$(threads_of_run 3)
    # (a sanitizer's runtime may add a thread of its own to either)
    if [ -n "$one" ] && [ -n "$three" ] && [ "$one" -le 2 ] &&
        [ "$three" -ge 3 ] && [ "$three" -le 4 ]; then
        pass "-j1 runs on one thread, -j3 on three"
    else
        fail "-j1 runs on $one threads, -j3 on $three"
    fi
fi
exec 3>&-

# kill -9 of a -j1 run, then --resume at -j1: the bytes of one run
big() {
    for _ in 1 2 3 4; do cat corpus.jsonl; done > big.jsonl
}
big
run1() {
    "$SLUICE" run --no-progress -j1 --checkpoint-every 100 \
        -o resumed.jsonl --quarantine rq.jsonl "$@" big.jsonl 2> /dev/null
}
"$SLUICE" run --no-progress -j1 -o whole.jsonl --quarantine wq.jsonl \
    big.jsonl 2> /dev/null
(exec "$SLUICE" run --no-progress -j1 --checkpoint-every 100 \
    -o resumed.jsonl --quarantine rq.jsonl big.jsonl 2> /dev/null) &
pid=$!
wait_for_checkpoint_or_end .resumed.jsonl.checkpoint 300 "$pid"
kill -9 "$pid" 2> /dev/null
wait "$pid"
if [ ! -e resumed.jsonl ]; then
    expect_status 1 run1 --resume
    same whole.jsonl resumed.jsonl "-j1 resumed after kill -9: same output"
    same wq.jsonl rq.jsonl "-j1 resumed after kill -9: same quarantine"
else
    pass "(the -j1 run ended before kill -9)"
fi
finish
