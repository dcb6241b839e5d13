//! What an edit changed, field by field, as the timeline shows it: [`FieldChange`] (old →
//! new) and [`FieldValue`].

/// A field's value as the timeline shows it (display text, each text cut to 200
/// characters).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum FieldValue {
    /// One value: text as entered, an enum's code (`wechat`), a date `2026-11-28`, an
    /// instant in RFC 3339.
    Text {
        /// The value.
        text: String,
    },
    /// A list (contacts, tags, attachments), each item as text.
    Items {
        /// The items, in order.
        items: Vec<String>,
    },
    /// The value was removed with the customer's personal data.
    Erased,
}

impl From<crm_core::FieldValue> for FieldValue {
    fn from(v: crm_core::FieldValue) -> Self {
        match v {
            crm_core::FieldValue::Text(text) => FieldValue::Text { text },
            crm_core::FieldValue::List(items) => FieldValue::Items { items },
            crm_core::FieldValue::Erased => FieldValue::Erased,
        }
    }
}

/// One changed field: old → new.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FieldChange {
    /// The field's path, as errors name it (`name`, `region.city`, `feedback`).
    pub field: String,
    /// The value before; absent when it was not set.
    pub old_value: Option<FieldValue>,
    /// The value after; absent when it is no longer set.
    pub new_value: Option<FieldValue>,
}

impl From<crm_core::FieldChange> for FieldChange {
    fn from(c: crm_core::FieldChange) -> Self {
        FieldChange {
            field: c.field,
            old_value: c.old.map(Into::into),
            new_value: c.new.map(Into::into),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_changes_keep_lists_and_absence() {
        let change = FieldChange::from(crm_core::FieldChange {
            field: "tags".into(),
            old: None,
            new: Some(crm_core::FieldValue::List(vec!["VIP".into()])),
        });
        assert_eq!(change.old_value, None);
        assert_eq!(
            change.new_value,
            Some(FieldValue::Items {
                items: vec!["VIP".into()]
            })
        );
    }
}
