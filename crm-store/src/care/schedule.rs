//! A customer's care schedule (关怀日程): all their care tasks, with status, in one row of
//! `care_schedules`, so that a year's care run for a large book writes one small row per
//! customer instead of a wide row (and four index entries) per task.
//!
//! **Stored form.** The tasks, by due date then key, as the JSON of
//! `Vec<crm_core::CareTaskRecord>` beside each task's agenda date while it is still to do
//! (so the agenda parses only the tasks it shows: [`decode_due`]), compressed with zstd
//! ([`encode`] / [`decode`]): JSON because the records already have a tested serde form,
//! compressed because a dozen tasks repeat the same ids and field names (a third of the
//! size). Beside it, what queries look at without decoding: the customer's owner (a copy
//! that triggers keep in step, see [`crate::db`]), `next_on`, the earliest agenda date of
//! a task still to do (the agenda reads only the schedules with one due), and the **run
//! mark**: the window of the last care run that planned the customer, a digest of what it
//! planned from ([`digest`]: the library's planner version, the rules, the odometer's
//! daily limit, the window, the customer's facts: readings, known services, consent and
//! contact channels among them), how many tasks are due in that window and how many were
//! blocked by consent. A run whose digest matches skips the customer: the same inputs make
//! the same tasks, and nothing since can have made the stored ones differ from what that
//! run left (moves change a status only; a merge clears the mark).

use crate::customer::rows::importance;
use crate::db::rows::code_at;
use crate::db::time::day_number;
use crate::error::{Result, StoreError};
use chrono::NaiveDate;
use crm_core::{
    is_pending, AgendaCareTask, CareCustomer, CareRules, CareTaskRecord, DateWindow, IntentLevel,
    OdometerLimits,
};
use rusqlite::{params, Connection, OptionalExtension};
use siphasher::sip::SipHasher13;
use std::hash::{Hash, Hasher};

/// zstd's level for schedules: one of its fast negative levels. On the 50,000-customer
/// year, level -2 takes about a quarter less CPU than level 1 (1.5 s against 1.95 s for the
/// whole fresh run) for rows a quarter larger (1,037 bytes a customer against 843).
const LEVEL: i32 = -2;

/// Bump when the planner's output changes for the same facts and rules, so that the next
/// run plans every customer again instead of trusting marks made by the older planner.
/// (The library's version is hashed too, so every release plans once anyway.)
const PLANNER_FORMAT: u32 = 2;

fn corrupt() -> StoreError {
    StoreError::Corrupt {
        column: "care_schedules.tasks",
    }
}

/// The largest schedule a row may hold once decompressed: far beyond any customer's
/// tasks (a few KiB a year); a larger claim is a corrupt row.
const MAX_SCHEDULE_BYTES: u64 = 64 << 20;

thread_local! {
    /// Each thread's zstd contexts: making one costs more than compressing a schedule.
    static CODEC: std::cell::RefCell<Option<(zstd::bulk::Compressor<'static>, zstd::bulk::Decompressor<'static>)>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `f` with this thread's zstd contexts (made on first use).
fn with_codec<T>(
    f: impl FnOnce(
        &mut zstd::bulk::Compressor<'static>,
        &mut zstd::bulk::Decompressor<'static>,
    ) -> Result<T>,
) -> Result<T> {
    CODEC.with(|cell| {
        let mut slot = cell.try_borrow_mut().map_err(|_| corrupt())?;
        if slot.is_none() {
            let c = zstd::bulk::Compressor::new(LEVEL).map_err(|_| corrupt())?;
            let d = zstd::bulk::Decompressor::new().map_err(|_| corrupt())?;
            *slot = Some((c, d));
        }
        match slot.as_mut() {
            Some((c, d)) => f(c, d),
            None => Err(corrupt()),
        }
    })
}

/// A schedule as stored (before compression): the tasks, and beside them each task's
/// agenda date (day number) while it is still to do, `null` once closed, so that the agenda
/// parses only the tasks it shows.
#[derive(serde::Serialize)]
struct Written<'a> {
    agenda: Vec<Option<i64>>,
    tasks: &'a [CareTaskRecord],
}

/// A stored schedule read whole.
#[derive(serde::Deserialize)]
struct Read {
    tasks: Vec<CareTaskRecord>,
}

/// A stored schedule with its tasks left as JSON until asked for.
#[derive(serde::Deserialize)]
struct Skimmed<'a> {
    agenda: Vec<Option<i64>>,
    #[serde(borrow)]
    tasks: Vec<&'a serde_json::value::RawValue>,
}

/// The stored form of `tasks` (see the module's documentation).
pub(crate) fn encode(tasks: &[CareTaskRecord]) -> Result<Vec<u8>> {
    let agenda = tasks
        .iter()
        .map(|r| is_pending(&r.status).then(|| day_number(r.agenda_date())))
        .collect();
    let json = serde_json::to_vec(&Written { agenda, tasks }).map_err(|_| corrupt())?;
    with_codec(|c, _| c.compress(&json).map_err(|_| corrupt()))
}

/// The JSON of a stored schedule.
fn decompress(bytes: &[u8]) -> Result<Vec<u8>> {
    let size = zstd::zstd_safe::get_frame_content_size(bytes)
        .ok()
        .flatten()
        .filter(|n| *n <= MAX_SCHEDULE_BYTES)
        .ok_or_else(corrupt)?;
    with_codec(|_, d| {
        d.decompress(bytes, usize::try_from(size).unwrap_or(0))
            .map_err(|_| corrupt())
    })
}

/// The tasks of a stored schedule.
pub(crate) fn decode(bytes: &[u8]) -> Result<Vec<CareTaskRecord>> {
    let json = decompress(bytes)?;
    let read: Read = serde_json::from_slice(&json).map_err(|_| corrupt())?;
    Ok(read.tasks)
}

/// The tasks of a stored schedule still to do with an agenda date on or before day number
/// `by`: only those are parsed.
pub(crate) fn decode_due(bytes: &[u8], by: i64) -> Result<Vec<CareTaskRecord>> {
    let json = decompress(bytes)?;
    let skimmed: Skimmed<'_> = serde_json::from_slice(&json).map_err(|_| corrupt())?;
    if skimmed.agenda.len() != skimmed.tasks.len() {
        return Err(corrupt());
    }
    let mut out = Vec::new();
    for (on, raw) in skimmed.agenda.iter().zip(&skimmed.tasks) {
        if on.is_some_and(|d| d <= by) {
            let r: CareTaskRecord = serde_json::from_str(raw.get()).map_err(|_| corrupt())?;
            if !is_pending(&r.status) || day_number(r.agenda_date()) != on.unwrap_or(i64::MIN) {
                return Err(corrupt());
            }
            out.push(r);
        }
    }
    Ok(out)
}

/// The earliest agenda date (day number) of a task still to do, if any.
pub(crate) fn next_on(tasks: &[CareTaskRecord]) -> Option<i64> {
    tasks
        .iter()
        .filter(|r| is_pending(&r.status))
        .map(|r| day_number(r.agenda_date()))
        .min()
}

/// What a care run planned a customer from, how many of their tasks are due in its window
/// and how many it found blocked by consent (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RunMark {
    pub from: i64,
    pub to: i64,
    pub digest: i64,
    pub tasks: i64,
    pub blocked: i64,
}

impl RunMark {
    /// The mark of a run over `window` from inputs with digest `digest`, leaving `tasks`
    /// due in it, `blocked` not made for want of consent.
    pub fn new(window: DateWindow, digest: i64, tasks: u64, blocked: u64) -> RunMark {
        RunMark {
            from: day_number(window.from),
            to: day_number(window.to),
            digest,
            tasks: i64::try_from(tasks).unwrap_or(i64::MAX),
            blocked: i64::try_from(blocked).unwrap_or(i64::MAX),
        }
    }

    /// Whether a run over `window` from inputs with digest `digest` would plan what this
    /// one did.
    pub fn matches(&self, window: DateWindow, digest: i64) -> bool {
        self.from == day_number(window.from)
            && self.to == day_number(window.to)
            && self.digest == digest
    }
}

/// A hash of what a run plans every customer from apart from the customer: the planner's
/// version, the rules and the odometer's daily limit (SipHash-1-3, fixed keys); [`digest`]
/// adds the window and the customer. Should the hashing of a type change with a library
/// version, the next run plans everyone once; nothing is lost.
pub(crate) fn rules_hasher(rules: &CareRules, limits: OdometerLimits) -> SipHasher13 {
    let mut h = SipHasher13::new_with_keys(0x7363_6865_6475_6c65, 0x6361_7265_5f72_756e);
    PLANNER_FORMAT.hash(&mut h);
    env!("CARGO_PKG_VERSION").hash(&mut h);
    rules.hash(&mut h);
    limits.hash(&mut h);
    h
}

/// The digest of planning `customer` for `window` with the rules hashed in `rules`.
pub(crate) fn digest(rules: &SipHasher13, window: DateWindow, customer: &CareCustomer) -> i64 {
    let mut h = *rules;
    window.hash(&mut h);
    customer.hash(&mut h);
    i64::from_ne_bytes(h.finish().to_ne_bytes())
}

/// Stores `tasks` as customer `customer`'s schedule, with their `owner` and run mark
/// (`None`: the next run plans them), in place of what was stored.
pub(crate) fn save_tasks(
    conn: &Connection,
    customer: &str,
    owner: Option<&str>,
    tasks: &[CareTaskRecord],
    mark: Option<RunMark>,
) -> Result<()> {
    save_encoded(conn, customer, owner, &encode(tasks)?, next_on(tasks), mark)
}

/// [`save_tasks`] with the tasks already encoded and their [`next_on`].
pub(crate) fn save_encoded(
    conn: &Connection,
    customer: &str,
    owner: Option<&str>,
    blob: &[u8],
    next_on: Option<i64>,
    mark: Option<RunMark>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO care_schedules (customer_id, owner, next_on, run_from, run_to, run_digest,
            run_tasks, run_blocked, tasks)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (customer_id) DO UPDATE SET owner = excluded.owner,
            next_on = excluded.next_on, run_from = excluded.run_from, run_to = excluded.run_to,
            run_digest = excluded.run_digest, run_tasks = excluded.run_tasks,
            run_blocked = excluded.run_blocked, tasks = excluded.tasks",
    )?
    .execute(params![
        customer,
        owner,
        next_on,
        mark.map(|m| m.from),
        mark.map(|m| m.to),
        mark.map(|m| m.digest),
        mark.map(|m| m.tasks),
        mark.map(|m| m.blocked),
        blob
    ])?;
    Ok(())
}

/// Records `mark` on customer `customer`'s schedule, whose tasks a run left as they were.
pub(crate) fn save_mark(conn: &Connection, customer: &str, mark: RunMark) -> Result<()> {
    conn.prepare_cached(
        "UPDATE care_schedules SET run_from = ?2, run_to = ?3, run_digest = ?4, run_tasks = ?5,
            run_blocked = ?6
         WHERE customer_id = ?1",
    )?
    .execute(params![
        customer,
        mark.from,
        mark.to,
        mark.digest,
        mark.tasks,
        mark.blocked
    ])?;
    Ok(())
}

/// Replaces customer `customer`'s tasks after a move (a status change): owner and run mark
/// stay, since a status change is nothing a run would undo.
pub(crate) fn update_tasks(
    conn: &Connection,
    customer: &str,
    tasks: &[CareTaskRecord],
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE care_schedules SET tasks = ?2, next_on = ?3 WHERE customer_id = ?1",
    )?
    .execute(params![customer, encode(tasks)?, next_on(tasks)])?;
    Ok(())
}

/// Customer `customer`'s stored tasks, if they have a schedule.
pub(crate) fn load_tasks(conn: &Connection, customer: &str) -> Result<Option<Vec<CareTaskRecord>>> {
    let blob: Option<Vec<u8>> = conn
        .prepare_cached("SELECT tasks FROM care_schedules WHERE customer_id = ?1")?
        .query_row([customer], |r| r.get(0))
        .optional()?;
    blob.map(|b| decode(&b)).transpose()
}

/// Merges customer `other`'s schedule into `keep`'s (a customer merge): `keep`'s tasks
/// stay, `other`'s are added unless `keep` has the same key; the run mark is cleared so
/// the next run plans the merged customer. `other`'s row goes.
pub(crate) fn merge_schedules(conn: &Connection, other: &str, keep: &str) -> Result<()> {
    let Some(absorbed) = load_tasks(conn, other)? else {
        return Ok(());
    };
    let mut tasks = load_tasks(conn, keep)?.unwrap_or_default();
    for mut r in absorbed {
        if tasks.iter().all(|t| t.task.key != r.task.key) {
            r.task.customer_id = crm_core::CustomerId(keep.to_owned());
            tasks.push(r);
        }
    }
    crm_core::sort_schedule(&mut tasks);
    conn.prepare_cached("DELETE FROM care_schedules WHERE customer_id = ?1")?
        .execute([other])?;
    let owner: Option<String> = conn
        .prepare_cached("SELECT owner FROM customers WHERE id = ?1")?
        .query_row([keep], |r| r.get(0))
        .optional()?
        .flatten();
    save_tasks(conn, keep, owner.as_deref(), &tasks, None)
}

/// `?1`'s schedules of active customers with something to do by day number `?2`, with
/// the customer's importance and level (`care_schedules_by_owner`).
pub(crate) const AGENDA_SCHEDULES: &str = "SELECT s.tasks, c.importance, c.intent_level
     FROM care_schedules s JOIN customers c ON c.id = s.customer_id
     WHERE s.owner IS ?1 AND s.next_on <= ?2 AND c.archived_at IS NULL";

/// `owner`'s open care tasks due by `date` and snoozed ones waking by then, of active
/// customers, each with its customer's importance and level: the schedules of the
/// `care_schedules_by_owner` range whose next thing to do is due by `date`.
pub(crate) fn agenda_care_tasks(
    conn: &Connection,
    owner: Option<&str>,
    date: NaiveDate,
) -> Result<Vec<AgendaCareTask>> {
    let mut stmt = conn.prepare_cached(AGENDA_SCHEDULES)?;
    let mut rows = stmt.query(params![owner, day_number(date)])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let importance = importance(row.get(1)?)?;
        let intent = code_at::<IntentLevel>(row, 2, "customers.intent_level")?;
        for record in decode_due(&row.get::<_, Vec<u8>>(0)?, day_number(date))? {
            out.push(AgendaCareTask {
                record,
                importance,
                intent,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use crm_core::{CareDetail, CareTask, CareTaskStatus, CustomerId, MaintenanceTrigger};

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn task(key: &str, due: &str, detail: CareDetail) -> CareTask {
        CareTask {
            key: key.into(),
            customer_id: CustomerId("c".into()),
            car_id: Some("car".into()),
            due_on: date(due),
            event_on: date(due),
            channel: crm_core::ConsentChannel::Phone,
            assignee: crm_core::CareAssignee::Consultant,
            template_key: "t".into(),
            needs_consent: false,
            detail,
        }
    }

    #[test]
    fn every_kind_of_task_and_status_reads_back_from_a_stored_schedule() {
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 8, 30, 0).unwrap();
        let details = [
            CareDetail::DeliveryCall { call: "d3".into() },
            CareDetail::Maintenance {
                service: 2,
                trigger: MaintenanceTrigger::Distance { km: 10_000 },
                predicted_km: 10_000,
            },
            CareDetail::InsuranceRenewal {
                policy_ends_on: date("2026-09-01"),
                projected: true,
            },
            CareDetail::Inspection {
                number: 1,
                on_site: false,
                age_months: 24,
            },
            CareDetail::Birthday { year: 2026 },
            CareDetail::Holiday {
                holiday: "spring_festival".into(),
                name: "春节 \"新年\"".into(),
                year: 2026,
            },
            CareDetail::PurchaseAnniversary { years: 1 },
            CareDetail::ReferralInvitation,
        ];
        let statuses = [
            CareTaskStatus::Open,
            CareTaskStatus::Done {
                at,
                outcome: "打过电话\n下次再约".into(),
            },
            CareTaskStatus::Skipped {
                at,
                reason: "出差".into(),
            },
            CareTaskStatus::Snoozed {
                until: date("2026-04-02"),
            },
        ];
        let tasks: Vec<CareTaskRecord> = details
            .into_iter()
            .enumerate()
            .map(|(i, d)| CareTaskRecord {
                task: task(&format!("k{i}"), "2026-04-01", d),
                status: statuses[i % statuses.len()].clone(),
            })
            .collect();
        let stored = encode(&tasks).unwrap();
        assert_eq!(decode(&stored).unwrap(), tasks);
        let due = |by: &str| decode_due(&stored, day_number(date(by))).unwrap();
        let pending: Vec<_> = tasks
            .iter()
            .filter(|r| is_pending(&r.status))
            .cloned()
            .collect();
        let open_only: Vec<_> = pending
            .iter()
            .filter(|r| r.status == CareTaskStatus::Open)
            .cloned()
            .collect();
        assert_eq!(due("2026-03-31"), vec![]);
        assert_eq!(due("2026-04-01"), open_only, "snoozed ones wake on 04-02");
        assert_eq!(due("2026-04-02"), pending);
        assert!(decode(&[]).is_err());
        assert!(decode(b"not zstd").is_err());
        // Pending: open k0, k4 (open), snoozed k3 and k7 until 04-02; the earliest is the
        // open tasks' due date.
        assert_eq!(next_on(&tasks), Some(day_number(date("2026-04-01"))));
        let closed: Vec<_> = tasks
            .iter()
            .filter(|r| !is_pending(&r.status))
            .cloned()
            .collect();
        assert_eq!(next_on(&closed), None);
    }

    #[test]
    fn a_digest_changes_with_the_window_the_rules_and_every_fact() {
        let rules = CareRules::default();
        let w = DateWindow::new(date("2026-01-01"), date("2026-12-31")).unwrap();
        let customer = CareCustomer {
            id: CustomerId("c".into()),
            birthday: Some(date("1990-03-15")),
            consent: Default::default(),
            reachable: crm_core::ChannelSet::ALL,
            cars: vec![crm_core::CareCar {
                id: "car".into(),
                delivered_on: date("2025-01-10"),
                delivery_km: 10,
                registered_on: None,
                readings: vec![],
                services: vec![],
                insurance_ends_on: vec![],
            }],
        };
        let limits = OdometerLimits::default();
        let hash =
            |rules: &CareRules, w, c: &CareCustomer| digest(&rules_hasher(rules, limits), w, c);
        let base = hash(&rules, w, &customer);
        assert_eq!(base, hash(&rules, w, &customer.clone()));
        let mut other_rules = rules.clone();
        other_rules.birthday.lead_days += 1;
        assert_ne!(base, hash(&other_rules, w, &customer));
        let stricter = OdometerLimits { max_daily_km: 800 };
        assert_ne!(base, digest(&rules_hasher(&rules, stricter), w, &customer));
        let later = DateWindow::new(date("2026-01-02"), date("2026-12-31")).unwrap();
        assert_ne!(base, hash(&rules, later, &customer));
        let mut read = customer.clone();
        read.cars[0].readings.push(crm_core::OdometerReading {
            on: date("2025-06-01"),
            km: 5_000,
        });
        assert_ne!(base, hash(&rules, w, &read));
        // The same reading corrected, and taken at a service visit.
        let mut corrected = read.clone();
        corrected.cars[0].readings[0].km = 5_100;
        assert_ne!(hash(&rules, w, &read), hash(&rules, w, &corrected));
        let mut serviced = read.clone();
        serviced.cars[0].services.push(crm_core::ServiceVisit {
            on: date("2025-06-01"),
            service: None,
        });
        assert_ne!(hash(&rules, w, &read), hash(&rules, w, &serviced));
        let mut done = customer.clone();
        done.cars[0].services.push(crm_core::ServiceVisit {
            on: date("2025-06-01"),
            service: Some(1),
        });
        assert_ne!(base, hash(&rules, w, &done));
        let mut reachable = customer.clone();
        reachable.reachable = crm_core::ChannelSet::of(&[crm_core::ConsentChannel::Email]);
        assert_ne!(base, hash(&rules, w, &reachable));
        let mut born = customer.clone();
        born.birthday = None;
        assert_ne!(base, hash(&rules, w, &born));
        let mark = RunMark::new(w, base, 7, 2);
        assert!(mark.matches(w, base));
        assert!(!mark.matches(later, base));
        assert!(!mark.matches(w, base ^ 1));
    }
}
