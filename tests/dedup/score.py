#!/usr/bin/env python3
"""tests/dedup/score.py - precision and recall of deduplication on a
planted corpus: CORPUS is plant.py's output, REJECTS the --rejects file
of a run over it. A planted copy should be dropped, an original kept.
Prints one line per language and exits 1 when a language falls below
MIN_PRECISION / MIN_RECALL.

    score.py CORPUS REJECTS [MIN_PRECISION MIN_RECALL]
"""
import json, sys

def main(corpus, rejects, min_p=0.0, min_r=0.0):
    truth, lang = {}, {}
    for line in open(corpus, encoding="utf-8"):
        r = json.loads(line)
        truth[r["id"]] = r["truth"]
        lang[r["id"]] = r["lang"]
    dropped = set()
    for line in open(rejects, encoding="utf-8"):
        r = json.loads(line)
        if r.get("reason", "").startswith("duplicate."):
            dropped.add(r["id"])
    ok = True
    for l in sorted(set(lang.values())):
        copies = {i for i in truth if lang[i] == l and truth[i] != "original"}
        mine = {i for i in dropped if lang.get(i) == l}
        tp = len(copies & mine)
        p = tp / len(mine) if mine else 1.0
        r = tp / len(copies) if copies else 1.0
        missed = {}
        for i in copies - mine:
            kind = truth[i].split(":")[1]
            missed[kind] = missed.get(kind, 0) + 1
        print(f"{l}: copies={len(copies)} dropped={len(mine)} "
              f"precision={p:.3f} recall={r:.3f} missed={missed}")
        ok = ok and p >= min_p and r >= min_r
    return 0 if ok else 1

args = sys.argv[1:]
sys.exit(main(args[0], args[1], *(float(a) for a in args[2:4])))
