//! The day's agenda (今日待办): who a consultant should contact on a local date, and why, most
//! urgent first. Pure: the store fetches the facts with indexed queries and calls [`agenda`].

use crate::care::{
    CareAssignee, CareTaskKey, CareTaskKind, CareTaskRecord, CareTaskStatus, ConsentChannel,
};
use crate::customer::{CustomerId, Importance};
use crate::follow_up::cadence::{cadence_due, CadenceConfig, CadenceDue};
use crate::follow_up::ids::PlanId;
use crate::follow_up::intent_level::IntentLevel;
use crate::follow_up::plan::Plan;
use crate::follow_up::plan_time::PlanTime;
use crate::follow_up::record::FollowUpMethod;
use crate::pipeline::PipelineStatus;
use crate::time::{DayStarts, DealershipZone, LocalDays};
use chrono::{DateTime, NaiveDate, Utc};
use rustc_hash::FxHashMap;
use std::cmp::{Ordering, Reverse};

/// What the agenda needs to know about one customer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AgendaCustomer {
    /// The customer.
    pub id: CustomerId,
    /// Importance mark.
    pub importance: Importance,
    /// Intent level (N when the consultant has not graded the customer).
    pub intent: IntentLevel,
    /// When the customer was entered.
    pub created_at: DateTime<Utc>,
    /// The first contact's time, from the profile, if any.
    pub first_contact_at: Option<DateTime<Utc>>,
    /// The latest follow-up's time, if any.
    pub last_contact_at: Option<DateTime<Utc>>,
    /// In the sales cadence or out of it (lost, dormant, delivered), with a dormant
    /// customer's wake-up date: [`AgendaStanding::of`] their pipeline status.
    pub standing: AgendaStanding,
}

/// Where a customer stands for the agenda. A store that knows a customer is in the sales
/// cadence (its index left the others out) says so without reading their status.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AgendaStanding {
    /// In the sales cadence ([`PipelineStatus::in_sales_cadence`]): the first response and
    /// the cadence apply.
    #[default]
    InCadence,
    /// Lost, dormant or delivered: only their plans put them on the agenda, and a dormant
    /// customer's wake-up date.
    OutOfCadence {
        /// The wake-up date of a dormant customer whose request gave one; `None` for
        /// everyone else.
        wake_on: Option<NaiveDate>,
    },
}

impl AgendaStanding {
    /// The standing of a customer at pipeline status `status` whose dormant request (if
    /// any) gave `wake_on`: the date counts only while the customer is dormant (approved).
    pub fn of(status: PipelineStatus, wake_on: Option<NaiveDate>) -> AgendaStanding {
        if status.in_sales_cadence() {
            AgendaStanding::InCadence
        } else {
            AgendaStanding::OutOfCadence {
                wake_on: wake_on.filter(|_| status == PipelineStatus::Dormant),
            }
        }
    }
}

impl AgendaCustomer {
    /// The latest contact of any kind: the later of first contact and last follow-up.
    pub fn last_touch(&self) -> Option<DateTime<Utc>> {
        self.first_contact_at.max(self.last_contact_at)
    }
}

/// A care task for the agenda, with its customer's importance and intent level (the
/// customer need not be among [`AgendaFacts::customers`], which the cadence reads).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AgendaCareTask {
    /// The task and its status.
    pub record: CareTaskRecord,
    /// The customer's importance.
    pub importance: Importance,
    /// The customer's intent level.
    pub intent: IntentLevel,
}

/// The facts an agenda is computed from: one consultant's customers, pending plans and
/// open care tasks. Archived customers are left out by the caller; lost, dormant and
/// delivered ones come with their [`AgendaStanding`], and only their plans (and a dormant
/// customer's wake-up) can put them on the agenda. A plan whose customer is missing still
/// appears, as a normal, N-level customer.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AgendaFacts {
    /// The customers.
    pub customers: Vec<AgendaCustomer>,
    /// Their plans; closed ones are ignored.
    pub plans: Vec<Plan>,
    /// Their care tasks; done and skipped ones, and those due (or snoozed) after the
    /// agenda's date, are ignored.
    #[serde(default)]
    pub care_tasks: Vec<AgendaCareTask>,
}

/// Why a customer is on the agenda.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AgendaReason {
    /// Nobody has contacted this customer yet; the first response is due by `deadline`
    /// (overdue once it has passed).
    FirstResponse {
        /// Creation plus the first-response time.
        deadline: DateTime<Utc>,
    },
    /// A plan falls on the agenda's date (or between now and it) and its time has not passed.
    PlanDue {
        /// The plan.
        plan_id: PlanId,
        /// When it is due.
        time: PlanTime,
        /// How.
        method: FollowUpMethod,
        /// Why.
        purpose: String,
    },
    /// A plan's time has passed.
    PlanOverdue {
        /// The plan.
        plan_id: PlanId,
        /// When it was due.
        time: PlanTime,
        /// How.
        method: FollowUpMethod,
        /// Why.
        purpose: String,
        /// Local days overdue: 0 for earlier today.
        days_overdue: u32,
    },
    /// The customer has no pending plan and the intent level's cadence says contact them.
    CadenceDue {
        /// The date the cadence fell due.
        due_on: NaiveDate,
        /// Local days since: 0 when due today.
        days_overdue: u32,
    },
    /// A dormant customer's wake-up date (唤醒日期) has come: time to see whether they are
    /// ready again (reopen them, or ask for another sleep).
    WakeUpDue {
        /// The wake-up date the dormant request gave.
        wake_on: NaiveDate,
        /// Local days since: 0 when due today.
        days_overdue: u32,
    },
    /// A care task (关怀任务: a call after delivery, a service reminder, a greeting …) is
    /// due, or its snooze has ended.
    CareTask {
        /// The task's key.
        key: CareTaskKey,
        /// What it is about (`care_kind`: `kind` names the reason).
        care_kind: CareTaskKind,
        /// The date it belongs to the agenda from: its due date, or the snooze date.
        due_on: NaiveDate,
        /// The suggested channel.
        channel: ConsentChannel,
        /// Who should do it (the consultant, or their manager).
        assignee: CareAssignee,
        /// The suggested template.
        template_key: String,
        /// Local days since `due_on`: 0 when due today.
        days_overdue: u32,
    },
}

/// One line of the agenda.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AgendaItem {
    /// The customer to contact.
    pub customer_id: CustomerId,
    /// Their importance.
    pub importance: Importance,
    /// Their intent level.
    pub intent: IntentLevel,
    /// `true` when the item is late: a plan or first response whose time has passed, a
    /// cadence that fell due before today.
    pub overdue: bool,
    /// The instant the item is due from: the plan's instant or the start of its date, the
    /// first-response deadline, the start of the cadence date.
    pub due_at: DateTime<Utc>,
    /// Why it is there.
    pub reason: AgendaReason,
}

/// The agenda of local date `date` as of `now` (normally `date` is the local date of `now`;
/// a later date previews that day).
///
/// - every pending plan whose time has passed, as [`AgendaReason::PlanOverdue`];
/// - every other pending plan whose local date is on or before `date`, as
///   [`AgendaReason::PlanDue`];
/// - every customer in the sales cadence ([`PipelineStatus::in_sales_cadence`]: not lost,
///   dormant or delivered) never contacted (no first contact, no follow-up), as
///   [`AgendaReason::FirstResponse`], whatever their plans;
/// - every other customer in the sales cadence without a pending plan whose cadence date
///   is on or before `date`, as [`AgendaReason::CadenceDue`];
/// - every dormant customer whose wake-up date is on or before `date`, as
///   [`AgendaReason::WakeUpDue`] (overdue when that date is before today);
/// - every open care task due on or before `date`, and every snoozed one whose date has
///   come by then, as [`AgendaReason::CareTask`] (overdue when that date is before today).
///
/// Ordered by urgency: overdue first, then importance (key first), then intent level hot to
/// cold ([`IntentLevel::heat_rank`]), then due time, then customer and plan ids.
pub fn agenda(
    facts: &AgendaFacts,
    config: &CadenceConfig,
    zone: &DealershipZone,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> Vec<AgendaItem> {
    // Every local-day question below is about a few dozen dates (today, the agenda's date,
    // the plans' and the last contacts' dates): each day's start is computed once.
    let days = DayStarts::new(zone);
    let today = days.local_date(now);
    // Each customer by id, and whether they have a pending plan.
    let mut customers: FxHashMap<&CustomerId, (&AgendaCustomer, bool)> =
        FxHashMap::with_capacity_and_hasher(facts.customers.len(), Default::default());
    for c in &facts.customers {
        customers.insert(&c.id, (c, false));
    }
    let mut items = Vec::with_capacity(facts.plans.len() + facts.customers.len());

    for plan in facts.plans.iter().filter(|p| p.is_pending()) {
        let (importance, intent) = match customers.get_mut(&plan.customer_id) {
            Some((c, planned)) => {
                *planned = true;
                (c.importance, c.intent)
            }
            None => (Importance::Normal, IntentLevel::N),
        };
        let reason = match plan.time.days_overdue(now, &days) {
            Some(days_overdue) => AgendaReason::PlanOverdue {
                plan_id: plan.id.clone(),
                time: plan.time,
                method: plan.method,
                purpose: plan.purpose.clone(),
                days_overdue,
            },
            None if plan.time.local_date(&days) <= date => AgendaReason::PlanDue {
                plan_id: plan.id.clone(),
                time: plan.time,
                method: plan.method,
                purpose: plan.purpose.clone(),
            },
            None => continue,
        };
        items.push(AgendaItem {
            customer_id: plan.customer_id.clone(),
            importance,
            intent,
            overdue: matches!(reason, AgendaReason::PlanOverdue { .. }),
            due_at: plan.time.due_start(&days),
            reason,
        });
    }

    for c in &facts.customers {
        if let AgendaStanding::OutOfCadence { wake_on } = c.standing {
            if let Some(on) = wake_on.filter(|on| *on <= date) {
                items.push(wake_up(c, on, today, &days));
            }
            continue;
        }
        let due = cadence_due(c.last_touch(), c.created_at, c.intent, config, &days);
        let (reason, due_at) = match due {
            CadenceDue::FirstResponse { deadline } => {
                (AgendaReason::FirstResponse { deadline }, deadline)
            }
            CadenceDue::OnDate { date: due_on } => {
                let planned = customers.get(&c.id).is_some_and(|(_, planned)| *planned);
                if planned || due_on > date {
                    continue;
                }
                let days_overdue = due.time().days_overdue(now, &days).unwrap_or(0);
                (
                    AgendaReason::CadenceDue {
                        due_on,
                        days_overdue,
                    },
                    days.start_of(due_on),
                )
            }
        };
        items.push(AgendaItem {
            customer_id: c.id.clone(),
            importance: c.importance,
            intent: c.intent,
            overdue: due.time().is_overdue(now, &days),
            due_at,
            reason,
        });
    }

    for c in &facts.care_tasks {
        let r = &c.record;
        let on = match r.status {
            CareTaskStatus::Open | CareTaskStatus::Snoozed { .. } => r.agenda_date(),
            CareTaskStatus::Done { .. } | CareTaskStatus::Skipped { .. } => continue,
        };
        if on > date {
            continue;
        }
        let days_overdue = u32::try_from((today - on).num_days()).unwrap_or(0);
        items.push(AgendaItem {
            customer_id: r.task.customer_id.clone(),
            importance: c.importance,
            intent: c.intent,
            overdue: on < today,
            due_at: days.start_of(on),
            reason: AgendaReason::CareTask {
                key: r.task.key.clone(),
                care_kind: r.task.kind(),
                due_on: on,
                channel: r.task.channel,
                assignee: r.task.assignee,
                template_key: r.task.template_key.clone(),
                days_overdue,
            },
        });
    }

    sort_by_urgency(&mut items);
    items
}

/// The wake-up item of dormant customer `c`, whose wake-up date `wake_on` has come.
fn wake_up(
    c: &AgendaCustomer,
    wake_on: NaiveDate,
    today: NaiveDate,
    days: &DayStarts<'_>,
) -> AgendaItem {
    AgendaItem {
        customer_id: c.id.clone(),
        importance: c.importance,
        intent: c.intent,
        overdue: wake_on < today,
        due_at: days.start_of(wake_on),
        reason: AgendaReason::WakeUpDue {
            wake_on,
            days_overdue: u32::try_from((today - wake_on).num_days()).unwrap_or(0),
        },
    }
}

/// Sorts `items` by [`urgency`] exactly as a stable `sort_by` would, moving each item at
/// most twice: the positions are sorted, then the items are swapped into place along the
/// permutation's cycles (an item is large, and a sort moves each one many times).
fn sort_by_urgency(items: &mut [AgendaItem]) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|a, b| urgency(&items[*a], &items[*b]));
    // Position `at` takes the item now at `order[at]`; a position done points to itself.
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// The agenda's order (see [`agenda`]).
pub fn urgency(a: &AgendaItem, b: &AgendaItem) -> Ordering {
    let key = |i: &AgendaItem| {
        (
            Reverse(i.overdue),
            Reverse(i.importance),
            i.intent.heat_rank(),
            i.due_at,
        )
    };
    key(a)
        .cmp(&key(b))
        .then_with(|| a.customer_id.cmp(&b.customer_id))
        .then_with(|| tie_break(&a.reason).cmp(&tie_break(&b.reason)))
}

/// Last resort for a total order: the reason's kind, then the plan id or task key.
fn tie_break(reason: &AgendaReason) -> (u8, Option<&str>) {
    match reason {
        AgendaReason::FirstResponse { .. } => (0, None),
        AgendaReason::PlanOverdue { plan_id, .. } => (1, Some(plan_id.as_str())),
        AgendaReason::PlanDue { plan_id, .. } => (2, Some(plan_id.as_str())),
        AgendaReason::CadenceDue { .. } => (3, None),
        AgendaReason::CareTask { key, .. } => (4, Some(key.as_str())),
        AgendaReason::WakeUpDue { .. } => (5, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::follow_up::plan::NewPlan;
    use crate::pipeline::Stage;
    use crate::time::test_dates::utc;
    use chrono::Duration;

    fn zone() -> DealershipZone {
        DealershipZone::default()
    }

    /// 2026-11-27 10:00 in Shanghai.
    fn now() -> DateTime<Utc> {
        utc("2026-11-27T02:00:00Z")
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn customer(id: &str, intent: IntentLevel, last: Option<&str>) -> AgendaCustomer {
        AgendaCustomer {
            id: id.into(),
            importance: Importance::Normal,
            intent,
            created_at: utc("2026-10-01T00:00:00Z"),
            first_contact_at: None,
            last_contact_at: last.map(utc),
            standing: AgendaStanding::InCadence,
        }
    }

    fn plan(id: &str, customer: &str, time: PlanTime, set_at: DateTime<Utc>) -> Plan {
        let input = NewPlan {
            customer_id: customer.into(),
            time,
            method: FollowUpMethod::Phone,
            purpose: "回访".into(),
            content: None,
        };
        Plan::create(id.into(), &input, set_at, &zone())
            .unwrap()
            .plan
    }

    #[test]
    fn each_reason_appears_with_its_detail() {
        let mut fresh = customer("new", IntentLevel::N, None);
        fresh.created_at = now() - Duration::minutes(30);
        let facts = AgendaFacts {
            customers: vec![
                fresh,
                // H every 2 days; last contact on the 24th local → due on the 26th.
                customer("hot", IntentLevel::H, Some("2026-11-24T03:00:00Z")),
                // C every 15 days: not due.
                customer("cold", IntentLevel::C, Some("2026-11-20T03:00:00Z")),
                customer("planned", IntentLevel::H, Some("2026-11-01T03:00:00Z")),
            ],
            plans: vec![
                plan(
                    "p-late",
                    "planned",
                    PlanTime::OnDate(today() - Duration::days(2)),
                    now() - Duration::days(3),
                ),
                plan(
                    "p-today",
                    "cold",
                    PlanTime::At(utc("2026-11-27T07:00:00Z")),
                    now(),
                ),
                plan(
                    "p-later",
                    "cold",
                    PlanTime::OnDate(today() + Duration::days(1)),
                    now(),
                ),
            ],
            care_tasks: vec![],
        };
        let items = agenda(&facts, &CadenceConfig::default(), &zone(), today(), now());
        let got: Vec<(&str, &AgendaReason)> = items
            .iter()
            .map(|i| (i.customer_id.as_str(), &i.reason))
            .collect();
        assert_eq!(got.len(), 4, "{got:#?}");
        // Both overdue, normal and H: the earlier due time first.
        assert!(matches!(
            got[0],
            (
                "planned",
                AgendaReason::PlanOverdue {
                    days_overdue: 2,
                    ..
                }
            )
        ));
        assert!(matches!(
            got[1],
            (
                "hot",
                AgendaReason::CadenceDue {
                    days_overdue: 1,
                    ..
                }
            )
        ));
        assert!(matches!(got[2], ("cold", AgendaReason::PlanDue { .. })));
        assert!(matches!(
            got[3],
            ("new", AgendaReason::FirstResponse { .. })
        ));
        assert!(!items[3].overdue);
    }

    #[test]
    fn importance_outranks_heat_and_heat_outranks_time() {
        let mut key = customer("key-c", IntentLevel::C, Some("2026-11-01T00:00:00Z"));
        key.importance = Importance::Key;
        let facts = AgendaFacts {
            customers: vec![
                customer("b", IntentLevel::B, Some("2026-11-10T00:00:00Z")),
                customer("h", IntentLevel::H, Some("2026-11-20T00:00:00Z")),
                key,
            ],
            plans: vec![],
            care_tasks: vec![],
        };
        let items = agenda(&facts, &CadenceConfig::default(), &zone(), today(), now());
        let ids: Vec<&str> = items.iter().map(|i| i.customer_id.as_str()).collect();
        assert_eq!(ids, ["key-c", "h", "b"]);
    }

    #[test]
    fn a_plan_for_an_unknown_customer_still_shows() {
        let facts = AgendaFacts {
            customers: vec![],
            plans: vec![plan("p", "ghost", PlanTime::OnDate(today()), now())],
            care_tasks: vec![],
        };
        let items = agenda(&facts, &CadenceConfig::default(), &zone(), today(), now());
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].intent, IntentLevel::N);
    }

    #[test]
    fn set_aside_and_won_customers_leave_the_cadence_but_keep_their_plans() {
        let with = |id: &str, pipeline: PipelineStatus, last: Option<&str>| AgendaCustomer {
            standing: AgendaStanding::of(pipeline, None),
            ..customer(id, IntentLevel::H, last)
        };
        let long_ago = Some("2026-11-01T00:00:00Z");
        let delivered = PipelineStatus::InStage(Stage::Delivered);
        let facts = AgendaFacts {
            customers: vec![
                // H, last touched weeks ago: cadence-due while in the funnel ...
                with(
                    "open",
                    PipelineStatus::InStage(Stage::Negotiating),
                    long_ago,
                ),
                with("asking", PipelineStatus::LostRequested, long_ago),
                // ... but not once won, lost or dormant, contacted or not.
                with("won", delivered, long_ago),
                with("lost", PipelineStatus::Lost, long_ago),
                with("asleep", PipelineStatus::Dormant, long_ago),
                with("lost-new", PipelineStatus::Lost, None),
                with("won-new", delivered, None),
                with("won-planned", delivered, long_ago),
            ],
            plans: vec![plan("p", "won-planned", PlanTime::OnDate(today()), now())],
            care_tasks: vec![],
        };
        let items = agenda(&facts, &CadenceConfig::default(), &zone(), today(), now());
        let got: Vec<(&str, &AgendaReason)> = items
            .iter()
            .map(|i| (i.customer_id.as_str(), &i.reason))
            .collect();
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(matches!(
            got[0],
            ("asking", AgendaReason::CadenceDue { .. })
        ));
        assert!(matches!(got[1], ("open", AgendaReason::CadenceDue { .. })));
        assert!(matches!(
            got[2],
            ("won-planned", AgendaReason::PlanDue { .. })
        ));
        // The plan's customer is known: their level orders the item, not N's.
        assert_eq!(items[2].intent, IntentLevel::H);
    }

    #[test]
    fn a_standing_keeps_the_wake_up_date_of_a_dormant_customer_only() {
        let on = today();
        for status in PipelineStatus::ALL {
            let standing = AgendaStanding::of(status, Some(on));
            let expected = match status {
                PipelineStatus::Dormant => AgendaStanding::OutOfCadence { wake_on: Some(on) },
                PipelineStatus::Lost | PipelineStatus::InStage(Stage::Delivered) => {
                    AgendaStanding::OutOfCadence { wake_on: None }
                }
                _ => AgendaStanding::InCadence,
            };
            assert_eq!(standing, expected, "{status:?}");
        }
    }

    #[test]
    fn a_dormant_customer_wakes_up_on_the_date_and_stays_until_reopened() {
        let day = |n: i64| today() + Duration::days(n);
        let sleeper = |id: &str, pipeline: PipelineStatus, wake_on: NaiveDate| AgendaCustomer {
            standing: AgendaStanding::of(pipeline, Some(wake_on)),
            ..customer(id, IntentLevel::B, Some("2026-06-01T00:00:00Z"))
        };
        let facts = AgendaFacts {
            customers: vec![
                sleeper("today", PipelineStatus::Dormant, today()),
                sleeper("late", PipelineStatus::Dormant, day(-3)),
                sleeper("tomorrow", PipelineStatus::Dormant, day(1)),
                // Only an approved sleep wakes up: a request or a lost customer does not.
                sleeper("asking", PipelineStatus::DormantRequested, day(-1)),
                sleeper("lost", PipelineStatus::Lost, day(-1)),
            ],
            ..AgendaFacts::default()
        };
        let wake_ups = |date: NaiveDate| -> Vec<(String, bool, NaiveDate, u32, DateTime<Utc>)> {
            agenda(&facts, &CadenceConfig::default(), &zone(), date, now())
                .into_iter()
                .filter_map(|i| match i.reason {
                    AgendaReason::WakeUpDue {
                        wake_on,
                        days_overdue,
                    } => Some((i.customer_id.0, i.overdue, wake_on, days_overdue, i.due_at)),
                    _ => None,
                })
                .collect()
        };
        let start = |d: NaiveDate| zone().start_of(d);
        assert_eq!(
            wake_ups(today()),
            [
                ("late".to_owned(), true, day(-3), 3, start(day(-3))),
                ("today".to_owned(), false, today(), 0, start(today())),
            ]
        );
        // Previewing tomorrow adds tomorrow's; yesterday's agenda had only the late one.
        assert_eq!(wake_ups(day(1)).len(), 3);
        assert_eq!(wake_ups(day(-1)).len(), 1);
        // The requested one is still in the cadence (B, last touched in June).
        let all = agenda(&facts, &CadenceConfig::default(), &zone(), today(), now());
        assert!(all.iter().any(|i| i.customer_id.as_str() == "asking"
            && matches!(i.reason, AgendaReason::CadenceDue { .. })));
        assert_eq!(all.len(), 3);
    }

    fn care(
        key: &str,
        customer: &str,
        due_on: NaiveDate,
        status: CareTaskStatus,
    ) -> AgendaCareTask {
        use crate::care::{CareDetail, CareTask};
        AgendaCareTask {
            record: CareTaskRecord {
                task: CareTask {
                    key: key.into(),
                    customer_id: customer.into(),
                    car_id: None,
                    due_on,
                    event_on: due_on,
                    channel: ConsentChannel::Wechat,
                    assignee: CareAssignee::Consultant,
                    template_key: "care.birthday".into(),
                    needs_consent: true,
                    detail: CareDetail::Birthday { year: 2026 },
                },
                status,
            },
            importance: Importance::Normal,
            intent: IntentLevel::O,
        }
    }

    #[test]
    fn open_care_tasks_due_by_the_date_appear_overdue_first() {
        let day = |n: i64| today() + Duration::days(n);
        let done = CareTaskStatus::Done {
            at: now(),
            outcome: "ok".into(),
        };
        let facts = AgendaFacts {
            care_tasks: vec![
                care("today", "a", today(), CareTaskStatus::Open),
                care("late", "b", day(-3), CareTaskStatus::Open),
                care("tomorrow", "c", day(1), CareTaskStatus::Open),
                care("done", "d", day(-1), done),
                care(
                    "woke",
                    "e",
                    day(-9),
                    CareTaskStatus::Snoozed { until: today() },
                ),
                care(
                    "asleep",
                    "f",
                    day(-9),
                    CareTaskStatus::Snoozed { until: day(2) },
                ),
            ],
            ..AgendaFacts::default()
        };
        let items = agenda(&facts, &CadenceConfig::default(), &zone(), today(), now());
        let keys: Vec<(&str, bool, u32)> = items
            .iter()
            .map(|i| match &i.reason {
                AgendaReason::CareTask {
                    key, days_overdue, ..
                } => (key.as_str(), i.overdue, *days_overdue),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            keys,
            [("late", true, 3), ("today", false, 0), ("woke", false, 0)]
        );
        // Previewing tomorrow adds tomorrow's task.
        let tomorrow = agenda(&facts, &CadenceConfig::default(), &zone(), day(1), now());
        assert_eq!(tomorrow.len(), 4);
    }

    proptest::proptest! {
        /// Sorting the positions and swapping along the cycles gives what a stable sort of
        /// the items gives, ties and repeated items included.
        #[test]
        fn sorting_by_urgency_equals_a_stable_sort(
            keys in proptest::collection::vec((0u8..3, proptest::bool::ANY, 0u8..3, 0i64..3, 0u8..2), 0..60),
        ) {
            let levels = [IntentLevel::H, IntentLevel::B, IntentLevel::N];
            let importances = [Importance::Normal, Importance::Key, Importance::Normal];
            let items: Vec<AgendaItem> = keys
                .iter()
                .zip(0u32..)
                .map(|((c, overdue, level, hours, kind), n)| {
                    let due_at = now() + Duration::hours(*hours);
                    AgendaItem {
                        customer_id: format!("c{c}").into(),
                        importance: importances[usize::from(*c)],
                        intent: levels[usize::from(*level)],
                        overdue: *overdue,
                        due_at,
                        reason: if *kind == 0 {
                            AgendaReason::FirstResponse { deadline: due_at }
                        } else {
                            // Distinct items that urgency ties: only a stable sort keeps their order.
                            AgendaReason::CadenceDue { due_on: today(), days_overdue: n }
                        },
                    }
                })
                .collect();
            let mut stable = items.clone();
            stable.sort_by(urgency);
            let mut ours = items;
            sort_by_urgency(&mut ours);
            proptest::prop_assert_eq!(ours, stable);
        }
    }
}
