//! Personal data a dealership answers for (PIPL): everything the book holds about one
//! person, as one versioned JSON document ([`export`]); the book encrypted at rest
//! ([`encryption`], with the `encryption` feature).

#[cfg(feature = "encryption")]
pub mod encryption;
pub mod export;
