# A second run refuses to replace the output (exit 2) and leaves it as it
# was; --force replaces it.
out=$CASE_TMP/out.jsonl
grep -q '"text":"some text"' "$out" || { echo "first run wrote no output"; exit 1; }
cp "$out" "$CASE_TMP/before"
"$SLUICE" run --no-progress -p pipeline.json -o "$out" input.txt 2>"$CASE_TMP/err"
[ $? = 2 ] || { echo "second run should exit 2"; exit 1; }
grep -q "exists; remove it, use --force" "$CASE_TMP/err" || { echo "no 'exists' message"; exit 1; }
cmp -s "$out" "$CASE_TMP/before" || { echo "refused run changed the output"; exit 1; }
"$SLUICE" run --no-progress -p pipeline.json --force -o "$out" input.txt || { echo "--force failed"; exit 1; }
cmp -s "$out" "$CASE_TMP/before" || { echo "--force wrote something else"; exit 1; }
