/* sluice/doc.h - the document model every stage reads and edits.
 *
 * A document (sl_doc) is an id, metadata, a title and an ordered list of
 * blocks. A block is one unit of text with its own UTF-8 string: a
 * paragraph, a heading, a list item, a caption, a table row. Stages edit
 * blocks and attach spans (typed annotations over a byte range of one
 * block) and sections (the outline).
 *
 * Ownership, stated once: the core owns every document. A stage's process
 * function borrows the document for the duration of the call. Every string
 * and array reachable from a document lives in the document's arena, or in
 * memory the document frees, and is released in one go when the document
 * leaves the pipeline. Functions that copy say so (_copy); strings passed in
 * are never retained. Functions that allocate return NULL (or -1) when
 * memory runs out; they never abort.
 *
 * Fields of the structs below may be read directly. Change them through the
 * functions here where one exists (they keep spans and sections pointing at
 * the right blocks); scalar fields (kind, level, flags, score, reason) may be
 * assigned directly.
 */
#ifndef SLUICE_DOC_H
#define SLUICE_DOC_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What a block is. Appended to at the end only. */
typedef enum sl_block_kind {
    SL_BLOCK_PARAGRAPH = 0,
    SL_BLOCK_HEADING, /* level holds the depth, 1 = top */
    SL_BLOCK_LIST_ITEM,
    SL_BLOCK_CAPTION,   /* a figure or table caption: "图1 ...", "Table 2." */
    SL_BLOCK_TABLE_ROW, /* one row; cells separated by '\t' */
    SL_BLOCK_CODE,      /* preformatted text, kept verbatim */
    SL_BLOCK_QUOTE
} sl_block_kind;

/* Block flags. */
enum {
    /* Judged not part of the article; exporters leave it out of "text"
     * unless asked to show removed blocks. reason says why. */
    SL_BLOCK_BOILERPLATE = 1u << 0,
    /* Joined into the previous kept block by a repair; never exported. */
    SL_BLOCK_MERGED = 1u << 1,
    /* The line that carries the document title (exported as "title"). */
    SL_BLOCK_TITLE = 1u << 2,
    /* Several short source lines coalesced into one paragraph block,
     * separated by '\n' in text (see sl_doc_coalesces_lines): stages keep
     * the line breaks, and treat the block as body text, never as a
     * heading, a title or a line to join. */
    SL_BLOCK_LINES = 1u << 3
};

/* Coalescing of short lines. A document of very many very short lines
 * (one character per line, a page of <br>s) would hold more 64-byte
 * sl_blocks than its memory bound allows, so such a document's
 * consecutive short lines are coalesced into SL_BLOCK_LINES blocks of up
 * to about SL_LINES_GROUP_BYTES bytes. Ordinary documents never are. */
enum {
    /* fewer lines are never coalesced */
    SL_LINES_DENSE_MIN = 65536,
    /* ... nor lines of this many bytes on average or more */
    SL_LINES_DENSE_BYTES = 32,
    /* a line joins a block shorter than this */
    SL_LINES_GROUP_BYTES = 256
};

/* Non-zero when a document of bytes bytes and lines lines (or breaks)
 * is coalesced: more than SL_LINES_DENSE_MIN lines of fewer than
 * SL_LINES_DENSE_BYTES bytes on average. */
int sl_doc_coalesces_lines(size_t lines, size_t bytes);

/* Hints taken from class and id attributes of a block's ancestors. */
enum {
    SL_HINT_NAV = 1u << 0,     /* nav, menu, navbar, breadcrumb */
    SL_HINT_FOOTER = 1u << 1,  /* footer, copyright */
    SL_HINT_HEADER = 1u << 2,  /* header, masthead, banner */
    SL_HINT_SIDEBAR = 1u << 3, /* sidebar, aside, widget */
    SL_HINT_RELATED = 1u << 4, /* related, recommend, more, hot */
    SL_HINT_COMMENT = 1u << 5, /* comment, reply */
    SL_HINT_SHARE = 1u << 6,   /* share, social */
    SL_HINT_AD = 1u << 7,      /* ad, ads, advert, sponsor, promo */
    SL_HINT_CONTENT = 1u << 8, /* article, content, post, entry, main, body */
    SL_HINT_BREADCRUMB = 1u << 9, /* breadcrumb, crumbs, location, position */
    SL_HINT_HIDDEN = 1u << 10,    /* display:none, hidden attribute */
    /* What the html stage found about the page's main content, by scoring
     * containers on their text, punctuation and link density: */
    SL_HINT_MAIN = 1u << 16,       /* the block lies inside it */
    SL_HINT_MAIN_FOUND = 1u << 17, /* the page has one (set on every block) */
    /* inside a <form>, <header>, <nav>, <footer> or <aside> element (the
     * tag itself, not a class name) */
    SL_HINT_TAG_CHROME = 1u << 18,
    /* inside a container of the main content that holds little prose: a
     * list of links, a box of short items */
    SL_HINT_WEAK_CONTAINER = 1u << 19,
    /* on a forum, comment or Q&A page (metadata.page_type): the block lies
     * in a post, which is content */
    SL_HINT_POST = 1u << 20,
    /* ... in a post but outside its body: its author, time or rank line */
    SL_HINT_POST_META = 1u << 21,
    /* the block is the alt text of an image that stands alone, written as
     * a sentence; kept only when the page has no other text */
    SL_HINT_IMAGE_ALT = 1u << 22,
    /* the block follows an enabled radio button or checkbox in its line:
     * an option of a form (a report dialog's reasons, a poll's answers,
     * "Remember me"); a task list's disabled checkboxes do not count */
    SL_HINT_FORM_OPTION = 1u << 23,
    /* three quarters of the block's text or more lies in links marked
     * rel="sponsored": a paid or affiliate link set as a line of its own
     * ("... is streaming on ..."), an advertisement */
    SL_HINT_SPONSORED = 1u << 24
};

/* What the html stage learned about the element a block came from. */
typedef struct sl_html_features {
    const char *tag;      /* element name: "p", "li", "td", "h2" */
    const char *path;     /* ancestor tags from body: "div>article>p" */
    const char *class_id; /* class and id tokens of the element and its
                             ancestors, space separated, lower case */
    uint32_t depth;       /* element depth below <body> */
    uint32_t text_chars;  /* characters (code points) of text */
    uint32_t link_chars;  /* of which inside <a> */
    uint32_t hints;       /* SL_HINT_* bits */
    uint32_t dom_index;   /* order of the element in the page */
} sl_html_features;

typedef struct sl_block {
    sl_block_kind kind;
    int level;      /* heading depth (1..); 0 for other kinds */
    unsigned flags; /* SL_BLOCK_* bits */
    char *text;     /* UTF-8, NUL-terminated; change with sl_block_set_text */
    size_t len;     /* bytes in text, without the NUL */
    uint32_t line;  /* 1-based source line of the block's first byte, for
                       plain-text input; 0 when unknown */
    uint32_t blank_before; /* blank lines between this block and the
                              previous one in plain-text input; 0 means the
                              previous line ran straight into this one */
    float score;           /* a stage's confidence in its decision, 0..1 */
    const char *reason;    /* why a stage flagged the block (static or arena) */
    sl_html_features *html; /* set by the html stage, else NULL */
} sl_block;

/* Span flags. */
enum {
    SL_SPAN_HAS_VALUE = 1u << 0, /* value is meaningful (else null) */
    SL_SPAN_HAS_RANGE = 1u << 1  /* low and high are meaningful */
};

/* A typed annotation over bytes [start, end) of one block's text.
 * Figures use type "figure", ranges and conditions (5-10%, 大于10) type
 * "range"; captions "caption"; references to captions "caption_ref". Strings
 * are static or in the document's arena. */
typedef struct sl_span {
    const char *type;
    size_t block;          /* index into doc->blocks */
    size_t start, end;     /* byte offsets into blocks[block].text */
    const char *kind;      /* figures: count, money, percent, ratio, rate,
                              quantity, year, date, placeholder */
    const char *unit;      /* "person", "CNY", "percent", "km" ... or NULL */
    const char *qualifier; /* "about", "over", "near", "under" ... or NULL */
    double value, low, high;
    unsigned flags;    /* SL_SPAN_* bits */
    const char *label; /* captions: "图1", "Table 2"; refs: the target label */
    long target;       /* caption_ref: index of the caption span, or -1 */
    json_t *attrs;     /* anything else; the document releases it; NULL */
} sl_span;

/* One node of the outline. Sections are stored in document order; parent
 * links make the tree. */
typedef struct sl_section {
    size_t heading_block; /* index of the heading block */
    int level;            /* 1 = top */
    long parent;          /* index into doc->sections, -1 for a top node */
    size_t first_block;   /* first block covered (the heading itself) */
    size_t end_block;     /* one past the last block covered */
} sl_section;

/* How the text of a document is to be read. */
typedef enum sl_content_type {
    SL_CONTENT_TEXT = 0,
    SL_CONTENT_HTML
} sl_content_type;

typedef struct sl_arena sl_arena;

typedef struct sl_doc {
    const char *id;         /* never NULL */
    const char *source;     /* the input file, "-" for standard input */
    uint64_t source_line;   /* JSONL: 1-based line in source; else 0 */
    uint64_t source_offset; /* byte offset of the record in source */
    uint64_t seq;           /* 0-based position in the input stream */
    json_t *meta;           /* JSON object of metadata; owned by the document */
    const char *title;      /* NULL until a stage sets it */
    sl_content_type content_type;
    const char *raw; /* the record's text as read (NUL-terminated) */
    size_t raw_len;

    sl_block *blocks;
    size_t n_blocks;
    sl_span *spans;
    size_t n_spans;
    sl_section *sections;
    size_t n_sections;

    sl_arena *arena; /* owns the document's strings */
    size_t cap_blocks, cap_spans, cap_sections; /* internal */
} sl_doc;

/* ---- documents outside the engine (unit tests of a stage, tools) ----
 * The engine makes the documents a run's stages see; these make one by
 * hand, the way the reader does. */

/* A new empty document with its own arena: id "", meta an empty object,
 * no blocks. NULL when out of memory. */
sl_doc *sl_doc_new(void);

/* Frees the document, its arena, its arrays, meta and span attrs. NULL is
 * allowed. */
void sl_doc_free(sl_doc *doc);

/* Sets the id to a copy of len bytes. Returns 0, or -1. */
int sl_doc_set_id_copy(sl_doc *doc, const char *id, size_t len);

/* Stores a copy of text as the document's raw content (doc->raw). */
int sl_doc_set_raw_copy(sl_doc *doc, const char *text, size_t len);

/* Splits the raw plain text into blocks as the engine does before the
 * first stage: one block per non-blank line, with its line number and
 * the count of blank lines before it; line endings (LF, CRLF, CR) are
 * left out. When sl_doc_coalesces_lines holds for the text, consecutive
 * lines with no blank line between them share one SL_BLOCK_LINES block
 * (its line that of its first line), joined with '\n', while the block
 * is shorter than SL_LINES_GROUP_BYTES. Returns 0, or -1 when out of
 * memory. */
int sl_doc_split_lines(sl_doc *doc);

/* Checks what every stage must leave true: a non-NULL id; meta an object;
 * every block's text valid UTF-8 without NUL, len its length, no NaN
 * score; a title in valid UTF-8; every span typed, on an existing block,
 * inside it on character boundaries, its target -1 or an existing span;
 * every section's heading and blocks existing, its parent before it, its
 * level 1 or more. Returns 0, or -1 with the first broken rule written to
 * why (size bytes, NUL-terminated; may be NULL), such as "span 3
 * [5,9) outside block 2 of 4 bytes". `sluice run --check-docs` calls it
 * after every stage. */
int sl_doc_check(const sl_doc *doc, char *why, size_t size);

/* Memory from the document's arena, zeroed, aligned for any type; freed
 * with the document. NULL when memory runs out. */
void *sl_doc_alloc(sl_doc *doc, size_t size);

/* A NUL-terminated copy of len bytes of s in the document's arena. */
char *sl_doc_strndup_copy(sl_doc *doc, const char *s, size_t len);

/* Sets the title to a copy of text. Returns 0, or -1 when out of memory. */
int sl_doc_set_title_copy(sl_doc *doc, const char *text, size_t len);

/* Appends a block with a copy of text. Returns the new block (valid until
 * the next call that adds or removes blocks), or NULL. */
sl_block *sl_doc_append_block_copy(sl_doc *doc, sl_block_kind kind,
                                   const char *text, size_t len);

/* Inserts a block at index (0..n_blocks) with a copy of text; blocks at
 * and after index move down one, and spans and sections follow them.
 * Returns the new block or NULL. */
sl_block *sl_doc_insert_block_copy(sl_doc *doc, size_t index,
                                   sl_block_kind kind, const char *text,
                                   size_t len);

/* Removes the block at index with its spans (as sl_doc_remove_span does:
 * targets that pointed at them become -1) and the sections it heads (as
 * sl_doc_remove_section does: their children move up to their parent);
 * later blocks move up and spans and sections follow them. */
void sl_doc_remove_block(sl_doc *doc, size_t index);

/* Removes every block whose text is empty, with their spans and the
 * sections they head, in one pass; later blocks move up and spans and
 * sections follow them, as with sl_doc_remove_block (which costs a pass
 * over the document per block).
 * Returns the number removed, or -1 when out of memory (nothing removed). */
long sl_doc_remove_empty_blocks(sl_doc *doc);

/* Removes every block, span and section (the html stage starts afresh). */
void sl_doc_clear_blocks(sl_doc *doc);

/* Replaces a block's text with a copy of text. Spans on the block are kept
 * as they are: the caller adjusts them if offsets moved (or uses
 * sl_doc_replace_text_copy, which does). Returns 0 or -1. */
int sl_block_set_text_copy(sl_doc *doc, sl_block *block, const char *text,
                           size_t len);

/* ---- editing (ABI 1.3) ---- */

/* Removes span index and releases its attrs; later spans move down one.
 * Every target follows the span it points at, and a target that pointed
 * at the removed span becomes -1. Returns 0, or -1 when there is no such
 * span. Never fails for want of memory (it then takes a pass over the
 * spans per target instead of one in all). */
int sl_doc_remove_span(sl_doc *doc, size_t index);

/* Removes outline node index, leaving its heading block in place as
 * text. Its children move up to its parent (or to the top), so their
 * blocks belong to the parent as when an exporter finds a heading
 * dropped; later sections move down one and parents follow them. Returns
 * 0, or -1 when there is no such section. */
int sl_doc_remove_section(sl_doc *doc, size_t index);

/* Replaces bytes [start, end) of block's text with a copy of text[0..len)
 * (start == end inserts; len 0 deletes) and moves the block's spans with
 * their bytes. With delta = len - (end - start), a span
 *   - that ends at or before start is unchanged;
 *   - that starts at or after end moves by delta (text inserted where a
 *     span starts goes before it);
 *   - that holds the whole range and more (start and end both within
 *     [span.start, span.end], the span longer than the range) stretches:
 *     its end moves by delta and it covers the new text;
 *   - that lies wholly within a non-empty range is removed, as by
 *     sl_doc_remove_span (targets that pointed at it become -1);
 *   - that the range cuts (the range crosses one of its ends) keeps only
 *     its bytes outside the range.
 * Returns the number of spans removed, or -1 with nothing changed when
 * block does not exist, start > end, end is past the text, start or end
 * falls inside a UTF-8 character, text is not valid UTF-8 or holds a NUL
 * byte, or memory runs out. text may point into the document, even into
 * the block's own text. Each call copies the block's text into the
 * arena: for many edits of one block, build its new text and use
 * sl_block_set_text_copy. */
long sl_doc_replace_text_copy(sl_doc *doc, size_t block, size_t start,
                              size_t end, const char *text, size_t len);

/* Whether the page title is part of a document's clean text (the export
 * stage's option title_in_text). The title is always in the record's
 * "title" field; these choose whether the text also starts with it. */
typedef enum sl_title_in_text {
    /* left out on pages whose metadata.page_type is "article" (the text is
     * the article's body), kept on every other document: forum, comment,
     * Q&A and list pages, and inputs that are not HTML pages */
    SL_TITLE_IN_TEXT_AUTO = 0,
    SL_TITLE_IN_TEXT_ALWAYS, /* the title line always opens the text */
    SL_TITLE_IN_TEXT_NEVER   /* the title is never in the text */
} sl_title_in_text;

/* 1 when, under mode, the title may be part of doc's text (always; auto
 * on a document whose metadata.page_type is not "article"), else 0. */
int sl_doc_text_has_title(const sl_doc *doc, sl_title_in_text mode);

/* Where the title line goes in a document's clean text: the one decision
 * that sl_doc_export_text_with and every export format follow. */
typedef struct sl_title_line {
    const char *text; /* the line that opens the text (its bytes, not
                         NUL-terminated), or NULL when the text starts with
                         the first kept block in its place */
    size_t len;       /* bytes of text; 0 when text is NULL */
    long block;       /* with text: the kept title block moved to the front
                         (text is its text), or -1 when text is doc->title
                         (the title block was dropped). Without text: the
                         kept title block left out of the text, or -1 when
                         no block is out of its place */
} sl_title_line;

/* Places the title line of doc under mode (ABI 1.4). The title line is the
 * first block flagged SL_BLOCK_TITLE; when there is none (a title taken
 * from metadata or <title> only), the text has no title line and nothing
 * moves. When the title is in the text (sl_doc_text_has_title): nothing
 * moves when that block is the first kept block; a kept block elsewhere
 * moves to the front; a dropped one still opens the text with doc->title
 * (unless doc->title is NULL or empty). When the title is not in the text:
 * the kept title block is left out wherever it is, if its text is
 * doc->title (the record keeps it in "title"). Pointers into doc, valid
 * until it changes. Frozen for ABI 1: a later field would change the size
 * of what the function returns. */
sl_title_line sl_doc_title_line(const sl_doc *doc, sl_title_in_text mode);

/* The document's clean text exactly as the exporters write it with
 * title_in_text = mode (the "text" field of a JSONL record; the text
 * format writes it followed by a blank line): the title line placed by
 * sl_doc_title_line first, then each kept block (not sl_block_is_dropped)
 * in order but the title block that was moved or left out. Lines joined
 * by "\n", with no line feed at the end. NUL-terminated, in the
 * document's arena (a new copy each call); *len (may be NULL) receives its
 * length. NULL when out of memory. */
const char *sl_doc_export_text_with(sl_doc *doc, sl_title_in_text mode,
                                    size_t *len);

/* sl_doc_export_text_with(doc, SL_TITLE_IN_TEXT_AUTO, len): the text the
 * export stage writes with its default options. */
const char *sl_doc_export_text(sl_doc *doc, size_t *len);

/* Appends a span of the given type (a static string) over bytes
 * [start, end) of block. Every other field starts zero/NULL, target -1.
 * Returns the span (valid until the next span is added) or NULL. */
sl_span *sl_doc_add_span(sl_doc *doc, const char *type, size_t block,
                         size_t start, size_t end);

/* Appends a section. Returns it, or NULL. */
sl_section *sl_doc_add_section(sl_doc *doc, size_t heading_block, int level,
                               long parent);

/* Looks a metadata field up as a string; NULL when absent or not a string. */
const char *sl_doc_meta_string(const sl_doc *doc, const char *key);

/* True when the block is left out of the clean text (boilerplate or
 * merged). */
int sl_block_is_dropped(const sl_block *block);

#ifdef __cplusplus
}
#endif
#endif
