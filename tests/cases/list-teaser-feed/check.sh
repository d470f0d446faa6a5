# A short news article over a longer feed of teasers (a linked headline,
# a source, a time, each its own line): the feed is no index of entries,
# so the page keeps its article and the teasers go.
out=$1
fail() { echo "$*"; exit 1; }
grep '姚明拉住他' "$out" | grep -q '\[-\]' && fail "article dropped"
for text in '香港暴徒7日晚' '台风过境朝鲜半岛' '中国地震台网'; do
    grep "$text" "$out" | grep -q '\[-\]' || fail "teaser kept: $text"
done
exit 0
