//! Which columns of each synced table travel between a device and the server, and which
//! stay on the device.
//!
//! Every column of a synced table is one of three kinds:
//! - **synced**: state an operation writes (a profile field, a pipeline column, the owner,
//!   `version`, `updated_at` ...). A change's `fields` and a server row's `fields` hold
//!   exactly these, as stored (a list's `items` hold them for each row of the list). Key
//!   columns that mean the same on every device are synced too (a record's `id`, a list
//!   row's parent and position, an append-only record's `uid`).
//! - **local**: a key that means something only in this book (`seq` rowids, a merge
//!   record's INTEGER id). Never sent; a row from the server gets a fresh one.
//! - **derived**: what the device computes from other state: copies kept by triggers from
//!   other tables (the customer's list columns, plan and stage summaries, the owner on
//!   plans and care schedules), and what Rust computes for indexing or from settings (the
//!   name's sort key, contact and tag keys, a plan's due start and reminder time). Never
//!   sent: applying a download writes the synced columns and then recomputes these (the
//!   triggers recompute the copies by themselves).
//!
//! A change's row id (`crm_core::sync::Change::id`) is the value of [`EntityColumns::id`].
//! The outbox triggers (migration 0013) are written from these lists; the tests check that
//! the triggers send exactly them and that every column of every table is classified.

use crm_core::sync::{EntityShape, SyncEntity};

/// The columns of one synced table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityColumns {
    /// The entity (its table is `entity.table()`).
    pub entity: SyncEntity,
    /// The column whose value is the change's row id: a record's `id` (a care schedule's
    /// and a merge record's: see each), a list's parent column, an append-only record's
    /// `uid`.
    pub id: &'static str,
    /// The row the entity belongs to, as (parent entity, column holding the parent's id);
    /// `None` for customers, whose rows have no parent.
    pub parent: Option<(SyncEntity, &'static str)>,
    /// For a list: the columns that order its items (the list's key within its parent).
    /// Empty for other shapes.
    pub item_key: &'static [&'static str],
    /// The optimistic-concurrency column whose old value is a change's base version.
    pub version: Option<&'static str>,
    /// The columns sent and received, in table order.
    pub synced: &'static [&'static str],
    /// The columns this book alone gives a meaning (rowids).
    pub local: &'static [&'static str],
    /// The columns computed on the device from other state.
    pub derived: &'static [&'static str],
}

const CUSTOMERS: EntityColumns = EntityColumns {
    entity: SyncEntity::Customers,
    id: "id",
    parent: None,
    item_key: &[],
    version: Some("version"),
    synced: &[
        "id",
        "name",
        "gender",
        "birthday",
        "age_band",
        "occupation",
        "province",
        "city",
        "district",
        "notes",
        "source_kind",
        "source_detail",
        "source_referrer_id",
        "first_contact_at",
        "first_contact_place",
        "first_contact_scene",
        "first_contact_reaction",
        "importance",
        "owner",
        "archived_at",
        "created_at",
        "updated_at",
        "version",
        "intent_level",
        "pipeline_stage",
        "pipeline_status",
        "pipeline_since",
        "lost_reason",
        "reached_contacted",
        "reached_invited",
        "reached_visited",
        "reached_test_driven",
        "reached_negotiating",
        "reached_ordered",
        "reached_delivered",
        "ordered_at",
        "delivered_at",
        "revenue_fen",
        "wake_on",
    ],
    local: &["seq"],
    // name_sort, list_*: from the profile, contacts and tags (customer/rows.rs);
    // last_contact_at, first_contacted_at: from the follow-ups
    // (follow_up::follow_ups::refresh_contact_times); has_pending_plan, next_plan_due_ms:
    // from the plans, assigned_at: from owner changes, recorded_*: from follow-ups,
    // visits, orders and stage moves (triggers).
    // The record's deal (migration 19): the customer's current deal when written without
    // one; deals are not synced yet, so each device keeps its own.
    derived: &[
        "name_sort",
        "list_contact_kind",
        "list_contact_value",
        "list_contact_key",
        "list_contact_label",
        "list_tags",
        "last_contact_at",
        "first_contacted_at",
        "has_pending_plan",
        "next_plan_due_ms",
        "assigned_at",
        "recorded_contacted",
        "recorded_invited",
        "recorded_visited",
        "recorded_test_driven",
        "recorded_negotiating",
        "recorded_ordered",
        "recorded_delivered",
        "deal_id",
    ],
};

const CONTACTS: EntityColumns = EntityColumns {
    entity: SyncEntity::Contacts,
    id: "customer_id",
    parent: Some((SyncEntity::Customers, "customer_id")),
    item_key: &["position"],
    version: None,
    synced: &[
        "customer_id",
        "position",
        "kind",
        "value",
        "label",
        "is_primary",
    ],
    local: &[],
    // The contact's key for duplicate checks, from kind and value (crm_core::Contact).
    derived: &["key"],
};

const CUSTOMER_TAGS: EntityColumns = EntityColumns {
    entity: SyncEntity::CustomerTags,
    id: "customer_id",
    parent: Some((SyncEntity::Customers, "customer_id")),
    item_key: &["position"],
    version: None,
    synced: &["customer_id", "position", "tag"],
    local: &[],
    // crm_core::tag_key of the tag.
    derived: &["tag_key"],
};

const CONSENTS: EntityColumns = EntityColumns {
    entity: SyncEntity::Consents,
    id: "customer_id",
    parent: Some((SyncEntity::Customers, "customer_id")),
    item_key: &["channel"],
    version: None,
    synced: &["customer_id", "channel", "state", "at", "source", "note"],
    local: &[],
    derived: &[],
};

const FOLLOW_UPS: EntityColumns = EntityColumns {
    entity: SyncEntity::FollowUps,
    id: "id",
    parent: Some((SyncEntity::Customers, "customer_id")),
    item_key: &[],
    version: Some("version"),
    synced: &[
        "id",
        "customer_id",
        "method",
        "kind",
        "at",
        "content",
        "feedback",
        "problems",
        "questions",
        "consultant",
        "created_at",
        "updated_at",
        "version",
    ],
    local: &[],
    derived: &[],
};

const FOLLOW_UP_ATTACHMENTS: EntityColumns = EntityColumns {
    entity: SyncEntity::FollowUpAttachments,
    id: "follow_up_id",
    parent: Some((SyncEntity::FollowUps, "follow_up_id")),
    item_key: &["position"],
    version: None,
    synced: &[
        "follow_up_id",
        "position",
        "file_name",
        "media_type",
        "size_bytes",
        "sha256",
        "uri",
    ],
    local: &[],
    derived: &[],
};

const PLANS: EntityColumns = EntityColumns {
    entity: SyncEntity::Plans,
    id: "id",
    parent: Some((SyncEntity::Customers, "customer_id")),
    item_key: &[],
    version: Some("version"),
    synced: &[
        "id",
        "customer_id",
        "time_kind",
        "time_at",
        "time_date",
        "method",
        "purpose",
        "content",
        "status",
        "closed_at",
        "done_follow_up_id",
        "cancel_reason",
        "version",
        "created_at",
        "updated_at",
    ],
    local: &[],
    // owner: the customer's, copied by trigger; due_start_ms, fire_at_ms: from the plan's
    // time in the dealership's zone and reminder settings
    // (follow_up::plans::recompute_due_starts, recompute_fire_times).
    derived: &["owner", "due_start_ms", "fire_at_ms"],
};

const VEHICLE_INTENTS: EntityColumns = EntityColumns {
    entity: SyncEntity::VehicleIntents,
    id: "id",
    parent: Some((SyncEntity::Customers, "customer_id")),
    item_key: &[],
    version: Some("version"),
    synced: &[
        "id",
        "customer_id",
        "brand",
        "series",
        "model",
        "trim",
        "body_type",
        "powertrain",
        "colours",
        "options",
        "budget_min",
        "budget_max",
        "timeframe",
        "payment",
        "trade_in_brand",
        "trade_in_model",
        "trade_in_year",
        "trade_in_mileage_km",
        "trade_in_value",
        "competitors",
        "catalogue_model",
        "is_primary",
        "notes",
        "created_at",
        "updated_at",
        "version",
    ],
    local: &[],
    // The record's deal (migration 19): the customer's current deal when written without
    // one; deals are not synced yet, so each device keeps its own.
    derived: &["deal_id"],
};

const VISITS: EntityColumns = EntityColumns {
    entity: SyncEntity::Visits,
    id: "id",
    parent: Some((SyncEntity::Customers, "customer_id")),
    item_key: &[],
    version: Some("version"),
    synced: &[
        "id",
        "customer_id",
        "kind",
        "model",
        "catalogue_model",
        "scheduled_at",
        "consultant",
        "notes",
        "status",
        "closed_at",
        "feedback",
        "created_at",
        "updated_at",
        "version",
    ],
    local: &[],
    // The record's deal (migration 19): the customer's current deal when written without
    // one; deals are not synced yet, so each device keeps its own.
    derived: &["deal_id"],
};

const ORDERS: EntityColumns = EntityColumns {
    entity: SyncEntity::Orders,
    id: "id",
    parent: Some((SyncEntity::Customers, "customer_id")),
    item_key: &[],
    version: Some("version"),
    synced: &[
        "id",
        "customer_id",
        "intent_id",
        "brand",
        "series",
        "model",
        "trim",
        "colour",
        "catalogue_model",
        "vin",
        "price",
        "discount",
        "deposit",
        "order_date",
        "expected_delivery",
        "finance",
        "insurance",
        "consultant",
        "status",
        "cancelled_at",
        "cancel_reason",
        "cancel_note",
        "delivered_at",
        "delivery_date",
        "delivery_odometer",
        "created_at",
        "updated_at",
        "version",
    ],
    local: &[],
    // The record's deal (migration 19): the customer's current deal when written without
    // one; deals are not synced yet, so each device keeps its own.
    derived: &["deal_id"],
};

const CARS: EntityColumns = EntityColumns {
    entity: SyncEntity::Cars,
    id: "id",
    parent: Some((SyncEntity::Customers, "customer_id")),
    item_key: &[],
    version: None,
    synced: &[
        "id",
        "customer_id",
        "vin",
        "brand",
        "model",
        "delivered_on",
        "delivery_km",
        "registered_on",
        "order_id",
        "created_at",
    ],
    local: &[],
    derived: &[],
};

const CAR_SERVICES: EntityColumns = EntityColumns {
    entity: SyncEntity::CarServices,
    id: "car_id",
    parent: Some((SyncEntity::Cars, "car_id")),
    item_key: &["service"],
    version: None,
    synced: &["car_id", "service", "done_on"],
    local: &[],
    derived: &[],
};

const INSURANCE_ENDS: EntityColumns = EntityColumns {
    entity: SyncEntity::InsuranceEnds,
    id: "car_id",
    parent: Some((SyncEntity::Cars, "car_id")),
    item_key: &["ends_on"],
    version: None,
    synced: &["car_id", "ends_on"],
    local: &[],
    derived: &[],
};

/// A care schedule is the device's plan of care tasks, made by a care run from synced
/// facts (cars, services, readings, consent, rules): its owner is a copy, `next_on` and the
/// run marks follow from the tasks, and the tasks are a compressed BLOB the triggers
/// cannot read. Nothing of it is sent by the triggers; the row id is the customer's.
const CARE_SCHEDULES: EntityColumns = EntityColumns {
    entity: SyncEntity::CareSchedules,
    id: "customer_id",
    parent: Some((SyncEntity::Customers, "customer_id")),
    item_key: &[],
    version: None,
    synced: &[],
    local: &[],
    derived: &[
        "customer_id",
        "owner",
        "next_on",
        "run_from",
        "run_to",
        "run_digest",
        "run_tasks",
        "tasks",
        "run_blocked",
    ],
};

const CARE_TASK_MOVES: EntityColumns = EntityColumns {
    entity: SyncEntity::CareTaskMoves,
    id: "uid",
    parent: Some((SyncEntity::Customers, "customer_id")),
    item_key: &[],
    version: None,
    synced: &["customer_id", "task_key", "status", "at", "uid"],
    local: &["seq"],
    derived: &[],
};

/// A merge record's INTEGER id is this book's; the absorbed customer, merged once, names
/// the record everywhere.
const CUSTOMER_MERGES: EntityColumns = EntityColumns {
    entity: SyncEntity::CustomerMerges,
    id: "merged_id",
    parent: Some((SyncEntity::Customers, "kept_id")),
    item_key: &[],
    version: None,
    synced: &["kept_id", "merged_id", "merged_at", "merged_json"],
    local: &["id"],
    derived: &[],
};

const TIMELINE: EntityColumns = EntityColumns {
    entity: SyncEntity::Timeline,
    id: "uid",
    parent: Some((SyncEntity::Customers, "customer_id")),
    item_key: &[],
    version: None,
    synced: &[
        "customer_id",
        "at",
        "actor",
        "code",
        "entry",
        "uid",
        "author",
        "device",
    ],
    local: &["seq"],
    derived: &[],
};

const STAGE_MOVES: EntityColumns = EntityColumns {
    entity: SyncEntity::StageMoves,
    id: "uid",
    parent: Some((SyncEntity::Customers, "customer_id")),
    item_key: &[],
    version: None,
    synced: &[
        "customer_id",
        "kind",
        "from_status",
        "to_status",
        "stage",
        "at",
        "actor",
        "lost_reason",
        "dormant_reason",
        "competitor",
        "note",
        "reassign_to",
        "wake_on",
        "uid",
    ],
    local: &["seq"],
    // The record's deal (migration 19): the customer's current deal when written without
    // one; deals are not synced yet, so each device keeps its own.
    derived: &["deal_id"],
};

const INTENT_LEVEL_CHANGES: EntityColumns = EntityColumns {
    entity: SyncEntity::IntentLevelChanges,
    id: "uid",
    parent: Some((SyncEntity::Customers, "customer_id")),
    item_key: &[],
    version: None,
    synced: &["customer_id", "at", "who", "from_level", "to_level", "uid"],
    local: &["seq"],
    derived: &[],
};

const ODOMETER_READINGS: EntityColumns = EntityColumns {
    entity: SyncEntity::OdometerReadings,
    id: "uid",
    parent: Some((SyncEntity::Cars, "car_id")),
    item_key: &[],
    version: None,
    synced: &["car_id", "on_date", "km", "source", "recorded_at", "uid"],
    local: &["seq"],
    derived: &[],
};

/// Every synced table's columns, in the order of [`SyncEntity::ALL`].
pub const ENTITY_COLUMNS: [EntityColumns; 20] = [
    CUSTOMERS,
    CONTACTS,
    CUSTOMER_TAGS,
    CONSENTS,
    CUSTOMER_MERGES,
    VEHICLE_INTENTS,
    FOLLOW_UPS,
    FOLLOW_UP_ATTACHMENTS,
    PLANS,
    VISITS,
    ORDERS,
    CARS,
    CAR_SERVICES,
    INSURANCE_ENDS,
    CARE_SCHEDULES,
    CARE_TASK_MOVES,
    TIMELINE,
    STAGE_MOVES,
    INTENT_LEVEL_CHANGES,
    ODOMETER_READINGS,
];

/// The columns of `entity`'s table.
pub fn entity_columns(entity: SyncEntity) -> &'static EntityColumns {
    // ENTITY_COLUMNS follows SyncEntity::ALL, which lists every entity (tested below).
    let at = SyncEntity::ALL
        .iter()
        .position(|e| *e == entity)
        .unwrap_or_default();
    &ENTITY_COLUMNS[at]
}

impl EntityColumns {
    /// How the entity's rows are identified and merged.
    pub fn shape(&self) -> EntityShape {
        self.entity.shape()
    }

    /// The table holding the entity.
    pub fn table(&self) -> &'static str {
        self.entity.table()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use std::collections::BTreeSet;

    #[test]
    fn the_list_follows_sync_entity_all() {
        for (columns, entity) in ENTITY_COLUMNS.iter().zip(SyncEntity::ALL) {
            assert_eq!(columns.entity, entity);
            assert_eq!(entity_columns(entity), columns);
        }
    }

    #[test]
    fn every_column_of_every_synced_table_is_classified_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("book.sqlite3")).unwrap();
        store
            .read(|conn| {
                for c in &ENTITY_COLUMNS {
                    let table: Vec<String> = conn
                        .prepare(&format!(
                            "SELECT name FROM pragma_table_info('{}')",
                            c.table()
                        ))?
                        .query_map([], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                    let mut classified: Vec<&str> = Vec::new();
                    classified.extend(c.synced);
                    classified.extend(c.local);
                    classified.extend(c.derived);
                    let unique: BTreeSet<&str> = classified.iter().copied().collect();
                    assert_eq!(
                        unique.len(),
                        classified.len(),
                        "{}: a column twice",
                        c.table()
                    );
                    let table_set: BTreeSet<&str> = table.iter().map(String::as_str).collect();
                    assert_eq!(unique, table_set, "{}", c.table());
                    // Synced columns in table order.
                    let in_order: Vec<&str> = table
                        .iter()
                        .map(String::as_str)
                        .filter(|n| c.synced.contains(n))
                        .collect();
                    assert_eq!(in_order, c.synced, "{}: table order", c.table());
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn keys_are_synced_columns() {
        for c in &ENTITY_COLUMNS {
            if c.entity == SyncEntity::CareSchedules {
                continue;
            }
            assert!(c.synced.contains(&c.id), "{}: id", c.table());
            if let Some((_, column)) = c.parent {
                assert!(c.synced.contains(&column), "{}: parent", c.table());
            }
            for k in c.item_key {
                assert!(c.synced.contains(k), "{}: item key", c.table());
            }
            assert_eq!(
                c.item_key.is_empty(),
                c.shape() != EntityShape::List,
                "{}",
                c.table()
            );
            if c.shape() == EntityShape::List {
                assert_eq!(c.parent.map(|p| p.1), Some(c.id), "{}", c.table());
            }
            if c.shape() == EntityShape::AppendOnly {
                assert_eq!(c.id, "uid");
            }
            if let Some(v) = c.version {
                assert!(c.synced.contains(&v));
            }
        }
    }
}
