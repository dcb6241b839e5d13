//! The command line of erasure and retention (clap derive).

use crate::term::flags::FieldFlag;
use clap::{ArgGroup, Args, Subcommand};

/// `crm customer erase`.
#[derive(Debug, Args)]
pub struct EraseArgs {
    /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
    pub id: String,
    /// Why (kept in the deletions log; say why, not who): `客户要求删除` ...
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
}

/// `crm retention ...`.
#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// Erase every customer lost or dormant for longer than the rule's months (the care
    /// run does it too); with `--dry-run`, only list them.
    Run {
        /// List the customers that would be erased; erase nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Set the rule: erase customers lost or dormant for longer than `--months`, or turn
    /// it off (the default).
    #[command(group(ArgGroup::new("rule").args(["months", "off"]).required(true)))]
    Set {
        /// Months (1 to 600) a lost or dormant customer is kept.
        #[arg(long, value_name = "N")]
        months: Option<u32>,
        /// Never erase customers by age.
        #[arg(long)]
        off: bool,
    },
}

/// The fields the options name otherwise (see `term/flags.rs`).
pub const FIELD_FLAGS: &[FieldFlag] = &[FieldFlag::new(
    "retention set",
    "erase_lost_or_dormant_after_months",
    "--months",
)];
