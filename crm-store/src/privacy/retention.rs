//! The dealership's retention rule (保留期限): customers lost or dormant for longer than the
//! months it says are erased, by [`Store::run_retention`] and by every care run
//! ([`Store::generate_care`]). Off until set.

use crate::db::time::from_millis;
use crate::error::Result;
use crate::privacy::erase::erase_in;
use crate::settings::stored::{put, read_retention, RETENTION};
use crate::settings::Settings;
use crate::store::Store;
use crate::sync::user::sync_user;
use chrono::{DateTime, Utc};
use crm_core::audit::DeletionKind;
use crm_core::pipeline::PipelineStatus;
use crm_core::privacy::RetentionPolicy;
use crm_core::team::check_erase;
use crm_core::CustomerId;
use rusqlite::Connection;

/// What a retention run erased.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetentionRun {
    /// The customers erased (for a dry run: those that would be), by id.
    pub erased: Vec<CustomerId>,
    /// Their orders kept for the accounts, unlinked.
    pub orders_kept: u32,
    /// Whether the file was rebuilt and its log truncated afterwards (see
    /// [`crate::Erasure::file_cleaned`]); `false` when nothing was erased.
    pub file_cleaned: bool,
}

/// The customers the retention rule erases at `now`, by id: lost or dormant since before
/// the rule's cutoff ([`RetentionPolicy::is_due`]), among those the book's user may erase
/// (a consultant's book: their own; the pool's are erased on the manager's). None while
/// the rule is off.
pub(crate) fn due(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<CustomerId>> {
    let policy = read_retention(conn)?;
    if policy.cutoff(now).is_none() {
        return Ok(Vec::new());
    }
    let user = sync_user(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, pipeline_status, coalesce(pipeline_since, created_at), owner FROM customers
         WHERE pipeline_status IN ('lost', 'dormant') ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut due = Vec::new();
    while let Some(row) = rows.next()? {
        let status: String = row.get(1)?;
        let status = PipelineStatus::from_code(&status).ok_or(crate::StoreError::Corrupt {
            column: "customers.pipeline_status",
        })?;
        let since = from_millis(row.get(2)?, "customers.pipeline_since")?;
        let owner: Option<String> = row.get(3)?;
        if policy.is_due(status, since, now) && check_erase(user.as_ref(), owner.as_deref()).is_ok()
        {
            due.push(CustomerId(row.get(0)?));
        }
    }
    Ok(due)
}

/// Inside a write transaction: erases every customer [`due`] at `now`, each recorded as
/// erased with the rule's reason at `stamp`. Returns them and the orders kept.
pub(crate) fn erase_due(
    tx: &Connection,
    now: DateTime<Utc>,
    stamp: DateTime<Utc>,
) -> Result<(Vec<CustomerId>, u32)> {
    let reason = read_retention(tx)?.reason();
    let erased = due(tx, now)?;
    let mut orders_kept = 0u32;
    for id in &erased {
        let kept = erase_in(tx, id, DeletionKind::Erased, Some(&reason), stamp)?;
        orders_kept = orders_kept.saturating_add(kept);
    }
    Ok((erased, orders_kept))
}

impl Store {
    /// Sets the retention rule (validated: field `erase_lost_or_dormant_after_months`,
    /// 1 to 600 months, or `None` to turn it off) and returns the settings. Nothing is
    /// erased until the next [`Store::run_retention`] or care run.
    pub fn set_retention(&self, policy: &RetentionPolicy) -> Result<Settings> {
        let policy = policy.validate()?;
        self.write(|tx| {
            put(tx, RETENTION, &policy)?;
            crate::settings::stored::read_settings(tx)
        })
    }

    /// The customers the retention rule would erase at `now` (a dry run), by id; none while
    /// the rule is off.
    pub fn retention_due(&self, now: DateTime<Utc>) -> Result<Vec<CustomerId>> {
        self.read(|conn| due(conn, now))
    }

    /// Erases, in one transaction, every customer lost or dormant since before the
    /// retention rule's cutoff at `now`, as [`Store::erase_customer`] does (each recorded
    /// as erased with the reason `retention: lost or dormant for more than N months`),
    /// then cleans the file once. Returns what it erased; nothing while the rule is off.
    pub fn run_retention(&self, now: DateTime<Utc>) -> Result<RetentionRun> {
        let stamp = self.now();
        let (erased, orders_kept) = self.write(|tx| erase_due(tx, now, stamp))?;
        let file_cleaned = !erased.is_empty() && self.compact()?;
        Ok(RetentionRun {
            erased,
            orders_kept,
            file_cleaned,
        })
    }
}
