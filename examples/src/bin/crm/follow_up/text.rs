//! Readable renderings of following up: follow-ups, plans, the agenda, reminders, the
//! timeline and templates. Times are shown on the dealership's wall clock.

use crate::care::text::{assignee_label, care_kind_label, channel_label as care_channel_label};
use crate::customer::text::{importance_label, owner_text};
use crate::follow_up::agenda::{Agenda, AgendaOverview};
use crate::term::lang::{label, pick, say};
use crate::term::short_id::{short, short_len};
use crate::term::text::{fit, pad, thousands, wall};
use crm_core::{
    AgendaItem, AgendaReason, Code, DealershipZone, FollowUpKind, FollowUpMethod, FollowUpRecord,
    IntentLevel, MessageTemplate, Plan, PlanStatus, PlanTime, Reminder, TemplatePurpose,
};
use crm_store::ReminderChanges;
use std::fmt::Write;

/// An intent level as salespeople say it.
pub fn intent_label(level: IntentLevel) -> &'static str {
    label(crm_core::export::intent_level_label(level))
}

/// A method, in the user's language.
pub fn method_label(m: FollowUpMethod) -> &'static str {
    label(crm_core::export::method_label(m))
}

/// A follow-up type, in the user's language.
pub fn kind_label(k: FollowUpKind) -> &'static str {
    let l = k.label();
    pick(l.zh, l.en)
}

/// What a template is for, in the user's language.
pub fn purpose_label(p: TemplatePurpose) -> &'static str {
    match p {
        TemplatePurpose::Greeting => pick("问候", "greeting"),
        TemplatePurpose::Invitation => pick("邀约", "invitation"),
        TemplatePurpose::QuoteFollowUp => pick("报价跟进", "quote follow-up"),
        TemplatePurpose::Care => pick("关怀", "care"),
        TemplatePurpose::Other => pick("其他", "other"),
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
        PlanStatus::Open => pick("待跟进", "open").to_owned(),
        PlanStatus::Rescheduled => pick("已改期（待跟进）", "rescheduled (pending)").to_owned(),
        PlanStatus::Done { at, .. } => say!("已完成 {}", "done {}", wall(*at, zone)),
        PlanStatus::Cancelled { at, reason } => {
            say!(
                "已取消 {}（{}）",
                "cancelled {} ({})",
                wall(*at, zone),
                reason
            )
        }
    };
    let mut out = say!(
        "跟进计划 {}（版本 {}），客户 {}\n  {}\n  状态 {}\n",
        "plan {} (version {}) for customer {}\n  {}\n  status {}\n",
        p.id,
        p.version,
        p.customer_id,
        plan_line(p, zone),
        status
    );
    if let Some(c) = &p.content {
        let _ = writeln!(out, "  {} {c}", pick("内容", "content"));
    }
    out
}

/// A follow-up in full.
pub fn follow_up_card(r: &FollowUpRecord, zone: &DealershipZone) -> String {
    let f = &r.follow_up;
    let mut out = say!(
        "跟进记录 {}（版本 {}）\n  {}  {}  {}  顾问 {}\n  {} {}\n",
        "follow-up {} (version {})\n  {}  {}  {}  by {}\n  {} {}\n",
        r.id,
        r.version,
        wall(f.at, zone),
        method_label(f.method),
        kind_label(f.kind),
        owner_text(f.consultant.as_deref()),
        pad(pick("沟通内容", "said"), 13),
        f.content
    );
    for (name, v) in [
        (pick("客户反馈", "feedback"), &f.feedback),
        (pick("存在问题", "problems"), &f.problems),
        (pick("客户疑问", "questions"), &f.questions),
    ] {
        if let Some(v) = v {
            let _ = writeln!(out, "  {} {v}", pad(name, 13));
        }
    }
    out
}

/// A customer's follow-ups, one line each.
pub fn follow_up_list(name: &str, list: &[FollowUpRecord], zone: &DealershipZone) -> String {
    let mut out = say!(
        "{0} 的跟进记录 {1} 条\n",
        "{1} follow-ups with {0}\n",
        name,
        list.len()
    );
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
        say!("（逾期 {} 天）", " ({} day(s) overdue)", days)
    } else {
        String::new()
    }
}

/// Why an agenda item is there, in words.
pub fn why(i: &AgendaItem, zone: &DealershipZone) -> String {
    match &i.reason {
        AgendaReason::FirstResponse { deadline } if i.overdue => say!(
            "新线索首次响应已超时（时限 {}）",
            "new lead, first response overdue since {}",
            wall(*deadline, zone)
        ),
        AgendaReason::FirstResponse { deadline } => say!(
            "新线索首次响应，时限 {}",
            "new lead, first response due by {}",
            wall(*deadline, zone)
        ),
        AgendaReason::PlanDue {
            time,
            method,
            purpose,
            ..
        } => say!(
            "今日计划 {}，{}：{}",
            "plan due {} by {}: {}",
            plan_time(time, zone),
            method_label(*method),
            purpose
        ),
        AgendaReason::PlanOverdue {
            time,
            method,
            purpose,
            days_overdue,
            ..
        } => say!(
            "计划逾期 {} 天（原定 {}，{}）：{}",
            "plan overdue {} day(s) (was {}, {}): {}",
            days_overdue,
            plan_time(time, zone),
            method_label(*method),
            purpose
        ),
        AgendaReason::CadenceDue {
            due_on,
            days_overdue,
        } => say!(
            "{} 级回访周期：应于 {} 联系{}",
            "level {} cadence: contact due {}{}",
            i.intent.letter(),
            due_on.format("%Y-%m-%d"),
            overdue(*days_overdue)
        ),
        AgendaReason::WakeUpDue {
            wake_on,
            days_overdue,
        } => say!(
            "休眠客户，应于 {} 唤醒{}",
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
        } => say!(
            "关怀：{}，{}（{}），{} 到期{}",
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
    for (code, n) in a.counts.iter() {
        let _ = writeln!(
            out,
            "  {} {:>7}",
            pad(reason_label(code), 32),
            thousands(n as u64)
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
    let whose = if a.owners.len() == 1 {
        owner_text(a.owners[0].as_deref())
    } else {
        say!("{} 位顾问", "{} consultants", a.owners.len())
    };
    let mut out = say!(
        "{} 待办（{}），{}：共 {} 项\n",
        "Agenda for {} ({}), {}: {} item(s)\n",
        a.date,
        a.zone,
        whose,
        thousands(a.total as u64)
    );
    agenda_body(&mut out, a);
    if a.items.len() < a.total {
        let more = thousands((a.total - a.items.len()) as u64);
        let _ = writeln!(
            out,
            "{}",
            say!("  ……另有 {} 项（--limit）", "  ... {} more (--limit)", more)
        );
    }
    out
}

/// The demo's glimpse of the busiest consultant's agenda.
pub fn agenda_overview(o: &AgendaOverview) -> String {
    let mut out = say!(
        "{} 的今日待办（{}）：共 {} 项，最紧急的在前\n",
        "Today's agenda of {} ({}): {} item(s), the most urgent first\n",
        owner_text(Some(&o.owner)),
        o.agenda.date,
        thousands(o.agenda.total as u64)
    );
    agenda_body(&mut out, &o.agenda);
    out
}

/// Reminders, by fire time, each with its customer's short id and name.
pub fn reminders<'a>(
    list: impl Iterator<Item = (&'a Reminder, &'a str)> + Clone,
    zone: &DealershipZone,
) -> String {
    let len = short_len(list.clone().map(|(r, _)| r.customer_id.as_str()));
    let mut out = String::new();
    let mut n = 0;
    for (r, name) in list {
        n += 1;
        let _ = writeln!(
            out,
            "  {}  {} {} {} {} {} {}  ({})",
            wall(r.fire_at, zone),
            short(r.customer_id.as_str(), len),
            pad(name, 8),
            pick("计划", "due"),
            plan_time(&r.due, zone),
            method_label(r.method),
            r.purpose,
            r.id
        );
    }
    say!("{} 条提醒\n{}", "{} reminder(s)\n{}", n, out)
}

/// Reminder changes since a token.
pub fn reminder_changes(c: &ReminderChanges) -> String {
    let mut out = String::new();
    if c.full_refresh {
        let _ = writeln!(
            out,
            "{}",
            pick(
                "全部刷新：取消已安排的所有提醒，重新获取",
                "full refresh: drop every scheduled reminder and fetch them again"
            )
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

/// Templates: key, language, purpose, name, body.
pub fn templates(list: &[MessageTemplate]) -> String {
    let mut out = String::new();
    for t in list {
        let _ = writeln!(
            out,
            "{}  [{}, {}] {}\n    {}",
            t.key,
            t.language.code(),
            purpose_label(t.purpose),
            t.name,
            t.body
        );
    }
    out
}
