//! Care's option values: dates (a required one and an optional one) and the source of an
//! odometer reading. Errors name the field.

use crate::term::input::{self, code_of};
use chrono::NaiveDate;
use crm_core::{OdometerSource, Rule, ValidationError};

/// A required date `YYYY-MM-DD` for `field`.
pub fn date(field: &str, text: &str) -> Result<NaiveDate, ValidationError> {
    input::date(field, text)?.ok_or_else(|| ValidationError::new(field, Rule::Required))
}

/// An optional date option.
pub fn date_opt(field: &str, text: Option<&String>) -> Result<Option<NaiveDate>, ValidationError> {
    text.map(|t| date(field, t)).transpose()
}

/// The source option of an odometer command.
pub fn source(text: &str) -> Result<OdometerSource, ValidationError> {
    code_of("source", text, "service_visit, customer or other")
}
