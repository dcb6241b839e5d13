//! Readable renderings of following up: follow-ups, plans, the agenda, reminders, the
//! timeline and templates. Times are shown on the dealership's wall clock.

use crate::care::text::{assignee_label, care_kind_label, channel_label as care_channel_label};
use crate::customer::text::{importance_label, owner_text};
use crate::follow_up::agenda::{Agenda, AgendaOverview};
use crate::term::lang::pick;
use crate::term::short_id::{short, short_len};
use crate::term::text::{fit, pad, thousands, wall};
use crm_core::{
    AgendaItem, AgendaReason, Code, DealershipZone, FieldChange, FollowUpKind, FollowUpMethod,
    FollowUpRecord, IntentLevel, MessageTemplate, Plan, PlanStatus, PlanTime, Reminder,
    TimelineEntry, TimelineRecord,
};
use crm_store::ReminderChanges;
use std::fmt::Write;

/// An intent level as salespeople say it.
pub fn intent_label(level: IntentLevel) -> &'static str {
    match level {
        IntentLevel::N => pick("N 新线索", "N not graded"),
        IntentLevel::H => pick("H 7天内", "H within 7 days"),
        IntentLevel::A => pick("A 15天内", "A within 15 days"),
        IntentLevel::B => pick("B 30天内", "B within 30 days"),
        IntentLevel::C => pick("C 2-3个月", "C 2-3 months"),
        IntentLevel::O => pick("O 已订车", "O ordered"),
    }
}

/// A method, in the user's language.
pub fn method_label(m: FollowUpMethod) -> &'static str {
    match m {
        FollowUpMethod::Phone => pick("电话", "phone"),
        FollowUpMethod::Wechat => pick("微信", "wechat"),
        FollowUpMethod::FaceToFace => pick("面谈", "visit"),
        FollowUpMethod::Sms => pick("短信", "sms"),
        FollowUpMethod::Email => pick("邮件", "email"),
        FollowUpMethod::Video => pick("视频", "video"),
        FollowUpMethod::Other => pick("其他", "other"),
    }
}

/// A follow-up type, in the user's language.
pub fn kind_label(k: FollowUpKind) -> &'static str {
    match k {
        FollowUpKind::FirstContact => pick("初次接触", "first contact"),
        FollowUpKind::NeedsDiscovery => pick("需求了解", "needs"),
        FollowUpKind::ModelPresentation => pick("车型介绍", "presentation"),
        FollowUpKind::StoreVisitInvitation => pick("邀约到店", "invitation"),
        FollowUpKind::TestDrive => pick("试驾", "test drive"),
        FollowUpKind::PriceNegotiation => pick("价格洽谈", "negotiation"),
        FollowUpKind::OrderDelivery => pick("订车交车", "order"),
        FollowUpKind::AfterSalesVisit => pick("售后回访", "after-sales"),
        FollowUpKind::Other => pick("其他", "other"),
    }
}

/// A plan time: `2026-11-28` (the whole day) or `2026-11-28 10:00`.
pub fn plan_time(t: &PlanTime, zone: &DealershipZone) -> String {
    match t {
        PlanTime::At(at) => wall(*at, zone),
        PlanTime::OnDate(d) => d.format("%Y-%m-%d").to_string(),
    }
}

/// One line for a plan: when, how, why.
pub fn plan_line(p: &Plan, zone: &DealershipZone) -> String {
    format!(
        "{} {} {}",
        plan_time(&p.time, zone),
        method_label(p.method),
        p.purpose
    )
}

/// A plan in full.
pub fn plan_card(p: &Plan, zone: &DealershipZone) -> String {
    let status = match &p.status {
        PlanStatus::Open => "open".to_owned(),
        PlanStatus::Rescheduled => "rescheduled (pending)".to_owned(),
        PlanStatus::Done { at, .. } => format!("done {}", wall(*at, zone)),
        PlanStatus::Cancelled { at, reason } => format!("cancelled {} ({reason})", wall(*at, zone)),
    };
    let mut out = format!(
        "plan {} (version {}) for customer {}\n  {}\n  status {status}\n",
        p.id,
        p.version,
        p.customer_id,
        plan_line(p, zone)
    );
    if let Some(c) = &p.content {
        let _ = writeln!(out, "  content {c}");
    }
    out
}

/// A follow-up in full.
pub fn follow_up_card(r: &FollowUpRecord, zone: &DealershipZone) -> String {
    let f = &r.follow_up;
    let mut out = format!(
        "follow-up {} (version {})\n  {}  {}  {}  by {}\n  said          {}\n",
        r.id,
        r.version,
        wall(f.at, zone),
        method_label(f.method),
        kind_label(f.kind),
        owner_text(f.consultant.as_deref()),
        f.content
    );
    for (name, v) in [
        ("feedback", &f.feedback),
        ("problems", &f.problems),
        ("questions", &f.questions),
    ] {
        if let Some(v) = v {
            let _ = writeln!(out, "  {} {v}", pad(name, 13));
        }
    }
    out
}

/// A customer's follow-ups, one line each.
pub fn follow_up_list(name: &str, list: &[FollowUpRecord], zone: &DealershipZone) -> String {
    let mut out = format!("{} follow-ups with {name}\n", list.len());
    for r in list {
        let f = &r.follow_up;
        let _ = writeln!(
            out,
            "  {}  {} {} {}  ({})",
            wall(f.at, zone),
            pad(method_label(f.method), 12),
            pad(kind_label(f.kind), 24),
            f.content,
            r.id
        );
    }
    out
}

/// ` (N day(s) overdue)`, or nothing when not overdue.
fn overdue(days: u32) -> String {
    if days > 0 {
        format!(" ({days} day(s) overdue)")
    } else {
        String::new()
    }
}

/// The fields a change touched: `name, tags`.
fn fields(changes: &[FieldChange]) -> String {
    changes
        .iter()
        .map(|c| c.field.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why an agenda item is there, in words.
pub fn why(i: &AgendaItem, zone: &DealershipZone) -> String {
    match &i.reason {
        AgendaReason::FirstResponse { deadline } => format!(
            "new lead, first response {} {}",
            if i.overdue { "overdue since" } else { "due by" },
            wall(*deadline, zone)
        ),
        AgendaReason::PlanDue {
            time,
            method,
            purpose,
            ..
        } => format!(
            "plan due {} by {}: {purpose}",
            plan_time(time, zone),
            method_label(*method)
        ),
        AgendaReason::PlanOverdue {
            time,
            method,
            purpose,
            days_overdue,
            ..
        } => format!(
            "plan overdue {} day(s) (was {}, {}): {purpose}",
            days_overdue,
            plan_time(time, zone),
            method_label(*method)
        ),
        AgendaReason::CadenceDue {
            due_on,
            days_overdue,
        } => format!(
            "level {} cadence: contact due {}{}",
            i.intent.letter(),
            due_on.format("%Y-%m-%d"),
            overdue(*days_overdue)
        ),
        AgendaReason::WakeUpDue {
            wake_on,
            days_overdue,
        } => format!(
            "dormant, wake-up due {}{}",
            wake_on.format("%Y-%m-%d"),
            overdue(*days_overdue)
        ),
        AgendaReason::CareTask {
            care_kind,
            due_on,
            channel,
            assignee,
            days_overdue,
            ..
        } => format!(
            "care: {} by {} ({}), due {}{}",
            care_kind_label(*care_kind),
            care_channel_label(*channel),
            assignee_label(*assignee),
            due_on.format("%Y-%m-%d"),
            overdue(*days_overdue)
        ),
    }
}

fn reason_label(code: &str) -> &'static str {
    match code {
        "plan_overdue" => pick("逾期计划", "overdue plans"),
        "plan_due" => pick("今日计划", "plans due"),
        "first_response" => pick("新线索首次响应", "first responses"),
        "care_task" => pick("客户关怀", "care tasks"),
        "wake_up_due" => pick("休眠唤醒", "wake-ups due"),
        _ => pick("按级别该联系", "cadence due"),
    }
}

fn agenda_body(out: &mut String, a: &Agenda) {
    for (code, n) in &a.counts {
        let _ = writeln!(
            out,
            "  {} {:>7}",
            pad(reason_label(code), 32),
            thousands(*n as u64)
        );
    }
    if !a.items.is_empty() {
        let _ = writeln!(out);
    }
    let len = short_len(a.items.iter().map(|i| i.customer_id.as_str()));
    for i in &a.items {
        let mark = if i.overdue { "!" } else { " " };
        let _ = writeln!(
            out,
            "  {mark} {} {} {} {} {}  {}",
            short(i.customer_id.as_str(), len),
            fit(&i.customer_name, 8),
            i.intent.letter(),
            pad(importance_label(i.importance), 14),
            pad(i.owner.as_deref().unwrap_or("-"), 4),
            i.why
        );
    }
}

/// An agenda: counts by reason, then the items, most urgent first (`!` overdue).
pub fn agenda(a: &Agenda) -> String {
    let mut out = format!(
        "Agenda for {} ({}), {}: {} item(s)\n",
        a.date,
        a.zone,
        if a.owners.len() == 1 {
            owner_text(a.owners[0].as_deref())
        } else {
            format!("{} consultants", a.owners.len())
        },
        thousands(a.total as u64)
    );
    agenda_body(&mut out, a);
    if a.items.len() < a.total {
        let _ = writeln!(
            out,
            "  ... {} more (--limit)",
            thousands((a.total - a.items.len()) as u64)
        );
    }
    out
}

/// The demo's glimpse of the busiest consultant's agenda.
pub fn agenda_overview(o: &AgendaOverview) -> String {
    let mut out = format!(
        "Today's agenda of {} ({}): {} item(s), the most urgent first\n",
        owner_text(Some(&o.owner)),
        o.agenda.date,
        thousands(o.agenda.total as u64)
    );
    agenda_body(&mut out, &o.agenda);
    out
}

/// Reminders, by fire time.
pub fn reminders<'a>(
    list: impl Iterator<Item = (&'a Reminder, &'a str)>,
    zone: &DealershipZone,
) -> String {
    let mut out = String::new();
    let mut n = 0;
    for (r, name) in list {
        n += 1;
        let _ = writeln!(
            out,
            "  {}  {} due {} {} {}  ({})",
            wall(r.fire_at, zone),
            pad(name, 8),
            plan_time(&r.due, zone),
            method_label(r.method),
            r.purpose,
            r.id
        );
    }
    format!("{n} reminder(s)\n{out}")
}

/// Reminder changes since a token.
pub fn reminder_changes(c: &ReminderChanges) -> String {
    let mut out = String::new();
    if c.full_refresh {
        let _ = writeln!(
            out,
            "full refresh: drop every scheduled reminder and fetch them again"
        );
    }
    for id in &c.added {
        let _ = writeln!(out, "  + {id}");
    }
    for id in &c.cancelled {
        let _ = writeln!(out, "  - {id}");
    }
    let _ = writeln!(out, "token: {}", c.token);
    out
}

fn entry_text(e: &TimelineEntry, zone: &DealershipZone) -> String {
    match e {
        TimelineEntry::CustomerCreated => "customer created".to_owned(),
        TimelineEntry::CustomerChanged { changes } => format!("changed {}", fields(changes)),
        TimelineEntry::IntentChanged { from, to } => format!(
            "intent {} → {}",
            from.map_or("-", IntentLevel::letter),
            to.letter()
        ),
        TimelineEntry::FollowUpLogged {
            follow_up_id,
            at,
            method,
            kind,
        } => format!(
            "follow-up {} {} {} ({follow_up_id})",
            wall(*at, zone),
            method_label(*method),
            kind_label(*kind)
        ),
        TimelineEntry::FollowUpEdited {
            follow_up_id,
            changes,
        } => format!("follow-up {follow_up_id} edited: {}", fields(changes)),
        TimelineEntry::FollowUpDeleted { follow_up_id } => {
            format!("follow-up {follow_up_id} deleted")
        }
        TimelineEntry::PlanSet {
            time,
            method,
            purpose,
            ..
        } => format!(
            "plan set for {} {} {purpose}",
            plan_time(time, zone),
            method_label(*method)
        ),
        TimelineEntry::PlanEdited { changes, .. } => format!("plan edited: {}", fields(changes)),
        TimelineEntry::PlanRescheduled {
            from, to, reason, ..
        } => format!(
            "plan moved {} → {}{}",
            plan_time(from, zone),
            plan_time(to, zone),
            reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        ),
        TimelineEntry::PlanCancelled { reason, .. } => format!("plan cancelled: {reason}"),
        TimelineEntry::PlanDone { follow_up_id, .. } => match follow_up_id {
            Some(f) => format!("plan done by follow-up {f}"),
            None => "plan done".to_owned(),
        },
        TimelineEntry::Merged { absorbed_name, .. } => format!("merged {absorbed_name}"),
        TimelineEntry::Archived => "archived".to_owned(),
        TimelineEntry::Restored => "restored".to_owned(),
        TimelineEntry::StageMoved { from, to, note } => format!(
            "stage {} → {}{}",
            from.code(),
            to.code(),
            note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default()
        ),
        TimelineEntry::LostRequested {
            reason, competitor, ..
        } => format!(
            "lost requested: {}{}",
            reason.code(),
            competitor
                .as_ref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default()
        ),
        TimelineEntry::DormantRequested {
            reason, wake_on, ..
        } => format!(
            "dormant requested: {}{}",
            reason.code(),
            wake_on
                .map(|d| format!(" (wake on {d})"))
                .unwrap_or_default()
        ),
        TimelineEntry::RequestApproved { kind, manager } => {
            format!("{} approved by {manager}", kind.code())
        }
        TimelineEntry::RequestRejected {
            kind,
            manager,
            reassigned_to,
            ..
        } => format!(
            "{} rejected by {manager}{}",
            kind.code(),
            reassigned_to
                .as_ref()
                .map(|c| format!(", reassigned to {c}"))
                .unwrap_or_default()
        ),
        TimelineEntry::RequestWithdrawn { kind } => format!("{} request withdrawn", kind.code()),
        TimelineEntry::Reopened { from, to, .. } => {
            format!("reopened from {} at {}", from.code(), to.code())
        }
        TimelineEntry::CareTaskDone { kind, outcome, .. } => {
            format!("care {} done: {outcome}", kind.code())
        }
        TimelineEntry::CareTaskSkipped { kind, reason, .. } => {
            format!("care {} skipped: {reason}", kind.code())
        }
        TimelineEntry::ConsentChanged {
            channel, from, to, ..
        } => format!(
            "consent on {} {} → {}",
            channel.code(),
            from.code(),
            to.code()
        ),
        TimelineEntry::VehicleIntentAdded { vehicle, .. } => format!("intent added: {vehicle}"),
        TimelineEntry::VehicleIntentEdited { changes, .. } => {
            format!("intent changed {}", fields(changes))
        }
        TimelineEntry::VehicleIntentRemoved { intent_id } => {
            format!("intent removed ({intent_id})")
        }
        TimelineEntry::VisitScheduled { kind, at, .. } => {
            format!("{} scheduled {}", kind.code(), wall(*at, zone))
        }
        TimelineEntry::VisitRescheduled { from, to, .. } => {
            format!("visit moved {} → {}", wall(*from, zone), wall(*to, zone))
        }
        TimelineEntry::VisitDone { kind, feedback, .. } => format!(
            "{} done{}",
            kind.code(),
            feedback
                .as_ref()
                .map(|f| format!(": {f}"))
                .unwrap_or_default()
        ),
        TimelineEntry::VisitNoShow { kind, .. } => format!("{} no-show", kind.code()),
        TimelineEntry::OrderPlaced {
            model, net_price, ..
        } => format!("order placed: {model} ¥{net_price}"),
        TimelineEntry::OrderEdited { changes, .. } => format!("order changed {}", fields(changes)),
        TimelineEntry::VinAssigned { vin, .. } => format!("VIN {vin}"),
        TimelineEntry::OrderCancelled { reason, note, .. } => format!(
            "order cancelled: {}{}",
            reason.code(),
            note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default()
        ),
        TimelineEntry::OrderDelivered {
            date,
            vin,
            odometer_km,
            ..
        } => format!("delivered {date} VIN {vin} at {odometer_km} km"),
        TimelineEntry::ReleasedToPool { reason } => match reason {
            Some(reason) => format!("released to the pool: {reason}"),
            None => "released to the pool".to_owned(),
        },
    }
}

/// A page of a timeline, newest first.
pub fn timeline(records: &[TimelineRecord], zone: &DealershipZone) -> String {
    let mut out = String::new();
    for r in records {
        let _ = writeln!(
            out,
            "  {}  {} {}",
            wall(r.at, zone),
            pad(r.actor.as_deref().unwrap_or(""), 4),
            entry_text(&r.entry, zone)
        );
    }
    out
}

/// Templates: key, language, purpose, name, body.
pub fn templates(list: &[MessageTemplate]) -> String {
    let mut out = String::new();
    for t in list {
        let _ = writeln!(
            out,
            "{}  [{}, {}] {}\n    {}",
            t.key,
            t.language.code(),
            t.purpose.code(),
            t.name,
            t.body
        );
    }
    out
}
