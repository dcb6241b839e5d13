//! Listing customers: newest first, in keyset-paged summaries.

use crate::error::{Result, StoreError};
use crate::rows::{code, contact_from_row, importance};
use crate::store::Store;
use crate::time::from_millis;
use crm_core::{CustomerId, CustomerSummary, Gender};
use rusqlite::{params, Row};

/// The most summaries one page may hold.
pub const MAX_PAGE_SIZE: u32 = 10_000;

/// Which customers to list, and where to continue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    /// Include archived customers.
    pub include_archived: bool,
    /// At most this many (1 to [`MAX_PAGE_SIZE`]).
    pub limit: u32,
    /// Continue after this cursor (from the previous page's `next_cursor`).
    pub cursor: Option<String>,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            include_archived: false,
            limit: 50,
            cursor: None,
        }
    }
}

/// One page of summaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerPage {
    /// The customers, newest first.
    pub customers: Vec<CustomerSummary>,
    /// Where the next page starts; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// The keyset position after a row: its creation millis and id.
struct Cursor {
    created_at: i64,
    id: String,
}

impl Cursor {
    fn encode(&self) -> String {
        format!("{}:{}", self.created_at, self.id)
    }

    fn decode(text: &str) -> Result<Cursor> {
        let (ms, id) = text.split_once(':').ok_or(StoreError::InvalidCursor)?;
        Ok(Cursor {
            created_at: ms.parse().map_err(|_| StoreError::InvalidCursor)?,
            id: id.to_owned(),
        })
    }
}

/// The summary columns; the tags come as one text joined by U+001F (tags hold no control
/// characters). Read by [`summary_from_row`].
pub(crate) const SUMMARY_SELECT: &str =
    "SELECT c.id, c.name, c.gender, c.importance, c.owner, c.archived_at, \
     c.created_at, c.updated_at, c.version, p.kind, p.value, p.key, p.label, p.is_primary, \
     (SELECT group_concat(t.tag, char(31)) FROM customer_tags t WHERE t.customer_id = c.id) \
     FROM customers c LEFT JOIN contacts p ON p.customer_id = c.id AND p.is_primary = 1";

const LIST_SQL: &str = "WHERE (?1 OR c.archived_at IS NULL) \
     AND (c.created_at < ?2 OR (c.created_at = ?2 AND c.id < ?3)) \
     ORDER BY c.created_at DESC, c.id DESC LIMIT ?4";

/// A summary from a row of [`SUMMARY_SELECT`].
pub(crate) fn summary_from_row(row: &Row) -> Result<CustomerSummary> {
    let tags: Option<String> = row.get(14)?;
    Ok(CustomerSummary {
        id: CustomerId(row.get(0)?),
        name: row.get(1)?,
        gender: code::<Gender>(&row.get::<_, String>(2)?, "customers.gender")?,
        importance: importance(row.get(3)?)?,
        owner: row.get(4)?,
        archived_at: row
            .get::<_, Option<i64>>(5)?
            .map(|t| from_millis(t, "customers.archived_at"))
            .transpose()?,
        created_at: from_millis(row.get(6)?, "customers.created_at")?,
        updated_at: from_millis(row.get(7)?, "customers.updated_at")?,
        version: row.get(8)?,
        primary_contact: match row.get::<_, Option<String>>(9)? {
            Some(_) => Some(contact_from_row(row, 9)?),
            None => None,
        },
        tags: tags
            .map(|t| t.split('\u{1f}').map(str::to_owned).collect())
            .unwrap_or_default(),
    })
}

impl Store {
    /// A page of customer summaries, newest first.
    pub fn list_customers(&self, query: &ListQuery) -> Result<CustomerPage> {
        if query.limit == 0 || query.limit > MAX_PAGE_SIZE {
            return Err(crm_core::ValidationError::new(
                "limit",
                crm_core::Rule::Malformed {
                    expected: "a page size from 1 to 10000",
                },
            )
            .into());
        }
        let after = match &query.cursor {
            Some(c) => Cursor::decode(c)?,
            None => Cursor {
                created_at: i64::MAX,
                id: String::new(),
            },
        };
        let customers = self.read(|tx| {
            let mut stmt = tx.prepare_cached(&format!("{SUMMARY_SELECT} {LIST_SQL}"))?;
            let mut rows = stmt.query(params![
                query.include_archived,
                after.created_at,
                after.id,
                query.limit
            ])?;
            let mut out = Vec::with_capacity(query.limit as usize);
            while let Some(row) = rows.next()? {
                out.push(summary_from_row(row)?);
            }
            Ok(out)
        })?;
        let next_cursor = match customers.last() {
            Some(last) if customers.len() == query.limit as usize => Some(
                Cursor {
                    created_at: last.created_at.timestamp_millis(),
                    id: last.id.0.clone(),
                }
                .encode(),
            ),
            _ => None,
        };
        Ok(CustomerPage {
            customers,
            next_cursor,
        })
    }

    /// How many customers there are (archived ones only when asked).
    pub fn count_customers(&self, include_archived: bool) -> Result<u64> {
        self.read(|tx| {
            Ok(tx
                .prepare_cached("SELECT count(*) FROM customers WHERE ?1 OR archived_at IS NULL")?
                .query_row([include_archived], |r| r.get(0))?)
        })
    }
}
