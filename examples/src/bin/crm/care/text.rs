//! Care after the sale as readable text: cars, odometer readings, care tasks, a run's
//! summary, consent.

use crate::term::short_id::{short, short_len};
use crate::term::text::pad;
use crm_core::{Car, CareTaskRecord, CareTaskStatus, Code, CustomerConsent, CustomerId};
use crm_store::{CareRunSummary, OdometerRecord};
use std::collections::HashMap;
use std::fmt::Write;

/// One line per car: id, brand and model, delivery date and km, VIN.
pub fn cars(cars: &[Car]) -> String {
    if cars.is_empty() {
        return "no cars\n".to_owned();
    }
    cars.iter()
        .map(|c| {
            let vin = c.vin.as_ref().map_or("-", |v| v.as_str());
            let ends: Vec<String> = c.insurance_ends_on.iter().map(|d| d.to_string()).collect();
            let insurance = if ends.is_empty() {
                String::new()
            } else {
                format!("  insurance ends {}", ends.join(", "))
            };
            format!(
                "{}  {} {}  delivered {} at {} km  VIN {vin}{insurance}\n",
                c.id, c.brand, c.model, c.delivered_on, c.delivery_km
            )
        })
        .collect()
}

/// A reading as JSON.
pub fn reading_json(r: &OdometerRecord) -> serde_json::Value {
    serde_json::json!({
        "id": r.id, "car_id": r.car_id, "on": r.reading.on, "km": r.reading.km,
        "source": r.source, "recorded_at": r.recorded_at,
    })
}

/// One line per reading: id, day, km, source.
pub fn readings(records: &[OdometerRecord]) -> String {
    if records.is_empty() {
        return "no odometer readings\n".to_owned();
    }
    records
        .iter()
        .map(|r| {
            format!(
                "{:>6}  {}  {} km  {}  car {}\n",
                r.id,
                r.reading.on,
                r.reading.km,
                r.source.code(),
                r.car_id
            )
        })
        .collect()
}

/// A status as a word (with its date or note).
fn status(s: &CareTaskStatus) -> String {
    match s {
        CareTaskStatus::Open => "open".to_owned(),
        CareTaskStatus::Done { outcome, .. } => format!("done: {outcome}"),
        CareTaskStatus::Skipped { reason, .. } => format!("skipped: {reason}"),
        CareTaskStatus::Snoozed { until } => format!("snoozed until {until}"),
    }
}

/// A header, then one line per task: due date, the customer's short id and name, kind,
/// channel, assignee, status, and the key `care done|skip|snooze` take.
pub fn tasks(tasks: &[CareTaskRecord], names: &HashMap<CustomerId, String>) -> String {
    if tasks.is_empty() {
        return "no care tasks\n".to_owned();
    }
    let len = short_len(tasks.iter().map(|r| r.task.customer_id.as_str()));
    let mut out = format!(
        "{}  {} {} {} {} {} {} KEY\n",
        pad("DUE", 10),
        pad("CUSTOMER", len),
        pad("NAME", 10),
        pad("KIND", 20),
        pad("CHANNEL", 7),
        pad("FOR", 10),
        pad("STATUS", 20),
    );
    for r in tasks {
        let t = &r.task;
        let name = names.get(&t.customer_id).map_or("?", String::as_str);
        let _ = writeln!(
            out,
            "{}  {} {} {} {} {} {} {}",
            t.due_on,
            short(t.customer_id.as_str(), len),
            pad(name, 10),
            pad(t.kind().code(), 20),
            pad(t.channel.code(), 7),
            pad(t.assignee.code(), 10),
            pad(&status(&r.status), 20),
            t.key
        );
    }
    out
}

/// What a run did.
pub fn run_summary(s: &CareRunSummary, from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
    format!(
        "care tasks due {from} to {to}: {} added, {} updated, {} removed, {} unchanged; \
         {} blocked by consent\n",
        s.added, s.updated, s.removed, s.unchanged, s.blocked_by_consent
    )
}

/// One line per channel with a record; "no consent recorded" when none.
pub fn consent(c: &CustomerConsent) -> String {
    if c.records.is_empty() {
        return "no consent recorded (every channel unknown)\n".to_owned();
    }
    c.records
        .iter()
        .map(|r| {
            let note = r
                .note
                .as_deref()
                .map(|n| format!("  ({n})"))
                .unwrap_or_default();
            format!(
                "{:<7} {:<9} {} via {}{note}\n",
                r.channel.code(),
                r.state.code(),
                r.at.format("%Y-%m-%d %H:%M UTC"),
                r.source.code()
            )
        })
        .collect()
}
