//! The managers' reports (funnel, channels, losses, consultants) as sheets of one
//! workbook: headers in the chosen language, counts and amounts as numbers, shares as
//! percentages.

use crate::export::labels::{channel_label, lost_reason_label, stage_label, Label, Language};
use crate::export::row::Cell;
use crate::report::TOTAL_CHANNEL;
use crate::{ChannelReport, ConsultantRow, FunnelReport, LostReport};

/// One sheet: a name, a header row and the rows below it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's tab name.
    pub name: String,
    /// The header row.
    pub headers: Vec<String>,
    /// The rows, each as long as the header.
    pub rows: Vec<Vec<Cell>>,
}

/// The reports of one period a workbook holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSet {
    /// The funnel (销售漏斗).
    pub funnel: FunnelReport,
    /// Channels (渠道).
    pub channels: ChannelReport,
    /// Losses (战败).
    pub lost: LostReport,
    /// Consultants (顾问).
    pub consultants: Vec<ConsultantRow>,
}

fn l(zh: &'static str, en: &'static str) -> Label {
    Label { zh, en }
}

fn sheet(name: Label, headers: &[Label], rows: Vec<Vec<Cell>>, language: Language) -> Sheet {
    Sheet {
        name: name.get(language).to_owned(),
        headers: headers.iter().map(|h| h.get(language).to_owned()).collect(),
        rows,
    }
}

fn count(n: u32) -> Cell {
    Cell::Number(f64::from(n))
}

fn percent(bp: Option<u32>) -> Cell {
    bp.map_or(Cell::Empty, |bp| Cell::Percent(f64::from(bp) / 10_000.0))
}

fn number(value: Option<f64>) -> Cell {
    value.map_or(Cell::Empty, Cell::Number)
}

/// Yuan from fen, as a number (two decimals at most).
fn yuan(fen: i64) -> Cell {
    // Revenue stays far below 2^53 fen, where f64 is exact.
    Cell::Number(fen as f64 / 100.0)
}

fn text(t: &str) -> Cell {
    Cell::Text(t.to_owned())
}

/// The four sheets: funnel, channels, losses, consultants.
pub fn report_sheets(reports: &ReportSet, language: Language) -> Vec<Sheet> {
    vec![
        funnel_sheet(&reports.funnel, language),
        channel_sheet(&reports.channels, language),
        lost_sheet(&reports.lost, language),
        consultant_sheet(&reports.consultants, language),
    ]
}

fn funnel_sheet(r: &FunnelReport, language: Language) -> Sheet {
    let rows = r
        .rows
        .iter()
        .map(|row| {
            vec![
                text(stage_label(row.stage).get(language)),
                count(row.customers),
                count(row.reached),
                count(row.skipped),
                percent(row.conversion_bp),
                number(row.median_days_from_previous),
            ]
        })
        .collect();
    sheet(
        l("销售漏斗", "funnel"),
        &[
            l("阶段", "stage"),
            l("客户", "customers"),
            l("到达", "reached"),
            l("跳过", "skipped"),
            l("转化率", "conversion"),
            l("中位天数", "median days"),
        ],
        rows,
        language,
    )
}

fn channel_sheet(r: &ChannelReport, language: Language) -> Sheet {
    let rows = r
        .rows
        .iter()
        .chain([&r.total])
        .map(|row| {
            let name = match row.channel.as_str() {
                TOTAL_CHANNEL => l("合计", "total").get(language),
                other => channel_label(other).map_or(other, |label| label.get(language)),
            };
            vec![
                text(name),
                count(row.leads),
                count(row.visits),
                count(row.test_drives),
                count(row.orders),
                count(row.deliveries),
                percent(row.conversion_bp),
                number(row.median_days_to_close),
                yuan(row.revenue_fen),
            ]
        })
        .collect();
    sheet(
        l("渠道", "channels"),
        &[
            l("渠道", "channel"),
            l("线索", "leads"),
            l("到店", "visits"),
            l("试驾", "test drives"),
            l("订单", "orders"),
            l("交车", "deliveries"),
            l("成交率", "conversion"),
            l("成交中位天数", "median days to close"),
            l("成交额（元）", "revenue (yuan)"),
        ],
        rows,
        language,
    )
}

fn lost_sheet(r: &LostReport, language: Language) -> Sheet {
    let by_reason = l("原因", "reason").get(language);
    let by_competitor = l("竞品", "competitor").get(language);
    let rows = r
        .reasons_most_first()
        .into_iter()
        .map(|row| {
            vec![
                text(by_reason),
                text(lost_reason_label(row.reason).get(language)),
                count(row.count),
                percent(Some(row.share_bp)),
            ]
        })
        .chain(r.by_competitor.iter().map(|row| {
            vec![
                text(by_competitor),
                text(&row.competitor),
                count(row.count),
                percent(Some(row.share_bp)),
            ]
        }))
        .collect();
    sheet(
        l("战败", "lost"),
        &[
            l("按", "by"),
            l("名称", "name"),
            l("数量", "count"),
            l("占比", "share"),
        ],
        rows,
        language,
    )
}

fn consultant_sheet(rows: &[ConsultantRow], language: Language) -> Sheet {
    let unowned = l("（未分配）", "(unassigned)").get(language);
    let rows = rows
        .iter()
        .map(|row| {
            vec![
                text(row.consultant.as_deref().unwrap_or(unowned)),
                count(row.new_leads),
                count(row.uncontacted),
                count(row.follow_ups),
                number(row.median_first_response_minutes),
                count(row.first_responses_due),
                count(row.first_responses_in_time),
                percent(row.first_response_in_time_bp),
                count(row.orders),
                count(row.deliveries),
                yuan(row.revenue_fen),
            ]
        })
        .collect();
    sheet(
        l("顾问", "consultants"),
        &[
            l("顾问", "consultant"),
            l("新线索", "new leads"),
            l("未联系", "uncontacted"),
            l("跟进", "follow-ups"),
            l("首响中位分钟", "median first response min"),
            l("应首响", "responses due"),
            l("及时", "in time"),
            l("及时率", "in time share"),
            l("订单", "orders"),
            l("交车", "deliveries"),
            l("成交额（元）", "revenue (yuan)"),
        ],
        rows,
        language,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{channel_report, consultant_report, funnel_report, lost_report};
    use crate::ReportPeriod;
    use chrono::DateTime;

    fn empty_set() -> ReportSet {
        let period = ReportPeriod {
            from: DateTime::from_timestamp(0, 0).unwrap_or_default(),
            to: DateTime::from_timestamp(86_400, 0).unwrap_or_default(),
            consultant: None,
            customers: None,
        };
        ReportSet {
            funnel: funnel_report(&[], &period),
            channels: channel_report(&[], &period),
            lost: lost_report(&[], &period),
            consultants: consultant_report(&[], &period, chrono::Duration::hours(1)),
        }
    }

    #[test]
    fn four_sheets_with_rows_as_long_as_their_headers() {
        let sheets = report_sheets(&empty_set(), Language::Zh);
        let names: Vec<_> = sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["销售漏斗", "渠道", "战败", "顾问"]);
        for s in &sheets {
            for row in &s.rows {
                assert_eq!(row.len(), s.headers.len(), "{}", s.name);
            }
        }
        assert_eq!(sheets[0].rows.len(), 8);
        assert_eq!(sheets[0].rows[0][0], Cell::Text("新线索".into()));
        assert_eq!(sheets[0].rows[0][1], Cell::Number(0.0));
        let total = sheets[1].rows.last().cloned().unwrap_or_default();
        assert_eq!(total[0], Cell::Text("合计".into()));
        let en = report_sheets(&empty_set(), Language::En);
        assert_eq!(en[3].headers[0], "consultant");
        assert_eq!(
            en[1].rows.last().map(|r| r[0].clone()),
            Some(Cell::Text("total".into()))
        );
    }

    #[test]
    fn shares_are_fractions_and_money_is_yuan() {
        assert_eq!(percent(Some(1_250)), Cell::Percent(0.125));
        assert_eq!(percent(None), Cell::Empty);
        assert_eq!(yuan(123_456), Cell::Number(1_234.56));
        assert_eq!(number(Some(2.5)), Cell::Number(2.5));
    }
}
