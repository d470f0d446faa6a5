#!/bin/sh
# tests/engine/coalesce.sh - documents of very many tiny lines: a text of
# 70,000 short lines and a page of 70,000 <br>s hold their lines as a few
# thousand coalesced blocks (SL_BLOCK_LINES), not one block per line, and
# still come out as one block per line would: the same clean text, every
# line its own Markdown paragraph, spaces folded and trimmed line by line,
# empty lines gone, headings kept apart. A text of 1,000 short lines is
# not coalesced.
. "$(dirname "$0")/common.sh"

# dense.txt: 70,000 lines of 4 to 9 bytes, every 7th padded with spaces
# and tabs, every 1,000th blank; dense.expected: its clean text, lines
# folded and trimmed, the blank ones left out.
awk 'BEGIN {
    for (i = 1; i <= 70000; i++) {
        if (i % 1000 == 0) print "";
        else if (i % 7 == 0) print "  a \t b" i "  ";
        else print "行" i;
    }
}' > dense.txt
awk '$0 != "" { gsub(/[ \t]+/, " "); sub(/^ /, ""); sub(/ $/, ""); print }' \
    dense.txt > dense.lines
printf '\n' >> dense.lines # the text format ends a document with a blank line
lines=$(grep -c . dense.txt)

# blocks FILE: M of the explain header's "(kept N of M blocks)"
blocks() {
    sed -n 's/.*(kept [0-9]* of \([0-9]*\) blocks).*/\1/p' "$1" | head -n 1
}
# coalesced_lines FILE: the lines the explain view's "[N lines]" tags hold
coalesced_lines() {
    sed -n 's/^L[0-9]* *\[\([0-9]*\) lines*\].*/\1/p' "$1" |
        awk '{ n += $1 } END { print n + 0 }'
}

# -- plain text
expect_status 0 "$SLUICE" run --no-progress --check-docs \
    --set export.format=text dense.txt > dense.out &&
    same dense.out dense.lines "70,000 short lines: the clean text of one block per line"
expect_status 0 "$SLUICE" run --no-progress --explain dense.txt > dense.explain
n=$(blocks dense.explain)
if [ -n "$n" ] && [ "$n" -lt 5000 ]; then
    pass "70,000 short lines are held in $n blocks"
else
    fail "70,000 short lines are held in ${n:-no} blocks (want under 5,000)"
fi
held=$(coalesced_lines dense.explain)
singles=$(grep '^L' dense.explain | grep -vc ' lines*\]  ')
if [ $((held + singles)) -eq "$lines" ]; then
    pass "the coalesced blocks and single lines hold all $lines lines"
else
    fail "coalesced $held + single $singles lines, want $lines"
fi
awk '$0 != "" { gsub(/[ \t]+/, " "); sub(/^ /, ""); sub(/ $/, ""); print; print "" }' \
    dense.txt > dense.md.expected
expect_status 0 "$SLUICE" run --no-progress --set export.format=markdown \
    dense.txt | tail -n +3 > dense.md
same dense.md dense.md.expected "Markdown: every coalesced line a paragraph of its own"

# -- not coalesced: fewer lines
head -n 1000 dense.txt > few.txt
expect_status 0 "$SLUICE" run --no-progress --explain few.txt > few.explain
n=$(blocks few.explain)
if [ "$n" = "$(grep -c . few.txt)" ] && ! grep -q ' lines\]' few.explain; then
    pass "1,000 short lines stay one block each"
else
    fail "1,000 short lines became ${n:-no} blocks"
fi

# -- a page of <br>s
awk 'BEGIN {
    printf "<html><body><h2>Part one<br>Part two</h2><p>";
    for (i = 1; i <= 70000; i++) {
        if (i % 5000 == 0) printf "<br> <br>";
        else if (i % 7 == 0) printf "  a   b%d <br/>", i;
        else printf "x%d<BR>", i;
    }
    printf "</p></body></html>\n";
}' > dense.html
awk 'BEGIN {
    print "Part one"; print "Part two";
    for (i = 1; i <= 70000; i++) {
        if (i % 5000 == 0) continue;
        else if (i % 7 == 0) print "a b" i;
        else print "x" i;
    }
    print "";
}' > dense.html.lines
expect_status 0 "$SLUICE" run --no-progress --check-docs \
    --set export.format=text dense.html > dense.html.out &&
    same dense.html.out dense.html.lines "a page of 70,000 <br>s: the clean text of one block per line"
expect_status 0 "$SLUICE" run --no-progress --explain dense.html > dense.html.explain
n=$(blocks dense.html.explain)
if [ -n "$n" ] && [ "$n" -lt 2000 ]; then
    pass "a page of 70,000 <br>s is held in $n blocks"
else
    fail "a page of 70,000 <br>s is held in ${n:-no} blocks (want under 2,000)"
fi
if grep -q '\[h[0-9]\]  Part one ' dense.html.explain &&
    grep -q '\[h[0-9]\]  Part two ' dense.html.explain; then
    pass "the lines of a heading stay headings of their own"
else
    fail "the heading's lines were coalesced"
fi

finish
