//! The customer kept when a claim's record is merged into it, as the device's merge leaves
//! it (`crm_core::CustomerProfile::merged_with`): its own fields win, the record's fill its
//! gaps (gender, birthday with age band, occupation, notes, region), the higher importance
//! and the earlier first contact are kept; and a timeline entry on it says which record
//! was merged in and who merged it. The owner is not filled: it is the kept customer's,
//! and a reassignment is its own resolution.

use crate::sync::rows::{self, StoredRow, Writer};
use crm_core::sync::SyncEntity;
use crm_core::TimelineEntry;
use serde_json::{Map, Value};

/// The fields filled from the other record when the kept one has none.
const FILLED: &[&str] = &["occupation", "notes", "province", "city", "district"];

/// The first-contact fields, taken together from the record with the earlier contact.
const FIRST_CONTACT: &[&str] = &[
    "first_contact_at",
    "first_contact_place",
    "first_contact_scene",
    "first_contact_reaction",
];

fn is_null(fields: &Map<String, Value>, name: &str) -> bool {
    fields.get(name).is_none_or(Value::is_null)
}

/// The kept customer's fields after the merge of `claim`'s (see the module's doc).
pub fn survivor_fields(
    kept: &Map<String, Value>,
    claim: &Map<String, Value>,
) -> Map<String, Value> {
    let mut out = kept.clone();
    let mut take = |name: &str| {
        if let Some(v) = claim.get(name) {
            out.insert(name.to_string(), v.clone());
        }
    };
    if kept.get("gender").and_then(Value::as_str) == Some("unspecified") {
        take("gender");
    }
    if is_null(kept, "birthday") && is_null(kept, "age_band") {
        take("birthday");
        take("age_band");
    }
    for name in FILLED {
        if is_null(kept, name) {
            take(name);
        }
    }
    let importance = |f: &Map<String, Value>| f.get("importance").and_then(Value::as_i64);
    if let (Some(k), Some(c)) = (importance(kept), importance(claim)) {
        if c > k {
            take("importance");
        }
    }
    let first = |f: &Map<String, Value>| f.get("first_contact_at").and_then(Value::as_i64);
    let earlier = match (first(kept), first(claim)) {
        (Some(k), Some(c)) => c < k,
        (None, Some(_)) => true,
        _ => false,
    };
    if earlier {
        for name in FIRST_CONTACT {
            take(name);
        }
    }
    out
}

/// Writes the kept customer merged with `claim` at `now_ms` (a new `version` and
/// `updated_at` when a field changed, as a device's write would) and the timeline entry
/// that records the merge, authored by `by`.
pub async fn update_survivor(
    client: &impl tokio_postgres::GenericClient,
    claim: &StoredRow,
    kept: &StoredRow,
    now_ms: i64,
    by: Writer<'_>,
) -> Result<(), tokio_postgres::Error> {
    let mut fields = survivor_fields(&kept.fields, &claim.fields);
    if fields != kept.fields {
        let version = kept
            .fields
            .get("version")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        fields.insert("version".into(), Value::from(version + 1));
        fields.insert("updated_at".into(), Value::from(now_ms));
        rows::write(
            client,
            SyncEntity::Customers,
            &kept.id,
            &kept.id,
            &fields,
            false,
            by,
        )
        .await?;
    }
    let entry = TimelineEntry::Merged {
        absorbed: crm_core::CustomerId(claim.id.clone()),
        absorbed_name: claim
            .fields
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
    };
    let uid = format!("{:032x}", rand::random::<u128>());
    let row = Map::from_iter([
        ("customer_id".to_string(), Value::String(kept.id.clone())),
        ("at".to_string(), Value::from(now_ms)),
        ("actor".to_string(), Value::String(by.user.to_string())),
        ("code".to_string(), Value::String(entry.code().to_string())),
        (
            "entry".to_string(),
            Value::String(serde_json::to_string(&entry).unwrap_or_default()),
        ),
        ("uid".to_string(), Value::String(uid.clone())),
        ("author".to_string(), Value::String(by.user.to_string())),
        (
            "device".to_string(),
            by.device.map_or(Value::Null, |d| Value::String(d.into())),
        ),
    ]);
    rows::write(
        client,
        SyncEntity::Timeline,
        &uid,
        &kept.id,
        &row,
        false,
        by,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn the_kept_fields_win_and_the_gaps_are_filled() {
        let kept = map(json!({
            "name": "王芳", "gender": "unspecified", "birthday": null, "age_band": null,
            "occupation": "教师", "notes": null, "province": null, "city": "上海",
            "importance": 1, "owner": "c01", "first_contact_at": 2000,
            "first_contact_place": "展厅", "first_contact_scene": null,
            "first_contact_reaction": null
        }));
        let claim = map(json!({
            "name": "王芳芳", "gender": "female", "birthday": "1990-03-15", "age_band": null,
            "occupation": "医生", "notes": "想要白色", "province": "上海", "city": "北京",
            "importance": 2, "owner": "c02", "first_contact_at": 1000,
            "first_contact_place": "车展", "first_contact_scene": "auto_show",
            "first_contact_reaction": "interested"
        }));
        let out = survivor_fields(&kept, &claim);
        assert_eq!(
            Value::Object(out),
            json!({
                "name": "王芳", "gender": "female", "birthday": "1990-03-15", "age_band": null,
                "occupation": "教师", "notes": "想要白色", "province": "上海", "city": "上海",
                "importance": 2, "owner": "c01", "first_contact_at": 1000,
                "first_contact_place": "车展", "first_contact_scene": "auto_show",
                "first_contact_reaction": "interested"
            })
        );
    }

    #[test]
    fn nothing_to_fill_changes_nothing() {
        let kept = map(json!({
            "gender": "male", "birthday": null, "age_band": "30s", "notes": "x",
            "importance": 3, "first_contact_at": 5
        }));
        let claim = map(json!({
            "gender": "female", "birthday": "1990-01-01", "age_band": null, "notes": "y",
            "importance": 1, "first_contact_at": 9
        }));
        assert_eq!(survivor_fields(&kept, &claim), kept);
    }
}
