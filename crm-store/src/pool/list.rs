//! The pool's customers (those without an owner) as this book holds them: for a
//! consultant, as the server shows them (contacts masked, no history) until claimed.

use crate::error::Result;
use crate::find::listing::{check_page_size, summary_from_row, summary_select, CustomerPage};
use crate::store::Store;
use crm_core::CustomerId;
use rusqlite::params;

impl Store {
    /// A page of the pool's customers not archived, oldest first: at most `limit` (1 to
    /// [`crate::MAX_PAGE_SIZE`]), after customer `after` (the previous page's last id, as
    /// `next_cursor`).
    pub fn pool_customers(&self, limit: u32, after: Option<&CustomerId>) -> Result<CustomerPage> {
        check_page_size(limit)?;
        self.read(|conn| {
            let sql = format!(
                "{} WHERE c.owner IS NULL AND c.archived_at IS NULL
                   AND (?1 IS NULL OR (c.created_at, c.id) >
                        ((SELECT created_at FROM customers WHERE id = ?1), ?1))
                 ORDER BY c.created_at, c.id LIMIT ?2",
                summary_select()
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params![after.map(|a| a.as_str()), i64::from(limit) + 1])?;
            let mut customers = Vec::new();
            while let Some(row) = rows.next()? {
                customers.push(summary_from_row(row)?);
            }
            let next_cursor = if customers.len() > limit as usize {
                customers.truncate(limit as usize);
                customers.last().map(|c| c.id.as_str().to_owned())
            } else {
                None
            };
            Ok(CustomerPage {
                customers,
                next_cursor,
            })
        })
    }
}
