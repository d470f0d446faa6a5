#!/bin/sh
# tests/run-cases.sh - runs the end-to-end cases under tests/cases/: each
# folder is one case, written as data, and adding a case is adding files.
#
# A case folder holds:
#   args             the sluice command line, one argument per line (blank
#                    lines ignored); @TMP@ stands for a scratch folder of
#                    the case's own. Without it: run --no-progress
#                    [-p pipeline.json] followed by every input.* file.
#   pipeline.json    the pipeline (used by the default command line)
#   input.*          input files (the id of a text file is its name)
#   stdin            fed to standard input (else /dev/null)
#   expected.jsonl   standard output must equal it exactly
#   or expected.txt
#   expected-stdout  lines that must each appear in standard output
#   expected-exit    the exit status (default 0)
#   expected-stderr  lines that must each appear in standard error
#   check.sh         run as `sh check.sh STDOUT STDERR` with SLUICE and
#                    CASE_TMP (the scratch folder) set; must exit 0
# sluice runs inside the case folder, so paths in args are relative to it.
#
# usage: tests/run-cases.sh [CASE...]   (default: every case)
# environment: SLUICE (the sluice to test; `make check` sets it),
#              abs_top_srcdir (the source tree; default: this script's)
# Exit status: 0 when every case passes, 1 otherwise (automake's test
# driver reads it); the log lists each case as ok or FAIL with the reason.
set -u

top_srcdir=${abs_top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
cases_dir=$top_srcdir/tests/cases
if [ -z "${SLUICE:-}" ] || [ ! -x "$SLUICE" ]; then
    echo "run-cases.sh: set SLUICE to the sluice program to test" >&2
    exit 99
fi
# Plugins come from the build tree the program belongs to, not from the
# caller's environment.
unset SLUICE_PLUGIN_PATH
export SLUICE

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sluice-cases.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

failures=0
count=0

# Prints the lines of $1 that do not occur in $2 (as fixed strings).
missing_lines() {
    while IFS= read -r want || [ -n "$want" ]; do
        [ -z "$want" ] && continue
        grep -qF -- "$want" "$2" || printf '%s\n' "$want"
    done <"$1"
}

# Runs one case; prints "ok NAME" or "FAIL NAME: why" and returns 0 or 1.
run_case() {
    name=$1
    dir=$cases_dir/$name
    out=$tmp/$name.out
    err=$tmp/$name.err
    CASE_TMP=$tmp/$name.tmp
    export CASE_TMP
    mkdir -p "$CASE_TMP" || return 1
    set --
    if [ -f "$dir/args" ]; then
        while IFS= read -r arg || [ -n "$arg" ]; do
            [ -z "$arg" ] && continue
            case $arg in
            *@TMP@*) arg=$(printf '%s\n' "$arg" | sed "s|@TMP@|$CASE_TMP|g") ;;
            esac
            set -- "$@" "$arg"
        done <"$dir/args"
    else
        set -- run --no-progress
        [ -f "$dir/pipeline.json" ] && set -- "$@" -p pipeline.json
        for input in "$dir"/input.*; do
            [ -f "$input" ] && set -- "$@" "$(basename "$input")"
        done
    fi
    stdin=/dev/null
    [ -f "$dir/stdin" ] && stdin=$dir/stdin
    (cd "$dir" && "$SLUICE" "$@" <"$stdin" >"$out" 2>"$err")
    status=$?

    want_status=0
    [ -f "$dir/expected-exit" ] && want_status=$(cat "$dir/expected-exit")
    why=
    if [ "$status" != "$want_status" ]; then
        why="exit status $status, expected $want_status"
    fi
    for expected in "$dir/expected.jsonl" "$dir/expected.txt"; do
        if [ -z "$why" ] && [ -f "$expected" ] &&
            ! cmp -s "$expected" "$out"; then
            why="standard output differs from $(basename "$expected"):
$(diff "$expected" "$out" | head -n 20)"
        fi
    done
    if [ -z "$why" ] && [ -f "$dir/expected-stdout" ]; then
        lost=$(missing_lines "$dir/expected-stdout" "$out")
        [ -n "$lost" ] && why="standard output lacks: $lost"
    fi
    if [ -z "$why" ] && [ -f "$dir/expected-stderr" ]; then
        lost=$(missing_lines "$dir/expected-stderr" "$err")
        [ -n "$lost" ] && why="standard error lacks: $lost"
    fi
    if [ -z "$why" ] && [ -f "$dir/check.sh" ]; then
        if ! (cd "$dir" && sh ./check.sh "$out" "$err") >"$tmp/check" 2>&1; then
            why="check.sh failed: $(head -n 10 "$tmp/check")"
        fi
    fi
    if [ -n "$why" ]; then
        printf 'FAIL %s: %s\n' "$name" "$why"
        printf '  command: sluice %s\n' "$*"
        echo "  standard error:"
        sed -n '1,10s/^/    /p' "$err"
        return 1
    fi
    echo "ok $name"
    return 0
}

if [ $# -eq 0 ]; then
    for dir in "$cases_dir"/*/; do
        set -- "$@" "$(basename "$dir")"
    done
fi
for name in "$@"; do
    if [ ! -d "$cases_dir/$name" ]; then
        echo "FAIL $name: no such case in $cases_dir"
        failures=$((failures + 1))
        continue
    fi
    count=$((count + 1))
    run_case "$name" || failures=$((failures + 1))
done
echo "$((count - failures)) of $count cases passed"
[ "$failures" -eq 0 ]
