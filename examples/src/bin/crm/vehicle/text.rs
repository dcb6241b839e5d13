//! Vehicles as readable text: intents, orders, visits and the catalogue, with amounts in
//! yuan (`¥158,000.00`) and labels in the user's language.

use crate::term::lang::{label, pick, say};
use crate::term::money::yuan;
use crate::term::text::{pad, wall};
use crm_core::{
    AmountRange, BodyType, CancelReason, CatalogueModel, DealershipZone, Fen, OrderRecord,
    OrderStatus, PaymentMethod, Powertrain, PurchaseTimeframe, VehicleIntentRecord, VisitRecord,
    VisitStatus,
};
use std::fmt::Write;

/// An amount of fen as yuan: `¥158,000.00`.
fn money(amount: Fen) -> String {
    yuan(amount.fen())
}

/// A body type, in the user's language.
pub fn body_type_label(b: BodyType) -> &'static str {
    match b {
        BodyType::Sedan => pick("轿车", "sedan"),
        BodyType::Suv => pick("SUV", "SUV"),
        BodyType::Mpv => pick("MPV", "MPV"),
        BodyType::Hatchback => pick("两厢车", "hatchback"),
        BodyType::Wagon => pick("旅行车", "wagon"),
        BodyType::Coupe => pick("轿跑", "coupe"),
        BodyType::Pickup => pick("皮卡", "pickup"),
    }
}

/// A powertrain, in the user's language.
pub fn powertrain_label(p: Powertrain) -> &'static str {
    match p {
        Powertrain::Petrol => pick("汽油", "petrol"),
        Powertrain::Diesel => pick("柴油", "diesel"),
        Powertrain::Hev => pick("油电混动", "hybrid"),
        Powertrain::Phev => pick("插电混动", "plug-in hybrid"),
        Powertrain::Bev => pick("纯电", "electric"),
        Powertrain::Erev => pick("增程", "range extender"),
    }
}

/// When the customer means to buy, in the user's language.
pub fn timeframe_label(t: PurchaseTimeframe) -> &'static str {
    match t {
        PurchaseTimeframe::WithinWeek => pick("一周内", "within a week"),
        PurchaseTimeframe::WithinMonth => pick("一个月内", "within a month"),
        PurchaseTimeframe::Within3Months => pick("三个月内", "within 3 months"),
        PurchaseTimeframe::Within6Months => pick("半年内", "within 6 months"),
        PurchaseTimeframe::Later => pick("半年以后", "later"),
        PurchaseTimeframe::Undecided => pick("未定", "undecided"),
    }
}

/// How the customer means to pay, in the user's language.
pub fn payment_label(p: PaymentMethod) -> &'static str {
    match p {
        PaymentMethod::Full => pick("全款", "in full"),
        PaymentMethod::Loan => pick("贷款", "loan"),
        PaymentMethod::Lease => pick("融资租赁", "lease"),
    }
}

/// Why an order was cancelled, in the user's language.
pub fn cancel_reason_label(r: CancelReason) -> &'static str {
    match r {
        CancelReason::ChangedMind => pick("客户改变主意", "changed mind"),
        CancelReason::BoughtCompetitor => pick("买了竞品", "bought a competitor"),
        CancelReason::BoughtElsewhere => pick("在他店购买", "bought elsewhere"),
        CancelReason::Price => pick("价格", "price"),
        CancelReason::FinancingRefused => pick("贷款未通过", "financing refused"),
        CancelReason::NoStock => pick("无车源", "no stock"),
        CancelReason::DeliveryDelay => pick("交车延迟", "delivery delay"),
        CancelReason::ChangedModel => pick("换车型", "changed model"),
        CancelReason::Other => pick("其他", "other"),
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
        return pick("没有购车意向\n", "no intents\n").to_owned();
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
        let _ = writeln!(out, "    {} {value}", pad(name, 12));
    };
    if let Some(b) = i.body_type {
        field(pick("车身", "body type"), body_type_label(b).to_owned());
    }
    if let Some(p) = i.powertrain {
        field(pick("动力", "powertrain"), powertrain_label(p).to_owned());
    }
    field(pick("预算", "budget"), range(&i.budget));
    field(
        pick("购车时间", "timeframe"),
        timeframe_label(i.timeframe).to_owned(),
    );
    if let Some(p) = i.payment {
        field(pick("付款方式", "payment"), payment_label(p).to_owned());
    }
    if !i.colours.is_empty() {
        field(pick("颜色", "colours"), i.colours.join(", "));
    }
    if !i.options.is_empty() {
        field(pick("选装", "options"), i.options.join(", "));
    }
    if let Some(t) = &i.trade_in {
        let mut text = t.brand.clone();
        for part in [
            t.model.clone(),
            t.year.map(|y| y.to_string()),
            t.mileage_km.map(|km| format!("{km} km")),
            t.appraised_value
                .map(|v| say!("评估价 {}", "appraised {}", money(v))),
        ]
        .into_iter()
        .flatten()
        {
            text.push_str(", ");
            text.push_str(&part);
        }
        field(pick("置换", "trade-in"), text);
    }
    if !i.competitors.is_empty() {
        field(pick("竞品", "competitors"), i.competitors.join(", "));
    }
    if let Some(c) = &i.catalogue_model {
        field(pick("车型库", "catalogue"), c.to_string());
    }
    if let Some(n) = &i.notes {
        field(pick("备注", "notes"), n.clone());
    }
    out
}

/// A customer's orders.
pub fn orders(list: &[OrderRecord], zone: &DealershipZone) -> String {
    if list.is_empty() {
        return pick("没有订单\n", "no orders\n").to_owned();
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
        OrderStatus::Active => pick("有效", "active").to_owned(),
        OrderStatus::Cancelled { at, reason, note } => say!(
            "已取消 {}（{}{}）",
            "cancelled {} ({}{})",
            wall(*at, zone),
            cancel_reason_label(*reason),
            note.as_deref()
                .map(|n| format!("; {n}"))
                .unwrap_or_default()
        ),
        OrderStatus::Delivered { delivery } => say!(
            "已交车 {}（VIN {}，{} 公里）",
            "delivered {} (VIN {}, {} km)",
            delivery.date,
            delivery.vin.as_str(),
            delivery.odometer_km
        ),
    };
    let mut out = format!("{}  {}  (v{})\n", r.id, what.join(" "), r.version);
    let mut field = |name: &str, value: String| {
        let _ = writeln!(out, "    {} {value}", pad(name, 18));
    };
    field(pick("状态", "status"), status);
    field(
        pick("价格", "price"),
        say!(
            "{} - {} = {}（定金 {}，尾款 {}）",
            "{} - {} = {} (deposit {}, due {})",
            money(o.price),
            money(o.discount),
            money(o.net_price()),
            money(o.deposit),
            money(o.balance_due())
        ),
    );
    field(pick("订车日期", "ordered"), o.order_date.to_string());
    if let Some(d) = o.expected_delivery {
        field(pick("预计交车", "expected delivery"), d.to_string());
    }
    if let Some(vin) = &o.vin {
        field("VIN", vin.as_str().to_owned());
    }
    let flags: Vec<&str> = [
        (o.finance, pick("贷款", "finance")),
        (o.insurance, pick("保险", "insurance")),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect();
    if !flags.is_empty() {
        field(pick("含", "with"), flags.join(", "));
    }
    if let Some(c) = &o.consultant {
        field(pick("顾问", "consultant"), c.clone());
    }
    out
}

/// A customer's visits, by time.
pub fn visits(list: &[VisitRecord], zone: &DealershipZone) -> String {
    if list.is_empty() {
        return pick("没有到店记录\n", "no visits\n").to_owned();
    }
    list.iter().map(|v| visit_line(v, zone)).collect()
}

/// One visit on a line.
pub fn visit_line(r: &VisitRecord, zone: &DealershipZone) -> String {
    let v = &r.visit;
    let kind = label(crm_core::export::visit_kind_label(v.kind));
    let status = match &v.status {
        VisitStatus::Scheduled => pick("已预约", "scheduled").to_owned(),
        VisitStatus::Done { at, feedback } => say!(
            "已完成 {}{}",
            "done {}{}",
            wall(*at, zone),
            feedback
                .as_deref()
                .map(|f| format!(": {f}"))
                .unwrap_or_default()
        ),
        VisitStatus::NoShow { .. } => pick("未到店", "no-show").to_owned(),
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
        return pick(
            "车型库为空（用 `crm catalogue load FILE.json` 导入）\n",
            "the catalogue is empty (load one with `crm catalogue load FILE.json`)\n",
        )
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
                body_type_label(m.body_type),
                powertrain_label(m.powertrain),
                range(&m.price)
            )
        })
        .collect()
}
