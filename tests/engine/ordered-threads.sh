#!/bin/sh
# tests/engine/ordered-threads.sh - which thread runs an ordered stage.
# An ordered stage sees one document at a time, in input order, whatever
# -j is. Without SL_STAGE_ANY_THREAD every call is on the same thread;
# with it (and every ordered stage of the pipeline setting it, the
# exporter included), the threads that run the unordered stages also
# retire records, so calls move between threads at -j4, still one at a
# time and in order, and the output is the bytes of -j1. One ordered stage
# without the flag keeps the whole pipeline's ordered stages on one
# thread. From standard input (a read may wait), the calling thread
# retires, flag or not.
. "$(dirname "$0")/common.sh"

"$GEN" jsonl 4M 17 > corpus.jsonl
docs=$(wc -l < corpus.jsonl)
cores=$(nproc 2> /dev/null || echo 1)

# counter FILE NAME: the value of counter NAME in a --stats file (0 if none)
counter() {
    v=$(sed -n "s/^ *\"$2\": *\([0-9]*\).*/\1/p" "$1" | head -n 1)
    echo "${v:-0}"
}

# pipeline FILE [STAGE...]: normalize, the stages, an exporter
pipeline() {
    into=$1
    shift
    {
        printf '{ "sluice": 1, "stages": [ { "use": "normalize" }'
        for stage in "$@"; do
            printf ', { "use": "%s" }' "$stage"
        done
        printf ', { "use": "export" } ] }\n'
    } > "$into"
}

# check NAME STATS: one call per document, none overlapping, in order
check() {
    calls=$(counter "$2" calls)
    overlapped=$(counter "$2" calls.overlapped)
    broken=$(counter "$2" order.broken)
    [ "$calls" -eq "$docs" ] && [ "$overlapped" -eq 0 ] &&
        [ "$broken" -eq 0 ] &&
        pass "$1: $calls calls, one at a time, in input order" ||
        fail "$1: $calls calls of $docs, $overlapped overlapped, $broken out of order"
}

pipeline plain.json
"$SLUICE" run --no-progress -j1 -p plain.json corpus.jsonl > want.jsonl ||
    fail "the -j1 run"

for stage in threadwatch threadwatch_any; do
    pipeline $stage.json $stage
    for j in 1 4; do
        "$SLUICE" run --no-progress -j$j -p $stage.json \
            --stats $stage-$j.stats corpus.jsonl > $stage-$j.jsonl ||
            fail "-j$j run with $stage"
        check "$stage -j$j" $stage-$j.stats
        same want.jsonl $stage-$j.jsonl "$stage -j$j: the bytes of -j1"
    done
    moved=$(counter $stage-1.stats calls.moved)
    [ "$moved" -eq 0 ] && pass "$stage -j1: one thread" ||
        fail "$stage -j1: the stage moved between threads $moved times"
done

moved=$(counter threadwatch-4.stats calls.moved)
[ "$moved" -eq 0 ] && pass "threadwatch -j4: every call on one thread" ||
    fail "threadwatch -j4: moved between threads $moved times without SL_STAGE_ANY_THREAD"

# which thread retires depends on which finishes first, so a machine
# busy with other work may leave every retirement of a run to one
# thread: up to five runs, one of which must see calls on several
moved=$(counter threadwatch_any-4.stats calls.moved)
tries=1
while [ "$moved" -eq 0 ] && [ "$tries" -lt 5 ]; do
    "$SLUICE" run --no-progress -j4 -p threadwatch_any.json \
        --stats again.stats corpus.jsonl > again.jsonl ||
        fail "-j4 run with threadwatch_any, again"
    check "threadwatch_any -j4, again" again.stats
    moved=$(counter again.stats calls.moved)
    tries=$((tries + 1))
done
if [ "$cores" -ge 2 ]; then
    [ "$moved" -gt 0 ] &&
        pass "threadwatch_any -j4: retired on $moved changes of thread (run $tries)" ||
        fail "threadwatch_any -j4: every call on one thread in $tries runs with SL_STAGE_ANY_THREAD"
else
    echo "note: one core; threadwatch_any -j4 moved $moved times"
fi

# one stage without the flag holds them all to one thread
pipeline both.json threadwatch_any threadwatch
"$SLUICE" run --no-progress -j4 -p both.json --stats both.stats \
    corpus.jsonl > both.jsonl || fail "-j4 run with both stages"
check "both -j4" both.stats
same want.jsonl both.jsonl "both -j4: the bytes of -j1"
moved=$(counter both.stats calls.moved)
[ "$moved" -eq 0 ] &&
    pass "a stage without the flag keeps the other ordered stages on one thread" ||
    fail "both -j4: threadwatch_any moved $moved times beside a stage without the flag"

# standard input: the calling thread retires
"$SLUICE" run --no-progress -j4 -p threadwatch_any.json --stats stdin.stats \
    - < corpus.jsonl > stdin.jsonl || fail "-j4 run from standard input"
check "standard input -j4" stdin.stats
same want.jsonl stdin.jsonl "standard input -j4: the bytes of -j1"
moved=$(counter stdin.stats calls.moved)
[ "$moved" -eq 0 ] && pass "standard input: the calling thread retires" ||
    fail "standard input: the stage moved between threads $moved times"

"$SLUICE" describe threadwatch_any | grep -q "in input order, on any thread" &&
    pass "describe names the flag" || fail "describe does not name the flag"
"$SLUICE" describe threadwatch | grep "in input order" | grep -q "any thread" &&
    fail "describe gives the flag to a stage without it" ||
    pass "describe leaves it out without the flag"

finish
