#!/usr/bin/env python3
"""scripts/speed-doc.py - writes doc/speed.md, the one place that holds
sluice's speed and memory figures, from what `make bench` printed.

    scripts/speed-doc.py [RESULTS] [-o doc/speed.md]

RESULTS is the folder where `make bench` keeps each benchmark's output
(bench/results in the build folder, one NAME.txt per benchmark, written
by bench/logged.sh). The README and the other documents link to
doc/speed.md instead of repeating its numbers. The summary at the top
picks the figures that have a target from the benchmarks' tables and
lines; every table and line the benchmarks printed follows it.
"""
import argparse
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The benchmarks in the order `make bench` runs them: (name of the kept
# output, script, what it measures).
BENCHMARKS = [
    ("stages", "bench/bench-stages.sh",
     "each stage alone (MB per CPU second of the stage, from `--stats`), "
     "the default pipeline at -j1 and -j2 and the figures scanner alone, "
     "on generated corpora: Chinese news text (JSONL and .txt files), "
     "Chinese work reports (JSONL) and HTML pages"),
    ("throughput", "bench/bench-throughput.sh",
     "the default pipeline against `LC_ALL=C.UTF-8 wc -m` on the same "
     "file (work reports and news, JSONL), alternated rounds, medians; "
     "what each stage takes and what stays serial"),
    ("pages", "bench/bench-pages.sh",
     "html and boilerplate on the real pages of the evaluation sets "
     "(`../shared/eval/data`), -j1, three rounds, medians"),
    ("shapes", "bench/bench-shapes.sh",
     "one document of each pathological shape at two sizes (time must "
     "grow linearly) and the peak memory of three large documents"),
    ("warc", "bench/bench-warc.sh",
     "reading a generated `.warc.gz` (read and export only) against "
     "`zcat` on the same file, alternated runs, medians"),
    ("report", "bench/bench-report.sh",
     "what gathering the report's counts (`--stats`) costs"),
    ("dedup", "bench/bench-dedup.sh",
     "the dedup stage, its index's bytes per document, and "
     "`sluice-dedup join` sorted in bounded memory against in memory"),
    ("batch", "bench/run-bench.sh",
     "the default pipeline over a text and an HTML corpus at -j1 and -j2 "
     "(wall-clock MB/s, scaling) and the streaming memory check: peak RSS "
     "for a large stream against a small one"),
]


def tables_of(text):
    """The Markdown tables in text, each a list of rows, each row a dict
    from the header's cells to the row's."""
    tables, header, rows = [], None, []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if header is None:
                header = cells
            elif not all(re.fullmatch(r":?-+:?", c) for c in cells):
                rows.append(dict(zip(header, cells)))
            continue
        if header is not None:
            tables.append(rows)
        header, rows = None, []
    return tables


def cell(text, where, column):
    """The column of the first table row whose cells match where."""
    for table in tables_of(text):
        for row in table:
            if all(row.get(k) == v for k, v in where.items()) and column in row:
                return row[column]
    return None


def line_match(text, pattern, group=1):
    """Group of the first match of pattern (one line) in text."""
    m = re.search(pattern, text, re.MULTILINE)
    return m.group(group) if m else None


def after_heading(text, heading):
    """The part of text after the line "## heading" up to the next one."""
    m = re.search(r"^## " + re.escape(heading) + r".*$", text, re.MULTILINE)
    if not m:
        return ""
    rest = text[m.end():]
    end = re.search(r"^## ", rest, re.MULTILINE)
    return rest[:end.start()] if end else rest


def stage(name, stage_input="text JSONL"):
    return lambda logs: cell(logs["stages"], {"run": name,
                                              "input": stage_input},
                             "stage MB/CPU-s")


def default_run(stage_input, jobs, column):
    return lambda logs: cell(logs["stages"], {"input": stage_input,
                                              "jobs": jobs}, column)


def throughput(corpus, measure):
    return lambda logs: cell(after_heading(logs["throughput"], corpus),
                             {"measure": measure}, "value")


def pattern(log, regex, group=1):
    return lambda logs: line_match(logs[log], regex, group)


def largest_doubling(logs):
    ratios = []
    for table in tables_of(logs["shapes"]):
        for row in table:
            m = re.match(r"([0-9.]+)", row.get("ratio", ""))
            if m:
                ratios.append(float(m.group(1)))
    return f"{max(ratios):.2f}" if ratios else None


def shape_memory(document):
    def value(logs):
        rss = cell(logs["shapes"], {"document": document}, "peak RSS MiB")
        limit = cell(logs["shapes"], {"document": document}, "limit MiB")
        if not rss or not limit:
            return None
        peak, _, verdict = rss.partition(" ")
        return f"{peak} (limit {limit}: {verdict})"
    return value


# (what, unit, how to find it, target)
SUMMARY = [
    ("normalize, plain text", "MB per CPU second", stage("normalize + export"),
     ""),
    ("boilerplate, plain text", "MB per CPU second",
     stage("boilerplate + export"), "150"),
    ("sections, plain text", "MB per CPU second", stage("sections + export"),
     "150"),
    ("figures, news corpus", "MB per CPU second", stage("figures + export"),
     ""),
    ("figures, work-report corpus", "MB per CPU second",
     stage("figures + export", "reports JSONL"), "150"),
    ("figures scanner alone (`bench_figures`)", "MB/s",
     pattern("stages", r"^bench_figures: .*: ([0-9.]+) MB/s"), "150"),
    ("quality, plain text", "MB per CPU second", stage("quality + export"),
     ""),
    ("lang, plain text", "MB per CPU second", stage("lang + export"), ""),
    ("html + boilerplate, HTML", "MB per CPU second",
     pattern("stages", r"^html \+ boilerplate together: ([0-9.]+)"), "30"),
    ("html + boilerplate, real pages (evaluation sets)", "MB per CPU second",
     pattern("pages", r"^html \+ boilerplate on real pages: "
             r"([0-9.]+|not measured)"), "60"),
    ("reader + export only, text JSONL", "MB per CPU second",
     lambda logs: cell(logs["stages"], {"run": "export only",
                                        "input": "text JSONL"},
                       "run MB/CPU-s"), ""),
    ("default pipeline, text JSONL, -j1", "MB per CPU second",
     default_run("text JSONL", "1", "MB/CPU-s"), ""),
    ("default pipeline, text JSONL, -j1", "peak RSS MB",
     default_run("text JSONL", "1", "peak RSS MB"), ""),
    ("default pipeline -j1 against `wc -m`, work reports", "CPU time ratio",
     throughput("report", "-j1 / wc -m, CPU (target <= 1)"), "<= 1"),
    ("default pipeline -j1 against `wc -m`, news", "CPU time ratio",
     throughput("news", "-j1 / wc -m, CPU (target <= 1)"), "<= 1"),
    ("-j2 against -j1, work reports",
     "speed ratio (wall), median of the rounds' (their spread)",
     throughput("report", "-j2 speed / -j1 speed, wall, median of the "
                "rounds' ratios (target >= 1.8)"), ">= 1.8"),
    ("-j2 against -j1, news",
     "speed ratio (wall), median of the rounds' (their spread)",
     throughput("news", "-j2 speed / -j1 speed, wall, median of the "
                "rounds' ratios (target >= 1.8)"), ">= 1.8"),
    ("-j2 against -j1, work reports", "ratio of the medians (wall)",
     throughput("report", "-j2 speed / -j1 speed, wall, medians' ratio"),
     ""),
    ("-j2 against -j1, news", "ratio of the medians (wall)",
     throughput("news", "-j2 speed / -j1 speed, wall, medians' ratio"), ""),
    ("-j2 against -j1 with a `.gz` output, work reports",
     "speed ratio (wall)",
     throughput("report", ".gz output, -j2 speed / -j1 speed, wall"), ""),
    ("two -j1 runs side by side against one, work reports",
     "the machine's ceiling for two cores, median of the rounds'",
     throughput("report", "the ceiling, median of the rounds'"), ""),
    ("two -j1 runs side by side against one, news",
     "the machine's ceiling for two cores, median of the rounds'",
     throughput("news", "the ceiling, median of the rounds'"), ""),
    ("the same work as two -j1 processes, one half each, against -j1, "
     "work reports",
     "speed ratio (wall), median of the rounds' (their spread)",
     throughput("report", "the halves' speed / -j1 speed, wall, median of "
                "the rounds' ratios"), ""),
    ("the same work as two -j1 processes, one half each, against -j1, news",
     "speed ratio (wall), median of the rounds' (their spread)",
     throughput("news", "the halves' speed / -j1 speed, wall, median of "
                "the rounds' ratios"), ""),
    ("-j2 against the two processes on the halves, work reports",
     "speed ratio (wall), median of the rounds' (their spread)",
     throughput("report", "-j2 speed / the halves' speed, wall, median of "
                "the rounds' ratios"), ""),
    ("-j2 against the two processes on the halves, news",
     "speed ratio (wall), median of the rounds' (their spread)",
     throughput("news", "-j2 speed / the halves' speed, wall, median of "
                "the rounds' ratios"), ""),
    ("JSONL output against input, work reports", "bytes ratio",
     throughput("report", "JSONL output / input (target <= 2 on reports)"),
     "<= 2"),
    ("JSONL output against input, news", "bytes ratio",
     throughput("news", "JSONL output / input (target <= 2 on reports)"),
     ""),
    ("one document twice as large, worst shape", "CPU time ratio",
     largest_doubling, "<= 2.5"),
    ("plain-text work report (`text-report`)", "peak RSS MiB",
     shape_memory("text-report"), "6 x size + 64 MiB"),
    ("`<br>` page (`html-br`)", "peak RSS MiB", shape_memory("html-br"),
     "6 x size + 64 MiB"),
    ("one-character lines (`text-tiny`)", "peak RSS MiB",
     shape_memory("text-tiny"), "6 x size + 64 MiB"),
    ("reading a `.warc.gz` against `zcat`", "speed ratio (wall)",
     pattern("warc", r"relative to zcat .*: ([0-9.]+)"), ">= 0.8"),
    ("reading a `.warc.gz`, `zcat`'s CPU time over sluice's", "CPU time ratio",
     pattern("warc", r"^zcat's CPU time over sluice's: ([0-9.]+)"), ""),
    ("`--stats` counts, work reports", "CPU time ratio",
     pattern("report", r"^report counts, report\.jsonl .*ratio ([0-9.]+)"),
     "<= 1.02"),
    ("`--stats` counts, HTML", "CPU time ratio",
     pattern("report", r"^report counts, html .*ratio ([0-9.]+)"),
     "<= 1.02"),
    ("dedup stage, work reports", "MB per CPU second",
     pattern("dedup", r"^dedup stage, report corpus .*: ([0-9]+) MB"), "50"),
    ("dedup stage, news", "MB per CPU second",
     pattern("dedup", r"^dedup stage, text corpus .*: ([0-9]+) MB"), "50"),
    ("dedup index, synthetic signatures", "bytes per document",
     pattern("dedup", r"^dedup index: .* ([0-9]+) bytes per document"), ""),
    ("`sluice-dedup join`, sorted in bounded memory", "peak RSS MB",
     pattern("dedup", r"^join sorted +([0-9]+) MB peak RSS"), ""),
    ("`sluice-dedup join`, in memory", "peak RSS MB",
     pattern("dedup", r"^join in-memory +([0-9]+) MB peak RSS"), ""),
    ("a large stream against a small one", "peak RSS ratio",
     pattern("batch", r"^memory: .*ratio ([0-9.]+)"), "<= 1.5"),
    ("scaling, text corpus, 1 -> 2 cores", "speed ratio (wall)",
     pattern("batch", r"^scaling text 1 -> 2 cores: ([0-9.]+)x"), ""),
]

# Lines that say what a benchmark is doing, not what it measured.
NOISE = re.compile(r"^bench[-a-z]*: build|^gensig:|^gencorpus:")


def as_markdown(text):
    """A benchmark's output as Markdown: its tables as they are, "## "
    headings one level down, every other run of lines preformatted."""
    out, plain = [], []

    def flush():
        while plain and not plain[-1].strip():
            plain.pop()
        if plain:
            out.extend(["```text"] + plain + ["```", ""])
        plain.clear()

    for line in text.splitlines():
        if NOISE.search(line):
            continue
        if line.startswith("|"):
            flush()
            out.append(line)
        elif line.startswith("## "):
            flush()
            out.extend(["#" + line, ""])
        elif not line.strip():
            if out and out[-1].startswith("|"):
                out.append("")
            elif plain:
                plain.append("")
        else:
            plain.append(line.rstrip())
    flush()
    while out and not out[-1]:
        out.pop()
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", nargs="?",
                        default=os.path.join(TOP, "build", "bench",
                                             "results"))
    parser.add_argument("-o", "--output",
                        default=os.path.join(TOP, "doc", "speed.md"))
    args = parser.parse_args()

    logs, missing = {}, []
    for name, _, _ in BENCHMARKS:
        path = os.path.join(args.results, name + ".txt")
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                logs[name] = f.read()
        except OSError:
            missing.append(path)
    if missing:
        sys.exit("speed-doc: no output of " + ", ".join(missing) +
                 " (run make bench)")

    out = [
        "# sluice's speed and memory figures",
        "",
        "Written by `scripts/speed-doc.py` from what `make bench` printed",
        "(each benchmark's output is kept in `bench/results/` of the build",
        "folder). Every other document links here instead of quoting these",
        "numbers. The machine is named by the load average each benchmark",
        "prints: on a busy machine, MB per CPU second (from each thread's",
        "own CPU time) still says what the code does, while wall-clock",
        "figures and scaling need an otherwise idle machine.",
        "",
        "## Summary",
        "",
        "| what | measure | sluice | target |",
        "|---|---|---:|---|",
    ]
    unfound = []
    for what, unit, find, target in SUMMARY:
        value = find(logs)
        if value is None:
            unfound.append(what)
            continue
        out.append(f"| {what} | {unit} | {value} | {target} |")
    if unfound:
        sys.exit("speed-doc: no figure in the benchmarks' output for: " +
                 "; ".join(unfound))
    for name, script, what in BENCHMARKS:
        out.extend(["", f"## `{script}`", "", f"{what[0].upper()}{what[1:]}.",
                    ""])
        out.extend(as_markdown(logs[name]))
    with open(args.output + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    os.replace(args.output + ".tmp", args.output)
    print(f"speed-doc: wrote {args.output}")


if __name__ == "__main__":
    main()
