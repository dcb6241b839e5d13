//! Why a customer is lost (战败原因) or dormant (休眠原因), and the requests that carry the reason
//! to a manager.

use crate::error::{Rule, ValidationError};
use crate::text::{optional_text, required_text};

/// The longest competitor text (brand and model, or the other dealer), in characters.
pub const MAX_COMPETITOR: usize = 100;
/// The longest note on a pipeline move (a request, a rejection, a correction), in characters.
pub const MAX_PIPELINE_NOTE: usize = 500;

/// Why a customer was lost (战败原因), the categories dealer CRMs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LostReason {
    /// The price was too high (价格原因).
    Price,
    /// Bought a competing brand's car (购买竞品); the competitor (brand and model) is required.
    BoughtCompetitor,
    /// Bought the same brand at another dealer (他店购买).
    BoughtElsewhere,
    /// Put the purchase off (推迟购买).
    Postponed,
    /// Out of budget (预算不足).
    Budget,
    /// The loan was refused (贷款未通过).
    FinancingRefused,
    /// Cannot be reached any more (联系不上).
    Unreachable,
    /// Anything else; the note is required.
    Other,
}

crate::code::codes!(LostReason {
    Price => "price",
    BoughtCompetitor => "bought_competitor",
    BoughtElsewhere => "bought_elsewhere",
    Postponed => "postponed",
    Budget => "budget",
    FinancingRefused => "financing_refused",
    Unreachable => "unreachable",
    Other => "other",
});

/// Why a customer is put to sleep (休眠原因): the reasons that may pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DormantReason {
    /// Put the purchase off (推迟购买).
    Postponed,
    /// Cannot be reached for now (暂时联系不上).
    Unreachable,
    /// Out of budget for now (预算暂时不足).
    Budget,
    /// Anything else; the note is required.
    Other,
}

crate::code::codes!(DormantReason {
    Postponed => "postponed",
    Unreachable => "unreachable",
    Budget => "budget",
    Other => "other",
});

/// A consultant's request to mark a customer lost (战败申请).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LostRequest {
    /// The reason category.
    pub reason: LostReason,
    /// Whom the customer went to: the competing brand and model (required for
    /// [`LostReason::BoughtCompetitor`], allowed with any reason, e.g. the rival's offer on price).
    #[serde(default)]
    pub competitor: Option<String>,
    /// The consultant's note (required for [`LostReason::Other`]).
    #[serde(default)]
    pub note: Option<String>,
}

impl LostRequest {
    /// Trims and checks the texts: `competitor` required for a competitor purchase, `note`
    /// for [`LostReason::Other`]; both single lines within their caps.
    pub fn validate(&self) -> Result<LostRequest, ValidationError> {
        let competitor = match self.reason {
            LostReason::BoughtCompetitor => Some(required_text(
                "competitor",
                self.competitor.as_deref().unwrap_or(""),
                MAX_COMPETITOR,
            )?),
            _ => optional_text(
                "competitor",
                self.competitor.as_deref(),
                MAX_COMPETITOR,
                false,
            )?,
        };
        Ok(LostRequest {
            reason: self.reason,
            competitor,
            note: note(self.note.as_deref(), self.reason == LostReason::Other)?,
        })
    }
}

/// A consultant's request to put a customer to sleep (休眠申请).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DormantRequest {
    /// The reason category.
    pub reason: DormantReason,
    /// The consultant's note (required for [`DormantReason::Other`]).
    #[serde(default)]
    pub note: Option<String>,
}

impl DormantRequest {
    /// Trims and checks the note (required for [`DormantReason::Other`]).
    pub fn validate(&self) -> Result<DormantRequest, ValidationError> {
        Ok(DormantRequest {
            reason: self.reason,
            note: note(self.note.as_deref(), self.reason == DormantReason::Other)?,
        })
    }
}

/// Checks an optional note of a pipeline move (multi-line, at most [`MAX_PIPELINE_NOTE`]
/// characters); `required` makes a blank note an error.
pub(crate) fn note(value: Option<&str>, required: bool) -> Result<Option<String>, ValidationError> {
    let note = optional_text("note", value, MAX_PIPELINE_NOTE, true)?;
    if required && note.is_none() {
        return Err(ValidationError::new("note", Rule::Required));
    }
    Ok(note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::Code;

    #[test]
    fn a_competitor_purchase_names_the_competitor_and_other_needs_a_note() {
        let bought = LostRequest {
            reason: LostReason::BoughtCompetitor,
            competitor: Some("  ".into()),
            note: None,
        };
        assert_eq!(bought.validate().unwrap_err().field, "competitor");
        let bought = LostRequest {
            competitor: Some(" 比亚迪 宋PLUS ".into()),
            ..bought
        };
        assert_eq!(
            bought.validate().unwrap().competitor.as_deref(),
            Some("比亚迪 宋PLUS")
        );
        let other = LostRequest {
            reason: LostReason::Other,
            competitor: None,
            note: None,
        };
        assert_eq!(other.validate().unwrap_err().rule, Rule::Required);
        let dormant = DormantRequest {
            reason: DormantReason::Other,
            note: Some("x".repeat(MAX_PIPELINE_NOTE + 1)),
        };
        assert_eq!(
            dormant.validate().unwrap_err().rule,
            Rule::TooLong {
                max: MAX_PIPELINE_NOTE
            }
        );
        assert!(DormantRequest {
            reason: DormantReason::Postponed,
            note: None
        }
        .validate()
        .is_ok());
    }

    #[test]
    fn reason_codes_are_their_serde_names() {
        for r in LostReason::ALL {
            assert_eq!(serde_json::to_value(r).unwrap(), r.code());
        }
        for r in DormantReason::ALL {
            assert_eq!(serde_json::to_value(r).unwrap(), r.code());
        }
    }
}
