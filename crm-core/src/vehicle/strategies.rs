//! Proptest strategies for vehicles (feature `proptest`), `crm_core::strategies::vehicle`:
//! intents, orders, deliveries, visits and their parts. Inputs a store takes are generated
//! for a customer (and intent) the caller names, as of the date or instant the caller gives
//! (the store's today and clock), so that a real store accepts every valid one; near-valid
//! ones break exactly one rule and say which field the error must name.

use super::body_type::BodyType;
use super::catalogue::CatalogueModel;
use super::delivery::NewDelivery;
use super::ids::IntentId;
use super::intent::NewVehicleIntent;
use super::intent_patch::VehicleIntentPatch;
use super::money::{AmountRange, Fen};
use super::order::{CancelReason, NewOrder, OrderedVehicle};
use super::powertrain::Powertrain;
use super::purchase::{PaymentMethod, PurchaseTimeframe};
use super::trade_in::TradeIn;
use super::vin::{is_vin_char, vin_check_digit, vin_check_digit_applies};
use super::visit::{NewVisit, VisitKind};
use crate::customer::CustomerId;
use crate::time::strategies::{instant_before, reference_now};
use crate::validation::{Code, Limits};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use proptest::prelude::*;
use proptest::sample::select;

/// The local date of [`crate::strategies::reference_now`] in UTC: 2026-01-01.
pub fn reference_today() -> NaiveDate {
    reference_now().date_naive()
}

/// Any body type.
pub fn body_type() -> impl Strategy<Value = BodyType> {
    select(BodyType::ALL)
}

/// Any powertrain.
pub fn powertrain() -> impl Strategy<Value = Powertrain> {
    select(Powertrain::ALL)
}

/// Any purchase timeframe.
pub fn purchase_timeframe() -> impl Strategy<Value = PurchaseTimeframe> {
    select(PurchaseTimeframe::ALL)
}

/// Any payment method.
pub fn payment_method() -> impl Strategy<Value = PaymentMethod> {
    select(PaymentMethod::ALL)
}

/// Any cancel reason.
pub fn cancel_reason() -> impl Strategy<Value = CancelReason> {
    select(CancelReason::ALL)
}

/// Any visit kind.
pub fn visit_kind() -> impl Strategy<Value = VisitKind> {
    select(VisitKind::ALL)
}

/// The characters a VIN may hold.
pub fn vin_chars() -> Vec<char> {
    ('0'..='9')
        .chain('A'..='Z')
        .filter(|c| is_vin_char(*c))
        .collect()
}

/// A VIN whose first character is one of `firsts`, the rest random allowed characters,
/// with position 9 set to the check digit where the standard requires it.
fn vin_starting(firsts: Vec<char>) -> impl Strategy<Value = String> {
    (
        select(firsts),
        prop::collection::vec(select(vin_chars()), 16),
    )
        .prop_map(|(first, rest)| {
            let mut chars: Vec<char> = std::iter::once(first).chain(rest).collect();
            if vin_check_digit_applies(first) {
                let text: String = chars.iter().collect();
                chars[8] = vin_check_digit(&text).unwrap_or('0');
            }
            chars.into_iter().collect()
        })
}

/// A valid VIN whose check digit is required (China `L…`, North America `1…`–`5…`), as
/// upper-case text.
pub fn checked_vin() -> impl Strategy<Value = String> {
    vin_starting(vec!['L', '1', '2', '3', '4', '5'])
}

/// A valid VIN from a region without a required check digit (Europe, Japan, Korea …):
/// position 9 is any allowed character.
pub fn unchecked_vin() -> impl Strategy<Value = String> {
    vin_starting(vec!['W', 'V', 'S', 'Z', 'J', 'K', 'Y', 'T'])
}

/// A valid VIN, Chinese ones most often.
pub fn vin() -> impl Strategy<Value = String> {
    prop_oneof![3 => checked_vin(), 1 => unchecked_vin()]
}

/// An amount in whole yuan between `lo` and `hi` yuan, in fen.
pub fn fen_yuan(lo: i64, hi: i64) -> impl Strategy<Value = Fen> {
    (lo..=hi).prop_map(|y| Fen(y * 100))
}

/// A valid budget: open, or one or both ends between ¥50,000 and ¥600,000.
pub fn budget() -> impl Strategy<Value = AmountRange> {
    (
        prop::option::of(fen_yuan(50_000, 300_000)),
        prop::option::of(fen_yuan(0, 300_000)),
    )
        .prop_map(|(min, extra)| AmountRange {
            min,
            max: extra.map(|e| Fen(min.unwrap_or(Fen::ZERO).0 + e.0)),
        })
}

const BRANDS: &[(&str, &[&str])] = &[
    ("大众", &["途观L", "帕萨特", "朗逸", "ID.4 CROZZ"]),
    ("丰田", &["凯美瑞", "RAV4荣放", "汉兰达"]),
    ("比亚迪", &["宋PLUS DM-i", "汉EV", "海豹"]),
    ("理想", &["L6", "L7"]),
    ("Volkswagen", &["Tiguan L"]),
];

fn brand_series() -> impl Strategy<Value = (String, String)> {
    select(BRANDS).prop_flat_map(|(brand, series)| {
        select(series).prop_map(move |s| (brand.to_owned(), s.to_owned()))
    })
}

/// A valid catalogue model with a code `M0001`…`M9999`.
pub fn catalogue_model() -> impl Strategy<Value = CatalogueModel> {
    (
        1u32..10_000,
        brand_series(),
        select(vec!["2025款 330TSI", "2026款 DM-i 160km", "2024款 双擎"]),
        body_type(),
        powertrain(),
        fen_yuan(80_000, 400_000),
        fen_yuan(0, 150_000),
    )
        .prop_map(
            |(code, (brand, series), model, body_type, powertrain, min, spread)| CatalogueModel {
                id: format!("M{code:04}").into(),
                brand,
                series,
                model: model.into(),
                body_type,
                powertrain,
                price: AmountRange::between(min, Fen(min.0 + spread.0)),
            },
        )
}

/// A valid trade-in: first registered 2005 to 2025.
pub fn trade_in() -> impl Strategy<Value = TradeIn> {
    (
        select(vec!["丰田", "本田", "大众", "别克", "五菱"]),
        prop::option::of(select(vec!["卡罗拉", "雅阁", "速腾", "英朗", "宏光MINI"])),
        prop::option::of(2005i32..=2025),
        prop::option::of(0u32..400_000),
        prop::option::of(fen_yuan(5_000, 150_000)),
    )
        .prop_map(
            |(brand, model, year, mileage_km, appraised_value)| TradeIn {
                brand: brand.into(),
                model: model.map(Into::into),
                year,
                mileage_km,
                appraised_value,
            },
        )
}

fn short_list(items: Vec<&'static str>) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(select(items), 0..4)
        .prop_map(|v| v.into_iter().map(str::to_owned).collect())
}

/// A valid new intent of `customer`: brand and series always, the rest sometimes (a trade-in
/// first registered 2005 to 2025), never a catalogue model (a store takes only one of its
/// loaded catalogue; [`catalogue_model`] generates models to load).
pub fn new_vehicle_intent(customer: CustomerId) -> impl Strategy<Value = NewVehicleIntent> {
    (
        (
            brand_series(),
            prop::option::of(select(vec!["2025款 330TSI", "2026款 DM-i"])),
            prop::option::of(select(vec!["两驱智享版", "四驱旗舰版"])),
            prop::option::of(body_type()),
            prop::option::of(powertrain()),
        ),
        (
            short_list(vec!["珍珠白", "曜石黑", "极地银", "珍珠白"]),
            short_list(vec!["全景天窗", "四驱", "座椅通风", "L2辅助驾驶"]),
            budget(),
            purchase_timeframe(),
            prop::option::of(payment_method()),
            prop::option::of(trade_in()),
        ),
        (
            short_list(vec!["丰田 RAV4荣放", "本田 CR-V", "日产 奇骏"]),
            Just(None::<String>),
            any::<bool>(),
            prop::option::of("[a-z ]{1,60}"),
        ),
    )
        .prop_map(
            move |(
                ((brand, series), model, trim, body_type, powertrain),
                (colours, options, budget, timeframe, payment, trade_in),
                (competitors, catalogue_model, primary, notes),
            )| NewVehicleIntent {
                customer_id: customer.clone(),
                brand: Some(brand),
                series: Some(series),
                model: model.map(Into::into),
                trim: trim.map(Into::into),
                body_type,
                powertrain,
                colours,
                options,
                budget,
                timeframe,
                payment,
                trade_in,
                competitors,
                catalogue_model: catalogue_model.map(Into::into),
                primary,
                notes,
            },
        )
}

/// A new intent of `customer` with exactly one defect as of the local date `today`, and the
/// field path the error must name.
pub fn near_valid_vehicle_intent(
    customer: CustomerId,
    today: NaiveDate,
) -> impl Strategy<Value = (NewVehicleIntent, String)> {
    (new_vehicle_intent(customer), trade_in(), 0usize..9).prop_map(move |(mut i, t, defect)| {
        let field = match defect {
            0 => {
                i.budget = AmountRange::between(Fen(20_000_000), Fen(19_999_999));
                "intent.budget"
            }
            1 => {
                i.budget.min = Some(Fen(-100));
                "intent.budget.min"
            }
            2 => {
                i.trade_in = Some(TradeIn {
                    year: Some(today.year() + 1),
                    ..t
                });
                "intent.trade_in.year"
            }
            3 => {
                i.trade_in = Some(TradeIn {
                    mileage_km: Some(Limits::MAX_MILEAGE_KM + 1),
                    ..t
                });
                "intent.trade_in.mileage_km"
            }
            4 => {
                i.trade_in = Some(TradeIn {
                    appraised_value: Some(Fen(-1)),
                    ..t
                });
                "intent.trade_in.appraised_value"
            }
            5 => {
                i.customer_id = " ".into();
                "intent.customer_id"
            }
            6 => {
                i.colours.push("色".repeat(Limits::PREFERENCE + 1));
                return (
                    i.clone(),
                    format!("intent.colours[{}]", i.colours.len() - 1),
                );
            }
            7 => {
                i.competitors = (0..=Limits::PREFERENCES)
                    .map(|n| format!("竞品{n}"))
                    .collect();
                "intent.competitors"
            }
            _ => {
                i.brand = None;
                i.series = None;
                i.model = None;
                i.catalogue_model = None;
                i.body_type = None;
                "intent.brand"
            }
        };
        (i, field.to_owned())
    })
}

/// A patch that touches a random selection of fields with valid values.
pub fn vehicle_intent_patch() -> impl Strategy<Value = VehicleIntentPatch> {
    (
        prop::option::of(prop::option::of(select(vec!["丰田", "大众"]))),
        prop::option::of(prop::option::of(body_type())),
        prop::option::of(prop::option::of(powertrain())),
        prop::option::of(budget()),
        prop::option::of(purchase_timeframe()),
        prop::option::of(prop::option::of(trade_in())),
        prop::option::of(short_list(vec!["本田 CR-V", "日产 奇骏"])),
        prop::option::of(any::<bool>()),
    )
        .prop_map(
            |(brand, body_type, powertrain, budget, timeframe, trade_in, competitors, primary)| {
                VehicleIntentPatch {
                    brand: brand.map(|b| b.map(Into::into)),
                    body_type,
                    powertrain,
                    budget,
                    timeframe,
                    trade_in,
                    competitors,
                    primary,
                    ..Default::default()
                }
            },
        )
}

/// A valid vehicle for an order, named without a catalogue model.
pub fn ordered_vehicle() -> impl Strategy<Value = OrderedVehicle> {
    (
        brand_series(),
        select(vec!["2025款 330TSI", "2026款 DM-i 160km", "2024款 双擎"]),
        prop::option::of(select(vec!["两驱智享版", "四驱旗舰版"])),
        prop::option::of(select(vec!["珍珠白", "曜石黑 / 黑内"])),
        Just(None::<String>),
    )
        .prop_map(
            |((brand, series), model, trim, colour, catalogue)| OrderedVehicle {
                brand: Some(brand),
                series: Some(series),
                model: model.into(),
                trim: trim.map(Into::into),
                colour: colour.map(Into::into),
                catalogue_model: catalogue.map(Into::into),
            },
        )
}

/// A valid new order of `customer` for `intent` (one of theirs, or none), signed in the six
/// years up to the local date `today`: price ¥60,000 to ¥600,000, a discount up to the price
/// and a deposit up to what remains, sometimes a VIN and an expected delivery 0-90 days
/// after the order date; no consultant (the store records its user).
pub fn new_order(
    customer: CustomerId,
    intent: Option<IntentId>,
    today: NaiveDate,
) -> impl Strategy<Value = NewOrder> {
    (
        (ordered_vehicle(), prop::option::of(vin())),
        (fen_yuan(60_000, 600_000), 0u32..=100, 0u32..=100),
        (0i64..2191, prop::option::of(0i64..=90)),
        (any::<bool>(), any::<bool>()),
    )
        .prop_map(
            move |(
                (vehicle, vin),
                (price, discount_pct, deposit_pct),
                (days_before, expected_after),
                (finance, insurance),
            )| {
                // Discounts up to the whole price happen only in the generator's corners;
                // most are under 20 %.
                let discount = Fen(price.0 * i64::from(discount_pct % 21) / 100);
                let net = price.0 - discount.0;
                let deposit = Fen(net * i64::from(deposit_pct) / 100);
                let order_date = today - Duration::days(days_before);
                NewOrder {
                    customer_id: customer.clone(),
                    intent_id: intent.clone(),
                    vehicle,
                    vin,
                    price,
                    discount,
                    deposit,
                    order_date,
                    expected_delivery: expected_after.map(|d| order_date + Duration::days(d)),
                    finance,
                    insurance,
                    consultant: None,
                }
            },
        )
}

/// A new order of `customer` for `intent` with exactly one defect as of the local date
/// `today`, and the field path the error must name.
pub fn near_valid_order(
    customer: CustomerId,
    intent: Option<IntentId>,
    today: NaiveDate,
) -> impl Strategy<Value = (NewOrder, String)> {
    (new_order(customer, intent, today), 1i64..1000, 0usize..8).prop_map(
        move |(mut o, k, defect)| {
            let field = match defect {
                0 => {
                    o.discount = Fen(o.price.0 + k);
                    "order.discount"
                }
                1 => {
                    o.deposit = Fen(o.price.0 - o.discount.0 + k);
                    "order.deposit"
                }
                2 => {
                    o.price = Fen(-k);
                    "order.price"
                }
                3 => {
                    o.order_date = today + Duration::days(k);
                    "order.order_date"
                }
                4 => {
                    o.expected_delivery = Some(o.order_date - Duration::days(k));
                    "order.expected_delivery"
                }
                5 => {
                    o.vin = Some(format!(
                        "LSV{}",
                        "0".repeat(usize::try_from(k % 13).unwrap_or(0))
                    ));
                    "order.vin"
                }
                6 => {
                    o.vehicle.model = "  ".into();
                    "order.vehicle.model"
                }
                _ => {
                    o.deposit = Fen(-k);
                    "order.deposit"
                }
            };
            (o, field.to_owned())
        },
    )
}

/// A valid handover for an order signed on `order_date` (not after the local date `today`):
/// 0-60 days after it but not after `today`, a VIN always (so the order needs none), odometer
/// 0-300 km.
pub fn new_delivery(order_date: NaiveDate, today: NaiveDate) -> impl Strategy<Value = NewDelivery> {
    let span = (today - order_date).num_days().clamp(0, 60);
    (0..=span, vin(), 0u32..=300).prop_map(move |(d, vin, km)| NewDelivery {
        date: order_date + Duration::days(d),
        vin: Some(vin),
        odometer_km: km,
    })
}

/// A handover for an order signed on `order_date` with exactly one defect as of the local
/// date `today`, and the field path the error must name (under `delivery`).
pub fn near_valid_delivery(
    order_date: NaiveDate,
    today: NaiveDate,
) -> impl Strategy<Value = (NewDelivery, String)> {
    (new_delivery(order_date, today), 1i64..400, 0usize..4).prop_map(move |(mut d, k, defect)| {
        let field = match defect {
            0 => {
                d.date = order_date - Duration::days(k);
                "delivery.date"
            }
            1 => {
                d.date = today + Duration::days(k);
                "delivery.date"
            }
            2 => {
                d.vin = Some(format!(
                    "LSV{}",
                    "0".repeat(usize::try_from(k % 13).unwrap_or(0))
                ));
                "delivery.vin"
            }
            _ => {
                d.odometer_km = Limits::MAX_MILEAGE_KM + u32::try_from(k).unwrap_or(1);
                "delivery.odometer_km"
            }
        };
        (d, field.to_owned())
    })
}

/// A valid new visit or test drive of `customer`, scheduled between 2020 and 300 days after
/// `now`, the model named without a catalogue model; no consultant (the store records its
/// user).
pub fn new_visit(customer: CustomerId, now: DateTime<Utc>) -> impl Strategy<Value = NewVisit> {
    let ahead = (0i64..300 * 24 * 60).prop_map(move |m| now + Duration::minutes(m));
    (
        visit_kind(),
        prop::option::of(select(vec!["途观L 330TSI", "汉EV", "L6 Pro"])),
        Just(None::<String>),
        prop_oneof![instant_before(now), ahead],
        prop::option::of(select(vec!["带驾照", "Bring the family"])),
    )
        .prop_map(move |(kind, model, catalogue_model, scheduled_at, notes)| {
            let model = match (kind, &model, &catalogue_model) {
                (VisitKind::TestDrive, None, None) => Some("途观L 330TSI"),
                _ => model,
            };
            NewVisit {
                customer_id: customer.clone(),
                kind,
                model: model.map(Into::into),
                catalogue_model: catalogue_model.map(Into::into),
                scheduled_at,
                consultant: None,
                notes: notes.map(Into::into),
            }
        })
}

/// A new visit of `customer` with exactly one defect as of `now`, and the field path the
/// error must name.
pub fn near_valid_visit(
    customer: CustomerId,
    now: DateTime<Utc>,
) -> impl Strategy<Value = (NewVisit, String)> {
    (new_visit(customer, now), 0usize..4).prop_map(move |(mut v, defect)| {
        let field = match defect {
            0 => {
                v.kind = VisitKind::TestDrive;
                v.model = None;
                v.catalogue_model = None;
                "visit.model"
            }
            1 => {
                v.scheduled_at = now + Duration::days(Limits::VISIT_HORIZON_DAYS + 1);
                "visit.scheduled_at"
            }
            2 => {
                v.customer_id = "".into();
                "visit.customer_id"
            }
            _ => {
                v.notes = Some("x".repeat(Limits::VISIT_TEXT + 1));
                "visit.notes"
            }
        };
        (v, field.to_owned())
    })
}

/// A patch for an order signed on `order_date` that touches a random selection of the
/// fields that cannot break the amounts' rules, with valid values.
pub fn order_patch(order_date: NaiveDate) -> impl Strategy<Value = super::order_patch::OrderPatch> {
    (
        prop::option::of(ordered_vehicle()),
        prop::option::of(prop::option::of(0i64..=120)),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::option::of(select(vec!["c001", "c004"]))),
    )
        .prop_map(move |(vehicle, expected, finance, insurance, consultant)| {
            super::order_patch::OrderPatch {
                vehicle,
                expected_delivery: expected.map(|d| d.map(|d| order_date + Duration::days(d))),
                finance,
                insurance,
                consultant: consultant.map(|c| c.map(Into::into)),
                ..Default::default()
            }
        })
}
