//! The deal options of `customer list` and `view save` (intent level, pipeline status,
//! intended vehicle, budget, trade-in, lost reason, order and delivery dates): to the deal
//! dimensions of a [`CustomerFilter`], and back to options for `view list`. The options
//! themselves are [`DealFilterArgs`] in `args.rs`.

use crate::find::args::{DealFilterArgs, YesNo};
use crate::follow_up::input::intent_level;
use crate::pipeline::input::{lost_reason, stage};
use crate::term::input::date;
use crate::vehicle::input::{body_type, powertrain, yuan};
use crm_core::{
    AmountRange, Code, CustomerFilter, IntentLevel, PipelineStatus, Rule, ValidationError,
};

/// Each of `values` read by `read`, the field named `{field}[i]`.
fn each<T>(
    field: &str,
    values: &[String],
    read: impl Fn(&str, &str) -> Result<T, ValidationError>,
) -> Result<Vec<T>, ValidationError> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| read(&format!("{field}[{i}]"), v))
        .collect()
}

/// A pipeline status: a stage (see [`stage`]) or `lost-requested`, `dormant-requested`,
/// `lost` (战败), `dormant` (休眠).
fn status(field: &str, text: &str) -> Result<PipelineStatus, ValidationError> {
    let word = text.trim().to_lowercase().replace('-', "_");
    let side = match word.as_str() {
        "战败" => Some(PipelineStatus::Lost),
        "休眠" => Some(PipelineStatus::Dormant),
        "战败待审批" => Some(PipelineStatus::LostRequested),
        "休眠待审批" => Some(PipelineStatus::DormantRequested),
        code => PipelineStatus::from_code(code).filter(|s| s.stage().is_none()),
    };
    match side {
        Some(s) => Ok(s),
        None => stage(field, text)
            .map(PipelineStatus::InStage)
            .map_err(|_| {
                ValidationError::new(
                    field,
                    Rule::Malformed {
                        expected: "a stage (new-lead ... delivered), lost-requested, \
                                   dormant-requested, lost or dormant",
                    },
                )
            }),
    }
}

/// `MIN-MAX` in yuan, either end open.
fn budget(text: &str) -> Result<AmountRange, ValidationError> {
    let (min, max) = text.trim().split_once('-').ok_or_else(|| {
        ValidationError::new(
            "budget",
            Rule::Malformed {
                expected: "a range MIN-MAX in yuan: 15万-20万, 150000- or -200000",
            },
        )
    })?;
    let end = |field, t: &str| {
        let t = t.trim();
        (!t.is_empty()).then(|| yuan(field, t)).transpose()
    };
    Ok(AmountRange {
        min: end("budget.min", min)?,
        max: end("budget.max", max)?,
    })
}

/// `FROM..TO` as two optional dates, errors on `{name}_from` / `{name}_to`.
type DayRange = (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>);

fn days(name: &str, text: Option<&str>) -> Result<DayRange, ValidationError> {
    let Some(text) = text else {
        return Ok((None, None));
    };
    let from_field = format!("{name}_from");
    let (from, to) = text.split_once("..").ok_or_else(|| {
        ValidationError::new(
            from_field.as_str(),
            Rule::Malformed {
                expected: "a range FROM..TO of dates YYYY-MM-DD",
            },
        )
    })?;
    Ok((date(&from_field, from)?, date(&format!("{name}_to"), to)?))
}

/// `filter` with the deal dimensions the options describe (not yet validated as a whole).
pub fn with_deal(
    args: &DealFilterArgs,
    filter: CustomerFilter,
) -> Result<CustomerFilter, ValidationError> {
    let (ordered_from, ordered_to) = days("ordered", args.ordered.as_deref())?;
    let (delivered_from, delivered_to) = days("delivered", args.delivered.as_deref())?;
    Ok(CustomerFilter {
        levels: each("levels", &args.levels, |field, v| {
            intent_level(v).map_err(|e| ValidationError::new(field, e.rule))
        })?,
        stages: each("stages", &args.stages, status)?,
        brands: args.brands.clone(),
        series: args.series.clone(),
        body_types: each("body_types", &args.body_types, body_type)?,
        powertrains: each("powertrains", &args.powertrains, powertrain)?,
        budget: args.budget.as_deref().map(budget).transpose()?,
        has_trade_in: args.trade_in.map(|t| t == YesNo::Yes),
        has_open_deal: args.open_deal.map(|t| t == YesNo::Yes),
        lost_reasons: each("lost_reasons", &args.lost_reasons, lost_reason)?,
        ordered_from,
        ordered_to,
        delivered_from,
        delivered_to,
        ..filter
    })
}

/// A code as an option value: `test-driven`, `lost-requested`.
fn option_word(code: &str) -> String {
    code.replace('_', "-")
}

/// The deal options that give `f`'s deal dimensions back, in the order of `--help`.
pub fn deal_options(f: &CustomerFilter, push: &mut dyn FnMut(&str, Option<String>)) {
    let joined = |codes: Vec<&str>| (!codes.is_empty()).then(|| option_word(&codes.join(",")));
    let letters: Vec<&str> = f.levels.iter().map(|l: &IntentLevel| l.letter()).collect();
    if let Some(v) = (!letters.is_empty()).then(|| letters.join(",")) {
        push("level", Some(v));
    }
    if let Some(v) = joined(f.stages.iter().map(|s| s.code()).collect()) {
        push("stage", Some(v));
    }
    for b in &f.brands {
        push("brand", Some(b.clone()));
    }
    for s in &f.series {
        push("series", Some(s.clone()));
    }
    if let Some(v) = joined(f.body_types.iter().map(|b| b.code()).collect()) {
        push("body-type", Some(v));
    }
    if let Some(v) = joined(f.powertrains.iter().map(|p| p.code()).collect()) {
        push("powertrain", Some(v));
    }
    if let Some(b) = f.budget {
        let end = |v: Option<crm_core::Fen>| v.map(|v| v.to_string()).unwrap_or_default();
        push("budget", Some(format!("{}-{}", end(b.min), end(b.max))));
    }
    if let Some(yes) = f.has_trade_in {
        push("trade-in", Some(if yes { "yes" } else { "no" }.to_owned()));
    }
    if let Some(yes) = f.has_open_deal {
        push("open-deal", Some(if yes { "yes" } else { "no" }.to_owned()));
    }
    if let Some(v) = joined(f.lost_reasons.iter().map(|r| r.code()).collect()) {
        push("lost-reason", Some(v));
    }
    for (option, from, to) in [
        ("ordered", f.ordered_from, f.ordered_to),
        ("delivered", f.delivered_from, f.delivered_to),
    ] {
        if from.is_some() || to.is_some() {
            let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            push(option, Some(format!("{}..{}", day(from), day(to))));
        }
    }
}
