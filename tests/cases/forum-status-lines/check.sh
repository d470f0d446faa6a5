# A forum thread's status line, page counter and prompts, as the forum
# software prints them, are removed; the posts stay.
out=$1
fail() { echo "$*"; exit 1; }
for text in 'This topic has 2 replies' 'Viewing 3 posts' 'Login Register' \
    'You must be logged in'; do
    grep "$text" "$out" | grep -q '\[-\]' || fail "kept: $text"
done
for text in 'Hello together' 'Try the nth-child' 'what if the number'; do
    grep "$text" "$out" | grep -q '\[-\]' && fail "post dropped: $text"
done
exit 0
