#!/bin/sh
# tests/dedup/planted.sh - deduplication on a corpus with planted copies
# (tests/dedup/plant.py over the distinct texts of originals.jsonl.gz:
# characters edited, a header or a footer added, paragraphs swapped,
# punctuation switched between full- and half-width): at the default
# threshold, precision at least 0.95 and recall at least 0.90 in Chinese
# and in English; each drop names the kept original.
. "$(dirname "$0")/../engine/common.sh"
src=${abs_top_srcdir:-$builddir/..}/tests/dedup
export SLUICE_PLUGIN_PATH="$builddir/plugins/dedup/.libs:$SLUICE_PLUGIN_PATH"

python3 "$src/plant.py" "$src/originals.jsonl.gz" > corpus.jsonl ||
    { echo "FAIL: plant.py"; exit 1; }
cat > p.json <<'JSON'
{ "sluice": 1, "stages": [ { "use": "dedup" },
                           { "use": "export", "with": { "path": "-" } } ] }
JSON
"$SLUICE" run --no-progress -q -p p.json --rejects rejects.jsonl \
    --stats stats.json -o kept.jsonl corpus.jsonl || fail "the run"
python3 "$src/score.py" corpus.jsonl rejects.jsonl 0.95 0.90 &&
    pass "precision >= 0.95 and recall >= 0.90 in each language" ||
    fail "precision or recall below target (above)"
python3 - corpus.jsonl rejects.jsonl <<'PY' && pass "each drop names its original" ||
import json, sys
truth = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    truth[r["id"]] = r["truth"]
wrong = 0
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line)
    t = truth[r["id"]]
    if t.startswith("copy:") and r["detail"]["kept"] != t.split(":", 2)[2]:
        wrong += 1
        print("kept", r["detail"]["kept"], "for", r["id"], t)
sys.exit(1 if wrong else 0)
PY
    fail "a drop names another document"
grep -q '"dropped.duplicate.near"' stats.json &&
    grep -q '"dropped.duplicate.exact"' stats.json &&
    pass "stats count exact and near drops" || fail "stats lack the reasons"
grep -q '"largest_cluster_removed"' stats.json ||
    fail "stats lack the largest cluster"
exit $((failures > 0))
