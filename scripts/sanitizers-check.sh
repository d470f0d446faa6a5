#!/bin/sh
# scripts/sanitizers-check.sh - configures a separate build with
# --enable-sanitizers (AddressSanitizer, LeakSanitizer and
# UndefinedBehaviorSanitizer, every report fatal) and runs make check
# there, hostile-input tests included.
#
#   scripts/sanitizers-check.sh [BUILDDIR]
#
# BUILDDIR defaults to /tmp/sluice-sanitizers; CC picks the compiler
# (default: clang when installed, else gcc). Extra arguments for make check
# may be given in CHECK_ARGS. Exit status is make check's.
set -u

SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-${TMPDIR:-/tmp}/sluice-sanitizers}
if [ -z "${CC:-}" ]; then
    if command -v clang >/dev/null 2>&1; then CC=clang; else CC=gcc; fi
fi
export CC
JOBS=$(nproc 2>/dev/null || echo 2)

[ -x "$SRC/configure" ] || (cd "$SRC" && autoreconf -fi) || exit 1
mkdir -p "$BUILD" || exit 1
cd "$BUILD" || exit 1
# No --enable-werror here: warnings are the normal build's business, and a
# warning must not hide what the sanitizers have to say.
if [ ! -f Makefile ] || ! grep -q 'enable-sanitizers' config.status 2>/dev/null ||
    grep -q 'enable-werror' config.status 2>/dev/null; then
    "$SRC/configure" -q --enable-sanitizers || exit 1
fi
make -s -j"$JOBS" || exit 1

ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Instrumented programs need more memory and time than the hostile tests'
# defaults allow.
HOSTILE_RSS_LIMIT_KB=${HOSTILE_RSS_LIMIT_KB:-2000000}
HOSTILE_TIMEOUT=${HOSTILE_TIMEOUT:-600}
export ASAN_OPTIONS UBSAN_OPTIONS HOSTILE_RSS_LIMIT_KB HOSTILE_TIMEOUT

# shellcheck disable=SC2086
make -j"$JOBS" check ${CHECK_ARGS:-}
status=$?
if [ "$status" -ne 0 ]; then
    echo "sanitizers-check: make check failed in $BUILD; the logs:" >&2
    find . -name '*.log' -newer Makefile -exec grep -l -E 'FAIL|ERROR' {} + \
        2>/dev/null | head -20 >&2
fi
exit "$status"
