#!/bin/sh
# tests/engine/resume.sh - an interrupted run (kill -9, SIGINT, SIGTERM)
# continued with --resume gives the same bytes as an uninterrupted run
# (plain, .zst, and .gz, whose blocks the threads compress):
# output, quarantine and statistics; no temporary file is left behind.
. "$(dirname "$0")/common.sh"

# make_corpus SIZE: generated records with a broken one every 400
make_corpus() {
    "$GEN" jsonl "$1" 21 |
        awk '{ print } NR % 400 == 0 { print "{\"id\": broken " NR }' \
            > corpus.jsonl
    records=$(wc -l < corpus.jsonl)
}
size=5
make_corpus ${size}M

for out in out.jsonl out.jsonl.zst out.jsonl.gz; do
  # a fast machine may finish the run before the kill -9 lands: then the
  # corpus is made twice as long and the format tried again
  for attempt in 1 2 3 4; do
    "$SLUICE" run --no-progress -j2 --checkpoint-every 100 -o "whole-$out" \
        --quarantine whole-q.jsonl --stats whole-stats.json corpus.jsonl \
        2> /dev/null
    ckpt=.$out.checkpoint
    # run [--resume]: in the background, $! is sluice itself
    run() {
        exec "$SLUICE" run --no-progress -j2 --checkpoint-every 100 \
            -o "$out" --quarantine q.jsonl --stats stats.json "$@" \
            corpus.jsonl 2> /dev/null
    }
    rm -f q.jsonl
    (run) &
    pid=$!
    # (a run that ends before its checkpoint is seen removed it: the
    # output is then whole, and the corpus is made longer below)
    waited=0
    wait_for_checkpoint_or_end "$ckpt" 300 "$pid" || waited=$?
    [ "$waited" -ne 1 ] || fail "$out: no checkpoint appeared"
    kill -9 "$pid"
    wait "$pid"
    # the run may have finished, or put its outputs in place and been
    # killed on its way out, before the kill landed: then the output is
    # whole
    finished=false
    [ -e "$out" ] && cmp -s "$out" "whole-$out" && finished=true
    if $finished && [ "$attempt" -lt 4 ]; then
        rm -f "$out" "whole-$out" "$ckpt"
        size=$((size * 2))
        make_corpus ${size}M
        continue
    fi
    [ -e "$out" ] && ! $finished &&
        fail "$out: a killed run left a partial final output"
    break
  done
    before=$(checkpoint_records "$ckpt")

    (run --resume) &
    pid=$!
    # (a run that finished first removed its checkpoint: then the output
    # is there)
    wait_for_checkpoint "$ckpt" $((before + 200)) || [ -e "$out" ] ||
        fail "$out: the resumed run made no progress"
    kill -INT "$pid"
    wait "$pid"
    status=$?
    if [ "$status" -eq 130 ]; then
        pass "$out: SIGINT stops cleanly with 130"
    elif [ "$status" -eq 1 ] && [ -e "$out" ]; then
        pass "$out: (the run had finished before SIGINT)"
    else
        fail "$out: SIGINT exit status $status"
    fi

    if [ ! -e "$out" ]; then
        (run --resume) &
        pid=$!
        sleep 0.3
        kill -TERM "$pid"
        wait "$pid"
        status=$?
        [ "$status" -eq 143 ] || [ "$status" -eq 1 ] ||
            fail "$out: SIGTERM exit status $status"
    fi
    if [ ! -e "$out" ]; then
        expect_status 1 "$SLUICE" run --no-progress -j2 --checkpoint-every 100 \
            -o "$out" --quarantine q.jsonl --stats stats.json --resume \
            corpus.jsonl 2> /dev/null && pass "$out: the last resume finishes"
    fi
    same "whole-$out" "$out" "$out: resumed output identical to one run"
    same whole-q.jsonl q.jsonl "$out: resumed quarantine identical"
    grep -q "\"in\": $records," stats.json &&
        pass "$out: resumed stats count every record once" ||
        fail "$out: stats.json does not count $records records"
    ls -a | grep -q "^\.$out\." && fail "$out: temporary files left: $(ls -a)"
    rm -f "$out" "whole-$out"
done

"$SLUICE" run --no-progress --resume corpus.jsonl > /dev/null 2> stdout.txt
[ $? -eq 2 ] && grep -q "needs the outputs to be files" stdout.txt &&
    pass "--resume refuses standard output" ||
    fail "--resume to standard output: $(cat stdout.txt)"
finish
