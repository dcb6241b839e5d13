//! The schema and its migrations.
//!
//! Each migration moves the schema one version up and runs in the same IMMEDIATE transaction
//! as the `PRAGMA user_version` that records it. Released migrations never change: a change
//! is a new file. `tests/schemas/vN.sql` keeps a frozen copy of each released schema, and a
//! test checks that upgrading it gives the same schema as a fresh database.

use crate::db::connection::APPLICATION_ID;
use crate::error::{Result, StoreError};
use rusqlite::{Connection, TransactionBehavior};

/// What Rust computes after migration `version`'s SQL, which SQL cannot (search terms need
/// pinyin, reminder times the dealership's settings): a step of the feature that writes the
/// same columns in normal operation, handed to [`migrate`] by the store.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Backfill {
    /// The schema version whose migration it completes (it runs right after that SQL).
    pub version: u32,
    /// The step, inside the migration's transaction.
    pub run: fn(&Connection) -> Result<()>,
}

/// The migrations, in order: index 0 takes version 0 (empty) to version 1.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_customers.sql"),
    include_str!("../../migrations/0002_search.sql"),
    include_str!("../../migrations/0003_merges.sql"),
    include_str!("../../migrations/0004_filters_views.sql"),
    include_str!("../../migrations/0005_follow_ups.sql"),
    include_str!("../../migrations/0006_agenda_reminders.sql"),
    include_str!("../../migrations/0007_pipeline.sql"),
    include_str!("../../migrations/0008_care.sql"),
    include_str!("../../migrations/0009_care_task_ids.sql"),
    include_str!("../../migrations/0010_agenda_next_plan_due.sql"),
    include_str!("../../migrations/0011_care_schedules.sql"),
    include_str!("../../migrations/0012_daily_work.sql"),
    include_str!("../../migrations/0013_sync.sql"),
    include_str!("../../migrations/0014_audit.sql"),
    include_str!("../../migrations/0015_dealership_keys.sql"),
    include_str!("../../migrations/0016_outbox_triggers.sql"),
    include_str!("../../migrations/0017_care_sync.sql"),
    include_str!("../../migrations/0018_erasure.sql"),
    include_str!("../../migrations/0019_imports.sql"),
    include_str!("../../migrations/0020_deals.sql"),
];

/// The schema version this library writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The schema version recorded in the database file.
pub fn schema_version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Fails with [`StoreError::TooNew`] when the file was written by a newer library.
/// Reads only: the file is left untouched.
pub fn check_not_newer(conn: &Connection) -> Result<u32> {
    let found = schema_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(found)
}

/// The schema version of a dealer-crm book, 0 for an empty file; fails with
/// [`StoreError::NotABook`] for another application's database (another
/// `application_id`, or tables without a schema version of ours) and with
/// [`StoreError::TooNew`] for a newer book. Reads only: the file is left untouched.
pub fn check_is_book(conn: &Connection) -> Result<u32> {
    let application: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if application != 0 && application != APPLICATION_ID {
        return Err(StoreError::NotABook {
            reason: "it belongs to another application",
        });
    }
    let found = check_not_newer(conn)?;
    let has = |name: &str| -> Result<bool> {
        Ok(conn
            .prepare("SELECT 1 FROM sqlite_master WHERE name = ?1")?
            .exists([name])?)
    };
    let any_object: bool = conn.prepare("SELECT 1 FROM sqlite_master")?.exists([])?;
    match (found, any_object) {
        (0, false) => Ok(0),
        (0, _) => Err(StoreError::NotABook {
            reason: "it holds another application's tables",
        }),
        (_, _) if has("customers")? => Ok(found),
        _ => Err(StoreError::NotABook {
            reason: "it holds another application's tables",
        }),
    }
}

/// Brings the schema up to [`SCHEMA_VERSION`], one transaction for all pending steps: each
/// migration's SQL, then the `backfills` of its version in their order. Marks the file as a
/// dealer-crm book (`PRAGMA application_id`).
pub(crate) fn migrate(conn: &mut Connection, backfills: &[Backfill]) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again inside the write lock: another process may have migrated meanwhile.
    let from = check_not_newer(&tx)?;
    for (version, sql) in (1..).zip(MIGRATIONS).skip(from as usize) {
        tx.execute_batch(sql)?;
        for backfill in backfills.iter().filter(|b| b.version == version) {
            (backfill.run)(&tx)?;
        }
    }
    if from < SCHEMA_VERSION {
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    let application: i32 = tx.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if application != APPLICATION_ID {
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    tx.commit()?;
    Ok(())
}

/// The schema as text (every table, index and trigger's SQL, sorted), for comparing
/// databases in tests.
pub fn schema_dump(conn: &Connection) -> Result<String> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_master
         WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "{} {}: {}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?
        ))
    })?;
    let mut out = String::new();
    for row in rows {
        out.push_str(&row?);
        out.push('\n');
    }
    Ok(out)
}
