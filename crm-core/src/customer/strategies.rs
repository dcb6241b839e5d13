//! Proptest strategies for customers (feature `proptest`), re-exported by
//! `crm_core::strategies`: names, phones typed every way a consultant types them, contacts,
//! sources, whole new customers, near-valid ones and patches.

use crate::customer::{
    contact_key, AgeBand, ContactInput, ContactKind, CustomerId, CustomerPatch, FirstContact,
    Gender, Importance, NewCustomer, Region, SourceChannel,
};
use crate::time::strategies::past_instant;
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::select;

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

/// A Chinese landline: its area code without the trunk `0`, and its 8-digit local number,
/// starting 2-7 (local numbers starting 8 are partly service numbers in Beijing and Shanghai,
/// which the numbering plan refuses as landlines).
pub fn landline_number() -> impl Strategy<Value = (String, String)> {
    (select(AREA_CODES), 2u32..=7, 0u32..10_000_000)
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

/// A valid new customer: one to three contacts (no two with the same normalised key),
/// exactly one primary, every optional field sometimes present, the owner sometimes one of
/// [`crate::strategies::pipeline::CONSULTANTS`].
pub fn new_customer() -> impl Strategy<Value = NewCustomer> {
    let contacts = (
        prop::collection::vec(contact_input(), 1..=3),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(mut contacts, primary)| {
            let mut keys = Vec::new();
            contacts.retain(|c| {
                let key = contact_key(c.kind, &c.value).ok();
                let new = !keys.contains(&key);
                keys.push(key);
                new
            });
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
    let phone_twice =
        mobile_number().prop_flat_map(|n| (mobile_spelling(n.clone()), mobile_spelling(n)));
    (new_customer(), 0usize..9, "[0-9]{1,9}", phone_twice).prop_map(
        |(mut c, defect, digits, (once, again))| {
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
                    // A .org address: the e-mail strategy never makes one, so it cannot
                    // repeat a contact the customer holds.
                    c.contacts.push(
                        ContactInput::new(ContactKind::Email, "second.primary@example.org")
                            .primary(),
                    );
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
                7 => {
                    c.notes = Some("x".repeat(2001));
                    "notes".to_owned()
                }
                _ => {
                    let first = c.contacts.len();
                    c.contacts
                        .push(ContactInput::new(ContactKind::Mobile, once));
                    c.contacts
                        .push(ContactInput::new(ContactKind::Mobile, again));
                    format!("contacts[{}].value", first + 1)
                }
            };
            (c, field)
        },
    )
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
/// Any importance mark.
pub fn any_importance() -> impl Strategy<Value = Importance> {
    importance()
}
