//! Proptest strategies for the care types (feature `proptest`): rules around the defaults,
//! delivered customers with cars, readings (typos among them), known services, insurance
//! dates, consent and contacts, and windows.

use crate::care::calendar::Offset;
use crate::care::car::{NewCar, MAX_CAR_NAME};
use crate::care::consent::{
    ChannelSet, ConsentChannel, ConsentRecord, ConsentRules, ConsentSource, ConsentState,
    CustomerConsent,
};
use crate::care::facts::{CareCar, CareCustomer, DateWindow};
use crate::care::maintenance::ServiceVisit;
use crate::care::odometer::OdometerReading;
use crate::care::rules::CareRules;
use crate::validation::Code;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use proptest::sample::select;

/// 2018-01-01, the earliest delivery generated.
fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2018, 1, 1).unwrap_or_default()
}

/// A date `days` after 2018-01-01.
fn day(days: u64) -> NaiveDate {
    base().checked_add_days(Days::new(days)).unwrap_or(base())
}

/// A date from 2018 to about 2031.
pub fn care_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..5000).prop_map(day)
}

/// A window of 1 to 800 days starting between 2018 and 2031.
pub fn care_window() -> impl Strategy<Value = DateWindow> {
    (0u64..5000, 0u64..800).prop_map(|(start, len)| DateWindow {
        from: day(start),
        to: day(start + len),
    })
}

/// A customer's consent: each channel unknown, granted or withdrawn.
pub fn customer_consent() -> impl Strategy<Value = CustomerConsent> {
    let state = select(vec![
        ConsentState::Unknown,
        ConsentState::Granted,
        ConsentState::Withdrawn,
    ]);
    prop::collection::vec(state, ConsentChannel::ALL.len()).prop_map(|states| {
        let at = "2026-01-01T00:00:00Z".parse().unwrap_or_default();
        CustomerConsent {
            records: ConsentChannel::ALL
                .iter()
                .zip(states)
                .filter(|(_, s)| *s != ConsentState::Unknown)
                .map(|(c, state)| ConsentRecord {
                    channel: *c,
                    state,
                    at,
                    source: ConsentSource::InPerson,
                    note: None,
                })
                .collect(),
        }
    })
}

/// A set of channels, every one as likely as not.
pub fn channel_set() -> impl Strategy<Value = ChannelSet> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(phone, sms, wechat, email)| ChannelSet {
            phone,
            sms,
            wechat,
            email,
        },
    )
}

/// Readings after a delivery on `delivered_on` at `delivery_km`: up to `max` steps of 1 to
/// 200 days, mostly rising, sometimes running back, sometimes a typo (a hundred times the
/// distance), some on the same day as the one before.
pub fn odometer_readings(
    delivered_on: NaiveDate,
    delivery_km: u32,
    max: usize,
) -> impl Strategy<Value = Vec<OdometerReading>> {
    prop::collection::vec((0u64..200, 0u32..12_000, 0u8..10), 0..max).prop_map(move |steps| {
        let mut on = delivered_on;
        let mut km = delivery_km;
        steps
            .into_iter()
            .map(|(days, dist, kind)| {
                on = on.checked_add_days(Days::new(days)).unwrap_or(on);
                let shown = match kind {
                    0 => km.saturating_sub(dist / 10),
                    1 => km.saturating_add(dist.saturating_mul(100)),
                    _ => {
                        km = km.saturating_add(dist);
                        km
                    }
                };
                OdometerReading { on, km: shown }
            })
            .collect()
    })
}

/// A delivered car `id`: delivered 2018-2031, maybe registered earlier (a used car),
/// up to 6 readings (see [`odometer_readings`]), some of them taken at a service visit, up
/// to 2 maintenance tasks marked done, up to 3 insurance end dates.
pub fn care_car(id: String) -> impl Strategy<Value = CareCar> {
    (
        0u64..5000,
        0u32..200,
        prop::option::of(0u64..1500),
        prop::collection::vec(0u64..1200, 0..3),
        prop::collection::vec((1u64..1500, 1u32..6), 0..3),
        any::<u8>(),
    )
        .prop_flat_map(
            move |(delivered, delivery_km, used, insurance, done, at_service)| {
                let delivered_on = day(delivered);
                let id = id.clone();
                odometer_readings(delivered_on, delivery_km, 6).prop_map(move |readings| {
                    let mut services: Vec<ServiceVisit> = readings
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| at_service & (1 << i) != 0)
                        .map(|(_, r)| ServiceVisit {
                            on: r.on,
                            service: None,
                        })
                        .collect();
                    services.extend(done.iter().filter_map(|(days, n)| {
                        Some(ServiceVisit {
                            on: delivered_on.checked_add_days(Days::new(*days))?,
                            service: Some(*n),
                        })
                    }));
                    CareCar {
                        id: id.clone().into(),
                        delivered_on,
                        delivery_km,
                        registered_on: used
                            .and_then(|d| delivered_on.checked_sub_days(Days::new(d))),
                        readings,
                        services,
                        insurance_ends_on: insurance
                            .iter()
                            .filter_map(|d| delivered_on.checked_add_days(Days::new(*d)))
                            .collect(),
                    }
                })
            },
        )
}

/// A delivered customer `c<n>` with 0 to 3 cars, maybe a birthday (February 29 often), any
/// consent, and reachable on every channel half of the time, else on any set.
pub fn care_customer() -> impl Strategy<Value = CareCustomer> {
    let birthday = prop_oneof![
        Just(None),
        Just(NaiveDate::from_ymd_opt(1988, 2, 29)),
        (0u64..20_000)
            .prop_map(|d| NaiveDate::from_ymd_opt(1950, 1, 1)
                .and_then(|b| b.checked_add_days(Days::new(d)))),
    ];
    let reachable = prop_oneof![Just(ChannelSet::ALL), channel_set()];
    (
        0u32..1000,
        birthday,
        customer_consent(),
        reachable,
        0usize..=3,
    )
        .prop_flat_map(|(n, birthday, consent, reachable, cars)| {
            let cars: Vec<_> = (0..cars).map(|i| care_car(format!("car{n}x{i}"))).collect();
            (
                Just(n),
                Just(birthday),
                Just(consent),
                Just(reachable),
                cars,
            )
        })
        .prop_map(|(n, birthday, consent, reachable, cars)| CareCustomer {
            id: format!("c{n}").into(),
            birthday,
            consent: consent.states(),
            reachable,
            cars,
        })
}

/// Valid rules around the defaults: other intervals, leads, consent settings, rules on
/// and off.
pub fn care_rules() -> impl Strategy<Value = CareRules> {
    (
        (
            1000u32..=10_000,
            1u32..=12,
            1000u32..=10_000,
            1u32..=12,
            2u32..=5,
        ),
        (0u32..=30, 0u32..=60, 0u32..=60, 0u32..=3, 0u32..=3),
        (channel_set(), any::<bool>(), any::<bool>(), any::<bool>()),
        (1u32..=6, 0u32..=10),
    )
        .prop_map(
            |(
                (first_km, first_months, every_km, every_months, recent),
                (maint_lead, ins_lead, insp_lead, birthday_lead, holiday_lead),
                (unknown_ok, service_consent, project, holidays_on),
                (referral_months, call_days),
            )| {
                let mut r = CareRules::default();
                r.maintenance.first_km = first_km;
                r.maintenance.first_months = first_months;
                r.maintenance.every_km = every_km;
                r.maintenance.every_months = every_months;
                r.maintenance.recent_readings = recent;
                r.maintenance.lead_days = maint_lead;
                r.insurance.lead_days = ins_lead;
                r.insurance.project_yearly = project;
                r.inspection.lead_days = insp_lead;
                r.birthday.lead_days = birthday_lead;
                r.holidays.enabled = holidays_on;
                for h in &mut r.holidays.list {
                    h.lead_days = holiday_lead;
                    h.enabled = true;
                }
                r.referral.after = Offset::months(referral_months);
                if let Some(c) = r.delivery_calls.first_mut() {
                    c.after = Offset::days(call_days.max(1));
                }
                for c in &mut r.delivery_calls {
                    c.enabled = true;
                }
                r.consent = ConsentRules {
                    unknown_allows_marketing: unknown_ok,
                    service_reminders_need_consent: service_consent,
                };
                r
            },
        )
}

/// A valid delivered car as of the local date `today`: delivered in the eight years up to
/// `today`, a VIN and a first registration (a used car's, before delivery) sometimes.
pub fn new_car(today: NaiveDate) -> impl Strategy<Value = NewCar> {
    (
        select(vec![
            ("大众", "途观L"),
            ("比亚迪", "汉EV"),
            ("丰田", "凯美瑞"),
            ("理想", "L6"),
        ]),
        0u64..2922,
        prop::option::of(crate::vehicle::strategies::vin()),
        0u32..=300,
        prop::option::of(1u64..2000),
    )
        .prop_map(move |((brand, model), ago, vin, km, used_for)| {
            let delivered_on = today.checked_sub_days(Days::new(ago)).unwrap_or(today);
            NewCar {
                vin,
                brand: brand.into(),
                model: model.into(),
                delivered_on,
                delivery_km: km,
                registered_on: used_for
                    .and_then(|days| delivered_on.checked_sub_days(Days::new(days))),
                order_id: None,
            }
        })
}

/// A car with exactly one defect as of the local date `today`, and the field path the error
/// must name.
pub fn near_valid_car(today: NaiveDate) -> impl Strategy<Value = (NewCar, String)> {
    (new_car(today), 1u64..400, 0usize..5).prop_map(move |(mut car, k, defect)| {
        let field = match defect {
            0 => {
                car.delivered_on = today.checked_add_days(Days::new(k)).unwrap_or(today);
                "delivered_on"
            }
            1 => {
                car.brand = " ".into();
                "brand"
            }
            2 => {
                car.model = "款".repeat(MAX_CAR_NAME + 1);
                "model"
            }
            3 => {
                car.registered_on = today.checked_add_days(Days::new(k));
                "registered_on"
            }
            _ => {
                car.vin = Some("LSV12".into());
                "vin"
            }
        };
        (car, field.to_owned())
    })
}
