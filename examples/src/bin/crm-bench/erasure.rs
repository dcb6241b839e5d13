//! What cleaning the file costs after a customer leaves the book, on a book of `size`
//! imported customers: a deletion (`Store::delete_customer`: deleted content zeroed as it
//! is freed, free pages released, log truncated), an erasure (`Store::erase_customer`: the
//! same, then the whole file rebuilt by `VACUUM`) and a download that evicts one customer
//! (cleaned as a deletion), each beside the same operation cleaned another way, in the
//! same run, alternating. Every customer that left is then looked for in the raw bytes of
//! the `.db`, `-wal` and `-shm` files by their phone numbers and contact keys.

use crate::measure::Samples;
use crate::results::Row;
use chrono::{DateTime, TimeZone, Utc};
use crm_core::sync::{Checkpoint, Download};
use crm_core::{CustomerId, ManualClock};
use crm_examples::generator::generate;
use crm_store::Store;
use std::error::Error;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Customers leaving per run: one for each way of leaving timed.
const PER_RUN: usize = 5;

fn today() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

/// The texts that would show customer `id` is still in the files: the values and keys of
/// their contacts (phone numbers, WeChat ids, e-mail addresses), read before they leave.
fn traces(path: &Path, id: &CustomerId) -> Result<Vec<String>> {
    let conn = rusqlite::Connection::open(path)?;
    let mut stmt = conn.prepare("SELECT value, key FROM contacts WHERE customer_id = ?1")?;
    let mut found: Vec<String> = stmt
        .query_map([id.as_str()], |r| Ok([r.get(0)?, r.get(1)?]))?
        .collect::<rusqlite::Result<Vec<[String; 2]>>>()?
        .into_iter()
        .flatten()
        .filter(|t| t.len() >= 6)
        .collect();
    found.sort();
    found.dedup();
    Ok(found)
}

/// Which of `traces` the book's three files still hold.
fn left_in_files(path: &Path, traces: &[String]) -> Vec<String> {
    let mut left = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let name = format!("{}{suffix}", path.display());
        let bytes = std::fs::read(&name).unwrap_or_default();
        for trace in traces {
            let needle = trace.as_bytes();
            if bytes.windows(needle.len()).any(|w| w == needle) {
                left.push(format!("{trace} in {name}"));
            }
        }
    }
    left
}

/// The book: `size` generated customers imported in batches of 1,000, then a first
/// download (which starts the upload queue, as on a device that has synced), the queue
/// emptied as after that sync and the file compacted.
fn build(path: &Path, size: usize, seed: u64) -> Result<(Store, Vec<CustomerId>)> {
    let store = Store::open_with_clock(path, Arc::new(ManualClock::new(today())))?;
    let batches: Vec<_> = generate(seed, size, today()).chunks(1_000).collect();
    let mut ids = Vec::with_capacity(size);
    for batch in batches {
        ids.extend(store.import_customers(&batch)?);
        eprint!("\rerasure: customers {}/{size}   ", ids.len());
    }
    eprintln!();
    store.apply_download(&download(1, None))?;
    rusqlite::Connection::open(path)?.execute("DELETE FROM sync_outbox", [])?;
    store.compact()?;
    Ok((store, ids))
}

/// A download batch at `checkpoint` that brings nothing but the eviction of `customer`.
fn download(checkpoint: u64, customer: Option<&CustomerId>) -> Download {
    Download {
        rows: vec![],
        evicted: customer.map(ToString::to_string).into_iter().collect(),
        checkpoint: Checkpoint(checkpoint),
        has_more: false,
        notices: vec![],
    }
}

fn mib(path: &Path) -> f64 {
    std::fs::metadata(path).map_or(0.0, |m| m.len() as f64 / (1024.0 * 1024.0))
}

/// Builds the book, then times `runs` of each way of leaving it.
pub fn run(size: usize, seed: u64, runs: usize, dir: &Path) -> Result<(Vec<Row>, String)> {
    let started = Instant::now();
    let path = dir.join("erasure.sqlite3");
    let (store, mut ids) = build(&path, size, seed)?;
    let build_secs = started.elapsed().as_secs_f64();
    let size_before = mib(&path);
    if ids.len() < runs * PER_RUN {
        return Err(format!("{} customers: too few for {runs} runs", ids.len()).into());
    }
    // Spread over the book, not only its first pages.
    let step = ids.len() / (runs * PER_RUN);
    ids = ids
        .into_iter()
        .step_by(step.max(1))
        .take(runs * PER_RUN)
        .collect();
    let mut unclean = Samples::default();
    let mut deleted = Samples::default();
    let mut erased = Samples::default();
    let mut evicted = Samples::default();
    let mut evicted_rebuilt = Samples::default();
    let (mut looked_for, mut left) = (0usize, Vec::new());
    let mut checkpoint = 1;
    for (run, five) in ids.chunks(PER_RUN).enumerate() {
        eprint!("\rerasure: run {}/{runs}   ", run + 1);
        let [a, b, c, d, e] = five else { break };
        unclean.time(|| store.batch(|s| s.delete_customer(a)))?;
        let trace_b = traces(&path, b)?;
        deleted.time(|| store.delete_customer(b))?;
        let trace_c = traces(&path, c)?;
        erased.time(|| store.erase_customer(c, "客户要求删除"))?;
        checkpoint += 1;
        let trace_d = traces(&path, d)?;
        evicted.time(|| store.apply_download(&download(checkpoint, Some(d))))?;
        checkpoint += 1;
        evicted_rebuilt.time(|| -> crm_store::Result<()> {
            store.apply_download(&download(checkpoint, Some(e)))?;
            store.compact()?;
            Ok(())
        })?;
        for trace in [trace_b, trace_c, trace_d] {
            looked_for += trace.len();
            left.extend(left_in_files(&path, &trace));
        }
    }
    eprintln!();
    let unclean_label = "the same delete inside a batch: no cleaning";
    let rows = vec![
        Row::new(
            "delete_customer: zeroed, free pages released, log truncated",
            size,
            &deleted,
            unclean_label,
            &unclean,
        ),
        Row::new(
            "erase_customer: the same, then VACUUM",
            size,
            &erased,
            unclean_label,
            &unclean,
        ),
        Row::new(
            "download evicting 1 customer: cleaned as a delete",
            size,
            &evicted,
            "the same download, then VACUUM",
            &evicted_rebuilt,
        ),
    ];
    let note = format!(
        "erasure at {size}: book of {size} imported customers built in {build_secs:.0} s, \
         {size_before:.1} MiB ({:.1} MiB at the end); {runs} runs of each, alternating; \
         contact values and keys of the deleted, erased and evicted customers looked for \
         in the .db, -wal and -shm bytes afterwards: {looked_for} looked for, {} found{}",
        mib(&path),
        left.len(),
        if left.is_empty() {
            String::new()
        } else {
            format!(" ({})", left.join(", "))
        }
    );
    Ok((rows, note))
}
