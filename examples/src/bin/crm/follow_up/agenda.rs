//! `crm agenda` (今日待办): what a consultant has to do on a day, most urgent first; and
//! the demo's glimpse of the busiest consultant's agenda.

use crate::database::open_for_reading;
use crate::exit::Failure;
use crate::follow_up::args::AgendaArgs;
use crate::follow_up::text;
use crate::term::input;
use crate::term::output::Output;
use chrono::{DateTime, NaiveDate, Utc};
use crm_core::{
    urgency, AgendaItem, AgendaReason, CustomerFilter, CustomerId, DealershipZone, Importance,
    IntentLevel,
};
use crm_store::Store;
use serde::Serialize;
use std::path::Path;

/// How many items the demo's overview shows.
const OVERVIEW_TOP: usize = 5;

/// One agenda item with who owns it, whom it is about and why it is there.
#[derive(Debug, Serialize)]
pub struct Item {
    /// The consultant (`null`: the customer is unassigned).
    pub owner: Option<String>,
    /// The customer.
    pub customer_id: CustomerId,
    /// The customer's name.
    pub customer_name: String,
    /// Their importance.
    pub importance: Importance,
    /// Their intent level.
    pub intent: IntentLevel,
    /// Whether it is overdue now.
    pub overdue: bool,
    /// When it became due (UTC).
    pub due_at: DateTime<Utc>,
    /// The reason, in the library's serde form (`{"kind": "plan_overdue", ...}`).
    pub reason: AgendaReason,
    /// The reason in words.
    pub why: String,
}

/// An agenda: the counts of every item, the most urgent ones in full.
#[derive(Debug, Serialize)]
pub struct Agenda {
    /// The day.
    pub date: NaiveDate,
    /// The dealership's time zone.
    pub zone: String,
    /// The consultants (`null`: the unassigned customers).
    pub owners: Vec<Option<String>>,
    /// How many items in all.
    pub total: usize,
    /// How many by reason, in the order of [`REASONS`]; a reason without items is left
    /// out.
    pub counts: Counts,
    /// The most urgent items, at most `--limit`.
    pub items: Vec<Item>,
}

/// The demo's glimpse of one consultant's agenda today.
#[derive(Debug, Serialize)]
pub struct AgendaOverview {
    /// The consultant with the most items today.
    pub owner: String,
    /// The agenda, its top items only.
    #[serde(flatten)]
    pub agenda: Agenda,
}

/// The reasons an item is on the agenda, most pressing first: the order of the counts.
pub const REASONS: [&str; 6] = [
    "plan_overdue",
    "plan_due",
    "first_response",
    "cadence_due",
    "care_task",
    "wake_up_due",
];

/// How many items an agenda holds by reason (JSON: an object, keys in the order of
/// [`REASONS`]).
#[derive(Debug, Default)]
pub struct Counts(Vec<(&'static str, usize)>);

impl Counts {
    /// The counts of `codes`, one per item, by reason in the order of [`REASONS`].
    fn of<'a>(codes: impl Iterator<Item = &'a str> + Clone) -> Counts {
        Counts(
            REASONS
                .iter()
                .map(|reason| (*reason, codes.clone().filter(|c| c == reason).count()))
                .filter(|(_, n)| *n > 0)
                .collect(),
        )
    }

    /// Each reason with items and how many.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.0.iter().copied()
    }
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().copied())
    }
}

fn reason_code(r: &AgendaReason) -> &'static str {
    match r {
        AgendaReason::FirstResponse { .. } => "first_response",
        AgendaReason::PlanDue { .. } => "plan_due",
        AgendaReason::PlanOverdue { .. } => "plan_overdue",
        AgendaReason::CadenceDue { .. } => "cadence_due",
        AgendaReason::CareTask { .. } => "care_task",
        AgendaReason::WakeUpDue { .. } => "wake_up_due",
    }
}

/// The agenda of `owners` for `date`: every item counted, the first `limit` in full.
pub fn load(
    store: &Store,
    owners: &[Option<String>],
    date: NaiveDate,
    limit: usize,
) -> Result<Agenda, Failure> {
    let zone = store.settings()?.zone;
    let mut all: Vec<(Option<String>, AgendaItem)> = Vec::new();
    for owner in owners {
        all.extend(
            store
                .agenda(owner.as_deref(), date)?
                .into_iter()
                .map(|i| (owner.clone(), i)),
        );
    }
    all.sort_by(|a, b| urgency(&a.1, &b.1));
    let counts = Counts::of(all.iter().map(|(_, item)| reason_code(&item.reason)));
    let total = all.len();
    let items = all
        .into_iter()
        .take(limit)
        .map(|(owner, i)| {
            let customer = store.get_customer(&i.customer_id)?;
            Ok(Item {
                why: text::why(&i, &zone),
                owner,
                customer_name: customer.profile.name,
                customer_id: i.customer_id,
                importance: i.importance,
                intent: i.intent,
                overdue: i.overdue,
                due_at: i.due_at,
                reason: i.reason,
            })
        })
        .collect::<Result<_, Failure>>()?;
    Ok(Agenda {
        date,
        zone: zone.name().to_owned(),
        owners: owners.to_vec(),
        total,
        counts,
        items,
    })
}

/// Every consultant who owns an active customer, in id order.
fn all_owners(store: &Store) -> Result<Vec<String>, Failure> {
    let mut owners: Vec<String> = store
        .facet_counts(&CustomerFilter::default())?
        .owners
        .into_iter()
        .map(|f| f.value)
        .collect();
    owners.sort();
    Ok(owners)
}

/// Today in the dealership's zone.
fn today(zone: &DealershipZone) -> NaiveDate {
    zone.local_date(Utc::now())
}

impl AgendaOverview {
    /// Today's agenda of the consultant with the most items, or `None` without consultants.
    pub fn busiest(store: &Store) -> Result<Option<AgendaOverview>, Failure> {
        let date = today(&store.settings()?.zone);
        let mut best: Option<(String, usize)> = None;
        for owner in all_owners(store)? {
            let n = store.agenda(Some(&owner), date)?.len();
            if best.as_ref().is_none_or(|(_, m)| n > *m) {
                best = Some((owner, n));
            }
        }
        let Some((owner, _)) = best else {
            return Ok(None);
        };
        let agenda = load(store, &[Some(owner.clone())], date, OVERVIEW_TOP)?;
        Ok(Some(AgendaOverview { owner, agenda }))
    }
}

/// Runs `crm agenda`.
pub fn agenda(db: &Path, args: &AgendaArgs, output: Output) -> Result<(), Failure> {
    let date = args
        .date
        .as_deref()
        .map(|d| input::date("date", d))
        .transpose()?
        .flatten();
    let limit = input::limit(args.limit, 10_000, "a number of items from 1 to 10000")?;
    let store = open_for_reading(db)?;
    let date = match date {
        Some(d) => d,
        None => today(&store.settings()?.zone),
    };
    let mut owners: Vec<Option<String>> = if args.owners.is_empty() && !args.unassigned {
        all_owners(&store)?.into_iter().map(Some).collect()
    } else {
        args.owners.iter().cloned().map(Some).collect()
    };
    if args.unassigned {
        owners.push(None);
    }
    let agenda = load(&store, &owners, date, limit as usize)?;
    output.print(&agenda, || text::agenda(&agenda))
}

#[cfg(test)]
mod tests {
    use super::Counts;

    #[test]
    fn counts_go_most_pressing_first_and_leave_out_empty_reasons() {
        let codes = ["plan_due", "care_task", "plan_due", "plan_overdue"];
        let counts = Counts::of(codes.iter().copied());
        assert_eq!(
            counts.iter().collect::<Vec<_>>(),
            [("plan_overdue", 1), ("plan_due", 2), ("care_task", 1)]
        );
        assert_eq!(
            serde_json::to_string(&counts).unwrap(),
            r#"{"plan_overdue":1,"plan_due":2,"care_task":1}"#
        );
        assert_eq!(Counts::of([].iter().copied()).iter().count(), 0);
    }
}
