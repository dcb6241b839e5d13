//! Vehicle intents (购车意向): what each customer wants. After every add, edit and removal
//! the store applies [`crm_core::choose_primary`], so a customer with intents has exactly
//! one primary (a unique partial index guards it).

use crate::db::ids::new_id;
use crate::db::rows::{code, collect, opt_code};
use crate::db::time::{from_millis, to_millis};
use crate::error::{check_version, Result, StoreError};
use crate::follow_up::timeline::append;
use crate::pipeline::history::check_customer;
use crate::pipeline::moves::actor_text;
use crate::settings::stored::read_zone;
use crate::store::Store;
use crate::team::access::acting;
use chrono::{DateTime, Utc};
use crm_core::{
    choose_primary, diff_intents, AmountRange, BodyType, CatalogueModelId, Code, CustomerId, Fen,
    IntentId, NewVehicleIntent, PaymentMethod, Powertrain, PurchaseTimeframe, Rule, TimelineEntry,
    TradeIn, ValidationError, VehicleIntent, VehicleIntentPatch, VehicleIntentRecord,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

const ENTITY: &str = "vehicle_intent";

const INTENT_COLUMNS: &str = "id, customer_id, brand, series, model, trim, body_type, powertrain, \
     colours, options, budget_min, budget_max, timeframe, payment, trade_in_brand, trade_in_model, \
     trade_in_year, trade_in_mileage_km, trade_in_value, competitors, catalogue_model, is_primary, \
     notes, created_at, updated_at, version";

fn intent_not_found(id: &IntentId) -> StoreError {
    StoreError::not_found(ENTITY, id)
}

fn list(text: &str, column: &'static str) -> Result<Vec<String>> {
    serde_json::from_str(text).map_err(|_| StoreError::Corrupt { column })
}

fn list_text(items: &[String]) -> Result<String> {
    serde_json::to_string(items).map_err(|_| StoreError::Corrupt {
        column: "vehicle_intents.lists",
    })
}

fn record_from_row(row: &Row<'_>) -> Result<VehicleIntentRecord> {
    let trade_in = row
        .get::<_, Option<String>>(14)?
        .map(|brand| -> Result<TradeIn> {
            Ok(TradeIn {
                brand,
                model: row.get(15)?,
                year: row.get(16)?,
                mileage_km: row.get(17)?,
                appraised_value: row.get::<_, Option<i64>>(18)?.map(Fen),
            })
        })
        .transpose()?;
    Ok(VehicleIntentRecord {
        id: IntentId(row.get(0)?),
        intent: VehicleIntent {
            customer_id: CustomerId(row.get(1)?),
            brand: row.get(2)?,
            series: row.get(3)?,
            model: row.get(4)?,
            trim: row.get(5)?,
            body_type: opt_code(row, 6, "vehicle_intents.body_type")?,
            powertrain: opt_code(row, 7, "vehicle_intents.powertrain")?,
            colours: list(&row.get::<_, String>(8)?, "vehicle_intents.colours")?,
            options: list(&row.get::<_, String>(9)?, "vehicle_intents.options")?,
            budget: AmountRange {
                min: row.get::<_, Option<i64>>(10)?.map(Fen),
                max: row.get::<_, Option<i64>>(11)?.map(Fen),
            },
            timeframe: code::<PurchaseTimeframe>(
                &row.get::<_, String>(12)?,
                "vehicle_intents.timeframe",
            )?,
            payment: opt_code(row, 13, "vehicle_intents.payment")?,
            trade_in,
            competitors: list(&row.get::<_, String>(19)?, "vehicle_intents.competitors")?,
            catalogue_model: row.get::<_, Option<String>>(20)?.map(CatalogueModelId),
            primary: row.get(21)?,
            notes: row.get(22)?,
        },
        created_at: from_millis(row.get(23)?, "vehicle_intents.created_at")?,
        updated_at: from_millis(row.get(24)?, "vehicle_intents.updated_at")?,
        version: row.get(25)?,
    })
}

fn read_intent(conn: &Connection, id: &IntentId) -> Result<Option<VehicleIntentRecord>> {
    conn.prepare_cached(&format!(
        "SELECT {INTENT_COLUMNS} FROM vehicle_intents WHERE id = ?1"
    ))?
    .query_row([id.as_str()], |r| Ok(record_from_row(r)))
    .optional()?
    .transpose()
}

/// Customer `customer`'s intents, primary first, then oldest first.
fn intents_of(conn: &Connection, customer: &CustomerId) -> Result<Vec<VehicleIntentRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {INTENT_COLUMNS} FROM vehicle_intents WHERE customer_id = ?1
         ORDER BY is_primary DESC, created_at, id"
    ))?;
    collect(&mut stmt, [customer.as_str()], record_from_row)
}

fn write_intent(conn: &Connection, r: &VehicleIntentRecord) -> Result<()> {
    let i = &r.intent;
    let t = i.trade_in.as_ref();
    conn.prepare_cached(
        "INSERT INTO vehicle_intents (id, customer_id, brand, series, model, trim, body_type,
             powertrain, colours, options, budget_min, budget_max, timeframe, payment,
             trade_in_brand, trade_in_model, trade_in_year, trade_in_mileage_km, trade_in_value,
             competitors, catalogue_model, is_primary, notes, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)
         ON CONFLICT (id) DO UPDATE SET brand = excluded.brand, series = excluded.series,
             model = excluded.model, trim = excluded.trim, body_type = excluded.body_type,
             powertrain = excluded.powertrain, colours = excluded.colours,
             options = excluded.options, budget_min = excluded.budget_min,
             budget_max = excluded.budget_max, timeframe = excluded.timeframe,
             payment = excluded.payment, trade_in_brand = excluded.trade_in_brand,
             trade_in_model = excluded.trade_in_model, trade_in_year = excluded.trade_in_year,
             trade_in_mileage_km = excluded.trade_in_mileage_km,
             trade_in_value = excluded.trade_in_value, competitors = excluded.competitors,
             catalogue_model = excluded.catalogue_model, is_primary = excluded.is_primary,
             notes = excluded.notes, updated_at = excluded.updated_at, version = excluded.version",
    )?
    .execute(params![
        r.id.as_str(),
        i.customer_id.as_str(),
        i.brand,
        i.series,
        i.model,
        i.trim,
        i.body_type.map(BodyType::code),
        i.powertrain.map(Powertrain::code),
        list_text(&i.colours)?,
        list_text(&i.options)?,
        i.budget.min.map(|f| f.0),
        i.budget.max.map(|f| f.0),
        i.timeframe.code(),
        i.payment.map(PaymentMethod::code),
        t.map(|t| &t.brand),
        t.and_then(|t| t.model.as_ref()),
        t.and_then(|t| t.year),
        t.and_then(|t| t.mileage_km),
        t.and_then(|t| t.appraised_value).map(|f| f.0),
        list_text(&i.competitors)?,
        i.catalogue_model.as_ref().map(|c| c.as_str()),
        i.primary,
        i.notes,
        to_millis(r.created_at),
        to_millis(r.updated_at),
        r.version,
    ])?;
    Ok(())
}

/// Checks that the intent's catalogue model (when given) is in the loaded catalogue.
pub(crate) fn check_catalogue_model(
    conn: &Connection,
    model: Option<&CatalogueModelId>,
    field: &str,
) -> Result<()> {
    let Some(model) = model else {
        return Ok(());
    };
    let known: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM catalogue_models WHERE id = ?1)")?
        .query_row([model.as_str()], |r| r.get(0))?;
    if !known {
        return Err(ValidationError::new(
            field,
            Rule::Malformed {
                expected: "a model of the loaded catalogue",
            },
        )
        .into());
    }
    Ok(())
}

/// Writes `candidate` (new or edited; `None` after a removal) and settles customer
/// `customer`'s primary intent by [`choose_primary`]: flags that go off are cleared first
/// and flags that go on are set last (the unique index sees one primary at every step);
/// another intent whose flag flips is saved at its next version. Returns the candidate as
/// written.
fn write_settled(
    tx: &Connection,
    customer: &CustomerId,
    candidate: Option<VehicleIntentRecord>,
    now: DateTime<Utc>,
) -> Result<Option<VehicleIntentRecord>> {
    let mut all: Vec<VehicleIntentRecord> = intents_of(tx, customer)?
        .into_iter()
        .filter(|r| candidate.as_ref().is_none_or(|c| c.id != r.id))
        .collect();
    if let Some(c) = &candidate {
        all.push(c.clone());
    }
    let wanted = candidate
        .as_ref()
        .filter(|c| c.intent.primary)
        .map(|c| &c.id);
    let chosen = choose_primary(&all, wanted);
    let is_chosen = |r: &VehicleIntentRecord| Some(&r.id) == chosen.as_ref();
    let flip = |r: &VehicleIntentRecord| VehicleIntentRecord {
        intent: VehicleIntent {
            primary: !r.intent.primary,
            ..r.intent.clone()
        },
        updated_at: now,
        version: r.version + 1,
        ..r.clone()
    };
    let cand_id = candidate.as_ref().map(|c| c.id.clone());
    let (off, on): (Vec<&VehicleIntentRecord>, Vec<&VehicleIntentRecord>) = all
        .iter()
        .filter(|r| Some(&r.id) != cand_id.as_ref() && r.intent.primary != is_chosen(r))
        .partition(|r| r.intent.primary);
    for r in off {
        write_intent(tx, &flip(r))?;
    }
    let written = candidate.map(|mut c| {
        c.intent.primary = is_chosen(&c);
        c
    });
    if let Some(c) = &written {
        write_intent(tx, c)?;
    }
    for r in on {
        write_intent(tx, &flip(r))?;
    }
    Ok(written)
}

/// What an intent names, for the timeline: brand, series and model, else the body type or
/// the catalogue model.
fn vehicle_text(i: &VehicleIntent) -> String {
    let names: Vec<&str> = [&i.brand, &i.series, &i.model]
        .into_iter()
        .filter_map(|n| n.as_deref())
        .collect();
    if !names.is_empty() {
        return names.join(" ");
    }
    i.body_type
        .map(|b| b.code().to_owned())
        .or_else(|| i.catalogue_model.as_ref().map(|c| c.to_string()))
        .unwrap_or_default()
}

fn current(conn: &Connection, id: &IntentId, expected_version: u64) -> Result<VehicleIntentRecord> {
    let record = read_intent(conn, id)?.ok_or_else(|| intent_not_found(id))?;
    check_version(ENTITY, &id, expected_version, record.version)?;
    Ok(record)
}

/// [`Store::add_intent`] inside a write transaction, stamped `now`; `actor` already
/// checked as text.
pub(crate) fn add_intent_in(
    tx: &Connection,
    new: &NewVehicleIntent,
    actor: Option<String>,
    now: DateTime<Utc>,
) -> Result<VehicleIntentRecord> {
    let actor = acting(tx, actor)?;
    let intent = new.validate(read_zone(tx)?.local_date(now))?;
    let customer = intent.customer_id.clone();
    check_customer(tx, &customer)?;
    check_catalogue_model(
        tx,
        intent.catalogue_model.as_ref(),
        "intent.catalogue_model",
    )?;
    let record = VehicleIntentRecord {
        id: IntentId(new_id(now)),
        intent,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let entry = TimelineEntry::VehicleIntentAdded {
        intent_id: record.id.clone(),
        vehicle: vehicle_text(&record.intent),
    };
    let written = write_settled(tx, &customer, Some(record), now)?;
    append(tx, &customer, now, actor.as_deref(), &entry)?;
    written.ok_or(StoreError::Corrupt {
        column: "vehicle_intents",
    })
}

impl Store {
    /// Validates `new` (as of the dealership's today; a catalogue model must be in the
    /// loaded catalogue: `intent.catalogue_model`) and stores it at version 1. It becomes
    /// primary when asked (`primary: true`) or when it is the customer's first intent.
    pub fn add_intent(
        &self,
        new: &NewVehicleIntent,
        actor: Option<&str>,
    ) -> Result<VehicleIntentRecord> {
        let now = self.now();
        let actor = actor_text(actor)?;
        self.write(|tx| add_intent_in(tx, new, actor.clone(), now))
    }

    /// Applies `patch` to intent `id` if it is still at `expected_version` (the result
    /// validated as a whole); the changed fields go to the timeline. `primary: Some(true)`
    /// makes it the primary; `Some(false)` on the primary hands the flag to the earliest
    /// other intent.
    pub fn update_intent(
        &self,
        id: &IntentId,
        expected_version: u64,
        patch: &VehicleIntentPatch,
        actor: Option<&str>,
    ) -> Result<VehicleIntentRecord> {
        let now = self.now();
        let actor = actor_text(actor)?;
        self.write(|tx| {
            let actor = acting(tx, actor.clone())?;
            let before = current(tx, id, expected_version)?;
            let next = patch.apply(&before.intent, read_zone(tx)?.local_date(now))?;
            if next.catalogue_model != before.intent.catalogue_model {
                check_catalogue_model(tx, next.catalogue_model.as_ref(), "intent.catalogue_model")?;
            }
            let customer = before.intent.customer_id.clone();
            let candidate = VehicleIntentRecord {
                intent: next,
                updated_at: now,
                version: before.version + 1,
                ..before.clone()
            };
            let written =
                write_settled(tx, &customer, Some(candidate), now)?.ok_or(StoreError::Corrupt {
                    column: "vehicle_intents",
                })?;
            let changes = diff_intents(&before.intent, &written.intent);
            if changes.is_empty() {
                // Nothing changed: keep the version the caller has.
                write_intent(tx, &before)?;
                return Ok(before);
            }
            append(
                tx,
                &customer,
                now,
                actor.as_deref(),
                &TimelineEntry::VehicleIntentEdited {
                    intent_id: id.clone(),
                    changes,
                },
            )?;
            Ok(written)
        })
    }

    /// Removes intent `id` if it is still at `expected_version`; when it was the primary,
    /// the earliest remaining intent becomes primary. Orders that named it keep their car
    /// and lose the link.
    pub fn remove_intent(
        &self,
        id: &IntentId,
        expected_version: u64,
        actor: Option<&str>,
    ) -> Result<()> {
        let now = self.now();
        let actor = actor_text(actor)?;
        self.write(|tx| {
            let actor = acting(tx, actor.clone())?;
            let before = current(tx, id, expected_version)?;
            let customer = before.intent.customer_id.clone();
            tx.prepare_cached("DELETE FROM vehicle_intents WHERE id = ?1")?
                .execute([id.as_str()])?;
            write_settled(tx, &customer, None, now)?;
            append(
                tx,
                &customer,
                now,
                actor.as_deref(),
                &TimelineEntry::VehicleIntentRemoved {
                    intent_id: id.clone(),
                },
            )
        })
    }

    /// The intent `id`.
    pub fn get_intent(&self, id: &IntentId) -> Result<VehicleIntentRecord> {
        self.read(|tx| read_intent(tx, id))?
            .ok_or_else(|| intent_not_found(id))
    }

    /// Customer `customer`'s intents, the primary first, then oldest first.
    pub fn intents_of(&self, customer: &CustomerId) -> Result<Vec<VehicleIntentRecord>> {
        self.read(|tx| {
            check_customer(tx, customer)?;
            intents_of(tx, customer)
        })
    }
}

/// Inside a merge: moves customer `from`'s intents to `to` as non-primary, then settles
/// `to`'s primary (theirs stays when they had one).
pub(crate) fn repoint_intents(
    tx: &Connection,
    from: &CustomerId,
    to: &CustomerId,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE vehicle_intents SET customer_id = ?1,
             version = version + is_primary, updated_at = CASE WHEN is_primary = 1 THEN ?3 ELSE updated_at END,
             is_primary = 0
         WHERE customer_id = ?2",
    )?
    .execute(params![to.as_str(), from.as_str(), to_millis(now)])?;
    write_settled(tx, to, None, now)?;
    Ok(())
}
