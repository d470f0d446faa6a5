#!/usr/bin/env python3
"""scripts/unnamed-classes.py - a robustness probe for the html stage.

    scripts/unnamed-classes.py [--plain-tags] IN.jsonl.gz OUT.jsonl.gz

Rewrites every class and id value of every page of an evaluation set
(field `html`) to a hash of itself: elements that shared a name still
share one, but no name says `comment`, `sidebar` or `content` any more,
as on the many sites whose names the stage's lists do not know (hashed
CSS-module classes, pinyin abbreviations). Score the result as usual
(score.py boilerplate OUT.jsonl.gz PRED.jsonl): what a page loses here
rests on names, what it keeps rests on structure and text.

With --plain-tags the HTML5 sectioning elements (article, main, nav,
aside, header, footer, section) also become div, as on the many older
sites written in div and table soup: what a page loses then rested on
those tags. Only tag names change; attributes (hidden, role, ...),
headings, paragraphs, lists, links and text stay.
"""
import gzip
import hashlib
import json
import re
import sys

TAG = re.compile(r"<[A-Za-z][^>]*>")
ATTR = re.compile(r"""(\s(?:class|id)\s*=\s*)("[^"]*"|'[^']*'|[^\s>]+)""",
                  re.IGNORECASE)


# The name of an opening or closing sectioning tag, ended by space, / or >
# (so <mainframe> and <header-bar> stay). Text never holds a bare "<" before
# a letter in well-formed HTML; inside scripts a renamed tag is harmless.
SECTIONING = re.compile(
    r"<(/?)(?:article|main|nav|aside|header|footer|section)(?=[\s/>])",
    re.IGNORECASE)


def plain_tags(html):
    return SECTIONING.sub(lambda m: "<%sdiv" % m.group(1), html)


NUMBERED = re.compile(r"^(.*?)([_-]?[0-9]+)$")


def unname_token(token):
    """A hash of the token; a number it ends in stays (post_53961 becomes
    x1f2e3d_53961): numbered ids share a stem on any site, whatever the
    stem says, and that shared stem is structure, not a name."""
    m = NUMBERED.match(token)
    stem, number = (m.group(1), m.group(2)) if m and m.group(1) else (token, "")
    return "x" + hashlib.md5(stem.encode()).hexdigest()[:6] + number


def hashed(match):
    raw = match.group(2)
    # Keep the value's own quoting: a tag written inside another
    # attribute's value (data-source-html="<span class=&quot;a&quot;>" or
    # "<span class='a'>") must not gain a double quote that would end the
    # outer value early. An unquoted value stays unquoted.
    quote = raw[0] if raw[0] in "\"'" else ""
    value = raw.strip("\"'")
    tokens = [unname_token(t) for t in value.split()]
    return '%s%s%s%s' % (match.group(1), quote, " ".join(tokens), quote)


def unname(html):
    return TAG.sub(lambda tag: ATTR.sub(hashed, tag.group(0)), html)


def main(argv):
    args = argv[1:]
    plain = "--plain-tags" in args
    args = [a for a in args if a != "--plain-tags"]
    if len(args) != 2:
        sys.exit("usage: unnamed-classes.py [--plain-tags] "
                 "IN.jsonl.gz OUT.jsonl.gz")
    with gzip.open(args[0], "rt", encoding="utf-8") as src, \
            gzip.open(args[1], "wt", encoding="utf-8") as out:
        for line in src:
            row = json.loads(line)
            if isinstance(row.get("html"), str):
                row["html"] = unname(row["html"])
                if plain:
                    row["html"] = plain_tags(row["html"])
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv)
