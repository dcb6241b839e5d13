//! Follow-ups, plans, timeline, intent levels, settings, reminders and templates on real
//! SQLite files.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::{customer, start, test_store, NowForTests};
use crm_core::{
    FollowUpKind, FollowUpMethod, FollowUpPatch, IntentLevel, NewFollowUp, NewPlan, NewTemplate,
    Placeholder, PlanStatus, PlanTime, ReminderConfig, Rule, TemplateLanguage, TemplatePurpose,
    TemplateValues, TimelineEntry,
};
use crm_store::{Store, StoreError, StoreInfo};
use rusqlite::Connection;

fn call(id: &crm_core::CustomerId, at: DateTime<Utc>, text: &str) -> NewFollowUp {
    NewFollowUp::new(
        id.clone(),
        FollowUpMethod::Phone,
        FollowUpKind::NeedsDiscovery,
        at,
        text,
    )
}

fn plan_on(id: &crm_core::CustomerId, time: PlanTime) -> NewPlan {
    NewPlan {
        customer_id: id.clone(),
        time,
        method: FollowUpMethod::Wechat,
        purpose: "确认周六试驾".into(),
        content: None,
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn column(store: &Store, sql: &str, id: &str) -> Option<i64> {
    Connection::open(store.path())
        .unwrap()
        .query_row(sql, [id], |r| r.get(0))
        .unwrap()
}

#[test]
fn logging_a_follow_up_moves_last_contact_plans_and_search_recency() {
    let t = test_store();
    let older = t
        .store
        .create_customer(&customer("王伟", "13800000001"))
        .unwrap();
    t.clock.advance(Duration::hours(1));
    let newer = t
        .store
        .create_customer(&customer("王伟", "13800000002"))
        .unwrap();
    // Two customers named alike: the newer one ranks first until the older is contacted.
    let first = |s: &Store| {
        s.search_customers("wangwei", &Default::default()).unwrap()[0]
            .customer
            .id
            .clone()
    };
    assert_eq!(first(&t.store), newer.id);

    t.clock.advance(Duration::hours(1));
    let now = t.clock.now_for_tests();
    let next = plan_on(&older.id, PlanTime::OnDate(date(2026, 11, 29)));
    let (logged, plan) = t
        .store
        .log_follow_up(
            &older.id,
            &call(&older.id, now - Duration::minutes(5), "问预算"),
            Some(&next),
        )
        .unwrap();
    let plan = plan.unwrap();
    assert_eq!(
        column(
            &t.store,
            "SELECT last_contact_at FROM customers WHERE id = ?1",
            older.id.as_str()
        ),
        Some((now - Duration::minutes(5)).timestamp_millis())
    );
    assert_eq!(
        column(
            &t.store,
            "SELECT first_contacted_at FROM customers WHERE id = ?1",
            older.id.as_str()
        ),
        Some((now - Duration::minutes(5)).timestamp_millis())
    );
    assert_eq!(t.store.open_plan(&older.id).unwrap(), Some(plan.clone()));
    assert_eq!(
        first(&t.store),
        older.id,
        "search recency follows the follow-up"
    );

    // A second follow-up closes the plan as done by it, and may set none.
    t.clock.advance(Duration::days(1));
    let now = t.clock.now_for_tests();
    let (second, none) = t
        .store
        .log_follow_up(&older.id, &call(&older.id, now, "约好周六"), None)
        .unwrap();
    assert!(none.is_none());
    assert_eq!(t.store.open_plan(&older.id).unwrap(), None);
    let done = t.store.get_plan(&plan.id).unwrap();
    assert_eq!(
        done.status,
        PlanStatus::Done {
            at: now,
            follow_up_id: Some(second.id.clone())
        }
    );
    assert_eq!(done.version, 2);
    assert_eq!(
        t.store
            .follow_ups_of(&older.id)
            .unwrap()
            .iter()
            .map(|f| f.id.clone())
            .collect::<Vec<_>>(),
        [second.id.clone(), logged.id.clone()]
    );
    let codes: Vec<&str> = t
        .store
        .timeline(&older.id, 50, None)
        .unwrap()
        .records
        .iter()
        .map(|r| r.entry.code())
        .collect();
    assert_eq!(
        codes,
        [
            "plan_done",
            "follow_up_logged",
            "plan_set",
            "follow_up_logged",
            "customer_created"
        ]
    );

    // Deleting the newest follow-up moves the last contact back; first contact stays.
    t.store.delete_follow_up(&second.id).unwrap();
    assert_eq!(
        column(
            &t.store,
            "SELECT last_contact_at FROM customers WHERE id = ?1",
            older.id.as_str()
        ),
        Some(logged.follow_up.at.timestamp_millis())
    );
}

#[test]
fn one_pending_plan_per_customer_and_closed_plans_stay_closed() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("李娜", "13900000001"))
        .unwrap();
    let p = t
        .store
        .set_plan(&plan_on(&c.id, PlanTime::OnDate(date(2026, 11, 28))))
        .unwrap();
    let err = t
        .store
        .set_plan(&plan_on(&c.id, PlanTime::OnDate(date(2026, 11, 30))))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(v) if v.field == "customer_id" && v.rule == Rule::Taken),
        "{err:?}"
    );
    let moved = t
        .store
        .reschedule_plan(
            &p.id,
            1,
            PlanTime::At("2026-11-29T06:00:00Z".parse().unwrap()),
            Some("出差"),
        )
        .unwrap();
    assert_eq!(
        (moved.status.clone(), moved.version),
        (PlanStatus::Rescheduled, 2)
    );
    let err = t.store.cancel_plan(&p.id, 1, "战败").unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { actual: 2, .. }),
        "{err:?}"
    );
    t.store.cancel_plan(&p.id, 2, "战败").unwrap();
    let err = t.store.cancel_plan(&p.id, 3, "again").unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Closed {
                status: "cancelled",
                ..
            }
        ),
        "{err:?}"
    );
    // A plan before today is refused, naming the field inside `next`.
    let err = t
        .store
        .log_follow_up(
            &c.id,
            &call(&c.id, start(), "x"),
            Some(&plan_on(&c.id, PlanTime::OnDate(date(2026, 11, 1)))),
        )
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(v) if v.field == "next.time"),
        "{err:?}"
    );
    assert!(
        t.store.follow_ups_of(&c.id).unwrap().is_empty(),
        "nothing written"
    );
}

#[test]
fn edits_intent_and_customer_changes_are_in_the_timeline() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("赵敏", "13700000001"))
        .unwrap();
    let (f, _) = t
        .store
        .log_follow_up(&c.id, &call(&c.id, start(), "初次"), None)
        .unwrap();
    let edited = t
        .store
        .update_follow_up(
            &f.id,
            1,
            &FollowUpPatch {
                method: Some(FollowUpMethod::Wechat),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(edited.version, 2);
    let c = t
        .store
        .set_intent_level(&c.id, 1, IntentLevel::H, None)
        .unwrap();
    assert_eq!((c.intent_level, c.version), (IntentLevel::H, 2));
    assert_eq!(
        t.store.get_customer(&c.id).unwrap().intent_level,
        IntentLevel::H
    );
    let patch = crm_core::CustomerPatch {
        name: Some("赵敏敏".into()),
        ..Default::default()
    };
    let c = t.store.update_customer(&c.id, 2, &patch).unwrap();
    t.store.archive_customer(&c.id, c.version).unwrap();
    let entries: Vec<TimelineEntry> = t
        .store
        .timeline(&c.id, 10, None)
        .unwrap()
        .records
        .into_iter()
        .map(|r| r.entry)
        .collect();
    assert_eq!(entries[0], TimelineEntry::Archived);
    assert!(
        matches!(&entries[1], TimelineEntry::CustomerChanged { changes } if changes.len() == 1 && changes[0].field == "name")
    );
    assert_eq!(
        entries[2],
        TimelineEntry::IntentChanged {
            from: Some(IntentLevel::N),
            to: IntentLevel::H
        }
    );
    assert!(
        matches!(&entries[3], TimelineEntry::FollowUpEdited { changes, .. } if changes[0].field == "method")
    );
}

#[test]
fn timeline_pages_are_newest_first_and_add_up() {
    let t = test_store();
    let mut c = t
        .store
        .create_customer(&customer("孙丽", "13600000001"))
        .unwrap();
    for i in 0..23 {
        // Several entries share a millisecond: the order they were written breaks ties.
        if i % 3 == 0 {
            t.clock.advance(Duration::seconds(1));
        }
        let level = if i % 2 == 0 {
            IntentLevel::A
        } else {
            IntentLevel::B
        };
        c = t
            .store
            .set_intent_level(&c.id, c.version, level, None)
            .unwrap();
    }
    let all = t.store.timeline(&c.id, 1000, None).unwrap();
    assert_eq!(all.records.len(), 24);
    assert_eq!(all.next_cursor, None);
    assert!(all.records.windows(2).all(|w| w[0].at >= w[1].at));
    assert_eq!(
        all.records.last().unwrap().entry,
        TimelineEntry::CustomerCreated
    );
    let mut paged = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = t.store.timeline(&c.id, 5, cursor.as_deref()).unwrap();
        assert!(page.records.len() <= 5);
        paged.extend(page.records);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(paged, all.records);
    assert!(matches!(
        t.store.timeline(&c.id, 5, Some("nonsense")),
        Err(StoreError::InvalidCursor)
    ));
    // Past the oldest entry: an empty page, not an error; an unknown customer: not found.
    let oldest = all.records.last().unwrap().at.timestamp_millis();
    let past = t
        .store
        .timeline(&c.id, 5, Some(&format!("{oldest}:0")))
        .unwrap();
    assert_eq!(past.records, vec![]);
    assert_eq!(past.next_cursor, None);
    assert!(matches!(
        t.store.timeline(&common::MISSING.into(), 5, None),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn settings_survive_reopening_and_a_new_zone_moves_date_plans() {
    let t = test_store();
    assert_eq!(t.store.settings().unwrap().zone.name(), "Asia/Shanghai");
    let c = t
        .store
        .create_customer(&customer("周杰", "13500000001"))
        .unwrap();
    let d = date(2026, 11, 30);
    let p = t
        .store
        .set_plan(&plan_on(&c.id, PlanTime::OnDate(d)))
        .unwrap();
    let due = |s: &Store| {
        column(
            s,
            "SELECT due_start_ms FROM plans WHERE id = ?1",
            p.id.as_str(),
        )
    };
    assert_eq!(
        due(&t.store),
        Some(
            t.store
                .settings()
                .unwrap()
                .zone
                .start_of(d)
                .timestamp_millis()
        )
    );
    let before = t.store.reminder_changes_since(None).unwrap();
    assert!(before.full_refresh);

    let s = t.store.set_time_zone("America/New_York").unwrap();
    t.store
        .set_cadence(&crm_core::CadenceConfig {
            h_days: 3,
            ..Default::default()
        })
        .unwrap();
    let reminders = ReminderConfig {
        lead_minutes: 30,
        ..Default::default()
    };
    t.store.set_reminder_config(&reminders).unwrap();
    t.store
        .set_store_info(&StoreInfo {
            name: Some(" 天河4S店 ".into()),
            address: None,
        })
        .unwrap();
    assert_eq!(due(&t.store), Some(s.zone.start_of(d).timestamp_millis()));
    assert!(
        t.store
            .reminder_changes_since(Some(&before.token))
            .unwrap()
            .full_refresh
    );
    let err = t.store.set_time_zone("Mars/Olympus").unwrap_err();
    assert!(matches!(&err, StoreError::Invalid(v) if v.field == "time_zone"));

    let expected = t.store.settings().unwrap();
    drop(t.store);
    let store = Store::open(&t.path).unwrap();
    let got = store.settings().unwrap();
    assert_eq!(got, expected);
    assert_eq!(got.zone.name(), "America/New_York");
    assert_eq!(got.cadence.h_days, 3);
    assert_eq!(got.reminders.lead_minutes, 30);
    assert_eq!(got.store.name.as_deref(), Some("天河4S店"));
}

#[test]
fn reminder_changes_give_the_net_effect_since_a_token() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("吴昊", "13400000001"))
        .unwrap();
    let token = t.store.reminder_changes_since(None).unwrap().token;
    let p = t
        .store
        .set_plan(&plan_on(&c.id, PlanTime::OnDate(date(2026, 11, 28))))
        .unwrap();
    let mid = t.store.reminder_changes_since(Some(&token)).unwrap();
    assert_eq!(mid.added, [crm_core::ReminderId(format!("{}@1", p.id))]);
    t.store
        .reschedule_plan(&p.id, 1, PlanTime::OnDate(date(2026, 11, 29)), None)
        .unwrap();
    let since_start = t.store.reminder_changes_since(Some(&token)).unwrap();
    assert_eq!(
        since_start.added,
        [crm_core::ReminderId(format!("{}@2", p.id))]
    );
    assert!(
        since_start.cancelled.is_empty(),
        "added and cancelled in between: nothing to do"
    );
    let since_mid = t.store.reminder_changes_since(Some(&mid.token)).unwrap();
    assert_eq!(
        since_mid.cancelled,
        [crm_core::ReminderId(format!("{}@1", p.id))]
    );
    let c = t.store.get_customer(&c.id).unwrap();
    t.store.archive_customer(&c.id, c.version).unwrap();
    let after = t
        .store
        .reminder_changes_since(Some(&since_start.token))
        .unwrap();
    assert_eq!(
        after.cancelled,
        [crm_core::ReminderId(format!("{}@2", p.id))]
    );
    assert!(!after.full_refresh);
    assert!(t
        .store
        .reminders(start(), start() + Duration::days(5), None)
        .unwrap()
        .is_empty());
    assert!(matches!(
        t.store.reminder_changes_since(Some("x")),
        Err(StoreError::InvalidCursor)
    ));
}

#[test]
fn templates_render_with_the_customer_owner_store_and_plan_date() {
    let t = test_store();
    let mut new = customer("张伟", "13300000001");
    new.owner = Some("李明".into());
    let c = t.store.create_customer(&new).unwrap();
    t.store
        .set_store_info(&StoreInfo {
            name: Some("天河4S店".into()),
            address: Some("天河路1号".into()),
        })
        .unwrap();
    t.store
        .set_plan(&plan_on(
            &c.id,
            PlanTime::At("2026-11-28T07:30:00Z".parse().unwrap()),
        ))
        .unwrap();
    let values = TemplateValues::new()
        .with(Placeholder::CustomerTitle, "张先生")
        .with(Placeholder::Model, "途观L")
        .with(Placeholder::SalespersonPhone, "13800000000");
    let text = t
        .store
        .render_template(
            "invitation.test_drive",
            TemplateLanguage::Zh,
            &c.id,
            &values,
        )
        .unwrap();
    assert!(text.contains("11月28日（周六） 15:30"), "{text}");
    assert!(
        text.contains("天河路1号") && text.contains("李明"),
        "{text}"
    );
    let err = t
        .store
        .render_template(
            "invitation.test_drive",
            TemplateLanguage::Zh,
            &c.id,
            &TemplateValues::new(),
        )
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(v) if v.field == "values.model"),
        "{err:?}"
    );

    let mine = t
        .store
        .add_template(&NewTemplate {
            name: "我的".into(),
            purpose: TemplatePurpose::Other,
            language: TemplateLanguage::Zh,
            body: "{客户姓名}，{门店}欢迎您".into(),
        })
        .unwrap();
    let all = t.store.list_templates().unwrap();
    assert_eq!(all.last(), Some(&mine));
    assert!(all.len() > 1);
    assert_eq!(
        t.store
            .render_template(
                &mine.key,
                TemplateLanguage::En,
                &c.id,
                &TemplateValues::new()
            )
            .unwrap(),
        "张伟，天河4S店欢迎您"
    );
    let bad = NewTemplate {
        name: "x".into(),
        purpose: TemplatePurpose::Other,
        language: TemplateLanguage::Zh,
        body: "{nope}".into(),
    };
    assert!(matches!(t.store.add_template(&bad), Err(StoreError::Invalid(v)) if v.field == "body"));
}

#[test]
fn merging_moves_follow_ups_and_keeps_one_pending_plan() {
    let t = test_store();
    let a = t
        .store
        .create_customer(&customer("甲", "13200000001"))
        .unwrap();
    let b = t
        .store
        .create_customer(&customer("乙", "13200000002"))
        .unwrap();
    t.store
        .set_plan(&plan_on(&a.id, PlanTime::OnDate(date(2026, 11, 28))))
        .unwrap();
    let pb = t
        .store
        .set_plan(&plan_on(&b.id, PlanTime::OnDate(date(2026, 11, 29))))
        .unwrap();
    t.store
        .log_follow_up(&b.id, &call(&b.id, start(), "b"), None)
        .unwrap();
    // b's plan was closed by its follow-up; set another so both have one.
    let pb2 = t
        .store
        .set_plan(&plan_on(&b.id, PlanTime::OnDate(date(2026, 11, 30))))
        .unwrap();
    assert_ne!(pb.id, pb2.id);
    t.store.merge_customers(&a.id, 1, &b.id, 1).unwrap();
    assert_eq!(t.store.follow_ups_of(&a.id).unwrap().len(), 1);
    let plans = t.store.plans_of(&a.id).unwrap();
    assert_eq!(plans.iter().filter(|p| p.is_pending()).count(), 1);
    assert!(matches!(
        t.store.get_plan(&pb2.id).unwrap().status,
        PlanStatus::Cancelled { .. }
    ));
    assert_eq!(
        column(
            &t.store,
            "SELECT last_contact_at FROM customers WHERE id = ?1",
            a.id.as_str()
        ),
        Some(start().timestamp_millis())
    );
    let codes: Vec<&str> = t
        .store
        .timeline(&a.id, 100, None)
        .unwrap()
        .records
        .iter()
        .map(|r| r.entry.code())
        .collect();
    assert!(
        codes.contains(&"merged") && codes.contains(&"follow_up_logged"),
        "{codes:?}"
    );
}

/// A customer's owner is copied onto their plans (a consultant's reminders are one index
/// range): a merge that brings the absorbed customer's plan over puts it on the kept
/// customer's owner's reminders, and a new owner takes the plans along.
#[test]
fn a_plan_follows_its_customers_owner_through_a_merge_and_a_new_owner() {
    let t = test_store();
    let mut a = customer("甲", "13200000001");
    a.owner = Some("li".into());
    let mut b = customer("乙", "13200000002");
    b.owner = Some("wang".into());
    let a = t.store.create_customer(&a).unwrap();
    let b = t.store.create_customer(&b).unwrap();
    let plan = t
        .store
        .set_plan(&plan_on(&b.id, PlanTime::OnDate(date(2026, 11, 28))))
        .unwrap();
    let (from, to) = (start(), start() + Duration::days(7));
    let plans_of = |owner: &str| -> Vec<crm_core::PlanId> {
        let reminders = t.store.reminders(from, to, Some(owner)).unwrap();
        reminders.into_iter().map(|r| r.plan_id).collect()
    };
    assert_eq!(plans_of("wang"), std::slice::from_ref(&plan.id));
    let merged = t.store.merge_customers(&a.id, 1, &b.id, 1).unwrap();
    assert_eq!(merged.profile.owner.as_deref(), Some("li"));
    assert!(plans_of("wang").is_empty());
    assert_eq!(plans_of("li"), std::slice::from_ref(&plan.id));
    let patch = crm_core::CustomerPatch {
        owner: Some(Some("zhao".into())),
        ..Default::default()
    };
    t.store
        .update_customer(&a.id, merged.version, &patch)
        .unwrap();
    assert!(plans_of("li").is_empty());
    assert_eq!(plans_of("zhao"), [plan.id]);
}

/// The next-follow-up filter and sort, in the dealership's local days (Asia/Shanghai by
/// default; the test clock starts on Friday 2026-11-27 at 16:00 there).
#[test]
fn next_follow_up_filters_and_sorts_by_the_pending_plan() {
    use crm_core::{CustomerFilter, NextFollowUpFilter, Sort, SortKey};
    use crm_store::CustomerQuery;
    let t = test_store();
    let add = |name: &str, phone: &str| t.store.create_customer(&customer(name, phone)).unwrap().id;
    let overdue_at = add("过期时刻", "13800000001");
    let overdue_day = add("过期日期", "13800000002");
    let today = add("今天", "13800000003");
    let sunday = add("周日", "13800000004");
    let next_week = add("下周", "13800000005");
    let none = add("没有计划", "13800000006");
    // Set while the plans' times are still ahead, then let the clock run past two of them.
    t.store
        .set_plan(&plan_on(
            &overdue_at,
            PlanTime::At(start() + Duration::minutes(30)),
        ))
        .unwrap();
    t.store
        .set_plan(&plan_on(&overdue_day, PlanTime::OnDate(date(2026, 11, 27))))
        .unwrap();
    t.clock.advance(Duration::days(1)); // Saturday 2026-11-28, 16:00 in Shanghai
    t.store
        .set_plan(&plan_on(&today, PlanTime::OnDate(date(2026, 11, 28))))
        .unwrap();
    t.store
        .set_plan(&plan_on(&sunday, PlanTime::OnDate(date(2026, 11, 29))))
        .unwrap();
    t.store
        .set_plan(&plan_on(&next_week, PlanTime::OnDate(date(2026, 11, 30))))
        .unwrap();
    let ids = |next: NextFollowUpFilter| {
        let filter = CustomerFilter {
            next_follow_up: Some(next),
            ..Default::default()
        };
        let sort = Sort {
            key: SortKey::NextFollowUp,
            descending: false,
        };
        let page = t.store.query_customers(&CustomerQuery {
            filter: filter.clone(),
            sort,
            limit: 50,
            cursor: None,
        });
        let ids: Vec<_> = page.unwrap().customers.into_iter().map(|c| c.id).collect();
        assert_eq!(t.store.count_matching(&filter).unwrap(), ids.len() as u64);
        ids
    };
    assert_eq!(
        ids(NextFollowUpFilter::Overdue),
        vec![overdue_day.clone(), overdue_at.clone()]
    );
    assert_eq!(ids(NextFollowUpFilter::Today), vec![today.clone()]);
    assert_eq!(
        ids(NextFollowUpFilter::ThisWeek),
        vec![
            overdue_day.clone(),
            overdue_at.clone(),
            today.clone(),
            sunday.clone()
        ],
        "Monday 23rd to Sunday 29th"
    );
    assert_eq!(ids(NextFollowUpFilter::NoPlan), vec![none.clone()]);
    // Sorted by due start, soonest first, customers without a plan last; pages keep the order.
    let sort = Sort {
        key: SortKey::NextFollowUp,
        descending: false,
    };
    let mut walked = Vec::new();
    let mut query = CustomerQuery {
        sort,
        limit: 2,
        ..Default::default()
    };
    loop {
        let page = t.store.query_customers(&query).unwrap();
        walked.extend(page.customers.into_iter().map(|c| c.id));
        match page.next_cursor {
            Some(c) => query.cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(
        walked,
        vec![overdue_day, overdue_at, today, sunday, next_week, none]
    );
}

#[test]
fn editing_a_plan_records_it_and_renames_its_reminder() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("改计划", "13800009999"))
        .unwrap();
    let p = t
        .store
        .set_plan(&plan_on(&c.id, PlanTime::OnDate(date(2026, 11, 29))))
        .unwrap();
    let token = t.store.reminder_changes_since(None).unwrap().token;
    let patch = crm_core::PlanPatch {
        method: Some(FollowUpMethod::FaceToFace),
        purpose: Some("带家人到店试驾".into()),
        content: Some(Some("准备七座车".into())),
    };
    let edited = t.store.update_plan(&p.id, 1, &patch).unwrap();
    assert_eq!(
        (edited.version, edited.method, edited.purpose.as_str()),
        (2, FollowUpMethod::FaceToFace, "带家人到店试驾")
    );
    assert_eq!(edited.content.as_deref(), Some("准备七座车"));
    assert_eq!(edited.time, p.time, "the time moves by rescheduling");
    assert_eq!(t.store.get_plan(&p.id).unwrap(), edited);
    let page = t.store.timeline(&c.id, 1, None).unwrap();
    match &page.records[0].entry {
        TimelineEntry::PlanEdited { plan_id, changes } => {
            assert_eq!(plan_id, &p.id);
            let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
            assert_eq!(fields, ["method", "purpose", "content"]);
        }
        other => panic!("{other:?}"),
    }
    let changes = t.store.reminder_changes_since(Some(&token)).unwrap();
    assert_eq!(changes.added, [crm_core::ReminderId(format!("{}@2", p.id))]);
    assert_eq!(
        changes.cancelled,
        [crm_core::ReminderId(format!("{}@1", p.id))]
    );
    let reminders = t
        .store
        .reminders(start(), start() + Duration::days(5), None)
        .unwrap();
    assert_eq!(reminders.len(), 1);
    assert_eq!(reminders[0].purpose, "带家人到店试驾");

    // Nothing to change: the same plan, same version.
    assert_eq!(t.store.update_plan(&p.id, 2, &patch).unwrap(), edited);
    assert!(matches!(
        t.store.update_plan(&p.id, 1, &patch),
        Err(StoreError::Conflict { actual: 2, .. })
    ));
    let blank = crm_core::PlanPatch {
        purpose: Some(" ".into()),
        ..Default::default()
    };
    match t.store.update_plan(&p.id, 2, &blank) {
        Err(StoreError::Invalid(v)) => {
            assert_eq!((v.field.as_str(), v.rule), ("purpose", Rule::Required))
        }
        other => panic!("{other:?}"),
    }
    t.store.cancel_plan(&p.id, 2, "客户已到店").unwrap();
    assert!(matches!(
        t.store.update_plan(&p.id, 3, &patch),
        Err(StoreError::Closed {
            status: "cancelled",
            ..
        })
    ));
}
