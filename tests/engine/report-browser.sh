#!/bin/sh
# tests/engine/report-browser.sh - the run report as a person sees it: the
# crawl pipeline (html, lang, normalize, boilerplate, quality, sections,
# figures) runs over generated pages from four sites, the bundled English
# article, a page in German (dropped by lang), a page of links (dropped by
# quality) and a broken record (quarantined); its report must be
# self-contained, open in a real headless browser (Chromium) with nothing
# logged on the console (an SVG attribute the browser cannot draw is
# logged there), and the screenshot must show the bars of every chart in
# their colour, at least half of the area the page gives them. Skipped when
# Chromium is not installed, unless SLUICE_REQUIRE_BROWSER=1 (as CI sets),
# which makes that a failure.
. "$(dirname "$0")/common.sh"

browser=""
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" > /dev/null 2>&1; then
        browser=$b
        break
    fi
done
if [ -z "$browser" ]; then
    if [ "${SLUICE_REQUIRE_BROWSER:-0}" = 1 ]; then
        echo "FAIL: no Chromium to open the report with"
        exit 1
    fi
    echo "SKIP: Chromium is not installed (apt-get install chromium)"
    exit 77
fi
samples=${abs_top_srcdir:-$builddir/..}/samples

# the crawl pipeline, reading pages from JSONL records
"$SLUICE" default --crawl > crawl-warc.json || fail "sluice default --crawl"
"$GEN" html 300K pages 41 || fail "gencorpus html"
python3 - "$samples/en-article.html" crawl-warc.json <<'PY' || fail "the pages"
import glob, json, sys
p = json.load(open(sys.argv[2]))
p["input"] = {"format": "jsonl", "text_field": "html", "content_type": "html"}
json.dump(p, open("crawl.json", "w"))
german = ("<html><body><article><h1>Stadtrat</h1>" + "<p>Der Stadtrat hat am "
          "Dienstag den Haushalt für das kommende Jahr beraten. Die Mitglieder "
          "waren sich einig, dass die Bibliothek länger geöffnet sein soll und "
          "der Park neue Lampen braucht.</p>" * 4 + "</article></body></html>")
links = ("<html><body><ul>" + "".join(
    '<li><a href="/%d">Link %d</a></li>' % (i, i) for i in range(30)) +
    "</ul></body></html>")
with open("pages.jsonl", "w") as out:
    def page(id, url, html):
        out.write(json.dumps({"id": id, "url": url, "html": html},
                             ensure_ascii=False) + "\n")
    for i, f in enumerate(sorted(glob.glob("pages/*.html"))):
        page("p%d" % i, "https://www.site%d.example/news/%d" % (i % 4, i),
             open(f, encoding="utf-8").read())
    page("article", "https://gazette.example/water",
         open(sys.argv[1], encoding="utf-8").read())
    page("german", "https://stadt.example/rat", german)
    page("links", "https://links.example/", links)
    out.write('{"id": "broken", "html": "unterminated\n')
PY
expect_status 1 "$SLUICE" run --no-progress -p crawl.json -o out.jsonl \
    --quarantine q.jsonl --report report.html pages.jsonl 2> run.err ||
    fail "the run over the pages: $(cat run.err)"

# nothing to fetch, nothing to run
if grep -n -i -E '<script|<link|<img|<iframe| src=| href=|url\(|@import|@font-face' \
    report.html; then
    fail "the page fetches or runs something (above)"
else
    pass "the page is self-contained ($(wc -c < report.html) bytes)"
fi

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --force-device-scale-factor=1 --user-data-dir="$work/profile" \
    --enable-logging=stderr --v=0 --window-size=1000,6000 \
    --screenshot="$work/shot.png" "file://$work/report.html" > browser.log 2>&1
[ -s shot.png ] && pass "the browser drew the report" ||
    fail "no screenshot: $(tail -5 browser.log)"
if grep "CONSOLE" browser.log; then
    fail "the browser's console has messages (above)"
else
    pass "the console is empty"
fi

python3 - shot.png report.html <<'PY' && pass "every chart is drawn" ||
import re, struct, sys, zlib

def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(
                ">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    out = []
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 2:
            line = bytearray((x + p) & 255 for x, p in zip(line, prev))
        elif f != 0:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                if f == 1:
                    line[i] = (line[i] + a) & 255
                elif f == 3:
                    line[i] = (line[i] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                    line[i] = (line[i] + pr) & 255
        out.append(bytes(line))
        prev = line
    return out, bpp

# each chart's bars, the colour the page's style gives them
colours = {"bars-removed": "c8553d", "bars-sites": "9c3d6e",
           "bars-lang": "2a9d8f", "bars-types": "5a8f29",
           "bars-figures": "e09f3e", "bars-time": "6a4fb3",
           "series-a": "8a93a0", "series-b": "3b6fb6"}
page = open(sys.argv[2], encoding="utf-8").read()
area = dict.fromkeys(colours, 0.0)
for chart, body in re.findall(r'<svg class="chart ([\w-]+)"(.*?)</svg>', page,
                              re.S):
    for cls, w, h in re.findall(r'<rect class="bar ?([\w-]*)"[^>]*? '
                                r'width="([\d.]+)" height="([\d.]+)"', body):
        area[cls or chart] += float(w) * float(h)
rows, bpp = pixels(sys.argv[1])
want = {bytes.fromhex(c): name for name, c in colours.items()}
seen = dict.fromkeys(colours, 0)
for row in rows:
    for x in range(0, len(row), bpp):
        name = want.get(row[x:x + 3])
        if name:
            seen[name] += 1
bad = []
for name in colours:
    if area[name] < 200:
        bad.append("%s: the page gives its bars %.0f px2" % (name, area[name]))
    elif seen[name] < area[name] / 2:
        bad.append("%s: %d pixels of %.0f" % (name, seen[name], area[name]))
if bad:
    print("charts not drawn:", "; ".join(bad))
    sys.exit(1)
print(" ".join("%s %d/%.0f" % (n, seen[n], area[n]) for n in colours))
PY
    fail "a chart is missing from the screenshot"

exit $((failures > 0))
