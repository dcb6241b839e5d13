//! Export on request (PIPL art. 45): one JSON document with everything the book holds
//! about a customer.
//!
//! The document is [`CustomerExport`] serialised with serde: its field names are the Rust
//! field names, each record the same JSON the store's other outputs give (the CLI's
//! `--json`), instants in UTC with milliseconds. `format` and `format_version` name it;
//! a reader checks them before anything else. Version 1 holds, in this order: the customer
//! (profile, contacts, tags, owner, bookkeeping), consent per channel, follow-ups with their
//! attachments' references, plans, vehicle intents, intent level changes, store visits and
//! test drives, orders, stage moves, delivered cars with their odometer readings, care tasks,
//! the customers merged into this one as they were when merged, and the timeline (oldest
//! first). Derived data (search terms, the agenda's copies) and the device's sync queue are
//! not in it: they hold nothing the rest does not.

use crate::care::odometer::OdometerRecord;
use crate::care::schedule::decode;
use crate::db::schema::SCHEMA_VERSION;
use crate::db::time::from_millis;
use crate::error::{Result, StoreError};
use crate::find::listing::MAX_PAGE_SIZE;
use crate::store::Store;
use chrono::{DateTime, Utc};
use crm_core::{
    Car, CareTaskRecord, Customer, CustomerConsent, CustomerId, Deal, FollowUpRecord,
    IntentLevelChange, OrderRecord, Plan, StageMove, TimelineRecord, VehicleIntentRecord,
    VisitRecord,
};
use rusqlite::OptionalExtension;
use serde::Serialize;

/// The value of [`CustomerExport::format`].
pub const CUSTOMER_EXPORT_FORMAT: &str = "dealer-crm.customer-export";

/// The version of the export's layout this library writes: a field added keeps it, a field
/// renamed, removed or changed in meaning takes the next.
pub const CUSTOMER_EXPORT_VERSION: u32 = 1;

/// Everything the book holds about one customer (see the module's doc for the layout).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerExport {
    /// Always [`CUSTOMER_EXPORT_FORMAT`].
    pub format: &'static str,
    /// [`CUSTOMER_EXPORT_VERSION`].
    pub format_version: u32,
    /// When the export was made.
    pub exported_at: DateTime<Utc>,
    /// The schema version of the book it was made from.
    pub schema_version: u32,
    /// The customer.
    pub customer: Customer,
    /// Their consent per channel.
    pub consent: CustomerConsent,
    /// Their follow-ups, newest first, with their attachments' references.
    pub follow_ups: Vec<FollowUpRecord>,
    /// Their plans, pending and closed, oldest first.
    pub plans: Vec<Plan>,
    /// Their vehicle intents.
    pub intents: Vec<VehicleIntentRecord>,
    /// Their intent level changes, oldest first.
    pub intent_levels: Vec<IntentLevelChange>,
    /// Their store visits and test drives.
    pub visits: Vec<VisitRecord>,
    /// Their orders.
    pub orders: Vec<OrderRecord>,
    /// Their deals (销售机会), oldest first.
    pub deals: Vec<Deal>,
    /// Their moves through the sales pipeline, every deal's, oldest first.
    pub stage_moves: Vec<StageMove>,
    /// Their delivered cars, each with its odometer readings.
    pub cars: Vec<CarExport>,
    /// Their care tasks (关怀), by due date.
    pub care_tasks: Vec<CareTaskRecord>,
    /// The customers merged into this one, as they were when merged.
    pub merged: Vec<MergedCustomer>,
    /// Their timeline, oldest first.
    pub timeline: Vec<TimelineRecord>,
}

/// A delivered car with its odometer readings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CarExport {
    /// The car.
    pub car: Car,
    /// Its odometer readings, oldest first.
    pub odometer: Vec<OdometerRecord>,
}

/// A customer merged into the exported one (撞单合并), as they were.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergedCustomer {
    /// The merged customer's id.
    pub id: CustomerId,
    /// When they were merged.
    pub merged_at: DateTime<Utc>,
    /// Their record as it was (the JSON of a [`Customer`] of the version that merged it).
    pub record: serde_json::Value,
}

impl Store {
    /// Everything the book holds about customer `id` (PIPL's right to a copy), read in one
    /// transaction so that the parts agree with each other: [`CustomerExport`], which
    /// serialises to the documented JSON. Fails with [`StoreError::NotFound`] for an
    /// unknown customer. Reads only; on a store opened read-only the parts are read one
    /// after the other.
    pub fn export_customer(&self, id: &CustomerId) -> Result<CustomerExport> {
        match self.batch(|store| store.export_parts(id)) {
            Err(StoreError::ReadOnly) => self.export_parts(id),
            other => other,
        }
    }

    fn export_parts(&self, id: &CustomerId) -> Result<CustomerExport> {
        let customer = self.get_customer(id)?;
        let mut cars = Vec::new();
        for car in self.cars_of(id)? {
            let odometer = self.odometer_readings_of(&car.id)?;
            cars.push(CarExport { car, odometer });
        }
        let mut timeline = Vec::new();
        let mut cursor = None;
        loop {
            let page = self.timeline(id, MAX_PAGE_SIZE, cursor.as_deref())?;
            timeline.extend(page.records);
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        timeline.reverse();
        Ok(CustomerExport {
            format: CUSTOMER_EXPORT_FORMAT,
            format_version: CUSTOMER_EXPORT_VERSION,
            exported_at: self.now(),
            schema_version: SCHEMA_VERSION,
            consent: self.consent_of(id)?,
            follow_ups: self.follow_ups_of(id)?,
            plans: self.plans_of(id)?,
            intents: self.intents_of(id)?,
            intent_levels: self.intent_level_history(id)?,
            visits: self.visits_of(id)?,
            orders: self.orders_of(id)?,
            deals: self.deals_of(id)?,
            stage_moves: self.stage_history(id)?,
            cars,
            care_tasks: self.read(|conn| {
                let tasks: Option<Vec<u8>> = conn
                    .prepare_cached("SELECT tasks FROM care_schedules WHERE customer_id = ?1")?
                    .query_row([id.as_str()], |r| r.get(0))
                    .optional()?;
                tasks.map_or(Ok(Vec::new()), |bytes| decode(&bytes))
            })?,
            merged: self.read(|conn| {
                let mut stmt = conn.prepare_cached(
                    "SELECT merged_id, merged_at, merged_json FROM customer_merges
                     WHERE kept_id = ?1 ORDER BY merged_at, merged_id",
                )?;
                let mut rows = stmt.query([id.as_str()])?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    let json: String = row.get(2)?;
                    out.push(MergedCustomer {
                        id: CustomerId(row.get(0)?),
                        merged_at: from_millis(row.get(1)?, "customer_merges.merged_at")?,
                        record: serde_json::from_str(&json).map_err(|_| StoreError::Corrupt {
                            column: "customer_merges.merged_json",
                        })?,
                    });
                }
                Ok(out)
            })?,
            timeline,
            customer,
        })
    }
}
