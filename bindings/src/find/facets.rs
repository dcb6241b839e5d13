//! Facets: how many customers of a filtered set have each channel, tag, importance, owner
//! and online platform (the numbers on filter chips), and `facet_counts`.

use crate::customer::record::Importance;
use crate::error::CrmError;
use crate::find::filter::CustomerFilter;
use crate::find::source_kind::SourceKind;
use crate::number::Signed;
use crate::store::CrmStore;
use crm_core::Code;
use crm_store::StoreError;

/// How many customers come from one source channel kind.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChannelCount {
    /// The channel kind.
    pub value: SourceKind,
    /// How many customers.
    pub count: i64,
}

/// How many customers have one text value: a tag, an owner, a platform.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FacetCount {
    /// The value: a tag in its first spelling (`VIP` and `vip` count together), an owning
    /// consultant's id, an online platform's name.
    pub value: String,
    /// How many customers.
    pub count: i64,
}

/// How many customers have one importance mark.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ImportanceCount {
    /// The importance mark.
    pub value: Importance,
    /// How many customers.
    pub count: i64,
}

/// Counts per value of the dimensions an app shows as filter chips, among the customers
/// of one filter. Values no customer has are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct Facets {
    /// Per channel kind, most customers first.
    pub channels: Vec<ChannelCount>,
    /// Per tag, most customers first (the top 30).
    pub tags: Vec<FacetCount>,
    /// Per importance mark, from `Normal` to `Key`.
    pub importance: Vec<ImportanceCount>,
    /// Per owning consultant, most customers first (customers without one are not counted).
    pub owners: Vec<FacetCount>,
    /// Per online platform (汽车之家, 懂车帝 ...) among online leads, most customers first.
    pub platforms: Vec<FacetCount>,
}

impl TryFrom<crm_store::Facets> for Facets {
    type Error = StoreError;

    /// Fails on a channel kind or importance code this version does not know.
    fn try_from(f: crm_store::Facets) -> Result<Self, StoreError> {
        let channels = f
            .channels
            .into_iter()
            .map(|c| {
                let value = SourceKind::from_name(&c.value).ok_or(StoreError::Corrupt {
                    column: "customers.source_kind",
                })?;
                Ok(ChannelCount {
                    value,
                    count: c.count.signed(),
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let importance = f
            .importance
            .into_iter()
            .map(|c| {
                let value =
                    crm_core::Importance::from_code(&c.value).ok_or(StoreError::Corrupt {
                        column: "customers.importance",
                    })?;
                Ok(ImportanceCount {
                    value: value.into(),
                    count: c.count.signed(),
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Facets {
            channels,
            tags: texts(f.tags),
            importance,
            owners: texts(f.owners),
            platforms: texts(f.platforms),
        })
    }
}

fn texts(counts: Vec<crm_store::FacetCount>) -> Vec<FacetCount> {
    counts
        .into_iter()
        .map(|c| FacetCount {
            value: c.value,
            count: c.count.signed(),
        })
        .collect()
}

#[uniffi::export]
impl CrmStore {
    /// Among the customers matching `filter`, how many have each channel, tag and importance:
    /// the numbers on filter chips.
    #[uniffi::method(default(filter))]
    pub async fn facet_counts(&self, filter: CustomerFilter) -> Result<Facets, CrmError> {
        self.read(move |store| Ok(store.facet_counts(&filter.try_into()?)?.try_into()?))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crm_store::StoreError;

    fn count(value: &str, count: u64) -> crm_store::FacetCount {
        crm_store::FacetCount {
            value: value.into(),
            count,
        }
    }

    #[test]
    fn facet_values_become_typed() {
        let facets = Facets::try_from(crm_store::Facets {
            channels: vec![count("online_platform", 7), count("referral", 2)],
            tags: vec![count("VIP", 3)],
            importance: vec![count("normal", 5), count("key", 4)],
            owners: vec![count("u1", 6)],
            platforms: vec![count("汽车之家", 7)],
        })
        .unwrap();
        assert_eq!(facets.channels[0].value, SourceKind::OnlinePlatform);
        assert_eq!(facets.channels[1].count, 2);
        assert_eq!(facets.tags[0].value, "VIP");
        assert_eq!(facets.importance[1].value, Importance::Key);
        assert_eq!(facets.owners[0].value, "u1");
        assert_eq!(facets.platforms[0].count, 7);
    }

    #[test]
    fn an_unknown_stored_value_is_storage() {
        let bad = crm_store::Facets {
            importance: vec![count("vip", 1)],
            ..Default::default()
        };
        assert!(matches!(
            Facets::try_from(bad),
            Err(StoreError::Corrupt {
                column: "customers.importance"
            })
        ));
    }
}
