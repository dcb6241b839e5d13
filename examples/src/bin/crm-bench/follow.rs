//! Following up: after the import, a generated follow-up history (the `crm demo` one) is
//! logged through the store; then a consultant's agenda, the reminders of a 24-hour window
//! and a customer's timeline are timed against the same questions asked without the
//! supporting indexes (`NOT INDEXED` scans returning raw rows).

use crate::measure::side_by_side;
use crate::report::Row;
use chrono::Utc;
use chrono::{DateTime, Duration, NaiveDate};
use crm_core::{Code, CustomerId, IntentLevel, ManualClock};
use crm_examples::generator::follow_ups::{log_history, Histories, Logged};
use crm_examples::generator::{Generator, CONSULTANTS};
use crm_store::Store;
use rusqlite::{params, Connection};
use std::error::Error;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// At most this many customers get a history: each follow-up is one transaction (about
/// 1 ms on the reference machine), so 200,000 customers' ~5 follow-ups each would take
/// far longer than the benchmark's budget.
pub const MAX_HISTORIES: usize = 20_000;

/// What building the histories did.
pub struct Built {
    pub logged: Logged,
    pub customers: usize,
    pub seconds: f64,
}

/// Logs the histories of every `size / MAX_HISTORIES`-th customer (all up to 20,000).
pub fn build(
    path: &Path,
    ids: &[CustomerId],
    seed: u64,
    anchor: DateTime<Utc>,
) -> Result<(Built, Store, Arc<ManualClock>)> {
    let clock = Arc::new(ManualClock::new(anchor));
    let store = Store::open_with_clock(path, clock.clone())?;
    let zone = store.settings()?.zone;
    let histories = Histories::new(seed, anchor, zone);
    let generator = Generator::new(seed, anchor).with_book_size(ids.len() as u64);
    let every = ids.len().div_ceil(MAX_HISTORIES).max(1);
    let started = Instant::now();
    let mut logged = Logged::default();
    let mut customers = 0;
    for (i, id) in ids.iter().enumerate().step_by(every) {
        let Some(customer) = generator.customer(i as u64) else {
            continue;
        };
        let history = histories.history(i as u64, &customer);
        logged += log_history(
            &store,
            &clock,
            id,
            customer.customer.owner.as_deref(),
            &history,
        )?;
        customers += 1;
        if customers % 1000 == 0 {
            eprint!("\rfollow-ups for {customers} customers   ");
        }
    }
    clock.set(anchor);
    eprintln!();
    Ok((
        Built {
            logged,
            customers,
            seconds: started.elapsed().as_secs_f64(),
        },
        store,
        clock,
    ))
}

/// The agenda's facts without indexes: the consultant's pending plans due by the bound and
/// the cadence candidates, each a scan.
fn naive_agenda(
    conn: &Connection,
    owner: &str,
    bound: i64,
    cadence: &[(String, i64)],
) -> rusqlite::Result<usize> {
    let mut n = 0;
    let mut plans = conn.prepare_cached(
        "SELECT p.id, p.customer_id, p.time_kind, p.time_at, p.time_date, p.method, p.purpose
         FROM plans p NOT INDEXED
         WHERE p.owner = ?1 AND p.status IN ('open', 'rescheduled') AND p.due_start_ms < ?2
           AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = p.customer_id AND c.archived_at IS NOT NULL)",
    )?;
    let mut rows = plans.query(params![owner, bound])?;
    while rows.next()?.is_some() {
        n += 1;
    }
    let mut customers = conn.prepare_cached(
        "SELECT id, importance, intent_level, created_at, first_contact_at, last_contact_at
         FROM customers NOT INDEXED
         WHERE owner = ?1 AND intent_level = ?2 AND archived_at IS NULL
           AND max(coalesce(first_contact_at, 0), coalesce(last_contact_at, 0)) <= ?3",
    )?;
    for (level, bound) in cadence {
        let mut rows = customers.query(params![owner, level, bound])?;
        while rows.next()?.is_some() {
            n += 1;
        }
    }
    Ok(n)
}

/// The reminders' plans without the partial index: a scan of every plan.
fn naive_reminders(conn: &Connection, lo: i64, hi: i64) -> rusqlite::Result<usize> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.customer_id, p.time_kind, p.time_at, p.time_date, p.method, p.purpose, p.revision
         FROM plans p NOT INDEXED
         WHERE p.status IN ('open', 'rescheduled') AND p.due_start_ms >= ?1 AND p.due_start_ms < ?2
           AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = p.customer_id AND c.archived_at IS NOT NULL)",
    )?;
    let mut rows = stmt.query(params![lo, hi])?;
    let mut n = 0;
    while rows.next()?.is_some() {
        n += 1;
    }
    Ok(n)
}

/// A timeline's first page without its index: a scan of the whole timeline.
fn naive_timeline(conn: &Connection, id: &str) -> rusqlite::Result<usize> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at, actor, entry FROM timeline NOT INDEXED WHERE customer_id = ?1
         ORDER BY at DESC, seq DESC LIMIT 20",
    )?;
    let mut rows = stmt.query([id])?;
    let mut n = 0;
    while rows.next()?.is_some() {
        n += 1;
    }
    Ok(n)
}

/// The timed rows: agenda, reminders, timeline, each against its scan.
pub fn measure(
    store: &Store,
    path: &Path,
    ids: &[CustomerId],
    size: usize,
    iterations: usize,
    anchor: DateTime<Utc>,
) -> Result<Vec<Row>> {
    let naive = Connection::open(path)?;
    let settings = store.settings()?;
    let zone = settings.zone;
    let today = zone.local_date(anchor);

    // A consultant and a date from two days ago to three days on.
    let inputs: Vec<(String, NaiveDate)> = (0..60)
        .map(|k| {
            let owner = CONSULTANTS[k % CONSULTANTS.len()].id.to_owned();
            let date = today + Duration::days((k % 6) as i64 - 2);
            (owner, date)
        })
        .collect();
    if store.agenda(&inputs[0].0, today)?.is_empty() {
        return Err("the benchmark agenda is empty".into());
    }
    let (a, b) = side_by_side(
        &inputs,
        iterations,
        |(owner, date)| {
            store.agenda(owner, *date).ok();
        },
        |(owner, date)| {
            let bound = zone.end_of(*date).max(anchor).timestamp_millis();
            let cadence: Vec<(String, i64)> = IntentLevel::ALL
                .iter()
                .map(|l| {
                    let b = settings.cadence.last_contact_bound(*l, *date, &zone);
                    (l.code().to_owned(), b.timestamp_millis().max(0))
                })
                .collect();
            naive_agenda(&naive, owner, bound, &cadence).ok();
        },
    );
    let mut rows = vec![Row::new(
        "agenda (consultant, date)",
        size,
        &a,
        "naive: plans + customers NOT INDEXED",
        &b,
    )];

    // Windows of 24 hours starting every 3 hours over two days around the anchor.
    let windows: Vec<DateTime<Utc>> = (0..16)
        .map(|k| anchor - Duration::hours(24) + Duration::hours(3 * k))
        .collect();
    let (a, b) = side_by_side(
        &windows,
        iterations,
        |from| {
            store.reminders(*from, *from + Duration::hours(24)).ok();
        },
        |from| {
            let (lo, hi) = settings
                .reminders
                .due_start_range(*from, *from + Duration::hours(24));
            naive_reminders(&naive, lo.timestamp_millis(), hi.timestamp_millis()).ok();
        },
    );
    rows.push(Row::new(
        "reminders, 24-hour window",
        size,
        &a,
        "naive: plans NOT INDEXED",
        &b,
    ));

    // Customers with a history, spread over the book.
    let with_history: Vec<CustomerId> = ids
        .iter()
        .step_by(ids.len().div_ceil(MAX_HISTORIES).max(1))
        .step_by(40)
        .take(500)
        .cloned()
        .collect();
    let (a, b) = side_by_side(
        &with_history,
        iterations,
        |id| {
            store.timeline(id, 20, None).ok();
        },
        |id| {
            naive_timeline(&naive, id.as_str()).ok();
        },
    );
    rows.push(Row::new(
        "timeline, first page of 20",
        size,
        &a,
        "naive: timeline NOT INDEXED",
        &b,
    ));
    Ok(rows)
}
