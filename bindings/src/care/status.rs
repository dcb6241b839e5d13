//! Where a care task stands: [`CareTaskStatus`], and [`CareTaskStatusKind`] to filter lists
//! by.

use crate::convert::same_variants;
use crate::custom::{CalendarDate, Timestamp};

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

same_variants!(CareTaskStatusKind <=> crm_core::CareTaskStatusKind {
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
            D::Snoozed { until } => CareTaskStatus::Snoozed { until },
        }
    }
}
