//! One [`ServerRow`] written into the book, as the server holds it, by its entity's shape:
//! a record's synced columns upserted, a list replaced whole, an append-only record
//! inserted once by its uid; no fields: the row deleted (a customer with all of their
//! data, as eviction does).
//!
//! Fields with a change of this device the server has not acknowledged yet keep their
//! local values (a list, or a record deleted here, is kept whole): the server's answer
//! to that change brings them later, so nothing flickers back meanwhile.

use crate::error::{Result, StoreError};
use crate::follow_up::plans::{customer_active, open_plan_of, read_plan, write_plan, PlanSettings};
use crate::follow_up::reminder_log::{log_plan_change, log_visibility};
use crate::sync::columns::{entity_columns, EntityColumns};
use crate::sync::evict::evict_customer;
use crate::sync::values::{invalid, is_constraint, sql_value};
use crm_core::sync::{EntityShape, ServerRow, SyncEntity};
use crm_core::{contact_key, tag_key, Code, ContactKind, CustomerId, PlanId, Rule};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde_json::{Map, Value as Json};
use std::collections::BTreeSet;

/// What writing a row did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    /// The server's row is in the book.
    Applied,
    /// Some or all of its fields kept their local values (a change not yet acknowledged).
    KeptLocal,
    /// Nothing written yet: a pending plan met another pending plan of its customer, which
    /// a later row of the batch closes (the server's log may hold the two in either
    /// order). Written again once the batch's other rows are.
    Deferred,
}

/// What the device reads once for every row it writes.
pub(crate) struct Context {
    plans: PlanSettings,
    /// No change waits for the server: no field is kept local (a first download skips
    /// the look-ups).
    outbox_empty: bool,
}

impl Context {
    /// The settings as stored now.
    pub(crate) fn read(conn: &Connection) -> Result<Context> {
        Ok(Context {
            plans: PlanSettings::read(conn)?,
            outbox_empty: !conn
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM sync_outbox)")?
                .query_row([], |r| r.get::<_, bool>(0))?,
        })
    }
}

/// This device's unacknowledged changes of one row.
#[derive(Debug, Default)]
struct Pending {
    deleted: bool,
    columns: BTreeSet<String>,
}

fn pending(
    conn: &Connection,
    ctx: &Context,
    entity: SyncEntity,
    row_id: &str,
) -> Result<Option<Pending>> {
    if ctx.outbox_empty {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT op, fields FROM sync_outbox WHERE entity = ?1 AND row_id = ?2 ORDER BY op_id",
    )?;
    let mut rows = stmt.query([entity.table(), row_id])?;
    let mut found: Option<Pending> = None;
    while let Some(row) = rows.next()? {
        let p = found.get_or_insert_with(Pending::default);
        let op: String = row.get(0)?;
        let fields: String = row.get(1)?;
        if op == "delete" {
            p.deleted = true;
            continue;
        }
        let fields: Map<String, Json> =
            serde_json::from_str(&fields).map_err(|_| StoreError::Corrupt {
                column: "sync_outbox.fields",
            })?;
        p.columns.extend(fields.keys().cloned());
    }
    Ok(found)
}

/// Writes `row` (found at `path` of its batch, e.g. `rows[3]`) into the book. The caller
/// has the outbox triggers quiet and recomputes the customer's derived columns after.
///
/// With `may_defer`, a plan refused by the one-pending-plan index is [`Written::Deferred`]
/// instead of an error.
pub(crate) fn write_row(
    conn: &Connection,
    ctx: &Context,
    row: &ServerRow,
    path: &str,
    may_defer: bool,
) -> Result<Written> {
    let columns = entity_columns(row.entity);
    let plan_before = match row.entity {
        SyncEntity::Plans => read_plan(conn, &PlanId::from(row.id.as_str()))?,
        _ => None,
    };
    let customer = CustomerId::from(row.id.as_str());
    let active_before = match row.entity {
        SyncEntity::Customers => Some(customer_active(conn, &customer)?),
        _ => None,
    };
    let written = match (&row.fields, columns.shape()) {
        (None, EntityShape::List) => delete_list(conn, ctx, columns, &row.id),
        (None, _) if row.entity == SyncEntity::Customers => {
            evict_customer(conn, &row.id).map(|_| Written::Applied)
        }
        (None, _) => delete_row(conn, columns, &row.id),
        (Some(fields), EntityShape::Record) => put_record(conn, ctx, columns, row, fields, path),
        (Some(fields), EntityShape::List) => put_list(conn, ctx, columns, row, fields, path),
        (Some(fields), EntityShape::AppendOnly) => append(conn, columns, row, fields, path),
    };
    let written = match written {
        Err(e) if may_defer && row.entity == SyncEntity::Plans && is_constraint(&e) => {
            return Ok(Written::Deferred)
        }
        other => other,
    }
    .map_err(|e| {
        if is_constraint(&e) {
            invalid(
                format!("{path}.fields"),
                Rule::Malformed {
                    expected: "a row the book's constraints accept",
                },
            )
        } else {
            e
        }
    })?;
    if row.entity == SyncEntity::Plans {
        settle_plan(conn, ctx, &row.id, plan_before)?;
    }
    if let Some(was) = active_before {
        // Archived or restored: the pending plan's reminder goes or comes back.
        let is = customer_active(conn, &customer)?;
        if was != is {
            if let Some(plan) = open_plan_of(conn, &customer)? {
                log_visibility(conn, &plan, is)?;
            }
        }
    }
    Ok(written)
}

/// After a plan was written: its derived columns (owner copy, due start, fire time)
/// recomputed by the code that writes them for a local change, and its reminder logged
/// as added or cancelled when the plan changed.
fn settle_plan(
    conn: &Connection,
    ctx: &Context,
    id: &str,
    before: Option<crm_core::Plan>,
) -> Result<()> {
    let after = read_plan(conn, &PlanId::from(id))?;
    if let Some(plan) = &after {
        write_plan(conn, plan, &ctx.plans)?;
    }
    if before == after {
        return Ok(());
    }
    let customer = match (&after, &before) {
        (Some(p), _) | (None, Some(p)) => p.customer_id.clone(),
        (None, None) => return Ok(()),
    };
    if !customer_active(conn, &customer)? {
        return Ok(());
    }
    match (&before, &after) {
        (_, Some(after)) => log_plan_change(conn, before.as_ref(), after, true),
        (Some(gone), None) => log_visibility(conn, gone, false),
        (None, None) => Ok(()),
    }
}

fn check_known(columns: &EntityColumns, fields: &Map<String, Json>, path: &str) -> Result<()> {
    match fields
        .keys()
        .find(|k| !columns.synced.contains(&k.as_str()))
    {
        Some(unknown) => Err(invalid(format!("{path}.{unknown}"), Rule::UnknownField)),
        None => Ok(()),
    }
}

/// `fields[column]`, which must be `id` when given.
fn check_same(fields: &Map<String, Json>, column: &str, id: &str, path: &str) -> Result<()> {
    match fields.get(column) {
        Some(Json::String(given)) if given == id => Ok(()),
        None => Ok(()),
        Some(_) => Err(invalid(
            format!("{path}.{column}"),
            Rule::Conflicts { with: "id" },
        )),
    }
}

/// Whether the row `id` of `parent` is in the book.
fn parent_present(conn: &Connection, parent: SyncEntity, id: &str) -> Result<bool> {
    let parent = entity_columns(parent);
    Ok(conn
        .prepare_cached(&format!(
            "SELECT 1 FROM {} WHERE {} = ?1",
            parent.table(),
            parent.id
        ))?
        .exists([id])?)
}

/// Fails on `path` unless the row `id` of `parent` is in the book.
fn check_parent(conn: &Connection, parent: SyncEntity, id: &Json, path: String) -> Result<()> {
    let Json::String(id) = id else {
        return Err(invalid(path, Rule::Malformed { expected: "an id" }));
    };
    if parent_present(conn, parent, id)? {
        return Ok(());
    }
    Err(invalid(
        path,
        Rule::Malformed {
            expected: "the id of a row already on the device",
        },
    ))
}

fn put_record(
    conn: &Connection,
    ctx: &Context,
    columns: &EntityColumns,
    row: &ServerRow,
    fields: &Map<String, Json>,
    path: &str,
) -> Result<Written> {
    let at = format!("{path}.fields");
    check_known(columns, fields, &at)?;
    if columns.synced.is_empty() {
        // Nothing of it travels (a care schedule is made on the device).
        return Ok(Written::Applied);
    }
    check_same(fields, columns.id, &row.id, &at)?;
    if let Some((parent, column)) = columns.parent {
        if let Some(value) = fields.get(column) {
            check_parent(conn, parent, value, format!("{at}.{column}"))?;
        }
    }
    let mut values = synced_values(columns, &row.id, fields, &at)?;
    let mut written = Written::Applied;
    if let Some(local) = pending(conn, ctx, row.entity, &row.id)? {
        if local.deleted {
            return Ok(Written::KeptLocal);
        }
        let before = values.len();
        values.retain(|(c, _)| *c == columns.id || !local.columns.contains(*c));
        if values.len() < before {
            written = Written::KeptLocal;
        }
    }
    if row.entity == SyncEntity::VehicleIntents
        && values
            .iter()
            .any(|(c, v)| *c == "is_primary" && *v == Value::Integer(1))
    {
        // One primary intent per customer: the server's holds, the others step down.
        conn.prepare_cached(
            "UPDATE vehicle_intents SET is_primary = 0 \
             WHERE customer_id = ?1 AND id <> ?2 AND is_primary = 1",
        )?
        .execute([&row.customer_id, &row.id])?;
    }
    upsert(conn, columns, row.entity, &values)?;
    Ok(written)
}

/// Inserts the record, or updates the columns `values` names when it exists.
fn upsert(
    conn: &Connection,
    columns: &EntityColumns,
    entity: SyncEntity,
    values: &[(&str, Value)],
) -> Result<()> {
    let table = columns.table();
    let names: Vec<&str> = values.iter().map(|(c, _)| *c).collect();
    let sets: Vec<String> = names
        .iter()
        .filter(|c| **c != columns.id)
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    // Derived columns the table requires, given their value right after (a plan's due
    // start: `settle_plan`).
    let (extra_names, extra_values) = match entity {
        SyncEntity::Plans => (", due_start_ms", ", 0"),
        _ => ("", ""),
    };
    let placeholders: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    let insert = format!(
        "INSERT INTO {table} ({}{extra_names}) VALUES ({}{extra_values})",
        names.join(", "),
        placeholders.join(", ")
    );
    let params = params_from_iter(values.iter().map(|(_, v)| v));
    if entity == SyncEntity::CustomerMerges {
        // Keyed by the absorbed customer, which no unique index holds: update, else insert.
        let updated = if sets.is_empty() {
            0
        } else {
            let update_sets: Vec<String> = names
                .iter()
                .enumerate()
                .filter(|(_, c)| **c != columns.id)
                .map(|(i, c)| format!("{c} = ?{}", i + 1))
                .collect();
            conn.prepare_cached(&format!(
                "UPDATE {table} SET {} WHERE {} = ?1",
                update_sets.join(", "),
                columns.id
            ))?
            .execute(params_from_iter(values.iter().map(|(_, v)| v)))?
        };
        let exists = updated > 0
            || conn
                .prepare_cached(&format!("SELECT 1 FROM {table} WHERE {} = ?1", columns.id))?
                .query_row([&values[0].1], |_| Ok(()))
                .optional()?
                .is_some();
        if !exists {
            conn.prepare_cached(&insert)?.execute(params)?;
        }
        return Ok(());
    }
    let conflict = if sets.is_empty() {
        "DO NOTHING".to_string()
    } else {
        format!("DO UPDATE SET {}", sets.join(", "))
    };
    conn.prepare_cached(&format!("{insert} ON CONFLICT ({}) {conflict}", columns.id))?
        .execute(params)?;
    Ok(())
}

fn delete_row(conn: &Connection, columns: &EntityColumns, id: &str) -> Result<Written> {
    conn.prepare_cached(&format!(
        "DELETE FROM {} WHERE {} = ?1",
        columns.table(),
        columns.id
    ))?
    .execute([id])?;
    Ok(Written::Applied)
}

fn delete_list(
    conn: &Connection,
    ctx: &Context,
    columns: &EntityColumns,
    id: &str,
) -> Result<Written> {
    if pending(conn, ctx, columns.entity, id)?.is_some() {
        return Ok(Written::KeptLocal);
    }
    delete_row(conn, columns, id)
}

/// The columns of a list's item the device derives, from its synced ones.
fn derived_item_columns(
    entity: SyncEntity,
    item: &Map<String, Json>,
    at: &str,
) -> Result<Vec<(&'static str, Value)>> {
    let text = |column: &str| -> Result<&str> {
        match item.get(column) {
            Some(Json::String(s)) => Ok(s),
            _ => Err(invalid(format!("{at}.{column}"), Rule::Required)),
        }
    };
    Ok(match entity {
        SyncEntity::Contacts => {
            let kind = ContactKind::from_code(text("kind")?).ok_or_else(|| {
                invalid(
                    format!("{at}.kind"),
                    Rule::Malformed {
                        expected: "a contact kind",
                    },
                )
            })?;
            let value = text("value")?;
            // A value the device cannot normalise (a masked one: 138****8000) is its own
            // key: it matches no real contact.
            let key = contact_key(kind, value).unwrap_or_else(|_| value.to_string());
            vec![("key", Value::Text(key))]
        }
        SyncEntity::CustomerTags => vec![("tag_key", Value::Text(tag_key(text("tag")?)))],
        _ => vec![],
    })
}

fn put_list(
    conn: &Connection,
    ctx: &Context,
    columns: &EntityColumns,
    row: &ServerRow,
    fields: &Map<String, Json>,
    path: &str,
) -> Result<Written> {
    let at = format!("{path}.fields");
    if let Some(other) = fields.keys().find(|k| *k != "items") {
        return Err(invalid(format!("{at}.{other}"), Rule::UnknownField));
    }
    let Some(Json::Array(items)) = fields.get("items") else {
        return Err(invalid(
            format!("{at}.items"),
            Rule::Malformed {
                expected: "a list of items",
            },
        ));
    };
    if items.is_empty() {
        // An emptied list is the same as none, also when its owner is gone (a follow-up or
        // car deleted before the device ever held it): nothing to check or keep.
        return delete_list(conn, ctx, columns, &row.id);
    }
    if let Some((parent, _)) = columns.parent {
        // The server sends parents first, so a list whose owner is not here belongs to a
        // follow-up or car deleted since (a delete wins over an edit): nothing to attach
        // it to. Applying a batch again after such a delete meets exactly this.
        if !parent_present(conn, parent, &row.id)? {
            return Ok(Written::Applied);
        }
    }
    let mut rows: Vec<Vec<(&str, Value)>> = Vec::with_capacity(items.len());
    for (j, item) in items.iter().enumerate() {
        let at = format!("{at}.items[{j}]");
        let Json::Object(item) = item else {
            return Err(invalid(
                at,
                Rule::Malformed {
                    expected: "an object",
                },
            ));
        };
        check_known(columns, item, &at)?;
        check_same(item, columns.id, &row.id, &at)?;
        for key in columns.item_key {
            if item.get(*key).is_none_or(Json::is_null) {
                return Err(invalid(format!("{at}.{key}"), Rule::Required));
            }
        }
        let mut values = synced_values(columns, &row.id, item, &at)?;
        values.extend(derived_item_columns(row.entity, item, &at)?);
        rows.push(values);
    }
    if pending(conn, ctx, row.entity, &row.id)?.is_some() {
        return Ok(Written::KeptLocal);
    }
    delete_row(conn, columns, &row.id)?;
    for values in rows {
        insert(conn, columns.table(), &values)?;
    }
    Ok(Written::Applied)
}

fn append(
    conn: &Connection,
    columns: &EntityColumns,
    row: &ServerRow,
    fields: &Map<String, Json>,
    path: &str,
) -> Result<Written> {
    let at = format!("{path}.fields");
    check_known(columns, fields, &at)?;
    check_same(fields, columns.id, &row.id, &at)?;
    let Some((parent, parent_column)) = columns.parent else {
        return Err(invalid(at, Rule::Required));
    };
    let Some(parent_id) = fields.get(parent_column) else {
        return Err(invalid(format!("{at}.{parent_column}"), Rule::Required));
    };
    check_parent(conn, parent, parent_id, format!("{at}.{parent_column}"))?;
    let mut values = synced_values(columns, &row.id, fields, &at)?;
    let known = conn
        .prepare_cached(&format!("SELECT 1 FROM {} WHERE uid = ?1", columns.table()))?
        .query_row([&row.id], |_| Ok(()))
        .optional()?;
    if known.is_some() {
        // Inserted once: a record the book has is never changed by a sync.
        return Ok(Written::Applied);
    }
    if row.entity == SyncEntity::StageMoves {
        // Moves are numbered 1, 2 ... per customer in this book.
        let next: i64 = conn
            .prepare_cached(
                "SELECT coalesce(max(seq), 0) + 1 FROM stage_moves WHERE customer_id = ?1",
            )?
            .query_row([parent_id.as_str().unwrap_or_default()], |r| r.get(0))?;
        values.push(("seq", Value::Integer(next)));
    }
    insert(conn, columns.table(), &values)?;
    Ok(Written::Applied)
}

/// The row's id in its id column, then the synced columns `fields` gives (found at `at`),
/// as stored values.
fn synced_values<'c>(
    columns: &'c EntityColumns,
    id: &str,
    fields: &Map<String, Json>,
    at: &str,
) -> Result<Vec<(&'c str, Value)>> {
    let mut values: Vec<(&str, Value)> = vec![(columns.id, Value::Text(id.to_string()))];
    for column in columns.synced.iter().filter(|c| **c != columns.id) {
        if let Some(v) = fields.get(*column) {
            values.push((column, sql_value(v, || format!("{at}.{column}"))?));
        }
    }
    Ok(values)
}

/// Inserts a row of `table` with `values`.
fn insert(conn: &Connection, table: &str, values: &[(&str, Value)]) -> Result<()> {
    let names: Vec<&str> = values.iter().map(|(c, _)| *c).collect();
    let placeholders: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    conn.prepare_cached(&format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        placeholders.join(", ")
    ))?
    .execute(params_from_iter(values.iter().map(|(_, v)| v)))?;
    Ok(())
}
