//! The loser told: a change of this device that the server accepted and a concurrent
//! change from another device then replaced, field by field.
//!
//! The server settles a field changed on two devices by the last accepted write. Both
//! changes were made from the same version of the record, so both carry the same new
//! version; the one accepted first is replaced without its device ever being refused. The
//! device keeps its last accepted change of each versioned record (`sync_accepted`, written
//! at the acknowledgement) and compares each downloaded state of the record with it:
//!
//! - a later version: someone wrote on top of this change, having seen it: forgotten;
//! - the same version with another value in a field this device wrote: a concurrent
//!   change won; the device records a notice among its rejections (kind
//!   [`RejectionKind::Overwritten`], naming the fields) and forgets the change;
//! - the same version with this device's values: its own change echoed; kept, since the
//!   concurrent change may still arrive.
//!
//! `updated_at` is not compared: both devices always write it.
//!
//! The server's own notices ([`Notice`]: a synced record set aside later as a duplicate
//! claim) are kept beside them, of kind [`RejectionKind::SetAside`].

use crate::error::{Result, StoreError};
use crate::sync::columns::entity_columns;
use crm_core::sync::{Notice, Rejection, ServerRow, SyncEntity};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};

/// What a kept rejection is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RejectionKind {
    /// The server refused the change; the device undid it.
    Refused,
    /// The server accepted the change, then kept another device's concurrent change of the
    /// same fields instead (the last accepted write wins).
    Overwritten,
    /// A record of this device that had synced, set aside later by the server as a
    /// duplicate claim (another consultant's customer has its phone or WeChat id): it left
    /// the book; the reason names who keeps the customer.
    SetAside,
}

impl RejectionKind {
    /// The kind as stored.
    pub(crate) fn code(self) -> &'static str {
        match self {
            RejectionKind::Refused => "refused",
            RejectionKind::Overwritten => "overwritten",
            RejectionKind::SetAside => "set_aside",
        }
    }

    /// The kind stored as `code`.
    pub(crate) fn from_code(code: &str) -> Result<RejectionKind> {
        match code {
            "refused" => Ok(RejectionKind::Refused),
            "overwritten" => Ok(RejectionKind::Overwritten),
            "set_aside" => Ok(RejectionKind::SetAside),
            _ => Err(StoreError::Corrupt {
                column: "sync_rejections.kind",
            }),
        }
    }
}

/// Fields never compared: every write sets them.
const NOT_COMPARED: &[&str] = &["updated_at"];

fn corrupt() -> StoreError {
    StoreError::Corrupt {
        column: "sync_accepted.fields",
    }
}

fn parse(json: &str) -> Result<Map<String, Value>> {
    serde_json::from_str(json).map_err(|_| corrupt())
}

/// Remembers the accepted changes of versioned records among the outbox's operations up
/// to `through`, except the `rejected` ones; a later change of a record adds its fields
/// to the earlier one's. Called before the acknowledgement removes them from the outbox.
pub(crate) fn remember_accepted(
    conn: &Connection,
    through: u64,
    rejected: &[Rejection],
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT op_id, entity, row_id, fields FROM sync_outbox
         WHERE op_id <= ?1 AND op = 'put' AND base_version IS NOT NULL ORDER BY op_id",
    )?;
    let mut rows = stmt.query([through as i64])?;
    while let Some(row) = rows.next()? {
        let op_id: i64 = row.get(0)?;
        if rejected.iter().any(|r| r.op_id as i64 == op_id) {
            continue;
        }
        let entity: String = row.get(1)?;
        let row_id: String = row.get(2)?;
        let mut fields = parse(&row.get::<_, String>(3)?)?;
        let earlier: Option<String> = conn
            .prepare_cached("SELECT fields FROM sync_accepted WHERE entity = ?1 AND row_id = ?2")?
            .query_row(params![entity, row_id], |r| r.get(0))
            .optional()?;
        if let Some(earlier) = earlier {
            let mut all = parse(&earlier)?;
            all.append(&mut fields);
            fields = all;
        }
        conn.prepare_cached(
            "INSERT OR REPLACE INTO sync_accepted (entity, row_id, op_id, fields)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            entity,
            row_id,
            op_id,
            Value::Object(fields).to_string()
        ])?;
    }
    Ok(())
}

/// Whether the book remembers any accepted change (a download checks rows only then).
pub(crate) fn any_accepted(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM sync_accepted)")?
        .query_row([], |r| r.get(0))?)
}

/// The fields of `mine` (without the version and the fields never compared) whose value
/// in `theirs` differs.
fn lost_fields(
    mine: &Map<String, Value>,
    theirs: &Map<String, Value>,
    version: &str,
) -> Vec<String> {
    mine.iter()
        .filter(|(name, _)| name.as_str() != version && !NOT_COMPARED.contains(&name.as_str()))
        .filter(|(name, value)| theirs.get(name.as_str()) != Some(*value))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Compares downloaded `row` with this device's accepted change of it (see the module's
/// doc), at `now_ms`.
pub(crate) fn check_row(conn: &Connection, row: &ServerRow, now_ms: i64) -> Result<()> {
    let Some(version) = entity_columns(row.entity).version else {
        return Ok(());
    };
    let found: Option<(i64, String)> = conn
        .prepare_cached(
            "SELECT op_id, fields FROM sync_accepted WHERE entity = ?1 AND row_id = ?2",
        )?
        .query_row(params![row.entity.table(), row.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((op_id, mine)) = found else {
        return Ok(());
    };
    let forget = || -> Result<()> {
        conn.prepare_cached("DELETE FROM sync_accepted WHERE entity = ?1 AND row_id = ?2")?
            .execute(params![row.entity.table(), row.id])?;
        Ok(())
    };
    let Some(theirs) = &row.fields else {
        return forget();
    };
    let mine = parse(&mine)?;
    let v = |f: &Map<String, Value>| f.get(version).and_then(Value::as_i64);
    match (v(&mine), v(theirs)) {
        (Some(m), Some(t)) if t > m => forget(),
        (Some(m), Some(t)) if t == m => {
            let lost = lost_fields(&mine, theirs, version);
            if lost.is_empty() {
                return Ok(());
            }
            conn.prepare_cached(
                "INSERT OR REPLACE INTO sync_rejections (op_id, entity, row_id, reason, at, kind)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                op_id,
                row.entity.table(),
                row.id,
                overwritten_reason(row.entity, &lost),
                now_ms,
                RejectionKind::Overwritten.code()
            ])?;
            forget()
        }
        _ => Ok(()),
    }
}

/// The first id of the rejections that stand for a server's [`Notice`] rather than an
/// operation of this device (whose ids are far below): a notice's id is this plus its
/// row's change-log version.
pub(crate) const NOTICE_IDS: i64 = 1 << 62;

/// The download's notices about customers this book holds, read before the batch
/// deletes them.
pub(crate) fn held_notices<'a>(
    conn: &Connection,
    notices: &'a [Notice],
) -> Result<Vec<&'a Notice>> {
    let mut held = Vec::new();
    for n in notices {
        if conn
            .prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
            .exists([&n.id])?
        {
            held.push(n);
        }
    }
    Ok(held)
}

/// Keeps `notices` ([`held_notices`]) among the rejections, at `now_ms`, once the batch's
/// rows are written (a customer's delete removes the rejections naming them). Applying a
/// batch again adds nothing.
pub(crate) fn keep_notices(conn: &Connection, notices: &[&Notice], now_ms: i64) -> Result<()> {
    for n in notices {
        let id =
            NOTICE_IDS.saturating_add(i64::try_from(n.version).unwrap_or(i64::MAX - NOTICE_IDS));
        conn.prepare_cached(
            "INSERT OR REPLACE INTO sync_rejections (op_id, entity, row_id, reason, at, kind)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            id,
            n.entity.table(),
            n.id,
            n.reason,
            now_ms,
            RejectionKind::SetAside.code()
        ])?;
    }
    Ok(())
}

/// The notice's words: which fields another device's change replaced.
fn overwritten_reason(entity: SyncEntity, fields: &[String]) -> String {
    format!(
        "overwritten: {} of this {} changed on another device at the same time; the server kept that change",
        fields.join(", "),
        entity.table()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_fields_with_another_value_are_lost() {
        let mine = json!({"notes": "A", "city": "上海", "version": 4, "updated_at": 10});
        let theirs = json!({"notes": "B", "city": "上海", "version": 4, "updated_at": 11});
        let lost = lost_fields(
            mine.as_object().unwrap(),
            theirs.as_object().unwrap(),
            "version",
        );
        assert_eq!(lost, vec!["notes".to_string()]);
    }

    #[test]
    fn kinds_round_trip() {
        for k in [
            RejectionKind::Refused,
            RejectionKind::Overwritten,
            RejectionKind::SetAside,
        ] {
            assert_eq!(RejectionKind::from_code(k.code()).unwrap(), k);
        }
        assert!(RejectionKind::from_code("x").is_err());
    }
}
