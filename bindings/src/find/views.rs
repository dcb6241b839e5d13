//! Saved views (保存的视图): [`ViewDefinition`], [`SavedView`], [`ListColumn`], and the calls
//! that create, read, rename, update, delete and run them.

use crate::convert::same_variants;
use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::find::filter::CustomerFilter;
use crate::find::list::CustomerPage;
use crate::find::query::{sort_or_default, sort_unless_default, Sort};
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::{Signed, Unsigned};
use crate::store::CrmStore;
use crm_core as domain;
use crm_store::StoreError;

/// A column the app may show in a customer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ListColumn {
    /// Name.
    Name,
    /// Primary contact.
    PrimaryContact,
    /// Gender.
    Gender,
    /// Source channel.
    Channel,
    /// Tags.
    Tags,
    /// Importance mark.
    Importance,
    /// Owning consultant.
    Owner,
    /// Region.
    Region,
    /// Birthday.
    Birthday,
    /// Created.
    Created,
    /// Last contact.
    LastContact,
}

/// What a view shows: which customers, in which order, with which columns.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct ViewDefinition {
    /// Which customers. Errors name its fields `filter.…` (`filter.birthday_months[0]`).
    #[uniffi(default)]
    pub filter: CustomerFilter,
    /// The order; absent means newest first (and that order reads back as absent).
    #[uniffi(default = None)]
    pub sort: Option<Sort>,
    /// The columns, in order, at most 20 (empty: the app's default columns).
    #[uniffi(default = [])]
    pub columns: Vec<ListColumn>,
}

/// A stored view.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SavedView {
    /// The id (UUIDv7 text).
    pub id: String,
    /// The name the user gave it: at most 40 characters, unique ignoring case.
    pub name: String,
    /// Filter, sort and columns.
    pub definition: ViewDefinition,
    /// When the view was created.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
    /// Version for optimistic concurrency: pass it back to rename or update the view.
    pub version: i64,
}

same_variants!(ListColumn <=> domain::ListColumn {
    Name, PrimaryContact, Gender, Channel, Tags, Importance, Owner, Region, Birthday, Created,
    LastContact
});

impl TryFrom<ViewDefinition> for domain::ViewDefinition {
    type Error = CrmError;

    /// Fails only on a filter date that is not a real one (`filter.ordered_from` ...).
    fn try_from(d: ViewDefinition) -> Result<Self, CrmError> {
        Ok(domain::ViewDefinition {
            filter: d
                .filter
                .try_into()
                .map_err(|e: CrmError| e.within("filter"))?,
            sort: sort_or_default(d.sort),
            columns: d.columns.into_iter().map(Into::into).collect(),
        })
    }
}

impl TryFrom<domain::ViewDefinition> for ViewDefinition {
    type Error = StoreError;

    fn try_from(d: domain::ViewDefinition) -> Result<Self, StoreError> {
        Ok(ViewDefinition {
            filter: d.filter.try_into()?,
            sort: sort_unless_default(d.sort),
            columns: d.columns.into_iter().map(Into::into).collect(),
        })
    }
}

impl TryFrom<domain::SavedView> for SavedView {
    type Error = StoreError;

    fn try_from(v: domain::SavedView) -> Result<Self, StoreError> {
        Ok(SavedView {
            id: v.id,
            name: v.name,
            definition: v.definition.try_into()?,
            created_at: v.created_at,
            updated_at: v.updated_at,
            version: v.version.signed(),
        })
    }
}

#[uniffi::export]
impl CrmStore {
    /// Saves a new view named `name` (trimmed, at most 40 characters).
    ///
    /// Fails with `InvalidInput` on `name` when it is blank, too long or already used by
    /// another view (ignoring case; reason "is already used"), or naming a wrong value of the
    /// definition (`filter.birthday_months[0]`, `columns`).
    pub async fn create_view(
        &self,
        name: String,
        definition: ViewDefinition,
    ) -> Result<SavedView, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Settings]), move |store| {
            let view = store.create_view(&name, &definition.try_into()?)?;
            Ok(view.try_into()?)
        })
        .await
    }

    /// The view `id`. Fails with `NotFound`.
    pub async fn get_view(&self, id: String) -> Result<SavedView, CrmError> {
        self.read(move |store| Ok(store.get_view(&id)?.try_into()?))
            .await
    }

    /// Every saved view, by name (ignoring case).
    pub async fn list_views(&self) -> Result<Vec<SavedView>, CrmError> {
        self.read(move |store| {
            let views = store.list_views()?;
            Ok(views
                .into_iter()
                .map(SavedView::try_from)
                .collect::<Result<_, _>>()?)
        })
        .await
    }

    /// Renames view `id` if it is still at `expected_version`; returns it at its new version.
    /// Fails like `create_view` on the name, with `Conflict` or `NotFound`.
    pub async fn rename_view(
        &self,
        id: String,
        expected_version: i64,
        name: String,
    ) -> Result<SavedView, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Settings]), move |store| {
            let view =
                store.rename_view(&id, expected_version.unsigned("expected_version")?, &name)?;
            Ok(view.try_into()?)
        })
        .await
    }

    /// Replaces the filter, sort and columns of view `id` if it is still at
    /// `expected_version`; returns it at its new version. Fails with `InvalidInput`,
    /// `Conflict` or `NotFound`.
    pub async fn update_view(
        &self,
        id: String,
        expected_version: i64,
        definition: ViewDefinition,
    ) -> Result<SavedView, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Settings]), move |store| {
            let view = store.update_view(
                &id,
                expected_version.unsigned("expected_version")?,
                &definition.try_into()?,
            )?;
            Ok(view.try_into()?)
        })
        .await
    }

    /// Deletes view `id` (its customers are untouched). Fails with `NotFound`.
    pub async fn delete_view(&self, id: String) -> Result<(), CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Settings]), move |store| {
            Ok(store.delete_view(&id)?)
        })
        .await
    }

    /// One page of the customers view `id` shows, in its sort. `limit` is 1 to 10,000
    /// (absent: 50); continue with `cursor = page.next_cursor`. Fails with `NotFound`.
    #[uniffi::method(default(limit = None, cursor = None))]
    pub async fn run_view(
        &self,
        id: String,
        limit: Option<i32>,
        cursor: Option<String>,
    ) -> Result<CustomerPage, CrmError> {
        self.read(move |store| {
            let limit = limit
                .unsigned("limit")?
                .unwrap_or(crm_store::CustomerQuery::default().limit);
            Ok(store.run_view(&id, limit, cursor)?.into())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::find::query::SortKey;

    #[test]
    fn a_definition_round_trips() {
        let d = ViewDefinition {
            filter: CustomerFilter {
                tags_any: vec!["SUV".into()],
                ..Default::default()
            },
            sort: Some(Sort {
                key: SortKey::LastContact,
                descending: true,
            }),
            columns: vec![ListColumn::Name, ListColumn::LastContact],
        };
        let domain = domain::ViewDefinition::try_from(d.clone()).unwrap();
        assert!(domain.validate().is_ok());
        assert_eq!(ViewDefinition::try_from(domain).unwrap(), d);
    }

    #[test]
    fn an_empty_definition_is_the_domains_default() {
        assert_eq!(
            domain::ViewDefinition::try_from(ViewDefinition::default()).unwrap(),
            domain::ViewDefinition::default()
        );
    }
}
