# A thread of one post (no replies yet) on a page that says it is a
# discussion is still a forum page, not an article: its headline stays in
# the text, the post's author and time line is left out.
out=$1
fail() { echo "$*"; exit 1; }
grep -q '^page: forum' "$out" || fail "not typed as a forum page"
grep 'Garden hose keeps kinking' "$out" | grep -q '\[title\]' ||
    fail "headline not the kept title"
grep 'My new garden hose kinks' "$out" | grep -q '\[-\]' && fail "post dropped"
grep 'ines 2 days ago' "$out" | grep -q '\[-\]' || fail "author line kept"
"$SLUICE" run --no-progress input.html > "$CASE_TMP/out.jsonl" ||
    fail "run failed"
grep -q '"text":"Garden hose keeps kinking\\nMy new garden hose' \
    "$CASE_TMP/out.jsonl" || fail "headline not in the text"
exit 0
