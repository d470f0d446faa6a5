#!/bin/sh
# tests/engine/shards.sh - --shard K/N: the outputs of shards 0..N-1,
# joined in order, equal one unsharded run, over several inputs of mixed
# kinds (a folder of text files, JSONL files, a compressed JSONL file).
. "$(dirname "$0")/common.sh"

mkdir in
"$GEN" text 600K in/a-text 11
"$GEN" jsonl 1M 12 > in/b.jsonl
"$GEN" jsonl 700K 13 | gzip -n > in/c.jsonl.gz
"$GEN" jsonl 300K 14 > in/d.jsonl

"$SLUICE" run --no-progress -j2 -o whole.jsonl in || fail "unsharded run"
for n in 3 4; do
    k=0
    while [ "$k" -lt "$n" ]; do
        "$SLUICE" run --no-progress -j2 --shard "$k/$n" \
            -o "parts$n/part-{shard}.jsonl" --stats "s$n-$k.json" in ||
            fail "shard $k/$n"
        k=$((k + 1))
    done
    cat "parts$n"/part-*.jsonl > joined$n.jsonl
    same whole.jsonl joined$n.jsonl "$n shards joined equal the whole run"
done
# every shard did some of the work
for f in s4-*.json; do
    grep -q '"in": 0,' "$f" && fail "$f: an empty shard"
done
pass "checked shard sizes"
finish
