//! `crm follow-up ...`: log a follow-up (closing the open plan, setting the next), list,
//! show, edit and delete them.

use crate::customer::resolve::customer_id;
use crate::database::{open_existing, open_for_reading};
use crate::exit::Failure;
use crate::follow_up::args::{FollowUpAddArgs, FollowUpCommand, FollowUpEditArgs};
use crate::follow_up::input::{self, When};
use crate::follow_up::text;
use crate::term::input::clearable;
use crate::term::lang::{pick, say};
use crate::term::output::Output;
use crate::term::text::pad;
use chrono::Utc;
use crm_core::{FollowUpId, FollowUpPatch, NewFollowUp, NewPlan};
use serde::Serialize;
use std::path::Path;

/// Runs one `crm follow-up` command.
pub fn follow_up(db: &Path, command: &FollowUpCommand, output: Output) -> Result<(), Failure> {
    match command {
        FollowUpCommand::Add(args) => add(db, args, output),
        FollowUpCommand::List { customer } => {
            let store = open_for_reading(db)?;
            let id = customer_id(&store, customer)?;
            let customer = store.get_customer(&id)?;
            let list = store.follow_ups_of(&id)?;
            let zone = store.settings()?.zone;
            output.list(&list, None, || {
                text::follow_up_list(&customer.profile.name, &list, &zone)
            })
        }
        FollowUpCommand::Show { id } => {
            let store = open_for_reading(db)?;
            let record = store.get_follow_up(&FollowUpId::from(id.as_str()))?;
            let zone = store.settings()?.zone;
            output.print(&record, || text::follow_up_card(&record, &zone))
        }
        FollowUpCommand::Edit(args) => edit(db, args, output),
        FollowUpCommand::Delete { id } => {
            let store = open_existing(db)?;
            let id = FollowUpId::from(id.as_str());
            store.delete_follow_up(&id)?;
            output.deleted(pick("跟进记录", "follow-up"), &id)
        }
    }
}

/// The `--json` output of `follow-up add`.
#[derive(Debug, Serialize)]
struct Logged {
    follow_up: crm_core::FollowUpRecord,
    next_plan: Option<crm_core::Plan>,
}

fn add(db: &Path, args: &FollowUpAddArgs, output: Output) -> Result<(), Failure> {
    // Every option's shape is checked before the database is opened.
    let method = input::method("method", &args.method)?;
    let kind = input::kind("kind", &args.kind)?;
    let at = match &args.at {
        Some(t) => input::instant_only("at", t)?,
        None => When::Now,
    };
    let next_time = args
        .next
        .next_time
        .as_deref()
        .map(|t| When::parse("next.time", t))
        .transpose()?;
    let next_method = args
        .next
        .next_method
        .as_deref()
        .map(|m| input::method("next.method", m))
        .transpose()?
        .unwrap_or(method);

    let store = open_existing(db)?;
    let id = customer_id(&store, &args.customer)?;
    let customer = store.get_customer(&id)?;
    let zone = store.settings()?.zone;
    let now = Utc::now();
    let mut new = NewFollowUp::new(
        id.clone(),
        method,
        kind,
        at.instant("at", &zone, now)?,
        args.said.clone(),
    );
    new.feedback = args.feedback.clone();
    new.problems = args.problems.clone();
    new.questions = args.questions.clone();
    new.consultant = args.by.clone().or(customer.profile.owner.clone());
    let next = match next_time {
        Some(when) => Some(NewPlan {
            customer_id: id.clone(),
            time: when.plan_time("next.time", &zone, now)?,
            method: next_method,
            // A missing purpose fails in the store as `next.purpose is required`.
            purpose: args.next.next_purpose.clone().unwrap_or_default(),
            content: args.next.next_content.clone(),
        }),
        None => None,
    };
    // One transaction: the follow-up, the closed plan, the next plan, or nothing at all.
    let (follow_up, next_plan) = store.log_follow_up(&id, &new, next.as_ref())?;
    let logged = Logged {
        follow_up,
        next_plan,
    };
    output.print(&logged, || {
        let mut out = say!(
            "已记录与 {} 的跟进\n",
            "logged with {}\n",
            customer.profile.name
        );
        out.push_str(&text::follow_up_card(&logged.follow_up, &zone));
        if let Some(plan) = &logged.next_plan {
            out.push_str(&format!(
                "  {} {}\n",
                pad(pick("下次跟进", "next"), 13),
                text::plan_line(plan, &zone)
            ));
        }
        out
    })
}

fn edit(db: &Path, args: &FollowUpEditArgs, output: Output) -> Result<(), Failure> {
    let method = args
        .method
        .as_deref()
        .map(|m| input::method("method", m))
        .transpose()?;
    let kind = args
        .kind
        .as_deref()
        .map(|k| input::kind("kind", k))
        .transpose()?;
    let at = args
        .at
        .as_deref()
        .map(|t| input::instant_only("at", t))
        .transpose()?;
    let mut patch = FollowUpPatch {
        method,
        kind,
        content: args.said.clone(),
        feedback: clearable(&args.feedback),
        problems: clearable(&args.problems),
        questions: clearable(&args.questions),
        ..Default::default()
    };
    if patch.is_empty() && at.is_none() {
        return Err(Failure::NothingToChange);
    }
    let store = open_existing(db)?;
    let zone = store.settings()?.zone;
    if let Some(at) = at {
        patch.at = Some(at.instant("at", &zone, Utc::now())?);
    }
    let id = FollowUpId::from(args.id.as_str());
    let version = match args.expect_version {
        Some(v) => v,
        None => store.get_follow_up(&id)?.version,
    };
    let record = store.update_follow_up(&id, version, &patch)?;
    output.print(&record, || text::follow_up_card(&record, &zone))
}
