/* plugins/boilerplate/bp_reasons.c - the table of the boilerplate stage's
 * reasons (see bp_reasons.h) and its Markdown listing, which
 * doc/boilerplate.md carries between generated markers.
 */
#include "bp_reasons.h"

const bp_reason_def bp_reasons[BP_REASON_COUNT] = {
    [BP_REASON_NONE] = {NULL, NULL, 0.0f, 0.0f, NULL},
    [BP_REASON_NAV] =
        {"nav", "removed.nav", 0.7f, 0.85f,
         "HTML: a nav or breadcrumb class hint, or a chrome tag, on a page "
         "without main content, or a breadcrumb shape holding links, whose "
         "last step (the page's own name) may be long and written (`Home › "
         "Forums › CSS › .last-child or???`); plain text (second score): a "
         "breadcrumb "
         "shape (`首页 > 新闻`, `Home » Blog`, `a \\| b \\| c`; a Markdown "
         "escape `\\>` is text, no separator); stop phrases "
         "当前位置, 返回首页, skip to content at their strength"},
    [BP_REASON_CONTACT] =
        {"contact", "removed.contact", 0.0f, 0.0f,
         "stop phrases 客服, 微信号, 扫码, 联系我们, 服务热线, 公众号, "
         "contact us... in short lines, a request for mail (`Email us at`) "
         "or readers' stories (`Send us your experiences`), "
         "at the phrase's strength"},
    [BP_REASON_COPYRIGHT] =
        {"copyright", "removed.copyright", 0.0f, 0.0f,
         "stop phrases 版权所有, ICP备, 公网安备, ©, Copyright, All rights "
         "reserved, 免责声明, Reproduction without..., at the phrase's "
         "strength"},
    [BP_REASON_RELATED] =
        {"related", "removed.related", 0.7f, 0.0f,
         "stop phrases 相关文章, 相关推荐, 热门推荐, 猜你喜欢, 上一篇, 下一篇, "
         "Related articles, You may also like, at the phrase's strength; a "
         "short line pointing to another site's address (`Visit Example.com "
         "for breaking news`); "
         "HTML: a related class hint on a page without main content"},
    [BP_REASON_RELATED_LIST] =
        {"related-list", "removed.related-list", 0.8f, 0.0f,
         "plain text: short lines without a sentence end after a \"related\" "
         "header; HTML: a lead-in of at most 40 characters ending in a colon, "
         "without a sentence (`Related:`, `You may also be interested in:`), "
         "and the blocks of mostly link text after it when they close the "
         "main content"},
    [BP_REASON_REFERENCES] =
        {"references", "removed.references", 0.8f, 0.0f,
         "HTML: a heading named 参考文献, 参考资料, 参考来源, 注释, 脚注, "
         "外部链接 (an edit marker such as `[编辑]` ignored) and every block "
         "under it up to the next heading of its level"},
    [BP_REASON_ACTION] =
        {"action", "removed.action", 0.0f, 0.0f,
         "a button's label alone or with a count: 点赞, 分享23, 举报, 收起, "
         "+关注, 回复 1, 展开全部, 手机查看, an encyclopedia's 编辑 and 播报, "
         "a picture's `toggle caption`, `click to enlarge`, 查看大图, a "
         "blog's `Like this:` and `Like Loading...`, a shop's `Add to "
         "cart`, `Buy now`, `Quantity`, `Sale Price`, 加入购物车, 立即购买; "
         "只看楼主, 只看该作者, 倒序浏览 in "
         "a "
         "post's tool line, at the phrase's strength"},
    [BP_REASON_MORE] =
        {"more", "removed.more", 0.0f, 0.0f,
         "stop phrases 点击加载更多, 加载更多, 阅读全文, Read "
         "more..., a widget still loading (加载中, 请稍候, "
         "刷新本页面, `Loading...`), a box's `See all`, `Show more`, "
         "查看全部, at the phrase's "
         "strength"},
    [BP_REASON_SHARE] =
        {"share", "removed.share", 0.7f, 0.0f,
         "stop phrases 分享到, 一键分享, Share this..., a podcast's Apple "
         "Podcasts line, at the phrase's strength; a short line asking to "
         "follow someone on a social network (`Follow @janedoe on Twitter.`); "
         "HTML: a share class hint on a page without main content"},
    [BP_REASON_LOGIN] =
        {"login", "removed.login", 0.0f, 0.0f,
         "stop phrases 登录, 注册..., a newsletter's "
         "small print (unsubscribe), a sign-up form's "
         "`E-mail Address`, `(Required)` and `Registration is free`, "
         "a plea to `support our work`, at the phrase's "
         "strength"},
    [BP_REASON_COMMENT] =
        {"comment", "removed.comment", 0.7f, 0.0f,
         "stop phrases 发表评论..., at the phrase's strength; HTML: a comment "
         "class hint (an article's comment list) on a page without main "
         "content, and on a page without posts every block after an "
         "unlinked line of at most 20 characters saying `Comments`, `评论`, "
         "`Leave a reply` that follows 500 characters of the main content's "
         "prose under the title"},
    [BP_REASON_AD] =
        {"ad", "removed.ad", 0.7f, 0.0f,
         "stop phrases 广告..., at the phrase's strength; HTML: an ad class "
         "hint on a page without main content; a line of at most 60 "
         "characters, nine tenths linked, opening with the ad label 广告 or "
         "推广 (a native ad among the paragraphs: `广告英国的大学排名全知晓`); "
         "each copy of a heading of an article's main content written as a "
         "sentence (a sentence end in it) and printed twice or more word for "
         "word (a newsletter's sign-up set as a heading between the "
         "paragraphs), not on a thread"},
    [BP_REASON_BYLINE] =
        {"byline", "removed.byline", 0.7f, 0.75f,
         "stop phrases 责任编辑..., at the phrase's strength; HTML: by the "
         "title (the reach of the date line), a line of at most 60 characters "
         "without a sentence end that opens with `By` and a capital (`By "
         "Stephen Fidler`, even when the site makes it a heading); anywhere "
         "when it also holds a full date (`By Post editors \\| 10:58 AM ET, "
         "09/16/2011`), and then `Posted by` or `Written by` (a colon "
         "allowed) open it too (`Posted by: Tim at Nov 24, 2004 4:33:46 AM`, "
         "a comment's signature); anywhere, a dated line of at most 60 "
         "characters "
         "opening with a dash (`— Jane Doe (@janedoe) April 2, 2013`, the "
         "signature under an embedded post); anywhere, an editorial credit: "
         "a line of at most 30 characters without a sentence end naming a "
         "role and a name (`审核：钱七`, `（校对：孙八）`, `值班编辑：周九`; "
         "审核, 校对, 审校, 排版, 美编, 监制, 终审, 初审, 复审, 一审 to 三审, "
         "编审, 值班编辑, 实习编辑); anywhere outside forum posts, a "
         "writer's signature: a line of at most 60 characters without a "
         "sentence end, two to five capitalised words of a name, a "
         "separator (`,` ` - ` ` \\| `) and a job title of at most five "
         "words holding a newsroom role (editor, reporter, correspondent, "
         "columnist, Editörü, Redakteur, rédacteur...), a place after a "
         "comma allowed, not a list item or table row (`Raju Narisetti, "
         "Managing Editor`, `Sezer Yavuz "
         "Haber7.com - Spor Editörü`, `Nick Marsh,Business reporter, "
         "Singapore`); second score: a block of 60 "
         "characters or more with a "
         "sentence end inside an element whose class or id names a biography "
         "(`author-bio`, `news-author-bio`, `about-authors`; a token that only "
         "says `author`, like a forum's `topic-author`, does not), outside "
         "forum posts, and the author card under a writer's signature: a "
         "heading of at most 30 characters right after it (`Editör "
         "Hakkında`) and up to three written paragraphs under that heading; "
         "anywhere, a picture's credit alone on its line, one to three "
         "agency names (`EPA`, `Reuters/Corbis`, `Photo: AFP`), and a "
         "reporting credit (`With reporting from ...`); the contributor note "
         "closing the main content, one sentence of at most 120 characters "
         "naming a writer and a newsroom role (`Jane Doe is The Herald's "
         "mobile projects editor.`)"},
    [BP_REASON_SEO_BLURB] =
        {"seo-blurb", "removed.seo-blurb", 0.95f, 0.0f,
         "a template site's blurb about itself: an opener (以下是, 小编, "
         "本站...) and a closer (供大家参考, 精心为您推荐, "
         "希望对您有所帮助...)"},
    [BP_REASON_DUPLICATE_TITLE] = {"duplicate-title", "removed.duplicate-title",
                                   0.9f, 0.0f,
                                   "a later line equal to the title, "
                                   "unless it is a Markdown heading (`#`, "
                                   "or a `===`/`---` underline under it)"},
    [BP_REASON_STRAY_NUMBER] =
        {"stray-number", "removed.stray-number", 0.9f, 0.8f,
         "a line of bare digits or one or two letters (page counters) among "
         "three lines or more; HTML (second score): only outside the main "
         "content"},
    [BP_REASON_DATE] =
        {"date", "removed.date", 0.7f, 0.0f,
         "HTML: a line that is only a date or time; by the title (within 6 "
         "blocks under it, or above it past at most 3 blocks that are not "
         "mostly links: a share bar between does not count), a line of at "
         "most 60 characters with a full date (`2024-05-18`, `2024年5月18日`, "
         "`May 17, 2024`, `5 April 2013`, `08/15/2012`, `15.05.2024`, or "
         "a year and a clock time in any language: `18 Maggio 2024 alle "
         "09:22`; not `May 2024`, nor a version `1.2.2024.5`) and no "
         "sentence end (the date line: `2024-05-18 16:56发布于北京`, `原创 "
         "GameForce 2019-09-04 22:18`, `Posted at 02:30 PM ET, 08/15/2012`), "
         "even where the main-content finder left it out between the title "
         "and the article"},
    [BP_REASON_POST_META] = {"post-meta", "removed.post-meta", 0.9f, 0.0f,
                             "HTML: a forum post's author, rank or time line"},
    [BP_REASON_OUTSIDE_MAIN] =
        {"outside-main", "removed.outside-main", 0.75f, 0.9f,
         "HTML: outside the main content the html stage found; a block there "
         "whose class hint names chrome gets the hint's reason (`nav`, "
         "`footer`, `related`, `comment`, `share`, `ad`, `sidebar`, `header`, "
         "`hidden`) at the second score"},
    [BP_REASON_FOOTER] = {"footer", "removed.footer", 0.7f, 0.0f,
                          "HTML: a footer class hint on a page without main "
                          "content"},
    [BP_REASON_SIDEBAR] = {"sidebar", "removed.sidebar", 0.7f, 0.0f,
                           "HTML: a sidebar class hint on a page without main "
                           "content"},
    [BP_REASON_HEADER] = {"header", "removed.header", 0.7f, 0.0f,
                          "HTML: a header class hint on a page without main "
                          "content"},
    [BP_REASON_HIDDEN] = {"hidden", "removed.hidden", 0.7f, 0.0f,
                          "HTML: a hidden element on a page without main "
                          "content"},
    [BP_REASON_WEAK_CONTAINER] =
        {"weak-container", "removed.weak-container", 0.7f, 0.0f,
         "HTML: inside a low-prose container of the main content"},
    [BP_REASON_IMAGE_ALT] =
        {"image-alt", "removed.image-alt", 0.95f, 0.0f,
         "HTML: a picture's alt text, on a page that has text of its own"},
    [BP_REASON_FORM_OPTION] =
        {"form-option", "removed.form-option", 0.9f, 0.0f,
         "HTML: the text after an enabled radio button or checkbox in its "
         "line, an option of a form (a report dialog's reasons, a poll's "
         "answers, `Remember me`); a task list's disabled checkboxes are "
         "content"},
    [BP_REASON_LINK_DENSITY] =
        {"link-density", "removed.link-density", 0.6f, 0.0f,
         "HTML: half or more of the text is link text, scoring 0.6 + 0.25 × "
         "the link share; inside the main content, outside its weak "
         "containers, only a labelled teaser (`Related: ...`, `Also: ...`: a "
         "label of up to 16 characters before a colon, unlinked, then only "
         "the link or numbered links, spaces inside them not counted; not a "
         "link showing its "
         "own address) or a link repeated three times or "
         "more (a \"Run example\" button); other links there are the "
         "article's (a list of sources, a table of contents)"},
    [BP_REASON_EMPTY_SECTION] =
        {"empty-section", "removed.empty-section", 0.7f, 0.0f,
         "HTML, after smoothing (min_score when higher): a heading whose "
         "section (up to the next heading of its level or a higher one) lost "
         "every block it had to a rule other than lying outside the main "
         "content, or a linked heading with nothing under it before a heading "
         "of its level (a list of headlines); never the title, nor on a page "
         "that keeps no other block"},
    [BP_REASON_SHORT_BETWEEN_BOILERPLATE] =
        {"short-between-boilerplate", "removed.short-between-boilerplate", 0.7f,
         0.0f,
         "smoothing (min_score when higher): a short line (≤ 30 characters, "
         "no sentence end, not a heading) between two flagged blocks"},
    [BP_REASON_BETWEEN_CONTENT] =
        {"between-content", "removed.between-content", 0.0f, 0.0f,
         "smoothing, a kept block scoring min_score − 0.1: one of a run of up "
         "to 30 HTML blocks flagged only for lying outside the main content "
         "(or as a stray number there), between two kept blocks"},
    [BP_REASON_LEARNED] =
        {"learned", "removed.learned", 0.7f, 0.0f,
         "the learned model says the block repeats across the site's "
         "documents, scoring 0.7 + 0.3 × the share of them"},
};

const char *bp_reason_name(bp_reason reason)
{
    return bp_reasons[reason].name;
}

float bp_reason_score(bp_reason reason)
{
    return bp_reasons[reason].score;
}

float bp_reason_other_score(bp_reason reason)
{
    return bp_reasons[reason].other_score;
}

int bp_reasons_write_markdown(FILE *out)
{
    if (fprintf(out, "| reason | score | second score | signal |\n"
                     "|---|---|---|---|\n") < 0)
        return -1;
    for (int r = BP_REASON_NONE + 1; r < BP_REASON_COUNT; r++) {
        const bp_reason_def *d = &bp_reasons[r];
        char score[16] = "—", other[16] = "—";
        if (d->score > 0.0f)
            snprintf(score, sizeof score, "%g", (double)d->score);
        if (d->other_score > 0.0f)
            snprintf(other, sizeof other, "%g", (double)d->other_score);
        if (fprintf(out, "| `%s` | %s | %s | %s |\n", d->name, score, other,
                    d->description) < 0)
            return -1;
    }
    return 0;
}
