//! Option values every feature reads: input files, dates, instants, page sizes, codes and
//! clearable texts. Errors name the field like the domain's own validation does, so that
//! every invalid input reads `invalid input: FIELD RULE`.

use crate::exit::Failure;
use chrono::{DateTime, Days, Local, NaiveDate, TimeZone, Utc};
use crm_core::{Code, Rule, ValidationError};
use std::io::{self, Read};
use std::path::Path;

/// The text of the input file `path` (`-`: standard input); a missing or unreadable file
/// is [`Failure::ReadInput`] (exit 2), not an output failure.
pub fn read_input(path: &Path) -> Result<String, Failure> {
    let read = if path.as_os_str() == "-" {
        let mut text = String::new();
        io::stdin().read_to_string(&mut text).map(|_| text)
    } else {
        std::fs::read_to_string(path)
    };
    read.map_err(|error| Failure::ReadInput {
        path: path.to_owned(),
        error,
    })
}

/// The error of a value that is not of the shape `expected` describes.
pub fn malformed(field: &str, expected: &'static str) -> ValidationError {
    ValidationError::new(field, Rule::Malformed { expected })
}

/// A calendar date `YYYY-MM-DD` for `field`; an empty text is `None`.
pub fn date(field: &str, text: &str) -> Result<Option<NaiveDate>, ValidationError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| malformed(field, "a date YYYY-MM-DD"))
}

/// An instant for `field`: RFC 3339, or a date YYYY-MM-DD in the local time zone, taken
/// at the start of that day, or at the end of it (the next day's start) when `end_of_day`.
pub fn instant(
    field: &str,
    text: &str,
    end_of_day: bool,
) -> Result<DateTime<Utc>, ValidationError> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    let bad = || malformed(field, "an instant (RFC 3339) or a date YYYY-MM-DD");
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad())?;
    let day = if end_of_day {
        day.checked_add_days(Days::new(1)).ok_or_else(bad)?
    } else {
        day
    };
    let midnight = day.and_hms_opt(0, 0, 0).ok_or_else(bad)?;
    // A midnight skipped by a daylight-saving change falls back to UTC's.
    Ok(Local
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc)))
}

/// A page or hit count from 1 to `max`; `expected` says so in the error naming `limit`.
pub fn limit(value: u32, max: u32, expected: &'static str) -> Result<u32, ValidationError> {
    if (1..=max).contains(&value) {
        Ok(value)
    } else {
        Err(malformed("limit", expected))
    }
}

/// The variant of `T` that `text` names: one of `aliases` (English short forms, Chinese
/// names), else a stored code (`-` read as `_`, any case); `expected` lists them for the
/// error.
pub fn coded<T: Code>(
    field: &str,
    text: &str,
    aliases: &[(&str, T)],
    expected: &'static str,
) -> Result<T, ValidationError> {
    let word = text.trim().to_lowercase().replace('-', "_");
    aliases
        .iter()
        .find(|(alias, _)| *alias == word)
        .map(|(_, v)| *v)
        .or_else(|| T::from_code(&word))
        .ok_or_else(|| malformed(field, expected))
}

/// The variant of `T` whose code is `text` (case and `-` forgiven), else `Malformed` on
/// `field` saying what was expected.
pub fn code_of<T: Code>(
    field: &str,
    text: &str,
    expected: &'static str,
) -> Result<T, ValidationError> {
    coded(field, text, &[], expected)
}

/// An optional text of an edit: not given is `None` (unchanged), empty is `Some(None)`
/// (cleared), else `Some(Some(text))`.
pub fn clearable(text: &Option<String>) -> Option<Option<String>> {
    text.as_ref()
        .map(|t| (!t.trim().is_empty()).then(|| t.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants() {
        let t = instant("created_from", "2026-05-01T08:00:00+08:00", false).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-05-01T00:00:00+00:00");
        let from = instant("created_from", "2026-05-01", false).unwrap();
        let to = instant("created_to", "2026-05-01", true).unwrap();
        assert_eq!((to - from).num_hours(), 24);
        assert_eq!(
            instant("created_to", "2026-13-01", true).unwrap_err().field,
            "created_to"
        );
    }

    #[test]
    fn dates() {
        assert_eq!(
            date("birthday", "1990-05-01").unwrap(),
            NaiveDate::from_ymd_opt(1990, 5, 1)
        );
        assert_eq!(date("birthday", " ").unwrap(), None);
        assert_eq!(
            date("birthday", "1990-13-01").unwrap_err().field,
            "birthday"
        );
    }
}
