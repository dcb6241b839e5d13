//! One person in two records (撞单): `crm customer check-duplicates` before adding someone,
//! `crm customer merge` after the fact.

use crate::customer::args::CheckArgs;
use crate::customer::options::by_contact_kind;
use crate::customer::resolve::customer_id;
use crate::customer::run::print_customer;
use crate::customer::text;
use crate::database::{open_existing, open_for_reading};
use crate::exit::Failure;
use crate::term::output::Output;
use crm_core::{ContactInput, ContactKind, CustomerId, Rule, ValidationError};
use crm_store::DuplicateHolder;
use serde::Serialize;
use std::path::Path;

/// One contact checked.
#[derive(Debug, Serialize)]
pub struct ContactCheck {
    /// The option it was given with: `phone`, `landline`, `wechat`, `email`.
    pub option: &'static str,
    /// As typed.
    pub value: String,
    /// The normalised key contacts are matched on (`+8613812345678`).
    pub key: String,
    /// The customer who already has it; `null` when free.
    pub existing: Option<CustomerId>,
    /// That customer's name.
    pub existing_name: Option<String>,
    /// Registered to another consultant's customer (known from the dealership's keys of the
    /// last sync, hashed: who is not told).
    pub another_consultant: bool,
}

/// Runs `crm customer check-duplicates`: for each contact given, who already has it.
pub fn check(db: &Path, args: &CheckArgs, output: Output) -> Result<(), Failure> {
    // In the order `customer add` takes them, so errors name the same `contacts[i]`.
    let given: Vec<(&'static str, ContactInput)> = [
        ("phone", ContactKind::Mobile, &args.phone),
        ("landline", ContactKind::Landline, &args.landline),
        ("wechat", ContactKind::Wechat, &args.wechat),
        ("email", ContactKind::Email, &args.email),
    ]
    .into_iter()
    .filter_map(|(option, kind, value)| {
        value
            .as_ref()
            .map(|v| (option, ContactInput::new(kind, v.as_str())))
    })
    .collect();
    // Checked before the database is opened; the keys are shown with the answer.
    let keys = given
        .iter()
        .enumerate()
        .map(|(i, (_, c))| {
            c.validate()
                .map(|valid| valid.key)
                .map_err(|e| e.within(&format!("contacts[{i}]")))
        })
        .collect::<Result<Vec<_>, ValidationError>>()
        .map_err(|e| {
            let kinds: Vec<ContactKind> = given.iter().map(|(_, c)| c.kind).collect();
            by_contact_kind(e.into(), &kinds)
        })?;
    let store = open_for_reading(db)?;
    let inputs: Vec<ContactInput> = given.iter().map(|(_, c)| c.clone()).collect();
    let duplicates = store.check_duplicates(&inputs)?;
    let mut checks = Vec::with_capacity(given.len());
    for (i, ((option, input), key)) in given.into_iter().zip(keys).enumerate() {
        let field = format!("contacts[{i}].value");
        let holder = duplicates
            .iter()
            .find(|d| d.field == field)
            .map(|d| d.holder.clone());
        let existing = match &holder {
            Some(DuplicateHolder::Customer(id)) => Some(id.clone()),
            _ => None,
        };
        let existing_name = match &existing {
            Some(id) => store.get_customer(id).ok().map(|c| c.profile.name),
            None => None,
        };
        checks.push(ContactCheck {
            option,
            value: input.value,
            key,
            existing,
            existing_name,
            another_consultant: holder == Some(DuplicateHolder::AnotherConsultant),
        });
    }
    output.list(&checks, None, || text::contact_checks(&checks))
}

/// Runs `crm customer merge KEEP OTHER` at the versions stored now.
pub fn merge(db: &Path, keep: &str, other: &str, output: Output) -> Result<(), Failure> {
    let store = open_existing(db)?;
    let (keep, other) = (customer_id(&store, keep)?, customer_id(&store, other)?);
    if keep == other {
        return Err(ValidationError::new("other", Rule::Conflicts { with: "keep" }).into());
    }
    let keep_version = store.get_customer(&keep)?.version;
    let other_version = store.get_customer(&other)?.version;
    let merged = store.merge_customers(&keep, keep_version, &other, other_version)?;
    print_customer(output, &merged)
}
