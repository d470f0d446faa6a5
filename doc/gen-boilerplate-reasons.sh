#!/bin/sh
# doc/gen-boilerplate-reasons.sh - regenerates the reason table of
# doc/boilerplate.md from the boilerplate stage's own table
# (plugins/boilerplate/bp_reasons.c), through the bp-reasons program of a
# build, so each reason, its score and its signal are written down once.
# The generated text is committed; test_boilerplate fails when it differs
# from the table. Run this after changing a reason.
#
# usage: doc/gen-boilerplate-reasons.sh BUILD-DIR
# It replaces the lines between the markers
#   <!-- BEGIN GENERATED REASONS -->  and  <!-- END GENERATED REASONS -->
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD-DIR" >&2
    exit 64
fi
program=$1/plugins/boilerplate/bp-reasons
here=$(cd "$(dirname "$0")" && pwd)
page=$here/boilerplate.md
begin='<!-- BEGIN GENERATED REASONS -->'
end='<!-- END GENERATED REASONS -->'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$program" >"$tmp/generated"

"$here/splice-generated.sh" "$page" "$begin" "$end" "$tmp/generated"
echo "updated $page"
