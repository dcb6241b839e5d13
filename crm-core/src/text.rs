//! Free-text normalisation shared by every text field.

use crate::error::{Rule, ValidationError};

/// Trims `value` and checks it: no control characters (newlines allowed where `multiline`),
/// at most `max` characters. Empty after trimming gives `None`.
pub(crate) fn optional_text(
    field: &str,
    value: Option<&str>,
    max: usize,
    multiline: bool,
) -> Result<Option<String>, ValidationError> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if value
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t')))
    {
        return Err(ValidationError::new(field, Rule::ControlCharacters));
    }
    if value.chars().count() > max {
        return Err(ValidationError::new(field, Rule::TooLong { max }));
    }
    Ok(Some(value.to_owned()))
}

/// Like [`optional_text`] on a single line, but the field must not be empty.
pub(crate) fn required_text(
    field: &str,
    value: &str,
    max: usize,
) -> Result<String, ValidationError> {
    optional_text(field, Some(value), max, false)?
        .ok_or_else(|| ValidationError::new(field, Rule::Required))
}

/// Maps full-width ASCII forms (U+FF01..U+FF5E, as typed with a Chinese IME) and the
/// ideographic space to their ASCII counterparts.
pub(crate) fn fold_full_width(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_plus_fold_to_ascii() {
        assert_eq!(fold_full_width("＋８６ １３８"), "+86 138");
    }

    #[test]
    fn blank_optional_text_is_none_and_long_text_is_rejected() {
        assert_eq!(optional_text("notes", Some("  "), 5, true), Ok(None));
        let err = optional_text("notes", Some("abcdef"), 5, true).unwrap_err();
        assert_eq!(err.rule, Rule::TooLong { max: 5 });
        assert_eq!(err.field, "notes");
    }

    #[test]
    fn control_characters_are_rejected_on_single_lines_only() {
        assert!(optional_text("name", Some("a\nb"), 10, false).is_err());
        assert_eq!(
            optional_text("notes", Some("a\nb"), 10, true),
            Ok(Some("a\nb".into()))
        );
    }
}
