//! `crm overview`: the overview of a customer book: how many customers, from which
//! channels, how important, whose, with which tags, the newest ones, the last 12 months'
//! conversion funnel and channel table, and the care work (tasks by kind, due today,
//! overdue). Serialised as the `--json` output of `crm overview` and `crm demo`, else as
//! the text of [`text`].

use crate::care::text::care_kind_label;
use crate::customer::text::{channel_label, importance_label, owner_text, source_short};
use crate::database::open_for_reading;
use crate::exit::Failure;
use crate::report::run::first_of_year_to;
use crate::report::text::{channel_table, funnel_table};
use crate::term::lang::{pick, say};
use crate::term::output::Output;
use crate::term::short_id::{short, short_len};
use crate::term::table::{heading, Cell, Table};
use crate::term::text::{fit, local, pad, thousands};
use chrono::{DateTime, NaiveDate, Utc};
use crm_core::{
    ChannelReport, Code, CustomerFilter, CustomerId, FunnelReport, Importance, ReportPeriod,
    SourceChannel,
};
use crm_examples::generator::consultant_name;
use crm_store::{CareKindCount, FacetCount, ListQuery, Store};
use serde::Serialize;
use std::fmt::Write;
use std::path::Path;

/// How many tags the overview ranks.
const TOP_TAGS: usize = 10;
/// How many of the newest customers it shows.
const NEWEST: u32 = 5;

/// The overview of one database.
#[derive(Debug, Serialize)]
pub struct Overview {
    /// The database file.
    pub database: String,
    /// Active customers; every share below is of these.
    pub customers: u64,
    /// Archived customers (not in the shares).
    pub archived: u64,
    /// By source channel, largest first; online platforms broken down.
    pub by_source: Vec<SourceShare>,
    /// By importance: normal, important, key.
    pub by_importance: Vec<ImportanceShare>,
    /// By owning consultant; `owner: null` is unassigned.
    pub by_owner: Vec<OwnerShare>,
    /// The most used tags.
    pub top_tags: Vec<TagShare>,
    /// The newest customers.
    pub newest: Vec<NewestCustomer>,
    /// The period of `funnel` and `channels`: the last 12 months through today, in the
    /// dealership's zone.
    pub report_period: ReportPeriod,
    /// The first local day of `report_period`.
    pub report_first_day: NaiveDate,
    /// Its last local day (today).
    pub report_last_day: NaiveDate,
    /// The conversion funnel (销售漏斗) of the customers who came in `report_period`.
    pub funnel: FunnelReport,
    /// Channel effectiveness (渠道效果) of the same customers.
    pub channels: ChannelReport,
    /// The care work (客户关怀) as of today.
    pub care: CareOverview,
}

/// The care tasks of the book as of the dealership's today.
#[derive(Debug, Serialize)]
pub struct CareOverview {
    /// The dealership's local date the counts are as of.
    pub today: NaiveDate,
    /// Tasks stored, of every kind and status.
    pub tasks: u64,
    /// Open or snoozed.
    pub pending: u64,
    /// Pending and due (or snoozed to) today.
    pub due_today: u64,
    /// Pending and due before today.
    pub overdue: u64,
    /// The same per kind, kinds with tasks only.
    pub by_kind: Vec<CareKindCount>,
}

impl CareOverview {
    /// The care counts of `store` as of `today`.
    fn load(store: &Store, today: NaiveDate) -> Result<CareOverview, Failure> {
        let by_kind = store.care_summary(today)?;
        let sum = |f: fn(&CareKindCount) -> u64| by_kind.iter().map(f).sum();
        Ok(CareOverview {
            today,
            tasks: sum(|c| c.tasks),
            pending: sum(|c| c.pending),
            due_today: sum(|c| c.due_today),
            overdue: sum(|c| c.overdue),
            by_kind,
        })
    }
}

/// Customers from one source channel.
#[derive(Debug, Serialize)]
pub struct SourceShare {
    /// The channel kind (`showroom_walk_in`, `online_platform` ...).
    pub channel: String,
    /// How many.
    pub count: u64,
    /// Per cent of active customers, one decimal.
    pub percent: f64,
    /// For `online_platform`: the platforms.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub platforms: Vec<PlatformShare>,
}

/// Online leads from one platform.
#[derive(Debug, Serialize)]
pub struct PlatformShare {
    /// The platform (汽车之家 ...).
    pub platform: String,
    /// How many.
    pub count: u64,
    /// Per cent of active customers.
    pub percent: f64,
}

/// Customers of one importance.
#[derive(Debug, Serialize)]
pub struct ImportanceShare {
    /// The importance.
    pub importance: Importance,
    /// How many.
    pub count: u64,
    /// Per cent of active customers.
    pub percent: f64,
}

/// Customers of one consultant.
#[derive(Debug, Serialize)]
pub struct OwnerShare {
    /// The consultant's id; `None` for unassigned customers.
    pub owner: Option<String>,
    /// The consultant's name, when known.
    pub name: Option<&'static str>,
    /// How many.
    pub count: u64,
    /// Per cent of active customers.
    pub percent: f64,
}

/// Customers carrying one tag.
#[derive(Debug, Serialize)]
pub struct TagShare {
    /// The tag.
    pub tag: String,
    /// How many.
    pub count: u64,
    /// Per cent of active customers.
    pub percent: f64,
}

/// One of the newest customers.
#[derive(Debug, Serialize)]
pub struct NewestCustomer {
    /// The id.
    pub id: CustomerId,
    /// Name.
    pub name: String,
    /// The primary contact as typed.
    pub primary_contact: Option<String>,
    /// Where they came from.
    pub source: SourceChannel,
    /// The owning consultant.
    pub owner: Option<String>,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
}

/// `part` of `whole` in per cent, one decimal.
fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    (part as f64 * 1000.0 / whole as f64).round() / 10.0
}

impl Overview {
    /// Reads the overview of the open `store`.
    pub fn load(store: &Store) -> Result<Overview, Failure> {
        let active = CustomerFilter::default();
        let total = store.count_matching(&active)?;
        let archived = store.count_customers(true)? - total;
        let facets = store.facet_counts(&active)?;

        let mut platforms = Some(
            facets
                .platforms
                .into_iter()
                .map(|FacetCount { value, count }| PlatformShare {
                    platform: value,
                    count,
                    percent: percent(count, total),
                })
                .collect::<Vec<_>>(),
        );
        let by_source = facets
            .channels
            .into_iter()
            .map(|FacetCount { value, count }| SourceShare {
                platforms: match value.as_str() {
                    "online_platform" => platforms.take().unwrap_or_default(),
                    _ => Vec::new(),
                },
                channel: value,
                count,
                percent: percent(count, total),
            })
            .collect();
        let by_importance = facets
            .importance
            .into_iter()
            .filter_map(|FacetCount { value, count }| {
                Some(ImportanceShare {
                    importance: Importance::from_code(&value)?,
                    count,
                    percent: percent(count, total),
                })
            })
            .collect();
        // Consultants in id order, then the customers without one (the facet leaves them out).
        let mut owners = facets.owners;
        owners.sort_by(|a, b| a.value.cmp(&b.value));
        let unassigned = total.saturating_sub(owners.iter().map(|o| o.count).sum());
        let by_owner = owners
            .into_iter()
            .map(|FacetCount { value, count }| (Some(value), count))
            .chain((unassigned > 0).then_some((None, unassigned)))
            .map(|(owner, count)| OwnerShare {
                name: owner.as_deref().and_then(consultant_name),
                owner,
                count,
                percent: percent(count, total),
            })
            .collect();
        let top_tags = facets
            .tags
            .into_iter()
            .take(TOP_TAGS)
            .map(|FacetCount { value, count }| TagShare {
                tag: value,
                count,
                percent: percent(count, total),
            })
            .collect();
        let zone = store.settings()?.zone;
        let today = zone.local_date(Utc::now());
        let first = first_of_year_to(today);
        let report_period = ReportPeriod::new(zone.start_of(first), zone.end_of(today));
        Ok(Overview {
            funnel: store.funnel_report(&report_period)?,
            channels: store.channel_report(&report_period)?,
            report_period,
            report_first_day: first,
            report_last_day: today,
            care: CareOverview::load(store, today)?,
            database: store.path().display().to_string(),
            customers: total,
            archived,
            by_source,
            by_importance,
            by_owner,
            top_tags,
            newest: newest(store)?,
        })
    }
}

/// Runs `crm overview`.
pub fn run(db: &Path, output: Output) -> Result<(), Failure> {
    let store = open_for_reading(db)?;
    let overview = Overview::load(&store)?;
    output.print(&overview, || text(&overview))
}

/// The newest active customers, with their channel (which summaries do not carry).
fn newest(store: &Store) -> Result<Vec<NewestCustomer>, Failure> {
    let page = store.list_customers(&ListQuery {
        limit: NEWEST,
        ..ListQuery::default()
    })?;
    page.customers
        .iter()
        .map(|summary| {
            let customer = store.get_customer(&summary.id)?;
            Ok(NewestCustomer {
                id: customer.id,
                name: customer.profile.name,
                primary_contact: summary.primary_contact.as_ref().map(|c| c.value.clone()),
                source: customer.profile.source,
                owner: customer.profile.owner,
                created_at: customer.created_at,
            })
        })
        .collect()
}

/// The overview as readable text.
pub fn text(o: &Overview) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        say!(
            "{}：客户 {} 位（已归档 {} 位）",
            "{}: {} customers ({} archived)",
            o.database,
            thousands(o.customers),
            thousands(o.archived)
        )
    );
    let row = |out: &mut String, label: &str, count: u64, percent: f64| {
        let _ = writeln!(
            out,
            "  {} {:>9} {:>6.1}%",
            fit(label, 24),
            thousands(count),
            percent
        );
    };
    let _ = writeln!(out, "\n{}", pick("按来源渠道", "By source channel"));
    for s in &o.by_source {
        row(&mut out, channel_label(&s.channel), s.count, s.percent);
        for p in &s.platforms {
            row(&mut out, &format!("  {}", p.platform), p.count, p.percent);
        }
    }
    let _ = writeln!(out, "\n{}", pick("按重要程度", "By importance"));
    for s in &o.by_importance {
        row(&mut out, importance_label(s.importance), s.count, s.percent);
    }
    let _ = writeln!(out, "\n{}", pick("按顾问", "By consultant"));
    for s in &o.by_owner {
        row(
            &mut out,
            &owner_text(s.owner.as_deref()),
            s.count,
            s.percent,
        );
    }
    let _ = writeln!(out, "\n{}", pick("常用标签", "Top tags"));
    for s in &o.top_tags {
        row(&mut out, &s.tag, s.count, s.percent);
    }
    let _ = writeln!(out, "\n{}", pick("最新客户", "Newest customers"));
    let len = short_len(o.newest.iter().map(|n| n.id.as_str()));
    for n in &o.newest {
        let _ = writeln!(
            out,
            "  {}  {} {} {} {} {}",
            local(n.created_at),
            short(n.id.as_str(), len),
            fit(&n.name, 8),
            pad(n.primary_contact.as_deref().unwrap_or(""), 20),
            pad(&source_short(&n.source), 18),
            owner_text(n.owner.as_deref())
        );
    }
    let _ = writeln!(
        out,
        "\n{}",
        say!(
            "{} 至 {} 进店客户的转化漏斗（近 12 个月）",
            "Conversion funnel of the customers who came {} to {} (last 12 months)",
            o.report_first_day,
            o.report_last_day
        )
    );
    out.push_str(&funnel_table(&o.funnel).text_indented("  "));
    let _ = writeln!(
        out,
        "\n{}",
        pick("渠道（同一批客户）", "Channels, the same customers")
    );
    out.push_str(&channel_table(&o.channels).text_indented("  "));
    out.push_str(&care_text(&o.care));
    out
}

/// The care summary: totals, then one line per kind.
fn care_text(c: &CareOverview) -> String {
    let mut out = say!(
        "\n截至 {} 的关怀任务：共 {} 项，待办 {} 项：今日到期 {} 项，逾期 {} 项\n",
        "\nCare tasks as of {}: {} stored, {} to do: {} due today, {} overdue\n",
        c.today,
        thousands(c.tasks),
        thousands(c.pending),
        thousands(c.due_today),
        thousands(c.overdue)
    );
    let table = Table {
        header: vec![
            heading("kind", "类型", "kind"),
            heading("tasks", "任务", "tasks"),
            heading("to_do", "待办", "to do"),
            heading("due_today", "今日到期", "due today"),
            heading("overdue", "逾期", "overdue"),
        ],
        rows: c
            .by_kind
            .iter()
            .map(|k| {
                vec![
                    Cell::code(k.kind.code(), care_kind_label(k.kind)),
                    Cell::Count(k.tasks),
                    Cell::Count(k.pending),
                    Cell::Count(k.due_today),
                    Cell::Count(k.overdue),
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
    use super::percent;

    #[test]
    fn percentages_round_to_one_decimal() {
        assert_eq!(percent(1, 3), 33.3);
        assert_eq!(percent(2, 3), 66.7);
        assert_eq!(percent(0, 0), 0.0);
    }
}
