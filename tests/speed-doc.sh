#!/bin/sh
# tests/speed-doc.sh - scripts/speed-doc.py, which writes doc/speed.md
# from what `make bench` printed: on the kept output of one run
# (tests/data/speed-doc, small corpora), the summary picks each figure
# from its benchmark's table or line, every table row of every benchmark
# is in the page, and a figure or a benchmark that is missing stops it,
# naming what is missing, instead of writing a page without it.
set -u
srcdir=${abs_top_srcdir:-.}
data=$srcdir/tests/data/speed-doc
work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-speed-doc.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
pass() { echo "ok: $*"; }
speed_doc() { python3 "$srcdir/scripts/speed-doc.py" "$@"; }

if ! speed_doc "$data" -o "$work/speed.md" > /dev/null; then
    fail "speed-doc.py failed on complete output"
fi
for row in \
    '| figures, work-report corpus | MB per CPU second | 295.4 | 150 |' \
    '| html + boilerplate, HTML | MB per CPU second | 32.9 | 30 |' \
    '| a large stream against a small one | peak RSS ratio | 1.00 | <= 1.5 |' \
    '| dedup index, synthetic signatures | bytes per document | 528 |  |' \
    "| -j2 against -j1, work reports | speed ratio (wall), median of the rounds' (their spread) | 1.58 (1.41 to 1.77) | >= 1.8 |" \
    "| -j2 against -j1, news | ratio of the medians (wall) | 1.54 |  |" \
    '| -j2 against -j1 with a `.gz` output, work reports | speed ratio (wall) | 1.70 |  |' \
    "| two -j1 runs side by side against one, work reports | the machine's ceiling for two cores, median of the rounds' | 1.84 (1.62 to 1.97) |  |" \
    "| two -j1 runs side by side against one, news | the machine's ceiling for two cores, median of the rounds' | 1.91 (1.80 to 2.02) |  |" \
    "| the same work as two -j1 processes, one half each, against -j1, news | speed ratio (wall), median of the rounds' (their spread) | 1.83 (1.70 to 1.95) |  |" \
    "| -j2 against the two processes on the halves, work reports | speed ratio (wall), median of the rounds' (their spread) | 0.93 (0.88 to 0.99) |  |" \
    '| html + boilerplate, real pages (evaluation sets) | MB per CPU second | 106.1 | 60 |'; do
    if grep -qxF "$row" "$work/speed.md"; then
        pass "summary: $row"
    else
        fail "summary row missing: $row"
    fi
done
missing=$(cat "$data"/*.txt | grep '^|' | grep -vxF -f "$work/speed.md" | head -3)
if [ -z "$missing" ]; then
    pass "every table row is in the page"
else
    fail "table rows not in the page: $missing"
fi
if grep -qF '44.2 (limit 112.0: holds)' "$work/speed.md"; then
    pass "a memory row gives the peak, the limit and the verdict"
else
    fail "no memory row for html-br"
fi

# without the evaluation pages the real-pages figure says so
mkdir "$work/nopages"
cp "$data"/*.txt "$work/nopages/"
echo 'html + boilerplate on real pages: not measured (no evaluation data in /x)' \
    > "$work/nopages/pages.txt"
if speed_doc "$work/nopages" -o "$work/nopages.md" > /dev/null &&
    grep -qF '| html + boilerplate, real pages (evaluation sets) | MB per CPU second | not measured | 60 |' \
        "$work/nopages.md"; then
    pass "real pages not measured is written as such"
else
    fail "real pages not measured: no page or no such row"
fi

# a benchmark's output changed shape: the figure is named, no page written
mkdir "$work/changed"
cp "$data"/*.txt "$work/changed/"
sed -i '/^html + boilerplate together/d' "$work/changed/stages.txt"
if speed_doc "$work/changed" -o "$work/changed.md" 2> "$work/err" > /dev/null; then
    fail "a missing figure was not noticed"
elif grep -q 'html + boilerplate, HTML' "$work/err" && [ ! -e "$work/changed.md" ]; then
    pass "a missing figure stops it, named"
else
    fail "unclear failure: $(cat "$work/err")"
fi

# a benchmark that did not run
rm "$work/changed/dedup.txt"
if speed_doc "$work/changed" -o "$work/changed.md" 2> "$work/err" > /dev/null; then
    fail "a missing benchmark was not noticed"
elif grep -q 'dedup.txt' "$work/err"; then
    pass "a missing benchmark stops it, named"
else
    fail "unclear failure: $(cat "$work/err")"
fi
[ $failures -eq 0 ]
