/* plugins/sections/sections_internal.h - what the files of the sections
 * stage share: heading marker families, the per-block scratch record, and
 * the functions each file implements (markers.c, markdown.c, noise.c,
 * repair.c, headings.c, outline.c).
 *
 * Nothing here allocates except where a function says it takes the
 * document's arena; no function prints.
 */
#ifndef SLUICE_SECTIONS_INTERNAL_H
#define SLUICE_SECTIONS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sluice/sluice.h>

/* Families of heading markers. Each document decides how they nest. */
typedef enum sec_family {
    SEC_FAM_NONE = 0,
    SEC_FAM_BIAN,      /* 第一编 */
    SEC_FAM_BUFEN,     /* 第一部分 */
    SEC_FAM_ZHANG,     /* 第一章 */
    SEC_FAM_JIE,       /* 第一节 */
    SEC_FAM_TIAO,      /* 第一条 (a heading only when it stands alone) */
    SEC_FAM_PIAN,      /* ...篇1, 第一篇 */
    SEC_FAM_CN_DUN,    /* 一、 */
    SEC_FAM_CN_DOT,    /* 一. 一． */
    SEC_FAM_CN_PAREN,  /* (一) （一） */
    SEC_FAM_AR_DUN,    /* 1、 */
    SEC_FAM_AR_DOT,    /* 1. 1． */
    SEC_FAM_AR_PAREN,  /* (1) （1） ⑴ */
    SEC_FAM_AR_RPAREN, /* 1) 1） */
    SEC_FAM_CIRCLED,   /* ① */
    SEC_FAM_ROMAN,     /* Ⅰ、 Ⅱ. */
    SEC_FAM_DOTTED2,   /* 1.1 */
    SEC_FAM_DOTTED3,   /* 1.1.1 */
    SEC_FAM_DOTTED4,   /* 1.1.1.1 and deeper */
    SEC_FAM_AR_SPACE,  /* "1 Title" */
    SEC_FAM_PLAIN,     /* a short title-like line without a marker */
    SEC_FAM_TITLE,     /* the document's title line: level 1, all below */
    SEC_FAM_BULLET,    /* - * + • : a list item, never a heading */
    SEC_FAM_EXPLICIT,  /* Markdown or html: the level is given */
    SEC_FAM_COUNT
} sec_family;

/* What a line (block) turned out to be. */
typedef enum sec_role {
    SEC_ROLE_BODY = 0, /* ordinary text */
    SEC_ROLE_SKIP,     /* not looked at: dropped, title, merged */
    SEC_ROLE_HEADING,  /* the whole block is a heading */
    SEC_ROLE_LEADIN,   /* a heading followed by body text on one line */
    SEC_ROLE_LIST,     /* a list item (marker, but not a heading) */
    SEC_ROLE_MARKUP    /* Markdown syntax only: underline, fence, rule */
} sec_role;

/* Scratch offsets within one line. The stage keeps one sec_line per
 * block, so they are 32-bit: a document with a block or a source text
 * over SEC_MAX_LINE_BYTES is refused (sections.c). */
typedef uint32_t sec_offset;
#define SEC_MAX_LINE_BYTES ((size_t)UINT32_MAX)

/* What the marker scanner found at the start of a block's text. */
typedef struct sec_marker {
    sec_offset start; /* first byte of the marker (after indentation) */
    sec_offset body;  /* first byte after the marker, spaces and 是 */
    uint8_t family;   /* a sec_family */
    bool copula;      /* the (一)是 form */
} sec_marker;

/* Markdown facts about one line. */
typedef enum sec_md_kind {
    SEC_MD_TEXT = 0,    /* a paragraph line */
    SEC_MD_ATX,         /* # heading */
    SEC_MD_EMPTY_ATX,   /* "#" or "## " with no text: not a heading */
    SEC_MD_SETEXT_EQ,   /* === underline */
    SEC_MD_SETEXT_DASH, /* --- underline (or a thematic break) */
    SEC_MD_RULE,        /* *** ___ - - - thematic break */
    SEC_MD_FENCE,       /* ``` or ~~~ */
    SEC_MD_INDENTED     /* four spaces or more: code, or a continuation */
} sec_md_kind;

/* Markdown facts about one line: its containers (block quotes, one list
 * item) and what is inside them. */
typedef struct sec_md_line {
    sec_offset text_start; /* the inner text, trimmed; for ATX the heading */
    sec_offset text_end;
    sec_offset indent;         /* columns of indentation of the raw line
                                  (saturating) */
    sec_offset content_indent; /* list item: column where its content
                                  starts (saturating) */
    sec_offset fence_len;
    uint32_t quote_depth; /* count of > containers */
    uint8_t kind;         /* a sec_md_kind: of the content inside the
                             containers */
    uint8_t level;        /* ATX: 1..6 */
    bool list_item;       /* the line opens a list item */
    char fence_char;      /* FENCE: '`' or '~' */
} sec_md_line;

/* Scratch facts about one block, kept in one array per document: 88
 * bytes (it was 168 with size_t offsets), which on a page of a million
 * one-character lines is most of what the stage adds to the document. */
typedef struct sec_line {
    const char *md_text; /* the source line md describes (raw or block) */
    char *heading_text;  /* Markdown: the heading's plain text (arena) */
    sec_marker marker;
    sec_md_line md;
    sec_offset head_len;   /* HEADING/LEADIN: bytes of the heading text */
    sec_offset body_start; /* LEADIN: first byte of the body text */
    sec_offset heading_text_len;
    uint32_t final_index; /* index of the block after lead-ins were split */
    uint8_t role;         /* a sec_role */
    bool title_heading;   /* the title block may also be a heading */
    bool appendix;        /* opens an appendix (附件, 附：): the sections
                             before it close */
    bool joinable;        /* repair: the block takes part in joins */
    uint8_t script;       /* sec_line_is_mostly_cjk's answer: 0 not asked
                             yet, 1 no, 2 yes; repair clears it when it
                             joins text to the block's */
    int32_t last_char;    /* sec_line_last_char's answer, 0 when not asked
                             yet (or the text holds no visible character);
                             repair clears it with script */
    int explicit_level;   /* Markdown/html levels; 0 otherwise */
} sec_line;

/* The stage's options (its state; read-only in process). */
typedef struct sections_state {
    bool repair;        /* join broken paragraphs, reflow wrapped text */
    bool noise;         /* remove characters injected between CJK */
    bool title_lines;   /* short title-like lines become headings */
    bool title_heading; /* the title line heads the outline at level 1 */
    bool split_leadins; /* split "1、标题。正文" into heading and body */
    long max_heading_chars; /* longest heading phrase, in characters */
} sections_state;

/* ---- characters ------------------------------------------------------- */

/* sl_is_space, with ASCII and everything after U+3000 (the last space:
 * Han, full-width forms) answered here. */
static inline bool sec_is_space(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
    if (cp > 0x3000)
        return false;
    return sl_is_space(cp);
}

/* sl_is_han with the CJK Unified Ideographs (U+4E00..U+9FFF, nearly every
 * Han character of a text) answered here. */
static inline bool sec_is_han(int32_t cp)
{
    if (cp >= 0x4E00 && cp <= 0x9FFF)
        return true;
    return sl_is_han(cp);
}

/* Moves *pos past a run of well-formed three-byte characters whose lead
 * byte is E4..E9 (U+4000..U+9FFF: Han and a few symbols, none of them
 * white space or punctuation), at most room of them, and returns how
 * many it passed: the loops that decode a line character by character
 * pass Chinese prose here and decode only the rest. A malformed sequence
 * stops the run, so the loop after it decodes it as before. */
static inline size_t sec_skip_ideographs(const char *s, size_t len, size_t *pos,
                                         size_t room)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t p = *pos, n = 0;
    while (n < room && len - p >= 3 && u[p] >= 0xE4 && u[p] <= 0xE9 &&
           (u[p + 1] & 0xC0) == 0x80 && (u[p + 2] & 0xC0) == 0x80) {
        p += 3;
        n++;
    }
    *pos = p;
    return n;
}

/* sl_block_is_dropped read in place (the stage asks it of every block
 * several times): flagged boilerplate or merged into another block. */
static inline bool sec_block_is_dropped(const sl_block *b)
{
    return (b->flags & (SL_BLOCK_BOILERPLATE | SL_BLOCK_MERGED)) != 0;
}

/* ---- eight bytes at a time -------------------------------------------- */

/* The per-byte counts below read a text eight bytes at a time as one
 * 64-bit word. A test on every byte of the word leaves the high bit (bit
 * 7) of each byte that passes and clears every other bit. */

/* Bit 7 of every byte of a word. */
#define SEC_HIGH_BITS 0x8080808080808080ULL
/* Bit 0 of every byte of a word. */
#define SEC_LOW_BITS 0x0101010101010101ULL

/* How many bytes of a test result have their high bit set. */
static inline size_t sec_count_marked(uint64_t marks)
{
    /* each byte becomes 0 or 1; the multiplication sums them in the top
     * byte (at most 8, so no byte overflows) */
    return (size_t)((((marks & SEC_HIGH_BITS) >> 7) * SEC_LOW_BITS) >> 56);
}

/* Marks the bytes of w that continue a UTF-8 character (10xxxxxx). */
static inline uint64_t sec_mark_continuations(uint64_t w)
{
    /* bit 7 set and bit 6 (moved up to bit 7 by the shift) clear */
    return w & ~(w << 1) & SEC_HIGH_BITS;
}

/* Marks the bytes of w equal to c (an ASCII byte). */
static inline uint64_t sec_mark_equal(uint64_t w, unsigned char c)
{
    uint64_t diff = w ^ (SEC_LOW_BITS * c); /* zero where equal */
    /* adding 0x7F to the low seven bits sets bit 7 of every byte whose
     * low bits are not zero, without carrying into the next byte */
    uint64_t nonzero = ((diff & ~SEC_HIGH_BITS) + ~SEC_HIGH_BITS) | diff;
    return ~nonzero & SEC_HIGH_BITS;
}

/* ---- markers.c -------------------------------------------------------- */

/* Looks for a heading marker at the start of s (after indentation). Fills
 * m (family SEC_FAM_NONE when there is none). Never allocates. */
void sec_scan_marker(const char *s, size_t len, sec_marker *m);

/* The same scan with every first character sent through the whole chain
 * of family tests (no shortcut for Han characters): the reference
 * sec_scan_marker is tested against. */
void sec_scan_marker_chain(const char *s, size_t len, sec_marker *m);

/* True when s starts (after indentation) with a discourse enumerator that
 * opens body text: 一是, 二是, 首先, 其次, 第一，, First, ... */
bool sec_starts_enumerator(const char *s, size_t len);

/* A Chinese numeral of outline markers (一..十 百 千 零 〇 两), found by
 * a hash of the code point. Exposed for tests. */
bool sec_is_cn_numeral(int32_t cp);

/* The same test as a list of the numerals: the reference
 * sec_is_cn_numeral is tested against. */
bool sec_is_cn_numeral_listed(int32_t cp);

/* True when the last code point of s[0..len) is c (a code point). */
bool sec_ends_with(const char *s, size_t len, int32_t c);

/* The last code point of s[0..len) other than white space, or 0, read
 * backwards character by character: the reference of sec_last_char. */
int32_t sec_last_char_slow(const char *s, size_t len);

/* The first code point of s[0..len) other than white space, or 0, read
 * forwards: the reference of sec_first_char. */
int32_t sec_first_char_slow(const char *s, size_t len);

/* The last code point of s[0..len) other than white space, or 0. Most
 * lines end in a visible ASCII byte or in a character of U+3001..U+CFFF
 * or U+E000..U+FFFF (Han, CJK punctuation, the full-width forms), whose
 * three bytes are read here; everything else (white space, other
 * lengths, malformed bytes) goes the slow way. */
static inline int32_t sec_last_char(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0)
        return 0;
    unsigned char c = u[len - 1];
    if (c < 0x80) {
        if (c != ' ' && (c < 0x09 || c > 0x0D))
            return c;
    } else if (len >= 3 && (u[len - 3] >= 0xE3 && u[len - 3] != 0xED) &&
               u[len - 3] <= 0xEF && (u[len - 2] & 0xC0) == 0x80 &&
               (c & 0xC0) == 0x80) {
        int32_t cp = ((u[len - 3] & 0x0F) << 12) | ((u[len - 2] & 0x3F) << 6) |
                     (c & 0x3F);
        if (cp != 0x3000)
            return cp;
    }
    return sec_last_char_slow(s, len);
}

/* The first code point of s[0..len) other than white space, or 0; the
 * same fast cases as sec_last_char. */
static inline int32_t sec_first_char(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0)
        return 0;
    unsigned char c = u[0];
    if (c < 0x80) {
        if (c != ' ' && (c < 0x09 || c > 0x0D))
            return c;
    } else if (len >= 3 && c >= 0xE3 && c <= 0xEF && c != 0xED &&
               (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        int32_t cp = ((c & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        if (cp != 0x3000)
            return cp;
    }
    return sec_first_char_slow(s, len);
}

/* Characters in s[0..len) (code points), ASCII white space excluded,
 * counting stops at limit. */
size_t sec_visible_chars(const char *s, size_t len, size_t limit);

/* sec_visible_chars(s, len, need) >= need: true as soon as the count
 * reaches need. */
bool sec_has_visible_chars(const char *s, size_t len, size_t need);

/* Bytes of s[0..len) that start a character that is never white space:
 * visible ASCII (21..7E) and the leads E4..EF (U+4000..U+FFFF, or a
 * malformed sequence read as U+FFFD). Each starts a code point of its
 * own, so the count is at most the code points of s other than white
 * space. With SSE2, 16 bytes at a time. */
size_t sec_solid_chars(const char *s, size_t len);

/* The same count one byte at a time: the reference sec_solid_chars is
 * tested against. */
size_t sec_solid_chars_bytewise(const char *s, size_t len);

/* True when the text is mostly CJK (more CJK characters than half its
 * Latin letters), judged on its first hundred bytes. */
bool sec_is_mostly_cjk(const char *s, size_t len);

/* sec_is_mostly_cjk of block b's text, kept in its line l: repair and
 * the heading decisions both ask it of many lines. */
static inline bool sec_line_is_mostly_cjk(sec_line *l, const sl_block *b)
{
    if (l->script == 0)
        l->script = sec_is_mostly_cjk(b->text, b->len) ? 2 : 1;
    return l->script == 2;
}

/* sec_last_char of block b's text, kept in its line l (a text without a
 * visible character is read again each time: its answer is 0). */
static inline int32_t sec_line_last_char(sec_line *l, const sl_block *b)
{
    if (l->last_char == 0)
        l->last_char = sec_last_char(b->text, b->len);
    return l->last_char;
}

/* ---- markdown.c ------------------------------------------------------- */

/* Classifies one line of Markdown. A line that starts with a non-ASCII
 * byte is a paragraph line without a look at its containers. */
void sec_md_classify(const char *s, size_t len, sec_md_line *out);

/* The same, every line read for containers and constructs: the reference
 * sec_md_classify is tested against. */
void sec_md_classify_general(const char *s, size_t len, sec_md_line *out);

/* Writes the plain text of a Markdown heading's inline content into out
 * (room for len bytes): backslash escapes resolved, emphasis marks
 * dropped, white space runs folded. Returns the bytes written. */
size_t sec_md_plain(const char *s, size_t len, char *out);

/* ---- source_lines.c --------------------------------------------------- */

/* A position in doc->raw, moved forward line by line. Start zeroed. */
typedef struct sec_source_cursor {
    size_t pos;     /* first byte of line `line` */
    uint32_t line;  /* 1-based; 0 before the first use */
    bool end_known; /* end holds the end of line `line` */
    size_t end;     /* its first '\n' or '\r', or the end of the text */
    bool has_cr;    /* the text holds a '\r' (set on the first use) */
} sec_source_cursor;

/* Finds source line `line` (1-based, as in sl_block.line) of doc->raw,
 * without its line ending. Cheap when lines are asked in increasing order.
 * False when the document has no raw text or no such line. */
bool sec_source_line(const sl_doc *doc, sec_source_cursor *c, uint32_t line,
                     const char **text, size_t *len);

/* ---- noise.c ---------------------------------------------------------- */

/* Removes characters injected between CJK characters in every kept block
 * (stray ' or . or, in plain text, a single space between two Han
 * characters, doubled ,, and 、、), keeping units such as 人.年. Counts
 * repairs.noise_char, repairs.space and repairs.double_punct. Returns 0 or -1
 * (out of memory, after sl_fail). */
int sec_remove_noise(sl_ctx *ctx, sl_doc *doc);

/* The cleaned copy of one text into out (room for len bytes); single
 * spaces between Han characters go only with remove_spaces. Counts what
 * was removed into the three counters. Returns the new length. Exposed for
 * tests. */
size_t sec_clean_text(const char *s, size_t len, char *out, bool remove_spaces,
                      uint64_t *noise_chars, uint64_t *spaces,
                      uint64_t *double_punct);

/* The offset of the first noise character of s (len bytes) that
 * sec_remove_noise would remove, or len when there is none. With SSE2,
 * 16 bytes at a time through Chinese prose. Exposed for tests. */
size_t sec_first_noise(const char *s, size_t len, bool spaces);

/* sec_first_noise with the chunk search chosen: 32 bytes at a time (AVX2)
 * when avx2 is true, which only a processor sec_noise_has_avx2 accepts
 * may be asked for, else 16 (SSE2). Exposed for tests. */
size_t sec_first_noise_chunks(const char *s, size_t len, bool spaces,
                              bool avx2);

/* Whether this processor runs the AVX2 chunk search. */
bool sec_noise_has_avx2(void);

/* The same answer the slow way, noise_at at every byte from the second:
 * the reference sec_first_noise is tested against. */
size_t sec_first_noise_bytewise(const char *s, size_t len, bool spaces);

/* ---- repair.c --------------------------------------------------------- */

/* Joins blocks broken in the middle of a sentence and reflows hard-wrapped
 * Chinese text (plain-text documents only). lines[] holds the marker scan
 * of every block. Counts repairs.join and repairs.reflow. Returns 0 or -1
 * (after sl_fail). */
int sec_repair(sl_ctx *ctx, sl_doc *doc, sec_line *lines);

/* Display columns of s[0..len), counted on bytes: a character of three
 * or four bytes (CJK, full-width forms) takes two, others one. With
 * AVX2 (where the processor has it) 32 bytes at a time, else with SSE2
 * sixteen. Exposed for tests. */
size_t sec_columns(const char *s, size_t len);

/* sec_columns with the chunk count chosen: 32 bytes at a time (AVX2)
 * when avx2 is true, which only a processor sec_noise_has_avx2 accepts
 * may be asked for, else 16 (SSE2). Exposed for tests. */
size_t sec_columns_chunks(const char *s, size_t len, bool avx2);

/* The same count one byte at a time: the reference sec_columns is tested
 * against. */
size_t sec_columns_bytewise(const char *s, size_t len);

/* ---- headings.c ------------------------------------------------------- */

/* Decides the role of every block (heading, lead-in, list item, body) and
 * the length of each heading. Markdown headings get their plain text from
 * the document's arena; a Setext heading's other lines and its underline
 * are flagged SL_BLOCK_MERGED. Returns 0 or -1 (out of memory). */
int sec_decide_roles(const sections_state *st, sl_doc *doc, sec_line *lines);

/* ---- outline.c -------------------------------------------------------- */

/* Rewrites heading blocks (kind, level, text), splits lead-ins into a
 * heading block and a body block, and builds doc->sections. lines[] must
 * have doc->n_blocks entries on entry. Returns 0 or -1 (after sl_fail). */
int sec_build_outline(sl_ctx *ctx, sl_doc *doc, sec_line *lines);

#endif
