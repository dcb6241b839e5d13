//! Errors named by what a person typed (`--said`, `--next-purpose`, `STAGE`), not by the
//! library's path to the field (`content`, `next.purpose`, `stage`). Every command's
//! failures pass through [`by_flag`] once, in `main`, with the path of the command that
//! ran (`["follow-up", "add"]`).
//!
//! A field's flag is found, in this order, for the field's path without list indices
//! (`intent.competitors[0]` is `intent.competitors`) and then for each of its parents:
//!
//! 1. the entry of a feature's `FIELD_FLAGS` table (in its `args.rs`) for that command,
//!    for names the options do not share with the library (`content` is `--said`);
//! 2. else the command's argument whose clap id is the path with `_` for `.`
//!    (`next.purpose` is `next_purpose`, `--next-purpose`), or a tail of it
//!    (`intent.body_type` is `--body-type`, `order.vehicle.model` is `--model`,
//!    `order.vin` of `order vin ORDER VIN` is `VIN`); for a parent of the field only a
//!    flag (`source.description` is `--source`).
//!
//! A field no argument sets keeps its path (`version`, `customer_id`).

use crate::care::args::FIELD_FLAGS as CARE;
use crate::cli::Cli;
use crate::customer::args::FIELD_FLAGS as CUSTOMER;
use crate::exit::Failure;
use crate::find::args::FIELD_FLAGS as FIND;
use crate::follow_up::args::FIELD_FLAGS as FOLLOW_UP;
use crate::pipeline::args::FIELD_FLAGS as PIPELINE;
use crate::privacy::args::FIELD_FLAGS as PRIVACY;
use crate::settings::args::FIELD_FLAGS as SETTINGS;
use crate::vehicle::args::FIELD_FLAGS as VEHICLE;
use clap::{ArgMatches, CommandFactory};
use crm_core::{Rule, ValidationError};
use crm_store::StoreError;

/// A field a command's option sets under another name than the library's.
#[derive(Debug, Clone, Copy)]
pub struct FieldFlag {
    /// The command, as typed after `crm` (`"follow-up add"`), or the first words of the
    /// commands it holds for (`"customer"`: every `customer ...` command).
    pub command: &'static str,
    /// The library's path to the field, without list indices (`contacts.mobile` for a
    /// customer's contact of that kind, see `customer/options.rs`).
    pub field: &'static str,
    /// What the person typed: a flag (`--said`), several (`--budget-min/--budget-max`), or
    /// a positional argument's name (`ORDER`); `{}` stands for the rest of the field's
    /// path (`values.model` under `values` is `--set {}=VALUE`: `--set model=VALUE`), or
    /// `NAME` when there is none (`values[2]`: `--set NAME=VALUE`).
    pub flag: &'static str,
}

impl FieldFlag {
    /// The entry for `field` of `command`, typed as `flag`.
    pub const fn new(command: &'static str, field: &'static str, flag: &'static str) -> Self {
        FieldFlag {
            command,
            field,
            flag,
        }
    }
}

/// Every feature's table.
const TABLES: &[&[FieldFlag]] = &[
    CUSTOMER, FIND, FOLLOW_UP, VEHICLE, PIPELINE, CARE, SETTINGS, PRIVACY,
];

/// The subcommand names of the command line `matches` holds (`["plan", "set"]`).
pub fn command_path(matches: &ArgMatches) -> Vec<String> {
    let mut path = Vec::new();
    let mut current = matches;
    while let Some((name, sub)) = current.subcommand() {
        path.push(name.to_owned());
        current = sub;
    }
    path
}

/// `failure` with its invalid field named by the flag of the command at `path` that sets
/// it; any other failure, or a field no flag sets, unchanged.
pub fn by_flag(failure: Failure, path: &[String]) -> Failure {
    let rename = |e: ValidationError| rename(e, path);
    match failure {
        Failure::Invalid(e) => Failure::Invalid(rename(e)),
        Failure::Store(StoreError::Invalid(e)) => Failure::Store(StoreError::Invalid(rename(e))),
        Failure::Store(StoreError::Duplicate { field, existing }) => {
            Failure::Store(StoreError::Duplicate {
                field: flag_of(&field, path).unwrap_or(field),
                existing,
            })
        }
        other => other,
    }
}

fn rename(mut e: ValidationError, path: &[String]) -> ValidationError {
    if let Some(flag) = flag_of(&e.field, path) {
        e.field = flag;
    }
    if let Rule::Conflicts { with } = &mut e.rule {
        if let Some(flag) = flag_of(with, path) {
            // The rule holds a static text; the process reports this error and exits.
            *with = flag.leak();
        }
    }
    e
}

/// `field` without list indices: `contacts[1].value` is `contacts.value`.
fn without_indices(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut depth = 0;
    for c in field.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether the table entry's `command` holds for the command at `path`.
fn holds_for(command: &str, path: &[String]) -> bool {
    let words: Vec<&str> = command.split_whitespace().collect();
    words.len() <= path.len() && words.iter().zip(path).all(|(w, p)| w == p)
}

/// The flag of the command at `path` that sets `field` (see the module docs).
fn flag_of(field: &str, path: &[String]) -> Option<String> {
    let key = without_indices(field);
    let segments: Vec<&str> = key.split('.').filter(|s| !s.is_empty()).collect();
    let cli = Cli::command();
    let mut leaf = &cli;
    for name in path {
        leaf = leaf.find_subcommand(name)?;
    }
    (1..=segments.len()).rev().find_map(|end| {
        let path_so_far = segments[..end].join(".");
        TABLES
            .iter()
            .flat_map(|table| table.iter())
            .find(|e| e.field == path_so_far && holds_for(e.command, path))
            .map(|e| {
                let rest = segments[end..].join(".");
                e.flag
                    .replace("{}", if rest.is_empty() { "NAME" } else { &rest })
            })
            .or_else(|| argument_of(leaf, &segments[..end], end == segments.len()))
    })
}

/// The argument of `command` whose id is `segments` joined by `_`, or a tail of them; as
/// typed (`--next-purpose`, `STAGE`). Only flags stand for a field's parent
/// (`source.description` is `--source`), never a positional argument (`order.vin` of
/// `order vin ORDER VIN` is `VIN`, not `ORDER`): `positional` says whether they may.
fn argument_of(command: &clap::Command, segments: &[&str], positional: bool) -> Option<String> {
    (0..segments.len()).find_map(|start| {
        let id = segments[start..].join("_");
        let arg = command
            .get_arguments()
            .find(|a| a.get_id().as_str() == id && (positional || a.get_long().is_some()))?;
        Some(match arg.get_long() {
            Some(long) => format!("--{long}"),
            None => arg
                .get_value_names()
                .and_then(|names| names.first())
                .map_or_else(|| id.to_uppercase(), ToString::to_string),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(field: &str, command: &str) -> Option<String> {
        let path: Vec<String> = command.split_whitespace().map(str::to_owned).collect();
        flag_of(field, &path)
    }

    #[test]
    fn fields_are_named_by_their_flags() {
        assert_eq!(flag("content", "follow-up add").as_deref(), Some("--said"));
        assert_eq!(
            flag("next.purpose", "follow-up add").as_deref(),
            Some("--next-purpose")
        );
        assert_eq!(
            flag("next.time", "follow-up add").as_deref(),
            Some("--next")
        );
        assert_eq!(flag("kind", "follow-up add").as_deref(), Some("--type"));
        assert_eq!(
            flag("intent.trade_in.year", "intent add").as_deref(),
            Some("--trade-in-year")
        );
        assert_eq!(
            flag("order.vehicle.model", "order place").as_deref(),
            Some("--model")
        );
        assert_eq!(flag("stage", "stage").as_deref(), Some("STAGE"));
        assert_eq!(flag("order.vin", "order vin").as_deref(), Some("VIN"));
        assert_eq!(
            flag("source.description", "customer add").as_deref(),
            Some("--source")
        );
        assert_eq!(
            flag("values.model", "template render").as_deref(),
            Some("--set model=VALUE")
        );
        assert_eq!(
            flag("values[2]", "template render").as_deref(),
            Some("--set NAME=VALUE")
        );
        assert_eq!(
            flag("intent.trade_in.appraised_value", "intent edit").as_deref(),
            Some("--trade-in-value")
        );
        assert_eq!(
            flag("intent.competitors[1]", "intent add").as_deref(),
            Some("--competitor")
        );
        // Nothing sets these.
        assert_eq!(
            flag("ordered_to", "view save").as_deref(),
            Some("--ordered")
        );
        assert_eq!(flag("customer_id", "plan set"), None);
        assert_eq!(flag("version", "follow-up edit"), None);
        assert_eq!(flag("content", "no-such-command"), None);
    }

    #[test]
    fn an_entry_holds_for_its_command_and_those_under_it() {
        let path = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert!(holds_for("plan set", &path("plan set")));
        assert!(holds_for("plan", &path("plan set")));
        assert!(!holds_for("plan set", &path("plan")));
        assert!(!holds_for("plan set", &path("plan reschedule")));
        assert_eq!(without_indices("a[1].b[22].c"), "a.b.c");
    }

    /// Every entry names a command that exists and a flag that command has, so that a
    /// renamed option cannot leave an error naming a flag nobody can type.
    #[test]
    fn every_entry_names_a_command_and_its_flags() {
        let cli = Cli::command();
        for entry in TABLES.iter().flat_map(|t| t.iter()) {
            let mut command = &cli;
            for word in entry.command.split_whitespace() {
                command = command
                    .find_subcommand(word)
                    .unwrap_or_else(|| panic!("{entry:?}: no command {word}"));
            }
            let mut leaves = vec![command];
            let mut known = Vec::new();
            while let Some(c) = leaves.pop() {
                leaves.extend(c.get_subcommands());
                for a in c.get_arguments() {
                    known.push(match a.get_long() {
                        Some(long) => format!("--{long}"),
                        None => a
                            .get_value_names()
                            .and_then(|n| n.first())
                            .map_or_else(String::new, ToString::to_string),
                    });
                }
            }
            for flag in entry
                .flag
                .split([',', '/', ' '])
                .filter(|f| f.starts_with("--") || f.chars().all(|c| c.is_ascii_uppercase()))
                .filter(|f| !f.is_empty() && *f != "or")
            {
                assert!(known.iter().any(|k| k == flag), "{entry:?}: no {flag}");
            }
        }
    }
}
