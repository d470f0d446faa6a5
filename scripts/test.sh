#!/bin/bash
# scripts/test.sh - builds sluice and runs the whole test suite: unit and
# end-to-end tests, the same under AddressSanitizer and
# UndefinedBehaviorSanitizer, valgrind memcheck, the out-of-tree example
# plugin, make distcheck, the batch tests (GNU parallel, a local Slurm),
# short fuzzing runs, lint and the format check. Installs what it needs with apt-get.
#
#   scripts/test.sh            everything
#   scripts/test.sh --quick    build and make check only
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
quick=no
[ "${1:-}" = "--quick" ] && quick=yes

"$top/scripts/deps.sh" --test || exit 1
cd "$top" || exit 1
autoreconf -fi >/dev/null 2>&1 || autoreconf -fi || exit 1

passed=0
failed=0
failures=""
step() { # step NAME COMMAND...: runs one step, records its outcome
  local name=$1
  shift
  echo "=== $name"
  if "$@"; then
    echo "=== $name: ok"
  else
    echo "=== $name: FAILED"
    failures="$failures $name"
  fi
}

# Counts the results automake wrote to BUILD/test-suite.log.
count_tests() {
  local log=$1/test-suite.log
  [ -f "$log" ] || return 0
  local p f
  p=$(sed -n 's/^# PASS: *//p' "$log" | head -1)
  f=$(sed -n 's/^# FAIL: *//p' "$log" | head -1)
  e=$(sed -n 's/^# ERROR: *//p' "$log" | head -1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
}

# failed_logs DIR: the names and last lines of the tests that failed in
# DIR (the test-suite.log also holds those tests' own output, whose lines
# may start with FAIL too: only names with a log of their own are tests)
failed_logs() {
  sed -n 's/^\(FAIL\|ERROR\): \([^ ]*\)$/\2/p' "$1/test-suite.log" | sort -u |
    while read -r t; do
      [ -f "$1/$t.log" ] || continue
      echo "FAIL: $t"
      tail -n 40 "$1/$t.log"
    done
}

check_build() { # check_build DIR CONFIGURE-ARGS...
  local dir=$1
  shift
  rm -rf "$dir" && mkdir -p "$dir" && cd "$dir" &&
    "$top/configure" -q --enable-werror "$@" &&
    { make -j"$(nproc)" >build.log 2>&1 || { tail -40 build.log; false; }; } &&
    { make -j"$(nproc)" check >check.log 2>&1; local rc=$?;
      [ -f test-suite.log ] || tail -40 check.log;
      count_tests "$dir";
      [ $rc = 0 ] || { \
        failed_logs "$dir"; }; \
      cd "$top" || return 1; return $rc; }
}

# distcheck_build DIR: make distcheck; on a failure, the failed tests' logs
distcheck_build() {
  local dir=$1 rc=0 sub
  (cd "$dir" && make -j"$(nproc)" distcheck >distcheck.log 2>&1) || rc=$?
  [ $rc = 0 ] && return 0
  tail -30 "$dir/distcheck.log"
  for sub in "$dir"/sluice-*/_build/sub; do
    [ -f "$sub/test-suite.log" ] || continue
    failed_logs "$sub"
  done
  return $rc
}

# the report's browser test must run here, not skip
SLUICE_REQUIRE_BROWSER=1
export SLUICE_REQUIRE_BROWSER
step "make check" check_build "$top/build-check"
unset SLUICE_REQUIRE_BROWSER
if [ $quick = no ]; then
  step "make check (ASan+UBSan)" env CC=clang scripts/sanitizers-check.sh "$top/build-asan"
  [ -x scripts/valgrind-check.sh ] && step "valgrind" scripts/valgrind-check.sh "$top/build-check"
  [ -x scripts/test-example-plugin.sh ] && step "example plugin" scripts/test-example-plugin.sh
  step "make distcheck" distcheck_build "$top/build-check"
  if [ "$(id -u)" = 0 ]; then
    [ -x scripts/parallel-test.sh ] && step "GNU parallel shards" scripts/parallel-test.sh "$top/build-check"
    [ -x scripts/slurm-test.sh ] && step "Slurm array job" scripts/slurm-test.sh "$top/build-check"
  fi
  [ -x scripts/fuzz.sh ] && step "fuzzing (short)" scripts/fuzz.sh 20
  step "lint" sh -c "cd '$top/build-check' && make lint"
  step "format" sh -c "cd '$top/build-check' && make format-check"
fi

echo
if [ -n "$failures" ]; then
  echo "failed steps:$failures"
fi
steps_failed=$(echo "$failures" | wc -w)
echo "tests: $passed passed, $((failed + steps_failed)) failed"
[ -z "$failures" ] && [ "$failed" = 0 ]
