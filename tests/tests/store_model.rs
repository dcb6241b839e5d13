//! Model-based property test: random sequences of store operations, applied to a real
//! SQLite store and to a plain in-memory model, must agree at every step.

use chrono::Duration;
use crm_core::strategies::{
    customer::{customer_patch, near_valid_customer, new_customer},
    reference_now,
};
use crm_core::{
    Contact, ContactKind, Customer, CustomerId, CustomerPatch, CustomerSummary, ManualClock,
    NewCustomer,
};
use crm_store::{ListQuery, Store, StoreError};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone)]
enum Op {
    Create(NewCustomer),
    CreateInvalid(NewCustomer),
    Update {
        target: prop::sample::Index,
        patch: CustomerPatch,
        stale: bool,
    },
    Archive(prop::sample::Index),
    Restore(prop::sample::Index),
    Delete(prop::sample::Index),
    Get(prop::sample::Index),
    Tick(i64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => new_customer().prop_map(Op::Create),
        1 => near_valid_customer().prop_map(|(c, _)| Op::CreateInvalid(c)),
        3 => (any::<prop::sample::Index>(), customer_patch(), prop::bool::weighted(0.2))
            .prop_map(|(target, patch, stale)| Op::Update { target, patch, stale }),
        1 => any::<prop::sample::Index>().prop_map(Op::Archive),
        1 => any::<prop::sample::Index>().prop_map(Op::Restore),
        1 => any::<prop::sample::Index>().prop_map(Op::Delete),
        2 => any::<prop::sample::Index>().prop_map(Op::Get),
        2 => (0i64..5_000).prop_map(Op::Tick),
    ]
}

/// The model: customers by id, exactly as the store should hold them.
#[derive(Default)]
struct Model {
    customers: BTreeMap<CustomerId, Customer>,
}

impl Model {
    fn pick(&self, index: &prop::sample::Index) -> Option<CustomerId> {
        if self.customers.is_empty() {
            return None;
        }
        self.customers
            .keys()
            .nth(index.index(self.customers.len()))
            .cloned()
    }

    /// Whether another customer (not `except`) has one of `contacts`' identifying keys,
    /// leaving out keys in `old_keys`.
    fn owner_of_any(
        &self,
        contacts: &[Contact],
        except: Option<&CustomerId>,
        old_keys: &[&str],
    ) -> bool {
        contacts.iter().any(|c| {
            c.kind != ContactKind::Other
                && !old_keys.contains(&c.key.as_str())
                && self.customers.values().any(|o| {
                    Some(&o.id) != except && o.profile.contacts.iter().any(|k| k.key == c.key)
                })
        })
    }

    /// Summaries newest first, as `list_customers` must return them.
    fn listing(&self, include_archived: bool) -> Vec<CustomerSummary> {
        let mut all: Vec<&Customer> = self
            .customers
            .values()
            .filter(|c| include_archived || c.archived_at.is_none())
            .collect();
        all.sort_by(|a, b| (b.created_at, &b.id).cmp(&(a.created_at, &a.id)));
        all.into_iter().map(CustomerSummary::from).collect()
    }
}

fn list_all(store: &Store, include_archived: bool) -> Vec<CustomerSummary> {
    let mut out = Vec::new();
    let mut query = ListQuery {
        include_archived,
        limit: 3,
        cursor: None,
    };
    loop {
        let page = store.list_customers(&query).unwrap();
        out.extend(page.customers);
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => return out,
        }
    }
}

fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(reference_now()));
    let store = Store::open_with_clock(dir.path().join("model.sqlite3"), clock.clone()).unwrap();
    let mut model = Model::default();
    for op in ops {
        let now = clock_now(&clock);
        match op {
            Op::Tick(ms) => clock.advance(Duration::milliseconds(ms)),
            Op::Create(new) => {
                let profile = new.validate(now).unwrap();
                if model.owner_of_any(&profile.contacts, None, &[]) {
                    let duplicate = matches!(
                        store.create_customer(&new),
                        Err(StoreError::Duplicate { .. })
                    );
                    prop_assert!(duplicate);
                    continue;
                }
                let created = store.create_customer(&new).unwrap();
                prop_assert_eq!(&created.profile, &new.validate(now).unwrap());
                prop_assert_eq!(created.version, 1);
                prop_assert_eq!(created.created_at, now);
                model.customers.insert(created.id.clone(), created);
            }
            Op::CreateInvalid(new) => {
                let rejected = matches!(store.create_customer(&new), Err(StoreError::Invalid(_)));
                prop_assert!(rejected);
            }
            Op::Update {
                target,
                patch,
                stale,
            } => {
                let Some(id) = model.pick(&target) else {
                    continue;
                };
                let current = model.customers[&id].clone();
                let version = if stale {
                    current.version + 1
                } else {
                    current.version
                };
                let result = store.update_customer(&id, version, &patch);
                if stale {
                    let conflict = matches!(result, Err(StoreError::Conflict { .. }));
                    prop_assert!(conflict);
                    continue;
                }
                let expected_profile = patch.apply(&current.profile, now).unwrap();
                let old_keys: Vec<&str> = current
                    .profile
                    .contacts
                    .iter()
                    .map(|c| c.key.as_str())
                    .collect();
                if model.owner_of_any(&expected_profile.contacts, Some(&id), &old_keys) {
                    let duplicate = matches!(result, Err(StoreError::Duplicate { .. }));
                    prop_assert!(duplicate);
                    continue;
                }
                let updated = result.unwrap();
                prop_assert_eq!(&updated.profile, &expected_profile);
                prop_assert_eq!(updated.version, current.version + 1);
                prop_assert_eq!(updated.updated_at, now);
                model.customers.insert(id, updated);
            }
            Op::Archive(target) | Op::Restore(target) => {
                let Some(id) = model.pick(&target) else {
                    continue;
                };
                let archive = matches!(op, Op::Archive(_));
                let c = model.customers.get_mut(&id).unwrap();
                let result = if archive {
                    store.archive_customer(&id, c.version).unwrap()
                } else {
                    store.restore_customer(&id, c.version).unwrap()
                };
                c.version += 1;
                c.updated_at = now;
                c.archived_at = if archive {
                    Some(c.archived_at.unwrap_or(now))
                } else {
                    None
                };
                prop_assert_eq!(&result, &*c);
            }
            Op::Delete(target) => {
                let Some(id) = model.pick(&target) else {
                    continue;
                };
                store.delete_customer(&id).unwrap();
                model.customers.remove(&id);
                let gone = matches!(store.get_customer(&id), Err(StoreError::NotFound { .. }));
                prop_assert!(gone);
            }
            Op::Get(target) => {
                let Some(id) = model.pick(&target) else {
                    continue;
                };
                prop_assert_eq!(&store.get_customer(&id).unwrap(), &model.customers[&id]);
            }
        }
    }
    prop_assert_eq!(list_all(&store, false), model.listing(false));
    prop_assert_eq!(list_all(&store, true), model.listing(true));
    prop_assert_eq!(
        store.count_customers(true).unwrap(),
        model.customers.len() as u64
    );
    for (id, expected) in &model.customers {
        prop_assert_eq!(&store.get_customer(id).unwrap(), expected);
    }
    Ok(())
}

fn clock_now(clock: &ManualClock) -> chrono::DateTime<chrono::Utc> {
    use crm_core::Clock;
    clock.now()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_store_agrees_with_a_simple_model(ops in prop::collection::vec(op(), 1..40)) {
        run(ops)?;
    }
}
