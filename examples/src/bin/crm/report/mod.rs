//! The managers' reports (报表) for a period: the conversion funnel (销售漏斗), channel
//! effectiveness (渠道效果), lost analysis (战败分析), consultant activity (顾问工作量) and
//! intent levels (意向级别); narrowed by the filter options of `customer list`.
//!
//! - `args.rs`: the clap definitions of `crm report ...`.
//! - `run.rs`: `crm report ...`: the period, the consultant and the customers the options
//!   name, the report as JSON, a table or CSV, and its chart.
//! - `chart.rs`: a report drawn as bars into an SVG or PNG file (`--chart`);
//!   `chart_data.rs`: which bars each report draws; `chart_font.rs`: the CJK font.
//! - `text.rs`: a report flattened into a `term::table::Table` (aligned text or CSV), one
//!   function per report.

pub mod args;
mod chart;
mod chart_data;
mod chart_font;
pub mod run;
pub mod text;

pub use run::report;
