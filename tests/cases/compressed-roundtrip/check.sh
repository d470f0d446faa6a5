# A .gz input is read through; -o NAME.zst writes zstd, which sluice reads
# back: the first pass folded the white space, and the second keeps the
# fields of the first output other than id and text as metadata.
[ ! -s "$1" ] || { echo "-o should leave standard output empty"; exit 1; }
out=$CASE_TMP/out.jsonl.zst
[ -s "$out" ] || { echo "no $out"; exit 1; }
[ "$(head -c 4 "$out" | od -An -tx1 | tr -d ' ')" = 28b52ffd ] || { echo "not zstd"; exit 1; }
"$SLUICE" run --no-progress -p pipeline.json "$out" >"$CASE_TMP/back" || exit 1
cmp expected-back.jsonl "$CASE_TMP/back" || { echo "read back differs"; exit 1; }
