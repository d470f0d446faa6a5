# The posts of a forum thread are its content: every reply is kept, each
# post's author and time lines are removed as post metadata, and the page
# type and region are shown.
out=$1
fail() { echo "$*"; exit 1; }
grep -q '^page: forum  region: 4 x div.post in div.thread' "$out" ||
    fail "page type or region missing"
for text in 'Every time I switch on the kettle' 'look at the socket first' \
    'there was water behind the plate' 'Have an electrician check'; do
    grep "$text" "$out" | grep -q '\[-\]' && fail "post dropped: $text"
    grep -q "$text" "$out" || fail "post missing: $text"
done
grep 'Senior Member' "$out" | grep -q '\[-\] post-meta' ||
    fail "rank line kept"
grep 'Best drill for concrete' "$out" | grep -q '\[-\]' ||
    fail "sidebar kept"
exit 0
