#!/usr/bin/env python3
"""scripts/scores-doc.py - writes doc/scores.md, the one place that holds
sluice's quality figures, from what scripts/eval.sh prints.

    scripts/scores-doc.py [SHARED] [SLUICE] [-o doc/scores.md]

The README and the other documents link to doc/scores.md instead of
repeating its numbers, so a figure is never quoted twice and never goes
stale in one place while it is right in another. The targets and the
peers' figures are written here, next to the measure they go with.
"""
import argparse
import os
import re
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (section, row name, pattern in eval.sh's output, value group names,
#  measure, target, peers)
ROWS = [
    ("boilerplate", "Chinese template-site sample",
     r"^lines: .*content_recall=(?P<recall>[0-9.]+) .* f1=(?P<f1>[0-9.]+)$",
     "`lines` F1 (content recall)", "{f1} ({recall})", "0.95 (0.98)", ""),
    ("boilerplate", "readability (130 pages, mostly English)",
     r"^readability aeb: .* f1=(?P<f1>[0-9.]+)$",
     "`aeb` F1", "{f1}", "0.955", "readability-lxml 0.895"),
    ("boilerplate", "cleaneval-dev (57 English pages)",
     r"^cleaneval-dev aeb: .* f1=(?P<f1>[0-9.]+)$",
     "`aeb` F1", "{f1}", "0.89", "readability-lxml 0.857"),
    ("boilerplate", "cleanportaleval (69 English pages)",
     r"^cleanportaleval aeb: .* f1=(?P<f1>[0-9.]+)$",
     "`aeb` F1", "{f1}", "0.89", "readability-lxml 0.863"),
    ("boilerplate", "gne-zh-silver (20 Chinese news pages)",
     r"^gne-zh-silver cjk: .* f1=(?P<f1>[0-9.]+)$",
     "`cjk` F1", "{f1}", "0.97",
     "readability-lxml 0.984, Readability.js 0.961"),
    ("boilerplate", "magic-article-dev (87 article pages, 28 Chinese)",
     r"^magic-article-dev cjk: .* f1=(?P<f1>[0-9.]+)$",
     "`cjk` F1", "{f1}", "0.93", "readability-lxml 0.798"),
    ("boilerplate", "magic-forum-dev (55 forum, comment and Q&A pages)",
     r"^magic-forum-dev cjk: .* f1=(?P<f1>[0-9.]+)$",
     "`cjk` F1", "{f1}", "0.85", ""),
    ("boilerplate", "webmainbench-sample (5 pages)",
     r"^webmainbench-sample aeb: .* f1=(?P<f1>[0-9.]+)$",
     "`aeb` F1", "{f1}", "", ""),
    ("boilerplate", "readability, class and id names hashed",
     r"^readability hashed aeb: .* f1=(?P<f1>[0-9.]+)$",
     "`aeb` F1", "{f1}", "", ""),
    ("boilerplate", "gne-zh-silver, class and id names hashed",
     r"^gne-zh-silver hashed cjk: .* f1=(?P<f1>[0-9.]+)$",
     "`cjk` F1", "{f1}", "", ""),
    ("boilerplate", "magic-article-dev, class and id names hashed",
     r"^magic-article-dev hashed cjk: .* f1=(?P<f1>[0-9.]+)$",
     "`cjk` F1", "{f1}", "", ""),
    ("boilerplate", "magic-forum-dev, class and id names hashed",
     r"^magic-forum-dev hashed cjk: .* f1=(?P<f1>[0-9.]+)$",
     "`cjk` F1", "{f1}", "", ""),
    ("boilerplate", "readability, names hashed and semantic tags as div",
     r"^readability plain-tags aeb: .* f1=(?P<f1>[0-9.]+)$",
     "`aeb` F1", "{f1}", "", ""),
    ("boilerplate", "cleaneval-dev, names hashed and semantic tags as div",
     r"^cleaneval-dev plain-tags aeb: .* f1=(?P<f1>[0-9.]+)$",
     "`aeb` F1", "{f1}", "", ""),
    ("boilerplate", "cleanportaleval, names hashed and semantic tags as div",
     r"^cleanportaleval plain-tags aeb: .* f1=(?P<f1>[0-9.]+)$",
     "`aeb` F1", "{f1}", "", ""),
    ("boilerplate", "gne-zh-silver, names hashed and semantic tags as div",
     r"^gne-zh-silver plain-tags cjk: .* f1=(?P<f1>[0-9.]+)$",
     "`cjk` F1", "{f1}", "", ""),
    ("boilerplate", "webmainbench-sample, names hashed and semantic tags as div",
     r"^webmainbench-sample plain-tags aeb: .* f1=(?P<f1>[0-9.]+)$",
     "`aeb` F1", "{f1}", "", ""),
    ("boilerplate", "magic-article-dev, names hashed and semantic tags as div",
     r"^magic-article-dev plain-tags cjk: .* f1=(?P<f1>[0-9.]+)$",
     "`cjk` F1", "{f1}", "", ""),
    ("boilerplate", "magic-forum-dev, names hashed and semantic tags as div",
     r"^magic-forum-dev plain-tags cjk: .* f1=(?P<f1>[0-9.]+)$",
     "`cjk` F1", "{f1}", "", ""),
    ("sections", "Chinese sample, levels up to 2",
     r"^levels<=2: .* f1=(?P<f1>[0-9.]+) level_accuracy=(?P<lev>[0-9.]+)$",
     "`sections` F1 (level accuracy)", "{f1} ({lev})", "0.95", ""),
    ("sections", "Chinese sample, levels up to 3",
     r"^levels<=3: .* f1=(?P<f1>[0-9.]+) level_accuracy=(?P<lev>[0-9.]+)$",
     "`sections` F1 (level accuracy)", "{f1} ({lev})", "0.85", ""),
    ("sections", "zh-laws-headings-dev (440 regulations)",
     r"^zh-laws-headings-dev: .* f1=(?P<f1>[0-9.]+) "
     r"level_accuracy=(?P<levels>[0-9.]+)$",
     "`headings` F1 (level accuracy)", "{f1} ({levels})", "0.80", ""),
    ("sections", "commonmark-headings (213 snippets)",
     r"^commonmark-headings: .* f1=(?P<f1>[0-9.]+) "
     r"level_accuracy=(?P<levels>[0-9.]+)$",
     "`headings` F1 (level accuracy)", "{f1} ({levels})", "0.90", ""),
    ("figures", "Chinese sample",
     r"^figures: .* f1=(?P<f1>[0-9.]+) kind_accuracy=(?P<kind>[0-9.]+)$",
     "`figures` F1 (kind accuracy)", "{f1} ({kind})", "0.99 (0.99)", ""),
    ("figures", "recognizers-dev, Chinese cases",
     r"^zh: .* f1=(?P<f1>[0-9.]+)$",
     "`recognizers` F1", "{f1}", "0.92", ""),
    ("figures", "recognizers-dev, all cases",
     r"^all: .* f1=(?P<f1>[0-9.]+)$",
     "`recognizers` F1", "{f1}", "0.85", ""),
    ("metadata", "gne-zh-silver (20 Chinese news pages), author",
     r"^author: .* accuracy=(?P<acc>[0-9.]+)$",
     "`metadata` accuracy", "{acc}", "0.85", ""),
    ("metadata", "gne-zh-silver (20 Chinese news pages), date",
     r"^date: .* accuracy=(?P<acc>[0-9.]+)$",
     "`metadata` accuracy", "{acc}", "0.90", ""),
    ("metadata", "readability (98 pages), input `lang` removed",
     r"^lang: .* accuracy=(?P<acc>[0-9.]+)$",
     "`lang` accuracy", "{acc}", "0.97", ""),
    ("lang", "readability (98 pages), input `lang` removed, lang stage after html",
     r"^lang stage: .* accuracy=(?P<acc>[0-9.]+)$",
     "`lang` accuracy", "{acc}", "0.97", ""),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?",
                        default=os.path.join(TOP, "..", "shared"))
    parser.add_argument("sluice", nargs="?",
                        default=os.path.join(TOP, "build", "sluice"))
    parser.add_argument("-o", "--output",
                        default=os.path.join(TOP, "doc", "scores.md"))
    args = parser.parse_args()

    run = subprocess.run([os.path.join(TOP, "scripts", "eval.sh"),
                          args.shared, args.sluice],
                         stdout=subprocess.PIPE, text=True, check=True)
    lines = run.stdout.splitlines()

    out = [
        "# sluice's quality figures",
        "",
        "Written by `scripts/scores-doc.py` from what `scripts/eval.sh`",
        "prints: the evaluation scorer on the development data (see the",
        "README's *Quality* section for the commands). Every other document",
        "links here instead of quoting these numbers. A target is what the",
        "project holds itself to; a peer's figure is that tool's output",
        "scored the same way on the same pages.",
        "",
        "| what | set | measure | sluice | target | peers |",
        "|---|---|---|---|---|---|",
    ]
    missing = []
    for section, name, pattern, measure, shape, target, peers in ROWS:
        found = None
        for line in lines:
            m = re.search(pattern, line)
            if m:
                found = m
                break
        if not found:
            missing.append(name)
            continue
        value = shape.format(**found.groupdict())
        out.append(f"| {section} | {name} | {measure} | {value} | "
                   f"{target} | {peers} |")
    if missing:
        sys.exit("scores-doc: no figure in eval.sh's output for: " +
                 ", ".join(missing))
    with open(args.output + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    os.replace(args.output + ".tmp", args.output)
    print(f"scores-doc: wrote {args.output}")


if __name__ == "__main__":
    main()
