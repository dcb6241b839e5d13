//! The arguments of `crm import` and `crm imports`.

use clap::{Args, Subcommand, ValueEnum};
use crm_store::DuplicatePolicy;
use std::path::PathBuf;

/// `crm import ...`.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Imports the customers of a sheet: CSV (UTF-8 or GBK; comma, semicolon or tab) or
    /// Excel (.xlsx, .xls). Columns are recognised by their headers (姓名, 手机, 微信, 性别,
    /// 生日, 来源, 意向车型, 意向级别, 标签, 备注, 所属顾问, 登记日期 ...) or named by
    /// --mapping. Prints a report; exit status 2 when some rows were refused.
    Customers(ImportCustomersArgs),
    /// Imports a follow-up history: a sheet of follow-ups (手机, 跟进时间, 跟进方式,
    /// 跟进类型, 跟进内容, 跟进人), each finding its customer by phone. Exit status 2 when
    /// some rows were refused.
    FollowUps {
        /// The sheet: .csv, .txt, .xlsx or .xls.
        file: PathBuf,
    },
    /// Undoes import ID (`crm imports list`): deletes the customers it created that
    /// nobody changed since.
    Undo {
        /// The import's id.
        id: String,
    },
}

/// `crm imports ...`.
#[derive(Debug, Subcommand)]
pub enum ImportsCommand {
    /// The book's imports, newest first.
    List,
}

/// What to do with a row whose contact already belongs to a customer.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OnDuplicate {
    /// Leave the customer as it is.
    Skip,
    /// Fill the customer's empty fields from the row.
    Update,
    /// Merge the row into the customer (contacts and tags united).
    Merge,
}

impl From<OnDuplicate> for DuplicatePolicy {
    fn from(d: OnDuplicate) -> Self {
        match d {
            OnDuplicate::Skip => DuplicatePolicy::Skip,
            OnDuplicate::Update => DuplicatePolicy::UpdateEmpty,
            OnDuplicate::Merge => DuplicatePolicy::Merge,
        }
    }
}

/// `crm import customers FILE ...`.
#[derive(Debug, Args)]
pub struct ImportCustomersArgs {
    /// The sheet: .csv, .txt, .xlsx or .xls.
    pub file: PathBuf,
    /// Report what would happen; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// What to do with a row whose phone, WeChat ID or e-mail a customer already has.
    #[arg(long, value_enum, default_value = "skip")]
    pub on_duplicate: OnDuplicate,
    /// A JSON file of header → field (`{"客户名": "name", "Cell": "phone", "编号":
    /// "ignore"}`); fields: name phone wechat email gender birthday source vehicle
    /// intent_level tags notes owner created ignore.
    #[arg(long, value_name = "M.json")]
    pub mapping: Option<PathBuf>,
    /// Write nothing unless every row can be imported.
    #[arg(long)]
    pub all_or_nothing: bool,
}
