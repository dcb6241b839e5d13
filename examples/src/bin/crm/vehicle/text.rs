//! Readable text for the pipeline: stages, moves, requests, intents, orders, visits and the
//! catalogue. Chinese labels as salespeople say them, with the English code.

use crate::follow_text::wall;
use crate::text::{pad, thousands};
use crm_core::{
    AmountRange, CatalogueModel, Code, DealershipZone, Fen, OrderRecord, OrderStatus,
    PipelineState, PipelineStatus, SideState, Stage, StageMove, Transition, VehicleIntentRecord,
    VisitKind, VisitRecord, VisitStatus,
};
use crm_store::PendingRequest;
use std::fmt::Write;

/// A stage: Chinese and English.
pub fn stage_label(stage: Stage) -> &'static str {
    match stage {
        Stage::NewLead => "新线索 new lead",
        Stage::Contacted => "已联系 contacted",
        Stage::Invited => "已邀约 invited",
        Stage::Visited => "已到店 visited",
        Stage::TestDriven => "已试驾 test-driven",
        Stage::Negotiating => "洽谈中 negotiating",
        Stage::Ordered => "已订车 ordered",
        Stage::Delivered => "已交车 delivered",
    }
}

/// A status: the stage, or the side state with the stage kept.
pub fn status_label(status: PipelineStatus) -> String {
    match status {
        PipelineStatus::InStage(stage) => stage_label(stage).to_owned(),
        PipelineStatus::LostRequested => "战败待审批 lost requested".to_owned(),
        PipelineStatus::DormantRequested => "休眠待审批 dormant requested".to_owned(),
        PipelineStatus::Lost => "战败 lost".to_owned(),
        PipelineStatus::Dormant => "休眠 dormant".to_owned(),
    }
}

/// An amount of fen as yuan: `¥158,000` or `¥158,000.50`.
pub fn money(amount: Fen) -> String {
    let fen = amount.fen();
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    let (yuan, cents) = (abs / 100, abs % 100);
    if cents == 0 {
        format!("{sign}¥{}", thousands(yuan))
    } else {
        format!("{sign}¥{}.{cents:02}", thousands(yuan))
    }
}

fn range(r: &AmountRange) -> String {
    match (r.min, r.max) {
        (None, None) => "-".to_owned(),
        (Some(min), None) => format!("≥ {}", money(min)),
        (None, Some(max)) => format!("≤ {}", money(max)),
        (Some(min), Some(max)) => format!("{} - {}", money(min), money(max)),
    }
}

/// The side state's reason, competitor and note: `(price; 吉利 星越L; too dear)`.
fn side_details(side: &SideState) -> String {
    let (reason, competitor, note, wake_on) = match side {
        SideState::LostRequested(r) | SideState::Lost(r) => (
            r.reason.code(),
            r.competitor.as_deref(),
            r.note.as_deref(),
            None,
        ),
        SideState::DormantRequested(r) | SideState::Dormant(r) => (
            r.reason.code(),
            None,
            r.note.as_deref(),
            r.wake_on.map(|d| format!("wake on {d}")),
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
        None => format!("{} since {since}\n", stage_label(state.stage)),
        Some(side) => format!(
            "{} ({}) at {} since {since}\n",
            status_label(side.status()),
            side_details(side),
            stage_label(state.stage),
        ),
    }
}

fn move_line(m: &StageMove, zone: &DealershipZone) -> String {
    let mut line = format!(
        "{}  {:<16} {} → {}",
        wall(m.at, zone),
        m.kind.code(),
        m.from.code(),
        m.to.code()
    );
    let extras = [
        m.lost_reason.map(|r| r.code().to_owned()),
        m.dormant_reason.map(|r| r.code().to_owned()),
        m.competitor.clone(),
        m.note.clone(),
        m.reassign_to.as_ref().map(|c| format!("to {c}")),
        m.wake_on.map(|d| format!("wake on {d}")),
        m.actor.as_ref().map(|a| format!("by {a}")),
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
        let _ = writeln!(out, "handed to {owner}");
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
        return "no request awaits a manager\n".to_owned();
    }
    let mut out = String::new();
    for r in list {
        let side = r.state.side.as_ref();
        let _ = writeln!(
            out,
            "{}  {}  {}  {}  owner {}  by {}  since {}  ({})",
            r.customer_id,
            pad(&r.name, 8),
            side.map(|s| status_label(s.status())).unwrap_or_default(),
            stage_label(r.state.stage),
            r.owner.as_deref().unwrap_or("-"),
            r.requested_by.as_deref().unwrap_or("-"),
            wall(r.state.since, zone),
            side.map(side_details).unwrap_or_default(),
        );
    }
    out
}

/// A customer's intents, one block each.
pub fn intents(list: &[VehicleIntentRecord]) -> String {
    if list.is_empty() {
        return "no intents\n".to_owned();
    }
    list.iter().map(intent_card).collect()
}

/// One intent in full.
pub fn intent_card(r: &VehicleIntentRecord) -> String {
    let i = &r.intent;
    let what: Vec<&str> = [
        i.brand.as_deref(),
        i.series.as_deref(),
        i.model.as_deref(),
        i.trim.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut out = format!(
        "{}{}  {}  (v{})\n",
        if i.primary { "* " } else { "  " },
        r.id,
        if what.is_empty() {
            "-".to_owned()
        } else {
            what.join(" ")
        },
        r.version
    );
    let mut field = |name: &str, value: String| {
        let _ = writeln!(out, "    {name:<12} {value}");
    };
    if let Some(b) = i.body_type {
        field("body type", b.code().to_owned());
    }
    if let Some(p) = i.powertrain {
        field("powertrain", p.code().to_owned());
    }
    field("budget", range(&i.budget));
    field("timeframe", i.timeframe.code().to_owned());
    if let Some(p) = i.payment {
        field("payment", p.code().to_owned());
    }
    if !i.colours.is_empty() {
        field("colours", i.colours.join(", "));
    }
    if !i.options.is_empty() {
        field("options", i.options.join(", "));
    }
    if let Some(t) = &i.trade_in {
        let mut text = t.brand.clone();
        for part in [
            t.model.clone(),
            t.year.map(|y| y.to_string()),
            t.mileage_km.map(|km| format!("{km} km")),
            t.appraised_value.map(|v| format!("appraised {}", money(v))),
        ]
        .into_iter()
        .flatten()
        {
            text.push_str(", ");
            text.push_str(&part);
        }
        field("trade-in", text);
    }
    if !i.competitors.is_empty() {
        field("competitors", i.competitors.join(", "));
    }
    if let Some(c) = &i.catalogue_model {
        field("catalogue", c.to_string());
    }
    if let Some(n) = &i.notes {
        field("notes", n.clone());
    }
    out
}

/// A customer's orders.
pub fn orders(list: &[OrderRecord], zone: &DealershipZone) -> String {
    if list.is_empty() {
        return "no orders\n".to_owned();
    }
    list.iter().map(|o| order_card(o, zone)).collect()
}

/// One order in full.
pub fn order_card(r: &OrderRecord, zone: &DealershipZone) -> String {
    let o = &r.order;
    let v = &o.vehicle;
    let what: Vec<&str> = [
        v.brand.as_deref(),
        v.series.as_deref(),
        Some(v.model.as_str()),
        v.trim.as_deref(),
        v.colour.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let status = match &o.status {
        OrderStatus::Active => "active".to_owned(),
        OrderStatus::Cancelled { at, reason, note } => format!(
            "cancelled {} ({}{})",
            wall(*at, zone),
            reason.code(),
            note.as_deref()
                .map(|n| format!("; {n}"))
                .unwrap_or_default()
        ),
        OrderStatus::Delivered { delivery } => format!(
            "delivered {} (VIN {}, {} km)",
            delivery.date,
            delivery.vin.as_str(),
            delivery.odometer_km
        ),
    };
    let mut out = format!("{}  {}  (v{})\n", r.id, what.join(" "), r.version);
    let mut field = |name: &str, value: String| {
        let _ = writeln!(out, "    {name:<18} {value}");
    };
    field("status", status);
    field(
        "price",
        format!(
            "{} - {} = {} (deposit {}, due {})",
            money(o.price),
            money(o.discount),
            money(o.net_price()),
            money(o.deposit),
            money(o.balance_due())
        ),
    );
    field("ordered", o.order_date.to_string());
    if let Some(d) = o.expected_delivery {
        field("expected delivery", d.to_string());
    }
    if let Some(vin) = &o.vin {
        field("VIN", vin.as_str().to_owned());
    }
    let flags: Vec<&str> = [(o.finance, "finance"), (o.insurance, "insurance")]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
    if !flags.is_empty() {
        field("with", flags.join(", "));
    }
    if let Some(c) = &o.consultant {
        field("consultant", c.clone());
    }
    out
}

/// A customer's visits, by time.
pub fn visits(list: &[VisitRecord], zone: &DealershipZone) -> String {
    if list.is_empty() {
        return "no visits\n".to_owned();
    }
    list.iter().map(|v| visit_line(v, zone)).collect()
}

/// One visit on a line.
pub fn visit_line(r: &VisitRecord, zone: &DealershipZone) -> String {
    let v = &r.visit;
    let kind = match v.kind {
        VisitKind::StoreVisit => "到店 visit",
        VisitKind::TestDrive => "试驾 test drive",
    };
    let status = match &v.status {
        VisitStatus::Scheduled => "scheduled".to_owned(),
        VisitStatus::Done { at, feedback } => format!(
            "done {}{}",
            wall(*at, zone),
            feedback
                .as_deref()
                .map(|f| format!(": {f}"))
                .unwrap_or_default()
        ),
        VisitStatus::NoShow { .. } => "no-show".to_owned(),
    };
    format!(
        "{}  {}  {}  {}  {}  {}\n",
        r.id,
        wall(v.scheduled_at, zone),
        kind,
        v.model.as_deref().unwrap_or("-"),
        v.consultant.as_deref().unwrap_or("-"),
        status
    )
}

/// The catalogue, one model a line.
pub fn catalogue(models: &[CatalogueModel]) -> String {
    if models.is_empty() {
        return "the catalogue is empty (load one with `crm catalogue load FILE.json`)\n"
            .to_owned();
    }
    models
        .iter()
        .map(|m| {
            format!(
                "{}  {} {} {}  {} {}  {}\n",
                m.id,
                m.brand,
                m.series,
                m.model,
                m.body_type.code(),
                m.powertrain.code(),
                range(&m.price)
            )
        })
        .collect()
}
