# On an article a comment list is chrome: the paragraphs are kept, the
# comments are removed with the reason "comment"; html.comments=keep keeps
# them.
out=$1
fail() { echo "$*"; exit 1; }
grep -q '^page: article  region: main content; 3 x li.comment taken out' "$out" ||
    fail "page type or region missing"
for text in 'The new river park opened' 'The park covers twelve hectares' \
    'entry is free'; do
    grep "$text" "$out" | grep -q '\[-\]' && fail "paragraph dropped: $text"
done
for text in 'Finally, it looks great' 'no parking nearby' 'the kids loved it'; do
    grep "$text" "$out" | grep -q '\[-\] comment' || fail "comment kept: $text"
done
"$SLUICE" run --no-progress --explain --set html.comments=keep input.html \
    > "$CASE_TMP/keep.txt" || fail "comments=keep failed"
grep -q '^page: article  region: main content and 3 x li.comment kept' \
    "$CASE_TMP/keep.txt" || fail "comments=keep region missing"
grep 'the kids loved it' "$CASE_TMP/keep.txt" | grep -q '\[-\]' &&
    fail "comments=keep dropped a comment"
exit 0
