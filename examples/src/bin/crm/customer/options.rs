//! Errors about a customer's fields, named by the option a person typed (`--phone`), not
//! by the library's path to the field (`contacts[0].value`). The one table from paths to
//! options is [`OPTIONS`]; `customer add`, `customer edit` and `customer check-duplicates`
//! pass their failures through [`by_option`].

use crate::exit::Failure;
use crm_core::{Code, ContactKind, ValidationError};
use crm_store::StoreError;

/// The library's field (the path's first part; a contact by its kind) and the option that
/// sets it.
const OPTIONS: &[(&str, &str)] = &[
    ("name", "--name"),
    ("gender", "--gender"),
    ("birthday", "--birthday"),
    ("occupation", "--occupation"),
    ("region", "--region"),
    ("notes", "--notes"),
    ("source.referrer_name", "--source referral:NAME"),
    ("source", "--source"),
    ("tags", "--tag"),
    ("owner", "--owner"),
    ("contacts.mobile", "--phone"),
    ("contacts.landline", "--landline"),
    ("contacts.wechat", "--wechat"),
    ("contacts.email", "--email"),
    ("contacts", "--phone, --landline, --wechat or --email"),
];

/// The option that sets the field at `path`; `kinds` are the kinds of the customer's
/// contacts in order, so that `contacts[i]` finds its option. `None` for a field no option
/// sets.
fn option_of(path: &str, kinds: &[ContactKind]) -> Option<&'static str> {
    let head = path.split(['.', '[']).next().unwrap_or(path);
    let key = match path.strip_prefix("contacts[") {
        Some(rest) => {
            let index: usize = rest.split(']').next()?.parse().ok()?;
            format!("contacts.{}", kinds.get(index)?.code())
        }
        None => head.to_owned(),
    };
    let option = |key: &str| {
        OPTIONS
            .iter()
            .find(|(field, _)| *field == key)
            .map(|(_, option)| *option)
    };
    option(path).or_else(|| option(&key))
}

/// `e` naming the option instead of the field, when an option sets it.
fn renamed(mut e: ValidationError, kinds: &[ContactKind]) -> ValidationError {
    if let Some(option) = option_of(&e.field, kinds) {
        e.field = option.to_owned();
    }
    e
}

/// `failure` with its invalid field named by the option that sets it (see [`OPTIONS`]);
/// any other failure unchanged.
pub fn by_option(failure: Failure, kinds: &[ContactKind]) -> Failure {
    match failure {
        Failure::Invalid(e) => Failure::Invalid(renamed(e, kinds)),
        Failure::Store(StoreError::Invalid(e)) => {
            Failure::Store(StoreError::Invalid(renamed(e, kinds)))
        }
        Failure::Store(StoreError::Duplicate { field, existing }) => {
            Failure::Store(StoreError::Duplicate {
                field: option_of(&field, kinds).map_or(field, str::to_owned),
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
    fn fields_are_named_by_their_options_and_contacts_by_their_kind() {
        let kinds = [ContactKind::Wechat, ContactKind::Mobile];
        assert_eq!(option_of("contacts[1].value", &kinds), Some("--phone"));
        assert_eq!(option_of("contacts[0].value", &kinds), Some("--wechat"));
        assert_eq!(option_of("contacts[2].value", &kinds), None);
        assert_eq!(option_of("tags[3]", &kinds), Some("--tag"));
        assert_eq!(
            option_of("source.referrer_name", &kinds),
            Some("--source referral:NAME")
        );
        assert_eq!(option_of("source.description", &kinds), Some("--source"));
        assert_eq!(option_of("version", &kinds), None);
    }
}
