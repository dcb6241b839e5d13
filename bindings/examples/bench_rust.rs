//! The Rust side of `scripts/bench-kotlin.sh`: the operations `bindings/tests/kotlin/Bench.kt`
//! times through the generated Kotlin bindings, timed here in Rust on the same file through
//! the same `CrmStore` (so the conversions to the FFI records are included, the lowering,
//! JNA and the Kotlin side are not). The difference between the two is the FFI's cost.
//!
//! The methods are async: each call is polled to its end here (`pollster`), so a timing
//! includes the hand-over to the store's worker thread and back, as an app's call does.
//!
//! Usage: `bench_rust <database> <iterations>`. Keep the operations, their order, the query
//! choices and the call counts the same as in Bench.kt.

use crm_ffi::{library_version, CrmError, CrmStore, ListQuery, SearchOptions};
use pollster::block_on;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The p-th percentile (0 < p <= 100) of sorted `times`, in microseconds.
fn percentile_micros(times: &[Duration], p: f64) -> f64 {
    let rank = ((p / 100.0 * times.len() as f64).ceil() as usize).clamp(1, times.len());
    times[rank - 1].as_secs_f64() * 1e6
}

/// Runs `call` `calls` times untimed, then `calls` times timed; prints one result line.
/// Returns the sum of what the calls returned (so that no call is optimised away); the
/// first error stops it.
fn measure(
    op: &str,
    calls: usize,
    mut call: impl FnMut(usize) -> Result<usize, CrmError>,
) -> Result<usize, CrmError> {
    let mut sink = 0;
    for i in 0..calls {
        sink += call(i)?;
    }
    let mut times = Vec::with_capacity(calls);
    for i in 0..calls {
        let began = Instant::now();
        sink += call(i)?;
        times.push(began.elapsed());
    }
    times.sort_unstable();
    println!(
        "{op:<36} {calls:>8} {:>10.1} {:>10.1}",
        percentile_micros(&times, 50.0),
        percentile_micros(&times, 99.0)
    );
    Ok(sink)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [db, iterations] = args.as_slice() else {
        eprintln!("usage: bench_rust <database> <iterations>");
        return ExitCode::from(2);
    };
    let Ok(iterations) = iterations.parse::<usize>() else {
        eprintln!("iterations must be a number, not {iterations:?}");
        return ExitCode::from(2);
    };
    match run(db, iterations.max(4)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_rust: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(db: &str, iterations: usize) -> Result<(), CrmError> {
    let store = CrmStore::new(db.to_owned())?;
    let thousand = || ListQuery {
        limit: Some(1000),
        ..Default::default()
    };
    let total = block_on(store.count_customers(false))?;
    let newest = block_on(store.list_customers(thousand()))?.customers;
    if newest.is_empty() {
        return Err(CrmError::InvalidInput {
            field: "database".into(),
            reason: "has no customers: fill it first (crm demo)".into(),
        });
    }
    // Queries from the newest customers: their names, and the last 4 digits of their phones.
    let sample = &newest[..newest.len().min(50)];
    let names: Vec<String> = sample.iter().map(|s| s.name.clone()).collect();
    let phone_ends: Vec<String> = sample
        .iter()
        .filter_map(|s| {
            let digits: String = s
                .primary_contact
                .as_ref()?
                .key
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            (digits.len() >= 4).then(|| digits[digits.len() - 4..].to_owned())
        })
        .collect();
    let ids: Vec<_> = newest.iter().map(|s| s.id.clone()).collect();
    let search = |text: &str| {
        block_on(store.search_customers(text.to_owned(), SearchOptions::default()))
            .map(|hits| hits.len())
    };

    println!(
        "Rust through crm_ffi::CrmStore (no FFI): {total} active customers, pages of {}, library {}",
        newest.len(),
        library_version()
    );
    println!(
        "{:<36} {:>8} {:>10} {:>10}",
        "op", "calls", "p50 µs", "p99 µs"
    );
    let mut sink = measure("trivial call (libraryVersion)", iterations * 10, |_| {
        Ok(library_version().len())
    })?;
    sink += measure("getCustomer", iterations, |i| {
        let c = block_on(store.get_customer(ids[i % ids.len()].clone()))?;
        Ok(c.version as usize)
    })?;
    sink += measure("listCustomers 1000 summaries", iterations / 4, |_| {
        Ok(block_on(store.list_customers(thousand()))?.customers.len())
    })?;
    sink += measure("searchCustomers name", iterations / 2, |i| {
        search(&names[i % names.len()])
    })?;
    if !phone_ends.is_empty() {
        sink += measure("searchCustomers phone last 4", iterations / 2, |i| {
            search(&phone_ends[i % phone_ends.len()])
        })?;
    }
    sink += measure("searchCustomers initials \"zw\"", iterations / 2, |_| {
        search("zw")
    })?;
    println!("(checksum {sink})");
    Ok(())
}
