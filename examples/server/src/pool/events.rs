//! `pool_events` (every claim, release, assignment and transfer, by whom, when) and
//! `pool_holds` (when the current owner got each customer).

use chrono::{DateTime, Utc};
use tokio_postgres::GenericClient;

/// What happened to a customer's owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// A consultant took a pool customer.
    Claim,
    /// Back to the pool (the release job, the owner, a manager).
    Release,
    /// A manager or admin gave a pool customer to someone.
    Assign,
    /// From one owner to another.
    Transfer,
}

impl EventKind {
    /// The code stored.
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Claim => "claim",
            EventKind::Release => "release",
            EventKind::Assign => "assign",
            EventKind::Transfer => "transfer",
        }
    }

    /// The kind of a change from `old` to `new` owner made by a manager or admin (or by
    /// the release job).
    pub fn of(old: Option<&str>, new: Option<&str>) -> EventKind {
        match (old, new) {
            (_, None) => EventKind::Release,
            (None, Some(_)) => EventKind::Assign,
            (Some(_), Some(_)) => EventKind::Transfer,
        }
    }
}

/// One owner change, for [`record`].
#[derive(Debug, Clone)]
pub struct OwnerChange<'a> {
    /// The customer.
    pub customer_id: &'a str,
    /// The owner before.
    pub from: Option<&'a str>,
    /// The owner after.
    pub to: Option<&'a str>,
}

/// Records owner changes of one kind by `by` (`None`: the release job) at `at`, and moves
/// the customers' holds: the new owner got them at `at`; a released customer has none.
pub async fn record(
    tx: &impl GenericClient,
    kind: EventKind,
    changes: &[OwnerChange<'_>],
    by: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(), tokio_postgres::Error> {
    let ids: Vec<&str> = changes.iter().map(|c| c.customer_id).collect();
    let from: Vec<Option<&str>> = changes.iter().map(|c| c.from).collect();
    let to: Vec<Option<&str>> = changes.iter().map(|c| c.to).collect();
    tx.execute(
        "INSERT INTO pool_events (customer_id, kind, from_owner, to_owner, by_user, at)
         SELECT c, $2, f, t, $3, $4 FROM unnest($1::text[], $5::text[], $6::text[]) AS u(c, f, t)",
        &[&ids, &kind.code(), &by, &at, &from, &to],
    )
    .await?;
    tx.execute(
        "DELETE FROM pool_holds WHERE customer_id = ANY($1)",
        &[&ids],
    )
    .await?;
    tx.execute(
        "INSERT INTO pool_holds (customer_id, owner, since)
         SELECT c, t, $3 FROM unnest($1::text[], $2::text[]) AS u(c, t) WHERE t IS NOT NULL",
        &[&ids, &to, &at],
    )
    .await?;
    Ok(())
}

/// Records that `owner` got a new customer (entered with them) at `at`.
pub async fn hold_new(
    tx: &impl GenericClient,
    customer_id: &str,
    owner: &str,
    at: DateTime<Utc>,
) -> Result<(), tokio_postgres::Error> {
    tx.execute(
        "INSERT INTO pool_holds (customer_id, owner, since) VALUES ($1, $2, $3)
         ON CONFLICT (customer_id) DO UPDATE SET owner = EXCLUDED.owner, since = EXCLUDED.since",
        &[&customer_id, &owner, &at],
    )
    .await?;
    Ok(())
}
