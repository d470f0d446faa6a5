#!/bin/sh
# tests/engine/diskfull.sh - write errors on outputs: a disk that fills
# mid-write and then frees loses nothing (the write resumes at the exact
# byte: the output equals an undisturbed run's, plain and gzip); a disk
# that stays full stops the run with one message, leaving neither the
# output nor its temporary file nor a checkpoint. The full disk is played
# by a write() shim preloaded from tests/plugins/diskfull.c, or /dev/full.
# The shim cases are skipped where the shim cannot be preloaded.
. "$(dirname "$0")/common.sh"

SHIM=$builddir/tests/plugins/.libs/diskfull.so
"$GEN" jsonl 3M 7 > in.jsonl
"$SLUICE" run --no-progress -o ref.jsonl in.jsonl
"$SLUICE" run --no-progress --checkpoint-every 100 -o ref.jsonl.gz in.jsonl

# with_full_disk MATCH AFTER FAILURES COMMAND...: runs the command with
# writes to files named like MATCH failing after AFTER bytes.
with_full_disk() {
    match=$1 after=$2 failing=$3
    shift 3
    rm -f shim-active
    env LD_PRELOAD="$SHIM" DISKFULL_MATCH="$match" DISKFULL_AFTER="$after" \
        DISKFULL_FAILURES="$failing" DISKFULL_MARK="$work/shim-active" \
        ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" "$@"
}

# a sanitizer build's shim needs the sanitizer runtime, which the shell
# running libtool's wrapper lacks: then the shim cases are skipped
if env LD_PRELOAD="$SHIM" true 2> /dev/null; then
    expect_status 0 with_full_disk got.jsonl 1000001 3 \
        "$SLUICE" run --no-progress -o got.jsonl in.jsonl 2> err.txt
fi
if [ -e shim-active ]; then
    same ref.jsonl got.jsonl "a disk that fills and frees loses no byte"
    [ ! -s err.txt ] && pass "and the run says nothing" ||
        fail "messages: $(head -c 300 err.txt)"
    expect_status 0 with_full_disk got.jsonl.gz 300001 4 \
        "$SLUICE" run --no-progress --checkpoint-every 100 -o got.jsonl.gz \
        in.jsonl 2> err.txt
    same ref.jsonl.gz got.jsonl.gz "gzip output with checkpoints too"

    expect_status 2 with_full_disk full.jsonl 1000001 forever \
        "$SLUICE" run --no-progress --disk-full-wait 0.2 --quarantine q.jsonl \
        -o full.jsonl in.jsonl 2> err.txt &&
        pass "a disk that stays full fails the run (2)"
    [ "$(wc -l < err.txt)" -eq 1 ] &&
        grep -q "cannot write 'full.jsonl': No space left on device" err.txt &&
        pass "with one message naming the output" ||
        fail "messages: $(head -c 500 err.txt)"
    [ ! -e full.jsonl ] && pass "no output committed" ||
        fail "full.jsonl was committed"
    ls -a | grep -q '^\.full\.jsonl' && fail "left: $(ls -a | grep full)" ||
        pass "no temporary file or checkpoint left"
    [ ! -s q.jsonl ] && pass "no document blamed in the quarantine" ||
        fail "quarantine: $(head -c 300 q.jsonl)"
else
    echo "skip: the write shim is not in effect in this build"
fi

expect_status 2 "$SLUICE" run --no-progress --disk-full-wait 0 -o /dev/full \
    in.jsonl 2> err.txt && pass "-o /dev/full fails the run (2)"
[ "$(wc -l < err.txt)" -eq 1 ] && grep -q "No space left" err.txt &&
    pass "with one message" || fail "messages: $(head -c 500 err.txt)"
finish
