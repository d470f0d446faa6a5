#!/bin/sh
# tests/hostile/run.sh - hostile-input tests of the sluice command: inputs
# the web produces (huge lines, a million tiny records, pathological HTML,
# every kind of invalid UTF-8, NUL bytes, BOMs, CRLF, broken and explosive
# compressed files, empty, unreadable and looping folders) and unsafe
# set-ups (a plugin in the current folder, an output that is also an
# input). Each case checks that sluice does not crash, ends with an error
# that names the file and the record, keeps the other documents of the
# run, and stays within a memory bound. Every input is generated on the
# fly in a temporary folder; fuzzing crashes kept under
# tests/hostile/regressions/ are replayed too.
#
#   SLUICE=/path/to/sluice tests/hostile/run.sh [CASE...]
#
# HOSTILE_SKIP="CASE ..." reports those cases as skipped (for a known,
# reported problem); HOSTILE_TIMEOUT (seconds, default 120) bounds each run
# of sluice and HOSTILE_RSS_LIMIT_KB (default 400000) its peak memory.
#
# Output is TAP. Exit status 0 when every case passed, 77 when sluice is
# missing, 1 otherwise.
set -u

SLUICE=${SLUICE:-${abs_top_builddir:-.}/sluice}
SRCDIR=${abs_top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILDDIR=$(cd "$(dirname "$SLUICE")" && pwd)
SLUICE="$BUILDDIR/$(basename "$SLUICE")"
if [ ! -x "$SLUICE" ]; then
    echo "1..0 # SKIP no sluice program at $SLUICE"
    exit 77
fi
W=$(mktemp -d "${TMPDIR:-/tmp}/sluice-hostile.XXXXXX") || exit 1
trap 'chmod -R u+rwx "$W" 2>/dev/null; rm -rf "$W"' EXIT
cd "$W" || exit 1
unset SLUICE_PLUGIN_PATH

# Peak memory (KiB) a case may use; sanitizer builds need more.
RSS_LIMIT_KB=${HOSTILE_RSS_LIMIT_KB:-400000}
TIMEOUT=${HOSTILE_TIMEOUT:-120}
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
    HAVE_TIME=1
else
    HAVE_TIME=0
fi
if command -v timeout >/dev/null 2>&1; then
    TIMEOUT_CMD="timeout -s KILL $TIMEOUT"
else
    TIMEOUT_CMD=""
fi

tests=0
failures=0
case_failed=0

fail() {
    case_failed=1
    echo "#   $*"
}

# Runs sluice with its arguments: standard output to out, standard error
# to err, peak RSS in KiB to rss (0 when unknown), exit status in rc.
sluice_cmd() {
    rm -f out err rss
    # timeout runs inside time: it kills sluice itself, and time still
    # sees sluice's peak memory.
    if [ "$HAVE_TIME" = 1 ]; then
        /usr/bin/time -f %M -o rss $TIMEOUT_CMD "$SLUICE" "$@" >out 2>err </dev/null
    else
        $TIMEOUT_CMD "$SLUICE" "$@" >out 2>err </dev/null
    fi
    rc=$?
    if [ -s rss ]; then
        tail -n 1 rss >rss.kb
        mv rss.kb rss
    else
        echo 0 >rss
    fi
    check_survived
}

# No crash, no hang, no sanitizer report.
check_survived() {
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        fail "sluice did not finish within ${TIMEOUT}s"
    elif [ "$rc" -ge 128 ] || grep -q 'Command terminated by signal' rss 2>/dev/null; then
        fail "sluice crashed (exit status $rc)"
    fi
    if grep -Eq 'AddressSanitizer|LeakSanitizer|runtime error:|Segmentation' err; then
        fail "sanitizer or crash report on standard error"
    fi
}

expect_rc() { # WANTED...
    for want in "$@"; do
        [ "$rc" -eq "$want" ] && return 0
    done
    fail "exit status $rc, expected $*"
}

expect_err() { # FIXED-STRING
    grep -qF -- "$1" err || fail "standard error lacks '$1'"
}

expect_doc() { # ID
    grep -qF -- "\"id\":\"$1\"" out || fail "document '$1' missing from the output"
}

expect_no_doc() { # ID
    if grep -qF -- "\"id\":\"$1\"" out; then
        fail "document '$1' should not be in the output"
    fi
}

expect_rss_below() { # KIB
    kb=$(cat rss)
    if [ "$kb" -gt "$1" ]; then
        fail "peak memory ${kb} KiB exceeds ${1} KiB"
    fi
}

report() { # NAME
    tests=$((tests + 1))
    if [ "$case_failed" = 0 ]; then
        echo "ok $tests - $1"
    else
        failures=$((failures + 1))
        echo "not ok $tests - $1"
        sed -n '1,12s/^/#   err: /p' err 2>/dev/null
    fi
    case_failed=0
}

good_jsonl() { # ID
    printf '{"id":"%s","text":"a good document about %s"}\n' "$1" "$1"
}

# ---- the cases ------------------------------------------------------------

case_long_line() {
    {
        good_jsonl before
        printf '{"id":"huge","text":"'
        head -c 100000000 /dev/zero | tr '\0' a
        printf '"}\n'
        good_jsonl after
    } >long.jsonl
    sluice_cmd run --no-progress long.jsonl
    rm -f long.jsonl
    expect_rc 1
    expect_err "long.jsonl:2"
    expect_err "max_doc_bytes"
    expect_doc before
    expect_doc after
    expect_no_doc huge
    expect_rss_below "$RSS_LIMIT_KB"
}

case_million_documents() {
    awk 'BEGIN { for (i = 1; i <= 1000000; i++)
                 printf "{\"id\":\"d%d\",\"text\":\"x%d\"}\n", i, i }' >many.jsonl
    sluice_cmd run --no-progress many.jsonl
    rm -f many.jsonl
    expect_rc 0
    lines=$(wc -l <out)
    [ "$lines" -eq 1000000 ] || fail "$lines records out of 1000000"
    expect_doc d1
    expect_doc d1000000
    expect_rss_below "$RSS_LIMIT_KB"
}

case_deep_html() {
    awk 'BEGIN { printf "<html><body>";
                 for (i = 0; i < 100000; i++) printf "<div>";
                 printf "<p>deep text</p>";
                 for (i = 0; i < 100000; i++) printf "</div>";
                 printf "</body></html>\n" }' >deep.html
    good_jsonl neighbour >neighbour.jsonl
    sluice_cmd run --no-progress deep.html neighbour.jsonl
    expect_rc 0 1
    expect_doc neighbour
    grep -qF '"id":"deep.html"' out || grep -qF 'deep.html' err ||
        fail "deep.html neither written nor reported"
    expect_rss_below "$RSS_LIMIT_KB"
}

case_million_attributes() {
    awk 'BEGIN { printf "<html><body><p";
                 for (i = 0; i < 1000000; i++) printf " a%d=\"%d\"", i, i;
                 printf ">text of the element</p></body></html>\n" }' >attrs.html
    good_jsonl neighbour >neighbour.jsonl
    sluice_cmd run --no-progress attrs.html neighbour.jsonl
    expect_rc 0 1
    expect_doc neighbour
    grep -qF '"id":"attrs.html"' out || grep -qF 'attrs.html' err ||
        fail "attrs.html neither written nor reported"
    expect_rss_below "$RSS_LIMIT_KB"
}

case_invalid_utf8() {
    {
        good_jsonl a
        printf '{"id":"overlong","text":"x \300\257 y"}\n'
        good_jsonl b
        printf '{"id":"surrogate","text":"x \355\240\200 y"}\n'
        printf '{"id":"truncated","text":"x \344\270"}\n'
        printf '{"id":"stray","text":"x \200 y"}\n'
        printf '{"id":"above","text":"x \364\220\200\200 y"}\n'
        printf '{"id":"ff","text":"x \377 y"}\n'
        printf '{"id":"overlong3","text":"x \340\200\257 y"}\n'
        good_jsonl c
    } >bad.jsonl
    printf 'a line\nthen \355\237\277 fine, \355\240\200 not\n' >bad.txt
    sluice_cmd run --no-progress bad.jsonl bad.txt
    expect_rc 1
    for line in 2 4 5 6 7 8 9; do
        expect_err "bad.jsonl:$line"
    done
    expect_err "invalid UTF-8"
    expect_err "bad.txt"
    expect_doc a
    expect_doc b
    expect_doc c
    for id in overlong surrogate truncated stray above ff overlong3; do
        expect_no_doc "$id"
    done
    if [ "$(grep -c 'bad.jsonl' err)" -lt 7 ]; then
        fail "not every bad record was reported"
    fi
}

case_nul_bytes() {
    {
        good_jsonl a
        printf '{"id":"raw","text":"x \000 y"}\n'
        printf '{"id":"escaped","text":"x \\u0000 y"}\n'
        good_jsonl b
    } >nul.jsonl
    printf 'text with a \000 inside\n' >nul.txt
    sluice_cmd run --no-progress nul.jsonl nul.txt
    expect_rc 1
    expect_err "nul.jsonl:2"
    expect_err "nul.txt"
    expect_doc a
    expect_doc b
    expect_no_doc raw
}

case_byte_order_marks() {
    printf '\357\273\277Hello from a BOM file\n' >bom.txt
    printf '\357\273\277{"id":"bom-first","text":"first line"}\n' >bom.jsonl
    good_jsonl second >>bom.jsonl
    sluice_cmd run --no-progress bom.txt bom.jsonl
    expect_rc 0
    expect_doc bom-first
    expect_doc second
    if grep -q "$(printf '\357\273\277')" out; then
        fail "a byte-order mark reached the output"
    fi
    grep -qF 'Hello from a BOM file' out || fail "the BOM file's text is missing"
}

case_endless_zeros() {
    # /dev/zero as JSONL: one line that never ends, all NUL bytes
    sluice_cmd run --no-progress --set input.format=jsonl \
        --set input.max_doc_bytes=1000000 /dev/zero
    expect_rc 1
    expect_err "/dev/zero:1: NUL byte at byte offset 0"
    expect_err "not JSONL"
    expect_rss_below "$RSS_LIMIT_KB"
    # without a limit too
    sluice_cmd run --no-progress --set input.format=jsonl \
        --set input.max_doc_bytes=0 /dev/zero
    expect_rc 1
    expect_err "/dev/zero:1: NUL byte at byte offset 0"
    expect_rss_below "$RSS_LIMIT_KB"
}

case_pipeline_byte_order_mark() {
    printf '\357\273\277{"sluice": 1, "stages": [{"use": "export"}]}\n' >bom-pipeline.json
    good_jsonl kept >bom-input.jsonl
    sluice_cmd run --no-progress -p bom-pipeline.json bom-input.jsonl
    expect_rc 0
    expect_doc kept
}

case_crlf() {
    printf 'First line\r\nSecond line\r\n\r\nThird line\r\n' >crlf.txt
    printf '{"id":"w1","text":"one"}\r\n{"id":"w2","text":"two"}\r\n' >crlf.jsonl
    sluice_cmd run --no-progress crlf.txt crlf.jsonl
    expect_rc 0
    expect_doc w1
    expect_doc w2
    if grep -qF '\r' out; then
        fail "a carriage return reached the output"
    fi
    grep -qF 'Second line' out || fail "the CRLF text file's lines are missing"
}

many_records() { # PREFIX COUNT
    awk -v p="$1" -v n="$2" 'BEGIN { for (i = 1; i <= n; i++)
        printf "{\"id\":\"%s%d\",\"text\":\"record %d with some words in it\"}\n", p, i, i }'
}

case_truncated_gzip() {
    many_records g 20000 | gzip -c >full.jsonl.gz
    size=$(wc -c <full.jsonl.gz)
    head -c $((size / 2)) full.jsonl.gz >cut.jsonl.gz
    good_jsonl neighbour >neighbour.jsonl
    sluice_cmd run --no-progress cut.jsonl.gz neighbour.jsonl
    expect_rc 1
    expect_err "cut.jsonl.gz"
    expect_doc g1
    expect_doc neighbour
    expect_no_doc g20000
}

case_truncated_zstd() {
    if ! command -v zstd >/dev/null 2>&1; then
        echo "#   zstd not installed: skipped"
        return
    fi
    many_records z 20000 | zstd -q -c >full.jsonl.zst
    size=$(wc -c <full.jsonl.zst)
    head -c $((size / 2)) full.jsonl.zst >cut.jsonl.zst
    good_jsonl neighbour >neighbour.jsonl
    sluice_cmd run --no-progress cut.jsonl.zst neighbour.jsonl
    expect_rc 1
    expect_err "cut.jsonl.zst"
    expect_doc z1
    expect_doc neighbour
    expect_no_doc z20000
}

case_gzip_bomb() {
    head -c 20000000 /dev/zero | tr '\0' a | gzip -9 -c >bomb.txt.gz
    {
        good_jsonl before
        printf '{"id":"bomb-line","text":"'
        head -c 20000000 /dev/zero | tr '\0' b
        printf '"}\n'
        good_jsonl after
    } | gzip -9 -c >bomb.jsonl.gz
    small=$(wc -c <bomb.txt.gz)
    [ "$small" -lt 40000 ] || fail "the bomb is not a thousand-fold ($small bytes)"
    good_jsonl neighbour >neighbour.jsonl
    sluice_cmd run --no-progress --set input.max_doc_bytes=1000000 bomb.txt.gz bomb.jsonl.gz neighbour.jsonl
    expect_rc 1
    expect_err "bomb.txt.gz"
    expect_err "bomb.jsonl.gz:2"
    expect_err "max_doc_bytes"
    expect_doc before
    expect_doc after
    expect_doc neighbour
    expect_no_doc bomb-line
    expect_rss_below 200000
}

case_empty_files() {
    mkdir -p empty
    : >empty/a.txt
    : >empty/b.jsonl
    : >empty/c.html
    printf '\n\n   \n' >empty/d.jsonl
    good_jsonl neighbour >empty/e.jsonl
    sluice_cmd run --no-progress empty
    expect_rc 0 1
    expect_doc neighbour
}

case_unreadable_entries() {
    mkdir -p unread
    good_jsonl first >unread/a.jsonl
    ln -s does-not-exist unread/dangling.jsonl
    mkfifo unread/fifo.jsonl 2>/dev/null || true
    good_jsonl last >unread/z.jsonl
    if [ "$(id -u)" != 0 ]; then
        good_jsonl hidden >unread/locked.jsonl
        chmod 000 unread/locked.jsonl
        mkdir unread/locked-dir
        chmod 000 unread/locked-dir
    else
        echo "#   running as root: chmod 000 does not stop root; a dangling link and a FIFO stand in"
    fi
    sluice_cmd run --no-progress unread
    expect_rc 1
    expect_err "unread/dangling.jsonl"
    expect_doc first
    expect_doc last
    if [ "$(id -u)" != 0 ]; then
        expect_err "unread/locked.jsonl"
        expect_err "unread/locked-dir"
    fi
}

case_symlink_loop() {
    mkdir -p loop/sub
    good_jsonl one >loop/a.jsonl
    good_jsonl two >loop/sub/b.jsonl
    ln -s .. loop/sub/up
    ln -s . loop/self
    sluice_cmd run --no-progress loop
    expect_rc 1
    expect_err "loop"
    expect_doc one
    expect_doc two
    lines=$(wc -l <out)
    [ "$lines" -eq 2 ] || fail "$lines records for 2 documents"
}

plugin_file() { # NAME: the built module of plugin NAME
    for f in "$BUILDDIR/plugins/$1/.libs/$1.so" "$BUILDDIR/plugins/$1/$1.so"; do
        if [ -f "$f" ]; then
            echo "$f"
            return 0
        fi
    done
    return 1
}

case_plugin_not_from_current_folder() {
    if ! so=$(plugin_file normalize); then
        fail "no built normalize module under $BUILDDIR/plugins"
        return
    fi
    # The same module under another name: loadable only if the current
    # folder were searched.
    cp "$so" ./strangers.so
    printf '{"sluice": 1, "stages": [{"use": "strangers"}]}\n' >p.json
    sluice_cmd check p.json
    [ "$rc" -ne 0 ] || fail "a plugin in the current folder was loaded"
    expect_err "not found"
    SLUICE_PLUGIN_PATH=":"
    export SLUICE_PLUGIN_PATH
    sluice_cmd check p.json
    unset SLUICE_PLUGIN_PATH
    [ "$rc" -ne 0 ] || fail "an empty SLUICE_PLUGIN_PATH entry loaded from the current folder"
    cp "$so" ./normalize.so
    sluice_cmd plugins
    expect_rc 0
    if grep -qF "$W" out; then
        fail "sluice plugins lists a module of the current folder"
    fi
}

case_plugins_show_origin() {
    if ! so=$(plugin_file normalize); then
        fail "no built normalize module under $BUILDDIR/plugins"
        return
    fi
    mkdir -p extra
    cp "$so" extra/normalize.so
    SLUICE_PLUGIN_PATH="$W/extra"
    export SLUICE_PLUGIN_PATH
    sluice_cmd plugins
    unset SLUICE_PLUGIN_PATH
    expect_rc 0
    grep -qF "$W/extra/normalize.so (SLUICE_PLUGIN_PATH)" out ||
        fail "the SLUICE_PLUGIN_PATH module is not shown with its origin"
    sluice_cmd plugins
    grep -qF "(build tree)" out || grep -qF "(installed)" out ||
        fail "no plugin shows where it came from"
}

case_output_is_input() {
    good_jsonl keep >in.jsonl
    cp in.jsonl in.orig
    sluice_cmd run --no-progress -o in.jsonl in.jsonl
    [ "$rc" -ne 0 ] || fail "writing over the input was allowed"
    expect_err "is also an input"
    sluice_cmd run --no-progress --force -o ./in.jsonl in.jsonl
    [ "$rc" -ne 0 ] || fail "writing over ./input was allowed with --force"
    expect_err "is also an input"
    mkdir -p folder
    cp in.jsonl folder/
    sluice_cmd run --no-progress -o folder/out.jsonl folder
    [ "$rc" -ne 0 ] || fail "writing into an input folder was allowed"
    expect_err "is also an input"
    cmp -s in.jsonl in.orig || fail "the input file was changed"
}

# Inputs that once crashed a fuzz target, replayed through the command.
case_fuzz_regressions() {
    reg="$SRCDIR/tests/hostile/regressions"
    for dir in "$reg"/*/; do
        [ -d "$dir" ] || continue
        target=$(basename "$dir")
        for f in "$dir"*; do
            [ -f "$f" ] || continue
            case $target in
            stage_html) cp "$f" input.html && set -- input.html ;;
            reader_jsonl | reader_compressed) cp "$f" input.jsonl && set -- input.jsonl ;;
            pipeline_file) cp "$f" p.json && set -- check p.json ;;
            export_jsonl) continue ;; # structured input: fuzz.sh replays it
            *) cp "$f" input.txt && set -- input.txt ;;
            esac
            case $target in
            reader_compressed) mv input.jsonl input.jsonl.gz && set -- input.jsonl.gz ;;
            esac
            if [ "$1" = check ]; then
                sluice_cmd "$@"
            else
                sluice_cmd run --no-progress "$@"
            fi
            [ "$case_failed" = 0 ] || echo "#   replaying $f"
        done
    done
}

ALL="long_line million_documents deep_html million_attributes invalid_utf8
nul_bytes endless_zeros byte_order_marks pipeline_byte_order_mark crlf truncated_gzip truncated_zstd gzip_bomb
empty_files unreadable_entries symlink_loop plugin_not_from_current_folder
plugins_show_origin output_is_input fuzz_regressions"
CASES=${*:-$ALL}
count=0
for c in $CASES; do count=$((count + 1)); done
echo "1..$count"
for c in $CASES; do
    case " ${HOSTILE_SKIP:-} " in
    *" $c "*)
        tests=$((tests + 1))
        echo "ok $tests - $c # SKIP listed in HOSTILE_SKIP"
        continue
        ;;
    esac
    "case_$c"
    report "$c"
    rm -f out err rss
done
[ "$failures" -eq 0 ] || exit 1
exit 0
