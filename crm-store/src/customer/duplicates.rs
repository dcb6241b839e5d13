//! Duplicate customers (撞单): a phone, WeChat ID or e-mail already in the book.

use crate::error::{Result, StoreError};
use crate::store::Store;
use crm_core::{Contact, ContactInput, ContactKind, CustomerId, ValidationError};
use rusqlite::{Connection, OptionalExtension};

/// A contact that already belongs to another customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateContact {
    /// The offending field: `contacts[1].value`.
    pub field: String,
    /// The contact's normalised key.
    pub key: String,
    /// The customer who has it.
    pub existing: CustomerId,
}

/// Whether a write may add contacts that other customers already have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Save even when a phone, WeChat ID or e-mail belongs to another customer.
    pub allow_duplicates: bool,
}

/// Kinds whose keys identify a person.
fn identifies(kind: ContactKind) -> bool {
    !matches!(kind, ContactKind::Other)
}

/// The first contact of `contacts` (other than those in `except_keys`) whose key belongs to
/// a customer other than `except`.
pub(crate) fn find_duplicates(
    conn: &Connection,
    contacts: &[Contact],
    except: Option<&CustomerId>,
    except_keys: &[&str],
) -> Result<Vec<DuplicateContact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT customer_id FROM contacts WHERE key = ?1 AND customer_id IS NOT ?2 ORDER BY customer_id LIMIT 1",
    )?;
    let mut out = Vec::new();
    for (i, c) in contacts.iter().enumerate() {
        if !identifies(c.kind) || except_keys.contains(&c.key.as_str()) {
            continue;
        }
        let existing: Option<String> = stmt
            .query_row(
                rusqlite::params![c.key, except.map(CustomerId::as_str)],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(existing) = existing {
            out.push(DuplicateContact {
                field: format!("contacts[{i}].value"),
                key: c.key.clone(),
                existing: CustomerId(existing),
            });
        }
    }
    Ok(out)
}

/// Fails with [`StoreError::Duplicate`] on the first duplicate unless allowed.
pub(crate) fn refuse_duplicates(
    conn: &Connection,
    contacts: &[Contact],
    except: Option<&CustomerId>,
    except_keys: &[&str],
    options: WriteOptions,
) -> Result<()> {
    if options.allow_duplicates {
        return Ok(());
    }
    match find_duplicates(conn, contacts, except, except_keys)?
        .into_iter()
        .next()
    {
        Some(d) => Err(StoreError::Duplicate {
            field: d.field,
            existing: d.existing,
        }),
        None => Ok(()),
    }
}

impl Store {
    /// Which of these contacts already belong to a customer: the check before a form is
    /// submitted. Invalid contacts fail with the field named (`contacts[0].value`).
    pub fn check_duplicates(&self, contacts: &[ContactInput]) -> Result<Vec<DuplicateContact>> {
        let validated = contacts
            .iter()
            .enumerate()
            .map(|(i, c)| {
                c.validate()
                    .map_err(|e| e.within(&format!("contacts[{i}]")))
            })
            .collect::<Result<Vec<_>, ValidationError>>()?;
        self.read(|tx| find_duplicates(tx, &validated, None, &[]))
    }
}
