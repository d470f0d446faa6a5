/* plugins/html/html_lang.c - the language of a page, from its text with
 * the markup's tag as a hint. The script of the main text decides first:
 * Han is Chinese (zh-Hant when traditional-only characters outnumber
 * simplified-only ones), kana Japanese, Hangul Korean, and a few scripts
 * that one language owns. Latin text takes the markup's tag when it names
 * a Latin-script language, else a stopword count among en, fr, de, es, it,
 * pt and nl with a clear winner. Anything else is left unsaid.
 */
#include "html_meta.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum {
    MAX_BYTES = 8192,  /* text read from the page */
    STOP_BYTES = 4096, /* text read for the stopword count */
    MIN_LETTERS = 24,  /* fewer letters: too little to tell */
    MIN_STOPWORDS = 6
};

/* Common characters written only in traditional, and only in simplified,
 * Chinese (sorted code points). */
static const int32_t traditional[] = {
    0x4E26, 0x4F86, 0x500B, 0x5011, 0x50B3, 0x50F9, 0x5169, 0x5247, 0x5283,
    0x52D5, 0x52D9, 0x5340, 0x5354, 0x53C3, 0x554F, 0x55AE, 0x570B, 0x5716,
    0x5718, 0x5831, 0x5834, 0x5B78, 0x5BE6, 0x5C0D, 0x5C0E, 0x5E36, 0x5E6B,
    0x5F8C, 0x5F9E, 0x5FB5, 0x61C9, 0x6230, 0x6236, 0x64C7, 0x6578, 0x6642,
    0x66F8, 0x6703, 0x6771, 0x689D, 0x696D, 0x6A02, 0x6A19, 0x6A23, 0x6A5F,
    0x6B0A, 0x6B61, 0x6B77, 0x6C23, 0x6C92, 0x6E2C, 0x6F22, 0x70BA, 0x7121,
    0x7372, 0x73FE, 0x7522, 0x767C, 0x76E1, 0x78BA, 0x7A2E, 0x7A31, 0x7BC0,
    0x7D00, 0x7D04, 0x7D1A, 0x7D30, 0x7D44, 0x7D50, 0x7D66, 0x7D71, 0x7D93,
    0x7DB2, 0x7DDA, 0x7E3D, 0x7E8C, 0x806F, 0x8072, 0x8207, 0x8209, 0x8655,
    0x865F, 0x88E1, 0x88FD, 0x898B, 0x898F, 0x8996, 0x89BA, 0x89C0, 0x8A08,
    0x8A0A, 0x8A18, 0x8A2D, 0x8A31, 0x8A3C, 0x8A71, 0x8A72, 0x8A8D, 0x8A9E,
    0x8AAA, 0x8AB0, 0x8ABF, 0x8AD6, 0x8B1D, 0x8B49, 0x8B70, 0x8B77, 0x8B8A,
    0x8B93, 0x8CA0, 0x8CA1, 0x8CA8, 0x8CB7, 0x8CC7, 0x8CE3, 0x8ECA, 0x8F03,
    0x8F49, 0x9019, 0x9023, 0x904E, 0x9054, 0x9078, 0x9084, 0x908A, 0x9577,
    0x9580, 0x958B, 0x9593, 0x95DC, 0x967D, 0x968E, 0x969B, 0x96A8, 0x96E3,
    0x96FB, 0x9805, 0x9810, 0x984C, 0x985E, 0x9AD4, 0x9EBC, 0x9EDE,
};
static const int32_t simplified[] = {
    0x4E1A, 0x4E1C, 0x4E24, 0x4E3A, 0x4E48, 0x4E66, 0x4E70, 0x4E89, 0x4EA7,
    0x4EB2, 0x4EEC, 0x4EF7, 0x4F17, 0x4F1A, 0x4F20, 0x4F53, 0x5173, 0x5174,
    0x519C, 0x51B3, 0x5212, 0x5219, 0x521B, 0x529E, 0x52A1, 0x52A8, 0x533A,
    0x534F, 0x5355, 0x53C2, 0x53D1, 0x53D8, 0x53F7, 0x5458, 0x56E2, 0x56FD,
    0x56FE, 0x573A, 0x5B66, 0x5B9E, 0x5BF9, 0x5BFC, 0x5E26, 0x5E2E, 0x5E94,
    0x5F00, 0x603B, 0x6218, 0x6237, 0x62A4, 0x62A5, 0x62E9, 0x6570, 0x65F6,
    0x6761, 0x6765, 0x6807, 0x6837, 0x6B22, 0x6C14, 0x6C49, 0x6CA1, 0x6D4B,
    0x70B9, 0x73B0, 0x7535, 0x786E, 0x79CD, 0x79F0, 0x7C7B, 0x7EA6, 0x7EA7,
    0x7EB3, 0x7EBF, 0x7EC4, 0x7EC6, 0x7ECF, 0x7ED3, 0x7ED9, 0x7EDF, 0x7EED,
    0x7F51, 0x8054, 0x8282, 0x89C1, 0x89C2, 0x89C4, 0x89C6, 0x89C9, 0x8BA1,
    0x8BA4, 0x8BAE, 0x8BAF, 0x8BB0, 0x8BB8, 0x8BBA, 0x8BBE, 0x8BC1, 0x8BDD,
    0x8BE5, 0x8BED, 0x8BF4, 0x8BF7, 0x8C01, 0x8C03, 0x8C22, 0x8D1F, 0x8D22,
    0x8D27, 0x8D39, 0x8D44, 0x8D5B, 0x8F66, 0x8F6C, 0x8F83, 0x8FB9, 0x8FBE,
    0x8FC7, 0x8FD8, 0x8FD9, 0x8FDB, 0x8FDE, 0x9009, 0x957F, 0x95E8, 0x95EE,
    0x95F4, 0x9633, 0x9636, 0x9645, 0x968F, 0x96BE, 0x9879, 0x9884, 0x9898,
};

enum {
    MARKED_FIRST = 0x4E00, /* the span the two sets above fall in */
    MARKED_LAST = 0x9EDE,
    MARKED_SPAN = MARKED_LAST - MARKED_FIRST + 1
};

/* The two sets as bits over MARKED_FIRST..MARKED_LAST, built once: a
 * look-up per Han character instead of two binary searches, whose
 * branches the processor mostly guessed wrong. */
static uint8_t traditional_bits[(MARKED_SPAN + 7) / 8];
static uint8_t simplified_bits[(MARKED_SPAN + 7) / 8];
static pthread_once_t sets_once = PTHREAD_ONCE_INIT;

static void mark_set(uint8_t *bits, const int32_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (set[i] < MARKED_FIRST || set[i] > MARKED_LAST)
            continue;
        size_t k = (size_t)(set[i] - MARKED_FIRST);
        bits[k / 8] |= (uint8_t)(1u << (k % 8));
    }
}

static void build_sets(void)
{
    mark_set(traditional_bits, traditional,
             sizeof traditional / sizeof *traditional);
    mark_set(simplified_bits, simplified,
             sizeof simplified / sizeof *simplified);
}

/* Whether cp, from MARKED_FIRST to MARKED_LAST, is in the set of bits. */
static int marked(const uint8_t *bits, int32_t cp)
{
    size_t k = (size_t)(cp - MARKED_FIRST);
    return (bits[k / 8] >> (k % 8)) & 1;
}

typedef struct counts {
    size_t han, kana, hangul, latin, cyrillic, greek, arabic, hebrew, thai,
        other, trad, simp;
} counts;

static void count_text(const char *s, size_t n, counts *c)
{
    size_t pos = 0;
    while (pos < n) {
        unsigned char b = (unsigned char)s[pos];
        if (b < 0x80) {
            c->latin += isalpha(b) != 0;
            pos++;
            continue;
        }
        int32_t cp = sl_utf8_next(s, n, &pos);
        if (cp >= 0x4E00 && cp <= 0x9FFF) {
            c->han++;
            if (cp <= MARKED_LAST) {
                c->trad += (size_t)marked(traditional_bits, cp);
                c->simp += (size_t)marked(simplified_bits, cp);
            }
        } else if (cp >= 0x3400 && cp <= 0x4DBF) {
            c->han++;
        } else if (cp >= 0x3041 && cp <= 0x30FA && cp != 0x30FB) {
            c->kana++;
        } else if ((cp >= 0xAC00 && cp <= 0xD7AF) ||
                   (cp >= 0x1100 && cp <= 0x11FF)) {
            c->hangul++;
        } else if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) {
            c->latin++;
        } else if (cp >= 0x400 && cp <= 0x4FF) {
            c->cyrillic++;
        } else if (cp >= 0x370 && cp <= 0x3FF) {
            c->greek++;
        } else if (cp >= 0x600 && cp <= 0x6FF) {
            c->arabic++;
        } else if (cp >= 0x5D0 && cp <= 0x5EA) {
            c->hebrew++;
        } else if (cp >= 0xE01 && cp <= 0xE5B) {
            c->thai++;
        } else if (cp > 0x2FF && !(cp >= 0x2000 && cp <= 0x2BFF) &&
                   !(cp >= 0x3000 && cp <= 0x303F) &&
                   !(cp >= 0xFF00 && cp <= 0xFFEF)) {
            c->other++;
        }
    }
}

typedef struct stoplist {
    const char *lang;
    const char *words; /* space separated, with spaces at both ends */
} stoplist;

static const stoplist stoplists[] = {
    {"en", " the and of to is in that it for with was on are this as be "
           "have not you by from at which but his they were has "},
    {"fr", " le la les des et est une dans que pour pas qui sur du au avec "
           "ce il elle sont aux ou mais nous vous "},
    {"de", " der die das und ist nicht ein eine mit den zu von auf sich dem "
           "des im auch es wird sind ich "},
    {"es", " el los las y que en del una por con para es se al lo como pero "
           "sus muy fue este esta "},
    {"it", " il di che non per una della sono gli con del nel alla anche come "
           "questo ma le si "},
    {"pt", " o os que não um uma com para do da em no na dos das mas ao se "
           "foi são "},
    {"nl", " de het een en van is niet dat op te zijn met voor ook maar bij "
           "naar aan "},
};

enum { N_STOP = sizeof stoplists / sizeof stoplists[0] };

/* The language whose stopwords clearly lead among the words of s. */
static const char *by_stopwords(const char *s, size_t n)
{
    size_t hits[N_STOP] = {0}, words = 0;
    char w[24];
    size_t i = 0;
    while (i < n) {
        while (i < n &&
               !(isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0xC3))
            i++;
        size_t l = 0;
        while (i < n &&
               (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)) {
            if (l + 2 < sizeof w)
                w[1 + l++] = (char)tolower((unsigned char)s[i]);
            i++;
        }
        if (l == 0 || l + 3 >= sizeof w)
            continue;
        words++;
        if (l > 6) /* no stopword is longer */
            continue;
        w[0] = ' ';
        w[l + 1] = ' ';
        w[l + 2] = '\0';
        for (size_t k = 0; k < N_STOP; k++)
            hits[k] += strstr(stoplists[k].words, w) != NULL;
    }
    size_t best = 0, second = 0;
    for (size_t k = 1; k < N_STOP; k++) {
        if (hits[k] > hits[best])
            best = k;
    }
    for (size_t k = 0; k < N_STOP; k++) {
        if (k != best && hits[k] > second)
            second = hits[k];
    }
    if (hits[best] < MIN_STOPWORDS || hits[best] * 10 < words ||
        hits[best] * 2 < second * 3)
        return NULL;
    return stoplists[best].lang;
}

/* The markup's tag in the usual case ("zh-cn" -> "zh-CN", "en_US" ->
 * "en-US"); 0 when it is no language tag. */
static int normal_tag(const char *tag, char *out)
{
    size_t n = 0, i = 0;
    while (tag[i] == ' ')
        i++;
    for (; tag[i] && tag[i] != ' ' && tag[i] != ',' && tag[i] != ';' &&
           n + 1 < 16;
         i++) {
        char c = tag[i];
        if (c == '_' || c == '-') {
            if (n == 0 || out[n - 1] == '-')
                return 0;
            out[n++] = '-';
            continue;
        }
        if (!isalnum((unsigned char)c))
            return 0;
        out[n++] = (char)tolower((unsigned char)c);
    }
    out[n] = '\0';
    size_t primary = strcspn(out, "-");
    if (primary < 2 || primary > 3)
        return 0;
    /* fix case of later subtags */
    char *p = out + primary;
    while (*p == '-') {
        char *q = p + 1;
        size_t l = strcspn(q, "-");
        if (l == 2)
            for (size_t k = 0; k < 2; k++)
                q[k] = (char)toupper((unsigned char)q[k]);
        else if (l == 4)
            q[0] = (char)toupper((unsigned char)q[0]);
        p = q + l;
    }
    return 1;
}

static int latin_language(const char *tag)
{
    static const char *const non_latin[] = {
        "zh", "ja", "ko", "ru", "uk", "bg", "sr", "mk", "be", "kk", "el", "ar",
        "fa", "ur", "he", "yi", "th", "hi", "bn", "ta", "te", "mr", "ne", "ka",
        "hy", "am", "my", "km", "lo", "si", "gu", "pa", "kn", "ml"};
    for (size_t i = 0; i < sizeof non_latin / sizeof non_latin[0]; i++) {
        if (strncmp(tag, non_latin[i], 2) == 0 &&
            (tag[2] == '\0' || tag[2] == '-'))
            return 0;
    }
    return 1;
}

static int primary_is(const char *tag, const char *lang)
{
    size_t l = strlen(lang);
    return strncmp(tag, lang, l) == 0 && (tag[l] == '\0' || tag[l] == '-');
}

/* The text the language is read from: the main content's blocks when
 * the page has one, else all blocks, up to MAX_BYTES. */
static void gather(const sl_doc *doc, counts *c)
{
    int have_main = 0;
    for (size_t i = 0; i < doc->n_blocks && !have_main; i++)
        have_main =
            doc->blocks[i].html && (doc->blocks[i].html->hints & SL_HINT_MAIN);
    size_t read = 0;
    for (size_t i = 0; i < doc->n_blocks && read < MAX_BYTES; i++) {
        const sl_block *b = &doc->blocks[i];
        if ((have_main && !(b->html && (b->html->hints & SL_HINT_MAIN))) ||
            b->kind == SL_BLOCK_CODE)
            continue;
        count_text(b->text, b->len, c);
        read += b->len;
    }
}

/* Latin text of the main content, joined, for the stopword count. */
static const char *by_stopwords_doc(const sl_doc *doc)
{
    int have_main = 0;
    for (size_t i = 0; i < doc->n_blocks && !have_main; i++)
        have_main =
            doc->blocks[i].html && (doc->blocks[i].html->hints & SL_HINT_MAIN);
    const char *winner = NULL;
    size_t total = 0;
    char *buf = NULL;
    for (size_t i = 0; i < doc->n_blocks && total < STOP_BYTES; i++) {
        const sl_block *b = &doc->blocks[i];
        if ((have_main && !(b->html && (b->html->hints & SL_HINT_MAIN))) ||
            b->kind == SL_BLOCK_CODE)
            continue;
        char *grown = realloc(buf, total + b->len + 2);
        if (!grown)
            break;
        buf = grown;
        memcpy(buf + total, b->text, b->len);
        total += b->len;
        buf[total++] = '\n';
    }
    if (buf)
        winner = by_stopwords(buf, total);
    free(buf);
    return winner;
}

int html_lang_detect(const sl_doc *doc, const char *markup, char *out)
{
    pthread_once(&sets_once, build_sets);
    char tag[16] = "";
    if (markup && !normal_tag(markup, tag))
        tag[0] = '\0';
    counts c = {0};
    gather(doc, &c);
    size_t cjk = c.han + c.kana + c.hangul;
    size_t letters = cjk + c.latin + c.cyrillic + c.greek + c.arabic +
                     c.hebrew + c.thai + c.other;
    if (letters < MIN_LETTERS) {
        if (!tag[0])
            return 0;
        strcpy(out, tag);
        return 1;
    }
    /* a CJK character carries about as much as a short word; CJK text
     * keeps many Latin terms, names and code */
    if ((cjk * 4 >= c.latin || (cjk >= 50 && cjk * 10 >= c.latin)) &&
        cjk * 2 >= letters - c.latin) {
        if (c.kana * 20 >= cjk && c.kana >= 10) {
            strcpy(out, "ja");
        } else if (c.hangul * 2 >= cjk && c.hangul >= 10) {
            strcpy(out, "ko");
        } else if (c.han >= c.kana && c.han >= c.hangul) {
            if (tag[0] && primary_is(tag, "ja") && c.kana > 0)
                strcpy(out, "ja");
            else if (c.trad > c.simp * 2 && c.trad >= 5)
                strcpy(out, "zh-Hant");
            else if (c.simp > c.trad * 2 && c.simp >= 5)
                strcpy(out, "zh");
            else if (tag[0] && primary_is(tag, "zh"))
                strcpy(out, tag);
            else
                strcpy(out, "zh");
        } else {
            return 0;
        }
        return 1;
    }
    size_t one = letters - c.latin - cjk;
    if (c.latin * 2 < letters) {
        /* a script one language owns, else the markup when it agrees */
        if (c.greek * 2 >= one)
            strcpy(out, "el");
        else if (c.hebrew * 2 >= one && !(tag[0] && primary_is(tag, "yi")))
            strcpy(out, "he");
        else if (c.thai * 2 >= one)
            strcpy(out, "th");
        else if (tag[0] && !latin_language(tag))
            strcpy(out, tag);
        else
            return 0;
        return 1;
    }
    if (tag[0] && latin_language(tag)) {
        strcpy(out, tag);
        return 1;
    }
    const char *lang = by_stopwords_doc(doc);
    if (!lang)
        return 0;
    strcpy(out, lang);
    return 1;
}
