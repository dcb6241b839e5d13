//! The agenda and the reminders read with indexed queries, against a brute-force oracle: the
//! same pure rules applied to every fact the test itself recorded, or read back record by
//! record after random operations. In DST zones.

mod common;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use crm_core::{
    agenda, reminders_between, vin_check_digit, AgendaCustomer, AgendaFacts, AgendaStanding,
    CadenceConfig, Code, CustomerPatch, DormantReason, DormantRequest, FirstContact, FollowUpKind,
    FollowUpMethod, Importance, IntentLevel, LostReason, LostRequest, ManualClock, NewDelivery,
    NewFollowUp, NewPlan, PlanPatch, PlanTime, ReminderConfig, SideState,
};
use crm_store::{CustomerImport, FollowUpImport, Store};
use proptest::prelude::*;
use std::sync::Arc;

const OWNERS: [&str; 2] = ["c001", "c002"];

#[derive(Debug, Clone)]
struct Spec {
    owner: usize,
    importance: usize,
    intent: usize,
    created_hours_ago: i64,
    first_contact_hours_ago: Option<i64>,
    follow_up_hours_ago: Vec<i64>,
    /// (date-only?, hours from now, then: 0 keep, 1 reschedule by a day, 2 cancel)
    plan: Option<(bool, i64, u8)>,
    archived: bool,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..OWNERS.len(),
        0..3usize,
        0..6usize,
        0i64..24 * 40,
        proptest::option::of(0i64..24 * 40),
        proptest::collection::vec(0i64..24 * 30, 0..3),
        proptest::option::of((any::<bool>(), 0i64..24 * 8, 0u8..3)),
        proptest::bool::weighted(0.15),
    )
        .prop_map(
            |(owner, importance, intent, created, first, follow_ups, plan, archived)| Spec {
                owner,
                importance,
                intent,
                created_hours_ago: created,
                first_contact_hours_ago: first.map(|f| f.min(created)),
                follow_up_hours_ago: follow_ups.into_iter().map(|f| f.min(created)).collect(),
                plan,
                archived,
            },
        )
}

/// 2026-03-06 15:00 UTC: New York springs forward on the 8th, inside the tested span.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 6, 15, 0, 0).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn agenda_and_reminders_match_a_brute_force_oracle(
        specs in proptest::collection::vec(spec(), 1..14),
        advance_hours in 0i64..24 * 6,
        day_offsets in proptest::collection::vec(-2i64..5, 1..4),
        window_hours in proptest::collection::vec(-30i64..150, 1..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(ManualClock::new(t0()));
        let store = Store::open_with_clock(dir.path().join("crm.sqlite3"), clock.clone()).unwrap();
        let zone = store.set_time_zone("America/New_York").unwrap().zone;
        let ms = |t: DateTime<Utc>| DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap();

        // The facts, as the test records them.
        let mut model: Vec<(usize, bool, AgendaCustomer)> = Vec::new();
        for (i, s) in specs.iter().enumerate() {
            let mut new = common::customer(&format!("客户{i}"), &format!("1380000{i:04}"));
            new.owner = Some(OWNERS[s.owner].into());
            new.importance = Importance::ALL[s.importance];
            new.first_contact = s.first_contact_hours_ago.map(|h| FirstContact {
                at: t0() - Duration::hours(h),
                place: None,
                scene: None,
                reaction: None,
            });
            let created = t0() - Duration::hours(s.created_hours_ago);
            let id = store
                .import_customers(&[CustomerImport { customer: new, created_at: created }])
                .unwrap()
                .remove(0);
            let intent = IntentLevel::ALL[s.intent];
            let mut version = 1;
            if intent != IntentLevel::N {
                version = store.set_intent_level(&id, 1, intent, None).unwrap().version;
            }
            let mut last = None;
            for h in &s.follow_up_hours_ago {
                let at = t0() - Duration::hours(*h) - Duration::minutes(7);
                let f = NewFollowUp::new(id.clone(), FollowUpMethod::Phone, FollowUpKind::Other, at, "回访");
                store.log_follow_up(&id, &f, None).unwrap();
                last = last.max(Some(ms(at)));
            }
            if let Some((on_date, hours, then)) = s.plan {
                let at = t0() + Duration::hours(hours);
                let time = if on_date { PlanTime::OnDate(zone.local_date(at)) } else { PlanTime::At(at) };
                let p = store.set_plan(&NewPlan {
                    customer_id: id.clone(),
                    time,
                    method: FollowUpMethod::Wechat,
                    purpose: "回访".into(),
                    content: None,
                }).unwrap();
                match then {
                    1 => {
                        let to = match time {
                            PlanTime::At(t) => PlanTime::At(t + Duration::days(1)),
                            PlanTime::OnDate(d) => PlanTime::OnDate(d.succ_opt().unwrap()),
                        };
                        store.reschedule_plan(&p.id, 1, to, None).unwrap();
                    }
                    2 => { store.cancel_plan(&p.id, 1, "不需要").unwrap(); }
                    _ => {}
                }
            }
            if s.archived {
                store.archive_customer(&id, version).unwrap();
            }
            model.push((s.owner, s.archived, AgendaCustomer {
                id,
                importance: Importance::ALL[s.importance],
                intent,
                created_at: ms(created),
                first_contact_at: s.first_contact_hours_ago.map(|h| ms(t0() - Duration::hours(h))),
                last_contact_at: last,
                standing: AgendaStanding::InCadence,
            }));
        }

        clock.set(t0() + Duration::hours(advance_hours));
        let now = t0() + Duration::hours(advance_hours);
        let settings = store.settings().unwrap();
        let active: Vec<&(usize, bool, AgendaCustomer)> = model.iter().filter(|(_, archived, _)| !archived).collect();
        let pending_of = |c: &AgendaCustomer| -> Vec<crm_core::Plan> {
            store.plans_of(&c.id).unwrap().into_iter().filter(|p| p.is_pending()).collect()
        };

        for (o, owner) in OWNERS.iter().enumerate() {
            let mine: Vec<AgendaCustomer> = active.iter().filter(|(w, _, _)| *w == o).map(|(_, _, c)| c.clone()).collect();
            let facts = AgendaFacts {
                plans: mine.iter().flat_map(&pending_of).collect(),
                care_tasks: vec![],
                customers: mine,
            };
            for d in &day_offsets {
                let date: NaiveDate = zone.local_date(now) + Duration::days(*d);
                let expected = agenda(&facts, &settings.cadence, &zone, date, now);
                let got = store.agenda(Some(owner), date).unwrap();
                prop_assert_eq!(got, expected, "owner {} date {}", owner, date);
            }
        }

        let all_pending: Vec<crm_core::Plan> = active.iter().flat_map(|(_, _, c)| pending_of(c)).collect();
        for h in &window_hours {
            let from = now + Duration::hours(*h);
            let to = from + Duration::hours(24);
            let expected = reminders_between(&all_pending, &settings.reminders, &zone, from, to);
            let got = store.reminders(from, to, None).unwrap();
            prop_assert_eq!(got, expected, "window from {}", from);
        }
    }
}

/// One random operation on the store.
#[derive(Debug, Clone)]
enum Op {
    /// Log a follow-up with customer `c` this many hours ago, maybe setting the next plan
    /// (date-only?, hours on).
    Log(usize, i64, Option<(bool, i64)>),
    /// Import two follow-ups of customer `c` in one batch.
    Import(usize, i64),
    /// Set a plan (date-only?, hours on) for customer `c` if they have none.
    Plan(usize, bool, i64),
    /// Reschedule, edit, cancel or complete customer `c`'s pending plan (by `how`).
    ChangePlan(usize, u8),
    /// Delete customer `c`'s newest follow-up.
    DeleteFollowUp(usize),
    Intent(usize, usize),
    /// Hand customer `c` to owner `o` (past the end: unassigned).
    Owner(usize, usize),
    Archive(usize),
    Restore(usize),
    /// Ask for customer `c` to be lost, and maybe have a manager decide at once.
    Lost(usize, Option<bool>),
    /// Ask for customer `c` to sleep, maybe until this many days after today, and maybe
    /// have a manager decide at once.
    Dormant(usize, Option<i64>, Option<bool>),
    /// A manager approves (or else rejects) customer `c`'s request.
    Decide(usize, bool),
    /// Reopen lost or dormant customer `c`.
    Reopen(usize),
    /// Customer `c` orders and takes delivery today: won.
    Deliver(usize),
    Zone(usize),
    Reminders(u32, u32),
    Cadence(u32),
    Advance(i64),
}

const ZONES: [&str; 3] = ["America/New_York", "Asia/Shanghai", "Europe/London"];
const CUSTOMERS: usize = 6;

/// A manager's decision made at once: mostly an approval, sometimes a rejection, or none
/// (the request stays pending).
fn decision() -> impl Strategy<Value = Option<bool>> {
    prop_oneof![6 => Just(Some(true)), 1 => Just(Some(false)), 2 => Just(None)]
}

fn op() -> impl Strategy<Value = Op> {
    let c = 0..CUSTOMERS;
    prop_oneof![
        4 => (c.clone(), 0i64..24 * 20, proptest::option::of((any::<bool>(), 0i64..24 * 6)))
            .prop_map(|(c, h, p)| Op::Log(c, h, p)),
        1 => (c.clone(), 0i64..24 * 20).prop_map(|(c, h)| Op::Import(c, h)),
        3 => (c.clone(), any::<bool>(), 0i64..24 * 6).prop_map(|(c, d, h)| Op::Plan(c, d, h)),
        3 => (c.clone(), 0u8..4).prop_map(|(c, how)| Op::ChangePlan(c, how)),
        1 => c.clone().prop_map(Op::DeleteFollowUp),
        2 => (c.clone(), 0..6usize).prop_map(|(c, l)| Op::Intent(c, l)),
        1 => (c.clone(), 0..3usize).prop_map(|(c, o)| Op::Owner(c, o)),
        1 => c.clone().prop_map(Op::Archive),
        1 => c.clone().prop_map(Op::Restore),
        2 => (c.clone(), decision()).prop_map(|(c, yes)| Op::Lost(c, yes)),
        3 => (c.clone(), proptest::option::of(0i64..6), decision())
            .prop_map(|(c, d, yes)| Op::Dormant(c, d, yes)),
        1 => (c.clone(), any::<bool>()).prop_map(|(c, yes)| Op::Decide(c, yes)),
        1 => c.clone().prop_map(Op::Reopen),
        1 => c.prop_map(Op::Deliver),
        1 => (0..ZONES.len()).prop_map(Op::Zone),
        2 => (0u32..3000, 0u32..24).prop_map(|(lead, hour)| Op::Reminders(lead, hour)),
        1 => (1u32..6).prop_map(Op::Cadence),
        2 => (0i64..40).prop_map(Op::Advance),
    ]
}

/// A manager approves (`Some(true)`) or rejects customer `id`'s request, if one is pending.
fn decide_now(store: &Store, id: &crm_core::CustomerId, decision: Option<bool>) {
    match decision {
        Some(true) => store.approve_request(id, "m01").map(|_| ()),
        Some(false) => store.reject_request(id, "m01", None, None).map(|_| ()),
        None => Ok(()),
    }
    .ok();
}

/// A valid Chinese VIN for customer `c`'s car.
fn vin(c: usize) -> String {
    let mut vin = format!("LSVAU2A30N2{c:06}");
    let digit = vin_check_digit(&vin).unwrap();
    vin.replace_range(8..9, &digit.to_string());
    vin
}

/// Applies `op`; refusals (no plan to change, a plan already pending ...) are part of the
/// game and leave the store as it was.
fn apply(store: &Store, clock: &ManualClock, ids: &[crm_core::CustomerId], op: &Op) {
    let now = crm_core::Clock::now(clock);
    let zone = store.settings().unwrap().zone;
    let plan_input = |id: &crm_core::CustomerId, on_date: bool, hours: i64| {
        let at = now + Duration::hours(hours);
        NewPlan {
            customer_id: id.clone(),
            time: if on_date {
                PlanTime::OnDate(zone.local_date(at))
            } else {
                PlanTime::At(at)
            },
            method: FollowUpMethod::Wechat,
            purpose: "回访".into(),
            content: None,
        }
    };
    let follow_up = |id: &crm_core::CustomerId, hours: i64| {
        NewFollowUp::new(
            id.clone(),
            FollowUpMethod::Phone,
            FollowUpKind::Other,
            now - Duration::hours(hours),
            "回访",
        )
    };
    let version = |id| store.get_customer(id).unwrap().version;
    match *op {
        Op::Log(c, h, plan) => {
            let next = plan.map(|(d, hours)| plan_input(&ids[c], d, hours));
            store
                .log_follow_up(&ids[c], &follow_up(&ids[c], h), next.as_ref())
                .unwrap();
        }
        Op::Import(c, h) => {
            let items: Vec<FollowUpImport> = [h, h / 2]
                .iter()
                .map(|&h| FollowUpImport {
                    follow_up: follow_up(&ids[c], h),
                    next: Some(plan_input(&ids[c], h % 2 == 0, 30)),
                    logged_at: now - Duration::hours(h),
                })
                .collect();
            store.import_follow_ups(&items).unwrap();
        }
        Op::Plan(c, d, h) => {
            store.set_plan(&plan_input(&ids[c], d, h)).ok();
        }
        Op::ChangePlan(c, how) => {
            if let Some(p) = store.open_plan(&ids[c]).unwrap() {
                let r = p.version;
                match how {
                    0 => {
                        let to = plan_input(&ids[c], r % 2 == 0, 20).time;
                        store.reschedule_plan(&p.id, r, to, None).unwrap();
                    }
                    1 => {
                        let patch = PlanPatch {
                            purpose: Some(format!("改{r}")),
                            ..Default::default()
                        };
                        store.update_plan(&p.id, r, &patch).unwrap();
                    }
                    2 => {
                        store.cancel_plan(&p.id, r, "不需要").unwrap();
                    }
                    _ => {
                        store.complete_plan(&p.id, r).unwrap();
                    }
                }
            }
        }
        Op::DeleteFollowUp(c) => {
            if let Some(f) = store.follow_ups_of(&ids[c]).unwrap().first() {
                store.delete_follow_up(&f.id).unwrap();
            }
        }
        Op::Intent(c, l) => {
            store
                .set_intent_level(&ids[c], version(&ids[c]), IntentLevel::ALL[l], None)
                .unwrap();
        }
        Op::Owner(c, o) => {
            let patch = CustomerPatch {
                owner: Some(OWNERS.get(o).map(|o| o.to_string())),
                ..Default::default()
            };
            store
                .update_customer(&ids[c], version(&ids[c]), &patch)
                .unwrap();
        }
        Op::Archive(c) => {
            store.archive_customer(&ids[c], version(&ids[c])).unwrap();
        }
        Op::Restore(c) => {
            store.restore_customer(&ids[c], version(&ids[c])).unwrap();
        }
        Op::Lost(c, decide) => {
            let request = LostRequest {
                reason: LostReason::Price,
                competitor: None,
                note: None,
            };
            if store.request_lost(&ids[c], &request, None).is_ok() {
                decide_now(store, &ids[c], decide);
            }
        }
        Op::Dormant(c, days, decide) => {
            let request = DormantRequest {
                reason: DormantReason::Postponed,
                note: None,
                wake_on: days.map(|d| zone.local_date(now) + Duration::days(d)),
            };
            if store.request_dormant(&ids[c], &request, None).is_ok() {
                decide_now(store, &ids[c], decide);
            }
        }
        Op::Decide(c, yes) => decide_now(store, &ids[c], Some(yes)),
        Op::Reopen(c) => {
            store.reopen(&ids[c], None, None, None).ok();
        }
        Op::Deliver(c) => {
            let today = zone.local_date(now);
            if let Ok(order) = store.place_order(&common::sample_order(&ids[c], today), None) {
                let delivery = NewDelivery {
                    date: today,
                    vin: Some(vin(c)),
                    odometer_km: 10,
                };
                store
                    .deliver_order(&order.id, order.version, &delivery, None)
                    .unwrap();
            }
        }
        Op::Zone(z) => {
            store.set_time_zone(ZONES[z]).unwrap();
        }
        Op::Reminders(lead, hour) => {
            let config = ReminderConfig {
                lead_minutes: lead,
                date_only_at: NaiveTime::from_hms_opt(hour, 30, 0).unwrap(),
                ..Default::default()
            };
            store.set_reminder_config(&config).unwrap();
        }
        Op::Cadence(days) => {
            let cadence = CadenceConfig {
                a_days: days,
                c_days: days + 3,
                n_days: days,
                ..Default::default()
            };
            store.set_cadence(&cadence).unwrap();
        }
        Op::Advance(h) => clock.set(now + Duration::hours(h)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The agenda (of each consultant and of the unassigned) and the reminders (of each
    /// consultant and of the whole store) after random operations equal the pure rules run
    /// over every fact read back record by record: the stored helpers (`has_pending_plan`,
    /// `fire_at_ms`, due starts, plan owners) never drift.
    #[test]
    fn agenda_and_reminders_stay_right_through_random_operations(
        ops in proptest::collection::vec(op(), 1..40),
        owners in proptest::collection::vec(0..3usize, CUSTOMERS),
        day_offsets in proptest::collection::vec(-2i64..4, 1..3),
        window_hours in proptest::collection::vec(-48i64..150, 2..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(ManualClock::new(t0()));
        let store = Store::open_with_clock(dir.path().join("crm.sqlite3"), clock.clone()).unwrap();
        store.set_time_zone("America/New_York").unwrap();
        clock.set(t0() - Duration::days(30));
        let ids: Vec<crm_core::CustomerId> = owners
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mut new = common::customer(&format!("客户{i}"), &format!("1380000{i:04}"));
                new.owner = OWNERS.get(*o).map(|o| o.to_string());
                store.create_customer(&new).unwrap().id
            })
            .collect();
        clock.set(t0());
        for op in &ops {
            apply(&store, &clock, &ids, op);
        }

        let now = crm_core::Clock::now(clock.as_ref());
        let settings = store.settings().unwrap();
        let zone = settings.zone;
        // The facts, read record by record.
        let mut facts: Vec<(Option<String>, AgendaCustomer, Vec<crm_core::Plan>)> = Vec::new();
        for id in &ids {
            let c = store.get_customer(id).unwrap();
            if c.archived_at.is_some() {
                continue;
            }
            let last = store.follow_ups_of(id).unwrap().iter().map(|f| f.follow_up.at).max();
            let pending = store.plans_of(id).unwrap().into_iter().filter(|p| p.is_pending()).collect();
            let state = store.pipeline_state(id).unwrap();
            let wake_on = match &state.side {
                Some(SideState::Dormant(r) | SideState::DormantRequested(r)) => r.wake_on,
                _ => None,
            };
            facts.push((c.profile.owner.clone(), AgendaCustomer {
                id: id.clone(),
                importance: c.profile.importance,
                intent: c.intent_level,
                created_at: c.created_at,
                first_contact_at: c.profile.first_contact.map(|f| f.at),
                last_contact_at: last,
                standing: AgendaStanding::of(state.status(), wake_on),
            }, pending));
        }
        let owner_choices: Vec<Option<&str>> = OWNERS.iter().map(|o| Some(*o)).chain([None]).collect();
        for owner in &owner_choices {
            let mine: Vec<&(Option<String>, AgendaCustomer, Vec<crm_core::Plan>)> =
                facts.iter().filter(|(o, _, _)| o.as_deref() == *owner).collect();
            let expected_facts = AgendaFacts {
                customers: mine.iter().map(|(_, c, _)| c.clone()).collect(),
                plans: mine.iter().flat_map(|(_, _, p)| p.clone()).collect(),
                care_tasks: vec![],
            };
            for d in &day_offsets {
                let date = zone.local_date(now) + Duration::days(*d);
                let expected = agenda(&expected_facts, &settings.cadence, &zone, date, now);
                prop_assert_eq!(store.agenda(*owner, date).unwrap(), expected, "owner {:?} date {}", owner, date);
            }
            for h in &window_hours {
                let from = now + Duration::hours(*h);
                let to = from + Duration::hours(24);
                let expected = reminders_between(&expected_facts.plans, &settings.reminders, &zone, from, to);
                if owner.is_some() {
                    prop_assert_eq!(store.reminders(from, to, *owner).unwrap(), expected, "owner {:?} from {}", owner, from);
                }
            }
        }
        let all: Vec<crm_core::Plan> = facts.iter().flat_map(|(_, _, p)| p.clone()).collect();
        for h in &window_hours {
            let from = now + Duration::hours(*h);
            let to = from + Duration::hours(24);
            let expected = reminders_between(&all, &settings.reminders, &zone, from, to);
            prop_assert_eq!(store.reminders(from, to, None).unwrap(), expected, "whole store from {}", from);
        }
        // The agenda falls back on the primary key for a plan whose customer its ranges
        // missed, so a drifting helper could hide behind right answers: check them directly.
        let conn = rusqlite::Connection::open(store.path()).unwrap();
        let drifted: i64 = conn
            .query_row(
                "SELECT count(*) FROM customers c WHERE
                     next_plan_due_ms IS NOT (SELECT min(due_start_ms) FROM plans p
                         WHERE p.customer_id = c.id AND p.status IN ('open', 'rescheduled'))
                     OR has_pending_plan IS NOT (next_plan_due_ms IS NOT NULL)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        prop_assert_eq!(drifted, 0);
    }
}

/// The reasons `owner`'s agenda of `date` gives for customer `id`.
fn reasons_for(
    store: &Store,
    owner: &str,
    date: NaiveDate,
    id: &crm_core::CustomerId,
) -> Vec<crm_core::AgendaReason> {
    store
        .agenda(Some(owner), date)
        .unwrap()
        .into_iter()
        .filter(|i| &i.customer_id == id)
        .map(|i| i.reason)
        .collect()
}

#[test]
fn lost_dormant_and_won_customers_leave_the_cadence_and_a_dormant_one_wakes_up_on_the_day() {
    let t = common::test_store();
    let store = &t.store;
    let zone = store.settings().unwrap().zone;
    // Four H customers of c001, last followed up three days ago: all cadence-due (H: 2 days).
    let ids: Vec<crm_core::CustomerId> = (0..4)
        .map(|i| {
            let mut new = common::customer(&format!("客户{i}"), &format!("1390000{i:04}"));
            new.owner = Some("c001".into());
            let id = store.create_customer(&new).unwrap().id;
            store
                .set_intent_level(&id, 1, IntentLevel::H, None)
                .unwrap();
            let at = common::start() - Duration::days(3);
            let f = NewFollowUp::new(
                id.clone(),
                FollowUpMethod::Phone,
                FollowUpKind::Other,
                at,
                "回访",
            );
            store.log_follow_up(&id, &f, None).unwrap();
            id
        })
        .collect();
    let (open, won, lost, asleep) = (&ids[0], &ids[1], &ids[2], &ids[3]);
    let today = zone.local_date(common::start());
    for id in &ids {
        assert!(
            matches!(
                reasons_for(store, "c001", today, id)[..],
                [crm_core::AgendaReason::CadenceDue { .. }]
            ),
            "{id}"
        );
    }
    // Won: ordered and delivered.
    let order = store
        .place_order(&common::sample_order(won, today), None)
        .unwrap();
    let delivery = NewDelivery {
        date: today,
        vin: Some(vin(1)),
        odometer_km: 10,
    };
    store
        .deliver_order(&order.id, order.version, &delivery, None)
        .unwrap();
    // Lost and dormant (to wake up in three days), approved.
    let price = LostRequest {
        reason: LostReason::Price,
        competitor: None,
        note: None,
    };
    store.request_lost(lost, &price, Some("c001")).unwrap();
    store.approve_request(lost, "m01").unwrap();
    let wake_on = today + Duration::days(3);
    let request = DormantRequest {
        reason: DormantReason::Postponed,
        note: None,
        wake_on: Some(wake_on),
    };
    store
        .request_dormant(asleep, &request, Some("c001"))
        .unwrap();
    // While the request is pending the customer is still followed up.
    assert_eq!(reasons_for(store, "c001", today, asleep).len(), 1);
    store.approve_request(asleep, "m01").unwrap();

    assert_eq!(store.agenda(Some("c001"), today).unwrap().len(), 1);
    assert_eq!(reasons_for(store, "c001", today, open).len(), 1);
    // Days later the won and lost ones are still out; the dormant one is back on the day.
    for days in 0..6 {
        let date = today + Duration::days(days);
        assert!(
            reasons_for(store, "c001", date, won).is_empty(),
            "day {days}"
        );
        assert!(
            reasons_for(store, "c001", date, lost).is_empty(),
            "day {days}"
        );
        let woken = reasons_for(store, "c001", date, asleep);
        if date < wake_on {
            assert!(woken.is_empty(), "day {days}: {woken:?}");
        } else {
            assert_eq!(
                woken,
                [crm_core::AgendaReason::WakeUpDue {
                    wake_on,
                    days_overdue: 0
                }],
                "day {days}"
            );
        }
    }
    // On the day itself, and overdue after: it stays until the customer is reopened.
    t.clock.set(common::start() + Duration::days(5));
    let later = today + Duration::days(5);
    let item = store
        .agenda(Some("c001"), later)
        .unwrap()
        .into_iter()
        .find(|i| &i.customer_id == asleep)
        .unwrap();
    assert!(item.overdue);
    assert_eq!(item.due_at, zone.start_of(wake_on));
    assert_eq!(
        item.reason,
        crm_core::AgendaReason::WakeUpDue {
            wake_on,
            days_overdue: 2
        }
    );
    store
        .reopen(asleep, None, Some("客户回电"), Some("c001"))
        .unwrap();
    assert!(matches!(
        reasons_for(store, "c001", later, asleep)[..],
        [crm_core::AgendaReason::CadenceDue { .. }]
    ));
}
