//! The rows one upload reads, loaded together before its changes are applied.
//!
//! Applying a change reads its row and its customer (and a parent's) before writing: one
//! round trip to PostgreSQL each, so an upload of 500 changes made 1,500 of them, and on a
//! busy machine each waits for a CPU. The cache reads every row the upload names, and the
//! customers of those rows, in two queries at the start; the changes then read them from
//! memory.
//!
//! It stays true to the table because every write the upload makes to `sync_rows` either
//! goes through [`RowCache::write`] (written through, and the row kept as written) or,
//! for the writes that touch other rows (a delete's cascade, an erasure, dependants moved
//! or restamped), is followed by [`RowCache::forget`]: from then on rows are read again,
//! one by one, as without a cache.

use super::links::{anchor, Anchor};
use super::rows::{self, StoredRow, Writer, COLUMNS};
use crm_core::sync::{Change, SyncEntity};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use tokio_postgres::GenericClient;

/// A row's key: its entity and id.
type Key = (SyncEntity, String);

/// The rows of one upload as stored (`None`: known not to be stored).
#[derive(Debug, Default)]
pub struct RowCache {
    rows: HashMap<Key, Option<StoredRow>>,
}

impl RowCache {
    /// Reads the rows `changes` name, their anchors (a customer, or the parent a new
    /// row's customer is read from), and the customers of every row found, in two queries.
    pub async fn prefetch(
        client: &impl GenericClient,
        changes: &[&Change],
    ) -> Result<RowCache, tokio_postgres::Error> {
        let mut cache = RowCache::default();
        let mut wanted: HashSet<Key> = HashSet::new();
        for change in changes {
            wanted.insert((change.entity, change.id.clone()));
            match anchor(change.entity, &change.id, &change.fields) {
                Ok(Anchor::Customer(id)) => wanted.insert((SyncEntity::Customers, id)),
                Ok(Anchor::Parent(entity, id)) => wanted.insert((entity, id)),
                Err(_) => false,
            };
        }
        cache.read_all(client, wanted).await?;
        let customers: HashSet<Key> = cache
            .rows
            .values()
            .flatten()
            .map(|row| (SyncEntity::Customers, row.customer_id.clone()))
            .filter(|key| !cache.rows.contains_key(key))
            .collect();
        cache.read_all(client, customers).await?;
        Ok(cache)
    }

    /// Reads `keys` in one query; those not found are kept as absent.
    async fn read_all(
        &mut self,
        client: &impl GenericClient,
        keys: HashSet<Key>,
    ) -> Result<(), tokio_postgres::Error> {
        if keys.is_empty() {
            return Ok(());
        }
        let (entities, ids): (Vec<&str>, Vec<&str>) =
            keys.iter().map(|(e, id)| (e.table(), id.as_str())).unzip();
        let sql = format!(
            "SELECT {COLUMNS} FROM sync_rows r
             JOIN unnest($1::text[], $2::text[]) AS w(entity, id)
               ON r.entity = w.entity AND r.id = w.id"
        );
        let found = client.query(&sql, &[&entities, &ids]).await?;
        for row in found.iter().filter_map(StoredRow::from_sql) {
            self.rows.insert((row.entity, row.id.clone()), Some(row));
        }
        for key in keys {
            self.rows.entry(key).or_insert(None);
        }
        Ok(())
    }

    /// The row as stored: from the cache, else read (and kept).
    pub async fn load(
        &mut self,
        client: &impl GenericClient,
        entity: SyncEntity,
        id: &str,
    ) -> Result<Option<StoredRow>, tokio_postgres::Error> {
        let key = (entity, id.to_owned());
        if let Some(row) = self.rows.get(&key) {
            return Ok(row.clone());
        }
        let row = rows::load(client, entity, id).await?;
        self.rows.insert(key, row.clone());
        Ok(row)
    }

    /// Writes a row as [`rows::write`] does, and keeps it as written.
    #[allow(clippy::too_many_arguments)]
    pub async fn write(
        &mut self,
        client: &impl GenericClient,
        entity: SyncEntity,
        id: &str,
        customer_id: &str,
        fields: &Map<String, Value>,
        deleted: bool,
        by: Writer<'_>,
    ) -> Result<(), tokio_postgres::Error> {
        let version =
            rows::write_versioned(client, entity, id, customer_id, fields, deleted, by).await?;
        let owner = (entity == SyncEntity::Customers)
            .then(|| rows::owner_in(fields))
            .flatten();
        let row = StoredRow {
            entity,
            id: id.to_owned(),
            customer_id: customer_id.to_owned(),
            owner,
            fields: fields.clone(),
            deleted,
            version,
        };
        self.rows.insert((entity, id.to_owned()), Some(row));
        Ok(())
    }

    /// Forgets every row: something wrote rows the cache did not see.
    pub fn forget(&mut self) {
        self.rows.clear();
    }
}
