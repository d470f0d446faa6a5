#!/bin/sh
# tests/engine/edit.sh - the editing helpers of sluice/doc.h in a real
# pipeline, through tests/plugins/redact.c: removing a heading block
# leaves the outline without it and makes no paragraph a heading;
# removing the caption spans leaves their references without a caption;
# digits replaced by "#" carry spans of a type the exporter does not know,
# written with unknown_spans; the text sl_doc_export_text gave the stage
# is the text the exporter writes; --check-docs finds every document
# whole after the edits.
. "$(dirname "$0")/common.sh"

if ! command -v python3 > /dev/null; then
    echo "SKIP: python3 is needed to read the records"
    exit 77
fi

printf '%s\n' \
    '{"id":"r","text":"2023年工作报告\n\n第一章 总则\n\n今年收入增长了12%，达到30万元。\n\n第二章 广告\n\n见图1。\n\n第三章 附则\n\n图1 收入结构 2023"}' \
    '{"id":"plain","text":"no digits here\nnor here"}' > in.jsonl

pipeline() {
    cat <<JSON
{ "sluice": 1,
  "stages": [ { "use": "sections" }, { "use": "figures" }$1,
              { "use": "export", "with": { "path": "-", "unknown_spans": true } } ] }
JSON
}
pipeline '' > before.json
pipeline ', { "use": "redact", "with": { "remove_heading": "第二章 广告", "remove_type": "caption" } }' \
    > edit.json

expect_status 0 "$SLUICE" run --no-progress -p before.json -o before.jsonl \
    in.jsonl 2> err-before.txt || cat err-before.txt
expect_status 0 "$SLUICE" run --no-progress --check-docs -p edit.json \
    -o after.jsonl in.jsonl 2> err.txt &&
    pass "--check-docs finds the edited documents whole" || cat err.txt

python3 - before.jsonl after.jsonl <<'PY' && pass "the records show the edits" ||
import json, sys

def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]

def headings(sections):
    for s in sections:
        yield s["heading"]
        yield from headings(s["children"])

before, after = load(sys.argv[1]), load(sys.argv[2])
b, a = before[0], after[0]
problems = []
if "第二章 广告" not in headings(b["sections"]):
    problems.append("the sections stage found no 第二章 heading: %s" % b["sections"])
if not b.get("captions"):
    problems.append("no caption before the edit")
got = list(headings(a["sections"]))
if got != ["第一章 总则", "第三章 附则"]:
    problems.append("headings after removing one: %s" % got)
for rec in after:
    if rec["text"] != rec["metadata"]["export_text"]:
        problems.append("%s: exported %r, sl_doc_export_text %r"
                        % (rec["id"], rec["text"], rec["metadata"]["export_text"]))
if "第二章" in a["text"] or "12" in a["text"] or "#%" not in a["text"]:
    problems.append("text: %r" % a["text"])
if a.get("captions"):
    problems.append("captions left: %s" % a["captions"])
red = [s for s in a["spans"] if s["type"] == "redacted"]
if [s["attrs"]["digits"] for s in red] != ["2023", "12", "30", "1", "1", "2023"]:
    problems.append("redacted spans: %s" % red)
for s in red:
    if a["text"][s["start"]:s["end"]] != "#" or s["text"] != "#":
        problems.append("span %s is not on a #" % s)
if any(s["type"] in ("figure", "caption", "caption_ref") for s in a["spans"]):
    problems.append("known types under spans: %s" % a["spans"])
if after[1]["spans"] != [] or after[1]["text"] != "no digits here\nnor here":
    problems.append("plain: %s" % after[1])
for p in problems:
    print("  " + p)
sys.exit(1 if problems else 0)
PY
    fail "the records do not show the edits"
finish
