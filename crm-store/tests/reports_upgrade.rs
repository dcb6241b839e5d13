//! A book written before schema 12 reads the same after the upgrade as one written since:
//! the stage records are filled from its follow-ups, visits, orders and moves, the
//! assignment from its timeline's owner changes.

mod common;

use chrono::{DateTime, Utc};
use crm_core::{ReportPeriod, Stage};
use crm_store::Store;
use rusqlite::{params, Connection};

const HOUR: i64 = 3_600_000;
/// 2026-06-01T00:00Z.
const T: i64 = 1_780_272_000_000;

fn instant(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap()
}

fn customer(conn: &Connection, id: &str, owner: &str, created: i64) {
    conn.execute(
        "INSERT INTO customers (id, name, gender, source_kind, importance, owner, created_at,
             updated_at, version)
         VALUES (?1, '老客户', 'male', 'showroom_walk_in', 0, ?2, ?3, ?3, 1)",
        params![id, owner, created],
    )
    .unwrap();
}

fn follow_up(conn: &Connection, id: &str, customer: &str, kind: &str, at: i64, by: &str) {
    conn.execute(
        "INSERT INTO follow_ups (id, customer_id, method, kind, at, content, consultant,
             created_at, updated_at, version)
         VALUES (?1, ?2, 'phone', ?3, ?4, '聊了聊', ?5, ?4, ?4, 1)",
        params![id, customer, kind, at, by],
    )
    .unwrap();
}

fn owner_change(conn: &Connection, customer: &str, at: i64, old: Option<&str>, new: &str) {
    let value = |v: Option<&str>| {
        v.map(|v| serde_json::json!({"type": "text", "value": v}))
            .unwrap_or(serde_json::Value::Null)
    };
    let entry = serde_json::json!({
        "event": "customer_changed",
        "changes": [
            {"field": "notes", "old": null, "new": {"type": "text", "value": "x"}},
            {"field": "owner", "old": value(old), "new": value(Some(new))},
        ],
    });
    conn.execute(
        "INSERT INTO timeline (customer_id, at, actor, code, entry)
         VALUES (?1, ?2, NULL, 'customer_changed', ?3)",
        params![customer, at, entry.to_string()],
    )
    .unwrap();
}

#[test]
fn an_older_book_is_filled_from_its_records_and_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v11.sqlite3");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(include_str!("schemas/v11.sql")).unwrap();
    conn.pragma_update(None, "user_version", 11).unwrap();
    // A walk-in, advanced straight to visited an hour after entry (a jump over contacted
    // and invited), its visit done then; called first.
    customer(&conn, "walk", "c001", T);
    follow_up(&conn, "f1", "walk", "first_contact", T, "c001");
    conn.execute(
        "INSERT INTO stage_moves (customer_id, seq, kind, from_status, to_status, stage, at)
         VALUES ('walk', 1, 'advance', 'new_lead', 'visited', 'visited', ?1)",
        [T + HOUR],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO visits (id, customer_id, kind, scheduled_at, status, closed_at,
             created_at, updated_at, version)
         VALUES ('v1', 'walk', 'store_visit', ?1, 'done', ?1, ?1, ?1, 2)",
        [T + HOUR],
    )
    .unwrap();
    // An online lead handed from c001 to c002 three hours after entry (the last change to
    // the current owner counts), called by c002 an hour later; an appointment made then.
    customer(&conn, "online", "c002", T);
    owner_change(&conn, "online", T + HOUR, None, "c001");
    owner_change(&conn, "online", T + 3 * HOUR, Some("c001"), "c002");
    follow_up(
        &conn,
        "f2",
        "online",
        "needs_discovery",
        T + 2 * HOUR,
        "c001",
    );
    follow_up(
        &conn,
        "f3",
        "online",
        "store_visit_invitation",
        T + 4 * HOUR,
        "c002",
    );
    conn.execute(
        "INSERT INTO visits (id, customer_id, kind, model, scheduled_at, status, created_at,
             updated_at, version)
         VALUES ('v2', 'online', 'test_drive', '途观L', ?1, 'scheduled', ?2, ?2, 1)",
        params![T + 48 * HOUR, T + 4 * HOUR],
    )
    .unwrap();
    // Kept in a merge: its timeline holds the absorbed customer's older owner change.
    customer(&conn, "kept", "c001", T + 10 * HOUR);
    owner_change(&conn, "kept", T + 2 * HOUR, None, "c001");
    drop(conn);

    let store = Store::open(&path).unwrap();
    let period = ReportPeriod::new(instant(T - 24 * HOUR), instant(T + 240 * HOUR));
    let facts = store.load_report_facts(&period).unwrap();
    let assigned: Vec<(String, Option<DateTime<Utc>>)> = facts
        .iter()
        .map(|c| (c.id.to_string(), c.assigned_at))
        .collect();
    assert_eq!(
        assigned,
        [
            ("online".to_owned(), Some(instant(T + 3 * HOUR))),
            ("walk".to_owned(), Some(instant(T))),
            ("kept".to_owned(), Some(instant(T + 10 * HOUR))),
        ]
    );
    assert_eq!(
        store.funnel_report(&period).unwrap(),
        crm_core::funnel_report(&facts, &period)
    );
    let funnel = store.funnel_report(&period).unwrap();
    let row = |s: Stage| {
        let r = &funnel.rows[s.index()];
        (r.customers, r.reached, r.skipped)
    };
    // Contacted: walk (called) and online; invited: online (invitation and appointment),
    // walk skipped; visited: walk.
    assert_eq!(row(Stage::Contacted), (2, 2, 0));
    assert_eq!(row(Stage::Invited), (2, 1, 1));
    assert_eq!(row(Stage::Visited), (1, 1, 0));
    assert_eq!(row(Stage::TestDriven), (0, 0, 0));

    let mut c002 = period.clone();
    c002.consultant = Some("c002".into());
    let rows = store.consultant_report(&c002).unwrap();
    // From the handover at +3 h to c002's call at +4 h: 60 minutes, within 2 hours.
    assert_eq!(rows[0].median_first_response_minutes, Some(60.0));
    assert_eq!(rows[0].first_response_in_time_bp, Some(10_000));
}
