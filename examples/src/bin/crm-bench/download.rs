//! A first download: a consultant's device receiving a book of `size` customers with their
//! histories (follow-ups, plans, intent levels, pipeline moves, intents, visits, orders,
//! deliveries, cars) in one `Store::apply_download`, beside the floor: plain SQLite INSERTs
//! of the same rows into the same schema in one transaction (no checks, no derived
//! columns, no search index), in the same run.
//!
//! The download is the generated book's own synced state (`Store::synced_rows`), as a
//! server would send it to a device that holds nothing yet.

use crate::measure::Samples;
use crate::results::Row;
use chrono::{DateTime, TimeZone, Utc};
use crm_core::sync::{Checkpoint, Download, ServerRow};
use crm_core::ManualClock;
use crm_examples::generator::follow_ups::{log_history, Histories};
use crm_examples::generator::generate;
use crm_examples::generator::pipeline::{apply_pipeline, Pipelines};
use crm_store::Store;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use serde_json::{Map, Value as Json};
use std::error::Error;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Timed runs of each side (each a fresh, empty book).
const RUNS: usize = 3;

/// Customers whose histories are written in one transaction while building the book.
const GROUP: usize = 500;

fn anchor() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0)
        .single()
        .unwrap_or_default()
}

/// `size` generated customers, every one with their follow-up history and pipeline.
fn build(path: &Path, size: usize, seed: u64) -> Result<Store> {
    let clock = Arc::new(ManualClock::new(anchor()));
    let store = Store::open_with_clock(path, clock.clone())?;
    let zone = store.settings()?.zone;
    let histories = Histories::new(seed, anchor(), zone);
    let pipelines = Pipelines::new(seed, anchor(), zone);
    let mut index = 0u64;
    for batch in generate(seed, size, anchor()).chunks(GROUP) {
        clock.set(anchor());
        let ids = store.import_customers(&batch)?;
        store.batch(|store| {
            for (id, customer) in ids.iter().zip(&batch) {
                let owner = customer.customer.owner.as_deref();
                let history = histories.history(index, customer);
                log_history(store, &clock, id, owner, &history)?;
                let plan = pipelines.pipeline(index, id, customer);
                apply_pipeline(store, &clock, id, owner, &plan)?;
                index += 1;
            }
            Ok(())
        })?;
        eprint!("\rdownload: book {index}/{size}   ");
    }
    eprintln!();
    clock.set(anchor());
    Ok(store)
}

fn sql_value(json: &Json) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => n
            .as_i64()
            .map(Value::Integer)
            .unwrap_or_else(|| Value::Real(n.as_f64().unwrap_or_default())),
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

/// The floor's INSERT of one row of `table`: the fields given, and the simplest stand-ins
/// for the columns the schema requires that the floor does not compute (a contact's or a
/// tag's key: the value itself; a plan's due start: 0; a stage move's number: the next).
fn insert(conn: &Connection, table: &str, fields: &Map<String, Json>) -> rusqlite::Result<()> {
    let names: Vec<&str> = fields.keys().map(String::as_str).collect();
    let values: Vec<Value> = fields.values().map(sql_value).collect();
    let at = |column: &str| names.iter().position(|n| *n == column).map_or(0, |i| i + 1);
    let extra: Option<(&str, String)> = match table {
        "contacts" => Some(("key", format!("?{}", at("value")))),
        "customer_tags" => Some(("tag_key", format!("?{}", at("tag")))),
        "plans" => Some(("due_start_ms", "0".into())),
        "stage_moves" => Some((
            "seq",
            format!(
                "(SELECT coalesce(max(seq), 0) + 1 FROM stage_moves WHERE customer_id = ?{})",
                at("customer_id")
            ),
        )),
        _ => None,
    };
    let mut columns = names.join(", ");
    let mut placeholders: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    if let Some((name, expr)) = extra {
        columns.push_str(&format!(", {name}"));
        placeholders.push(expr);
    }
    conn.prepare_cached(&format!(
        "INSERT INTO {table} ({columns}) VALUES ({})",
        placeholders.join(", ")
    ))?
    .execute(params_from_iter(values))?;
    Ok(())
}

/// The floor: every row inserted as it comes, in one transaction, the outbox quiet.
fn floor(path: &Path, rows: &[ServerRow]) -> Result<()> {
    let mut conn = Connection::open(path)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    let tx = conn.transaction()?;
    tx.execute("UPDATE sync_state SET applying = 1", [])?;
    for row in rows {
        let Some(fields) = &row.fields else { continue };
        let table = row.entity.table();
        match fields.get("items") {
            Some(Json::Array(items)) => {
                for item in items {
                    if let Json::Object(item) = item {
                        insert(&tx, table, item)?;
                    }
                }
            }
            _ => insert(&tx, table, fields)?,
        }
    }
    tx.execute("UPDATE sync_state SET applying = 0", [])?;
    tx.commit()?;
    Ok(())
}

/// A fresh, empty book at `path` (created by the store, so with its schema), closed.
fn empty_book(path: &Path) -> Result<()> {
    drop(Store::open(path)?);
    Ok(())
}

/// Builds the book, then times a first download of it against the floor.
pub fn run(size: usize, seed: u64, dir: &Path) -> Result<(Vec<Row>, String)> {
    let started = Instant::now();
    let source = build(&dir.join("server-view.sqlite3"), size, seed)?;
    let build_secs = started.elapsed().as_secs_f64();
    let rows = source.synced_rows()?;
    drop(source);
    let download = Download {
        rows,
        evicted: vec![],
        checkpoint: Checkpoint(1),
        has_more: false,
        notices: vec![],
    };
    let items: usize = download
        .rows
        .iter()
        .map(|r| match r.fields.as_ref().and_then(|f| f.get("items")) {
            Some(Json::Array(items)) => items.len(),
            _ => 1,
        })
        .sum();
    let mut ours = Samples::default();
    let mut plain = Samples::default();
    for run in 0..RUNS {
        let path = dir.join(format!("device-{run}.sqlite3"));
        let store = Store::open(&path)?;
        let summary = ours.time(|| store.apply_download(&download))?;
        if summary.applied != download.rows.len() as u64 {
            return Err(format!(
                "{} of {} rows applied",
                summary.applied,
                download.rows.len()
            )
            .into());
        }
        drop(store);
        let floor_path = dir.join(format!("floor-{run}.sqlite3"));
        empty_book(&floor_path)?;
        plain.time(|| floor(&floor_path, &download.rows))?;
    }
    let row = Row::new(
        "first download: apply_download",
        size,
        &ours,
        "floor: plain INSERTs of the same rows, one transaction",
        &plain,
    );
    let note = format!(
        "download at {size}: {} server rows ({items} table rows) built from a generated book \
         (every customer with follow-ups, plans, pipeline, orders) in {build_secs:.0} s; \
         {RUNS} runs each, every one into a fresh book",
        download.rows.len()
    );
    Ok((vec![row], note))
}
