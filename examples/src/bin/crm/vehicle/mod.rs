//! Vehicles: what a customer wants to buy (购车意向: brand, series, model, budget,
//! trade-in ...), the orders (订单) and deliveries (交车) that sell them a car, store visits
//! and test drives (到店 / 试驾), and the dealership's model catalogue (车型库).
//!
//! - `args.rs`: the clap definitions of `crm intent`, `order`, `deliver`, `visit` and
//!   `catalogue`.
//! - `intent.rs`: `crm intent ...`.
//! - `order.rs`: `crm order ...` and `crm deliver`.
//! - `visit.rs`: `crm visit ...`.
//! - `catalogue.rs`: `crm catalogue ...`.
//! - `input.rs`: option values to body types, powertrains, timeframes, payments, cancel
//!   reasons and amounts in yuan.
//! - `text.rs`: intents, orders, visits and the catalogue as text.

pub mod args;
mod catalogue;
pub mod input;
mod intent;
mod order;
mod text;
mod visit;

pub use catalogue::catalogue;
pub use intent::intent;
pub use order::{deliver, order};
pub use visit::visit;
