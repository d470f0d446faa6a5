#!/bin/sh
# doc/splice-generated.sh - replaces the text between two marker lines of
# a documentation page with a generated file, keeping the markers. The
# generators of doc/ (gen-stage-options.sh, gen-boilerplate-reasons.sh)
# make the text; this script is the one place that writes it into a page.
#
# usage: doc/splice-generated.sh PAGE BEGIN-MARKER END-MARKER GENERATED
#   The markers are whole lines, compared as plain strings.
set -eu

if [ $# -ne 4 ]; then
    echo "usage: $0 PAGE BEGIN-MARKER END-MARKER GENERATED" >&2
    exit 64
fi
page=$1
begin=$2
end=$3
generated=$4
if ! grep -qxF "$begin" "$page" || ! grep -qxF "$end" "$page"; then
    echo "$0: $page lacks the lines '$begin' and '$end'" >&2
    exit 1
fi

spliced=$(mktemp)
trap 'rm -f "$spliced"' EXIT
# The markers go through the environment: awk -v would read their
# backslashes as escapes.
BEGIN_MARK=$begin END_MARK=$end GENERATED=$generated awk '
    $0 == ENVIRON["BEGIN_MARK"] {
        print
        while ((getline line < ENVIRON["GENERATED"]) > 0)
            print line
        skip = 1
        next
    }
    $0 == ENVIRON["END_MARK"] { skip = 0 }
    !skip { print }
' "$page" >"$spliced"
cat "$spliced" >"$page"
