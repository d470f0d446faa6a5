# A blog post with a long archive of post titles beside it: the archive
# holds more text than the post, but next to an article's own text a list
# is chrome, so its titles go and the post stays.
out=$1
fail() { echo "$*"; exit 1; }
grep 'Reports from Pyongyang' "$out" | grep -q '\[-\]' && fail "post dropped"
for text in 'The luck of the Irish' 'More on Iraq bird flu'; do
    grep "$text" "$out" | grep -q '\[-\]' || fail "archive kept: $text"
done
exit 0
