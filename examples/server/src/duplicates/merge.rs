//! A claim's record merged into the owner's customer, as the device's merge does
//! (`crm_store`'s `merge_customers`): its follow-ups, plans, visits, intents, orders, cars
//! (with their service marks, insurance ends and readings), attachments and timeline move to
//! the customer kept; contacts, tags and consents are united (the kept customer's win where
//! both have one); when both have a pending plan the claim's is cancelled; the claim's
//! intents come as non-primary; its stage moves and intent level changes stay with it (the
//! merge record keeps its row whole); the customer kept is filled from the claim's record
//! and its timeline records the merge (`survivor`). Every moved row gets a new version, so the devices of
//! the customer kept download them.

use super::survivor::update_survivor;
use crate::sync::links::tables_in_order;
use crate::sync::rows::{self, StoredRow, Writer};
use crm_core::sync::SyncEntity;
use serde_json::{Map, Value};
use std::collections::HashSet;
use tokio_postgres::GenericClient;

/// Why a claim's pending plan is cancelled when the kept customer has one.
const MERGED_PLAN_REASON: &str = "merged: the kept customer's plan stays";

/// The entities that stay with the claim's record or are united instead of moved.
const NOT_MOVED: &[&str] = &[
    "customers",
    "contacts",
    "customer_tags",
    "consents",
    "customer_merges",
    "stage_moves",
    "intent_level_changes",
];

/// Whether a JSON value is a true flag (`1` or `true`).
fn truthy(value: Option<&Value>) -> bool {
    match value {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_i64() == Some(1),
        _ => false,
    }
}

/// Whether a plan is still to be carried out.
fn pending(fields: &Map<String, Value>) -> bool {
    matches!(
        fields.get("status").and_then(Value::as_str),
        Some("open" | "rescheduled")
    )
}

/// The current (not deleted) rows of a customer of these entities.
async fn rows_of(
    client: &impl GenericClient,
    customer_id: &str,
    entity: &str,
) -> Result<Vec<StoredRow>, tokio_postgres::Error> {
    let sql = format!(
        "SELECT {} FROM sync_rows r WHERE r.customer_id = $1 AND r.entity = $2 AND NOT r.deleted",
        rows::COLUMNS
    );
    Ok(client
        .query(&sql, &[&customer_id, &entity])
        .await?
        .iter()
        .filter_map(StoredRow::from_sql)
        .collect())
}

/// A list's items (`{"items": [...]}`), none for a missing or deleted list.
async fn items(
    client: &impl GenericClient,
    entity: SyncEntity,
    id: &str,
) -> Result<Vec<Value>, tokio_postgres::Error> {
    Ok(match rows::load(client, entity, id).await? {
        Some(row) if !row.deleted => match row.fields.get("items") {
            Some(Value::Array(items)) => items.clone(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    })
}

/// The kept list's items followed by the claim's whose `key` is new, renumbered, owned by
/// `kept`; `extra` adjusts an item brought over.
fn united(
    kept_items: Vec<Value>,
    claim_items: Vec<Value>,
    kept: &str,
    key: impl Fn(&Value) -> Option<String>,
    parent: &str,
    extra: impl Fn(&mut Map<String, Value>),
) -> Vec<Value> {
    let mut seen: HashSet<String> = kept_items.iter().filter_map(&key).collect();
    let mut out = kept_items;
    for item in claim_items {
        let Some(k) = key(&item) else { continue };
        if !seen.insert(k) {
            continue;
        }
        if let Value::Object(mut map) = item {
            map.insert(parent.into(), Value::String(kept.into()));
            extra(&mut map);
            out.push(Value::Object(map));
        }
    }
    for (i, item) in out.iter_mut().enumerate() {
        if let Value::Object(map) = item {
            if map.contains_key("position") {
                map.insert("position".into(), Value::from(i as i64));
            }
        }
    }
    out
}

/// Writes a list of the kept customer.
async fn write_list(
    client: &impl GenericClient,
    entity: SyncEntity,
    kept: &str,
    items: Vec<Value>,
    by: Writer<'_>,
) -> Result<(), tokio_postgres::Error> {
    let fields = Map::from_iter([("items".to_string(), Value::Array(items))]);
    rows::write(client, entity, kept, kept, &fields, false, by).await
}

/// Merges the claim's record `claim` into the customer `kept`, at `now_ms`.
pub async fn merge_into(
    client: &impl GenericClient,
    claim: &StoredRow,
    kept: &StoredRow,
    now_ms: i64,
    by: Writer<'_>,
) -> Result<(), tokio_postgres::Error> {
    let mut kept_has_plan = rows_of(client, &kept.id, "plans")
        .await?
        .iter()
        .any(|p| pending(&p.fields));
    let kept_has_primary = rows_of(client, &kept.id, "vehicle_intents")
        .await?
        .iter()
        .any(|i| truthy(i.fields.get("is_primary")));
    let sql = format!(
        "SELECT {} FROM sync_rows r WHERE r.customer_id = $1 AND NOT r.deleted
            AND NOT (r.entity = ANY($2))
         ORDER BY array_position($3::text[], r.entity), r.id",
        rows::COLUMNS
    );
    let not_moved: Vec<&str> = NOT_MOVED.to_vec();
    let moving: Vec<StoredRow> = client
        .query(&sql, &[&claim.id, &not_moved, &tables_in_order()])
        .await?
        .iter()
        .filter_map(StoredRow::from_sql)
        .collect();
    for row in moving {
        let mut fields = row.fields.clone();
        if fields.contains_key("customer_id") {
            fields.insert("customer_id".into(), Value::String(kept.id.clone()));
        }
        match row.entity {
            SyncEntity::Plans if pending(&fields) => {
                if kept_has_plan {
                    fields.insert("status".into(), Value::from("cancelled"));
                    fields.insert("cancel_reason".into(), Value::from(MERGED_PLAN_REASON));
                    fields.insert("closed_at".into(), Value::from(now_ms));
                } else {
                    kept_has_plan = true;
                }
            }
            SyncEntity::VehicleIntents if kept_has_primary && truthy(fields.get("is_primary")) => {
                fields.insert("is_primary".into(), Value::from(0));
            }
            _ => {}
        }
        rows::write(client, row.entity, &row.id, &kept.id, &fields, false, by).await?;
    }

    let contacts = united(
        items(client, SyncEntity::Contacts, &kept.id).await?,
        items(client, SyncEntity::Contacts, &claim.id).await?,
        &kept.id,
        |item| {
            let kind = item.get("kind")?.as_str()?;
            let value = item.get("value")?.as_str()?;
            let kind = <crm_core::ContactKind as crm_core::Code>::from_code(kind)?;
            crm_core::contact_key(kind, value)
                .ok()
                .map(|k| format!("{kind:?}:{k}"))
        },
        "customer_id",
        |map| {
            map.insert("is_primary".into(), Value::from(0));
        },
    );
    write_list(client, SyncEntity::Contacts, &kept.id, contacts, by).await?;
    let tags = united(
        items(client, SyncEntity::CustomerTags, &kept.id).await?,
        items(client, SyncEntity::CustomerTags, &claim.id).await?,
        &kept.id,
        |item| item.get("tag")?.as_str().map(crm_core::tag_key),
        "customer_id",
        |_| {},
    );
    write_list(client, SyncEntity::CustomerTags, &kept.id, tags, by).await?;
    let consents = united(
        items(client, SyncEntity::Consents, &kept.id).await?,
        items(client, SyncEntity::Consents, &claim.id).await?,
        &kept.id,
        |item| item.get("channel")?.as_str().map(str::to_owned),
        "customer_id",
        |_| {},
    );
    write_list(client, SyncEntity::Consents, &kept.id, consents, by).await?;

    let record = Map::from_iter([
        ("kept_id".to_string(), Value::String(kept.id.clone())),
        ("merged_id".to_string(), Value::String(claim.id.clone())),
        ("merged_at".to_string(), Value::from(now_ms)),
        (
            "merged_json".to_string(),
            Value::String(Value::Object(claim.fields.clone()).to_string()),
        ),
    ]);
    rows::write(
        client,
        SyncEntity::CustomerMerges,
        &claim.id,
        &kept.id,
        &record,
        false,
        by,
    )
    .await?;
    update_survivor(client, claim, kept, now_ms, by).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_union_keeps_the_kept_items_first_and_adds_only_new_keys() {
        let kept = vec![json!({"customer_id": "a", "position": 0, "tag": "VIP"})];
        let claim = vec![
            json!({"customer_id": "b", "position": 0, "tag": "vip"}),
            json!({"customer_id": "b", "position": 1, "tag": "置换"}),
        ];
        let out = united(
            kept,
            claim,
            "a",
            |item| item.get("tag")?.as_str().map(crm_core::tag_key),
            "customer_id",
            |_| {},
        );
        assert_eq!(
            out,
            vec![
                json!({"customer_id": "a", "position": 0, "tag": "VIP"}),
                json!({"customer_id": "a", "position": 1, "tag": "置换"}),
            ]
        );
    }

    #[test]
    fn flags_and_pending_plans() {
        assert!(truthy(Some(&json!(1))));
        assert!(truthy(Some(&json!(true))));
        assert!(!truthy(Some(&json!(0))));
        assert!(!truthy(None));
        assert!(pending(json!({"status": "open"}).as_object().unwrap()));
        assert!(pending(
            json!({"status": "rescheduled"}).as_object().unwrap()
        ));
        assert!(!pending(json!({"status": "done"}).as_object().unwrap()));
    }
}
