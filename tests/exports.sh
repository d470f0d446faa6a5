#!/bin/sh
# tests/exports.sh - libsluice.so exports exactly the functions the public
# headers (include/sluice/*.h) declare, nothing internal; the sluice
# program exports the same functions to the plugins it loads (so their
# calls reach the program's copy of the core); and core/libsluice.sym,
# the list the library is linked with, says the same.
set -u
srcdir=${abs_top_srcdir:-.}
builddir=${abs_top_builddir:-$PWD}
work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-exports.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
pass() { echo "ok: $*"; }

lib=$builddir/.libs/libsluice.so
program=$builddir/sluice
# a libtool wrapper script stands for the real program in .libs/
[ "$(head -c 2 "$program")" = '#!' ] && program=$builddir/.libs/sluice
if [ ! -f "$lib" ] || ! command -v nm > /dev/null; then
    echo "SKIP: needs the shared libsluice and nm"
    exit 77
fi

# What the headers declare: every function name before "(", after the
# preprocessor removed comments (function pointers are "(*NAME)").
for h in "$srcdir"/include/sluice/*.h; do
    echo "#include <sluice/${h##*/}>"
done > "$work/all.c"
# Functions defined in a header (static inline) are not exported.
${CPP:-cc -E} -P -I"$srcdir/include" ${JANSSON_CFLAGS:-} "$work/all.c" \
    > "$work/all.i"
grep -oE 'static inline [^(]*\bsl_[a-z0-9_]+ *\(' "$work/all.i" |
    grep -oE 'sl_[a-z0-9_]+' | sort -u > "$work/inline"
grep -oE '\bsl_[a-z0-9_]+ *\([^*]' "$work/all.i" | sed 's/ *(.*//' | sort -u |
    grep -vxF -f "$work/inline" > "$work/declared"
[ -s "$work/declared" ] || fail "no declaration found in the headers"

# Defined functions and data in the dynamic symbol table, without the
# toolchain's own (_init, _fini, __bss_start, ...).
exported() {
    nm -D --defined-only "$1" | awk '$2 != "A" { print $3 }' |
        sed 's/@.*//' | grep -v '^_' | sort -u
}
exported "$lib" > "$work/lib"
if cmp -s "$work/declared" "$work/lib"; then
    pass "libsluice.so exports exactly the $(wc -l < "$work/declared") declared functions"
else
    fail "libsluice.so exports differ from the headers (< declared, > exported):"
    diff "$work/declared" "$work/lib"
fi

exported "$program" | grep '^sl_' > "$work/program"
if cmp -s "$work/declared" "$work/program"; then
    pass "the sluice program exports the same functions to its plugins"
else
    fail "the sluice program's exports differ (< declared, > exported):"
    diff "$work/declared" "$work/program"
fi

# A plugin built out of tree needs libsluice.so.0 (-lsluice) and has no
# path to it: the program has it loaded already.
if command -v readelf > /dev/null; then
    readelf -d "$program" | grep -q 'NEEDED.*libsluice\.so' &&
        pass "the sluice program loads libsluice.so for its plugins" ||
        fail "the sluice program does not load libsluice.so"
fi

sort -u "$srcdir/core/libsluice.sym" > "$work/sym"
cmp -s "$work/declared" "$work/sym" &&
    pass "core/libsluice.sym lists the declared functions" || {
    fail "core/libsluice.sym differs from the headers (< declared, > listed):"
    diff "$work/declared" "$work/sym"
}

[ $failures -eq 0 ]
