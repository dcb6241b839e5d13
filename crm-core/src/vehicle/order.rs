//! Orders (订单): the car the customer signed for, what it costs, and where the order stands.
//!
//! An order's life: entered [`OrderStatus::Active`] (the VIN may come later,
//! [`Order::set_vin`]); it ends delivered ([`Order::deliver`], the customer is won) or
//! cancelled with a reason ([`Order::cancel`]). A delivered or cancelled order no longer
//! changes. Every transition is a pure function from the order to the order after it, or a
//! typed error; the store saves the result and records the move in the timeline.

use super::delivery::{Delivery, NewDelivery};
use super::ids::{CatalogueModelId, IntentId, OrderId};
use super::money::{amount, Fen};
use super::vin::Vin;
use crate::customer::CustomerId;
use crate::follow_up::earliest_follow_up;
use crate::validation::{optional_text, required_text, Limits, Rule, ValidationError};
use chrono::{DateTime, NaiveDate, Utc};

const EXPECTED_DISCOUNT: &str = "a discount not above the price";
const EXPECTED_DEPOSIT: &str = "a deposit not above the price less the discount";
const EXPECTED_PRICE: &str = "a price above zero";

/// The car an order is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct OrderedVehicle {
    /// Brand (品牌).
    #[serde(default)]
    pub brand: Option<String>,
    /// Series (车系).
    #[serde(default)]
    pub series: Option<String>,
    /// Model (车型), required: 2025款 330TSI.
    pub model: String,
    /// Trim (配置).
    #[serde(default)]
    pub trim: Option<String>,
    /// Colour (颜色): exterior, and interior when it matters (珍珠白 / 黑内).
    #[serde(default)]
    pub colour: Option<String>,
    /// The catalogue model, when the dealership has a catalogue.
    #[serde(default)]
    pub catalogue_model: Option<CatalogueModelId>,
}

impl OrderedVehicle {
    /// A vehicle known by its model name only (`途观L 330TSI 两驱智享版`); set brand, series,
    /// trim, colour or a catalogue model on the result as they are known.
    pub fn new(model: impl Into<String>) -> Self {
        OrderedVehicle {
            brand: None,
            series: None,
            model: model.into(),
            trim: None,
            colour: None,
            catalogue_model: None,
        }
    }

    /// Trims and checks every field; paths relative (`model`, `trim` …).
    fn validate(&self) -> Result<OrderedVehicle, ValidationError> {
        let name =
            |field, value: &Option<String>, max| optional_text(field, value.as_deref(), max, false);
        Ok(OrderedVehicle {
            brand: name("brand", &self.brand, Limits::VEHICLE_NAME)?,
            series: name("series", &self.series, Limits::VEHICLE_NAME)?,
            model: required_text("model", &self.model, Limits::VEHICLE_MODEL)?,
            trim: name("trim", &self.trim, Limits::VEHICLE_MODEL)?,
            colour: name("colour", &self.colour, Limits::VEHICLE_NAME)?,
            catalogue_model: match &self.catalogue_model {
                Some(id) => Some(
                    required_text("catalogue_model", id.as_str(), Limits::CATALOGUE_CODE)?.into(),
                ),
                None => None,
            },
        })
    }
}

/// An order as the consultant enters it, before validation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewOrder {
    /// The customer who ordered.
    pub customer_id: CustomerId,
    /// The intent the order fulfils, when known.
    #[serde(default)]
    pub intent_id: Option<IntentId>,
    /// The car.
    pub vehicle: OrderedVehicle,
    /// The VIN as typed, when a car is already assigned.
    #[serde(default)]
    pub vin: Option<String>,
    /// The agreed price before discount (车价), in fen; above zero.
    pub price: Fen,
    /// The discount (优惠), in fen; not above the price.
    #[serde(default)]
    pub discount: Fen,
    /// The deposit paid (定金), in fen; not above the price less the discount.
    #[serde(default)]
    pub deposit: Fen,
    /// The day the order was signed (订车日期), the dealership's local date.
    pub order_date: NaiveDate,
    /// The day the car is expected to be handed over (预计交车日期), not before the order date.
    #[serde(default)]
    pub expected_delivery: Option<NaiveDate>,
    /// `true` when the customer finances the car through the dealership (金融 / 贷款).
    #[serde(default)]
    pub finance: bool,
    /// `true` when the customer insures the car through the dealership (保险).
    #[serde(default)]
    pub insurance: bool,
    /// The consultant who took the order.
    #[serde(default)]
    pub consultant: Option<String>,
}

impl NewOrder {
    /// An order of `customer_id` for `vehicle` at `price`, signed on `order_date`, with
    /// everything else at its default: no intent, VIN, discount, deposit, expected delivery,
    /// finance or insurance, and the book's user as the consultant.
    pub fn new(
        customer_id: CustomerId,
        vehicle: OrderedVehicle,
        price: Fen,
        order_date: NaiveDate,
    ) -> Self {
        NewOrder {
            customer_id,
            intent_id: None,
            vehicle,
            vin: None,
            price,
            discount: Fen(0),
            deposit: Fen(0),
            order_date,
            expected_delivery: None,
            finance: false,
            insurance: false,
            consultant: None,
        }
    }

    /// Validates as of the dealership's local date `today`: the order date between
    /// 2000-01-01 and today, the expected delivery not before it, amounts zero or more
    /// (the price above zero), `discount ≤ price`, `deposit ≤ price − discount`, the VIN
    /// (see [`Vin::parse`]). The result is [`OrderStatus::Active`].
    ///
    /// Errors name the field under `order`: `order.discount`, `order.vin`,
    /// `order.vehicle.model`, `order.expected_delivery`.
    pub fn validate(&self, today: NaiveDate) -> Result<Order, ValidationError> {
        self.checked(today).map_err(|e| e.within("order"))
    }

    fn checked(&self, today: NaiveDate) -> Result<Order, ValidationError> {
        if self.customer_id.as_str().trim().is_empty() {
            return Err(ValidationError::new("customer_id", Rule::Required));
        }
        let vehicle = self.vehicle.validate().map_err(|e| e.within("vehicle"))?;
        let vin = match self.vin.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => Some(Vin::parse(v)?),
            None => None,
        };
        let price = amount("price", self.price)?;
        if price == Fen::ZERO {
            return Err(ValidationError::new(
                "price",
                Rule::Malformed {
                    expected: EXPECTED_PRICE,
                },
            ));
        }
        let discount = amount("discount", self.discount)?;
        let net = price
            .checked_sub(discount)
            .filter(|n| n.0 >= 0)
            .ok_or_else(|| {
                ValidationError::new(
                    "discount",
                    Rule::Malformed {
                        expected: EXPECTED_DISCOUNT,
                    },
                )
            })?;
        let deposit = amount("deposit", self.deposit)?;
        if deposit > net {
            return Err(ValidationError::new(
                "deposit",
                Rule::Malformed {
                    expected: EXPECTED_DEPOSIT,
                },
            ));
        }
        if self.order_date > today {
            return Err(ValidationError::new("order_date", Rule::InFuture));
        }
        if self.order_date < earliest_follow_up().date_naive() {
            return Err(ValidationError::new("order_date", Rule::TooEarly));
        }
        if self.expected_delivery.is_some_and(|d| d < self.order_date) {
            return Err(ValidationError::new("expected_delivery", Rule::TooEarly));
        }
        Ok(Order {
            customer_id: self.customer_id.clone(),
            intent_id: self.intent_id.clone(),
            vehicle,
            vin,
            price,
            discount,
            deposit,
            order_date: self.order_date,
            expected_delivery: self.expected_delivery,
            finance: self.finance,
            insurance: self.insurance,
            consultant: optional_text(
                "consultant",
                self.consultant.as_deref(),
                Limits::OWNER,
                false,
            )?,
            status: OrderStatus::Active,
        })
    }
}

/// Why an order was cancelled (退订原因), a filter and report dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
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

crate::validation::codes!(CancelReason {
    ChangedMind => "changed_mind",
    BoughtCompetitor => "bought_competitor",
    BoughtElsewhere => "bought_elsewhere",
    Price => "price",
    FinancingRefused => "financing_refused",
    NoStock => "no_stock",
    DeliveryDelay => "delivery_delay",
    ChangedModel => "changed_model",
    Other => "other",
});

/// Where an order stands.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum OrderStatus {
    /// Signed, not yet delivered or cancelled.
    Active,
    /// Cancelled (退订).
    Cancelled {
        /// When.
        at: DateTime<Utc>,
        /// Why.
        reason: CancelReason,
        /// More about why; required when the reason is [`CancelReason::Other`].
        note: Option<String>,
    },
    /// Handed over (已交车).
    Delivered {
        /// The handover.
        delivery: Delivery,
    },
}

/// The kind of an [`OrderStatus`], as stored and filtered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatusKind {
    /// [`OrderStatus::Active`].
    Active,
    /// [`OrderStatus::Cancelled`].
    Cancelled,
    /// [`OrderStatus::Delivered`].
    Delivered,
}

crate::validation::codes!(OrderStatusKind {
    Active => "active",
    Cancelled => "cancelled",
    Delivered => "delivered",
});

impl OrderStatus {
    /// The status's kind.
    pub fn kind(&self) -> OrderStatusKind {
        match self {
            OrderStatus::Active => OrderStatusKind::Active,
            OrderStatus::Cancelled { .. } => OrderStatusKind::Cancelled,
            OrderStatus::Delivered { .. } => OrderStatusKind::Delivered,
        }
    }
}

/// Why an order could not change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    /// The order is delivered or cancelled; it can no longer change.
    #[error("the order is {} and can no longer change", crate::validation::Code::code(*.status))]
    Closed {
        /// Its status.
        status: OrderStatusKind,
    },
    /// A value broke a rule (a delivery without a VIN: `delivery.vin` is required).
    #[error(transparent)]
    Invalid(#[from] ValidationError),
}

/// A validated order: what [`NewOrder::validate`] returns and a store keeps.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Order {
    /// The customer who ordered.
    pub customer_id: CustomerId,
    /// The intent the order fulfils.
    pub intent_id: Option<IntentId>,
    /// The car.
    pub vehicle: OrderedVehicle,
    /// The VIN, once a car is assigned; always set on a delivered order (the delivery's).
    pub vin: Option<Vin>,
    /// Price before discount, in fen.
    pub price: Fen,
    /// Discount, in fen.
    pub discount: Fen,
    /// Deposit paid, in fen.
    pub deposit: Fen,
    /// The day the order was signed.
    pub order_date: NaiveDate,
    /// The day the car is expected to be handed over.
    pub expected_delivery: Option<NaiveDate>,
    /// Financed through the dealership.
    pub finance: bool,
    /// Insured through the dealership.
    pub insurance: bool,
    /// The consultant who took the order.
    pub consultant: Option<String>,
    /// Where it stands.
    pub status: OrderStatus,
}

impl Order {
    /// What the customer pays for the car (成交价): price less discount, in fen.
    pub fn net_price(&self) -> Fen {
        Fen(self.price.0.saturating_sub(self.discount.0))
    }

    /// What remains to be paid after the deposit (尾款), in fen.
    pub fn balance_due(&self) -> Fen {
        Fen(self.net_price().0.saturating_sub(self.deposit.0))
    }

    /// The handover, once delivered.
    pub fn delivery(&self) -> Option<&Delivery> {
        match &self.status {
            OrderStatus::Delivered { delivery } => Some(delivery),
            _ => None,
        }
    }

    /// The order with the VIN of the car assigned to it (or a corrected one). Only an
    /// active order takes a VIN; errors name `order.vin`.
    pub fn set_vin(&self, vin: &str) -> Result<Order, OrderError> {
        self.ensure_active()?;
        let vin = Vin::parse(vin).map_err(|e| e.within("order"))?;
        Ok(Order {
            vin: Some(vin),
            ..self.clone()
        })
    }

    /// The order cancelled at `at` for `reason`, with an optional note (required for
    /// [`CancelReason::Other`]; errors name `cancel.note`). Only an active order can be
    /// cancelled.
    pub fn cancel(
        &self,
        reason: CancelReason,
        note: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<Order, OrderError> {
        self.ensure_active()?;
        let note = optional_text("cancel.note", note, Limits::ORDER_NOTE, true)?;
        if reason == CancelReason::Other && note.is_none() {
            return Err(ValidationError::new("cancel.note", Rule::Required).into());
        }
        Ok(Order {
            status: OrderStatus::Cancelled { at, reason, note },
            ..self.clone()
        })
    }

    /// The order handed over as of the dealership's local date `today`. The delivery's
    /// date lies between the order date and today; its VIN is the one given, else the
    /// order's (one of them is required: `delivery.vin`); a VIN given at delivery replaces
    /// the order's (the car was swapped). Only an active order can be delivered.
    pub fn deliver(&self, delivery: &NewDelivery, today: NaiveDate) -> Result<Order, OrderError> {
        self.ensure_active()?;
        let delivery = delivery.validate(self.order_date, self.vin.as_ref(), today)?;
        Ok(Order {
            vin: Some(delivery.vin.clone()),
            status: OrderStatus::Delivered { delivery },
            ..self.clone()
        })
    }

    fn ensure_active(&self) -> Result<(), OrderError> {
        match self.status.kind() {
            OrderStatusKind::Active => Ok(()),
            status => Err(OrderError::Closed { status }),
        }
    }
}

impl From<&Order> for NewOrder {
    fn from(o: &Order) -> Self {
        NewOrder {
            customer_id: o.customer_id.clone(),
            intent_id: o.intent_id.clone(),
            vehicle: o.vehicle.clone(),
            vin: o.vin.as_ref().map(|v| v.as_str().to_owned()),
            price: o.price,
            discount: o.discount,
            deposit: o.deposit,
            order_date: o.order_date,
            expected_delivery: o.expected_delivery,
            finance: o.finance,
            insurance: o.insurance,
            consultant: o.consultant.clone(),
        }
    }
}

/// A stored order: its id, content and bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OrderRecord {
    /// The id (UUIDv7).
    pub id: OrderId,
    /// The order.
    #[serde(flatten)]
    pub order: Order,
    /// When it was entered (UTC).
    pub created_at: DateTime<Utc>,
    /// When it last changed (UTC).
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version: 1 when entered, +1 on every change.
    pub version: u64,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::validation::assert_codes_are_serde_names;

    pub(crate) fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    pub(crate) fn today() -> NaiveDate {
        date("2026-11-27")
    }

    pub(crate) fn tiguan_order() -> NewOrder {
        NewOrder {
            customer_id: "c1".into(),
            intent_id: Some("i1".into()),
            vehicle: OrderedVehicle {
                brand: Some("大众".into()),
                series: Some("途观L".into()),
                model: " 2025款 330TSI ".into(),
                trim: Some("两驱智享版".into()),
                colour: Some("珍珠白".into()),
                catalogue_model: None,
            },
            vin: None,
            price: Fen(19_980_000),
            discount: Fen(1_500_000),
            deposit: Fen(500_000),
            order_date: date("2026-11-20"),
            expected_delivery: Some(date("2026-12-05")),
            finance: true,
            insurance: true,
            consultant: Some("c001".into()),
        }
    }

    fn delivery(vin: Option<&str>) -> NewDelivery {
        NewDelivery {
            date: today(),
            vin: vin.map(Into::into),
            odometer_km: 12,
        }
    }

    #[test]
    fn a_valid_order_is_active_and_knows_its_amounts() {
        let o = tiguan_order().validate(today()).unwrap();
        assert_eq!(o.status, OrderStatus::Active);
        assert_eq!(o.vehicle.model, "2025款 330TSI");
        assert_eq!(o.net_price(), Fen(18_480_000));
        assert_eq!(o.balance_due(), Fen(17_980_000));
        assert_eq!(NewOrder::from(&o).validate(today()), Ok(o));
    }

    #[test]
    fn errors_name_the_field_under_order() {
        type Defect = fn(&mut NewOrder);
        let cases: Vec<(Defect, &str)> = vec![
            (|o| o.discount = Fen(19_980_001), "order.discount"),
            (|o| o.deposit = Fen(18_480_001), "order.deposit"),
            (|o| o.price = Fen(0), "order.price"),
            (|o| o.price = Fen(-1), "order.price"),
            (|o| o.discount = Fen(-1), "order.discount"),
            (|o| o.order_date = date("2026-11-28"), "order.order_date"),
            (|o| o.order_date = date("1999-12-31"), "order.order_date"),
            (
                |o| o.expected_delivery = Some(date("2026-11-19")),
                "order.expected_delivery",
            ),
            (|o| o.vin = Some("1M8GDM9A1KP042788".into()), "order.vin"),
            (|o| o.vehicle.model = " ".into(), "order.vehicle.model"),
            (|o| o.customer_id = "".into(), "order.customer_id"),
        ];
        for (mutate, field) in cases {
            let mut o = tiguan_order();
            mutate(&mut o);
            assert_eq!(o.validate(today()).unwrap_err().field, field);
        }
        let mut o = tiguan_order();
        o.deposit = Fen(18_480_000);
        assert!(
            o.validate(today()).is_ok(),
            "a deposit of the whole net price"
        );
    }

    #[test]
    fn delivery_needs_a_vin_from_the_order_or_the_handover() {
        let o = tiguan_order().validate(today()).unwrap();
        let err = o.deliver(&delivery(None), today()).unwrap_err();
        assert!(matches!(err, OrderError::Invalid(e) if e.field == "delivery.vin"));
        let with_vin = o.set_vin("lsvau2180n2183294").unwrap_err();
        assert!(matches!(with_vin, OrderError::Invalid(e) if e.field == "order.vin"));
        let o = o.set_vin("1M8GDM9AXKP042788").unwrap();
        let done = o.deliver(&delivery(None), today()).unwrap();
        let d = done.delivery().unwrap();
        assert_eq!(d.vin.as_str(), "1M8GDM9AXKP042788");
        assert_eq!(done.vin.as_ref(), Some(&d.vin));
        let swapped = o
            .deliver(&delivery(Some("WVWZZZ1JZ3W386752")), today())
            .unwrap();
        assert_eq!(swapped.vin.unwrap().as_str(), "WVWZZZ1JZ3W386752");
    }

    #[test]
    fn closed_orders_refuse_every_move() {
        let at: DateTime<Utc> = "2026-11-27T02:00:00Z".parse().unwrap();
        let o = tiguan_order().validate(today()).unwrap();
        let delivered = o
            .deliver(&delivery(Some("1M8GDM9AXKP042788")), today())
            .unwrap();
        let cancelled = o.cancel(CancelReason::Price, None, at).unwrap();
        for closed in [delivered, cancelled] {
            let err = OrderError::Closed {
                status: closed.status.kind(),
            };
            assert_eq!(
                closed.cancel(CancelReason::Price, None, at),
                Err(err.clone())
            );
            assert_eq!(
                closed.deliver(&delivery(Some("1M8GDM9AXKP042788")), today()),
                Err(err.clone())
            );
            assert_eq!(closed.set_vin("1M8GDM9AXKP042788"), Err(err));
        }
        let err = o.cancel(CancelReason::Other, Some(" "), at).unwrap_err();
        assert!(matches!(err, OrderError::Invalid(e) if e.field == "cancel.note"));
    }

    #[test]
    fn statuses_serialise_with_their_codes() {
        assert_codes_are_serde_names::<OrderStatusKind>();
        assert_codes_are_serde_names::<CancelReason>();
        let at: DateTime<Utc> = "2026-11-27T02:00:00Z".parse().unwrap();
        let o = tiguan_order()
            .validate(today())
            .unwrap()
            .cancel(CancelReason::NoStock, Some("厂家停产"), at)
            .unwrap();
        let json = serde_json::to_value(&o).unwrap();
        assert_eq!(json["status"]["state"], "cancelled");
        assert_eq!(json["status"]["reason"], "no_stock");
        assert_eq!(serde_json::from_value::<Order>(json).unwrap(), o);
    }
}
