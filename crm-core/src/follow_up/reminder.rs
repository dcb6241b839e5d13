//! Reminders (跟进提醒): when each pending plan alerts the consultant, and how. "Reminders
//! that silently never fire, or fire on the wrong day" is the top complaint about peer CRMs;
//! the rules here are pure and DST-safe, and every reminder has an id the app can schedule,
//! replace and cancel by.

use crate::customer::CustomerId;
use crate::follow_up::ids::PlanId;
use crate::follow_up::plan::Plan;
use crate::follow_up::plan_time::PlanTime;
use crate::follow_up::record::FollowUpMethod;
use crate::time::DealershipZone;
use crate::validation::{string_id, Rule, ValidationError};
use chrono::{DateTime, Duration, NaiveTime, Utc};

/// The longest lead time, in minutes (a week).
pub const MAX_LEAD_MINUTES: u32 = 7 * 24 * 60;

/// How a reminder reaches the consultant (the manual: system message, e-mail, or another
/// configured way).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ReminderChannel {
    /// A notification in the app (系统消息).
    #[default]
    InApp,
    /// An e-mail.
    Email,
    /// Another way the app offers (SMS, enterprise WeChat …).
    Other,
}

crate::validation::codes!(ReminderChannel {
    InApp => "in_app",
    Email => "email",
    Other => "other",
});

/// When and how the consultant wants to be reminded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ReminderConfig {
    /// Minutes before a timed plan (default 15).
    pub lead_minutes: u32,
    /// The local time of day a date-only plan reminds at (default 09:00).
    pub date_only_at: NaiveTime,
    /// The channel (default in-app).
    pub channel: ReminderChannel,
}

impl Default for ReminderConfig {
    fn default() -> Self {
        ReminderConfig {
            lead_minutes: 15,
            date_only_at: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
            channel: ReminderChannel::InApp,
        }
    }
}

impl ReminderConfig {
    /// Checks the lead time (at most a week; field `lead_minutes`).
    pub fn validate(&self) -> Result<ReminderConfig, ValidationError> {
        if self.lead_minutes > MAX_LEAD_MINUTES {
            return Err(ValidationError::new(
                "lead_minutes",
                Rule::Malformed {
                    expected: "a number of minutes from 0 to 10080",
                },
            ));
        }
        Ok(*self)
    }

    /// For a store's indexed query: a plan can only have a reminder firing in `[from, to)`
    /// when its due start ([`PlanTime::due_start`]) lies in the returned half-open range:
    /// `[from - 48 h, to + lead time)`. Fetch the pending plans in it and pass them to
    /// [`reminders_between`], which picks the exact ones.
    pub fn due_start_range(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> (DateTime<Utc>, DateTime<Utc>) {
        // No local day has lasted more than 48 hours (the longest: America/Adak on 1867-10-19,
        // when Alaska moved across the date line); a date-only plan fires within its day.
        let lower = from
            .checked_sub_signed(Duration::hours(48))
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        let upper = to
            .checked_add_signed(Duration::minutes(i64::from(self.lead_minutes)))
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        (lower, upper)
    }

    /// When a plan due at `time` reminds: the lead time before an instant; for a date, the
    /// first instant the dealership's wall clock reads the configured time of day on it (a
    /// time skipped by a DST gap fires when the clock jumps past it, a time repeated by a
    /// setback fires at its first occurrence).
    pub fn fire_at(&self, time: &PlanTime, zone: &DealershipZone) -> DateTime<Utc> {
        match *time {
            PlanTime::At(t) => t
                .checked_sub_signed(Duration::minutes(i64::from(self.lead_minutes)))
                .unwrap_or(DateTime::<Utc>::MIN_UTC),
            PlanTime::OnDate(d) => zone.instant_at(d.and_time(self.date_only_at)),
        }
    }
}

string_id!(
    /// A reminder's id: the plan's id and version (`<plan id>@<version>`). Any change to
    /// the plan (a reschedule above all) gives a new id, so the app cancels the old
    /// notification and schedules the new one; computing it again gives the same id, so
    /// scheduling twice is harmless.
    ReminderId
);

impl ReminderId {
    /// The id of the reminder for version `version` of plan `plan`.
    pub fn for_plan(plan: &PlanId, version: u64) -> Self {
        ReminderId(format!("{plan}@{version}"))
    }
}

/// One reminder to fire.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Reminder {
    /// Stable id (see [`ReminderId`]).
    pub id: ReminderId,
    /// The plan it is for.
    pub plan_id: PlanId,
    /// The customer to follow up.
    pub customer_id: CustomerId,
    /// When to fire (UTC).
    pub fire_at: DateTime<Utc>,
    /// When the plan is due.
    pub due: PlanTime,
    /// How the plan means to follow up, for the notification's text.
    pub method: FollowUpMethod,
    /// The plan's purpose, for the notification's text.
    pub purpose: String,
    /// How to deliver it.
    pub channel: ReminderChannel,
}

/// The reminder of `plan`, or `None` when the plan is done or cancelled.
pub fn reminder_for(
    plan: &Plan,
    config: &ReminderConfig,
    zone: &DealershipZone,
) -> Option<Reminder> {
    plan.is_pending().then(|| Reminder {
        id: ReminderId::for_plan(&plan.id, plan.version),
        plan_id: plan.id.clone(),
        customer_id: plan.customer_id.clone(),
        fire_at: config.fire_at(&plan.time, zone),
        due: plan.time,
        method: plan.method,
        purpose: plan.purpose.clone(),
        channel: config.channel,
    })
}

/// The reminders of `plans` that fire in `[from, to)`, ordered by fire time, then id.
/// Closed plans have none. The app asks for the next window (say, the next 24 hours) and
/// schedules what it gets, cancelling ids it scheduled before and no longer gets.
pub fn reminders_between(
    plans: &[Plan],
    config: &ReminderConfig,
    zone: &DealershipZone,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Reminder> {
    let mut out: Vec<Reminder> = plans
        .iter()
        .filter_map(|p| reminder_for(p, config, zone))
        .filter(|r| from <= r.fire_at && r.fire_at < to)
        .collect();
    out.sort_by(|a, b| a.fire_at.cmp(&b.fire_at).then_with(|| a.id.cmp(&b.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::follow_up::plan::NewPlan;
    use crate::time::test_dates::utc;
    use crate::validation::assert_codes_are_serde_names;
    use chrono::NaiveDate;

    fn plan(id: &str, time: PlanTime, now: DateTime<Utc>, zone: &DealershipZone) -> Plan {
        let input = NewPlan {
            customer_id: "c1".into(),
            time,
            method: FollowUpMethod::Phone,
            purpose: "回访".into(),
            content: None,
        };
        Plan::create(id.into(), &input, now, zone).unwrap().plan
    }

    #[test]
    fn timed_plans_fire_the_lead_time_before() {
        let z = DealershipZone::default();
        let now = utc("2026-11-27T00:00:00Z");
        let p = plan("p1", PlanTime::At(utc("2026-11-27T06:00:00Z")), now, &z);
        let r = reminder_for(&p, &ReminderConfig::default(), &z).unwrap();
        assert_eq!(r.fire_at, utc("2026-11-27T05:45:00Z"));
        assert_eq!(r.id.as_str(), "p1@1");
    }

    #[test]
    fn date_only_plans_fire_at_nine_local_even_across_dst() {
        let ny = DealershipZone::new("America/New_York").unwrap();
        let config = ReminderConfig::default();
        let on = |y, m, d| {
            config.fire_at(
                &PlanTime::OnDate(NaiveDate::from_ymd_opt(y, m, d).unwrap()),
                &ny,
            )
        };
        assert_eq!(on(2026, 3, 7), utc("2026-03-07T14:00:00Z"));
        assert_eq!(on(2026, 3, 8), utc("2026-03-08T13:00:00Z"));
        // 02:30 does not exist on 2026-03-08 in New York: fire when the clock jumps to 03:00.
        let at_2_30 = ReminderConfig {
            date_only_at: NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
            ..config
        };
        let d = PlanTime::OnDate(NaiveDate::from_ymd_opt(2026, 3, 8).unwrap());
        assert_eq!(at_2_30.fire_at(&d, &ny), utc("2026-03-08T07:00:00Z"));
        // 01:30 happens twice on 2026-11-01: fire at the first.
        let at_1_30 = ReminderConfig {
            date_only_at: NaiveTime::from_hms_opt(1, 30, 0).unwrap(),
            ..config
        };
        let d = PlanTime::OnDate(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        assert_eq!(at_1_30.fire_at(&d, &ny), utc("2026-11-01T05:30:00Z"));
    }

    #[test]
    fn a_rescheduled_plan_gets_a_new_id_and_closed_plans_none() {
        let z = DealershipZone::default();
        let now = utc("2026-11-27T00:00:00Z");
        let config = ReminderConfig::default();
        let p = plan("p1", PlanTime::At(utc("2026-11-27T06:00:00Z")), now, &z);
        let moved = p
            .reschedule(PlanTime::At(utc("2026-11-28T06:00:00Z")), None, now, &z)
            .unwrap()
            .plan;
        let (a, b) = (
            reminder_for(&p, &config, &z).unwrap(),
            reminder_for(&moved, &config, &z).unwrap(),
        );
        assert_ne!(a.id, b.id);
        assert_eq!(b.id.as_str(), "p1@2");
        let done = moved.complete(None, now).unwrap().plan;
        assert_eq!(reminder_for(&done, &config, &z), None);
        let window = reminders_between(
            &[moved.clone(), p.clone()],
            &config,
            &z,
            now,
            utc("2026-11-27T05:45:00Z"),
        );
        assert!(window.is_empty(), "the window's end is exclusive");
        let window = reminders_between(&[moved, p], &config, &z, now, utc("2026-11-29T00:00:00Z"));
        let ids: Vec<&str> = window.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["p1@1", "p1@2"]);
    }

    #[test]
    fn channel_codes_are_the_serde_names() {
        assert_codes_are_serde_names::<ReminderChannel>();
        let json = serde_json::to_value(ReminderConfig::default()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"lead_minutes": 15, "date_only_at": "09:00:00", "channel": "in_app"})
        );
    }

    #[test]
    fn lead_times_over_a_week_are_refused() {
        let c = ReminderConfig {
            lead_minutes: MAX_LEAD_MINUTES + 1,
            ..Default::default()
        };
        assert_eq!(c.validate().unwrap_err().field, "lead_minutes");
    }
}
