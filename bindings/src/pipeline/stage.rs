//! The funnel's stages (销售阶段) and the two side states a customer is set aside into
//! (战败, 休眠).

use crate::convert::same_variants;

/// Where a customer stands in the funnel, in funnel order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Stage {
    /// A new lead (新线索): nobody has talked to them yet.
    NewLead,
    /// A consultant has talked to them (已联系).
    Contacted,
    /// Invited to the store (已邀约).
    Invited,
    /// Came to the store (已到店).
    Visited,
    /// Test-drove a car (已试驾).
    TestDriven,
    /// Negotiating price and terms (洽谈中).
    Negotiating,
    /// Placed an order (已订车).
    Ordered,
    /// Took delivery: the deal is won (已交车, 成交).
    Delivered,
}

same_variants!(Stage <=> crm_core::Stage {
    NewLead, Contacted, Invited, Visited, TestDriven, Negotiating, Ordered, Delivered
});

/// The two side states a customer is set aside into, each by a manager's approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum AsideKind {
    /// Lost (战败): bought elsewhere or gave up.
    Lost,
    /// Dormant (休眠): not now, maybe later.
    Dormant,
}

same_variants!(AsideKind <=> crm_core::AsideKind { Lost, Dormant });
