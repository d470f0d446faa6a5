#!/usr/bin/env python3
"""tests/make-quality-set.py - builds the labelled test set of the quality
stage (tests/quality-set.jsonl.gz) from the development pages.

    tests/make-quality-set.py DATA_DIR OUT.jsonl.gz SLUICE

Good documents are the pages' gold main texts. Bad ones are made from the
same pages: the text the gold left out (boilerplate), the page's link
texts one per line (link lists), a keyword-stuffed text (the title's words
repeated), the gold text's lines repeated, tables of numbers, the gold
text as mojibake (UTF-8 read as Latin-1 / GBK read as UTF-8 style), and
the page's scripts (code dumps). Each row: id, lang (zh or en), label
(good or bad), kind, text. Only zh and en pages are used: the gold text
must be mostly Han (zh) or Latin letters (en), and the lang stage of
SLUICE must agree (the development sets label some Japanese pages zh and
put every language but Chinese under "other"; Lorem ipsum is Latin);
texts under 40 characters are left out (nothing to judge).
Deterministic: the same data gives the same file.
"""
import gzip, html.parser, json, os, random, re, subprocess, sys, tempfile

SETS = ["readability", "cleaneval-dev", "cleanportaleval", "gne-zh-silver",
        "webmainbench-sample", "magic-article-dev", "magic-forum-dev"]


class Page(html.parser.HTMLParser):
    """Text lines, link texts and script bodies of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.links, self.scripts = [], [], []
        self.cur, self.link, self.skip, self.in_a = [], [], 0, False

    def flush(self):
        t = re.sub(r"\s+", " ", "".join(self.cur)).strip()
        if t:
            self.lines.append(t)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "a":
            self.in_a, self.link = True, []
        if tag in ("p", "div", "li", "br", "tr", "h1", "h2", "h3", "h4", "td", "a"):
            self.flush()

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag == "a" and self.in_a:
            t = re.sub(r"\s+", " ", "".join(self.link)).strip()
            if t:
                self.links.append(t)
            self.in_a = False
        if tag in ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "td", "a"):
            self.flush()

    def handle_data(self, data):
        if self.skip:
            if self.lasttag == "script" and len(data.strip()) > 80:
                self.scripts.append(data.strip())
            return
        self.cur.append(data)
        if self.in_a:
            self.link.append(data)


def language(row, text):
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return None
    han = sum(1 for c in chars if "\u4e00" <= c <= "\u9fff")
    if han / len(chars) > 0.3:
        return "zh"
    latin = sum(1 for c in chars if c.isascii() and c.isalpha())
    if row.get("lang") in ("en", "other", None) and latin / len(chars) > 0.6:
        return "en"
    return None


def mojibake(text, lang):
    if lang == "zh":
        return text.encode("gbk", "ignore").decode("latin-1")
    return text.encode("utf-8").decode("latin-1")


def detected_languages(sluice, texts):
    """The lang stage's language of each text ({id: tag}), with no hint."""
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "gold.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for rid, text in texts.items():
                f.write(json.dumps({"id": rid, "text": text}, ensure_ascii=False) + "\n")
        pipe = os.path.join(tmp, "lang.json")
        with open(pipe, "w") as f:
            json.dump({"sluice": 1, "stages": [
                {"use": "lang"},
                {"use": "export", "with": {"format": "jsonl", "figures": False}}]}, f)
        out = subprocess.run([sluice, "run", "--no-progress", "-q", "-p", pipe, inp],
                             check=True, stdout=subprocess.PIPE, text=True).stdout
    return {d["id"]: d["metadata"]["lang"] for d in map(json.loads, out.splitlines())}


def rows_of(name, row, rnd, detected):
    gold = (row.get("gold_text") or "").strip()
    lang = language(row, gold)
    if not lang or len(gold) < 40:
        return
    rid = f"{name}/{row['id']}"
    if detected.get(rid, "").split("-")[0] != lang:
        return
    yield rid, lang, "good", "gold", gold
    page = Page()
    try:
        page.feed(row.get("html") or "")
        page.close()
    except Exception:  # broken markup: only the gold text is used
        return
    page.flush()
    gold_lines = set(l.strip() for l in gold.splitlines())
    removed = [l for l in page.lines if l not in gold_lines and l not in gold]
    if removed:
        yield rid + "#boilerplate", lang, "bad", "boilerplate", "\n".join(removed)[:8000]
    if len(page.links) >= 5:
        yield rid + "#links", lang, "bad", "links", "\n".join(page.links)
    title = row.get("title") or (gold.splitlines() or [""])[0]
    words = title.split() if lang == "en" else re.findall(r"[\u4e00-\u9fff]{2,4}", title)
    if words:
        stuffed = [", ".join(rnd.choice(words) for _ in range(12)) for _ in range(15)]
        yield rid + "#stuffed", lang, "bad", "keyword-stuffed", "\n".join(stuffed)
    lines = [l for l in gold.splitlines() if l.strip()][:3]
    yield rid + "#repeated", lang, "bad", "repeated", "\n".join(lines * 10)
    table = "\n".join("\t".join(f"{rnd.uniform(0, 10000):.2f}" for _ in range(6))
                      for _ in range(30))
    yield rid + "#numbers", lang, "bad", "numbers", table
    garbled = mojibake(gold, lang)
    changed = sum(1 for c in garbled if not c.isascii())
    if changed > 0.05 * len(garbled):  # mostly-ASCII text hardly changes
        yield rid + "#mojibake", lang, "bad", "mojibake", garbled[:8000]
    if page.scripts:
        yield rid + "#code", lang, "bad", "code", "\n".join(page.scripts)[:4000]


def main():
    data, out, sluice = sys.argv[1], sys.argv[2], sys.argv[3]
    pages = []
    for name in SETS:
        path = os.path.join(data, name + ".jsonl.gz")
        pages += [(name, json.loads(line)) for line in gzip.open(path, "rt", encoding="utf-8")]
    detected = detected_languages(sluice, {
        f"{name}/{row['id']}": (row.get("gold_text") or "").strip()
        for name, row in pages if language(row, (row.get("gold_text") or "").strip())})
    rnd = random.Random(16)
    n = 0
    with gzip.GzipFile(out, "wb", mtime=0) as raw:
        for name, row in pages:
            for rid, lang, label, kind, text in rows_of(name, row, rnd, detected):
                if len(text.strip()) < 40:
                    continue
                rec = {"id": rid, "lang": lang, "label": label, "kind": kind, "text": text}
                raw.write((json.dumps(rec, ensure_ascii=False) + "\n").encode())
                n += 1
    print(f"{out}: {n} documents", file=sys.stderr)


if __name__ == "__main__":
    main()
