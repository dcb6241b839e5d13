//! Eviction: a customer who left the device's scope (reassigned to another consultant,
//! erased) is deleted from the book with every piece of their personal data, in the
//! caller's transaction, the outbox triggers quiet (the server already knows).
//!
//! Most of it goes by the schema's `ON DELETE CASCADE` from `customers` (contacts, tags,
//! search terms, follow-ups and their attachments, plans, intents, visits, orders, cars
//! with their readings, service marks and insurance dates, consents, care schedules, the
//! timeline, stage moves, level changes); what does not point at the customer with a
//! foreign key is deleted explicitly (merge records, the deletions log's records of
//! customers merged into them, the outbox's pending changes, refused changes kept for the
//! app). [`TABLES`] says, for every table of the schema, which applies;
//! a test fails when a table is added without being placed there.

use crate::error::Result;
use crate::follow_up::plans::{customer_active, open_plan_of};
use crate::follow_up::reminder_log::log_visibility;
use crate::sync::applying::quietly;
use crm_core::CustomerId;
use rusqlite::Connection;

/// How eviction treats a table.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Eviction {
    /// The customer's own row.
    Customer,
    /// Rows that go with the row of `parent` they point at (`ON DELETE CASCADE`).
    Cascade {
        /// The table pointed at (`customers` or a table that cascades from it).
        parent: &'static str,
    },
    /// Rows naming the customer without a foreign key, deleted by [`evict_customer`].
    Explicit,
    /// The customer's pending plan's reminder is logged as cancelled, so the app that
    /// scheduled it takes it down; the log holds reminder ids, no customer data.
    ReminderLog,
    /// No customer's data lives here (settings, the user's own views and templates, the
    /// catalogue, the device's sync state).
    NotCustomerData,
}

/// Every table of the schema and how eviction treats it.
#[cfg(test)]
pub(crate) const TABLES: &[(&str, Eviction)] = &[
    ("customers", Eviction::Customer),
    (
        "import_customers",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    ("imports", Eviction::NotCustomerData),
    (
        "contacts",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    (
        "customer_tags",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    (
        "search_terms",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    (
        "follow_ups",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    (
        "follow_up_attachments",
        Eviction::Cascade {
            parent: "follow_ups",
        },
    ),
    (
        "plans",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    (
        "timeline",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    (
        "deals",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    (
        "stage_moves",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    (
        "vehicle_intents",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    (
        "visits",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    (
        "orders",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    (
        "intent_level_changes",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    (
        "cars",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    ("odometer_readings", Eviction::Cascade { parent: "cars" }),
    ("insurance_ends", Eviction::Cascade { parent: "cars" }),
    ("car_services", Eviction::Cascade { parent: "cars" }),
    (
        "consents",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    (
        "care_schedules",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    (
        "care_task_moves",
        Eviction::Cascade {
            parent: "customers",
        },
    ),
    ("customer_merges", Eviction::Explicit),
    ("sync_outbox", Eviction::Explicit),
    ("sync_accepted", Eviction::Explicit),
    ("sync_rejections", Eviction::Explicit),
    ("reminder_changes", Eviction::ReminderLog),
    ("saved_views", Eviction::NotCustomerData),
    // Customers merged into the evicted one: their ids would still lead to it. The new
    // owner's book and the server keep the merge.
    ("deletions", Eviction::Explicit),
    ("settings", Eviction::NotCustomerData),
    ("templates", Eviction::NotCustomerData),
    ("catalogue_models", Eviction::NotCustomerData),
    ("sync_state", Eviction::NotCustomerData),
    // Hashes of keys only: no customer of this book is in them by name or number.
    ("dealership_keys", Eviction::NotCustomerData),
    // Orders of customers erased on this book, for the accounts: no link to anyone.
    ("erased_orders", Eviction::NotCustomerData),
];

/// Which `(entity, row_id)` of the outbox and of the refused changes belong to customer
/// `?1`, by the row ids of `crm_core::sync::Change::id`: the customer's own id for its
/// record and lists (and the ids of the duplicates merged into them, whose changes may
/// still wait), the ids of its rows, the uids of its append-only rows, the ids of its
/// follow-ups and cars for their lists. Read before the rows are deleted.
const ROWS_OF_CUSTOMER: &str = "
    (entity IN ('customers', 'contacts', 'customer_tags', 'consents', 'care_schedules')
        AND row_id IN (SELECT ?1 UNION ALL
            SELECT merged_id FROM customer_merges WHERE kept_id = ?1))
    OR (entity IN ('follow_ups', 'follow_up_attachments')
        AND row_id IN (SELECT id FROM follow_ups WHERE customer_id = ?1))
    OR (entity = 'plans' AND row_id IN (SELECT id FROM plans WHERE customer_id = ?1))
    OR (entity = 'vehicle_intents'
        AND row_id IN (SELECT id FROM vehicle_intents WHERE customer_id = ?1))
    OR (entity = 'visits' AND row_id IN (SELECT id FROM visits WHERE customer_id = ?1))
    OR (entity = 'orders' AND row_id IN (SELECT id FROM orders WHERE customer_id = ?1))
    OR (entity IN ('cars', 'car_services', 'insurance_ends')
        AND row_id IN (SELECT id FROM cars WHERE customer_id = ?1))
    OR (entity = 'customer_merges' AND row_id IN
        (SELECT merged_id FROM customer_merges WHERE kept_id = ?1 OR merged_id = ?1))
    OR (entity = 'timeline' AND row_id IN (SELECT uid FROM timeline WHERE customer_id = ?1))
    OR (entity = 'stage_moves'
        AND row_id IN (SELECT uid FROM stage_moves WHERE customer_id = ?1))
    OR (entity = 'care_task_moves'
        AND row_id IN (SELECT uid FROM care_task_moves WHERE customer_id = ?1))
    OR (entity = 'intent_level_changes'
        AND row_id IN (SELECT uid FROM intent_level_changes WHERE customer_id = ?1))
    OR (entity = 'odometer_readings' AND row_id IN (SELECT uid FROM odometer_readings
        WHERE car_id IN (SELECT id FROM cars WHERE customer_id = ?1)))";

/// Outbox entries that name the customer in their fields: changes of rows already
/// deleted on the device (whose ids no longer lead to the customer), merge records.
const FIELDS_NAME_CUSTOMER: &str = "
    json_extract(fields, '$.customer_id') IN (SELECT ?1 UNION ALL
        SELECT merged_id FROM customer_merges WHERE kept_id = ?1)
    OR json_extract(fields, '$.kept_id') = ?1
    OR json_extract(fields, '$.merged_id') = ?1";

/// The remembered accepted changes (`sync_accepted`, see `lost_writes`) of versioned
/// records no longer in the book: a record deleted earlier on the device, whose id no
/// longer leads to its customer, would otherwise keep the fields it last wrote (a
/// follow-up's notes) after its customer left. A record gone has nothing left to lose.
const ACCEPTED_OF_RECORDS_GONE: &str = "
    DELETE FROM sync_accepted WHERE
        (entity = 'customers' AND row_id NOT IN (SELECT id FROM customers))
        OR (entity = 'follow_ups' AND row_id NOT IN (SELECT id FROM follow_ups))
        OR (entity = 'plans' AND row_id NOT IN (SELECT id FROM plans))
        OR (entity = 'vehicle_intents' AND row_id NOT IN (SELECT id FROM vehicle_intents))
        OR (entity = 'visits' AND row_id NOT IN (SELECT id FROM visits))
        OR (entity = 'orders' AND row_id NOT IN (SELECT id FROM orders))";

/// Deletes customer `id` and all of their personal data from the book (see the module's
/// doc), with the outbox triggers quiet. Returns whether the customer was on the device;
/// their pending changes and refused changes are removed either way (not the server's
/// notice that the record was set aside, which explains why it left and names only the
/// customer who keeps it).
pub(crate) fn evict_customer(conn: &Connection, id: &str) -> Result<bool> {
    quietly(conn, || {
        conn.prepare_cached(&format!(
            "DELETE FROM sync_outbox WHERE {ROWS_OF_CUSTOMER} OR {FIELDS_NAME_CUSTOMER}"
        ))?
        .execute([id])?;
        conn.prepare_cached(&format!(
            "DELETE FROM sync_rejections WHERE kind <> 'set_aside' AND ({ROWS_OF_CUSTOMER})"
        ))?
        .execute([id])?;
        conn.prepare_cached(&format!(
            "DELETE FROM sync_accepted WHERE {ROWS_OF_CUSTOMER} OR {FIELDS_NAME_CUSTOMER}"
        ))?
        .execute([id])?;
        conn.prepare_cached("DELETE FROM customer_merges WHERE kept_id = ?1 OR merged_id = ?1")?
            .execute([id])?;
        // Only while the customer is here: a customer this book deleted itself keeps the
        // records of those merged into it (the server's delete coming back evicts nothing).
        conn.prepare_cached(
            "DELETE FROM deletions WHERE merged_into = ?1
             AND EXISTS (SELECT 1 FROM customers WHERE id = ?1)",
        )?
        .execute([id])?;
        let customer = CustomerId::from(id);
        if customer_active(conn, &customer)? {
            if let Some(plan) = open_plan_of(conn, &customer)? {
                log_visibility(conn, &plan, false)?;
            }
        }
        let deleted = conn
            .prepare_cached("DELETE FROM customers WHERE id = ?1")?
            .execute([id])?;
        conn.prepare_cached(ACCEPTED_OF_RECORDS_GONE)?.execute([])?;
        Ok(deleted > 0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use crm_core::{ContactInput, ContactKind, NewCustomer, SourceChannel};
    use std::collections::{BTreeMap, BTreeSet};

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("book.sqlite3")).unwrap();
        (dir, store)
    }

    fn strings(conn: &Connection, sql: &str) -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    }

    /// (table, column, parent table, on delete) of every foreign key of the schema.
    fn foreign_keys(conn: &Connection, table: &str) -> Vec<(String, String, String)> {
        let mut stmt = conn
            .prepare("SELECT \"table\", \"from\", on_delete FROM pragma_foreign_key_list(?1)")
            .unwrap();
        let rows = stmt
            .query_map([table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        rows.map(Result::unwrap).collect()
    }

    #[test]
    fn every_table_of_the_schema_is_placed_and_cascades_reach_the_customer() {
        let (_dir, store) = store();
        let placed: BTreeMap<&str, Eviction> = TABLES.iter().copied().collect();
        assert_eq!(placed.len(), TABLES.len(), "a table listed twice");
        store
            .read(|conn| {
                let tables = strings(
                    conn,
                    "SELECT name FROM sqlite_master WHERE type = 'table' \
                     AND name NOT LIKE 'sqlite_%' ORDER BY name",
                );
                let holding_data: BTreeSet<&str> = placed
                    .iter()
                    .filter(|(_, e)| !matches!(e, Eviction::NotCustomerData))
                    .map(|(t, _)| *t)
                    .collect();
                for table in &tables {
                    let how = placed.get(table.as_str()).unwrap_or_else(|| {
                        panic!("table {table} is not in evict::TABLES: say how eviction treats it")
                    });
                    let keys = foreign_keys(conn, table);
                    // A table pointing at customer data is customer data, and must go with
                    // it (its other keys may only loosen, as an order's intent does).
                    for (parent, column, _) in &keys {
                        if holding_data.contains(parent.as_str()) {
                            assert!(
                                matches!(how, Eviction::Cascade { .. }),
                                "{table}.{column} points at {parent}: {table} must cascade"
                            );
                        }
                    }
                    if let Eviction::Cascade { parent } = how {
                        assert!(
                            keys.iter().any(|(p, _, d)| p == parent && d == "CASCADE"),
                            "{table} does not cascade from {parent}"
                        );
                        // The chain of parents ends at the customer.
                        let mut up = *parent;
                        while let Some(Eviction::Cascade { parent }) = placed.get(up) {
                            up = parent;
                        }
                        assert_eq!(up, "customers", "{table}'s cascade");
                    }
                    // A table with a customer column is customer data.
                    let columns = strings(
                        conn,
                        &format!("SELECT name FROM pragma_table_info('{table}')"),
                    );
                    if columns.iter().any(|c| c == "customer_id") {
                        assert_ne!(*how, Eviction::NotCustomerData, "{table}");
                    }
                }
                for (table, _) in TABLES {
                    assert!(
                        tables.iter().any(|t| t == table),
                        "{table} is no longer in the schema"
                    );
                }
                Ok(())
            })
            .unwrap();
    }

    /// 王芳, who is evicted, and 李雷, who stays, on `store`.
    fn two_customers(store: &Store) -> (CustomerId, CustomerId) {
        let new = |name: &str, phone: &str| {
            let new = NewCustomer::new(
                name,
                ContactInput::new(ContactKind::Mobile, phone),
                SourceChannel::ShowroomWalkIn,
            );
            store.create_customer(&new).unwrap().id
        };
        (new("王芳", "13800138000"), new("李雷", "13900139000"))
    }

    fn count(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn eviction_removes_the_customer_their_records_and_what_names_them_but_no_one_else() {
        let (_dir, store) = store();
        let (gone, stays) = two_customers(&store);
        let (g, s) = (gone.as_str(), stays.as_str());
        store
            .write(|tx| {
                tx.execute_batch(&format!(
                    "INSERT INTO sync_outbox (entity, row_id, op, fields, at) VALUES
                        ('customers', '{g}', 'put', '{{}}', 1),
                        ('contacts', '{g}', 'put', '{{}}', 1),
                        ('follow_ups', 'deleted-already', 'put', '{{\"customer_id\": \"{g}\"}}', 1),
                        ('customers', '{s}', 'put', '{{}}', 1);
                     INSERT INTO sync_rejections (op_id, entity, row_id, reason, at) VALUES
                        (90, 'customers', '{g}', 'no', 1), (91, 'customers', '{s}', 'no', 1);
                     INSERT INTO customer_merges (kept_id, merged_id, merged_at, merged_json)
                        VALUES ('{g}', 'other', 1, '{{}}'), ('{s}', 'other2', 1, '{{}}');"
                ))?;
                assert!(evict_customer(tx, g)?);
                assert!(!evict_customer(tx, g)?, "a second time: nothing left");
                assert!(!crate::sync::applying::is_on(tx)?);
                Ok(())
            })
            .unwrap();
        store
            .read(|c| {
                assert_eq!(count(c, "SELECT count(*) FROM customers"), 1);
                let name_or_id = format!(
                    "SELECT count(*) FROM search_terms t JOIN customers c USING (seq) WHERE c.id = '{g}'"
                );
                assert_eq!(count(c, &name_or_id), 0);
                assert_eq!(count(c, "SELECT count(*) FROM contacts"), 1);
                // The other customer's changes (queued by the outbox triggers as they
                // were made, and the one above) stay; none of the evicted one's does.
                let queued = strings(c, "SELECT fields || row_id FROM sync_outbox");
                assert!(queued.iter().any(|q| q.contains(s)));
                assert!(queued.iter().all(|q| !q.contains(g)), "{queued:?}");
                assert_eq!(
                    strings(c, "SELECT row_id FROM sync_rejections"),
                    vec![s.to_string()]
                );
                assert_eq!(
                    strings(c, "SELECT kept_id FROM customer_merges"),
                    vec![s.to_string()]
                );
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn every_versioned_record_is_swept_from_the_accepted_changes() {
        for entity in crm_core::sync::SyncEntity::ALL {
            if crate::sync::columns::entity_columns(entity)
                .version
                .is_some()
            {
                let clause = format!("entity = '{}' AND row_id NOT IN", entity.table());
                assert!(
                    ACCEPTED_OF_RECORDS_GONE.contains(&clause),
                    "{}: add it to ACCEPTED_OF_RECORDS_GONE",
                    entity.table()
                );
            }
        }
    }

    #[test]
    fn eviction_forgets_the_accepted_changes_of_the_customer_and_of_records_gone() {
        let (_dir, store) = store();
        let (gone, stays) = two_customers(&store);
        let (g, s) = (gone.as_str(), stays.as_str());
        store
            .write(|tx| {
                tx.execute_batch(&format!(
                    "INSERT INTO sync_accepted (entity, row_id, op_id, fields) VALUES
                        ('customers', '{g}', 1, '{{\"notes\": \"王芳的备注\"}}'),
                        ('follow_ups', 'deleted-before', 2, '{{\"notes\": \"她的秘密\"}}'),
                        ('customer_merges', 'm1', 3, '{{\"kept_id\": \"{g}\"}}'),
                        ('customers', '{s}', 4, '{{\"notes\": \"李雷的备注\"}}');"
                ))?;
                evict_customer(tx, g)?;
                Ok(())
            })
            .unwrap();
        store
            .read(|c| {
                assert_eq!(
                    strings(c, "SELECT row_id FROM sync_accepted"),
                    vec![s.to_string()]
                );
                Ok(())
            })
            .unwrap();
    }
}
