//! The orders of erased customers, kept for the dealership's accounts (`erased_orders`):
//! the car, the amounts, the dates and the consultant, with no link to anyone. Sales
//! figures keep counting them after the person is gone.

use crate::db::rows::code;
use crate::db::time::{from_millis, parse_date};
use crate::error::Result;
use crate::store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use crm_core::{CancelReason, Fen, OrderId, OrderStatusKind, OrderedVehicle};
use rusqlite::Row;

/// An erased customer's order, as the accounts keep it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ErasedOrder {
    /// The order's id (as it was).
    pub id: OrderId,
    /// The car ordered.
    pub vehicle: OrderedVehicle,
    /// The VIN, if one was assigned.
    pub vin: Option<String>,
    /// Price before discount.
    pub price: Fen,
    /// Discount.
    pub discount: Fen,
    /// Deposit paid.
    pub deposit: Fen,
    /// The day the order was signed.
    pub order_date: NaiveDate,
    /// Financed through the dealership.
    pub finance: bool,
    /// Insured through the dealership.
    pub insurance: bool,
    /// The consultant who took the order.
    pub consultant: Option<String>,
    /// Where the order stood when its customer was erased.
    pub status: OrderStatusKind,
    /// When it was cancelled, if it was.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Why it was cancelled, if it was (the reason's code; the note typed is not kept).
    pub cancel_reason: Option<CancelReason>,
    /// The day the car was handed over, when delivered.
    pub delivery_date: Option<NaiveDate>,
    /// When the order was entered.
    pub created_at: DateTime<Utc>,
    /// When its customer was erased.
    pub erased_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, brand, series, model, trim, colour, catalogue_model, vin, price, \
    discount, deposit, order_date, finance, insurance, consultant, status, cancelled_at, \
    cancel_reason, delivery_date, created_at, erased_at";

fn from_row(row: &Row<'_>) -> Result<ErasedOrder> {
    Ok(ErasedOrder {
        id: OrderId(row.get(0)?),
        vehicle: OrderedVehicle {
            brand: row.get(1)?,
            series: row.get(2)?,
            model: row.get(3)?,
            trim: row.get(4)?,
            colour: row.get(5)?,
            catalogue_model: row.get::<_, Option<String>>(6)?.map(Into::into),
        },
        vin: row.get(7)?,
        price: Fen(row.get(8)?),
        discount: Fen(row.get(9)?),
        deposit: Fen(row.get(10)?),
        order_date: parse_date(&row.get::<_, String>(11)?, "erased_orders.order_date")?,
        finance: row.get(12)?,
        insurance: row.get(13)?,
        consultant: row.get(14)?,
        status: code::<OrderStatusKind>(&row.get::<_, String>(15)?, "erased_orders.status")?,
        cancelled_at: row
            .get::<_, Option<i64>>(16)?
            .map(|at| from_millis(at, "erased_orders.cancelled_at"))
            .transpose()?,
        cancel_reason: row
            .get::<_, Option<String>>(17)?
            .map(|r| code::<CancelReason>(&r, "erased_orders.cancel_reason"))
            .transpose()?,
        delivery_date: row
            .get::<_, Option<String>>(18)?
            .map(|d| parse_date(&d, "erased_orders.delivery_date"))
            .transpose()?,
        created_at: from_millis(row.get(19)?, "erased_orders.created_at")?,
        erased_at: from_millis(row.get(20)?, "erased_orders.erased_at")?,
    })
}

impl Store {
    /// The orders of the customers erased or deleted on this book, kept for the accounts
    /// without a link to anyone ([`ErasedOrder`]): most recently erased first, then by id.
    pub fn erased_orders(&self) -> Result<Vec<ErasedOrder>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM erased_orders ORDER BY erased_at DESC, id"
            ))?;
            let mut rows = stmt.query([])?;
            let mut orders = Vec::new();
            while let Some(row) = rows.next()? {
                orders.push(from_row(row)?);
            }
            Ok(orders)
        })
    }
}
