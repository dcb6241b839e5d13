//! Customers whose id starts with a given prefix: what a person types instead of a whole
//! id (`01a24bcb`), as git accepts a commit's hash prefix. A range on the `id` column's
//! unique index, so it reads only the matching rows.

use crate::error::Result;
use crate::find::listing::{summary_from_row, summary_select};
use crate::store::Store;
use crm_core::CustomerSummary;
use rusqlite::params;

/// Ids in `[prefix, upper)` of the unique index, in id order.
const PREFIX_SQL: &str = "WHERE c.id >= ?1 AND c.id < ?2 ORDER BY c.id LIMIT ?3";

/// The smallest text greater than every text starting with `prefix`: the prefix with its
/// last character raised by one (`None` when there is no such text, e.g. an empty prefix).
fn upper_bound(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        if let Some(next) = char::from_u32(u32::from(last) + 1) {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

impl Store {
    /// At most `limit` customers (archived or not) whose id starts with `prefix`, in id
    /// order; an empty prefix matches none.
    pub fn customers_with_id_prefix(
        &self,
        prefix: &str,
        limit: u32,
    ) -> Result<Vec<CustomerSummary>> {
        let Some(upper) = upper_bound(prefix) else {
            return Ok(Vec::new());
        };
        self.read(|conn| {
            let sql = format!("{} {PREFIX_SQL}", summary_select());
            let mut statement = conn.prepare_cached(&sql)?;
            let mut rows = statement.query(params![prefix, upper, limit])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(summary_from_row(row)?);
            }
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::upper_bound;

    #[test]
    fn the_upper_bound_follows_every_text_with_the_prefix() {
        assert_eq!(upper_bound("019a").as_deref(), Some("019b"));
        assert_eq!(upper_bound("01-").as_deref(), Some("01."));
        assert_eq!(upper_bound(""), None);
        assert!("019affff" < upper_bound("019a").unwrap().as_str());
    }
}
