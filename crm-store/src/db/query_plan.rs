//! Test support: what SQLite's planner does with a query, for tests that pin an index.

use crate::Store;
use rusqlite::types::Value;

/// `EXPLAIN QUERY PLAN` of `sql` with `params` bound in order (parameters left unbound are
/// NULL, enough for a plan): the plan's steps, one line each.
pub(crate) fn query_plan(store: &Store, sql: &str, params: &[Value]) -> String {
    store
        .read(|tx| {
            let mut stmt = tx.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
            for (i, value) in params.iter().enumerate() {
                stmt.raw_bind_parameter(i + 1, value)?;
            }
            let mut rows = stmt.raw_query();
            let mut lines = Vec::new();
            while let Some(row) = rows.next()? {
                lines.push(row.get::<_, String>(3)?);
            }
            Ok(lines.join("\n"))
        })
        .expect("a query plan")
}
