//! Message templates (话术模板): the starter set shipped with the library and the user's own,
//! rendered for a customer.

use crate::convert::same_variants;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::store::CrmStore;
use crm_core::{CustomerId, TemplateError, TemplateValues};
use std::collections::HashMap;

/// What a template is for (话术分类).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum TemplatePurpose {
    /// Greetings after a first contact or an inquiry (问候).
    Greeting,
    /// Invitations to the store, a test drive or an event (邀约).
    Invitation,
    /// Following up a quote (报价跟进).
    QuoteFollowUp,
    /// Care after the sale: thanks, maintenance, birthdays, holidays (关怀).
    Care,
    /// Anything else.
    Other,
}

same_variants!(TemplatePurpose <=> crm_core::TemplatePurpose {
    Greeting, Invitation, QuoteFollowUp, Care, Other
});

/// The language a template is written in; it also decides how `{date}` and `{time}` read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum TemplateLanguage {
    /// Chinese (简体中文): `11月28日（周六）`, `15:30`.
    Zh,
    /// English: `Saturday 28 November`, `3:30 pm`.
    En,
}

same_variants!(TemplateLanguage <=> crm_core::TemplateLanguage { Zh, En });

/// A message template.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MessageTemplate {
    /// A stable key: `greeting.after_visit` for a starter template (the same key in each
    /// language), the store's id for the user's own.
    pub key: String,
    /// The name shown in the picker.
    pub name: String,
    /// What it is for.
    pub purpose: TemplatePurpose,
    /// Its language.
    pub language: TemplateLanguage,
    /// The text with placeholders: `{customer_name}` or its Chinese alias `{客户姓名}`,
    /// `{customer_title}` / `{客户称呼}`, `{salesperson}` / `{销售顾问}`,
    /// `{salesperson_phone}` / `{联系电话}`, `{model}` / `{车型}`, `{store}` / `{门店}`,
    /// `{store_address}` / `{门店地址}`, `{date}` / `{日期}`, `{time}` / `{时间}`,
    /// `{price}` / `{报价}`, `{event}` / `{活动}`; `{{` and `}}` for literal braces.
    pub body: String,
    /// `true` for a starter template: read-only (add a copy to change it).
    pub starter: bool,
}

impl From<crm_core::MessageTemplate> for MessageTemplate {
    fn from(t: crm_core::MessageTemplate) -> Self {
        let starter = t.is_starter();
        MessageTemplate {
            key: t.key,
            name: t.name,
            purpose: t.purpose.into(),
            language: t.language.into(),
            body: t.body,
            starter,
        }
    }
}

/// A template as the user writes it, for `add_template` and `update_template`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewTemplate {
    /// Name (required).
    pub name: String,
    /// What it is for.
    pub purpose: TemplatePurpose,
    /// Its language.
    pub language: TemplateLanguage,
    /// The text (required): known placeholders only (see `MessageTemplate.body`).
    pub body: String,
}

impl From<NewTemplate> for crm_core::NewTemplate {
    fn from(t: NewTemplate) -> Self {
        crm_core::NewTemplate {
            name: t.name,
            purpose: t.purpose.into(),
            language: t.language.into(),
            body: t.body,
        }
    }
}

/// The app's values keyed by placeholder name (English or Chinese); an unknown name is
/// `InvalidInput` on `values.<name>`.
fn template_values(values: HashMap<String, String>) -> Result<TemplateValues, CrmError> {
    TemplateValues::from_names(values).map_err(|e| match e {
        TemplateError::UnknownPlaceholder { name } => {
            CrmError::invalid(format!("values.{name}"), "is not a known placeholder")
        }
        other => CrmError::invalid("values", other.to_string()),
    })
}

#[uniffi::export]
impl CrmStore {
    /// Every template: the starter set (Chinese and English), then the user's own, oldest
    /// first.
    pub async fn list_templates(&self) -> Result<Vec<MessageTemplate>, CrmError> {
        self.read(move |store| {
            let list = store.list_templates()?;
            Ok(list.into_iter().map(Into::into).collect())
        })
        .await
    }

    /// Saves a template of the user's; its key is a new id.
    ///
    /// Fails with `InvalidInput` on `name` or `body` (blank, too long, an unknown
    /// placeholder or a stray brace).
    pub async fn add_template(&self, template: NewTemplate) -> Result<MessageTemplate, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Settings]), move |store| {
            Ok(store.add_template(&template.into())?.into())
        })
        .await
    }

    /// Rewrites the user's template `key` (name, purpose, language and body); the key stays.
    ///
    /// Fails like `add_template`; with `InvalidInput` on `key` for a starter template (they
    /// are read-only); with `NotFound` for an unknown key.
    pub async fn update_template(
        &self,
        key: String,
        template: NewTemplate,
    ) -> Result<MessageTemplate, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Settings]), move |store| {
            Ok(store.update_template(&key, &template.into())?.into())
        })
        .await
    }

    /// Deletes the user's template `key`. Fails with `InvalidInput` on `key` for a starter
    /// template, and with `NotFound` for an unknown key.
    pub async fn delete_template(&self, key: String) -> Result<(), CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Settings]), move |store| {
            Ok(store.delete_template(&key)?)
        })
        .await
    }

    /// Template `key` rendered for customer `customer_id`: a user template by its key, else
    /// the starter template with this key in `language`. Filled from the book: the
    /// customer's name, the greeting `{customer_title}` from name and gender in the
    /// template's language (欧阳女士, 司马先生, Mr Zhang; the full name when the gender is
    /// unspecified), their owner as `{salesperson}`, the store's name and address
    /// (`set_store_info`), and `{date}` / `{time}` from the customer's pending plan. `values`
    /// (keyed `model` or `车型` …) adds the rest and overrides any of these.
    ///
    /// Fails with `InvalidInput` on `values.<placeholder>` (English name, "is required")
    /// when a placeholder is left without a value, or when `values` names no known
    /// placeholder; `NotFound` for the template or the customer.
    #[uniffi::method(default(values))]
    pub async fn render_template(
        &self,
        key: String,
        language: TemplateLanguage,
        customer_id: CustomerId,
        values: HashMap<String, String>,
    ) -> Result<String, CrmError> {
        self.read(move |store| {
            let values = template_values(values)?;
            Ok(store.render_template(&key, language.into(), &customer_id, &values)?)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crm_core::Placeholder;

    #[test]
    fn values_are_named_in_english_or_chinese() {
        let values = template_values(HashMap::from([
            ("车型".to_owned(), "途观L".to_owned()),
            ("price".to_owned(), "18.58万元".to_owned()),
        ]))
        .unwrap();
        assert_eq!(values.get(Placeholder::Model), Some("途观L"));
        assert_eq!(values.get(Placeholder::Price), Some("18.58万元"));
    }

    #[test]
    fn an_unknown_value_name_is_invalid_input_naming_it() {
        let err = template_values(HashMap::from([("颜色".to_owned(), "白".to_owned())]));
        assert_eq!(
            err.unwrap_err(),
            CrmError::invalid("values.颜色", "is not a known placeholder")
        );
    }

    #[test]
    fn starter_templates_are_marked() {
        let starter = crm_core::starter_templates().remove(0);
        assert!(MessageTemplate::from(starter.clone()).starter);
        let own = crm_core::MessageTemplate {
            key: "0190c3a4-0000-7000-8000-000000000000".into(),
            ..starter
        };
        assert!(!MessageTemplate::from(own).starter);
    }
}
