/* plugins/html/html_byline_zh.c - Chinese bylines: the labels (作者：,
 * 记者 , 文/, 责任编辑：, 来源：) in the head of a block and the slot each
 * fills, where a label may start, and the poster of "由 ... 发布".
 */
#include "html_byline.h"

#include <pthread.h>
#include <string.h>

typedef struct label {
    const char *text;
    label_kind kind;
} label;

/* Longer labels first where one contains another. */
static const label labels[] = {
    {"责任编辑", L_EDITOR}, {"責任編輯", L_EDITOR}, {"本报记者", L_PERSON},
    {"特约记者", L_PERSON}, {"本文来源", L_SOURCE}, {"稿件来源", L_SOURCE},
    {"文章来源", L_SOURCE}, {"作者", L_PERSON},     {"撰文", L_PERSON},
    {"撰稿", L_PERSON},     {"记者", L_PERSON},     {"記者", L_PERSON},
    {"采写", L_PERSON},     {"採寫", L_PERSON},     {"通讯员", L_PERSON},
    {"图文", L_PERSON},     {"文字", L_PERSON},     {"文", L_PERSON},
    {"责编", L_EDITOR},     {"编辑", L_EDITOR},     {"編輯", L_EDITOR},
    {"来源", L_SOURCE},     {"來源", L_SOURCE},     {"出处", L_SOURCE},
};

static const html_meta_slot label_slot[] = {MS_AUTHOR_BYLINE, MS_AUTHOR_EDITOR,
                                            MS_AUTHOR_SOURCE};

/* What may stand right before a label, besides an ASCII space or
 * bracket. */
static const char *const openers[] = {"【", "（",       "】", "）", "｜",
                                      "丨", "\xC2\xA0", "　", "「"};
enum {
    N_LABELS = sizeof labels / sizeof labels[0],
    N_OPENERS = sizeof openers / sizeof openers[0]
};

/* The byte lengths of the labels and openers, found once: the search
 * below tries them at every character of a block's head. */
static size_t label_length[N_LABELS], opener_length[N_OPENERS];
static pthread_once_t lengths_once = PTHREAD_ONCE_INIT;

static void find_lengths(void)
{
    for (size_t k = 0; k < N_LABELS; k++)
        label_length[k] = strlen(labels[k].text);
    for (size_t k = 0; k < N_OPENERS; k++)
        opener_length[k] = strlen(openers[k]);
}

/* Whether a label may start at s + i: at the start, or after a space, a
 * bracket or a bar. The opener's last byte is compared first: before
 * most characters stands a character of the text. */
static int label_start_ok(const char *s, size_t i)
{
    if (i == 0)
        return 1;
    unsigned char c = (unsigned char)s[i - 1];
    if (c == ' ' || c == '[' || c == '(' || c == '|' || c == ']' || c == ')')
        return 1;
    for (size_t k = 0; k < N_OPENERS; k++) {
        size_t l = opener_length[k];
        if (i >= l && (unsigned char)openers[k][l - 1] == c &&
            memcmp(s + i - l, openers[k], l) == 0)
            return 1;
    }
    return 0;
}

/* Whether label k is at s + i, s holding n bytes. */
static int label_at(const char *s, size_t n, size_t i, size_t k)
{
    size_t l = label_length[k];
    return s[i] == labels[k].text[0] && l <= n - i &&
           memcmp(s + i, labels[k].text, l) == 0;
}

/* "由 ddos8919发布于 2024-02-24", "本文由 张三 发表": the name between 由
 * and the verb of posting, at the start of a block. User names may be
 * lower case and hold digits. */
void html_byline_read_posted_by(html_meta *m, const char *s, size_t n)
{
    static const char *const verbs[] = {"发布", "發佈", "發布", "发表", "發表"};
    size_t i = html_byline_starts(s, n, 0, "本文由") ? 9
               : html_byline_starts(s, n, 0, "由")   ? 3
                                                     : 0;
    if (i == 0)
        return;
    while (i < n && s[i] == ' ')
        i++;
    size_t from = i;
    for (; i < n && i - from <= HEAD_BYTES / 2; i++) {
        for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++) {
            if (!html_byline_starts(s, n, i, verbs[k]))
                continue;
            size_t e = i;
            while (e > from && s[e - 1] == ' ')
                e--;
            if (html_byline_breaks_user_name(s + from, e - from))
                return;
            size_t chars = sl_utf8_count(s + from, e - from);
            if (chars >= 2 && chars <= POSTER_CHARS &&
                !html_byline_ui_word(s + from, e - from))
                html_meta_offer(m, MS_AUTHOR_BYLINE, 1, s + from, e - from);
            return;
        }
    }
}

/* Labelled bylines in the head of a block. */
void html_byline_read_labels(html_meta *m, const char *s, size_t n)
{
    pthread_once(&lengths_once, find_lengths);
    if (n > HEAD_BYTES)
        n = HEAD_BYTES;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] < 0xE3 || !label_start_ok(s, i))
            continue;
        for (size_t k = 0; k < N_LABELS; k++) {
            if (!label_at(s, n, i, k))
                continue;
            /* "记者 张三" may go without a colon; "编辑 收藏" is a row of
             * buttons */
            size_t from,
                len = html_byline_read_name(s, n, i + label_length[k],
                                            labels[k].kind == L_PERSON, &from);
            if (len) {
                html_byline_trim_name(s, &from, &len);
                if (labels[k].kind == L_PERSON &&
                    html_byline_unknown(s + from, len))
                    m->author_unknown = 1;
                else if (html_byline_name_ok(s + from, len, labels[k].kind))
                    html_meta_offer(m, label_slot[labels[k].kind], 0, s + from,
                                    len);
            }
            break;
        }
    }
}
