//! Schema 19 turns each customer's pipeline into their first deal, in place: a book taken
//! back to every released schema and upgraded again has one deal per customer with the
//! pipeline's stage, status and instants, every move, intent, visit and order on it, and
//! the same reports as before.

mod common;

use chrono::Duration;
use common::{
    customer, downgrade_to, sample_order, test_store, vin, NowForTests, TestStore, RELEASED,
};
use crm_core::{
    Code, DealId, DealStatus, DormantReason, DormantRequest, LostReason, LostRequest, NewDelivery,
    NewVehicleIntent, NewVisit, ReportPeriod, Stage, VisitKind,
};
use crm_store::Store;
use rusqlite::Connection;

/// The released schemas before 11: books of these are written row by row (`old_book`).
fn oldest() -> impl Iterator<Item = &'static (u32, &'static str)> {
    RELEASED.iter().filter(|(v, _)| *v < 11)
}

/// The released schemas from 11 on: a book written by this library is taken back to each
/// (`common::downgrade_to`).
fn downgradable() -> impl Iterator<Item = &'static (u32, &'static str)> {
    RELEASED
        .iter()
        .filter(|(v, _)| *v >= 11 && *v < crm_store::schema::SCHEMA_VERSION)
}

/// A book with a customer at every kind of place in the pipeline: delivered, lost, dormant,
/// a lost request pending, visited after a test drive, ordered, and a new lead.
fn book() -> TestStore {
    let t = test_store();
    let s = &t.store;
    let today = || s.today().unwrap();
    let add = |name: &str, phone: &str| s.create_customer(&customer(name, phone)).unwrap().id;

    let delivered = add("李强", "13900139000");
    let order = s
        .place_order(&sample_order(&delivered, today()), Some("c001"))
        .unwrap();
    t.clock.advance(Duration::hours(30));
    let delivery = NewDelivery {
        date: today(),
        vin: Some(vin(1)),
        odometer_km: 12,
    };
    s.deliver_order(&order.id, order.version, &delivery, Some("c001"))
        .unwrap();

    let lost = add("赵敏", "13700137000");
    s.advance_stage(&lost, Stage::Contacted, Some("c001"))
        .unwrap();
    t.clock.advance(Duration::hours(2));
    let request = LostRequest {
        reason: LostReason::BoughtCompetitor,
        competitor: Some("丰田 RAV4".into()),
        note: None,
    };
    s.request_lost(&lost, &request, Some("c001")).unwrap();
    s.approve_request(&lost, "m001").unwrap();

    let dormant = add("孙丽", "13600136000");
    let sleep = DormantRequest {
        reason: DormantReason::Postponed,
        note: None,
        wake_on: Some(today() + Duration::days(90)),
    };
    s.request_dormant(&dormant, &sleep, Some("c002")).unwrap();
    s.approve_request(&dormant, "m001").unwrap();

    let pending = add("钱进", "13400134000");
    s.request_lost(&pending, &request, Some("c002")).unwrap();

    let visited = add("吴昊", "13300133000");
    s.add_intent(
        &NewVehicleIntent {
            brand: Some("大众".into()),
            ..NewVehicleIntent::new(visited.clone())
        },
        None,
    )
    .unwrap();
    let visit = NewVisit {
        customer_id: visited.clone(),
        kind: VisitKind::TestDrive,
        model: Some("途观L".into()),
        catalogue_model: None,
        scheduled_at: s.clock_now() + Duration::hours(1),
        consultant: None,
        notes: None,
    };
    let visit = s.schedule_visit(&visit, None).unwrap();
    t.clock.advance(Duration::hours(2));
    s.complete_visit(&visit.id, visit.version, s.clock_now(), None, None)
        .unwrap();

    let ordered = add("郑爽", "13200132000");
    s.place_order(&sample_order(&ordered, today()), Some("c002"))
        .unwrap();

    add("周杰", "13100131000");
    t.clock.advance(Duration::hours(1));
    t
}

/// A customer's id and pipeline columns: stage, status, since.
type PipelineRow = (String, String, String, Option<i64>);

/// The customers' pipeline columns, by id.
fn pipeline_columns(conn: &Connection) -> Vec<PipelineRow> {
    let mut stmt = conn
        .prepare(
            "SELECT id, pipeline_stage, pipeline_status, pipeline_since FROM customers ORDER BY id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn reports(store: &Store, period: &ReportPeriod) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}",
        store.funnel_report(period).unwrap(),
        store.channel_report(period).unwrap(),
        store.lost_report(period).unwrap(),
        store.consultant_report(period).unwrap(),
    )
}

#[test]
fn each_released_schema_upgrades_its_pipelines_into_first_deals() {
    for (version, sql) in downgradable() {
        let t = book();
        let now = t.clock.now_for_tests();
        let period = ReportPeriod::new(now - Duration::days(30), now + Duration::days(1));
        let before_reports = reports(&t.store, &period);
        drop(t.store);
        let conn = Connection::open(&t.path).unwrap();
        downgrade_to(&conn, sql, *version);
        let before = pipeline_columns(&conn);
        drop(conn);

        let store = Store::open_with_clock(&t.path, t.clock.clone())
            .unwrap_or_else(|e| panic!("v{version}: {e}"));
        let conn = Connection::open(&t.path).unwrap();
        let after = pipeline_columns(&conn);
        assert_eq!(before, after, "v{version}: the customers' rows");
        check_first_deals(&store, &conn, &after, *version);
        assert_eq!(
            reports(&store, &period),
            before_reports,
            "v{version}: the same reports"
        );
    }
}

/// Each customer of `rows` (their pipeline columns) has exactly one deal, their first,
/// standing where their row stands, with every one of their moves, intents, visits and
/// orders on it.
fn check_first_deals(store: &Store, conn: &Connection, rows: &[PipelineRow], version: u32) {
    {
        for (id, stage, status, since) in rows {
            let id = crm_core::CustomerId::from(id.as_str());
            let deals = store.deals_of(&id).unwrap();
            assert_eq!(deals.len(), 1, "v{version}: one deal for {id}");
            let deal = &deals[0];
            assert_eq!(deal.id, DealId::first_of(&id), "v{version}");
            assert_eq!(deal.stage.code(), stage, "v{version}");
            assert_eq!(deal.pipeline_status.code(), status, "v{version}");
            let customer = store.get_customer(&id).unwrap();
            assert_eq!(deal.created_at, customer.created_at, "v{version}");
            let since_ms = deal.since.timestamp_millis();
            assert_eq!(
                since_ms,
                since.unwrap_or(customer.created_at.timestamp_millis()),
                "v{version}"
            );
            assert_eq!(
                deal.closed_at.is_some(),
                deal.status != DealStatus::Open,
                "v{version}"
            );
            assert_eq!(
                store.deal_history(&deal.id).unwrap(),
                store.stage_history(&id).unwrap(),
                "v{version}: every move on the first deal"
            );
        }
        for table in ["stage_moves", "vehicle_intents", "visits", "orders"] {
            let astray: i64 = conn
                .query_row(
                    &format!("SELECT count(*) FROM {table} WHERE deal_id IS NOT customer_id"),
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(astray, 0, "v{version}: {table} on the first deal");
        }
    }
}

const HOUR: i64 = 3_600_000;
/// 2026-06-01T00:00Z.
const T: i64 = 1_780_272_000_000;

/// A book of schema `version` written row by row: a customer entered (every version); from
/// version 7, one visited by a move an hour after entry with their visit done, and one
/// lost (requested, then approved) with an order cancelled.
fn old_book(path: &std::path::Path, version: u32, sql: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(sql).unwrap();
    conn.pragma_update(None, "user_version", version).unwrap();
    let customer = |id: &str| {
        conn.execute(
            "INSERT INTO customers (id, name, gender, source_kind, importance, created_at,
                 updated_at, version)
             VALUES (?1, '老客户', 'male', 'repeat_customer', 0, ?2, ?2, 1)",
            rusqlite::params![id, T],
        )
        .unwrap();
    };
    customer("entered");
    if version < 7 {
        return;
    }
    customer("walk");
    conn.execute_batch(&format!(
        "UPDATE customers SET pipeline_stage = 'visited', pipeline_status = 'visited',
             pipeline_since = {at}, reached_contacted = {at}, reached_invited = {at},
             reached_visited = {at} WHERE id = 'walk';
         INSERT INTO stage_moves (customer_id, seq, kind, from_status, to_status, stage, at)
             VALUES ('walk', 1, 'advance', 'new_lead', 'visited', 'visited', {at});
         INSERT INTO visits (id, customer_id, kind, scheduled_at, status, closed_at,
             created_at, updated_at, version)
             VALUES ('v1', 'walk', 'store_visit', {at}, 'done', {at}, {at}, {at}, 2);",
        at = T + HOUR
    ))
    .unwrap();
    customer("lost");
    conn.execute_batch(&format!(
        "UPDATE customers SET pipeline_stage = 'contacted', pipeline_status = 'lost',
             pipeline_since = {approved}, lost_reason = 'price', reached_contacted = {at}
             WHERE id = 'lost';
         INSERT INTO stage_moves (customer_id, seq, kind, from_status, to_status, stage, at)
             VALUES ('lost', 1, 'advance', 'new_lead', 'contacted', 'contacted', {at});
         INSERT INTO stage_moves (customer_id, seq, kind, from_status, to_status, stage, at,
                 lost_reason)
             VALUES ('lost', 2, 'request_lost', 'contacted', 'lost_requested', 'contacted',
                 {requested}, 'price');
         INSERT INTO stage_moves (customer_id, seq, kind, from_status, to_status, stage, at,
                 actor, lost_reason)
             VALUES ('lost', 3, 'approve', 'lost_requested', 'lost', 'contacted', {approved},
                 'm001', 'price');
         INSERT INTO orders (id, customer_id, model, price, discount, deposit, order_date,
                 finance, insurance, status, cancelled_at, cancel_reason, created_at,
                 updated_at, version)
             VALUES ('o1', 'lost', '途观L', 20000000, 0, 0, '2026-06-01', 0, 0, 'cancelled',
                 {at}, 'price', {at}, {at}, 2);",
        at = T + HOUR,
        requested = T + 2 * HOUR,
        approved = T + 3 * HOUR,
    ))
    .unwrap();
}

#[test]
fn the_oldest_schemas_upgrade_their_pipelines_into_first_deals() {
    for (version, sql) in oldest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("v{version}.sqlite3"));
        old_book(&path, *version, sql);
        let before = pipeline_columns_if_any(&path, *version);
        let store = Store::open(&path).unwrap_or_else(|e| panic!("v{version}: {e}"));
        let conn = Connection::open(&path).unwrap();
        let after = pipeline_columns(&conn);
        if let Some(before) = before {
            assert_eq!(before, after, "v{version}: the customers' rows");
        }
        check_first_deals(&store, &conn, &after, *version);
        let deals: Vec<_> = after
            .iter()
            .map(|(id, ..)| store.deals_of(&id.as_str().into()).unwrap().remove(0))
            .collect();
        assert!(deals
            .iter()
            .all(|d| d.source == crm_core::DealSource::RepeatPurchase));
        if *version >= 7 {
            let lost = deals.iter().find(|d| d.id.as_str() == "lost").unwrap();
            assert_eq!(lost.status, DealStatus::Lost, "v{version}");
            assert_eq!(
                lost.closed_at.map(|c| c.timestamp_millis()),
                Some(T + 3 * HOUR),
                "v{version}"
            );
            assert_eq!(store.deal_history(&lost.id).unwrap().len(), 3, "v{version}");
            let walk = deals.iter().find(|d| d.id.as_str() == "walk").unwrap();
            assert_eq!(walk.stage, Stage::Visited, "v{version}");
            assert_eq!(walk.status, DealStatus::Open, "v{version}");
        }
    }
}

/// The customers' pipeline columns of a book at `version`, when it has them (7 on).
fn pipeline_columns_if_any(path: &std::path::Path, version: u32) -> Option<Vec<PipelineRow>> {
    (version >= 7).then(|| pipeline_columns(&Connection::open(path).unwrap()))
}
