//! The rest of a profile: tags (标签), importance, region, occupation and notes.

use super::weighted::{chance, pick, pick_uniform};
use crm_core::{Importance, Region, SourceChannel};
use rand::Rng;

/// The intent tag, mutually exclusive (weights in per cent; the rest have none).
const INTENT: &[(Option<&str>, u32)] = &[
    (Some("高意向"), 18),
    (Some("待跟进"), 40),
    (Some("已成交"), 10),
    (None, 32),
];

/// Repeat customers have mostly bought already.
const INTENT_REPEAT: &[(Option<&str>, u32)] = &[
    (Some("高意向"), 15),
    (Some("待跟进"), 15),
    (Some("已成交"), 60),
    (None, 10),
];

/// The body type wanted.
const BODY: &[(Option<&str>, u32)] = &[
    (Some("SUV"), 38),
    (Some("轿车"), 28),
    (Some("MPV"), 6),
    (None, 28),
];

/// Family or business use.
const USE: &[(Option<&str>, u32)] = &[(Some("家用"), 45), (Some("商务"), 12), (None, 43)];

/// First car, replacement or an additional car.
const PURCHASE: &[(Option<&str>, u32)] = &[
    (Some("首购"), 15),
    (Some("换购"), 12),
    (Some("增购"), 6),
    (None, 67),
];

/// Payment.
const PAYMENT: &[(Option<&str>, u32)] = &[(Some("贷款"), 12), (Some("全款"), 6), (None, 82)];

/// Tags that stand alone, each with its own chance in per cent.
const EXTRA: &[(&str, u32)] = &[("新能源", 35), ("试驾过", 18), ("价格敏感", 10)];

/// The customer's tags; repeat customers lean towards 已成交.
pub(crate) fn tags<R: Rng + ?Sized>(rng: &mut R, source: &SourceChannel) -> Vec<String> {
    let intent = match source {
        SourceChannel::RepeatCustomer => INTENT_REPEAT,
        _ => INTENT,
    };
    let mut tags: Vec<String> = Vec::new();
    for table in [intent, BODY, USE, PURCHASE, PAYMENT] {
        if let Some(tag) = pick(rng, table) {
            tags.push((*tag).to_owned());
        }
    }
    for (tag, percent) in EXTRA {
        if chance(rng, *percent) {
            tags.push((*tag).to_owned());
        }
    }
    tags
}

/// Importance: mostly normal, more often important or key for hot and won customers.
pub(crate) fn importance<R: Rng + ?Sized>(rng: &mut R, tags: &[String]) -> Importance {
    let has = |t: &str| tags.iter().any(|x| x == t);
    let table: &[(Importance, u32)] = if has("高意向") {
        &[
            (Importance::Normal, 60),
            (Importance::Important, 30),
            (Importance::Key, 10),
        ]
    } else if has("已成交") {
        &[
            (Importance::Normal, 75),
            (Importance::Important, 20),
            (Importance::Key, 5),
        ]
    } else {
        &[
            (Importance::Normal, 90),
            (Importance::Important, 8),
            (Importance::Key, 2),
        ]
    };
    *pick(rng, table)
}

/// Where customers of a dealership in Hangzhou live, by weight: (province, city, district).
const REGIONS: &[((&str, &str, &str), u32)] = &[
    (("浙江省", "杭州市", "西湖区"), 14),
    (("浙江省", "杭州市", "拱墅区"), 11),
    (("浙江省", "杭州市", "上城区"), 10),
    (("浙江省", "杭州市", "滨江区"), 10),
    (("浙江省", "杭州市", "余杭区"), 12),
    (("浙江省", "杭州市", "萧山区"), 11),
    (("浙江省", "杭州市", "临平区"), 6),
    (("浙江省", "杭州市", "钱塘区"), 5),
    (("浙江省", "绍兴市", "柯桥区"), 4),
    (("浙江省", "绍兴市", "越城区"), 3),
    (("浙江省", "嘉兴市", "南湖区"), 3),
    (("浙江省", "湖州市", "吴兴区"), 3),
    (("上海市", "上海市", "闵行区"), 2),
    (("江苏省", "苏州市", "吴中区"), 2),
    (("安徽省", "合肥市", "蜀山区"), 1),
];

/// A region: none (25 %), province and city only (15 %), or down to the district.
pub(crate) fn region<R: Rng + ?Sized>(rng: &mut R) -> Region {
    let roll = rng.random_range(0..100);
    if roll < 25 {
        return Region::default();
    }
    let (province, city, district) = *pick(rng, REGIONS);
    Region {
        province: Some(province.to_owned()),
        city: Some(city.to_owned()),
        district: (roll >= 40).then(|| district.to_owned()),
    }
}

const OCCUPATIONS: &[&str] = &[
    "教师",
    "医生",
    "护士",
    "工程师",
    "程序员",
    "公务员",
    "个体经营",
    "企业主",
    "销售",
    "会计",
    "律师",
    "设计师",
    "自由职业",
    "外卖骑手",
    "退休",
];

/// An occupation, 40 % of the time.
pub(crate) fn occupation<R: Rng + ?Sized>(rng: &mut R) -> Option<String> {
    chance(rng, 40).then(|| (*pick_uniform(rng, OCCUPATIONS)).to_owned())
}

const NOTES: &[&str] = &[
    "预算15-20万",
    "预算25万左右",
    "计划年底前提车",
    "需要七座车",
    "家里已有一台燃油车，考虑增购新能源",
    "关注置换补贴",
    "等新款上市再决定",
    "希望周末联系",
    "工作日晚上方便接电话",
    "对金融方案感兴趣",
    "小区有充电桩",
    "爱人也要一起来试驾",
];

/// Notes, 15 % of the time.
pub(crate) fn notes<R: Rng + ?Sized>(rng: &mut R) -> Option<String> {
    chance(rng, 15).then(|| (*pick_uniform(rng, NOTES)).to_owned())
}
