//! `crm demo`: fill an empty database with a generated dealership, then show its overview.

use crate::database::open_for_reading;
use crate::exit::Failure;
use crate::follow_up::agenda::AgendaOverview;
use crate::follow_up::text::agenda_overview;
use crate::overview::{self, Overview};
use crate::term::lang::say;
use crate::term::output::Output;
use chrono::{DateTime, Days, SubsecRound, Utc};
use clap::Args;
use crm_core::{DateWindow, ManualClock, Rule, ValidationError};
use crm_examples::generator::follow_ups::{log_history, Histories, Logged};
use crm_examples::generator::generate;
use crm_examples::generator::pipeline::{apply_pipeline, PipelineTally, Pipelines};
use crm_store::Store;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// `crm demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many customers to generate.
    #[arg(long, value_name = "N", default_value_t = 2_000,
          value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub customers: u64,

    /// Give every N-th customer a follow-up history (1: everyone). Histories are written
    /// through the store's operations, 1,000 customers' per transaction, and each follow-up
    /// costs far more than a customer, so the default keeps them to about 20,000 customers:
    /// every customer up to 20,000, every 10th of 200,000.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub follow_up_every: Option<u64>,

    /// The generator's seed: the same seed (and anchor) gives the same customers.
    #[arg(long, value_name = "S", default_value_t = 42)]
    pub seed: u64,

    /// Customers are created in the 18 months before this instant (RFC 3339, not in the
    /// future). Default: now.
    #[arg(long, value_name = "RFC3339")]
    pub anchor: Option<DateTime<Utc>>,
}

/// Customers per import transaction.
const CHUNK: usize = 5_000;
/// Customers whose follow-up histories and pipelines are written in one transaction.
const HISTORY_BATCH: usize = 1_000;
/// About how many customers get a follow-up history by default.
const HISTORIES: u64 = 20_000;
/// The care window starts this many days before today ...
const CARE_DAYS_BACK: u64 = 30;
/// ... and ends this many days after it.
const CARE_DAYS_AHEAD: u64 = 365;

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
    /// Customers given a follow-up history (every `follow_up_every`-th one).
    with_history: u64,
    /// Follow-ups logged.
    follow_ups: u64,
    /// Intent levels set.
    intent_levels: u64,
    /// Plans left open (overdue, today or later).
    open_plans: u64,
    /// What the pipelines wrote (every `follow_up_every`-th customer has one): intents,
    /// moves, requests approved / pending / rejected, orders, deliveries.
    pipeline: PipelineTally,
    /// Care tasks generated for the delivered cars, due from 30 days ago to a year ahead.
    care_tasks: u64,
    /// Wall time of generating the care tasks, in seconds.
    care_seconds: f64,
    /// Bytes this process wrote to disk (`write_bytes` of `/proc/self/io`; absent where
    /// the system does not count them).
    bytes_written: Option<u64>,
    /// The size of the book it leaves, in bytes (the database file; no log is left).
    file_bytes: u64,
}

/// The `--json` output: the run and the overview, side by side.
#[derive(Debug, Serialize)]
struct DemoReport {
    demo: DemoRun,
    #[serde(flatten)]
    overview: Overview,
    /// Today's agenda of the consultant with the most items.
    agenda: Option<AgendaOverview>,
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
    let clock = Arc::new(ManualClock::new(now));
    let store = Store::open_with_clock(db, clock.clone())?;
    let existing = store.count_customers(true)?;
    let marker = unfinished_marker(db);
    if existing > 0 {
        return Err(Failure::NotEmpty {
            path: db.to_path_buf(),
            customers: existing,
            unfinished: marker.exists().then_some(marker),
        });
    }
    // Until the demo has written everything, this file says so: a demo killed half-way
    // leaves it, and the next `crm demo` says how to start again.
    std::fs::write(&marker, "a crm demo is writing this book\n").map_err(|error| {
        Failure::Output(std::io::Error::new(
            error.kind(),
            format!("{}: {error}", marker.display()),
        ))
    })?;
    // The demo's histories are in the store's zone (the default until set).
    let zone = store.settings()?.zone;
    let histories = Histories::new(args.seed, anchor, zone);
    let pipelines = Pipelines::new(args.seed, anchor, zone);
    let every = args
        .follow_up_every
        .unwrap_or(args.customers.div_ceil(HISTORIES))
        .max(1);

    let bar = progress_bar(args.customers, output.json);
    let started = Instant::now();
    let count = usize::try_from(args.customers).unwrap_or(usize::MAX);
    let mut logged = Logged::default();
    let mut tally = PipelineTally::default();
    let mut with_history = 0;
    let mut index = 0u64;
    for batch in generate(args.seed, count, anchor).chunks(CHUNK) {
        clock.set(now);
        let ids = store.import_customers(&batch)?;
        let customers: Vec<_> = ids.iter().zip(&batch).collect();
        // Each group's histories and pipelines in one transaction, as an app loads a
        // day's data: a commit per follow-up would write the same pages over and over.
        for group in customers.chunks(HISTORY_BATCH) {
            store.batch(|store| {
                for (id, customer) in group {
                    if index.is_multiple_of(every) {
                        let owner = customer.customer.owner.as_deref();
                        let history = histories.history(index, customer);
                        logged += log_history(store, &clock, id, owner, &history)?;
                        let plan = pipelines.pipeline(index, id, customer);
                        tally += apply_pipeline(store, &clock, id, owner, &plan)?;
                        with_history += 1;
                    }
                    index += 1;
                }
                Ok(())
            })?;
            bar.inc(group.len() as u64);
        }
    }
    clock.set(now);
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    // Care after the sale: the delivered cars' tasks from a month back (some overdue, the
    // recent deliveries' calls due about now) to a year ahead.
    let care_started = Instant::now();
    let today = zone.local_date(now);
    let care = store.generate_care(DateWindow::new(
        today - Days::new(CARE_DAYS_BACK),
        today + Days::new(CARE_DAYS_AHEAD),
    )?)?;
    let care_seconds = care_started.elapsed().as_secs_f64();
    drop(store);
    std::fs::remove_file(&marker)?;
    let bytes_written = bytes_written();
    let file_bytes = std::fs::metadata(db).map_or(0, |m| m.len());
    // The overview reads as of the real now.
    let store = open_for_reading(db)?;

    let report = DemoReport {
        demo: DemoRun {
            customers: args.customers,
            seed: args.seed,
            anchor,
            seconds: (seconds * 1000.0).round() / 1000.0,
            with_history,
            follow_ups: logged.follow_ups,
            intent_levels: logged.intents,
            open_plans: logged.open_plans,
            pipeline: tally,
            care_tasks: care.added,
            care_seconds: (care_seconds * 1000.0).round() / 1000.0,
            bytes_written,
            file_bytes,
        },
        overview: Overview::load(&store)?,
        agenda: AgendaOverview::busiest(&store)?,
    };
    output.print(&report, || {
        let mut out = say!(
            "已生成 {} 位客户（种子 {}），跟进记录 {} 条，意向级别 {} 个，待跟进计划 {} 个，\
             用时 {:.2} 秒（每秒 {:.0} 位客户）。\n\n{}",
            "Generated {} customers (seed {}) with {} follow-ups, {} intent levels and {} open \
             plans in {:.2} s ({:.0} customers per second).\n\n{}",
            report.demo.customers,
            report.demo.seed,
            report.demo.follow_ups,
            report.demo.intent_levels,
            report.demo.open_plans,
            seconds,
            report.demo.customers as f64 / seconds.max(f64::EPSILON),
            overview::text(&report.overview)
        );
        let p = &report.demo.pipeline;
        out.push_str(&say!(
            "\n销售漏斗：购车意向 {} 个，阶段变动 {} 次，订单 {} 个，交车 {} 台；已批准战败 {} 位、\
             休眠 {} 位，驳回 {} 位，待审批 {} 位（`crm requests`）。\n",
            "\nPipelines: {} intents, {} moves, {} orders, {} deliveries (cars); {} lost and \
             {} dormant approved, {} rejected, {} requests pending (`crm requests`).\n",
            p.intents,
            p.moves,
            p.orders,
            p.deliveries,
            p.lost,
            p.dormant,
            p.rejected,
            p.pending
        ));
        out.push_str(&say!(
            "客户关怀：已交车辆的关怀任务 {} 项，用时 {:.2} 秒（`crm care list`）。\n",
            "Care: {} tasks for the delivered cars in {:.2} s (`crm care list`).\n",
            report.demo.care_tasks,
            report.demo.care_seconds
        ));
        if let Some(written) = report.demo.bytes_written {
            out.push_str(&say!(
                "磁盘：为 {1:.1} MB 的客户簿写入 {0:.1} MB（每保留 1 字节写入 {2:.1} 字节）。\n",
                "Disk: wrote {:.1} MB for a {:.1} MB book ({:.1} bytes written per byte kept).\n",
                written as f64 / 1e6,
                report.demo.file_bytes as f64 / 1e6,
                written as f64 / (report.demo.file_bytes.max(1)) as f64
            ));
        }
        if let Some(agenda) = &report.agenda {
            out.push('\n');
            out.push_str(&agenda_overview(agenda));
        }
        out
    })
}

/// The file beside `db` that marks a demo still writing it (`BOOK.demo-unfinished`).
fn unfinished_marker(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".demo-unfinished");
    PathBuf::from(name)
}

/// Bytes this process has written to disk so far (`write_bytes` in `/proc/self/io`), where
/// the system counts them.
fn bytes_written() -> Option<u64> {
    let io = std::fs::read_to_string("/proc/self/io").ok()?;
    io.lines()
        .find_map(|line| line.strip_prefix("write_bytes:"))
        .and_then(|n| n.trim().parse().ok())
}
