/* bench/report_paragraphs.h - paragraphs written like the work reports
 * the figures stage is built for (a local education bureau's annual
 * report): some dense with figures, most with few or none. Shared by the
 * scanner's benchmark and the corpus generator's report mode.
 */
#ifndef SLUICE_BENCH_REPORT_PARAGRAPHS_H
#define SLUICE_BENCH_REPORT_PARAGRAPHS_H

/* The first PROSE_PARAGRAPHS paragraphs hold no figure. */
enum { PROSE_PARAGRAPHS = 5 };

static const char *const PARAGRAPHS[] = {
    "为深入贯彻落实党的教育方针,进一步提高教育教学质量,区教育局坚持以人民"
    "为中心的发展思想,围绕立德树人根本任务,统筹推进各级各类教育协调发展,"
    "着力解决人民群众最关心最直接最现实的利益问题。",
    "各学校要高度重视,切实加强组织领导,明确工作责任,细化工作措施,确保各项"
    "工作落到实处。要加强宣传引导,营造全社会关心支持教育事业发展的良好氛围。",
    "坚持问题导向和目标导向相统一,聚焦重点领域和关键环节,深化教育综合改革,"
    "完善督导评估机制,推动优质教育资源均衡配置,促进教育公平。",
    "加强师德师风建设,引导广大教师以德立身、以德立学、以德施教,争做新时代"
    "党和人民满意的好老师。健全教师培训体系,提升教师专业素养和育人能力。",
    "下一步,我们将继续坚持稳中求进工作总基调,抢抓发展机遇,补齐短板弱项,"
    "以更加饱满的热情、更加务实的作风,奋力开创教育高质量发展新局面。",
    "2023年,全区新增财政性教育经费投入12.35亿元,同比增长8.6%,其中"
    "义务教育阶段投入约7.2亿元,惠及学生近9万名。",
    "全年共新建、改扩建中小学校21所,新增学位1.8万个,新增校舍面积"
    "36.5万平方米,生机比由15:1提高到9.8:1。",
    "一是加强领导,健全机构;二是完善制度,落实责任;三是加大投入,确保"
    "各项工作顺利开展。",
    "组织开展科技培训班18期,培训农民1200余人次,发放技术资料15000多份,"
    "推广新品种三十多个,带动农户增收超过了20%。",
    "全乡种植面积达4.32万亩,粮食总产量1717万公斤,比上年增长19.35%,"
    "出栏生猪7548头、肉羊12536只,实现产值10444万元。",
    "在今年8月上旬,街道邀请了专家为居民举办健康讲座三次,参加人数"
    "约600人,满意率达98.5%以上。",
    "按照每人每学年1200元的标准发放补助,共资助困难学生4万余名,资助"
    "资金达到4800万元,实现了应助尽助。",
};

#endif
