//! Source channels (来源) and first contacts (初次接触): how each customer found the store
//! and how the first conversation went.

use super::names::{gender, person};
use super::weighted::{chance, pick, pick_uniform};
use chrono::{DateTime, Duration, Utc};
use crm_core::{FirstContact, SourceChannel};
use rand::Rng;

/// The online platforms leads come from (网络推广), by weight within the online share.
pub const ONLINE_PLATFORMS: &[(&str, u32)] = &[
    ("汽车之家", 14),
    ("懂车帝", 11),
    ("易车", 6),
    ("品牌官网", 4),
];

/// The channel mix, in per cent: walk-in 30, online 35, referral 10, hotline 8, auto show 7,
/// marketing event 6, repeat customer 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    WalkIn,
    Online,
    Referral,
    Hotline,
    AutoShow,
    Event,
    Repeat,
}

const KINDS: &[(Kind, u32)] = &[
    (Kind::WalkIn, 30),
    (Kind::Online, 35),
    (Kind::Referral, 10),
    (Kind::Hotline, 8),
    (Kind::AutoShow, 7),
    (Kind::Event, 6),
    (Kind::Repeat, 4),
];

/// A source channel. A referral names the referrer (a generated person, sometimes written
/// the way consultants do: `老客户王伟`, `同事张敏`).
pub(crate) fn source<R: Rng + ?Sized>(rng: &mut R) -> SourceChannel {
    match pick(rng, KINDS) {
        Kind::WalkIn => SourceChannel::ShowroomWalkIn,
        Kind::Online => SourceChannel::OnlinePlatform {
            platform: (*pick(rng, ONLINE_PLATFORMS)).to_owned(),
        },
        Kind::Referral => {
            let referrer_gender = gender(rng);
            let referrer = person(rng, referrer_gender).full;
            let relation = *pick(
                rng,
                &[
                    ("", 50),
                    ("老客户", 25),
                    ("朋友", 10),
                    ("同事", 10),
                    ("亲戚", 5),
                ],
            );
            SourceChannel::Referral {
                referrer_id: None,
                referrer_name: Some(format!("{relation}{referrer}")),
            }
        }
        Kind::Hotline => SourceChannel::PhoneHotline,
        Kind::AutoShow => SourceChannel::AutoShow,
        Kind::Event => SourceChannel::MarketingEvent,
        Kind::Repeat => SourceChannel::RepeatCustomer,
    }
}

const REACTIONS: &[&str] = &[
    "对外观很满意，关注油耗",
    "觉得价格偏高，想再比较",
    "很想试驾",
    "对比了竞品，犹豫中",
    "关心贷款方案",
    "对后排空间很满意",
    "态度一般，只留了电话",
    "关注续航和充电",
    "要和家人商量",
    "询问置换补贴",
    "当场约了周末试驾",
    "对内饰做工有疑问",
];

/// Where and in what scene a first contact through `source` happens.
fn place_and_scenes(source: &SourceChannel) -> (&'static [&'static str], &'static [&'static str]) {
    match source {
        SourceChannel::ShowroomWalkIn => (
            &["展厅"],
            &[
                "周末带家人来看车",
                "下班顺路进店看看",
                "看到新车海报进店",
                "和朋友一起来看车",
            ],
        ),
        SourceChannel::OnlinePlatform { .. } => (
            &["电话", "线上咨询", "微信"],
            &[
                "平台留资后电话回访",
                "在线询价后加了微信",
                "看了评测视频来咨询",
            ],
        ),
        SourceChannel::Referral { .. } => (
            &["展厅"],
            &["经朋友介绍到店", "介绍人陪同到店", "朋友推荐后电话预约"],
        ),
        SourceChannel::PhoneHotline => (&["电话"], &["来电询问现车和优惠", "来电预约试驾"]),
        SourceChannel::AutoShow => (
            &["车展展台", "国际车展"],
            &["在展台体验新车", "参加车展试乘活动", "在展台咨询订车优惠"],
        ),
        SourceChannel::MarketingEvent => (
            &["店内活动现场", "商场外展"],
            &["参加新车品鉴会", "周末团购会到场", "试驾体验日"],
        ),
        SourceChannel::RepeatCustomer | SourceChannel::Other { .. } => (
            &["展厅", "售后服务区"],
            &["保养时顺便看新车", "老客户考虑增购第二台车"],
        ),
    }
}

/// Sometimes (60 %) a first contact shortly before the record was created, with a place,
/// often a scene and a reaction.
pub(crate) fn first_contact<R: Rng + ?Sized>(
    rng: &mut R,
    source: &SourceChannel,
    created_at: DateTime<Utc>,
) -> Option<FirstContact> {
    if !chance(rng, 60) {
        return None;
    }
    let (places, scenes) = place_and_scenes(source);
    let at = created_at - Duration::minutes(rng.random_range(0..=120));
    Some(FirstContact {
        at,
        place: Some((*pick_uniform(rng, places)).to_owned()),
        scene: chance(rng, 80).then(|| (*pick_uniform(rng, scenes)).to_owned()),
        reaction: chance(rng, 70).then(|| (*pick_uniform(rng, REACTIONS)).to_owned()),
    })
}
