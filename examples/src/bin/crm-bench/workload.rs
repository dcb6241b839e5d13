//! The measured operations, each against its baseline, on one generated dataset.

use crate::floor::{self, CustomerRows};
use crate::follow_up;
use crate::measure::{side_by_side, Samples};
use crate::naive::{self, Scan};
use crate::results::Row;
use crate::reuse;
use chrono::{DateTime, Duration, TimeZone, Utc};
use crm_core::search::NamePinyin;
use crm_core::CustomerFilter;
use crm_core::{ContactKind, CustomerId, CustomerPatch, Importance, ManualClock, NewCustomer};
use crm_examples::generator::{generate, Generator, CONSULTANTS};
use crm_store::{CustomerQuery, ListQuery, SearchOptions, Store};
use rusqlite::Connection;
use std::collections::HashMap;
use std::error::Error;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Builds a quick-search query from a customer (`None` when it lacks the field).
type QueryOf = fn(&crm_core::Customer) -> Option<String>;

/// Customers per import transaction.
const IMPORT_BATCH: usize = 1_000;
/// Timed opens (each one opens a file, cold ones create it).
const OPEN_RUNS: usize = 30;

/// What one size produced.
pub struct SizeResult {
    pub rows: Vec<Row>,
    pub note: String,
}

/// The generator's anchor: fixed, so every run builds the same data.
fn anchor() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

/// What to run besides the size.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The generator's seed.
    pub seed: u64,
    /// Timed runs per operation.
    pub iterations: usize,
    /// Time the follow-up operations only (after the same import).
    pub only_follow_ups: bool,
    /// Keep the database files (their folder is in the note).
    pub keep: bool,
    /// Measure the follow-up operations on the database kept in this folder.
    pub reuse: Option<&'a Path>,
    /// Timed runs of each follow-up operation's baseline.
    pub baseline_iterations: usize,
}

/// Runs every operation at `size` customers.
pub fn run(size: usize, options: Options<'_>) -> Result<SizeResult> {
    let Options {
        seed,
        iterations,
        only_follow_ups,
        keep,
        reuse,
        baseline_iterations,
    } = options;
    let counts = follow_up::Counts {
        iterations,
        baseline_iterations,
    };
    if let Some(dir) = reuse {
        return reused(dir, size, counts);
    }
    let dir = tempfile::tempdir()?;
    let ours_path = dir.path().join(reuse::OURS);
    let floor_path = dir.path().join("floor.sqlite3");
    let store = Store::open(&ours_path)?;
    let mut rows = Vec::new();

    // Most customers go into our database alone; the floor database is then a copy of it,
    // and the last tenth is imported into both, side by side, on top of the same data.
    let started = Instant::now();
    let tail = (size / 10).max(1);
    // Small runs (the test command's) still get several batches on each side.
    let batch_size = IMPORT_BATCH.min((size / 20).max(1));
    let mut batches = generate(seed, size, anchor()).chunks(batch_size);
    let mut ids = Vec::with_capacity(size);
    while ids.len() + batch_size <= size - tail {
        let Some(batch) = batches.next() else { break };
        ids.extend(store.import_customers(&batch)?);
        progress("importing", ids.len(), size);
    }
    let head = ids.len();
    checkpoint(&ours_path)?;
    std::fs::copy(&ours_path, &floor_path)?;
    let mut raw = floor::open(&floor_path)?;
    let import = import_side_by_side(&store, &mut raw, batches, &mut ids, size)?;
    rows.push(Row::new(
        "bulk import (per customer)",
        size,
        &import.0,
        "floor: multi-row INSERTs",
        &import.1,
    ));
    let import_secs = started.elapsed().as_secs_f64();
    eprintln!();
    let file_bytes = checkpoint(&ours_path)?;
    // Follow-up histories for every customer, imported through the store.
    let (built, follow_store, _clock) = follow_up::build(&ours_path, &ids, size, seed, anchor())?;

    // Customers present in both databases under the same id.
    let sample: Vec<(CustomerId, String)> = ids[..head]
        .iter()
        .step_by((head / 500).max(1))
        .map(|id| (id.clone(), id.0.clone()))
        .collect();
    if !only_follow_ups {
        rows.extend(crud(&store, &mut raw, &sample, size, seed, iterations)?);
        rows.extend(lists(&store, &raw, size, iterations)?);
        rows.extend(searches(&store, &ours_path, &sample, size, iterations)?);
        rows.extend(filters(&store, &ours_path, size, iterations)?);
    }
    let (follow_rows, follow_note) =
        follow_up::measure(&follow_store, &ours_path, &ids, size, counts, anchor())?;
    rows.extend(follow_rows);
    if !only_follow_ups {
        rows.extend(opens(&ours_path, dir.path(), size)?);
    }
    let kept = if keep {
        format!("; databases kept in {}", dir.keep().display())
    } else {
        String::new()
    };
    let note = format!(
        "size {size}: built in {import_secs:.1} s (ours and floor); database {:.1} MiB, {:.0} KiB per 1,000 customers \
         (before follow-ups); follow-ups: {} imported for {} customers ({:.2} per customer of the book; {} intent levels, \
         {} open plans) in {:.1} s ({:.0} µs per follow-up, intent levels included); {follow_note}{kept}",
        file_bytes as f64 / 1_048_576.0,
        file_bytes as f64 / 1024.0 / (size.max(1) as f64 / 1000.0),
        built.logged.follow_ups,
        built.customers,
        built.logged.follow_ups as f64 / size.max(1) as f64,
        built.logged.intents,
        built.logged.open_plans,
        built.seconds,
        built.seconds * 1e6 / built.logged.follow_ups.max(1) as f64,
    );
    Ok(SizeResult { rows, note })
}

/// The follow-up operations on the database kept in `dir`.
fn reused(dir: &Path, size: usize, counts: follow_up::Counts) -> Result<SizeResult> {
    let kept = reuse::prepare(dir, size)?;
    let store = Store::open_with_clock(&kept.path, Arc::new(ManualClock::new(anchor())))?;
    let (rows, follow_note) =
        follow_up::measure(&store, &kept.path, &kept.ids, size, counts, anchor())?;
    let rebuilt = if kept.rebuilt.is_empty() {
        "none".to_owned()
    } else {
        kept.rebuilt.join(", ")
    };
    let note = format!(
        "size {size}: reused {} ({:.1} MiB; indexes and triggers made current: {rebuilt}); {follow_note}",
        kept.path.display(),
        std::fs::metadata(&kept.path)?.len() as f64 / 1_048_576.0,
    );
    Ok(SizeResult { rows, note })
}

fn floor_id(i: usize) -> String {
    format!("floor-{i:030}")
}

fn progress(what: &str, done: usize, total: usize) {
    if done % 10_000 < IMPORT_BATCH || done == total {
        eprint!("\r{what} {done}/{total}   ");
    }
}

/// Imports the remaining batches into both databases, timing each.
fn import_side_by_side(
    store: &Store,
    raw: &mut Connection,
    batches: impl Iterator<Item = Vec<crm_store::CustomerImport>>,
    ids: &mut Vec<CustomerId>,
    size: usize,
) -> Result<(Samples, Samples)> {
    let now = anchor() + Duration::days(1);
    let (mut ours, mut base) = (Samples::default(), Samples::default());
    for batch in batches {
        let prepared: Vec<CustomerRows> = batch
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let i = ids.len() + k;
                let profile = c.customer.validate(now)?;
                Ok(floor::customer_rows(
                    i as i64 + 1,
                    &floor_id(i),
                    &profile,
                    c.created_at,
                ))
            })
            .collect::<std::result::Result<_, crm_core::ValidationError>>()?;
        let n = batch.len() as u32;
        let start = Instant::now();
        ids.extend(store.import_customers(&batch)?);
        ours.push_per(start.elapsed(), n);
        let start = Instant::now();
        floor::import(raw, &prepared)?;
        base.push_per(start.elapsed(), n);
        progress("importing (side by side)", ids.len(), size);
    }
    Ok((ours, base))
}

/// Folds the WAL into the database file; returns the file's size.
fn checkpoint(path: &Path) -> Result<u64> {
    let conn = Connection::open(path)?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(std::fs::metadata(path)?.len())
}

/// Get, create and update one customer.
fn crud(
    store: &Store,
    raw: &mut Connection,
    sample: &[(CustomerId, String)],
    size: usize,
    seed: u64,
    iterations: usize,
) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    let (a, b) = side_by_side(
        sample,
        iterations,
        |(id, _)| {
            store.get_customer(id).ok();
        },
        |(_, fid)| {
            floor::get(raw, fid).ok();
        },
    );
    rows.push(Row::new(
        "get customer",
        size,
        &a,
        "floor: 3 prepared SELECTs",
        &b,
    ));

    let generator = Generator::new(seed, anchor());
    let now = anchor() + Duration::days(1);
    let fresh: Vec<(NewCustomer, CustomerRows)> = (0..iterations)
        .filter_map(|k| {
            let c = generator.customer((size + k) as u64)?;
            let profile = c.customer.validate(now).ok()?;
            let rows = floor::customer_rows(
                (size + 1 + k) as i64,
                &format!("floor-new-{k}"),
                &profile,
                now,
            );
            Some((c.customer, rows))
        })
        .collect();
    let (mut ours, mut base) = (Samples::default(), Samples::default());
    for (new, rows) in &fresh {
        ours.time(|| store.create_customer(new).ok());
        base.time(|| floor::create(raw, rows).ok());
    }
    rows.push(Row::new(
        "create customer",
        size,
        &ours,
        "floor: INSERTs in 1 transaction",
        &base,
    ));

    let mut versions: HashMap<CustomerId, u64> = HashMap::new();
    let mut flip = false;
    let (mut ours, mut base) = (Samples::default(), Samples::default());
    for k in 0..iterations {
        let (id, fid) = &sample[k % sample.len()];
        flip = !flip;
        let importance = if flip {
            Importance::Important
        } else {
            Importance::Normal
        };
        let tags = vec!["高意向".to_owned(), format!("批次{k}")];
        let version = *versions
            .entry(id.clone())
            .or_insert_with(|| store.get_customer(id).map_or(1, |c| c.version));
        let patch = CustomerPatch {
            importance: Some(importance),
            tags: Some(tags.clone()),
            ..Default::default()
        };
        if let Some(updated) = ours.time(|| store.update_customer(id, version, &patch).ok()) {
            versions.insert(id.clone(), updated.version);
        }
        base.time(|| {
            floor::update(raw, fid, importance.rank(), &tags, now.timestamp_millis()).ok()
        });
    }
    rows.push(Row::new(
        "update customer",
        size,
        &ours,
        "floor: UPDATE + tag rows",
        &base,
    ));
    Ok(rows)
}

/// The newest customers, one page of 50 and one of 1,000.
fn lists(store: &Store, raw: &Connection, size: usize, iterations: usize) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for limit in [50u32, 1000] {
        let query = ListQuery {
            limit,
            ..Default::default()
        };
        let (a, b) = side_by_side(
            &[()],
            iterations,
            |_| {
                store.list_customers(&query).ok();
            },
            |_| {
                floor::list(raw, limit).ok();
            },
        );
        rows.push(Row::new(
            &format!("list newest {limit}"),
            size,
            &a,
            "floor: same SELECT, raw values",
            &b,
        ));
    }
    Ok(rows)
}

/// Every quick-search kind, with queries taken from real customers.
fn searches(
    store: &Store,
    path: &Path,
    sample: &[(CustomerId, String)],
    size: usize,
    iterations: usize,
) -> Result<Vec<Row>> {
    let naive = naive::connect(path)?;
    let customers: Vec<_> = sample
        .iter()
        .filter_map(|(id, _)| store.get_customer(id).ok())
        .collect();
    let kinds: [(&str, Scan, QueryOf); 6] = [
        ("search name (full)", Scan::Name, |c| {
            Some(c.profile.name.clone())
        }),
        ("search name (first 2 chars)", Scan::Name, |c| {
            Some(c.profile.name.chars().take(2).collect())
        }),
        ("search pinyin full", Scan::Pinyin, |c| {
            Some(NamePinyin::of(&c.profile.name).full())
        }),
        ("search pinyin initials", Scan::Pinyin, |c| {
            Some(NamePinyin::of(&c.profile.name).initials())
        }),
        ("search phone last 4", Scan::Contact, |c| {
            let key = &c.profile.primary_contact()?.key;
            Some(key[key.len().saturating_sub(4)..].to_owned())
        }),
        ("search wechat prefix", Scan::Contact, |c| {
            let wechat = c
                .profile
                .contacts
                .iter()
                .find(|k| k.kind == ContactKind::Wechat)?;
            Some(wechat.key.chars().take(5).collect())
        }),
    ];
    let options = SearchOptions::default();
    let mut rows = Vec::new();
    for (op, scan, make) in kinds {
        let queries: Vec<String> = customers.iter().filter_map(make).collect();
        if queries.is_empty() {
            return Err(format!("{op}: no queries could be drawn from the data").into());
        }
        // A query drawn from a customer must find at least that customer.
        for q in queries.iter().take(20) {
            if store.search_customers(q, &options)?.is_empty() {
                return Err(format!("{op}: query {q:?} found nothing").into());
            }
        }
        let (a, b) = side_by_side(
            &queries,
            iterations,
            |q| {
                store.search_customers(q, &options).ok();
            },
            |q| {
                scan.run(&naive, q).ok();
            },
        );
        rows.push(Row::new(op, size, &a, "naive: LIKE '%q%' scan", &b));
    }
    Ok(rows)
}

/// A three-dimension filter (channel, tag, consultant), varied by consultant: its first
/// page of 50 and its count.
fn filters(store: &Store, path: &Path, size: usize, iterations: usize) -> Result<Vec<Row>> {
    let naive = Connection::open(path)?;
    let owners: Vec<String> = CONSULTANTS.iter().map(|c| c.id.to_owned()).collect();
    let filter_for = |owner: &String| CustomerFilter {
        channels: vec!["online_platform".into()],
        tags_any: vec!["高意向".into()],
        owners: vec![owner.clone()],
        ..Default::default()
    };
    if store.count_matching(&filter_for(&owners[0]))? == 0 {
        return Err("the benchmark filter matches nobody".into());
    }
    let (a, b) = side_by_side(
        &owners,
        iterations,
        |o| {
            let query = CustomerQuery {
                filter: filter_for(o),
                ..Default::default()
            };
            store.query_customers(&query).ok();
        },
        |o| {
            naive::filter_page(&naive, o).ok();
        },
    );
    let mut rows = vec![Row::new(
        "filter 3 dims, first page of 50",
        size,
        &a,
        "naive: scan, no index",
        &b,
    )];
    let (a, b) = side_by_side(
        &owners,
        iterations,
        |o| {
            store.count_matching(&filter_for(o)).ok();
        },
        |o| {
            naive::filter_count(&naive, o).ok();
        },
    );
    rows.push(Row::new(
        "filter 3 dims, count",
        size,
        &a,
        "naive: scan, no index",
        &b,
    ));
    Ok(rows)
}

/// Opening a database: warm (migrated already) and cold (created and migrated).
fn opens(path: &Path, dir: &Path, size: usize) -> Result<Vec<Row>> {
    let (mut ours, mut base) = (Samples::default(), Samples::default());
    for _ in 0..OPEN_RUNS {
        ours.time(|| Store::open(path).map(drop))?;
        base.time(|| floor::open(path).map(drop))?;
    }
    let mut rows = vec![Row::new(
        "open (warm)",
        size,
        &ours,
        "floor: Connection::open + pragmas",
        &base,
    )];
    let schema: Vec<String> = Connection::open(path)?
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let (mut ours, mut base) = (Samples::default(), Samples::default());
    for k in 0..OPEN_RUNS {
        let a = dir.join(format!("cold-ours-{k}.sqlite3"));
        let b = dir.join(format!("cold-floor-{k}.sqlite3"));
        ours.time(|| Store::open(&a).map(drop))?;
        base.time(|| -> rusqlite::Result<()> {
            let conn = floor::open(&b)?;
            conn.execute_batch(&format!("BEGIN; {}; COMMIT;", schema.join(";\n")))
        })?;
    }
    rows.push(Row::new(
        "open (cold: create schema)",
        size,
        &ours,
        "floor: open + schema SQL",
        &base,
    ));
    Ok(rows)
}

/// A line of `/proc/self/status` in KiB (Linux): `VmHWM` (peak resident, counting pages of
/// memory-mapped database files), `RssAnon` (heap and stacks now).
pub fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
