# Eight worker threads write exactly what one does.
"$SLUICE" run --no-progress -j 1 -p pipeline.json input.jsonl >"$CASE_TMP/one" || exit 1
[ "$(grep -c . "$1")" = 200 ] || { echo "expected 200 records"; exit 1; }
cmp "$1" "$CASE_TMP/one" || { echo "-j 8 and -j 1 differ"; exit 1; }
