//! A consultant's dated work as calendar events: plans (跟进计划), visits and test drives
//! (到店, 试驾) and care tasks (关怀). Each event's UID comes from its record's id, so a
//! calendar that imports a later export updates the events instead of doubling them.
//!
//! The summary names the customer: an exported calendar holds personal data, meant for the
//! consultant's own calendar app.

use crate::export::labels::{care_kind_label, method_label, visit_kind_label, Language};
use crate::validation::{required_text, Limits, ValidationError};
use crate::{CareTaskKind, FollowUpMethod, PlanTime, VisitKind};
use chrono::{DateTime, NaiveDate, Utc};

/// The domain of every event UID.
pub const UID_DOMAIN: &str = "dealer-crm";

/// How long a timed follow-up plan is shown to last.
pub const PLAN_MINUTES: i64 = 30;
/// How long a visit or test drive is shown to last.
pub const VISIT_MINUTES: i64 = 60;

fn timed(start: DateTime<Utc>, minutes: i64) -> EventTime {
    EventTime::Timed {
        start,
        end: start + chrono::Duration::minutes(minutes),
    }
}

/// When an event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventTime {
    /// From one instant to another (UTC).
    Timed {
        /// The start.
        start: DateTime<Utc>,
        /// The end.
        end: DateTime<Utc>,
    },
    /// All day on a local date.
    AllDay(NaiveDate),
}

/// One calendar event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Stable across exports: `<kind>-<record id>@dealer-crm`.
    pub uid: String,
    /// What the consultant reads: the kind and the customer's name.
    pub summary: String,
    /// When.
    pub time: EventTime,
    /// More text (the plan's purpose, the visit's notes), when there is some.
    pub description: Option<String>,
}

/// The consultant whose calendar is exported: trimmed, required, one line.
pub fn calendar_owner(owner: &str) -> Result<String, ValidationError> {
    required_text("owner", owner, Limits::OWNER)
}

fn uid(kind: &str, id: &str) -> String {
    format!("{kind}-{id}@{UID_DOMAIN}")
}

fn plan_word(language: Language) -> &'static str {
    match language {
        Language::Zh => "跟进",
        Language::En => "Follow up",
    }
}

/// A follow-up plan: at its time, or all day on its date.
pub fn plan_event(
    plan_id: &str,
    customer_name: &str,
    time: PlanTime,
    method: FollowUpMethod,
    purpose: &str,
    language: Language,
) -> CalendarEvent {
    CalendarEvent {
        uid: uid("plan", plan_id),
        summary: format!(
            "{} {customer_name} ({})",
            plan_word(language),
            method_label(method).get(language)
        ),
        time: match time {
            PlanTime::At(at) => timed(at, PLAN_MINUTES),
            PlanTime::OnDate(date) => EventTime::AllDay(date),
        },
        description: (!purpose.is_empty()).then(|| purpose.to_owned()),
    }
}

/// A scheduled store visit or test drive.
pub fn visit_event(
    visit_id: &str,
    customer_name: &str,
    kind: VisitKind,
    at: DateTime<Utc>,
    model: Option<&str>,
    language: Language,
) -> CalendarEvent {
    let summary = match model {
        Some(m) => format!(
            "{} {customer_name} {m}",
            visit_kind_label(kind).get(language)
        ),
        None => format!("{} {customer_name}", visit_kind_label(kind).get(language)),
    };
    CalendarEvent {
        uid: uid("visit", visit_id),
        summary,
        time: timed(at, VISIT_MINUTES),
        description: None,
    }
}

/// An open care task, all day on its due date.
pub fn care_event(
    task_key: &str,
    customer_name: &str,
    kind: CareTaskKind,
    due_on: NaiveDate,
    language: Language,
) -> CalendarEvent {
    CalendarEvent {
        uid: uid("care", task_key),
        summary: format!("{} {customer_name}", care_kind_label(kind).get(language)),
        time: EventTime::AllDay(due_on),
        description: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rule;

    #[test]
    fn plans_are_timed_or_all_day_with_stable_uids() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap_or_default();
        let e = plan_event(
            "p1",
            "王小明",
            PlanTime::OnDate(day),
            FollowUpMethod::Phone,
            "报价",
            Language::Zh,
        );
        assert_eq!(e.uid, "plan-p1@dealer-crm");
        assert_eq!(e.summary, "跟进 王小明 (电话)");
        assert_eq!(e.time, EventTime::AllDay(day));
        assert_eq!(e.description.as_deref(), Some("报价"));
        let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default();
        let e = plan_event(
            "p1",
            "Li",
            PlanTime::At(at),
            FollowUpMethod::Wechat,
            "",
            Language::En,
        );
        assert_eq!(e.uid, "plan-p1@dealer-crm");
        assert_eq!(e.summary, "Follow up Li (wechat)");
        assert_eq!(
            e.time,
            EventTime::Timed {
                start: at,
                end: at + chrono::Duration::minutes(30)
            }
        );
        assert_eq!(e.description, None);
    }

    #[test]
    fn the_owner_is_required() {
        assert_eq!(calendar_owner(" c01 "), Ok("c01".to_owned()));
        assert_eq!(
            calendar_owner("  ").map_err(|e| e.rule),
            Err(Rule::Required)
        );
    }

    #[test]
    fn visits_and_care_tasks() {
        let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default();
        let v = visit_event(
            "v9",
            "王小明",
            VisitKind::TestDrive,
            at,
            Some("汉 EV"),
            Language::Zh,
        );
        assert_eq!(v.uid, "visit-v9@dealer-crm");
        assert_eq!(v.summary, "试驾 王小明 汉 EV");
        assert_eq!(
            v.time,
            EventTime::Timed {
                start: at,
                end: at + chrono::Duration::minutes(60)
            }
        );
        let v = visit_event(
            "v9",
            "王小明",
            VisitKind::StoreVisit,
            at,
            None,
            Language::Zh,
        );
        assert_eq!(v.summary, "到店 王小明");
        let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap_or_default();
        let c = care_event(
            "birthday:c1:2026",
            "王小明",
            CareTaskKind::Birthday,
            day,
            Language::Zh,
        );
        assert_eq!(c.uid, "care-birthday:c1:2026@dealer-crm");
        assert_eq!(c.summary, "生日祝福 王小明");
        assert_eq!(c.time, EventTime::AllDay(day));
    }
}
