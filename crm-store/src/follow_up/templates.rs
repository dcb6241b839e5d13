//! Message templates (话术模板): the starter set from `crm-core` plus the user's own, and
//! rendering one for a customer.

use crate::customer::customers::not_found;
use crate::customer::rows::read_customer;
use crate::db::ids::new_id;
use crate::db::rows::{code, collect};
use crate::db::time::to_millis;
use crate::error::{Result, StoreError};
use crate::follow_up::plans::open_plan_of;
use crate::settings::stored::read_settings;
use crate::store::Store;
use crm_core::{
    customer_title, starter_templates, Code, CustomerId, MessageTemplate, NewTemplate, Placeholder,
    PlanTime, Rule, TemplateError, TemplateLanguage, TemplatePurpose, TemplateValues,
    ValidationError,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

const EXPECTED_TEMPLATE: &str =
    "a template whose placeholders are known names in braces ({{ and }} for literal braces)";

/// A template error as a store error: the field it concerns and the rule broken.
fn template_error(e: TemplateError) -> StoreError {
    match e {
        TemplateError::Invalid(v) => v.into(),
        TemplateError::MissingValue { placeholder } => {
            ValidationError::new(format!("values.{}", placeholder.code()), Rule::Required).into()
        }
        _ => ValidationError::new(
            "body",
            Rule::Malformed {
                expected: EXPECTED_TEMPLATE,
            },
        )
        .into(),
    }
}

fn template_from_row(row: &Row<'_>) -> Result<MessageTemplate> {
    Ok(MessageTemplate {
        key: row.get(0)?,
        name: row.get(1)?,
        purpose: code::<TemplatePurpose>(&row.get::<_, String>(2)?, "templates.purpose")?,
        language: code::<TemplateLanguage>(&row.get::<_, String>(3)?, "templates.language")?,
        body: row.get(4)?,
    })
}

/// Why `id` names no template of the user's: a starter template (read-only), or nothing.
fn not_a_user_template(id: &str) -> StoreError {
    if MessageTemplate::is_starter_key(id) {
        StoreError::Closed {
            entity: "template",
            id: id.to_owned(),
            status: "starter",
        }
    } else {
        StoreError::NotFound {
            entity: "template",
            id: id.to_owned(),
        }
    }
}

fn user_template(conn: &Connection, id: &str) -> Result<Option<MessageTemplate>> {
    conn.prepare_cached("SELECT id, name, purpose, language, body FROM templates WHERE id = ?1")?
        .query_row([id], |r| Ok(template_from_row(r)))
        .optional()?
        .transpose()
}

impl Store {
    /// Every template: the starter set (both languages), then the user's own, oldest first.
    pub fn list_templates(&self) -> Result<Vec<MessageTemplate>> {
        let mut out = starter_templates();
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(
                "SELECT id, name, purpose, language, body FROM templates ORDER BY created_at, id",
            )?;
            out.extend(collect(&mut stmt, [], template_from_row)?);
            Ok(out)
        })
    }

    /// Saves a template of the user's (name and body checked, the body parsed). Its key is
    /// the store's id.
    pub fn add_template(&self, new: &NewTemplate) -> Result<MessageTemplate> {
        let t = new.validate().map_err(template_error)?;
        let now = self.now();
        let id = new_id(now);
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO templates (id, name, purpose, language, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                id,
                t.name,
                t.purpose.code(),
                t.language.code(),
                t.body,
                to_millis(now)
            ])?;
            Ok(())
        })?;
        Ok(MessageTemplate {
            key: id,
            name: t.name,
            purpose: t.purpose,
            language: t.language,
            body: t.body,
        })
    }

    /// Rewrites the user's template `id` with `new` (name and body checked, the body parsed,
    /// like [`Store::add_template`]); its key stays. A starter template cannot change
    /// ([`StoreError::Closed`] with status `starter`: add a copy instead); an unknown id is
    /// [`StoreError::NotFound`].
    pub fn update_template(&self, id: &str, new: &NewTemplate) -> Result<MessageTemplate> {
        let t = new.validate().map_err(template_error)?;
        self.write(|tx| {
            let n = tx
                .prepare_cached(
                    "UPDATE templates SET name = ?2, purpose = ?3, language = ?4, body = ?5 WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    t.name,
                    t.purpose.code(),
                    t.language.code(),
                    t.body
                ])?;
            if n == 0 {
                return Err(not_a_user_template(id));
            }
            Ok(())
        })?;
        Ok(MessageTemplate {
            key: id.to_owned(),
            name: t.name,
            purpose: t.purpose,
            language: t.language,
            body: t.body,
        })
    }

    /// Deletes the user's template `id`. A starter template cannot be deleted
    /// ([`StoreError::Closed`] with status `starter`); an unknown id is
    /// [`StoreError::NotFound`].
    pub fn delete_template(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            let n = tx
                .prepare_cached("DELETE FROM templates WHERE id = ?1")?
                .execute([id])?;
            if n == 0 {
                return Err(not_a_user_template(id));
            }
            Ok(())
        })
    }

    /// Renders template `key` for customer `customer`: a user template by its id, else the
    /// starter template with this key in `language`. Filled from the store: `customer_name`
    /// (the name), `customer_title` (from name and gender in the template's language, see
    /// [`customer_title`]), `salesperson` (the customer's owner), `store` and `store_address`
    /// (settings), and `date` / `time` from the customer's pending plan (the time only for
    /// a timed plan), in the template's language and the dealership's zone. `values` adds
    /// the rest (`model`, `price` …) and overrides any of these. A
    /// placeholder left without a value fails on `values.<name>`.
    pub fn render_template(
        &self,
        key: &str,
        language: TemplateLanguage,
        customer: &CustomerId,
        values: &TemplateValues,
    ) -> Result<String> {
        let (template, filled) = self.read(|tx| {
            let template = match user_template(tx, key)? {
                Some(t) => t,
                None => starter_templates()
                    .into_iter()
                    .find(|t| t.key == key && t.language == language)
                    .ok_or_else(|| StoreError::NotFound {
                        entity: "template",
                        id: key.to_owned(),
                    })?,
            };
            let c = read_customer(tx, customer.as_str())?.ok_or_else(|| not_found(customer))?;
            let settings = read_settings(tx)?;
            let lang = template.language;
            let title = customer_title(&c.profile.name, c.profile.gender, lang);
            let mut filled = TemplateValues::new()
                .with(Placeholder::CustomerName, c.profile.name)
                .with(Placeholder::CustomerTitle, title);
            let mut set = |p, v: Option<String>| {
                if let Some(v) = v {
                    filled.set(p, v);
                }
            };
            set(Placeholder::Salesperson, c.profile.owner);
            set(Placeholder::Store, settings.store.name);
            set(Placeholder::StoreAddress, settings.store.address);
            if let Some(plan) = open_plan_of(tx, customer)? {
                let zone = &settings.zone;
                set(
                    Placeholder::Date,
                    Some(lang.format_date(plan.time.local_date(zone))),
                );
                if let PlanTime::At(at) = plan.time {
                    set(
                        Placeholder::Time,
                        Some(lang.format_time(zone.wall_clock(at).time())),
                    );
                }
            }
            Ok((template, filled))
        })?;
        let mut all = filled;
        for p in Placeholder::ALL {
            if let Some(v) = values.get(*p) {
                all.set(*p, v);
            }
        }
        template
            .template()
            .and_then(|t| t.render(&all))
            .map_err(template_error)
    }
}
