# On a forum thread the title line stays in the text by default (auto);
# with title_in_text=never the text is the posts alone, and the title is
# still the record's "title".
out=$1
fail() { echo "$*"; exit 1; }
grep -q '"title":"Kettle keeps tripping the fuse"' "$out" ||
    fail "title field missing"
grep -q '"text":"Every time I switch on the kettle' "$out" ||
    fail "text does not start with the first post"
"$SLUICE" run --no-progress input.html > "$CASE_TMP/auto.jsonl" ||
    fail "auto run failed"
grep -q '"text":"Kettle keeps tripping the fuse\\nEvery time' \
    "$CASE_TMP/auto.jsonl" || fail "auto left the title out of a forum page"
grep -q '"page_type":"forum"' "$CASE_TMP/auto.jsonl" || fail "not a forum page"
exit 0
