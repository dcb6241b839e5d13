//! Customers (客户信息管理): who a customer is, how to reach them, where they came from, and
//! keeping one record per person (撞单, 合并客户).
//!
//! - [`record`]: `NewCustomer` and `Customer` (客户档案) with their plain parts (gender, age
//!   band, importance, region, first contact); create, get, archive, restore, delete.
//! - [`contact`]: `ContactInput` and `Contact` (phones, WeChat IDs, e-mails).
//! - [`source`]: `SourceChannel` (来源).
//! - [`patch`]: `CustomerPatch` and `CustomerField`; `update_customer`.
//! - [`summary`]: `CustomerSummary`, a list row.
//! - [`duplicates`]: `DuplicateContact` and `WriteOptions` (撞单); `check_duplicates`,
//!   `merge_customers`.
//! - [`import`]: `CustomerImport`; `import_customers`.

pub mod contact;
pub mod duplicates;
pub mod import;
pub mod patch;
pub mod record;
pub mod source;
pub mod summary;
