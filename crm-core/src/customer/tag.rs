//! Tags (标签): free text the consultant attaches, matched without regard to case or width.

use crate::validation::{fold_full_width, optional_text, trim_text, Limits, Rule, ValidationError};

/// The matching key of a tag: trimmed, full-width folded, lower-cased. `"VIP "`, `"vip"`
/// and `"ＶＩＰ"` share one key.
pub fn tag_key(tag: &str) -> String {
    fold_full_width(trim_text(tag)).to_lowercase()
}

/// Trims the tags, drops blanks and later duplicates (by key), and checks their length and
/// number. The first spelling of a tag is kept for display.
pub(crate) fn normalize_tags(tags: &[String]) -> Result<Vec<String>, ValidationError> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (i, tag) in tags.iter().enumerate() {
        let field = format!("tags[{i}]");
        let Some(tag) = optional_text(&field, Some(tag), Limits::TAG, false)? else {
            continue;
        };
        if seen.insert(tag_key(&tag)) {
            out.push(tag);
        }
    }
    if out.len() > Limits::TAGS {
        return Err(ValidationError::new(
            "tags",
            Rule::TooMany { max: Limits::TAGS },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_deduplicated_by_key_keeping_the_first_spelling() {
        let tags = vec![
            "VIP".into(),
            " vip ".into(),
            "".into(),
            "ＶＩＰ".into(),
            "SUV".into(),
        ];
        assert_eq!(normalize_tags(&tags).unwrap(), vec!["VIP", "SUV"]);
    }
}
