//! Errors about a customer's contacts named by their kind: the library names a contact by
//! its place in the list (`contacts[1].value`), the command line by the option of its kind
//! (`--phone`). [`by_contact_kind`] turns the place into the kind (`contacts.mobile.value`),
//! which `term/flags.rs` then names by its option (the `contacts.*` entries of
//! `customer/args.rs`).

use crate::exit::Failure;
use crm_core::{Code, ContactKind, ValidationError};
use crm_store::StoreError;

/// `path` with `contacts[i]` written as `contacts.KIND`, `kinds` being the kinds of the
/// customer's contacts in order; `None` when it names no contact of theirs.
fn by_kind(path: &str, kinds: &[ContactKind]) -> Option<String> {
    let rest = path.strip_prefix("contacts[")?;
    let (index, tail) = rest.split_once(']')?;
    let kind = kinds.get(index.parse::<usize>().ok()?)?;
    Some(format!("contacts.{}{tail}", kind.code()))
}

fn renamed(mut e: ValidationError, kinds: &[ContactKind]) -> ValidationError {
    if let Some(path) = by_kind(&e.field, kinds) {
        e.field = path;
    }
    e
}

/// `failure` with a contact it names written by the contact's kind (see the module docs);
/// any other failure unchanged.
pub fn by_contact_kind(failure: Failure, kinds: &[ContactKind]) -> Failure {
    match failure {
        Failure::Invalid(e) => Failure::Invalid(renamed(e, kinds)),
        Failure::Store(StoreError::Invalid(e)) => {
            Failure::Store(StoreError::Invalid(renamed(e, kinds)))
        }
        Failure::Store(StoreError::Duplicate { field, existing }) => {
            Failure::Store(StoreError::Duplicate {
                field: by_kind(&field, kinds).unwrap_or(field),
                existing,
            })
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_named_by_their_kind() {
        let kinds = [ContactKind::Wechat, ContactKind::Mobile];
        assert_eq!(
            by_kind("contacts[1].value", &kinds).as_deref(),
            Some("contacts.mobile.value")
        );
        assert_eq!(
            by_kind("contacts[0]", &kinds).as_deref(),
            Some("contacts.wechat")
        );
        assert_eq!(by_kind("contacts[2].value", &kinds), None);
        assert_eq!(by_kind("tags[3]", &kinds), None);
    }
}
