//! Where a care task stands, and the moves between: open → done (with an outcome note) /
//! skipped (with a reason) / snoozed to a date, and snoozed → open again on that date.
//! Done and skipped are final. Pure: every move takes the time or date it happens at, and
//! done and skipped return the [`TimelineEntry`] that records them.

use crate::care::calendar::add_days;
use crate::care::task::CareTask;
use crate::follow_up::TimelineEntry;
use crate::validation::{optional_text, required_text, Rule, ValidationError};
use chrono::{DateTime, NaiveDate, Utc};

/// The longest outcome note, in characters.
pub const MAX_CARE_OUTCOME: usize = 1000;
/// The longest skip reason, in characters.
pub const MAX_CARE_REASON: usize = 200;
/// The furthest a task may be snoozed, in days after today.
pub const MAX_SNOOZE_DAYS: u32 = 365;

/// Where a care task stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum CareTaskStatus {
    /// To do (in the agenda from its due date).
    Open,
    /// Carried out.
    Done {
        /// When.
        at: DateTime<Utc>,
        /// What came of it ("客户满意，下月保养已预约").
        outcome: String,
    },
    /// Not carried out, on purpose.
    Skipped {
        /// When.
        at: DateTime<Utc>,
        /// Why.
        reason: String,
    },
    /// Put off: open again on `until`.
    Snoozed {
        /// The local date it is open again.
        until: NaiveDate,
    },
}

/// The kind of a [`CareTaskStatus`], as stored and indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CareTaskStatusKind {
    /// [`CareTaskStatus::Open`].
    Open,
    /// [`CareTaskStatus::Done`].
    Done,
    /// [`CareTaskStatus::Skipped`].
    Skipped,
    /// [`CareTaskStatus::Snoozed`].
    Snoozed,
}

crate::validation::codes!(CareTaskStatusKind {
    Open => "open",
    Done => "done",
    Skipped => "skipped",
    Snoozed => "snoozed",
});

impl CareTaskStatus {
    /// The status's kind.
    pub fn kind(&self) -> CareTaskStatusKind {
        match self {
            CareTaskStatus::Open => CareTaskStatusKind::Open,
            CareTaskStatus::Done { .. } => CareTaskStatusKind::Done,
            CareTaskStatus::Skipped { .. } => CareTaskStatusKind::Skipped,
            CareTaskStatus::Snoozed { .. } => CareTaskStatusKind::Snoozed,
        }
    }

    /// `true` for done and skipped: nothing more can happen to the task.
    pub fn is_closed(&self) -> bool {
        matches!(
            self,
            CareTaskStatus::Done { .. } | CareTaskStatus::Skipped { .. }
        )
    }

    /// The status without the free text typed about the customer (a done task's outcome, a
    /// skipped task's reason), for the erasure of a person's data: the kind, the instant
    /// and a snooze's date stay.
    pub fn without_personal_data(self) -> CareTaskStatus {
        match self {
            CareTaskStatus::Done { at, .. } => CareTaskStatus::Done {
                at,
                outcome: String::new(),
            },
            CareTaskStatus::Skipped { at, .. } => CareTaskStatus::Skipped {
                at,
                reason: String::new(),
            },
            other => other,
        }
    }
}

/// Why a care task could not move.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CareTaskError {
    /// The task is done or skipped; it can no longer change.
    #[error("the care task is {} and can no longer change", crate::validation::Code::code(*.status))]
    Closed {
        /// Its status.
        status: CareTaskStatusKind,
    },
    /// Only a snoozed task can wake.
    #[error("the care task is not snoozed")]
    NotSnoozed,
    /// The task is snoozed until a later date.
    #[error("the care task is snoozed until {until}")]
    StillSnoozed {
        /// The date it wakes.
        until: NaiveDate,
    },
    /// A regenerated task has another key than the stored one.
    #[error("the care task's key does not match")]
    KeyMismatch,
    /// A value broke a rule (`outcome`, `reason`, `until`).
    #[error(transparent)]
    Invalid(#[from] ValidationError),
}

/// A care task with its status, as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct CareTaskRecord {
    /// The task.
    pub task: CareTask,
    /// Where it stands.
    pub status: CareTaskStatus,
}

/// A care task after a move, and the timeline entry that records it (done and skipped).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CareTaskChange {
    /// The task as it now is.
    pub record: CareTaskRecord,
    /// What happened, for the customer's timeline.
    pub entry: Option<TimelineEntry>,
}

impl CareTaskRecord {
    /// A new task, open.
    pub fn open(task: CareTask) -> CareTaskRecord {
        CareTaskRecord {
            task,
            status: CareTaskStatus::Open,
        }
    }

    /// The status on local date `today`: a snoozed task whose date has come counts as open.
    pub fn kind_on(&self, today: NaiveDate) -> CareTaskStatusKind {
        match self.status {
            CareTaskStatus::Snoozed { until } if until <= today => CareTaskStatusKind::Open,
            ref s => s.kind(),
        }
    }

    /// The date the task belongs in the agenda: its due date, or the snooze date.
    pub fn agenda_date(&self) -> NaiveDate {
        match self.status {
            CareTaskStatus::Snoozed { until } => until,
            _ => self.task.due_on,
        }
    }

    fn ensure_not_closed(&self) -> Result<(), CareTaskError> {
        if self.status.is_closed() {
            return Err(CareTaskError::Closed {
                status: self.status.kind(),
            });
        }
        Ok(())
    }

    fn with_status(&self, status: CareTaskStatus) -> CareTaskRecord {
        CareTaskRecord {
            task: self.task.clone(),
            status,
        }
    }

    /// The task carried out at `at`, with what came of it (required, up to
    /// [`MAX_CARE_OUTCOME`] characters, lines allowed).
    pub fn complete(
        &self,
        outcome: &str,
        at: DateTime<Utc>,
    ) -> Result<CareTaskChange, CareTaskError> {
        self.ensure_not_closed()?;
        let outcome = optional_text("outcome", Some(outcome), MAX_CARE_OUTCOME, true)?
            .ok_or_else(|| ValidationError::new("outcome", Rule::Required))?;
        Ok(CareTaskChange {
            record: self.with_status(CareTaskStatus::Done {
                at,
                outcome: outcome.clone(),
            }),
            entry: Some(TimelineEntry::CareTaskDone {
                task_key: self.task.key.clone(),
                kind: self.task.kind(),
                outcome,
            }),
        })
    }

    /// The task skipped at `at`, for `reason` (required, up to [`MAX_CARE_REASON`]).
    pub fn skip(&self, reason: &str, at: DateTime<Utc>) -> Result<CareTaskChange, CareTaskError> {
        self.ensure_not_closed()?;
        let reason = required_text("reason", reason, MAX_CARE_REASON)?;
        Ok(CareTaskChange {
            record: self.with_status(CareTaskStatus::Skipped {
                at,
                reason: reason.clone(),
            }),
            entry: Some(TimelineEntry::CareTaskSkipped {
                task_key: self.task.key.clone(),
                kind: self.task.kind(),
                reason,
            }),
        })
    }

    /// The task put off until `until`, a local date after `today` and at most
    /// [`MAX_SNOOZE_DAYS`] later (field `until`). A snoozed task may be snoozed again.
    pub fn snooze(
        &self,
        until: NaiveDate,
        today: NaiveDate,
    ) -> Result<CareTaskChange, CareTaskError> {
        self.ensure_not_closed()?;
        if until <= today {
            return Err(ValidationError::new("until", Rule::TooEarly).into());
        }
        if add_days(today, MAX_SNOOZE_DAYS).is_some_and(|last| until > last) {
            return Err(ValidationError::new(
                "until",
                Rule::Malformed {
                    expected: "a date within 365 days from today",
                },
            )
            .into());
        }
        Ok(CareTaskChange {
            record: self.with_status(CareTaskStatus::Snoozed { until }),
            entry: None,
        })
    }

    /// A snoozed task open again, on or after its date `today`.
    pub fn wake(&self, today: NaiveDate) -> Result<CareTaskChange, CareTaskError> {
        self.ensure_not_closed()?;
        match self.status {
            CareTaskStatus::Snoozed { until } if until > today => {
                Err(CareTaskError::StillSnoozed { until })
            }
            CareTaskStatus::Snoozed { .. } => Ok(CareTaskChange {
                record: self.with_status(CareTaskStatus::Open),
                entry: None,
            }),
            _ => Err(CareTaskError::NotSnoozed),
        }
    }

    /// The record with the task as the rules now make it (same key), keeping its status:
    /// how a re-run after a rule change or a new reading updates open and snoozed tasks.
    /// Done and skipped tasks keep what they were (`Closed`).
    pub fn regenerated(&self, task: CareTask) -> Result<CareTaskRecord, CareTaskError> {
        self.ensure_not_closed()?;
        if task.key != self.task.key {
            return Err(CareTaskError::KeyMismatch);
        }
        Ok(CareTaskRecord {
            task,
            status: self.status.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn without_personal_data_blanks_outcomes_and_reasons_and_keeps_kind_and_time() {
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let until = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        let cases = [
            (
                CareTaskStatus::Done {
                    at,
                    outcome: "客户满意".into(),
                },
                CareTaskStatus::Done {
                    at,
                    outcome: String::new(),
                },
            ),
            (
                CareTaskStatus::Skipped {
                    at,
                    reason: "客户出国".into(),
                },
                CareTaskStatus::Skipped {
                    at,
                    reason: String::new(),
                },
            ),
            (
                CareTaskStatus::Snoozed { until },
                CareTaskStatus::Snoozed { until },
            ),
            (CareTaskStatus::Open, CareTaskStatus::Open),
        ];
        for (status, blank) in cases {
            assert_eq!(status.without_personal_data(), blank);
        }
    }
}
