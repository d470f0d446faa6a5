#!/usr/bin/env python3
"""tests/dedup/make-originals.py - builds tests/dedup/originals.jsonl.gz,
the distinct texts the deduplication test plants copies of: the gold main
texts of the evaluation pages (Chinese from magic-article-dev,
magic-forum-dev, gne-zh-silver and
zh-laws-headings-dev, English from readability and
cleaneval-dev), at least 800 characters, cut at 4,000, with any text
sharing more than a third of its 5-shingles with an earlier one left out
so that the originals are not copies of each other; 150 per language.

    tests/dedup/make-originals.py ../shared/eval/data > tests/dedup/originals.jsonl
    gzip -9n tests/dedup/originals.jsonl
"""
import gzip, json, re, sys

def shingles(text, cjk):
    if cjk:
        s = re.sub(r"\W", "", text)
        return {s[i:i + 5] for i in range(max(1, len(s) - 4))}
    w = re.findall(r"\w+", text.lower())
    return {" ".join(w[i:i + 5]) for i in range(max(1, len(w) - 4))}

def main(data):
    sets = [("zh", "magic-article-dev"), ("zh", "magic-forum-dev"),
            ("zh", "gne-zh-silver"), ("zh", "zh-laws-headings-dev"),
            ("en", "readability"), ("en", "cleaneval-dev")]
    seen = {"zh": [], "en": []}
    for lang, name in sets:
        with gzip.open(f"{data}/{name}.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if len(seen[lang]) >= 150:
                    break
                text = (row.get("gold_text") or row.get("text") or "").strip()
                cjk = len(re.findall(r"[\u4e00-\u9fff]", text)) > len(text) * 0.3
                if (lang == "zh") != cjk or len(text) < 800:
                    continue
                text = text[:4000]
                sh = shingles(text, cjk)
                if any(len(sh & o) > len(sh) / 3 for o in seen[lang]):
                    continue
                seen[lang].append(sh)
                print(json.dumps({"id": f"{name}-{len(seen[lang])}",
                                  "lang": lang, "text": text},
                                 ensure_ascii=False))

main(sys.argv[1])
