//! The pipeline as readable text: stages, moves, where a customer stands, the requests
//! awaiting a manager. Labels in the user's language (Chinese as salespeople say them).

use crate::term::lang::{label, pick, say};
use crate::term::short_id::{short, short_len};
use crate::term::text::{fit, pad, wall};
use crm_core::{
    DealershipZone, DormantReason, LostReason, MoveKind, PipelineState, PipelineStatus, SideState,
    Stage, StageMove, Transition,
};
use crm_store::PendingRequest;
use std::fmt::Write;

/// A stage, in the user's language.
pub fn stage_label(stage: Stage) -> &'static str {
    label(crm_core::export::stage_label(stage))
}

/// A lost reason (战败原因), in the user's language.
pub fn lost_reason_label(reason: LostReason) -> &'static str {
    label(crm_core::export::lost_reason_label(reason))
}

/// A dormant reason (休眠原因), in the user's language.
pub fn dormant_reason_label(reason: DormantReason) -> &'static str {
    match reason {
        DormantReason::Postponed => pick("延期", "postponed"),
        DormantReason::Unreachable => pick("联系不上", "unreachable"),
        DormantReason::Budget => pick("预算", "budget"),
        DormantReason::Other => pick("其他", "other"),
    }
}

/// A status: the stage, or the side state with the stage kept.
pub fn status_label(status: PipelineStatus) -> String {
    label(crm_core::export::status_label(status)).to_owned()
}

/// A kind of move, in the user's language.
pub fn move_kind_label(kind: MoveKind) -> &'static str {
    match kind {
        MoveKind::Advance => pick("推进", "advance"),
        MoveKind::StepBack => pick("回退", "step back"),
        MoveKind::RequestLost => pick("申请战败", "lost request"),
        MoveKind::RequestDormant => pick("申请休眠", "dormant request"),
        MoveKind::Withdraw => pick("撤回申请", "withdrawn"),
        MoveKind::Approve => pick("批准", "approved"),
        MoveKind::Reject => pick("驳回", "rejected"),
        MoveKind::Reopen => pick("重新激活", "reopened"),
        MoveKind::CancelOrder => pick("取消订单", "order cancelled"),
    }
}

/// `wake on DATE`, in the user's language.
fn wake_on_text(d: chrono::NaiveDate) -> String {
    say!("{} 唤醒", "wake on {}", d)
}

/// The side state's reason, competitor and note: `(价格; 吉利 星越L; too dear)`.
fn side_details(side: &SideState) -> String {
    let (reason, competitor, note, wake_on) = match side {
        SideState::LostRequested(r) | SideState::Lost(r) => (
            lost_reason_label(r.reason),
            r.competitor.as_deref(),
            r.note.as_deref(),
            None,
        ),
        SideState::DormantRequested(r) | SideState::Dormant(r) => (
            dormant_reason_label(r.reason),
            None,
            r.note.as_deref(),
            r.wake_on.map(wake_on_text),
        ),
    };
    [Some(reason), competitor, note, wake_on.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("; ")
}

/// Where a customer stands: `已试驾 test-driven since 2026-11-27 10:00`, or the side
/// state with the stage kept and the reason.
pub fn state_line(state: &PipelineState, zone: &DealershipZone) -> String {
    let since = wall(state.since, zone);
    match &state.side {
        None => say!(
            "{}，自 {}\n",
            "{} since {}\n",
            stage_label(state.stage),
            since
        ),
        Some(side) => say!(
            "{}（{}），停在{}，自 {}\n",
            "{} ({}) at {} since {}\n",
            status_label(side.status()),
            side_details(side),
            stage_label(state.stage),
            since
        ),
    }
}

fn move_line(m: &StageMove, zone: &DealershipZone) -> String {
    let mut line = format!(
        "{}  {} {} → {}",
        wall(m.at, zone),
        pad(move_kind_label(m.kind), 16),
        status_label(m.from),
        status_label(m.to)
    );
    let extras = [
        m.lost_reason.map(|r| lost_reason_label(r).to_owned()),
        m.dormant_reason.map(|r| dormant_reason_label(r).to_owned()),
        m.competitor.clone(),
        m.note.clone(),
        m.reassign_to.as_ref().map(|c| say!("转给 {}", "to {}", c)),
        m.wake_on.map(wake_on_text),
        m.actor.as_ref().map(|a| say!("操作人 {}", "by {}", a)),
    ];
    let extras: Vec<String> = extras.into_iter().flatten().collect();
    if !extras.is_empty() {
        let _ = write!(line, "  ({})", extras.join("; "));
    }
    line.push('\n');
    line
}

/// A move just made: the move and where it leads.
pub fn transition(t: &Transition, zone: &DealershipZone) -> String {
    let mut out = move_line(&t.record, zone);
    out.push_str(&state_line(&t.state, zone));
    if let Some(owner) = &t.new_owner {
        let _ = writeln!(out, "{}", say!("已转给 {}", "handed to {}", owner));
    }
    out
}

/// Where a customer stands and their moves, oldest first.
pub fn state_and_history(
    state: &PipelineState,
    history: &[StageMove],
    zone: &DealershipZone,
) -> String {
    let mut out = state_line(state, zone);
    for m in history {
        out.push_str("  ");
        out.push_str(&move_line(m, zone));
    }
    out
}

/// The requests awaiting a manager.
pub fn requests(list: &[PendingRequest], zone: &DealershipZone) -> String {
    if list.is_empty() {
        return pick("没有待审批的申请\n", "no request awaits a manager\n").to_owned();
    }
    let len = short_len(list.iter().map(|r| r.customer_id.as_str()));
    let mut out = String::new();
    for r in list {
        let side = r.state.side.as_ref();
        let _ = writeln!(
            out,
            "{}  {}  {}  {}  {} {}  {} {}  {} {}  ({})",
            short(r.customer_id.as_str(), len),
            fit(&r.name, 8),
            side.map(|s| status_label(s.status())).unwrap_or_default(),
            stage_label(r.state.stage),
            pick("顾问", "owner"),
            r.owner.as_deref().unwrap_or("-"),
            pick("申请人", "by"),
            r.requested_by.as_deref().unwrap_or("-"),
            pick("自", "since"),
            wall(r.state.since, zone),
            side.map(side_details).unwrap_or_default(),
        );
    }
    out
}
