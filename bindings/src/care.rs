//! Care after the sale (客户关怀): generating the care tasks of a window, listing them,
//! completing, skipping and snoozing them, and the dealership's care rules (as JSON).
//!
//! The rules are a deep tree of records (calls after delivery, maintenance intervals,
//! insurance, inspection, greetings, holidays, consent …) that an app edits on a settings
//! screen and otherwise passes through: they cross the FFI as the JSON text `crm-core`
//! defines (`CareRules`, snake_case; missing fields take their defaults) rather than as
//! thirty mirrored records. See the README's "Care rules" section.

use crate::consent::{CareAssignee, CareTaskKind, ConsentChannel};
use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::records::CalendarDate;
use crate::store::CrmStore;
use crm_core::{CarId, CareTaskKey, CustomerId};
use crm_store::StoreError;

/// What made a service due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum MaintenanceTrigger {
    /// The distance: the odometer is predicted to reach `km` on the due date.
    Distance {
        /// The reading the service is due at.
        km: u64,
    },
    /// The time: `months` after the previous service (or the delivery).
    Time {
        /// Months since the previous service.
        months: u32,
    },
}

impl From<crm_core::MaintenanceTrigger> for MaintenanceTrigger {
    fn from(t: crm_core::MaintenanceTrigger) -> Self {
        match t {
            crm_core::MaintenanceTrigger::Distance { km } => MaintenanceTrigger::Distance { km },
            crm_core::MaintenanceTrigger::Time { months } => MaintenanceTrigger::Time { months },
        }
    }
}

/// The kind of a care task with what is particular to it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum CareDetail {
    /// A call after delivery (交车回访).
    DeliveryCall {
        /// The rule's key (`d3`).
        call: String,
    },
    /// A service (保养).
    Maintenance {
        /// 1 for the first service after delivery.
        service: u32,
        /// Due by distance or by time.
        trigger: MaintenanceTrigger,
        /// The predicted odometer on the due date, in km.
        predicted_km: u64,
    },
    /// An insurance renewal (续保).
    InsuranceRenewal {
        /// The policy's end date.
        policy_ends_on: CalendarDate,
        /// `true` when the date is a recorded one carried on by whole years.
        projected: bool,
    },
    /// An annual inspection (年检).
    Inspection {
        /// 1 for the first after registration.
        number: u32,
        /// Whether it is on site, rather than the papers only.
        on_site: bool,
        /// The car's age then, in months.
        age_months: u32,
    },
    /// A birthday (生日).
    Birthday {
        /// The year.
        year: i32,
    },
    /// A holiday (节日).
    Holiday {
        /// The holiday's key (`spring_festival`).
        holiday: String,
        /// Its name (春节).
        name: String,
        /// The year (the lunar year for a lunar holiday).
        year: i32,
    },
    /// A purchase anniversary (购车周年).
    PurchaseAnniversary {
        /// Years since delivery.
        years: u32,
    },
    /// The referral invitation (转介绍).
    ReferralInvitation,
}

impl From<crm_core::CareDetail> for CareDetail {
    fn from(d: crm_core::CareDetail) -> Self {
        use crm_core::CareDetail as D;
        match d {
            D::DeliveryCall { call } => CareDetail::DeliveryCall { call },
            D::Maintenance {
                service,
                trigger,
                predicted_km,
            } => CareDetail::Maintenance {
                service,
                trigger: trigger.into(),
                predicted_km,
            },
            D::InsuranceRenewal {
                policy_ends_on,
                projected,
            } => CareDetail::InsuranceRenewal {
                policy_ends_on: policy_ends_on.into(),
                projected,
            },
            D::Inspection {
                number,
                on_site,
                age_months,
            } => CareDetail::Inspection {
                number,
                on_site,
                age_months,
            },
            D::Birthday { year } => CareDetail::Birthday { year },
            D::Holiday {
                holiday,
                name,
                year,
            } => CareDetail::Holiday {
                holiday,
                name,
                year,
            },
            D::PurchaseAnniversary { years } => CareDetail::PurchaseAnniversary { years },
            D::ReferralInvitation => CareDetail::ReferralInvitation,
        }
    }
}

/// The kind of a care task's status, to filter lists by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum CareTaskStatusKind {
    /// To do.
    Open,
    /// Carried out.
    Done,
    /// Not carried out, on purpose.
    Skipped,
    /// Put off to a date.
    Snoozed,
}

crate::convert::same_variants!(CareTaskStatusKind <=> crm_core::CareTaskStatusKind {
    Open, Done, Skipped, Snoozed
});

/// Where a care task stands.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum CareTaskStatus {
    /// To do (in the agenda from its due date).
    Open,
    /// Carried out.
    Done {
        /// When.
        at: Timestamp,
        /// What came of it.
        outcome: String,
    },
    /// Not carried out, on purpose.
    Skipped {
        /// When.
        at: Timestamp,
        /// Why.
        reason: String,
    },
    /// Put off: open again (and in the agenda) on `until`.
    Snoozed {
        /// The local date it is open again.
        until: CalendarDate,
    },
}

impl From<crm_core::CareTaskStatus> for CareTaskStatus {
    fn from(s: crm_core::CareTaskStatus) -> Self {
        use crm_core::CareTaskStatus as D;
        match s {
            D::Open => CareTaskStatus::Open,
            D::Done { at, outcome } => CareTaskStatus::Done { at, outcome },
            D::Skipped { at, reason } => CareTaskStatus::Skipped { at, reason },
            D::Snoozed { until } => CareTaskStatus::Snoozed {
                until: until.into(),
            },
        }
    }
}

/// A stored care task (关怀任务) with its status.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareTask {
    /// The stable key (`maint:<car>:2`, `birthday:<customer>:2027` …): generating the same
    /// window again gives the same keys.
    pub key: CareTaskKey,
    /// The customer.
    pub customer_id: CustomerId,
    /// The car, for tasks about one car.
    pub car_id: Option<CarId>,
    /// What it is about (the kind of `detail`).
    pub kind: CareTaskKind,
    /// The day to act.
    pub due_on: CalendarDate,
    /// The day of the event itself: the service, the policy's end, the holiday ….
    pub event_on: CalendarDate,
    /// The channel to use: the rule's first that the customer can be reached on and whose
    /// consent allows it.
    pub channel: ConsentChannel,
    /// Who should do it.
    pub assignee: CareAssignee,
    /// The template to suggest (`care.birthday`).
    pub template_key: String,
    /// Whether it was made under the consent rules: such a task is dropped at the next
    /// run once consent on its channel is withdrawn.
    pub needs_consent: bool,
    /// The kind's particulars.
    pub detail: CareDetail,
    /// Where it stands.
    pub status: CareTaskStatus,
}

impl From<crm_core::CareTaskRecord> for CareTask {
    fn from(r: crm_core::CareTaskRecord) -> Self {
        let t = r.task;
        CareTask {
            kind: t.detail.kind().into(),
            key: t.key,
            customer_id: t.customer_id,
            car_id: t.car_id,
            due_on: t.due_on.into(),
            event_on: t.event_on.into(),
            channel: t.channel.into(),
            assignee: t.assignee.into(),
            template_key: t.template_key,
            needs_consent: t.needs_consent,
            detail: t.detail.into(),
            status: r.status.into(),
        }
    }
}

/// What a care run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct CareRunSummary {
    /// Tasks due in the window not made because no channel was left (blocked by consent):
    /// none the customer can be reached on and has not refused, or, for greetings and
    /// marketing, none they agreed to. They come with the consent or the contact.
    pub blocked_by_consent: u64,
    /// Tasks stored for the first time.
    pub added: u64,
    /// Open or snoozed tasks rewritten because the rules or facts changed (status kept).
    pub updated: u64,
    /// Open or snoozed tasks of the window removed because they no longer come back
    /// (consent withdrawn, a corrected date, a rule turned off …).
    pub removed: u64,
    /// Tasks generated again as they were, and done or skipped ones left as they are.
    pub unchanged: u64,
}

impl From<crm_store::CareRunSummary> for CareRunSummary {
    fn from(s: crm_store::CareRunSummary) -> Self {
        CareRunSummary {
            blocked_by_consent: s.blocked_by_consent,
            added: s.added,
            updated: s.updated,
            removed: s.removed,
            unchanged: s.unchanged,
        }
    }
}

/// Which care tasks `care_tasks` lists; every filter is optional.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareTaskQuery {
    /// Only the tasks of this consultant's customers.
    #[uniffi(default = None)]
    pub owner: Option<String>,
    /// Only this customer's tasks.
    #[uniffi(default = None)]
    pub customer_id: Option<CustomerId>,
    /// Only tasks with this stored status.
    #[uniffi(default = None)]
    pub status: Option<CareTaskStatusKind>,
    /// Only tasks due on or after this date.
    #[uniffi(default = None)]
    pub due_from: Option<CalendarDate>,
    /// Only tasks due on or before this date.
    #[uniffi(default = None)]
    pub due_to: Option<CalendarDate>,
    /// At most this many (1 to 10,000), by due date then key.
    #[uniffi(default = 100)]
    pub limit: u32,
}

impl CareTaskQuery {
    /// The store's query; an impossible date is `InvalidInput` on its field.
    fn into_store(self) -> Result<crm_store::CareTaskQuery, CrmError> {
        let date = |d: Option<CalendarDate>, field: &str| d.map(|d| d.to_naive(field)).transpose();
        Ok(crm_store::CareTaskQuery {
            owner: self.owner,
            customer_id: self.customer_id,
            status: self.status.map(Into::into),
            due_from: date(self.due_from, "due_from")?,
            due_to: date(self.due_to, "due_to")?,
            limit: self.limit,
        })
    }
}

/// A task that is done or skipped can no longer move: the caller named it by `key`.
fn task_error(e: StoreError) -> CrmError {
    match e {
        StoreError::Closed { status, .. } => {
            CrmError::invalid("key", format!("is {status} and can no longer change"))
        }
        e => e.into(),
    }
}

#[uniffi::export]
impl CrmStore {
    /// Generates the care tasks due from `from` through `to` (local dates, both included)
    /// for every customer with a delivered car, under the stored rules: new tasks open,
    /// open and snoozed ones brought up to date, those that no longer come back (consent
    /// withdrawn, a rule turned off …) removed, done and skipped ones left alone; tasks
    /// with no channel left are counted as `blocked_by_consent`. The same window again
    /// changes nothing. Call it when the app starts for the coming weeks, and after
    /// changing rules, consent, contacts, cars or readings.
    ///
    /// Fails with `InvalidInput` on `from` or `to` (not a calendar date, `to` before `from`,
    /// longer than 3,660 days, outside the years 1902 to 2099).
    pub fn generate_care(
        &self,
        from: CalendarDate,
        to: CalendarDate,
    ) -> Result<CareRunSummary, CrmError> {
        let window = crm_core::DateWindow::new(from.to_naive("from")?, to.to_naive("to")?)?;
        Ok(self.store.generate_care(window)?.into())
    }

    /// Care task `key`. Fails with `NotFound`.
    pub fn get_care_task(&self, key: CareTaskKey) -> Result<CareTask, CrmError> {
        Ok(self.store.get_care_task(&key)?.into())
    }

    /// The care tasks `query` asks for, by due date then key. Fails with `InvalidInput` on
    /// `limit`, `due_from` or `due_to`.
    pub fn care_tasks(&self, query: CareTaskQuery) -> Result<Vec<CareTask>, CrmError> {
        let tasks = self.store.care_tasks(&query.into_store()?)?;
        Ok(tasks.into_iter().map(Into::into).collect())
    }

    /// Marks care task `key` done with what came of it (`outcome`, required); the
    /// customer's timeline gets a `CareTaskDone` entry. A done maintenance task is a service
    /// the car had today: the next `generate_care` restarts its maintenance schedule from
    /// it.
    ///
    /// Fails with `InvalidInput` on `outcome`, on `key` when the task is already done or
    /// skipped, and with `NotFound`.
    pub fn complete_care_task(
        &self,
        key: CareTaskKey,
        outcome: String,
    ) -> Result<CareTask, CrmError> {
        let record = self
            .store
            .complete_care_task(&key, &outcome)
            .map_err(task_error)?;
        Ok(record.into())
    }

    /// Skips care task `key` for `reason` (required); the timeline gets a
    /// `CareTaskSkipped` entry. Fails like `complete_care_task` (`reason`).
    pub fn skip_care_task(&self, key: CareTaskKey, reason: String) -> Result<CareTask, CrmError> {
        let record = self
            .store
            .skip_care_task(&key, &reason)
            .map_err(task_error)?;
        Ok(record.into())
    }

    /// Puts care task `key` off until the local date `until` (after today, within 365
    /// days); it is back in the agenda on that date. Fails with `InvalidInput` on `until`,
    /// on `key` when done or skipped, and with `NotFound`.
    pub fn snooze_care_task(
        &self,
        key: CareTaskKey,
        until: CalendarDate,
    ) -> Result<CareTask, CrmError> {
        let until = until.to_naive("until")?;
        let record = self
            .store
            .snooze_care_task(&key, until)
            .map_err(task_error)?;
        Ok(record.into())
    }

    /// The dealership's care rules as JSON (the defaults until set): an object with
    /// `delivery_calls`, `maintenance`, `insurance`, `inspection`, `birthday`, `holidays`,
    /// `anniversary`, `referral` and `consent`.
    pub fn care_rules_json(&self) -> Result<String, CrmError> {
        rules_json(&self.store.care_rules()?)
    }

    /// Sets the care rules from `json` (fields left out take their defaults) and returns
    /// them as stored. Open care tasks follow at the next `generate_care`; done and skipped
    /// ones stay as they were.
    ///
    /// Fails with `InvalidInput` on `rules` when `json` is not care rules JSON (the reason
    /// says where), on a field the rules do not have (`inspection.lead_day`: "is not a known
    /// field"), or on the rule broken (`maintenance.every_km` …).
    pub fn set_care_rules_json(&self, json: String) -> Result<String, CrmError> {
        rules_json(&self.store.set_care_rules(&parse_rules(&json)?)?)
    }
}

/// Care rules from JSON text (see `crm_core::CareRules::from_json`): `InvalidInput` on
/// `rules` saying where the text went wrong, or on the path of a field the rules do not
/// have (`inspection.lead_day` "is not a known field").
fn parse_rules(json: &str) -> Result<crm_core::CareRules, CrmError> {
    crm_core::CareRules::from_json(json).map_err(|e| match e {
        crm_core::CareRulesJsonError::UnknownField(v) => v.into(),
        not_rules => CrmError::invalid("rules", not_rules.to_string()),
    })
}

/// `rules` as pretty JSON.
fn rules_json(rules: &crm_core::CareRules) -> Result<String, CrmError> {
    serde_json::to_string_pretty(rules).map_err(|e| CrmError::Storage {
        detail: format!("care rules: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_task_names_the_key() {
        let closed = StoreError::Closed {
            entity: "care task",
            id: "birthday:c1:2027".into(),
            status: "done",
        };
        assert_eq!(
            task_error(closed),
            CrmError::invalid("key", "is done and can no longer change")
        );
    }

    #[test]
    fn an_impossible_query_date_names_the_field() {
        let query = CareTaskQuery {
            owner: None,
            customer_id: None,
            status: None,
            due_from: None,
            due_to: Some(CalendarDate {
                year: 2027,
                month: 13,
                day: 1,
            }),
            limit: 10,
        };
        assert_eq!(
            query.into_store(),
            Err(CrmError::invalid("due_to", "is not a calendar date"))
        );
    }

    #[test]
    fn rules_json_must_be_an_object_of_rules() {
        for bad in ["[]", "{", "{\"maintenance\": 3}"] {
            let err = parse_rules(bad).unwrap_err();
            assert!(
                matches!(&err, CrmError::InvalidInput { field, .. } if field == "rules"),
                "{bad}: {err:?}"
            );
        }
        assert_eq!(parse_rules("{}").unwrap(), crm_core::CareRules::default());
        assert_eq!(
            parse_rules(r#"{"referal": {}}"#).unwrap_err(),
            CrmError::invalid("referal", "is not a known field")
        );
    }

    #[test]
    fn the_default_rules_survive_a_round_trip() {
        let json = rules_json(&crm_core::CareRules::default()).unwrap();
        let back: crm_core::CareRules = serde_json::from_str(&json).unwrap();
        assert_eq!(back, crm_core::CareRules::default());
    }
}
