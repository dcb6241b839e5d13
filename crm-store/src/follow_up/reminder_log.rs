//! The reminder change log: which reminder ids were added or cancelled since a sync token,
//! so an app that scheduled notifications can bring them up to date without reading all.

use crate::error::{Result, StoreError};
use crate::store::Store;
use crm_core::{Plan, ReminderId};
use rusqlite::{params, Connection};
use std::collections::BTreeMap;

/// What changed in the reminders since a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderChanges {
    /// Reminders that now exist and did not at the token (schedule them; fetch their times
    /// with `Store::reminders`).
    pub added: Vec<ReminderId>,
    /// Reminders that existed at the token and no longer do (cancel them).
    pub cancelled: Vec<ReminderId>,
    /// `true` when every reminder's time may have moved (the zone or the reminder settings
    /// changed, or the token is unknown or absent): drop everything scheduled and fetch
    /// again. `added` and `cancelled` are then empty.
    pub full_refresh: bool,
    /// The token to pass next time.
    pub token: String,
}

fn log(conn: &Connection, id: Option<&ReminderId>, change: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO reminder_changes (reminder_id, change) VALUES (?1, ?2)")?
        .execute(params![id.map(ReminderId::as_str), change])?;
    Ok(())
}

/// Records that every reminder may have moved.
pub(crate) fn log_reset(conn: &Connection) -> Result<()> {
    log(conn, None, "reset")
}

/// Records the reminders a plan change cancels and adds: the old version's reminder when
/// it was pending, the new one's when it is. `visible` says whether the customer's plans
/// have reminders at all (archived customers' do not).
pub(crate) fn log_plan_change(
    conn: &Connection,
    before: Option<&Plan>,
    after: &Plan,
    visible: bool,
) -> Result<()> {
    if !visible {
        return Ok(());
    }
    if let Some(b) = before.filter(|b| b.is_pending()) {
        log(
            conn,
            Some(&ReminderId::for_plan(&b.id, b.version)),
            "cancelled",
        )?;
    }
    if after.is_pending() {
        log(
            conn,
            Some(&ReminderId::for_plan(&after.id, after.version)),
            "added",
        )?;
    }
    Ok(())
}

/// Records a pending plan's reminder appearing (`added`) or disappearing, without a plan
/// change: its customer restored or archived.
pub(crate) fn log_visibility(conn: &Connection, plan: &Plan, added: bool) -> Result<()> {
    if plan.is_pending() {
        let id = ReminderId::for_plan(&plan.id, plan.version);
        log(conn, Some(&id), if added { "added" } else { "cancelled" })?;
    }
    Ok(())
}

fn last_seq(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(seq), 0) FROM reminder_changes")?
        .query_row([], |r| r.get(0))?)
}

impl Store {
    /// The reminder ids added and cancelled since `token` (from the previous call; `None`
    /// the first time, which asks for a full refresh). A malformed token fails with
    /// [`StoreError::InvalidCursor`]; a token this file never gave out (a restored backup)
    /// asks for a full refresh.
    pub fn reminder_changes_since(&self, token: Option<&str>) -> Result<ReminderChanges> {
        let since = token
            .map(|t| t.parse::<i64>().map_err(|_| StoreError::InvalidCursor))
            .transpose()?;
        self.read(|tx| {
            let last = last_seq(tx)?;
            let full = |last: i64| ReminderChanges {
                added: vec![],
                cancelled: vec![],
                full_refresh: true,
                token: last.to_string(),
            };
            let Some(since) = since.filter(|s| (0..=last).contains(s)) else {
                return Ok(full(last));
            };
            let mut stmt = tx.prepare_cached(
                "SELECT reminder_id, change FROM reminder_changes WHERE seq > ?1 AND seq <= ?2 ORDER BY seq",
            )?;
            let mut rows = stmt.query(params![since, last])?;
            // Per id: (cancelled seen, added seen). An id is added once and cancelled at
            // most once after (a version never comes back), but archiving and restoring
            // can repeat both: keep the net effect.
            let mut net: BTreeMap<String, i32> = BTreeMap::new();
            while let Some(row) = rows.next()? {
                let id: Option<String> = row.get(0)?;
                let change: String = row.get(1)?;
                match (change.as_str(), id) {
                    ("reset", _) => return Ok(full(last)),
                    ("added", Some(id)) => *net.entry(id).or_default() += 1,
                    ("cancelled", Some(id)) => *net.entry(id).or_default() -= 1,
                    _ => {
                        return Err(StoreError::Corrupt {
                            column: "reminder_changes.change",
                        })
                    }
                }
            }
            let mut out = ReminderChanges {
                added: vec![],
                cancelled: vec![],
                full_refresh: false,
                token: last.to_string(),
            };
            for (id, n) in net {
                match n.cmp(&0) {
                    std::cmp::Ordering::Greater => out.added.push(ReminderId(id)),
                    std::cmp::Ordering::Less => out.cancelled.push(ReminderId(id)),
                    std::cmp::Ordering::Equal => {}
                }
            }
            Ok(out)
        })
    }
}
