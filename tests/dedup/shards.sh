#!/bin/sh
# tests/dedup/shards.sh - deduplication over shards in three steps
# (signatures per shard, sluice-dedup join, apply per shard) keeps and
# drops exactly what one run does, with the same reasons and kept ids;
# the join by sorted merge decides exactly what the in-memory join does,
# also when a tiny memory budget makes it spill runs to temporary files
# and merge them in several passes; a one-run deduplication killed after
# a checkpoint and resumed with its state file gives the same output too;
# bad inputs to the join are refused. The ten largest clusters (kept id,
# documents removed) in the stage's --stats and the join's --stats are
# those the rejects show.
. "$(dirname "$0")/../engine/common.sh"
src=${abs_top_srcdir:-$builddir/..}/tests/dedup
export SLUICE_PLUGIN_PATH="$builddir/plugins/dedup/.libs:$SLUICE_PLUGIN_PATH"
JOIN=$builddir/sluice-dedup

python3 "$src/plant.py" "$src/originals.jsonl.gz" > corpus.jsonl ||
    { echo "FAIL: plant.py"; exit 1; }
# more documents, so that shards and checkpoints have work: the corpus
# with its ids changed, twice (the second round is all copies)
sed 's/"id": "/"id": "r2-/' corpus.jsonl >> corpus.jsonl.2
cat corpus.jsonl.2 >> corpus.jsonl
# and at the end 6 more copies of the first document, in another shard
# than it: its cluster is the largest
python3 -c '
import json, sys
first = json.loads(open("corpus.jsonl").readline())
for k in range(6):
    first["id"] = "again-%d" % k
    print(json.dumps(first, ensure_ascii=False))
' >> corpus.jsonl

pipeline() { # pipeline FILE DEDUP-OPTIONS-JSON
    printf '{ "sluice": 1, "stages": [ { "use": "dedup", "with": %s },
      { "use": "export", "with": { "path": "-" } } ] }\n' "$2" > "$1"
}
pipeline one.json '{}'
"$SLUICE" run --no-progress -q -p one.json --rejects one-rejects.jsonl \
    --stats one-stats.json -o one.jsonl corpus.jsonl 2> /dev/null ||
    fail "the one run"

pipeline sig.json '{ "mode": "signatures", "signatures": "sig-{shard}.bin" }'
pipeline apply.json '{ "mode": "apply", "decisions": "decisions.jsonl" }'
for k in 0 1 2; do
    "$SLUICE" run --no-progress -q -p sig.json --shard "$k/3" \
        -o "skip-{shard}.jsonl" corpus.jsonl || fail "signatures, shard $k"
done
# given out of order: the join reads them in shard order
"$JOIN" join --stats join-stats.json -o decisions.jsonl sig-2.bin sig-0.bin \
    sig-1.bin 2> join.txt ||
    fail "the join: $(cat join.txt)"
grep -q "copies to drop" join.txt && pass "the join says what it found" ||
    fail "join summary: $(cat join.txt)"
# the in-memory join and the sorted join with 64K for sorting, which
# spills runs and merges them in more than one pass, decide the same
"$JOIN" join --in-memory -o decisions-mem.jsonl sig-0.bin sig-1.bin \
    sig-2.bin 2> /dev/null || fail "the in-memory join"
same decisions-mem.jsonl decisions.jsonl "the sorted join decides what the in-memory one does"
mkdir tmp
"$JOIN" join --memory 64K --temp tmp --stats small-stats.json \
    -o decisions-small.jsonl sig-0.bin sig-1.bin sig-2.bin 2> small.txt ||
    fail "the join in 64K: $(cat small.txt)"
grep -Eq "; [1-9][0-9]* sorted runs on disk, [1-9][0-9]* extra merge pass" \
    small.txt && pass "64K for sorting spills runs and merges in passes" ||
    fail "no spill in 64K: $(cat small.txt)"
same decisions-small.jsonl decisions.jsonl "and decides the same"
[ -z "$(ls tmp)" ] && pass "no temporary file is left" ||
    fail "left in tmp: $(ls tmp)"
expect_status 64 "$JOIN" join --memory 1K -o d4.jsonl sig-0.bin sig-1.bin \
    sig-2.bin 2> err.txt && grep -q "at least 64K" err.txt &&
    pass "a memory budget under 64K is refused" ||
    fail "--memory 1K: $(cat err.txt)"
for k in 0 1 2; do
    "$SLUICE" run --no-progress -q -p apply.json --shard "$k/3" \
        --rejects "rejects-{shard}.jsonl" -o "part-{shard}.jsonl" \
        corpus.jsonl || fail "apply, shard $k"
done
cat part-0.jsonl part-1.jsonl part-2.jsonl > parts.jsonl
same one.jsonl parts.jsonl "three steps over 3 shards keep what one run keeps"
# the same drops, reasons and kept documents
strip() { python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print(r["id"], r["reason"], json.dumps(r["detail"], sort_keys=True))
'; }
strip < one-rejects.jsonl > one-drops.txt
cat rejects-0.jsonl rejects-1.jsonl rejects-2.jsonl | strip > shard-drops.txt
same one-drops.txt shard-drops.txt "and drop the same documents for the same reasons"
[ "$(wc -l < one-drops.txt)" -gt 200 ] || fail "too few drops: $(wc -l < one-drops.txt)"

# the join refuses a missing shard and a file of other parameters
expect_status 2 "$JOIN" join -o d2.jsonl sig-0.bin sig-2.bin 2> err.txt &&
    grep -q "one signature file for every shard" err.txt &&
    pass "a missing shard is refused" || fail "missing shard: $(cat err.txt)"
pipeline sig64.json '{ "mode": "signatures", "signatures": "s64-{shard}.bin",
    "num_perm": 64, "bands": 8 }'
"$SLUICE" run --no-progress -q -p sig64.json --shard 1/3 -o "x-{shard}.jsonl" \
    corpus.jsonl || fail "signatures with 64 permutations"
expect_status 2 "$JOIN" join -o d3.jsonl sig-0.bin s64-1.bin sig-2.bin \
    2> err.txt && grep -q "other num_perm" err.txt &&
    pass "files of other parameters are refused" ||
    fail "mixed parameters: $(cat err.txt)"
[ ! -e d3.jsonl ] || fail "a refused join left its output"

# the largest clusters: the rejects grouped by kept id, most removed first
# (on a tie the kept document earlier in the input first)
python3 - corpus.jsonl one-rejects.jsonl one-stats.json join-stats.json \
    > largest.txt <<'PY' || fail "largest clusters: $(cat largest.txt)"
import json, sys
order = {json.loads(l)["id"]: i for i, l in enumerate(open(sys.argv[1]))}
removed, running = {}, {}
for line in open(sys.argv[2]):
    d = json.loads(line)["detail"]
    removed[d["kept"]] = removed.get(d["kept"], 0) + 1
    # cluster_removed counts the cluster's drops so far
    assert d["cluster_removed"] == removed[d["kept"]], d
want = sorted(removed, key=lambda k: (-removed[k], order[k]))[:10]
want = [{"kept": k, "removed": removed[k]} for k in want]
stage = next(s for s in json.load(open(sys.argv[3]))["stages"]
             if s["name"] == "dedup")
got = stage["details"]["largest_clusters"]
assert got == want, ("stage", got, want)
assert stage["counters"]["largest_cluster_removed"] == want[0]["removed"]
joined = json.load(open(sys.argv[4]))["largest_clusters"]
assert joined == want, ("join", joined, want)
print(want[0]["kept"], want[0]["removed"])
PY
read -r top_id top_n < largest.txt
[ "$top_n" -ge 7 ] && grep -q "cluster of '$top_id' removes $top_n (the largest)" \
    join.txt && pass "the stage's and the join's stats name the ten largest clusters the rejects show" ||
    fail "largest: $top_id $top_n; $(cat join.txt)"

# one run, killed after a checkpoint, resumed from its state file
pipeline state.json '{ "state": "dedup.state" }'
(exec "$SLUICE" run --no-progress -q -p state.json --checkpoint-every 50 \
    -j 1 -o resumed.jsonl corpus.jsonl 2> /dev/null) &
pid=$!
wait_for_checkpoint_or_end .resumed.jsonl.checkpoint 300 "$pid"
[ $? -ne 1 ] || fail "no checkpoint"
kill -9 "$pid" 2> /dev/null
wait "$pid"
# a fast machine may finish before the kill: the resume then starts afresh
[ -e .resumed.jsonl.checkpoint ] || rm -f resumed.jsonl dedup.state
"$SLUICE" run --no-progress -q -p state.json --checkpoint-every 50 -j 1 \
    --resume -o resumed.jsonl corpus.jsonl || fail "the resumed run"
same one.jsonl resumed.jsonl "a killed and resumed run keeps what one run keeps"
exit $((failures > 0))
