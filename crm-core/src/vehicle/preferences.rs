//! Short lists of free text: colour and option preferences, competing models.

use crate::validation::{optional_text, Limits, Rule, ValidationError};

/// Trims each item, drops blank ones and repeats (the first spelling stays), and checks
/// each (`{field}[i]`: single line, at most [`Limits::PREFERENCE`] characters) and the count
/// (`field`: at most [`Limits::PREFERENCES`]).
pub(crate) fn preference_list(
    field: &str,
    items: &[String],
) -> Result<Vec<String>, ValidationError> {
    let mut kept: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item = optional_text(
            &format!("{field}[{i}]"),
            Some(item),
            Limits::PREFERENCE,
            false,
        )?;
        if let Some(item) = item.filter(|item| !kept.contains(item)) {
            kept.push(item);
        }
    }
    if kept.len() > Limits::PREFERENCES {
        return Err(ValidationError::new(
            field,
            Rule::TooMany {
                max: Limits::PREFERENCES,
            },
        ));
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_and_repeats_are_dropped_and_items_checked() {
        let list = vec![
            " 珍珠白 ".into(),
            "".into(),
            "珍珠白".into(),
            "曜石黑".into(),
        ];
        assert_eq!(
            preference_list("colours", &list).unwrap(),
            ["珍珠白", "曜石黑"]
        );
        let long = vec!["x".into(), "y".repeat(Limits::PREFERENCE + 1)];
        assert_eq!(
            preference_list("colours", &long).unwrap_err().field,
            "colours[1]"
        );
        let many: Vec<String> = (0..=Limits::PREFERENCES).map(|i| i.to_string()).collect();
        assert_eq!(
            preference_list("colours", &many).unwrap_err().field,
            "colours"
        );
    }
}
