//! The `sync_rows` table: the current state of every synced row, each stamped with the
//! change-log version (`change_version` sequence) of its last change.

use super::links::tables_in_order;
use crm_core::sync::{ServerRow, SyncEntity};
use serde_json::{Map, Value};
use tokio_postgres::types::Type;
use tokio_postgres::{GenericClient, Row};

/// A row as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRow {
    /// Its entity.
    pub entity: SyncEntity,
    /// Its id.
    pub id: String,
    /// Its customer.
    pub customer_id: String,
    /// A customer's owner (`None` for other entities, and for the pool).
    pub owner: Option<String>,
    /// Its last fields (also kept on a tombstone).
    pub fields: Map<String, Value>,
    /// A tombstone.
    pub deleted: bool,
    /// The version of its last change.
    pub version: i64,
}

impl StoredRow {
    /// Reads the columns `entity, id, customer_id, owner, fields, deleted, version`
    /// (`None` for an entity the server does not sync, which no write stores).
    pub fn from_sql(row: &Row) -> Option<StoredRow> {
        let fields: Value = row.get(4);
        Some(StoredRow {
            entity: SyncEntity::from_table(row.get(0))?,
            id: row.get(1),
            customer_id: row.get(2),
            owner: row.get(3),
            fields: match fields {
                Value::Object(map) => map,
                _ => Map::new(),
            },
            deleted: row.get(5),
            version: row.get(6),
        })
    }

    /// The row on the wire: its fields, or none for a tombstone.
    pub fn to_server_row(&self) -> ServerRow {
        ServerRow {
            version: u64::try_from(self.version).unwrap_or_default(),
            entity: self.entity,
            id: self.id.clone(),
            customer_id: self.customer_id.clone(),
            fields: (!self.deleted).then(|| self.fields.clone()),
        }
    }
}

/// The columns [`StoredRow::from_sql`] reads, for a row aliased `r`.
pub const COLUMNS: &str = "r.entity, r.id, r.customer_id, r.owner, r.fields, r.deleted, r.version";

/// A customer's owner as its fields hold it (`None`: the pool).
pub fn owner_in(fields: &Map<String, Value>) -> Option<String> {
    match fields.get("owner") {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// The row, tombstone or not; `None` when the server never had it.
pub async fn load(
    client: &impl GenericClient,
    entity: SyncEntity,
    id: &str,
) -> Result<Option<StoredRow>, tokio_postgres::Error> {
    // Typed: one round trip to PostgreSQL instead of a prepare and an execute; every
    // change of an upload reads its row this way, so the round trips are its cost.
    let sql = format!("SELECT {COLUMNS} FROM sync_rows r WHERE r.entity = $1 AND r.id = $2");
    let row = client
        .query_typed_opt(&sql, &[(&entity.table(), Type::TEXT), (&id, Type::TEXT)])
        .await?;
    Ok(row.as_ref().and_then(StoredRow::from_sql))
}

/// Who a write came from: the user signed in and the device that sent the change. Every
/// row the server holds (a tombstone too) keeps the last of them (`updated_by`,
/// `updated_device`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Writer<'a> {
    /// The user's id.
    pub user: &'a str,
    /// The device id the upload named; none for a change the server made for the user
    /// outside an upload (a manager settling a duplicate claim through the API).
    pub device: Option<&'a str>,
}

impl<'a> Writer<'a> {
    /// A change the server makes for `user` outside an upload: no device.
    pub fn server(user: &'a str) -> Writer<'a> {
        Writer { user, device: None }
    }
}

/// Writes a row's new state (inserting it or replacing what is stored) under the next
/// version, stamped with who wrote it (`by`); `deleted` makes it a tombstone that keeps
/// `fields`.
pub async fn write(
    client: &impl GenericClient,
    entity: SyncEntity,
    id: &str,
    customer_id: &str,
    fields: &Map<String, Value>,
    deleted: bool,
    by: Writer<'_>,
) -> Result<(), tokio_postgres::Error> {
    write_versioned(client, entity, id, customer_id, fields, deleted, by)
        .await
        .map(|_| ())
}

/// [`write`], answering the version the row was given.
pub async fn write_versioned(
    client: &impl GenericClient,
    entity: SyncEntity,
    id: &str,
    customer_id: &str,
    fields: &Map<String, Value>,
    deleted: bool,
    by: Writer<'_>,
) -> Result<i64, tokio_postgres::Error> {
    let owner = (entity == SyncEntity::Customers)
        .then(|| owner_in(fields))
        .flatten();
    let fields = Value::Object(fields.clone());
    let written = client
        .query_typed_one(
            "INSERT INTO sync_rows (entity, id, customer_id, owner, fields, deleted, version,
                updated_by, updated_device)
             VALUES ($1, $2, $3, $4, $5, $6, nextval('change_version'), $7, $8)
             ON CONFLICT (entity, id) DO UPDATE SET
                customer_id = EXCLUDED.customer_id, owner = EXCLUDED.owner,
                fields = EXCLUDED.fields, deleted = EXCLUDED.deleted,
                version = EXCLUDED.version, updated_by = EXCLUDED.updated_by,
                updated_device = EXCLUDED.updated_device, updated_at = now()
             RETURNING version",
            &[
                (&entity.table(), Type::TEXT),
                (&id, Type::TEXT),
                (&customer_id, Type::TEXT),
                (&owner, Type::TEXT),
                (&fields, Type::JSONB),
                (&deleted, Type::BOOL),
                (&by.user, Type::TEXT),
                (&by.device, Type::TEXT),
            ],
        )
        .await?;
    Ok(written.get(0))
}

/// Gives every row of the customer but the customer's own a new version, parents before
/// children, so that a device the customer just reached downloads all of it.
pub async fn restamp_customer(
    client: &impl GenericClient,
    customer_id: &str,
) -> Result<(), tokio_postgres::Error> {
    client
        .execute(
            "UPDATE sync_rows r SET version = s.v FROM (
                SELECT entity, id, nextval('change_version') AS v FROM (
                    SELECT entity, id FROM sync_rows
                    WHERE customer_id = $1 AND entity <> 'customers'
                    ORDER BY array_position($2::text[], entity), id
                ) o
             ) s WHERE r.entity = s.entity AND r.id = s.id",
            &[&customer_id, &tables_in_order()],
        )
        .await?;
    Ok(())
}
