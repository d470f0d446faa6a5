/* plugins/boilerplate/bp_lexicon.c - the stop-phrase lexicons and their
 * matcher. A phrase belongs to a reason and counts only in blocks up to
 * max_chars code points long: "客服" ends a short line of contacts, not a
 * news paragraph about customer service. English phrases are matched
 * against an ASCII-lower-cased copy.
 */
#include "bp_lexicon.h"

#include <string.h>

typedef struct phrase {
    const char *text;
    const char *reason;
    unsigned short max_chars;
    unsigned char strength; /* percent */
    unsigned char header;   /* introduces a list of related links */
} phrase;

static const phrase phrases[] = {
    /* contact and customer service */
    {"客服", "contact", 60, 90, 0},
    {"微信号", "contact", 60, 90, 0},
    {"扫码", "contact", 60, 90, 0},
    {"扫一扫", "contact", 60, 90, 0},
    {"二维码", "contact", 40, 80, 0},
    {"联系我们", "contact", 40, 90, 0},
    {"联系电话", "contact", 60, 80, 0},
    {"服务热线", "contact", 60, 80, 0},
    {"咨询热线", "contact", 60, 80, 0},
    {"在线时间", "contact", 40, 80, 0},
    {"公众号", "contact", 50, 80, 0},
    {"关注我们", "contact", 40, 90, 0},
    {"投稿邮箱", "contact", 60, 90, 0},
    {"qq群", "contact", 50, 80, 0},
    {"contact us", "contact", 40, 90, 0},
    {"email us", "contact", 40, 80, 0},
    /* copyright and legal */
    {"版权所有", "copyright", 200, 95, 0},
    {"版权声明", "copyright", 200, 90, 0},
    {"icp备", "copyright", 200, 95, 0},
    {"icp证", "copyright", 200, 95, 0},
    {"公网安备", "copyright", 200, 95, 0},
    {"copyright", "copyright", 200, 90, 0},
    {"©", "copyright", 120, 85, 0},
    {"all rights reserved", "copyright", 200, 95, 0},
    {"保留所有权利", "copyright", 200, 90, 0},
    {"转载请注明", "copyright", 120, 85, 0},
    {"免责声明", "copyright", 120, 85, 0},
    {"未经授权", "copyright", 120, 80, 0},
    {"隐私政策", "copyright", 40, 85, 0},
    {"privacy policy", "copyright", 60, 85, 0},
    {"terms of use", "copyright", 60, 85, 0},
    {"terms of service", "copyright", 60, 85, 0},
    {"cookie policy", "copyright", 60, 85, 0},
    /* related content */
    {"相关文章", "related", 40, 90, 1},
    {"相关推荐", "related", 30, 90, 1},
    {"热门推荐", "related", 30, 90, 1},
    {"热门文章", "related", 30, 90, 1},
    {"推荐阅读", "related", 30, 90, 1},
    {"相关阅读", "related", 30, 90, 1},
    {"延伸阅读", "related", 30, 90, 1},
    {"猜你喜欢", "related", 30, 90, 1},
    {"精彩推荐", "related", 30, 90, 1},
    {"相关新闻", "related", 30, 90, 1},
    {"热点新闻", "related", 30, 85, 1},
    {"最新文章", "related", 30, 85, 1},
    {"上一篇", "related", 80, 90, 0},
    {"下一篇", "related", 80, 90, 0},
    {"上一章", "related", 40, 80, 0},
    {"下一章", "related", 40, 80, 0},
    {"返回列表", "related", 30, 90, 0},
    {"related articles", "related", 40, 90, 1},
    {"related posts", "related", 40, 90, 1},
    {"related stories", "related", 40, 90, 1},
    {"you may also like", "related", 40, 90, 1},
    {"you might also like", "related", 40, 90, 1},
    {"recommended for you", "related", 40, 90, 1},
    {"more stories", "related", 30, 85, 1},
    {"previous post", "related", 60, 85, 0},
    {"next post", "related", 60, 85, 0},
    {"previous article", "related", 60, 85, 0},
    {"next article", "related", 60, 85, 0},
    /* loading more, reading on */
    {"点击加载更多", "more", 30, 95, 0},
    {"加载更多", "more", 20, 90, 0},
    {"查看更多", "more", 20, 85, 0},
    {"阅读全文", "more", 20, 85, 0},
    {"展开全文", "more", 20, 85, 0},
    {"点击查看", "more", 30, 75, 0},
    {"load more", "more", 20, 85, 0},
    {"read more", "more", 20, 80, 0},
    {"continue reading", "more", 30, 80, 0},
    /* sharing */
    {"分享到", "share", 40, 90, 0},
    {"分享至", "share", 40, 90, 0},
    {"一键分享", "share", 40, 90, 0},
    {"收藏本文", "share", 40, 85, 0},
    {"share this", "share", 40, 90, 0},
    {"share on", "share", 40, 85, 0},
    {"tweet", "share", 20, 70, 0},
    {"facebook", "share", 25, 60, 0},
    /* accounts */
    {"登录", "login", 20, 80, 0},
    {"注册", "login", 12, 70, 0},
    {"登陆", "login", 20, 80, 0},
    {"sign in", "login", 25, 80, 0},
    {"log in", "login", 25, 80, 0},
    {"sign up", "login", 25, 80, 0},
    {"subscribe", "login", 30, 75, 0},
    {"newsletter", "login", 40, 70, 0},
    /* navigation */
    {"当前位置", "nav", 60, 95, 0},
    {"您的位置", "nav", 60, 95, 0},
    {"你的位置", "nav", 60, 95, 0},
    {"您现在的位置", "nav", 60, 95, 0},
    {"返回首页", "nav", 30, 90, 0},
    {"返回顶部", "nav", 20, 90, 0},
    {"网站地图", "nav", 40, 85, 0},
    {"首页", "nav", 12, 70, 0},
    {"skip to content", "nav", 30, 90, 0},
    {"back to top", "nav", 20, 90, 0},
    {"home", "nav", 8, 60, 0},
    /* advertising */
    {"广告", "ad", 12, 70, 0},
    {"advertisement", "ad", 25, 90, 0},
    {"sponsored", "ad", 25, 80, 0},
    /* comments */
    {"发表评论", "comment", 30, 90, 0},
    {"网友评论", "comment", 30, 90, 0},
    {"条评论", "comment", 20, 85, 0},
    {"评论", "comment", 8, 70, 0},
    {"leave a reply", "comment", 30, 90, 0},
    {"leave a comment", "comment", 30, 90, 0},
    {"post a comment", "comment", 30, 90, 0},
    {"comments", "comment", 15, 70, 0},
    /* editors and sources, short lines in news pages */
    {"责任编辑", "byline", 40, 85, 0},
    {"编辑：", "byline", 25, 70, 0},
    {"来源：", "byline", 40, 60, 0},
};

enum { LOWER_MAX = 1200 };

void bp_lexicon_match(const char *text, size_t len, size_t chars,
                      bp_lexicon_hit *hit)
{
    memset(hit, 0, sizeof *hit);
    if (chars > 200 || len >= LOWER_MAX)
        return;
    char lower[LOWER_MAX];
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        lower[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    lower[len] = '\0';
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
        const phrase *p = &phrases[i];
        if (chars > p->max_chars)
            continue;
        if (!strstr(lower, p->text))
            continue;
        hit->hits++;
        float s = (float)p->strength / 100.0f;
        if (p->header && chars <= 30)
            hit->related_header = 1;
        if (s > hit->strength) {
            hit->strength = s;
            hit->reason = p->reason;
        }
    }
}

/* text is NUL-terminated (block texts always are). */
static int contains(const char *text, size_t len, const char *needle)
{
    return strlen(needle) <= len && strstr(text, needle) != NULL;
}

int bp_is_seo_blurb(const char *text, size_t len, size_t chars)
{
    if (chars > 400)
        return 0;
    static const char *const openers[] = {"小编", "以下是", "下面是", "本文是",
                                          "本站", "为大家整理", "为您整理",
                                          "帮大家整理"};
    static const char *const closers[] = {"供大家参考", "仅供参考",
                                          "希望对你有所帮助", "希望对您有所帮助",
                                          "希望能帮助", "希望可以帮助",
                                          "欢迎阅读", "欢迎大家",
                                          "精心为您", "精心为大家",
                                          "精心整理", "精心推荐",
                                          "收集整理", "一起来看看",
                                          "一起来看看吧", "供您参考",
                                          "以供参考"};
    int open = 0, close = 0;
    for (size_t i = 0; i < sizeof openers / sizeof openers[0]; i++)
        open += contains(text, len, openers[i]);
    for (size_t i = 0; i < sizeof closers / sizeof closers[0]; i++)
        close += contains(text, len, closers[i]);
    return open > 0 && close > 0;
}
