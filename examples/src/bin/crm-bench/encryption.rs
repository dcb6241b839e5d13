//! What encryption at rest costs: the same reads and imports on a plain book and on its
//! encrypted copy (SQLCipher, `Store::encrypted_copy_to`), timed alternately in the same run
//! so that both see the same machine. Ours is the encrypted book, the baseline the plain
//! one. Targets: search, agenda and list within 1.2× of plain, import within 1.5×.

use crate::measure::{side_by_side, Samples};
use crate::results::Row;
use chrono::{DateTime, TimeZone, Utc};
use crm_core::ManualClock;
use crm_examples::generator::generate;
use crm_store::{BookKey, ListQuery, SearchOptions, Store};
use std::error::Error;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Customers per timed import (each side gets its own, so that both grow alike).
const IMPORT_BATCH: usize = 100;

fn today() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

/// What every row compares with.
const BASELINE: &str = "the same on the plain book";

/// One read timed on the encrypted book (`both[0]`) and the plain one (`both[1]`),
/// alternately on each input, after a first run on each that must succeed (so that no
/// failing read is timed as a fast one).
fn reads<I>(
    op: &str,
    size: usize,
    iterations: usize,
    both: [&Store; 2],
    inputs: &[I],
    read: impl Fn(&Store, &I) -> crm_store::Result<()>,
) -> Result<Row> {
    for store in both {
        for input in inputs {
            read(store, input)?;
        }
    }
    let (ours, base) = side_by_side(
        inputs,
        iterations,
        |i| read(both[0], i).unwrap_or_default(),
        |i| read(both[1], i).unwrap_or_default(),
    );
    Ok(Row::new(op, size, &ours, BASELINE, &base))
}

/// Times the reads and an import on a plain book of `size` customers and its encrypted
/// copy, in `dir`.
pub fn run(size: usize, seed: u64, iterations: usize, dir: &Path) -> Result<(Vec<Row>, String)> {
    let clock = Arc::new(ManualClock::new(today()));
    let plain_path = dir.join("plain.sqlite3");
    let encrypted_path = dir.join("encrypted.sqlite3");
    let key = BookKey::from_bytes(&[0x5a; 32])?;
    let plain = Store::open_with_clock(&plain_path, clock.clone())?;
    let mut customers = generate(seed, size + IMPORT_BATCH * iterations * 2, today());
    let mut done = 0;
    while done < size {
        let batch: Vec<_> = customers.by_ref().take(1_000.min(size - done)).collect();
        done += plain.import_customers(&batch)?.len();
        eprint!("\rencryption: customers {done}/{size}   ");
    }
    eprintln!();
    plain.encrypted_copy_to(&encrypted_path, &key)?;
    let encrypted = Store::open_encrypted_with_clock(&encrypted_path, &key, clock.clone())?;
    let both = [&encrypted, &plain];

    // Queries from the book itself: names and phone endings of customers spread over it.
    let page = plain.list_customers(&ListQuery {
        limit: 500,
        ..Default::default()
    })?;
    let names: Vec<String> = page.customers.iter().map(|c| c.name.clone()).collect();
    let owners: Vec<Option<String>> = page.customers.iter().map(|c| c.owner.clone()).collect();
    let date = today().date_naive();
    let mut rows = Vec::new();
    let list = ListQuery {
        limit: 50,
        ..Default::default()
    };
    rows.push(reads(
        "encrypted: search name",
        size,
        iterations,
        both,
        &names,
        |store, name| {
            store
                .search_customers(name, &SearchOptions::default())
                .map(drop)
        },
    )?);
    rows.push(reads(
        "encrypted: agenda of a consultant",
        size,
        iterations,
        both,
        &owners,
        |store, owner| store.agenda(owner.as_deref(), date).map(drop),
    )?);
    rows.push(reads(
        "encrypted: list first page (50)",
        size,
        iterations,
        both,
        &[()],
        |store, ()| store.list_customers(&list).map(drop),
    )?);
    // Imports alternate too, each side its own new customers, timed per customer.
    let (mut ours, mut base) = (Samples::default(), Samples::default());
    for _ in 0..iterations {
        for (store, samples) in [(both[0], &mut ours), (both[1], &mut base)] {
            let batch: Vec<_> = customers.by_ref().take(IMPORT_BATCH).collect();
            let started = Instant::now();
            store.import_customers(&batch)?;
            samples.push_per(started.elapsed(), IMPORT_BATCH as u32);
        }
    }
    rows.push(Row::new(
        "encrypted: import (per customer)",
        size,
        &ours,
        BASELINE,
        &base,
    ));
    let note = format!(
        "size {size}: encrypted copy {:.1} MiB, plain book {:.1} MiB (SQLCipher, AES-256, raw key)",
        std::fs::metadata(&encrypted_path)?.len() as f64 / 1_048_576.0,
        std::fs::metadata(&plain_path)?.len() as f64 / 1_048_576.0,
    );
    Ok((rows, note))
}
