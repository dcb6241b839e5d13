//! An edit of an active order: [`OrderPatch`], the fields it can clear ([`OrderField`]), and
//! `update_order`.

use crate::convert::{set_or_clear, ClearableField};
use crate::custom::CalendarDate;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::Unsigned;
use crate::store::CrmStore;
use crate::vehicle::order::{Order, OrderedVehicle};
use crm_core::{Fen, OrderId};

/// An order field `OrderPatch.clear` can empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum OrderField {
    /// The expected handover day.
    ExpectedDelivery,
    /// The consultant.
    Consultant,
}

impl ClearableField for OrderField {
    fn name(self) -> &'static str {
        match self {
            OrderField::ExpectedDelivery => "expected_delivery",
            OrderField::Consultant => "consultant",
        }
    }
}

/// Changes to an active order for `update_order`: only the fields given change; name a field
/// in `clear` to empty it. The VIN changes with `set_order_vin`.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct OrderPatch {
    /// The car, replaced whole.
    #[uniffi(default = None)]
    pub vehicle: Option<OrderedVehicle>,
    /// New price in fen.
    #[uniffi(default = None)]
    pub price: Option<i64>,
    /// New discount in fen.
    #[uniffi(default = None)]
    pub discount: Option<i64>,
    /// New deposit in fen.
    #[uniffi(default = None)]
    pub deposit: Option<i64>,
    /// New order date.
    #[uniffi(default = None)]
    pub order_date: Option<CalendarDate>,
    /// New expected handover day.
    #[uniffi(default = None)]
    pub expected_delivery: Option<CalendarDate>,
    /// New finance flag.
    #[uniffi(default = None)]
    pub finance: Option<bool>,
    /// New insurance flag.
    #[uniffi(default = None)]
    pub insurance: Option<bool>,
    /// New consultant.
    #[uniffi(default = None)]
    pub consultant: Option<String>,
    /// Fields to empty.
    #[uniffi(default = [])]
    pub clear: Vec<OrderField>,
}

impl TryFrom<OrderPatch> for crm_core::OrderPatch {
    type Error = CrmError;

    fn try_from(p: OrderPatch) -> Result<Self, CrmError> {
        let expected = p.expected_delivery;
        Ok(crm_core::OrderPatch {
            vehicle: p.vehicle.map(Into::into),
            price: p.price.map(Fen),
            discount: p.discount.map(Fen),
            deposit: p.deposit.map(Fen),
            order_date: p.order_date,
            expected_delivery: set_or_clear(OrderField::ExpectedDelivery, expected, &p.clear)?,
            finance: p.finance,
            insurance: p.insurance,
            consultant: set_or_clear(OrderField::Consultant, p.consultant, &p.clear)?,
        })
    }
}

#[uniffi::export]
impl CrmStore {
    /// Applies `patch` to active order `id` if it is still at `expected_version`. Fails
    /// with `InvalidInput` like `place_order` (on `order_id` when delivered or cancelled),
    /// `Conflict`, `NotFound`.
    #[uniffi::method(default(actor = None))]
    pub async fn update_order(
        &self,
        id: OrderId,
        expected_version: i64,
        patch: OrderPatch,
        actor: Option<String>,
    ) -> Result<Order, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Deals]), move |store| {
            let patch = patch.try_into()?;
            Ok(store
                .update_order(
                    &id,
                    expected_version.unsigned("expected_version")?,
                    &patch,
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
    fn a_patch_sets_and_clears() {
        let patch = OrderPatch {
            price: Some(20_000_000),
            clear: vec![OrderField::Consultant],
            ..OrderPatch::default()
        };
        let d = crm_core::OrderPatch::try_from(patch).unwrap();
        assert_eq!(d.price, Some(Fen(20_000_000)));
        assert_eq!(d.consultant, Some(None));
    }
}
