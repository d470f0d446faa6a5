# A forum post in English with a fifth of HTML class names: CLD2 names
# the non-English runner-up (Norwegian, 19% of the text) over English
# (80%), as it does for a page in another language whose navigation is
# English. The score is the share of the language named, not 0.
python3 - "$1" << 'PY' || exit 1
import json, sys
d = json.loads(open(sys.argv[1]).read())
meta = d["metadata"]
assert meta["lang"] == "no" and 0.1 < meta["lang_score"] < 0.3, meta
PY
