//! The reason an erasure is recorded with in the deletions log.

use crate::validation::{single_line_text, Rule, ValidationError};

/// The longest erasure reason kept, in characters.
pub const MAX_ERASURE_REASON_CHARS: usize = 200;

/// The reason for erasing a customer's data (个人信息删除: the person's request, the end
/// of the retention period ...), checked by the text rule: required (field `reason`), one
/// line, at most [`MAX_ERASURE_REASON_CHARS`] characters. It is kept in the deletions log
/// after everything else of the customer is gone, so it should say why, not who.
pub fn erasure_reason(value: &str) -> Result<String, ValidationError> {
    single_line_text("reason", Some(value), MAX_ERASURE_REASON_CHARS)?
        .ok_or_else(|| ValidationError::new("reason", Rule::Required))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_required_one_line_and_short() {
        assert_eq!(erasure_reason("  客户要求删除 ").unwrap(), "客户要求删除");
        for bad in ["", "   ", "a\nb", &"x".repeat(MAX_ERASURE_REASON_CHARS + 1)] {
            assert_eq!(erasure_reason(bad).unwrap_err().field, "reason", "{bad:?}");
        }
        assert!(erasure_reason(&"x".repeat(MAX_ERASURE_REASON_CHARS)).is_ok());
        assert_eq!(
            erasure_reason("").unwrap_err().rule,
            Rule::Required,
            "empty is Required"
        );
    }
}
