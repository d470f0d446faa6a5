#!/bin/sh
# scripts/test-example-plugin.sh - checks that a plugin author can build a
# stage against an INSTALLED sluice: configures and installs sluice into a
# temporary prefix, builds doc/examples/scripttag there with its own plain
# Makefile (pkg-config, no libtool), runs a pipeline that uses it through
# SLUICE_PLUGIN_PATH and again after installing it into the plugin folder,
# and checks the output. Prints PASS or FAIL; exits 0 only on PASS.
#
# usage: scripts/test-example-plugin.sh
# environment: CONFIGURE_FLAGS (extra ./configure flags), MAKE (make),
#              KEEP_TMP=1 (leave the temporary folder for inspection)
set -u

srcdir=$(cd "$(dirname "$0")/.." && pwd)
MAKE=${MAKE:-make}
jobs=$(nproc 2>/dev/null || echo 2)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sluice-example.XXXXXX") || exit 1
prefix=$tmp/prefix
log=$tmp/log

cleanup() {
    if [ "${KEEP_TMP:-0}" = 1 ]; then
        echo "kept $tmp"
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*"
    if [ -s "$log" ]; then
        echo "--- last lines of $log:"
        tail -n 30 "$log"
    fi
    exit 1
}

# 1. Install sluice into the temporary prefix.
if [ ! -x "$srcdir/configure" ]; then
    (cd "$srcdir" && autoreconf -fi) >"$log" 2>&1 || fail "autoreconf"
fi
mkdir -p "$tmp/build" || fail "cannot create $tmp/build"
cd "$tmp/build" || fail "cannot enter $tmp/build"
# shellcheck disable=SC2086 # CONFIGURE_FLAGS is a list of flags
"$srcdir/configure" --prefix="$prefix" ${CONFIGURE_FLAGS:-} >"$log" 2>&1 ||
    fail "configure"
$MAKE -j"$jobs" >"$log" 2>&1 || fail "make"
$MAKE install >"$log" 2>&1 || fail "make install"
sluice=$prefix/bin/sluice
[ -x "$sluice" ] || fail "make install did not install bin/sluice"
[ -f "$prefix/include/sluice/sluice.h" ] || fail "headers not installed"
[ -f "$prefix/lib/pkgconfig/sluice.pc" ] || fail "sluice.pc not installed"

# 2. Build the example out of tree, against the installed files only.
cp -R "$srcdir/doc/examples/scripttag" "$tmp/scripttag" || fail "copy example"
rm -f "$tmp/scripttag/scripttag.so"
cd "$tmp/scripttag" || fail "cannot enter $tmp/scripttag"
PKG_CONFIG_PATH=$prefix/lib/pkgconfig
export PKG_CONFIG_PATH
$MAKE CFLAGS="-O2 -g -Werror" >"$log" 2>&1 || fail "building the example"
[ -f scripttag.so ] || fail "the example's Makefile made no scripttag.so"
nm -D --defined-only scripttag.so | grep -q ' scripttag_LTX_sluice_plugin$' ||
    fail "scripttag.so does not export scripttag_LTX_sluice_plugin"

# 3. Use it from SLUICE_PLUGIN_PATH.
SLUICE_PLUGIN_PATH=$tmp/scripttag "$sluice" plugins >"$tmp/plugins" 2>"$log" ||
    fail "sluice plugins"
grep -q '^scripttag ' "$tmp/plugins" || fail "sluice plugins does not list scripttag"
grep -q '^normalize ' "$tmp/plugins" ||
    fail "the installed normalize plugin is not found"
SLUICE_PLUGIN_PATH=$tmp/scripttag "$sluice" check scripttag.json >"$log" 2>&1 ||
    fail "sluice check scripttag.json"

# The example's own test: sluice test-stage against expected.jsonl.
$MAKE check SLUICE="$sluice" >"$log" 2>&1 || fail "make check of the example"
grep -q '^PASS: 5 lines match' "$log" || fail "the example's test did not pass"

check_output() { # $1: file holding the JSONL output
    n=$(grep -c . "$1")
    [ "$n" = 2 ] || fail "expected 2 documents kept, got $n"
    grep -q '^{"id":"zh-1",.*"script":"han"' "$1" ||
        fail "zh-1 is missing or not tagged han"
    grep -q '^{"id":"en-1",.*"script":"latin"' "$1" ||
        fail "en-1 is missing or not tagged latin"
    grep -q '"site":"example.gov.cn"' "$1" || fail "metadata was not kept"
    if grep -q '"id":"\(ru-1\|ja-1\|short\)"' "$1"; then
        fail "a document that should have been dropped was kept"
    fi
}
SLUICE_PLUGIN_PATH=$tmp/scripttag "$sluice" run -p scripttag.json \
    --no-progress example.jsonl >"$tmp/out.jsonl" 2>"$log" ||
    fail "sluice run with SLUICE_PLUGIN_PATH"
check_output "$tmp/out.jsonl"

# 4. Install it next to the shipped plugins and use it without the path.
$MAKE install >"$log" 2>&1 || fail "make install of the example"
[ -f "$prefix/lib/sluice/scripttag.so" ] ||
    fail "the example was not installed into the plugin folder"
env -u SLUICE_PLUGIN_PATH "$sluice" run -p scripttag.json --no-progress \
    --set scripttag.keep='["cyrillic"]' --set scripttag.min_chars=0 \
    example.jsonl >"$tmp/out2.jsonl" 2>"$log" ||
    fail "sluice run with the installed example"
grep -q '^{"id":"ru-1",.*"script":"cyrillic"' "$tmp/out2.jsonl" ||
    fail "--set scripttag.keep did not keep the Russian document"
[ "$(grep -c . "$tmp/out2.jsonl")" = 1 ] ||
    fail "--set scripttag.keep kept more than the Russian document"

echo "PASS: example plugin built against an installed sluice and run"
