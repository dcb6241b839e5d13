//! Free-text normalisation shared by every text field: the one place the rule lives.
//!
//! Every text field is cut at its edges of white space and of invisible format characters
//! (zero-width space, direction marks, bidi embeddings, word joiners, byte-order mark: the
//! ones [`is_invisible_format`] lists), so a value made only of them is empty: `None` for an
//! optional field, [`Rule::Required`] for a required one. Inside, control characters are
//! refused (newlines and tabs allowed in multi-line fields), and single-line fields (names,
//! labels, keys) refuse the bidirectional embedding, override and isolate characters
//! anywhere ([`Rule::BidiControls`]): they reorder what is displayed, so a name or a file
//! name could show something other than what it holds.

use crate::validation::error::{Rule, ValidationError};

/// Unicode format characters (general category Cf, Unicode 15.1) that display nothing.
/// Cf's prepended concatenation marks (U+0600-0605, U+06DD …), which display, are not here;
/// nor are the tag characters U+E0020-E007F, which end emoji flag sequences.
const INVISIBLE_FORMAT: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),   // soft hyphen
    ('\u{061C}', '\u{061C}'),   // Arabic letter mark
    ('\u{180E}', '\u{180E}'),   // Mongolian vowel separator
    ('\u{200B}', '\u{200F}'),   // zero-width space, non-joiner, joiner; LRM, RLM
    ('\u{202A}', '\u{202E}'),   // LRE, RLE, PDF, LRO, RLO
    ('\u{2060}', '\u{2064}'),   // word joiner, invisible operators
    ('\u{2066}', '\u{206F}'),   // LRI, RLI, FSI, PDI; deprecated format characters
    ('\u{FEFF}', '\u{FEFF}'),   // zero-width no-break space (byte-order mark)
    ('\u{FFF9}', '\u{FFFB}'),   // interlinear annotation
    ('\u{1BCA0}', '\u{1BCA3}'), // shorthand format controls
    ('\u{1D173}', '\u{1D17A}'), // musical symbol format controls
    ('\u{E0001}', '\u{E0001}'), // language tag
];

/// `true` for a format character that displays nothing (see the module's documentation).
pub fn is_invisible_format(c: char) -> bool {
    INVISIBLE_FORMAT
        .iter()
        .any(|&(first, last)| (first..=last).contains(&c))
}

/// `true` for the bidirectional embedding, override and isolate characters (LRE, RLE, PDF,
/// LRO, RLO, LRI, RLI, FSI, PDI), refused in single-line fields.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `value` without white space and invisible format characters at either end.
pub fn trim_text(value: &str) -> &str {
    value.trim_matches(|c: char| c.is_whitespace() || is_invisible_format(c))
}

/// A single-line text field (a name, a label, a key) as stored: cut at the edges (see
/// [`trim_text`]), `None` when nothing is left; an error naming `field` when it holds a
/// control or bidi control character or is longer than `max` characters.
pub fn single_line_text(
    field: &str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>, ValidationError> {
    optional_text(field, value, max, false)
}

/// Cuts `value` at the edges (see [`trim_text`]) and checks it: no control characters
/// (newlines and tabs allowed where `multiline`), no bidi controls on a single line, at
/// most `max` characters. Empty after cutting gives `None`.
pub(crate) fn optional_text(
    field: &str,
    value: Option<&str>,
    max: usize,
    multiline: bool,
) -> Result<Option<String>, ValidationError> {
    // Refused before the edges are cut: "anywhere" includes the edges.
    if !multiline && value.is_some_and(|v| v.chars().any(is_bidi_control)) {
        return Err(ValidationError::new(field, Rule::BidiControls));
    }
    let Some(value) = value.map(trim_text).filter(|v| !v.is_empty()) else {
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

    /// The characters the issue of invisible names is about, each alone and together.
    const INVISIBLE: &[char] = &[
        '\u{200B}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
        '\u{202E}', '\u{2060}', '\u{2061}', '\u{2062}', '\u{2063}', '\u{2064}', '\u{FEFF}',
    ];

    #[test]
    fn a_value_of_only_format_characters_is_empty() {
        for &c in INVISIBLE {
            let alone = c.to_string();
            let rule = if is_bidi_control(c) {
                Rule::BidiControls
            } else {
                Rule::Required
            };
            assert_eq!(
                required_text("name", &alone, 10).unwrap_err(),
                ValidationError::new("name", rule),
                "U+{:04X}",
                c as u32
            );
            assert_eq!(optional_text("notes", Some(&alone), 10, true), Ok(None));
        }
        let all: String = INVISIBLE.iter().chain([&' ', &'\u{3000}']).collect();
        assert_eq!(optional_text("notes", Some(&all), 10, true), Ok(None));
        let marks: String = INVISIBLE
            .iter()
            .filter(|c| !is_bidi_control(**c))
            .chain([&' ', &'\u{3000}'])
            .collect();
        assert_eq!(
            required_text("name", &marks, 10).unwrap_err().rule,
            Rule::Required
        );
    }

    #[test]
    fn format_characters_are_cut_at_the_edges_and_kept_inside() {
        assert_eq!(
            required_text("name", "\u{FEFF}\u{200B} 张三\u{200E}\u{2060}", 10),
            Ok("张三".into())
        );
        // A joiner inside an emoji sequence, a flag's tag characters at the end: kept.
        let family = "\u{1F468}\u{200D}\u{1F469}";
        assert_eq!(required_text("label", family, 10), Ok(family.into()));
        let flag = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        assert_eq!(required_text("label", flag, 10), Ok(flag.into()));
    }

    #[test]
    fn bidi_controls_are_refused_on_single_lines_anywhere() {
        for c in ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}']
            .into_iter()
            .chain('\u{2066}'..='\u{2069}')
        {
            let name = format!("张{c}三");
            for refused in [name.clone(), format!("{c}三张"), format!("张三{c}")] {
                assert_eq!(
                    required_text("name", &refused, 10).unwrap_err(),
                    ValidationError::new("name", Rule::BidiControls),
                    "U+{:04X}",
                    c as u32
                );
            }
            assert_eq!(
                optional_text("notes", Some(&name), 10, true),
                Ok(Some(name.clone()))
            );
        }
        // Direction marks are not overrides.
        assert_eq!(
            required_text("name", "a\u{200F}b", 10),
            Ok("a\u{200F}b".into())
        );
    }

    proptest::proptest! {
        /// Invisible edges never change a value: with them it is accepted or refused
        /// exactly as without them (bidi controls at the edges only on multiple lines).
        #[test]
        fn invisible_edges_change_nothing(
            core in "[a-zA-Z\u{4E00}-\u{4E20}][a-zA-Z \u{4E00}-\u{4E20}\u{200B}\u{202E}]{0,12}",
            before in proptest::collection::vec(proptest::sample::select(INVISIBLE), 0..4),
            after in proptest::collection::vec(proptest::sample::select(INVISIBLE), 0..4),
            multiline in proptest::bool::ANY,
        ) {
            let core = core.trim_end();
            // Single lines refuse bidi controls anywhere, edges included.
            let edge = |c: &&char| multiline || !is_bidi_control(**c);
            let padded: String = before
                .iter()
                .filter(edge)
                .copied()
                .chain(core.chars())
                .chain(after.iter().filter(edge).copied())
                .collect();
            proptest::prop_assert_eq!(
                optional_text("f", Some(&padded), 12, multiline),
                optional_text("f", Some(core), 12, multiline)
            );
        }
    }
}
