//! Time: the domain never reads the clock, and "today" is the dealership's local day.
//!
//! - `clock`: [`Clock`], the source of "now" a caller passes in, and [`ManualClock`] for
//!   tests, simulations and replays;
//! - `local_day`: [`DealershipZone`] (the dealership's IANA zone) and [`LocalDay`], which
//!   date an instant falls on and which instants make up a date, DST-safe;
//! - `day_starts`: [`DayStarts`], the same answers from a table filled once per date, for
//!   computations that ask about the same few days many times;
//! - `test_dates`: `date(y, m, d)` and `utc(text)` for the unit tests.

mod clock;
mod day_starts;
mod local_day;
#[cfg(test)]
pub(crate) mod test_dates;

#[cfg(feature = "proptest")]
pub(crate) mod strategies;

pub use clock::{Clock, ManualClock};
pub use day_starts::DayStarts;
pub use local_day::{DealershipZone, LocalDay, LocalDays};
