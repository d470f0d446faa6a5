/* plugins/export/format_explain.c - a view for people tuning a pipeline
 * (`sluice run --explain`): every block of every document on one line,
 * with its source line, what it became, and for a removed block "[-]"
 * followed by the reason and score the stage gave:
 *
 *   == doc-1  title: 2023年工作报告  (kept 14 of 20 blocks)
 *   page: forum  region: 12 x article.post in div.thread
 *   L3    [-] breadcrumb 0.95  首页 > 新闻中心
 *   L4    [title]  2023年工作报告
 *   L6    [h1]  一、工作回顾
 *   L7    今年以来，……
 *   L8    [+] merged  续上一行的文字
 *
 * A block of several short lines coalesced into one (a document of very
 * many tiny lines) says how many, its lines joined by spaces:
 *   L1    [65 lines]  字 字 字 ...
 *
 * Figures found in a kept block follow its text in braces:
 *   L9     全年收入20.35亿元。  {20.35亿元 = 2035000000 CNY money}
 *
 * A document a stage dropped says so in its header, with the stage, the
 * reason and the stage's detail, and its blocks follow as usual:
 *   == doc-2  (dropped by dedup: duplicate.exact {"kept":"doc-1"})
 */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *kind_tag(const sl_block *blk)
{
    if (blk->flags & SL_BLOCK_TITLE)
        return "title";
    switch (blk->kind) {
    case SL_BLOCK_HEADING: return "h";
    case SL_BLOCK_LIST_ITEM: return "li";
    case SL_BLOCK_CAPTION: return "caption";
    case SL_BLOCK_TABLE_ROW: return "tr";
    case SL_BLOCK_CODE: return "code";
    case SL_BLOCK_QUOTE: return "quote";
    default: return NULL;
    }
}

/* The block's text on one line: line breaks and tabs become spaces. */
static void put_one_line(outbuf *b, const char *text, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] != '\n' && text[i] != '\r' && text[i] != '\t')
            continue;
        outbuf_put(b, text + run, i - run);
        outbuf_putc(b, ' ');
        run = i + 1;
    }
    outbuf_put(b, text + run, len - run);
}

/* The lines of a block of coalesced lines. */
static long long count_lines(const char *text, size_t len)
{
    long long lines = 1;
    for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text)));
         p++)
        lines++;
    return lines;
}

static void put_position(outbuf *b, const sl_block *blk, size_t index)
{
    char pos[32];
    if (blk->line)
        snprintf(pos, sizeof pos, "L%-5u ", (unsigned)blk->line);
    else
        snprintf(pos, sizeof pos, "#%-5zu ", index);
    outbuf_puts(b, pos);
}

/* Figure spans in block order (then by start), for the braces. */
typedef struct figure_list {
    const sl_span **spans;
    size_t n, next;
} figure_list;

static int by_block_then_start(const void *a, const void *b)
{
    const sl_span *x = *(const sl_span *const *)a;
    const sl_span *y = *(const sl_span *const *)b;
    if (x->block != y->block)
        return x->block < y->block ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x < y ? -1 : (x > y);
}

/* A span the braces show: a figure, a range, or a number set aside. */
static bool shown(const doc_view *view, const sl_span *sp)
{
    return view_span_is_kept_quantity(view, sp) ||
           (sp->type && strcmp(sp->type, "not_figure") == 0 &&
            sp->block < view->doc->n_blocks &&
            view->text_offset[sp->block] >= 0);
}

static int collect_figures(const doc_view *view, figure_list *list)
{
    const sl_doc *doc = view->doc;
    list->n = list->next = 0;
    list->spans = NULL;
    size_t count = 0;
    for (size_t i = 0; i < doc->n_spans; i++)
        count += shown(view, &doc->spans[i]);
    if (count == 0)
        return 0;
    list->spans = malloc(count * sizeof *list->spans);
    if (!list->spans)
        return -1;
    for (size_t i = 0; i < doc->n_spans; i++)
        if (shown(view, &doc->spans[i]))
            list->spans[list->n++] = &doc->spans[i];
    qsort(list->spans, list->n, sizeof *list->spans, by_block_then_start);
    return 0;
}

static void put_figures_of(outbuf *b, const sl_block *blk, size_t index,
                           figure_list *list)
{
    while (list->next < list->n && list->spans[list->next]->block < index)
        list->next++;
    while (list->next < list->n && list->spans[list->next]->block == index) {
        const sl_span *sp = list->spans[list->next++];
        size_t start = sp->start, end = sp->end;
        clamp_span(blk->text, blk->len, &start, &end);
        outbuf_puts(b, "  {");
        put_one_line(b, blk->text + start, end - start);
        if (strcmp(sp->type, "not_figure") == 0) {
            outbuf_puts(b, " no figure: ");
            outbuf_puts(b, sp->kind ? sp->kind : "?");
            outbuf_putc(b, '}');
            continue;
        }
        char number[40];
        if ((sp->flags & SL_SPAN_HAS_VALUE) &&
            format_number(sp->value, number, sizeof number)) {
            outbuf_puts(b, " = ");
            outbuf_puts(b, number);
        } else if ((sp->flags & SL_SPAN_HAS_RANGE) &&
                   format_number(sp->low, number, sizeof number)) {
            outbuf_puts(b, " = ");
            outbuf_puts(b, number);
            if (format_number(sp->high, number, sizeof number)) {
                outbuf_puts(b, "..");
                outbuf_puts(b, number);
            }
        }
        if (sp->unit) {
            outbuf_putc(b, ' ');
            outbuf_puts(b, sp->unit);
        }
        if (sp->kind && !(sp->unit && strcmp(sp->unit, sp->kind) == 0)) {
            outbuf_putc(b, ' ');
            outbuf_puts(b, sp->kind);
        }
        outbuf_putc(b, '}');
    }
}

static void put_block_line(outbuf *b, const sl_block *blk, size_t index,
                           figure_list *figures)
{
    put_position(b, blk, index);
    if (blk->flags & SL_BLOCK_BOILERPLATE) {
        outbuf_puts(b, "[-] ");
        outbuf_puts(b, blk->reason ? blk->reason : "boilerplate");
        outbuf_putc(b, ' ');
        char score[16];
        snprintf(score, sizeof score, "%.2f", (double)blk->score);
        outbuf_puts(b, score);
        outbuf_puts(b, "  ");
    } else if (blk->flags & SL_BLOCK_MERGED) {
        outbuf_puts(b, "[+] ");
        outbuf_puts(b, blk->reason ? blk->reason : "merged");
        outbuf_puts(b, "  ");
    } else {
        const char *tag = kind_tag(blk);
        if (tag) {
            outbuf_putc(b, '[');
            outbuf_puts(b, tag);
            if (blk->kind == SL_BLOCK_HEADING && !(blk->flags & SL_BLOCK_TITLE))
                outbuf_put_int(b, blk->level);
            outbuf_puts(b, "]  ");
        }
        if (blk->flags & SL_BLOCK_LINES) {
            outbuf_putc(b, '[');
            long long lines = count_lines(blk->text, blk->len);
            outbuf_put_int(b, lines);
            outbuf_puts(b, lines == 1 ? " line]  " : " lines]  ");
        }
    }
    put_one_line(b, blk->text, blk->len);
    put_figures_of(b, blk, index, figures);
    outbuf_putc(b, '\n');
}

/* "(dropped by STAGE: REASON DETAIL)" for a dropped document. */
static int put_drop(outbuf *b, const sl_drop_info *drop)
{
    outbuf_puts(b, "  (dropped by ");
    outbuf_puts(b, drop->stage);
    outbuf_puts(b, ": ");
    outbuf_puts(b, drop->reason);
    if (drop->detail) {
        char *detail = json_dumps(drop->detail, JSON_COMPACT | JSON_ENCODE_ANY |
                                                    JSON_PRESERVE_ORDER);
        if (!detail)
            return -1;
        outbuf_putc(b, ' ');
        outbuf_puts(b, detail);
        free(detail);
    }
    outbuf_puts(b, ")\n");
    return 0;
}

/* One document; drop is NULL for a document that reached the exporter. */
static int write_view(sl_ctx *ctx, export_state *st, const doc_view *view,
                      const sl_drop_info *drop)
{
    const sl_doc *doc = view->doc;
    outbuf *b = &st->buf;
    size_t kept = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        kept += view_block_kept(view, i);
    outbuf_puts(b, "== ");
    outbuf_puts(b, doc->id);
    if (doc->title) {
        outbuf_puts(b, "  title: ");
        put_one_line(b, doc->title, strlen(doc->title));
    }
    if (drop) {
        if (put_drop(b, drop) != 0)
            return sl_fail(ctx, "out of memory");
    } else {
        char counts[64];
        snprintf(counts, sizeof counts, "  (kept %zu of %zu blocks)\n", kept,
                 doc->n_blocks);
        outbuf_puts(b, counts);
    }
    /* the html stage's page type and the region it kept */
    const char *type = sl_doc_meta_string(doc, "page_type");
    if (type) {
        const char *region = sl_doc_meta_string(doc, "region");
        outbuf_puts(b, "page: ");
        outbuf_puts(b, type);
        if (region) {
            outbuf_puts(b, "  region: ");
            outbuf_puts(b, region);
        }
        outbuf_putc(b, '\n');
    }
    figure_list figures;
    if (collect_figures(view, &figures) != 0)
        return sl_fail(ctx, "out of memory");
    for (size_t i = 0; i < doc->n_blocks; i++)
        put_block_line(b, &doc->blocks[i], i, &figures);
    free(figures.spans);
    outbuf_putc(b, '\n');
    return export_emit(ctx, st);
}

static int explain_write(sl_ctx *ctx, export_state *st, const doc_view *view)
{
    return write_view(ctx, st, view, NULL);
}

int export_explain_dropped(sl_ctx *ctx, export_state *st, const doc_view *view,
                           const sl_drop_info *drop)
{
    return write_view(ctx, st, view, drop);
}

const export_format export_format_explain = {
    .name = "explain",
    .write = explain_write,
};
