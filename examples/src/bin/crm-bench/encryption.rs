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
    let mut row = |op: &str, (ours, base)| {
        rows.push(Row::new(
            op,
            size,
            &ours,
            "the same on the plain book",
            &base,
        ));
    };
    let search = |store: &Store, name: &String| {
        let _ = store.search_customers(name, &SearchOptions::default());
    };
    row(
        "encrypted: search name",
        side_by_side(
            &names,
            iterations,
            |n| search(both[0], n),
            |n| search(both[1], n),
        ),
    );
    let agenda = |store: &Store, owner: &Option<String>| {
        let _ = store.agenda(owner.as_deref(), date);
    };
    row(
        "encrypted: agenda of a consultant",
        side_by_side(
            &owners,
            iterations,
            |o| agenda(both[0], o),
            |o| agenda(both[1], o),
        ),
    );
    let list = |store: &Store, _: &()| {
        let _ = store.list_customers(&ListQuery {
            limit: 50,
            ..Default::default()
        });
    };
    row(
        "encrypted: list first page (50)",
        side_by_side(
            &[()],
            iterations,
            |u| list(both[0], u),
            |u| list(both[1], u),
        ),
    );
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
    row("encrypted: import (per customer)", (ours, base));
    let note = format!(
        "size {size}: encrypted copy {:.1} MiB, plain book {:.1} MiB (SQLCipher, AES-256, raw key)",
        std::fs::metadata(&encrypted_path)?.len() as f64 / 1_048_576.0,
        std::fs::metadata(&plain_path)?.len() as f64 / 1_048_576.0,
    );
    Ok((rows, note))
}
