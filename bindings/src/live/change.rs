//! What a change listener is told: [`DataKind`], [`ChangeSource`], [`DataChange`].

use crm_core::CustomerId;

/// A kind of data a write may change; a live query re-runs when one it reads changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, uniffi::Enum)]
pub enum DataKind {
    /// Customers: their records, contacts, tags, owners, the pool (客户).
    Customers,
    /// Follow-ups, plans, reminders, intent levels: what the agenda reads (跟进).
    FollowUps,
    /// Vehicle intents, orders, deliveries, visits and the pipeline (购车意向, 订单, 漏斗).
    Deals,
    /// Cars, odometer readings, consent, care tasks and rules (客户关怀).
    Care,
    /// Settings, templates, saved views, the catalogue: what no list of customers shows.
    Settings,
}

impl DataKind {
    /// Every kind, for a change whose kinds are not known (a sync, another store's write).
    pub(crate) const ALL: [DataKind; 5] = [
        DataKind::Customers,
        DataKind::FollowUps,
        DataKind::Deals,
        DataKind::Care,
        DataKind::Settings,
    ];
}

/// Where a committed write came from, as the listener's `CrmStore` sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ChangeSource {
    /// A call on this `CrmStore`.
    Local,
    /// Rows applied from the dealership's server (`sync`, `applyDownload` ...).
    Sync,
    /// Another `CrmStore` open on the same file in this process (a background worker).
    OtherStore,
    /// Another process wrote to the file (an app extension, a widget, the `crm` tool),
    /// noticed by polling within a quarter of a second; told with every kind and no
    /// customer in particular. Within a quarter second in which another `CrmStore` of this
    /// process also wrote (told as `OtherStore`), the change is taken for that store's.
    OtherProcess,
}

/// One committed write: what changed. `customerIds` empty means "not one customer in
/// particular" (settings, an import, a sync): a query of one customer re-runs then too.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DataChange {
    /// The kinds of data the write changed, in `DataKind` order.
    pub kinds: Vec<DataKind>,
    /// The customer whose data changed, when the write concerned one.
    pub customer_ids: Vec<CustomerId>,
    /// Where the write came from.
    pub source: ChangeSource,
}
