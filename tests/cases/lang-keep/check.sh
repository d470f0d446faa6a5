# keep and min_score: en (not kept), a text with no letters (und) and a
# Chinese text CLD2 is unsure of (score 0.5 < 0.6) are dropped, each
# counted under the reason lang.
s=$CASE_TMP/stats.json
tr -d ' \n' <"$s" >"$CASE_TMP/flat"
grep -q '"documents":{"in":6,"kept":3,"dropped":3' "$CASE_TMP/flat" || { echo "wrong document counts"; cat "$s"; exit 1; }
grep -q '"dropped.lang":3' "$CASE_TMP/flat" || { echo "drops not counted as lang"; cat "$s"; exit 1; }
r=$CASE_TMP/rejects.jsonl
[ "$(grep -c '"stage":"lang","reason":"lang"' "$r")" = 3 ] || { echo "rejects lack the three lang drops"; cat "$r"; exit 1; }
grep -q '"id":"unsure".*"detail":{"lang":"zh","score":0.5}' "$r" || { echo "no detail for the unsure drop"; cat "$r"; exit 1; }
