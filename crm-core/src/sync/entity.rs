//! What is synced: one [`SyncEntity`] per kind of record, each with the table that holds it
//! on the device and its [`EntityShape`] (how conflicts on it are settled).

use serde::{Deserialize, Serialize};

/// How rows of an entity are identified and merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityShape {
    /// A record with its own id: fields merge one by one, the last accepted write wins.
    Record,
    /// A list belonging to a parent (the row id is the parent's id): the list is replaced
    /// whole by the last accepted write; its `items` field holds the list.
    List,
    /// An append-only record with an id unique across devices: inserted once, never
    /// changed by a sync, never lost.
    AppendOnly,
}

/// The kinds of record devices and the server exchange. Their wire names are the device's
/// table names (`customers`, `contacts` ...), so a change can be read beside the schema.
///
/// Not synced: what a device derives (search terms, list columns, reminders' change feed),
/// what stays on the device (saved views), and dealership-wide settings, templates and the
/// catalogue, which the server publishes separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncEntity {
    /// A customer's own fields (`customers`), the owner among them.
    Customers,
    /// A customer's contacts, the whole list (`contacts`, id = the customer's id).
    Contacts,
    /// A customer's tags, the whole list (`customer_tags`, id = the customer's id).
    CustomerTags,
    /// A customer's consent per channel, the whole list (`consents`, id = the customer's id).
    Consents,
    /// A follow-up record (`follow_ups`).
    FollowUps,
    /// A follow-up's attachments, the whole list (`follow_up_attachments`, id = the
    /// follow-up's id).
    FollowUpAttachments,
    /// A planned next contact (`plans`).
    Plans,
    /// A vehicle intent (`vehicle_intents`).
    VehicleIntents,
    /// A store visit or test drive (`visits`).
    Visits,
    /// An order (`orders`).
    Orders,
    /// A car the customer owns (`cars`).
    Cars,
    /// A car's service marks, the whole list (`car_services`, id = the car's id).
    CarServices,
    /// A car's insurance end dates, the whole list (`insurance_ends`, id = the car's id).
    InsuranceEnds,
    /// A customer's care schedule (`care_schedules`, id = the customer's id).
    CareSchedules,
    /// A care task's status change (`care_task_moves`), append-only: the task's status on
    /// every device is the one its moves settle on ([`crate::settled_status`]).
    CareTaskMoves,
    /// The record of a merge of two customers (`customer_merges`).
    CustomerMerges,
    /// A timeline entry (`timeline`), append-only.
    Timeline,
    /// A pipeline move (`stage_moves`), append-only.
    StageMoves,
    /// An intent level change (`intent_level_changes`), append-only.
    IntentLevelChanges,
    /// An odometer reading (`odometer_readings`), append-only.
    OdometerReadings,
}

impl SyncEntity {
    /// Every synced entity, parents before children: the order a device applies a download
    /// in, so that a child row never arrives before the row it belongs to.
    pub const ALL: [SyncEntity; 20] = [
        SyncEntity::Customers,
        SyncEntity::Contacts,
        SyncEntity::CustomerTags,
        SyncEntity::Consents,
        SyncEntity::CustomerMerges,
        SyncEntity::VehicleIntents,
        SyncEntity::FollowUps,
        SyncEntity::FollowUpAttachments,
        SyncEntity::Plans,
        SyncEntity::Visits,
        SyncEntity::Orders,
        SyncEntity::Cars,
        SyncEntity::CarServices,
        SyncEntity::InsuranceEnds,
        SyncEntity::CareSchedules,
        SyncEntity::CareTaskMoves,
        SyncEntity::Timeline,
        SyncEntity::StageMoves,
        SyncEntity::IntentLevelChanges,
        SyncEntity::OdometerReadings,
    ];

    /// The device table that holds the entity (also its wire name).
    pub fn table(self) -> &'static str {
        match self {
            SyncEntity::Customers => "customers",
            SyncEntity::Contacts => "contacts",
            SyncEntity::CustomerTags => "customer_tags",
            SyncEntity::Consents => "consents",
            SyncEntity::FollowUps => "follow_ups",
            SyncEntity::FollowUpAttachments => "follow_up_attachments",
            SyncEntity::Plans => "plans",
            SyncEntity::VehicleIntents => "vehicle_intents",
            SyncEntity::Visits => "visits",
            SyncEntity::Orders => "orders",
            SyncEntity::Cars => "cars",
            SyncEntity::CarServices => "car_services",
            SyncEntity::InsuranceEnds => "insurance_ends",
            SyncEntity::CareSchedules => "care_schedules",
            SyncEntity::CareTaskMoves => "care_task_moves",
            SyncEntity::CustomerMerges => "customer_merges",
            SyncEntity::Timeline => "timeline",
            SyncEntity::StageMoves => "stage_moves",
            SyncEntity::IntentLevelChanges => "intent_level_changes",
            SyncEntity::OdometerReadings => "odometer_readings",
        }
    }

    /// The entity whose wire name is `table`, if it is synced.
    pub fn from_table(table: &str) -> Option<SyncEntity> {
        SyncEntity::ALL.into_iter().find(|e| e.table() == table)
    }

    /// How the entity's rows are identified and merged.
    pub fn shape(self) -> EntityShape {
        match self {
            SyncEntity::Contacts
            | SyncEntity::CustomerTags
            | SyncEntity::Consents
            | SyncEntity::FollowUpAttachments
            | SyncEntity::CarServices
            | SyncEntity::InsuranceEnds => EntityShape::List,
            SyncEntity::Timeline
            | SyncEntity::CareTaskMoves
            | SyncEntity::StageMoves
            | SyncEntity::IntentLevelChanges
            | SyncEntity::OdometerReadings => EntityShape::AppendOnly,
            _ => EntityShape::Record,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entity_is_listed_once_and_round_trips_by_table() {
        let mut seen = std::collections::BTreeSet::new();
        for e in SyncEntity::ALL {
            assert!(seen.insert(e), "{e:?} listed twice");
            assert_eq!(SyncEntity::from_table(e.table()), Some(e));
            let wire = serde_json::to_string(&e).unwrap();
            assert_eq!(wire, format!("\"{}\"", e.table()));
        }
        assert_eq!(SyncEntity::from_table("search_terms"), None);
        assert_eq!(SyncEntity::from_table("saved_views"), None);
    }

    #[test]
    fn parents_come_before_their_children() {
        let at = |e: SyncEntity| SyncEntity::ALL.iter().position(|x| *x == e).unwrap();
        for child in [
            SyncEntity::Contacts,
            SyncEntity::FollowUps,
            SyncEntity::Cars,
        ] {
            assert!(at(SyncEntity::Customers) < at(child));
        }
        assert!(at(SyncEntity::FollowUps) < at(SyncEntity::FollowUpAttachments));
        assert!(at(SyncEntity::Cars) < at(SyncEntity::CarServices));
        assert!(at(SyncEntity::Cars) < at(SyncEntity::OdometerReadings));
        assert!(at(SyncEntity::VehicleIntents) < at(SyncEntity::Orders));
    }

    #[test]
    fn shapes() {
        assert_eq!(SyncEntity::Customers.shape(), EntityShape::Record);
        assert_eq!(SyncEntity::Contacts.shape(), EntityShape::List);
        assert_eq!(SyncEntity::Timeline.shape(), EntityShape::AppendOnly);
        assert_eq!(SyncEntity::Orders.shape(), EntityShape::Record);
    }
}
