#!/bin/sh
# tests/engine/resume_pipeline.sh - a checkpoint records the effective
# pipeline (the file, defaults, --set and -o), and --resume with another
# one is refused, naming the stage and option that differ, instead of
# continuing an output in another format.
. "$(dirname "$0")/common.sh"

# The first run reads a FIFO that stays open with nothing in it, so it
# waits after writing its first checkpoint; then it is killed.
mkfifo feed
exec 3<> feed
"$SLUICE" run --no-progress -o out.jsonl feed 2> first.err &
first=$!
for _ in $(seq 1 600); do
    [ -s .out.jsonl.checkpoint ] && break
    sleep 0.05
done
kill -9 "$first"
wait "$first"
grep -q '"pipeline_digest"' .out.jsonl.checkpoint &&
    pass "the checkpoint records the pipeline's digest" ||
    fail "no pipeline digest in: $(cat .out.jsonl.checkpoint)"

exec 3>&-

# one record, then the end of the input, for the resumed run (a writer
# that waits for the reader; the timeout only ends it if none comes)
timeout 60 sh -c 'echo "{\"id\":\"a\",\"text\":\"one\"}" > feed' &
writer=$!
"$SLUICE" run --no-progress --resume --set export.format=text -o out.jsonl \
    feed 2> err.txt
status=$?
[ "$status" -eq 2 ] &&
    grep -q "the pipeline changed since the checkpoint: stage 'export' option 'format' was \"jsonl\", is \"text\"" err.txt &&
    pass "--resume with another export format is refused, naming it" ||
    fail "--resume with another format: status $status: $(cat err.txt)"
[ ! -e out.jsonl ] && pass "no output was written" ||
    fail "out.jsonl was written"
[ -s .out.jsonl.checkpoint ] && pass "the checkpoint is kept for a right resume" ||
    fail "the checkpoint was removed"
wait "$writer"
finish
