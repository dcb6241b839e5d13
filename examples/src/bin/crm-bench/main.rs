//! `crm-bench`: how fast dealer-crm is, side by side with the raw-SQLite floor and the
//! naive way, on the same generated data in the same run. See `BENCHMARKS.md`.
//!
//! ```text
//! crm-bench --customers 20000,200000 [--iterations 300] [--json] [--only-follow-ups]
//! crm-bench --customers 50000 --only-care
//! crm-bench --customers 20000,200000 --only-reports
//! crm-bench --customers 20000 --only-outbox [--iterations 300]
//! crm-bench --customers 5000 --only-download
//! crm-bench --customers 20000 --only-erasure [--iterations 5]
//! crm-bench --customers 100000 --only-export
//! crm-bench --customers 20000 --only-encryption [--iterations 300]   (--features encryption)
//! crm-bench --customers 100000 --only-import [--import-memory-rows 1000000]
//! crm-bench --customers 20000,200000 [--iterations 300] [--json] [--only-follow-ups] [--keep]
//! crm-bench --customers 200000 --only-follow-ups --reuse DIR [--baseline-iterations 100]
//! crm-bench sync --database-url postgres://postgres@127.0.0.1:PORT/postgres [--json]
//! ```

mod care;
mod download;
#[cfg(feature = "encryption")]
mod encryption;
mod erasure;
mod export;
mod floor;
mod follow_up;
mod import;
mod measure;
mod naive;
mod outbox;
mod report;
mod results;
mod reuse;
mod sync;
mod workload;

use clap::Parser;
use results::Row;
use std::process::ExitCode;

/// Benchmarks dealer-crm against the raw-SQLite floor and the naive way.
#[derive(Debug, Parser)]
#[command(name = "crm-bench", version)]
struct Args {
    /// Data sizes to run, comma-separated (each gets a fresh database).
    #[arg(long, value_delimiter = ',', default_value = "20000")]
    customers: Vec<usize>,
    /// Timed runs per operation (each alternates ours and the baseline).
    #[arg(long, default_value_t = 300)]
    iterations: usize,
    /// Generator seed (the same as `crm demo --seed`).
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Print the rows as a JSON array instead of tables.
    #[arg(long)]
    json: bool,
    /// Time only the follow-up operations (agenda, reminders, timeline), after the same
    /// import and follow-up histories.
    #[arg(long)]
    only_follow_ups: bool,
    /// Time only the care runs (a year of care tasks for that many delivered customers,
    /// fresh and re-run; see `care.rs`).
    #[arg(long)]
    only_care: bool,
    /// Time only the funnel and channel reports of a year (on a book with pipelines
    /// recorded through the store; see `report.rs`).
    #[arg(long)]
    only_reports: bool,
    /// Time only what the upload queue costs the writes (create, edit, contacts, follow-up,
    /// stage move), beside a copy of the book without its outbox triggers (see `outbox.rs`).
    #[arg(long)]
    only_outbox: bool,
    /// Time only a first download of a book of that many customers with their histories
    /// into an empty book (`Store::apply_download`; see `download.rs`).
    #[arg(long)]
    only_download: bool,
    /// Time only what encryption at rest costs: search, agenda, list and import on an
    /// encrypted copy of a book beside the plain one (see `encryption.rs`; needs the
    /// `encryption` feature).
    #[arg(long)]
    only_encryption: bool,
    /// Time only what cleaning the file costs when a customer leaves the book: a deletion,
    /// an erasure (with its `VACUUM`) and a download that evicts one customer, each beside
    /// the same operation cleaned another way; `--iterations` of each (see `erasure.rs`).
    #[arg(long)]
    only_erasure: bool,
    /// Time only the spreadsheet import of a CSV sheet of that many customers against the
    /// store's bulk import of the same customers (see `import.rs`).
    #[arg(long)]
    only_import: bool,
    /// With --only-import: also import sheets of a tenth of this many rows and of this many
    /// in a child process each, and report their peak memory (0: not measured).
    #[arg(long, default_value_t = 0)]
    import_memory_rows: usize,
    /// Time only the customer exports (CSV and xlsx) beside the plain paging of the same
    /// rows, with each one's peak memory (see `export.rs`).
    #[arg(long)]
    only_export: bool,
    /// Keep the database files of each size (the report says where).
    #[arg(long)]
    keep: bool,
    /// Measure the follow-up operations on the database a `--keep` run left in DIR (one
    /// size, with --only-follow-ups) instead of building one; its indexes and triggers are
    /// first made the current schema's.
    #[arg(long, value_name = "DIR", requires = "only_follow_ups")]
    reuse: Option<std::path::PathBuf>,
    /// Timed runs of each follow-up operation's baseline (spread evenly among ours; the
    /// scans take up to a second each at 200,000). Defaults to --iterations.
    #[arg(long)]
    baseline_iterations: Option<usize>,
    /// Another mode instead of the store's workloads.
    #[command(subcommand)]
    mode: Option<Mode>,
}

/// The modes that measure something other than one book.
#[derive(Debug, clap::Subcommand)]
enum Mode {
    /// The sync with the dealership's server (crm-server on PostgreSQL): a phone's first
    /// sync, incremental syncs, many devices uploading at once; see `sync/`.
    Sync(sync::SyncArgs),
    /// Imports a sheet into a new book and prints the process's peak memory (KiB): the
    /// child process of --only-import's memory figures.
    #[command(hide = true)]
    ImportChild {
        /// The sheet.
        sheet: std::path::PathBuf,
        /// The new book.
        db: std::path::PathBuf,
    },
}

/// Prints the rows as JSON or as the table followed by the notes.
fn print(rows: &[Row], notes: &[String], json: bool) -> ExitCode {
    if json {
        match serde_json::to_string_pretty(rows) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("crm-bench: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        println!("{}", results::table(rows));
        for note in notes {
            println!("{note}");
        }
    }
    ExitCode::SUCCESS
}

/// The encryption rows, or why there are none.
#[cfg(feature = "encryption")]
fn encrypted(size: usize, seed: u64, iterations: usize, dir: &std::path::Path) -> Outcome {
    encryption::run(size, seed, iterations.max(1), dir)
}

/// The encryption rows, or why there are none.
#[cfg(not(feature = "encryption"))]
fn encrypted(_: usize, _: u64, _: usize, _: &std::path::Path) -> Outcome {
    Err("built without the `encryption` feature (cargo build --features encryption)".into())
}

/// One mode's rows and note.
type Outcome = Result<(Vec<Row>, String), Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    let args = Args::parse();
    if let Some(Mode::Sync(sync)) = &args.mode {
        return match sync::run(sync) {
            Ok((rows, notes)) => print(&rows, &notes, sync.json),
            Err(e) => {
                eprintln!("crm-bench sync: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if let Some(Mode::ImportChild { sheet, db }) = &args.mode {
        return match import::child(sheet, db) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("crm-bench import-child: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut notes = Vec::new();
    if args.reuse.is_some() && args.customers.len() != 1 {
        eprintln!("crm-bench: --reuse measures one size");
        return ExitCode::FAILURE;
    }
    for &size in &args.customers {
        if args.only_care
            || args.only_reports
            || args.only_outbox
            || args.only_download
            || args.only_encryption
            || args.only_erasure
            || args.only_import
            || args.only_export
        {
            let run = |dir: &std::path::Path| {
                if args.only_care {
                    care::run(size, args.seed, dir)
                } else if args.only_reports {
                    report::run(size, args.seed, dir)
                } else if args.only_download {
                    download::run(size, args.seed, dir)
                } else if args.only_import {
                    import::run(size, args.import_memory_rows, dir)
                } else if args.only_export {
                    export::run(size, args.seed, dir)
                } else if args.only_encryption {
                    encrypted(size, args.seed, args.iterations, dir)
                } else if args.only_erasure {
                    erasure::run(size, args.seed, args.iterations.max(1), dir)
                } else {
                    outbox::run(size, args.seed, args.iterations, dir)
                }
            };
            match tempfile::tempdir()
                .map_err(Into::into)
                .and_then(|dir| run(dir.path()))
            {
                Ok((r, note)) => {
                    rows.extend(r);
                    notes.push(note);
                }
                Err(e) => {
                    eprintln!("crm-bench: size {size}: {e}");
                    return ExitCode::FAILURE;
                }
            }
            continue;
        }
        match workload::run(
            size,
            workload::Options {
                seed: args.seed,
                iterations: args.iterations.max(1),
                only_follow_ups: args.only_follow_ups,
                keep: args.keep,
                reuse: args.reuse.as_deref(),
                baseline_iterations: args
                    .baseline_iterations
                    .unwrap_or(args.iterations)
                    .clamp(1, args.iterations.max(1)),
            },
        ) {
            Ok(result) => {
                rows.extend(result.rows);
                notes.push(result.note);
            }
            Err(e) => {
                eprintln!("crm-bench: size {size}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let peak = workload::status_kib("VmHWM:");
    let anon = workload::status_kib("RssAnon:");
    if args.json {
        match serde_json::to_string_pretty(&rows) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("crm-bench: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        println!("{}", results::table(&rows));
        if let Some(growth) = results::growth(&rows) {
            println!("{growth}");
        }
        for note in notes {
            println!("{note}");
        }
        if let (Some(peak), Some(anon)) = (peak, anon) {
            println!(
                "memory: peak resident {:.0} MiB (VmHWM, counts the memory-mapped database files); \
                 heap and stacks at the end {:.0} MiB (RssAnon)",
                peak as f64 / 1024.0,
                anon as f64 / 1024.0
            );
        }
    }
    ExitCode::SUCCESS
}
