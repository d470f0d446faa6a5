#!/bin/sh
# tests/engine/stdin-signal.sh - SIGTERM while the reader waits for more
# input on a FIFO or on standard input stops the run as it does elsewhere
# (status 143, a checkpoint left for --resume), instead of being lost
# until the writer closes and the run ending with status 0.
. "$(dirname "$0")/common.sh"

mkfifo in.fifo
# the test holds the FIFO open for writing (read-write: no wait for a
# reader), so the reader finds no end of input
exec 3<> in.fifo

# stop_while_waiting NAME fifo|stdin: starts sluice -o NAME reading the
# FIFO by name or as standard input, feeds one record, sends SIGTERM while
# the reader waits, and checks the outcome.
stop_while_waiting() {
    name=$1
    if [ "$2" = stdin ]; then
        "$SLUICE" run --no-progress -o "$name" - < in.fifo 3>&- \
            2> "$name.err" &
    else
        "$SLUICE" run --no-progress -o "$name" in.fifo 3>&- 2> "$name.err" &
    fi
    pid=$!
    # the first checkpoint is written once the signal handlers are in
    for _ in $(seq 1 600); do
        [ -e ".$name.checkpoint" ] && break
        sleep 0.05
    done
    echo '{"id":"a","text":"第一篇 正常的文字"}' >&3
    wait_for_checkpoint ".$name.checkpoint" 0
    kill -TERM "$pid"
    # with the signal lost, sluice would wait for the end of input: give
    # it that after a while, so the test ends either way
    for _ in $(seq 1 600); do
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.05
    done
    if kill -0 "$pid" 2> /dev/null; then
        exec 3>&-
        exec 3<> in.fifo
    fi
    wait "$pid"
    status=$?
    [ "$status" -eq 143 ] && pass "$name: SIGTERM while waiting stops the run (143)" ||
        fail "$name: exit status $status, expected 143: $(cat "$name.err")"
    grep -q "interrupted by signal 15" "$name.err" &&
        pass "$name: says it was interrupted" ||
        fail "$name: messages: $(cat "$name.err")"
    [ ! -e "$name" ] && pass "$name: no output committed" ||
        fail "$name: the output was committed"
}

stop_while_waiting fifo.jsonl fifo
stop_while_waiting stdin.jsonl stdin
exec 3>&-
finish
