//! Finding customers as readable text: a page of customers, search hits, facet counts,
//! saved views.

use crate::customer::text::{
    channel_label, importance_label, owner_text, summary_columns, summary_heading,
};
use crate::find::facets::{Facet, FacetReport};
use crate::find::filter;
use crate::find::search::Hit;
use crate::term::lang::{pick, say};
use crate::term::short_id::{short, short_len};
use crate::term::text::{pad, thousands, version_line};
use crm_core::{Code, CustomerSummary, Importance, SavedView};
use std::fmt::Write;

/// Customer summaries as a table; `total` is how many the list could have shown.
pub fn customer_table(rows: &[CustomerSummary], total: u64) -> String {
    let len = short_len(rows.iter().map(|s| s.id.as_str()));
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", pad("ID", len), summary_heading());
    for s in rows {
        let _ = writeln!(out, "{} {}", short(s.id.as_str(), len), summary_columns(s));
    }
    let _ = writeln!(
        out,
        "{}",
        say!(
            "显示 {} 位，共 {} 位",
            "{} of {} shown",
            thousands(rows.len() as u64),
            thousands(total)
        )
    );
    out
}

/// Search hits, best first, with how each matched.
pub fn search_table(hits: &[Hit]) -> String {
    let len = short_len(hits.iter().map(|h| h.customer.id.as_str()));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} {}",
        pad(pick("匹配", "MATCH"), 9),
        pad("ID", len),
        summary_heading()
    );
    for h in hits {
        let _ = writeln!(
            out,
            "{} {} {}",
            pad(tier_label(h.tier), 9),
            short(h.customer.id.as_str(), len),
            summary_columns(&h.customer)
        );
    }
    let found = thousands(hits.len() as u64);
    let _ = writeln!(out, "{}", say!("找到 {} 位", "{} found", found));
    out
}

/// How a hit matched (`exact`, `prefix`, `substring`), in the user's language.
fn tier_label(tier: &str) -> &str {
    match tier {
        "exact" => pick("完全匹配", "exact"),
        "prefix" => pick("前缀", "prefix"),
        "substring" => pick("包含", "substring"),
        other => other,
    }
}

/// Facet counts, dimension by dimension.
pub fn facets(r: &FacetReport) -> String {
    let mut out = String::new();
    let matching = thousands(r.customers);
    let _ = writeln!(
        out,
        "{}",
        say!("符合条件的客户 {} 位", "{} customers match", matching)
    );
    let mut section = |title: &str, rows: Vec<(String, u64)>| {
        let _ = writeln!(out, "\n{title}");
        if rows.is_empty() {
            let _ = writeln!(out, "  {}", pick("（无）", "(none)"));
        }
        for (label, count) in rows {
            let _ = writeln!(out, "  {} {:>9}", pad(&label, 24), thousands(count));
        }
    };
    let labelled = |facets: &[Facet], label: &dyn Fn(&str) -> String| -> Vec<(String, u64)> {
        facets.iter().map(|f| (label(&f.value), f.count)).collect()
    };
    section(
        pick("按来源渠道", "By source channel"),
        labelled(&r.channels, &|v| channel_label(v).to_owned()),
    );
    section(
        pick("按网络平台", "By online platform"),
        labelled(&r.platforms, &|v| v.to_owned()),
    );
    section(
        pick("按重要程度", "By importance"),
        labelled(&r.importance, &|v| match Importance::from_code(v) {
            Some(i) => importance_label(i).to_owned(),
            None => v.to_owned(),
        }),
    );
    let mut owners = labelled(&r.owners, &|v| owner_text(Some(v)));
    if r.unassigned() > 0 {
        owners.push((owner_text(None), r.unassigned()));
    }
    section(pick("按顾问", "By consultant"), owners);
    section(
        pick("标签（前 30）", "Tags (top 30)"),
        labelled(&r.tags, &|v| v.to_owned()),
    );
    out
}

/// A saved view's filter as the options that give it back (`all active customers` when
/// there are none).
fn view_options(v: &SavedView) -> String {
    let options = filter::options(&v.definition);
    if options.is_empty() {
        pick(
            "（全部在用客户，最新在前）",
            "(all active customers, newest first)",
        )
        .to_owned()
    } else {
        options
    }
}

/// Saved views, one a line: name, id, options.
pub fn view_table(views: &[SavedView]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} {}",
        pad(pick("名称", "NAME"), 20),
        pad("ID", 36),
        pick("选项", "OPTIONS")
    );
    for v in views {
        let _ = writeln!(
            out,
            "{} {} {}",
            pad(&v.name, 20),
            pad(&v.id, 36),
            view_options(v)
        );
    }
    let n = thousands(views.len() as u64);
    let _ = match views.len() {
        1 => writeln!(out, "{}", say!("{} 个视图", "{} view", n)),
        _ => writeln!(out, "{}", say!("{} 个视图", "{} views", n)),
    };
    out
}

/// One saved view in full.
pub fn view_card(v: &SavedView) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}  (id {})", pick("视图", "view"), v.name, v.id);
    out.push_str(&version_line(v.version, v.created_at, v.updated_at));
    let _ = writeln!(out, "  {}", view_options(v));
    out
}
