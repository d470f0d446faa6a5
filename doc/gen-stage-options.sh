#!/bin/sh
# doc/gen-stage-options.sh - regenerates the STAGES section of
# doc/sluice-pipeline.5 from the stages' own option tables, through
# `sluice describe NAME`, so each option is written down once (in its
# plugin). The generated text is committed, so the manual page works
# without a build; run this after changing a stage's options.
#
# usage: doc/gen-stage-options.sh SLUICE [STAGE...]
#   SLUICE  the sluice program of a build (for example build/sluice)
#   STAGE   the stages to document, in order (default: the shipped ones)
# It replaces the lines between the markers
#   .\" BEGIN GENERATED STAGE OPTIONS  and  .\" END GENERATED STAGE OPTIONS
set -eu

if [ $# -lt 1 ]; then
    echo "usage: $0 SLUICE [STAGE...]" >&2
    exit 64
fi
sluice=$1
shift
[ $# -gt 0 ] || set -- html lang normalize boilerplate quality sections figures export dedup exec
here=$(cd "$(dirname "$0")" && pwd)
page=$here/sluice-pipeline.5
begin='.\" BEGIN GENERATED STAGE OPTIONS'
end='.\" END GENERATED STAGE OPTIONS'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Turns `sluice describe` output into man(7) text. Lines of the form
#   NAME VERSION - SUMMARY / PATH / [ordered: ...] / options: /
#   "  opt (type) default X" / "      help" / "      one of: a|b"
to_roff() {
    awk '
    function esc(s) {
        gsub(/\\/, "\\e", s)
        gsub(/-/, "\\-", s)
        if (s ~ /^[.\047]/) s = "\\&" s
        return s
    }
    NR == 1 {
        name = $1
        summary = $0
        sub(/^[^ ]+ [^ ]* - /, "", summary)
        printf ".SS %s\n%s.\n", esc(name), esc(summary)
        next
    }
    NR == 2 { next }                          # the module path
    /^ordered:/ {
        print "Ordered: it sees documents one at a time, in input order."
        next
    }
    /^no options/ { print ".PP\nNo options."; next }
    /^options:/ || /^$/ { next }
    /^  [^ ]/ {
        line = $0
        sub(/^  /, "", line)
        opt = line; sub(/ .*/, "", opt)
        rest = line; sub(/^[^ ]+ /, "", rest)
        printf ".TP\n\\fB%s\\fR %s\n", esc(opt), esc(rest)
        next
    }
    /^      one of: / {
        line = $0
        sub(/^      one of: /, "", line)
        gsub(/\|/, ", ", line)
        printf ".br\nOne of: %s.\n", esc(line)
        next
    }
    /^      / {
        line = $0
        sub(/^      /, "", line)
        print esc(line)
        next
    }
    '
}

for stage in "$@"; do
    "$sluice" describe "$stage" >"$tmp/$stage.txt"
    to_roff <"$tmp/$stage.txt" >>"$tmp/generated"
done

"$here/splice-generated.sh" "$page" "$begin" "$end" "$tmp/generated"
echo "updated $page ($*)"
