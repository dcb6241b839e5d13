//! Following up: after the import, every customer gets a generated follow-up history (the
//! `crm demo` one), imported through the store; then a consultant's agenda, the reminders
//! of a 24-hour window and a customer's timeline are timed against the same questions asked
//! without the supporting indexes (`NOT INDEXED` scans returning raw rows).

use crate::measure::{side_by_side_thinned, Samples};
use crate::results::Row;
use chrono::Utc;
use chrono::{DateTime, Duration, NaiveDate};
use crm_core::{Code, CustomerId, IntentLevel, ManualClock};
use crm_examples::generator::follow_ups::{Histories, Logged};
use crm_examples::generator::{consultant_id, showrooms, Generator, CONSULTANTS};
use crm_store::{FollowUpImport, Store};
use rusqlite::{params, Connection};
use std::error::Error;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Customers whose histories go into one `Store::import_follow_ups` transaction.
const IMPORT_CUSTOMERS: usize = 2_000;

/// Timed first looks at a customer's timeline on a freshly opened store.
const COLD_RUNS: usize = 500;

/// What building the histories did.
pub struct Built {
    pub logged: Logged,
    pub customers: usize,
    pub seconds: f64,
}

/// Gives every customer of the book of `size` (`ids` in generator order) their generated
/// history: the intent level (`Store::set_intent_level`, the store's clock at the first
/// follow-up), then the follow-ups with their plans (`Store::import_follow_ups`, 2,000
/// customers' per transaction, each follow-up logged at its own time).
pub fn build(
    path: &Path,
    ids: &[CustomerId],
    size: usize,
    seed: u64,
    anchor: DateTime<Utc>,
) -> Result<(Built, Store, Arc<ManualClock>)> {
    let clock = Arc::new(ManualClock::new(anchor));
    let store = Store::open_with_clock(path, clock.clone())?;
    let zone = store.settings()?.zone;
    let histories = Histories::new(seed, anchor, zone);
    let generator = Generator::new(seed, anchor).with_book_size(size as u64);
    let started = Instant::now();
    let mut logged = Logged::default();
    let mut customers = 0;
    for (c, chunk) in ids.chunks(IMPORT_CUSTOMERS).enumerate() {
        let mut batch: Vec<FollowUpImport> = Vec::new();
        for (k, id) in chunk.iter().enumerate() {
            let i = (c * IMPORT_CUSTOMERS + k) as u64;
            let Some(customer) = generator.customer(i) else {
                continue;
            };
            let history = histories.history(i, &customer);
            let done = history.logged();
            if done.intents > 0 {
                if let Some(first) = history.follow_ups.first() {
                    clock.set(first.at);
                }
                store.set_intent_level(id, 1, history.intent, None)?;
            }
            batch.extend(history.imports(id, customer.customer.owner.as_deref()));
            logged += done;
            customers += usize::from(done.follow_ups > 0);
        }
        clock.set(anchor);
        store.import_follow_ups(&batch)?;
        eprint!(
            "\rfollow-ups for {} customers   ",
            (c + 1) * IMPORT_CUSTOMERS
        );
    }
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

/// The reminders' plans without the indexes: a scan of every plan for the pending ones
/// whose due start lies in the window's range, of one consultant or all.
fn naive_reminders(
    conn: &Connection,
    lo: i64,
    hi: i64,
    owner: Option<&str>,
) -> rusqlite::Result<usize> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.customer_id, p.time_kind, p.time_at, p.time_date, p.method, p.purpose, p.version
         FROM plans p NOT INDEXED
         WHERE p.status IN ('open', 'rescheduled') AND p.due_start_ms >= ?1 AND p.due_start_ms < ?2
           AND (?3 IS NULL OR p.owner = ?3)
           AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = p.customer_id AND c.archived_at IS NOT NULL)",
    )?;
    let mut rows = stmt.query(params![lo, hi, owner])?;
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

/// A timeline's first page as a plain program would read it: the same indexed `SELECT`,
/// raw values.
fn floor_timeline(conn: &Connection, id: &str) -> rusqlite::Result<usize> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at, actor, entry FROM timeline WHERE customer_id = ?1
         ORDER BY at DESC, seq DESC LIMIT 20",
    )?;
    let mut rows = stmt.query([id])?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        n += usize::from(!row.get_ref(3)?.as_bytes()?.is_empty());
    }
    Ok(n)
}

/// The consultants the agenda and reminders are timed for: every consultant of every
/// showroom in turn (the seniors, who hold the most customers, included).
fn consultants(size: usize) -> Vec<String> {
    let showrooms = showrooms(size as u64);
    (0..showrooms)
        .flat_map(|s| (0..CONSULTANTS.len()).map(move |c| consultant_id(s, c)))
        .collect()
}

/// How many times the follow-up operations and their baselines run.
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    /// Timed runs of each operation.
    pub iterations: usize,
    /// Timed runs of each baseline (spread among ours).
    pub baseline_iterations: usize,
}

/// The timed rows: agenda, reminders (one consultant's, the whole store's), timeline, each
/// against its scan.
pub fn measure(
    store: &Store,
    path: &Path,
    ids: &[CustomerId],
    size: usize,
    counts: Counts,
    anchor: DateTime<Utc>,
) -> Result<(Vec<Row>, String)> {
    let Counts {
        iterations,
        baseline_iterations,
    } = counts;
    let naive = Connection::open(path)?;
    let settings = store.settings()?;
    let zone = settings.zone;
    let today = zone.local_date(anchor);
    let owners = consultants(size);

    // A consultant and a date from two days ago to three days on; consultants stepped by
    // 7 so that each showroom and each load comes up.
    let inputs: Vec<(String, NaiveDate)> = (0..owners.len().max(60))
        .map(|k| {
            let owner = owners[(k * 7) % owners.len()].clone();
            let date = today + Duration::days((k % 6) as i64 - 2);
            (owner, date)
        })
        .collect();
    let mut sizes: Vec<usize> = Vec::new();
    for (owner, date) in inputs.iter().take(24) {
        sizes.push(store.agenda(Some(owner), *date)?.len());
    }
    if sizes.iter().all(|n| *n == 0) {
        return Err("the benchmark agendas are empty".into());
    }
    let (a, b) = side_by_side_thinned(
        &inputs,
        iterations,
        baseline_iterations,
        |(owner, date)| {
            store.agenda(Some(owner), *date).ok();
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

    // Windows of 24 hours starting every 3 hours over two days around the anchor, for a
    // consultant (what the app on their phone schedules) and for the whole store.
    let windows: Vec<(DateTime<Utc>, Option<String>)> = (0..48)
        .map(|k| {
            let from = anchor - Duration::hours(24) + Duration::hours(3 * (k % 16) as i64);
            (from, Some(owners[(k * 7) % owners.len()].clone()))
        })
        .collect();
    let mut counts = [0usize; 2];
    for (from, owner) in windows.iter().take(16) {
        let to = *from + Duration::hours(24);
        counts[0] += store.reminders(*from, to, owner.as_deref())?.len();
        counts[1] += store.reminders(*from, to, None)?.len();
    }
    for whole in [false, true] {
        let (a, b) = side_by_side_thinned(
            &windows,
            iterations,
            baseline_iterations,
            |(from, owner)| {
                let owner = if whole { None } else { owner.as_deref() };
                store
                    .reminders(*from, *from + Duration::hours(24), owner)
                    .ok();
            },
            |(from, owner)| {
                let owner = if whole { None } else { owner.as_deref() };
                let (lo, hi) = settings
                    .reminders
                    .due_start_range(*from, *from + Duration::hours(24));
                naive_reminders(&naive, lo.timestamp_millis(), hi.timestamp_millis(), owner).ok();
            },
        );
        let op = if whole {
            "reminders, 24 h, whole store"
        } else {
            "reminders, 24 h, consultant"
        };
        rows.push(Row::new(op, size, &a, "naive: plans NOT INDEXED", &b));
    }

    // Customers spread over the book.
    let with_history: Vec<CustomerId> = ids
        .iter()
        .step_by((ids.len() / 500).max(1))
        .take(500)
        .cloned()
        .collect();
    let (a, b) = side_by_side_thinned(
        &with_history,
        iterations,
        baseline_iterations,
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

    // The same first page, each time for a customer not read before, on a store opened just
    // before (outside the timing): SQLite's page cache holds none of its pages, so every
    // page it needs comes from the file (the OS cache, or the disk where the OS has dropped
    // it), as on the first look at a customer after the app starts. The floor is the same
    // indexed SELECT with raw values on a connection also opened just before; the two take
    // turns at going first, since the second finds the pages in the OS cache.
    let step = (ids.len() / COLD_RUNS).max(1);
    let (mut cold, mut cold_floor) = (Samples::default(), Samples::default());
    let cold_ids = ids.iter().skip(step / 2).step_by(step);
    for (k, id) in cold_ids.take(COLD_RUNS.min(iterations)).enumerate() {
        let fresh = Store::open(path)?;
        let raw = crate::floor::open(path)?;
        let mut ours = || cold.time(|| fresh.timeline(id, 20, None).ok());
        let mut floor = || cold_floor.time(|| floor_timeline(&raw, id.as_str()).ok());
        if k % 2 == 0 {
            ours();
            floor();
        } else {
            floor();
            ours();
        }
    }
    rows.push(Row::new(
        "timeline, first page of 20, fresh store",
        size,
        &cold,
        "floor: same indexed SELECT, fresh connection",
        &cold_floor,
    ));
    sizes.sort_unstable();
    let note = format!(
        "{} consultants in {} showrooms; agenda items per sampled consultant and date: median {}, max {}; \
         reminders per 24-hour window: {:.0} for a consultant, {:.0} for the whole store",
        owners.len(),
        showrooms(size as u64),
        sizes[sizes.len() / 2],
        sizes[sizes.len() - 1],
        counts[0] as f64 / 16.0,
        counts[1] as f64 / 16.0,
    );
    Ok((rows, note))
}
