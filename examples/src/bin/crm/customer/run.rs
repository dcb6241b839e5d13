//! `crm customer ...`: add, show, edit, archive, restore, delete, set the intent level
//! (list is `find/list.rs`, merge and check-duplicates `duplicates.rs`).

use crate::customer::args::{AddArgs, CustomerCommand, EditArgs, VersionedId};
use crate::customer::options::by_contact_kind;
use crate::customer::resolve::customer_id;
use crate::customer::{duplicates, export, input, text};
use crate::database::{open_existing, open_for_reading, open_or_create};
use crate::exit::Failure;
use crate::find;
use crate::follow_up::input::intent_level;
use crate::term::input::date;
use crate::term::lang::pick;
use crate::term::output::Output;
use chrono::Utc;
use crm_core::{
    tag_key, ContactInput, ContactKind, Customer, CustomerId, CustomerPatch, NewCustomer,
    SourceChannel,
};
use crm_store::{Store, WriteOptions};
use std::path::Path;

/// Runs one `crm customer` command.
pub fn customer(db: &Path, command: &CustomerCommand, output: Output) -> Result<(), Failure> {
    match command {
        CustomerCommand::Add(args) => add(db, args, output),
        CustomerCommand::Show { id } => {
            let store = open_for_reading(db)?;
            let customer = store.get_customer(&customer_id(&store, id)?)?;
            print_customer(output, &customer)
        }
        CustomerCommand::List(args) => find::list(db, args, output),
        CustomerCommand::Edit(args) => edit(db, args, output),
        CustomerCommand::Release(args) => crate::pool::release(db, args, output),
        CustomerCommand::Archive(target) => {
            let store = open_existing(db)?;
            let (id, version) = resolve(&store, target)?;
            print_customer(output, &store.archive_customer(&id, version)?)
        }
        CustomerCommand::Restore(target) => {
            let store = open_existing(db)?;
            let (id, version) = resolve(&store, target)?;
            print_customer(output, &store.restore_customer(&id, version)?)
        }
        CustomerCommand::Delete { id } => {
            let store = open_existing(db)?;
            let id = customer_id(&store, id)?;
            store.delete_customer(&id)?;
            output.deleted(pick("客户", "customer"), &id)
        }
        CustomerCommand::Export { id } => export::export(db, id),
        CustomerCommand::Erase(args) => crate::privacy::erase(db, args, output),
        CustomerCommand::Merge { keep, other } => duplicates::merge(db, keep, other, output),
        CustomerCommand::CheckDuplicates(args) => duplicates::check(db, args, output),
        CustomerCommand::Intent {
            id,
            level,
            expect_version,
        } => {
            // Checked before the database is opened.
            let level = intent_level(level)?;
            let store = open_existing(db)?;
            let target = VersionedId {
                id: id.clone(),
                expect_version: *expect_version,
            };
            let (id, version) = resolve(&store, &target)?;
            print_customer(output, &store.set_intent_level(&id, version, level, None)?)
        }
    }
}

fn write_options(allow_duplicates: bool) -> WriteOptions {
    WriteOptions { allow_duplicates }
}

/// Prints one customer: its card, or its JSON.
pub fn print_customer(output: Output, customer: &Customer) -> Result<(), Failure> {
    output.print(customer, || text::customer_card(customer))
}

/// The id and the version to expect: the one given, or the one stored now.
fn resolve(store: &Store, target: &VersionedId) -> Result<(CustomerId, u64), Failure> {
    let id = customer_id(store, &target.id)?;
    let version = match target.expect_version {
        Some(v) => v,
        None => store.get_customer(&id)?.version,
    };
    Ok((id, version))
}

/// The new customer the options describe. The first contact given is the primary one.
fn new_customer(args: &AddArgs) -> Result<NewCustomer, Failure> {
    let contacts: Vec<ContactInput> = [
        (ContactKind::Mobile, &args.phone),
        (ContactKind::Landline, &args.landline),
        (ContactKind::Wechat, &args.wechat),
        (ContactKind::Email, &args.email),
    ]
    .into_iter()
    .filter_map(|(kind, value)| value.as_ref().map(|v| ContactInput::new(kind, v.as_str())))
    .enumerate()
    .map(|(i, c)| if i == 0 { c.primary() } else { c })
    .collect();
    Ok(NewCustomer {
        name: args.name.clone(),
        gender: args
            .gender
            .as_deref()
            .map(input::gender)
            .transpose()?
            .unwrap_or_default(),
        birthday: args
            .birthday
            .as_deref()
            .map(|b| date("birthday", b))
            .transpose()?
            .flatten(),
        age_band: None,
        occupation: args.occupation.clone(),
        region: args
            .region
            .as_deref()
            .map(input::region)
            .transpose()?
            .unwrap_or_default(),
        notes: args.notes.clone(),
        contacts,
        source: args
            .source
            .as_deref()
            .map(input::source)
            .transpose()?
            .unwrap_or(SourceChannel::ShowroomWalkIn),
        first_contact: None,
        tags: args.tags.clone(),
        importance: input::importance(args.important, args.key, false).unwrap_or_default(),
        owner: args.owner.clone(),
    })
}

fn add(db: &Path, args: &AddArgs, output: Output) -> Result<(), Failure> {
    let new = new_customer(args)?;
    let kinds: Vec<ContactKind> = new.contacts.iter().map(|c| c.kind).collect();
    let customer = (|| {
        // Validate before opening (and perhaps creating) the file: bad input writes nothing.
        new.validate(Utc::now())?;
        let store = open_or_create(db)?;
        Ok(store.create_customer_with(&new, write_options(args.allow_duplicate))?)
    })()
    .map_err(|f| by_contact_kind(f, &kinds))?;
    print_customer(output, &customer)
}

/// Replaces the first contact of `kind` with `value`, adds one when there is none, or
/// removes it when `value` is empty.
fn set_contact(contacts: &mut Vec<ContactInput>, kind: ContactKind, value: &str) {
    let position = contacts.iter().position(|c| c.kind == kind);
    match (position, value.trim().is_empty()) {
        (Some(i), true) => {
            contacts.remove(i);
        }
        (Some(i), false) => contacts[i].value = value.to_owned(),
        (None, true) => {}
        (None, false) => contacts.push(ContactInput::new(kind, value)),
    }
}

/// The patch the edit options describe, against the `current` customer (for contacts and
/// tags, which a patch replaces whole).
fn patch(args: &EditArgs, current: &Customer) -> Result<CustomerPatch, Failure> {
    let p = &current.profile;
    let mut patch = CustomerPatch {
        name: args.name.clone(),
        gender: args.gender.as_deref().map(input::gender).transpose()?,
        birthday: args
            .birthday
            .as_deref()
            .map(|b| date("birthday", b))
            .transpose()?,
        occupation: args.occupation.clone().map(Some),
        region: args.region.as_deref().map(input::region).transpose()?,
        notes: args.notes.clone().map(Some),
        source: args.source.as_deref().map(input::source).transpose()?,
        importance: input::importance(args.important, args.key, args.normal),
        owner: args.owner.clone().map(Some),
        ..CustomerPatch::default()
    };
    // A birthday replaces an age band.
    if matches!(patch.birthday, Some(Some(_))) && p.age_band.is_some() {
        patch.age_band = Some(None);
    }
    let edits = [
        (ContactKind::Mobile, &args.phone),
        (ContactKind::Landline, &args.landline),
        (ContactKind::Wechat, &args.wechat),
        (ContactKind::Email, &args.email),
    ];
    if edits.iter().any(|(_, v)| v.is_some()) {
        let mut contacts: Vec<ContactInput> = p.contacts.iter().map(ContactInput::from).collect();
        for (kind, value) in edits {
            if let Some(value) = value {
                set_contact(&mut contacts, kind, value);
            }
        }
        patch.contacts = Some(contacts);
    }
    if !args.tags.is_empty() || !args.add_tags.is_empty() || !args.remove_tags.is_empty() {
        let mut tags = if args.tags.is_empty() {
            p.tags.clone()
        } else {
            args.tags.clone()
        };
        tags.extend(args.add_tags.iter().cloned());
        let removed: Vec<String> = args.remove_tags.iter().map(|t| tag_key(t)).collect();
        tags.retain(|t| !removed.contains(&tag_key(t)));
        patch.tags = Some(tags);
    }
    Ok(patch)
}

fn edit(db: &Path, args: &EditArgs, output: Output) -> Result<(), Failure> {
    let store = open_existing(db)?;
    let id = customer_id(&store, &args.target.id)?;
    let current = store.get_customer(&id)?;
    let patch = patch(args, &current)?;
    if patch.is_empty() {
        return Err(Failure::NothingToChange);
    }
    let kinds: Vec<ContactKind> = match &patch.contacts {
        Some(contacts) => contacts.iter().map(|c| c.kind).collect(),
        None => current.profile.contacts.iter().map(|c| c.kind).collect(),
    };
    let expected = args.target.expect_version.unwrap_or(current.version);
    let options = write_options(args.allow_duplicate);
    let updated = store
        .update_customer_with(&id, expected, &patch, options)
        .map_err(|e| by_contact_kind(e.into(), &kinds))?;
    print_customer(output, &updated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_replaced_added_or_removed_by_kind() {
        let mut contacts = vec![ContactInput::new(ContactKind::Mobile, "13812345678").primary()];
        set_contact(&mut contacts, ContactKind::Mobile, "139 1234 5678");
        set_contact(&mut contacts, ContactKind::Wechat, "zhangsan88");
        assert_eq!(contacts.len(), 2);
        assert_eq!(contacts[0].value, "139 1234 5678");
        assert!(contacts[0].primary);
        set_contact(&mut contacts, ContactKind::Wechat, "");
        set_contact(&mut contacts, ContactKind::Email, "");
        assert_eq!(contacts.len(), 1);
    }
}
