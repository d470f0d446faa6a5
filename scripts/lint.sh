#!/bin/sh
# scripts/lint.sh - cppcheck and clang-tidy over the C sources, and the
# shell scripts of scripts/ and bench/ through shellcheck; exit status 0
# only when all three are clean. `make lint` runs it with the build's flags:
#
#   LINT_CFLAGS="-I BUILD ..." scripts/lint.sh
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
status=0
cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
  --inline-suppr --suppress=missingIncludeSystem -I include -I core \
  core plugins || status=1
# Each file is checked on its own (clang-tidy wants the file before "--").
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# shellcheck disable=SC2086
git ls-files 'core/*.c' 'plugins/*.c' |
  xargs -P "$(nproc)" -I FILE clang-tidy --quiet FILE -- -I include -I core \
  ${LINT_CFLAGS:-} '-DSLUICE_PLUGIN_DIR=""' '-DSLUICE_BUILD_DIR=""' \
  > "$log" 2>/dev/null
if grep -E '^[^ ]+:[0-9]+:[0-9]+: (error|warning):' "$log"; then
  status=1
fi

shellcheck scripts/*.sh bench/*.sh || status=1

exit $status
