#!/bin/sh
# bench/logged.sh - runs one benchmark of `make bench`, shows what it
# prints and keeps a copy in RESULTS/NAME.txt, which scripts/speed-doc.py
# reads to write doc/speed.md. Exits as the benchmark does.
#
#   bench/logged.sh RESULTS NAME COMMAND...
set -u
results=$1
name=$2
shift 2
mkdir -p "$results" || exit 1
{
    "$@"
    echo $? > "$results/$name.status"
} 2>&1 | tee "$results/$name.txt.tmp"
mv "$results/$name.txt.tmp" "$results/$name.txt"
exit "$(cat "$results/$name.status")"
