/* bench/gencorpus.c - a deterministic generator of test corpora shaped
 * like scraped Chinese news pages (breadcrumbs, headings, paragraphs with
 * figures, "related articles" lists, contact and copyright footers), for
 * the benchmarks and the engine's shell tests.
 *
 *   gencorpus jsonl  BYTES [SEED]      JSONL records on standard output
 *   gencorpus report BYTES [SEED]      JSONL records of work reports
 *   gencorpus html   BYTES DIR [SEED]  one .html file per page in DIR
 *   gencorpus text   BYTES DIR [SEED]  one .txt file per page in DIR
 *
 * The news pages are dense with figures (one every few words, about twice
 * as many per megabyte as real Chinese news or reports); the work reports
 * are made of the paragraphs in bench/report_paragraphs.h, a third of
 * them prose, a little denser than the real report sample, with
 * their digits drawn at random (1-9), under numbered headings.
 *
 * The same arguments always give the same bytes. BYTES is approximate
 * (generation stops after the record that crosses it); "1G", "10M" and
 * "500K" are accepted.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report_paragraphs.h"

static uint64_t rng_state;

static uint32_t next_random(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 33);
}

static uint32_t pick(uint32_t n)
{
    return next_random() % n;
}

static const char *const words[] = {
    "经济", "增长", "城市", "人口",   "公司", "发布", "报告", "显示", "今年",
    "同比", "上涨", "市场", "企业",   "发展", "项目", "建设", "政府", "工作",
    "部门", "相关", "服务", "技术",   "产品", "投资", "消费", "地区", "全国",
    "国际", "合作", "提高", "进一步", "推动", "加强", "研究", "数据", "表示",
    "记者", "获悉", "目前", "已经",   "其中", "包括", "通过", "实现", "情况",
    "问题", "方面", "重要", "主要",   "一个", "我们", "他们", "这些", "可以",
};

static const char *const boiler[] = {
    "首页 > 新闻中心 > 正文",
    "返回首页",
    "相关阅读",
    "热门推荐",
    "联系我们 电话：400-800-1234",
    "版权所有 © 2024 某某网 保留所有权利",
    "上一篇：本市召开工作会议",
    "下一篇：专家解读最新政策",
    "分享到：微信 微博",
    "免责声明：本文仅代表作者观点",
    "客服QQ：12345678 工作时间 9:00-18:00",
};

typedef struct buf {
    char *data;
    size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1 << 16;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *bigger = realloc(b->data, cap);
        if (!bigger) {
            fputs("gencorpus: out of memory\n", stderr);
            exit(1);
        }
        b->data = bigger;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void puts_buf(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void put_figure(buf *b)
{
    char text[64];
    switch (pick(5)) {
    case 0: snprintf(text, sizeof text, "%u.%u%%", pick(100), pick(10)); break;
    case 1: snprintf(text, sizeof text, "%u万元", 1 + pick(9999)); break;
    case 2: snprintf(text, sizeof text, "约%u人", 10 + pick(50000)); break;
    case 3: snprintf(text, sizeof text, "%u年", 1990 + pick(35)); break;
    default: snprintf(text, sizeof text, "%u公里", 1 + pick(900)); break;
    }
    puts_buf(b, text);
}

static void put_sentence(buf *b)
{
    uint32_t n = 6 + pick(20);
    for (uint32_t i = 0; i < n; i++) {
        puts_buf(b, words[pick(sizeof words / sizeof *words)]);
        if (pick(12) == 0)
            put_figure(b);
        if (i + 1 < n && pick(7) == 0)
            puts_buf(b, "，");
    }
    puts_buf(b, "。");
}

static void put_paragraph(buf *b)
{
    uint32_t n = 1 + pick(5);
    for (uint32_t i = 0; i < n; i++)
        put_sentence(b);
}

/* One page as plain lines (text and JSONL) into b. */
static void page_text(buf *b, unsigned long no)
{
    char title[128];
    snprintf(title, sizeof title, "第%lu期：", no);
    puts_buf(b, title);
    put_sentence(b);
    puts_buf(b, "\n");
    puts_buf(b, boiler[0]);
    puts_buf(b, "\n\n");
    uint32_t paragraphs = 3 + pick(12);
    for (uint32_t i = 0; i < paragraphs; i++) {
        if (pick(6) == 0) {
            puts_buf(b, "一、");
            puts_buf(b, words[pick(sizeof words / sizeof *words)]);
            puts_buf(b, words[pick(sizeof words / sizeof *words)]);
            puts_buf(b, "\n");
        }
        put_paragraph(b);
        puts_buf(b, pick(3) ? "\n\n" : "\n");
    }
    uint32_t extra = 2 + pick(5);
    for (uint32_t i = 0; i < extra; i++) {
        puts_buf(b, boiler[1 + pick(sizeof boiler / sizeof *boiler - 1)]);
        puts_buf(b, "\n");
    }
}

/* One work report: a title, then numbered sections of report paragraphs
 * whose ASCII digits are drawn at random from 1-9 (no leading zeros, no
 * ratio to 0). */
static void page_report(buf *b, unsigned long no)
{
    static const char *const NUMERALS[] = {"一", "二", "三", "四", "五",
                                           "六", "七", "八", "九", "十"};
    char title[128];
    snprintf(title, sizeof title, "第%lu号 区教育局%u年工作总结\n", no,
             2000 + pick(25));
    puts_buf(b, title);
    uint32_t sections = 2 + pick(9);
    for (uint32_t i = 0; i < sections; i++) {
        puts_buf(b, NUMERALS[i]);
        puts_buf(b, "、");
        puts_buf(b, words[pick(sizeof words / sizeof *words)]);
        puts_buf(b, words[pick(sizeof words / sizeof *words)]);
        puts_buf(b, "\n");
        uint32_t paragraphs = 1 + pick(4);
        for (uint32_t k = 0; k < paragraphs; k++) {
            /* a third of the paragraphs prose: about 8,500 figures per
             * megabyte, a little more than the real report sample (7,700)
             * and real Chinese news pages (6,500) */
            const char *text =
                pick(3) == 0
                    ? PARAGRAPHS[pick(PROSE_PARAGRAPHS)]
                    : PARAGRAPHS[pick(sizeof PARAGRAPHS / sizeof *PARAGRAPHS)];
            size_t from = b->len;
            puts_buf(b, text);
            for (size_t at = from; at < b->len; at++)
                if (b->data[at] >= '0' && b->data[at] <= '9')
                    b->data[at] = (char)('1' + pick(9));
            puts_buf(b, "\n");
        }
    }
}

static void page_html(buf *b, unsigned long no)
{
    char head[256];
    snprintf(head, sizeof head,
             "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
             "<title>第%lu期 新闻</title></head><body>\n",
             no);
    puts_buf(b, head);
    puts_buf(b, "<div class=\"nav\"><a href=\"/\">首页</a> &gt; "
                "<a href=\"/news\">新闻中心</a> &gt; 正文</div>\n");
    puts_buf(b, "<div class=\"article content\"><h1>");
    put_sentence(b);
    puts_buf(b, "</h1>\n");
    uint32_t paragraphs = 3 + pick(12);
    for (uint32_t i = 0; i < paragraphs; i++) {
        if (pick(6) == 0) {
            puts_buf(b, "<h2>");
            puts_buf(b, words[pick(sizeof words / sizeof *words)]);
            puts_buf(b, "</h2>\n");
        }
        puts_buf(b, "<p>");
        put_paragraph(b);
        puts_buf(b, "</p>\n");
    }
    puts_buf(b, "</div>\n<div class=\"related\"><h3>相关阅读</h3><ul>");
    uint32_t links = 3 + pick(6);
    for (uint32_t i = 0; i < links; i++) {
        puts_buf(b, "<li><a href=\"/a\">");
        put_sentence(b);
        puts_buf(b, "</a></li>");
    }
    puts_buf(b, "</ul></div>\n<div class=\"footer\">");
    puts_buf(b, boiler[5]);
    puts_buf(b, " ");
    puts_buf(b, boiler[4]);
    puts_buf(b, "</div>\n</body></html>\n");
}

/* b's text as a JSON string (only '\n', '"' and '\\' need escapes). */
static void put_json_string(FILE *out, const buf *b)
{
    fputc('"', out);
    for (size_t i = 0; i < b->len; i++) {
        char c = b->data[i];
        if (c == '\n')
            fputs("\\n", out);
        else if (c == '"' || c == '\\') {
            fputc('\\', out);
            fputc(c, out);
        } else
            fputc(c, out);
    }
    fputc('"', out);
}

static unsigned long long parse_size(const char *s)
{
    char *end;
    unsigned long long n = strtoull(s, &end, 10);
    switch (*end) {
    case 'G':
    case 'g': n <<= 30; break;
    case 'M':
    case 'm': n <<= 20; break;
    case 'K':
    case 'k': n <<= 10; break;
    default: break;
    }
    return n;
}

static int write_file(const char *dir, unsigned long no, const char *ext,
                      const buf *b)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%04lu/page-%07lu.%s", dir, no / 1000, no,
             ext);
    char folder[4096];
    snprintf(folder, sizeof folder, "%s/%04lu", dir, no / 1000);
    if (mkdir(folder, 0777) != 0 && errno != EEXIST)
        return -1;
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fwrite(b->data, 1, b->len, f);
    return fclose(f);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: gencorpus jsonl|report BYTES [SEED] | html|text BYTES "
              "DIR [SEED]\n",
              stderr);
        return 64;
    }
    const char *format = argv[1];
    unsigned long long limit = parse_size(argv[2]);
    int to_dir = strcmp(format, "jsonl") != 0 && strcmp(format, "report") != 0;
    if (to_dir && argc < 4) {
        fputs("gencorpus: html and text need a folder\n", stderr);
        return 64;
    }
    const char *dir = to_dir ? argv[3] : NULL;
    const char *seed = argc > (to_dir ? 4 : 3) ? argv[to_dir ? 4 : 3] : "1";
    rng_state = strtoull(seed, NULL, 10) * 2654435761ULL + 1;
    if (dir && mkdir(dir, 0777) != 0 && errno != EEXIST) {
        perror(dir);
        return 1;
    }
    buf b = {0};
    unsigned long long written = 0;
    for (unsigned long no = 0; written < limit; no++) {
        b.len = 0;
        if (strcmp(format, "html") == 0)
            page_html(&b, no);
        else if (strcmp(format, "report") == 0)
            page_report(&b, no);
        else
            page_text(&b, no);
        if (!to_dir) {
            printf("{\"id\":\"page-%07lu\",\"url\":\"http://example.com/%lu\","
                   "\"text\":",
                   no, no);
            put_json_string(stdout, &b);
            fputs("}\n", stdout);
            if (ferror(stdout))
                return 1;
        } else if (write_file(dir, no,
                              strcmp(format, "html") == 0 ? "html" : "txt",
                              &b) != 0) {
            perror(dir);
            return 1;
        }
        written += b.len + 60;
    }
    free(b.data);
    return fflush(stdout) == 0 ? 0 : 1;
}
