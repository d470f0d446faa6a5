# A line that repeats on every page of a site is learned; a run with the
# model flags it as "learned" and keeps each page's own text.
[ -s "$CASE_TMP/model" ] || { echo "no model written"; exit 1; }
"$SLUICE" run --no-progress --explain --set boilerplate.model="$CASE_TMP/model" \
    input.jsonl >"$CASE_TMP/explain" || exit 1
n=$(grep -c '\[-\] learned .*Sign up for the Example Gazette' "$CASE_TMP/explain")
[ "$n" = 5 ] || { echo "repeated line flagged learned $n times, not 5"; cat "$CASE_TMP/explain"; exit 1; }
if grep -q '\[-\] .*\(crowd\|September\|reading room\|twenty minutes\|public vote\)' "$CASE_TMP/explain"; then
    echo "a page's own text was removed"; cat "$CASE_TMP/explain"; exit 1
fi
"$SLUICE" run --no-progress --explain input.jsonl >"$CASE_TMP/plain" || exit 1
if grep -q '\[-\] learned' "$CASE_TMP/plain"; then echo "learned without a model"; exit 1; fi
