//! Keeping the quick-search index (`search_terms`) in step with the customers.

use crate::customer::rows::read_contacts;
use crate::error::Result;
use crm_core::search::{search_terms, terms_of, SearchTerm};
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
    insert_terms(conn, search_terms(c.profile), c.seq, c.recency, c.archived)
}

/// Adds index rows `terms` of the customer numbered `seq`.
fn insert_terms(
    conn: &Connection,
    terms: Vec<SearchTerm>,
    seq: i64,
    recency: i64,
    archived: bool,
) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO search_terms (field, term, seq, anchored, recency, archived) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for t in terms {
        insert.execute(params![
            t.field.code(),
            t.term,
            seq,
            t.anchored,
            recency,
            archived
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
    for (seq, id, name, recency, archived) in rows {
        let contacts = read_contacts(conn, &id)?;
        insert_terms(conn, terms_of(&name, &contacts), seq, recency, archived)?;
    }
    Ok(())
}
