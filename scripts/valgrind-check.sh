#!/bin/sh
# scripts/valgrind-check.sh - runs the unit tests and a few sluice runs
# (plain text, HTML, JSONL with a bad record, a truncated gzip file, WARC
# files with bad records, several threads, a .gz output, sluice check and
# plugins)
# under valgrind memcheck. Any memory
# error or definite/indirect leak fails the run.
#
#   scripts/valgrind-check.sh [BUILDDIR]
#
# BUILDDIR is a configured build (default: the current folder); the test
# programs are built first. VALGRIND_TESTS="test_text test_reader" limits
# the unit tests run. Exit status 0 when all is clean, 77 when valgrind is
# missing, 1 otherwise.
set -u

BUILD=$(cd "${1:-.}" && pwd)
SRC=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind-check: valgrind is not installed" >&2
    exit 77
fi
if [ ! -x "$BUILD/sluice" ]; then
    echo "valgrind-check: no built sluice in $BUILD (configure and make first)" >&2
    exit 1
fi
make -C "$BUILD" -s check TESTS= >/dev/null || exit 1

# Tests that crash a child process on purpose skip themselves here.
SLUICE_UNDER_VALGRIND=1
export SLUICE_UNDER_VALGRIND
VG="valgrind -q --trace-children=yes --error-exitcode=99 --leak-check=full
--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect
--num-callers=30"
SUPP="$SRC/scripts/valgrind.supp"
[ -f "$SUPP" ] && VG="$VG --suppressions=$SUPP"
LIBTOOL="$BUILD/libtool"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sluice-valgrind.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT
failed=""

# Runs one command under memcheck; its output goes to a log in WORK.
check() { # NAME COMMAND...
    name=$1
    shift
    log="$WORK/$name.log"
    # Criterion ignores a test worker's exit status, so valgrind's
    # --error-exitcode alone is not enough: with -q, every "==PID==" line
    # but a warning is an error or a leak.
    # shellcheck disable=SC2086
    "$LIBTOOL" --mode=execute $VG "$@" >"$log" 2>&1
    status=$?
    [ "$status" -eq "${ALLOW_STATUS:-0}" ] && status=0
    if [ "$status" -eq 0 ] && ! grep -E '^==[0-9]+== ' "$log" | grep -qv 'Warning:'; then
        echo "valgrind-check: ok   $name"
    else
        echo "valgrind-check: FAIL $name (exit status $status)"
        grep -E '==[0-9]+==|Crashing|Failing|error' "$log" | head -40 | sed 's/^/    /'
        failed="$failed $name"
    fi
}

for t in "$BUILD"/tests/test_*; do
    if [ ! -f "$t" ] || [ ! -x "$t" ]; then continue; fi
    case $t in *.o | *.log | *.trs) continue ;; esac
    name=$(basename "$t")
    if [ -n "${VALGRIND_TESTS:-}" ]; then
        case " $VALGRIND_TESTS " in *" $name "*) ;; *) continue ;; esac
    fi
    check "$name" "$t" -j1
done

cd "$WORK" || exit 1
# shellcheck disable=SC2016 # the dollar sign is text
printf '{"id":"a","text":"第一段，共有1200人参加。\\n第二段"}\n{"id":"bad","text":"\300\257"}\n{"id":"c","text":"Revenue rose 12%% to $3.4 million."}\n' >in.jsonl
awk 'BEGIN { for (i = 1; i <= 3000; i++) printf "{\"id\":\"g%d\",\"text\":\"record %d\"}\n", i, i }' |
    gzip -c >full.jsonl.gz
head -c 4000 full.jsonl.gz >cut.jsonl.gz
S="$BUILD/sluice"
check run-text "$S" run --no-progress -o text.jsonl "$SRC/samples/zh-template-page.txt"
check run-html "$S" run --no-progress -o html.jsonl "$SRC/samples/en-article.html"
# Exit status 1: the bad record and the truncated file fail, as they should.
ALLOW_STATUS=1
check run-jsonl-threads "$S" run --no-progress -j 3 -o j.jsonl --stats stats.json \
    --quarantine q.jsonl in.jsonl cut.jsonl.gz "$SRC/samples"
# WARC files with a bad length, a truncated and a corrupt record among
# good ones (plain and gzip): the bad records fail, the rest are read.
check run-warc "$S" run --no-progress -j 2 -o w.jsonl --stats w-stats.json \
    --quarantine wq.jsonl "$SRC/fuzz/seeds/reader_warc"
ALLOW_STATUS=0
# A .gz output of several blocks, compressed by the threads that take
# them (each keeps a deflate state of its own)
check run-gzip-threads "$S" run --no-progress -j 2 -o g.jsonl.gz full.jsonl.gz
check run-markdown "$S" run --no-progress --set export.format=markdown \
    --set export.show_removed=true -o out.md "$SRC/samples"
"$S" default >p.json
check check-default "$S" check p.json
check plugins "$S" plugins

if [ -n "$failed" ]; then
    echo "valgrind-check: failed:$failed"
    exit 1
fi
echo "valgrind-check: clean"
