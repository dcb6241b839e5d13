//! The charts of the reports: what `--chart` draws for the funnel (customers per stage, the
//! conversion from the previous stage over each), the channels (leads and deliveries side by
//! side, the total left out) and the consultants (new leads, orders and deliveries side by
//! side, by name). Labels in the user's language.

use crate::customer::text::channel_label;
use crate::pipeline::text::stage_label;
use crate::report::chart::{Chart, Series};
use crate::term::lang::pick;
use crm_core::{ChannelReport, ConsultantRow, FunnelReport};
use crm_examples::generator::consultant_name;

/// The funnel: customers who got to each stage, the conversion over each stage after the
/// first.
pub fn funnel_chart(r: &FunnelReport, period: &str) -> Chart {
    Chart {
        title: format!("{} {period}", pick("销售漏斗", "Conversion funnel")),
        categories: r
            .rows
            .iter()
            .map(|row| stage_label(row.stage).to_owned())
            .collect(),
        series: vec![Series {
            name: pick("客户", "customers").to_owned(),
            values: r.rows.iter().map(|row| row.customers.into()).collect(),
        }],
        notes: r
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| match (i, row.conversion_bp) {
                (0, _) | (_, None) => String::new(),
                (_, Some(bp)) => format!("→ {}.{}%", bp / 100, bp % 100 / 10),
            })
            .collect(),
    }
}

/// The channels: leads and deliveries per channel.
pub fn channel_chart(r: &ChannelReport, period: &str) -> Chart {
    Chart {
        title: format!("{} {period}", pick("渠道效果", "Channels")),
        categories: r
            .rows
            .iter()
            .map(|row| channel_label(&row.channel).to_owned())
            .collect(),
        series: vec![
            Series {
                name: pick("线索", "leads").to_owned(),
                values: r.rows.iter().map(|row| row.leads.into()).collect(),
            },
            Series {
                name: pick("交车", "deliveries").to_owned(),
                values: r.rows.iter().map(|row| row.deliveries.into()).collect(),
            },
        ],
        notes: Vec::new(),
    }
}

/// The consultants side by side: new leads, orders and deliveries, each by name.
pub fn consultant_chart(rows: &[ConsultantRow], period: &str) -> Chart {
    let series = |name: &str, value: fn(&ConsultantRow) -> u32| Series {
        name: name.to_owned(),
        values: rows.iter().map(|row| value(row).into()).collect(),
    };
    Chart {
        title: format!("{} {period}", pick("顾问工作量", "Consultants")),
        categories: rows
            .iter()
            .map(|row| match row.consultant.as_deref() {
                Some(id) => consultant_name(id).unwrap_or(id).to_owned(),
                None => pick("未分配", "unassigned").to_owned(),
            })
            .collect(),
        series: vec![
            series(pick("新线索", "new leads"), |r| r.new_leads),
            series(pick("订单", "orders"), |r| r.orders),
            series(pick("交车", "deliveries"), |r| r.deliveries),
        ],
        notes: Vec::new(),
    }
}
