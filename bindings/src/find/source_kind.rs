//! `SourceKind`: a source channel without its details, as filters and facets name it.

/// The kind of a source channel (来源渠道), without the details a `SourceChannel` carries:
/// what a filter selects by and a facet counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum SourceKind {
    /// Walked into the showroom (展厅自然到店).
    ShowroomWalkIn,
    /// Referred by someone (朋友介绍).
    Referral,
    /// An online platform (网络推广).
    OnlinePlatform,
    /// The store's hotline.
    PhoneHotline,
    /// An auto show (车展).
    AutoShow,
    /// A marketing event.
    MarketingEvent,
    /// Has bought here before.
    RepeatCustomer,
    /// Anything else.
    Other,
}

impl SourceKind {
    /// Every kind, in declaration order.
    pub(crate) const ALL: [SourceKind; 8] = [
        SourceKind::ShowroomWalkIn,
        SourceKind::Referral,
        SourceKind::OnlinePlatform,
        SourceKind::PhoneHotline,
        SourceKind::AutoShow,
        SourceKind::MarketingEvent,
        SourceKind::RepeatCustomer,
        SourceKind::Other,
    ];

    /// The store's name of the kind (one of `crm_core::CHANNEL_KINDS`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            SourceKind::ShowroomWalkIn => "showroom_walk_in",
            SourceKind::Referral => "referral",
            SourceKind::OnlinePlatform => "online_platform",
            SourceKind::PhoneHotline => "phone_hotline",
            SourceKind::AutoShow => "auto_show",
            SourceKind::MarketingEvent => "marketing_event",
            SourceKind::RepeatCustomer => "repeat_customer",
            SourceKind::Other => "other",
        }
    }

    /// The kind the store calls `name`, if any.
    pub(crate) fn from_name(name: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// The store's kind names of `kinds`.
pub(crate) fn kind_names(kinds: Vec<SourceKind>) -> Vec<String> {
    kinds.into_iter().map(|k| k.name().to_owned()).collect()
}

/// Reads kind names the store wrote; an unknown one is data this version cannot read,
/// reported like the store reports it (`Storage`, naming `column`).
pub(crate) fn kinds_from_names(
    names: Vec<String>,
    column: &'static str,
) -> Result<Vec<SourceKind>, crm_store::StoreError> {
    names
        .iter()
        .map(|n| SourceKind::from_name(n).ok_or(crm_store::StoreError::Corrupt { column }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::source::SourceChannel;
    use crm_core as domain;

    /// The kind of a channel, by hand: the test below checks it against the domain's names.
    fn kind_of(s: &SourceChannel) -> SourceKind {
        match s {
            SourceChannel::ShowroomWalkIn => SourceKind::ShowroomWalkIn,
            SourceChannel::Referral { .. } => SourceKind::Referral,
            SourceChannel::OnlinePlatform { .. } => SourceKind::OnlinePlatform,
            SourceChannel::PhoneHotline => SourceKind::PhoneHotline,
            SourceChannel::AutoShow => SourceKind::AutoShow,
            SourceChannel::MarketingEvent => SourceKind::MarketingEvent,
            SourceChannel::RepeatCustomer => SourceKind::RepeatCustomer,
            SourceChannel::Other { .. } => SourceKind::Other,
        }
    }

    #[test]
    fn the_names_are_exactly_the_stores_channel_kinds() {
        let names: Vec<&str> = SourceKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names, domain::CHANNEL_KINDS);
        for k in SourceKind::ALL {
            assert_eq!(SourceKind::from_name(k.name()), Some(k));
        }
        assert_eq!(SourceKind::from_name("tv"), None);
    }

    #[test]
    fn a_channels_kind_has_the_name_the_domain_gives_it() {
        let channels = [
            SourceChannel::ShowroomWalkIn,
            SourceChannel::Referral {
                referrer_id: None,
                referrer_name: Some("李四".into()),
            },
            SourceChannel::OnlinePlatform {
                platform: "汽车之家".into(),
            },
            SourceChannel::PhoneHotline,
            SourceChannel::AutoShow,
            SourceChannel::MarketingEvent,
            SourceChannel::RepeatCustomer,
            SourceChannel::Other {
                description: "抖音".into(),
            },
        ];
        for channel in channels {
            let kind = kind_of(&channel);
            let domain = domain::SourceChannel::from(channel);
            assert_eq!(kind.name(), domain.kind_name());
        }
    }

    #[test]
    fn an_unknown_stored_name_is_a_storage_error_naming_the_column() {
        let err = kinds_from_names(
            vec!["referral".into(), "tv".into()],
            "customers.source_kind",
        )
        .unwrap_err();
        assert!(matches!(
            err,
            crm_store::StoreError::Corrupt {
                column: "customers.source_kind"
            }
        ));
    }
}
