//! Contacts (联系方式): phones, WeChat IDs, e-mails, as entered ([`ContactInput`]) and as
//! stored with their normalised key ([`Contact`]).

use crate::convert::same_variants;
use crm_core as domain;

/// The kind of a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
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

same_variants!(ContactKind <=> domain::ContactKind { Mobile, Landline, Wechat, Email, Other });

/// A contact as the user enters it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContactInput {
    /// What kind of contact this is.
    pub kind: ContactKind,
    /// The value as typed ("138 1234 5678", "zhangsan88", "li@example.com").
    pub value: String,
    /// An optional label ("work", "wife").
    #[uniffi(default = None)]
    pub label: Option<String>,
    /// Whether this is the main contact. Exactly one per customer; a single contact becomes
    /// the primary one by itself.
    #[uniffi(default = false)]
    pub primary: bool,
}

impl From<ContactInput> for domain::ContactInput {
    fn from(c: ContactInput) -> Self {
        domain::ContactInput {
            kind: c.kind.into(),
            value: c.value,
            label: c.label,
            primary: c.primary,
        }
    }
}

/// A stored contact: the value as typed, for display, and its normalised key.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Contact {
    /// What kind of contact this is.
    pub kind: ContactKind,
    /// The value as the user typed it, trimmed.
    pub value: String,
    /// The normalised key: E.164 for phones (`+8613812345678`), lower case otherwise.
    pub key: String,
    /// An optional label.
    pub label: Option<String>,
    /// Whether this is the main contact.
    pub primary: bool,
}

impl From<domain::Contact> for Contact {
    fn from(c: domain::Contact) -> Self {
        Contact {
            kind: c.kind.into(),
            value: c.value,
            key: c.key,
            label: c.label,
            primary: c.primary,
        }
    }
}
