#!/bin/sh
# tests/engine/warc.sh - WARC and WET input, on files bench/genwarc makes:
# the same records read from .warc, .warc.gz (a gzip member per record),
# .warc.zst and a file found by its "WARC/1." magic give the same
# documents (ids, text, metadata, charsets, chunked and gzip bodies);
# skipped records are counted in --stats; truncated, malformed and
# corrupt records are quarantined with their offsets and the records
# after them are read; --shard over WARC records joins up to the whole
# run; an interrupted run continued with --resume gives the same output.
. "$(dirname "$0")/common.sh"
WARCGEN=$builddir/bench/genwarc
[ -x "$WARCGEN" ] || { echo "SKIP: build bench/genwarc first"; exit 77; }
"$WARCGEN" cases cases || fail "genwarc cases"

# json FILE EXPR: evaluates a Python expression over the JSON object (j)
# of a .stats file, or the JSONL records (docs) of any other file
json() {
    python3 - "$1" "$2" << 'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
j = json.loads(text) if sys.argv[1].endswith(".stats") else None
docs = [json.loads(l) for l in text.splitlines() if l.strip()] if j is None else []
by_id = {d.get("id"): d for d in docs}
print(eval(sys.argv[2]))
EOF
}

# check WHAT GOT WANT
check() {
    if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: got '$2', want '$3'"; fi
}

ids='<urn:uuid:2> <urn:uuid:3> <urn:uuid:6> <urn:uuid:7> <urn:uuid:8> <urn:uuid:9> <urn:uuid:12> <urn:uuid:15>'
for f in mixed.warc mixed.warc.gz mixed.warc.zst mixed.dat; do
    "$SLUICE" run --no-progress -o "$f.jsonl" --stats "$f.stats" \
        --quarantine "$f.q" "cases/$f" 2> "$f.err" ||
        fail "$f: the run failed: $(cat "$f.err")"
    check "$f: documents" "$(json "$f.jsonl" '" ".join(d["id"] for d in docs)')" "$ids"
    check "$f: GBK declared in Content-Type" \
        "$(json "$f.jsonl" '"中文测试" in by_id["<urn:uuid:3>"]["text"] and by_id["<urn:uuid:3>"]["metadata"]["charset"]')" gbk
    check "$f: ISO-8859-1 text/plain" \
        "$(json "$f.jsonl" 'by_id["<urn:uuid:9>"]["text"]')" "Un café crème."
    check "$f: chunked transfer coding" \
        "$(json "$f.jsonl" 'by_id["<urn:uuid:6>"]["text"]')" \
        "A page sent in chunks of seven bytes, reassembled."
    check "$f: gzip content coding, chunked too" \
        "$(json "$f.jsonl" 'by_id["<urn:uuid:7>"]["text"] == by_id["<urn:uuid:8>"]["text"] == "A gzip-encoded page, decoded."')" True
    check "$f: metadata" \
        "$(json "$f.jsonl" 'sorted((k, v) for k, v in by_id["<urn:uuid:8>"]["metadata"].items() if k != "page_type")')" \
        "[('crawl_date', '2024-03-09T12:00:00Z'), ('http_status', 200), ('url', 'http://example.com/gzip-chunked'), ('warc_record_id', '<urn:uuid:8>'), ('warc_type', 'response')]"
    check "$f: a resource record" \
        "$(json "$f.jsonl" 'by_id["<urn:uuid:12>"]["metadata"]["warc_type"]')" resource
    check "$f: skipped records counted" \
        "$(json "$f.stats" 'sorted(j["input"]["warc_skipped"].items()), j["input"]["warc_records"], j["documents"]["in"]')" \
        "([('http_3xx', 1), ('http_4xx', 1), ('metadata', 1), ('not_text', 1), ('request', 1), ('revisit', 1), ('warcinfo', 1)], 15, 8)"
    [ -s "$f.q" ] && fail "$f: quarantined $(cat "$f.q")"
done
same mixed.warc.jsonl mixed.warc.gz.jsonl ".warc.gz reads as .warc"
same mixed.warc.jsonl mixed.warc.zst.jsonl ".warc.zst reads as .warc"

# id_field names a WARC header
"$SLUICE" run --no-progress --set input.id_field=WARC-Target-URI \
    cases/mixed.warc.gz > byurl.jsonl 2> /dev/null
check "input.id_field=WARC-Target-URI" \
    "$(json byurl.jsonl 'docs[0]["id"], docs[0]["metadata"]["warc_record_id"]')" \
    "('http://example.com/plain', '<urn:uuid:2>')"
# input.format warc reads a file whatever its name
cp cases/mixed.warc notes.txt
"$SLUICE" run --no-progress --set input.format=warc notes.txt > forced.jsonl \
    2> /dev/null
same mixed.warc.jsonl forced.jsonl "input.format warc"

# WET: conversion records
"$SLUICE" run --no-progress -o wet.jsonl --stats wet.stats \
    cases/crawl.warc.wet.gz 2> /dev/null || fail "WET run"
check "WET conversion records" \
    "$(json wet.jsonl '[(d["id"], d["text"]) for d in docs]')" \
    "[('<urn:uuid:31>', 'First converted page.\\nSecond line.'), ('<urn:uuid:32>', 'Deuxième page convertie.')]"
check "WET warcinfo skipped" "$(json wet.stats 'j["input"]["warc_skipped"]')" \
    "{'warcinfo': 1}"

# bad records: quarantined with file and offset, the rest is read
# bad FILE OFFSET WHAT: ids 21, 22 (and 24 unless the file ends early)
bad() {
    file=$1 offset=$2 what=$3 want=$4
    "$SLUICE" run --no-progress -o "$file.jsonl" --quarantine "$file.q" \
        "cases/$file" 2> /dev/null
    check "$file: the good records" \
        "$(json "$file.jsonl" '" ".join(d["id"] for d in docs)')" "$want"
    check "$file: quarantined at its offset" \
        "$(json "$file.q" '[(d["reader"], d["offset"], d["source"].endswith("'"$file"'"), "'"$what"'" in d["reason"]) for d in docs]')" \
        "[('warc', $offset, True, True)]"
}
bad truncated.warc 533 "truncated: Content-Length is 57" \
    "<urn:uuid:21> <urn:uuid:22>"
bad truncated.warc.gz 419 "truncated gzip stream" "<urn:uuid:21> <urn:uuid:22>"
bad badlength.warc 533 "does not end where Content-Length" \
    "<urn:uuid:21> <urn:uuid:22> <urn:uuid:24>"
bad garbage.warc.gz 419 "not the start of a WARC record" \
    "<urn:uuid:21> <urn:uuid:22> <urn:uuid:24>"
bad corrupt.warc.gz 419 "corrupt gzip data" \
    "<urn:uuid:21> <urn:uuid:22> <urn:uuid:24>"

# max_doc_bytes: an overlong page is quarantined, cut; others go on
"$SLUICE" run --no-progress --set input.max_doc_bytes=100 -o small.jsonl \
    --quarantine small.q cases/mixed.warc.gz 2> /dev/null
check "max_doc_bytes refuses long records" \
    "$(json small.q '[(d["offset"] > 0, d.get("record_cut"), "more than max_doc_bytes" in d["reason"]) for d in docs][:1]')" \
    "[(True, True, True)]"
check "max_doc_bytes keeps short records" \
    "$(json small.jsonl '"<urn:uuid:12>" in by_id')" True
# each cut record keeps the length and the SHA-256 of its whole block,
# which Python finds again in the file from the record's offset
"$SLUICE" run --no-progress --set input.max_doc_bytes=100 -o plain.jsonl \
    --quarantine plain.q cases/mixed.warc 2> /dev/null
check "a cut record keeps its block's length and SHA-256" "$(python3 - << 'PY'
import hashlib, json, re
data = open("cases/mixed.warc", "rb").read()
cut = [json.loads(l) for l in open("plain.q") if '"record_cut"' in l]
def block(offset):
    start = data.index(b"\r\n\r\n", offset) + 4
    length = int(re.search(rb"Content-Length: *(\d+)", data[offset:start]).group(1))
    return data[start:start + length]
print(len(cut) > 0 and all(
    d["record_bytes"] == len(block(d["offset"])) and
    d["record_sha256"] == hashlib.sha256(block(d["offset"])).hexdigest()
    for d in cut))
PY
)" True

# --shard: records are cut by their own gzip member; shards join up
mkdir crawl
"$WARCGEN" crawl 3M 5 > crawl/a.warc.gz
cp cases/mixed.warc crawl/b.warc
"$WARCGEN" crawl 1M 6 > crawl/c.warc.gz
"$SLUICE" run --no-progress -j2 -o whole.jsonl --stats whole.stats crawl ||
    fail "unsharded WARC run"
for n in 3 5; do
    k=0
    rm -f joined.jsonl
    records=0
    while [ "$k" -lt "$n" ]; do
        "$SLUICE" run --no-progress -j2 --shard "$k/$n" \
            -o "parts$n/part-{shard}.jsonl" --stats "part-$k.stats" crawl ||
            fail "shard $k/$n"
        cat "parts$n/part-$k.jsonl" >> joined.jsonl
        got=$(json "part-$k.stats" 'j["input"]["warc_records"]')
        [ "$got" -gt 0 ] || fail "shard $k/$n read no records"
        records=$((records + got))
        k=$((k + 1))
    done
    same whole.jsonl joined.jsonl "$n WARC shards joined equal the whole run"
    check "$n shards read every record once" "$records" \
        "$(json whole.stats 'j["input"]["warc_records"]')"
done

# --progress over WARC records: the last line counts the documents of a
# folder of .warc.gz and .warc files and reaches all of their bytes
"$SLUICE" run --progress -j2 -o progress.jsonl crawl 2> progress.txt ||
    fail "--progress run"
last=$(tr '\r' '\n' < progress.txt | grep 'docs/s' | tail -n 1)
check "--progress over WARC records" \
    "$(echo "$last" | sed -n 's/^\([0-9,]*\) docs .* \([0-9]*%\) .*/\1 \2/p' | tr -d ,)" \
    "$(json whole.stats 'j["documents"]["in"]') 100%"

# --resume after kill -9 gives the same output, quarantine and counts
cp cases/corrupt.warc.gz crawl/d.warc.gz
"$WARCGEN" crawl 24M 7 > crawl/e.warc.gz
"$SLUICE" run --no-progress -j2 -o all.jsonl --quarantine all.q \
    --stats all.stats crawl 2> /dev/null
run() {
    exec "$SLUICE" run --no-progress -j2 --checkpoint-every 50 -o out.jsonl \
        --quarantine out.q --stats out.stats "$@" crawl 2> /dev/null
}
(run) &
pid=$!
wait_for_checkpoint_or_end .out.jsonl.checkpoint 100 "$pid"
[ $? -ne 1 ] || fail "no checkpoint appeared"
kill -9 "$pid" 2> /dev/null
wait "$pid"
if [ $? -ne 137 ] && [ -e out.jsonl ]; then
    # a fast machine finished before the kill: the resume starts afresh
    rm -f out.jsonl out.q out.stats
fi
[ -e out.jsonl ] && fail "a killed run left a final output"
run_status=0
(run --resume) || run_status=$?
[ "$run_status" -eq 1 ] || fail "resumed run: exit status $run_status"
same all.jsonl out.jsonl "resumed WARC output identical to one run"
same all.q out.q "resumed WARC quarantine identical"
check "resumed WARC counts" "$(json out.stats 'j["input"], j["documents"]')" \
    "$(json all.stats 'j["input"], j["documents"]')"
finish
