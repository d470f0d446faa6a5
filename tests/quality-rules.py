#!/usr/bin/env python3
"""tests/quality-rules.py - each rule of the quality stage, alone
(rules_only), on a document that trips it and one that does not: the
first must be dropped with the rule's name as its reason in --rejects
and counted under dropped.RULE in --stats, the second kept. C4's line
rules (terminal punctuation, javascript) decide which lines count as
sentences for c4_min_sentences, and are checked through it. make check
runs it with SLUICE set.
"""
import json, os, subprocess, sys, tempfile

EN = ("The committee met on Tuesday to review the budget for the coming "
      "year. Members agreed that the library should have longer opening "
      "hours, and that the park needs new lights. The mayor said the plan "
      "was fair to every part of the town. A vote on the final text will "
      "take place next month, after a public hearing. Residents can send "
      "their comments by letter or by email to the town hall. The minutes "
      "of the meeting are posted with the agenda for the next session.")
ZH = ("市政府昨天召开会议，讨论了明年的预算安排。与会代表一致认为，图书馆应当延长开放时间，"
      "公园也需要更换新的照明设施。市长表示，这个方案对城市的每一个区域都是公平的。\n"
      "最终文本将在下个月举行公开听证会之后进行表决。市民可以通过信件或者电子邮件向市政府提出意见，"
      "会议纪要已经和下一次会议的议程一起公布在网站上，欢迎大家查阅并提出宝贵的建议和意见。\n"
      "据了解，今年的预算重点将放在教育、交通和环境保护三个方面，其中教育投入比去年增加了百分之十二。"
      "有关部门表示，将继续听取各方面的意见，确保资金用在最需要的地方，让更多的居民从中受益。")

def lines(n, text):
    return "\n".join([text] * n)

# Six sentences, one a line, each long enough for C4 (three words or more).
C4_LINES = ["The committee met on Tuesday to review the budget.",
            "Members agreed that the library should open longer.",
            "The park needs new lights before the winter comes.",
            "The mayor said the plan was fair to every district.",
            "A vote on the final text will take place next month.",
            "Residents can send their comments to the town hall."]

# rule -> (lang, document that trips it, document that passes)
CASES = {
    "gopher_min_words": ("en", "Too short to be a page.", EN),
    "gopher_max_words": ("en", " ".join(["word"] * 100001), EN),
    "gopher_min_mean_word_length": ("en", " ".join(["a an of to"] * 30), EN),
    "gopher_max_mean_word_length": ("en", " ".join(["incomprehensibilities"] * 60), EN),
    "gopher_max_symbol_word_ratio": ("en", EN + " #tag" * 20, EN),
    "gopher_max_bullet_lines": ("en", lines(10, "- " + EN[:60]), EN),
    "gopher_max_ellipsis_lines": ("en", lines(5, EN[:80] + "..."), EN),
    "gopher_min_alpha_words": ("en", EN + " 12 34 56 78 90" * 10, EN),
    "gopher_min_stop_words": ("en", "Budget review: library hours extended, park lights replaced, vote scheduled next month after hearing.", EN),
    "gopher_max_dup_lines": ("en", lines(4, "Read more news here today.") + "\n" + EN, EN),
    "gopher_max_dup_paragraphs": ("en", "\n\n".join(["Click here to subscribe."] * 3 + [EN]), EN),
    "gopher_max_dup_line_chars": ("en", lines(2, EN), EN),
    "gopher_max_dup_paragraph_chars": ("en", EN + "\n\n" + EN, EN),
    "gopher_max_top_2gram": ("en", EN + " " + "cheap flights " * 40, EN),
    "gopher_max_top_3gram": ("en", EN + " " + "buy cheap flights " * 30, EN),
    "gopher_max_top_4gram": ("en", EN + " " + "buy cheap flights now " * 25, EN),
    "gopher_max_dup_5gram": ("en", EN + " " + EN[:200], EN),
    "gopher_max_dup_6gram": ("en", EN + " " + EN[:200], EN),
    "gopher_max_dup_7gram": ("en", EN + " " + EN[:200], EN),
    "gopher_max_dup_8gram": ("en", EN + " " + EN[:200], EN),
    "gopher_max_dup_9gram": ("en", EN + " " + EN[:200], EN),
    "gopher_max_dup_10gram": ("en", EN + " " + EN[:200], EN),
    "c4_min_sentences": ("en", "Home\nNews\nSport\nWeather\nContact us", EN),
    "c4_max_lorem_ipsum": ("en", EN + " Lorem ipsum dolor sit amet.", EN),
    "c4_max_curly_braces": ("en", EN + " function f() { return 1; }", EN),
    "fineweb_min_punct_lines": ("en", "\n".join(EN.replace(".", "").split(",")), EN),
    "fineweb_max_dup_line_chars": ("en", EN + "\n" + EN[:120] + "\n" + EN[:120], EN),
    "fineweb_max_short_lines": ("en", "\n".join(["Home", "News", "About us", "Contact", EN]), EN),
    "zh_min_chars": ("zh", "市政府昨天召开会议。", ZH),
    "zh_min_cjk_share": ("zh", ZH[:60] + " " + "abc def ghi " * 60, ZH),
    "zh_max_punct_ratio": ("zh", ZH + "，。！？、；：" * 60, ZH),
    "zh_max_special_ratio": ("zh", ZH + "★■◆●▲" * 30, ZH),
    "zh_min_sentence_end_ratio": ("zh", ZH.replace("。", "，"), ZH),
    "zh_min_mean_sentence_length": ("zh", "好。" * 150, ZH),
    "zh_max_mean_sentence_length": ("zh", ZH.replace("。", "，").replace("，", "", 1) + "。" + "的" * 400, ZH),
    "zh_max_dup_char_10gram": ("zh", ZH + ZH, ZH),
    "zh_max_dup_lines": ("zh", lines(5, "点击这里查看更多精彩内容。") + "\n" + ZH, ZH),
    "zh_max_flagged_per_line": ("zh", ZH.replace("图书馆", "博彩娱乐城").replace("公园", "六合彩").replace("市长", "百家乐"), ZH),
}

# C4's line rules, through c4_min_sentences: (what, rule, lang, trips, passes)
LINE_CASES = [
    ("C4: lines mentioning javascript are not sentences", "c4_min_sentences", "en",
     "\n".join(l[:-1] + ", with JavaScript." for l in C4_LINES), "\n".join(C4_LINES)),
    ("C4: lines without terminal punctuation are not sentences", "c4_min_sentences", "en",
     "\n".join(l[:-1] for l in C4_LINES), "\n".join(C4_LINES)),
    ("C4: lines under three words are not sentences", "c4_min_sentences", "en",
     "\n".join(" ".join(l.split()[:2]) + "." for l in C4_LINES), "\n".join(C4_LINES)),
]


def main():
    sluice = os.environ.get("SLUICE") or sys.argv[1]
    tmp = tempfile.mkdtemp()
    failures = 0
    cases = [(rule, rule, lang, bad, good) for rule, (lang, bad, good) in CASES.items()]
    cases += LINE_CASES
    for what, rule, lang, bad, good in cases:
        inp = os.path.join(tmp, "in.jsonl")
        with open(inp, "w") as f:
            for did, text in (("trips", bad), ("passes", good)):
                f.write(json.dumps({"id": did, "lang": lang, "text": text}, ensure_ascii=False) + "\n")
        pipe = os.path.join(tmp, "p.json")
        with open(pipe, "w") as f:
            json.dump({"sluice": 1, "stages": [
                {"use": "quality", "with": {"rules_only": [rule]}},
                {"use": "export", "with": {"format": "jsonl", "figures": False}}]}, f)
        rej = os.path.join(tmp, "rejects.jsonl")
        out = os.path.join(tmp, "out.jsonl")
        stats = os.path.join(tmp, "stats.json")
        for p in (rej, out, stats):
            if os.path.exists(p):
                os.unlink(p)
        subprocess.run([sluice, "run", "--no-progress", "-q", "-p", pipe,
                        "--rejects", rej, "--stats", stats, "-o", out, inp],
                       check=True)
        with open(stats, encoding="utf-8") as f:
            stage = [s for s in json.load(f)["stages"] if s["name"] == "quality"][0]
        reasons = {}
        for line in open(rej, encoding="utf-8"):
            r = json.loads(line)
            reasons[r["id"]] = (r["reason"], r.get("detail"))
        if reasons.get("trips", (None,))[0] != rule:
            print(f"FAIL {what}: the tripping document was not dropped by it ({reasons.get('trips')})")
            failures += 1
        elif "passes" in reasons:
            print(f"FAIL {what}: the passing document was dropped ({reasons['passes']})")
            failures += 1
        elif stage["counters"] != {"dropped." + rule: 1} or stage["dropped"] != 1:
            print(f"FAIL {what}: --stats does not count the drop under dropped.{rule}"
                  f" ({stage['counters']}, dropped {stage['dropped']})")
            failures += 1
        else:
            print(f"ok {what} (value {reasons['trips'][1]['value']:.3g}, threshold {reasons['trips'][1]['threshold']:.3g})")
    print(f"{len(cases) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
