# `sluice default` prints a pipeline file that sluice itself accepts.
cp "$1" "$CASE_TMP/default.json" || exit 1
"$SLUICE" check "$CASE_TMP/default.json" || exit 1
grep -q '"sluice": *1' "$1" || { echo "no \"sluice\": 1"; exit 1; }
grep -q '"use": *"export"' "$1" || { echo "no export stage"; exit 1; }
