//! `crm report funnel|channels|lost|consultants|intents` (报表): a period's report as a table,
//! as CSV (`--csv`), or as the library's records (`--json`), narrowed by the filter options
//! of `customer list`.

use crate::customer::text::owner_text;
use crate::database::open_for_reading;
use crate::exit::Failure;
use crate::find::args::FilterArgs;
use crate::find::filter;
use crate::report::args::{ReportArgs, ReportCommand};
use crate::report::chart::{self, Chart, Format};
use crate::report::chart_data::{channel_chart, consultant_chart, funnel_chart};
use crate::report::text::{
    channel_table, consultant_table, funnel_table, intent_table, lost_table,
};
use crate::term::input;
use crate::term::lang::{pick, say};
use crate::term::output::Output;
use crate::term::table::Table;
use chrono::{Days, Months, NaiveDate, Utc};
use crm_core::{
    ChannelReport, ConsultantRow, CustomerFilter, DealershipZone, FunnelReport, IntentReport,
    LostReport, ReportPeriod,
};
use crm_store::Store;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The first day of the 12 months that end with `last`: the day after the same date a year
/// back.
pub fn first_of_year_to(last: NaiveDate) -> NaiveDate {
    last.checked_sub_months(Months::new(12))
        .and_then(|d| d.checked_add_days(Days::new(1)))
        .unwrap_or(last)
}

/// The consultant and the customer filter the filter options name: one `--owner` is the
/// consultant, not a filter dimension; a filter equal to no option at all is none.
fn consultant_and_customers(
    args: &FilterArgs,
) -> Result<(Option<String>, Option<CustomerFilter>), Failure> {
    let mut customers = filter::filter(args)?;
    let consultant = match customers.owners.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    };
    if consultant.is_some() {
        customers.owners.clear();
    }
    let customers = (customers != CustomerFilter::default()).then_some(customers);
    Ok((consultant, customers))
}

/// The period the arguments name, in the dealership's zone: `--from`'s start to the end of
/// `--to` (today when missing); `--from` defaults to the day after the same date a year back.
fn period(
    args: &ReportArgs,
    zone: &DealershipZone,
) -> Result<(ReportPeriod, NaiveDate, NaiveDate), Failure> {
    period_of(&args.from, &args.to, &args.filter, zone)
}

/// [`period`] from its options: the days and the customer filter.
pub fn period_of(
    from: &Option<String>,
    to: &Option<String>,
    filter: &FilterArgs,
    zone: &DealershipZone,
) -> Result<(ReportPeriod, NaiveDate, NaiveDate), Failure> {
    let (consultant, customers) = consultant_and_customers(filter)?;
    let day = |field: &str, text: &Option<String>| -> Result<Option<NaiveDate>, Failure> {
        match text {
            Some(t) => Ok(input::date(field, t)?),
            None => Ok(None),
        }
    };
    let last = day("to", to)?.unwrap_or_else(|| zone.local_date(Utc::now()));
    let first = match day("from", from)? {
        Some(d) => d,
        None => first_of_year_to(last),
    };
    let period = ReportPeriod {
        from: zone.start_of(first),
        to: zone.end_of(last),
        consultant,
        customers,
    };
    Ok((period.validate()?, first, last))
}

/// A report's records as the library's types serialize them, fields in their declared
/// order (the order the README documents).
#[derive(Serialize)]
#[serde(untagged)]
enum Records {
    Funnel(FunnelReport),
    Channels(ChannelReport),
    Lost(LostReport),
    Consultants(Vec<ConsultantRow>),
    Intents(IntentReport),
}

/// The report `command` names, as records (for `--json`), as a table, and its heading.
fn build(store: &Store, command: &ReportCommand) -> Result<(Records, Table, String), Failure> {
    let zone = store.settings()?.zone;
    let (p, first, last) = period(command.args(), &zone)?;
    let (table, json) = match command {
        ReportCommand::Funnel(_) => {
            let r = store.funnel_report(&p)?;
            (funnel_table(&r), Records::Funnel(r))
        }
        ReportCommand::Channels(_) => {
            let r = store.channel_report(&p)?;
            (channel_table(&r), Records::Channels(r))
        }
        ReportCommand::Lost(_) => {
            let r = store.lost_report(&p)?;
            (lost_table(&r), Records::Lost(r))
        }
        ReportCommand::Consultants(_) => {
            let rows = store.consultant_report(&p)?;
            (consultant_table(&rows), Records::Consultants(rows))
        }
        ReportCommand::Intents(_) => {
            let r = store.intent_report(&p)?;
            (intent_table(&r), Records::Intents(r))
        }
    };
    // The period comes first, before " (": the chart's title takes it from there.
    let heading = say!("{} 至 {}", "{} to {}", first, last)
        + &format!(" ({})", zone.name())
        + &p.consultant
            .as_deref()
            .map(|c| say!("，顾问 {}", ", consultant {}", owner_text(Some(c))))
            .unwrap_or_default()
        + if p.customers.is_some() {
            pick("，筛选后的客户", ", filtered customers")
        } else {
            ""
        };
    Ok((json, table, heading))
}

/// The chart file `--chart` names and its format, checked before the book is opened: a
/// `.svg` or `.png` file, for the funnel, the channels or the consultants.
fn chart_target(command: &ReportCommand) -> Result<Option<(&Path, Format)>, Failure> {
    let Some(path) = command.args().chart.as_deref() else {
        return Ok(None);
    };
    if matches!(command, ReportCommand::Lost(_) | ReportCommand::Intents(_)) {
        return Err(
            input::malformed("--chart", "given for funnel, channels or consultants").into(),
        );
    }
    let format = Format::of(path)
        .ok_or_else(|| input::malformed("--chart", "a file name ending in .svg or .png"))?;
    Ok(Some((path, format)))
}

/// The chart of `records`, when the report has one.
fn chart_of(records: &Records, period: &str) -> Option<Chart> {
    match records {
        Records::Funnel(r) => Some(funnel_chart(r, period)),
        Records::Channels(r) => Some(channel_chart(r, period)),
        Records::Consultants(rows) => Some(consultant_chart(rows, period)),
        Records::Lost(_) | Records::Intents(_) => None,
    }
}

/// Runs `crm report ...`.
pub fn report(db: &Path, command: &ReportCommand, output: Output) -> Result<(), Failure> {
    let target = chart_target(command)?;
    let store = open_for_reading(db)?;
    let (json, table, heading) = build(&store, command)?;
    if let Some((path, format)) = target {
        let period = heading.split(" (").next().unwrap_or(&heading);
        if let Some(chart) = chart_of(&json, period) {
            chart::draw(&chart, path, format)?;
        }
    }
    if command.args().csv && !output.json {
        let mut out = std::io::stdout().lock();
        out.write_all(&table.csv()?)?;
        out.flush()?;
        return Ok(());
    }
    output.print(&json, || format!("{heading}\n\n{}", table.text()))
}
