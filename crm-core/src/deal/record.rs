//! A deal as stored and read, and the input that opens one.

use super::id::DealId;
use super::source::DealSource;
use super::status::DealStatus;
use crate::customer::CustomerId;
use crate::pipeline::{PipelineStatus, Stage};
use crate::validation::{single_line_text, Limits, ValidationError};
use chrono::{DateTime, Utc};

/// One deal (销售机会) of a customer: the pipeline's state for one sale.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Deal {
    /// The deal's id (a customer's first deal has the customer's id).
    pub id: DealId,
    /// Whose deal it is.
    pub customer_id: CustomerId,
    /// The consultant working the deal; none in the pool.
    pub owner: Option<String>,
    /// Why the deal began.
    pub source: DealSource,
    /// The funnel stage (while a request is pending or the deal is lost or dormant, the
    /// stage it was at).
    pub stage: Stage,
    /// Where the deal stands in the pipeline, as one code.
    pub pipeline_status: PipelineStatus,
    /// Open, won, lost or dormant (from `pipeline_status`).
    pub status: DealStatus,
    /// When the current pipeline status began.
    pub since: DateTime<Utc>,
    /// When the deal was opened.
    pub created_at: DateTime<Utc>,
    /// When it was won, lost or put to sleep; none while open.
    pub closed_at: Option<DateTime<Utc>>,
    /// Bumped by every change (optimistic concurrency).
    pub version: u64,
}

impl Deal {
    /// `true` while the deal is open.
    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }
}

/// A new deal for a customer already in the book.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewDeal {
    /// Why the deal begins.
    pub source: DealSource,
    /// The consultant who works it; none: the customer's owner.
    #[serde(default)]
    pub owner: Option<String>,
}

impl NewDeal {
    /// The deal with its owner by the text rule (field `owner`: cut at the edges, blank as
    /// none, one line, at most [`Limits::OWNER`] characters).
    pub fn validate(&self) -> Result<NewDeal, ValidationError> {
        Ok(NewDeal {
            source: self.source,
            owner: single_line_text("owner", self.owner.as_deref(), Limits::OWNER)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rule;

    #[test]
    fn the_owner_is_cut_and_checked_by_field() {
        let new = NewDeal {
            source: DealSource::Replacement,
            owner: Some("  c001 ".into()),
        };
        assert_eq!(new.validate().unwrap().owner.as_deref(), Some("c001"));
        let blank = NewDeal {
            owner: Some("   ".into()),
            ..new.clone()
        };
        assert_eq!(blank.validate().unwrap().owner, None);
        let long = NewDeal {
            owner: Some("x".repeat(Limits::OWNER + 1)),
            ..new.clone()
        };
        let err = long.validate().unwrap_err();
        assert_eq!(err.field, "owner");
        assert_eq!(err.rule, Rule::TooLong { max: Limits::OWNER });
        let control = NewDeal {
            owner: Some("c0\u{7}01".into()),
            ..new
        };
        assert_eq!(control.validate().unwrap_err().field, "owner");
    }
}
