#!/bin/sh
# scripts/demo.sh - builds sluice and runs the built-in pipeline on the
# bundled samples, printing the JSONL.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/build.sh" "$top/build"
echo "== sluice run samples/zh-template-page.txt (built-in pipeline)" >&2
"$top/build/sluice" run "$top/samples/zh-template-page.txt"
echo "== sluice run samples/en-article.html (built-in pipeline)" >&2
"$top/build/sluice" run "$top/samples/en-article.html"
