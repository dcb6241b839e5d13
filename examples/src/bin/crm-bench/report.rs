//! The managers' reports: the funnel and the channel table of a year, from the customers'
//! pipeline columns, beside the straightforward way (load the cohort's facts, run
//! crm-core's pure functions) in the same run, on a book whose pipelines were recorded
//! through the store's API.

use crate::measure::side_by_side;
use crate::results::Row;
use chrono::{DateTime, Duration, TimeZone, Utc};
use crm_core::{
    channel_report, funnel_report, Code, Fen, LostReason, LostRequest, ManualClock, NewDelivery,
    NewOrder, OrderedVehicle, ReportPeriod, Stage,
};
use crm_examples::generator::generate;
use crm_store::Store;
use std::error::Error;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Timed runs of each report (each alternates ours and the straightforward way).
const RUNS: usize = 20;

/// The day the book is looked at.
fn today() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

/// A leaky funnel: where customer number `i` ends, by a cheap hash (per 100 customers:
/// 40 untouched, 20 contacted, 10 invited, 8 visited, 6 test-driven, 4 negotiating, 2 ordered,
/// 6 delivered, 4 lost after contact).
fn fate(i: u64) -> (Option<Stage>, bool) {
    match (i * 7_919) % 100 {
        0..=39 => (None, false),
        40..=59 => (Some(Stage::Contacted), false),
        60..=69 => (Some(Stage::Invited), false),
        70..=77 => (Some(Stage::Visited), false),
        78..=83 => (Some(Stage::TestDriven), false),
        84..=87 => (Some(Stage::Negotiating), false),
        88..=89 => (Some(Stage::Ordered), false),
        90..=95 => (Some(Stage::Delivered), false),
        _ => (Some(Stage::Contacted), true),
    }
}

fn order(customer: &crm_core::CustomerId, on: DateTime<Utc>, i: u64) -> NewOrder {
    NewOrder {
        customer_id: customer.clone(),
        intent_id: None,
        vehicle: OrderedVehicle {
            brand: Some("大众".into()),
            series: Some("ID.4".into()),
            model: "2025款 纯净智享版".into(),
            trim: None,
            colour: None,
            catalogue_model: None,
        },
        vin: None,
        price: Fen(18_000_000 + (i % 50) as i64 * 100_000),
        discount: Fen(800_000),
        deposit: Fen(500_000),
        order_date: (on + Duration::hours(8)).date_naive(),
        expected_delivery: None,
        finance: i.is_multiple_of(3),
        insurance: true,
        consultant: None,
    }
}

/// `size` generated customers; 60 % of them move along the pipeline through the store's
/// API (a move a few days after creation, an order and a delivery later), moves, orders and
/// deliveries each in their own transaction, at the time the clock is set to.
fn build(path: &Path, size: usize, seed: u64) -> Result<Store> {
    let clock = Arc::new(ManualClock::new(today()));
    let store = Store::open_with_clock(path, clock.clone())?;
    let mut done = 0u64;
    for batch in generate(seed, size, today()).chunks(1_000) {
        clock.set(today());
        let ids = store.import_customers(&batch)?;
        for (import, id) in batch.iter().zip(ids) {
            let i = done;
            done += 1;
            let (stage, lost) = fate(i);
            let Some(stage) = stage else { continue };
            let mut at = import.created_at + Duration::hours(2 + (i % 240) as i64);
            let at_most_today = |t: DateTime<Utc>| t.min(today() - Duration::minutes(1));
            clock.set(at_most_today(at));
            let target = if stage.index() >= Stage::Ordered.index() {
                Stage::TestDriven
            } else {
                stage
            };
            store.advance_stage(&id, target, Some("bench"))?;
            if lost {
                at += Duration::days(3);
                clock.set(at_most_today(at));
                let request = LostRequest {
                    reason: LostReason::ALL[(i % LostReason::ALL.len() as u64) as usize],
                    competitor: Some(["比亚迪", "丰田", "吉利"][(i % 3) as usize].into()),
                    note: Some("回访确认".into()),
                };
                store.request_lost(&id, &request, Some("bench"))?;
                store.approve_request(&id, "manager")?;
            }
            if stage.index() >= Stage::Ordered.index() {
                at += Duration::days(5 + (i % 20) as i64);
                clock.set(at_most_today(at));
                let placed = store.place_order(&order(&id, at_most_today(at), i), None)?;
                if stage == Stage::Delivered {
                    at += Duration::days(10 + (i % 30) as i64);
                    clock.set(at_most_today(at));
                    let delivery = NewDelivery {
                        date: (at_most_today(at) + Duration::hours(8)).date_naive(),
                        vin: Some(format!("WVWZZZ1KZ{i:08}")),
                        odometer_km: 12,
                    };
                    store.deliver_order(&placed.id, placed.version, &delivery, None)?;
                }
            }
        }
        eprint!("\rreports: customers {done}/{size}   ");
    }
    eprintln!();
    clock.set(today());
    Ok(store)
}

/// Builds the book, checks both ways agree, and times the funnel and the channel table of
/// the year before [`today`]. Returns the rows and a note.
pub fn run(size: usize, seed: u64, dir: &Path) -> Result<(Vec<Row>, String)> {
    let started = Instant::now();
    let store = build(&dir.join("reports.sqlite3"), size, seed)?;
    let build_secs = started.elapsed().as_secs_f64();
    let year = ReportPeriod::new(today() - Duration::days(365), today());
    let facts = store.load_report_facts(&year)?;
    let funnel = store.funnel_report(&year)?;
    if funnel != funnel_report(&facts, &year) {
        return Err("the funnel differs from the straightforward way".into());
    }
    if store.channel_report(&year)? != channel_report(&facts, &year) {
        return Err("the channel table differs from the straightforward way".into());
    }
    let periods = [year.clone()];
    let (ours, plain) = side_by_side(
        &periods,
        RUNS,
        |p| {
            let _ = store.funnel_report(p);
        },
        |p| {
            if let Ok(facts) = store.load_report_facts(p) {
                let _ = funnel_report(&facts, p);
            }
        },
    );
    let funnel_row = Row::new(
        "funnel report, a year",
        size,
        &ours,
        "straightforward: load facts + funnel_report",
        &plain,
    );
    let (ours, plain) = side_by_side(
        &periods,
        RUNS,
        |p| {
            let _ = store.channel_report(p);
        },
        |p| {
            if let Ok(facts) = store.load_report_facts(p) {
                let _ = channel_report(&facts, p);
            }
        },
    );
    let channel_row = Row::new(
        "channel report, a year",
        size,
        &ours,
        "straightforward: load facts + channel_report",
        &plain,
    );
    let note = format!(
        "reports at {size}: book built through the store in {build_secs:.0} s; the year's \
         cohort {} customers, {} delivered, {} lost; both ways agree",
        funnel.cohort,
        funnel.rows.last().map_or(0, |r| r.customers),
        funnel.lost
    );
    Ok((vec![funnel_row, channel_row], note))
}
