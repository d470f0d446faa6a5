#!/usr/bin/env python3
"""scripts/page-variants.py - a robustness probe for the html stage.

    scripts/page-variants.py [--lang zh] IN.jsonl.gz OUT.jsonl.gz

Writes every page of an evaluation set (fields `id`, `html`, `gold_text`)
as it is (id `ID#orig`) and as another site might have built it, the
gold unchanged:

  notitle   no <title> and no og:title
  sidebar   a list of twelve linked headlines just before the element
            holding the article (the nearest element holding its first
            and last gold lines)
  comments  a widget of four short timed readers' comments just after it
  split     the article cut in two: the element is closed before the
            child holding its middle gold line and opened again (the same
            tag and attributes) after an empty ad slot
  br        its paragraphs as text between <br><br>, no <p>
  divp      its paragraphs as <div>
  table     the element in the right cell of a layout table whose left
            cell holds a menu of ten links

A variant that cannot be made (the gold's lines not found in the page)
is left out. Score the output as usual (score.py boilerplate OUT PRED)
and compare each variant with its `#orig` page; run
scripts/unnamed-classes.py on OUT first to measure it with names hidden.
"""
import gzip
import json
import re
import sys
from html.parser import HTMLParser

HEADLINES = ["国务院常务会议部署推进城市更新工作", "多地出台措施促进消费持续恢复",
             "今年以来全国铁路发送旅客超十亿人次", "专家解读最新经济数据释放积极信号",
             "夏粮收购工作全面展开", "暴雨蓝色预警：南方多地有大到暴雨",
             "教育部发布高考安全提醒", "新能源汽车下乡活动启动",
             "文化和旅游部推出暑期精品线路", "个税汇算清缴即将结束",
             "科学家发现新的古生物化石群", "全国多地迎来高温天气"]
SIDEBAR = ('<div class="hotlist"><h3>热点推荐</h3><ul>' +
           "".join('<li><a href="/news/%d.html">%s</a></li>' % (i, t)
                   for i, t in enumerate(HEADLINES)) + "</ul></div>")
COMMENTS = [("小明", "说得很好，希望能够尽快落实到位，让老百姓真正受益。"),
            ("老张", "这个政策不错，支持！但是具体怎么执行还要看地方。"),
            ("路人甲", "我们这里早就开始了，效果还可以，就是宣传不够。"),
            ("北京网友", "期待后续报道，希望记者继续跟进这件事情。")]
COMMENT_WIDGET = ('<div class="cmt"><div class="cmt-hd">网友评论</div>' + "".join(
    '<div class="cmt-item"><div class="cmt-user">网友%s</div>'
    '<div class="cmt-text">%s</div><div class="cmt-time">2024-05-1%d '
    '1%d:2%d</div><div class="cmt-act">回复 点赞</div></div>'
    % (who, text, k, k, k) for k, (who, text) in enumerate(COMMENTS)) +
    '<div class="cmt-more">查看更多评论</div></div>')
MENU = ('<ul>' + "".join('<li><a href="/c%d">栏目%d</a></li>' % (i, i)
                         for i in range(10)) + '</ul>')
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}


class Stacks(HTMLParser):
    """The open elements (tag, offset, start tag) around the first text
    holding each key, and where each element ends."""

    def __init__(self, text, keys):
        super().__init__(convert_charrefs=True)
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.stack, self.keys, self.found, self.ends = [], keys, {}, {}

    def position(self):
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if tag == "p" and self.stack and self.stack[-1][0] == "p":
            self.stack.pop()
        self.stack.append((tag, self.position(), self.get_starttag_text()))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for e in self.stack[i:]:
                    self.ends[e[1]] = self.position()
                del self.stack[i:]
                return

    def handle_data(self, data):
        for k in self.keys:
            if k not in self.found and k in data:
                self.found[k] = list(self.stack)


def shared(a, b):
    n = 0
    while n < min(len(a), len(b)) and a[n][1] == b[n][1]:
        n += 1
    return n


def without_title(h):
    h = re.sub(r"<title[^>]*>.*?</title>", "", h, flags=re.S | re.I)
    return re.sub(r"<meta[^>]+og:title[^>]*>", "", h, flags=re.I)


def variants(page):
    h = page["html"]
    out = {"notitle": without_title(h)}
    lines = [x.strip() for x in page["gold_text"].split("\n")
             if len(x.strip()) >= 15]
    if len(lines) < 2:
        return out
    keys = [lines[0][:12], lines[len(lines) // 2][:12], lines[-1][:12]]
    p = Stacks(h, keys)
    try:
        p.feed(h)
        p.close()
    except Exception:
        return out
    if any(k not in p.found for k in keys):
        return out
    first, middle, last = (p.found[k] for k in keys)
    n = shared(first, last)
    if n < 3:
        return out
    tag, start, start_tag = first[n - 1]
    out["sidebar"] = h[:start] + SIDEBAR + h[start:]
    end = p.ends.get(start)
    if end is not None:
        close = end + len("</%s>" % tag)
        inner = h[start:end]
        out["comments"] = h[:close] + COMMENT_WIDGET + h[close:]
        br = re.sub(r"<p(\s[^>]*)?>", "", inner, flags=re.I)
        out["br"] = h[:start] + re.sub(r"</p\s*>", "<br><br>", br,
                                       flags=re.I) + h[end:]
        dv = re.sub(r"<p(\s[^>]*)?>", "<div>", inner, flags=re.I)
        out["divp"] = h[:start] + re.sub(r"</p\s*>", "</div>", dv,
                                         flags=re.I) + h[end:]
        out["table"] = (h[:start] + '<table><tr><td class="l">' + MENU +
                        '</td><td class="r">' + h[start:close] +
                        "</td></tr></table>" + h[close:])
    if shared(first, middle) == n and len(middle) > n and len(lines) >= 4:
        at = middle[n][1]
        if at > first[-1][1]:
            out["split"] = (h[:at] + '</%s><div class="adslot"></div>' % tag
                            + start_tag + h[at:])
    return out


def main(argv):
    lang = None
    if len(argv) > 2 and argv[1] == "--lang":
        lang = argv[2]
        argv = argv[:1] + argv[3:]
    if len(argv) != 3:
        sys.exit(__doc__)
    with gzip.open(argv[1], "rt", encoding="utf-8") as f, \
            gzip.open(argv[2], "wt", encoding="utf-8") as out:
        for line in f:
            page = json.loads(line)
            if not page.get("gold_text"):
                continue
            if lang and page.get("lang") not in (lang, None):
                continue
            page_id = str(page["id"])
            for name, html in [("orig", page["html"])] + \
                    sorted(variants(page).items()):
                if name != "orig" and html == page["html"]:
                    continue
                row = dict(page, id=page_id + "#" + name, html=html)
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv)
