//! The deal options of `customer list` and `view save` (intent level, pipeline status,
//! intended vehicle, budget, trade-in, lost reason, order and delivery dates): to the deal
//! dimensions of a [`CustomerFilter`], and back to options for `view list`.

use crate::follow_input;
use crate::input;
use crate::pipeline_input::{body_type, lost_reason, powertrain, stage, yuan};
use clap::{Args, ValueEnum};
use crm_core::{
    AmountRange, Code, CustomerFilter, IntentLevel, PipelineStatus, Rule, ValidationError,
};

/// The deal options (flattened into the filter options).
#[derive(Debug, Default, Args)]
pub struct DealFilterArgs {
    /// Intent level N, H, A, B, C or O; comma-separated or repeated for any of several
    /// (`--level A,H`).
    #[arg(long = "level", value_name = "L", value_delimiter = ',')]
    pub levels: Vec<String>,
    /// Pipeline status: a stage (new-lead, contacted, invited, visited, test-driven,
    /// negotiating, ordered, delivered), a pending request (lost-requested,
    /// dormant-requested) or lost / dormant; comma-separated or repeated for any of several.
    #[arg(long = "stage", value_name = "S", value_delimiter = ',')]
    pub stages: Vec<String>,
    /// Intended brand (品牌), exactly (ASCII case ignored); repeat for any of several. Any
    /// of the customer's intents counts.
    #[arg(long = "brand", value_name = "NAME")]
    pub brands: Vec<String>,
    /// Intended series (车系), what salespeople call the model (途观L); repeat for any of
    /// several.
    #[arg(long = "series", visible_alias = "model", value_name = "NAME")]
    pub series: Vec<String>,
    /// Intended body type: sedan, suv, mpv, hatchback, wagon, coupe, pickup (the intent's
    /// own, else its catalogue model's); comma-separated or repeated.
    #[arg(long = "body-type", value_name = "T", value_delimiter = ',')]
    pub body_types: Vec<String>,
    /// Intended powertrain: petrol, diesel, hev, phev, bev, erev (the intent's own, else its
    /// catalogue model's); comma-separated or repeated.
    #[arg(long = "powertrain", value_name = "P", value_delimiter = ',')]
    pub powertrains: Vec<String>,
    /// A budget range in yuan that an intent's budget overlaps: `15万-20万`, `150000-`
    /// (from), `-200000` (up to). The same intent must match the vehicle options above.
    #[arg(long, value_name = "MIN-MAX", allow_hyphen_values = true)]
    pub budget: Option<String>,
    /// Some intent offers a car in trade (置换): yes, or no for none.
    #[arg(long = "trade-in", value_enum, value_name = "YES|NO")]
    pub trade_in: Option<YesNo>,
    /// Lost reason of a lost request, pending or approved: price, competitor, elsewhere,
    /// postponed, budget, financing-refused, unreachable, other; comma-separated or repeated.
    #[arg(long = "lost-reason", value_name = "R", value_delimiter = ',')]
    pub lost_reasons: Vec<String>,
    /// Has an order (not cancelled) signed from FROM up to, not including, TO:
    /// `2026-01-01..2026-04-01`; either end may be left out (`2026-01-01..`).
    #[arg(long, value_name = "FROM..TO")]
    pub ordered: Option<String>,
    /// Has an order delivered from FROM up to, not including, TO (dates as for `--ordered`).
    #[arg(long, value_name = "FROM..TO")]
    pub delivered: Option<String>,
}

/// Yes or no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum YesNo {
    /// Yes.
    Yes,
    /// No.
    No,
}

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
    Ok((
        input::date(&from_field, from)?,
        input::date(&format!("{name}_to"), to)?,
    ))
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
            follow_input::intent(v).map_err(|e| ValidationError::new(field, e.rule))
        })?,
        stages: each("stages", &args.stages, status)?,
        brands: args.brands.clone(),
        series: args.series.clone(),
        body_types: each("body_types", &args.body_types, body_type)?,
        powertrains: each("powertrains", &args.powertrains, powertrain)?,
        budget: args.budget.as_deref().map(budget).transpose()?,
        has_trade_in: args.trade_in.map(|t| t == YesNo::Yes),
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
