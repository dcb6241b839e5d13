//! Personal data a dealership answers for (PIPL): everything the book holds about one
//! person, handed over on request ([`crate::Store::export_customer`]).

pub(crate) mod export;
