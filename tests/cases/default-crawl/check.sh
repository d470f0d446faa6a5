# `sluice default --crawl` prints a pipeline sluice accepts, with the
# stages in the crawl order, and it runs over a WARC file: a response
# record becomes a document with the language of its text (not the one
# its markup declares) and its URL, and a page of
# links is dropped by a quality rule.
p=$CASE_TMP/crawl.json
cp "$1" "$p" || exit 1
"$SLUICE" check "$p" || exit 1
order=$(grep -o '"use": *"[a-z]*"' "$p" | sed 's/.*"\([a-z]*\)"$/\1/' | tr '\n' ' ')
[ "$order" = "html lang normalize boilerplate quality sections figures export " ] ||
    { echo "wrong order: $order"; exit 1; }
grep -q '"format": *"warc"' "$p" || { echo "input is not warc"; exit 1; }
record() { # URI BODY
    body=$2
    http=$(printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n%s' "$body")
    len=$(printf '%s' "$http" | wc -c)
    printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %s\r\n\r\n%s\r\n\r\n' \
        "$1" "$3" "$len" "$http"
}
para='<p>The committee met on Tuesday to review the budget for the coming year. Members agreed that the library should have longer opening hours, and that the park needs new lights. The mayor said the plan was fair to every part of the town.</p>'
p2='<p>A vote on the final text will take place next month, after a public hearing. Residents can send their comments by letter or by email to the town hall, and the clerk will answer each of them.</p>'
p3='<p>The minutes of the meeting are posted with the agenda for the next session. They show that the budget grows by two percent, most of it for schools and roads.</p>'
# the page declares French: the html stage's reading is only a hint
article="<html lang=\"fr\"><body><article><h1>Town budget</h1>$para$p2$p3</article></body></html>"
links='<html><body><ul><li><a href="/a">Home</a></li><li><a href="/b">News</a></li><li><a href="/c">Sport</a></li><li><a href="/d">Weather</a></li></ul></body></html>'
{ record http://example.com/budget "$article" 00000000-0000-0000-0000-000000000001
  record http://example.com/links "$links" 00000000-0000-0000-0000-000000000002
} > "$CASE_TMP/crawl.warc"
"$SLUICE" run --no-progress -p "$p" --rejects "$CASE_TMP/rejects.jsonl" \
    "$CASE_TMP/crawl.warc" > "$CASE_TMP/out.jsonl" || exit 1
grep -q '"lang":"en"' "$CASE_TMP/out.jsonl" || { echo "no lang"; cat "$CASE_TMP/out.jsonl"; exit 1; }
grep -q 'example.com/budget' "$CASE_TMP/out.jsonl" || { echo "article lost"; cat "$CASE_TMP/out.jsonl"; exit 1; }
grep -q '"stage":"quality"' "$CASE_TMP/rejects.jsonl" || { echo "links page not dropped by quality"; cat "$CASE_TMP/rejects.jsonl"; exit 1; }
