#!/bin/sh
# tests/quality-set.sh - the quality stage's published defaults on the
# labelled set built from the development pages (tests/quality-set.jsonl.gz,
# made by tests/make-quality-set.py): precision of drops at least 0.95 and
# recall at least 0.90, for Chinese and for English.
top=${abs_top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
exec python3 "$top/tests/quality-eval.py" "$SLUICE" "$top/tests/quality-set.jsonl.gz" \
    --min-precision 0.95 --min-recall 0.90
