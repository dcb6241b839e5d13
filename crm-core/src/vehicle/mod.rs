//! Vehicles (车): what a customer wants and what they bought.
//!
//! - Intents (购车意向): [`NewVehicleIntent`] → [`NewVehicleIntent::validate`] →
//!   [`VehicleIntent`]; [`VehicleIntentPatch`] for edits and [`diff_intents`] for the
//!   timeline; [`choose_primary`] keeps exactly one intent primary.
//! - The dealership's catalogue (车型库): [`CatalogueModel`], [`validate_catalogue`].
//! - VINs (车架号): [`Vin::parse`], check digit where the standard requires it.
//! - Orders (订单) and deliveries (交车): [`NewOrder`] → [`Order`], with the pure moves
//!   [`Order::set_vin`], [`Order::cancel`], [`Order::deliver`]; [`OrderPatch`] and
//!   [`diff_orders`] for edits.
//! - Store visits and test drives (到店 / 试驾): [`NewVisit`] → [`Visit`], with
//!   [`Visit::complete`], [`Visit::no_show`], [`Visit::reschedule`].
//! - The intent level's history: [`IntentLevelChange`], [`level_at`].
//!
//! Money is [`Fen`]: integer fen, never a float.
//!
//! Files: `intent` and `intent_patch` (intents, their edits and diff), `preferences` (the
//! intent's short lists), `purchase` (timeframe, payment), `trade_in`, `body_type`,
//! `powertrain`, `money` ([`Fen`], [`AmountRange`]), `catalogue`, `vin`, `order` and
//! `order_patch`, `delivery`, `visit`, `level_change` (the intent level's history), `ids`
//! (the vehicle records' ids), `limits` (the vehicle caps of [`crate::Limits`]).

mod body_type;
mod catalogue;
mod delivery;
mod ids;
mod intent;
mod intent_patch;
mod level_change;
mod limits;
mod money;
mod order;
mod order_patch;
mod powertrain;
mod preferences;
mod purchase;
mod trade_in;
mod vin;
mod visit;

#[cfg(feature = "proptest")]
pub(crate) mod strategies;

pub use body_type::BodyType;
pub use catalogue::{validate_catalogue, CatalogueModel};
pub use delivery::{Delivery, NewDelivery};
pub use ids::{CatalogueModelId, IntentId, OrderId, VisitId};
pub use intent::{choose_primary, NewVehicleIntent, VehicleIntent, VehicleIntentRecord};
pub use intent_patch::{diff_intents, VehicleIntentPatch};
pub use level_change::{check_history, level_at, IntentLevelChange};
pub use money::{AmountRange, Fen};
pub use order::{
    CancelReason, NewOrder, Order, OrderError, OrderRecord, OrderStatus, OrderStatusKind,
    OrderedVehicle,
};
pub use order_patch::{diff_orders, OrderPatch};
pub use powertrain::Powertrain;
pub use purchase::{PaymentMethod, PurchaseTimeframe};
pub use trade_in::TradeIn;
pub use vin::{is_vin_char, vin_check_digit, vin_check_digit_applies, Vin};
pub use visit::{
    NewVisit, Visit, VisitError, VisitKind, VisitRecord, VisitStatus, VisitStatusKind,
};
