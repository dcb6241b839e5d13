//! Vehicles as readable text: intents, orders, visits and the catalogue, with amounts in
//! yuan.

use crate::term::text::{thousands, wall};
use crm_core::{
    AmountRange, CatalogueModel, Code, DealershipZone, Fen, OrderRecord, OrderStatus,
    VehicleIntentRecord, VisitKind, VisitRecord, VisitStatus,
};
use std::fmt::Write;

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
