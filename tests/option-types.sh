#!/bin/sh
# tests/option-types.sh - the SL_OPTION_* macros stop the build when an
# option's field has another C type than its option type (an int field
# declared SL_OPTION_INT, which stores a long, would have the core write
# past it), with a message naming the field and the type it must be; and
# every macro compiles with the right type. Compiled with the headers of
# the source tree, as a plugin out of tree would be.
set -u
srcdir=${abs_top_srcdir:-.}
work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-option-types.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
pass() { echo "ok: $*"; }
cc=${CC:-cc}

# compile NAME FIELD-DECLARATION MACRO-LINE: a plugin's option table with
# one option; the compiler's messages go to NAME.err.
compile() {
    cat > "$work/$1.c" <<C
#include <sluice/plugin.h>
typedef struct state {
    $2;
} state;
const sl_option options[] = {
    $3,
    {0},
};
C
    # shellcheck disable=SC2086 # JANSSON_CFLAGS holds several flags
    $cc -std=c11 -fsyntax-only -I"$srcdir/include" ${JANSSON_CFLAGS:-} \
        "$work/$1.c" 2> "$work/$1.err"
}

# refused NAME FIELD MACRO WHAT: does not build, naming the field and WHAT.
refused() {
    if compile "$1" "$2" "$3"; then
        fail "$1: a field of the wrong type builds"
    elif grep -qF "option field value must be $4" "$work/$1.err"; then
        pass "$1: refused with \"option field value must be $4\""
    else
        fail "$1: refused without naming the field: $(cat "$work/$1.err")"
    fi
}

refused int_as_long "int value" \
    'SL_OPTION_INT(state, value, "0", 0, "help", NULL)' long
refused float_as_double "float value" \
    'SL_OPTION_DOUBLE(state, value, "0", 0, "help", NULL)' double
refused int_as_bool "int value" \
    'SL_OPTION_BOOL(state, value, "false", 0, "help")' bool
refused const_string "const char *value" \
    'SL_OPTION_STRING(state, value, "\"a\"", 0, "help", NULL)' 'char *'
refused string_as_list "char *value" \
    'SL_OPTION_STRLIST(state, value, "[]", 0, "help")' sl_strlist

for ok in "long value|SL_OPTION_INT(state, value, \"0\", 0, \"help\", NULL)" \
    "double value|SL_OPTION_DOUBLE(state, value, \"0\", 0, \"help\", NULL)" \
    "bool value|SL_OPTION_BOOL(state, value, \"false\", 0, \"help\")" \
    "char *value|SL_OPTION_STRING(state, value, \"\\\"a\\\"\", 0, \"help\", NULL)" \
    "sl_strlist value|SL_OPTION_STRLIST(state, value, \"[]\", 0, \"help\")"; do
    field=${ok%%|*}
    if compile right "$field" "${ok#*|}"; then
        pass "a field of the right type builds: $field"
    else
        fail "$field does not build: $(cat "$work/right.err")"
    fi
done

[ "$failures" -eq 0 ] || exit 1
