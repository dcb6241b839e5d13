//! Property harness through the exported object: random sequences of calls on a
//! `CrmStore`, fed valid, near-valid (one known defect) and random records and payloads.
//! After every call: nothing panicked (each call runs under `catch_unwind`), every refusal
//! is a typed `CrmError` naming the field (the exact field a near-valid record breaks),
//! and a refused call left the book exactly as it was (everything the exported object can
//! read of it, compared before and after).
//!
//! The calls go through [`seam`], one function per call: the only place that knows how a
//! call is made.

use chrono::{DateTime, Duration, Utc};
use crm_core::strategies::customer::{customer_patch, near_valid_customer, new_customer};
use crm_core::strategies::follow_up::{near_valid_follow_up, new_follow_up};
use crm_core::strategies::reference_now;
use crm_core::strategies::vehicle::{
    near_valid_vehicle_intent, new_vehicle_intent, reference_today,
};
use crm_ffi::{
    AmountRange, ContactInput, CrmError, CrmStore, Customer, CustomerField, CustomerPatch,
    FirstContact, ListQuery, NewCustomer, NewFollowUp, NewVehicleIntent, SearchOptions, TradeIn,
};
use proptest::prelude::*;
use proptest::sample::Index;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

/// The calls of the exported object the harness makes, one function each.
mod seam {
    use crm_ffi::*;
    use pollster::block_on;
    use std::sync::Arc;

    pub fn open() -> Result<Arc<CrmStore>, CrmError> {
        CrmStore::open_in_memory()
    }
    pub fn create_customer(s: &CrmStore, c: NewCustomer) -> Result<Customer, CrmError> {
        block_on(s.create_customer(c, WriteOptions::default()))
    }
    pub fn update_customer(
        s: &CrmStore,
        id: String,
        version: i64,
        patch: CustomerPatch,
    ) -> Result<Customer, CrmError> {
        block_on(s.update_customer(id.into(), version, patch, WriteOptions::default()))
    }
    pub fn get_customer(s: &CrmStore, id: String) -> Result<Customer, CrmError> {
        block_on(s.get_customer(id.into()))
    }
    pub fn archive_customer(s: &CrmStore, id: String, version: i64) -> Result<Customer, CrmError> {
        block_on(s.archive_customer(id.into(), version))
    }
    pub fn restore_customer(s: &CrmStore, id: String, version: i64) -> Result<Customer, CrmError> {
        block_on(s.restore_customer(id.into(), version))
    }
    pub fn delete_customer(s: &CrmStore, id: String) -> Result<(), CrmError> {
        block_on(s.delete_customer(id.into()))
    }
    pub fn list_customers(s: &CrmStore, q: ListQuery) -> Result<CustomerPage, CrmError> {
        block_on(s.list_customers(q))
    }
    pub fn add_intent(
        s: &CrmStore,
        id: String,
        intent: NewVehicleIntent,
    ) -> Result<VehicleIntent, CrmError> {
        block_on(s.add_intent(id.into(), intent, None))
    }
    pub fn intents_of(s: &CrmStore, id: String) -> Result<Vec<VehicleIntent>, CrmError> {
        block_on(s.intents_of(id.into()))
    }
    pub fn log_follow_up(
        s: &CrmStore,
        id: String,
        follow_up: NewFollowUp,
    ) -> Result<LoggedFollowUp, CrmError> {
        block_on(s.log_follow_up(id.into(), follow_up, None))
    }
    pub fn follow_ups_of(s: &CrmStore, id: String) -> Result<Vec<FollowUp>, CrmError> {
        block_on(s.follow_ups_of(id.into()))
    }
    pub fn search_customers(
        s: &CrmStore,
        text: String,
        options: SearchOptions,
    ) -> Result<Vec<SearchHit>, CrmError> {
        block_on(s.search_customers(text, options))
    }
    pub fn care_rules_json(s: &CrmStore) -> Result<String, CrmError> {
        block_on(s.care_rules_json())
    }
    pub fn set_care_rules_json(s: &CrmStore, json: String) -> Result<String, CrmError> {
        block_on(s.set_care_rules_json(json))
    }
    pub fn apply_download(s: &CrmStore, json: String) -> Result<DownloadSummary, CrmError> {
        block_on(s.apply_download(json))
    }
    pub fn acknowledge(s: &CrmStore, json: String) -> Result<(), CrmError> {
        block_on(s.acknowledge(json))
    }
    pub fn pending_count(s: &CrmStore) -> Result<i64, CrmError> {
        block_on(s.pending_count())
    }
    pub fn sync_rejections(s: &CrmStore) -> Result<Vec<SyncRejection>, CrmError> {
        block_on(s.sync_rejections())
    }
    pub fn count_customers(s: &CrmStore) -> Result<i64, CrmError> {
        block_on(s.count_customers(true))
    }
}

/// What a call should do with its input.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    /// Succeed (or meet a refusal the book's state explains: a duplicate, a conflict).
    Valid,
    /// Be refused with `InvalidInput` naming this field.
    Refused(String),
    /// Anything typed.
    Any,
}

/// One call of the harness.
#[derive(Debug, Clone)]
enum Call {
    Create(NewCustomer, Expect),
    Update {
        target: Index,
        patch: CustomerPatch,
        stale: bool,
        expect: Expect,
    },
    Archive(Index, bool),
    Restore(Index, bool),
    Delete(Index),
    Get(String),
    AddIntent(Index, NewVehicleIntent, Expect),
    LogFollowUp(Index, NewFollowUp, Expect),
    Search(String, i32),
    CareRules(String),
    Download(String),
    Acknowledge(String),
}

fn contact(c: crm_core::ContactInput) -> ContactInput {
    ContactInput {
        kind: c.kind.into(),
        value: c.value,
        label: c.label,
        primary: c.primary,
    }
}

fn customer_to_ffi(c: crm_core::NewCustomer) -> NewCustomer {
    NewCustomer {
        name: c.name,
        gender: Some(c.gender.into()),
        birthday: c.birthday,
        age_band: c.age_band.map(Into::into),
        occupation: c.occupation,
        region: c.region.into(),
        notes: c.notes,
        contacts: c.contacts.into_iter().map(contact).collect(),
        source: c.source.into(),
        first_contact: c.first_contact.map(FirstContact::from),
        tags: c.tags,
        importance: Some(c.importance.into()),
        owner: c.owner,
    }
}

/// A set (`Some(Some)`), a clear (`Some(None)`, the field listed in `clear`), or nothing.
fn set_or_clear<T>(
    v: Option<Option<T>>,
    field: CustomerField,
    clear: &mut Vec<CustomerField>,
) -> Option<T> {
    match v {
        Some(Some(v)) => Some(v),
        Some(None) => {
            clear.push(field);
            None
        }
        None => None,
    }
}

fn patch_to_ffi(p: crm_core::CustomerPatch) -> CustomerPatch {
    let mut clear = Vec::new();
    CustomerPatch {
        name: p.name,
        gender: p.gender.map(Into::into),
        birthday: set_or_clear(p.birthday, CustomerField::Birthday, &mut clear),
        age_band: set_or_clear(p.age_band, CustomerField::AgeBand, &mut clear).map(Into::into),
        occupation: set_or_clear(p.occupation, CustomerField::Occupation, &mut clear),
        region: p.region.map(Into::into),
        notes: set_or_clear(p.notes, CustomerField::Notes, &mut clear),
        contacts: p.contacts.map(|c| c.into_iter().map(contact).collect()),
        source: p.source.map(Into::into),
        first_contact: set_or_clear(p.first_contact, CustomerField::FirstContact, &mut clear)
            .map(FirstContact::from),
        tags: p.tags,
        importance: p.importance.map(Into::into),
        owner: set_or_clear(p.owner, CustomerField::Owner, &mut clear),
        clear,
    }
}

fn intent_to_ffi(i: crm_core::NewVehicleIntent) -> NewVehicleIntent {
    NewVehicleIntent {
        brand: i.brand,
        series: i.series,
        model: i.model,
        trim: i.trim,
        body_type: i.body_type.map(Into::into),
        powertrain: i.powertrain.map(Into::into),
        colours: i.colours,
        options: i.options,
        budget: AmountRange::from(i.budget),
        timeframe: Some(i.timeframe.into()),
        payment: i.payment.map(Into::into),
        trade_in: i.trade_in.map(TradeIn::from),
        competitors: i.competitors,
        catalogue_model: i.catalogue_model,
        primary: i.primary,
        notes: i.notes,
    }
}

fn follow_up_to_ffi(f: crm_core::NewFollowUp) -> NewFollowUp {
    NewFollowUp {
        method: f.method.into(),
        kind: f.kind.into(),
        at: f.at,
        content: f.content,
        feedback: f.feedback,
        problems: f.problems,
        questions: f.questions,
        attachments: f.attachments.into_iter().map(Into::into).collect(),
        consultant: f.consultant,
    }
}

/// The moment the book's clock reads as the future, for a near-valid "in the future".
fn future() -> DateTime<Utc> {
    Utc::now() + Duration::days(2)
}

/// Text for the JSON entry points: near-valid JSON and arbitrary text.
fn json_text(seeds: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (prop::sample::select(seeds), any::<Index>(), ".{0,6}", 0..4usize).prop_map(
            |(seed, at, insert, cut)| {
                let chars: Vec<char> = seed.chars().collect();
                let at = at.index(chars.len() + 1);
                let end = (at + cut).min(chars.len());
                chars[..at].iter().chain(insert.chars().collect::<Vec<_>>().iter()).chain(chars[end..].iter()).collect()
            }
        ),
        1 => prop::sample::select(seeds).prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

/// The customer generated records name; each call replaces it with the customer it picks.
const PLACEHOLDER: &str = "picked at the call";

const RULES: &[&str] = &[
    "{}",
    r#"{"maintenance": {"every_km": 5000, "every_months": 6}}"#,
    r#"{"insurance": {"lead_days": 45}}"#,
    r#"{"inspection": {"lead_day": 30}}"#,
    r#"{"holidays": {"enabled": true, "list": []}}"#,
];

const DOWNLOADS: &[&str] = &[
    r#"{"rows": [], "evicted": [], "checkpoint": 3, "has_more": false}"#,
    r#"{"rows": [{"version": 4, "entity": "customers", "id": "c1", "customer_id": "c1", "fields": {"name": "王芳", "owner": "c01"}}], "checkpoint": 4, "has_more": false}"#,
    r#"{"rows": [{"version": 5, "entity": "follow_ups", "id": "f1", "customer_id": "nobody", "fields": {"content": "问价"}}], "checkpoint": 5, "has_more": true}"#,
    r#"{"rows": [], "evicted": ["c1"], "checkpoint": 6, "has_more": false}"#,
];

const ANSWERS: &[&str] = &[
    r#"{"acknowledged_through": 0, "rejected": []}"#,
    r#"{"acknowledged_through": 2, "rejected": [{"op_id": 1, "entity": "customers", "id": "x", "reason": "owned by c02"}]}"#,
    r#"{"acknowledged_through": 99}"#,
];

fn call() -> impl Strategy<Value = Call> {
    prop_oneof![
        4 => new_customer().prop_map(|c| Call::Create(customer_to_ffi(c), Expect::Valid)),
        3 => near_valid_customer()
            .prop_map(|(c, field)| Call::Create(customer_to_ffi(c), Expect::Refused(field))),
        3 => (any::<Index>(), customer_patch(), prop::bool::weighted(0.2)).prop_map(
            |(target, patch, stale)| Call::Update {
                target,
                patch: patch_to_ffi(patch),
                stale,
                expect: Expect::Valid,
            }
        ),
        1 => (any::<Index>(), customer_patch(), "[a-z]{1,8}").prop_map(|(target, patch, notes)| {
            let mut patch = patch_to_ffi(patch);
            patch.notes = Some(notes);
            patch.clear.push(CustomerField::Notes);
            Call::Update { target, patch, stale: false, expect: Expect::Refused("notes".into()) }
        }),
        1 => (any::<Index>(), any::<bool>()).prop_map(|(i, stale)| Call::Archive(i, stale)),
        1 => (any::<Index>(), any::<bool>()).prop_map(|(i, stale)| Call::Restore(i, stale)),
        1 => any::<Index>().prop_map(Call::Delete),
        1 => ".{0,40}".prop_map(Call::Get),
        // The book has no catalogue: an intent naming a model of one is near-valid only
        // when that is its defect.
        2 => (any::<Index>(), new_vehicle_intent(PLACEHOLDER.into())).prop_map(|(i, mut n)| {
            n.catalogue_model = None;
            Call::AddIntent(i, intent_to_ffi(n), Expect::Valid)
        }),
        2 => (any::<Index>(), near_valid_vehicle_intent(PLACEHOLDER.into(), reference_today())).prop_map(|(i, (mut n, field))| {
            if !field.ends_with("catalogue_model") {
                n.catalogue_model = None;
            }
            // The customer is the call's own parameter here, not a field of the record.
            let expect = if field.ends_with("customer_id") { Expect::Any } else { Expect::Refused(field) };
            Call::AddIntent(i, intent_to_ffi(n), expect)
        }),
        2 => (any::<Index>(), new_follow_up(PLACEHOLDER.into(), reference_now()))
            .prop_map(|(i, f)| Call::LogFollowUp(i, follow_up_to_ffi(f), Expect::Valid)),
        2 => (any::<Index>(), near_valid_follow_up(PLACEHOLDER.into(), reference_now())).prop_map(|(i, (mut f, field))| {
            if field == "at" && f.at > reference_now() {
                f.at = future();
            }
            let expect = if field == "customer_id" { Expect::Any } else { Expect::Refused(field) };
            Call::LogFollowUp(i, follow_up_to_ffi(f), expect)
        }),
        2 => (prop_oneof![".{0,70}", "[0-9 ]{0,12}", "[a-z']{0,8}"], 0..=250i32)
            .prop_map(|(text, limit)| Call::Search(text, limit)),
        2 => json_text(RULES).prop_map(Call::CareRules),
        2 => json_text(DOWNLOADS).prop_map(Call::Download),
        1 => json_text(ANSWERS).prop_map(Call::Acknowledge),
    ]
}

/// Everything the exported object can read of a book: its customers (archived too) with
/// their intents and follow-ups, the upload queue, the care rules, the refused changes.
#[derive(Debug, PartialEq)]
struct Book {
    customers: Vec<(
        Customer,
        Vec<crm_ffi::VehicleIntent>,
        Vec<crm_ffi::FollowUp>,
    )>,
    count: i64,
    pending: i64,
    rules: String,
    rejections: Vec<crm_ffi::SyncRejection>,
}

fn book(store: &CrmStore) -> Book {
    let mut customers = Vec::new();
    let mut cursor = None;
    loop {
        let page = seam::list_customers(
            store,
            ListQuery {
                include_archived: true,
                limit: Some(200),
                cursor,
            },
        )
        .expect("a page of customers");
        for summary in page.customers {
            let id = summary.id.to_string();
            customers.push((
                seam::get_customer(store, id.clone()).expect("a listed customer"),
                seam::intents_of(store, id.clone()).expect("the intents"),
                seam::follow_ups_of(store, id).expect("the follow-ups"),
            ));
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    Book {
        customers,
        count: seam::count_customers(store).expect("the count"),
        pending: seam::pending_count(store).expect("the upload queue"),
        rules: seam::care_rules_json(store).expect("the care rules"),
        rejections: seam::sync_rejections(store).expect("the rejections"),
    }
}

/// The customer an index picks, if any.
fn pick(store: &CrmStore, target: &Index) -> Option<Customer> {
    let page = seam::list_customers(
        store,
        ListQuery {
            include_archived: true,
            limit: Some(200),
            cursor: None,
        },
    )
    .expect("a page of customers");
    if page.customers.is_empty() {
        return None;
    }
    let summary = &page.customers[target.index(page.customers.len())];
    seam::get_customer(store, summary.id.to_string()).ok()
}

/// Runs `call`; the outcome as a unit or the error, with what the call expected.
fn run(store: &CrmStore, call: &Call) -> (Result<(), CrmError>, Expect) {
    let none = || "no-such-customer".to_owned();
    let id_of = |t: &Index| pick(store, t);
    match call.clone() {
        Call::Create(c, expect) => (seam::create_customer(store, c).map(drop), expect),
        Call::Update {
            target,
            patch,
            stale,
            expect,
        } => {
            let Some(c) = id_of(&target) else {
                return (
                    seam::update_customer(store, none(), 1, patch).map(drop),
                    Expect::Any,
                );
            };
            let version = if stale { c.version + 1 } else { c.version };
            let expect = if stale { Expect::Any } else { expect };
            (
                seam::update_customer(store, c.id.to_string(), version, patch).map(drop),
                expect,
            )
        }
        Call::Archive(target, stale) => {
            let (id, version) =
                id_of(&target).map_or((none(), 1), |c| (c.id.to_string(), c.version));
            (
                seam::archive_customer(store, id, version + i64::from(stale)).map(drop),
                Expect::Any,
            )
        }
        Call::Restore(target, stale) => {
            let (id, version) =
                id_of(&target).map_or((none(), 1), |c| (c.id.to_string(), c.version));
            (
                seam::restore_customer(store, id, version + i64::from(stale)).map(drop),
                Expect::Any,
            )
        }
        Call::Delete(target) => {
            let id = id_of(&target).map_or(none(), |c| c.id.to_string());
            (seam::delete_customer(store, id), Expect::Any)
        }
        Call::Get(id) => (seam::get_customer(store, id).map(drop), Expect::Any),
        Call::AddIntent(target, intent, expect) => match id_of(&target) {
            Some(c) => (
                seam::add_intent(store, c.id.to_string(), intent).map(drop),
                expect,
            ),
            None => (
                seam::add_intent(store, none(), intent).map(drop),
                Expect::Any,
            ),
        },
        Call::LogFollowUp(target, follow_up, expect) => match id_of(&target) {
            Some(c) => (
                seam::log_follow_up(store, c.id.to_string(), follow_up).map(drop),
                expect,
            ),
            None => (
                seam::log_follow_up(store, none(), follow_up).map(drop),
                Expect::Any,
            ),
        },
        Call::Search(text, limit) => (
            seam::search_customers(
                store,
                text,
                SearchOptions {
                    limit: Some(limit),
                    include_archived: true,
                },
            )
            .map(drop),
            Expect::Any,
        ),
        Call::CareRules(json) => (
            seam::set_care_rules_json(store, json).map(drop),
            Expect::Any,
        ),
        Call::Download(json) => (seam::apply_download(store, json).map(drop), Expect::Any),
        Call::Acknowledge(json) => (seam::acknowledge(store, json), Expect::Any),
    }
}

/// A refusal a caller can act on: a named field, a missing record, a stale version, a
/// contact someone else has. `Storage`, `Busy` and the rest are not refusals of input.
fn typed_refusal(e: &CrmError) -> bool {
    match e {
        CrmError::InvalidInput { field, reason } => !field.is_empty() && !reason.is_empty(),
        CrmError::DuplicateContact { field, existing_id } => {
            !field.is_empty() && !existing_id.is_empty()
        }
        CrmError::NotFound { .. } | CrmError::Conflict { .. } => true,
        _ => false,
    }
}

fn check(store: &CrmStore, call: &Call) -> Result<(), TestCaseError> {
    let before = book(store);
    let outcome = catch_unwind(AssertUnwindSafe(|| run(store, call)));
    prop_assert!(outcome.is_ok(), "{:?} panicked", call);
    let (result, expect) = outcome.unwrap_or((Ok(()), Expect::Any));
    match (&result, &expect) {
        (Err(e), _) => {
            prop_assert!(typed_refusal(e), "{:?}: {:?}", call, e);
            prop_assert_eq!(
                &book(store),
                &before,
                "{:?} was refused ({:?}) but wrote",
                call,
                e
            );
        }
        (Ok(()), Expect::Refused(field)) => {
            prop_assert!(false, "{:?} should be refused naming {}", call, field)
        }
        (Ok(()), _) => {}
    }
    if let (Err(CrmError::InvalidInput { field, .. }), Expect::Refused(expected)) =
        (&result, &expect)
    {
        // A near-valid record on a customer the book does not have is NotFound instead.
        prop_assert!(
            field.ends_with(expected.as_str()),
            "{:?}: named {}, not {}",
            call,
            field,
            expected
        );
    }
    if let (Err(e), Expect::Valid) = (&result, &expect) {
        prop_assert!(
            !matches!(e, CrmError::InvalidInput { .. }),
            "{:?} is valid but was refused: {:?}",
            call,
            e
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("CRM_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(12),
        max_shrink_time: 60_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_call_succeeds_or_is_a_typed_refusal_that_wrote_nothing(
        calls in prop::collection::vec(call(), 1..30),
    ) {
        let store: Arc<CrmStore> = seam::open().expect("an in-memory book");
        for call in &calls {
            check(&store, call)?;
        }
    }
}
