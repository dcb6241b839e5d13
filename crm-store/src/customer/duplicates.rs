//! Duplicate customers (撞单): a phone, WeChat ID or e-mail already in the book.

use crate::error::{Result, StoreError};
use crate::store::Store;
use crate::sync::contact_keys::{key_salt, registered};
use crm_core::{Contact, ContactInput, ContactKind, CustomerId, ValidationError};
use rusqlite::{Connection, OptionalExtension};

/// Who already has a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DuplicateHolder {
    /// A customer in this book: offer to open them.
    Customer(CustomerId),
    /// A customer outside this book (another consultant's), known from the dealership's
    /// keys as the last sync brought them, hashed: who and whose is not told. Saving anyway
    /// makes the record a duplicate claim at the next sync.
    AnotherConsultant,
}

/// A contact that already belongs to another customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateContact {
    /// The offending field: `contacts[1].value`.
    pub field: String,
    /// The contact's normalised key.
    pub key: String,
    /// Who has it.
    pub holder: DuplicateHolder,
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
                holder: DuplicateHolder::Customer(CustomerId(existing)),
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
        Some(DuplicateContact {
            field,
            holder: DuplicateHolder::Customer(existing),
            ..
        }) => Err(StoreError::Duplicate { field, existing }),
        _ => Ok(()),
    }
}

impl Store {
    /// Which of these contacts already belong to a customer: the check before a form is
    /// submitted. A customer of this book is named; a key that only the dealership's keys
    /// of the last sync know is [`DuplicateHolder::AnotherConsultant`] (offline, without
    /// their data). Invalid contacts fail with the field named (`contacts[0].value`).
    pub fn check_duplicates(&self, contacts: &[ContactInput]) -> Result<Vec<DuplicateContact>> {
        let validated = contacts
            .iter()
            .enumerate()
            .map(|(i, c)| {
                c.validate()
                    .map_err(|e| e.within(&format!("contacts[{i}]")))
            })
            .collect::<Result<Vec<_>, ValidationError>>()?;
        self.read(|tx| {
            let local = find_duplicates(tx, &validated, None, &[])?;
            let salt = key_salt(tx)?;
            let mut found = Vec::new();
            for (i, c) in validated.iter().enumerate() {
                let field = format!("contacts[{i}].value");
                if let Some(d) = local.iter().find(|d| d.field == field) {
                    found.push(d.clone());
                } else if let Some(salt) = &salt {
                    if identifies(c.kind) && registered(tx, salt, &c.key)? {
                        found.push(DuplicateContact {
                            field,
                            key: c.key.clone(),
                            holder: DuplicateHolder::AnotherConsultant,
                        });
                    }
                }
            }
            Ok(found)
        })
    }
}
