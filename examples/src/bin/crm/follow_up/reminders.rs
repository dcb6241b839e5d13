//! `crm reminders`: the reminders that fire in a window (what a phone schedules), or the
//! reminder ids added and cancelled since a sync token.

use crate::database::open_for_reading;
use crate::exit::Failure;
use crate::follow_up::args::RemindersArgs;
use crate::follow_up::input::When;
use crate::follow_up::text;
use crate::term::output::Output;
use chrono::{Duration, Utc};
use crm_core::{Reminder, ReminderId};
use serde::Serialize;
use std::path::Path;

/// A reminder with its customer's name.
#[derive(Debug, Serialize)]
struct NamedReminder {
    #[serde(flatten)]
    reminder: Reminder,
    customer_name: String,
}

/// `reminders --since` as JSON, fields in this order.
#[derive(Serialize)]
struct Changes<'a> {
    added: &'a [ReminderId],
    cancelled: &'a [ReminderId],
    full_refresh: bool,
    token: &'a str,
}

/// Runs `crm reminders`.
pub fn reminders(db: &Path, args: &RemindersArgs, output: Output) -> Result<(), Failure> {
    if let Some(token) = &args.since {
        let store = open_for_reading(db)?;
        let changes = store.reminder_changes_since(Some(token.trim()))?;
        let json = Changes {
            added: &changes.added,
            cancelled: &changes.cancelled,
            full_refresh: changes.full_refresh,
            token: &changes.token,
        };
        return output.print(&json, || text::reminder_changes(&changes));
    }
    let from = args
        .from
        .as_deref()
        .map(|t| When::parse("from", t))
        .transpose()?
        .unwrap_or(When::Now);
    let to = args
        .to
        .as_deref()
        .map(|t| When::parse("to", t))
        .transpose()?;
    let store = open_for_reading(db)?;
    let zone = store.settings()?.zone;
    let now = Utc::now();
    let from = from.instant("from", &zone, now)?;
    let to = match to {
        Some(t) => t.instant("to", &zone, now)?,
        None => from + Duration::hours(24),
    };
    if to <= from {
        return Err(crm_core::ValidationError::new(
            "to",
            crm_core::Rule::Malformed {
                expected: "an instant after from",
            },
        )
        .into());
    }
    let list = store
        .reminders(from, to, args.owner.as_deref())?
        .into_iter()
        .map(|reminder| {
            let customer_name = store.get_customer(&reminder.customer_id)?.profile.name;
            Ok(NamedReminder {
                reminder,
                customer_name,
            })
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    output.list(&list, None, || {
        text::reminders(
            list.iter().map(|n| (&n.reminder, n.customer_name.as_str())),
            &zone,
        )
    })
}
