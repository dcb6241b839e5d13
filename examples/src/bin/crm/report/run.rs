//! `crm report funnel|channels|lost|consultants|intents` (报表): a period's report as a table,
//! as CSV (`--csv`), or as the library's records (`--json`), narrowed by the filter options
//! of `customer list`.

use crate::cli::FilterArgs;
use crate::database::open_for_reading;
use crate::exit::Failure;
use crate::filter;
use crate::input;
use crate::output::Output;
use crate::report_table::{channel_table, funnel_table, median, percent, yuan, Table};
use chrono::{Days, Months, NaiveDate, Utc};
use clap::{Args, Subcommand};
use crm_core::{Code, CustomerFilter, DealershipZone, ReportPeriod};
use crm_store::Store;
use std::io::Write;
use std::path::Path;

/// The reports.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The conversion funnel (销售漏斗) of the customers who came in the period: how many got
    /// to each stage, of those how many it happened to (reached) and how many a jump carried
    /// past it (skipped), the conversion from the previous stage and the median days it took.
    Funnel(ReportArgs),
    /// Channel effectiveness (渠道效果): per source channel, leads, visits, test drives, orders,
    /// deliveries, conversion, median days to close and revenue.
    Channels(ReportArgs),
    /// Lost analysis (战败分析): the losses approved in the period by reason and by competitor.
    Lost(ReportArgs),
    /// Consultant activity (顾问工作量): new leads, follow-ups, median first response from
    /// assignment, responses due and answered within the dealership's deadline (`crm
    /// settings`), orders, deliveries and revenue.
    Consultants(ReportArgs),
    /// Intent levels (意向级别): the open customers' levels at the period's end and how levels
    /// moved over the period.
    Intents(ReportArgs),
}

impl ReportCommand {
    /// The arguments, whichever the report.
    fn args(&self) -> &ReportArgs {
        match self {
            ReportCommand::Funnel(a)
            | ReportCommand::Channels(a)
            | ReportCommand::Lost(a)
            | ReportCommand::Consultants(a)
            | ReportCommand::Intents(a) => a,
        }
    }
}

/// The period, the customers and the form of a report.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The first day (YYYY-MM-DD, the dealership's zone); default: a year before `--to`.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// The last day included (YYYY-MM-DD, the dealership's zone); default: today.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Which customers: the options of `customer list`. One `--owner` is the report's
    /// consultant (their customers by owner, and their activity); several narrow to the
    /// customers owned by any of them. With no other option every customer counts,
    /// archived ones included; with any, the filter applies as in `customer list` (active
    /// customers only unless `--archived` or `--only-archived`).
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print the table as CSV (a header line, then one line per row; `--json` wins).
    #[arg(long)]
    pub csv: bool,
}

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
    let (consultant, customers) = consultant_and_customers(&args.filter)?;
    let day = |field: &str, text: &Option<String>| -> Result<Option<NaiveDate>, Failure> {
        match text {
            Some(t) => Ok(input::date(field, t)?),
            None => Ok(None),
        }
    };
    let last = day("to", &args.to)?.unwrap_or_else(|| zone.local_date(Utc::now()));
    let first = match day("from", &args.from)? {
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

/// The report `command` names, as records (for `--json`), as a table, and its heading.
fn build(
    store: &Store,
    command: &ReportCommand,
) -> Result<(serde_json::Value, Table, String), Failure> {
    let zone = store.settings()?.zone;
    let (p, first, last) = period(command.args(), &zone)?;
    let (json, table) = match command {
        ReportCommand::Funnel(_) => {
            let r = store.funnel_report(&p)?;
            (serde_json::to_value(&r)?, funnel_table(&r))
        }
        ReportCommand::Channels(_) => {
            let r = store.channel_report(&p)?;
            (serde_json::to_value(&r)?, channel_table(&r))
        }
        ReportCommand::Lost(_) => {
            let r = store.lost_report(&p)?;
            let reasons = r.by_reason.iter().map(|row| {
                vec![
                    "reason".to_owned(),
                    row.reason.code().to_owned(),
                    row.count.to_string(),
                    percent(Some(row.share_bp)),
                ]
            });
            let competitors = r.by_competitor.iter().map(|row| {
                vec![
                    "competitor".to_owned(),
                    row.competitor.clone(),
                    row.count.to_string(),
                    percent(Some(row.share_bp)),
                ]
            });
            let table = Table {
                header: vec!["by", "name", "count", "share_pct"],
                rows: reasons.chain(competitors).collect(),
                notes: vec![format!(
                    "lost {}, {} to a named competitor",
                    r.total, r.with_competitor
                )],
            };
            (serde_json::to_value(&r)?, table)
        }
        ReportCommand::Consultants(_) => {
            let rows = store.consultant_report(&p)?;
            let table = Table {
                header: vec![
                    "consultant",
                    "new_leads",
                    "uncontacted",
                    "follow_ups",
                    "median_first_response_min",
                    "responses_due",
                    "in_time",
                    "in_time_pct",
                    "orders",
                    "deliveries",
                    "revenue_yuan",
                ],
                rows: rows
                    .iter()
                    .map(|row| {
                        vec![
                            row.consultant
                                .clone()
                                .unwrap_or_else(|| "(none)".to_owned()),
                            row.new_leads.to_string(),
                            row.uncontacted.to_string(),
                            row.follow_ups.to_string(),
                            median(row.median_first_response_minutes),
                            row.first_responses_due.to_string(),
                            row.first_responses_in_time.to_string(),
                            percent(row.first_response_in_time_bp),
                            row.orders.to_string(),
                            row.deliveries.to_string(),
                            yuan(row.revenue_fen),
                        ]
                    })
                    .collect(),
                notes: Vec::new(),
            };
            (serde_json::to_value(&rows)?, table)
        }
        ReportCommand::Intents(_) => {
            let r = store.intent_report(&p)?;
            let levels = r.distribution.iter().map(|row| {
                vec![
                    "level".to_owned(),
                    String::new(),
                    row.level.code().to_owned(),
                    row.customers.to_string(),
                    percent(Some(row.share_bp)),
                ]
            });
            let moves = r.movement.iter().map(|row| {
                vec![
                    "movement".to_owned(),
                    row.from.code().to_owned(),
                    row.to.code().to_owned(),
                    row.customers.to_string(),
                    String::new(),
                ]
            });
            let table = Table {
                header: vec!["part", "from", "level", "customers", "share_pct"],
                rows: levels.chain(moves).collect(),
                notes: vec![format!("open customers {}", r.open_customers)],
            };
            (serde_json::to_value(&r)?, table)
        }
    };
    let heading = format!(
        "{first} to {last} ({}){}",
        zone.name(),
        p.consultant
            .as_deref()
            .map(|c| format!(", consultant {c}"))
            .unwrap_or_default()
    ) + if p.customers.is_some() {
        ", filtered customers"
    } else {
        ""
    };
    Ok((json, table, heading))
}

/// Runs `crm report ...`.
pub fn run(db: &Path, command: &ReportCommand, output: Output) -> Result<(), Failure> {
    let store = open_for_reading(db)?;
    let (json, table, heading) = build(&store, command)?;
    if command.args().csv && !output.json {
        let mut out = std::io::stdout().lock();
        out.write_all(&table.csv()?)?;
        out.flush()?;
        return Ok(());
    }
    output.print(&json, || format!("{heading}\n\n{}", table.text()))
}
