//! Why a customer is lost (战败原因) or dormant (休眠原因), and the requests that carry the reason
//! to a manager.

use crate::follow_up::ahead_date;
use crate::validation::{optional_text, required_text, Rule, ValidationError};
use chrono::NaiveDate;

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

crate::validation::codes!(LostReason {
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

crate::validation::codes!(DormantReason {
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
    /// The local date to wake the customer up (唤醒日期): from that day on, once approved,
    /// the dormant customer is back on their owner's agenda as a wake-up due
    /// ([`crate::AgendaReason::WakeUpDue`]). `None`: asleep until reopened.
    #[serde(default)]
    pub wake_on: Option<NaiveDate>,
}

/// What a wake-up date must be.
const EXPECTED_WAKE_ON: &str = "a date within 730 days from the request";

impl DormantRequest {
    /// Trims and checks the note (required for [`DormantReason::Other`]) and the wake-up
    /// date: not before `today`, the dealership's local date of the request
    /// ([`Rule::TooEarly`]), nor more than [`crate::Limits::PLAN_HORIZON_DAYS`] after it
    /// ([`Rule::Malformed`]); both on field `wake_on`.
    pub fn validate(&self, today: NaiveDate) -> Result<DormantRequest, ValidationError> {
        let note = note(self.note.as_deref(), self.reason == DormantReason::Other)?;
        let wake_on = self
            .wake_on
            .map(|on| ahead_date("wake_on", on, today, EXPECTED_WAKE_ON))
            .transpose()?;
        Ok(DormantRequest {
            reason: self.reason,
            note,
            wake_on,
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
    use crate::validation::assert_codes_are_serde_names;
    use crate::validation::Limits;

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
            wake_on: None,
        };
        assert_eq!(
            dormant.validate(day(0)).unwrap_err().rule,
            Rule::TooLong {
                max: MAX_PIPELINE_NOTE
            }
        );
        assert!(DormantRequest {
            reason: DormantReason::Postponed,
            note: None,
            wake_on: None,
        }
        .validate(day(0))
        .is_ok());
    }

    /// 2026-11-27 plus `n` days.
    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap() + chrono::Duration::days(n)
    }

    #[test]
    fn a_wake_up_date_lies_between_the_request_day_and_the_horizon() {
        let asleep = |wake_on| DormantRequest {
            reason: DormantReason::Postponed,
            note: None,
            wake_on: Some(wake_on),
        };
        // The request's own day and the last day of the horizon are accepted.
        let horizon = Limits::PLAN_HORIZON_DAYS as i64;
        for ok in [0, 1, 90, horizon] {
            assert_eq!(
                asleep(day(ok)).validate(day(0)).unwrap().wake_on,
                Some(day(ok))
            );
        }
        let err = asleep(day(-1)).validate(day(0)).unwrap_err();
        assert_eq!((err.field.as_str(), err.rule), ("wake_on", Rule::TooEarly));
        let err = asleep(day(horizon + 1)).validate(day(0)).unwrap_err();
        assert_eq!(err.field, "wake_on");
        assert!(matches!(err.rule, Rule::Malformed { .. }));
        // The note is checked first, and the date also without a note.
        let other = DormantRequest {
            reason: DormantReason::Other,
            ..asleep(day(-1))
        };
        assert_eq!(other.validate(day(0)).unwrap_err().field, "note");
    }

    #[test]
    fn a_request_written_before_wake_up_dates_reads_without_one() {
        let old: DormantRequest =
            serde_json::from_str(r#"{"reason":"budget","note":null}"#).unwrap();
        assert_eq!(old.wake_on, None);
        let woken = DormantRequest {
            wake_on: Some(day(30)),
            ..old
        };
        let json = serde_json::to_string(&woken).unwrap();
        assert!(json.contains(r#""wake_on":"2026-12-27""#), "{json}");
        assert_eq!(
            serde_json::from_str::<DormantRequest>(&json).unwrap(),
            woken
        );
    }

    #[test]
    fn reason_codes_are_their_serde_names() {
        assert_codes_are_serde_names::<LostReason>();
        assert_codes_are_serde_names::<DormantReason>();
    }
}
