#!/bin/sh
# tests/engine/paths.sh - the run's file plan: no file is both read and
# written or written twice (whatever the spelling of its path), only a
# real checkpoint is ever discarded, a second run writing the same output
# is refused while the first holds its lock, and /dev/stdout is written in
# place.
. "$(dirname "$0")/common.sh"

printf '%s\n' '{"id":"a","text":"第一篇 正常的文字"}' \
    '{"id":"b","text":"second document"}' > in.jsonl
cp in.jsonl in.orig
cat > pipeline.json <<'JSON'
{ "sluice": 1, "stages": [ { "use": "normalize" }, { "use": "export" } ] }
JSON
cp pipeline.json pipeline.orig

# refused COMMENT PATTERN ARGS...: exit 2, PATTERN in the message, the
# input and the pipeline file unchanged.
refused() {
    what=$1
    pattern=$2
    shift 2
    "$SLUICE" run --no-progress "$@" > out.txt 2> err.txt
    status=$?
    if [ "$status" -ne 2 ]; then
        fail "$what: exit status $status, expected 2"
    elif ! grep -q -- "$pattern" err.txt; then
        fail "$what: no '$pattern' in: $(cat err.txt)"
    elif ! cmp -s in.jsonl in.orig || ! cmp -s pipeline.json pipeline.orig; then
        fail "$what: an input was changed"
    else
        pass "$what"
    fi
    cp in.orig in.jsonl
}

# 1. --checkpoint only ever discards a checkpoint
refused "--checkpoint naming the output" "are the same file" \
    --checkpoint out.jsonl -o out.jsonl in.jsonl
refused "--checkpoint naming an input" "is also an input" \
    --checkpoint in.jsonl -o out.jsonl in.jsonl
refused "--checkpoint naming the pipeline file" "is also the pipeline file" \
    -p pipeline.json --checkpoint ./pipeline.json -o out.jsonl in.jsonl
echo "notes" > notes.txt
refused "--checkpoint naming another file" "notes.txt is not a sluice checkpoint" \
    --checkpoint notes.txt -o out.jsonl in.jsonl
[ "$(cat notes.txt)" = notes ] && pass "the other file is left alone" ||
    fail "notes.txt was changed"
[ ! -e out.jsonl ] || fail "a refused run left out.jsonl"
echo '{"sluice_checkpoint": 1, "records": 0, "outputs": []}' > old.ckpt
expect_status 0 "$SLUICE" run --no-progress --checkpoint old.ckpt \
    -o out.jsonl in.jsonl 2> err.txt &&
    grep -q "discarded the checkpoint" err.txt &&
    pass "an old checkpoint is still discarded"
rm -f out.jsonl

# 2. side files against inputs, outputs, the pipeline file and each other
refused "--quarantine naming the input" "--quarantine file in.jsonl is also an input" \
    --quarantine in.jsonl in.jsonl -o out.jsonl
refused "--stats naming the input by another spelling" "is also an input" \
    --stats "$PWD/in.jsonl" ./in.jsonl -o out.jsonl
refused "--stats naming the pipeline file" "is also the pipeline file" \
    -p pipeline.json --stats pipeline.json in.jsonl -o out.jsonl
refused "--stats and --quarantine naming one file" "are the same file" \
    --stats side.json --quarantine ./side.json in.jsonl -o out.jsonl
refused "--stats naming the output" "are the same file" \
    --stats "$PWD/out.jsonl" -o ./out.jsonl in.jsonl
[ ! -e side.json ] && [ ! -e out.jsonl ] &&
    pass "refused runs write nothing" || fail "a refused run wrote a file"
mkdir -p folder/sub
cp in.jsonl folder/sub/a.jsonl
ln -s folder/sub/a.jsonl link.jsonl
refused "an output linked to a file of an input folder" "is also" \
    -o link.jsonl folder
refused "--quarantine inside an input folder" "input folder" \
    --quarantine folder/failed.jsonl -o out.jsonl folder
mkdir folder2
cp in.jsonl folder2/a.jsonl
cp in.jsonl target.jsonl
ln -s ../target.jsonl folder2/b.jsonl
refused "an output that a link in an input folder leads to" \
    "output target.jsonl is also a file of input folder folder2" \
    --force -o target.jsonl folder2
cmp -s target.jsonl in.orig && pass "the linked output is unchanged" ||
    fail "target.jsonl was changed"
cmp -s folder/sub/a.jsonl in.orig && pass "the folder's file is unchanged" ||
    fail "folder/sub/a.jsonl was changed"

cat > two.json <<'JSON'
{ "sluice": 1, "stages": [
  { "use": "export", "name": "first", "with": { "path": "same.jsonl" } },
  { "use": "export", "name": "second", "with": { "path": "./same.jsonl" } } ] }
JSON
refused "two exporters writing ./same.jsonl and same.jsonl" "are the same file" \
    -p two.json in.jsonl
sed "s|\\./same|$PWD/same|" two.json > two-abs.json
refused "two exporters writing same.jsonl and its absolute path" \
    "are the same file" -p two-abs.json in.jsonl
cat > shards.json <<'JSON'
{ "sluice": 1, "stages": [
  { "use": "export", "name": "first", "with": { "path": "part-{shard}.jsonl" } },
  { "use": "export", "name": "second", "with": { "path": "part-0.jsonl" } } ] }
JSON
refused "an export path equal to another after {shard}" "are the same file" \
    -p shards.json --shard 0/2 in.jsonl
"$SLUICE" learn -o in.jsonl in.jsonl > /dev/null 2> err.txt
[ $? -eq 2 ] && grep -q "learn_out' in.jsonl is also an input" err.txt &&
    cmp -s in.jsonl in.orig && pass "sluice learn -o naming the input" ||
    fail "sluice learn -o in.jsonl: $(cat err.txt)"
cp in.orig in.jsonl
echo '{}' > model.json
refused "an output naming the boilerplate model read" \
    "is also stage 'boilerplate' option 'model'" \
    --set boilerplate.model=model.json -o model.json in.jsonl

# 4. /dev/stdout is written in place
expect_status 0 "$SLUICE" run --no-progress -o /dev/stdout in.jsonl \
    > redirected.jsonl 2> err.txt &&
    [ "$(wc -l < redirected.jsonl)" -eq 2 ] &&
    pass "-o /dev/stdout writes into the file standard output is" ||
    fail "-o /dev/stdout: $(cat err.txt)"
expect_status 0 "$SLUICE" run --no-progress --shard 0/2 -o /dev/null \
    in.jsonl 2> err.txt &&
    pass "a sharded run may write /dev/null (no {shard} needed)"
# (--force -o /dev/stdout is tested in test_output.c, where an old sluice
# cannot rename over the system's /dev/stdout)
"$SLUICE" run --no-progress -o - in.jsonl >> in.jsonl 2> err.txt
status=$?
[ "$status" -eq 2 ] && grep -q "output - is also an input" err.txt &&
    cmp -s in.jsonl in.orig &&
    pass "standard output appended to the input is refused" ||
    fail "-o - >> in.jsonl: status $status: $(cat err.txt)"
cp in.orig in.jsonl

# 3. a second run writing the same output is refused at once
mkfifo feed
"$SLUICE" run --no-progress -o locked.jsonl - < feed 2> first.err &
first=$!
exec 3> feed
echo '{"id":"f1","text":"held open"}' >&3
for _ in $(seq 1 600); do
    [ -s .locked.jsonl.lock ] && break
    sleep 0.05
done
"$SLUICE" run --no-progress -o locked.jsonl in.jsonl 2> second.err
status=$?
[ "$status" -eq 2 ] && grep -q "being written by another sluice run (pid $first" \
    second.err && pass "a second run is refused, naming the first's pid" ||
    fail "second run: status $status: $(cat second.err)"
"$SLUICE" run --no-progress --checkpoint .locked.jsonl.checkpoint \
    -o other.jsonl in.jsonl 2> third.err
[ $? -eq 2 ] && grep -q "being written by another sluice run" third.err &&
    pass "the first run's checkpoint is locked too" ||
    fail "third run: $(cat third.err)"
echo '{"id":"f2","text":"then closed"}' >&3
exec 3>&-
wait "$first"
status=$?
[ "$status" -eq 0 ] && [ "$(wc -l < locked.jsonl)" -eq 2 ] &&
    pass "the first run finishes whole" ||
    fail "first run: status $status: $(cat first.err)"
ls -a | grep -q 'locked.jsonl\.\(lock\|tmp\)' &&
    fail "lock or temporary files left: $(ls -a)" ||
    pass "the lock file is removed at the end"
finish
