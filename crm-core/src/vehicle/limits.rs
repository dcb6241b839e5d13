//! Caps for vehicle intents, the catalogue, orders and visits. `Limits` is one type: these
//! constants show on its page beside the others.

use crate::validation::Limits;

/// Caps for vehicle intents, the catalogue, orders and visits.
impl Limits {
    /// A brand, series or colour name (大众, 途观L, 珍珠白).
    pub const VEHICLE_NAME: usize = 50;
    /// A model or trim name (2025款 330TSI 两驱智享版).
    pub const VEHICLE_MODEL: usize = 100;
    /// One preference, option or competing model in an intent's lists.
    pub const PREFERENCE: usize = 50;
    /// Items in each of an intent's lists (colours, options, competitors).
    pub const PREFERENCES: usize = 10;
    /// An intent's notes (需求备注).
    pub const INTENT_NOTES: usize = 1000;
    /// A catalogue model's code, as the dealership names it.
    pub const CATALOGUE_CODE: usize = 64;
    /// Models in one catalogue load.
    pub const CATALOGUE_MODELS: usize = 5000;
    /// The note on a cancelled order.
    pub const ORDER_NOTE: usize = 500;
    /// A visit's notes and a test drive's feedback.
    pub const VISIT_TEXT: usize = 1000;
    /// How far ahead a visit may be scheduled, in days.
    pub const VISIT_HORIZON_DAYS: i64 = 365;
    /// The largest amount of money accepted, in fen (¥1,000,000,000): sums over millions of
    /// orders still fit in an `i64`.
    pub const MAX_AMOUNT_FEN: i64 = 100_000_000_000;
    /// The largest odometer reading or trade-in mileage accepted, in km.
    pub const MAX_MILEAGE_KM: u32 = 2_000_000;
    /// The earliest year a trade-in car may have been first registered.
    pub const EARLIEST_CAR_YEAR: i32 = 1950;
}
