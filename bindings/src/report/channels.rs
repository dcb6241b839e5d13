//! Channel effectiveness (渠道效果): [`ChannelReport`], [`ChannelRow`] and
//! `channel_report`.

use crate::error::CrmError;
use crate::find::source_kind::SourceKind;
use crate::number::Signed;
use crate::report::period::ReportPeriod;
use crate::store::CrmStore;

/// One source channel's figures over the cohort.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChannelRow {
    /// The channel's kind; `null` for the total row and for a kind this version does not
    /// know.
    pub kind: Option<SourceKind>,
    /// The channel's name as stored (`online_platform`), `total` for the total row.
    pub channel: String,
    /// Cohort customers who came through it (线索).
    pub leads: i64,
    /// Of those, the ones with a visit done (到店): the funnel's `reached` at visited.
    pub visits: i64,
    /// ... with a test drive done (试驾).
    pub test_drives: i64,
    /// ... who placed an order (订车).
    pub orders: i64,
    /// ... with an order delivered (交车).
    pub deliveries: i64,
    /// Deliveries as a share of leads, in basis points; `null` without leads.
    pub conversion_bp: Option<i32>,
    /// The median days from creation to delivery of the delivered ones.
    pub median_days_to_close: Option<f64>,
    /// What the delivered orders brought in (price less discount), in fen.
    pub revenue_fen: i64,
}

impl From<crm_core::ChannelRow> for ChannelRow {
    fn from(r: crm_core::ChannelRow) -> Self {
        ChannelRow {
            kind: SourceKind::from_name(&r.channel),
            channel: r.channel,
            leads: r.leads.signed(),
            visits: r.visits.signed(),
            test_drives: r.test_drives.signed(),
            orders: r.orders.signed(),
            deliveries: r.deliveries.signed(),
            conversion_bp: r.conversion_bp.signed(),
            median_days_to_close: r.median_days_to_close,
            revenue_fen: r.revenue_fen,
        }
    }
}

/// Channel effectiveness (渠道效果) of the customers created in the period.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChannelReport {
    /// One row per channel kind, every known kind in `SourceKind` order (zero rows included,
    /// so charts keep their colours), then any other kind found, alphabetically.
    pub rows: Vec<ChannelRow>,
    /// All channels together (counts and revenue are the rows' sums; the median is over
    /// all).
    pub total: ChannelRow,
}

impl From<crm_core::ChannelReport> for ChannelReport {
    fn from(r: crm_core::ChannelReport) -> Self {
        ChannelReport {
            rows: r.rows.into_iter().map(Into::into).collect(),
            total: r.total.into(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Channel effectiveness (渠道效果) of the customers created in `period`: per source
    /// channel, leads, visits, test drives, orders, deliveries, conversion, median days to
    /// close and revenue. Fails like `funnel_report`.
    pub async fn channel_report(&self, period: ReportPeriod) -> Result<ChannelReport, CrmError> {
        self.read(move |store| Ok(store.channel_report(&period.try_into()?)?.into()))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_channel_row_knows_its_kind_unless_total_or_unknown() {
        let row = |name: &str| crm_core::ChannelRow {
            channel: name.to_owned(),
            leads: 1,
            visits: 0,
            test_drives: 0,
            orders: 0,
            deliveries: 0,
            conversion_bp: Some(0),
            median_days_to_close: None,
            revenue_fen: 0,
        };
        for kind in SourceKind::ALL {
            assert_eq!(ChannelRow::from(row(kind.name())).kind, Some(kind));
        }
        assert_eq!(
            ChannelRow::from(row(crm_core::report::TOTAL_CHANNEL)).kind,
            None
        );
        assert_eq!(ChannelRow::from(row("carrier_pigeon")).kind, None);
    }
}
