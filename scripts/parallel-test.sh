#!/bin/bash
# scripts/parallel-test.sh - the GNU parallel recipe of doc/batch.md: runs
# 4 shards of a generated corpus as parallel jobs (--shard {}/4), checks
# that the parts joined in order equal one unsharded run. Installs GNU
# parallel with apt-get when missing. Prints PASS or FAIL.
#
#   scripts/parallel-test.sh [BUILD-DIR]   (default: the source tree)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top}" && pwd)
sluice=$build/sluice
verdict() { echo "parallel-test: $1${2:+: $2}"; }

[ -x "$sluice" ] || { verdict FAIL "no $sluice: build first"; exit 1; }
make -C "$build" bench/gencorpus >/dev/null 2>&1
gen=$build/bench/gencorpus
[ -x "$gen" ] || { verdict FAIL "cannot build bench/gencorpus"; exit 1; }
if ! command -v parallel >/dev/null; then
    if [ "$(id -u)" != 0 ]; then
        verdict SKIP "GNU parallel is not installed"
        exit 77
    fi
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
        install -y --no-install-recommends parallel >/dev/null 2>&1 ||
        { apt-get -o DPkg::Lock::Timeout=600 update >/dev/null 2>&1 &&
          DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
              install -y --no-install-recommends parallel >/dev/null 2>&1; } ||
        { verdict FAIL "cannot install GNU parallel"; exit 1; }
fi

work=$(mktemp -d /tmp/sluice-parallel.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus/pages" "$work/out"
"$gen" jsonl 2M 51 > "$work/corpus/a.jsonl"
"$gen" jsonl 1M 52 | zstd -q > "$work/corpus/b.jsonl.zst" 2>/dev/null ||
    "$gen" jsonl 1M 52 > "$work/corpus/b.jsonl"
"$gen" html 500K "$work/corpus/pages" 53

"$sluice" run --no-progress -o "$work/whole.jsonl" "$work/corpus" ||
    { verdict FAIL "the single run failed"; exit 1; }
# the recipe: one job per shard, each resumable, one core each
if ! seq 0 3 | parallel --will-cite --halt now,fail=1 -j 4 \
    "$sluice" run --no-progress -j 1 --resume --shard {}/4 \
    --stats "$work/out/stats-{}.json" -o "$work/out/part-{shard}.jsonl" \
    "$work/corpus"; then
    verdict FAIL "a parallel job failed"
    exit 1
fi
cat "$work"/out/part-0.jsonl "$work"/out/part-1.jsonl \
    "$work"/out/part-2.jsonl "$work"/out/part-3.jsonl > "$work/joined.jsonl" ||
    { verdict FAIL "missing parts"; exit 1; }
cmp -s "$work/joined.jsonl" "$work/whole.jsonl" ||
    { verdict FAIL "joined output differs from one run"; exit 1; }

# deduplication in three steps: signatures per shard, one join, apply
python3 "$top/tests/dedup/plant.py" "$top/tests/dedup/originals.jsonl.gz" \
    > "$work/dd.jsonl" || { verdict FAIL "plant.py"; exit 1; }
dedup_pipeline() { # FILE OPTIONS-JSON
    printf '{ "sluice": 1, "stages": [ { "use": "dedup", "with": %s },
      { "use": "export", "with": { "path": "-" } } ] }\n' "$2" > "$1"
}
mkdir -p "$work/dd"
dedup_pipeline "$work/dd-one.json" '{}'
dedup_pipeline "$work/dd-sig.json" \
    "{ \"mode\": \"signatures\", \"signatures\": \"$work/dd/sig-{shard}.bin\" }"
dedup_pipeline "$work/dd-apply.json" \
    "{ \"mode\": \"apply\", \"decisions\": \"$work/dd/decisions.jsonl\" }"
"$sluice" run --no-progress -q -p "$work/dd-one.json" -o "$work/dd-one.jsonl" \
    "$work/dd.jsonl" 2>/dev/null || { verdict FAIL "the one-run dedup failed"; exit 1; }
# the three steps in a row; the message if any of them fails
# shellcheck disable=SC2015
seq 0 3 | parallel --will-cite --halt now,fail=1 -j 4 \
    "$sluice" run --no-progress -q -j 1 -p "$work/dd-sig.json" --shard {}/4 \
    -o "$work/dd/skip-{shard}.jsonl" "$work/dd.jsonl" &&
    "$build/sluice-dedup" join -o "$work/dd/decisions.jsonl" "$work"/dd/sig-*.bin \
        2>/dev/null &&
    seq 0 3 | parallel --will-cite --halt now,fail=1 -j 4 \
    "$sluice" run --no-progress -q -j 1 -p "$work/dd-apply.json" --shard {}/4 \
    -o "$work/dd/part-{shard}.jsonl" "$work/dd.jsonl" ||
    { verdict FAIL "a deduplication step failed"; exit 1; }
cat "$work"/dd/part-0.jsonl "$work"/dd/part-1.jsonl "$work"/dd/part-2.jsonl \
    "$work"/dd/part-3.jsonl > "$work/dd-joined.jsonl"
cmp -s "$work/dd-joined.jsonl" "$work/dd-one.jsonl" ||
    { verdict FAIL "deduplication in three parallel steps differs from one run"; exit 1; }
verdict PASS "4 parallel shards, $(wc -l < "$work/whole.jsonl") documents, joined output identical to one run; deduplication in three parallel steps equals one run ($(wc -l < "$work/dd-one.jsonl") of $(wc -l < "$work/dd.jsonl") kept)"
exit 0
