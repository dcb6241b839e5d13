//! Personal data a dealership answers for (PIPL): everything the book holds about one
//! person, as one versioned JSON document ([`export`]); erased on request ([`erase`]) or by
//! the retention rule ([`retention`]), their orders kept for the accounts
//! ([`erased_orders`]); the book encrypted at rest ([`encryption`], with the
//! `encryption` feature).

#[cfg(feature = "encryption")]
pub mod encryption;
pub mod erase;
pub mod erased_orders;
pub mod export;
pub mod retention;
