#!/bin/sh
# tests/exec/examples.sh - the exec stage with the examples of
# doc/examples/exec: the Python filter drops short documents (counted with
# their reason in --stats, listed in --rejects) and adds metadata.chars; the
# sh + awk one marks documents; a command may replace the text; -j1 and -j2
# give the same bytes.
. "$(dirname "$0")/../engine/common.sh"
top=${abs_top_srcdir:-$builddir/..}
examples=$top/doc/examples/exec
corpus=$top/tests/exec/corpus.jsonl
export SLUICE_PLUGIN_PATH="$builddir/plugins/exec/.libs:$builddir/plugins/export/.libs:$SLUICE_PLUGIN_PATH"
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }

cat > py.json <<JSON
{ "sluice": 1, "stages": [
  { "use": "exec", "with": { "argv": ["python3", "$examples/langfilter.py", "20"], "timeout": 10 } },
  { "use": "export", "with": { "path": "-" } } ] }
JSON
"$SLUICE" run --no-progress -q -j1 -p py.json --rejects rejects.jsonl \
    --stats stats.json -o j1.jsonl "$corpus" || fail "the Python run"
python3 - j1.jsonl rejects.jsonl stats.json <<'PY' &&
import json, sys
kept = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
rej = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
stats = open(sys.argv[3], encoding="utf-8").read()
assert [d["id"] for d in kept] == ["d01", "d03", "d05", "d06", "d08"], kept
chars = {d["id"]: d["metadata"]["chars"] for d in kept}
assert chars["d05"] == 41 and chars["d01"] == 70, chars  # characters
assert all(d["metadata"]["source_site"] == "example.org" for d in kept)
assert [(r["id"], r["stage"], r["reason"]) for r in rej] == [
    ("d02", "exec", "too_short"), ("d04", "exec", "too_short"),
    ("d07", "exec", "too_short")], rej
assert rej[0]["detail"] == {"chars": 5}, rej[0]
assert '"dropped.too_short": 3' in stats
PY
    pass "Python filter: kept, metadata.chars, drops in --rejects and --stats" ||
    fail "Python filter output (above)"

"$SLUICE" run --no-progress -q -j2 -p py.json -o j2.jsonl "$corpus" ||
    fail "the -j2 run"
same j1.jsonl j2.jsonl "-j1 and -j2 outputs byte-identical"

cat > sh.json <<JSON
{ "sluice": 1, "stages": [
  { "use": "exec", "with": { "command": "sh '$examples/mentions.sh' enough", "timeout": 10 } },
  { "use": "export", "with": { "path": "-" } } ] }
JSON
"$SLUICE" run --no-progress -q -p sh.json -o sh.jsonl "$corpus" ||
    fail "the sh run"
marked=$(grep -c '"mentions":true' sh.jsonl)
total=$(wc -l < sh.jsonl)
if [ "$marked" -eq 3 ] && [ "$total" -eq 8 ] &&
    grep '"id":"d08"' sh.jsonl | grep -q '"mentions":true' &&
    grep '"id":"d06"' sh.jsonl | grep -qv '"mentions"'; then
    pass "sh example marks the three documents that hold the word"
else
    fail "sh example: $marked marked of $total"; cat sh.jsonl
fi

# a command that replaces the text: each line becomes a block
cat > text.json <<'JSON'
{ "sluice": 1, "stages": [
  { "use": "exec", "with": { "command": "python3 -c 'import json,sys\nfor l in sys.stdin:\n d=json.loads(l)\n print(json.dumps({\"text\": d[\"text\"].upper() + \"\\n\\nEND\"}), flush=True)'", "timeout": 10 } },
  { "use": "export", "with": { "path": "-", "format": "text" } } ] }
JSON
"$SLUICE" run --no-progress -q -p text.json -o text.txt "$corpus" ||
    fail "the text-replacing run"
if grep -qx 'ITS SECOND LINE.' text.txt && [ "$(grep -cx END text.txt)" -eq 8 ] &&
    ! grep -q 'Another' text.txt; then
    pass "an answer's text replaces the document's blocks, one per line"
else
    fail "text replacement"; cat text.txt
fi

# neither command nor argv: refused before the run
printf '%s\n' '{ "sluice": 1, "stages": [ { "use": "exec" },
    { "use": "export", "with": { "path": "-" } } ] }' > none.json
"$SLUICE" run --no-progress -q -p none.json -o none.jsonl "$corpus" \
    2> none.err && fail "a stage with no command ran"
grep -q 'either command' none.err &&
    pass "no command: a clear error" || { fail "no command message"; cat none.err; }
finish
