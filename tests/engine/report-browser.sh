#!/bin/sh
# tests/engine/report-browser.sh - the run report as a person sees it: the
# report of a run over the bundled samples is opened in a real headless
# browser (Chromium), which must log nothing on its console (an SVG
# attribute it cannot draw is logged there), and its screenshot must show
# each chart in its colour. Skipped when Chromium is not installed, unless
# SLUICE_REQUIRE_BROWSER=1 (as CI sets), which makes that a failure.
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

# the samples, and pages from sites with a language, so that every chart
# has something to draw
"$GEN" jsonl 200K 41 |
    awk '{ print }
         NR % 3 == 0 { printf "{\"id\": \"p%d\", \"url\": \"https://site%d.example/%d\", \"lang\": \"%s\", \"text\": \"首页 > 新闻\\n第%d段正文，收入增长12.5%%，达到3.2亿元。\\n相关阅读\"}\n", NR, NR % 4, NR, (NR % 2 ? "zh" : "en"), NR }' \
        > pages.jsonl
"$SLUICE" run --no-progress -o out.jsonl --report report.html \
    "$samples/zh-template-page.txt" pages.jsonl ||
    fail "the run over the samples"

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$work/profile" --enable-logging=stderr --v=0 \
    --window-size=1000,3600 --screenshot="$work/shot.png" \
    "file://$work/report.html" > browser.log 2>&1
[ -s shot.png ] && pass "the browser drew the report" ||
    fail "no screenshot: $(tail -5 browser.log)"
if grep "CONSOLE" browser.log; then
    fail "the browser's console has messages (above)"
else
    pass "the console is empty"
fi

python3 - shot.png <<'PY' && pass "every chart is drawn in its colour" ||
import struct, sys, zlib

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
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
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

rows, bpp = pixels(sys.argv[1])
colours = {"removal reasons": (0xc8, 0x55, 0x3d),
           "lengths after cleaning": (0x3b, 0x6f, 0xb6),
           "lengths before cleaning": (0x8a, 0x93, 0xa0),
           "languages and page types": (0x2a, 0x9d, 0x8f),
           "figures per kind": (0xe0, 0x9f, 0x3e),
           "time per stage": (0x6a, 0x4f, 0xb3)}
seen = dict.fromkeys(colours, 0)
for row in rows:
    for x in range(0, len(row), bpp):
        px = tuple(row[x:x + 3])
        for name, c in colours.items():
            if px == c:
                seen[name] += 1
missing = [n for n, count in seen.items() if count < 60]
if missing:
    print("charts not drawn:", missing, seen)
    sys.exit(1)
PY
    fail "a chart is missing from the screenshot"

exit $((failures > 0))
