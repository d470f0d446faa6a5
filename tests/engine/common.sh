# tests/engine/common.sh - shared set-up for the engine's shell tests:
# where the build is, a scratch folder removed on exit, a generated corpus
# and small helpers. Sourced, not run.
set -u
builddir=${abs_top_builddir:-$PWD}
SLUICE=$builddir/sluice
GEN=$builddir/bench/gencorpus
export SLUICE_PLUGIN_PATH=$builddir/tests/plugins/.libs
if [ ! -x "$SLUICE" ] || [ ! -x "$GEN" ]; then
    echo "SKIP: build sluice and bench/gencorpus first (make check)"
    exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-engine-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 99
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

pass() {
    echo "ok: $*"
}

# expect_status WANT COMMAND...: runs the command, checks its exit status.
expect_status() {
    want=$1
    shift
    "$@"
    got=$?
    if [ "$got" -ne "$want" ]; then
        fail "exit status $got, expected $want: $*"
        return 1
    fi
    return 0
}

# same FILE1 FILE2 WHAT: byte-identical files.
same() {
    if cmp -s "$1" "$2"; then pass "$3"; else fail "$3 ($1 and $2 differ)"; fi
}

# checkpoint_records FILE: the record count a checkpoint holds (0 if none).
checkpoint_records() {
    sed -n 's/^ *"records": *\([0-9]*\).*/\1/p' "$1" 2>/dev/null | head -n 1
}

# wait_for_checkpoint FILE MIN: until the checkpoint holds MIN records.
wait_for_checkpoint() {
    for _ in $(seq 1 600); do
        n=$(checkpoint_records "$1")
        if [ -n "$n" ] && [ "$n" -ge "$2" ]; then
            return 0
        fi
        sleep 0.05
    done
    return 1
}

# wait_for_checkpoint_or_end FILE MIN PID: until the checkpoint holds MIN
# records (status 0) or the run PID has ended first (status 2: a fast
# machine may finish before the checkpoint is seen); status 1 after a
# minute of neither, which a loaded machine does not explain.
wait_for_checkpoint_or_end() {
    for _ in $(seq 1 1200); do
        n=$(checkpoint_records "$1")
        if [ -n "$n" ] && [ "$n" -ge "$2" ]; then
            return 0
        fi
        kill -0 "$3" 2> /dev/null || return 2
        sleep 0.05
    done
    return 1
}

finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures failure(s)"
        exit 1
    fi
    exit 0
}
