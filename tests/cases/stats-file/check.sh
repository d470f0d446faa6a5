# --stats writes JSON that sluice's own reader accepts, with the counts.
s=$CASE_TMP/stats.json
[ -s "$s" ] || { echo "no stats file"; exit 1; }
tr -d ' \n' <"$s" >"$CASE_TMP/flat"
grep -q '"documents":{"in":3,"kept":2,"dropped":0,"failed":1,"quarantined":0,"emitted":0}' "$CASE_TMP/flat" || { echo "wrong document counts"; cat "$s"; exit 1; }
grep -q '"name":"normalize"' "$CASE_TMP/flat" || { echo "no normalize stage"; exit 1; }
grep -q '"name":"export"' "$CASE_TMP/flat" || { echo "no export stage"; exit 1; }
