//! `crm plan ...`: a customer's pending follow-up plan (下次跟进计划): show, set, edit,
//! reschedule, cancel, done. Every command names the customer; the store keeps at most one
//! pending plan per customer.

use crate::customer::resolve::customer_id;
use crate::database::{open_existing, open_for_reading};
use crate::exit::Failure;
use crate::follow_up::args::PlanCommand;
use crate::follow_up::input::{method as method_of, When};
use crate::follow_up::text::plan_card;
use crate::term::output::Output;
use chrono::Utc;
use crm_core::{CustomerId, NewPlan, Plan, PlanPatch};
use crm_store::{Store, StoreError};
use std::path::Path;

/// Runs one `crm plan` command.
pub fn plan(db: &Path, command: &PlanCommand, output: Output) -> Result<(), Failure> {
    match command {
        PlanCommand::Show { customer, all } => {
            let store = open_for_reading(db)?;
            let id = customer_id(&store, customer)?;
            let plans = if *all {
                store.plans_of(&id)?
            } else {
                vec![pending(&store, &id)?]
            };
            print_plans(&store, output, &plans, !*all)
        }
        PlanCommand::Set {
            customer,
            at,
            method,
            purpose,
            content,
        } => {
            let when = When::parse("time", at)?;
            let method = method_of("method", method)?;
            let store = open_existing(db)?;
            let zone = store.settings()?.zone;
            let plan = store.set_plan(&NewPlan {
                customer_id: customer_id(&store, customer)?,
                time: when.plan_time("time", &zone, Utc::now())?,
                method,
                purpose: purpose.clone(),
                content: content.clone(),
            })?;
            print_plans(&store, output, &[plan], true)
        }
        PlanCommand::Reschedule {
            customer,
            to,
            reason,
            expect_version,
        } => {
            let when = When::parse("time", to)?;
            let store = open_existing(db)?;
            let zone = store.settings()?.zone;
            let (plan, version) = pending_at(&store, customer, *expect_version)?;
            let to = when.plan_time("time", &zone, Utc::now())?;
            let moved = store.reschedule_plan(&plan.id, version, to, reason.as_deref())?;
            print_plans(&store, output, &[moved], true)
        }
        PlanCommand::Edit {
            customer,
            method,
            purpose,
            content,
            expect_version,
        } => {
            let patch = PlanPatch {
                method: method
                    .as_deref()
                    .map(|m| method_of("method", m))
                    .transpose()?,
                purpose: purpose.clone(),
                content: content
                    .as_deref()
                    .map(|c| (!c.is_empty()).then(|| c.to_owned())),
            };
            let store = open_existing(db)?;
            let (plan, version) = pending_at(&store, customer, *expect_version)?;
            let edited = store.update_plan(&plan.id, version, &patch)?;
            print_plans(&store, output, &[edited], true)
        }
        PlanCommand::Cancel {
            customer,
            reason,
            expect_version,
        } => {
            let store = open_existing(db)?;
            let (plan, version) = pending_at(&store, customer, *expect_version)?;
            let cancelled = store.cancel_plan(&plan.id, version, reason)?;
            print_plans(&store, output, &[cancelled], true)
        }
        PlanCommand::Done {
            customer,
            expect_version,
        } => {
            let store = open_existing(db)?;
            let (plan, version) = pending_at(&store, customer, *expect_version)?;
            let done = store.complete_plan(&plan.id, version)?;
            print_plans(&store, output, &[done], true)
        }
    }
}

/// Customer `id`'s pending plan; a missing customer or plan is not found (exit 3).
fn pending(store: &Store, id: &CustomerId) -> Result<Plan, Failure> {
    store.get_customer(id)?;
    store.open_plan(id)?.ok_or_else(|| {
        StoreError::NotFound {
            entity: "pending plan of customer",
            id: id.to_string(),
        }
        .into()
    })
}

/// The pending plan of `customer` (see [`pending`]) and the version to expect of it: the
/// one given, else the plan's own.
fn pending_at(
    store: &Store,
    customer: &str,
    expect_version: Option<u64>,
) -> Result<(Plan, u64), Failure> {
    let plan = pending(store, &customer_id(store, customer)?)?;
    let version = expect_version.unwrap_or(plan.version);
    Ok((plan, version))
}

/// One plan (`single`: printed as an object in JSON) or a list.
fn print_plans(store: &Store, output: Output, plans: &[Plan], single: bool) -> Result<(), Failure> {
    let zone = store.settings()?.zone;
    let text = || {
        plans
            .iter()
            .map(|p| plan_card(p, &zone))
            .collect::<String>()
    };
    match plans {
        [one] if single => output.print(one, text),
        _ => output.list(plans, None, text),
    }
}
