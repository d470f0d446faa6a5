#!/bin/sh
# tests/engine/report.sh - the run report: the --stats of the shards of a
# run, merged by `sluice report --json`, count exactly what one unsharded
# run counts (documents, bytes, failed and quarantined records, every
# stage's counters, the census of lengths, sites and languages); a run killed and resumed counts the same;
# `run --report` and `report -o` write a page, never over a file the run
# reads, and stats of another pipeline are refused.
. "$(dirname "$0")/common.sh"

# documents with a url and a language, between generated ones, and a
# broken record now and then (failed, quarantined)
"$GEN" jsonl 6M 31 > gen.jsonl
awk '{ print }
     NR % 501 == 0 { printf "{\"id\": \"broken%d\", \"text\": \"unterminated\n", NR }
     NR % 7 == 0 { printf "{\"id\": \"u%d\", \"url\": \"https://www.site%d.example/p%d\", \"lang\": \"%s\", \"text\": \"首页 > 新闻\\n第%d段正文，内容足够长，写了几句话。\\n相关阅读\"}\n", NR, NR % 5, NR, (NR % 2 ? "zh" : "en"), NR }' \
    gen.jsonl > corpus.jsonl

broken=$(grep -c '"broken' corpus.jsonl)
"$SLUICE" run --no-progress -j2 -o whole.jsonl --stats whole.json \
    --quarantine whole-q.jsonl --report whole.html corpus.jsonl 2> /dev/null
[ $? = 1 ] || fail "the whole run (exit status 1: some records failed)"
grep -q "<svg class=\"chart" whole.html && pass "run --report draws charts" ||
    fail "whole.html has no chart"

for k in 0 1 2; do
    "$SLUICE" run --no-progress -j2 --shard "$k/3" -o "part-{shard}.jsonl" \
        --quarantine "q-{shard}.jsonl" --stats "s$k.json" corpus.jsonl \
        2> /dev/null
    [ $? -le 1 ] || fail "shard $k/3"
done
"$SLUICE" report --json merged.json -o merged.html s0.json s1.json s2.json ||
    fail "sluice report over three shards"

# same_counts A B WHAT: the counts of two stats files agree (times,
# dates, inputs and shard numbers aside)
same_counts() {
    python3 - "$1" "$2" <<'PY' && pass "$3" || fail "$3"
import json, sys
def counts(path):
    s = json.load(open(path))
    stages = [{k: v for k, v in st.items() if k != "seconds"}
              for st in s["stages"]]
    census = dict(s["census"])
    slowest = census.pop("slowest")
    return {"documents": s["documents"], "bytes": s["bytes"],
            "stages": stages, "census": census,
            "reader_failures": s["reader_failures"],
            "slow_count": len(slowest)}
a, b = counts(sys.argv[1]), counts(sys.argv[2])
if a != b:
    for key in a:
        if a[key] != b[key]:
            print("differs:", key, json.dumps(a[key])[:400], "|",
                  json.dumps(b[key])[:400])
    sys.exit(1)
PY
}
same_counts whole.json merged.json "three shards merged count what one run counts"
grep -q '"shards_merged": 3' merged.json && pass "the merge says three shards" ||
    fail "shards_merged missing"
python3 - merged.json "$broken" <<'PY' && pass "the $broken broken records are failed and quarantined, merged" ||
import json, sys
d = json.load(open(sys.argv[1]))["documents"]
n = int(sys.argv[2])
assert n >= 3 and d["failed"] == n and d["quarantined"] == n, (n, d)
PY
    fail "failed and quarantined counts"
python3 - whole.json <<'PY' && pass "the census saw the sites and languages" ||
import json, sys
c = json.load(open(sys.argv[1]))["census"]
assert len([k for k in c["sites"] if k.startswith("site")]) == 5, c["sites"].keys()
assert c["sites"]["site1.example"]["bytes_after"] < c["sites"]["site1.example"]["bytes_before"]
assert set(c["langs"]) == {"zh", "en"}, c["langs"]
s = json.load(open(sys.argv[1]))
# every document read, not the records that could not be read
assert sum(c["length_histogram"]["before"]) == s["documents"]["in"] - s["reader_failures"]
PY
    fail "census content"

# killed after a checkpoint, then resumed: the same counts
(exec "$SLUICE" run --no-progress -j2 --checkpoint-every 50 -o resumed.jsonl \
    --quarantine resumed-q.jsonl --stats resumed.json corpus.jsonl \
    2> /dev/null) &
pid=$!
wait_for_checkpoint .resumed.jsonl.checkpoint 100 || [ -e resumed.jsonl ] ||
    fail "no checkpoint"
kill -9 "$pid" 2> /dev/null
wait "$pid"
# on a busy machine the run may finish before the kill: nothing to resume
if [ ! -e resumed.jsonl ]; then
    "$SLUICE" run --no-progress -j2 --checkpoint-every 50 -o resumed.jsonl \
        --quarantine resumed-q.jsonl --stats resumed.json --resume \
        corpus.jsonl 2> /dev/null
    [ $? = 1 ] || fail "the resumed run"
fi
same_counts whole.json resumed.json "a killed and resumed run counts what one run counts"

# never over a file the run reads
expect_status 2 "$SLUICE" run --no-progress -o x.jsonl --report corpus.jsonl \
    corpus.jsonl 2> err.txt && pass "--report onto the input is refused"
grep -q "report" err.txt || fail "the refusal does not name --report: $(cat err.txt)"
expect_status 2 "$SLUICE" report -o s0.json s0.json s1.json 2> err.txt &&
    pass "report -o onto a stats file is refused"
cmp -s s0.json s0.json && grep -q '"stages"' s0.json ||
    fail "s0.json was damaged"

# stats of another pipeline are not added up
cat > other.json <<'JSON'
{ "sluice": 1, "stages": [ { "use": "normalize" },
                           { "use": "export", "with": { "path": "-" } } ] }
JSON
"$SLUICE" run --no-progress -p other.json -o other.jsonl --stats other-s.json \
    corpus.jsonl 2> /dev/null
[ $? -le 1 ] || fail "the other pipeline's run"
expect_status 2 "$SLUICE" report -o mixed.html s0.json other-s.json 2> err.txt &&
    pass "stats of two pipelines are refused"
grep -q "other-s.json" err.txt || fail "the refusal does not name the file: $(cat err.txt)"
[ ! -e mixed.html ] && pass "and no page is written" || fail "mixed.html written"

exit $((failures > 0))
