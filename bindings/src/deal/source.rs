//! Why a deal began, and where it stands.

use crate::convert::same_variants;

/// Why a deal began (机会来源).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum DealSource {
    /// A new customer's first deal (新线索).
    NewLead,
    /// A customer who bought before buys again (再购).
    RepeatPurchase,
    /// A customer replaces the car they bought (换购).
    Replacement,
    /// A customer came through a referral (转介绍).
    Referral,
    /// A customer adds a car to the household (增购).
    AdditionalCar,
}

same_variants!(DealSource <=> crm_core::DealSource {
    NewLead, RepeatPurchase, Replacement, Referral, AdditionalCar
});

/// A deal's status: open until won (delivered), lost or dormant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum DealStatus {
    /// In the funnel (进行中), a pending request included.
    Open,
    /// Delivered (成交).
    Won,
    /// Lost (战败), approved.
    Lost,
    /// Dormant (休眠), approved.
    Dormant,
}

same_variants!(DealStatus <=> crm_core::DealStatus { Open, Won, Lost, Dormant });
