//! `crm demo`: fill an empty database with a generated dealership, then show its overview.

use crate::cli::DemoArgs;
use crate::database::open_or_create;
use crate::exit::Failure;
use crate::output::Output;
use crate::overview::Overview;
use crate::text;
use chrono::{DateTime, SubsecRound, Utc};
use crm_core::{Rule, ValidationError};
use crm_examples::generator::generate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

/// Customers per transaction.
const CHUNK: usize = 5_000;

/// What the demo run did.
#[derive(Debug, Serialize)]
struct DemoRun {
    /// Customers generated and stored.
    customers: u64,
    /// The generator's seed.
    seed: u64,
    /// The generator's anchor.
    anchor: DateTime<Utc>,
    /// Wall time of generating and storing, in seconds.
    seconds: f64,
}

/// The `--json` output: the run and the overview, side by side.
#[derive(Debug, Serialize)]
struct DemoReport {
    demo: DemoRun,
    #[serde(flatten)]
    overview: Overview,
}

/// A progress bar on stderr, hidden for JSON output or when stderr is not a terminal.
fn progress_bar(len: u64, json: bool) -> ProgressBar {
    if json || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {human_pos}/{human_len} customers ({eta} left)",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Runs `crm demo`.
pub fn run(db: &Path, args: &DemoArgs, output: Output) -> Result<(), Failure> {
    let now = Utc::now().trunc_subsecs(0);
    let anchor = args.anchor.unwrap_or(now);
    if anchor > now {
        return Err(ValidationError::new("anchor", Rule::InFuture).into());
    }
    let store = open_or_create(db)?;
    let existing = store.count_customers(true)?;
    if existing > 0 {
        return Err(Failure::NotEmpty {
            path: db.to_path_buf(),
            customers: existing,
        });
    }

    let bar = progress_bar(args.customers, output.json);
    let started = Instant::now();
    let count = usize::try_from(args.customers).unwrap_or(usize::MAX);
    for batch in generate(args.seed, count, anchor).chunks(CHUNK) {
        store.import_customers(&batch)?;
        bar.inc(batch.len() as u64);
    }
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();

    let report = DemoReport {
        demo: DemoRun {
            customers: args.customers,
            seed: args.seed,
            anchor,
            seconds: (seconds * 1000.0).round() / 1000.0,
        },
        overview: Overview::load(&store)?,
    };
    output.print(&report, || {
        format!(
            "Generated {} customers (seed {}) in {:.2} s ({:.0} per second).\n\n{}",
            report.demo.customers,
            report.demo.seed,
            seconds,
            report.demo.customers as f64 / seconds.max(f64::EPSILON),
            text::overview(&report.overview)
        )
    })
}
