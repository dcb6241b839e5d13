//! What the customer wants to buy and buys: vehicle intents (购车意向), the dealership's
//! catalogue (车型库), orders and deliveries (订单 / 交车), store visits and test drives
//! (到店 / 试驾). Orders and visits move the pipeline through its state machine.
//!
//! - `intents.rs`: a customer's intents and their primary one.
//! - `catalogue.rs`: loading, listing and looking up catalogue models.
//! - `orders.rs`: placing, editing, cancelling and delivering orders.
//! - `visits.rs`: scheduling, moving and closing visits.

pub(crate) mod catalogue;
pub(crate) mod intents;
pub(crate) mod orders;
pub(crate) mod visits;
