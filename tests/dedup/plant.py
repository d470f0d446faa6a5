#!/usr/bin/env python3
"""tests/dedup/plant.py - makes a corpus with planted copies from the
distinct texts in originals.jsonl.gz, deterministically (fixed seed).

Each original is written once; for 60% of them a copy is written later in
the stream, changed in one of the ways copies on the web differ:
  edit      up to 1% of the characters replaced
  header    a site header line added before the text
  footer    a footer (share, copyright, related) added after it
  reorder   two paragraphs swapped
  punct     punctuation switched between full- and half-width forms
  mixed     punct, a header and edits of up to 0.5% together
Every record carries "truth": "original" or "copy:<kind>:<id of original>".

    plant.py originals.jsonl.gz > corpus.jsonl
"""
import gzip, json, random, sys

HALF_FULL = {",": "，", ".": "。", "!": "！", "?": "？", ":": "：", ";": "；",
             "(": "（", ")": "）"}
FULL_HALF = {v: k for k, v in HALF_FULL.items()}
ZH_FILL = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府"
EN_FILL = "abcdefghijklmnopqrstuvwxyz"
HEADERS = {"zh": ["转载自新华网 2024年3月5日 来源：人民日报 责任编辑：王明",
                  "首页 > 新闻中心 > 国内新闻 > 正文 发布时间：2023-11-02 08:30"],
           "en": ["Reposted from The Daily Wire, March 5, 2024. Editor: John Smith",
                  "Home > News > World > Article. Published 2 November 2023"]}
FOOTERS = {"zh": ["分享到：微信 微博 QQ空间 版权所有 未经授权禁止转载 相关阅读：更多精彩内容请关注我们",
                  "（本文来源：中国新闻网 作者：李华 编辑：张伟）点击查看更多新闻"],
           "en": ["Share this article on Facebook and Twitter. Copyright 2024, all rights reserved. Related: more stories",
                  "This article was originally published by Reuters. Read more news on our site."]}

def edit(text, share, rng, lang):
    chars = list(text)
    letters = [i for i, c in enumerate(chars) if c.isalnum()]
    n = max(1, int(len(chars) * share * rng.random()))
    fill = ZH_FILL if lang == "zh" else EN_FILL
    for i in rng.sample(letters, min(n, len(letters))):
        chars[i] = rng.choice(fill)
    return "".join(chars)

def punct(text):
    return "".join(FULL_HALF.get(c) or HALF_FULL.get(c) or c for c in text)

def reorder(text, rng):
    paras = text.split("\n")
    if len(paras) < 2:
        return text
    i, j = rng.sample(range(len(paras)), 2)
    paras[i], paras[j] = paras[j], paras[i]
    return "\n".join(paras)

def copy_of(row, rng):
    kind = rng.choice(["edit", "header", "footer", "reorder", "punct", "mixed"])
    t, lang = row["text"], row["lang"]
    if kind == "edit":
        t = edit(t, 0.01, rng, lang)
    elif kind == "header":
        t = rng.choice(HEADERS[lang]) + "\n" + t
    elif kind == "footer":
        t = t + "\n" + rng.choice(FOOTERS[lang])
    elif kind == "reorder":
        t = reorder(t, rng)
    elif kind == "punct":
        t = punct(t)
    else:
        t = rng.choice(HEADERS[lang]) + "\n" + edit(punct(t), 0.005, rng, lang)
    return kind, t

def main(path):
    rng = random.Random(20261205)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    out, pending = [], []
    for row in rows:
        out.append({"id": row["id"], "lang": row["lang"], "text": row["text"],
                    "truth": "original"})
        if rng.random() < 0.6:
            kind, text = copy_of(row, rng)
            pending.append({"id": row["id"] + "-copy", "lang": row["lang"],
                            "text": text,
                            "truth": "copy:%s:%s" % (kind, row["id"])})
        # copies come some documents after their original
        while pending and rng.random() < 0.5:
            out.append(pending.pop(0))
    out.extend(pending)
    for r in out:
        print(json.dumps(r, ensure_ascii=False))

main(sys.argv[1])
