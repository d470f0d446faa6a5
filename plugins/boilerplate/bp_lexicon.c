/* plugins/boilerplate/bp_lexicon.c - the stop-phrase lexicons and their
 * matcher. A phrase belongs to a reason and counts only in blocks up to
 * max_chars code points long: "客服" ends a short line of contacts, not a
 * news paragraph about customer service. English phrases are matched
 * without regard to ASCII case.
 */
#include "bp_lexicon.h"
#include "bp_reasons.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

typedef struct phrase {
    const char *text;
    bp_reason reason;
    unsigned short max_chars;
    unsigned char strength; /* percent */
    unsigned char header;   /* introduces a list of related links */
    unsigned char blurb;    /* 1: opens a site blurb, 2: closes one */
    const char *not_after;  /* the phrase does not count right after this
                               ("顾客服务" is not customer service) */
} phrase;

static const phrase phrases[] = {
    /* contact and customer service */
    {"客服", BP_REASON_CONTACT, 60, 90, 0, 0, "顾"},
    {"微信号", BP_REASON_CONTACT, 60, 90, 0, 0, NULL},
    {"扫码", BP_REASON_CONTACT, 60, 90, 0, 0, NULL},
    {"扫一扫", BP_REASON_CONTACT, 60, 90, 0, 0, NULL},
    {"二维码", BP_REASON_CONTACT, 20, 80, 0, 0, NULL},
    {"联系我们", BP_REASON_CONTACT, 40, 90, 0, 0, NULL},
    {"联系电话", BP_REASON_CONTACT, 30, 60, 0, 0, NULL},
    {"服务热线", BP_REASON_CONTACT, 30, 80, 0, 0, NULL},
    {"咨询热线", BP_REASON_CONTACT, 60, 80, 0, 0, NULL},
    {"在线时间", BP_REASON_CONTACT, 40, 80, 0, 0, NULL},
    {"公众号", BP_REASON_CONTACT, 50, 80, 0, 0, NULL},
    {"关注我们", BP_REASON_CONTACT, 40, 90, 0, 0, NULL},
    {"投稿邮箱", BP_REASON_CONTACT, 60, 90, 0, 0, NULL},
    {"qq群", BP_REASON_CONTACT, 50, 80, 0, 0, NULL},
    {"contact us", BP_REASON_CONTACT, 40, 90, 0, 0, NULL},
    {"email us", BP_REASON_CONTACT, 40, 80, 0, 0, NULL},
    /* a show's or a column's request for mail, a sentence under the
       text ("Want us to cover more about the sun? Email us at ...") */
    {"email us at", BP_REASON_CONTACT, 120, 85, 0, 0, NULL},
    /* a call for readers' stories over a form ("Send us your
       experiences using the form below.") */
    {"send us your", BP_REASON_CONTACT, 160, 85, 0, 0, NULL},
    /* copyright and legal */
    {"版权所有", BP_REASON_COPYRIGHT, 200, 95, 0, 0, NULL},
    {"版权声明", BP_REASON_COPYRIGHT, 200, 90, 0, 0, NULL},
    {"icp备", BP_REASON_COPYRIGHT, 200, 95, 0, 0, NULL},
    {"icp证", BP_REASON_COPYRIGHT, 200, 95, 0, 0, NULL},
    {"公网安备", BP_REASON_COPYRIGHT, 200, 95, 0, 0, NULL},
    {"copyright", BP_REASON_COPYRIGHT, 200, 90, 0, 0, NULL},
    {"©", BP_REASON_COPYRIGHT, 120, 85, 0, 0, NULL},
    {"all rights reserved", BP_REASON_COPYRIGHT, 200, 95, 0, 0, NULL},
    {"保留所有权利", BP_REASON_COPYRIGHT, 200, 90, 0, 0, NULL},
    {"转载请注明", BP_REASON_COPYRIGHT, 120, 85, 0, 0, NULL},
    {"免责声明", BP_REASON_COPYRIGHT, 120, 85, 0, 0, NULL},
    {"请勿转载", BP_REASON_COPYRIGHT, 80, 85, 0, 0, NULL},
    {"注明出处", BP_REASON_COPYRIGHT, 80, 85, 0, 0, NULL},
    {"禁止转载", BP_REASON_COPYRIGHT, 80, 85, 0, 0, NULL},
    {"未经授权", BP_REASON_COPYRIGHT, 60, 70, 0, 0, NULL},
    {"隐私政策", BP_REASON_COPYRIGHT, 40, 85, 0, 0, NULL},
    {"privacy policy", BP_REASON_COPYRIGHT, 60, 85, 0, 0, NULL},
    {"terms of use", BP_REASON_COPYRIGHT, 60, 85, 0, 0, NULL},
    {"terms of service", BP_REASON_COPYRIGHT, 60, 85, 0, 0, NULL},
    {"cookie policy", BP_REASON_COPYRIGHT, 60, 85, 0, 0, NULL},
    /* "Reproduction without proper consent is not allowed." */
    {"reproduction without", BP_REASON_COPYRIGHT, 200, 85, 0, 0, NULL},
    /* a cookie notice ("We use cookies to ensure that we give you the best
       experience...", "本网站使用Cookie...", "当サイトではクッキーを使用
       しています") */
    {"we use cookies", BP_REASON_COPYRIGHT, 250, 95, 0, 0, NULL},
    {"site uses cookies", BP_REASON_COPYRIGHT, 250, 95, 0, 0, NULL},
    {"使用cookie", BP_REASON_COPYRIGHT, 150, 95, 0, 0, NULL},
    {"使用Cookie", BP_REASON_COPYRIGHT, 150, 95, 0, 0, NULL},
    {"クッキーを使用", BP_REASON_COPYRIGHT, 150, 95, 0, 0, NULL},
    /* related content */
    {"相关文章", BP_REASON_RELATED, 40, 90, 1, 0, NULL},
    {"相关推荐", BP_REASON_RELATED, 30, 90, 1, 0, NULL},
    {"热门推荐", BP_REASON_RELATED, 30, 90, 1, 0, NULL},
    {"热门文章", BP_REASON_RELATED, 30, 90, 1, 0, NULL},
    {"推荐阅读", BP_REASON_RELATED, 30, 90, 1, 0, NULL},
    {"相关阅读", BP_REASON_RELATED, 30, 90, 1, 0, NULL},
    {"延伸阅读", BP_REASON_RELATED, 30, 90, 1, 0, NULL},
    {"猜你喜欢", BP_REASON_RELATED, 30, 90, 1, 0, NULL},
    {"精彩推荐", BP_REASON_RELATED, 30, 90, 1, 0, NULL},
    {"相关新闻", BP_REASON_RELATED, 30, 90, 1, 0, NULL},
    {"热点新闻", BP_REASON_RELATED, 30, 85, 1, 0, NULL},
    {"最新文章", BP_REASON_RELATED, 30, 85, 1, 0, NULL},
    {"上一篇", BP_REASON_RELATED, 80, 90, 0, 0, NULL},
    {"下一篇", BP_REASON_RELATED, 80, 90, 0, 0, NULL},
    {"上一章", BP_REASON_RELATED, 40, 80, 0, 0, NULL},
    {"下一章", BP_REASON_RELATED, 40, 80, 0, 0, NULL},
    {"返回列表", BP_REASON_RELATED, 30, 90, 0, 0, NULL},
    {"related articles", BP_REASON_RELATED, 40, 90, 1, 0, NULL},
    {"related posts", BP_REASON_RELATED, 40, 90, 1, 0, NULL},
    {"related stories", BP_REASON_RELATED, 40, 90, 1, 0, NULL},
    {"you may also like", BP_REASON_RELATED, 40, 90, 1, 0, NULL},
    {"you might also like", BP_REASON_RELATED, 40, 90, 1, 0, NULL},
    {"recommended for you", BP_REASON_RELATED, 40, 90, 1, 0, NULL},
    {"more stories", BP_REASON_RELATED, 30, 85, 1, 0, NULL},
    {"previous post", BP_REASON_RELATED, 60, 85, 0, 0, NULL},
    {"next post", BP_REASON_RELATED, 60, 85, 0, 0, NULL},
    {"previous article", BP_REASON_RELATED, 60, 85, 0, 0, NULL},
    {"next article", BP_REASON_RELATED, 60, 85, 0, 0, NULL},
    /* loading more, reading on */
    {"点击加载更多", BP_REASON_MORE, 30, 95, 0, 0, NULL},
    {"加载更多", BP_REASON_MORE, 20, 90, 0, 0, NULL},
    {"查看更多", BP_REASON_MORE, 20, 85, 0, 0, NULL},
    {"阅读全文", BP_REASON_MORE, 20, 85, 0, 0, NULL},
    {"展开全文", BP_REASON_MORE, 20, 85, 0, 0, NULL},
    {"点击查看", BP_REASON_MORE, 30, 75, 0, 0, NULL},
    {"load more", BP_REASON_MORE, 20, 85, 0, 0, NULL},
    {"read more", BP_REASON_MORE, 20, 80, 0, 0, NULL},
    {"continue reading", BP_REASON_MORE, 30, 80, 0, 0, NULL},
    /* a box's button to its full list ("See all", "查看全部") */
    {"see all", BP_REASON_MORE, 12, 85, 0, 0, NULL},
    {"view all", BP_REASON_MORE, 12, 85, 0, 0, NULL},
    {"show all", BP_REASON_MORE, 12, 85, 0, 0, NULL},
    {"see more", BP_REASON_MORE, 12, 85, 0, 0, NULL},
    {"show more", BP_REASON_MORE, 12, 85, 0, 0, NULL},
    {"查看全部", BP_REASON_MORE, 8, 85, 0, 0, NULL},
    /* a widget still loading ("调查问题加载中，请稍候。",
       "若长时间无响应，请刷新本页面") */
    {"加载中", BP_REASON_MORE, 20, 85, 0, 0, NULL},
    {"请稍候", BP_REASON_MORE, 20, 80, 0, 0, NULL},
    {"刷新本页面", BP_REASON_MORE, 20, 85, 0, 0, NULL},
    {"loading", BP_REASON_MORE, 12, 85, 0, 0, NULL},
    /* sharing */
    {"分享到", BP_REASON_SHARE, 40, 90, 0, 0, NULL},
    {"分享至", BP_REASON_SHARE, 40, 90, 0, 0, NULL},
    {"一键分享", BP_REASON_SHARE, 40, 90, 0, 0, NULL},
    {"收藏本文", BP_REASON_SHARE, 40, 85, 0, 0, NULL},
    {"share this", BP_REASON_SHARE, 40, 90, 0, 0, NULL},
    {"share on", BP_REASON_SHARE, 40, 85, 0, 0, NULL},
    {"tweet", BP_REASON_SHARE, 20, 70, 0, 0, NULL},
    {"facebook", BP_REASON_SHARE, 25, 60, 0, 0, NULL},
    /* a picture's buttons: a caption's toggle, a zoom */
    {"toggle caption", BP_REASON_ACTION, 20, 90, 0, 0, NULL},
    {"hide caption", BP_REASON_ACTION, 20, 90, 0, 0, NULL},
    {"click to enlarge", BP_REASON_ACTION, 25, 90, 0, 0, NULL},
    {"enlarge this image", BP_REASON_ACTION, 25, 90, 0, 0, NULL},
    {"查看大图", BP_REASON_ACTION, 10, 85, 0, 0, NULL},
    {"点击放大", BP_REASON_ACTION, 10, 85, 0, 0, NULL},
    /* a podcast's "Listen on Spotify, Apple Podcasts..." */
    {"apple podcasts", BP_REASON_SHARE, 120, 80, 0, 0, NULL},
    /* a post's or an article's buttons: like, share, favourite, report,
     * follow, reply, fold (alone, or with a count) */
    {"点赞", BP_REASON_ACTION, 4, 85, 0, 0, NULL},
    {"分享", BP_REASON_ACTION, 4, 80, 0, 0, "谢"}, /* "谢谢分享" is a reply */
    {"收藏", BP_REASON_ACTION, 2, 80, 0, 0, NULL},
    {"举报", BP_REASON_ACTION, 4, 85, 0, 0, NULL},
    {"关注", BP_REASON_ACTION, 3, 80, 0, 0, NULL},
    {"回复", BP_REASON_ACTION, 4, 75, 0, 0, NULL},
    {"收起", BP_REASON_ACTION, 4, 80, 0, 0, NULL},
    {"展开全部", BP_REASON_ACTION, 6, 85, 0, 0, NULL},
    {"手机查看", BP_REASON_ACTION, 8, 85, 0, 0, NULL},
    {"复制链接", BP_REASON_ACTION, 8, 85, 0, 0, NULL},
    {"只看楼主", BP_REASON_ACTION, 60, 85, 0, 0, NULL},
    {"只看该作者", BP_REASON_ACTION, 60, 85, 0, 0, NULL},
    {"倒序浏览", BP_REASON_ACTION, 60, 85, 0, 0, NULL},
    /* a shop's buttons and price labels ("Add to cart", "Quantity",
       "CHF903.00 Sale Price") */
    {"add to cart", BP_REASON_ACTION, 20, 90, 0, 0, NULL},
    {"add to basket", BP_REASON_ACTION, 20, 90, 0, 0, NULL},
    {"add to bag", BP_REASON_ACTION, 20, 90, 0, 0, NULL},
    {"buy now", BP_REASON_ACTION, 15, 85, 0, 0, NULL},
    {"quantity", BP_REASON_ACTION, 10, 85, 0, 0, NULL},
    {"sale price", BP_REASON_ACTION, 30, 85, 0, 0, NULL},
    {"regular price", BP_REASON_ACTION, 30, 85, 0, 0, NULL},
    {"加入购物车", BP_REASON_ACTION, 10, 90, 0, 0, NULL},
    {"立即购买", BP_REASON_ACTION, 10, 90, 0, 0, NULL},
    /* a blog's like button and its prompt ("Like this:", "Like
       Loading...") */
    {"like this:", BP_REASON_ACTION, 12, 85, 0, 0, NULL},
    {"like loading", BP_REASON_ACTION, 20, 85, 0, 0, NULL},
    /* a reply box's tool bar ("表情 图片") and a post's likes line
     * ("马亮南生等人赞过") */
    {"表情", BP_REASON_ACTION, 6, 80, 0, 0, NULL},
    {"等人赞过", BP_REASON_ACTION, 20, 85, 0, 0, NULL},
    /* a Q&A page's prompts and counters under an answer ("你对这个回答
     * 的评价是？", "帮助的人：37.3万", "Was this answer helpful?") */
    {"对这个回答的评价", BP_REASON_ACTION, 20, 90, 0, 0, NULL},
    {"帮助的人", BP_REASON_ACTION, 16, 85, 0, 0, NULL},
    {"was this answer helpful", BP_REASON_ACTION, 40, 85, 0, 0, NULL},
    {"was this helpful", BP_REASON_ACTION, 30, 85, 0, 0, NULL},
    /* an encyclopedia's section buttons: edit, read aloud */
    {"编辑", BP_REASON_ACTION, 2, 80, 0, 0, NULL},
    {"播报", BP_REASON_ACTION, 2, 80, 0, 0, NULL},
    /* accounts */
    {"登录", BP_REASON_LOGIN, 10, 80, 0, 0, NULL},
    {"注册", BP_REASON_LOGIN, 12, 70, 0, 0, NULL},
    {"登陆", BP_REASON_LOGIN, 6, 80, 0, 0, NULL},
    {"sign in", BP_REASON_LOGIN, 25, 80, 0, 0, NULL},
    {"log in", BP_REASON_LOGIN, 25, 80, 0, 0, NULL},
    {"login", BP_REASON_LOGIN, 16, 80, 0, 0, NULL},
    /* a forum's prompt under a thread ("Please log in to post questions.",
       "Please Log in or Create an account to join the conversation.",
       "You must be logged in to reply to this topic.") */
    {"please log in", BP_REASON_LOGIN, 80, 80, 0, 0, NULL},
    {"logged in to", BP_REASON_LOGIN, 80, 80, 0, 0, NULL},
    {"join the conversation", BP_REASON_LOGIN, 80, 80, 0, 0, NULL},
    /* a post's or answer's prompt ("Please Sign up or sign in to vote.",
       "Sign in to comment", "Log in to reply") */
    {"sign in to vote", BP_REASON_LOGIN, 80, 80, 0, 0, NULL},
    {"sign in to comment", BP_REASON_LOGIN, 80, 80, 0, 0, NULL},
    {"sign in to reply", BP_REASON_LOGIN, 80, 80, 0, 0, NULL},
    {"log in to comment", BP_REASON_LOGIN, 80, 80, 0, 0, NULL},
    {"log in to reply", BP_REASON_LOGIN, 80, 80, 0, 0, NULL},
    {"sign up", BP_REASON_LOGIN, 25, 80, 0, 0, NULL},
    {"subscribe", BP_REASON_LOGIN, 30, 75, 0, 0, NULL},
    {"newsletter", BP_REASON_LOGIN, 40, 70, 0, 0, NULL},
    {"to your inbox", BP_REASON_LOGIN, 120, 80, 0, 0, NULL},
    /* a newsletter's small print ("You may unsubscribe at any time") */
    {"unsubscribe", BP_REASON_LOGIN, 250, 80, 0, 0, NULL},
    /* a sign-up form's labels and pitch ("E-mail Address", "Registration
       is free, quick and easy") and a plea to pay for the show ("...
       sponsor-free and support our work at NPR by signing up...") */
    {"email address", BP_REASON_LOGIN, 40, 80, 0, 0, NULL},
    {"e-mail address", BP_REASON_LOGIN, 40, 80, 0, 0, NULL},
    {"registration is free", BP_REASON_LOGIN, 60, 85, 0, 0, NULL},
    /* a form's labels ("(Required) Name (Required) Your E-mail
       address") */
    {"(required)", BP_REASON_LOGIN, 120, 90, 0, 0, NULL},
    {"support our work", BP_REASON_LOGIN, 200, 80, 0, 0, NULL},
    {"support our journalism", BP_REASON_LOGIN, 200, 80, 0, 0, NULL},
    /* navigation */
    {"当前位置", BP_REASON_NAV, 60, 95, 0, 0, NULL},
    {"您的位置", BP_REASON_NAV, 60, 95, 0, 0, NULL},
    {"你的位置", BP_REASON_NAV, 60, 95, 0, 0, NULL},
    {"您现在的位置", BP_REASON_NAV, 60, 95, 0, 0, NULL},
    {"返回首页", BP_REASON_NAV, 30, 90, 0, 0, NULL},
    {"返回顶部", BP_REASON_NAV, 20, 90, 0, 0, NULL},
    {"网站地图", BP_REASON_NAV, 40, 85, 0, 0, NULL},
    {"首页", BP_REASON_NAV, 12, 70, 0, 0, NULL},
    {"skip to content", BP_REASON_NAV, 30, 90, 0, 0, NULL},
    {"back to top", BP_REASON_NAV, 20, 90, 0, 0, NULL},
    {"home", BP_REASON_NAV, 8, 60, 0, 0, NULL},
    /* a forum thread's status line and page counter, as the forum
       software prints them ("This topic has 3 replies, 3 voices, and was
       last updated 4 years ago by ...", "Viewing 4 posts - 1 through 4
       (of 4 total)", "Viewing 0 reply threads") */
    {"this topic has", BP_REASON_NAV, 160, 85, 0, 0, NULL},
    {"total)", BP_REASON_NAV, 60, 80, 0, 0, NULL},
    {"reply threads", BP_REASON_NAV, 40, 85, 0, 0, NULL},
    /* advertising */
    {"广告", BP_REASON_AD, 12, 70, 0, 0, NULL},
    /* a promotion's call to action ("...评选火热进行中！【点击投票】") */
    {"点击投票", BP_REASON_AD, 150, 85, 0, 0, NULL},
    {"火热进行中", BP_REASON_AD, 150, 80, 0, 0, NULL},
    {"点击报名", BP_REASON_AD, 100, 85, 0, 0, NULL},
    {"立即报名", BP_REASON_AD, 60, 80, 0, 0, NULL},
    {"点击下载", BP_REASON_AD, 60, 85, 0, 0, NULL},
    {"立即下载", BP_REASON_AD, 40, 80, 0, 0, NULL},
    {"advertisement", BP_REASON_AD, 25, 90, 0, 0, NULL},
    {"sponsored", BP_REASON_AD, 25, 80, 0, 0, NULL},
    /* comments */
    {"发表评论", BP_REASON_COMMENT, 30, 90, 0, 0, NULL},
    {"网友评论", BP_REASON_COMMENT, 30, 90, 0, 0, NULL},
    {"条评论", BP_REASON_COMMENT, 20, 85, 0, 0, NULL},
    {"评论", BP_REASON_COMMENT, 8, 70, 0, 0, NULL},
    {"leave a reply", BP_REASON_COMMENT, 30, 90, 0, 0, NULL},
    {"leave a comment", BP_REASON_COMMENT, 30, 90, 0, 0, NULL},
    {"post a comment", BP_REASON_COMMENT, 30, 90, 0, 0, NULL},
    {"comments", BP_REASON_COMMENT, 15, 70, 0, 0, NULL},
    /* editors and sources, short lines in news pages */
    {"责任编辑", BP_REASON_BYLINE, 40, 85, 0, 0, NULL},
    {"编辑：", BP_REASON_BYLINE, 25, 70, 0, 0, NULL},
    {"来源：", BP_REASON_BYLINE, 40, 60, 0, 0, NULL},
    /* a template site's blurb about its own articles: one opener and one
     * closer make a blurb ("以下是...小编精心为您推荐的...供大家参考") */
    {"小编", BP_REASON_NONE, 250, 0, 0, 1, NULL},
    {"以下是", BP_REASON_NONE, 250, 0, 0, 1, NULL},
    {"下面是", BP_REASON_NONE, 250, 0, 0, 1, NULL},
    {"本文是", BP_REASON_NONE, 250, 0, 0, 1, NULL},
    {"本站", BP_REASON_NONE, 250, 0, 0, 1, NULL},
    {"为大家整理", BP_REASON_NONE, 250, 0, 0, 1, NULL},
    {"为您整理", BP_REASON_NONE, 250, 0, 0, 1, NULL},
    {"帮大家整理", BP_REASON_NONE, 250, 0, 0, 1, NULL},
    {"供大家参考", BP_REASON_NONE, 250, 0, 0, 2, NULL},
    {"仅供参考", BP_REASON_NONE, 250, 0, 0, 2, NULL},
    {"希望对你有所帮助", BP_REASON_NONE, 250, 0, 0, 2, NULL},
    {"希望对您有所帮助", BP_REASON_NONE, 250, 0, 0, 2, NULL},
    {"希望能帮助", BP_REASON_NONE, 250, 0, 0, 2, NULL},
    {"希望可以帮助", BP_REASON_NONE, 250, 0, 0, 2, NULL},
    {"欢迎阅读", BP_REASON_NONE, 250, 0, 0, 2, NULL},
    {"欢迎大家", BP_REASON_NONE, 250, 0, 0, 2, NULL},
    {"精心为您", BP_REASON_NONE, 250, 0, 0, 2, NULL},
    {"精心为大家", BP_REASON_NONE, 250, 0, 0, 2, NULL},
    {"精心整理", BP_REASON_NONE, 250, 0, 0, 2, NULL},
    {"精心推荐", BP_REASON_NONE, 250, 0, 0, 2, NULL},
    {"收集整理", BP_REASON_NONE, 250, 0, 0, 2, NULL},
    {"一起来看看", BP_REASON_NONE, 250, 0, 0, 2, NULL},
    {"供您参考", BP_REASON_NONE, 250, 0, 0, 2, NULL},
    {"以供参考", BP_REASON_NONE, 250, 0, 0, 2, NULL},
};

enum {
    MAX_CHARS = BP_LEXICON_MAX_CHARS,
    BUCKETS = 1024, /* phrases indexed by their first character */
    N_PHRASES = sizeof phrases / sizeof phrases[0]
};

/* Phrase indices sorted by bucket; bucket b holds order[start[b] ..
 * start[b + 1]). Built once. */
static uint16_t order[N_PHRASES];
static uint16_t start[BUCKETS + 1];
static size_t lengths[N_PHRASES];
static uint8_t ascii_phrase[N_PHRASES]; /* matched without case */
/* The longest block (in code points) that some phrase starting with a
 * character counts in, 0 when no phrase starts with it (max_chars is at
 * most MAX_CHARS, which fits a byte): bp_lexicon_reach_by_char by the low
 * 16 bits of a three- or four-byte character (a three-byte one's code
 * point), max_chars_by_pair by the first two bytes of any other. Most
 * positions of a text find a value below the block's length here and
 * skip the bucket. */
uint8_t bp_lexicon_reach_by_char[65536];
static uint8_t max_chars_by_pair[65536];
uint8_t bp_lexicon_first_bytes[256];
/* For the phrases starting with a three-byte character: a bit for each
 * hash of the first six bytes of one (its first character and the three
 * bytes after it), and a bit for the first character (its code point) of
 * one shorter than six bytes. */
static uint8_t six_byte_bits[65536 / 8];
static uint8_t short_phrase_bits[65536 / 8];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

/* The bucket of the text at t (room bytes left): its first character
 * when that is a three- or four-byte one (CJK: two bytes would lump 64
 * characters together), else its first two bytes. */
static unsigned bucket_of(const unsigned char *t, size_t room)
{
    unsigned h = (unsigned)t[0] * 31u + (unsigned)t[1];
    if (t[0] >= 0xE0 && room >= 3)
        h = h * 31u + (unsigned)t[2];
    return h % BUCKETS;
}

static unsigned char fold(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* The slot of bp_lexicon_reach_by_char or max_chars_by_pair for the text at t
 * (room bytes left, at least two): the first character's low 16 bits
 * when it has three or four bytes and they are there, else the first two
 * bytes with ASCII letters folded. */
static inline uint8_t *max_chars_slot(const unsigned char *t, size_t room)
{
    if (t[0] >= 0xE0 && room >= 3)
        return &bp_lexicon_reach_by_char[(t[0] & 0x0Fu) << 12 |
                                         (t[1] & 0x3Fu) << 6 | (t[2] & 0x3Fu)];
    return &max_chars_by_pair[(unsigned)fold(t[0]) << 8 | fold(t[1])];
}

/* The hash, for six_byte_bits, of a three-byte character (its code point
 * cp) and the three bytes after it (next). */
static unsigned six_byte_hash(uint32_t cp, const unsigned char *next)
{
    uint32_t after = (uint32_t)next[0] << 16 | (uint32_t)next[1] << 8 | next[2];
    return ((cp * 2654435761u) ^ (after * 40503u)) >> 16;
}

/* The code point of the three-byte character at t. */
static uint32_t three_byte_cp(const unsigned char *t)
{
    return (t[0] & 0x0Fu) << 12 | (t[1] & 0x3Fu) << 6 | (t[2] & 0x3Fu);
}

static int bit_is_set(const uint8_t *bits, unsigned i)
{
    return (bits[i >> 3] >> (i & 7)) & 1;
}

static void set_bit(uint8_t *bits, unsigned i)
{
    bits[i >> 3] |= (uint8_t)(1u << (i & 7));
}

static void build_index(void)
{
    uint16_t count[BUCKETS] = {0};
    for (size_t i = 0; i < N_PHRASES; i++) {
        const unsigned char *t = (const unsigned char *)phrases[i].text;
        lengths[i] = strlen(phrases[i].text);
        ascii_phrase[i] = 1;
        for (size_t k = 0; k < lengths[i]; k++)
            ascii_phrase[i] &= t[k] < 0x80;
        count[bucket_of(t, lengths[i])]++;
        bp_lexicon_first_bytes[t[0]] = 1;
        if (t[0] >= 'a' && t[0] <= 'z')
            bp_lexicon_first_bytes[t[0] - 'a' + 'A'] = 1;
        if (t[0] >= 0xE0 && lengths[i] >= 6)
            set_bit(six_byte_bits, six_byte_hash(three_byte_cp(t), t + 3));
        else if (t[0] >= 0xE0 && lengths[i] >= 3)
            set_bit(short_phrase_bits, three_byte_cp(t));
        uint8_t *slot = max_chars_slot(t, lengths[i]);
        if (phrases[i].max_chars > *slot)
            *slot = (uint8_t)phrases[i].max_chars;
    }
    start[0] = 0;
    for (size_t b = 0; b < BUCKETS; b++)
        start[b + 1] = (uint16_t)(start[b] + count[b]);
    uint16_t fill[BUCKETS];
    memcpy(fill, start, sizeof fill);
    for (size_t i = 0; i < N_PHRASES; i++) {
        const unsigned char *t = (const unsigned char *)phrases[i].text;
        order[fill[bucket_of(t, lengths[i])]++] = (uint16_t)i;
    }
}

/* Phrase i at t, ASCII letters compared without case; the last byte,
 * which tells most texts apart, first. */
static int phrase_at(size_t i, const unsigned char *t)
{
    const unsigned char *p = (const unsigned char *)phrases[i].text;
    size_t last = lengths[i] - 1;
    if (!ascii_phrase[i])
        return t[last] == p[last] && memcmp(t, p, last) == 0;
    if (fold(t[last]) != p[last])
        return 0;
    for (size_t k = 0; k < last; k++) {
        if (fold(t[k]) != p[k])
            return 0;
    }
    return 1;
}

static int is_ascii_letter(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* An English phrase counts as whole words: no letter runs on before it,
 * and after it at most a plural s ("sign in" is not in "sign into",
 * "home" not in "homeless"; "newsletters" still counts). */
static int whole_words(const unsigned char *t, size_t pos, size_t n, size_t len)
{
    if (is_ascii_letter(t[pos]) && pos > 0 && is_ascii_letter(t[pos - 1]))
        return 0;
    size_t end = pos + n;
    if (!is_ascii_letter(t[end - 1]) || end >= len || !is_ascii_letter(t[end]))
        return 1;
    return (t[end] | 0x20) == 's' &&
           (end + 1 >= len || !is_ascii_letter(t[end + 1]));
}

/* Counts into hit the phrases of the bucket of t + pos that are there
 * and count in a block of chars code points. */
static void match_bucket(const unsigned char *t, size_t pos, size_t len,
                         size_t chars, bp_lexicon_hit *hit)
{
    unsigned char head[3] = {fold(t[pos]), fold(t[pos + 1]),
                             pos + 2 < len ? t[pos + 2] : 0};
    unsigned b = bucket_of(head, len - pos < 3 ? len - pos : 3);
    for (unsigned k = start[b]; k < start[b + 1]; k++) {
        size_t i = order[k];
        const phrase *p = &phrases[i];
        if (chars > p->max_chars || lengths[i] > len - pos ||
            !phrase_at(i, t + pos))
            continue;
        if (ascii_phrase[i] && !whole_words(t, pos, lengths[i], len))
            continue;
        if (p->not_after) {
            size_t n = strlen(p->not_after);
            if (pos >= n && memcmp(t + pos - n, p->not_after, n) == 0)
                continue;
        }
        if (p->blurb == 1) {
            hit->blurb_open++;
            continue;
        }
        if (p->blurb == 2) {
            hit->blurb_close++;
            continue;
        }
        hit->hits++;
        float score = (float)p->strength / 100.0f;
        if (p->header && chars <= 30)
            hit->related_header = 1;
        if (score > hit->strength) {
            hit->strength = score;
            hit->reason = p->reason;
        }
    }
}

/* The bytes of the character whose lead byte is c, as the matcher steps:
 * by the lead byte alone. */
static size_t step_of(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

void bp_lexicon_init(void)
{
    pthread_once(&index_once, build_index);
}

unsigned bp_lexicon_reach(const char *text, size_t pos, size_t len)
{
    if (pos + 1 >= len)
        return 0; /* no phrase is a single byte */
    return *max_chars_slot((const unsigned char *)text + pos, len - pos);
}

/* bp_lexicon_may_start, static so that the match below can inline it (a
 * global function of a module built as PIC may be replaced at load time,
 * so the compiler calls it). */
static int may_start(const char *text, size_t pos, size_t len, int32_t cp)
{
    if (bit_is_set(short_phrase_bits, (unsigned)cp & 0xFFFFu))
        return 1;
    return len - pos >= 6 &&
           bit_is_set(six_byte_bits,
                      six_byte_hash((uint32_t)cp,
                                    (const unsigned char *)text + pos + 3));
}

int bp_lexicon_may_start(const char *text, size_t pos, size_t len, int32_t cp)
{
    return may_start(text, pos, len, cp);
}

/* False when no phrase can start at t + pos because the character there
 * has three bytes and bp_lexicon_may_start says none starts with it and
 * the bytes after it; true for any other character. */
static int three_byte_may_start(const unsigned char *t, size_t pos, size_t len)
{
    if (t[pos] < 0xE0 || t[pos] >= 0xF0 || len - pos < 3)
        return 1;
    return may_start((const char *)t, pos, len,
                     (int32_t)three_byte_cp(t + pos));
}

void bp_lexicon_match(const char *text, size_t len, size_t chars,
                      bp_lexicon_hit *hit)
{
    memset(hit, 0, sizeof *hit);
    if (chars > MAX_CHARS || len < 2)
        return;
    pthread_once(&index_once, build_index);
    const unsigned char *t = (const unsigned char *)text;
    for (size_t pos = 0; pos + 1 < len; pos += step_of(t[pos])) {
        if (chars > *max_chars_slot(t + pos, len - pos))
            continue; /* no phrase starting here counts in so long a block */
        match_bucket(t, pos, len, chars, hit);
    }
}

void bp_lexicon_match_starts(const char *text, size_t len, size_t chars,
                             const bp_phrase_starts *starts,
                             bp_lexicon_hit *hit)
{
    if (starts->all) {
        bp_lexicon_match(text, len, chars, hit);
        return;
    }
    memset(hit, 0, sizeof *hit);
    if (chars > MAX_CHARS || len < 2)
        return;
    pthread_once(&index_once, build_index);
    const unsigned char *t = (const unsigned char *)text;
    for (size_t k = 0; k < starts->n; k++) {
        size_t pos = starts->at[k];
        if (pos + 1 < len && chars <= *max_chars_slot(t + pos, len - pos) &&
            three_byte_may_start(t, pos, len))
            match_bucket(t, pos, len, chars, hit);
    }
}

int bp_is_seo_blurb(const bp_lexicon_hit *hit)
{
    return hit->blurb_open > 0 && hit->blurb_close > 0;
}
