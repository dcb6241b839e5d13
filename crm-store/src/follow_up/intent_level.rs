//! The customer's intent level (意向级别: N, H, A, B, C, O) as the consultant grades it,
//! and its history (who changed it when, from what to what).

use crate::customer::customers::{change_customer, not_found};
use crate::customer::rows::read_customer;
use crate::db::rows::{code, opt_code};
use crate::db::time::{from_millis, to_millis};
use crate::error::Result;
use crate::follow_up::timeline::append;
use crate::pipeline::moves::actor_text;
use crate::store::Store;
use crate::team::access::acting;
use crm_core::{Customer, CustomerId, IntentLevel, IntentLevelChange};
use rusqlite::Connection;

/// The intent level history's `who` when neither an actor nor an owner is known.
const UNKNOWN_ACTOR: &str = "unknown";

fn record_level_change(conn: &Connection, id: &CustomerId, c: &IntentLevelChange) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO intent_level_changes (customer_id, at, who, from_level, to_level)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(rusqlite::params![
        id.as_str(),
        to_millis(c.at),
        c.who,
        c.from.map(crm_core::Code::code),
        crm_core::Code::code(c.to),
    ])?;
    Ok(())
}

/// [`Store::set_intent_level`] inside a write transaction, stamped `now`; `actor` already
/// checked as text.
pub(crate) fn set_level_in(
    tx: &Connection,
    id: &CustomerId,
    expected_version: u64,
    level: IntentLevel,
    actor: Option<String>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Customer> {
    let actor = acting(tx, actor)?;
    let current = read_customer(tx, id.as_str())?.ok_or_else(|| not_found(id))?;
    if current.version == expected_version && current.intent_level == level {
        return Ok(current);
    }
    change_customer(tx, id, expected_version, now, |tx, c| {
        let who = actor
            .clone()
            .or_else(|| c.profile.owner.clone())
            .unwrap_or_else(|| UNKNOWN_ACTOR.to_owned());
        let change = IntentLevelChange::new(&who, now, Some(c.intent_level), level)?;
        if let Some(change) = change {
            record_level_change(tx, &c.id, &change)?;
            append(tx, &c.id, now, actor.as_deref(), &change.entry())?;
        }
        c.intent_level = level;
        Ok(())
    })
}

impl Store {
    /// Sets customer `id`'s intent level (意向级别) if the customer is still at
    /// `expected_version`; the change is recorded in the timeline and in the level's history,
    /// whose `who` is `actor` (the consultant, as the app knows them), else the customer's
    /// owner, else `unknown`. Setting the level it already has changes nothing (same version).
    pub fn set_intent_level(
        &self,
        id: &CustomerId,
        expected_version: u64,
        level: IntentLevel,
        actor: Option<&str>,
    ) -> Result<Customer> {
        let now = self.now();
        let actor = actor_text(actor)?;
        self.write(|tx| set_level_in(tx, id, expected_version, level, actor.clone(), now))
    }

    /// Customer `id`'s intent level history, oldest first.
    pub fn intent_level_history(&self, id: &CustomerId) -> Result<Vec<IntentLevelChange>> {
        self.read(|tx| {
            read_customer(tx, id.as_str())?.ok_or_else(|| not_found(id))?;
            let mut stmt = tx.prepare_cached(
                "SELECT who, at, from_level, to_level FROM intent_level_changes
                 WHERE customer_id = ?1 ORDER BY at, seq",
            )?;
            let mut rows = stmt.query([id.as_str()])?;
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                out.push(IntentLevelChange {
                    who: r.get(0)?,
                    at: from_millis(r.get(1)?, "intent_level_changes.at")?,
                    from: opt_code(r, 2, "intent_level_changes.from_level")?,
                    to: code(&r.get::<_, String>(3)?, "intent_level_changes.to_level")?,
                });
            }
            Ok(out)
        })
    }
}
