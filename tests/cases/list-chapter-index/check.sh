# A novel's chapter index: the page's main region is a list of links of
# one shape, typed a list page, and its entries are the content beside
# the synopsis; the site's menu and footer still go.
out=$1
fail() { echo "$*"; exit 1; }
grep -q '^page: list' "$out" || fail "not typed a list page"
for text in '第1章 林轩' '第12章 双绝' '第20章 外门风云' '一剑逆天'; do
    grep "$text" "$out" | grep -q '\[-\]' && fail "entry dropped: $text"
done
grep '首页 |' "$out" | grep -q '\[-\]' || fail "menu kept"
grep 'Copyright' "$out" | grep -q '\[-\]' || fail "footer kept"
exit 0
