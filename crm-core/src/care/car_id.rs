//! The id of a delivered car.

use crate::validation::string_id;

string_id!(
    /// A delivered car's id (UUIDv7 string from the store). Care tasks about one car (calls,
    /// services, insurance, inspections, anniversaries) carry it in their keys.
    CarId
);
