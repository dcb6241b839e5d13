//! Care after the sale as readable text: cars, odometer readings, care tasks, a run's
//! summary, consent.

use crate::term::lang::{label, pick, say};
use crate::term::short_id::{short, short_len};
use crate::term::text::{fit, pad};
use chrono::{DateTime, NaiveDate, Utc};
use crm_core::{
    Car, CarId, CareAssignee, CareTaskKind, CareTaskRecord, CareTaskStatus, ConsentChannel,
    ConsentSource, ConsentState, CustomerConsent, CustomerId, OdometerSource,
};
use crm_store::{CareRunSummary, OdometerRecord};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write;

/// One line per car: id, brand and model, delivery date and km, VIN.
pub fn cars(cars: &[Car]) -> String {
    if cars.is_empty() {
        return pick("没有已交车辆\n", "no cars\n").to_owned();
    }
    cars.iter()
        .map(|c| {
            let vin = c.vin.as_ref().map_or("-", |v| v.as_str());
            let ends: Vec<String> = c.insurance_ends_on.iter().map(|d| d.to_string()).collect();
            let insurance = if ends.is_empty() {
                String::new()
            } else {
                say!("  保险到期 {}", "  insurance ends {}", ends.join(", "))
            };
            say!(
                "{}  {} {}  {} 交车，{} 公里  VIN {}{}\n",
                "{}  {} {}  delivered {} at {} km  VIN {}{}\n",
                c.id,
                c.brand,
                c.model,
                c.delivered_on,
                c.delivery_km,
                vin,
                insurance
            )
        })
        .collect()
}

/// A reading as JSON, fields in this order.
#[derive(Serialize)]
pub struct ReadingJson<'a> {
    id: i64,
    car_id: &'a CarId,
    on: NaiveDate,
    km: u32,
    source: OdometerSource,
    recorded_at: DateTime<Utc>,
}

/// A reading as JSON.
pub fn reading_json(r: &OdometerRecord) -> ReadingJson<'_> {
    ReadingJson {
        id: r.id,
        car_id: &r.car_id,
        on: r.reading.on,
        km: r.reading.km,
        source: r.source,
        recorded_at: r.recorded_at,
    }
}

/// One line per reading: id, day, km, source.
pub fn readings(records: &[OdometerRecord]) -> String {
    if records.is_empty() {
        return pick("没有里程记录\n", "no odometer readings\n").to_owned();
    }
    records
        .iter()
        .map(|r| {
            say!(
                "{:>6}  {}  {} 公里  {}  车辆 {}\n",
                "{:>6}  {}  {} km  {}  car {}\n",
                r.id,
                r.reading.on,
                r.reading.km,
                odometer_source_label(r.source),
                r.car_id
            )
        })
        .collect()
}

/// Where an odometer reading came from, in the user's language.
pub fn odometer_source_label(source: OdometerSource) -> &'static str {
    match source {
        OdometerSource::ServiceVisit => pick("进店保养", "service visit"),
        OdometerSource::Customer => pick("客户告知", "customer"),
        OdometerSource::Other => pick("其他", "other"),
    }
}

/// A consent state, in the user's language.
pub fn consent_state_label(state: ConsentState) -> &'static str {
    match state {
        ConsentState::Unknown => pick("未知", "unknown"),
        ConsentState::Granted => pick("同意", "granted"),
        ConsentState::Withdrawn => pick("已撤回", "withdrawn"),
    }
}

/// How a consent was given or withdrawn, in the user's language.
pub fn consent_source_label(source: ConsentSource) -> &'static str {
    match source {
        ConsentSource::InPerson => pick("当面", "in person"),
        ConsentSource::Phone => pick("电话", "phone"),
        ConsentSource::OnlineForm => pick("线上表单", "online form"),
        ConsentSource::PaperForm => pick("纸质表单", "paper form"),
        ConsentSource::Message => pick("消息", "message"),
        ConsentSource::Other => pick("其他", "other"),
    }
}

/// A care task's kind (关怀类型), in the user's language.
pub fn care_kind_label(kind: CareTaskKind) -> &'static str {
    label(crm_core::export::care_kind_label(kind))
}

/// A contact channel of consent and care, in the user's language.
pub fn channel_label(channel: ConsentChannel) -> &'static str {
    match channel {
        ConsentChannel::Phone => pick("电话", "phone"),
        ConsentChannel::Sms => pick("短信", "sms"),
        ConsentChannel::Wechat => pick("微信", "wechat"),
        ConsentChannel::Email => pick("邮件", "email"),
    }
}

/// Who does a care task, in the user's language.
pub fn assignee_label(assignee: CareAssignee) -> &'static str {
    match assignee {
        CareAssignee::Consultant => pick("顾问", "consultant"),
        CareAssignee::Manager => pick("经理", "manager"),
    }
}

/// A status in words (with its date or note), in the user's language.
fn status(s: &CareTaskStatus) -> String {
    match s {
        CareTaskStatus::Open => pick("待办", "open").to_owned(),
        CareTaskStatus::Done { outcome, .. } => format!("{}: {outcome}", pick("已完成", "done")),
        CareTaskStatus::Skipped { reason, .. } => {
            format!("{}: {reason}", pick("已跳过", "skipped"))
        }
        CareTaskStatus::Snoozed { until } => format!("{} {until}", pick("推迟至", "snoozed until")),
    }
}

/// A header, then one line per task: due date, the customer's short id and name, kind,
/// channel, assignee, status, and the key `care done|skip|snooze` take.
pub fn tasks(tasks: &[CareTaskRecord], names: &HashMap<CustomerId, String>) -> String {
    if tasks.is_empty() {
        return pick("没有关怀任务\n", "no care tasks\n").to_owned();
    }
    let len = short_len(tasks.iter().map(|r| r.task.customer_id.as_str()));
    let mut out = format!(
        "{}  {} {} {} {} {} {} {}\n",
        pad(pick("到期", "DUE"), 10),
        pad(pick("客户", "CUSTOMER"), len),
        pad(pick("姓名", "NAME"), 10),
        pad(pick("类型", "KIND"), 20),
        pad(pick("渠道", "CHANNEL"), 7),
        pad(pick("负责", "FOR"), 10),
        pad(pick("状态", "STATUS"), 20),
        pick("任务键 KEY", "KEY"),
    );
    for r in tasks {
        let t = &r.task;
        let name = names.get(&t.customer_id).map_or("?", String::as_str);
        let _ = writeln!(
            out,
            "{}  {} {} {} {} {} {} {}",
            t.due_on,
            short(t.customer_id.as_str(), len),
            fit(name, 10),
            fit(care_kind_label(t.kind()), 20),
            fit(channel_label(t.channel), 7),
            fit(assignee_label(t.assignee), 10),
            fit(&status(&r.status), 20),
            t.key
        );
    }
    out
}

/// What a run did.
pub fn run_summary(s: &CareRunSummary, from: NaiveDate, to: NaiveDate) -> String {
    let mut out = say!(
        "{} 至 {} 到期的关怀任务：新增 {}，更新 {}，删除 {}，未变 {}；{} 项因未获同意而未生成\n",
        "care tasks due {} to {}: {} added, {} updated, {} removed, {} unchanged; \
         {} blocked by consent\n",
        from,
        to,
        s.added,
        s.updated,
        s.removed,
        s.unchanged,
        s.blocked_by_consent
    );
    if s.erased_by_retention > 0 {
        out.push_str(&say!(
            "按保留期限清除客户 {} 位\n",
            "{} customers erased by the retention rule\n",
            s.erased_by_retention
        ));
    }
    out
}

/// One line per channel with a record; "no consent recorded" when none.
pub fn consent(c: &CustomerConsent) -> String {
    if c.records.is_empty() {
        return pick(
            "没有营销同意记录（各渠道均未知）\n",
            "no consent recorded (every channel unknown)\n",
        )
        .to_owned();
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
                "{} {} {} {} {}{note}\n",
                pad(channel_label(r.channel), 7),
                pad(consent_state_label(r.state), 9),
                r.at.format("%Y-%m-%d %H:%M UTC"),
                pick("来源", "via"),
                consent_source_label(r.source)
            )
        })
        .collect()
}
