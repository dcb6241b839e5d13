//! `crm template ...`: message templates (话术模板): the starter set and your own; rendering
//! one for a customer.

use crate::customer::resolve::customer_id;
use crate::database::{open_existing, open_for_reading};
use crate::exit::Failure;
use crate::follow_up::args::TemplateCommand;
use crate::follow_up::text::templates;
use crate::term::lang::pick;
use crate::term::output::Output;
use crm_core::{
    Code, NewTemplate, Rule, TemplateLanguage, TemplatePurpose, TemplateValues, ValidationError,
};
use crm_store::StoreError;
use std::path::Path;

fn language(text: &str) -> Result<TemplateLanguage, ValidationError> {
    TemplateLanguage::from_code(text.trim().to_lowercase().as_str()).ok_or_else(|| {
        ValidationError::new(
            "language",
            Rule::Malformed {
                expected: "zh or en",
            },
        )
    })
}

fn purpose_of(text: &str) -> Result<TemplatePurpose, ValidationError> {
    TemplatePurpose::from_code(text.trim()).ok_or_else(|| {
        ValidationError::new(
            "purpose",
            Rule::Malformed {
                expected: "greeting, invitation, quote_follow_up, care or other",
            },
        )
    })
}

/// `--set NAME=VALUE` pairs as template values; errors name `values[i]`.
fn values(pairs: &[String]) -> Result<TemplateValues, ValidationError> {
    let mut out = TemplateValues::new();
    for (i, pair) in pairs.iter().enumerate() {
        let bad = || {
            ValidationError::new(
                format!("values[{i}]"),
                Rule::Malformed {
                    expected: "NAME=VALUE with a placeholder name (model, 车型, price ...)",
                },
            )
        };
        let (name, value) = pair.split_once('=').ok_or_else(bad)?;
        let one = TemplateValues::from_names([(name, value)]).map_err(|_| bad())?;
        for p in crm_core::Placeholder::ALL {
            if let Some(v) = one.get(*p) {
                out.set(*p, v);
            }
        }
    }
    Ok(out)
}

/// Runs one `crm template` command.
pub fn template(db: &Path, command: &TemplateCommand, output: Output) -> Result<(), Failure> {
    match command {
        TemplateCommand::List => {
            let list = open_for_reading(db)?.list_templates()?;
            output.list(&list, None, || templates(&list))
        }
        TemplateCommand::Add {
            name,
            purpose,
            language: lang,
            body,
        } => {
            let new = NewTemplate {
                name: name.clone(),
                purpose: purpose_of(purpose)?,
                language: language(lang)?,
                body: body.clone(),
            };
            let saved = open_existing(db)?.add_template(&new)?;
            output.print(&saved, || templates(std::slice::from_ref(&saved)))
        }
        TemplateCommand::Render {
            template,
            customer,
            language: lang,
            values: pairs,
        } => {
            let lang = language(lang)?;
            let values = values(pairs)?;
            let store = open_for_reading(db)?;
            let text = store.render_template(
                template.trim(),
                lang,
                &customer_id(&store, customer)?,
                &values,
            )?;
            output.print(&serde_json::json!({ "text": text }), || format!("{text}\n"))
        }
        TemplateCommand::Edit {
            id,
            name,
            purpose,
            language: lang,
            body,
        } => {
            let id = id.trim();
            let store = open_existing(db)?;
            let current = store
                .list_templates()?
                .into_iter()
                .find(|t| t.key == id)
                .ok_or_else(|| StoreError::NotFound {
                    entity: "template",
                    id: id.to_owned(),
                })?;
            let new = NewTemplate {
                name: name.clone().unwrap_or(current.name),
                purpose: purpose
                    .as_deref()
                    .map(purpose_of)
                    .transpose()?
                    .unwrap_or(current.purpose),
                language: lang
                    .as_deref()
                    .map(language)
                    .transpose()?
                    .unwrap_or(current.language),
                body: body.clone().unwrap_or(current.body),
            };
            let saved = store.update_template(id, &new)?;
            output.print(&saved, || templates(std::slice::from_ref(&saved)))
        }
        TemplateCommand::Delete { id } => {
            open_existing(db)?.delete_template(id.trim())?;
            output.deleted(pick("话术模板", "template"), id)
        }
    }
}
