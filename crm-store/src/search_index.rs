//! Keeping the quick-search index (`search_terms`) in step with the customers.

use crate::error::Result;
use crate::rows::read_customer;
use crm_core::search::search_terms;
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
pub(crate) fn reindex_customer(conn: &Connection, c: &IndexedCustomer) -> Result<()> {
    conn.prepare_cached("DELETE FROM search_terms WHERE seq = ?1")?
        .execute([c.seq])?;
    index_customer(conn, c)
}

/// Adds the rows of a customer not yet indexed.
pub(crate) fn index_customer(conn: &Connection, c: &IndexedCustomer) -> Result<()> {
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

/// Indexes every customer: the backfill of the migration that created the index.
pub(crate) fn index_all_customers(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT seq, id, coalesce(last_contact_at, created_at), archived_at IS NOT NULL FROM customers",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (seq, id, recency, archived) in rows {
        let Some(customer) = read_customer(conn, &id)? else {
            continue;
        };
        index_customer(
            conn,
            &IndexedCustomer {
                seq,
                profile: &customer.profile,
                recency,
                archived,
            },
        )?;
    }
    Ok(())
}
