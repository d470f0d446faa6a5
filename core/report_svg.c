/* core/report_svg.c - escaped text, numbers for people and the report's
 * two charts as inline SVG (see report_svg.h).
 */
#include "report_svg.h"

#include <string.h>

/* Chart geometry, in CSS pixels. */
enum {
    BAR_CHART_WIDTH = 720,
    BAR_LABEL_WIDTH = 240,
    BAR_VALUE_WIDTH = 190,
    BAR_ROW = 22,
    BAR_HEIGHT = 15,
    HIST_WIDTH = 720,
    HIST_HEIGHT = 240,
    HIST_LEFT = 56,
    HIST_BOTTOM = 40,
    HIST_TOP = 28
};

/* Labels longer than this many code points are cut with an ellipsis. */
#define LABEL_CHARS 34

void sl_html_escape(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            /* control characters are not allowed in XML text */
            if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
                fputc(' ', out);
            else
                fputc(*s, out);
        }
    }
}

/* Writes the label escaped, cut to LABEL_CHARS code points. */
static void escape_label(FILE *out, const char *s)
{
    size_t chars = 0;
    const char *p = s ? s : "";
    while (*p && chars < LABEL_CHARS) {
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
        chars++;
    }
    if (!*p) {
        sl_html_escape(out, s);
        return;
    }
    char cut[LABEL_CHARS * 4 + 1];
    size_t n = (size_t)(p - s);
    memcpy(cut, s, n);
    cut[n] = '\0';
    sl_html_escape(out, cut);
    fputs("\xE2\x80\xA6", out); /* an ellipsis */
}

void sl_format_count(char *buf, size_t size, uint64_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
    size_t w = 0;
    for (int i = 0; i < len && w + 2 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[w++] = ',';
        buf[w++] = digits[i];
    }
    buf[w] = '\0';
}

void sl_format_bytes(char *buf, size_t size, double bytes)
{
    static const char *const units[] = {"B", "kB", "MB", "GB", "TB", "PB"};
    size_t u = 0;
    while (bytes >= 1000.0 && u + 1 < sizeof units / sizeof units[0]) {
        bytes /= 1000.0;
        u++;
    }
    if (u == 0)
        snprintf(buf, size, "%.0f B", bytes);
    else
        snprintf(buf, size, "%.*f %s",
                 bytes < 10    ? 2
                 : bytes < 100 ? 1
                               : 0,
                 bytes, units[u]);
}

void sl_format_duration(char *buf, size_t size, double seconds)
{
    if (!(seconds >= 0))
        seconds = 0;
    if (seconds < 60) {
        snprintf(buf, size, "%.1f s", seconds);
        return;
    }
    unsigned long s = (unsigned long)(seconds + 0.5);
    if (s < 3600)
        snprintf(buf, size, "%lu min %02lu s", s / 60, s % 60);
    else
        snprintf(buf, size, "%lu h %02lu min", s / 3600, s / 60 % 60);
}

void sl_svg_bars(FILE *out, const char *title, const sl_bar *bars, size_t n,
                 const char *css_class)
{
    if (n == 0) {
        fputs("<p class=\"none\">nothing to show</p>\n", out);
        return;
    }
    double top = 0;
    for (size_t i = 0; i < n; i++)
        if (bars[i].value > top)
            top = bars[i].value;
    int area = BAR_CHART_WIDTH - BAR_LABEL_WIDTH - BAR_VALUE_WIDTH;
    int height = (int)n * BAR_ROW + 6;
    fprintf(out,
            "<svg class=\"chart %s\" role=\"img\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\">"
            "<title>",
            css_class, BAR_CHART_WIDTH, height, BAR_CHART_WIDTH, height);
    sl_html_escape(out, title);
    fputs("</title>\n", out);
    for (size_t i = 0; i < n; i++) {
        int y = (int)i * BAR_ROW + 3;
        double share = top > 0 ? bars[i].value / top : 0;
        int w = (int)(share * area + 0.5);
        if (w < 1 && bars[i].value > 0)
            w = 1;
        fprintf(out,
                "<text class=\"label\" x=\"%d\" y=\"%d\" "
                "text-anchor=\"end\">",
                BAR_LABEL_WIDTH - 8, y + BAR_HEIGHT - 3);
        escape_label(out, bars[i].label);
        fprintf(out,
                "</text><rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" "
                "height=\"%d\"><title>",
                BAR_LABEL_WIDTH, y, w, BAR_HEIGHT);
        sl_html_escape(out, bars[i].label);
        fputs("</title></rect>", out);
        fprintf(out, "<text class=\"value\" x=\"%d\" y=\"%d\">",
                BAR_LABEL_WIDTH + w + 6, y + BAR_HEIGHT - 3);
        if (bars[i].text) {
            sl_html_escape(out, bars[i].text);
        } else {
            char v[40];
            sl_format_count(v, sizeof v, (uint64_t)(bars[i].value + 0.5));
            fputs(v, out);
        }
        fputs("</text>\n", out);
    }
    fputs("</svg>\n", out);
}

void sl_svg_histogram(FILE *out, const char *title, const char *const *labels,
                      const uint64_t *a, const uint64_t *b, size_t n,
                      const char *a_name, const char *b_name)
{
    if (n == 0) {
        fputs("<p class=\"none\">nothing to show</p>\n", out);
        return;
    }
    uint64_t top = 1;
    for (size_t i = 0; i < n; i++) {
        if (a[i] > top)
            top = a[i];
        if (b[i] > top)
            top = b[i];
    }
    int plot_w = HIST_WIDTH - HIST_LEFT - 10;
    int plot_h = HIST_HEIGHT - HIST_TOP - HIST_BOTTOM;
    double slot = (double)plot_w / (double)n;
    double bar = slot * 0.4;
    fprintf(out,
            "<svg class=\"chart histogram\" role=\"img\" width=\"%d\" "
            "height=\"%d\" viewBox=\"0 0 %d %d\" "
            "><title>",
            HIST_WIDTH, HIST_HEIGHT, HIST_WIDTH, HIST_HEIGHT);
    sl_html_escape(out, title);
    fputs("</title>\n", out);
    /* legend */
    fprintf(out,
            "<rect class=\"swatch series-a\" x=\"%d\" y=\"6\" width=\"12\" "
            "height=\"12\"/><text class=\"label\" x=\"%d\" y=\"16\">",
            HIST_LEFT, HIST_LEFT + 16);
    sl_html_escape(out, a_name);
    fprintf(out,
            "</text><rect class=\"swatch series-b\" x=\"%d\" y=\"6\" "
            "width=\"12\" height=\"12\"/><text class=\"label\" x=\"%d\" "
            "y=\"16\">",
            HIST_LEFT + 170, HIST_LEFT + 186);
    sl_html_escape(out, b_name);
    fputs("</text>\n", out);
    /* axis: zero and the top count */
    char top_text[40];
    sl_format_count(top_text, sizeof top_text, top);
    int base = HIST_TOP + plot_h;
    fprintf(out,
            "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
            "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">0"
            "</text><text class=\"tick\" x=\"%d\" y=\"%d\" "
            "text-anchor=\"end\">%s</text>\n",
            HIST_LEFT, base, HIST_WIDTH - 10, base, HIST_LEFT - 6, base + 4,
            HIST_LEFT - 6, HIST_TOP + 8, top_text);
    for (size_t i = 0; i < n; i++) {
        double x = HIST_LEFT + slot * (double)i + slot * 0.1;
        const uint64_t counts[2] = {a[i], b[i]};
        for (int s = 0; s < 2; s++) {
            double h = (double)plot_h * (double)counts[s] / (double)top;
            if (h < 1 && counts[s] > 0)
                h = 1;
            char count_text[40];
            sl_format_count(count_text, sizeof count_text, counts[s]);
            fprintf(out,
                    "<rect class=\"bar series-%c\" x=\"%.1f\" y=\"%.1f\" "
                    "width=\"%.1f\" height=\"%.1f\"><title>",
                    s == 0 ? 'a' : 'b', x + bar * s, base - h, bar, h);
            sl_html_escape(out, labels[i]);
            fprintf(out, ": %s</title></rect>", count_text);
        }
        fprintf(out,
                "<text class=\"tick\" x=\"%.1f\" y=\"%d\" "
                "text-anchor=\"middle\">",
                x + bar, base + 16 + (int)(i % 2) * 14);
        sl_html_escape(out, labels[i]);
        fputs("</text>\n", out);
    }
    fputs("</svg>\n", out);
}
