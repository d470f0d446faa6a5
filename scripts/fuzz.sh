#!/bin/sh
# scripts/fuzz.sh - builds the libFuzzer targets of fuzz/ with clang
# (AddressSanitizer and UndefinedBehaviorSanitizer), outside automake, and
# runs each for a while.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS (default 60) is the time each target runs; 0 only builds the
# targets and replays the seeds and regression inputs. TARGET names
# (reader_text, stage_html ...) pick targets; by default all of them run.
# A stage target whose plugin does not exist yet is skipped with a note.
#
# Environment:
#   FUZZ_BUILD  where objects, binaries, corpora, logs and crashes go
#               (default /tmp/sluice-fuzz); corpora grow from run to run
#   CC          the compiler (default clang; it must support -fsanitize=fuzzer)
#
# Each target starts from the seeds in fuzz/seeds/TARGET/, the project's
# samples/ and test inputs, and what earlier runs found. Every input under
# tests/hostile/regressions/TARGET/ is replayed first. A crash is saved as
# $FUZZ_BUILD/crashes/TARGET-crash-*; copy it into
# tests/hostile/regressions/TARGET/ so it is replayed from then on.
# The exit status is non-zero when any target crashed, leaked or timed out.
set -eu

SECONDS_EACH=${1:-60}
[ $# -gt 0 ] && shift
SRC=$(cd "$(dirname "$0")/.." && pwd)
OUT=${FUZZ_BUILD:-/tmp/sluice-fuzz}
CC=${CC:-clang}
ALL_TARGETS="reader_text reader_jsonl json_fast reader_compressed reader_warc pipeline_file
stage_html stage_normalize stage_boilerplate stage_sections stage_figures
stage_chain export_jsonl"
TARGETS=${*:-$ALL_TARGETS}

mkdir -p "$OUT/obj" "$OUT/bin" "$OUT/plugins" "$OUT/corpus" "$OUT/logs" \
    "$OUT/crashes" "$OUT/seeds"

if ! echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' |
    "$CC" -x c -fsanitize=fuzzer -o "$OUT/obj/probe" - 2>/dev/null; then
    echo "fuzz.sh: $CC cannot build libFuzzer targets (-fsanitize=fuzzer); install clang" >&2
    exit 77
fi

PKGS="jansson libutf8proc zlib libzstd libxml-2.0 sqlite3"
# PKGS and the flag variables below are lists of words on purpose
# shellcheck disable=SC2086
DEPS_CFLAGS=$(pkg-config --cflags $PKGS)
# shellcheck disable=SC2086
DEPS_LIBS="$(pkg-config --libs $PKGS) -lltdl -pthread"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS="-g -O1 -fPIC $SAN -DSLUICE_CHECKED=1 -I$SRC/include -I$SRC/core -I$SRC/fuzz $DEPS_CFLAGS"
# the quotes are the macros' own: the values are C string literals
# shellcheck disable=SC2089
CFLAGS="$CFLAGS -DSLUICE_PLUGIN_DIR=\"$OUT/plugins\" -DSLUICE_BUILD_DIR=\"\""

# Compiles one source to an object under $OUT/obj when it changed; TAG
# keeps objects built with different flags apart.
compile() { # SOURCE EXTRA_FLAGS [TAG]
    obj="$OUT/obj/$(echo "$1" | tr / _ | sed "s/\.c\$/${3:-}.o/")"
    if [ ! -f "$obj" ] ||
        find "$SRC/$1" -newer "$obj" | grep -q . ||
        find "$SRC/include" "$SRC/core" "$SRC/fuzz" "$(dirname "$SRC/$1")" \
            -name '*.h' -newer "$obj" | grep -q .; then
        # shellcheck disable=SC2086,SC2090
        "$CC" $CFLAGS $2 -c "$SRC/$1" -o "$obj"
    fi
    echo "$obj"
}

echo "fuzz.sh: building the core into $OUT"
CORE_OBJS=""
for f in "$SRC"/core/*.c; do
    case $(basename "$f") in cli_*) continue ;; esac
    CORE_OBJS="$CORE_OBJS $(compile "core/$(basename "$f")" -fsanitize=fuzzer-no-link)"
done
SUPPORT_OBJ=$(compile fuzz/fuzz_support.c -fsanitize=fuzzer-no-link)
rm -f "$OUT/obj/libcore.a"
# shellcheck disable=SC2086
ar rcs "$OUT/obj/libcore.a" $CORE_OBJS

# The plugins a target links in, or nothing.
plugin_of() {
    case $1 in
    stage_chain) echo "html normalize boilerplate sections figures export" ;;
    stage_*) echo "${1#stage_}" ;;
    export_jsonl) echo export ;;
    *) echo "" ;;
    esac
}

plugin_ready() {
    grep -qs "$1_LTX_sluice_plugin" "$SRC"/plugins/"$1"/*.c
}

plugin_objs() { # NAME [module]
    for f in "$SRC"/plugins/"$1"/*.c; do
        # a program built beside the plugin (its own main) is not part of it
        grep -q '^int main(' "$f" && continue
        if [ "${2:-}" = module ]; then
            compile "plugins/$1/$(basename "$f")" "" .module
        else
            compile "plugins/$1/$(basename "$f")" -fsanitize=fuzzer-no-link
        fi
    done
}

# Plugins as loadable modules for the pipeline target (their descriptors
# are read and their options bound; the core's symbols come from the
# fuzzer program). They carry no coverage counters: libFuzzer would read
# those after the module is unloaded.
for dir in "$SRC"/plugins/*/; do
    name=$(basename "$dir")
    plugin_ready "$name" || continue
    # shellcheck disable=SC2046,SC2086
    "$CC" $SAN -shared -o "$OUT/plugins/$name.so" $(plugin_objs "$name" module) \
        $(pkg-config --libs libutf8proc libxml-2.0 sqlite3) 2>/dev/null ||
        rm -f "$OUT/plugins/$name.so"
done

# Seeds made from the project's own samples and tests.
make_seeds() { # TARGET
    s="$OUT/seeds/$1"
    rm -rf "$s"
    mkdir -p "$s"
    [ -d "$SRC/fuzz/seeds/$1" ] && cp "$SRC/fuzz/seeds/$1"/* "$s"/ 2>/dev/null
    case $1 in
    reader_text | stage_normalize | stage_boilerplate | stage_sections | stage_figures)
        cp "$SRC"/fuzz/seeds/reader_text/* "$s"/ 2>/dev/null || true
        cp "$SRC"/samples/*.txt "$s"/ 2>/dev/null || true
        find "$SRC/tests/cases" -type f -name '*.txt' -size -64k \
            -exec cp {} "$s"/ \; 2>/dev/null || true
        ;;
    stage_chain)
        for f in "$SRC"/samples/* "$SRC"/fuzz/seeds/reader_text/* "$SRC"/fuzz/seeds/stage_html/*; do
            [ -f "$f" ] || continue
            case $f in *.html) mark=1 ;; *) mark=0 ;; esac
            { printf %s "$mark"; cat "$f"; } >"$s/$(basename "$f")"
        done
        ;;
    stage_html)
        cp "$SRC"/samples/*.html "$s"/ 2>/dev/null || true
        find "$SRC/tests/cases" -type f -name '*.html' -size -64k \
            -exec cp {} "$s"/ \; 2>/dev/null || true
        ;;
    reader_jsonl | reader_compressed)
        cp "$SRC"/fuzz/seeds/reader_jsonl/* "$s"/ 2>/dev/null || true
        for f in "$SRC"/samples/*; do
            [ -f "$f" ] || continue
            python3 -c 'import json,sys; print(json.dumps({"id": sys.argv[1], "text": open(sys.argv[2], encoding="utf-8").read(), "url": "u"}, ensure_ascii=False))' \
                "$(basename "$f")" "$f" >"$s/$(basename "$f").jsonl" 2>/dev/null || true
        done
        find "$SRC/tests/cases" -type f -name '*.jsonl' -size -64k \
            -exec cp {} "$s"/ \; 2>/dev/null || true
        if [ "$1" = reader_compressed ]; then
            for f in "$s"/*; do
                [ -f "$f" ] || continue
                case $f in *.gz | *.zst) continue ;; esac
                gzip -c "$f" >"$f.gz"
                if command -v zstd >/dev/null; then zstd -q -c "$f" >"$f.zst"; fi
                rm -f "$f"
            done
        fi
        ;;
    json_fast) # one record a seed: each line of the JSONL seeds
        n=0
        for f in "$SRC"/fuzz/seeds/reader_jsonl/*; do
            [ -f "$f" ] || continue
            while IFS= read -r record; do
                n=$((n + 1))
                printf '%s' "$record" >"$s/line-$n"
            done <"$f"
        done
        ;;
    pipeline_file)
        find "$SRC/tests/cases" "$SRC/doc" -type f -name '*.json' -size -64k \
            -exec cp {} "$s"/ \; 2>/dev/null || true
        ;;
    esac
}

FAILED=""
for t in $TARGETS; do
    src="fuzz/fuzz_$t.c"
    if [ ! -f "$SRC/$src" ]; then
        echo "fuzz.sh: no target $t" >&2
        FAILED="$FAILED $t"
        continue
    fi
    extra=""
    missing=""
    for plugin in $(plugin_of "$t"); do
        if plugin_ready "$plugin"; then
            extra="$extra $(plugin_objs "$plugin")"
        else
            missing="$missing $plugin"
        fi
    done
    if [ -n "$missing" ]; then
        echo "fuzz.sh: $t skipped: no descriptor yet in plugins/$missing"
        continue
    fi
    main=$(compile "$src" -fsanitize=fuzzer-no-link)
    # shellcheck disable=SC2086
    "$CC" $SAN -fsanitize=fuzzer -rdynamic -o "$OUT/bin/fuzz_$t" "$main" \
        $extra "$SUPPORT_OBJ" "$OUT/obj/libcore.a" $DEPS_LIBS
    make_seeds "$t"
    mkdir -p "$OUT/corpus/$t"
    reg="$SRC/tests/hostile/regressions/$t"
    log="$OUT/logs/$t.log"
    opts="-timeout=10 -rss_limit_mb=2048 -max_len=65536 -artifact_prefix=$OUT/crashes/$t-"
    status=0
    : >"$log"
    if [ -d "$reg" ] && [ -n "$(ls -A "$reg")" ]; then
        # shellcheck disable=SC2086
        "$OUT/bin/fuzz_$t" $opts "$reg"/* >>"$log" 2>&1 || status=$?
    fi
    if [ "$status" -eq 0 ]; then
        # shellcheck disable=SC2086
        if [ "$SECONDS_EACH" -gt 0 ]; then
            limit="-max_total_time=$SECONDS_EACH"
        else
            limit="-runs=0"
        fi
        # shellcheck disable=SC2086
        FUZZ_TMPDIR="$OUT" "$OUT/bin/fuzz_$t" $opts $limit \
            -print_final_stats=1 "$OUT/corpus/$t" "$OUT/seeds/$t" \
            >>"$log" 2>&1 || status=$?
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
    if [ "$status" -ne 0 ]; then
        echo "fuzz.sh: $t FAILED (status $status); see $log and $OUT/crashes/"
        grep -m3 -E 'ERROR|SUMMARY|invariant' "$log" | sed 's/^/    /' || true
        FAILED="$FAILED $t"
    else
        echo "fuzz.sh: $t ok: ${runs:-0} runs in ${SECONDS_EACH}s, corpus $(find "$OUT/corpus/$t" -type f | wc -l) inputs"
        echo "$(date -u +%FT%TZ) $t $SECONDS_EACH ${runs:-0}" >>"$OUT/fuzz-time.log"
    fi
done

if [ -n "$FAILED" ]; then
    echo "fuzz.sh: failed:$FAILED"
    exit 1
fi
echo "fuzz.sh: all targets ok"
