#!/usr/bin/env python3
"""scripts/metadata-check.py - scores sluice's page metadata (author and
publication day) against tests/data/metadata-handchecked.jsonl, a truth
file written by reading each page (see tests/data/README.md).

    scripts/metadata-check.py TRUTH PRED.jsonl [PRED.jsonl...] [-v]

PRED files are sluice's JSONL output over the development sets the truth
rows name. Each truth row lists the acceptable authors and days; an empty
string in a list means "no value" is also right, an empty list means the
page shows none, so any value is wrong. Authors match after NFKC, case and
space folding when one contains the other, as score.py's metadata command.
Prints per-field accuracy and, with -v, every miss."""
import json
import re
import sys
import unicodedata


def norm_author(s):
    s = unicodedata.normalize("NFKC", str(s or "")).strip()
    return re.sub(r"\s+", "", s).lower()


def day_of(s):
    nums = re.findall(r"\d+", unicodedata.normalize("NFKC", str(s or "")))
    if len(nums) < 3 or len(nums[0]) != 4:
        return ""
    return "%04d-%02d-%02d" % tuple(int(x) for x in nums[:3])


def author_ok(accepted, got):
    got = norm_author(got)
    if not got:
        return not accepted or "" in accepted
    for want in map(norm_author, accepted):
        if want and (want in got or got in want):
            return True
    return False


def date_ok(accepted, got):
    got = day_of(got)
    if not got:
        return not accepted or "" in accepted
    return got in accepted


def main(argv):
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    if len(args) < 2:
        sys.exit(__doc__)
    pred = {}
    for path in args[1:]:
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                pred[row["id"]] = row.get("metadata") or {}
    stats = {}
    with open(args[0], encoding="utf-8") as f:
        truth = [json.loads(line) for line in f if line.strip()]
    for t in truth:
        meta = pred.get(t["id"])
        if meta is None:
            sys.exit("%s: no output for %s (%s)" % (args[0], t["id"], t["url"]))
        for field, ok in (("author", author_ok(t["author"], meta.get("author"))),
                          ("date", date_ok(t["date"], meta.get("published")))):
            for key in (field, "%s %s" % (t["set"], field)):
                s = stats.setdefault(key, [0, 0])
                s[0] += ok
                s[1] += 1
            if verbose and not ok:
                got = meta.get("author") if field == "author" else meta.get("published")
                want = t["author"] if field == "author" else t["date"]
                print("  %-6s %s %s want %s got %r" % (field, t["id"][:8], t["url"][:60],
                                                      want, got))
    for key in sorted(stats, key=lambda k: (" " in k, k)):
        ok, n = stats[key]
        print("%s: documents=%d correct=%d accuracy=%.3f" % (key, n, ok, ok / n))


if __name__ == "__main__":
    main(sys.argv[1:])
