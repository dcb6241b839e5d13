//! The timeline (客户历史) as text: one line per entry (when, who and on which device, what
//! happened), then one line per changed field, `field: old → new`, in the chosen language.

use crate::care::text::{care_kind_label, channel_label};
use crate::follow_up::text::{intent_label, kind_label, method_label, plan_time};
use crate::pipeline::text::{dormant_reason_label, lost_reason_label, stage_label};
use crate::term::lang::{lang, pick, Lang};
use crate::term::text::{pad, wall};
use crm_core::{
    AsideKind, Code, DealershipZone, FieldChange, FieldValue, TimelineEntry, TimelineRecord,
    VisitKind,
};
use std::fmt::Write;

/// How many characters of a device id the timeline shows (enough to tell a team's apart).
const DEVICE_CHARS: usize = 6;

/// A field path as salespeople name it; the path itself for fields without a label.
pub fn field_label(path: &str) -> String {
    let zh = match path {
        "name" => "姓名",
        "gender" => "性别",
        "birthday" => "生日",
        "age_band" => "年龄段",
        "occupation" => "职业",
        "region.province" => "省份",
        "region.city" => "城市",
        "region.district" => "区县",
        "notes" => "备注",
        "contacts" => "联系方式",
        "source" => "来源",
        "source.detail" => "来源详情",
        "source.referrer_id" => "推荐人",
        "first_contact.at" => "首次接触时间",
        "first_contact.place" => "首次接触地点",
        "first_contact.scene" => "首次接触场景",
        "first_contact.reaction" => "首次接触反应",
        "tags" => "标签",
        "importance" => "重要程度",
        "owner" => "归属顾问",
        "method" => "方式",
        "kind" => "类型",
        "at" => "时间",
        "content" => "内容",
        "feedback" => "客户反馈",
        "problems" => "问题",
        "questions" => "疑问",
        "attachments" => "附件",
        "consultant" => "顾问",
        "customer_id" => "客户",
        "purpose" => "目的",
        _ => return path.to_owned(),
    };
    match lang() {
        Lang::Zh => zh.to_owned(),
        Lang::En => path.to_owned(),
    }
}

/// A changed field's value: the text, a list's items joined, `–` when not set.
fn value_text(v: Option<&FieldValue>) -> String {
    match v {
        None => "–".to_owned(),
        Some(FieldValue::Text(t)) => t.clone(),
        Some(FieldValue::List(items)) => items.join(", "),
        Some(FieldValue::Erased) => pick("（已删除）", "(erased)").to_owned(),
    }
}

/// `field: old → new`.
pub fn change_line(c: &FieldChange) -> String {
    format!(
        "{}: {} → {}",
        field_label(&c.field),
        value_text(c.old.as_ref()),
        value_text(c.new.as_ref())
    )
}

/// The fields a change touched: `name, tags` (or `姓名, 标签`).
fn fields(changes: &[FieldChange]) -> String {
    changes
        .iter()
        .map(|c| field_label(&c.field))
        .collect::<Vec<_>>()
        .join(pick("、", ", "))
}

fn aside(kind: AsideKind) -> &'static str {
    match kind {
        AsideKind::Lost => pick("战败", "lost"),
        AsideKind::Dormant => pick("休眠", "dormant"),
    }
}

fn visit(kind: VisitKind) -> &'static str {
    match kind {
        VisitKind::StoreVisit => pick("到店", "store visit"),
        VisitKind::TestDrive => pick("试驾", "test drive"),
    }
}

/// ` (text)` when there is one.
fn aside_note(note: Option<&String>) -> String {
    note.map(|n| format!(" ({n})")).unwrap_or_default()
}

/// The changes an entry lists, if it is an edit.
fn changes_of(e: &TimelineEntry) -> &[FieldChange] {
    match e {
        TimelineEntry::CustomerChanged { changes }
        | TimelineEntry::FollowUpEdited { changes, .. }
        | TimelineEntry::PlanEdited { changes, .. }
        | TimelineEntry::VehicleIntentEdited { changes, .. }
        | TimelineEntry::OrderEdited { changes, .. } => changes,
        _ => &[],
    }
}

/// What an entry says happened, on one line.
pub fn entry_text(e: &TimelineEntry, zone: &DealershipZone) -> String {
    use TimelineEntry as E;
    match e {
        E::CustomerCreated => pick("建档", "customer created").to_owned(),
        E::CustomerChanged { changes } => {
            format!("{} {}", pick("修改了", "changed"), fields(changes))
        }
        E::IntentChanged { from, to } => format!(
            "{} {} → {}",
            pick("意向级别", "intent"),
            from.map_or("–", intent_label),
            intent_label(*to)
        ),
        E::FollowUpLogged {
            follow_up_id,
            at,
            method,
            kind,
        } => format!(
            "{} {} {} {} ({follow_up_id})",
            pick("跟进", "follow-up"),
            wall(*at, zone),
            method_label(*method),
            kind_label(*kind)
        ),
        E::FollowUpEdited {
            follow_up_id,
            changes,
        } => format!(
            "{} {follow_up_id} {}: {}",
            pick("跟进", "follow-up"),
            pick("已修改", "edited"),
            fields(changes)
        ),
        E::FollowUpDeleted { follow_up_id } => {
            format!(
                "{} {follow_up_id} {}",
                pick("跟进", "follow-up"),
                pick("已删除", "deleted")
            )
        }
        E::PlanSet {
            time,
            method,
            purpose,
            ..
        } => format!(
            "{} {} {} {purpose}",
            pick("计划跟进", "plan set for"),
            plan_time(time, zone),
            method_label(*method)
        ),
        E::PlanEdited { changes, .. } => {
            format!("{}: {}", pick("计划已修改", "plan edited"), fields(changes))
        }
        E::PlanRescheduled {
            from, to, reason, ..
        } => format!(
            "{} {} → {}{}",
            pick("计划改期", "plan moved"),
            plan_time(from, zone),
            plan_time(to, zone),
            aside_note(reason.as_ref())
        ),
        E::PlanCancelled { reason, .. } => {
            format!("{}: {reason}", pick("计划取消", "plan cancelled"))
        }
        E::PlanDone { follow_up_id, .. } => match follow_up_id {
            Some(f) => format!("{} {f}", pick("计划完成，跟进", "plan done by follow-up")),
            None => pick("计划完成", "plan done").to_owned(),
        },
        E::Merged { absorbed_name, .. } => {
            format!("{} {absorbed_name}", pick("合并了", "merged"))
        }
        E::Archived => pick("归档", "archived").to_owned(),
        E::Restored => pick("恢复", "restored").to_owned(),
        E::StageMoved { from, to, note } => format!(
            "{} {} → {}{}",
            pick("阶段", "stage"),
            stage_label(*from),
            stage_label(*to),
            aside_note(note.as_ref())
        ),
        E::LostRequested {
            reason, competitor, ..
        } => format!(
            "{}: {}{}",
            pick("战败申请", "lost requested"),
            lost_reason_label(*reason),
            aside_note(competitor.as_ref())
        ),
        E::DormantRequested {
            reason, wake_on, ..
        } => format!(
            "{}: {}{}",
            pick("休眠申请", "dormant requested"),
            dormant_reason_label(*reason),
            wake_on
                .map(|d| format!(" ({} {d})", pick("唤醒于", "wake on")))
                .unwrap_or_default()
        ),
        E::RequestApproved { kind, manager } => format!(
            "{} {} {manager}",
            aside(*kind),
            pick("申请已批准，经理", "approved by")
        ),
        E::RequestRejected {
            kind,
            manager,
            reassigned_to,
            ..
        } => format!(
            "{} {} {manager}{}",
            aside(*kind),
            pick("申请被驳回，经理", "rejected by"),
            reassigned_to
                .as_ref()
                .map(|c| format!(", {} {c}", pick("转给", "reassigned to")))
                .unwrap_or_default()
        ),
        E::RequestWithdrawn { kind } => {
            format!(
                "{} {}",
                aside(*kind),
                pick("申请已撤回", "request withdrawn")
            )
        }
        E::Reopened { from, to, .. } => format!(
            "{} {} → {}",
            pick("重新激活", "reopened from"),
            aside(*from),
            stage_label(*to)
        ),
        E::CareTaskDone { kind, outcome, .. } => format!(
            "{} {}: {outcome}",
            care_kind_label(*kind),
            pick("已完成", "done")
        ),
        E::CareTaskSkipped { kind, reason, .. } => format!(
            "{} {}: {reason}",
            care_kind_label(*kind),
            pick("已跳过", "skipped")
        ),
        E::ConsentChanged {
            channel, from, to, ..
        } => format!(
            "{} {} {} → {}",
            channel_label(*channel),
            pick("营销同意", "consent"),
            from.code(),
            to.code()
        ),
        E::VehicleIntentAdded { vehicle, .. } => {
            format!("{}: {vehicle}", pick("新增购车意向", "intent added"))
        }
        E::VehicleIntentEdited { changes, .. } => {
            format!(
                "{}: {}",
                pick("购车意向已修改", "intent changed"),
                fields(changes)
            )
        }
        E::VehicleIntentRemoved { intent_id } => {
            format!("{} ({intent_id})", pick("购车意向已删除", "intent removed"))
        }
        E::VisitScheduled { kind, at, .. } => format!(
            "{} {} {}",
            visit(*kind),
            pick("已预约", "scheduled"),
            wall(*at, zone)
        ),
        E::VisitRescheduled { from, to, .. } => format!(
            "{} {} → {}",
            pick("到店改期", "visit moved"),
            wall(*from, zone),
            wall(*to, zone)
        ),
        E::VisitDone { kind, feedback, .. } => format!(
            "{} {}{}",
            visit(*kind),
            pick("完成", "done"),
            feedback
                .as_ref()
                .map(|f| format!(": {f}"))
                .unwrap_or_default()
        ),
        E::VisitNoShow { kind, .. } => {
            format!("{} {}", visit(*kind), pick("未到", "no-show"))
        }
        E::OrderPlaced {
            model, net_price, ..
        } => format!("{}: {model} ¥{net_price}", pick("订车", "order placed")),
        E::OrderEdited { changes, .. } => {
            format!(
                "{}: {}",
                pick("订单已修改", "order changed"),
                fields(changes)
            )
        }
        E::VinAssigned { vin, .. } => format!("VIN {vin}"),
        E::OrderCancelled { reason, note, .. } => format!(
            "{}: {}{}",
            pick("退订", "order cancelled"),
            reason.code(),
            aside_note(note.as_ref())
        ),
        E::OrderDelivered {
            date,
            vin,
            odometer_km,
            ..
        } => format!(
            "{} {date} VIN {vin} {odometer_km} km",
            pick("交车", "delivered")
        ),
        E::OdometerReadingDeleted { car_id, on_date } => format!(
            "{} {on_date} ({car_id})",
            pick("删除了里程记录", "odometer reading deleted")
        ),
        E::ReleasedToPool { reason } => match reason {
            Some(reason) => format!("{}: {reason}", pick("退回公海", "released to the pool")),
            None => pick("退回公海", "released to the pool").to_owned(),
        },
        E::DealOpened {
            deal_id,
            source,
            owner,
        } => format!(
            "{} {deal_id} ({}){}",
            pick("新建销售机会", "deal opened"),
            source.code(),
            owner
                .as_ref()
                .map(|o| format!(" → {o}"))
                .unwrap_or_default()
        ),
    }
}

/// Who made a change and on which device: `u-c01 [05c022]`, `–` for nobody known.
fn who(r: &TimelineRecord) -> String {
    let author = r.author.as_deref().or(r.actor.as_deref()).unwrap_or("–");
    match &r.device {
        Some(d) => format!(
            "{author} [{}]",
            d.chars().take(DEVICE_CHARS).collect::<String>()
        ),
        None => author.to_owned(),
    }
}

/// A page of a timeline, newest first: each entry, then its changed fields, old → new.
pub fn timeline(records: &[TimelineRecord], zone: &DealershipZone) -> String {
    let mut out = String::new();
    for r in records {
        let _ = writeln!(
            out,
            "  {}  {} {}",
            wall(r.at, zone),
            pad(&who(r), 16),
            entry_text(&r.entry, zone)
        );
        for c in changes_of(&r.entry) {
            let _ = writeln!(out, "        {}", change_line(c));
        }
    }
    out
}
