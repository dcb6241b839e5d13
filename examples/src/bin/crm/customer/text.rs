//! A customer as readable text: labels of channels and importance, the owner with their
//! name, the full card, the columns of a summary row, the duplicate check.

use crate::customer::duplicates::ContactCheck;
use crate::follow_up::text::intent_label;
use crate::term::lang::{label, pick, say};
use crate::term::text::{fit, local, pad, version_line};
use crm_core::{
    AgeBand, Contact, ContactKind, Customer, CustomerSummary, Gender, Importance, SourceChannel,
};
use crm_examples::generator::consultant_name;
use std::fmt::Write;

/// A channel kind's label in the user's language (Chinese as salespeople say it); a
/// channel outside the dealership's kinds as it is stored.
pub fn channel_label(kind: &str) -> &str {
    match crm_core::export::channel_label(kind) {
        Some(l) => label(l),
        None => kind,
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
    label(crm_core::export::importance_label(importance))
}

/// An owner with the consultant's name when known: `c03 张伟`.
pub fn owner_text(owner: Option<&str>) -> String {
    match owner {
        Some(id) => match consultant_name(id) {
            Some(name) => format!("{id} {name}"),
            None => id.to_owned(),
        },
        None => pick("（未分配）", "(unassigned)").to_owned(),
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
    format!(
        "{mark} {} {}{label}{key}",
        pad(contact_kind_label(c.kind), 8),
        c.value
    )
}

/// A gender, in the user's language.
pub fn gender_label(gender: Gender) -> &'static str {
    label(crm_core::export::gender_label(gender))
}

/// An age band, in the user's language.
pub fn age_band_label(band: AgeBand) -> &'static str {
    match band {
        AgeBand::Under25 => pick("25岁以下", "under 25"),
        AgeBand::From25To34 => pick("25-34岁", "25-34"),
        AgeBand::From35To44 => pick("35-44岁", "35-44"),
        AgeBand::From45To54 => pick("45-54岁", "45-54"),
        AgeBand::From55To64 => pick("55-64岁", "55-64"),
        AgeBand::From65 => pick("65岁及以上", "65 and over"),
    }
}

/// A contact kind, in the user's language.
pub fn contact_kind_label(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Mobile => pick("手机", "mobile"),
        ContactKind::Landline => pick("座机", "landline"),
        ContactKind::Wechat => pick("微信", "wechat"),
        ContactKind::Email => pick("邮箱", "email"),
        ContactKind::Other => pick("其他", "other"),
    }
}

/// A customer in full.
pub fn customer_card(c: &Customer) -> String {
    let p = &c.profile;
    let mut out = String::new();
    let _ = writeln!(out, "{}  (id {})", p.name, c.id);
    out.push_str(&version_line(c.version, c.created_at, c.updated_at));
    if let Some(at) = c.archived_at {
        let _ = writeln!(out, "  {} {}", pick("已归档", "ARCHIVED"), local(at));
    }
    let mut field = |name: &str, value: String| {
        let _ = writeln!(out, "  {} {value}", pad(name, 13));
    };
    for (i, contact) in p.contacts.iter().enumerate() {
        let name = if i == 0 {
            pick("联系方式", "contacts")
        } else {
            ""
        };
        field(name, contact_line(contact));
    }
    field(pick("性别", "gender"), gender_label(p.gender).to_owned());
    if let Some(b) = p.birthday {
        field(pick("生日", "birthday"), b.format("%Y-%m-%d").to_string());
    }
    if let Some(band) = p.age_band {
        field(pick("年龄段", "age band"), age_band_label(band).to_owned());
    }
    field(pick("来源", "source"), source_text(&p.source));
    if !p.tags.is_empty() {
        field(pick("标签", "tags"), p.tags.join(", "));
    }
    field(
        pick("重要程度", "importance"),
        importance_label(p.importance).to_owned(),
    );
    field(
        pick("意向级别", "intent"),
        intent_label(c.intent_level).to_owned(),
    );
    field(pick("顾问", "owner"), owner_text(p.owner.as_deref()));
    if !p.region.is_empty() {
        let parts: Vec<&str> = [&p.region.province, &p.region.city, &p.region.district]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        field(pick("地区", "region"), parts.join(" "));
    }
    if let Some(o) = &p.occupation {
        field(pick("职业", "occupation"), o.clone());
    }
    if let Some(fc) = &p.first_contact {
        let details: Vec<&str> = [&fc.place, &fc.scene, &fc.reaction]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        field(
            pick("首次接触", "first contact"),
            format!("{}  {}", local(fc.at), details.join("; ")),
        );
    }
    if let Some(n) = &p.notes {
        field(pick("备注", "notes"), n.replace('\n', "\n                "));
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
            (Some(id), Some(name)) => {
                say!("已属于 {}（{}）", "already belongs to {} ({})", name, id)
            }
            (Some(id), None) => say!("已属于客户 {}", "already belongs to customer {}", id),
            (None, _) if c.another_consultant => pick(
                "已登记为另一位顾问的客户",
                "registered to another consultant's customer",
            )
            .to_owned(),
            (None, _) => pick("未被占用", "free").to_owned(),
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
