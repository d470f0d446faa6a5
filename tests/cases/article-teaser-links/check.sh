# Inside an article, a link behind a short label ("Also: ...", "Also
# Read: ...") is a teaser of another page and goes, even when the link's
# words are separated by spaces (the html stage counts link characters
# without them), and so is a label over numbered links ("1. ... 2. ...");
# a link that shows its own address is a source and stays.
out=$1
fail() { echo "$*"; exit 1; }
for text in 'Also: Windows 11' 'Also Read: Recipe Ideas' 'Czytaj także: 1.'; do
    grep "$text" "$out" | grep -q '\[-\] link-density' || fail "teaser kept: $text"
done
for text in 'Rolled out last month' 'The issue affects' 'Microsoft typically' \
    'Source: https://support'; do
    grep "$text" "$out" | grep -q '\[-\]' && fail "paragraph dropped: $text"
done
exit 0
