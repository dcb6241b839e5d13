//! The readable (non-JSON) renderings: a customer card, a list table, search hits, facet
//! counts, saved views, duplicate checks, the overview.

use crate::duplicates_cmd::ContactCheck;
use crate::facets::{Facet, FacetReport};
use crate::filter;
use crate::overview::{CareOverview, Overview};
use crate::report_table::{channel_table, funnel_table, Table};
use crate::search_cmd::Hit;
use chrono::{DateTime, Local, Utc};
use crm_core::{Code, Contact, Customer, CustomerSummary, Importance, SavedView, SourceChannel};
use crm_examples::generator::consultant_name;
use std::fmt::Write;

/// Columns a character takes in a terminal: two for CJK and full-width forms, one otherwise.
fn char_width(c: char) -> usize {
    match u32::from(c) {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

/// Columns `text` takes in a terminal.
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// `text` padded with spaces to `width` terminal columns.
pub fn pad(text: &str, width: usize) -> String {
    let used = self::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

/// `n` with thousands separators: `200,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An instant in the local time zone, to the minute.
fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

/// A channel kind's label: Chinese as salespeople say it, and English.
fn channel_label(kind: &str) -> &'static str {
    match kind {
        "showroom_walk_in" => "展厅到店 walk-in",
        "online_platform" => "网络平台 online",
        "referral" => "转介绍 referral",
        "phone_hotline" => "热线电话 hotline",
        "auto_show" => "车展 auto show",
        "marketing_event" => "市场活动 event",
        "repeat_customer" => "老客户 repeat",
        _ => "其他 other",
    }
}

/// A channel with its detail: `网络平台 online: 汽车之家`.
fn source_text(source: &SourceChannel) -> String {
    let label = channel_label(source.kind_name());
    match source {
        SourceChannel::OnlinePlatform { platform } => format!("{label}: {platform}"),
        SourceChannel::Referral {
            referrer_id,
            referrer_name,
        } => {
            let who: Vec<&str> = [
                referrer_name.as_deref(),
                referrer_id.as_ref().map(|i| i.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            format!("{label}: {}", who.join(" "))
        }
        SourceChannel::Other { description } => format!("{label}: {description}"),
        _ => label.to_owned(),
    }
}

/// A channel as short as a table column allows: the platform for online leads.
fn source_short(source: &SourceChannel) -> String {
    match source {
        SourceChannel::OnlinePlatform { platform } => platform.clone(),
        other => channel_label(other.kind_name()).to_owned(),
    }
}

pub fn importance_label(importance: Importance) -> &'static str {
    match importance {
        Importance::Normal => "普通 normal",
        Importance::Important => "重要 important",
        Importance::Key => "重点 key",
    }
}

/// An owner with the consultant's name when known: `c03 张伟`.
pub fn owner_text(owner: Option<&str>) -> String {
    match owner {
        Some(id) => match consultant_name(id) {
            Some(name) => format!("{id} {name}"),
            None => id.to_owned(),
        },
        None => "(unassigned)".to_owned(),
    }
}

fn contact_line(c: &Contact) -> String {
    let mark = if c.primary { "*" } else { " " };
    let label = c
        .label
        .as_deref()
        .map(|l| format!(" ({l})"))
        .unwrap_or_default();
    // Show the normalised number only when it was typed some other way.
    let national = c.key.strip_prefix("+86").unwrap_or(&c.key);
    let key = if c.kind.is_phone() && c.value != national && c.value != c.key {
        format!("  [{}]", c.key)
    } else {
        String::new()
    };
    format!("{mark} {:<8} {}{label}{key}", c.kind.code(), c.value)
}

/// A customer in full.
pub fn customer_card(c: &Customer) -> String {
    let p = &c.profile;
    let mut out = String::new();
    let _ = writeln!(out, "{}  (id {})", p.name, c.id);
    let _ = writeln!(
        out,
        "  version {}, created {}, updated {}",
        c.version,
        local(c.created_at),
        local(c.updated_at)
    );
    if let Some(at) = c.archived_at {
        let _ = writeln!(out, "  ARCHIVED {}", local(at));
    }
    let mut field = |name: &str, value: String| {
        let _ = writeln!(out, "  {} {value}", pad(name, 13));
    };
    for (i, contact) in p.contacts.iter().enumerate() {
        field(if i == 0 { "contacts" } else { "" }, contact_line(contact));
    }
    field("gender", p.gender.code().to_owned());
    if let Some(b) = p.birthday {
        field("birthday", b.format("%Y-%m-%d").to_string());
    }
    if let Some(band) = p.age_band {
        field("age band", band.code().to_owned());
    }
    field("source", source_text(&p.source));
    if !p.tags.is_empty() {
        field("tags", p.tags.join(", "));
    }
    field("importance", importance_label(p.importance).to_owned());
    field(
        "intent",
        crate::follow_text::intent_label(c.intent_level).to_owned(),
    );
    field("owner", owner_text(p.owner.as_deref()));
    if !p.region.is_empty() {
        let parts: Vec<&str> = [&p.region.province, &p.region.city, &p.region.district]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        field("region", parts.join(" "));
    }
    if let Some(o) = &p.occupation {
        field("occupation", o.clone());
    }
    if let Some(fc) = &p.first_contact {
        let details: Vec<&str> = [&fc.place, &fc.scene, &fc.reaction]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        field(
            "first contact",
            format!("{}  {}", local(fc.at), details.join("; ")),
        );
    }
    if let Some(n) = &p.notes {
        field("notes", n.replace('\n', "\n                "));
    }
    out
}

/// The columns of a summary row after the id: name, primary contact, mark, owner, created,
/// tags.
fn summary_columns(s: &CustomerSummary) -> String {
    let contact = s
        .primary_contact
        .as_ref()
        .map(|c| c.value.as_str())
        .unwrap_or("");
    let mark = match (s.archived_at, s.importance) {
        (Some(_), _) => "archived",
        (None, Importance::Normal) => "",
        (None, other) => other.code(),
    };
    format!(
        "{} {} {} {} {} {}",
        pad(&s.name, 10),
        pad(contact, 20),
        pad(mark, 9),
        pad(&owner_text(s.owner.as_deref()), 11),
        local(s.created_at),
        s.tags.join(", ")
    )
}

/// The heading of [`summary_columns`].
fn summary_heading() -> String {
    format!(
        "{} {} {} {} {} TAGS",
        pad("NAME", 10),
        pad("PRIMARY CONTACT", 20),
        pad("MARK", 9),
        pad("OWNER", 11),
        pad("CREATED", 16),
    )
}

/// Customer summaries as a table; `total` is how many the list could have shown.
pub fn customer_table(rows: &[CustomerSummary], total: u64) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", pad("ID", 36), summary_heading());
    for s in rows {
        let _ = writeln!(out, "{} {}", pad(s.id.as_str(), 36), summary_columns(s));
    }
    let _ = writeln!(
        out,
        "{} of {} shown",
        thousands(rows.len() as u64),
        thousands(total)
    );
    out
}

/// Search hits, best first, with how each matched.
pub fn search_table(hits: &[Hit]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} {}",
        pad("MATCH", 9),
        pad("ID", 36),
        summary_heading()
    );
    for h in hits {
        let _ = writeln!(
            out,
            "{} {} {}",
            pad(h.tier, 9),
            pad(h.customer.id.as_str(), 36),
            summary_columns(&h.customer)
        );
    }
    let _ = writeln!(out, "{} found", thousands(hits.len() as u64));
    out
}

/// Facet counts, dimension by dimension.
pub fn facets(r: &FacetReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} customers match", thousands(r.customers));
    let mut section = |title: &str, rows: Vec<(String, u64)>| {
        let _ = writeln!(out, "\n{title}");
        if rows.is_empty() {
            let _ = writeln!(out, "  (none)");
        }
        for (label, count) in rows {
            let _ = writeln!(out, "  {} {:>9}", pad(&label, 24), thousands(count));
        }
    };
    let labelled = |facets: &[Facet], label: &dyn Fn(&str) -> String| -> Vec<(String, u64)> {
        facets.iter().map(|f| (label(&f.value), f.count)).collect()
    };
    section(
        "By source channel",
        labelled(&r.channels, &|v| channel_label(v).to_owned()),
    );
    section(
        "By online platform",
        labelled(&r.platforms, &|v| v.to_owned()),
    );
    section(
        "By importance",
        labelled(&r.importance, &|v| match Importance::from_code(v) {
            Some(i) => importance_label(i).to_owned(),
            None => v.to_owned(),
        }),
    );
    let mut owners = labelled(&r.owners, &|v| owner_text(Some(v)));
    if r.unassigned() > 0 {
        owners.push((owner_text(None), r.unassigned()));
    }
    section("By consultant", owners);
    section("Tags (top 30)", labelled(&r.tags, &|v| v.to_owned()));
    out
}

/// A saved view's filter as the options that give it back (`all active customers` when
/// there are none).
fn view_options(v: &SavedView) -> String {
    let options = filter::options(&v.definition);
    if options.is_empty() {
        "(all active customers, newest first)".to_owned()
    } else {
        options
    }
}

/// Saved views, one a line: name, id, options.
pub fn view_table(views: &[SavedView]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {} OPTIONS", pad("NAME", 20), pad("ID", 36));
    for v in views {
        let _ = writeln!(
            out,
            "{} {} {}",
            pad(&v.name, 20),
            pad(&v.id, 36),
            view_options(v)
        );
    }
    let noun = if views.len() == 1 { "view" } else { "views" };
    let _ = writeln!(out, "{} {noun}", thousands(views.len() as u64));
    out
}

/// One saved view in full.
pub fn view_card(v: &SavedView) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "view {}  (id {})", v.name, v.id);
    let _ = writeln!(
        out,
        "  version {}, created {}, updated {}",
        v.version,
        local(v.created_at),
        local(v.updated_at)
    );
    let _ = writeln!(out, "  {}", view_options(v));
    out
}

/// Each contact checked, and who has it already.
pub fn contact_checks(checks: &[ContactCheck]) -> String {
    let mut out = String::new();
    for c in checks {
        let owner = match (&c.existing, &c.existing_name) {
            (Some(id), Some(name)) => format!("already belongs to {name} ({id})"),
            (Some(id), None) => format!("already belongs to customer {id}"),
            (None, _) => "free".to_owned(),
        };
        let _ = writeln!(
            out,
            "{} {} {} {owner}",
            pad(c.option, 7),
            pad(&c.value, 24),
            pad(&c.key, 24)
        );
    }
    out
}

/// The overview.
pub fn overview(o: &Overview) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} customers ({} archived)",
        o.database,
        thousands(o.customers),
        thousands(o.archived)
    );
    let row = |out: &mut String, label: &str, count: u64, percent: f64| {
        let _ = writeln!(
            out,
            "  {} {:>9} {:>6.1}%",
            pad(label, 24),
            thousands(count),
            percent
        );
    };
    let _ = writeln!(out, "\nBy source channel");
    for s in &o.by_source {
        row(&mut out, channel_label(&s.channel), s.count, s.percent);
        for p in &s.platforms {
            row(&mut out, &format!("  {}", p.platform), p.count, p.percent);
        }
    }
    let _ = writeln!(out, "\nBy importance");
    for s in &o.by_importance {
        row(&mut out, importance_label(s.importance), s.count, s.percent);
    }
    let _ = writeln!(out, "\nBy consultant");
    for s in &o.by_owner {
        row(
            &mut out,
            &owner_text(s.owner.as_deref()),
            s.count,
            s.percent,
        );
    }
    let _ = writeln!(out, "\nTop tags");
    for s in &o.top_tags {
        row(&mut out, &s.tag, s.count, s.percent);
    }
    let _ = writeln!(out, "\nNewest customers");
    for n in &o.newest {
        let _ = writeln!(
            out,
            "  {}  {} {} {} {}",
            local(n.created_at),
            pad(&n.name, 8),
            pad(n.primary_contact.as_deref().unwrap_or(""), 20),
            pad(&source_short(&n.source), 18),
            owner_text(n.owner.as_deref())
        );
    }
    let _ = writeln!(
        out,
        "\nConversion funnel of the customers who came {} to {} (last 12 months)",
        o.report_first_day, o.report_last_day
    );
    out.push_str(&funnel_table(&o.funnel).text_indented("  "));
    let _ = writeln!(out, "\nChannels, the same customers");
    out.push_str(&channel_table(&o.channels).text_indented("  "));
    out.push_str(&care_overview(&o.care));
    out
}

/// The care summary: totals, then one line per kind.
fn care_overview(c: &CareOverview) -> String {
    let mut out = format!(
        "\nCare tasks as of {}: {} stored, {} to do: {} due today, {} overdue\n",
        c.today,
        thousands(c.tasks),
        thousands(c.pending),
        thousands(c.due_today),
        thousands(c.overdue)
    );
    let table = Table {
        header: vec!["kind", "tasks", "to_do", "due_today", "overdue"],
        rows: c
            .by_kind
            .iter()
            .map(|k| {
                vec![
                    k.kind.code().to_owned(),
                    thousands(k.tasks),
                    thousands(k.pending),
                    thousands(k.due_today),
                    thousands(k.overdue),
                ]
            })
            .collect(),
        notes: Vec::new(),
    };
    if !c.by_kind.is_empty() {
        out.push_str(&table.text_indented("  "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_counts_wide_characters_twice() {
        assert_eq!(pad("张伟", 6), "张伟  ");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("toolong", 3), "toolong");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(200_000), "200,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
