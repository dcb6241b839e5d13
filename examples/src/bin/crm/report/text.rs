//! Each report as a [`Table`]: for the terminal (`crm report`, the overview: labels in the
//! user's language, names with consultants, money in yuan or 万) or a spreadsheet
//! (`--csv`: codes and plain numbers).

use crate::customer::text::{channel_label, owner_text};
use crate::follow_up::text::intent_label;
use crate::pipeline::text::{lost_reason_label, stage_label};
use crate::term::lang::{pick, say};
use crate::term::table::{heading, Cell, Table};
use crate::term::text::thousands;
use crm_core::report::TOTAL_CHANNEL;
use crm_core::{ChannelReport, Code, ConsultantRow, FunnelReport, IntentReport, LostReport};

/// The funnel as a table: stage, customers who got that far, of those the ones it happened
/// to and the ones a jump carried past it, conversion from the previous stage, median days
/// from it; the cohort and the side states under it.
pub fn funnel_table(r: &FunnelReport) -> Table {
    Table {
        header: vec![
            heading("stage", "阶段", "stage"),
            heading("customers", "客户", "customers"),
            heading("reached", "到达", "reached"),
            heading("skipped", "跳过", "skipped"),
            heading("conversion_pct", "转化率%", "conversion %"),
            heading("median_days", "中位天数", "median days"),
        ],
        rows: r
            .rows
            .iter()
            .map(|row| {
                vec![
                    Cell::code(row.stage.code(), stage_label(row.stage)),
                    Cell::Count(row.customers.into()),
                    Cell::Count(row.reached.into()),
                    Cell::Count(row.skipped.into()),
                    Cell::Percent(row.conversion_bp),
                    Cell::Decimal(row.median_days_from_previous),
                ]
            })
            .collect(),
        notes: vec![say!(
            "客户 {}，战败 {}，休眠 {}，待审批 {}",
            "cohort {}, lost {}, dormant {}, pending requests {}",
            thousands(r.cohort.into()),
            r.lost,
            r.dormant,
            r.pending
        )],
    }
}

/// The channel report as a table, one line per channel then the total.
pub fn channel_table(r: &ChannelReport) -> Table {
    Table {
        header: vec![
            heading("channel", "渠道", "channel"),
            heading("leads", "线索", "leads"),
            heading("visits", "到店", "visits"),
            heading("test_drives", "试驾", "test drives"),
            heading("orders", "订单", "orders"),
            heading("deliveries", "交车", "deliveries"),
            heading("conversion_pct", "成交率%", "conversion %"),
            heading(
                "median_days_to_close",
                "成交中位天数",
                "median days to close",
            ),
            heading("revenue_yuan", "成交额", "revenue"),
        ],
        rows: r
            .rows
            .iter()
            .chain([&r.total])
            .map(|row| {
                let label = match row.channel.as_str() {
                    TOTAL_CHANNEL => pick("合计", "total"),
                    other => channel_label(other),
                };
                vec![
                    Cell::code(row.channel.clone(), label),
                    Cell::Count(row.leads.into()),
                    Cell::Count(row.visits.into()),
                    Cell::Count(row.test_drives.into()),
                    Cell::Count(row.orders.into()),
                    Cell::Count(row.deliveries.into()),
                    Cell::Percent(row.conversion_bp),
                    Cell::Decimal(row.median_days_to_close),
                    Cell::Money(row.revenue_fen),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}

/// The lost analysis as a table: losses by reason, then by competitor, each most first,
/// with their shares.
pub fn lost_table(r: &LostReport) -> Table {
    let reasons = r.reasons_most_first().into_iter().map(|row| {
        vec![
            Cell::code("reason", pick("原因", "reason")),
            Cell::code(row.reason.code(), lost_reason_label(row.reason)),
            Cell::Count(row.count.into()),
            Cell::Percent(Some(row.share_bp)),
        ]
    });
    // Already most first, then by name.
    let competitors = r.by_competitor.iter().map(|row| {
        vec![
            Cell::code("competitor", pick("竞品", "competitor")),
            Cell::Text(row.competitor.clone()),
            Cell::Count(row.count.into()),
            Cell::Percent(Some(row.share_bp)),
        ]
    });
    Table {
        header: vec![
            heading("by", "按", "by"),
            heading("name", "名称", "name"),
            heading("count", "数量", "count"),
            heading("share_pct", "占比%", "share %"),
        ],
        rows: reasons.chain(competitors).collect(),
        notes: vec![say!(
            "战败 {}，其中 {} 位流向已知竞品",
            "lost {}, {} to a named competitor",
            r.total,
            r.with_competitor
        )],
    }
}

/// Consultant activity as a table, one line per consultant.
pub fn consultant_table(rows: &[ConsultantRow]) -> Table {
    Table {
        header: vec![
            heading("consultant", "顾问", "consultant"),
            heading("new_leads", "新线索", "new leads"),
            heading("uncontacted", "未联系", "uncontacted"),
            heading("follow_ups", "跟进", "follow-ups"),
            heading(
                "median_first_response_min",
                "首响中位分钟",
                "median first response min",
            ),
            heading("responses_due", "应首响", "responses due"),
            heading("in_time", "及时", "in time"),
            heading("in_time_pct", "及时率%", "in time %"),
            heading("orders", "订单", "orders"),
            heading("deliveries", "交车", "deliveries"),
            heading("revenue_yuan", "成交额", "revenue"),
        ],
        rows: rows
            .iter()
            .map(|row| {
                vec![
                    Cell::code(
                        row.consultant
                            .clone()
                            .unwrap_or_else(|| "(none)".to_owned()),
                        owner_text(row.consultant.as_deref()),
                    ),
                    Cell::Count(row.new_leads.into()),
                    Cell::Count(row.uncontacted.into()),
                    Cell::Count(row.follow_ups.into()),
                    Cell::Decimal(row.median_first_response_minutes),
                    Cell::Count(row.first_responses_due.into()),
                    Cell::Count(row.first_responses_in_time.into()),
                    Cell::Percent(row.first_response_in_time_bp),
                    Cell::Count(row.orders.into()),
                    Cell::Count(row.deliveries.into()),
                    Cell::Money(row.revenue_fen),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}

/// Intent levels as a table: the open customers' levels at the end, then the moves.
pub fn intent_table(r: &IntentReport) -> Table {
    let levels = r.distribution.iter().map(|row| {
        vec![
            Cell::code("level", pick("级别", "level")),
            Cell::Text(String::new()),
            Cell::code(row.level.code(), intent_label(row.level)),
            Cell::Count(row.customers.into()),
            Cell::Percent(Some(row.share_bp)),
        ]
    });
    let moves = r.movement.iter().map(|row| {
        vec![
            Cell::code("movement", pick("变化", "movement")),
            Cell::code(row.from.code(), intent_label(row.from)),
            Cell::code(row.to.code(), intent_label(row.to)),
            Cell::Count(row.customers.into()),
            Cell::Percent(None),
        ]
    });
    Table {
        header: vec![
            heading("part", "部分", "part"),
            heading("from", "从", "from"),
            heading("level", "级别", "level"),
            heading("customers", "客户", "customers"),
            heading("share_pct", "占比%", "share %"),
        ],
        rows: levels.chain(moves).collect(),
        notes: vec![say!("在跟客户 {}", "open customers {}", r.open_customers)],
    }
}
