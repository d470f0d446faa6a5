# The broken record is in the quarantine, with where and why, and nothing else is.
q=$CASE_TMP/quarantine.jsonl
[ "$(grep -c . "$q")" = 1 ] || { echo "quarantine should hold 1 record"; exit 1; }
grep -q '"source":"input.jsonl","line":2,' "$q" || { echo "no source/line"; exit 1; }
grep -q '"reader":"jsonl"' "$q" || { echo "no reader"; exit 1; }
grep -qF '"record":"{\"id\":\"bad\",\"text\":\"unterminated"' "$q" || { echo "record not kept verbatim"; exit 1; }
