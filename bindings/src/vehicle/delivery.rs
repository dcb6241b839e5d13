//! Deliveries (交车): the handover that wins the deal, and `deliver_order`.

use crate::custom::CalendarDate;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::Unsigned;
use crate::store::CrmStore;
use crate::vehicle::order::Order;
use crm_core::OrderId;

/// A handover as the consultant enters it, for `deliver_order`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewDelivery {
    /// The handover day, the dealership's local date: between the order date and today.
    pub date: CalendarDate,
    /// The odometer reading in km.
    pub odometer_km: i32,
    /// The VIN; may be left out when the order has one (one given replaces it).
    #[uniffi(default = None)]
    pub vin: Option<String>,
}

/// A recorded handover.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Delivery {
    /// The handover day.
    pub date: CalendarDate,
    /// The car's VIN.
    pub vin: String,
    /// The odometer reading in km.
    pub odometer_km: i32,
}

#[uniffi::export]
impl CrmStore {
    /// Records the handover of active order `id` and moves the customer to delivered
    /// (won); customer care starts from it. Fails with `InvalidInput` on `delivery.date`,
    /// `delivery.vin`, `delivery.odometer_km`, on `order_id` when already delivered or
    /// cancelled, on `move` when the customer's state refuses it; `Conflict`; `NotFound`.
    #[uniffi::method(default(actor = None))]
    pub async fn deliver_order(
        &self,
        id: OrderId,
        expected_version: i64,
        delivery: NewDelivery,
        actor: Option<String>,
    ) -> Result<Order, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Deals]), move |store| {
            let delivery = crm_core::NewDelivery {
                date: delivery.date,
                vin: delivery.vin,
                odometer_km: delivery.odometer_km.unsigned("delivery.odometer_km")?,
            };
            Ok(store
                .deliver_order(
                    &id,
                    expected_version.unsigned("expected_version")?,
                    &delivery,
                    actor.as_deref(),
                )?
                .into())
        })
        .await
    }
}
