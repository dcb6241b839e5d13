//! `crm-bench sync`: the sync with the dealership's server, against PostgreSQL's own speed,
//! on a database of its own in the cluster given by `--database-url` and `crm-server serve`
//! child processes on loopback.
//!
//! - `book.rs`: a consultant's book filled as `crm demo` fills one.
//! - `server.rs`: the benchmark's database and the server processes.
//! - `first.rs`: a phone's first sync, beside `COPY` of the same rows (the floor).
//! - `incremental.rs`: 100 edits synced, beside an empty sync.
//! - `devices.rs`: many devices uploading at once, beside plain `INSERT`s.
//! - `transfer.rs`: a manager's transfer of the consultant's whole book, beside one
//!   `UPDATE` of the owners.

mod book;
mod devices;
mod first;
mod incremental;
mod server;
mod transfer;

use crate::measure::Samples;
use crate::results::Row;
use clap::Args;
use server::{Database, Server};
use std::path::PathBuf;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// `crm-bench sync`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// A PostgreSQL cluster, `postgres://USER@HOST:PORT/DATABASE` (any database of it; the
    /// benchmark creates and drops databases of its own). `scripts/pg-cluster.sh start`
    /// starts a throwaway one.
    #[arg(long, value_name = "URL")]
    pub database_url: String,
    /// The `crm-server` program (default: the one beside `crm-bench`).
    #[arg(long, value_name = "PATH")]
    pub server_bin: Option<PathBuf>,
    /// Customers of the consultant whose first sync is timed (each with a history).
    #[arg(long, default_value_t = 5_000)]
    pub customers: usize,
    /// Timed first syncs (each of a fresh book).
    #[arg(long, default_value_t = 3)]
    pub first_runs: usize,
    /// Edits per incremental sync.
    #[arg(long, default_value_t = 100)]
    pub edits: usize,
    /// Incremental syncs timed (each followed by an empty one).
    #[arg(long, default_value_t = 30)]
    pub rounds: usize,
    /// Devices uploading at once.
    #[arg(long, default_value_t = 20)]
    pub devices: usize,
    /// Customers (with histories) in each of those devices' books.
    #[arg(long, default_value_t = 100)]
    pub device_customers: usize,
    /// Concurrent upload runs of each kind (one server, two servers, plain INSERTs).
    #[arg(long, default_value_t = 3)]
    pub upload_runs: usize,
    /// Timed transfers of the consultant's whole book (alternately to another consultant
    /// and back).
    #[arg(long, default_value_t = 6)]
    pub transfer_runs: usize,
    /// The generator's seed (as `crm demo --seed`).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Time only the transfer of a whole book, on `--customers` customers written straight
    /// into the server's tables (40 rows each, as many as a filled book's histories hold)
    /// instead of a filled book sent up through a sync.
    #[arg(long)]
    pub only_transfer: bool,
    /// Print the rows as a JSON array instead of tables.
    #[arg(long)]
    pub json: bool,
}

/// The consultant whose phone syncs first.
pub const CONSULTANT: &str = "c01";
/// Their team.
pub const TEAM: &str = "一组";

/// Runs every sync benchmark; the rows and the notes to print after them.
pub fn run(args: &SyncArgs) -> Result<(Vec<Row>, Vec<String>)> {
    let bin = match &args.server_bin {
        Some(bin) => bin.clone(),
        None => std::env::current_exe()?.with_file_name("crm-server"),
    };
    if !bin.is_file() {
        return Err(format!(
            "{} not found: build it (cargo build --release -p crm-server) or pass --server-bin",
            bin.display()
        )
        .into());
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    if args.only_transfer {
        return transfer::only(&rt, &bin, args);
    }
    let dir = tempfile::tempdir()?;
    let mut rows = Vec::new();
    let mut notes = Vec::new();

    // 1. A consultant's book, sent up once, then the first sync of fresh books.
    let database = Database::create(&rt, &args.database_url)?;
    let token = database.consultant(&rt, CONSULTANT, TEAM)?;
    let server = Server::start(&bin, &database.url)?;
    let started = Instant::now();
    let book = book::fill(
        &dir.path().join("consultant.sqlite3"),
        args.seed,
        args.customers,
        CONSULTANT,
    )?;
    let filled = started.elapsed();
    let queued = book.store.pending_count()?;
    let started = Instant::now();
    let sent = book.store.sync(&server.url, &token)?;
    let sent_in = started.elapsed();
    notes.push(format!(
        "setup: a book of {} customers with histories filled in {:.1} s ({queued} changes \
         to upload), uploaded by its first Store::sync in {:.1} s ({} refused)",
        args.customers,
        filled.as_secs_f64(),
        sent_in.as_secs_f64(),
        sent.rejected.len()
    ));
    let first = first::measure(
        &rt,
        dir.path(),
        &server.url,
        &token,
        &database.url,
        CONSULTANT,
        args.first_runs,
    )?;
    rows.push(Row::new(
        &format!("first sync ({} rows)", first.rows),
        args.customers,
        &first.ours,
        &format!("floor: COPY out and in ({} rows)", first.floor_rows),
        &first.floor,
    ));
    notes.push(format!(
        "first sync taken apart: downloads alone (server, HTTP, JSON) {:.2} s; applying \
         them to a fresh book {:.2} s",
        first.fetch.as_secs_f64(),
        first.apply.as_secs_f64()
    ));

    // 2. Incremental syncs of the same book.
    let edits = args.edits.min(book.customers.len()).max(1);
    let (ours, empty) = incremental::measure(&book, &server.url, &token, edits, args.rounds)?;
    rows.push(Row::new(
        &format!("incremental sync, {edits} edits"),
        args.customers,
        &ours,
        "empty sync",
        &empty,
    ));
    drop(book);

    // 3. A manager transfers the consultant's whole book to another consultant and back.
    rows.push(transfer::row(
        &rt,
        &database,
        &server.url,
        (CONSULTANT, "c02"),
        args,
    )?);
    drop(server);
    drop(database);

    // 4. Many devices at once.
    let started = Instant::now();
    let devices = devices::prepare(
        dir.path(),
        args.seed,
        args.devices.max(1),
        args.device_customers.max(1),
    )?;
    let changes: usize = devices.iter().map(devices::Device::changes).sum();
    notes.push(format!(
        "setup: {} devices' books of {} customers each, {changes} changes in all, filled in \
         {:.1} s",
        devices.len(),
        args.device_customers,
        started.elapsed().as_secs_f64()
    ));
    let mut one = Samples::default();
    let mut two = Samples::default();
    let mut inserts = Samples::default();
    let mut refused = 0;
    let per = u32::try_from(changes).unwrap_or(u32::MAX);
    for _ in 0..args.upload_runs.max(1) {
        for processes in [1, 2] {
            let database = Database::create(&rt, &args.database_url)?;
            let tokens = devices
                .iter()
                .map(|d| database.consultant(&rt, &d.user, devices::TEAM))
                .collect::<Result<Vec<_>>>()?;
            let servers = (0..processes)
                .map(|_| Server::start(&bin, &database.url))
                .collect::<Result<Vec<_>>>()?;
            let urls: Vec<String> = servers.iter().map(|s| s.url.clone()).collect();
            let done = devices::upload_all(&devices, &urls, &tokens)?;
            refused = done.rejected;
            let samples = if processes == 1 { &mut one } else { &mut two };
            samples.push_per(done.wall, per);
        }
        let database = Database::create(&rt, &args.database_url)?;
        inserts.push_per(devices::insert_all(&rt, &database.url, &devices)?, per);
    }
    let size = devices.len() * args.device_customers;
    let base = format!("plain INSERTs, {} connections", devices.len());
    for (what, samples) in [("1 server process", &one), ("2 server processes", &two)] {
        rows.push(Row::new(
            &format!(
                "{} devices uploading at once, {what}: time per change",
                devices.len()
            ),
            size,
            samples,
            &base,
            &inserts,
        ));
    }
    let rate = |s: &Samples| {
        let us = s.percentile_us(50);
        if us > 0.0 {
            1e6 / us
        } else {
            0.0
        }
    };
    notes.push(format!(
        "{} devices uploading {changes} changes at once (median of {} runs): one server \
         process {:.0} changes/s, two {:.0} changes/s ({:+.0} % for the second); plain \
         INSERTs {:.0} rows/s; {refused} changes refused by the server",
        devices.len(),
        one.len(),
        rate(&one),
        rate(&two),
        (rate(&two) / rate(&one).max(f64::MIN_POSITIVE) - 1.0) * 100.0,
        rate(&inserts)
    ));
    Ok((rows, notes))
}
