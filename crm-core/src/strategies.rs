//! Proptest strategies for the domain types (feature `proptest`).
//!
//! Valid values are valid as of any instant after [`REFERENCE_NOW`]; the near-valid ones
//! break exactly one rule and say which field, so harnesses can check the error names it.

use crate::contact::{ContactInput, ContactKind};
use crate::customer::{AgeBand, Gender, Importance, NewCustomer, Region};
use crate::filter::{
    ArchivedFilter, CustomerFilter, LastContactFilter, Sort, SortKey, CHANNEL_KINDS,
};
use crate::ids::CustomerId;
use crate::patch::CustomerPatch;
use crate::source::{FirstContact, SourceChannel};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::select;

/// Every generated instant and date lies before this instant (2026-01-01T00:00:00Z).
pub const REFERENCE_NOW: i64 = 1_767_225_600_000;

/// [`REFERENCE_NOW`] as an instant.
pub fn reference_now() -> DateTime<Utc> {
    Utc.timestamp_millis_opt(REFERENCE_NOW)
        .single()
        .unwrap_or_default()
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "曾", "单", "欧阳", "司马",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明",
];

/// A Chinese name: surname plus one or two given-name characters.
pub fn chinese_name() -> impl Strategy<Value = String> {
    (
        select(SURNAMES),
        prop::collection::vec(select(GIVEN), 1..=2),
    )
        .prop_map(|(s, g)| format!("{s}{}", g.concat()))
}

/// A name: Chinese or Latin.
pub fn name() -> impl Strategy<Value = String> {
    prop_oneof![3 => chinese_name(), 1 => "[A-Z][a-z]{1,10}( [A-Z][a-z]{1,12})?"]
}

/// A Chinese mobile number as 11 plain digits.
pub fn mobile_number() -> impl Strategy<Value = String> {
    (3u8..=9, 0u64..1_000_000_000).prop_map(|(second, rest)| format!("1{second}{rest:09}"))
}

/// One way of typing the 11-digit mobile `digits`: separators, prefixes, full-width digits.
pub fn mobile_spelling(digits: String) -> impl Strategy<Value = String> {
    let prefixes = select(vec![
        "", "+86", "+86 ", "0086", "0086 ", "86", "86 ", "+86-",
    ]);
    let separators = select(vec!["", " ", "-", ".", "\u{3000}"]);
    (prefixes, separators, any::<bool>(), any::<bool>()).prop_map(
        move |(prefix, sep, groups, wide)| {
            let body = if groups {
                format!(
                    "{}{sep}{}{sep}{}",
                    &digits[..3],
                    &digits[3..7],
                    &digits[7..]
                )
            } else {
                digits.clone()
            };
            let typed = format!("{prefix}{body}");
            if wide {
                typed.chars().map(full_width).collect()
            } else {
                typed
            }
        },
    )
}

/// Area codes (without the trunk `0`) of Chinese cities with 8-digit local numbers.
const AREA_CODES: &[&str] = &[
    "10", "20", "21", "22", "23", "24", "25", "27", "28", "29", "311", "351", "512", "571", "731",
    "755", "871",
];

/// A Chinese landline: its area code without the trunk `0`, and its 8-digit local number.
pub fn landline_number() -> impl Strategy<Value = (String, String)> {
    (select(AREA_CODES), 2u32..=8, 0u32..10_000_000)
        .prop_map(|(area, first, rest)| (area.to_owned(), format!("{first}{rest:07}")))
}

/// One way of typing the landline `(area, local)`: with its trunk `0`, `+86`, `0086` or
/// `86` before the area code, the area code in brackets or not, separators, full width.
pub fn landline_spelling((area, local): (String, String)) -> impl Strategy<Value = String> {
    let prefixes = select(vec!["0", "+86 ", "+86", "0086 ", "86", "86 ", "+86-"]);
    let separators = select(vec!["", " ", "-", "\u{3000}"]);
    (prefixes, separators, any::<bool>(), any::<bool>()).prop_map(
        move |(prefix, sep, brackets, wide)| {
            let area = if brackets && prefix == "0" {
                format!("(0{area})")
            } else {
                format!("{prefix}{area}")
            };
            let typed = format!("{area}{sep}{}{sep}{}", &local[..4], &local[4..]);
            if wide {
                typed.chars().map(full_width).collect()
            } else {
                typed
            }
        },
    )
}

/// The full-width form of an ASCII digit or sign, as a Chinese IME types it.
fn full_width(c: char) -> char {
    match c {
        '0'..='9' | '+' | '-' | '.' | '(' | ')' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// A valid WeChat ID.
pub fn wechat_id() -> impl Strategy<Value = String> {
    "[a-zA-Z][a-zA-Z0-9_-]{5,19}"
}

/// A valid e-mail address.
pub fn email() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,8}(\\.[a-z0-9]{1,5})?@(example|mail|qq|163)\\.(com|cn|net)"
}

/// A valid contact of any kind but `Other`, not primary.
pub fn contact_input() -> impl Strategy<Value = ContactInput> {
    let value = prop_oneof![
        3 => mobile_number().prop_flat_map(mobile_spelling).prop_map(|v| (ContactKind::Mobile, v)),
        1 => wechat_id().prop_map(|v| (ContactKind::Wechat, v)),
        1 => email().prop_map(|v| (ContactKind::Email, v)),
    ];
    (
        value,
        prop::option::of(select(vec!["工作", "家", "wife", "备用"])),
    )
        .prop_map(|((kind, value), label)| ContactInput {
            kind,
            value,
            label: label.map(str::to_owned),
            primary: false,
        })
}

/// A valid source channel.
pub fn source_channel() -> impl Strategy<Value = SourceChannel> {
    prop_oneof![
        Just(SourceChannel::ShowroomWalkIn),
        chinese_name().prop_map(|n| SourceChannel::Referral {
            referrer_id: None,
            referrer_name: Some(n)
        }),
        select(vec!["汽车之家", "懂车帝", "易车", "品牌官网"])
            .prop_map(|p| SourceChannel::OnlinePlatform { platform: p.into() }),
        Just(SourceChannel::PhoneHotline),
        Just(SourceChannel::AutoShow),
        Just(SourceChannel::MarketingEvent),
        Just(SourceChannel::RepeatCustomer),
        "[a-z]{3,12}".prop_map(|d| SourceChannel::Other { description: d }),
    ]
}

/// An instant between 2020 and [`REFERENCE_NOW`], at millisecond precision.
pub fn past_instant() -> impl Strategy<Value = DateTime<Utc>> {
    (1_577_836_800_000i64..REFERENCE_NOW)
        .prop_map(|ms| Utc.timestamp_millis_opt(ms).single().unwrap_or_default())
}

/// A birthday between 1940 and 2007.
pub fn birthday() -> impl Strategy<Value = NaiveDate> {
    (1940i32..2008, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default())
}

fn gender() -> impl Strategy<Value = Gender> {
    select(vec![Gender::Male, Gender::Female, Gender::Unspecified])
}

fn importance() -> impl Strategy<Value = Importance> {
    select(vec![
        Importance::Normal,
        Importance::Important,
        Importance::Key,
    ])
}

fn age_band() -> impl Strategy<Value = AgeBand> {
    select(vec![
        AgeBand::Under25,
        AgeBand::From25To34,
        AgeBand::From35To44,
        AgeBand::From45To54,
        AgeBand::From55To64,
        AgeBand::From65,
    ])
}

fn region() -> impl Strategy<Value = Region> {
    (
        prop::option::of(select(vec!["广东省", "浙江省", "江苏省", "四川省"])),
        prop::option::of(select(vec!["广州市", "杭州市", "南京市", "成都市"])),
        prop::option::of(select(vec!["天河区", "西湖区", "鼓楼区", "武侯区"])),
    )
        .prop_map(|(p, c, d)| Region {
            province: p.map(Into::into),
            city: c.map(Into::into),
            district: d.map(Into::into),
        })
}

fn first_contact() -> impl Strategy<Value = FirstContact> {
    (
        past_instant(),
        prop::option::of(select(vec!["展厅", "车展", "电话"])),
        prop::option::of("[a-z ]{1,40}"),
    )
        .prop_map(|(at, place, reaction)| FirstContact {
            at,
            place: place.map(Into::into),
            scene: None,
            reaction,
        })
}

/// Tags from a small vocabulary, some spelled twice in different case.
pub fn tags() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        select(vec![
            "高意向",
            "待跟进",
            "已成交",
            "VIP",
            "vip",
            "SUV",
            "新能源",
        ]),
        0..5,
    )
    .prop_map(|t| t.into_iter().map(str::to_owned).collect())
}

/// A valid new customer: one to three contacts, exactly one primary, every optional field
/// sometimes present.
pub fn new_customer() -> impl Strategy<Value = NewCustomer> {
    let contacts = (
        prop::collection::vec(contact_input(), 1..=3),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(mut contacts, primary)| {
            let i = primary.index(contacts.len());
            contacts[i].primary = true;
            contacts
        });
    let dates = prop_oneof![
        Just((None, None)),
        birthday().prop_map(|b| (Some(b), None)),
        age_band().prop_map(|a| (None, Some(a))),
    ];
    (
        (
            name(),
            gender(),
            dates,
            prop::option::of("[a-z]{2,20}"),
            region(),
        ),
        (
            contacts,
            source_channel(),
            prop::option::of(first_contact()),
            tags(),
            importance(),
        ),
        (
            prop::option::of(select(vec!["c001", "c002", "c003"])),
            prop::option::of("[a-z0-9 ]{0,80}"),
        ),
    )
        .prop_map(
            |(
                (name, gender, (birthday, age_band), occupation, region),
                (contacts, source, first_contact, tags, importance),
                (owner, notes),
            )| {
                NewCustomer {
                    name,
                    gender,
                    birthday,
                    age_band,
                    occupation,
                    region,
                    notes,
                    contacts,
                    source,
                    first_contact,
                    tags,
                    importance,
                    owner: owner.map(Into::into),
                }
            },
        )
}

/// A new customer with exactly one defect, and the field path the error must name.
pub fn near_valid_customer() -> impl Strategy<Value = (NewCustomer, String)> {
    (new_customer(), 0usize..8, "[0-9]{1,9}").prop_map(|(mut c, defect, digits)| {
        let field = match defect {
            0 => {
                c.name = "  ".into();
                "name".to_owned()
            }
            1 => {
                c.contacts.clear();
                "contacts".to_owned()
            }
            2 => {
                c.contacts[0] = ContactInput {
                    kind: ContactKind::Mobile,
                    value: digits,
                    ..c.contacts[0].clone()
                };
                "contacts[0].value".to_owned()
            }
            3 => {
                for contact in &mut c.contacts {
                    contact.primary = true;
                }
                c.contacts
                    .push(ContactInput::new(ContactKind::Email, "x@example.com").primary());
                "contacts".to_owned()
            }
            4 => {
                c.birthday = NaiveDate::from_ymd_opt(2999, 1, 1);
                "birthday".to_owned()
            }
            5 => {
                c.name = "名".repeat(51);
                "name".to_owned()
            }
            6 => {
                c.contacts[0] = ContactInput {
                    kind: ContactKind::Wechat,
                    value: "1abc".into(),
                    ..c.contacts[0].clone()
                };
                "contacts[0].value".to_owned()
            }
            _ => {
                c.notes = Some("x".repeat(2001));
                "notes".to_owned()
            }
        };
        (c, field)
    })
}

/// A patch that touches a random selection of fields with valid values.
pub fn customer_patch() -> impl Strategy<Value = CustomerPatch> {
    (
        prop::option::of(name()),
        prop::option::of(importance()),
        prop::option::of(prop::option::of("[a-z]{2,20}")),
        prop::option::of(tags()),
        prop::option::of(contact_input()),
        prop::option::of(prop::option::of(select(vec!["c001", "c002", "c009"]))),
    )
        .prop_map(
            |(name, importance, occupation, tags, contact, owner)| CustomerPatch {
                name,
                importance,
                occupation,
                tags,
                contacts: contact.map(|c| vec![c.primary()]),
                owner: owner.map(|o| o.map(Into::into)),
                ..Default::default()
            },
        )
}

/// A referral source pointing at `id`.
pub fn referral_to(id: CustomerId) -> SourceChannel {
    SourceChannel::Referral {
        referrer_id: Some(id),
        referrer_name: None,
    }
}

/// A valid filter over the vocabulary the other strategies draw from; each dimension is
/// present about a quarter of the time, so that many filters still match someone.
pub fn customer_filter() -> impl Strategy<Value = CustomerFilter> {
    fn some<T: std::fmt::Debug + Clone + 'static>(
        s: impl Strategy<Value = T> + 'static,
    ) -> BoxedStrategy<Option<T>> {
        prop::option::weighted(0.25, s).boxed()
    }
    let few = |v: Vec<&'static str>| {
        some(
            prop::collection::vec(select(v), 1..3)
                .prop_map(|v| v.into_iter().map(str::to_owned).collect::<Vec<_>>()),
        )
    };
    (
        (
            few(CHANNEL_KINDS.to_vec()),
            few(vec!["高意向", "vip", "SUV", "新能源"]),
            few(vec!["待跟进", "VIP"]),
            some(prop::collection::vec(importance(), 1..3)),
            few(vec!["c001", "c002", "c003"]),
        ),
        (
            select(vec![
                ArchivedFilter::Active,
                ArchivedFilter::Archived,
                ArchivedFilter::All,
            ]),
            some(select(vec![
                LastContactFilter::Never,
                LastContactFilter::WithinDays(30),
                LastContactFilter::NotForDays(30),
            ])),
            some(prop::collection::vec(1u32..=12, 1..4)),
            some(select(vec!["广东省", "浙江省"])),
            some(select(vec!["王", "zh", "13", "l", "qq.com"])),
            some((past_instant(), 1i64..2000)),
            some(select(vec!["汽车之家", "懂车帝"])),
        ),
        prop::option::weighted(
            0.3,
            deal_filter(crate::vehicle::strategies::reference_today()),
        ),
    )
        .prop_map(
            |(
                (channels, tags_any, tags_all, importance, owners),
                (archived, last_contact, months, province, query, created, platform),
                deal,
            )| {
                CustomerFilter {
                    channels: channels.unwrap_or_default(),
                    platforms: platform.map(|p| vec![p.to_owned()]).unwrap_or_default(),
                    tags_any: tags_any.unwrap_or_default(),
                    tags_all: tags_all.unwrap_or_default(),
                    importance: importance.unwrap_or_default(),
                    owners: owners.unwrap_or_default(),
                    archived,
                    created_from: created.map(|(from, _)| from),
                    created_to: created.map(|(from, days)| from + chrono::Duration::days(days)),
                    last_contact,
                    next_follow_up: None,
                    birthday_months: months.unwrap_or_default(),
                    province: province.map(Into::into),
                    city: None,
                    district: None,
                    query: query.map(Into::into),
                    ..deal.unwrap_or_default()
                }
            },
        )
}

/// A valid filter on the deal dimensions only (intent level, pipeline status, intended
/// vehicle, budget, trade-in, lost reason, order and delivery dates), over the vocabulary of
/// the vehicle and pipeline strategies; each dimension present about a quarter of the time.
/// Date ranges start within 60 days of `around` and span 1 to 90 days, or are open on one
/// side.
pub fn deal_filter(around: NaiveDate) -> impl Strategy<Value = CustomerFilter> {
    fn some<T: std::fmt::Debug + Clone + 'static>(
        s: impl Strategy<Value = T> + 'static,
    ) -> BoxedStrategy<Option<T>> {
        prop::option::weighted(0.25, s).boxed()
    }
    fn few<T: std::fmt::Debug + Clone + 'static>(items: Vec<T>) -> BoxedStrategy<Vec<T>> {
        some(prop::collection::vec(select(items), 1..3))
            .prop_map(Option::unwrap_or_default)
            .boxed()
    }
    let names = |v: &[&'static str]| {
        few(v.to_vec()).prop_map(|v| v.into_iter().map(str::to_owned).collect::<Vec<String>>())
    };
    let range = move || {
        some((prop::option::of(-60i64..60), prop::option::of(1i64..90))).prop_map(move |r| {
            let (start, span) = r.unwrap_or((None, None));
            let from = start.map(|d| around + chrono::Duration::days(d));
            let to = span.map(|s| from.unwrap_or(around) + chrono::Duration::days(s));
            (from, to)
        })
    };
    (
        (
            few(IntentLevel::ALL.to_vec()),
            few(crate::pipeline::PipelineStatus::ALL.to_vec()),
            names(&["大众", "比亚迪", "volkswagen", "丰田"]),
            names(&["途观L", "汉EV", "L6", "Tiguan L"]),
            few(crate::vehicle::BodyType::ALL.to_vec()),
            few(crate::vehicle::Powertrain::ALL.to_vec()),
        ),
        (
            some(crate::vehicle::strategies::budget()),
            some(any::<bool>()),
            few(crate::pipeline::LostReason::ALL.to_vec()),
            range(),
            range(),
        ),
    )
        .prop_map(
            |(
                (levels, stages, brands, series, body_types, powertrains),
                (budget, has_trade_in, lost_reasons, ordered, delivered),
            )| CustomerFilter {
                levels,
                stages,
                brands,
                series,
                body_types,
                powertrains,
                budget,
                has_trade_in,
                lost_reasons,
                ordered_from: ordered.0,
                ordered_to: ordered.1,
                delivered_from: delivered.0,
                delivered_to: delivered.1,
                ..CustomerFilter::default()
            },
        )
}

/// Any sort.
pub fn sort() -> impl Strategy<Value = Sort> {
    (
        select(vec![
            SortKey::Created,
            SortKey::LastContact,
            SortKey::Importance,
            SortKey::Name,
            SortKey::NextFollowUp,
        ]),
        any::<bool>(),
    )
        .prop_map(|(key, descending)| Sort { key, descending })
}

// Follow-ups, plans, intent levels, cadence and reminder configuration, dealership zones.

use crate::attachment::Attachment;
use crate::cadence::CadenceConfig;
use crate::code::Code;
use crate::followup::{FollowUpKind, FollowUpMethod, NewFollowUp};
use crate::intent::IntentLevel;
use crate::local_day::DealershipZone;
use crate::plan::{NewPlan, Plan, PlanStatus};
use crate::plan_time::PlanTime;
use crate::reminder::{ReminderChannel, ReminderConfig};
use chrono::{Duration, NaiveTime};

/// Zones with daylight saving time, each with a twist: New York and Berlin (an hour at
/// 02:00 / 03:00), Sydney (southern hemisphere), Santiago (midnight does not exist on the
/// spring-forward day), Lord Howe (30-minute DST), Dublin (negative DST in tzdata), Havana
/// and Beirut (changes at midnight), Casablanca (DST suspended every Ramadan), Chatham
/// (+12:45 / +13:45).
pub const DST_ZONE_NAMES: &[&str] = &[
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Europe/Dublin",
    "America/Havana",
    "Asia/Beirut",
    "Africa/Casablanca",
    "Pacific/Chatham",
];

/// Zones without DST now, including odd offsets: Shanghai (the default), Kolkata (+5:30),
/// Kathmandu (+5:45), Apia (skipped 2011-12-30), UTC.
pub const PLAIN_ZONE_NAMES: &[&str] = &[
    "Asia/Shanghai",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Pacific/Apia",
    "UTC",
];

/// A zone with DST.
pub fn dst_zone() -> impl Strategy<Value = DealershipZone> {
    select(DST_ZONE_NAMES).prop_map(|n| DealershipZone::new(n).unwrap_or_default())
}

/// Any zone of [`DST_ZONE_NAMES`] and [`PLAIN_ZONE_NAMES`], DST ones twice as often.
pub fn dealership_zone() -> impl Strategy<Value = DealershipZone> {
    prop_oneof![
        2 => dst_zone(),
        1 => select(PLAIN_ZONE_NAMES).prop_map(|n| DealershipZone::new(n).unwrap_or_default()),
    ]
}

/// Any follow-up method.
pub fn follow_up_method() -> impl Strategy<Value = FollowUpMethod> {
    select(FollowUpMethod::ALL)
}

/// Any follow-up type.
pub fn follow_up_kind() -> impl Strategy<Value = FollowUpKind> {
    select(FollowUpKind::ALL)
}

/// Any intent level.
pub fn intent_level() -> impl Strategy<Value = IntentLevel> {
    select(IntentLevel::ALL)
}

/// Any importance mark.
pub fn any_importance() -> impl Strategy<Value = Importance> {
    importance()
}

/// A valid attachment reference.
pub fn attachment() -> impl Strategy<Value = Attachment> {
    (
        select(vec!["报价单", "车型手册", "活动海报", "quote", "brochure"]),
        select(vec![
            ("pdf", "application/pdf"),
            ("jpg", "image/jpeg"),
            ("png", "image/png"),
            ("mp4", "video/mp4"),
        ]),
        0u64..50_000_000,
        "[0-9a-fA-F]{64}",
        "[a-z0-9]{1,12}",
    )
        .prop_map(|(stem, (ext, media), size, sha256, id)| Attachment {
            file_name: format!("{stem}.{ext}"),
            media_type: media.to_owned(),
            size_bytes: size,
            sha256,
            uri: format!("content://com.dealer.crm.files/{id}"),
        })
}

/// A valid new follow-up for customer `c001`…`c003`, as of any instant after
/// [`REFERENCE_NOW`].
pub fn new_follow_up() -> impl Strategy<Value = NewFollowUp> {
    (
        (
            select(vec!["c001", "c002", "c003"]),
            follow_up_method(),
            follow_up_kind(),
            past_instant(),
        ),
        (
            select(vec![
                "电话邀约周六到店试驾，客户答应考虑",
                "介绍了途观L和探岳的区别，客户更关注油耗",
                "Sent the quote by WeChat; the customer will discuss it with his wife",
            ]),
            prop::option::of("[a-z ]{1,60}"),
            prop::option::of(select(vec!["客户嫌贵", "竞品报价更低"])),
            prop::option::of(select(vec!["有没有现车？", "贷款利率多少？"])),
        ),
        prop::collection::vec(attachment(), 0..3),
        prop::option::of(select(vec!["c001", "c002"])),
    )
        .prop_map(
            |(
                (customer, method, kind, at),
                (content, feedback, problems, questions),
                attachments,
                consultant,
            )| {
                NewFollowUp {
                    customer_id: customer.into(),
                    method,
                    kind,
                    at,
                    content: content.to_owned(),
                    feedback,
                    problems: problems.map(Into::into),
                    questions: questions.map(Into::into),
                    attachments,
                    consultant: consultant.map(Into::into),
                }
            },
        )
}

/// A new follow-up with exactly one defect as of [`reference_now`], and the field path the
/// error must name.
pub fn near_valid_follow_up() -> impl Strategy<Value = (NewFollowUp, String)> {
    (new_follow_up(), attachment(), 0usize..7).prop_map(|(mut f, a, defect)| {
        let field = match defect {
            0 => {
                f.content = " ".into();
                "content"
            }
            1 => {
                f.at = reference_now() + Duration::hours(1);
                "at"
            }
            2 => {
                f.feedback = Some("x".repeat(crate::limits::Limits::FOLLOW_UP_DETAIL + 1));
                "feedback"
            }
            3 => {
                f.attachments = vec![Attachment {
                    sha256: "xyz".into(),
                    ..a
                }];
                "attachments[0].sha256"
            }
            4 => {
                f.attachments = vec![Attachment {
                    uri: "no scheme".into(),
                    ..a
                }];
                "attachments[0].uri"
            }
            5 => {
                f.customer_id = "".into();
                "customer_id"
            }
            _ => {
                f.at = chrono::DateTime::<Utc>::UNIX_EPOCH;
                "at"
            }
        };
        (f, field.to_owned())
    })
}

/// A valid cadence: 1 to 30 days per level, a first response within a day.
pub fn cadence_config() -> impl Strategy<Value = CadenceConfig> {
    (prop::array::uniform6(1u32..=30), 1u32..=1440).prop_map(|(d, minutes)| CadenceConfig {
        n_days: d[0],
        h_days: d[1],
        a_days: d[2],
        b_days: d[3],
        c_days: d[4],
        o_days: d[5],
        first_response_minutes: minutes,
    })
}

/// A valid reminder configuration: lead 0-180 minutes, date-only time on a whole minute
/// (sometimes one a DST change skips or repeats, like 02:30 or 00:30), any channel.
pub fn reminder_config() -> impl Strategy<Value = ReminderConfig> {
    (
        0u32..=180,
        0u32..24,
        select(vec![0u32, 15, 30, 45]),
        select(ReminderChannel::ALL),
    )
        .prop_map(|(lead, h, m, channel)| ReminderConfig {
            lead_minutes: lead,
            date_only_at: NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN),
            channel,
        })
}

/// A plan time within `days` days after `from`, on a whole minute: an instant or a date.
pub fn plan_time_after(from: DateTime<Utc>, days: i64) -> impl Strategy<Value = PlanTime> {
    let minutes = days.max(1) * 24 * 60;
    prop_oneof![
        (0..minutes).prop_map(move |m| PlanTime::At(from + Duration::minutes(m))),
        (0..days.max(1))
            .prop_map(move |d| PlanTime::OnDate((from + Duration::days(d)).date_naive())),
    ]
}

/// A valid new plan as of [`reference_now`] in any zone: due 1 to 60 days later.
pub fn new_plan() -> impl Strategy<Value = NewPlan> {
    (
        select(vec!["c001", "c002", "c003"]),
        plan_time_after(reference_now() + Duration::days(1), 59),
        follow_up_method(),
        select(vec![
            "确认周六试驾",
            "发送最新报价",
            "邀约参加团购会",
            "Confirm delivery date",
        ]),
        prop::option::of(select(vec!["带上金融方案", "Bring the trade-in valuation"])),
    )
        .prop_map(|(customer, time, method, purpose, content)| NewPlan {
            customer_id: customer.into(),
            time,
            method,
            purpose: purpose.into(),
            content: content.map(Into::into),
        })
}

/// A stored plan for customer `customers[i]`, due within `days` days after `from`, with any
/// status (pending ones three times as often) and version.
pub fn plan_for(
    customers: Vec<String>,
    from: DateTime<Utc>,
    days: i64,
) -> impl Strategy<Value = Plan> {
    let status = prop_oneof![
        3 => Just(PlanStatus::Open),
        2 => Just(PlanStatus::Rescheduled),
        1 => Just(PlanStatus::Done { at: from, follow_up_id: None }),
        1 => Just(PlanStatus::Cancelled { at: from, reason: "客户已购车".into() }),
    ];
    (
        select(customers),
        "p[0-9a-f]{8}",
        plan_time_after(from, days),
        follow_up_method(),
        status,
        1u64..20,
    )
        .prop_map(
            move |(customer_id, id, time, method, status, version)| Plan {
                id: id.into(),
                customer_id: customer_id.into(),
                time,
                method,
                purpose: "回访".into(),
                content: None,
                status,
                version,
                created_at: from,
                updated_at: from,
            },
        )
}

// Vehicles: intents, catalogue, VINs, orders, deliveries, visits.
pub use crate::care::strategies::*;
pub use crate::pipeline::strategies::*;
pub use crate::vehicle::strategies::*;
