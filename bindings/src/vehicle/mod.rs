//! Vehicles (车): what a customer wants (购车意向), the dealership's catalogue (车型库), and
//! what they order (订单), test-drive (试驾) and take delivery of (交车). Money crosses the FFI
//! as whole fen in an `i64`.
//!
//! - [`intent`]: `NewVehicleIntent`, `VehicleIntent`; add, get, list, remove.
//! - [`intent_patch`]: `VehicleIntentPatch` and `IntentField`; `update_intent`.
//! - [`spec`]: `BodyType` and `Powertrain`.
//! - [`purchase`]: `PurchaseTimeframe`, `PaymentMethod`, `TradeIn`.
//! - [`money`]: `AmountRange` (fen).
//! - [`catalogue`]: `CatalogueModel`; load, list, get.
//! - [`order`]: `NewOrder`, `Order`, `OrderedVehicle`, `OrderStatus`, `CancelReason`; place,
//!   get, list, set the VIN, cancel.
//! - [`order_patch`]: `OrderPatch` and `OrderField`; `update_order`.
//! - [`delivery`]: `NewDelivery`, `Delivery`; `deliver_order`.
//! - [`visit`]: store visits and test drives (到店 / 试驾): `NewVisit`, `Visit`, `VisitKind`,
//!   `VisitStatus`; schedule, reschedule, complete, no-show.

pub mod catalogue;
pub mod delivery;
pub mod intent;
pub mod intent_patch;
pub mod money;
pub mod order;
pub mod order_patch;
pub mod purchase;
pub mod spec;
pub mod visit;
