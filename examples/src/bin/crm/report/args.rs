//! The command line of the managers' reports: `crm report ...` (clap derive).

use crate::find::args::FilterArgs;
use clap::{Args, Subcommand};
use std::path::PathBuf;

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
    pub fn args(&self) -> &ReportArgs {
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
    /// Also draw the report as a chart into FILE (.svg or .png, 1200 x 700): the funnel with
    /// the conversion between stages, channels as leads and deliveries, consultants side by
    /// side. Needs a CJK font (Debian's fonts-noto-cjk, or CRM_CHART_FONT=FILE).
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
}
