#!/bin/sh
# tests/exec/failures.sh - a command that misbehaves (tests/exec/
# misbehave.py) fails only the document in hand, with a clear reason in the
# quarantine, and the run goes on: past the timeout (8 s, so that a
# loaded machine starting python3 does not reach it; child killed and
# restarted), an exit on a marker (its stderr in the reason, restarted), a
# line that is not JSON (child kept), an over-long line (max_line). A
# command that exits at once does not kill sluice with SIGPIPE.
. "$(dirname "$0")/../engine/common.sh"
top=${abs_top_srcdir:-$builddir/..}
export SLUICE_PLUGIN_PATH="$builddir/plugins/exec/.libs:$builddir/plugins/export/.libs:$SLUICE_PLUGIN_PATH"
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }

for t in one SLEEP two EXIT three GARBAGE four LONG five; do
    printf '{"id": "%s", "text": "text %s here"}\n' "$t" "$t"
done > corpus.jsonl
cat > p.json <<JSON
{ "sluice": 1, "stages": [
  { "use": "exec", "with": { "argv": ["python3", "$top/tests/exec/misbehave.py"],
                             "timeout": 8, "max_line": 1000 } },
  { "use": "export", "with": { "path": "-" } } ] }
JSON
"$SLUICE" run --no-progress -q -p p.json --quarantine q.jsonl \
    --stats stats.json -o out.jsonl corpus.jsonl 2> err.txt
rc=$?
[ "$rc" -eq 1 ] && pass "the run finishes with some documents failed" ||
    fail "exit status $rc, expected 1"
python3 - out.jsonl q.jsonl <<'PY' &&
import json, sys
out = {}
for l in open(sys.argv[1]):
    d = json.loads(l)
    out[d["id"]] = d["metadata"]["handled"]
# handled counts per child: 1 after each restart, not after garbage
assert out == {"one": 1, "two": 1, "three": 1, "four": 2, "five": 1}, out
q = {}
for l in open(sys.argv[2]):
    r = json.loads(l)
    q[r["id"]] = r["reason"]
    assert r["stage"] == "exec", r
assert sorted(q) == ["EXIT", "GARBAGE", "LONG", "SLEEP"], q
r = q["SLEEP"]
assert "document SLEEP" in r and "within 8 s (timeout)" in r, r
r = q["EXIT"]
assert "exited with status 3" in r and "giving up on the marker" in r, r
r = q["GARBAGE"]
assert "not a JSON object" in r and "this is not json" in r, r
assert "1000 bytes (max_line)" in q["LONG"], q["LONG"]
PY
    pass "each misbehaviour fails only its document, with a clear reason" ||
    fail "outputs or reasons (above)"
grep -q '^exec: giving up on the marker$' err.txt &&
    pass "the command's stderr reaches sluice's, prefixed with the stage" ||
    { fail "stderr not passed on"; cat err.txt; }
grep -q '"timeouts": 1' stats.json && grep -q '"restarts": 3' stats.json &&
    pass "timeouts and restarts counted" || fail "stats counters"

# a command that exits without reading: EPIPE, not SIGPIPE
cat > gone.json <<'JSON'
{ "sluice": 1, "stages": [
  { "use": "exec", "with": { "command": "echo bye >&2; exit 0" } },
  { "use": "export", "with": { "path": "-" } } ] }
JSON
"$SLUICE" run --no-progress -q -p gone.json --quarantine gq.jsonl \
    -o gone.jsonl corpus.jsonl 2> gone.err
rc=$?
if [ "$rc" -eq 1 ] && [ "$(wc -l < gq.jsonl)" -eq 9 ] &&
    grep -q 'exited with status 0.*bye' gq.jsonl; then
    pass "a command that exits at once fails each document; sluice lives"
else
    fail "exit status $rc after the command left"; cat gone.err
fi
finish
