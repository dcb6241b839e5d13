//! One customer, one owner (撞单): every live customer's identifying contact keys (a
//! normalised phone, WeChat id or e-mail, as `crm_core::contact_key` computes them from the
//! contacts' kind and value) are unique across the dealership, in `contact_keys`.
//!
//! At the end of each upload, under the upload lock, the customers whose contacts the upload
//! changed are settled: a key another live customer holds makes the two a duplicate. The
//! dealership's [`DuplicateRule`] picks the one that keeps the customer; the other is set
//! aside as a duplicate claim (its customer row a tombstone, so every book drops it, its rows
//! kept under it, hidden, for the managers' queue). Two records of the same owner are not a
//! duplicate (their consultant chose to keep both on the device): the key stays with the
//! first.

use super::rows::{self, StoredRow, Writer};
use crm_core::sync::{contact_key_hash, ContactKeyChange, ContactKeys, DuplicateRule, SyncEntity};
use crm_core::{Code, ContactInput, ContactKind};
use serde_json::{Map, Value};
use std::collections::HashMap;
use tokio_postgres::GenericClient;

/// The dealership's settings that concern duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateSettings {
    /// The salt of the hashes devices keep.
    pub salt: String,
    /// Which record keeps the customer.
    pub rule: DuplicateRule,
}

/// Reads the settings.
pub async fn settings(
    client: &impl GenericClient,
) -> Result<DuplicateSettings, tokio_postgres::Error> {
    let row = client
        .query_one(
            "SELECT key_salt, duplicate_rule FROM dealership_settings WHERE id = 1",
            &[],
        )
        .await?;
    Ok(DuplicateSettings {
        salt: row.get(0),
        rule: DuplicateRule::from_code(row.get(1)).unwrap_or(DuplicateRule::FirstRegistered),
    })
}

/// Sets which record keeps the customer when two share a key (`crm-server settings
/// --duplicate-rule`). Decisions already taken stay.
pub async fn set_rule(
    client: &impl GenericClient,
    rule: DuplicateRule,
) -> Result<(), tokio_postgres::Error> {
    client
        .execute(
            "UPDATE dealership_settings SET duplicate_rule = $1 WHERE id = 1",
            &[&rule.code()],
        )
        .await?;
    Ok(())
}

/// The identifying keys of a contacts list's fields (`{"items": [...]}`), with their kind:
/// every item but those of kind `other` and those that do not validate.
pub fn identifying_keys(fields: &Map<String, Value>) -> Vec<(String, ContactKind)> {
    let Some(Value::Array(items)) = fields.get("items") else {
        return Vec::new();
    };
    let mut keys: Vec<(String, ContactKind)> = Vec::new();
    for item in items {
        let kind = item
            .get("kind")
            .and_then(Value::as_str)
            .and_then(ContactKind::from_code);
        let value = item.get("value").and_then(Value::as_str);
        let (Some(kind), Some(value)) = (kind, value) else {
            continue;
        };
        if kind == ContactKind::Other {
            continue;
        }
        if let Ok(contact) = ContactInput::new(kind, value).validate() {
            if !keys.iter().any(|(k, _)| *k == contact.key) {
                keys.push((contact.key, kind));
            }
        }
    }
    keys
}

/// The keys a customer's contacts list holds now (none without a list).
pub async fn keys_of(
    client: &impl GenericClient,
    customer_id: &str,
) -> Result<Vec<(String, ContactKind)>, tokio_postgres::Error> {
    Ok(
        match rows::load(client, SyncEntity::Contacts, customer_id).await? {
            Some(row) if !row.deleted => identifying_keys(&row.fields),
            _ => Vec::new(),
        },
    )
}

/// Frees every key the customer holds (deleted, merged or set aside).
pub async fn release(
    client: &impl GenericClient,
    customer_id: &str,
) -> Result<(), tokio_postgres::Error> {
    client
        .execute(
            "UPDATE contact_keys SET customer_id = NULL, version = nextval('change_version')
             WHERE customer_id = $1",
            &[&customer_id],
        )
        .await?;
    Ok(())
}

/// Makes `keys` exactly the keys the customer holds (none of them held by another).
async fn hold(
    client: &impl GenericClient,
    salt: &str,
    customer_id: &str,
    keys: &[(String, ContactKind)],
) -> Result<(), tokio_postgres::Error> {
    let names: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
    client
        .execute(
            "UPDATE contact_keys SET customer_id = NULL, version = nextval('change_version')
             WHERE customer_id = $1 AND NOT (key = ANY($2))",
            &[&customer_id, &names],
        )
        .await?;
    for (key, kind) in keys {
        client
            .execute(
                "INSERT INTO contact_keys (key, hash, kind, customer_id, version)
                 VALUES ($1, $2, $3, $4, nextval('change_version'))
                 ON CONFLICT (key) DO UPDATE SET customer_id = EXCLUDED.customer_id,
                    kind = EXCLUDED.kind, version = EXCLUDED.version
                 WHERE contact_keys.customer_id IS DISTINCT FROM EXCLUDED.customer_id",
                &[
                    key,
                    &contact_key_hash(salt, key),
                    &kind.code(),
                    &customer_id,
                ],
            )
            .await?;
    }
    Ok(())
}

/// The first live customer other than `customer_id` holding one of `keys`, with the kind of
/// the key.
async fn holder(
    client: &impl GenericClient,
    customer_id: &str,
    keys: &[(String, ContactKind)],
) -> Result<Option<(String, String)>, tokio_postgres::Error> {
    let names: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
    Ok(client
        .query_opt(
            "SELECT customer_id, kind FROM contact_keys
             WHERE key = ANY($1) AND customer_id IS NOT NULL AND customer_id <> $2
             ORDER BY version LIMIT 1",
            &[&names, &customer_id],
        )
        .await?
        .map(|r| (r.get(0), r.get(1))))
}

/// A number field of a row (`created_at`: milliseconds).
fn millis(fields: &Map<String, Value>, name: &str) -> Option<i64> {
    fields.get(name).and_then(Value::as_i64)
}

/// When the customer's first visit marked done took place (milliseconds), if any.
async fn first_visit(
    client: &impl GenericClient,
    customer_id: &str,
) -> Result<Option<i64>, tokio_postgres::Error> {
    let row = client
        .query_one(
            "SELECT min((fields->>'closed_at')::bigint) FROM sync_rows
             WHERE entity = 'visits' AND customer_id = $1 AND NOT deleted
               AND fields->>'status' = 'done' AND jsonb_typeof(fields->'closed_at') = 'number'",
            &[&customer_id],
        )
        .await?;
    Ok(row.get(0))
}

/// Whether `holder` (the record the server had first) keeps the customer against
/// `challenger`, by the rule; a tie keeps the holder.
async fn holder_wins(
    client: &impl GenericClient,
    rule: DuplicateRule,
    holder: &StoredRow,
    challenger: &StoredRow,
) -> Result<bool, tokio_postgres::Error> {
    if rule == DuplicateRule::FirstVisit {
        let visits = (
            first_visit(client, &holder.id).await?,
            first_visit(client, &challenger.id).await?,
        );
        match visits {
            (Some(h), Some(c)) => return Ok(h <= c),
            (Some(_), None) => return Ok(true),
            (None, Some(_)) => return Ok(false),
            (None, None) => {}
        }
    }
    Ok(
        match (
            millis(&holder.fields, "created_at"),
            millis(&challenger.fields, "created_at"),
        ) {
            (Some(h), Some(c)) => h <= c,
            _ => true,
        },
    )
}

/// The rejection reason a record set aside gets: the customer who keeps it, by name and
/// consultant (`duplicate: 王芳 is 王建国's (c01) customer`).
pub async fn reason(
    client: &impl GenericClient,
    owner: &StoredRow,
) -> Result<String, tokio_postgres::Error> {
    let name = owner
        .fields
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("the customer");
    Ok(match &owner.owner {
        None => format!("duplicate: {name} is a pool customer (公海): claim them instead"),
        Some(user) => {
            let user_name: Option<String> = client
                .query_opt("SELECT name FROM users WHERE id = $1", &[user])
                .await?
                .map(|r| r.get(0));
            format!(
                "duplicate: {name} is {}'s ({user}) customer",
                user_name.as_deref().unwrap_or(user)
            )
        }
    })
}

/// Sets `loser` aside as a duplicate claim on `owner`'s customer; returns the reason.
async fn set_aside(
    client: &impl GenericClient,
    loser: &StoredRow,
    owner: &StoredRow,
    kind: &str,
    by: Writer<'_>,
) -> Result<String, tokio_postgres::Error> {
    rows::write(
        client,
        SyncEntity::Customers,
        &loser.id,
        &loser.id,
        &loser.fields,
        true,
        by,
    )
    .await?;
    let claimant = loser.owner.as_deref().unwrap_or(by.user);
    client
        .execute(
            "INSERT INTO duplicate_claims (customer_id, claimant, owner_customer_id, contact_kind)
             VALUES ($1, $2, $3, $4) ON CONFLICT (customer_id) DO NOTHING",
            &[&loser.id, &claimant, &owner.id, &kind],
        )
        .await?;
    // Claims on the record set aside now wait on the customer who keeps it.
    client
        .execute(
            "UPDATE duplicate_claims SET owner_customer_id = $2
             WHERE owner_customer_id = $1 AND status = 'open'",
            &[&loser.id, &owner.id],
        )
        .await?;
    release(client, &loser.id).await?;
    reason(client, owner).await
}

/// Settles the keys of these customers (whose contacts or rows an upload or a merge
/// changed), in order; returns the customers set aside, with the reason each one's device
/// is told.
pub async fn settle(
    client: &impl GenericClient,
    customers: &[String],
    by: Writer<'_>,
) -> Result<HashMap<String, String>, tokio_postgres::Error> {
    let mut aside = HashMap::new();
    if customers.is_empty() {
        return Ok(aside);
    }
    let settings = settings(client).await?;
    for id in customers {
        let Some(row) = rows::load(client, SyncEntity::Customers, id).await? else {
            continue;
        };
        if row.deleted {
            release(client, id).await?;
            continue;
        }
        let mut held = keys_of(client, id).await?;
        loop {
            let Some((other, kind)) = holder(client, id, &held).await? else {
                hold(client, &settings.salt, id, &held).await?;
                break;
            };
            let other_row = rows::load(client, SyncEntity::Customers, &other).await?;
            let Some(other_row) = other_row.filter(|r| !r.deleted) else {
                release(client, &other).await?;
                continue;
            };
            if other_row.owner == row.owner {
                // One consultant's two records: the key stays with the first.
                let theirs = held_keys(client, &other, &held).await?;
                held.retain(|(k, _)| !theirs.contains(k));
                continue;
            }
            if holder_wins(client, settings.rule, &other_row, &row).await? {
                let why = set_aside(client, &row, &other_row, &kind, by).await?;
                aside.insert(id.clone(), why);
                break;
            }
            let why = set_aside(client, &other_row, &row, &kind, by).await?;
            aside.insert(other.clone(), why);
        }
    }
    Ok(aside)
}

/// Which of `keys` the customer `other` holds.
async fn held_keys(
    client: &impl GenericClient,
    other: &str,
    keys: &[(String, ContactKind)],
) -> Result<Vec<String>, tokio_postgres::Error> {
    let names: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
    Ok(client
        .query(
            "SELECT key FROM contact_keys WHERE customer_id = $1 AND key = ANY($2)",
            &[&other, &names],
        )
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect())
}

/// Gives every live customer that holds no key its keys, oldest registered first, except
/// those another customer holds already (no claim is made: records that were duplicates
/// before keys were kept are left for a manager to merge). Run by `crm-server init`, so that
/// a database from before the keys has them, and idempotent. Returns how many customers
/// took keys.
pub async fn backfill(client: &impl GenericClient) -> Result<u64, tokio_postgres::Error> {
    let salt = settings(client).await?.salt;
    let ids = client
        .query(
            "SELECT c.id FROM sync_rows c
             WHERE c.entity = 'customers' AND NOT c.deleted
               AND NOT EXISTS (SELECT 1 FROM contact_keys k WHERE k.customer_id = c.id)
             ORDER BY CASE WHEN jsonb_typeof(c.fields->'created_at') = 'number'
                           THEN (c.fields->>'created_at')::numeric END NULLS LAST, c.version",
            &[],
        )
        .await?;
    let mut took = 0;
    for row in ids {
        let id: String = row.get(0);
        let mut keys = keys_of(client, &id).await?;
        let names: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
        let taken: Vec<String> = client
            .query(
                "SELECT key FROM contact_keys WHERE key = ANY($1) AND customer_id IS NOT NULL",
                &[&names],
            )
            .await?
            .iter()
            .map(|r| r.get(0))
            .collect();
        keys.retain(|(k, _)| !taken.contains(k));
        if !keys.is_empty() {
            hold(client, &salt, &id, &keys).await?;
            took += 1;
        }
    }
    Ok(took)
}

/// The dealership's key changes after `since`, at most `limit`.
pub async fn changes(
    client: &impl GenericClient,
    since: u64,
    limit: u32,
) -> Result<ContactKeys, tokio_postgres::Error> {
    let salt = settings(client).await?.salt;
    let since = i64::try_from(since).unwrap_or(i64::MAX);
    let rows = client
        .query(
            "SELECT hash, customer_id IS NOT NULL, version FROM contact_keys
             WHERE version > $1 ORDER BY version LIMIT $2",
            &[&since, &(i64::from(limit) + 1)],
        )
        .await?;
    let has_more = rows.len() > limit as usize;
    let rows = &rows[..rows.len().min(limit as usize)];
    let through = rows
        .last()
        .map(|r| r.get::<_, i64>(2))
        .unwrap_or(since)
        .max(0) as u64;
    Ok(ContactKeys {
        salt,
        changes: rows
            .iter()
            .map(|r| ContactKeyChange {
                hash: r.get(0),
                live: r.get(1),
            })
            .collect(),
        through,
        has_more,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn identifying_keys_are_normalised_and_leave_out_other_and_invalid() {
        let fields = json!({"items": [
            {"kind": "mobile", "value": "138 0013 8000"},
            {"kind": "other", "value": "qq 12345"},
            {"kind": "wechat", "value": "WangFang88"},
            {"kind": "mobile", "value": "+86 13800138000"},
            {"kind": "mobile", "value": "not a phone"},
            {"kind": "nonsense", "value": "x"}
        ]});
        let keys = identifying_keys(fields.as_object().unwrap());
        assert_eq!(
            keys,
            vec![
                ("+8613800138000".to_string(), ContactKind::Mobile),
                ("wangfang88".to_string(), ContactKind::Wechat)
            ]
        );
        assert!(identifying_keys(&Map::new()).is_empty());
    }
}
