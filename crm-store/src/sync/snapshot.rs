//! The book's synced state as server rows: every synced row, as a first download of this
//! book's customers would bring it. A book made before it synced hands the server its
//! data this way; tests and benchmarks build downloads from generated books with it.

use crate::error::{Result, StoreError};
use crate::store::Store;
use crate::sync::columns::{EntityColumns, ENTITY_COLUMNS};
use crm_core::sync::{EntityShape, ServerRow, SyncEntity};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde_json::{Map, Value as Json};

/// The SQL for the customer a row of `columns`' table belongs to (`t` is the row).
fn customer_expr(columns: &EntityColumns) -> String {
    match columns.parent {
        None => "t.id".to_string(),
        Some((SyncEntity::Customers, column)) => format!("t.{column}"),
        Some((parent, column)) => format!(
            "(SELECT customer_id FROM {} WHERE id = t.{column})",
            parent.table()
        ),
    }
}

fn json_of(value: ValueRef<'_>, column: &'static str) -> Result<Json> {
    Ok(match value {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(i) => Json::from(i),
        ValueRef::Real(f) => Json::from(f),
        ValueRef::Text(t) => Json::String(
            std::str::from_utf8(t)
                .map_err(|_| StoreError::Corrupt { column })?
                .to_string(),
        ),
        ValueRef::Blob(_) => return Err(StoreError::Corrupt { column }),
    })
}

/// The columns that order `columns`' rows as a snapshot lists them: append-only records
/// in the order this book made them (by parent, then rowid); others by id, a list's items
/// in list order.
pub(crate) fn row_order(columns: &EntityColumns) -> Vec<&'static str> {
    let mut order: Vec<&'static str> = match columns.shape() {
        EntityShape::AppendOnly => columns.parent.map(|p| p.1).into_iter().collect(),
        _ => vec![columns.id],
    };
    order.extend(columns.item_key);
    order.extend(columns.local);
    order
}

/// Every synced row of `columns`' table as server rows (a list: one per parent).
fn rows_of(conn: &Connection, columns: &EntityColumns, out: &mut Vec<ServerRow>) -> Result<()> {
    if columns.synced.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "SELECT {}, t.{}, {} FROM {} t ORDER BY {}",
        columns
            .synced
            .iter()
            .map(|c| format!("t.{c}"))
            .collect::<Vec<_>>()
            .join(", "),
        columns.id,
        customer_expr(columns),
        columns.table(),
        row_order(columns)
            .iter()
            .map(|c| format!("t.{c}"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let n = columns.synced.len();
    while let Some(row) = rows.next()? {
        let mut fields = Map::new();
        for (i, column) in columns.synced.iter().enumerate() {
            fields.insert(column.to_string(), json_of(row.get_ref(i)?, column)?);
        }
        let id: String = match row.get_ref(n)? {
            ValueRef::Text(_) => row.get(n)?,
            other => json_of(other, columns.id)?.to_string(),
        };
        let customer_id: String = row.get(n + 1)?;
        if columns.shape() == EntityShape::List {
            match out.last_mut() {
                Some(last) if last.entity == columns.entity && last.id == id => {
                    if let Some(Json::Array(items)) =
                        last.fields.as_mut().and_then(|f| f.get_mut("items"))
                    {
                        items.push(Json::Object(fields));
                    }
                    continue;
                }
                _ => {
                    let mut list = Map::new();
                    list.insert("items".into(), Json::Array(vec![Json::Object(fields)]));
                    fields = list;
                }
            }
        }
        out.push(ServerRow {
            version: 0,
            entity: columns.entity,
            id,
            customer_id,
            fields: Some(fields),
        });
    }
    Ok(())
}

impl Store {
    /// Every synced row of the book as a server row, parents before children (the order
    /// of `SyncEntity::ALL`), each entity's by id: what a first download of this book's
    /// customers brings, with `version` 0. The columns the device derives or keeps to
    /// itself are not in it (see the sync columns).
    pub fn synced_rows(&self) -> Result<Vec<ServerRow>> {
        self.read(|conn| {
            let mut out = Vec::new();
            for columns in &ENTITY_COLUMNS {
                rows_of(conn, columns, &mut out)?;
            }
            Ok(out)
        })
    }
}
