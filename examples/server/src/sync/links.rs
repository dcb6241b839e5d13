//! What a row belongs to: its customer (every row has one, for scope) and, for some, a
//! parent row the device's schema needs first (a follow-up's attachments, a car's service
//! marks).

use crm_core::sync::SyncEntity;
use serde_json::{Map, Value};

/// Where a new row's customer is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// This customer.
    Customer(String),
    /// The customer of this parent row.
    Parent(SyncEntity, String),
}

/// The anchor of a new row of `entity` with this id and these fields, or the field that
/// should have named it:
///
/// - a customer: itself; contacts, tags, consents, care schedule: the id (the customer's);
/// - a follow-up's attachments: the follow-up (the id); a car's service marks and insurance
///   ends: the car (the id); an odometer reading: the car in `car_id`;
/// - a merge record: the customer kept (`kept_id`);
/// - every other row: its `customer_id` field.
pub fn anchor(entity: SyncEntity, id: &str, fields: &Map<String, Value>) -> Result<Anchor, String> {
    let field = |name: &str| match fields.get(name) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        _ => Err(format!("invalid: {} needs a {name} field", entity.table())),
    };
    Ok(match entity {
        SyncEntity::Customers
        | SyncEntity::Contacts
        | SyncEntity::CustomerTags
        | SyncEntity::Consents
        | SyncEntity::CareSchedules => Anchor::Customer(id.to_string()),
        SyncEntity::FollowUpAttachments => Anchor::Parent(SyncEntity::FollowUps, id.to_string()),
        SyncEntity::CarServices | SyncEntity::InsuranceEnds => {
            Anchor::Parent(SyncEntity::Cars, id.to_string())
        }
        SyncEntity::OdometerReadings => Anchor::Parent(SyncEntity::Cars, field("car_id")?),
        SyncEntity::CustomerMerges => Anchor::Customer(field("kept_id")?),
        _ => Anchor::Customer(field("customer_id")?),
    })
}

/// The parent row (other than the customer) a device must hold before this row: the
/// follow-up of attachments, the car of service marks, insurance ends and odometer
/// readings, the intent an order was placed on.
pub fn parent(
    entity: SyncEntity,
    id: &str,
    fields: &Map<String, Value>,
) -> Option<(SyncEntity, String)> {
    let field = |name: &str| match fields.get(name) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    match entity {
        SyncEntity::FollowUpAttachments => Some((SyncEntity::FollowUps, id.to_string())),
        SyncEntity::CarServices | SyncEntity::InsuranceEnds => {
            Some((SyncEntity::Cars, id.to_string()))
        }
        SyncEntity::OdometerReadings => field("car_id").map(|c| (SyncEntity::Cars, c)),
        SyncEntity::Orders => field("intent_id").map(|i| (SyncEntity::VehicleIntents, i)),
        _ => None,
    }
}

/// A Record entity whose rows carry their customer in a `customer_id` field that a write
/// may change (a merge moves a follow-up to the customer kept).
pub fn movable(entity: SyncEntity) -> bool {
    use crm_core::sync::EntityShape;
    entity.shape() == EntityShape::Record
        && !matches!(
            entity,
            SyncEntity::Customers | SyncEntity::CareSchedules | SyncEntity::CustomerMerges
        )
}

/// The position of an entity in [`SyncEntity::ALL`]: parents before children.
pub fn rank(entity: SyncEntity) -> usize {
    SyncEntity::ALL
        .iter()
        .position(|e| *e == entity)
        .unwrap_or(SyncEntity::ALL.len())
}

/// Every entity's wire name in [`SyncEntity::ALL`] order, for ordering in SQL
/// (`array_position`).
pub fn tables_in_order() -> Vec<String> {
    SyncEntity::ALL
        .iter()
        .map(|e| e.table().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn anchors() {
        let none = Map::new();
        assert_eq!(
            anchor(SyncEntity::Contacts, "c1", &none),
            Ok(Anchor::Customer("c1".into()))
        );
        assert_eq!(
            anchor(SyncEntity::FollowUpAttachments, "f1", &none),
            Ok(Anchor::Parent(SyncEntity::FollowUps, "f1".into()))
        );
        assert_eq!(
            anchor(
                SyncEntity::OdometerReadings,
                "r1",
                &map(json!({"car_id": "k1"}))
            ),
            Ok(Anchor::Parent(SyncEntity::Cars, "k1".into()))
        );
        assert_eq!(
            anchor(SyncEntity::Plans, "p1", &map(json!({"customer_id": "c2"}))),
            Ok(Anchor::Customer("c2".into()))
        );
        assert!(anchor(SyncEntity::Plans, "p1", &none).is_err());
        assert!(anchor(SyncEntity::Plans, "p1", &map(json!({"customer_id": 5}))).is_err());
    }

    #[test]
    fn parents_and_ranks() {
        assert_eq!(
            parent(SyncEntity::Orders, "o1", &map(json!({"intent_id": "i1"}))),
            Some((SyncEntity::VehicleIntents, "i1".into()))
        );
        assert_eq!(
            parent(SyncEntity::Orders, "o1", &map(json!({"intent_id": null}))),
            None
        );
        assert_eq!(parent(SyncEntity::Plans, "p1", &Map::new()), None);
        assert!(rank(SyncEntity::Customers) < rank(SyncEntity::Contacts));
        assert!(movable(SyncEntity::FollowUps));
        assert!(!movable(SyncEntity::Contacts));
        assert!(!movable(SyncEntity::Customers));
    }
}
