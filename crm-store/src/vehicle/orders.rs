//! Orders (订单) and deliveries (交车). Placing an order moves the customer to ordered,
//! cancelling the last active one back to negotiating, delivering to delivered (won): each
//! through the pipeline's state machine in the same transaction, so a move it refuses
//! leaves the order unwritten too.
//!
//! The intent level is left alone by orders: it is the consultant's grading
//! ([`Store::set_intent_level`]), and its history records only their decisions.

use crate::care::cars::insert_car;
use crate::db::ids::new_id;
use crate::db::rows::{code, collect};
use crate::db::time::{date_text, from_millis, parse_date, to_millis};
use crate::deal::rows::{deal_of_customer, order_deal};
use crate::error::{check_version, Result, StoreError};
use crate::follow_up::timeline::append;
use crate::pipeline::history::{check_customer, current_state, deal_state};
use crate::pipeline::moves::{actor_text, make_deal_move};
use crate::settings::stored::read_zone;
use crate::store::Store;
use crate::team::access::acting;
use chrono::{DateTime, Utc};
use crm_core::{
    diff_orders, CancelReason, Code, CustomerId, DealId, Delivery, Fen, Move, NewCar, NewDelivery,
    NewOrder, Order, OrderError, OrderId, OrderPatch, OrderRecord, OrderStatus, OrderStatusKind,
    OrderedVehicle, Rule, Stage, TimelineEntry, ValidationError, Vin,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

const ENTITY: &str = "order";

const ORDER_COLUMNS: &str = "id, customer_id, intent_id, brand, series, model, trim, colour, \
     catalogue_model, vin, price, discount, deposit, order_date, expected_delivery, finance, \
     insurance, consultant, status, cancelled_at, cancel_reason, cancel_note, delivery_date, \
     delivery_odometer, created_at, updated_at, version";

fn order_not_found(id: &OrderId) -> StoreError {
    StoreError::not_found(ENTITY, id)
}

fn order_error(id: &OrderId, e: OrderError) -> StoreError {
    match e {
        OrderError::Closed { status } => StoreError::Closed {
            entity: ENTITY,
            id: id.to_string(),
            status: status.code(),
        },
        OrderError::Invalid(v) => v.into(),
    }
}

fn corrupt(column: &'static str) -> StoreError {
    StoreError::Corrupt { column }
}

fn vin(text: Option<String>) -> Result<Option<Vin>> {
    text.map(|t| Vin::parse(&t).map_err(|_| corrupt("orders.vin")))
        .transpose()
}

fn record_from_row(row: &Row<'_>) -> Result<OrderRecord> {
    let date = |i: usize, column| -> Result<Option<_>> {
        row.get::<_, Option<String>>(i)?
            .map(|t| parse_date(&t, column))
            .transpose()
    };
    let vin = vin(row.get(9)?)?;
    let status = match code::<OrderStatusKind>(&row.get::<_, String>(18)?, "orders.status")? {
        OrderStatusKind::Active => OrderStatus::Active,
        OrderStatusKind::Cancelled => OrderStatus::Cancelled {
            at: from_millis(
                row.get::<_, Option<i64>>(19)?
                    .ok_or(corrupt("orders.cancelled_at"))?,
                "orders.cancelled_at",
            )?,
            reason: code::<CancelReason>(
                &row.get::<_, Option<String>>(20)?
                    .ok_or(corrupt("orders.cancel_reason"))?,
                "orders.cancel_reason",
            )?,
            note: row.get(21)?,
        },
        OrderStatusKind::Delivered => OrderStatus::Delivered {
            delivery: Delivery {
                date: date(22, "orders.delivery_date")?.ok_or(corrupt("orders.delivery_date"))?,
                vin: vin.clone().ok_or(corrupt("orders.vin"))?,
                odometer_km: row
                    .get::<_, Option<u32>>(23)?
                    .ok_or(corrupt("orders.delivery_odometer"))?,
            },
        },
    };
    Ok(OrderRecord {
        id: OrderId(row.get(0)?),
        order: Order {
            customer_id: CustomerId(row.get(1)?),
            intent_id: row.get::<_, Option<String>>(2)?.map(Into::into),
            vehicle: OrderedVehicle {
                brand: row.get(3)?,
                series: row.get(4)?,
                model: row.get(5)?,
                trim: row.get(6)?,
                colour: row.get(7)?,
                catalogue_model: row.get::<_, Option<String>>(8)?.map(Into::into),
            },
            vin,
            price: Fen(row.get(10)?),
            discount: Fen(row.get(11)?),
            deposit: Fen(row.get(12)?),
            order_date: date(13, "orders.order_date")?.ok_or(corrupt("orders.order_date"))?,
            expected_delivery: date(14, "orders.expected_delivery")?,
            finance: row.get(15)?,
            insurance: row.get(16)?,
            consultant: row.get(17)?,
            status,
        },
        created_at: from_millis(row.get(24)?, "orders.created_at")?,
        updated_at: from_millis(row.get(25)?, "orders.updated_at")?,
        version: row.get(26)?,
    })
}

pub(crate) fn read_order(conn: &Connection, id: &OrderId) -> Result<Option<OrderRecord>> {
    conn.prepare_cached(&format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = ?1"))?
        .query_row([id.as_str()], |r| Ok(record_from_row(r)))
        .optional()?
        .transpose()
}

/// Writes the order's row (insert or in-place update). `delivered_at` is the instant a
/// delivery was recorded (for reports), kept from the first write that sets it.
fn write_order(conn: &Connection, r: &OrderRecord, delivered_at: Option<i64>) -> Result<()> {
    let o = &r.order;
    let (cancelled_at, cancel_reason, cancel_note) = match &o.status {
        OrderStatus::Cancelled { at, reason, note } => {
            (Some(to_millis(*at)), Some(reason.code()), note.as_deref())
        }
        _ => (None, None, None),
    };
    let delivery = o.delivery();
    conn.prepare_cached(
        "INSERT INTO orders (id, customer_id, intent_id, brand, series, model, trim, colour,
             catalogue_model, vin, price, discount, deposit, order_date, expected_delivery, finance,
             insurance, consultant, status, cancelled_at, cancel_reason, cancel_note, delivered_at,
             delivery_date, delivery_odometer, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
             ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)
         ON CONFLICT (id) DO UPDATE SET brand = excluded.brand, series = excluded.series,
             model = excluded.model, trim = excluded.trim, colour = excluded.colour,
             catalogue_model = excluded.catalogue_model, vin = excluded.vin, price = excluded.price,
             discount = excluded.discount, deposit = excluded.deposit,
             order_date = excluded.order_date, expected_delivery = excluded.expected_delivery,
             finance = excluded.finance, insurance = excluded.insurance,
             consultant = excluded.consultant, status = excluded.status,
             cancelled_at = excluded.cancelled_at, cancel_reason = excluded.cancel_reason,
             cancel_note = excluded.cancel_note,
             delivered_at = coalesce(orders.delivered_at, excluded.delivered_at),
             delivery_date = excluded.delivery_date, delivery_odometer = excluded.delivery_odometer,
             updated_at = excluded.updated_at, version = excluded.version",
    )?
    .execute(params![
        r.id.as_str(),
        o.customer_id.as_str(),
        o.intent_id.as_ref().map(|i| i.as_str()),
        o.vehicle.brand,
        o.vehicle.series,
        o.vehicle.model,
        o.vehicle.trim,
        o.vehicle.colour,
        o.vehicle.catalogue_model.as_ref().map(|c| c.as_str()),
        o.vin.as_ref().map(Vin::as_str),
        o.price.0,
        o.discount.0,
        o.deposit.0,
        o.order_date.to_string(),
        o.expected_delivery.map(date_text),
        o.finance,
        o.insurance,
        o.consultant,
        o.status.kind().code(),
        cancelled_at,
        cancel_reason,
        cancel_note,
        delivered_at,
        delivery.map(|d| d.date.to_string()),
        delivery.map(|d| d.odometer_km),
        to_millis(r.created_at),
        to_millis(r.updated_at),
        r.version,
    ])?;
    Ok(())
}

/// Recomputes customer `id`'s order columns: when the earliest order not cancelled was
/// placed, when the first delivery was recorded, the revenue of delivered orders.
pub(crate) fn refresh_order_columns(conn: &Connection, id: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE customers SET
             ordered_at = (SELECT min(created_at) FROM orders
                           WHERE customer_id = ?1 AND status != 'cancelled'),
             delivered_at = (SELECT min(delivered_at) FROM orders
                             WHERE customer_id = ?1 AND status = 'delivered'),
             revenue_fen = (SELECT coalesce(sum(price - discount), 0) FROM orders
                            WHERE customer_id = ?1 AND status = 'delivered')
         WHERE id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

/// Checks that intent `intent` (when given) belongs to customer `customer`.
fn check_intent(conn: &Connection, customer: &CustomerId, order: &Order) -> Result<()> {
    let Some(intent) = &order.intent_id else {
        return Ok(());
    };
    let owner: Option<String> = conn
        .prepare_cached("SELECT customer_id FROM vehicle_intents WHERE id = ?1")?
        .query_row([intent.as_str()], |r| r.get(0))
        .optional()?;
    if owner.as_deref() != Some(customer.as_str()) {
        return Err(ValidationError::new(
            "order.intent_id",
            Rule::Malformed {
                expected: "an intent of the order's customer",
            },
        )
        .into());
    }
    Ok(())
}

/// Reads order `id` and checks its version.
fn current(conn: &Connection, id: &OrderId, expected_version: u64) -> Result<OrderRecord> {
    let record = read_order(conn, id)?.ok_or_else(|| order_not_found(id))?;
    check_version(ENTITY, &id, expected_version, record.version)?;
    Ok(record)
}

/// Saves `order` as the next version of `before`, refreshes the customer's order columns.
fn save(
    tx: &Connection,
    before: &OrderRecord,
    order: Order,
    now: DateTime<Utc>,
    delivered_at: Option<i64>,
) -> Result<OrderRecord> {
    let record = OrderRecord {
        order,
        updated_at: now,
        version: before.version + 1,
        ..before.clone()
    };
    write_order(tx, &record, delivered_at)?;
    refresh_order_columns(tx, record.order.customer_id.as_str())?;
    Ok(record)
}

impl Store {
    /// Validates `new` (as of the dealership's today) and stores it as an active order at
    /// version 1; the customer moves to ordered unless already there (a second order). The
    /// move follows the pipeline's rules: a customer with a pending request, lost, dormant
    /// or delivered cannot order ([`StoreError::MoveRefused`], nothing written). An
    /// `intent_id` must be one of the customer's intents (`order.intent_id`).
    pub fn place_order(&self, new: &NewOrder, actor: Option<&str>) -> Result<OrderRecord> {
        self.place_order_in(None, new, actor)
    }

    /// As [`Store::place_order`], for deal `deal` of the order's customer (the call to use
    /// when the customer has several open deals); a deal of another customer is refused
    /// with [`StoreError::DealRefused`] (field `deal_id`).
    pub fn place_order_for_deal(
        &self,
        deal: &DealId,
        new: &NewOrder,
        actor: Option<&str>,
    ) -> Result<OrderRecord> {
        self.place_order_in(Some(deal), new, actor)
    }

    fn place_order_in(
        &self,
        deal: Option<&DealId>,
        new: &NewOrder,
        actor: Option<&str>,
    ) -> Result<OrderRecord> {
        let now = self.now();
        let actor = actor_text(actor)?;
        self.write(|tx| {
            let actor = acting(tx, actor.clone())?;
            let today = read_zone(tx)?.local_date(now);
            let order = new.validate(today)?;
            let customer = &order.customer_id.clone();
            let (state, deal) = match deal {
                None => current_state(tx, customer)?,
                Some(deal) => (deal_of_customer(tx, customer, deal)?, deal.clone()),
            };
            check_intent(tx, customer, &order)?;
            let record = OrderRecord {
                id: OrderId(new_id(now)),
                order,
                created_at: now,
                updated_at: now,
                version: 1,
            };
            write_order(tx, &record, None)?;
            tx.prepare_cached("UPDATE orders SET deal_id = ?2 WHERE id = ?1")?
                .execute([record.id.as_str(), deal.as_str()])?;
            refresh_order_columns(tx, customer.as_str())?;
            append(
                tx,
                customer,
                now,
                actor.as_deref(),
                &TimelineEntry::OrderPlaced {
                    order_id: record.id.clone(),
                    model: record.order.vehicle.model.clone(),
                    net_price: record.order.net_price(),
                },
            )?;
            if state.stage != Stage::Ordered || state.side.is_some() {
                let to = Stage::Ordered;
                make_deal_move(tx, &deal, &Move::Advance { to }, actor, now)?;
            }
            Ok(record)
        })
    }

    /// The order `id`.
    pub fn get_order(&self, id: &OrderId) -> Result<OrderRecord> {
        self.read(|tx| read_order(tx, id))?
            .ok_or_else(|| order_not_found(id))
    }

    /// Customer `customer`'s orders, oldest first.
    pub fn orders_of(&self, customer: &CustomerId) -> Result<Vec<OrderRecord>> {
        self.read(|tx| {
            check_customer(tx, customer)?;
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {ORDER_COLUMNS} FROM orders WHERE customer_id = ?1 ORDER BY created_at, id"
            ))?;
            collect(&mut stmt, [customer.as_str()], record_from_row)
        })
    }

    /// Applies `patch` to active order `id` if it is still at `expected_version` (the
    /// result validated as a whole); the changed fields go to the timeline. A delivered or
    /// cancelled order is [`StoreError::Closed`].
    pub fn update_order(
        &self,
        id: &OrderId,
        expected_version: u64,
        patch: &OrderPatch,
        actor: Option<&str>,
    ) -> Result<OrderRecord> {
        let now = self.now();
        let actor = actor_text(actor)?;
        self.write(|tx| {
            let actor = acting(tx, actor.clone())?;
            let before = current(tx, id, expected_version)?;
            let today = read_zone(tx)?.local_date(now);
            let next = patch
                .apply(&before.order, today)
                .map_err(|e| order_error(id, e))?;
            let changes = diff_orders(&before.order, &next);
            if changes.is_empty() {
                return Ok(before);
            }
            let customer = before.order.customer_id.clone();
            append(
                tx,
                &customer,
                now,
                actor.as_deref(),
                &TimelineEntry::OrderEdited {
                    order_id: id.clone(),
                    changes,
                },
            )?;
            save(tx, &before, next, now, None)
        })
    }

    /// Sets (or corrects) the VIN of active order `id` (`order.vin` when malformed).
    pub fn set_order_vin(
        &self,
        id: &OrderId,
        expected_version: u64,
        vin: &str,
        actor: Option<&str>,
    ) -> Result<OrderRecord> {
        let now = self.now();
        let actor = actor_text(actor)?;
        self.write(|tx| {
            let actor = acting(tx, actor.clone())?;
            let before = current(tx, id, expected_version)?;
            let next = before.order.set_vin(vin).map_err(|e| order_error(id, e))?;
            let Some(assigned) = next.vin.clone() else {
                return Err(corrupt("orders.vin"));
            };
            append(
                tx,
                &before.order.customer_id,
                now,
                actor.as_deref(),
                &TimelineEntry::VinAssigned {
                    order_id: id.clone(),
                    vin: assigned,
                },
            )?;
            save(tx, &before, next, now, None)
        })
    }

    /// Cancels active order `id` for `reason` (a note is required for
    /// [`CancelReason::Other`]: `cancel.note`). When no other order of the order's deal stays
    /// active and the deal is at ordered, it moves back to negotiating with
    /// the note (or the reason's code) as its reason.
    pub fn cancel_order(
        &self,
        id: &OrderId,
        expected_version: u64,
        reason: CancelReason,
        note: Option<&str>,
        actor: Option<&str>,
    ) -> Result<OrderRecord> {
        let now = self.now();
        let actor = actor_text(actor)?;
        self.write(|tx| {
            let actor = acting(tx, actor.clone())?;
            let before = current(tx, id, expected_version)?;
            let next = before
                .order
                .cancel(reason, note, now)
                .map_err(|e| order_error(id, e))?;
            let customer = before.order.customer_id.clone();
            let OrderStatus::Cancelled { note, .. } = &next.status else {
                return Err(corrupt("orders.status"));
            };
            let why = note.clone().unwrap_or_else(|| reason.code().to_owned());
            append(
                tx,
                &customer,
                now,
                actor.as_deref(),
                &TimelineEntry::OrderCancelled {
                    order_id: id.clone(),
                    reason,
                    note: note.clone(),
                },
            )?;
            let record = save(tx, &before, next, now, None)?;
            let deal = order_deal(tx, id)?;
            let (state, _) = deal_state(tx, &deal)?;
            let still_active: bool = tx
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM orders WHERE deal_id = ?1 AND status != 'cancelled')",
                )?
                .query_row([deal.as_str()], |r| r.get(0))?;
            if state.stage == Stage::Ordered && state.side.is_none() && !still_active {
                make_deal_move(tx, &deal, &Move::CancelOrder { reason: why }, actor, now)?;
            }
            Ok(record)
        })
    }

    /// Records the delivery of active order `id` (as of the dealership's today: the date
    /// between the order date and today, the VIN given or the order's) and moves the
    /// order's deal to delivered (won). The move follows the pipeline's rules: a deal not at
    /// ordered is refused ([`StoreError::MoveRefused`], nothing written).
    pub fn deliver_order(
        &self,
        id: &OrderId,
        expected_version: u64,
        delivery: &NewDelivery,
        actor: Option<&str>,
    ) -> Result<OrderRecord> {
        let now = self.now();
        let actor = actor_text(actor)?;
        self.write(|tx| {
            let actor = acting(tx, actor.clone())?;
            let before = current(tx, id, expected_version)?;
            let today = read_zone(tx)?.local_date(now);
            let next = before
                .order
                .deliver(delivery, today)
                .map_err(|e| order_error(id, e))?;
            let Some(done) = next.delivery().cloned() else {
                return Err(corrupt("orders.status"));
            };
            let customer = before.order.customer_id.clone();
            let car = delivered_car(&before.order.vehicle, id, &done).validate(today)?;
            append(
                tx,
                &customer,
                now,
                actor.as_deref(),
                &TimelineEntry::OrderDelivered {
                    order_id: id.clone(),
                    date: done.date,
                    vin: done.vin,
                    odometer_km: done.odometer_km,
                },
            )?;
            let record = save(tx, &before, next, now, Some(to_millis(now)))?;
            let to = Stage::Delivered;
            let deal = order_deal(tx, id)?;
            make_deal_move(tx, &deal, &Move::Advance { to }, actor, now)?;
            // The delivered car is what customer care starts from (schema 8).
            insert_car(tx, &customer, &car, now)?;
            Ok(record)
        })
    }
}

/// The car a delivery hands over, for customer care: the order's vehicle (its brand, else
/// its series, else its model, as the car's brand), the delivery's VIN, date and odometer.
fn delivered_car(vehicle: &OrderedVehicle, order: &OrderId, delivery: &Delivery) -> NewCar {
    let brand = vehicle
        .brand
        .clone()
        .or_else(|| vehicle.series.clone())
        .unwrap_or_else(|| vehicle.model.clone());
    NewCar {
        vin: Some(delivery.vin.as_str().to_owned()),
        brand,
        model: vehicle.model.clone(),
        delivered_on: delivery.date,
        delivery_km: delivery.odometer_km,
        registered_on: None,
        order_id: Some(order.to_string()),
    }
}
