//! The care engine on worked examples: calls after delivery, maintenance with and without
//! readings, insurance, inspection by age, birthdays (February 29), holidays, consent.

use chrono::NaiveDate;
use crm_core::{
    care_tasks, CareAssignee, CareCar, CareCustomer, CareDetail, CarePlanner, CareRules, CareTask,
    CareTaskKind, ChannelSet, ConsentChannel, ConsentState, ConsentStates, DateWindow,
    MaintenanceTrigger, OdometerReading,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn window(from: NaiveDate, to: NaiveDate) -> DateWindow {
    DateWindow::new(from, to).unwrap()
}

fn car(delivered_on: NaiveDate) -> CareCar {
    CareCar {
        id: "car1".into(),
        delivered_on,
        delivery_km: 8,
        registered_on: None,
        readings: vec![],
        services: vec![],
        insurance_ends_on: vec![],
    }
}

/// A customer reachable on every channel who agreed to WeChat (where greetings and offers
/// go first) and was never asked about the others.
fn customer(cars: Vec<CareCar>) -> CareCustomer {
    CareCustomer {
        id: "c1".into(),
        birthday: None,
        consent: consent(&[(ConsentChannel::Wechat, ConsentState::Granted)]),
        reachable: ChannelSet::ALL,
        cars,
    }
}

fn of_kind(tasks: &[CareTask], kind: CareTaskKind) -> Vec<&CareTask> {
    tasks.iter().filter(|t| t.kind() == kind).collect()
}

fn keys(tasks: &[&CareTask]) -> Vec<String> {
    tasks.iter().map(|t| t.key.to_string()).collect()
}

fn consent(states: &[(ConsentChannel, ConsentState)]) -> ConsentStates {
    states
        .iter()
        .fold(ConsentStates::default(), |s, (channel, state)| {
            s.with(*channel, *state)
        })
}

fn withdrawn(channels: &[ConsentChannel]) -> ConsentStates {
    let states: Vec<_> = channels
        .iter()
        .map(|c| (*c, ConsentState::Withdrawn))
        .collect();
    consent(&states)
}

#[test]
fn the_first_month_after_delivery() {
    let c = customer(vec![car(date(2026, 3, 10))]);
    let tasks = care_tasks(
        &c,
        &CareRules::default(),
        window(date(2026, 3, 1), date(2026, 4, 30)),
    )
    .unwrap();
    let calls = of_kind(&tasks, CareTaskKind::DeliveryCall);
    assert_eq!(
        calls
            .iter()
            .map(|t| (t.key.to_string(), t.due_on, t.assignee))
            .collect::<Vec<_>>(),
        [
            (
                "call:car1:d3".into(),
                date(2026, 3, 13),
                CareAssignee::Consultant
            ),
            (
                "call:car1:d7".into(),
                date(2026, 3, 17),
                CareAssignee::Manager
            ),
            (
                "call:car1:d30".into(),
                date(2026, 4, 9),
                CareAssignee::Consultant
            ),
        ]
    );
    assert!(calls.iter().all(|t| t.channel == ConsentChannel::Phone
        && t.template_key == "care.after_delivery"
        && !t.needs_consent));
    // Holidays in the window after the delivery: none (Qingming is not on the list);
    // the Lantern Festival 2026 (03-03) was before the delivery.
    assert!(of_kind(&tasks, CareTaskKind::Holiday).is_empty());
    // Tasks come by due date.
    assert!(tasks.windows(2).all(|w| w[0].due_on <= w[1].due_on));
}

#[test]
fn maintenance_from_time_alone_then_from_readings() {
    let rules = CareRules::default();
    let w = window(date(2026, 1, 1), date(2027, 12, 31));
    let mut c = customer(vec![car(date(2026, 1, 15))]);
    let maint = |c: &CareCustomer| {
        care_tasks(c, &rules, w)
            .unwrap()
            .into_iter()
            .filter(|t| t.kind() == CareTaskKind::Maintenance)
            .map(|t| match t.detail {
                CareDetail::Maintenance {
                    service, trigger, ..
                } => (t.key.to_string(), service, t.event_on, t.due_on, trigger),
                _ => unreachable!(),
            })
            .collect::<Vec<_>>()
    };
    let by_time = MaintenanceTrigger::Time { months: 6 };
    assert_eq!(
        maint(&c),
        [
            (
                "maint:car1:1".into(),
                1,
                date(2026, 7, 15),
                date(2026, 7, 8),
                by_time
            ),
            (
                "maint:car1:2".into(),
                2,
                date(2027, 1, 15),
                date(2027, 1, 8),
                by_time
            ),
            (
                "maint:car1:3".into(),
                3,
                date(2027, 7, 15),
                date(2027, 7, 8),
                by_time
            ),
        ]
    );
    // 80 km a day since delivery (8 km then): 5,008 km reached on 03-19, where the
    // odometer is predicted at 5,048; 10,048 reached on 05-21; by distance from then on,
    // every 63 days or so.
    c.cars[0].readings = vec![OdometerReading {
        on: date(2026, 2, 14),
        km: 2408,
    }];
    let m = maint(&c);
    assert_eq!(m[0].2, date(2026, 3, 19));
    assert_eq!(m[0].4, MaintenanceTrigger::Distance { km: 5008 });
    assert_eq!(m[1].2, date(2026, 5, 21));
    assert_eq!(m[1].4, MaintenanceTrigger::Distance { km: 10048 });
    assert_eq!(m.len(), 11);
    // The same service keeps its key when the prediction moves.
    assert_eq!(m[0].0, "maint:car1:1");
}

#[test]
fn insurance_is_reminded_30_days_ahead_and_carried_on_yearly() {
    let mut c = customer(vec![car(date(2025, 6, 1))]);
    c.cars[0].insurance_ends_on = vec![date(2026, 5, 31)];
    let w = window(date(2026, 1, 1), date(2028, 12, 31));
    let ins = |c: &CareCustomer| {
        let tasks = care_tasks(c, &CareRules::default(), w).unwrap();
        of_kind(&tasks, CareTaskKind::InsuranceRenewal)
            .iter()
            .map(|t| (t.key.to_string(), t.due_on))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ins(&c),
        [
            ("insurance:car1:2026-05-31".into(), date(2026, 5, 1)),
            ("insurance:car1:2027-05-31".into(), date(2027, 5, 1)),
            ("insurance:car1:2028-05-31".into(), date(2028, 5, 1)),
        ]
    );
    // Renewed on another date: the new date takes over from its year on.
    c.cars[0].insurance_ends_on.push(date(2027, 6, 20));
    assert_eq!(
        ins(&c),
        [
            ("insurance:car1:2026-05-31".into(), date(2026, 5, 1)),
            ("insurance:car1:2027-06-20".into(), date(2027, 5, 21)),
            ("insurance:car1:2028-06-20".into(), date(2028, 5, 21)),
        ]
    );
}

#[test]
fn inspections_follow_the_age_table_and_skip_what_predates_the_delivery() {
    // A used car registered in 2014, delivered in 2022.
    let mut c = customer(vec![car(date(2022, 5, 1))]);
    c.cars[0].registered_on = Some(date(2014, 3, 20));
    let tasks = care_tasks(
        &c,
        &CareRules::default(),
        window(date(2022, 1, 1), date(2030, 12, 31)),
    )
    .unwrap();
    let insp: Vec<(String, NaiveDate, bool)> = of_kind(&tasks, CareTaskKind::Inspection)
        .iter()
        .map(|t| match t.detail {
            CareDetail::Inspection { on_site, .. } => (t.key.to_string(), t.event_on, on_site),
            _ => unreachable!(),
        })
        .collect();
    // Age 8 (2022-03) was before the delivery; then 10, 11 … 15, then every 6 months.
    assert_eq!(
        insp[0],
        ("inspection:car1:5".into(), date(2024, 3, 20), true)
    );
    assert_eq!(insp[1].1, date(2025, 3, 20));
    assert_eq!(
        insp[5],
        ("inspection:car1:10".into(), date(2029, 3, 20), true)
    );
    assert_eq!(insp[6].1, date(2029, 9, 20));
    assert_eq!(insp[7].1, date(2030, 3, 20));
    assert_eq!(insp[8].1, date(2030, 9, 20));
    assert_eq!(insp.len(), 9);
    assert_eq!(
        of_kind(&tasks, CareTaskKind::Inspection)[0].due_on,
        date(2024, 2, 19)
    );
}

#[test]
fn a_february_29_birthday_is_greeted_on_february_28_in_common_years() {
    let mut c = customer(vec![car(date(2025, 1, 10))]);
    c.birthday = Some(date(1992, 2, 29));
    let tasks = care_tasks(
        &c,
        &CareRules::default(),
        window(date(2026, 1, 1), date(2028, 12, 31)),
    )
    .unwrap();
    let b: Vec<(String, NaiveDate)> = of_kind(&tasks, CareTaskKind::Birthday)
        .iter()
        .map(|t| (t.key.to_string(), t.due_on))
        .collect();
    assert_eq!(
        b,
        [
            ("birthday:c1:2026".into(), date(2026, 2, 28)),
            ("birthday:c1:2027".into(), date(2027, 2, 28)),
            ("birthday:c1:2028".into(), date(2028, 2, 29)),
        ]
    );
    assert!(of_kind(&tasks, CareTaskKind::Birthday)
        .iter()
        .all(|t| t.needs_consent && t.channel == ConsentChannel::Wechat));
}

#[test]
fn holidays_of_a_year_lunar_and_gregorian() {
    let c = customer(vec![car(date(2025, 1, 10))]);
    let tasks = care_tasks(
        &c,
        &CareRules::default(),
        window(date(2027, 1, 1), date(2027, 12, 31)),
    )
    .unwrap();
    let h: Vec<(String, NaiveDate, NaiveDate)> = of_kind(&tasks, CareTaskKind::Holiday)
        .iter()
        .map(|t| (t.key.to_string(), t.event_on, t.due_on))
        .collect();
    let row = |k: &str, on, due| (format!("holiday:{k}:c1"), on, due);
    assert_eq!(
        h,
        [
            row("spring_festival:2027", date(2027, 2, 6), date(2027, 2, 5)),
            row("lantern:2027", date(2027, 2, 20), date(2027, 2, 19)),
            row("dragon_boat:2027", date(2027, 6, 9), date(2027, 6, 8)),
            row("mid_autumn:2027", date(2027, 9, 15), date(2027, 9, 14)),
            row("national_day:2027", date(2027, 10, 1), date(2027, 9, 30)),
            // New Year 2028, greeted on the last day of 2027.
            row("new_year:2028", date(2028, 1, 1), date(2027, 12, 31)),
        ]
    );
    // The anniversary and the referral invitation.
    assert_eq!(
        keys(&of_kind(&tasks, CareTaskKind::PurchaseAnniversary)),
        ["anniversary:car1:2"]
    );
    let none = care_tasks(
        &c,
        &CareRules::default(),
        window(date(2025, 3, 1), date(2025, 3, 31)),
    )
    .unwrap();
    assert_eq!(
        keys(&of_kind(&none, CareTaskKind::ReferralInvitation)),
        ["referral:car1"]
    );
}

#[test]
fn consent_and_contacts_choose_the_channel_or_block_the_task() {
    use ConsentChannel::{Email, Phone, Sms, Wechat};
    use ConsentState::{Granted, Withdrawn};
    let mut c = customer(vec![car(date(2026, 3, 10))]);
    c.birthday = Some(date(1990, 5, 1));
    c.cars[0].insurance_ends_on = vec![date(2026, 12, 1)];
    let w = window(date(2026, 3, 1), date(2027, 3, 31));
    let mut rules = CareRules::default();
    let plan = |c: &CareCustomer, rules: &CareRules| CarePlanner::new(rules, w).unwrap().plan(c);
    let kinds = |c: &CareCustomer, rules: &CareRules, kind| {
        let tasks = care_tasks(c, rules, w).unwrap();
        of_kind(&tasks, kind)
            .iter()
            .map(|t| t.channel)
            .collect::<Vec<_>>()
    };

    // Never asked: no greeting and no insurance offer (marketing), on no channel; service
    // reminders stay.
    c.consent = ConsentStates::default();
    let never_asked = plan(&c, &rules);
    assert!(never_asked
        .tasks
        .iter()
        .all(|t| t.kind().is_service() && !t.needs_consent));
    assert!(!of_kind(&never_asked.tasks, CareTaskKind::Maintenance).is_empty());
    // A birthday, the insurance offer, six holidays, the anniversary, the referral.
    assert_eq!(never_asked.blocked_by_consent, 10);

    // WeChat refused, SMS granted: greetings and the insurance offer go by SMS.
    c.consent = consent(&[(Wechat, Withdrawn), (Sms, Granted)]);
    assert_eq!(kinds(&c, &rules, CareTaskKind::Birthday), [Sms]);
    assert_eq!(kinds(&c, &rules, CareTaskKind::InsuranceRenewal), [Sms]);

    // No mobile number (a landline, an e-mail address): the greeting is not moved to
    // e-mail (never asked) nor back to WeChat (refused): it is blocked.
    c.reachable = ChannelSet::of(&[Phone, Email]);
    assert_eq!(kinds(&c, &rules, CareTaskKind::Birthday), []);
    // E-mail granted: there it goes; granted but no address: blocked again.
    c.consent = consent(&[(Wechat, Withdrawn), (Sms, Granted), (Email, Granted)]);
    assert_eq!(kinds(&c, &rules, CareTaskKind::Birthday), [Email]);
    c.reachable = ChannelSet::of(&[Phone]);
    assert_eq!(kinds(&c, &rules, CareTaskKind::Birthday), []);

    // Service reminders need no consent, but never go on a refused channel nor on one the
    // customer lacks: calls refused and no WeChat id leaves the maintenance SMS.
    c.reachable = ChannelSet::ALL;
    c.consent = withdrawn(&[Phone, Wechat]);
    assert!(kinds(&c, &rules, CareTaskKind::Maintenance)
        .iter()
        .all(|ch| *ch == Sms));
    c.reachable = ChannelSet::of(&[Phone, Wechat]);
    assert_eq!(kinds(&c, &rules, CareTaskKind::Maintenance), []);
    assert!(plan(&c, &rules).blocked_by_consent > 0);

    // Every channel refused: no task at all, service reminders included.
    c.reachable = ChannelSet::ALL;
    c.consent = withdrawn(&[Phone, Sms, Wechat, Email]);
    assert_eq!(care_tasks(&c, &rules, w).unwrap(), vec![]);

    // Service reminders following consent: a customer never asked gets none.
    c.consent = ConsentStates::default();
    rules.consent.service_reminders_need_consent = true;
    assert_eq!(care_tasks(&c, &rules, w).unwrap(), vec![]);

    // The dealership opens WeChat to customers never asked: greetings go there, SMS stays
    // closed.
    rules.consent.service_reminders_need_consent = false;
    rules.consent.unknown_allows_marketing = ChannelSet::of(&[Wechat]);
    assert_eq!(kinds(&c, &rules, CareTaskKind::Birthday), [Wechat]);
    c.reachable = ChannelSet::of(&[Phone, Sms]);
    assert_eq!(kinds(&c, &rules, CareTaskKind::Birthday), []);
}

#[test]
fn no_car_no_care_and_bad_rules_are_refused() {
    let mut c = customer(vec![]);
    c.birthday = Some(date(1990, 5, 1));
    let w = window(date(2026, 1, 1), date(2026, 12, 31));
    assert_eq!(care_tasks(&c, &CareRules::default(), w).unwrap(), vec![]);
    let mut rules = CareRules::default();
    rules.maintenance.every_km = 0;
    assert_eq!(
        care_tasks(&c, &rules, w).unwrap_err().field,
        "maintenance.every_km"
    );
    let backwards = DateWindow {
        from: date(2026, 2, 1),
        to: date(2026, 1, 1),
    };
    assert_eq!(
        care_tasks(&c, &CareRules::default(), backwards)
            .unwrap_err()
            .field,
        "to"
    );
}

#[test]
fn tasks_serialise_with_their_kind() {
    let c = customer(vec![car(date(2026, 3, 10))]);
    let tasks = care_tasks(
        &c,
        &CareRules::default(),
        window(date(2026, 3, 13), date(2026, 3, 13)),
    )
    .unwrap();
    let json = serde_json::to_value(&tasks[0]).unwrap();
    assert_eq!(json["key"], "call:car1:d3");
    assert_eq!(json["detail"]["kind"], "delivery_call");
    assert_eq!(json["detail"]["call"], "d3");
    assert_eq!(json["channel"], "phone");
    assert_eq!(serde_json::from_value::<CareTask>(json).unwrap(), tasks[0]);
}
