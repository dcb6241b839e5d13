//! Property tests of the agenda against a naive oracle written from the rules' wording, with
//! local dates read from the raw zone rules.
#![cfg(feature = "proptest")]

use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use crm_core::strategies::{
    customer::any_importance, follow_up::cadence_config, follow_up::intent_level,
    follow_up::plan_for, time::dealership_zone,
};
use crm_core::{
    agenda, AgendaCustomer, AgendaFacts, AgendaItem, AgendaReason, AgendaStanding, CadenceConfig,
    DealershipZone, Importance, IntentLevel, PipelineStatus, PlanTime, Stage,
};
use proptest::prelude::*;
use proptest::sample::select;
use std::collections::{BTreeSet, HashMap};

/// The local date of `t` from the raw rules (the wall clock's date: the zones used here have
/// not set clocks back across midnight since 2011).
fn raw_date(zone: &DealershipZone, t: DateTime<Utc>) -> NaiveDate {
    let tz: Tz = zone.name().parse().unwrap();
    let offset = tz.offset_from_utc_datetime(&t.naive_utc()).fix();
    (t.naive_utc() + Duration::seconds(i64::from(offset.local_minus_utc()))).date()
}

#[derive(Debug, Clone)]
struct Case {
    zone: DealershipZone,
    config: CadenceConfig,
    now: DateTime<Utc>,
    date: NaiveDate,
    facts: AgendaFacts,
    /// Each customer's pipeline status and the wake-up date their facts were made from.
    pipeline: HashMap<String, (PipelineStatus, Option<NaiveDate>)>,
}

/// A customer, with the pipeline status and wake-up date their standing was made from.
type CustomerCase = (AgendaCustomer, PipelineStatus, Option<NaiveDate>);

fn customer(id: String, now: DateTime<Utc>) -> impl Strategy<Value = CustomerCase> {
    (
        any_importance(),
        intent_level(),
        0i64..(60 * 24 * 60),
        prop::option::of(0.0f64..1.0),
        prop::option::of(0.0f64..1.0),
        prop_oneof![3 => Just(PipelineStatus::InStage(Stage::Contacted)), 2 => select(PipelineStatus::ALL.to_vec())],
        prop::option::of(-10i64..10),
    )
        .prop_map(move |(importance, intent, age, first, last, pipeline, wake_in)| {
            let created_at = now - Duration::minutes(age);
            let between = |f: f64| created_at + Duration::minutes((age as f64 * f) as i64);
            // Any status may come with a date: only a dormant customer's counts.
            let wake_on = wake_in.map(|d| now.date_naive() + Duration::days(d));
            let customer = AgendaCustomer {
                id: id.clone().into(),
                importance,
                intent,
                created_at,
                first_contact_at: first.map(between),
                last_contact_at: last.map(between),
                standing: AgendaStanding::of(pipeline, wake_on),
            };
            (customer, pipeline, wake_on)
        })
}

fn case() -> impl Strategy<Value = Case> {
    (
        dealership_zone(),
        cadence_config(),
        1_704_067_200i64..1_893_456_000, // 2024 to 2030
        0u64..3,
        0usize..12,
    )
        .prop_flat_map(|(zone, config, secs, ahead, n)| {
            let now = DateTime::<Utc>::from_timestamp(secs, 0).unwrap();
            let date = raw_date(&zone, now) + chrono::Days::new(ahead);
            let ids: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
            let customers: Vec<_> = ids.iter().map(|id| customer(id.clone(), now)).collect();
            // Plans for these customers and for one the facts do not list.
            let mut plan_owners = ids.clone();
            plan_owners.push("ghost".into());
            let plans =
                prop::collection::vec(plan_for(plan_owners, now - Duration::days(10), 20), 0..10);
            (
                Just(zone),
                Just(config),
                Just(now),
                Just(date),
                customers,
                plans,
            )
        })
        .prop_map(|(zone, config, now, date, customers, mut plans)| {
            for (i, p) in plans.iter_mut().enumerate() {
                p.id = format!("p{i}").into();
            }
            let pipeline = customers
                .iter()
                .map(|(c, status, wake_on)| (c.id.0.clone(), (*status, *wake_on)))
                .collect();
            Case {
                zone,
                config,
                now,
                date,
                facts: AgendaFacts {
                    customers: customers.into_iter().map(|(c, _, _)| c).collect(),
                    plans,
                    care_tasks: vec![],
                },
                pipeline,
            }
        })
}

/// What each item says, without the order.
fn summary(items: &[AgendaItem]) -> BTreeSet<String> {
    items
        .iter()
        .map(|i| {
            let why = match &i.reason {
                AgendaReason::FirstResponse { deadline } => format!("first-response {deadline}"),
                AgendaReason::PlanDue { plan_id, .. } => format!("due {plan_id}"),
                AgendaReason::PlanOverdue {
                    plan_id,
                    days_overdue,
                    ..
                } => format!("overdue {plan_id} by {days_overdue}"),
                AgendaReason::CadenceDue {
                    due_on,
                    days_overdue,
                } => format!("cadence {due_on} late {days_overdue}"),
                AgendaReason::CareTask {
                    key, days_overdue, ..
                } => format!("care {key} late {days_overdue}"),
                AgendaReason::WakeUpDue {
                    wake_on,
                    days_overdue,
                } => format!("wake-up {wake_on} late {days_overdue}"),
            };
            format!(
                "{} {:?} {:?} overdue={} {why}",
                i.customer_id, i.importance, i.intent, i.overdue
            )
        })
        .collect()
}

/// The rules, written out again the simple way.
fn oracle(c: &Case) -> BTreeSet<String> {
    let today = raw_date(&c.zone, c.now);
    let mut out = BTreeSet::new();
    let pending: Vec<_> = c.facts.plans.iter().filter(|p| p.is_pending()).collect();
    for p in &pending {
        let who = c.facts.customers.iter().find(|x| x.id == p.customer_id);
        let (importance, intent) = who.map_or((Importance::Normal, IntentLevel::N), |x| {
            (x.importance, x.intent)
        });
        let (plan_date, overdue) = match p.time {
            PlanTime::At(t) => (raw_date(&c.zone, t), c.now > t),
            PlanTime::OnDate(d) => (d, today > d),
        };
        let why = if overdue {
            format!("overdue {} by {}", p.id, (today - plan_date).num_days())
        } else if plan_date <= c.date {
            format!("due {}", p.id)
        } else {
            continue;
        };
        out.insert(format!(
            "{} {importance:?} {intent:?} overdue={overdue} {why}",
            p.customer_id
        ));
    }
    for x in &c.facts.customers {
        // Lost, dormant and delivered customers are out of the sales cadence; a dormant one
        // whose wake-up date has come is due again.
        let (status, wake_on) = c.pipeline[&x.id.0];
        match status {
            PipelineStatus::Lost | PipelineStatus::InStage(Stage::Delivered) => continue,
            PipelineStatus::Dormant => {
                if let Some(on) = wake_on.filter(|on| *on <= c.date) {
                    let late = (today - on).num_days().max(0);
                    out.insert(format!(
                        "{} {:?} {:?} overdue={} wake-up {on} late {late}",
                        x.id,
                        x.importance,
                        x.intent,
                        on < today
                    ));
                }
                continue;
            }
            _ => {}
        }
        let touch = match (x.first_contact_at, x.last_contact_at) {
            (None, None) => None,
            (a, b) => a.max(b),
        };
        let line = match touch {
            None => {
                let deadline =
                    x.created_at + Duration::minutes(i64::from(c.config.first_response_minutes));
                let overdue = c.now > deadline;
                format!("overdue={overdue} first-response {deadline}")
            }
            Some(t) => {
                if pending.iter().any(|p| p.customer_id == x.id) {
                    continue;
                }
                let days = match x.intent {
                    IntentLevel::N => c.config.n_days,
                    IntentLevel::H => c.config.h_days,
                    IntentLevel::A => c.config.a_days,
                    IntentLevel::B => c.config.b_days,
                    IntentLevel::C => c.config.c_days,
                    IntentLevel::O => c.config.o_days,
                };
                let due = raw_date(&c.zone, t) + Duration::days(i64::from(days));
                if due > c.date {
                    continue;
                }
                let late = (today - due).num_days().max(0);
                format!("overdue={} cadence {due} late {late}", due < today)
            }
        };
        out.insert(format!("{} {:?} {:?} {line}", x.id, x.importance, x.intent));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_agenda_holds_exactly_what_the_rules_say(c in case()) {
        let items = agenda(&c.facts, &c.config, &c.zone, c.date, c.now);
        prop_assert_eq!(summary(&items), oracle(&c));
        prop_assert_eq!(summary(&items).len(), items.len(), "no item twice");
    }

    #[test]
    fn the_agenda_is_ordered_by_urgency(c in case()) {
        let items = agenda(&c.facts, &c.config, &c.zone, c.date, c.now);
        for w in items.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            let key = |i: &AgendaItem| (!i.overdue, std::cmp::Reverse(i.importance), i.intent.heat_rank(), i.due_at);
            prop_assert!(key(a) <= key(b), "{:?} before {:?}", a, b);
        }
        let mut reversed = c.facts.clone();
        reversed.customers.reverse();
        reversed.plans.reverse();
        prop_assert_eq!(agenda(&reversed, &c.config, &c.zone, c.date, c.now), items, "input order does not matter");
    }

    #[test]
    fn customers_with_a_pending_plan_are_never_cadence_due(c in case()) {
        let items = agenda(&c.facts, &c.config, &c.zone, c.date, c.now);
        for i in &items {
            if matches!(i.reason, AgendaReason::CadenceDue { .. }) {
                prop_assert!(!c.facts.plans.iter().any(|p| p.is_pending() && p.customer_id == i.customer_id));
            }
        }
    }
}

#[test]
fn hot_before_cold_at_equal_importance() {
    let zone = DealershipZone::default();
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).unwrap();
    let customer = |id: &str, intent| AgendaCustomer {
        id: id.into(),
        importance: Importance::Important,
        intent,
        created_at: now - Duration::days(30),
        first_contact_at: None,
        last_contact_at: Some(now - Duration::days(20)),
        standing: AgendaStanding::InCadence,
    };
    let facts = AgendaFacts {
        customers: vec![
            customer("n", IntentLevel::N),
            customer("c", IntentLevel::C),
            customer("o", IntentLevel::O),
            customer("a", IntentLevel::A),
            customer("b", IntentLevel::B),
            customer("h", IntentLevel::H),
        ],
        plans: vec![],
        care_tasks: vec![],
    };
    let items = agenda(
        &facts,
        &CadenceConfig::default(),
        &zone,
        zone.local_date(now),
        now,
    );
    let ids: Vec<&str> = items.iter().map(|i| i.customer_id.as_str()).collect();
    assert_eq!(ids, ["h", "a", "b", "c", "o", "n"]);
}
