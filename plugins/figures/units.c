/* plugins/figures/units.c - the tables that turn what follows (or
 * precedes) a number into a unit and a kind: Chinese measure words
 * (人 → person, 所 → school, 个 → 个), units (亩, 公斤, 平方公里, 小时),
 * currencies (元 → CNY, 美元 → USD, $ → USD) with their ISO codes, rates
 * (元/人.年), percentages (%, ‰, 个百分点, percent) and English units
 * (km, miles, dollars, degrees).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "figures.h"

/* Table entries whose text starts with an ASCII letter are English words:
 * they may follow a space or a hyphen and must end at a word boundary.
 * ATTACHED marks short symbols that must touch the number ("1.8m"). */
typedef struct unit_entry {
    fig_unit u;
    bool attached;
    size_t len; /* bytes of u.text */
} unit_entry;

#define U(text, unit, kind, scale)                                             \
    {                                                                          \
        {text, unit, kind, scale}, false, sizeof(text) - 1                     \
    }
#define ATT(text, unit, kind, scale)                                           \
    {                                                                          \
        {text, unit, kind, scale}, true, sizeof(text) - 1                      \
    }

static const unit_entry UNITS[] = {
    /* money */
    U("元", "CNY", fig_money, 1),
    U("块钱", "CNY", fig_money, 1),
    U("人民币", "CNY", fig_money, 1),
    U("美元", "USD", fig_money, 1),
    U("美金", "USD", fig_money, 1),
    U("欧元", "EUR", fig_money, 1),
    U("英镑", "GBP", fig_money, 1),
    U("日元", "JPY", fig_money, 1),
    U("港元", "HKD", fig_money, 1),
    U("港币", "HKD", fig_money, 1),
    U("韩元", "KRW", fig_money, 1),
    U("卢布", "RUB", fig_money, 1),
    U("澳元", "AUD", fig_money, 1),
    U("加元", "CAD", fig_money, 1),
    U("新台币", "TWD", fig_money, 1),
    U("台币", "TWD", fig_money, 1),
    U("美圆", "USD", fig_money, 1),
    U("日圆", "JPY", fig_money, 1),
    U("円", "JPY", fig_money, 1),
    U("港圆", "HKD", fig_money, 1),
    U("港幣", "HKD", fig_money, 1),
    U("英磅", "GBP", fig_money, 1),
    U("韩圆", "KRW", fig_money, 1),
    U("韓元", "KRW", fig_money, 1),
    U("澳门元", "MOP", fig_money, 1),
    U("澳门币", "MOP", fig_money, 1),
    U("澳币", "AUD", fig_money, 1),
    U("加币", "CAD", fig_money, 1),
    U("新西兰元", "NZD", fig_money, 1),
    U("纽元", "NZD", fig_money, 1),
    U("新加坡元", "SGD", fig_money, 1),
    U("新元", "SGD", fig_money, 1),
    U("瑞士法郎", "CHF", fig_money, 1),
    U("瑞郎", "CHF", fig_money, 1),
    U("法郎", "CHF", fig_money, 1),
    U("泰铢", "THB", fig_money, 1),
    U("印度卢比", "INR", fig_money, 1),
    U("卢比", "INR", fig_money, 1),
    U("林吉特", "MYR", fig_money, 1),
    U("印尼盾", "IDR", fig_money, 1),
    U("越南盾", "VND", fig_money, 1),
    U("菲律宾比索", "PHP", fig_money, 1),
    U("墨西哥比索", "MXN", fig_money, 1),
    U("比索", "MXN", fig_money, 1),
    U("雷亚尔", "BRL", fig_money, 1),
    U("兰特", "ZAR", fig_money, 1),
    U("里拉", "TRY", fig_money, 1),
    U("马克", "DEM", fig_money, 1),
    U("荷兰盾", "NLG", fig_money, 1),
    U("比特币", "BTC", fig_money, 1),
    U("元人民币", "CNY", fig_money, 1),
    U("元整", "CNY", fig_money, 1),
    U("圆整", "CNY", fig_money, 1),
    U("圆", "CNY", fig_money, 1),
    U("圓", "CNY", fig_money, 1),
    U("塊錢", "CNY", fig_money, 1),
    U("便士", "GBP-penny", fig_money, 1),
    U("美分", "USD-cent", fig_money, 1),
    U("欧分", "EUR-cent", fig_money, 1),
    /* rates */
    U("元/人.年", "yuan/person-year", fig_rate, 1),
    U("元/人·年", "yuan/person-year", fig_rate, 1),
    U("元/人年", "yuan/person-year", fig_rate, 1),
    U("元/人", "yuan/person", fig_rate, 1),
    U("元/年", "yuan/year", fig_rate, 1),
    U("元/月", "yuan/month", fig_rate, 1),
    U("元/天", "yuan/day", fig_rate, 1),
    U("元/日", "yuan/day", fig_rate, 1),
    U("元/吨", "yuan/t", fig_rate, 1),
    U("元/亩", "yuan/mu", fig_rate, 1),
    U("元/平方米", "yuan/m2", fig_rate, 1),
    U("元/平米", "yuan/m2", fig_rate, 1),
    U("元/公斤", "yuan/kg", fig_rate, 1),
    U("元/千克", "yuan/kg", fig_rate, 1),
    U("元/斤", "yuan/jin", fig_rate, 1),
    U("元/小时", "yuan/hour", fig_rate, 1),
    U("元/次", "yuan/time", fig_rate, 1),
    U("元/件", "yuan/piece", fig_rate, 1),
    U("元/股", "yuan/share", fig_rate, 1),
    U("公里/小时", "km/h", fig_rate, 1),
    U("千米/小时", "km/h", fig_rate, 1),
    U("米/秒", "m/s", fig_rate, 1),
    U("人/平方公里", "person/km2", fig_rate, 1),
    U("公斤/亩", "kg/mu", fig_rate, 1),
    U("斤/亩", "jin/mu", fig_rate, 1),
    U("吨/亩", "t/mu", fig_rate, 1),
    /* percentages */
    U("%", "percent", fig_percent, 1),
    U("％", "percent", fig_percent, 1),
    U("‰", "permille", fig_percent, 1),
    U("‱", "permyriad", fig_percent, 1),
    U("个百分点", "percentage-point", fig_percent, 1),
    U("百分点", "percentage-point", fig_percent, 1),
    /* people, schools, animals */
    U("人次", "person-time", fig_count, 1),
    U("人", "person", fig_count, 1),
    U("名", "person", fig_count, 1),
    U("位", "person", fig_count, 1),
    U("所", "school", fig_count, 1),
    U("校", "school", fig_count, 1),
    U("头", "head", fig_count, 1),
    U("只", "head", fig_count, 1),
    U("匹", "head", fig_count, 1),
    /* area, weight, length, volume */
    U("亩", "mu", fig_quantity, 1),
    U("公顷", "ha", fig_quantity, 1),
    U("平方公里", "km2", fig_quantity, 1),
    U("平方千米", "km2", fig_quantity, 1),
    U("平方米", "m2", fig_quantity, 1),
    U("平米", "m2", fig_quantity, 1),
    U("立方米", "m3", fig_quantity, 1),
    U("公斤", "kg", fig_quantity, 1),
    U("千克", "kg", fig_quantity, 1),
    U("克", "g", fig_quantity, 1),
    U("吨", "t", fig_quantity, 1),
    U("斤", "jin", fig_quantity, 1),
    U("公里", "km", fig_quantity, 1),
    U("千米", "km", fig_quantity, 1),
    U("米", "m", fig_quantity, 1),
    U("厘米", "cm", fig_quantity, 1),
    U("毫米", "mm", fig_quantity, 1),
    U("升", "l", fig_quantity, 1),
    U("毫升", "ml", fig_quantity, 1),
    U("千瓦时", "kWh", fig_quantity, 1),
    U("千瓦小时", "kWh", fig_quantity, 1),
    U("度电", "kWh", fig_quantity, 1),
    U("千瓦", "kW", fig_quantity, 1),
    U("兆瓦", "MW", fig_quantity, 1),
    U("吉瓦", "GW", fig_quantity, 1),
    U("瓦特", "W", fig_quantity, 1),
    U("瓦", "W", fig_quantity, 1),
    U("马力", "hp", fig_quantity, 1),
    U("千卡", "kcal", fig_quantity, 1),
    U("大卡", "kcal", fig_quantity, 1),
    U("卡路里", "cal", fig_quantity, 1),
    U("千焦", "kJ", fig_quantity, 1),
    U("焦耳", "J", fig_quantity, 1),
    U("赫兹", "Hz", fig_quantity, 1),
    U("千赫兹", "kHz", fig_quantity, 1),
    U("千赫", "kHz", fig_quantity, 1),
    U("兆赫兹", "MHz", fig_quantity, 1),
    U("兆赫", "MHz", fig_quantity, 1),
    U("吉赫兹", "GHz", fig_quantity, 1),
    U("吉赫", "GHz", fig_quantity, 1),
    U("比特", "bit", fig_quantity, 1),
    U("字节", "B", fig_quantity, 1),
    U("千字节", "KB", fig_quantity, 1),
    U("兆字节", "MB", fig_quantity, 1),
    U("吉字节", "GB", fig_quantity, 1),
    U("太字节", "TB", fig_quantity, 1),
    U("兆宽带", "Mbit/s", fig_rate, 1),
    U("兆带宽", "Mbit/s", fig_rate, 1),
    U("兆光纤", "Mbit/s", fig_rate, 1),
    U("兆网络", "Mbit/s", fig_rate, 1),
    U("兆网卡", "Mbit/s", fig_rate, 1),
    U("兆以太网", "Mbit/s", fig_rate, 1),
    U("兆帕", "MPa", fig_quantity, 1),
    U("千帕", "kPa", fig_quantity, 1),
    U("两", "liang", fig_quantity, 1),
    U("公两", "hg", fig_quantity, 1),
    U("克拉", "ct", fig_quantity, 1),
    U("毫克", "mg", fig_quantity, 1),
    U("微克", "ug", fig_quantity, 1),
    U("公吨", "t", fig_quantity, 1),
    U("磅", "lb", fig_quantity, 1),
    U("盎司", "oz", fig_quantity, 1),
    U("里", "li", fig_quantity, 1),
    U("公尺", "m", fig_quantity, 1),
    U("丈", "zhang", fig_quantity, 1),
    U("尺", "chi", fig_quantity, 1),
    U("寸", "cun", fig_quantity, 1),
    U("英里", "mi", fig_quantity, 1),
    U("海里", "nmi", fig_quantity, 1),
    U("英尺", "ft", fig_quantity, 1),
    U("英寸", "in", fig_quantity, 1),
    U("微米", "um", fig_quantity, 1),
    U("纳米", "nm", fig_quantity, 1),
    U("光年", "ly", fig_quantity, 1),
    U("平方英尺", "ft2", fig_quantity, 1),
    U("平方厘米", "cm2", fig_quantity, 1),
    U("立方厘米", "cm3", fig_quantity, 1),
    U("公升", "l", fig_quantity, 1),
    U("加仑", "gal", fig_quantity, 1),
    U("桶", "bbl", fig_quantity, 1),
    U("英亩", "acre", fig_quantity, 1),
    U("分贝", "dB", fig_quantity, 1),
    U("伏特", "V", fig_quantity, 1),
    U("安培", "A", fig_quantity, 1),
    U("毫安时", "mAh", fig_quantity, 1),
    U("转/分", "rpm", fig_rate, 1),
    U("千米每小时", "km/h", fig_rate, 1),
    U("公里每小时", "km/h", fig_rate, 1),
    U("米每秒", "m/s", fig_rate, 1),
    /* time */
    U("个小时", "hour", fig_quantity, 1),
    U("小时", "hour", fig_quantity, 1),
    U("分钟", "minute", fig_quantity, 1),
    U("秒钟", "second", fig_quantity, 1),
    U("秒", "second", fig_quantity, 1),
    U("天", "day", fig_quantity, 1),
    U("个月", "month", fig_quantity, 1),
    U("周岁", "year-age", fig_quantity, 1),
    U("岁", "year-age", fig_quantity, 1),
    U("个学时", "class-hour", fig_quantity, 1),
    U("学时", "class-hour", fig_quantity, 1),
    U("课时", "class-hour", fig_quantity, 1),
    U("个工作日", "day", fig_quantity, 1),
    U("个星期", "week", fig_quantity, 1),
    U("周大", "week-age", fig_quantity, 1),
    U("个月大", "month-age", fig_quantity, 1),
    U("天大", "day-age", fig_quantity, 1),
    /* temperature and score */
    U("摄氏度", "celsius", fig_quantity, 1),
    U("华氏度", "fahrenheit", fig_quantity, 1),
    U("度", "degree", fig_quantity, 1),
    U("°C", "celsius", fig_quantity, 1),
    U("℃", "celsius", fig_quantity, 1),
    U("分", "point", fig_quantity, 1),
    /* measure words: the word is the unit */
    U("个", "个", fig_count, 1),
    U("套", "套", fig_count, 1),
    U("篇", "篇", fig_count, 1),
    U("期", "期", fig_count, 1),
    U("次", "次", fig_count, 1),
    U("件", "件", fig_count, 1),
    U("份", "份", fig_count, 1),
    U("家", "家", fig_count, 1),
    U("户", "户", fig_count, 1),
    U("处", "处", fig_count, 1),
    U("条", "条", fig_count, 1),
    U("支", "支", fig_count, 1),
    U("级", "级", fig_count, 1),
    U("类", "类", fig_count, 1),
    U("方面", "方面", fig_count, 1),
    U("部门", "个", fig_count, 1),
    U("项", "项", fig_count, 1),
    U("种", "种", fig_count, 1),
    U("台", "台", fig_count, 1),
    U("辆", "辆", fig_count, 1),
    U("架", "架", fig_count, 1),
    U("艘", "艘", fig_count, 1),
    U("本", "本", fig_count, 1),
    U("册", "册", fig_count, 1),
    U("张", "张", fig_count, 1),
    U("座", "座", fig_count, 1),
    U("栋", "栋", fig_count, 1),
    U("间", "间", fig_count, 1),
    U("层", "层", fig_count, 1),
    U("场", "场", fig_count, 1),
    U("届", "届", fig_count, 1),
    U("节", "节", fig_count, 1),
    U("堂", "堂", fig_count, 1),
    U("门", "门", fig_count, 1),
    U("组", "组", fig_count, 1),
    U("队", "队", fig_count, 1),
    U("棵", "棵", fig_count, 1),
    U("株", "株", fig_count, 1),
    U("块", "块", fig_count, 1),
    U("颗", "颗", fig_count, 1),
    U("粒", "粒", fig_count, 1),
    U("袋", "袋", fig_count, 1),
    U("箱", "箱", fig_count, 1),
    U("瓶", "瓶", fig_count, 1),
    U("杯", "杯", fig_count, 1),
    U("双", "双", fig_count, 1),
    U("对", "对", fig_count, 1),
    U("起", "起", fig_count, 1),
    U("例", "例", fig_count, 1),
    U("宗", "宗", fig_count, 1),
    U("笔", "笔", fig_count, 1),
    U("首", "首", fig_count, 1),
    U("部", "部", fig_count, 1),
    U("幅", "幅", fig_count, 1),
    U("封", "封", fig_count, 1),
    U("句", "句", fig_count, 1),
    U("章", "章", fig_count, 1),
    U("页", "页", fig_count, 1),
    U("村", "村", fig_count, 1),
    U("镇", "镇", fig_count, 1),
    U("县", "县", fig_count, 1),
    U("省", "省", fig_count, 1),
    U("国", "国", fig_count, 1),
    U("枚", "枚", fig_count, 1),
    U("片", "片", fig_count, 1),
    U("盏", "盏", fig_count, 1),
    U("副", "副", fig_count, 1),
    U("顶", "顶", fig_count, 1),
    U("班", "班", fig_count, 1),
    U("大", "个", fig_count, 1),
    U("倍", "times", fig_ratio, 1),
    U("打", "dozen", fig_count, 12),
    /* traditional forms */
    U("小時", "hour", fig_quantity, 1),
    U("個小時", "hour", fig_quantity, 1),
    U("分鐘", "minute", fig_quantity, 1),
    U("秒鐘", "second", fig_quantity, 1),
    U("個月", "month", fig_quantity, 1),
    U("個星期", "week", fig_quantity, 1),
    U("個工作日", "day", fig_quantity, 1),
    U("週歲", "year-age", fig_quantity, 1),
    U("個百分點", "percentage-point", fig_percent, 1),
    U("百分點", "percentage-point", fig_percent, 1),
    U("歐元", "EUR", fig_money, 1),
    U("英鎊", "GBP", fig_money, 1),
    U("盧布", "RUB", fig_money, 1),
    U("新臺幣", "TWD", fig_money, 1),
    U("臺幣", "TWD", fig_money, 1),
    U("日圓", "JPY", fig_money, 1),
    U("澳門幣", "MOP", fig_money, 1),
    U("泰銖", "THB", fig_money, 1),
    U("盧比", "INR", fig_money, 1),
    U("公頃", "ha", fig_quantity, 1),
    U("畝", "mu", fig_quantity, 1),
    U("釐米", "cm", fig_quantity, 1),
    U("公裡", "km", fig_quantity, 1),
    U("平方公裡", "km2", fig_quantity, 1),
    U("英哩", "mi", fig_quantity, 1),
    U("英呎", "ft", fig_quantity, 1),
    U("英吋", "in", fig_quantity, 1),
    U("公噸", "t", fig_quantity, 1),
    U("兩", "liang", fig_quantity, 1),
    U("位元組", "B", fig_quantity, 1),
    U("千位元組", "KB", fig_quantity, 1),
    U("兆位元組", "MB", fig_quantity, 1),
    U("位元", "bit", fig_quantity, 1),
    U("赫茲", "Hz", fig_quantity, 1),
    U("千赫茲", "kHz", fig_quantity, 1),
    U("兆赫茲", "MHz", fig_quantity, 1),
    U("馬力", "hp", fig_quantity, 1),
    U("度電", "kWh", fig_quantity, 1),
    U("千瓦時", "kWh", fig_quantity, 1),
    U("攝氏度", "celsius", fig_quantity, 1),
    U("華氏度", "fahrenheit", fig_quantity, 1),
    U("個", "个", fig_count, 1),
    U("隻", "head", fig_count, 1),
    U("塊", "块", fig_count, 1),
    U("雙", "双", fig_count, 1),
    U("對", "对", fig_count, 1),
    U("張", "张", fig_count, 1),
    U("條", "条", fig_count, 1),
    U("臺", "台", fig_count, 1),
    U("輛", "辆", fig_count, 1),
    U("場", "场", fig_count, 1),
    U("間", "间", fig_count, 1),
    U("項", "项", fig_count, 1),
    U("種", "种", fig_count, 1),
    U("處", "处", fig_count, 1),
    U("級", "级", fig_count, 1),
    U("類", "类", fig_count, 1),
    U("頭", "head", fig_count, 1),
    U("歲", "year-age", fig_quantity, 1),
    U("噸", "t", fig_quantity, 1),
    U("萬元", "CNY", fig_money, 1e4),
    U("成", "percent", fig_percent, 10),
    /* English: money */
    U("dollars", "USD", fig_money, 1),
    U("dollar", "USD", fig_money, 1),
    U("us dollars", "USD", fig_money, 1),
    U("us dollar", "USD", fig_money, 1),
    U("usd", "USD", fig_money, 1),
    U("USD", "USD", fig_money, 1),
    U("cents", "USD-cent", fig_money, 1),
    U("cent", "USD-cent", fig_money, 1),
    U("pence", "GBP-penny", fig_money, 1),
    U("penny", "GBP-penny", fig_money, 1),
    U("yen", "JPY", fig_money, 1),
    U("yuan", "CNY", fig_money, 1),
    U("rmb", "CNY", fig_money, 1),
    U("RMB", "CNY", fig_money, 1),
    U("chinese yuan", "CNY", fig_money, 1),
    U("euros", "EUR", fig_money, 1),
    U("euro", "EUR", fig_money, 1),
    U("EUR", "EUR", fig_money, 1),
    U("GBP", "GBP", fig_money, 1),
    U("francs", "CHF", fig_money, 1),
    U("swiss francs", "CHF", fig_money, 1),
    U("rupees", "INR", fig_money, 1),
    U("pesetas", "ESP", fig_money, 1),
    U("marks", "DEM", fig_money, 1),
    U("guilders", "NLG", fig_money, 1),
    U("lira", "TRY", fig_money, 1),
    U("turkish lira", "TRY", fig_money, 1),
    U("bitcoins", "BTC", fig_money, 1),
    U("BTC", "BTC", fig_money, 1),
    U("btc", "BTC", fig_money, 1),
    U("satoshis", "BTC-satoshi", fig_money, 1),
    U("australian dollars", "AUD", fig_money, 1),
    U("canadian dollars", "CAD", fig_money, 1),
    U("hong kong dollars", "HKD", fig_money, 1),
    U("new zealand dollars", "NZD", fig_money, 1),
    U("singapore dollars", "SGD", fig_money, 1),
    U("pounds sterling", "GBP", fig_money, 1),
    U("bucks", "USD", fig_money, 1),
    U("pennies", "USD-cent", fig_money, 1),
    U("rubles", "RUB", fig_money, 1),
    U("roubles", "RUB", fig_money, 1),
    U("baht", "THB", fig_money, 1),
    U("ringgit", "MYR", fig_money, 1),
    U("rupiah", "IDR", fig_money, 1),
    U("naira", "NGN", fig_money, 1),
    U("shekels", "ILS", fig_money, 1),
    U("zloty", "PLN", fig_money, 1),
    U("kronor", "SEK", fig_money, 1),
    U("SEK", "SEK", fig_money, 1),
    U("CHF", "CHF", fig_money, 1),
    U("JPY", "JPY", fig_money, 1),
    U("CNY", "CNY", fig_money, 1),
    U("INR", "INR", fig_money, 1),
    U("satoshi", "BTC-satoshi", fig_money, 1),
    U("MUSD", "USD", fig_money, 1e6),
    U("MEUR", "EUR", fig_money, 1e6),
    U("MGBP", "GBP", fig_money, 1e6),
    U("musd", "USD", fig_money, 1e6),
    U("€", "EUR", fig_money, 1),
    U("$", "USD", fig_money, 1),
    /* English: percent */
    U("percent", "percent", fig_percent, 1),
    U("per cent", "percent", fig_percent, 1),
    U("percentage points", "percentage-point", fig_percent, 1),
    U("percentage", "percent", fig_percent, 1),
    U("percents", "percent", fig_percent, 1),
    U("pct", "percent", fig_percent, 1),
    /* English: dimensions, time, temperature */
    U("kilometers per hour", "km/h", fig_rate, 1),
    U("miles an hour", "mph", fig_rate, 1),
    U("miles per hour", "mph", fig_rate, 1),
    U("mph", "mph", fig_rate, 1),
    U("m/s", "m/s", fig_rate, 1),
    U("meters per second", "m/s", fig_rate, 1),
    U("metres per second", "m/s", fig_rate, 1),
    U("km/h", "km/h", fig_rate, 1),
    U("kph", "km/h", fig_rate, 1),
    U("kmph", "km/h", fig_rate, 1),
    U("km/hr", "km/h", fig_rate, 1),
    U("kilometers", "km", fig_quantity, 1),
    U("centimeters", "cm", fig_quantity, 1),
    U("centimetres", "cm", fig_quantity, 1),
    U("centimeter", "cm", fig_quantity, 1),
    U("centimetre", "cm", fig_quantity, 1),
    U("millimeters", "mm", fig_quantity, 1),
    U("millimetres", "mm", fig_quantity, 1),
    U("millimeter", "mm", fig_quantity, 1),
    U("millimetre", "mm", fig_quantity, 1),
    U("micrometers", "um", fig_quantity, 1),
    U("micrometres", "um", fig_quantity, 1),
    U("micrometer", "um", fig_quantity, 1),
    U("micrometre", "um", fig_quantity, 1),
    U("nanometers", "nm", fig_quantity, 1),
    U("nanometres", "nm", fig_quantity, 1),
    U("nanometer", "nm", fig_quantity, 1),
    U("nanometre", "nm", fig_quantity, 1),
    U("picometers", "pm", fig_quantity, 1),
    U("picometres", "pm", fig_quantity, 1),
    U("picometer", "pm", fig_quantity, 1),
    U("picometre", "pm", fig_quantity, 1),
    U("km²", "km2", fig_quantity, 1),
    U("m²", "m2", fig_quantity, 1),
    U("m2", "m2", fig_quantity, 1),
    U("m³", "m3", fig_quantity, 1),
    U("m3", "m3", fig_quantity, 1),
    U("cm²", "cm2", fig_quantity, 1),
    U("cm2", "cm2", fig_quantity, 1),
    U("nm", "nm", fig_quantity, 1),
    U("kilometres", "km", fig_quantity, 1),
    U("kilometer", "km", fig_quantity, 1),
    U("kilometre", "km", fig_quantity, 1),
    U("km2", "km2", fig_quantity, 1),
    U("km", "km", fig_quantity, 1),
    U("meters", "m", fig_quantity, 1),
    U("metres", "m", fig_quantity, 1),
    U("meter", "m", fig_quantity, 1),
    U("metre", "m", fig_quantity, 1),
    U("square meters", "m2", fig_quantity, 1),
    U("square metres", "m2", fig_quantity, 1),
    U("square feet", "ft2", fig_quantity, 1),
    U("square miles", "mi2", fig_quantity, 1),
    U("sq mi", "mi2", fig_quantity, 1),
    U("cubic feet", "ft3", fig_quantity, 1),
    U("cubic meters", "m3", fig_quantity, 1),
    U("cubic metres", "m3", fig_quantity, 1),
    U("sq ft", "ft2", fig_quantity, 1),
    U("sq km", "km2", fig_quantity, 1),
    U("sq m", "m2", fig_quantity, 1),
    U("square kilometers", "km2", fig_quantity, 1),
    U("square kilometres", "km2", fig_quantity, 1),
    U("cm", "cm", fig_quantity, 1),
    U("mm", "mm", fig_quantity, 1),
    U("miles", "mi", fig_quantity, 1),
    U("mile", "mi", fig_quantity, 1),
    U("feet", "ft", fig_quantity, 1),
    U("foot", "ft", fig_quantity, 1),
    U("ft", "ft", fig_quantity, 1),
    U("inches", "in", fig_quantity, 1),
    U("inch", "in", fig_quantity, 1),
    U("yards", "yd", fig_quantity, 1),
    U("acres", "acre", fig_quantity, 1),
    U("acre", "acre", fig_quantity, 1),
    U("hectares", "ha", fig_quantity, 1),
    U("kg", "kg", fig_quantity, 1),
    U("kilograms", "kg", fig_quantity, 1),
    U("grams", "g", fig_quantity, 1),
    U("lbs", "lb", fig_quantity, 1),
    U("lb", "lb", fig_quantity, 1),
    U("pounds", "lb", fig_quantity, 1),
    U("pound", "lb", fig_quantity, 1),
    U("ounces", "oz", fig_quantity, 1),
    U("ounce", "oz", fig_quantity, 1),
    U("oz", "oz", fig_quantity, 1),
    U("metric tons", "t", fig_quantity, 1),
    U("tons", "t", fig_quantity, 1),
    U("ton", "t", fig_quantity, 1),
    U("tonnes", "t", fig_quantity, 1),
    U("gallons", "gal", fig_quantity, 1),
    U("gallon", "gal", fig_quantity, 1),
    U("barrels", "bbl", fig_quantity, 1),
    U("liters", "l", fig_quantity, 1),
    U("litres", "l", fig_quantity, 1),
    U("ml", "ml", fig_quantity, 1),
    U("milliliters", "ml", fig_quantity, 1),
    U("millilitres", "ml", fig_quantity, 1),
    U("pints", "pt", fig_quantity, 1),
    U("pint", "pt", fig_quantity, 1),
    U("quarts", "qt", fig_quantity, 1),
    U("quart", "qt", fig_quantity, 1),
    U("knots", "kn", fig_rate, 1),
    U("light years", "ly", fig_quantity, 1),
    U("light-years", "ly", fig_quantity, 1),
    U("watts", "W", fig_quantity, 1),
    U("kilowatts", "kW", fig_quantity, 1),
    U("megawatts", "MW", fig_quantity, 1),
    U("kW", "kW", fig_quantity, 1),
    U("MW", "MW", fig_quantity, 1),
    U("kWh", "kWh", fig_quantity, 1),
    U("volts", "V", fig_quantity, 1),
    U("amps", "A", fig_quantity, 1),
    U("Hz", "Hz", fig_quantity, 1),
    U("kHz", "kHz", fig_quantity, 1),
    U("MHz", "MHz", fig_quantity, 1),
    U("GHz", "GHz", fig_quantity, 1),
    U("Mbps", "Mbit/s", fig_rate, 1),
    U("Gbps", "Gbit/s", fig_rate, 1),
    U("Kbps", "kbit/s", fig_rate, 1),
    U("kbps", "kbit/s", fig_rate, 1),
    U("Mb/s", "Mbit/s", fig_rate, 1),
    U("MB/s", "MB/s", fig_rate, 1),
    U("kcal", "kcal", fig_quantity, 1),
    U("kJ", "kJ", fig_quantity, 1),
    U("hp", "hp", fig_quantity, 1),
    U("GW", "GW", fig_quantity, 1),
    U("mAh", "mAh", fig_quantity, 1),
    U("MPa", "MPa", fig_quantity, 1),
    U("mpg", "mpg", fig_rate, 1),
    U("centuries", "century", fig_quantity, 1),
    U("century", "century", fig_quantity, 1),
    U("nanoseconds", "ns", fig_quantity, 1),
    U("microseconds", "us", fig_quantity, 1),
    U("milliseconds", "ms", fig_quantity, 1),
    U("kilobits", "kbit", fig_quantity, 1),
    U("megabits", "Mbit", fig_quantity, 1),
    U("hours", "hour", fig_quantity, 1),
    U("hour", "hour", fig_quantity, 1),
    U("minutes", "minute", fig_quantity, 1),
    U("minute", "minute", fig_quantity, 1),
    U("seconds", "second", fig_quantity, 1),
    U("days", "day", fig_quantity, 1),
    U("day", "day", fig_quantity, 1),
    U("weeks", "week", fig_quantity, 1),
    U("week", "week", fig_quantity, 1),
    U("months", "month", fig_quantity, 1),
    U("month", "month", fig_quantity, 1),
    U("years", "year-duration", fig_quantity, 1),
    U("year", "year-duration", fig_quantity, 1),
    U("decades", "decade", fig_quantity, 1),
    U("degrees", "degree", fig_quantity, 1),
    U("degree", "degree", fig_quantity, 1),
    U("deg", "degree", fig_quantity, 1),
    U("degrees celsius", "celsius", fig_quantity, 1),
    U("degrees centigrade", "celsius", fig_quantity, 1),
    U("degrees fahrenheit", "fahrenheit", fig_quantity, 1),
    U("degrees f", "fahrenheit", fig_quantity, 1),
    U("degrees c", "celsius", fig_quantity, 1),
    U("deg f", "fahrenheit", fig_quantity, 1),
    U("deg c", "celsius", fig_quantity, 1),
    U("degree celsius", "celsius", fig_quantity, 1),
    U("degree centigrade", "celsius", fig_quantity, 1),
    U("degree fahrenheit", "fahrenheit", fig_quantity, 1),
    U("degree c", "celsius", fig_quantity, 1),
    U("degree f", "fahrenheit", fig_quantity, 1),
    U("deg celsius", "celsius", fig_quantity, 1),
    U("deg fahrenheit", "fahrenheit", fig_quantity, 1),
    U("deg. c", "celsius", fig_quantity, 1),
    U("deg. f", "fahrenheit", fig_quantity, 1),
    U("degrees celcius", "celsius", fig_quantity, 1),
    U("degrees farenheit", "fahrenheit", fig_quantity, 1),
    U("celcius", "celsius", fig_quantity, 1),
    U("centigrade", "celsius", fig_quantity, 1),
    U("farenheit", "fahrenheit", fig_quantity, 1),
    U("degrees kelvin", "kelvin", fig_quantity, 1),
    U("kelvin", "kelvin", fig_quantity, 1),
    U("° Celsius", "celsius", fig_quantity, 1),
    U("° celsius", "celsius", fig_quantity, 1),
    U("°Celsius", "celsius", fig_quantity, 1),
    U("° Fahrenheit", "fahrenheit", fig_quantity, 1),
    U("° fahrenheit", "fahrenheit", fig_quantity, 1),
    U("°Fahrenheit", "fahrenheit", fig_quantity, 1),
    U("° C", "celsius", fig_quantity, 1),
    U("° F", "fahrenheit", fig_quantity, 1),
    U("celsius", "celsius", fig_quantity, 1),
    U("fahrenheit", "fahrenheit", fig_quantity, 1),
    U("°C", "celsius", fig_quantity, 1),
    U("°F", "fahrenheit", fig_quantity, 1),
    U("°c", "celsius", fig_quantity, 1),
    U("°f", "fahrenheit", fig_quantity, 1),
    U("° c", "celsius", fig_quantity, 1),
    U("° f", "fahrenheit", fig_quantity, 1),
    U("°", "degree", fig_quantity, 1),
    U("mb", "MB", fig_quantity, 1),
    U("MB", "MB", fig_quantity, 1),
    U("GB", "GB", fig_quantity, 1),
    U("TB", "TB", fig_quantity, 1),
    U("KB", "KB", fig_quantity, 1),
    U("kilobytes", "KB", fig_quantity, 1),
    U("megabytes", "MB", fig_quantity, 1),
    U("gigabytes", "GB", fig_quantity, 1),
    U("terabytes", "TB", fig_quantity, 1),
    U("milligrams", "mg", fig_quantity, 1),
    U("mg", "mg", fig_quantity, 1),
    U("liter", "l", fig_quantity, 1),
    U("litre", "l", fig_quantity, 1),
    U("bit", "bit", fig_quantity, 1),
    U("cups", "cup", fig_quantity, 1),
    U("cup", "cup", fig_quantity, 1),
    U("tablespoons", "tbsp", fig_quantity, 1),
    U("teaspoon", "tsp", fig_quantity, 1),
    U("teaspoons", "tsp", fig_quantity, 1),
    U("microgram", "ug", fig_quantity, 1),
    U("micrograms", "ug", fig_quantity, 1),
    U("μg", "ug", fig_quantity, 1),
    U("rad", "rad", fig_quantity, 1),
    U("turns", "turn", fig_quantity, 1),
    ATT("m", "m", fig_quantity, 1),
    ATT("g", "g", fig_quantity, 1),
    ATT("t", "t", fig_quantity, 1),
    {{NULL, NULL, NULL, 0}, false, 0}};

/* Prefix currencies, longest first where one contains another. */
static const unit_entry CURRENCIES[] = {
    U("US$", "USD", fig_money, 1),    U("us $", "USD", fig_money, 1),
    U("us$", "USD", fig_money, 1),    U("u.s $", "USD", fig_money, 1),
    U("usd$", "USD", fig_money, 1),   U("HK$", "HKD", fig_money, 1),
    U("hk $", "HKD", fig_money, 1),   U("hk$", "HKD", fig_money, 1),
    U("c $", "CAD", fig_money, 1),    U("C$", "CAD", fig_money, 1),
    U("cad$", "CAD", fig_money, 1),   U("aud$", "AUD", fig_money, 1),
    U("A$", "AUD", fig_money, 1),     U("nzd$", "NZD", fig_money, 1),
    U("mxn$", "MXN", fig_money, 1),   U("mex$", "MXN", fig_money, 1),
    U("$", "USD", fig_money, 1),      U("€", "EUR", fig_money, 1),
    U("£", "GBP", fig_money, 1),      U("¥", "CNY", fig_money, 1),
    U("￥", "CNY", fig_money, 1),     U("₿", "BTC", fig_money, 1),
    U("USD", "USD", fig_money, 1),    U("usd", "USD", fig_money, 1),
    U("EUR", "EUR", fig_money, 1),    U("eur", "EUR", fig_money, 1),
    U("GBP", "GBP", fig_money, 1),    U("gbp", "GBP", fig_money, 1),
    U("RMB", "CNY", fig_money, 1),    U("rmb", "CNY", fig_money, 1),
    U("CNY", "CNY", fig_money, 1),    U("JPY", "JPY", fig_money, 1),
    U("HKD", "HKD", fig_money, 1),    U("MAUD", "AUD", fig_money, 1e6),
    U("maud", "AUD", fig_money, 1e6), U("dollar", "USD", fig_money, 1),
    U("人民币", "CNY", fig_money, 1), U("美元", "USD", fig_money, 1),
    U("NT$", "TWD", fig_money, 1),    U("S$", "SGD", fig_money, 1),
    U("R$", "BRL", fig_money, 1),     U("₩", "KRW", fig_money, 1),
    U("₽", "RUB", fig_money, 1),    U("₹", "INR", fig_money, 1),
    U("Rs.", "INR", fig_money, 1),    U("Rs", "INR", fig_money, 1),
    U("฿", "THB", fig_money, 1),      U("₫", "VND", fig_money, 1),
    U("₺", "TRY", fig_money, 1),      U("₱", "PHP", fig_money, 1),
    U("￡", "GBP", fig_money, 1),     U("＄", "USD", fig_money, 1),
    U("CHF", "CHF", fig_money, 1),    U("KRW", "KRW", fig_money, 1),
    U("港币", "HKD", fig_money, 1),   U("美金", "USD", fig_money, 1),
    U("港幣", "HKD", fig_money, 1),   U("新台币", "TWD", fig_money, 1),
    U("新臺幣", "TWD", fig_money, 1), U("澳门币", "MOP", fig_money, 1),
    {{NULL, NULL, NULL, 0}, false, 0}};

static bool is_ascii_word(const char *text)
{
    unsigned char c = (unsigned char)text[0];
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Compares an ASCII text case-insensitively when it is a word. */
static bool matches(const char *s, size_t len, size_t pos, const char *text,
                    size_t n)
{
    if (pos + n > len)
        return false;
    if (!is_ascii_word(text))
        return memcmp(s + pos, text, n) == 0;
    for (size_t i = 0; i < n; i++) {
        char a = s[pos + i], b = text[i];
        if (a >= 'A' && a <= 'Z' && b >= 'a' && b <= 'z')
            a = (char)(a + 32);
        if (a != b)
            return false;
    }
    return true;
}

/* The tables are searched through an index of their first two
 * characters. A character's key is its bytes, capital ASCII letters
 * folded to small ones, and the key of two characters is their bytes
 * together (no more than eight). Each first character of an entry has a
 * slot listing its entries of that one character; entries of two
 * characters or more are listed in the slot of their first two, and the
 * first character's slot keeps a 64-bit filter of those pairs (one bit
 * each), so that text whose pair no entry starts with costs one look-up.
 * The pair's entries are tried before the first character's (they are
 * longer). Each list runs from the longest entry down, in table order
 * among equals, as the longest match wants. An entry written at a place
 * has the keys of the text there, so the lists hold every entry that may
 * match. Each entry also keeps its first eight bytes and a mask over
 * them, so that most entries are told apart by one comparison of two
 * 64-bit words. */
#define INDEX_SLOTS 1024
#define MAX_ENTRIES 1024
#define PAIR_SLOTS 2048 /* a power of two, over twice the keys */
_Static_assert(sizeof UNITS / sizeof UNITS[0] <= MAX_ENTRIES &&
                   sizeof CURRENCIES / sizeof CURRENCIES[0] <= MAX_ENTRIES,
               "every entry has a place in the index");

/* How the text at a position is compared with an entry. */
enum {
    MATCH_EXACT,  /* byte for byte: Chinese and symbols */
    MATCH_FOLDED, /* an English word in lower case: letters fold */
    MATCH_SLOW    /* an English word with capitals: matches() */
};

/* The entries under one key, list[start .. start + count); for the key
 * of one character, pairs has the bit (pair_bit) of each pair of
 * characters starting with it that entries start with. key 0: a free
 * slot. */
typedef struct pair_slot {
    uint64_t key;
    uint64_t pairs;
    uint16_t start;
    uint8_t count;
} pair_slot;

typedef struct unit_index {
    bool opens[INDEX_SLOTS]; /* some entry's first code point hashes here */
    pair_slot pairs[PAIR_SLOTS];
    int16_t list[MAX_ENTRIES];    /* entry numbers, grouped by key */
    uint64_t prefix[MAX_ENTRIES]; /* the entry's first 8 bytes */
    uint64_t mask[MAX_ENTRIES];   /* 0xFF over the bytes it has */
    uint8_t how[MAX_ENTRIES];     /* MATCH_* */
    uint8_t fits[MAX_ENTRIES];    /* FIT_*: entry_fits as flags */
} unit_index;

/* What entry_fits asks of an entry, known in advance. */
enum {
    FIT_ENDS_WORD = 1, /* no letter may follow it */
    FIT_WORD = 2,      /* an English word: no digit may follow it unless
                          allowed */
    FIT_UNSPACED = 4   /* not after a space */
};

static unit_index units_index, currencies_index;
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

/* The code point at s[pos] for fig_unit_may_start: letters fold to lower
 * case. */
static unsigned first_code(const char *s, size_t len, size_t pos)
{
    unsigned char c = (unsigned char)s[pos];
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + 32u : c;
    size_t n;
    return (unsigned)fig_cp_at(s, len, pos, &n);
}

static unsigned slot_of(unsigned key)
{
    return (key * 2654435761u) >> 22; /* 10 bits */
}

/* Up to 8 bytes of s from pos as a word, zero past the end, near the end
 * of the text. */
static uint64_t last_bytes(const char *s, size_t len, size_t pos)
{
    unsigned char buf[8] = {0};
    memcpy(buf, s + pos, len - pos);
    uint64_t word;
    memcpy(&word, buf, sizeof word);
    return word;
}

/* Up to 8 bytes of s from pos as a word, zero past the end. */
static inline uint64_t first_bytes(const char *s, size_t len, size_t pos)
{
    if (len - pos < 8)
        return last_bytes(s, len, pos);
    uint64_t word;
    memcpy(&word, s + pos, sizeof word);
    return word;
}

/* The word with its bytes 'A'..'Z' made 'a'..'z', all eight at once:
 * a byte below 0x80 gains 0x20 when adding 0x80 - 'A' sets its top bit
 * and adding 0x80 - 'Z' - 1 does not. */
static uint64_t fold_word(uint64_t word)
{
    const uint64_t ones = 0x0101010101010101u, tops = ones * 0x80;
    uint64_t low = word & ~tops;
    uint64_t from_a = low + ones * (0x80 - 'A');
    uint64_t past_z = low + ones * (0x80 - 'Z' - 1);
    uint64_t upper = from_a & ~past_z & ~word & tops;
    return word | (upper >> 2);
}

/* Bytes of the UTF-8 character with this first byte (1 for a stray one). */
static size_t char_bytes(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* first_n[n]: 0xFF over the first n bytes of a word as first_bytes reads
 * it, in memory order whatever the machine's byte order. */
static uint64_t first_n[9];

static void build_first_n(void)
{
    for (size_t n = 0; n <= 8; n++) {
        unsigned char ones[8] = {0};
        memset(ones, 0xFF, n);
        memcpy(&first_n[n], ones, sizeof ones);
    }
}

/* The word's first n bytes, the others zero. */
static uint64_t low_bytes(uint64_t word, size_t n)
{
    return word & first_n[n < 8 ? n : 8];
}

/* The key of the character at pos (pos < len), given the text's first
 * eight bytes there, folded; its bytes in *n. */
static uint64_t one_key(const char *s, size_t len, size_t pos, uint64_t folded,
                        size_t *n)
{
    *n = char_bytes((unsigned char)s[pos]);
    return low_bytes(folded, *n < len - pos ? *n : len - pos);
}

/* The key of the two characters at pos, the first of n bytes, or 0 when
 * the text ends after the first. */
static uint64_t two_key(const char *s, size_t len, size_t pos, uint64_t folded,
                        size_t n)
{
    if (n >= len - pos)
        return 0;
    size_t both = n + char_bytes((unsigned char)s[pos + n]);
    return low_bytes(folded, both < len - pos ? both : len - pos);
}

static unsigned key_hash(uint64_t key)
{
    return (unsigned)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 53); /* 11 */
}

/* The filter bit of a key of two characters. */
static uint64_t pair_bit(uint64_t key)
{
    return UINT64_C(1) << ((key * UINT64_C(0xC2B2AE3D27D4EB4F)) >> 58);
}

/* The slot of a key, or NULL when no entry is under it. */
static const pair_slot *pair_find(const unit_index *index, uint64_t key)
{
    for (unsigned h = key_hash(key);; h = (h + 1) % PAIR_SLOTS) {
        const pair_slot *p = &index->pairs[h];
        if (p->key == 0)
            return NULL;
        if (p->key == key)
            return p;
    }
}

/* The slot of a key, taken when it was free. */
static pair_slot *pair_take(unit_index *index, uint64_t key)
{
    for (unsigned h = key_hash(key);; h = (h + 1) % PAIR_SLOTS) {
        pair_slot *p = &index->pairs[h];
        if (p->key == 0)
            p->key = key;
        if (p->key == key)
            return p;
    }
}

static uint8_t match_kind(const char *text)
{
    if (!is_ascii_word(text))
        return MATCH_EXACT;
    for (const char *t = text; *t; t++)
        if (*t >= 'A' && *t <= 'Z')
            return MATCH_SLOW;
    return MATCH_FOLDED;
}

/* The key an entry is listed under, and in *first the key of its first
 * character. */
static uint64_t entry_key(const unit_entry *e, uint64_t *first)
{
    uint64_t folded = fold_word(first_bytes(e->u.text, e->len, 0));
    size_t n;
    *first = one_key(e->u.text, e->len, 0, folded, &n);
    return n < e->len ? two_key(e->u.text, e->len, 0, folded, n) : *first;
}

/* True when an entry written at pos may be taken there: what follows it
 * and (spaced) the space before it allow it. */
static bool entry_fits(const unit_entry *e, const char *s, size_t len,
                       size_t pos, bool spaced, bool digit_after_ok)
{
    size_t n = e->len;
    bool word = is_ascii_word(e->u.text);
    /* a form ending in a letter ends a word: not "° C" of "° Celsius" */
    if ((word || fig_is_alpha((unsigned char)e->u.text[n - 1])) &&
        pos + n < len && fig_is_alpha((unsigned char)s[pos + n]))
        return false;
    if (word && !digit_after_ok && pos + n < len && s[pos + n] >= '0' &&
        s[pos + n] <= '9')
        return false;
    if (spaced && (e->attached || !word) &&
        strncmp(e->u.text, "°", strlen("°")) != 0 &&
        strcmp(e->u.text, "%") != 0 && strcmp(e->u.text, "€") != 0 &&
        strcmp(e->u.text, "$") != 0)
        return false;
    return true;
}

/* entry_fits's questions about the entry alone, as FIT_* flags. */
static uint8_t fit_flags(const unit_entry *e)
{
    bool word = is_ascii_word(e->u.text);
    uint8_t flags = 0;
    if (word || fig_is_alpha((unsigned char)e->u.text[e->len - 1]))
        flags |= FIT_ENDS_WORD;
    if (word)
        flags |= FIT_WORD;
    if ((e->attached || !word) && strncmp(e->u.text, "°", strlen("°")) != 0 &&
        strcmp(e->u.text, "%") != 0 && strcmp(e->u.text, "€") != 0 &&
        strcmp(e->u.text, "$") != 0)
        flags |= FIT_UNSPACED;
    return flags;
}

/* entry_fits by the entry's flags: n bytes written at pos. */
static bool fits_at(uint8_t flags, const char *s, size_t len, size_t pos,
                    size_t n, bool spaced, bool digit_after_ok)
{
    if (pos + n < len) {
        unsigned char next = (unsigned char)s[pos + n];
        if ((flags & FIT_ENDS_WORD) && fig_is_alpha(next))
            return false;
        if ((flags & FIT_WORD) && !digit_after_ok && next >= '0' && next <= '9')
            return false;
    }
    return !(spaced && (flags & FIT_UNSPACED));
}

/* The entry numbers of the table from the longest down, in table order
 * among equals; returns how many. */
static size_t longest_first(const unit_entry *table, int16_t *order)
{
    size_t longest_len = 0, count = 0;
    for (size_t i = 0; table[i].u.text; i++)
        if (table[i].len > longest_len)
            longest_len = table[i].len;
    for (size_t n = longest_len; n > 0; n--)
        for (size_t i = 0; table[i].u.text; i++)
            if (table[i].len == n)
                order[count++] = (int16_t)i;
    return count;
}

static void index_table(const unit_entry *table, unit_index *index)
{
    int16_t order[MAX_ENTRIES];
    uint64_t keys[MAX_ENTRIES];
    size_t count = longest_first(table, order);
    for (size_t i = 0; i < count; i++) {
        const char *t = table[i].u.text;
        size_t n = table[i].len;
        index->prefix[i] = first_bytes(t, n, 0);
        unsigned char ones[8] = {0};
        memset(ones, 0xFF, n < 8 ? n : 8);
        memcpy(&index->mask[i], ones, sizeof ones);
        index->how[i] = match_kind(t);
        index->fits[i] = fit_flags(&table[i]);
        index->opens[slot_of(first_code(t, n, 0))] = true;
        uint64_t first, key = entry_key(&table[i], &first);
        keys[i] = key;
        pair_take(index, key)->count++;
        if (key != first)
            pair_take(index, first)->pairs |= pair_bit(key);
    }
    /* each key's entries together, in the order of order[] */
    uint16_t start = 0;
    for (size_t h = 0; h < PAIR_SLOTS; h++) {
        pair_slot *p = &index->pairs[h];
        p->start = start;
        start = (uint16_t)(start + p->count);
        p->count = 0;
    }
    for (size_t k = 0; k < count; k++) {
        pair_slot *p = pair_take(index, keys[order[k]]);
        index->list[p->start + p->count++] = order[k];
    }
}

static void build_indexes(void)
{
    build_first_n();
    index_table(UNITS, &units_index);
    index_table(CURRENCIES, &currencies_index);
}

/* Builds the indexes once. A flag set after they are built lets every
 * later call pass without the call into the threads library. */
static atomic_bool indexes_built;

static void ensure_indexes(void)
{
    if (atomic_load_explicit(&indexes_built, memory_order_acquire))
        return;
    pthread_once(&index_once, build_indexes);
    atomic_store_explicit(&indexes_built, true, memory_order_release);
}

/* True when entry i of the table is written at pos. */
static bool entry_at(const unit_entry *table, const unit_index *index, size_t i,
                     const char *s, size_t len, size_t pos, uint64_t exact,
                     uint64_t folded)
{
    const unit_entry *e = &table[i];
    switch (index->how[i]) {
    case MATCH_EXACT:
        if ((exact & index->mask[i]) != index->prefix[i])
            return false;
        return e->len <= 8 || matches(s, len, pos, e->u.text, e->len);
    case MATCH_FOLDED:
        if ((folded & index->mask[i]) != index->prefix[i])
            return false;
        return e->len <= 8 || matches(s, len, pos, e->u.text, e->len);
    default: return matches(s, len, pos, e->u.text, e->len);
    }
}

/* Longest entry of table matching at pos (pos < len). */
static const unit_entry *longest(const unit_entry *table,
                                 const unit_index *index, const char *s,
                                 size_t len, size_t pos, bool spaced,
                                 bool digit_after_ok, size_t *end)
{
    ensure_indexes();
    uint64_t exact = first_bytes(s, len, pos);
    uint64_t folded = fold_word(exact);
    size_t n;
    const pair_slot *one = pair_find(index, one_key(s, len, pos, folded, &n));
    if (!one)
        return NULL;
    /* the pair's entries, list[from .. from + count), then the first
     * character's */
    size_t from = one->start, count = 0, total = one->count;
    uint64_t two = two_key(s, len, pos, folded, n);
    const pair_slot *p;
    if (two && (one->pairs & pair_bit(two)) &&
        (p = pair_find(index, two)) != NULL && p != one) {
        from = p->start;
        count = p->count;
        total += count;
    }
    for (size_t k = 0; k < total; k++) {
        size_t i =
            (size_t)
                index->list[k < count ? from + k : one->start + (k - count)];
        if (entry_at(table, index, i, s, len, pos, exact, folded) &&
            fits_at(index->fits[i], s, len, pos, table[i].len, spaced,
                    digit_after_ok)) {
            *end = pos + table[i].len;
            return &table[i];
        }
    }
    return NULL;
}

/* The same by a walk over the whole table, for tests. */
static const unit_entry *longest_by_walk(const unit_entry *table, const char *s,
                                         size_t len, size_t pos, bool spaced,
                                         bool digit_after_ok, size_t *end)
{
    const unit_entry *best = NULL;
    for (size_t i = 0; table[i].u.text; i++) {
        const unit_entry *e = &table[i];
        if ((!best || e->len > best->len) &&
            matches(s, len, pos, e->u.text, e->len) &&
            entry_fits(e, s, len, pos, spaced, digit_after_ok))
            best = e;
    }
    if (best)
        *end = pos + best->len;
    return best;
}

const fig_unit *fig_unit_table_at(bool currencies, bool by_walk, const char *s,
                                  size_t len, size_t pos, bool spaced,
                                  bool digit_after_ok, size_t *end)
{
    ensure_indexes();
    const unit_entry *table = currencies ? CURRENCIES : UNITS;
    const unit_entry *e =
        pos >= len ? NULL
        : by_walk
            ? longest_by_walk(table, s, len, pos, spaced, digit_after_ok, end)
            : longest(table, currencies ? &currencies_index : &units_index, s,
                      len, pos, spaced, digit_after_ok, end);
    return e ? &e->u : NULL;
}

const char *fig_unit_table_text(bool currencies, size_t i)
{
    const unit_entry *table = currencies ? CURRENCIES : UNITS;
    for (size_t k = 0; k < i; k++)
        if (!table[k].u.text)
            return NULL;
    return table[i].u.text;
}

bool fig_unit_may_start(int32_t cp)
{
    ensure_indexes();
    unsigned key = cp >= 'A' && cp <= 'Z' ? (unsigned)cp + 32u : (unsigned)cp;
    return units_index.opens[slot_of(key)];
}

/* True when a full-width letter (Ａ-Ｚ, ａ-ｚ) is at pos: EF BC A1..BA or
 * EF BD 81..9A. */
static bool is_fullwidth_letter(const char *s, size_t len, size_t pos)
{
    if (len - pos < 3 || (unsigned char)s[pos] != 0xEF)
        return false;
    unsigned char b1 = (unsigned char)s[pos + 1],
                  b2 = (unsigned char)s[pos + 2];
    return (b1 == 0xBC && b2 >= 0xA1 && b2 <= 0xBA) ||
           (b1 == 0xBD && b2 >= 0x81 && b2 <= 0x9A);
}

/* The unit spelled in full-width forms at pos (ｋｍ, ＫＧ, ｍｌ), read as
 * the ASCII it stands for; *end is in s. NULL when there is none. */
static const unit_entry *fullwidth_unit_at(const char *s, size_t len,
                                           size_t pos, size_t *end)
{
    char ascii[24];
    size_t n = 0, p = pos, m;
    while (n < sizeof ascii && p < len && (unsigned char)s[p] == 0xEF) {
        int32_t cp = fig_cp_at(s, len, p, &m);
        if (cp < 0xFF01 || cp > 0xFF5E)
            break;
        ascii[n++] = (char)(cp - 0xFF01 + '!');
        p += m;
    }
    size_t ascii_end;
    const unit_entry *e =
        n ? longest(UNITS, &units_index, ascii, n, 0, false, false, &ascii_end)
          : NULL;
    if (e)
        *end = pos + 3 * ascii_end; /* each form is three bytes */
    return e;
}

/* True when the text of a table entry is Chinese (starts with a
 * character beyond ASCII). */
static bool is_chinese_unit(const unit_entry *e)
{
    return (unsigned char)e->u.text[0] >= 0x80;
}

const fig_unit *fig_unit_after(const char *s, size_t len, size_t pos,
                               bool chinese_numeral, size_t *end)
{
    if (pos >= len)
        return NULL;
    const unit_entry *e =
        longest(UNITS, &units_index, s, len, pos, false, false, end);
    if (e && !(chinese_numeral && is_ascii_word(e->u.text)))
        return &e->u;
    if (is_fullwidth_letter(s, len, pos) && !chinese_numeral &&
        (e = fullwidth_unit_at(s, len, pos, end)) != NULL)
        return &e->u;
    /* English units may follow spaces or a hyphen: "10 km", "3-inch";
     * Chinese ones spaces after Arabic digits: "100 公里" */
    size_t p = pos;
    while (p < len && s[p] == ' ')
        p++;
    if (p == pos && p < len && s[p] == '-')
        p++;
    if (p == pos || p >= len || chinese_numeral)
        return NULL;
    if ((unsigned char)s[p] >= 0x80 && s[p - 1] == ' ') {
        e = longest(UNITS, &units_index, s, len, p, false, false, end);
        if (!e && is_fullwidth_letter(s, len, p))
            e = fullwidth_unit_at(s, len, p, end);
        return e && (is_chinese_unit(e) || s[p] == (char)0xEF) ? &e->u : NULL;
    }
    e = longest(UNITS, &units_index, s, len, p, true, false, end);
    return e ? &e->u : NULL;
}

const fig_unit *fig_currency_before(const char *s, size_t len, size_t pos,
                                    size_t *end)
{
    if (pos >= len)
        return NULL;
    const unit_entry *e =
        longest(CURRENCIES, &currencies_index, s, len, pos, false, true, end);
    if (!e)
        return NULL;
    /* the number follows, after optional spaces */
    size_t p = *end;
    while (p < len && s[p] == ' ')
        p++;
    if (p >= len)
        return NULL;
    size_t n;
    int32_t cp = fig_cp_at(s, len, p, &n);
    if (!fig_is_digit_cp(cp) &&
        !(s[p] == '.' && p + 1 < len && s[p + 1] >= '0' && s[p + 1] <= '9')) {
        if (!(is_ascii_word(e->u.text) || (unsigned char)e->u.text[0] >= 0x80))
            return NULL;
        /* "USD twenty", "人民币五万元" */
        if (!(fig_zh_starts_numeral(cp) || fig_is_alpha((unsigned char)s[p])))
            return NULL;
    }
    if (is_ascii_word(e->u.text) && pos > 0 &&
        fig_is_alpha((unsigned char)s[pos - 1]))
        return NULL;
    *end = p;
    return &e->u;
}

const fig_unit *fig_currency_ending_at(const char *s, size_t pos, size_t *start)
{
    size_t at;
    int32_t last = fig_cp_before(s, pos, &at);
    /* every Chinese currency word of the table ends in one of these */
    if (last != 0x5E01 /* 币 */ && last != 0x5E63 /* 幣 */ &&
        last != 0x5143 /* 元 */ && last != 0x91D1 /* 金 */)
        return NULL;
    for (size_t i = 0; CURRENCIES[i].u.text; i++) {
        const unit_entry *e = &CURRENCIES[i];
        if ((unsigned char)e->u.text[0] >= 0xE0 && e->len <= pos &&
            memcmp(s + pos - e->len, e->u.text, e->len) == 0) {
            /* not the unit of a number before it: 1000美元2000 */
            size_t before;
            int32_t prev = fig_cp_before(s, pos - e->len, &before);
            if (fig_is_digit_cp(prev) || fig_zh_digit(prev) >= 0 ||
                fig_zh_unit(prev) > 0)
                return NULL;
            *start = pos - e->len;
            return &e->u;
        }
    }
    return NULL;
}
