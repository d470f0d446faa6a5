#!/usr/bin/env python3
"""tests/quality-eval.py - precision and recall of the quality stage's
drops on the labelled set (tests/quality-set.jsonl.gz), per language.

    tests/quality-eval.py SLUICE [SET] [--min-precision P --min-recall R]
                          [--with JSON] [-v]

A drop of a bad document is a true positive; precision is the share of
drops that were bad, recall the share of bad documents dropped. Also
prints recall per kind of bad text and the rules that dropped good text.
With --min-precision/--min-recall it exits 1 when zh or en falls short
(make check runs it so). --with adds options to the quality stage.
"""
import argparse, collections, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sluice")
    ap.add_argument("set", nargs="?", default=os.path.join(HERE, "quality-set.jsonl.gz"))
    ap.add_argument("--min-precision", type=float)
    ap.add_argument("--min-recall", type=float)
    ap.add_argument("--with", dest="opts", default="{}")
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp()
    pipe = os.path.join(tmp, "p.json")
    with open(pipe, "w") as f:
        json.dump({"sluice": 1, "input": {"text_field": "text"},
                   "stages": [{"use": "quality", "with": json.loads(a.opts)},
                              {"use": "export", "with": {"format": "jsonl", "figures": False}}]}, f)
    rejects = os.path.join(tmp, "rejects.jsonl")
    subprocess.run([a.sluice, "run", "--no-progress", "-q", "-p", pipe, "--rejects", rejects,
                    "-o", os.path.join(tmp, "out.jsonl"), a.set], check=True)
    import gzip
    gold = {}
    for line in gzip.open(a.set, "rt", encoding="utf-8"):
        r = json.loads(line)
        gold[r["id"]] = r
    dropped = {}
    for line in open(rejects, encoding="utf-8"):
        r = json.loads(line)
        dropped[r["id"]] = r.get("reason")
    ok = True
    for lang in ("en", "zh"):
        rows = [r for r in gold.values() if r["lang"] == lang]
        tp = sum(1 for r in rows if r["label"] == "bad" and r["id"] in dropped)
        fp = sum(1 for r in rows if r["label"] == "good" and r["id"] in dropped)
        bad = sum(1 for r in rows if r["label"] == "bad")
        good = len(rows) - bad
        p = tp / (tp + fp) if tp + fp else 1.0
        rc = tp / bad if bad else 1.0
        print(f"{lang}: good={good} bad={bad} dropped={tp + fp} precision={p:.3f} recall={rc:.3f}")
        kinds = collections.defaultdict(lambda: [0, 0])
        for r in rows:
            if r["label"] == "bad":
                kinds[r["kind"]][0] += 1
                kinds[r["kind"]][1] += r["id"] in dropped
        print("   recall by kind: " + ", ".join(f"{k} {v[1]}/{v[0]}" for k, v in sorted(kinds.items())))
        fps = collections.Counter(dropped[r["id"]] for r in rows
                                  if r["label"] == "good" and r["id"] in dropped)
        print("   good text dropped by: " + (", ".join(f"{k} {v}" for k, v in fps.most_common()) or "none"))
        if a.v:
            for r in rows:
                if (r["label"] == "good") == (r["id"] in dropped):
                    print(f"   {'FP' if r['label'] == 'good' else 'FN'} {r['id']} {dropped.get(r['id'], '')}")
        if a.min_precision is not None and p < a.min_precision:
            ok = False
        if a.min_recall is not None and rc < a.min_recall:
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
