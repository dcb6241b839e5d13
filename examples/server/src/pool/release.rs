//! The release job (`crm-server release-due`, and `serve --release-every`): every held
//! customer whose protection has run out goes back to the pool, in one transaction, by the
//! rules of their owner's team (`crm_core::pool::release_at`). Their former owner's devices
//! evict them at the next sync (the scope change), and a consultant's devices see them
//! again, masked, as pool customers.

use super::events::{record, EventKind, OwnerChange};
use super::reassign::reassign;
use super::rules::team_rules;
use crate::error::ServerError;
use crate::sync::WRITE_LOCK;
use chrono::{DateTime, TimeZone, Utc};
use crm_core::pool::{release_at, HeldCustomer, PoolRules};
use crm_core::{Code, Importance, IntentLevel};
use deadpool_postgres::Pool;
use std::collections::HashMap;

/// Who the release job writes as (`sync_rows.updated_by`).
pub const RELEASE_JOB: &str = "crm-server release-due";

/// What one run released.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Released {
    /// The customers released, with the owner each had, by customer id.
    pub customers: Vec<(String, String)>,
}

/// Releases every customer due at `now`, in one transaction.
pub async fn release_due(pool: &Pool, now: DateTime<Utc>) -> Result<Released, ServerError> {
    let mut object = pool.get().await?;
    let client: &mut tokio_postgres::Client = &mut object;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
        .await?;
    let held = tx
        .query(
            "SELECT c.id, c.owner, u.team,
                    c.fields->>'importance', c.fields->>'intent_level',
                    coalesce(h.since, c.updated_at),
                    (SELECT max((f.fields->>'at')::bigint) FROM sync_rows f
                      WHERE f.customer_id = c.id AND f.entity = 'follow_ups' AND NOT f.deleted),
                    EXISTS (SELECT 1 FROM sync_rows o
                      WHERE o.customer_id = c.id AND o.entity = 'orders' AND NOT o.deleted
                        AND coalesce(o.fields->>'status', '') <> 'cancelled')
             FROM sync_rows c
             LEFT JOIN pool_holds h ON h.customer_id = c.id AND h.owner = c.owner
             LEFT JOIN users u ON u.id = c.owner
             WHERE c.entity = 'customers' AND NOT c.deleted AND c.owner IS NOT NULL
             ORDER BY c.id",
            &[],
        )
        .await?;
    let mut rules: HashMap<Option<String>, PoolRules> = HashMap::new();
    let mut due: Vec<(String, String)> = Vec::new();
    for row in &held {
        let team: Option<String> = row.get(2);
        if !rules.contains_key(&team) {
            let team_rules = team_rules(&tx, team.as_deref()).await?;
            rules.insert(team.clone(), team_rules);
        }
        let Some(team_rules) = rules.get(&team) else {
            continue;
        };
        let customer = HeldCustomer {
            importance: importance(row.get(3)),
            intent_level: row
                .get::<_, Option<&str>>(4)
                .and_then(IntentLevel::from_code)
                .unwrap_or_default(),
            has_order: row.get(7),
            held_since: row.get(5),
            last_follow_up: row
                .get::<_, Option<i64>>(6)
                .and_then(|ms| Utc.timestamp_millis_opt(ms).single()),
        };
        if release_at(team_rules, &customer).is_some_and(|at| at <= now) {
            due.push((row.get(0), row.get(1)));
        }
    }
    if !due.is_empty() {
        let ids: Vec<String> = due.iter().map(|(id, _)| id.clone()).collect();
        reassign(&tx, &ids, None, RELEASE_JOB, now).await?;
        let changes: Vec<OwnerChange<'_>> = due
            .iter()
            .map(|(id, owner)| OwnerChange {
                customer_id: id,
                from: Some(owner),
                to: None,
            })
            .collect();
        record(&tx, EventKind::Release, &changes, None, now).await?;
    }
    tx.commit().await?;
    Ok(Released { customers: due })
}

/// A customer's importance from its stored rank (`customers.importance`: 0 normal, 1
/// important, 2 key); an unreadable one counts as normal.
fn importance(rank: Option<&str>) -> Importance {
    let rank = rank.and_then(|r| r.parse::<u8>().ok());
    [Importance::Normal, Importance::Important, Importance::Key]
        .into_iter()
        .find(|i| Some(i.rank()) == rank)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn importance_is_read_from_its_rank() {
        assert_eq!(importance(Some("2")), Importance::Key);
        assert_eq!(importance(Some("1")), Importance::Important);
        assert_eq!(importance(Some("0")), Importance::Normal);
        assert_eq!(importance(Some("x")), Importance::Normal);
        assert_eq!(importance(None), Importance::Normal);
    }
}
