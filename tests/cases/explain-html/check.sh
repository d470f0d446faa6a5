# The site chrome is shown as removed ([-] reason score), the article kept.
grep -q '\[-\] .*Copyright © 2024 City News' "$1" || { echo "footer not marked removed"; exit 1; }
grep -q '\[-\] .*Related articles' "$1" || { echo "related list not marked removed"; exit 1; }
if grep -q '\[-\] .*The harbour bridge reopened' "$1"; then echo "article text removed"; exit 1; fi
