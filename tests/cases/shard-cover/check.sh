# Shards 0/2 and 1/2 together hold every record once, in input order, and
# each is the same as the matching part of an unsharded run.
"$SLUICE" run --no-progress -p pipeline.json --shard 1/2 input.jsonl >"$CASE_TMP/1" || exit 1
"$SLUICE" run --no-progress -p pipeline.json input.jsonl >"$CASE_TMP/all" || exit 1
[ -s "$1" ] && [ -s "$CASE_TMP/1" ] || { echo "a shard is empty"; exit 1; }
cat "$1" "$CASE_TMP/1" | cmp -s - "$CASE_TMP/all" || { echo "shards differ from the whole run"; exit 1; }
[ "$(grep -c . "$CASE_TMP/all")" = 40 ] || { echo "expected 40 records"; exit 1; }
