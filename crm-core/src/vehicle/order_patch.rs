//! Editing an active order: a patch names only what changes (the expected delivery date
//! moves, the price is renegotiated); [`diff_orders`] says what did, for the timeline. The
//! VIN changes with [`Order::set_vin`], the status only through the order's moves.

use super::money::Fen;
use super::order::{NewOrder, Order, OrderError, OrderStatus, OrderedVehicle};
use crate::follow_up::field_change::{code, text, Changes, FieldChange};
use crate::validation::set;
use chrono::NaiveDate;

/// A change to an active order. `None` leaves a field as it is; for optional fields
/// `Some(None)` clears it. The customer and intent cannot change.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct OrderPatch {
    /// The car, replaced whole.
    pub vehicle: Option<OrderedVehicle>,
    /// New price.
    pub price: Option<Fen>,
    /// New discount.
    pub discount: Option<Fen>,
    /// New deposit.
    pub deposit: Option<Fen>,
    /// New order date.
    pub order_date: Option<NaiveDate>,
    /// New expected delivery date, or `Some(None)` to clear it.
    pub expected_delivery: Option<Option<NaiveDate>>,
    /// New finance flag.
    pub finance: Option<bool>,
    /// New insurance flag.
    pub insurance: Option<bool>,
    /// New consultant, or `Some(None)` to clear it.
    pub consultant: Option<Option<String>>,
}

impl OrderPatch {
    /// `true` when the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        self == &OrderPatch::default()
    }

    /// The order after this patch, validated as a whole as of `today` (errors name the field
    /// under `order`, as [`NewOrder::validate`] does). Only an active order can be edited.
    pub fn apply(&self, current: &Order, today: NaiveDate) -> Result<Order, OrderError> {
        if current.status != OrderStatus::Active {
            return Err(OrderError::Closed {
                status: current.status.kind(),
            });
        }
        let mut next = NewOrder::from(current);
        let p = self.clone();
        set(&mut next.vehicle, p.vehicle);
        set(&mut next.price, p.price);
        set(&mut next.discount, p.discount);
        set(&mut next.deposit, p.deposit);
        set(&mut next.order_date, p.order_date);
        set(&mut next.expected_delivery, p.expected_delivery);
        set(&mut next.finance, p.finance);
        set(&mut next.insurance, p.insurance);
        set(&mut next.consultant, p.consultant);
        Ok(next.validate(today)?)
    }
}

/// The fields that differ between two versions of an order, in field order; empty exactly
/// when they are equal. Amounts render in fen, dates as `2026-12-05`, the vehicle field by
/// field (`vehicle.model` …), the status as its code.
pub fn diff_orders(old: &Order, new: &Order) -> Vec<FieldChange> {
    // Destructured so that a new order field cannot be forgotten here.
    let Order {
        customer_id,
        intent_id,
        vehicle,
        vin,
        price,
        discount,
        deposit,
        order_date,
        expected_delivery,
        finance,
        insurance,
        consultant,
        status,
    } = new;
    let mut d = Changes::default();
    d.field(
        "customer_id",
        text(Some(&old.customer_id)),
        text(Some(customer_id)),
    );
    d.field(
        "intent_id",
        text(old.intent_id.as_ref()),
        text(intent_id.as_ref()),
    );
    vehicle_changes(&mut d, &old.vehicle, vehicle);
    d.field("vin", text(old.vin.as_ref()), text(vin.as_ref()));
    d.field("price", text(Some(old.price.0)), text(Some(price.0)));
    d.field(
        "discount",
        text(Some(old.discount.0)),
        text(Some(discount.0)),
    );
    d.field("deposit", text(Some(old.deposit.0)), text(Some(deposit.0)));
    d.field(
        "order_date",
        text(Some(old.order_date)),
        text(Some(order_date)),
    );
    d.field(
        "expected_delivery",
        text(old.expected_delivery),
        text(*expected_delivery),
    );
    d.field("finance", text(Some(old.finance)), text(Some(finance)));
    d.field(
        "insurance",
        text(Some(old.insurance)),
        text(Some(insurance)),
    );
    d.field(
        "consultant",
        text(old.consultant.as_ref()),
        text(consultant.as_ref()),
    );
    d.field(
        "status",
        code(Some(old.status.kind())),
        code(Some(status.kind())),
    );
    d.0
}

fn vehicle_changes(d: &mut Changes, old: &OrderedVehicle, new: &OrderedVehicle) {
    let OrderedVehicle {
        brand,
        series,
        model,
        trim,
        colour,
        catalogue_model,
    } = new;
    d.field(
        "vehicle.brand",
        text(old.brand.as_ref()),
        text(brand.as_ref()),
    );
    d.field(
        "vehicle.series",
        text(old.series.as_ref()),
        text(series.as_ref()),
    );
    d.field("vehicle.model", text(Some(&old.model)), text(Some(model)));
    d.field("vehicle.trim", text(old.trim.as_ref()), text(trim.as_ref()));
    d.field(
        "vehicle.colour",
        text(old.colour.as_ref()),
        text(colour.as_ref()),
    );
    d.field(
        "vehicle.catalogue_model",
        text(old.catalogue_model.as_ref()),
        text(catalogue_model.as_ref()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vehicle::order::tests::{date, tiguan_order, today};
    use crate::vehicle::order::CancelReason;

    #[test]
    fn a_patch_changes_what_it_names_and_the_diff_says_so() {
        let old = tiguan_order().validate(today()).unwrap();
        let patch = OrderPatch {
            expected_delivery: Some(Some(date("2026-12-20"))),
            discount: Some(Fen(2_000_000)),
            ..Default::default()
        };
        let new = patch.apply(&old, today()).unwrap();
        let fields: Vec<String> = diff_orders(&old, &new)
            .into_iter()
            .map(|c| c.field)
            .collect();
        assert_eq!(fields, ["discount", "expected_delivery"]);
        assert!(diff_orders(&new, &new).is_empty());
        assert!(OrderPatch::default().is_empty());
        let bad = OrderPatch {
            deposit: Some(Fen(old.price.0)),
            ..Default::default()
        };
        let err = bad.apply(&old, today()).unwrap_err();
        assert!(matches!(err, OrderError::Invalid(e) if e.field == "order.deposit"));
        let at = "2026-11-27T02:00:00Z".parse().unwrap();
        let cancelled = old.cancel(CancelReason::Price, None, at).unwrap();
        assert!(matches!(
            patch.apply(&cancelled, today()),
            Err(OrderError::Closed { .. })
        ));
        let status: Vec<String> = diff_orders(&old, &cancelled)
            .into_iter()
            .map(|c| c.field)
            .collect();
        assert_eq!(status, ["status"]);
    }
}
