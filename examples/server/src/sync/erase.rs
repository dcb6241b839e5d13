//! A customer's delete is an erasure of what the server holds of them: a book deletes a
//! customer only by erasing them (`crm_store::Store::erase_customer`, `delete_customer`),
//! and the server's copies are kept longer than any book's (tombstones keep their last
//! fields, append-only records are never changed by a sync), so the server blanks them
//! in the upload's transaction:
//!
//! - every row of the customer and of the customers merged into them (their tombstones and
//!   the records moved or left under them): the fields emptied; the customer's own
//!   tombstone keeps only its `owner` (who is told of the delete), an order its car, amounts
//!   and dates for the accounts (no customer, intent or note);
//! - their contact keys: released, and the key's text (a phone, a WeChat id, an e-mail)
//!   replaced by its salted hash, which devices already hold.
//!
//! The rows keep their versions: a deleted customer's rows are never sent again, and the
//! customer's tombstone itself has just been written at a new version, which tells every
//! device holding the customer to evict them.

use tokio_postgres::GenericClient;

/// The fields of an order that say who bought it or why it was cancelled.
const ORDER_PERSONAL_FIELDS: &[&str] = &["customer_id", "intent_id", "cancel_note"];

/// Blanks what the server holds of customer `customer_id` (already a tombstone) and of the
/// customers merged into them. Returns how many rows were blanked.
pub async fn erase_customer(
    client: &impl GenericClient,
    customer_id: &str,
) -> Result<u64, tokio_postgres::Error> {
    let order_fields: Vec<&str> = ORDER_PERSONAL_FIELDS.to_vec();
    let blanked = client
        .execute(
            "WITH gone AS (
                SELECT $1::text AS id
                UNION SELECT id FROM sync_rows
                WHERE entity = 'customer_merges' AND customer_id = $1
             )
             UPDATE sync_rows SET fields = CASE
                WHEN entity = 'customers' THEN
                    jsonb_build_object('owner', coalesce(fields->'owner', 'null'::jsonb))
                WHEN entity = 'orders' THEN fields - $2::text[]
                ELSE '{}'::jsonb END
             WHERE customer_id IN (SELECT id FROM gone)",
            &[&customer_id, &order_fields],
        )
        .await?;
    client
        .execute(
            "UPDATE contact_keys SET key = 'erased:' || hash, customer_id = NULL,
                version = nextval('change_version')
             WHERE customer_id = $1",
            &[&customer_id],
        )
        .await?;
    Ok(blanked)
}
