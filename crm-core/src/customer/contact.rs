//! Contacts: how to reach a customer, and the key that identifies each one.

use crate::customer::phone::{normalize_phone, PhoneKind};
use crate::validation::{
    fold_full_width, optional_text, required_text, trim_text, Limits, Rule, ValidationError,
};

/// The kind of a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    /// A mobile phone (手机).
    Mobile,
    /// A fixed line with its area code (座机).
    Landline,
    /// A WeChat ID (微信号).
    Wechat,
    /// An e-mail address.
    Email,
    /// Anything else (QQ, a Douyin handle ...): kept as text.
    Other,
}

crate::validation::codes!(ContactKind {
    Mobile => "mobile",
    Landline => "landline",
    Wechat => "wechat",
    Email => "email",
    Other => "other",
});

impl ContactKind {
    /// `true` for mobile and landline.
    pub fn is_phone(self) -> bool {
        matches!(self, ContactKind::Mobile | ContactKind::Landline)
    }
}

/// A contact as the user enters it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ContactInput {
    /// What kind of contact this is.
    pub kind: ContactKind,
    /// The value as typed.
    pub value: String,
    /// An optional label ("work", "wife").
    #[serde(default)]
    pub label: Option<String>,
    /// Whether this is the main contact (exactly one per customer).
    #[serde(default)]
    pub primary: bool,
}

impl ContactInput {
    /// A contact of `kind` with `value`, not primary, without label.
    pub fn new(kind: ContactKind, value: impl Into<String>) -> Self {
        Self {
            kind,
            value: value.into(),
            label: None,
            primary: false,
        }
    }

    /// The same contact marked primary.
    pub fn primary(mut self) -> Self {
        self.primary = true;
        self
    }

    /// Validates and normalises this contact. Field paths in the error are relative
    /// (`value`, `label`).
    pub fn validate(&self) -> Result<Contact, ValidationError> {
        let value = required_text("value", &self.value, Limits::CONTACT_VALUE)?;
        let key =
            contact_key(self.kind, &value).map_err(|rule| ValidationError::new("value", rule))?;
        let label = optional_text("label", self.label.as_deref(), Limits::CONTACT_LABEL, false)?;
        Ok(Contact {
            kind: self.kind,
            value,
            key,
            label,
            primary: self.primary,
        })
    }
}

/// A validated contact: the value as typed (for display) and its normalised key (for matching
/// and duplicate detection).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Contact {
    /// What kind of contact this is.
    pub kind: ContactKind,
    /// The value as the user typed it, trimmed.
    pub value: String,
    /// The normalised key: E.164 for phones, lower case for e-mail, WeChat and other.
    pub key: String,
    /// An optional label.
    pub label: Option<String>,
    /// Whether this is the main contact.
    pub primary: bool,
}

impl From<&Contact> for ContactInput {
    fn from(c: &Contact) -> Self {
        ContactInput {
            kind: c.kind,
            value: c.value.clone(),
            label: c.label.clone(),
            primary: c.primary,
        }
    }
}

const EXPECTED_WECHAT: &str =
    "a WeChat ID (6-20 characters: a letter first, then letters, digits, '_' or '-')";
const EXPECTED_EMAIL: &str = "an e-mail address";

/// The normalised key of a contact value of `kind`, or the rule it breaks.
pub fn contact_key(kind: ContactKind, value: &str) -> Result<String, Rule> {
    match kind {
        ContactKind::Mobile => normalize_phone(value, PhoneKind::Mobile),
        ContactKind::Landline => normalize_phone(value, PhoneKind::Landline),
        ContactKind::Wechat => wechat_key(value),
        ContactKind::Email => email_key(value),
        ContactKind::Other => Ok(fold_full_width(trim_text(value)).to_lowercase()),
    }
}

fn wechat_key(value: &str) -> Result<String, Rule> {
    let id = fold_full_width(trim_text(value));
    let n = id.chars().count();
    let first_is_letter = id.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if (6..=20).contains(&n) && first_is_letter && rest_ok {
        Ok(id.to_ascii_lowercase())
    } else {
        Err(Rule::Malformed {
            expected: EXPECTED_WECHAT,
        })
    }
}

fn email_key(value: &str) -> Result<String, Rule> {
    let email = fold_full_width(trim_text(value));
    let malformed = Rule::Malformed {
        expected: EXPECTED_EMAIL,
    };
    // The crate checks RFC 5322 syntax; a dealership also wants a dotted domain.
    let parsed: email_address::EmailAddress = email.parse().map_err(|_| malformed.clone())?;
    let domain = parsed.domain();
    if !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || email.contains(' ')
    {
        return Err(malformed);
    }
    Ok(email.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wechat_ids_follow_the_shape_rule() {
        assert_eq!(wechat_key("Zhang_San-88").as_deref(), Ok("zhang_san-88"));
        for bad in [
            "abcde",
            "1abcdef",
            "abc def",
            "a234567890123456789012",
            "张三abcdef",
        ] {
            assert!(wechat_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails_are_checked_and_lower_cased() {
        assert_eq!(
            email_key(" Li.Si@Example.COM ").as_deref(),
            Ok("li.si@example.com")
        );
        for bad in ["li.si", "li@", "@x.com", "li si@x.com", "li@localhost"] {
            assert!(email_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn contact_errors_name_the_relative_field() {
        let err = ContactInput::new(ContactKind::Mobile, "12")
            .validate()
            .unwrap_err();
        assert_eq!(err.field, "value");
        let long_label = ContactInput {
            label: Some("x".repeat(31)),
            ..ContactInput::new(ContactKind::Mobile, "13812345678")
        };
        assert_eq!(long_label.validate().unwrap_err().field, "label");
    }
}
