//! Care runs: a year of care tasks for a book of delivered customers, generated
//! fresh and then re-run on the same window, beside the naive way (per-customer queries,
//! one look-up and upsert per task) on a copy of the same database.

use crate::measure::Samples;
use crate::results::Row;
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use crm_core::{
    CareCar, CareCustomer, CarePlanner, CareRules, ChannelSet, Code, ConsentChange, ConsentChannel,
    ConsentSource, ConsentState, ConsentStates, DateWindow, ManualClock, NewCar, OdometerReading,
    OdometerSource, ServiceVisit,
};
use crm_examples::generator::generate;
use crm_store::Store;
use rusqlite::{params, Connection, OptionalExtension};
use std::error::Error;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Timed runs of each kind: a run takes seconds, a few give a stable median.
const RUNS: usize = 3;

/// The day the book is looked at: deliveries lie in the four years before it.
fn today() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

fn day(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(days)).unwrap_or(d)
}

/// `size` customers from the generator, each with one car delivered in the last four
/// years, two odometer readings taken at service visits, an insurance end date and consent
/// to WeChat and SMS, recorded through the store.
fn build(path: &Path, size: usize, seed: u64) -> Result<Store> {
    let store = Store::open_with_clock(path, Arc::new(ManualClock::new(today())))?;
    let local = today().date_naive();
    let mut done = 0;
    for batch in generate(seed, size, today()).chunks(1_000) {
        for (k, id) in store.import_customers(&batch)?.into_iter().enumerate() {
            let i = (done + k) as u64;
            let delivered_on = day(local, 30 + (i * 7_919) % 1_430);
            let car = store.record_car(
                &id,
                &NewCar {
                    vin: None,
                    brand: "大众".into(),
                    model: "ID.4".into(),
                    delivered_on,
                    delivery_km: 10,
                    registered_on: None,
                    order_id: None,
                },
            )?;
            let age = (local - delivered_on).num_days().max(2) as u64;
            for (part, km_per_day) in [(2, 30 + i % 40), (1, 30 + i % 40)] {
                let on = day(local, age / (part + 1));
                let km = ((on - delivered_on).num_days().max(0) as u64 * km_per_day) as u32;
                store.record_odometer(
                    &car.id,
                    OdometerReading { on, km },
                    OdometerSource::ServiceVisit,
                )?;
            }
            let ends = delivered_on
                .checked_add_months(chrono::Months::new(12))
                .unwrap_or(delivered_on);
            store.set_insurance_ends(&car.id, &[ends])?;
            // Agreed at the purchase to WeChat and SMS: what greetings and offers need (a
            // customer never asked gets none; the referral invitation, by WeChat or a call,
            // is blocked for those without a WeChat id).
            for channel in [ConsentChannel::Wechat, ConsentChannel::Sms] {
                store.set_consent(
                    &id,
                    &ConsentChange {
                        channel,
                        state: ConsentState::Granted,
                        source: ConsentSource::PaperForm,
                        note: None,
                    },
                )?;
            }
        }
        done += batch.len();
        eprint!("\rcare: delivered customers {done}/{size}   ");
    }
    eprintln!();
    Ok(store)
}

/// The naive way's table: a row per care task by its text key, with an index per query
/// (schema 8's layout, before tasks were keyed by a hash of the key and then kept per
/// customer in one compressed schedule).
const NAIVE_TABLE: &str = "
    DROP TABLE care_schedules;
    CREATE TABLE care_tasks (
        key TEXT PRIMARY KEY NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        car_id TEXT, owner TEXT, kind TEXT NOT NULL, due_on TEXT NOT NULL,
        event_on TEXT NOT NULL, channel TEXT NOT NULL, assignee TEXT NOT NULL,
        template_key TEXT NOT NULL, needs_consent INTEGER NOT NULL, detail TEXT NOT NULL,
        fingerprint INTEGER NOT NULL, status TEXT NOT NULL, closed_at INTEGER, outcome TEXT,
        skip_reason TEXT, snoozed_until TEXT, agenda_on TEXT NOT NULL,
        generated_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX care_tasks_open_by_owner ON care_tasks (owner, agenda_on)
        WHERE status IN ('open', 'snoozed');
    CREATE INDEX care_tasks_by_customer ON care_tasks (customer_id, due_on);
    CREATE INDEX care_tasks_by_due ON care_tasks (due_on, status, fingerprint);";

/// The naive run: each customer's facts by their own queries, each task looked up by key
/// and inserted or rewritten (one transaction, as the store does). Returns the tasks seen.
fn naive_run(conn: &mut Connection, rules: &CareRules, window: DateWindow) -> Result<usize> {
    let planner = CarePlanner::new(rules, window)?;
    let tx = conn.transaction()?;
    let customers: Vec<(String, Option<String>, Option<String>)> = tx
        .prepare("SELECT id, birthday, owner FROM customers c WHERE EXISTS (SELECT 1 FROM cars WHERE customer_id = c.id)")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let date = |s: String| s.parse::<NaiveDate>();
    let mut seen = 0;
    for (id, birthday, owner) in customers {
        let mut cars = Vec::new();
        let rows: Vec<(String, String, u32, Option<String>)> = tx
            .prepare_cached("SELECT id, delivered_on, delivery_km, registered_on FROM cars WHERE customer_id = ?1")?
            .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (car, delivered_on, delivery_km, registered_on) in rows {
            let readings: Vec<(String, u32, String)> = tx
                .prepare_cached(
                    "SELECT on_date, km, source FROM odometer_readings WHERE car_id = ?1",
                )?
                .query_map([&car], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let done: Vec<(String, u32)> = tx
                .prepare_cached("SELECT done_on, service FROM car_services WHERE car_id = ?1")?
                .query_map([&car], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut services = Vec::new();
            for (on, _, source) in &readings {
                if source == "service_visit" {
                    services.push(ServiceVisit {
                        on: date(on.clone())?,
                        service: None,
                    });
                }
            }
            for (on, service) in done {
                services.push(ServiceVisit {
                    on: date(on)?,
                    service: Some(service),
                });
            }
            let ends: Vec<String> = tx
                .prepare_cached("SELECT ends_on FROM insurance_ends WHERE car_id = ?1")?
                .query_map([&car], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            cars.push(CareCar {
                id: car.into(),
                delivered_on: date(delivered_on)?,
                delivery_km,
                registered_on: registered_on.map(date).transpose()?,
                readings: readings
                    .into_iter()
                    .map(|(on, km, _)| Ok(OdometerReading { on: date(on)?, km }))
                    .collect::<std::result::Result<_, chrono::ParseError>>()?,
                services,
                insurance_ends_on: ends
                    .into_iter()
                    .map(date)
                    .collect::<std::result::Result<_, _>>()?,
            });
        }
        let records: Vec<(String, String)> = tx
            .prepare_cached("SELECT channel, state FROM consents WHERE customer_id = ?1")?
            .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let consent = records
            .iter()
            .fold(ConsentStates::default(), |states, (c, s)| {
                match (Code::from_code(c), Code::from_code(s)) {
                    (Some(channel), Some(state)) => states.with(channel, state),
                    _ => states,
                }
            });
        let kinds: Vec<String> = tx
            .prepare_cached("SELECT kind FROM contacts WHERE customer_id = ?1")?
            .query_map([&id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let reachable = kinds.iter().fold(ChannelSet::NONE, |set, kind| {
            use ConsentChannel::{Email, Phone, Sms, Wechat};
            set.union(match kind.as_str() {
                "mobile" => ChannelSet::of(&[Phone, Sms]),
                "landline" => ChannelSet::of(&[Phone]),
                "wechat" => ChannelSet::of(&[Wechat]),
                "email" => ChannelSet::of(&[Email]),
                _ => ChannelSet::NONE,
            })
        });
        let customer = CareCustomer {
            reachable,
            id: id.clone().into(),
            birthday: birthday.map(date).transpose()?,
            consent,
            cars,
        };
        for t in planner.tasks_for(&customer) {
            seen += 1;
            let status: Option<String> = tx
                .prepare_cached("SELECT status FROM care_tasks WHERE key = ?1")?
                .query_row([t.key.as_str()], |r| r.get(0))
                .optional()?;
            if matches!(status.as_deref(), Some("done" | "skipped")) {
                continue;
            }
            tx.prepare_cached(
                "INSERT INTO care_tasks (key, customer_id, car_id, owner, kind, due_on, event_on,
                    channel, assignee, template_key, needs_consent, detail, fingerprint, status,
                    agenda_on, generated_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, 'open', ?6, 0, 0)
                 ON CONFLICT (key) DO UPDATE SET due_on = excluded.due_on, event_on = excluded.event_on,
                    channel = excluded.channel, assignee = excluded.assignee,
                    template_key = excluded.template_key, needs_consent = excluded.needs_consent,
                    detail = excluded.detail",
            )?
            .execute(params![
                t.key.as_str(),
                id,
                t.car_id.as_ref().map(|c| c.as_str()),
                owner,
                t.kind().code(),
                t.due_on.to_string(),
                t.event_on.to_string(),
                t.channel.code(),
                t.assignee.code(),
                t.template_key,
                t.needs_consent,
                serde_json::to_string(&t.detail)?,
            ])?;
        }
    }
    tx.commit()?;
    Ok(seen)
}

/// Runs the care section at `size` delivered customers; returns its rows and a note.
pub fn run(size: usize, seed: u64, dir: &Path) -> Result<(Vec<Row>, String)> {
    let ours_path = dir.join("care.sqlite3");
    let naive_path = dir.join("care-naive.sqlite3");
    let started = Instant::now();
    let store = build(&ours_path, size, seed)?;
    drop(store);
    let build_secs = started.elapsed().as_secs_f64();
    {
        let c = Connection::open(&ours_path)?;
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    std::fs::copy(&ours_path, &naive_path)?;
    let store = Store::open_with_clock(&ours_path, Arc::new(ManualClock::new(today())))?;
    let mut naive = Connection::open(&naive_path)?;
    naive.pragma_update(None, "journal_mode", "WAL")?;
    naive.pragma_update(None, "synchronous", "NORMAL")?;
    naive.execute_batch(NAIVE_TABLE)?;
    let rules = store.care_rules()?;
    let from = today().date_naive();
    let to = from
        .checked_add_months(chrono::Months::new(12))
        .and_then(|d| d.pred_opt())
        .unwrap_or(from);
    let window = DateWindow::new(from, to)?;

    let (mut fresh, mut fresh_naive) = (Samples::default(), Samples::default());
    let (mut rerun, mut rerun_naive) = (Samples::default(), Samples::default());
    let (mut tasks, mut blocked) = (0, 0);
    for _ in 0..RUNS {
        let wipe = Connection::open(&ours_path)?;
        wipe.execute("DELETE FROM care_schedules", [])?;
        drop(wipe);
        naive.execute("DELETE FROM care_tasks", [])?;
        let summary = fresh.time(|| store.generate_care(window))?;
        tasks = summary.added;
        blocked = summary.blocked_by_consent;
        let again = rerun.time(|| store.generate_care(window))?;
        if again.unchanged != tasks
            || again.added + again.updated + again.removed != 0
            || again.blocked_by_consent != blocked
        {
            return Err(format!("care re-run was not idempotent: {again:?}").into());
        }
        let seen = fresh_naive.time(|| naive_run(&mut naive, &rules, window))?;
        rerun_naive.time(|| naive_run(&mut naive, &rules, window))?;
        if seen as u64 != tasks {
            return Err(format!("naive care run saw {seen} tasks, ours {tasks}").into());
        }
        eprint!("\rcare: timed runs   ");
    }
    eprintln!();
    let rows = vec![
        Row::new(
            "care: generate a year (fresh)",
            size,
            &fresh,
            "naive: per-customer queries, per-task upsert",
            &fresh_naive,
        ),
        Row::new(
            "care: re-run the same year",
            size,
            &rerun,
            "naive: per-customer queries, per-task upsert",
            &rerun_naive,
        ),
    ];
    let note = format!(
        "care at {size}: {size} delivered customers (one car each, two service readings, an insurance date, \
         consent to WeChat and SMS) recorded through the store in {build_secs:.1} s; a year ({from} to {to}) \
         is {tasks} care tasks ({:.1} per customer), {blocked} blocked by consent; p50 of {RUNS} runs each",
        tasks as f64 / size.max(1) as f64
    );
    Ok((rows, note))
}
