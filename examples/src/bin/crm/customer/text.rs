//! A customer as readable text: labels of channels and importance, the owner with their
//! name, the full card, the columns of a summary row, the duplicate check.

use crate::customer::duplicates::ContactCheck;
use crate::follow_up::text::intent_label;
use crate::term::lang::pick;
use crate::term::text::{fit, local, pad, version_line};
use crm_core::{Code, Contact, Customer, CustomerSummary, Importance, SourceChannel};
use crm_examples::generator::consultant_name;
use std::fmt::Write;

/// A channel kind's label in the user's language (Chinese as salespeople say it); a
/// channel outside the dealership's kinds as it is stored.
pub fn channel_label(kind: &str) -> &str {
    match kind {
        "showroom_walk_in" => pick("展厅到店", "walk-in"),
        "online_platform" => pick("网络平台", "online"),
        "referral" => pick("转介绍", "referral"),
        "phone_hotline" => pick("热线电话", "hotline"),
        "auto_show" => pick("车展", "auto show"),
        "marketing_event" => pick("市场活动", "event"),
        "repeat_customer" => pick("老客户", "repeat"),
        "other" => pick("其他", "other"),
        _ => kind,
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
pub fn source_short(source: &SourceChannel) -> String {
    match source {
        SourceChannel::OnlinePlatform { platform } => platform.clone(),
        other => channel_label(other.kind_name()).to_owned(),
    }
}

/// An importance, in the user's language.
pub fn importance_label(importance: Importance) -> &'static str {
    match importance {
        Importance::Normal => pick("普通", "normal"),
        Importance::Important => pick("重要", "important"),
        Importance::Key => pick("重点", "key"),
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
    out.push_str(&version_line(c.version, c.created_at, c.updated_at));
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
    field("intent", intent_label(c.intent_level).to_owned());
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
pub fn summary_columns(s: &CustomerSummary) -> String {
    let contact = s
        .primary_contact
        .as_ref()
        .map(|c| c.value.as_str())
        .unwrap_or("");
    let mark = match (s.archived_at, s.importance) {
        (Some(_), _) => pick("已归档", "archived"),
        (None, Importance::Normal) => "",
        (None, other) => importance_label(other),
    };
    format!(
        "{} {} {} {} {} {}",
        fit(&s.name, 10),
        fit(contact, 20),
        fit(mark, 9),
        fit(&owner_text(s.owner.as_deref()), 12),
        local(s.created_at),
        s.tags.join(", ")
    )
}

/// The heading of [`summary_columns`].
pub fn summary_heading() -> String {
    format!(
        "{} {} {} {} {} {}",
        pad(pick("姓名", "NAME"), 10),
        pad(pick("主要联系方式", "PRIMARY CONTACT"), 20),
        pad(pick("标记", "MARK"), 9),
        pad(pick("顾问", "OWNER"), 12),
        pad(pick("创建", "CREATED"), 16),
        pick("标签", "TAGS"),
    )
}

/// Each contact checked, and who has it already.
pub fn contact_checks(checks: &[ContactCheck]) -> String {
    let mut out = String::new();
    for c in checks {
        let owner = match (&c.existing, &c.existing_name) {
            (Some(id), Some(name)) => format!("already belongs to {name} ({id})"),
            (Some(id), None) => format!("already belongs to customer {id}"),
            (None, _) if c.another_consultant => {
                "registered to another consultant's customer".to_owned()
            }
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
