//! Proptest strategies for follow-ups (feature `proptest`), `crm_core::strategies::follow_up`:
//! follow-ups and near-valid ones, attachments, intent levels, cadence and reminder
//! configuration, plan times, new, near-valid and stored plans.
//!
//! Inputs a store takes are generated for a customer the caller names and as of an instant
//! the caller gives (the store's clock), so that a real store accepts every valid one.

use crate::customer::CustomerId;
use crate::follow_up::{
    Attachment, CadenceConfig, FollowUpKind, FollowUpMethod, IntentLevel, NewFollowUp, NewPlan,
    Plan, PlanStatus, PlanTime, ReminderChannel, ReminderConfig,
};
use crate::time::strategies::instant_before;
use crate::validation::{Code, Limits};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use proptest::prelude::*;
use proptest::sample::select;

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

/// A valid new follow-up of `customer`, made between 2020 and `now`: method, type, content
/// always, feedback, problems, questions and attachments sometimes; no consultant (the
/// store records its user).
pub fn new_follow_up(
    customer: CustomerId,
    now: DateTime<Utc>,
) -> impl Strategy<Value = NewFollowUp> {
    (
        (follow_up_method(), follow_up_kind(), instant_before(now)),
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
    )
        .prop_map(
            move |((method, kind, at), (content, feedback, problems, questions), attachments)| {
                NewFollowUp {
                    customer_id: customer.clone(),
                    method,
                    kind,
                    at,
                    content: content.to_owned(),
                    feedback,
                    problems: problems.map(Into::into),
                    questions: questions.map(Into::into),
                    attachments,
                    consultant: None,
                }
            },
        )
}

/// A new follow-up of `customer` with exactly one defect as of `now`, and the field path the
/// error must name.
pub fn near_valid_follow_up(
    customer: CustomerId,
    now: DateTime<Utc>,
) -> impl Strategy<Value = (NewFollowUp, String)> {
    (new_follow_up(customer, now), attachment(), 0usize..7).prop_map(move |(mut f, a, defect)| {
        let field = match defect {
            0 => {
                f.content = " ".into();
                "content"
            }
            1 => {
                f.at = now + Duration::hours(1);
                "at"
            }
            2 => {
                f.feedback = Some("x".repeat(Limits::FOLLOW_UP_DETAIL + 1));
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
                f.at = DateTime::<Utc>::UNIX_EPOCH;
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

/// A valid new plan of `customer` as of `now` in any zone: due 1 to 60 days after `now`.
pub fn new_plan(customer: CustomerId, now: DateTime<Utc>) -> impl Strategy<Value = NewPlan> {
    (
        plan_time_after(now + Duration::days(1), 59),
        follow_up_method(),
        select(vec![
            "确认周六试驾",
            "发送最新报价",
            "邀约参加团购会",
            "Confirm delivery date",
        ]),
        prop::option::of(select(vec!["带上金融方案", "Bring the trade-in valuation"])),
    )
        .prop_map(move |(time, method, purpose, content)| NewPlan {
            customer_id: customer.clone(),
            time,
            method,
            purpose: purpose.into(),
            content: content.map(Into::into),
        })
}

/// A new plan of `customer` with exactly one defect as of `now` in any zone, and the field
/// path the error must name.
pub fn near_valid_plan(
    customer: CustomerId,
    now: DateTime<Utc>,
) -> impl Strategy<Value = (NewPlan, String)> {
    (new_plan(customer, now), 0usize..5).prop_map(move |(mut p, defect)| {
        let field = match defect {
            0 => {
                p.purpose = "\u{3000} ".into();
                "purpose"
            }
            1 => {
                p.purpose = "约".repeat(Limits::PLAN_PURPOSE + 1);
                "purpose"
            }
            2 => {
                p.time = PlanTime::OnDate((now - Duration::days(2)).date_naive());
                "time"
            }
            3 => {
                let beyond = i64::try_from(Limits::PLAN_HORIZON_DAYS).unwrap_or(i64::MAX) + 2;
                p.time = PlanTime::OnDate((now + Duration::days(beyond)).date_naive());
                "time"
            }
            _ => {
                p.customer_id = "".into();
                "customer_id"
            }
        };
        (p, field.to_owned())
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
