//! The store's report methods: each validates the period, compiles its customer filter and
//! reads the figures in one read transaction.

use super::facts::{load_facts, Chosen, Scope};
use super::fast;
use crate::error::Result;
use crate::find::filter_sql::Conditions;
use crate::settings::stored::read_settings;
use crate::store::Store;
use crm_core::{
    consultant_report, intent_report, lost_report, ChannelReport, ConsultantRow, CustomerFacts,
    FunnelReport, IntentReport, LostReport, ReportPeriod,
};

impl Store {
    /// The conversion funnel (销售漏斗) of the customers created in `period` (owned by its
    /// consultant when one is given), as [`crm_core::funnel_report`] computes it.
    ///
    /// Errors: `to` not after `from` (`to`), a consultant too long or with control
    /// characters (`consultant`), a bad customer filter (named within `customers`, e.g.
    /// `customers.channels[0]`).
    pub fn funnel_report(&self, period: &ReportPeriod) -> Result<FunnelReport> {
        let period = period.validate()?;
        let customers = self.report_conditions(&period)?;
        self.read(|tx| fast::funnel(tx, chosen(&period, &customers)))
    }

    /// Channel effectiveness (渠道效果) of the customers created in `period`, as
    /// [`crm_core::channel_report`] computes it. Errors as [`Store::funnel_report`].
    pub fn channel_report(&self, period: &ReportPeriod) -> Result<ChannelReport> {
        let period = period.validate()?;
        let customers = self.report_conditions(&period)?;
        self.read(|tx| fast::channels(tx, chosen(&period, &customers)))
    }

    /// The losses (战败分析) approved in `period`, as [`crm_core::lost_report`] computes them.
    /// Errors as [`Store::funnel_report`].
    pub fn lost_report(&self, period: &ReportPeriod) -> Result<LostReport> {
        let period = period.validate()?;
        let customers = self.report_conditions(&period)?;
        let facts = self.read(|tx| load_facts(tx, chosen(&period, &customers), Scope::Lost))?;
        Ok(lost_report(&facts, &period))
    }

    /// Each consultant's activity (顾问工作量) in `period`, as [`crm_core::consultant_report`]
    /// computes it, first responses against the dealership's deadline
    /// (`settings().cadence.first_response_minutes`). Errors as [`Store::funnel_report`].
    pub fn consultant_report(&self, period: &ReportPeriod) -> Result<Vec<ConsultantRow>> {
        let period = period.validate()?;
        let customers = self.report_conditions(&period)?;
        let (facts, cadence) = self.read(|tx| {
            let facts = load_facts(tx, chosen(&period, &customers), Scope::Activity)?;
            Ok((facts, read_settings(tx)?.cadence))
        })?;
        Ok(consultant_report(&facts, &period, cadence.first_response()))
    }

    /// The intent level distribution as of `period.to` and its movement over the period
    /// (意向级别), as [`crm_core::intent_report`] computes it. Errors as
    /// [`Store::funnel_report`].
    pub fn intent_report(&self, period: &ReportPeriod) -> Result<IntentReport> {
        let period = period.validate()?;
        let customers = self.report_conditions(&period)?;
        let facts =
            self.read(|tx| load_facts(tx, chosen(&period, &customers), Scope::CreatedBeforeEnd))?;
        Ok(intent_report(&facts, &period))
    }

    /// The report facts (moves, orders, follow-ups, visits, intent level changes) of the customers
    /// created in `period`, owned by its consultant when one is given and matched by its
    /// customer filter when there is one, oldest first: what
    /// the funnel and the channel table are computed from the straightforward way
    /// (`crm_core::funnel_report(&store.load_report_facts(&p)?, &p)`). Errors as
    /// [`Store::funnel_report`].
    pub fn load_report_facts(&self, period: &ReportPeriod) -> Result<Vec<CustomerFacts>> {
        let period = period.validate()?;
        let customers = self.report_conditions(&period)?;
        self.read(|tx| load_facts(tx, chosen(&period, &customers), Scope::Cohort))
    }

    /// The compiled customer filter of a validated period, if it has one.
    fn report_conditions(&self, period: &ReportPeriod) -> Result<Option<Conditions>> {
        period
            .customers
            .as_ref()
            .map(|filter| self.conditions(filter))
            .transpose()
    }
}

/// The customers `period` chooses, narrowed by its compiled filter.
fn chosen<'a>(period: &'a ReportPeriod, customers: &'a Option<Conditions>) -> Chosen<'a> {
    Chosen {
        period,
        customers: customers.as_ref(),
    }
}
