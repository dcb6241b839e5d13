//! The deal dimensions of a [`CustomerFilter`]: intent level, pipeline status, the
//! intended vehicle and budget, trade-in, lost reason, order and delivery dates. Their
//! meaning is documented on the fields; this file checks them.

use crate::find::filter::CustomerFilter;
use crate::validation::{optional_text, Limits, Rule, ValidationError};
use chrono::NaiveDate;

/// Checks the deal dimensions (list lengths are checked with the others): brand and series
/// names non-blank single-line text of at most [`Limits::VEHICLE_NAME`] characters
/// (`brands[1]`, `series[0]`), the budget's ends zero or more with `min ≤ max` (`budget.min`,
/// `budget`), and each date range's start before its end (`ordered_to`, `delivered_to`).
pub(crate) fn validate_deal(f: &CustomerFilter) -> Result<(), ValidationError> {
    for (field, names) in [("brands", &f.brands), ("series", &f.series)] {
        for (i, name) in names.iter().enumerate() {
            let field = format!("{field}[{i}]");
            if optional_text(&field, Some(name), Limits::VEHICLE_NAME, false)?.is_none() {
                return Err(ValidationError::new(field, Rule::Required));
            }
        }
    }
    if let Some(budget) = &f.budget {
        budget.validate("budget")?;
    }
    date_range(f.ordered_from, f.ordered_to, "ordered_from", "ordered_to")?;
    date_range(
        f.delivered_from,
        f.delivered_to,
        "delivered_from",
        "delivered_to",
    )
}

/// `[from, to)` must hold a day: `to` after `from` when both are given (error on `to`).
fn date_range(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    from_field: &'static str,
    to_field: &'static str,
) -> Result<(), ValidationError> {
    match (from, to) {
        (Some(from), Some(to)) if from >= to => Err(ValidationError::new(
            to_field,
            Rule::Conflicts { with: from_field },
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use crate::find::filter::{CustomerFilter, MAX_FILTER_VALUES};
    use crate::follow_up::IntentLevel;
    use crate::pipeline::{LostReason, PipelineStatus, Stage};
    use crate::vehicle::{AmountRange, BodyType, Fen, Powertrain};
    use crate::Rule;

    fn field_of(f: CustomerFilter) -> String {
        f.validate().unwrap_err().field
    }

    fn date(s: &str) -> chrono::NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn each_bad_deal_dimension_is_named() {
        assert_eq!(
            field_of(CustomerFilter {
                brands: vec!["大众".into(), "  ".into()],
                ..Default::default()
            }),
            "brands[1]"
        );
        assert_eq!(
            field_of(CustomerFilter {
                series: vec!["x".repeat(51)],
                ..Default::default()
            }),
            "series[0]"
        );
        assert_eq!(
            field_of(CustomerFilter {
                budget: Some(AmountRange {
                    min: Some(Fen(-1)),
                    max: None
                }),
                ..Default::default()
            }),
            "budget.min"
        );
        assert_eq!(
            field_of(CustomerFilter {
                budget: Some(AmountRange::between(Fen(30_000_000), Fen(20_000_000))),
                ..Default::default()
            }),
            "budget"
        );
        assert_eq!(
            field_of(CustomerFilter {
                ordered_from: Some(date("2026-03-01")),
                ordered_to: Some(date("2026-03-01")),
                ..Default::default()
            }),
            "ordered_to"
        );
        assert_eq!(
            field_of(CustomerFilter {
                delivered_from: Some(date("2026-03-02")),
                delivered_to: Some(date("2026-03-01")),
                ..Default::default()
            }),
            "delivered_to"
        );
        let err = CustomerFilter {
            stages: vec![PipelineStatus::Lost; MAX_FILTER_VALUES + 1],
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            (err.field.as_str(), err.rule),
            (
                "stages",
                Rule::TooMany {
                    max: MAX_FILTER_VALUES
                }
            )
        );
    }

    #[test]
    fn every_deal_dimension_set_is_valid_and_round_trips_through_json() {
        let f = CustomerFilter {
            levels: vec![IntentLevel::H, IntentLevel::A],
            stages: vec![
                PipelineStatus::InStage(Stage::Negotiating),
                PipelineStatus::LostRequested,
            ],
            brands: vec!["大众".into()],
            series: vec!["途观L".into()],
            body_types: vec![BodyType::Suv],
            powertrains: vec![Powertrain::Bev, Powertrain::Phev],
            budget: Some(AmountRange::between(Fen(15_000_000), Fen(20_000_000))),
            has_trade_in: Some(true),
            lost_reasons: vec![LostReason::Price],
            ordered_from: Some(date("2026-01-01")),
            ordered_to: Some(date("2026-04-01")),
            delivered_from: Some(date("2026-02-01")),
            delivered_to: None,
            ..Default::default()
        };
        assert!(f.validate().is_ok());
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(serde_json::from_str::<CustomerFilter>(&json).unwrap(), f);
    }

    #[test]
    fn a_filter_saved_before_the_deal_dimensions_still_reads() {
        let old = r#"{"channels":["referral"],"tags_any":[],"archived":"active","query":null}"#;
        let f: CustomerFilter = serde_json::from_str(old).unwrap();
        assert_eq!(f.channels, ["referral"]);
        assert!(f.stages.is_empty() && f.budget.is_none() && f.ordered_from.is_none());
    }
}
