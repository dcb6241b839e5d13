//! Where a customer came from (来源): [`SourceChannel`], with its details (the referrer, the
//! online platform).

use crm_core as domain;
use crm_core::CustomerId;

/// How the customer found the store (来源).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SourceChannel {
    /// Walked into the showroom (展厅自然到店).
    ShowroomWalkIn,
    /// Referred by someone (朋友介绍): an existing customer, a name, or both (one is required).
    Referral {
        /// The referring customer, when they are in the book.
        #[uniffi(default = None)]
        referrer_id: Option<CustomerId>,
        /// The referrer's name as told.
        #[uniffi(default = None)]
        referrer_name: Option<String>,
    },
    /// An online platform (网络推广): Autohome, Dongchedi, Yiche, the brand's site ...
    OnlinePlatform {
        /// The platform's name.
        platform: String,
    },
    /// Called the store's hotline.
    PhoneHotline,
    /// Met at an auto show (车展).
    AutoShow,
    /// Came through a marketing event.
    MarketingEvent,
    /// Has bought here before.
    RepeatCustomer,
    /// Anything else, described.
    Other {
        /// What the channel was.
        description: String,
    },
}

impl From<SourceChannel> for domain::SourceChannel {
    fn from(s: SourceChannel) -> Self {
        use domain::SourceChannel as D;
        match s {
            SourceChannel::ShowroomWalkIn => D::ShowroomWalkIn,
            SourceChannel::Referral {
                referrer_id,
                referrer_name,
            } => D::Referral {
                referrer_id,
                referrer_name,
            },
            SourceChannel::OnlinePlatform { platform } => D::OnlinePlatform { platform },
            SourceChannel::PhoneHotline => D::PhoneHotline,
            SourceChannel::AutoShow => D::AutoShow,
            SourceChannel::MarketingEvent => D::MarketingEvent,
            SourceChannel::RepeatCustomer => D::RepeatCustomer,
            SourceChannel::Other { description } => D::Other { description },
        }
    }
}

impl From<domain::SourceChannel> for SourceChannel {
    fn from(s: domain::SourceChannel) -> Self {
        use domain::SourceChannel as D;
        match s {
            D::ShowroomWalkIn => SourceChannel::ShowroomWalkIn,
            D::Referral {
                referrer_id,
                referrer_name,
            } => SourceChannel::Referral {
                referrer_id,
                referrer_name,
            },
            D::OnlinePlatform { platform } => SourceChannel::OnlinePlatform { platform },
            D::PhoneHotline => SourceChannel::PhoneHotline,
            D::AutoShow => SourceChannel::AutoShow,
            D::MarketingEvent => SourceChannel::MarketingEvent,
            D::RepeatCustomer => SourceChannel::RepeatCustomer,
            D::Other { description } => SourceChannel::Other { description },
        }
    }
}
