/* plugins/figures/context.c - what the words around a number say about
 * it: qualifiers before and after (近, 约, 超过, 以上, about, more than),
 * ordinal and label contexts that make it no figure (第一, 篇1, 图1,
 * No. 5), idioms built on numerals (一起, 十分, 一对一), and the noun a
 * bare number counts (18万灾区中小学生 → person, 筹集资金48.8亿 → CNY).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include <sluice/text.h>

#include "figures.h"

/* Skips back over ASCII spaces before pos. */
static size_t back_spaces(const char *s, size_t pos)
{
    while (pos > 0 && s[pos - 1] == ' ')
        pos--;
    return pos;
}

typedef struct qual_word {
    const char *text;
    size_t len;
    const char *qualifier;
    bool in_text; /* contiguous prefixes that belong to the figure's text */
} qual_word;

/* A word with its length, for tables searched at every figure. */
typedef struct word {
    const char *text;
    size_t len;
} word;

#define QW(text, qualifier, in_text)                                           \
    {                                                                          \
        text, sizeof(text) - 1, qualifier, in_text                             \
    }
#define W(text)                                                                \
    {                                                                          \
        text, sizeof(text) - 1                                                 \
    }

/* The first and the last byte are compared before the rest: Chinese words
 * mostly share their first byte, rarely their last. */
static bool starts_word(const char *s, size_t len, size_t pos, const char *w,
                        size_t n)
{
    return pos <= len && len - pos >= n && s[pos] == w[0] &&
           s[pos + n - 1] == w[n - 1] && memcmp(s + pos, w, n) == 0;
}

/* Chinese words before a number; longest first where they overlap. */
static const qual_word ZH_BEFORE[] = {
    QW("将近", fig_near, false),     QW("接近", fig_near, false),
    QW("近", fig_near, true),        QW("大约", fig_about, false),
    QW("大概", fig_about, false),    QW("约", fig_about, true),
    QW("不大于", fig_under, false),  QW("不小于", fig_over, false),
    QW("不低于", fig_over, false),   QW("不少于", fig_over, false),
    QW("不高于", fig_under, false),  QW("不多于", fig_under, false),
    QW("大于等于", fig_over, false), QW("小于等于", fig_under, false),
    QW("不超过", fig_under, false),  QW("超过", fig_over, false),
    QW("超出", fig_over, false),     QW("突破", fig_over, false),
    QW("多于", fig_over, false),     QW("高于", fig_over, false),
    QW("大于", fig_over, false),     QW("逾", fig_over, true),
    QW("至少", fig_over, false),     QW("不到", fig_under, false),
    QW("不足", fig_under, false),    QW("少于", fig_under, false),
    QW("低于", fig_under, false),    QW("小于", fig_under, false),
    QW("最多", fig_under, false),    QW("最少", fig_over, false),
    QW("超", fig_over, false),       {NULL, 0, NULL, false}};

/* Filler characters allowed between a verbal qualifier and the number. */
static const word ZH_FILLERS[] = {W("了"), W("有"), W("达"),  W("到"),
                                  W("为"), W("是"), {NULL, 0}};

/* English words before a number, as lower-case phrases. */
static const qual_word EN_BEFORE[] = {QW("no more than", fig_under, false),
                                      QW("no less than", fig_over, false),
                                      QW("more than", fig_over, false),
                                      QW("greater than", fig_over, false),
                                      QW("larger than", fig_over, false),
                                      QW("bigger than", fig_over, false),
                                      QW("higher than", fig_over, false),
                                      QW("smaller than", fig_under, false),
                                      QW("lower than", fig_under, false),
                                      QW("over", fig_over, false),
                                      QW("above", fig_over, false),
                                      QW("exceeding", fig_over, false),
                                      QW("exceeded", fig_over, false),
                                      QW("exceed", fig_over, false),
                                      QW("surpass", fig_over, false),
                                      QW("at least", fig_over, false),
                                      QW("upwards of", fig_over, false),
                                      QW("less than", fig_under, false),
                                      QW("fewer than", fig_under, false),
                                      QW("under", fig_under, false),
                                      QW("below", fig_under, false),
                                      QW("up to", fig_under, false),
                                      QW("at most", fig_under, false),
                                      QW("nearly", fig_near, false),
                                      QW("almost", fig_near, false),
                                      QW("close to", fig_near, false),
                                      QW("about", fig_about, false),
                                      QW("around", fig_about, false),
                                      QW("approximately", fig_about, false),
                                      QW("roughly", fig_about, false),
                                      QW("some", fig_about, false),
                                      QW("an estimated", fig_about, false),
                                      {NULL, 0, NULL, false}};

/* True when the ASCII phrase w ends at pos, at a word start, ignoring case. */
static bool ends_with_word(const char *s, size_t pos, const char *w)
{
    size_t n = strlen(w);
    if (pos < n)
        return false;
    size_t at = pos - n;
    for (size_t i = 0; i < n; i++) {
        char c = s[at + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[i])
            return false;
    }
    return at == 0 || !fig_is_alpha((unsigned char)s[at - 1]);
}

/* True when cp ends a word of ZH_BEFORE (近, 约, 超过, 不到 ...): the
 * cases the table below answers, kept for the tests. */
static bool ends_zh_qualifier_word_slow(int32_t cp)
{
    switch (cp) {
    case 0x8FD1: /* 近 */
    case 0x7EA6: /* 约 */
    case 0x6982: /* 概 */
    case 0x8FC7: /* 过 */
    case 0x51FA: /* 出 */
    case 0x7834: /* 破 */
    case 0x4E8E: /* 于 */
    case 0x903E: /* 逾 */
    case 0x5C11: /* 少 */
    case 0x5230: /* 到 */
    case 0x8DB3: /* 足 */
    case 0x591A: /* 多 */
    case 0x8D85: /* 超 */ return true;
    default: return false;
    }
}

/* True when cp is a filler between a qualifier and the number (了, 有,
 * 达, 到, 为, 是: ZH_FILLERS). */
static bool is_zh_filler_slow(int32_t cp)
{
    switch (cp) {
    case 0x4E86: /* 了 */
    case 0x6709: /* 有 */
    case 0x8FBE: /* 达 */
    case 0x5230: /* 到 */
    case 0x4E3A: /* 为 */
    case 0x662F: /* 是 */ return true;
    default: return false;
    }
}

/* The characters the test before a number looks for (figures.h,
 * fig_qualifier_chars), each in the slot its code point hashes to (a
 * multiplication and a shift; no two share a slot, which -Woverride-init
 * would catch): one look-up and one comparison answer "ends a qualifier
 * word" and "is a filler" where the two switches above took a chain of
 * compares, whose branches the characters before numbers send every way.
 * Slot 0's empty entry holds code point 0 with no flags. */
enum { ENDS_QUALIFIER = FIG_ENDS_QUALIFIER, FILLER = FIG_QUALIFIER_FILLER };
#define QUALIFIER_CHAR(cp, flags) [FIG_QUALIFIER_CHAR_SLOT(cp)] = {cp, flags}
const fig_qualifier_char fig_qualifier_chars[32] = {
    QUALIFIER_CHAR(0x8FD1 /* 近 */, ENDS_QUALIFIER),
    QUALIFIER_CHAR(0x7EA6 /* 约 */, ENDS_QUALIFIER),
    QUALIFIER_CHAR(0x6982 /* 概 */, ENDS_QUALIFIER),
    QUALIFIER_CHAR(0x8FC7 /* 过 */, ENDS_QUALIFIER),
    QUALIFIER_CHAR(0x51FA /* 出 */, ENDS_QUALIFIER),
    QUALIFIER_CHAR(0x7834 /* 破 */, ENDS_QUALIFIER),
    QUALIFIER_CHAR(0x4E8E /* 于 */, ENDS_QUALIFIER),
    QUALIFIER_CHAR(0x903E /* 逾 */, ENDS_QUALIFIER),
    QUALIFIER_CHAR(0x5C11 /* 少 */, ENDS_QUALIFIER),
    QUALIFIER_CHAR(0x5230 /* 到 */, ENDS_QUALIFIER | FILLER),
    QUALIFIER_CHAR(0x8DB3 /* 足 */, ENDS_QUALIFIER),
    QUALIFIER_CHAR(0x591A /* 多 */, ENDS_QUALIFIER),
    QUALIFIER_CHAR(0x8D85 /* 超 */, ENDS_QUALIFIER),
    QUALIFIER_CHAR(0x4E86 /* 了 */, FILLER),
    QUALIFIER_CHAR(0x6709 /* 有 */, FILLER),
    QUALIFIER_CHAR(0x8FBE /* 达 */, FILLER),
    QUALIFIER_CHAR(0x4E3A /* 为 */, FILLER),
    QUALIFIER_CHAR(0x662F /* 是 */, FILLER),
};

/* ENDS_QUALIFIER and FILLER of cp. */
static inline unsigned qualifier_char_flags(int32_t cp)
{
    return fig_qualifier_char_flags_of(cp);
}

static inline bool ends_zh_qualifier_word(int32_t cp)
{
    return (qualifier_char_flags(cp) & ENDS_QUALIFIER) != 0;
}

unsigned fig_qualifier_char_flags(int32_t cp, bool slow)
{
    if (slow)
        return (ends_zh_qualifier_word_slow(cp) ? ENDS_QUALIFIER : 0) |
               (is_zh_filler_slow(cp) ? FILLER : 0);
    return qualifier_char_flags(cp);
}

/* ZH_BEFORE by the last character of its words, built once: a chain of
 * the words whose last character falls in a slot, in table order, so
 * that a place is compared only with the words ending in its character
 * (fourteen end in 于, most others alone in theirs). */
#define QUALIFIER_SLOTS 64
#define MAX_QUALIFIERS 64
static int16_t qualifier_head[QUALIFIER_SLOTS];
static int16_t qualifier_next[MAX_QUALIFIERS];
_Static_assert(sizeof ZH_BEFORE / sizeof ZH_BEFORE[0] <= MAX_QUALIFIERS,
               "MAX_QUALIFIERS is too small for ZH_BEFORE");
static pthread_once_t qualifier_once = PTHREAD_ONCE_INIT;
static atomic_bool qualifier_built;

/* Builds an index once. A flag set after it is built lets every later
 * call pass without the call into the threads library. */
static void ensure_built(atomic_bool *built, pthread_once_t *once,
                         void (*build)(void))
{
    if (atomic_load_explicit(built, memory_order_acquire))
        return;
    pthread_once(once, build);
    atomic_store_explicit(built, true, memory_order_release);
}

static unsigned qualifier_slot(int32_t last)
{
    return ((unsigned)last * 2654435761u) >> 26; /* 6 bits */
}

static void build_qualifier_index(void)
{
    for (size_t i = 0; i < QUALIFIER_SLOTS; i++)
        qualifier_head[i] = -1;
    size_t count = 0;
    while (ZH_BEFORE[count].text)
        count++;
    /* chained in reverse, so that a chain lists words in table order */
    for (size_t i = count; i-- > 0;) {
        size_t at;
        int32_t last = fig_cp_before(ZH_BEFORE[i].text, ZH_BEFORE[i].len, &at);
        unsigned slot = qualifier_slot(last);
        qualifier_next[i] = qualifier_head[slot];
        qualifier_head[slot] = (int16_t)i;
    }
}

/* The word of ZH_BEFORE that ends at pos, or NULL. */
static const qual_word *zh_qualifier_ending_at(const char *s, size_t pos)
{
    size_t at;
    int32_t last = fig_cp_before(s, pos, &at);
    if (!ends_zh_qualifier_word(last))
        return NULL;
    ensure_built(&qualifier_built, &qualifier_once, build_qualifier_index);
    for (int i = qualifier_head[qualifier_slot(last)]; i >= 0;
         i = qualifier_next[i])
        if (fig_ends_with_bytes(s, pos, ZH_BEFORE[i].text, ZH_BEFORE[i].len))
            return &ZH_BEFORE[i];
    return NULL;
}

/* The same by a walk over the whole table, for tests. */
static const qual_word *zh_qualifier_ending_at_slow(const char *s, size_t pos)
{
    size_t at;
    if (!ends_zh_qualifier_word_slow(fig_cp_before(s, pos, &at)))
        return NULL;
    for (const qual_word *q = ZH_BEFORE; q->text; q++)
        if (fig_ends_with_bytes(s, pos, q->text, q->len))
            return q;
    return NULL;
}

const char *fig_zh_qualifier_ending_at(const char *s, size_t pos, bool slow,
                                       size_t *word_len)
{
    const qual_word *q = slow ? zh_qualifier_ending_at_slow(s, pos)
                              : zh_qualifier_ending_at(s, pos);
    *word_len = q ? q->len : 0;
    return q ? q->qualifier : NULL;
}

const char *fig_zh_qualifier_word(size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (!ZH_BEFORE[k].text)
            return NULL;
    return ZH_BEFORE[i].text;
}

const char *fig_qualifier_before_rest(const char *s, size_t start,
                                      size_t *text_start)
{
    /* the contiguous Chinese prefixes first */
    const qual_word *q = zh_qualifier_ending_at(s, start);
    if (q) {
        if (q->in_text)
            *text_start = start - q->len;
        return q->qualifier;
    }
    /* a verbal qualifier with fillers between: 超过了, 约有 */
    size_t p = start;
    for (int k = 0; k < 2; k++) {
        bool moved = false;
        for (const word *f = ZH_FILLERS; f->text; f++) {
            if (fig_ends_with_bytes(s, p, f->text, f->len)) {
                p -= f->len;
                moved = true;
                break;
            }
        }
        if (!moved)
            break;
        q = zh_qualifier_ending_at(s, p);
        if (q)
            return q->qualifier;
    }
    /* English words, after spaces */
    p = back_spaces(s, start);
    if (p == start && p > 0 && s[p - 1] != '$')
        return NULL;
    if (p > 0 && s[p - 1] == '$')
        p = back_spaces(s, p - 1);
    if (p == 0 || !fig_is_alpha((unsigned char)s[p - 1]))
        return NULL;
    for (const qual_word *en = EN_BEFORE; en->text; en++)
        if (ends_with_word(s, p, en->text))
            return en->qualifier;
    return NULL;
}

typedef struct suffix_word {
    const char *text;
    size_t len;
    const char *qualifier;
} suffix_word;

static const suffix_word ZH_AFTER[] = {
    {"以上", 6, fig_over},  {"以下", 6, fig_under}, {"左右", 6, fig_about},
    {"上下", 6, fig_about}, {"之多", 6, fig_over},  {"有余", 6, fig_over},
    {NULL, 0, NULL}};

const char *fig_qualifier_after_rest(const char *s, size_t len, size_t end,
                                     size_t *new_end)
{
    if ((unsigned char)s[end] >= 0x80) {
        for (const suffix_word *q = ZH_AFTER; q->text; q++) {
            if (starts_word(s, len, end, q->text, q->len)) {
                *new_end = end + q->len;
                return q->qualifier;
            }
        }
        return NULL;
    }
    /* "five hundred or more" */
    if (fig_starts(s, len, end, " or more")) {
        *new_end = end + 8;
        return fig_over;
    }
    if (fig_starts(s, len, end, " or less")) {
        *new_end = end + 8;
        return fig_under;
    }
    return NULL;
}

/* Words after which a number is a label or an ordinal. */
static const word ZH_LABELS[] = {
    W("第"),   W("篇"),  W("图"),  W("表"),  W("附件"), W("编号"), W("代号"),
    W("型号"), W("No."), W("NO."), W("no."), W("#"),    {NULL, 0}};
static const char *const EN_LABELS[] = {
    "no .",    "no.",     "figure",  "fig.", "fig",
    "table",   "chapter", "section", "page", "exit",
    "article", "route",   "highway", "room", NULL};

bool fig_figure_word_ok(const char *s, size_t label_start)
{
    static const char *const LEAD[] = {"如", "见", "由", "从", "据", "和", "与",
                                       "及", "在", "按", "照", "附", "将", "把",
                                       "对", "看", "是", "为", "、", NULL};
    size_t at;
    int32_t prev = fig_cp_before(s, label_start, &at);
    if (!fig_is_han(prev))
        return true;
    for (const char *const *w = LEAD; *w; w++)
        if (fig_ends(s, label_start, *w))
            return true;
    return false;
}

bool fig_is_label_context(const char *s, size_t start)
{
    if (start == 0)
        return false;
    unsigned char last = (unsigned char)s[start - 1];
    size_t at;
    int32_t prev = fig_cp_before(s, start, &at);
    bool may_label = prev == '#' || prev == '.' || prev == 0x7B2C /* 第 */ ||
                     prev == 0x7BC7 /* 篇 */ || prev == 0x56FE /* 图 */ ||
                     prev == 0x8868 /* 表 */ || prev == 0x4EF6 /* 件 */ ||
                     prev == 0x53F7 /* 号 */;
    /* after any other character beyond ASCII (most numbers in Chinese
     * text) no label word ends, and no space or letter comes between */
    if (!may_label && last >= 0x80)
        return false;
    if (may_label && (last >= 0x80 || last == '#' || last == '.')) {
        for (const word *w = ZH_LABELS; w->text; w++) {
            if (!fig_ends_with_bytes(s, start, w->text, w->len))
                continue;
            /* 图/表 inside a word (代表, 地图) are no labels; 图表 is one */
            if (strcmp(w->text, "图") == 0 || strcmp(w->text, "表") == 0) {
                size_t label_start = start - 3;
                if (strcmp(w->text, "表") == 0 &&
                    fig_ends(s, label_start, "图"))
                    label_start -= 3;
                if (!fig_figure_word_ok(s, label_start))
                    continue;
            }
            return true;
        }
    }
    size_t p = back_spaces(s, start);
    if (fig_ends(s, p, "第"))
        return true;
    if (p == 0 || !(fig_is_alpha((unsigned char)s[p - 1]) || s[p - 1] == '.'))
        return false;
    for (const char *const *w = EN_LABELS; *w; w++)
        if (ends_with_word(s, p, *w))
            return true;
    return false;
}

/* Numeral + following text that is an idiom, not a quantity. The numeral
 * must start the match exactly. */
static const word IDIOMS[] = {
    W("一起"),     W("一道"),     W("一同"),     W("一律"),     W("一直"),
    W("一时"),     W("一下"),     W("一番"),     W("一线"),     W("一流"),
    W("一手"),     W("一身"),     W("一带"),     W("一路"),     W("一生"),
    W("一方面"),   W("一部分"),   W("一班"),     W("一体"),     W("一次性"),
    W("一口气"),   W("一把手"),   W("一大批"),   W("一大早"),   W("一批"),
    W("一些"),     W("一点"),     W("一条龙"),   W("一对一"),   W("一度"),
    W("一致"),     W("一定"),     W("一切"),     W("一旦"),     W("一向"),
    W("一般"),     W("一样"),     W("一再"),     W("一面"),     W("一边"),
    W("一贯"),     W("一举"),     W("一味"),     W("一应"),     W("一心"),
    W("一意"),     W("一事"),     W("一家人"),   W("一揽子"),   W("一刀切"),
    W("一站式"),   W("一窝蜂"),   W("一本正经"), W("一票否决"), W("一把"),
    W("一层"),     W("一门心思"), W("一师"),     W("一五一十"), W("一分为二"),
    W("一石二鸟"), W("一举两得"), W("一成不变"), W("十分"),     W("百分百"),
    W("万一"),     W("千万不"),   W("千万别"),   W("千万要"),   W("三位一体"),
    W("四位一体"), W("五位一体"), W("三句半"),   W("两手"),     W("两面"),
    W("三心二意"), W("七上八下"), W("三番五次"), W("四面八方"), W("五湖四海"),
    W("千方百计"), W("千家万户"), W("万无一失"), W("九牛一毛"), W("十全十美"),
    W("两个维护"), W("两个确立"), W("十一五"),   W("十二五"),   W("十三五"),
    W("十四五"),   W("十五五"),   {NULL, 0}};

/* The second characters of the idioms, as a bitmap over U+4E00..U+9FFF,
 * built once: most numerals are followed by none of them. */
/* The idioms are found through a small hash on their first two
 * characters, built once: a chain of the idioms sharing a slot. */
#define IDIOM_SLOTS 256
#define MAX_IDIOMS 256
static int16_t idiom_head[IDIOM_SLOTS];
static int16_t idiom_next[MAX_IDIOMS];
_Static_assert(sizeof IDIOMS / sizeof IDIOMS[0] <= MAX_IDIOMS,
               "MAX_IDIOMS is too small for the idiom table");
static pthread_once_t idiom_once = PTHREAD_ONCE_INIT;
static atomic_bool idiom_built;

static unsigned idiom_slot(int32_t first, int32_t second)
{
    return ((unsigned)first * 31u + (unsigned)second) % IDIOM_SLOTS;
}

static void build_idiom_index(void)
{
    for (size_t i = 0; i < IDIOM_SLOTS; i++)
        idiom_head[i] = -1;
    size_t count = 0;
    while (IDIOMS[count].text)
        count++;
    /* chained in reverse, so that a chain lists idioms in table order */
    for (size_t i = count; i-- > 0;) {
        size_t n;
        int32_t first = fig_cp_at(IDIOMS[i].text, IDIOMS[i].len, 0, &n);
        int32_t second = fig_cp_at(IDIOMS[i].text, IDIOMS[i].len, n, &n);
        unsigned slot = idiom_slot(first, second);
        idiom_next[i] = idiom_head[slot];
        idiom_head[slot] = (int16_t)i;
    }
}

size_t fig_idiom_at_rest(const char *s, size_t len, size_t start)
{
    ensure_built(&idiom_built, &idiom_once, build_idiom_index);
    size_t n, m;
    int32_t first = fig_cp_at(s, len, start, &n);
    int32_t second = fig_cp_at(s, len, start + n, &m);
    for (int i = idiom_head[idiom_slot(first, second)]; i >= 0;
         i = idiom_next[i]) {
        const word *w = &IDIOMS[i];
        if (start + w->len <= len && memcmp(s + start, w->text, w->len) == 0)
            return w->len;
    }
    return 0;
}

/* Nouns a bare number may count, looked for just after it. */
typedef struct noun_unit {
    const char *text;
    size_t len;
    const char *unit;
} noun_unit;

static const noun_unit NOUNS[] = {
    {"中小学生", sizeof("中小学生") - 1, "person"},
    {"小学生", sizeof("小学生") - 1, "person"},
    {"中学生", sizeof("中学生") - 1, "person"},
    {"大学生", sizeof("大学生") - 1, "person"},
    {"学生", sizeof("学生") - 1, "person"},
    {"教师", sizeof("教师") - 1, "person"},
    {"老师", sizeof("老师") - 1, "person"},
    {"校长", sizeof("校长") - 1, "person"},
    {"农民", sizeof("农民") - 1, "person"},
    {"居民", sizeof("居民") - 1, "person"},
    {"群众", sizeof("群众") - 1, "person"},
    {"人口", sizeof("人口") - 1, "person"},
    {"职工", sizeof("职工") - 1, "person"},
    {"员工", sizeof("员工") - 1, "person"},
    {"干部", sizeof("干部") - 1, "person"},
    {"党员", sizeof("党员") - 1, "person"},
    {"儿童", sizeof("儿童") - 1, "person"},
    {"志愿者", sizeof("志愿者") - 1, "person"},
    {"学校", sizeof("学校") - 1, "school"},
    {"中小学", sizeof("中小学") - 1, "school"},
    {"小学", sizeof("小学") - 1, "school"},
    {"中学", sizeof("中学") - 1, "school"},
    {"幼儿园", sizeof("幼儿园") - 1, "school"},
    {"高校", sizeof("高校") - 1, "school"},
    {NULL, 0, NULL}};

/* True when cp opens one of NOUNS. */
static bool opens_noun(int32_t cp)
{
    switch (cp) {
    case 0x4E2D: /* 中 */
    case 0x5C0F: /* 小 */
    case 0x5927: /* 大 */
    case 0x5B66: /* 学 */
    case 0x6559: /* 教 */
    case 0x8001: /* 老 */
    case 0x6821: /* 校 */
    case 0x519C: /* 农 */
    case 0x5C45: /* 居 */
    case 0x7FA4: /* 群 */
    case 0x4EBA: /* 人 */
    case 0x804C: /* 职 */
    case 0x5458: /* 员 */
    case 0x5E72: /* 干 */
    case 0x515A: /* 党 */
    case 0x513F: /* 儿 */
    case 0x5FD7: /* 志 */
    case 0x5E7C: /* 幼 */
    case 0x9AD8: /* 高 */ return true;
    default: return false;
    }
}

const char *fig_noun_unit_after(const char *s, size_t len, size_t end)
{
    size_t p = end, n;
    for (int k = 0; k < 8 && p < len; k++) {
        int32_t first = fig_cp_at(s, len, p, &n);
        if (!fig_is_han(first))
            break;
        if (!opens_noun(first)) {
            p += n;
            continue;
        }
        for (const noun_unit *u = NOUNS; u->text; u++) {
            if (starts_word(s, len, p, u->text, u->len) &&
                s[p + 1] == u->text[1] && s[p + 2] == u->text[2]) {
                /* 中小学生 is people even when 中小学 matched first */
                return u->unit;
            }
        }
        p += n;
    }
    return NULL;
}

static const word MONEY_WORDS[] = {
    W("资金"),   W("投入"), W("投资"),   W("经费"),     W("产值"), W("收入"),
    W("拨款"),   W("金额"), W("资产"),   W("营收"),     W("支出"), W("筹集"),
    W("销售额"), W("利润"), W("税收"),   W("生产总值"), W("GDP"),  W("预算"),
    W("补助"),   W("补贴"), W("营业额"), W("成交额"),   W("融资"), W("贷款"),
    W("存款"),   W("费用"), W("造价"),   W("价值"),     W("效益"), {NULL, 0}};

bool fig_money_context_before(const char *s, size_t start)
{
    size_t p = start;
    for (int k = 0; k < 12 && p > 0; k++) {
        for (const word *w = MONEY_WORDS; w->text; w++)
            if (fig_ends_with_bytes(s, p, w->text, w->len))
                return true;
        size_t at;
        int32_t cp = fig_cp_before(s, p, &at);
        if (sl_is_sentence_end(cp) || cp == ',' || cp == 0xFF0C)
            break;
        p = at;
    }
    return false;
}

/* True when the ASCII phrase w starts at pos and ends at a word end,
 * ignoring case. */
static bool starts_with_word(const char *s, size_t len, size_t pos,
                             const char *w, size_t n)
{
    if (len - pos < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[pos + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[i])
            return false;
    }
    return pos + n >= len || !fig_is_alpha((unsigned char)s[pos + n]);
}

const char *fig_bound_word_at_rest(const char *s, size_t len, size_t pos,
                                   size_t *end)
{
    const qual_word *table =
        (unsigned char)s[pos] >= 0x80 ? ZH_BEFORE : EN_BEFORE;
    for (const qual_word *q = table; q->text; q++) {
        if (q->qualifier != fig_over && q->qualifier != fig_under)
            continue;
        bool found = table == ZH_BEFORE
                         ? starts_word(s, len, pos, q->text, q->len)
                         : starts_with_word(s, len, pos, q->text, q->len);
        if (!found)
            continue;
        size_t p = pos + q->len;
        while (p < len && s[p] == ' ')
            p++;
        for (int k = 0; k < 2; k++)
            for (const word *f = ZH_FILLERS; f->text; f++)
                if (starts_word(s, len, p, f->text, f->len)) {
                    p += f->len;
                    break;
                }
        *end = p;
        return q->qualifier;
    }
    return NULL;
}
