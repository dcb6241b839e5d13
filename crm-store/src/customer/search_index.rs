//! Keeping the quick-search index (`search_terms`) in step with the customers.

use crate::customer::rows::contact_from_row;
use crate::error::Result;
use crm_core::search::{search_terms, terms_of};
use crm_core::CustomerProfile;
use rusqlite::{params, Connection};

/// What a customer's index rows carry besides the terms.
pub(crate) struct IndexedCustomer<'a> {
    pub seq: i64,
    pub profile: &'a CustomerProfile,
    /// Last contact, else creation (UTC ms).
    pub recency: i64,
    pub archived: bool,
}

/// Replaces the customer's rows in the index.
pub(crate) fn reindex_customer(conn: &Connection, c: &IndexedCustomer<'_>) -> Result<()> {
    conn.prepare_cached("DELETE FROM search_terms WHERE seq = ?1")?
        .execute([c.seq])?;
    index_customer(conn, c)
}

/// Adds the rows of a customer not yet indexed.
pub(crate) fn index_customer(conn: &Connection, c: &IndexedCustomer<'_>) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO search_terms (field, term, seq, anchored, recency, archived) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for t in search_terms(c.profile) {
        insert.execute(params![
            t.field.code(),
            t.term,
            c.seq,
            t.anchored,
            c.recency,
            c.archived
        ])?;
    }
    Ok(())
}

/// Indexes every customer: the backfill of the migration that created the index. Reads
/// only columns that exist since schema version 1, so it runs on any older file.
pub(crate) fn index_all_customers(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT seq, id, name, coalesce(last_contact_at, created_at), archived_at IS NOT NULL FROM customers",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut contacts = conn.prepare(
        "SELECT kind, value, key, label, is_primary FROM contacts WHERE customer_id = ?1 ORDER BY position",
    )?;
    let mut insert = conn.prepare(
        "INSERT INTO search_terms (field, term, seq, anchored, recency, archived) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (seq, id, name, recency, archived) in rows {
        let mut found = Vec::new();
        let mut rows = contacts.query([&id])?;
        while let Some(row) = rows.next()? {
            found.push(contact_from_row(row, 0)?);
        }
        for t in terms_of(&name, &found) {
            insert.execute(params![
                t.field.code(),
                t.term,
                seq,
                t.anchored,
                recency,
                archived
            ])?;
        }
    }
    Ok(())
}
