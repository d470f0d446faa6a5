# on_error skip counts the failure but writes nothing to the quarantine.
[ -f "$CASE_TMP/q.jsonl" ] && [ -s "$CASE_TMP/q.jsonl" ] && { echo "quarantine written"; exit 1; }
exit 0
