//! Orders (订单): the car, the money in fen, the VIN once known (17 characters, no I/O/Q,
//! check digit verified where the standard applies), and cancelling with a reason.

use crate::convert::{same_fields, same_variants};
use crate::custom::{CalendarDate, Timestamp};
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::{Signed, Unsigned};
use crate::store::CrmStore;
use crate::vehicle::delivery::Delivery;
use crm_core::{CatalogueModelId, CustomerId, Fen, IntentId, OrderId};

/// The car an order is for.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OrderedVehicle {
    /// Model (车型), required: 2025款 330TSI.
    pub model: String,
    /// Brand (品牌).
    #[uniffi(default = None)]
    pub brand: Option<String>,
    /// Series (车系).
    #[uniffi(default = None)]
    pub series: Option<String>,
    /// Trim (配置).
    #[uniffi(default = None)]
    pub trim: Option<String>,
    /// Colour (颜色): 珍珠白 / 黑内.
    #[uniffi(default = None)]
    pub colour: Option<String>,
    /// The catalogue model.
    #[uniffi(default = None)]
    pub catalogue_model: Option<CatalogueModelId>,
}

same_fields!(OrderedVehicle <=> crm_core::OrderedVehicle { model, brand, series, trim, colour, catalogue_model });

/// An order as the consultant enters it, for `place_order`; the customer is the call's.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewOrder {
    /// The car.
    pub vehicle: OrderedVehicle,
    /// The agreed price before discount (车价) in fen; above zero.
    pub price: i64,
    /// The day the order was signed (订车日期), the dealership's local date; not in the
    /// future.
    pub order_date: CalendarDate,
    /// The discount (优惠) in fen; not above the price.
    #[uniffi(default = 0)]
    pub discount: i64,
    /// The deposit paid (定金) in fen; not above the price less the discount.
    #[uniffi(default = 0)]
    pub deposit: i64,
    /// The VIN, when a car is already assigned.
    #[uniffi(default = None)]
    pub vin: Option<String>,
    /// The intent the order fulfils.
    #[uniffi(default = None)]
    pub intent_id: Option<IntentId>,
    /// The expected handover day (预计交车日期), not before the order date.
    #[uniffi(default = None)]
    pub expected_delivery: Option<CalendarDate>,
    /// Financed through the dealership (金融).
    #[uniffi(default = false)]
    pub finance: bool,
    /// Insured through the dealership (保险).
    #[uniffi(default = false)]
    pub insurance: bool,
    /// The consultant who took the order.
    #[uniffi(default = None)]
    pub consultant: Option<String>,
}

impl NewOrder {
    /// The domain's order for `customer`; an impossible date is `InvalidInput` on
    /// `order.order_date` / `order.expected_delivery`.
    fn into_domain(self, customer: CustomerId) -> Result<crm_core::NewOrder, CrmError> {
        Ok(crm_core::NewOrder {
            customer_id: customer,
            intent_id: self.intent_id,
            vehicle: self.vehicle.into(),
            vin: self.vin,
            price: Fen(self.price),
            discount: Fen(self.discount),
            deposit: Fen(self.deposit),
            order_date: self.order_date,
            expected_delivery: self.expected_delivery,
            finance: self.finance,
            insurance: self.insurance,
            consultant: self.consultant,
        })
    }
}

/// Why an order was cancelled (退订原因).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum CancelReason {
    /// The customer changed their mind (客户反悔).
    ChangedMind,
    /// Bought a competing model instead (购买竞品).
    BoughtCompetitor,
    /// Bought the same car elsewhere (他店购买).
    BoughtElsewhere,
    /// The price or the deal (价格原因).
    Price,
    /// The loan was refused (贷款未通过).
    FinancingRefused,
    /// The car cannot be supplied (无法供车).
    NoStock,
    /// Delivery took too long (交车延迟).
    DeliveryDelay,
    /// Switched to another model, with a new order (改订其他车型).
    ChangedModel,
    /// Anything else; the note says what.
    Other,
}

same_variants!(CancelReason <=> crm_core::CancelReason {
    ChangedMind, BoughtCompetitor, BoughtElsewhere, Price, FinancingRefused, NoStock,
    DeliveryDelay, ChangedModel, Other
});

/// Where an order stands.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum OrderStatus {
    /// Signed, not yet delivered or cancelled.
    Active,
    /// Cancelled (退订).
    Cancelled {
        /// When.
        at: Timestamp,
        /// Why.
        reason: CancelReason,
        /// More about why.
        note: Option<String>,
    },
    /// Handed over (已交车).
    Delivered {
        /// The handover.
        delivery: Delivery,
    },
}

impl From<crm_core::OrderStatus> for OrderStatus {
    fn from(s: crm_core::OrderStatus) -> Self {
        use crm_core::OrderStatus as D;
        match s {
            D::Active => OrderStatus::Active,
            D::Cancelled { at, reason, note } => OrderStatus::Cancelled {
                at,
                reason: reason.into(),
                note,
            },
            D::Delivered { delivery } => OrderStatus::Delivered {
                delivery: Delivery {
                    date: delivery.date,
                    vin: delivery.vin.as_str().to_owned(),
                    odometer_km: delivery.odometer_km.signed(),
                },
            },
        }
    }
}

/// A stored order.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Order {
    /// Its id.
    pub id: OrderId,
    /// The customer who ordered.
    pub customer_id: CustomerId,
    /// The intent it fulfils.
    pub intent_id: Option<IntentId>,
    /// The car.
    pub vehicle: OrderedVehicle,
    /// The VIN, once assigned (always set once delivered).
    pub vin: Option<String>,
    /// Price before discount, in fen.
    pub price: i64,
    /// Discount, in fen.
    pub discount: i64,
    /// Deposit, in fen.
    pub deposit: i64,
    /// What the customer pays (成交价): price less discount, in fen.
    pub net_price: i64,
    /// The day it was signed.
    pub order_date: CalendarDate,
    /// The expected handover day.
    pub expected_delivery: Option<CalendarDate>,
    /// Financed through the dealership.
    pub finance: bool,
    /// Insured through the dealership.
    pub insurance: bool,
    /// The consultant who took it.
    pub consultant: Option<String>,
    /// Where it stands.
    pub status: OrderStatus,
    /// When it was entered.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
    /// Optimistic-concurrency version: 1 when entered, +1 on every change.
    pub version: i64,
}

impl From<crm_core::OrderRecord> for Order {
    fn from(r: crm_core::OrderRecord) -> Self {
        let net_price = r.order.net_price().fen();
        let o = r.order;
        Order {
            id: r.id,
            customer_id: o.customer_id,
            intent_id: o.intent_id,
            vehicle: o.vehicle.into(),
            vin: o.vin.map(|v| v.as_str().to_owned()),
            price: o.price.fen(),
            discount: o.discount.fen(),
            deposit: o.deposit.fen(),
            net_price,
            order_date: o.order_date,
            expected_delivery: o.expected_delivery,
            finance: o.finance,
            insurance: o.insurance,
            consultant: o.consultant,
            status: o.status.into(),
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version.signed(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Places `order` for customer `customer_id` (by consultant `actor`) and moves the
    /// customer to ordered. Fails with `InvalidInput` naming the field under `order`
    /// (`order.vin` for a bad VIN or check digit, `order.discount`, `order.vehicle.model`),
    /// on `move` when the customer's state refuses it, and with `NotFound`.
    #[uniffi::method(default(actor = None))]
    pub async fn place_order(
        &self,
        customer_id: CustomerId,
        order: NewOrder,
        actor: Option<String>,
    ) -> Result<Order, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::Deals]).of(&customer_id),
            move |store| {
                let order = order.into_domain(customer_id)?;
                Ok(store.place_order(&order, actor.as_deref())?.into())
            },
        )
        .await
    }

    /// The order `id`. Fails with `NotFound`.
    pub async fn get_order(&self, id: OrderId) -> Result<Order, CrmError> {
        self.read(move |store| Ok(store.get_order(&id)?.into()))
            .await
    }

    /// Customer `customer_id`'s orders, oldest first.
    pub async fn orders_of(&self, customer_id: CustomerId) -> Result<Vec<Order>, CrmError> {
        self.read(move |store| {
            let orders = store.orders_of(&customer_id)?;
            Ok(orders.into_iter().map(Into::into).collect())
        })
        .await
    }

    /// Assigns (or corrects) active order `id`'s VIN. Fails with `InvalidInput` on
    /// `order.vin` (length, I/O/Q, a wrong check digit), on `order_id` when closed;
    /// `Conflict`; `NotFound`.
    #[uniffi::method(default(actor = None))]
    pub async fn set_order_vin(
        &self,
        id: OrderId,
        expected_version: i64,
        vin: String,
        actor: Option<String>,
    ) -> Result<Order, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Deals]), move |store| {
            Ok(store
                .set_order_vin(
                    &id,
                    expected_version.unsigned("expected_version")?,
                    &vin,
                    actor.as_deref(),
                )?
                .into())
        })
        .await
    }

    /// Cancels active order `id` for `reason` (`note` required for `OTHER`:
    /// `cancel.note`); with no other active order the customer goes back to negotiating.
    #[uniffi::method(default(note = None, actor = None))]
    pub async fn cancel_order(
        &self,
        id: OrderId,
        expected_version: i64,
        reason: CancelReason,
        note: Option<String>,
        actor: Option<String>,
    ) -> Result<Order, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Deals]), move |store| {
            Ok(store
                .cancel_order(
                    &id,
                    expected_version.unsigned("expected_version")?,
                    reason.into(),
                    note.as_deref(),
                    actor.as_deref(),
                )?
                .into())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cancel_reason_converts_both_ways() {
        use crm_core::Code;
        for r in crm_core::CancelReason::ALL {
            assert_eq!(crm_core::CancelReason::from(CancelReason::from(*r)), *r);
        }
    }
}
