//! The agenda and the reminders read with indexed queries, against a brute-force oracle: the
//! same pure rules applied to every fact the test itself recorded. In a DST zone.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use crm_core::{
    agenda, reminders_between, AgendaCustomer, AgendaFacts, Code, FirstContact, FollowUpKind,
    FollowUpMethod, Importance, IntentLevel, ManualClock, NewFollowUp, NewPlan, PlanTime,
};
use crm_store::{CustomerImport, Store};
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
                version = store.set_intent_level(&id, 1, intent).unwrap().version;
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
                customers: mine,
            };
            for d in &day_offsets {
                let date: NaiveDate = zone.local_date(now) + Duration::days(*d);
                let expected = agenda(&facts, &settings.cadence, &zone, date, now);
                let got = store.agenda(owner, date).unwrap();
                prop_assert_eq!(got, expected, "owner {} date {}", owner, date);
            }
        }

        let all_pending: Vec<crm_core::Plan> = active.iter().flat_map(|(_, _, c)| pending_of(c)).collect();
        for h in &window_hours {
            let from = now + Duration::hours(*h);
            let to = from + Duration::hours(24);
            let expected = reminders_between(&all_pending, &settings.reminders, &zone, from, to);
            let got = store.reminders(from, to).unwrap();
            prop_assert_eq!(got, expected, "window from {}", from);
        }
    }
}
