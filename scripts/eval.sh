#!/bin/sh
# scripts/eval.sh - runs sluice over the evaluation data and prints every
# score the README quotes.
#
#   scripts/eval.sh [SHARED] [SLUICE]
#
# SHARED is the folder holding eval/ and samples/ (default ../shared),
# SLUICE the binary (default build/sluice).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
S=${1:-$top/../shared}
sluice=${2:-$top/build/sluice}
score="python3 $S/eval/score.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

last() { tail -n 3 | head -n 2; }

echo "## Chinese sample (lines, sections, figures)"
"$sluice" run "$S/samples/zh-template-report.txt" > "$tmp/seed.jsonl"
G=$S/samples/zh-template-report.gold
$score lines "$G/lines.tsv" "$tmp/seed.jsonl" | last
$score sections "$G/sections.json" "$tmp/seed.jsonl" | last
$score figures "$G/figures.jsonl" "$tmp/seed.jsonl" | last

echo "## Headings in plain text"
for set in zh-laws-headings-dev commonmark-headings; do
  zcat "$S/eval/data/$set.jsonl.gz" | "$sluice" run - > "$tmp/$set.jsonl"
  printf '%s: ' "$set"
  $score headings "$S/eval/data/$set.jsonl.gz" "$tmp/$set.jsonl" | sed -n 1p
done

echo "## Figures in single sentences (recognizers-dev)"
zcat "$S/eval/data/recognizers-dev.jsonl.gz" |
  "$sluice" run --set input.text_field=input - > "$tmp/rec.jsonl"
printf 'all: '
$score recognizers "$S/eval/data/recognizers-dev.jsonl.gz" "$tmp/rec.jsonl" | sed -n 1p
zcat "$S/eval/data/recognizers-dev.jsonl.gz" | grep '"lang": *"zh' > "$tmp/rec-zh.jsonl" || true
printf 'zh:  '
$score recognizers "$tmp/rec-zh.jsonl" "$tmp/rec.jsonl" | sed -n 1p

echo "## Boilerplate on HTML pages"
for set in readability cleaneval-dev cleanportaleval gne-zh-silver webmainbench-sample \
    magic-article-dev magic-forum-dev; do
  zcat "$S/eval/data/$set.jsonl.gz" |
    "$sluice" run --set input.text_field=html --set input.content_type=html - > "$tmp/$set.jsonl"
  $score boilerplate "$S/eval/data/$set.jsonl.gz" "$tmp/$set.jsonl" |
    sed -n "s/^\(aeb\|cjk\): /$set \1: /p"
done

echo "## Boilerplate with every class and id name hashed (scripts/unnamed-classes.py)"
# What structure and text achieve on sites whose names the stage's lists
# do not know.
for set in readability gne-zh-silver magic-article-dev magic-forum-dev; do
  python3 "$top/scripts/unnamed-classes.py" "$S/eval/data/$set.jsonl.gz" "$tmp/$set-hashed.jsonl.gz"
  zcat "$tmp/$set-hashed.jsonl.gz" |
    "$sluice" run --set input.text_field=html --set input.content_type=html - > "$tmp/$set-hashed.jsonl"
  $score boilerplate "$S/eval/data/$set.jsonl.gz" "$tmp/$set-hashed.jsonl" |
    sed -n "s/^\(aeb\|cjk\): /$set hashed \1: /p"
done

echo "## Boilerplate with names hashed and semantic tags as div (unnamed-classes.py --plain-tags)"
# As above, and article, main, nav, aside, header, footer and section are
# div: what structure and text achieve on old div and table sites.
for set in readability cleaneval-dev cleanportaleval gne-zh-silver webmainbench-sample \
    magic-article-dev magic-forum-dev; do
  python3 "$top/scripts/unnamed-classes.py" --plain-tags "$S/eval/data/$set.jsonl.gz" "$tmp/$set-plain.jsonl.gz"
  zcat "$tmp/$set-plain.jsonl.gz" |
    "$sluice" run --set input.text_field=html --set input.content_type=html - > "$tmp/$set-plain.jsonl"
  $score boilerplate "$S/eval/data/$set.jsonl.gz" "$tmp/$set-plain.jsonl" |
    sed -n "s/^\(aeb\|cjk\): /$set plain-tags \1: /p"
done

echo "## Page metadata (gne-zh-silver, hand-checked magic pages) and language (readability)"
$score metadata "$S/eval/data/gne-zh-silver.jsonl.gz" "$tmp/gne-zh-silver.jsonl" | sed -n 1,2p
# Author and date against the hand-checked pages of the magic sets.
if [ -f "$top/tests/data/metadata-handchecked.jsonl" ]; then
  python3 "$top/scripts/metadata-check.py" "$top/tests/data/metadata-handchecked.jsonl" \
    "$tmp/magic-article-dev.jsonl" "$tmp/magic-forum-dev.jsonl" | sed 's/^/hand-checked /'
fi
# The reader copies a row's own lang field into metadata; without it the
# figure is the html stage's own detection.
zcat "$S/eval/data/readability.jsonl.gz" |
  python3 -c 'import sys, json
for line in sys.stdin:
    row = json.loads(line); row.pop("lang", None); print(json.dumps(row))' |
  "$sluice" run --set input.text_field=html --set input.content_type=html - > "$tmp/lang.jsonl"
$score lang "$S/eval/data/readability.jsonl.gz" "$tmp/lang.jsonl" | sed -n 1p

echo "## Language by the lang stage (readability, after html)"
# Input lang removed as above; the lang stage reads the text, with the
# html stage's reading of the page as its hint.
cat > "$tmp/lang-stage.json" << 'JSON'
{ "sluice": 1, "input": { "text_field": "html", "content_type": "html" },
  "stages": [ { "use": "html" }, { "use": "lang" },
              { "use": "export", "with": { "format": "jsonl", "figures": false } } ] }
JSON
zcat "$S/eval/data/readability.jsonl.gz" |
  python3 -c 'import sys, json
for line in sys.stdin:
    row = json.loads(line); row.pop("lang", None); print(json.dumps(row))' |
  "$sluice" run -p "$tmp/lang-stage.json" - > "$tmp/lang-stage.jsonl"
$score lang "$S/eval/data/readability.jsonl.gz" "$tmp/lang-stage.jsonl" |
  sed -n 's/^lang: /lang stage: /p'
