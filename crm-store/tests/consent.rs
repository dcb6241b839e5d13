//! Consent per customer and channel: stored latest word, timeline history, merges.

mod common;

use common::{customer, test_store};
use crm_core::{ConsentChange, ConsentChannel, ConsentSource, ConsentState, TimelineEntry};
use crm_store::StoreError;

fn change(channel: ConsentChannel, state: ConsentState) -> ConsentChange {
    ConsentChange {
        channel,
        state,
        source: ConsentSource::PaperForm,
        note: Some(" 购车合同附页 ".into()),
    }
}

#[test]
fn a_change_is_stored_and_logged_with_from_and_to() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("李雷", "13800000011"))
        .unwrap()
        .id;
    assert!(t.store.consent_of(&c).unwrap().records.is_empty());
    t.store
        .set_consent(&c, &change(ConsentChannel::Sms, ConsentState::Granted))
        .unwrap();
    let consent = t
        .store
        .set_consent(&c, &change(ConsentChannel::Sms, ConsentState::Withdrawn))
        .unwrap();
    assert_eq!(t.store.consent_of(&c).unwrap(), consent);
    assert_eq!(consent.state(ConsentChannel::Sms), ConsentState::Withdrawn);
    assert_eq!(consent.state(ConsentChannel::Email), ConsentState::Unknown);
    let note = consent.record(ConsentChannel::Sms).unwrap().note.clone();
    assert_eq!(note.as_deref(), Some("购车合同附页"));
    let entries: Vec<TimelineEntry> = t
        .store
        .timeline(&c, 10, None)
        .unwrap()
        .records
        .into_iter()
        .map(|r| r.entry)
        .filter(|e| matches!(e, TimelineEntry::ConsentChanged { .. }))
        .collect();
    assert_eq!(
        entries,
        [
            TimelineEntry::ConsentChanged {
                channel: ConsentChannel::Sms,
                from: ConsentState::Granted,
                to: ConsentState::Withdrawn,
                source: ConsentSource::PaperForm,
            },
            TimelineEntry::ConsentChanged {
                channel: ConsentChannel::Sms,
                from: ConsentState::Unknown,
                to: ConsentState::Granted,
                source: ConsentSource::PaperForm,
            },
        ]
    );
}

#[test]
fn a_bad_note_or_an_unknown_customer_writes_nothing() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("韩梅", "13800000012"))
        .unwrap()
        .id;
    let mut bad = change(ConsentChannel::Wechat, ConsentState::Granted);
    bad.note = Some("x".repeat(201));
    match t.store.set_consent(&c, &bad).unwrap_err() {
        StoreError::Invalid(e) => assert_eq!(e.field, "note"),
        other => panic!("{other:?}"),
    }
    assert!(t.store.consent_of(&c).unwrap().records.is_empty());
    assert_eq!(t.store.timeline(&c, 10, None).unwrap().records.len(), 1);
    assert!(matches!(
        t.store.set_consent(
            &common::MISSING.into(),
            &change(ConsentChannel::Sms, ConsentState::Granted)
        ),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn a_merge_keeps_the_kept_customers_word_and_takes_the_others() {
    let t = test_store();
    let keep = t
        .store
        .create_customer(&customer("甲", "13800000013"))
        .unwrap();
    let other = t
        .store
        .create_customer(&customer("乙", "13800000014"))
        .unwrap();
    t.store
        .set_consent(
            &keep.id,
            &change(ConsentChannel::Sms, ConsentState::Granted),
        )
        .unwrap();
    t.store
        .set_consent(
            &other.id,
            &change(ConsentChannel::Sms, ConsentState::Withdrawn),
        )
        .unwrap();
    t.store
        .set_consent(
            &other.id,
            &change(ConsentChannel::Email, ConsentState::Withdrawn),
        )
        .unwrap();
    let keep_version = t.store.get_customer(&keep.id).unwrap().version;
    let other_version = t.store.get_customer(&other.id).unwrap().version;
    t.store
        .merge_customers(&keep.id, keep_version, &other.id, other_version)
        .unwrap();
    let consent = t.store.consent_of(&keep.id).unwrap();
    assert_eq!(consent.state(ConsentChannel::Sms), ConsentState::Granted);
    assert_eq!(
        consent.state(ConsentChannel::Email),
        ConsentState::Withdrawn
    );
}

/// The channels of the care tasks of kind `kind` that a run over 2026-12 to 2027-11 makes
/// for `c`, and the run's count of tasks blocked by consent.
fn care_channels(
    t: &common::TestStore,
    c: &crm_core::CustomerId,
    kind: crm_core::CareTaskKind,
) -> (Vec<ConsentChannel>, u64) {
    let w = crm_core::DateWindow::new("2026-12-01".parse().unwrap(), "2027-11-30".parse().unwrap())
        .unwrap();
    let run = t.store.generate_care(w).unwrap();
    let channels = t
        .store
        .care_tasks(&crm_store::CareTaskQuery {
            customer_id: Some(c.clone()),
            status: Some(crm_core::CareTaskStatusKind::Open),
            limit: 1_000,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .filter(|r| r.task.kind() == kind)
        .map(|r| r.task.channel)
        .collect();
    (channels, run.blocked_by_consent)
}

fn delivered_car(t: &common::TestStore, c: &crm_core::CustomerId) {
    let car = t
        .store
        .record_car(
            c,
            &crm_core::NewCar {
                vin: None,
                brand: "大众".into(),
                model: "ID.4".into(),
                delivered_on: "2026-11-20".parse().unwrap(),
                delivery_km: 10,
                registered_on: None,
                order_id: None,
            },
        )
        .unwrap();
    t.store
        .set_insurance_ends(&car.id, &["2027-06-30".parse().unwrap()])
        .unwrap();
}

#[test]
fn a_customer_never_asked_gets_no_marketing_and_service_reminders_stay() {
    use crm_core::CareTaskKind::{Birthday, Holiday, InsuranceRenewal, Maintenance};
    let t = test_store();
    let mut new = customer("王五", "13800000021");
    new.birthday = Some("1990-03-15".parse().unwrap());
    let c = t.store.create_customer(&new).unwrap().id;
    delivered_car(&t, &c);
    // No SMS, no call, no greeting, no insurance offer for a customer never asked.
    let (holidays, blocked) = care_channels(&t, &c, Holiday);
    assert_eq!(holidays, []);
    assert!(
        blocked >= 8,
        "six holidays, a birthday, the offer ...: {blocked}"
    );
    assert_eq!(care_channels(&t, &c, Birthday).0, []);
    assert_eq!(care_channels(&t, &c, InsuranceRenewal).0, []);
    // Service reminders need no consent: by phone.
    let (maintenance, _) = care_channels(&t, &c, Maintenance);
    assert!(!maintenance.is_empty());
    assert!(maintenance.iter().all(|ch| *ch == ConsentChannel::Phone));
    // Agreed to SMS: greetings and the offer come, by SMS.
    t.store
        .set_consent(&c, &change(ConsentChannel::Sms, ConsentState::Granted))
        .unwrap();
    let (birthday, _) = care_channels(&t, &c, Birthday);
    assert_eq!(birthday, [ConsentChannel::Sms]);
    assert_eq!(
        care_channels(&t, &c, InsuranceRenewal).0,
        [ConsentChannel::Sms]
    );
    // The dealership may open a channel to customers never asked (here calls).
    let mut rules = t.store.care_rules().unwrap();
    rules.consent.unknown_allows_marketing = crm_core::ChannelSet::of(&[ConsentChannel::Phone]);
    t.store.set_care_rules(&rules).unwrap();
    assert_eq!(
        care_channels(&t, &c, InsuranceRenewal).0,
        [ConsentChannel::Phone]
    );
}

#[test]
fn a_refused_greeting_is_not_moved_to_a_channel_the_customer_lacks_or_refused() {
    use crm_core::CareTaskKind::{Birthday, Maintenance};
    use crm_core::{ContactInput, ContactKind};
    let t = test_store();
    // A mobile number and a WeChat id, no e-mail address.
    let mut new = customer("赵六", "13800000022");
    new.birthday = Some("1990-03-15".parse().unwrap());
    new.contacts
        .push(ContactInput::new(ContactKind::Wechat, "zhaoliu_88"));
    let c = t.store.create_customer(&new).unwrap().id;
    delivered_car(&t, &c);
    for channel in [ConsentChannel::Wechat, ConsentChannel::Email] {
        t.store
            .set_consent(&c, &change(channel, ConsentState::Granted))
            .unwrap();
    }
    assert_eq!(care_channels(&t, &c, Birthday).0, [ConsentChannel::Wechat]);
    // WeChat refused: not moved to e-mail (granted, but no address), nor to SMS (never
    // asked): the greeting is blocked.
    t.store
        .set_consent(&c, &change(ConsentChannel::Wechat, ConsentState::Withdrawn))
        .unwrap();
    let (birthday, blocked) = care_channels(&t, &c, Birthday);
    assert_eq!(birthday, []);
    assert!(blocked > 0);
    // Calls refused too: service reminders go by SMS, never back to the refused phone.
    t.store
        .set_consent(&c, &change(ConsentChannel::Phone, ConsentState::Withdrawn))
        .unwrap();
    let (maintenance, _) = care_channels(&t, &c, Maintenance);
    assert!(!maintenance.is_empty());
    assert!(maintenance.iter().all(|ch| *ch == ConsentChannel::Sms));
    // Every channel the customer has refused: no service reminder either.
    t.store
        .set_consent(&c, &change(ConsentChannel::Sms, ConsentState::Withdrawn))
        .unwrap();
    assert_eq!(care_channels(&t, &c, Maintenance).0, []);
}
