//! Customers (客户): the record with its contacts, tags, source channel and first contact;
//! creating, editing, archiving and deleting it; duplicates (撞单: a phone, WeChat ID or
//! e-mail already in the book) and merging them; importing a book; the quick-search
//! index kept in step with every write.
//!
//! - `customers.rs`: create, get, update, archive, restore, delete; `change_customer`, the
//!   one path every edit of a customer's row takes.
//! - `rows.rs`: the `customers` table's layout and the customer's contacts and tags.
//! - `search_index.rs`: the `search_terms` rows of a customer (read by `find::search`).
//! - `duplicates.rs`: the duplicate check; `merge.rs`: merging one customer into another.
//! - `import.rs`: importing customers with their original creation times.

pub(crate) mod customers;
pub(crate) mod duplicates;
pub(crate) mod import;
pub(crate) mod merge;
pub(crate) mod rows;
pub(crate) mod search_index;
