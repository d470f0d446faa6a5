# Page types beyond articles and forums: a Q&A page (schema.org QAPage),
# a list of reviews and a list of links (whose items are its content).
# --explain names each page's type and region and the reason of each
# removed block; metadata.page_type says the same; html.comments=drop takes the reviews out; a list page
# has no publication date of its own (its items' dates are not one).
out=$1
fail() { echo "$*"; exit 1; }
grep -q '^page: qa  region: 3 x div.answer in div.answers, after the lead' \
    "$out" || fail "qa: page type or region missing"
grep -q '^page: comments  region: 3 x li.review in ul.review-list' "$out" ||
    fail "reviews: page type or region missing"
grep -q '^page: list  region: main content and 16 x li$' "$out" ||
    fail "list: page type or region missing"
grep '全市老旧小区改造' "$out" | grep -q '\[-\]' && fail "list: an item dropped"
for text in 'Both appliances draw close' 'Check the socket for scorch' \
    'Have an electrician measure' 'The light is warm and even' \
    'Mine arrived with a scratched shade'; do
    grep "$text" "$out" | grep -q '\[-\]' && fail "post dropped: $text"
done
grep 'answered by lena' "$out" | grep -q '\[-\] post-meta' ||
    fail "qa: the answer's author line is no post-meta"
"$SLUICE" run --no-progress qa.html reviews.html list.html \
    > "$CASE_TMP/meta.jsonl" || fail "run failed"
for pair in qa.html:qa reviews.html:comments list.html:list; do
    grep -F "{\"id\":\"${pair%%:*}\"," "$CASE_TMP/meta.jsonl" |
        grep -qF "\"page_type\":\"${pair#*:}\"" ||
        fail "${pair%%:*}: metadata.page_type is not ${pair#*:}"
done
grep -F '{"id":"list.html",' "$CASE_TMP/meta.jsonl" | grep -qF '"published":' &&
    fail "list: an item's date taken for the page's"
grep -F '{"id":"reviews.html",' "$CASE_TMP/meta.jsonl" |
    grep -qF '{"author":"Dev","time":"March 9, 2024"' ||
    fail "reviews: a review's author and time not listed in posts"
"$SLUICE" run --no-progress --explain --set html.comments=drop reviews.html \
    > "$CASE_TMP/drop.txt" || fail "comments=drop failed"
grep -q '^page: comments  region: main content; 3 x li.review taken out' \
    "$CASE_TMP/drop.txt" || fail "comments=drop: region missing"
grep 'The light is warm and even' "$CASE_TMP/drop.txt" |
    grep -q '\[-\] comment' || fail "comments=drop kept a review"
exit 0
