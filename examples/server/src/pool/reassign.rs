//! Owner changes in bulk, as an upload's owner change makes them one at a time: each
//! customer's scope change logged (devices that lose the customer evict it), its row given
//! the new owner (with `updated_at` and `version` moved on, as a device's write would), and
//! every other row of it restamped, parents first, so that devices that gain it download
//! all of it. A few statements whatever the number of customers: the release job and a
//! transfer of a consultant's whole book run in one transaction.

use crate::sync::links::tables_in_order;
use chrono::{DateTime, Utc};
use tokio_postgres::GenericClient;

/// Gives the customers `ids` (stored, not deleted; ids in any order) to `to` (`None`: the
/// pool), written by `by` at `now`.
pub async fn reassign(
    tx: &impl GenericClient,
    ids: &[String],
    to: Option<&str>,
    by: &str,
    now: DateTime<Utc>,
) -> Result<(), tokio_postgres::Error> {
    let mut ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    ids.sort_unstable();
    ids.dedup();
    tx.execute(
        "INSERT INTO scope_changes (version, customer_id, old_owner, new_owner)
         SELECT nextval('change_version'), id, owner, $2 FROM (
             SELECT id, owner FROM sync_rows
             WHERE entity = 'customers' AND id = ANY($1) ORDER BY id
         ) o",
        &[&ids, &to],
    )
    .await?;
    tx.execute(
        "UPDATE sync_rows r SET owner = $2,
             fields = r.fields || jsonb_build_object(
                 'owner', $2::text, 'updated_at', $4::bigint,
                 'version', coalesce((r.fields->>'version')::bigint, 0) + 1),
             version = s.v, updated_by = $3, updated_at = now()
         FROM (
             SELECT id, nextval('change_version') AS v FROM (
                 SELECT id FROM sync_rows WHERE entity = 'customers' AND id = ANY($1) ORDER BY id
             ) o
         ) s
         WHERE r.entity = 'customers' AND r.id = s.id",
        &[&ids, &to, &by, &now.timestamp_millis()],
    )
    .await?;
    tx.execute(
        "UPDATE sync_rows r SET version = s.v FROM (
             SELECT entity, id, nextval('change_version') AS v FROM (
                 SELECT entity, id FROM sync_rows
                 WHERE customer_id = ANY($1) AND entity <> 'customers'
                 ORDER BY array_position($2::text[], entity), customer_id, id
             ) o
         ) s WHERE r.entity = s.entity AND r.id = s.id",
        &[&ids, &tables_in_order()],
    )
    .await?;
    Ok(())
}
