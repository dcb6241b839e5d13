//! A believable follow-up history (跟进记录) for a generated customer: an intent level, a few
//! follow-ups between the customer's arrival and the anchor (more for hot levels), each
//! setting the plan the next one carries out, and for many customers an open plan at the end
//! (some overdue, some today, most later).
//!
//! Deterministic: customer `i`'s history comes from its own ChaCha8 stream of a seed derived
//! from the generator's, so it does not change the customers themselves.

use super::weighted::{chance, pick, pick_uniform};
use chrono::{DateTime, Days, Duration, NaiveDate, Timelike, Utc};
use crm_core::{
    CustomerId, DealershipZone, FollowUpKind, FollowUpMethod, IntentLevel, ManualClock,
    NewFollowUp, NewPlan, PlanTime,
};
use crm_store::{CustomerImport, FollowUpImport, Store, StoreError};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Mixed into the seed so that histories draw from other streams than the customers.
const HISTORY_SALT: u64 = 0x9E37_79B9_7F4A_7C15;

/// One planned follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFollowUp {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// How.
    pub method: FollowUpMethod,
    /// What about.
    pub kind: FollowUpKind,
    /// What was said.
    pub content: String,
    /// The customer's feedback, sometimes.
    pub feedback: Option<String>,
    /// The plan it sets (the next follow-up carries it out).
    pub next: Option<PlannedPlan>,
}

/// A plan a follow-up sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPlan {
    /// When.
    pub time: PlanTime,
    /// How.
    pub method: FollowUpMethod,
    /// Why.
    pub purpose: String,
}

/// A customer's history: the level the consultant gave (after the first follow-up) and the
/// follow-ups, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// The intent level (N while never contacted).
    pub intent: IntentLevel,
    /// The follow-ups, oldest first; the last one's plan, if any, stays open.
    pub follow_ups: Vec<PlannedFollowUp>,
}

/// What [`log_history`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Logged {
    /// Follow-ups logged.
    pub follow_ups: u64,
    /// Intent levels set.
    pub intents: u64,
    /// Plans left open.
    pub open_plans: u64,
}

impl std::ops::AddAssign for Logged {
    fn add_assign(&mut self, o: Logged) {
        self.follow_ups += o.follow_ups;
        self.intents += o.intents;
        self.open_plans += o.open_plans;
    }
}

/// Histories of the customers of one generated book.
#[derive(Debug, Clone)]
pub struct Histories {
    base: ChaCha8Rng,
    anchor: DateTime<Utc>,
    zone: DealershipZone,
}

const METHODS: &[(FollowUpMethod, u32)] = &[
    (FollowUpMethod::Phone, 40),
    (FollowUpMethod::Wechat, 38),
    (FollowUpMethod::FaceToFace, 10),
    (FollowUpMethod::Sms, 5),
    (FollowUpMethod::Video, 3),
    (FollowUpMethod::Email, 2),
    (FollowUpMethod::Other, 2),
];

/// The stages a sale goes through, in order (the order delivery only for won customers).
const STAGES: &[FollowUpKind] = &[
    FollowUpKind::FirstContact,
    FollowUpKind::NeedsDiscovery,
    FollowUpKind::ModelPresentation,
    FollowUpKind::StoreVisitInvitation,
    FollowUpKind::TestDrive,
    FollowUpKind::PriceNegotiation,
];

fn contents(kind: FollowUpKind) -> &'static [&'static str] {
    match kind {
        FollowUpKind::FirstContact => &[
            "首次联系，客户在网上留资，询问最低落地价。",
            "客户到店看车，简单介绍了在售车型，留了电话。",
            "电话回访留资客户，确认是本人咨询，想了解新能源车型。",
        ],
        FollowUpKind::NeedsDiscovery => &[
            "了解需求：家用为主，预算20万左右，周末带孩子出行多。",
            "客户说现在开的车跑了十年，想换一台空间大一点的SUV。",
            "客户主要通勤用，每天往返60公里，关心油耗和充电。",
        ],
        FollowUpKind::ModelPresentation => &[
            "发了两款车型的配置对比表和实拍视频，客户比较喜欢高配。",
            "介绍了混动版的续航和保养成本，客户说回去和家人商量。",
            "讲解了智能驾驶辅助功能，客户对座椅通风很感兴趣。",
        ],
        FollowUpKind::StoreVisitInvitation => &[
            "邀约周六上午到店，客户说要看爱人的时间。",
            "邀请参加本周末的店头活动，客户答应带家人一起来。",
            "约客户下周二下班后到店看实车，客户同意。",
        ],
        FollowUpKind::TestDrive => &[
            "客户到店试驾，对动力和隔音满意，觉得后排略窄。",
            "安排了上门试驾，客户和太太一起试了半小时，反馈不错。",
            "试驾了两个版本，客户倾向四驱版。",
        ],
        FollowUpKind::PriceNegotiation => &[
            "报价落地价，客户说别家便宜五千，需要再申请一下优惠。",
            "谈了置换补贴和贷款方案，客户在比较两家的金融政策。",
            "客户要求送贴膜和脚垫，已向经理申请。",
        ],
        FollowUpKind::OrderDelivery => &[
            "客户交了定金，确认颜色和配置，预计三周后交车。",
            "通知客户车已到店，约好周日交车。",
            "完成交车仪式，讲解了车辆使用和首保时间。",
        ],
        FollowUpKind::AfterSalesVisit => &[
            "交车一周回访，客户用车满意，提醒首保时间。",
            "回访用车情况，客户问了车机升级的问题，已解答。",
        ],
        FollowUpKind::Other => &["节日问候，顺便问了用车计划。"],
    }
}

const FEEDBACK: &[&str] = &[
    "觉得价格偏高",
    "对外观很满意",
    "还在对比别的品牌",
    "需要和家人商量",
    "对优惠力度比较在意",
    "担心提车时间太久",
];

fn purpose(level: IntentLevel, kind: FollowUpKind) -> &'static str {
    match (level, kind) {
        (IntentLevel::O, _) => "确认交车时间",
        (_, FollowUpKind::FirstContact | FollowUpKind::NeedsDiscovery) => "回访用车需求",
        (_, FollowUpKind::ModelPresentation) => "邀约到店看车",
        (_, FollowUpKind::StoreVisitInvitation) => "确认到店试驾",
        (_, FollowUpKind::TestDrive) => "跟进试驾感受，给出报价",
        (_, FollowUpKind::PriceNegotiation) => "争取优惠，促成订车",
        _ => "回访",
    }
}

/// How many follow-ups a level usually has, inclusive. A book's customers get about five
/// each on average (young ones fewer): a book of 200,000 customers has about 1,000,000
/// follow-ups.
fn count_range(level: IntentLevel) -> (u32, u32) {
    match level {
        IntentLevel::N => (0, 1),
        IntentLevel::H => (5, 10),
        IntentLevel::A => (4, 8),
        IntentLevel::B => (3, 7),
        IntentLevel::C => (3, 6),
        IntentLevel::O => (6, 11),
    }
}

/// How recently (days before the anchor, at most) the last follow-up of a level happened.
fn recent_days(level: IntentLevel) -> i64 {
    match level {
        IntentLevel::N => 2,
        IntentLevel::H => 4,
        IntentLevel::A => 8,
        IntentLevel::B => 14,
        IntentLevel::C => 30,
        IntentLevel::O => 6,
    }
}

/// The chance in per cent that a level's customer has an open plan at the end.
fn plan_chance(level: IntentLevel) -> u32 {
    match level {
        IntentLevel::N => 60,
        IntentLevel::H => 90,
        IntentLevel::A => 85,
        IntentLevel::B => 70,
        IntentLevel::C => 50,
        IntentLevel::O => 80,
    }
}

impl Histories {
    /// The histories of the book of `seed` up to `anchor`, in the dealership's `zone`.
    pub fn new(seed: u64, anchor: DateTime<Utc>, zone: DealershipZone) -> Self {
        Histories {
            base: ChaCha8Rng::seed_from_u64(seed ^ HISTORY_SALT),
            anchor,
            zone,
        }
    }

    fn level<R: Rng>(rng: &mut R, tags: &[String], age: Duration) -> IntentLevel {
        let has = |t: &str| tags.iter().any(|x| x == t);
        if age < Duration::days(3) && !has("已成交") {
            return IntentLevel::N;
        }
        let table: &[(IntentLevel, u32)] = if has("已成交") {
            &[(IntentLevel::O, 70), (IntentLevel::H, 30)]
        } else if has("高意向") {
            &[(IntentLevel::H, 45), (IntentLevel::A, 55)]
        } else if has("待跟进") {
            &[
                (IntentLevel::A, 10),
                (IntentLevel::B, 45),
                (IntentLevel::C, 45),
            ]
        } else {
            &[
                (IntentLevel::A, 8),
                (IntentLevel::B, 30),
                (IntentLevel::C, 62),
            ]
        };
        *pick(rng, table)
    }

    /// An instant on `at`'s local day, in opening hours (9:00 to 20:59), clamped to
    /// `[lo, hi]`.
    fn business_hours<R: Rng>(
        &self,
        rng: &mut R,
        at: DateTime<Utc>,
        lo: DateTime<Utc>,
        hi: DateTime<Utc>,
    ) -> DateTime<Utc> {
        let wall = self.zone.wall_clock(at);
        let t = wall
            .with_hour(rng.random_range(9..21))
            .and_then(|w| w.with_minute(rng.random_range(0..60)))
            .map_or(at, |w| self.zone.instant_at(w));
        t.clamp(lo, hi)
    }

    /// The history of customer `index`, created at `created` with `tags`.
    pub fn history(&self, index: u64, customer: &CustomerImport) -> History {
        let mut rng = self.base.clone();
        rng.set_stream(index);
        let rng = &mut rng;
        let created = customer.created_at;
        let age = self.anchor - created;
        let intent = Self::level(rng, &customer.customer.tags, age);
        let (lo, hi) = count_range(intent);
        let mut count = rng.random_range(lo..=hi);
        // Young customers had less time: about one follow-up per two days at most.
        count = count.min(u32::try_from(age.num_days() / 2 + 1).unwrap_or(u32::MAX));
        let first_lo = created + Duration::minutes(1);
        let last_hi = self.anchor - Duration::minutes(1);
        if count == 0 || first_lo >= last_hi {
            return History {
                intent: IntentLevel::N,
                follow_ups: Vec::new(),
            };
        }
        // The first soon after arrival, the last recently, the others in between.
        let first = (created + Duration::minutes(rng.random_range(10..60 * 30))).min(last_hi);
        let recent = Duration::days(recent_days(intent)).min(self.anchor - first);
        let last = (self.anchor
            - Duration::seconds(rng.random_range(60..recent.num_seconds().max(61))))
        .max(first);
        let span = (last - first).num_seconds().max(0);
        let mut times: Vec<DateTime<Utc>> = vec![first];
        for _ in 2..count {
            times.push(first + Duration::seconds(rng.random_range(0..=span)));
        }
        if count > 1 {
            times.push(last);
        }
        let mut times: Vec<DateTime<Utc>> = times
            .into_iter()
            .map(|t| self.business_hours(rng, t, first_lo, last_hi))
            .collect();
        times.sort_unstable();

        let won = intent == IntentLevel::O;
        let n = times.len();
        let mut follow_ups: Vec<PlannedFollowUp> = times
            .iter()
            .enumerate()
            .map(|(i, &at)| {
                let kind = if won && i + 2 >= n && n >= 3 {
                    FollowUpKind::OrderDelivery
                } else if i == 0 {
                    FollowUpKind::FirstContact
                } else {
                    // Later stages later on.
                    let stage = 1 + (i * (STAGES.len() - 1)) / n.max(1);
                    STAGES[stage.min(STAGES.len() - 1)]
                };
                let method = match kind {
                    FollowUpKind::TestDrive => FollowUpMethod::FaceToFace,
                    _ => *pick(rng, METHODS),
                };
                PlannedFollowUp {
                    at,
                    method,
                    kind,
                    content: (*pick_uniform(rng, contents(kind))).to_owned(),
                    feedback: chance(rng, 35).then(|| (*pick_uniform(rng, FEEDBACK)).to_owned()),
                    next: None,
                }
            })
            .collect();
        // Each follow-up planned the next one (by date or at a time).
        for i in 0..n.saturating_sub(1) {
            let next_at = follow_ups[i + 1].at;
            let time = if chance(rng, 50) {
                PlanTime::OnDate(self.zone.local_date(next_at))
            } else {
                PlanTime::At(next_at)
            };
            follow_ups[i].next = Some(PlannedPlan {
                time,
                method: follow_ups[i + 1].method,
                purpose: purpose(intent, follow_ups[i].kind).to_owned(),
            });
        }
        // The last one's plan stays open: some overdue, some today, most later.
        if chance(rng, plan_chance(intent)) {
            let last = &follow_ups[n - 1];
            let last_day = self.zone.local_date(last.at);
            let today = self.zone.local_date(self.anchor);
            let day = match rng.random_range(0..100) {
                0..20 => today.checked_sub_days(Days::new(rng.random_range(1..=5))),
                20..40 => Some(today),
                _ => today.checked_add_days(Days::new(rng.random_range(1..=14))),
            }
            .unwrap_or(today)
            .max(last_day);
            let time = if chance(rng, 40) {
                PlanTime::At(self.at_hour(rng, day))
            } else {
                PlanTime::OnDate(day)
            };
            let kind = last.kind;
            let method = *pick(rng, METHODS);
            follow_ups[n - 1].next = Some(PlannedPlan {
                time,
                method,
                purpose: purpose(intent, kind).to_owned(),
            });
        }
        History { intent, follow_ups }
    }

    fn at_hour<R: Rng>(&self, rng: &mut R, day: NaiveDate) -> DateTime<Utc> {
        let wall = day
            .and_hms_opt(rng.random_range(9..20), 30 * rng.random_range(0..2), 0)
            .unwrap_or_default();
        self.zone.instant_at(wall)
    }
}

impl History {
    /// What logging this history writes: its follow-ups, its intent level (when graded),
    /// its open plan at the end.
    pub fn logged(&self) -> Logged {
        let graded = self.intent != IntentLevel::N && !self.follow_ups.is_empty();
        Logged {
            follow_ups: self.follow_ups.len() as u64,
            intents: u64::from(graded),
            open_plans: u64::from(self.follow_ups.last().is_some_and(|f| f.next.is_some())),
        }
    }

    /// The history as a batch for `Store::import_follow_ups` for customer `id` (owned by
    /// `owner`): each follow-up logged at the time it happened. The intent level is not in
    /// it (see [`log_history`]).
    pub fn imports(&self, id: &CustomerId, owner: Option<&str>) -> Vec<FollowUpImport> {
        self.follow_ups
            .iter()
            .map(|f| {
                let (follow_up, next) = inputs(id, owner, f);
                FollowUpImport {
                    follow_up,
                    next,
                    logged_at: f.at,
                }
            })
            .collect()
    }
}

/// The store's inputs for follow-up `f` of customer `id`, by `owner`.
fn inputs(
    id: &CustomerId,
    owner: Option<&str>,
    f: &PlannedFollowUp,
) -> (NewFollowUp, Option<NewPlan>) {
    let mut new = NewFollowUp::new(id.clone(), f.method, f.kind, f.at, f.content.clone());
    new.feedback = f.feedback.clone();
    new.consultant = owner.map(str::to_owned);
    let next = f.next.as_ref().map(|p| NewPlan {
        customer_id: id.clone(),
        time: p.time,
        method: p.method,
        purpose: p.purpose.clone(),
        content: None,
    });
    (new, next)
}

/// Logs `history` for customer `id` (owned by `owner`), moving `clock` (the store's) to each
/// follow-up's time so that plans validate as they did then: one transaction per follow-up,
/// one for the intent level (after the first follow-up; the customer must still be at
/// version 1, as imported).
pub fn log_history(
    store: &Store,
    clock: &ManualClock,
    id: &CustomerId,
    owner: Option<&str>,
    history: &History,
) -> Result<Logged, StoreError> {
    for (i, f) in history.follow_ups.iter().enumerate() {
        clock.set(f.at);
        let (new, next) = inputs(id, owner, f);
        store.log_follow_up(id, &new, next.as_ref())?;
        if i == 0 && history.intent != IntentLevel::N {
            store.set_intent_level(id, 1, history.intent, None)?;
        }
    }
    Ok(history.logged())
}
