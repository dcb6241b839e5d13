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
