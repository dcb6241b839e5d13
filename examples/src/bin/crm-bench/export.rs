//! Exports: a book's customers to CSV and to .xlsx, beside the plain query paging the same
//! rows (`query_customers` with its cursor, a page of 1,000 at a time, nothing written), in
//! the same run; and the peak memory each takes above what the process held before it.

use crate::measure::side_by_side;
use crate::results::Row;
use crate::workload::status_kib;
use chrono::{DateTime, TimeZone, Utc};
use crm_core::export::Language;
use crm_examples::generator::generate;
use crm_store::{CustomerQuery, ExportSelection, Store, EXPORT_PAGE_SIZE};
use std::error::Error;
use std::path::Path;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Timed runs of each export (each alternates ours and the plain paging).
const RUNS: usize = 3;

fn anchor() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

/// Every active customer, a page at a time, as the export reads them; how many.
fn page_all(store: &Store) -> Result<u64> {
    let mut query = CustomerQuery {
        limit: EXPORT_PAGE_SIZE,
        ..Default::default()
    };
    let mut count = 0;
    loop {
        let page = store.query_customers(&query)?;
        count += page.customers.len() as u64;
        match page.next_cursor {
            Some(next) => query.cursor = Some(next),
            None => return Ok(count),
        }
    }
}

/// The peak resident memory `f` takes above the resident memory before it, in MiB: the
/// process's high-water mark is reset first (Linux: `/proc/self/clear_refs`).
fn peak_above(f: impl FnOnce() -> Result<u64>) -> Result<(u64, Option<f64>)> {
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = status_kib("VmRSS:");
    let n = f()?;
    let peak = status_kib("VmHWM:");
    let grown = match (reset, before, peak) {
        (true, Some(b), Some(p)) => Some(p.saturating_sub(b) as f64 / 1024.0),
        _ => None,
    };
    Ok((n, grown))
}

fn mib(m: Option<f64>) -> String {
    m.map_or("unknown".into(), |m| format!("{m:.1} MiB"))
}

/// Exports of a book of `size` generated customers.
pub fn run(size: usize, seed: u64, dir: &Path) -> Result<(Vec<Row>, String)> {
    let started = Instant::now();
    let store = Store::open(dir.join("export.sqlite3"))?;
    let mut done = 0;
    for batch in generate(seed, size, anchor()).chunks(1_000) {
        done += store.import_customers(&batch)?.len();
        eprint!("\rimporting {done}/{size}   ");
    }
    eprintln!();
    let build_secs = started.elapsed().as_secs_f64();
    let selection = ExportSelection::default();
    let csv = dir.join("customers.csv");
    let xlsx = dir.join("customers.xlsx");

    let (paged, paged_mib) = peak_above(|| page_all(&store))?;
    let (csv_rows, csv_mib) =
        peak_above(|| Ok(store.export_customers_csv(&selection, Language::Zh, &csv)?))?;
    let (xlsx_rows, xlsx_mib) =
        peak_above(|| Ok(store.export_customers_xlsx(&selection, Language::Zh, &xlsx)?))?;
    if csv_rows != paged || xlsx_rows != paged {
        return Err(format!("exported {csv_rows} and {xlsx_rows} rows of {paged}").into());
    }

    let inputs = [()];
    let (ours, plain) = side_by_side(
        &inputs,
        RUNS,
        |_| {
            let _ = store.export_customers_csv(&selection, Language::Zh, &csv);
        },
        |_| {
            let _ = page_all(&store);
        },
    );
    let csv_row = Row::new(
        "export customers to CSV",
        size,
        &ours,
        "plain: query_customers pages of 1,000",
        &plain,
    );
    let (ours, plain) = side_by_side(
        &inputs,
        RUNS,
        |_| {
            let _ = store.export_customers_xlsx(&selection, Language::Zh, &xlsx);
        },
        |_| {
            let _ = page_all(&store);
        },
    );
    let xlsx_row = Row::new(
        "export customers to xlsx",
        size,
        &ours,
        "plain: query_customers pages of 1,000",
        &plain,
    );
    let note = format!(
        "exports at {size}: book imported in {build_secs:.0} s; {paged} rows each way; files \
         {:.1} MB CSV, {:.1} MB xlsx; peak memory above the start: paging {}, CSV {}, xlsx {}",
        std::fs::metadata(&csv)?.len() as f64 / 1e6,
        std::fs::metadata(&xlsx)?.len() as f64 / 1e6,
        mib(paged_mib),
        mib(csv_mib),
        mib(xlsx_mib),
    );
    Ok((vec![csv_row, xlsx_row], note))
}
