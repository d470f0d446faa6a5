/* bench/genshapes.c - writes one document of a pathological shape, of
 * about BYTES bytes, to standard output: the inputs of the linearity and
 * memory benchmark (bench/bench-shapes.sh), which doubles each shape and
 * compares the run times.
 *
 *   genshapes SHAPE BYTES
 *
 * Text shapes (a .txt document):
 *   text-figures   one line of figures separated by ，(a table flattened)
 *   text-numerals  one line of numbers separated by spaces
 *   text-table     rows of eight tab-separated numbers
 *   text-tiny      a line of one character, repeated
 *   text-longline  one line of prose without punctuation
 *   text-invisible lines of one character between lines of a zero-width
 *                  space (normalize empties and removes every other block)
 *   text-report    a work report: numbered headings over report paragraphs
 *   text-captions  captions 图N and 表N, each referred to in the next line
 * HTML shapes (an .html page):
 *   html-deep      nested <div>s, each with a line of text
 *   html-unclosed  a chain of unclosed <span>s, each with a line of text
 *   html-chain     a chain of unclosed <font>s holding nothing, then 20
 *                  paragraphs at its bottom (every element above the
 *                  paragraphs has one child)
 *   html-attrs     paragraphs with 100 attributes each
 *   html-table     one table, rows of eight cells
 *   html-tiny      a <p> of one character, repeated
 *   html-br        one character then <br>, repeated
 *   html-figures   one <p> holding a long line of figures
 *
 * The same arguments always give the same bytes. BYTES accepts K, M and G.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_paragraphs.h"

static unsigned long long parse_size(const char *s)
{
    char *end;
    unsigned long long n = strtoull(s, &end, 10);
    if (*end == 'K' || *end == 'k')
        n <<= 10;
    else if (*end == 'M' || *end == 'm')
        n <<= 20;
    else if (*end == 'G' || *end == 'g')
        n <<= 30;
    return n;
}

/* Bytes written so far. */
static unsigned long long written;

static void put(const char *s)
{
    written += strlen(s);
    fputs(s, stdout);
}

static const char LINE_OF_TEXT[] =
    "这是一段足够长的文字，它让所在的容器得到一票。";

static void text_figures(unsigned long long bytes)
{
    put("收入");
    for (unsigned long i = 0; written < bytes; i++)
        written += (unsigned long long)printf("%lu.%lu%%，", i % 97, i % 10);
    put("合计。\n");
}

static void text_numerals(unsigned long long bytes)
{
    for (unsigned long i = 0; written < bytes; i++)
        written += (unsigned long long)printf("%lu ", i % 1000);
    put("\n");
}

static void text_table(unsigned long long bytes)
{
    for (unsigned long i = 0; written < bytes; i++) {
        for (int c = 0; c < 8; c++)
            written += (unsigned long long)printf(
                "%s%lu", c ? "\t" : "", (i * 8 + (unsigned long)c) % 10007);
        put("\n");
    }
}

static void text_report(unsigned long long bytes)
{
    size_t n = sizeof PARAGRAPHS / sizeof PARAGRAPHS[0];
    put("区教育局工作总结\n");
    for (unsigned long i = 0; written < bytes; i++) {
        if (i % 8 == 0)
            written += (unsigned long long)printf("%lu、工作情况\n", i / 8 + 1);
        put(PARAGRAPHS[i % n]);
        put("\n");
    }
}

static void text_captions(unsigned long long bytes)
{
    for (unsigned long i = 1; written < bytes; i++)
        written += (unsigned long long)printf(
            "图%lu 收入结构\n表%lu 学校数量\n见图%lu和表%lu。\n", i, i, i, i);
}

static void repeat(const char *head, const char *piece, const char *tail,
                   unsigned long long bytes)
{
    put(head);
    while (written < bytes)
        put(piece);
    put(tail);
}

static void html_chain(unsigned long long bytes)
{
    put("<html><body><div>");
    while (written + 20 * 64 < bytes)
        put("<font>");
    for (int p = 0; p < 20; p++) {
        put("<p>");
        put(LINE_OF_TEXT);
        put("</p>\n");
    }
    put("</div></body></html>\n");
}

static void html_attrs(unsigned long long bytes)
{
    put("<html><body>");
    while (written < bytes) {
        put("<p");
        for (int a = 0; a < 100; a++)
            written += (unsigned long long)printf(" data-a%d=\"v%d\"", a, a);
        put(">");
        put(LINE_OF_TEXT);
        put("</p>\n");
    }
    put("</body></html>\n");
}

static void html_table(unsigned long long bytes)
{
    put("<html><body><table>");
    for (unsigned long i = 0; written < bytes; i++) {
        put("<tr>");
        for (int c = 0; c < 8; c++)
            written += (unsigned long long)printf(
                "<td>%lu</td>", (i * 8 + (unsigned long)c) % 10007);
        put("</tr>\n");
    }
    put("</table></body></html>\n");
}

static void html_figures(unsigned long long bytes)
{
    put("<html><body><p>收入");
    for (unsigned long i = 0; written < bytes; i++)
        written += (unsigned long long)printf("%lu.%lu%%，", i % 97, i % 10);
    put("合计。</p></body></html>\n");
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: genshapes SHAPE BYTES\n", stderr);
        return 64;
    }
    const char *shape = argv[1];
    unsigned long long bytes = parse_size(argv[2]);
    char div[128];
    snprintf(div, sizeof div, "<div>%s\n", LINE_OF_TEXT);
    char span[128];
    snprintf(span, sizeof span, "<span>%s\n", LINE_OF_TEXT);
    if (strcmp(shape, "text-figures") == 0)
        text_figures(bytes);
    else if (strcmp(shape, "text-numerals") == 0)
        text_numerals(bytes);
    else if (strcmp(shape, "text-table") == 0)
        text_table(bytes);
    else if (strcmp(shape, "text-tiny") == 0)
        repeat("", "字\n", "", bytes);
    else if (strcmp(shape, "text-invisible") == 0)
        repeat("", "字\n\u200b\n", "", bytes);
    else if (strcmp(shape, "text-longline") == 0)
        repeat("", "这是一个很长的句子没有任何标点符号", "\n", bytes);
    else if (strcmp(shape, "text-report") == 0)
        text_report(bytes);
    else if (strcmp(shape, "text-captions") == 0)
        text_captions(bytes);
    else if (strcmp(shape, "html-deep") == 0)
        repeat("<html><body>", div, "</body></html>\n", bytes);
    else if (strcmp(shape, "html-unclosed") == 0)
        repeat("<html><body><div>", span, "</div></body></html>\n", bytes);
    else if (strcmp(shape, "html-chain") == 0)
        html_chain(bytes);
    else if (strcmp(shape, "html-attrs") == 0)
        html_attrs(bytes);
    else if (strcmp(shape, "html-table") == 0)
        html_table(bytes);
    else if (strcmp(shape, "html-tiny") == 0)
        repeat("<html><body>", "<p>字</p>\n", "</body></html>\n", bytes);
    else if (strcmp(shape, "html-br") == 0)
        repeat("<html><body><p>", "字<br>", "</p></body></html>\n", bytes);
    else if (strcmp(shape, "html-figures") == 0)
        html_figures(bytes);
    else {
        fprintf(stderr, "genshapes: unknown shape '%s'\n", shape);
        return 64;
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
