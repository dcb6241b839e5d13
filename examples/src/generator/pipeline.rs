//! A believable sales pipeline (销售漏斗) for a generated customer: a vehicle intent for a
//! model common in China with a budget around its price, the stages reached with the
//! industry's leaky funnel (most leads stop early, walk-ins are visited at once), some lost
//! (with a reason and, for a competitor, which one) or dormant, mostly approved by the
//! manager, some still pending or rejected and handed to a colleague, and for the buyers an
//! order and, when there was time, a delivery with a VIN whose check digit is right.
//!
//! Deterministic: customer `i`'s pipeline comes from its own ChaCha8 stream of a seed
//! derived from the generator's, so it changes neither the customers nor their follow-ups.

use super::weighted::{chance, pick, pick_uniform};
use chrono::{DateTime, Duration, Timelike, Utc};
use crm_core::{
    vin_check_digit, BodyType, CustomerId, DealershipZone, DormantReason, DormantRequest, Fen,
    LostReason, LostRequest, ManualClock, NewDelivery, NewOrder, NewVehicleIntent, OrderedVehicle,
    PaymentMethod, Powertrain, PurchaseTimeframe, SourceChannel, Stage, TradeIn,
};
use crm_store::{CustomerImport, Store, StoreError};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::ops::AddAssign;

/// Mixed into the seed so that pipelines draw from other streams than customers and
/// histories.
const PIPELINE_SALT: u64 = 0xD1B5_4A32_D192_ED03;

/// The manager who decides lost and dormant requests.
pub const MANAGER: &str = "店长";

/// A model a Chinese dealership group sells or meets as a competitor: brand, series,
/// model, body type, powertrain, price range in yuan, the VIN's world manufacturer code,
/// and how often customers ask for it.
struct Model {
    brand: &'static str,
    series: &'static str,
    model: &'static str,
    body: BodyType,
    powertrain: Powertrain,
    price_yuan: (i64, i64),
    wmi: &'static str,
}

use BodyType::{Hatchback, Mpv, Pickup, Sedan, Suv};
use Powertrain::{Bev, Erev, Hev, Petrol, Phev};

#[rustfmt::skip]
const MODELS: &[(Model, u32)] = &[
    (Model { brand: "比亚迪", series: "秦PLUS", model: "DM-i 冠军版 55KM 领先型", body: Sedan, powertrain: Phev, price_yuan: (79_800, 125_800), wmi: "LGX" }, 90),
    (Model { brand: "比亚迪", series: "宋PLUS", model: "DM-i 冠军版 110KM 旗舰型", body: Suv, powertrain: Phev, price_yuan: (149_800, 189_800), wmi: "LGX" }, 80),
    (Model { brand: "比亚迪", series: "海豹", model: "06 DM-i 领航型", body: Sedan, powertrain: Phev, price_yuan: (99_800, 139_800), wmi: "LGX" }, 40),
    (Model { brand: "特斯拉", series: "Model Y", model: "后轮驱动版", body: Suv, powertrain: Bev, price_yuan: (249_900, 299_900), wmi: "LRW" }, 60),
    (Model { brand: "特斯拉", series: "Model 3", model: "后轮驱动版", body: Sedan, powertrain: Bev, price_yuan: (231_900, 285_900), wmi: "LRW" }, 25),
    (Model { brand: "丰田", series: "凯美瑞", model: "2.0HE 精英版", body: Sedan, powertrain: Hev, price_yuan: (171_800, 219_800), wmi: "LVG" }, 40),
    (Model { brand: "丰田", series: "RAV4荣放", model: "2.0L CVT 两驱风尚版", body: Suv, powertrain: Petrol, price_yuan: (169_800, 249_800), wmi: "LFM" }, 35),
    (Model { brand: "本田", series: "CR-V", model: "240TURBO 两驱锋尚版", body: Suv, powertrain: Petrol, price_yuan: (181_900, 259_900), wmi: "LHG" }, 35),
    (Model { brand: "本田", series: "雅阁", model: "260TURBO 幻夜·尊享版", body: Sedan, powertrain: Petrol, price_yuan: (169_800, 229_800), wmi: "LHG" }, 25),
    (Model { brand: "大众", series: "朗逸", model: "1.5L 自动满逸版", body: Sedan, powertrain: Petrol, price_yuan: (99_900, 149_900), wmi: "LSV" }, 60),
    (Model { brand: "大众", series: "途观L", model: "330TSI 自动两驱智享版", body: Suv, powertrain: Petrol, price_yuan: (209_800, 279_800), wmi: "LSV" }, 30),
    (Model { brand: "日产", series: "轩逸", model: "1.6L XL CVT 悦享版", body: Sedan, powertrain: Petrol, price_yuan: (89_800, 139_800), wmi: "LGB" }, 50),
    (Model { brand: "吉利", series: "星越L", model: "2.0TD 两驱智享版", body: Suv, powertrain: Petrol, price_yuan: (137_200, 179_200), wmi: "L6T" }, 35),
    (Model { brand: "长安", series: "CS75 PLUS", model: "第三代 1.5T 自动豪华型", body: Suv, powertrain: Petrol, price_yuan: (109_900, 149_900), wmi: "LS5" }, 30),
    (Model { brand: "哈弗", series: "H6", model: "第三代 1.5T 自动Pro", body: Suv, powertrain: Petrol, price_yuan: (98_900, 139_900), wmi: "LGW" }, 30),
    (Model { brand: "理想", series: "L6", model: "Pro", body: Suv, powertrain: Erev, price_yuan: (249_800, 279_800), wmi: "LW4" }, 35),
    (Model { brand: "问界", series: "M7", model: "Plus 增程 后驱智驾版", body: Suv, powertrain: Erev, price_yuan: (249_800, 329_800), wmi: "LM8" }, 25),
    (Model { brand: "小米", series: "SU7", model: "标准版", body: Sedan, powertrain: Bev, price_yuan: (215_900, 299_900), wmi: "LNB" }, 25),
    (Model { brand: "五菱", series: "宏光MINIEV", model: "马卡龙 170km", body: Hatchback, powertrain: Bev, price_yuan: (32_800, 49_800), wmi: "LZW" }, 20),
    (Model { brand: "别克", series: "GL8", model: "陆尊 653T 豪华型", body: Mpv, powertrain: Petrol, price_yuan: (229_900, 349_900), wmi: "LSG" }, 15),
    (Model { brand: "梅赛德斯-奔驰", series: "C级", model: "C 260 L 皓夜运动版", body: Sedan, powertrain: Petrol, price_yuan: (329_900, 399_900), wmi: "LE4" }, 15),
    (Model { brand: "宝马", series: "3系", model: "325Li M运动套装", body: Sedan, powertrain: Petrol, price_yuan: (299_900, 399_900), wmi: "LBV" }, 15),
    (Model { brand: "长城", series: "长城炮", model: "乘用皮卡 2.0T 自动四驱", body: Pickup, powertrain: Petrol, price_yuan: (109_800, 169_800), wmi: "LGW" }, 8),
];

/// Cars customers trade in (置换).
const TRADE_INS: &[(&str, &str)] = &[
    ("大众", "宝来"),
    ("大众", "速腾"),
    ("丰田", "卡罗拉"),
    ("本田", "思域"),
    ("日产", "轩逸"),
    ("别克", "英朗"),
    ("现代", "伊兰特"),
    ("福特", "福克斯"),
    ("比亚迪", "F3"),
    ("长安", "逸动"),
];

/// Colours people ask for.
const COLOURS: &[(&str, u32)] = &[
    ("白色", 40),
    ("黑色", 25),
    ("灰色", 15),
    ("蓝色", 10),
    ("红色", 5),
    ("绿色", 5),
];

/// One pipeline event, in time order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The primary intent is recorded (for the model at this index of the table).
    Intent(Box<NewVehicleIntent>),
    /// Forward to a stage.
    Advance(Stage),
    /// A lost request (战败申请).
    Lost(LostRequest),
    /// A dormant request (休眠申请).
    Dormant(DormantRequest),
    /// The manager approves.
    Approve,
    /// The manager rejects, handing the customer to this consultant (when given).
    Reject(Option<String>),
    /// An order is placed.
    Order(Box<NewOrder>),
    /// The order is delivered.
    Deliver(NewDelivery),
}

/// A customer's planned pipeline: events with their instants, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlannedPipeline {
    /// The events.
    pub events: Vec<(DateTime<Utc>, Event)>,
}

/// What applying pipelines wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct PipelineTally {
    /// Intents added.
    pub intents: u64,
    /// Stage moves made (advances, requests, decisions; orders and deliveries move too).
    pub moves: u64,
    /// Lost requests approved.
    pub lost: u64,
    /// Dormant requests approved.
    pub dormant: u64,
    /// Requests left pending for the manager.
    pub pending: u64,
    /// Requests rejected.
    pub rejected: u64,
    /// Orders placed.
    pub orders: u64,
    /// Orders delivered (each records a car).
    pub deliveries: u64,
}

impl AddAssign for PipelineTally {
    fn add_assign(&mut self, o: Self) {
        self.intents += o.intents;
        self.moves += o.moves;
        self.lost += o.lost;
        self.dormant += o.dormant;
        self.pending += o.pending;
        self.rejected += o.rejected;
        self.orders += o.orders;
        self.deliveries += o.deliveries;
    }
}

/// The pipelines of one demo book.
#[derive(Debug, Clone)]
pub struct Pipelines {
    base: ChaCha8Rng,
    anchor: DateTime<Utc>,
    zone: DealershipZone,
}

/// How far a customer gets, by their tags: won customers mostly take delivery; the rest
/// leak out of the funnel stage by stage.
fn final_stage<R: Rng>(rng: &mut R, tags: &[String]) -> Stage {
    use Stage::*;
    let has = |t: &str| tags.iter().any(|x| x == t);
    let table: &[(Stage, u32)] = if has("已成交") {
        &[(Delivered, 75), (Ordered, 25)]
    } else if has("高意向") {
        &[
            (Visited, 25),
            (TestDriven, 32),
            (Negotiating, 31),
            (Ordered, 5),
            (Delivered, 7),
        ]
    } else {
        &[
            (NewLead, 30),
            (Contacted, 34),
            (Invited, 11),
            (Visited, 11),
            (TestDriven, 7),
            (Negotiating, 5),
            (Ordered, 1),
            (Delivered, 1),
        ]
    };
    *pick(rng, table)
}

fn lost_request<R: Rng>(rng: &mut R, wanted: &Model) -> LostRequest {
    use LostReason::*;
    let reason = *pick(
        rng,
        &[
            (Price, 25),
            (BoughtCompetitor, 26),
            (BoughtElsewhere, 12),
            (Postponed, 11),
            (Budget, 10),
            (FinancingRefused, 4),
            (Unreachable, 10),
            (Other, 2),
        ],
    );
    let competitor = (reason == BoughtCompetitor || (reason == Price && chance(rng, 40)))
        .then(|| rival(rng, wanted))
        .map(|m| format!("{} {}", m.brand, m.series));
    let note = match reason {
        Price => Some("对方店优惠多一万五".to_owned()),
        Other => Some("家里人意见不一，暂不考虑".to_owned()),
        BoughtElsewhere => Some("在老家4S店提车".to_owned()),
        _ => None,
    };
    LostRequest {
        reason,
        competitor,
        note,
    }
}

/// A model of the same body type as `wanted` from another brand (else any other model).
fn rival<'a, R: Rng>(rng: &mut R, wanted: &Model) -> &'a Model {
    let same: Vec<&Model> = MODELS
        .iter()
        .map(|(m, _)| m)
        .filter(|m| m.body == wanted.body && m.brand != wanted.brand)
        .collect();
    if same.is_empty() {
        pick(rng, MODELS)
    } else {
        same[rng.random_range(0..same.len())]
    }
}

/// A consultant of the same showroom as `owner` (`c03`, `s02-c03`), other than them.
fn colleague<R: Rng>(rng: &mut R, owner: &str) -> Option<String> {
    let (prefix, number) = owner.rsplit_once('c')?;
    let number: u32 = number.parse().ok()?;
    let other = (number + rng.random_range(1..12) - 1) % 12 + 1;
    Some(format!("{prefix}c{other:02}"))
}

/// A VIN for car `serial` of `model`: the maker's code, a descriptor, the check digit,
/// the model year, a plant and the serial.
fn vin(model: &Model, serial: u64, year_code: char) -> String {
    const PLANT: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    let plant = PLANT[(serial % PLANT.len() as u64) as usize] as char;
    let draft = format!(
        "{}A{}{}0{year_code}{plant}{:06}",
        model.wmi,
        match model.body {
            Suv => "S4",
            Mpv => "M5",
            Pickup => "P2",
            _ => "C3",
        },
        match model.powertrain {
            Bev => "E1",
            Phev | Erev => "H2",
            Hev => "H1",
            _ => "G1",
        },
        serial % 1_000_000
    );
    match vin_check_digit(&draft) {
        Some(digit) => format!("{}{digit}{}", &draft[..8], &draft[9..]),
        None => draft,
    }
}

/// The model year letter of a date's year (2024 R, 2025 S, 2026 T ...).
fn year_code(year: i32) -> char {
    const CODES: &[u8] = b"ABCDEFGHJKLMNPRSTVWXY123456789";
    let i = (year - 2010).rem_euclid(CODES.len() as i32) as usize;
    CODES[i] as char
}

impl Pipelines {
    /// The pipelines of the book of `seed` up to `anchor`, in the dealership's `zone`.
    pub fn new(seed: u64, anchor: DateTime<Utc>, zone: DealershipZone) -> Self {
        Pipelines {
            base: ChaCha8Rng::seed_from_u64(seed ^ PIPELINE_SALT),
            anchor,
            zone,
        }
    }

    /// The pipeline of customer `index` (created at `customer.created_at`), as events with
    /// instants between its arrival and the anchor.
    pub fn pipeline(
        &self,
        index: u64,
        id: &CustomerId,
        customer: &CustomerImport,
    ) -> PlannedPipeline {
        let mut rng = self.base.clone();
        rng.set_stream(index);
        let rng = &mut rng;
        let created = customer.created_at;
        let end = self.anchor - Duration::minutes(1);
        let span = (end - created).num_minutes();
        if span < 60 {
            return PlannedPipeline::default();
        }
        let wanted = pick(rng, MODELS);
        let walk_in = matches!(customer.customer.source, SourceChannel::ShowroomWalkIn);
        let mut goal = final_stage(rng, &customer.customer.tags);
        if walk_in && goal < Stage::Visited {
            goal = Stage::Visited;
        }
        // The stages passed on the way: walk-ins start visited; others pass most stages.
        let mut steps: Vec<Stage> = Vec::new();
        let last = goal.min(Stage::Negotiating);
        let mut s = if walk_in {
            Stage::Visited
        } else {
            Stage::Contacted
        };
        while s <= last && goal > Stage::NewLead {
            if s == Stage::Visited || s == last || walk_in || chance(rng, 75) {
                steps.push(s);
            }
            match s.next() {
                Some(n) => s = n,
                None => break,
            }
        }
        let ordering = goal >= Stage::Ordered;
        if ordering && steps.last() != Some(&Stage::Negotiating) {
            steps.push(Stage::Negotiating);
        }
        // Instants: the moves spread over the customer's life (a quick sale takes days, a
        // slow one months), walk-ins visited within minutes.
        let life = span.min(rng.random_range(3 * 24 * 60..120 * 24 * 60));
        let n = steps.len() + 3;
        let mut times: Vec<DateTime<Utc>> = (0..n)
            .map(|_| created + Duration::minutes(rng.random_range(5..=life.max(6))))
            .collect();
        times.sort();
        if walk_in {
            times[0] = created + Duration::minutes(rng.random_range(1..30));
        }
        let mut times = times.into_iter();
        let mut events = Vec::new();
        let mut at = created + Duration::minutes(2);
        if goal > Stage::NewLead || chance(rng, 40) {
            events.push((at, Event::Intent(Box::new(self.intent(rng, id, wanted)))));
        }
        for stage in steps {
            at = times.next().unwrap_or(at).max(at);
            events.push((at, Event::Advance(stage)));
        }
        if ordering {
            at = times.next().unwrap_or(at).max(at);
            let order = self.order(rng, id, customer, wanted, at);
            let order_date = order.order_date;
            events.push((at, Event::Order(Box::new(order))));
            let delivered = at + Duration::days(rng.random_range(3..30));
            if goal == Stage::Delivered && delivered < end {
                let date = self.zone.local_date(delivered).max(order_date);
                let serial = index.wrapping_mul(7_919) % 1_000_000;
                let deliver = NewDelivery {
                    date,
                    vin: Some(vin(
                        wanted,
                        serial,
                        year_code(date.format("%Y").to_string().parse().unwrap_or(2026)),
                    )),
                    odometer_km: rng.random_range(3..40),
                };
                events.push((delivered, Event::Deliver(deliver)));
            }
        } else if (end - at).num_days() > 14 {
            self.set_aside(rng, customer, wanted, at, end, &mut events);
        }
        let lo = created + Duration::minutes(1);
        let mut previous = lo;
        for (at, _) in &mut events {
            *at = self.opening_hours(rng, *at, lo, end).max(previous);
            previous = *at;
        }
        PlannedPipeline { events }
    }

    /// `at` moved to opening hours (9:00 to 20:59) on its local day, clamped to `[lo, hi]`:
    /// the day stays, so order and delivery dates drawn from it hold.
    fn opening_hours<R: Rng>(
        &self,
        rng: &mut R,
        at: DateTime<Utc>,
        lo: DateTime<Utc>,
        hi: DateTime<Utc>,
    ) -> DateTime<Utc> {
        let wall = self.zone.wall_clock(at);
        if (9..21).contains(&wall.hour()) {
            return at.clamp(lo, hi);
        }
        wall.with_hour(rng.random_range(9..21))
            .and_then(|w| w.with_minute(rng.random_range(0..60)))
            .map_or(at, |w| self.zone.instant_at(w))
            .clamp(lo, hi)
    }

    /// Some customers who stopped are set aside: lost (mostly approved, some pending, some
    /// rejected and handed over) or dormant.
    fn set_aside<R: Rng>(
        &self,
        rng: &mut R,
        customer: &CustomerImport,
        wanted: &Model,
        after: DateTime<Utc>,
        end: DateTime<Utc>,
        events: &mut Vec<(DateTime<Utc>, Event)>,
    ) {
        let roll = rng.random_range(0..100);
        let request = if roll < 28 {
            Event::Lost(lost_request(rng, wanted))
        } else if roll < 36 {
            let reason = *pick(
                rng,
                &[
                    (DormantReason::Postponed, 50),
                    (DormantReason::Unreachable, 35),
                    (DormantReason::Budget, 15),
                ],
            );
            Event::Dormant(DormantRequest {
                reason,
                note: None,
                wake_on: None,
            })
        } else {
            return;
        };
        let asked =
            after + Duration::minutes(rng.random_range(60..(end - after).num_minutes().max(61)));
        let asked = asked.min(end);
        events.push((asked, request));
        let decided = (asked + Duration::hours(rng.random_range(2..72))).min(end);
        let decision = rng.random_range(0..100);
        if decided <= asked || decision < 12 {
            return; // still pending
        }
        if decision < 22 {
            let to = customer
                .customer
                .owner
                .as_deref()
                .and_then(|o| colleague(rng, o));
            events.push((decided, Event::Reject(to)));
        } else {
            events.push((decided, Event::Approve));
        }
    }

    fn intent<R: Rng>(&self, rng: &mut R, id: &CustomerId, m: &Model) -> NewVehicleIntent {
        let mut intent = NewVehicleIntent::new(id.clone());
        intent.brand = Some(m.brand.to_owned());
        intent.series = Some(m.series.to_owned());
        intent.model = chance(rng, 60).then(|| m.model.to_owned());
        intent.body_type = Some(m.body);
        intent.powertrain = Some(m.powertrain);
        intent.colours = vec![(*pick(rng, COLOURS)).to_owned()];
        // A budget around the model's price: people name a round range in 万.
        let wan = |yuan: i64| yuan / 10_000 * 10_000;
        let low = wan(m.price_yuan.0 - rng.random_range(0..3) * 10_000).max(10_000);
        let high = wan(m.price_yuan.1 + rng.random_range(0..3) * 10_000).max(low);
        intent.budget.min = chance(rng, 70).then(|| Fen(low * 100));
        intent.budget.max = Some(Fen(high * 100));
        intent.timeframe = *pick(
            rng,
            &[
                (PurchaseTimeframe::WithinWeek, 10),
                (PurchaseTimeframe::WithinMonth, 30),
                (PurchaseTimeframe::Within3Months, 30),
                (PurchaseTimeframe::Within6Months, 12),
                (PurchaseTimeframe::Undecided, 18),
            ],
        );
        intent.payment = Some(*pick(
            rng,
            &[
                (PaymentMethod::Full, 45),
                (PaymentMethod::Loan, 50),
                (PaymentMethod::Lease, 5),
            ],
        ));
        if chance(rng, 25) {
            let (brand, model) = *pick_uniform(rng, TRADE_INS);
            let year = 2010 + rng.random_range(0..12);
            intent.trade_in = Some(TradeIn {
                brand: brand.to_owned(),
                model: Some(model.to_owned()),
                year: Some(year),
                mileage_km: Some(rng.random_range(30..200) * 1_000),
                appraised_value: Some(Fen(rng.random_range(2..9) * 10_000 * 100)),
            });
        }
        if chance(rng, 45) {
            let r = rival(rng, m);
            intent.competitors = vec![format!("{} {}", r.brand, r.series)];
        }
        intent.primary = true;
        intent
    }

    fn order<R: Rng>(
        &self,
        rng: &mut R,
        id: &CustomerId,
        customer: &CustomerImport,
        m: &Model,
        at: DateTime<Utc>,
    ) -> NewOrder {
        let (lo, hi) = m.price_yuan;
        let price = lo + (hi - lo) / 1_000 * rng.random_range(0..=1_000) / 100 * 100;
        let discount = price * rng.random_range(0..9) / 100 / 100 * 100;
        let order_date = self.zone.local_date(at);
        NewOrder {
            customer_id: id.clone(),
            intent_id: None,
            vehicle: OrderedVehicle {
                brand: Some(m.brand.to_owned()),
                series: Some(m.series.to_owned()),
                model: m.model.to_owned(),
                trim: None,
                colour: Some((*pick(rng, COLOURS)).to_owned()),
                catalogue_model: None,
            },
            vin: None,
            price: Fen(price * 100),
            discount: Fen(discount * 100),
            deposit: Fen(rng.random_range(1..=4) * 5_000 * 100),
            order_date,
            expected_delivery: order_date
                .checked_add_days(chrono::Days::new(rng.random_range(7..45))),
            finance: chance(rng, 50),
            insurance: chance(rng, 70),
            consultant: customer.customer.owner.clone(),
        }
    }
}

/// Applies `plan` to customer `id` (owned by `owner`), moving `clock` (the store's) to each
/// event's instant: one transaction per event; the order an intent was for is linked to it.
pub fn apply_pipeline(
    store: &Store,
    clock: &ManualClock,
    id: &CustomerId,
    owner: Option<&str>,
    plan: &PlannedPipeline,
) -> Result<PipelineTally, StoreError> {
    let mut tally = PipelineTally::default();
    let mut intent = None;
    let mut order = None;
    let mut pending = false;
    for (at, event) in &plan.events {
        clock.set(*at);
        match event {
            Event::Intent(new) => {
                intent = Some(store.add_intent(new, owner)?.id);
                tally.intents += 1;
            }
            Event::Advance(stage) => {
                store.advance_stage(id, *stage, owner)?;
                tally.moves += 1;
            }
            Event::Lost(request) => {
                store.request_lost(id, request, owner)?;
                tally.moves += 1;
                pending = true;
            }
            Event::Dormant(request) => {
                store.request_dormant(id, request, owner)?;
                tally.moves += 1;
                pending = true;
            }
            Event::Approve => {
                let t = store.approve_request(id, MANAGER)?;
                if t.state
                    .side
                    .as_ref()
                    .is_some_and(|s| s.kind() == crm_core::AsideKind::Lost)
                {
                    tally.lost += 1;
                } else {
                    tally.dormant += 1;
                }
                tally.moves += 1;
                pending = false;
            }
            Event::Reject(to) => {
                store.reject_request(id, MANAGER, to.as_deref(), Some("再跟进一次"))?;
                tally.rejected += 1;
                tally.moves += 1;
                pending = false;
            }
            Event::Order(new) => {
                let mut new = (**new).clone();
                new.intent_id = intent.clone();
                order = Some(store.place_order(&new, owner)?);
                tally.orders += 1;
                tally.moves += 1;
            }
            Event::Deliver(delivery) => {
                if let Some(o) = &order {
                    store.deliver_order(&o.id, o.version, delivery, owner)?;
                    tally.deliveries += 1;
                    tally.moves += 1;
                }
            }
        }
    }
    tally.pending += u64::from(pending);
    Ok(tally)
}
