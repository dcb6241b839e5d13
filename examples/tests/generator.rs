//! The demo generator: deterministic, valid, unique and shaped like a dealership.

use chrono::{DateTime, Duration, TimeZone, Utc};
use crm_core::{ContactKind, Gender, Importance, SourceChannel};
use crm_examples::generator::{generate, showrooms, Generator, CONSULTANTS, HISTORY_DAYS};
use std::collections::{HashMap, HashSet};

fn anchor() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap()
}

#[test]
fn the_same_seed_gives_the_same_customers() {
    let a: Vec<_> = generate(42, 2_000, anchor()).collect();
    let b: Vec<_> = generate(42, 2_000, anchor()).collect();
    assert_eq!(a.len(), 2_000);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.customer, y.customer);
        assert_eq!(x.created_at, y.created_at);
    }
    // Any customer can be rebuilt alone.
    let generator = Generator::new(42, anchor()).with_book_size(2_000);
    let alone = generator.customer(1_234).unwrap();
    assert_eq!(alone.customer, a[1_234].customer);
    assert_eq!(alone.created_at, a[1_234].created_at);
    // A bigger book has the same people; only their arrival times spread differently.
    let bigger: Vec<_> = generate(42, 3_000, anchor()).take(2_000).collect();
    for (x, y) in a.iter().zip(&bigger) {
        assert_eq!(x.customer.name, y.customer.name);
        assert_eq!(x.customer.contacts, y.customer.contacts);
        assert_eq!(x.customer.tags, y.customer.tags);
    }
    // Another seed gives another book.
    let c: Vec<_> = generate(43, 2_000, anchor()).collect();
    let same_name_and_phone = a
        .iter()
        .zip(&c)
        .filter(|(x, y)| {
            x.customer.name == y.customer.name
                && x.customer.contacts[0].value == y.customer.contacts[0].value
        })
        .count();
    assert_eq!(same_name_and_phone, 0);
}

#[test]
fn chunks_cover_the_run_in_order() {
    let whole: Vec<_> = generate(5, 1_234, anchor()).map(|c| c.customer).collect();
    let chunks: Vec<_> = generate(5, 1_234, anchor()).chunks(500).collect();
    assert_eq!(
        chunks.iter().map(Vec::len).collect::<Vec<_>>(),
        [500, 500, 234]
    );
    let joined: Vec<_> = chunks.into_iter().flatten().map(|c| c.customer).collect();
    assert_eq!(joined, whole);
}

#[test]
fn every_generated_customer_validates_within_the_history() {
    let earliest = anchor() - Duration::days(HISTORY_DAYS);
    let mut previous = earliest;
    for (i, import) in generate(7, 20_000, anchor()).enumerate() {
        // A book in arrival order.
        assert!(
            import.created_at >= previous,
            "customer {i} arrives too early"
        );
        previous = import.created_at;
        let profile = import
            .customer
            .validate(anchor())
            .unwrap_or_else(|e| panic!("customer {i} {:?}: {e}", import.customer));
        assert!(import.created_at <= anchor() && import.created_at >= earliest);
        if let Some(first) = &profile.first_contact {
            assert!(first.at <= import.created_at);
        }
        assert_eq!(profile.contacts[0].kind, ContactKind::Mobile);
        assert!(profile.contacts[0].primary);
        let name_chars = profile.name.chars().count();
        assert!((2..=4).contains(&name_chars), "{}", profile.name);
    }
}

#[test]
fn phones_wechat_ids_and_emails_are_unique() {
    let mut keys = HashSet::new();
    let mut typed_differently = 0;
    for import in generate(11, 50_000, anchor()) {
        for contact in &import.customer.contacts {
            let valid = contact.validate().unwrap();
            assert!(keys.insert(valid.key.clone()), "duplicate {}", valid.key);
            if contact.kind == ContactKind::Mobile && valid.value != valid.key[3..] {
                typed_differently += 1;
            }
        }
    }
    // Some numbers are typed with spaces, dashes, +86 or full-width digits.
    assert!(typed_differently > 10_000, "{typed_differently}");
}

#[test]
fn the_book_looks_like_a_dealership() {
    let n = 20_000.0;
    let mut channels: HashMap<&str, f64> = HashMap::new();
    let mut platforms: HashMap<String, f64> = HashMap::new();
    let mut importance: HashMap<Importance, f64> = HashMap::new();
    let mut owners: HashMap<Option<String>, f64> = HashMap::new();
    let mut tags: HashMap<String, f64> = HashMap::new();
    let (mut male, mut compound, mut with_wechat, mut with_email) = (0.0, 0.0, 0.0, 0.0);
    let (mut birthday, mut age_band, mut first_contact, mut region) = (0.0, 0.0, 0.0, 0.0);
    for import in generate(3, n as usize, anchor()) {
        let c = import.customer;
        *channels.entry(c.source.kind_name()).or_default() += 1.0;
        if let SourceChannel::OnlinePlatform { platform } = &c.source {
            *platforms.entry(platform.clone()).or_default() += 1.0;
        }
        if let SourceChannel::Referral { referrer_name, .. } = &c.source {
            assert!(referrer_name.is_some());
        }
        *importance.entry(c.importance).or_default() += 1.0;
        *owners.entry(c.owner.clone()).or_default() += 1.0;
        for t in &c.tags {
            *tags.entry(t.clone()).or_default() += 1.0;
        }
        male += f64::from(c.gender == Gender::Male);
        compound += f64::from(
            ["欧阳", "上官", "司马", "诸葛"]
                .iter()
                .any(|s| c.name.starts_with(s)),
        );
        with_wechat += f64::from(c.contacts.iter().any(|x| x.kind == ContactKind::Wechat));
        with_email += f64::from(c.contacts.iter().any(|x| x.kind == ContactKind::Email));
        birthday += f64::from(c.birthday.is_some());
        age_band += f64::from(c.age_band.is_some());
        first_contact += f64::from(c.first_contact.is_some());
        region += f64::from(!c.region.is_empty());
    }
    let share = |count: f64| count / n * 100.0;
    let near = |got: f64, want: f64| (got - want).abs() < 2.0;
    assert!(near(share(channels["showroom_walk_in"]), 30.0));
    assert!(near(share(channels["online_platform"]), 35.0));
    assert!(near(share(channels["referral"]), 10.0));
    for kind in [
        "phone_hotline",
        "auto_show",
        "marketing_event",
        "repeat_customer",
    ] {
        assert!(channels[kind] > 0.0, "{kind}");
    }
    assert_eq!(platforms.len(), 4);
    assert!(platforms["汽车之家"] > platforms["易车"]);
    assert!(share(importance[&Importance::Normal]) > 75.0);
    assert!(importance[&Importance::Key] > 0.0);
    // Two showrooms of twelve consultants each, and the unassigned.
    assert_eq!(showrooms(n as u64), 2);
    assert_eq!(owners.len(), 2 * CONSULTANTS.len() + 1);
    assert!(owners.contains_key(&Some("s02-c12".to_owned())));
    // A consultant carries hundreds to about two thousand customers.
    for (owner, count) in &owners {
        if owner.is_some() {
            assert!((300.0..=2_100.0).contains(count), "{owner:?}: {count}");
        }
    }
    for tag in [
        "高意向",
        "待跟进",
        "已成交",
        "新能源",
        "SUV",
        "家用",
        "商务",
    ] {
        assert!(tags.get(tag).copied().unwrap_or(0.0) > 100.0, "{tag}");
    }
    assert!(near(share(male), 62.0));
    assert!(compound > 0.0);
    assert!(near(share(with_wechat), 35.0) && near(share(with_email), 8.0));
    assert!(near(share(birthday), 30.0) && near(share(age_band), 30.0));
    assert!(near(share(first_contact), 60.0) && near(share(region), 75.0));
}

#[test]
fn pipelines_are_deterministic_leaky_and_carry_valid_vins() {
    use crm_core::{CustomerId, DealershipZone, Stage, Vin};
    use crm_examples::generator::pipeline::{Event, Pipelines};
    let anchor = DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let customers: Vec<_> = generate(7, 3_000, anchor).collect();
    let pipelines = Pipelines::new(7, anchor, DealershipZone::default());
    let again = Pipelines::new(7, anchor, DealershipZone::default());
    let (mut reached_visit, mut ordered, mut delivered, mut lost) = (0, 0, 0, 0);
    for (i, c) in customers.iter().enumerate() {
        let id = CustomerId::from(format!("c{i}"));
        let plan = pipelines.pipeline(i as u64, &id, c);
        assert_eq!(plan, again.pipeline(i as u64, &id, c), "customer {i}");
        let mut last = c.created_at;
        for (at, event) in &plan.events {
            assert!(
                *at >= last && *at <= anchor,
                "customer {i}: events in order"
            );
            last = *at;
            match event {
                Event::Advance(Stage::Visited) => reached_visit += 1,
                Event::Order(_) => ordered += 1,
                Event::Deliver(d) => {
                    delivered += 1;
                    let vin = d.vin.as_deref().expect("a VIN");
                    assert!(Vin::parse(vin).is_ok(), "{vin}");
                }
                Event::Lost(_) => lost += 1,
                _ => {}
            }
        }
    }
    // A leaky funnel: fewer visit than arrive, fewer order than visit, deliveries follow.
    // Walk-ins (about 30 %) are visited at once; of the other leads, a minority visits.
    assert!(reached_visit < 3_000 * 7 / 10, "{reached_visit}");
    assert!(ordered * 3 < reached_visit, "{ordered} of {reached_visit}");
    assert!(
        delivered > 0 && delivered <= ordered,
        "{delivered} of {ordered}"
    );
    assert!(lost > 100, "{lost}");
}
