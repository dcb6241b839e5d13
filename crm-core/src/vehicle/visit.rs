//! Store visits and test drives (到店 / 试驾): scheduled for a time, then done (with the
//! customer's feedback) or a no-show. A walk-in is a visit recorded and completed at once.
//!
//! A visit's life: [`NewVisit::validate`] gives a [`VisitStatus::Scheduled`] visit; it may be
//! moved ([`Visit::reschedule`]); it ends done ([`Visit::complete`]) or no-show
//! ([`Visit::no_show`], only once its time has passed). A closed visit no longer changes.

use super::ids::{CatalogueModelId, VisitId};
use crate::customer::CustomerId;
use crate::follow_up::earliest_follow_up;
use crate::validation::{optional_text, Limits, Rule, ValidationError};
use chrono::{DateTime, Duration, Utc};

const EXPECTED_HORIZON: &str = "a time within 365 days from now";

/// What kind of appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    /// A visit to the showroom (到店).
    StoreVisit,
    /// A test drive (试驾).
    TestDrive,
}

crate::validation::codes!(VisitKind {
    StoreVisit => "store_visit",
    TestDrive => "test_drive",
});

/// A visit or test drive as the consultant enters it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewVisit {
    /// The customer who comes.
    pub customer_id: CustomerId,
    /// Visit or test drive.
    pub kind: VisitKind,
    /// The model to see or drive (途观L 330TSI); a test drive needs it or a catalogue model.
    #[serde(default)]
    pub model: Option<String>,
    /// The catalogue model, when the dealership has a catalogue.
    #[serde(default)]
    pub catalogue_model: Option<CatalogueModelId>,
    /// When (UTC).
    pub scheduled_at: DateTime<Utc>,
    /// The consultant who receives the customer.
    #[serde(default)]
    pub consultant: Option<String>,
    /// Notes for the appointment (bring the driving licence …).
    #[serde(default)]
    pub notes: Option<String>,
}

impl NewVisit {
    /// Validates as of `now`: the time not before 2000 and at most
    /// [`Limits::VISIT_HORIZON_DAYS`] ahead (a past time records a visit after the fact);
    /// a test drive names its model. The result is [`VisitStatus::Scheduled`]. Errors name
    /// the field under `visit` (`visit.model`, `visit.scheduled_at`).
    pub fn validate(&self, now: DateTime<Utc>) -> Result<Visit, ValidationError> {
        self.checked(now).map_err(|e| e.within("visit"))
    }

    fn checked(&self, now: DateTime<Utc>) -> Result<Visit, ValidationError> {
        if self.customer_id.as_str().trim().is_empty() {
            return Err(ValidationError::new("customer_id", Rule::Required));
        }
        let scheduled_at = scheduled_time("scheduled_at", self.scheduled_at, now)?;
        let model = optional_text("model", self.model.as_deref(), Limits::VEHICLE_MODEL, false)?;
        let catalogue_model = match &self.catalogue_model {
            Some(id) => optional_text(
                "catalogue_model",
                Some(id.as_str()),
                Limits::CATALOGUE_CODE,
                false,
            )?
            .map(CatalogueModelId::from),
            None => None,
        };
        if self.kind == VisitKind::TestDrive && model.is_none() && catalogue_model.is_none() {
            return Err(ValidationError::new("model", Rule::Required));
        }
        Ok(Visit {
            customer_id: self.customer_id.clone(),
            kind: self.kind,
            model,
            catalogue_model,
            scheduled_at,
            consultant: optional_text(
                "consultant",
                self.consultant.as_deref(),
                Limits::OWNER,
                false,
            )?,
            notes: optional_text("notes", self.notes.as_deref(), Limits::VISIT_TEXT, true)?,
            status: VisitStatus::Scheduled,
        })
    }
}

/// Checks an appointment time: not before [`earliest_follow_up`], at most
/// [`Limits::VISIT_HORIZON_DAYS`] after `now`.
fn scheduled_time(
    field: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, ValidationError> {
    if at < earliest_follow_up() {
        return Err(ValidationError::new(field, Rule::TooEarly));
    }
    if at > now + Duration::days(Limits::VISIT_HORIZON_DAYS) {
        return Err(ValidationError::new(
            field,
            Rule::Malformed {
                expected: EXPECTED_HORIZON,
            },
        ));
    }
    Ok(at)
}

/// Where a visit stands.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum VisitStatus {
    /// Scheduled, pending.
    Scheduled,
    /// The customer came (已到店 / 已试驾).
    Done {
        /// When they came.
        at: DateTime<Utc>,
        /// What they said about the car (试驾反馈).
        feedback: Option<String>,
    },
    /// The customer did not come (爽约).
    NoShow {
        /// When it was marked.
        at: DateTime<Utc>,
    },
}

/// The kind of a [`VisitStatus`], as stored and filtered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitStatusKind {
    /// [`VisitStatus::Scheduled`].
    Scheduled,
    /// [`VisitStatus::Done`].
    Done,
    /// [`VisitStatus::NoShow`].
    NoShow,
}

crate::validation::codes!(VisitStatusKind {
    Scheduled => "scheduled",
    Done => "done",
    NoShow => "no_show",
});

impl VisitStatus {
    /// The status's kind.
    pub fn kind(&self) -> VisitStatusKind {
        match self {
            VisitStatus::Scheduled => VisitStatusKind::Scheduled,
            VisitStatus::Done { .. } => VisitStatusKind::Done,
            VisitStatus::NoShow { .. } => VisitStatusKind::NoShow,
        }
    }
}

/// Why a visit could not change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VisitError {
    /// The visit is done or a no-show; it can no longer change.
    #[error("the visit is {} and can no longer change", crate::validation::Code::code(*.status))]
    Closed {
        /// Its status.
        status: VisitStatusKind,
    },
    /// A no-show was marked before the visit's time.
    #[error("the visit's time has not come yet")]
    NotDue,
    /// A value broke a rule.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
}

/// A validated visit or test drive.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Visit {
    /// The customer who comes.
    pub customer_id: CustomerId,
    /// Visit or test drive.
    pub kind: VisitKind,
    /// The model to see or drive.
    pub model: Option<String>,
    /// The catalogue model.
    pub catalogue_model: Option<CatalogueModelId>,
    /// When (UTC).
    pub scheduled_at: DateTime<Utc>,
    /// The consultant who receives the customer.
    pub consultant: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// Where it stands.
    pub status: VisitStatus,
}

impl Visit {
    /// The visit done at `at` (not after `now`, allowing [`Limits::CLOCK_SKEW_SECS`]; errors
    /// name `visit.done_at`), with the customer's feedback (`visit.feedback`).
    pub fn complete(
        &self,
        at: DateTime<Utc>,
        feedback: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Visit, VisitError> {
        self.ensure_scheduled()?;
        if at > now + Duration::seconds(Limits::CLOCK_SKEW_SECS) {
            return Err(ValidationError::new("visit.done_at", Rule::InFuture).into());
        }
        if at < earliest_follow_up() {
            return Err(ValidationError::new("visit.done_at", Rule::TooEarly).into());
        }
        let feedback = optional_text("visit.feedback", feedback, Limits::VISIT_TEXT, true)?;
        Ok(Visit {
            status: VisitStatus::Done { at, feedback },
            ..self.clone()
        })
    }

    /// The visit marked a no-show at `now`, which must not lie before its scheduled time
    /// ([`VisitError::NotDue`]).
    pub fn no_show(&self, now: DateTime<Utc>) -> Result<Visit, VisitError> {
        self.ensure_scheduled()?;
        if now < self.scheduled_at {
            return Err(VisitError::NotDue);
        }
        Ok(Visit {
            status: VisitStatus::NoShow { at: now },
            ..self.clone()
        })
    }

    /// The visit moved to `to`, checked like a new visit's time (`visit.scheduled_at`).
    pub fn reschedule(&self, to: DateTime<Utc>, now: DateTime<Utc>) -> Result<Visit, VisitError> {
        self.ensure_scheduled()?;
        let to = scheduled_time("visit.scheduled_at", to, now)?;
        Ok(Visit {
            scheduled_at: to,
            ..self.clone()
        })
    }

    fn ensure_scheduled(&self) -> Result<(), VisitError> {
        match self.status.kind() {
            VisitStatusKind::Scheduled => Ok(()),
            status => Err(VisitError::Closed { status }),
        }
    }
}

/// A stored visit: its id, content and bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VisitRecord {
    /// The id (UUIDv7).
    pub id: VisitId,
    /// The visit.
    #[serde(flatten)]
    pub visit: Visit,
    /// When it was entered (UTC).
    pub created_at: DateTime<Utc>,
    /// When it last changed (UTC).
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version: 1 when entered, +1 on every change.
    pub version: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::assert_codes_are_serde_names;

    fn now() -> DateTime<Utc> {
        "2026-11-27T02:00:00Z".parse().unwrap()
    }

    fn test_drive() -> NewVisit {
        NewVisit {
            customer_id: "c1".into(),
            kind: VisitKind::TestDrive,
            model: Some("途观L 330TSI".into()),
            catalogue_model: None,
            scheduled_at: now() + Duration::days(1),
            consultant: Some("c001".into()),
            notes: None,
        }
    }

    #[test]
    fn a_test_drive_names_its_model_and_a_visit_need_not() {
        let mut v = test_drive();
        v.model = Some(" ".into());
        assert_eq!(v.validate(now()).unwrap_err().field, "visit.model");
        v.kind = VisitKind::StoreVisit;
        assert_eq!(v.validate(now()).unwrap().model, None);
        v.scheduled_at = now() + Duration::days(366);
        assert_eq!(v.validate(now()).unwrap_err().field, "visit.scheduled_at");
    }

    #[test]
    fn a_visit_is_done_or_a_no_show_once() {
        let v = test_drive().validate(now()).unwrap();
        assert_eq!(v.no_show(now()), Err(VisitError::NotDue));
        let later = now() + Duration::days(2);
        let done = v
            .complete(
                later - Duration::hours(20),
                Some("动力不错，后排稍挤"),
                later,
            )
            .unwrap();
        assert_eq!(done.status.kind(), VisitStatusKind::Done);
        let missed = v.no_show(later).unwrap();
        for closed in [done, missed] {
            let err = VisitError::Closed {
                status: closed.status.kind(),
            };
            assert_eq!(closed.no_show(later), Err(err.clone()));
            assert_eq!(closed.complete(later, None, later), Err(err.clone()));
            assert_eq!(closed.reschedule(later, later), Err(err));
        }
        let err = v
            .complete(now() + Duration::hours(1), None, now())
            .unwrap_err();
        assert!(matches!(err, VisitError::Invalid(e) if e.field == "visit.done_at"));
        let moved = v.reschedule(now() + Duration::days(3), now()).unwrap();
        assert_eq!(moved.scheduled_at, now() + Duration::days(3));
    }

    #[test]
    fn codes_are_the_serde_names() {
        assert_codes_are_serde_names::<VisitKind>();
        assert_codes_are_serde_names::<VisitStatusKind>();
    }
}
