//! The orders of erased customers, kept for the dealership's accounts without a link to
//! anyone ([`ErasedOrder`], `erased_orders`).

use crate::custom::{CalendarDate, Timestamp};
use crate::error::CrmError;
use crate::store::CrmStore;
use crate::vehicle::order::{CancelReason, OrderedVehicle};
use crm_core::{Code, OrderId};

/// An erased customer's order as the accounts keep it: the car, the amounts, the dates and
/// the consultant; no customer, intent or note.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ErasedOrder {
    /// The order's id (as it was).
    pub id: OrderId,
    /// The car ordered.
    pub vehicle: OrderedVehicle,
    /// The VIN, if one was assigned.
    pub vin: Option<String>,
    /// Price before discount, in fen.
    pub price: i64,
    /// Discount, in fen.
    pub discount: i64,
    /// Deposit, in fen.
    pub deposit: i64,
    /// The day it was signed.
    pub order_date: CalendarDate,
    /// Financed through the dealership.
    pub finance: bool,
    /// Insured through the dealership.
    pub insurance: bool,
    /// The consultant who took it.
    pub consultant: Option<String>,
    /// Where it stood when its customer was erased: `active`, `cancelled`, `delivered`.
    pub status: String,
    /// When it was cancelled, if it was.
    pub cancelled_at: Option<Timestamp>,
    /// Why it was cancelled, if it was (the note typed is not kept).
    pub cancel_reason: Option<CancelReason>,
    /// The day the car was handed over, when delivered.
    pub delivery_date: Option<CalendarDate>,
    /// When it was entered.
    pub created_at: Timestamp,
    /// When its customer was erased.
    pub erased_at: Timestamp,
}

impl From<crm_store::ErasedOrder> for ErasedOrder {
    fn from(o: crm_store::ErasedOrder) -> Self {
        ErasedOrder {
            id: o.id,
            vehicle: o.vehicle.into(),
            vin: o.vin,
            price: o.price.0,
            discount: o.discount.0,
            deposit: o.deposit.0,
            order_date: o.order_date,
            finance: o.finance,
            insurance: o.insurance,
            consultant: o.consultant,
            status: o.status.code().to_owned(),
            cancelled_at: o.cancelled_at,
            cancel_reason: o.cancel_reason.map(Into::into),
            delivery_date: o.delivery_date,
            created_at: o.created_at,
            erased_at: o.erased_at,
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// The orders of the customers erased or deleted on this book, kept for the accounts
    /// (sales figures keep counting them): most recently erased first.
    pub async fn erased_orders(&self) -> Result<Vec<ErasedOrder>, CrmError> {
        self.read(|store| {
            Ok(store
                .erased_orders()?
                .into_iter()
                .map(ErasedOrder::from)
                .collect())
        })
        .await
    }
}
