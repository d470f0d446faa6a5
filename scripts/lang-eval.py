#!/usr/bin/env python3
"""scripts/lang-eval.py - measures the lang stage on text that is not in
the development data: the translations (.mo catalogues) and translated
manual pages this Debian machine ships, in as many languages as it has.

    scripts/lang-eval.py SLUICE [--per-language N] [--keep FILE] [-v]

Each document is about 600 bytes of one catalogue's translated strings,
or of one manual page's text with the roff markup stripped; its gold
language is the folder it came from (zh_CN is zh, zh_TW and zh_HK are
zh-Hant); sentences a manual page shares with the English page of the
same name are left out, as untranslated. Prints accuracy on the primary subtag overall and per language,
and how often zh and zh-Hant are told apart. --keep writes the set as
JSONL. Needs msgunfmt (gettext) for the catalogues.
"""
import argparse, collections, glob, gzip, json, os, re, subprocess, sys, tempfile

DOC_BYTES = 600


def gold_tag(folder):
    base = folder.split("@")[0]
    if base in ("zh_TW", "zh_HK"):
        return "zh-Hant"
    if base in ("nb", "nn"):
        return "no"  # CLD2 names Norwegian by its macrolanguage
    return base.split("_")[0]


PO_ESCAPE = re.compile(r"\\(.)")


def po_unquote(quoted):
    """The text of one "..." line of a PO file (C escapes: \\n is a space)."""
    body = quoted.strip()[1:-1]
    return PO_ESCAPE.sub(lambda m: " " if m.group(1) in "nt" else m.group(1), body)


def catalogue_strings(path):
    """Translated strings of a .mo catalogue, without those left as the
    English original."""
    try:
        po = subprocess.run(["msgunfmt", path], capture_output=True,
                            text=True, errors="replace", timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    out, field, parts = [], None, {"msgid": [], "msgstr": []}

    def close():
        src, dst = "".join(parts["msgid"]), "".join(parts["msgstr"])
        if src and dst and dst != src:  # the header has an empty msgid
            out.append(dst)
        parts["msgid"], parts["msgstr"] = [], []

    for line in po.splitlines():
        key = line.split(" ", 1)[0]
        if key in ("msgid", "msgstr"):
            if key == "msgid":
                close()
            field = key
            parts[key].append(po_unquote(line.split(" ", 1)[1]))
        elif line.startswith('"') and field:
            parts[field].append(po_unquote(line))
        else:
            field = None
    close()
    return out


ROFF_ESCAPE = re.compile(r"\\(f[BIRP]|f\(..|\(..|\*.|[-&e|^ 0])")


def man_text(path):
    try:
        raw = gzip.open(path, "rt", errors="replace").read()
    except OSError:
        return ""
    lines = []
    for line in raw.splitlines():
        if line.startswith((".", "'", '\\"')):
            continue
        lines.append(ROFF_ESCAPE.sub(" ", line))
    return re.sub(r"\s+", " ", " ".join(lines)).strip()


def translated_part(text, page):
    """The page's text less the sentences it shares with the English page
    of the same name (translations often leave passages untranslated)."""
    section = os.path.basename(os.path.dirname(page))
    original = os.path.join("/usr/share/man", section, os.path.basename(page))
    english = set(re.split(r"(?<=[.:]) ", man_text(original)))
    return " ".join(s for s in re.split(r"(?<=[.:]) ", text) if s not in english)


def cut(text):
    b = text.encode()[:DOC_BYTES]
    return b.decode(errors="ignore")


def documents(per_language):
    docs = collections.defaultdict(list)
    for folder in sorted(os.listdir("/usr/share/locale")):
        tag = gold_tag(folder)
        if tag in ("en", "C") or len(tag) > 3:
            continue
        for mo in sorted(glob.glob(f"/usr/share/locale/{folder}/LC_MESSAGES/*.mo")):
            if os.path.basename(mo).startswith("iso_"):
                continue  # names of countries and languages, not prose
            if len(docs[tag]) >= per_language:
                break
            strings = [s for s in catalogue_strings(mo) if len(s) > 20]
            text = " ".join(strings)
            if len(text.encode()) >= DOC_BYTES // 2:
                docs[tag].append((f"mo:{folder}/{os.path.basename(mo)}", cut(text)))
    for folder in sorted(os.listdir("/usr/share/man")):
        if folder.startswith("man"):
            continue
        tag = gold_tag(folder)
        for page in sorted(glob.glob(f"/usr/share/man/{folder}/man*/*.gz")):
            if sum(1 for d in docs[tag] if d[0].startswith("man:")) >= per_language:
                break
            text = translated_part(man_text(page), page)
            if len(text.encode()) >= DOC_BYTES:
                docs[tag].append((f"man:{folder}/{os.path.basename(page)}", cut(text[len(text) // 3:])))
    return docs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sluice")
    ap.add_argument("--per-language", type=int, default=8)
    ap.add_argument("--keep")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    docs = documents(args.per_language)
    tmp = tempfile.mkdtemp()
    inp = os.path.join(tmp, "in.jsonl")
    gold = {}
    with open(inp, "w") as f:
        for tag, items in docs.items():
            for i, (src, text) in enumerate(items):
                did = f"{tag}/{i}/{src}"
                gold[did] = tag
                f.write(json.dumps({"id": did, "text": text, "lang": tag},
                                   ensure_ascii=False) + "\n")
    if args.keep:
        with open(args.keep, "w") as out, open(inp) as src:
            out.write(src.read())
    pipe = os.path.join(tmp, "p.json")
    with open(pipe, "w") as f:
        # input lang fields are left out: the stage must find the language
        # from the text alone
        json.dump({"sluice": 1, "input": {"text_field": "text"},
                   "stages": [{"use": "lang"},
                              {"use": "export", "with": {"format": "jsonl", "figures": False}}]}, f)
    rows = os.path.join(tmp, "rows.jsonl")
    with open(inp) as src, open(rows, "w") as dst:
        for line in src:
            r = json.loads(line)
            r.pop("lang")
            dst.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = subprocess.run([args.sluice, "run", "--no-progress", "-p", pipe, rows],
                         capture_output=True, text=True, check=True).stdout
    per = collections.defaultdict(lambda: [0, 0])
    zh_total = zh_exact = 0
    for line in out.splitlines():
        r = json.loads(line)
        want = gold[r["id"]]
        got = (r.get("metadata") or {}).get("lang", "")
        ok = got.split("-")[0] == want.split("-")[0]
        per[want][0] += 1
        per[want][1] += ok
        if want.startswith("zh") and ok:
            zh_total += 1
            zh_exact += got == want
        if args.v and not ok:
            print(f"  miss {r['id']}: got {got}")
    n = sum(v[0] for v in per.values())
    c = sum(v[1] for v in per.values())
    for tag in sorted(per):
        t, k = per[tag]
        print(f"{tag:8s} {k}/{t}")
    print(f"languages={len(per)} documents={n} correct={c} accuracy={c / max(n, 1):.3f}")
    named = {t: v for t, v in per.items() if v[1] > 0}
    n2 = sum(v[0] for v in named.values())
    c2 = sum(v[1] for v in named.values())
    print(f"on the {len(named)} languages named right at least once "
          f"(the others are outside CLD2's table): documents={n2} "
          f"accuracy={c2 / max(n2, 1):.3f}")
    print(f"zh vs zh-Hant told apart: {zh_exact}/{zh_total}")


if __name__ == "__main__":
    sys.exit(main())
