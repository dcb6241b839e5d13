//! The server's schema and its migrations, versioned like a device's book: a
//! `schema_version` table holds the version, numbered migration files move it one step up,
//! and `init` applies the pending ones in one transaction. Released migrations never change
//! (a change is a new file). A database written by a newer server is refused.

use crate::error::ServerError;
use tokio_postgres::{Client, GenericClient};

/// The migrations, in order: index 0 takes an empty database to version 1.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_sync.sql"),
    include_str!("../../migrations/0002_pool.sql"),
    include_str!("../../migrations/0003_contact_keys.sql"),
    include_str!("../../migrations/0004_audit.sql"),
    include_str!("../../migrations/0005_care_sync.sql"),
];

/// The schema version this server writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// Serialises concurrent `init`s (an advisory lock key of this server's own).
const MIGRATION_LOCK: i64 = 0x6372_6d5f_6d69_6772;

/// The schema version recorded in the database, 0 for a database without one.
pub async fn schema_version(client: &impl GenericClient) -> Result<i32, ServerError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('schema_version') IS NOT NULL", &[])
        .await?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let row = client
        .query_opt("SELECT max(version) FROM schema_version", &[])
        .await?;
    Ok(row.and_then(|r| r.get::<_, Option<i32>>(0)).unwrap_or(0))
}

/// Fails unless the database holds exactly this server's schema: an older one needs
/// `crm-server init`, a newer one a newer server.
pub async fn check_current(client: &impl GenericClient) -> Result<(), ServerError> {
    let found = schema_version(client).await?;
    match found.cmp(&SCHEMA_VERSION) {
        std::cmp::Ordering::Equal => Ok(()),
        std::cmp::Ordering::Greater => Err(ServerError::DatabaseTooNew {
            found,
            supported: SCHEMA_VERSION,
        }),
        std::cmp::Ordering::Less => Err(ServerError::DatabaseNotInitialised {
            found,
            supported: SCHEMA_VERSION,
        }),
    }
}

/// Creates or upgrades the schema, all pending migrations in one transaction; returns the
/// version found before. A database newer than this server is left untouched.
pub async fn init(client: &mut Client) -> Result<i32, ServerError> {
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
        .await?;
    let from = schema_version(&tx).await?;
    if from > SCHEMA_VERSION {
        return Err(ServerError::DatabaseTooNew {
            found: from,
            supported: SCHEMA_VERSION,
        });
    }
    for sql in MIGRATIONS.iter().skip(from as usize) {
        tx.batch_execute(sql).await?;
    }
    // Customers stored before contact keys were kept take theirs.
    crate::sync::contact_keys::backfill(&tx).await?;
    if from < SCHEMA_VERSION {
        tx.execute("DELETE FROM schema_version", &[]).await?;
        tx.execute(
            "INSERT INTO schema_version (version) VALUES ($1)",
            &[&SCHEMA_VERSION],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(from)
}
