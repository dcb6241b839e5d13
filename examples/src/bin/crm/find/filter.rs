//! The filter and sort options of `customer list` and `view save`: to a [`CustomerFilter`]
//! and a [`Sort`], and back to options (how `view list` shows a saved view).

use crate::customer::input::{channel, importance_level};
use crate::find::args::{FilterArgs, NextFollowUpArg, SortArgs, SortBy};
use crate::find::deal_filter::{deal_options, with_deal};
use crate::term::input::{instant, malformed};
use chrono::{DateTime, SecondsFormat, Utc};
use crm_core::{
    ArchivedFilter, Code, CustomerFilter, LastContactFilter, ListColumn, NextFollowUpFilter, Sort,
    SortKey, ValidationError, ViewDefinition,
};

/// The filter the options describe, validated: an error names the field the way the
/// domain does (`channels[1]`, `birthday_months[0]`, `created_from`, `last_contact`,
/// `stages[0]`, `budget.min`, `ordered_to` ...).
pub fn filter(args: &FilterArgs) -> Result<CustomerFilter, ValidationError> {
    let channels = args
        .channels
        .iter()
        .enumerate()
        .map(|(i, c)| channel(&format!("channels[{i}]"), c).map(str::to_owned))
        .collect::<Result<_, _>>()?;
    let importance = args
        .importance
        .iter()
        .enumerate()
        .map(|(i, level)| importance_level(&format!("importance[{i}]"), level))
        .collect::<Result<_, _>>()?;
    let last_contact = match (
        args.contacted_within,
        args.not_contacted_for,
        args.never_contacted,
    ) {
        (Some(days), _, _) => Some(LastContactFilter::WithinDays(days)),
        (_, Some(days), _) => Some(LastContactFilter::NotForDays(days)),
        (_, _, true) => Some(LastContactFilter::Never),
        _ => None,
    };
    let filter = CustomerFilter {
        channels,
        platforms: args.platforms.clone(),
        tags_any: args.tags.clone(),
        tags_all: args.all_tags.clone(),
        importance,
        owners: args.owners.clone(),
        archived: match (args.archived, args.only_archived) {
            (_, true) => ArchivedFilter::Archived,
            (true, _) => ArchivedFilter::All,
            _ => ArchivedFilter::Active,
        },
        created_from: args
            .created_from
            .as_deref()
            .map(|t| instant("created_from", t, false))
            .transpose()?,
        created_to: args
            .created_to
            .as_deref()
            .map(|t| instant("created_to", t, true))
            .transpose()?,
        last_contact,
        next_follow_up: args.next_follow_up.map(|n| match n {
            NextFollowUpArg::Overdue => NextFollowUpFilter::Overdue,
            NextFollowUpArg::Today => NextFollowUpFilter::Today,
            NextFollowUpArg::ThisWeek => NextFollowUpFilter::ThisWeek,
            NextFollowUpArg::NoPlan => NextFollowUpFilter::NoPlan,
        }),
        birthday_months: args.birthday_months.clone(),
        province: args.province.clone(),
        city: args.city.clone(),
        district: args.district.clone(),
        query: args.query.clone(),
        ..CustomerFilter::default()
    };
    let filter = with_deal(&args.deal, filter)?;
    filter.validate()?;
    Ok(filter)
}

/// The sort the options describe: descending unless `--asc`, except by name (A to Z unless
/// `--desc`).
pub fn sort(args: &SortArgs) -> Sort {
    let key = match args.sort.unwrap_or(SortBy::Created) {
        SortBy::Created => SortKey::Created,
        SortBy::LastContact => SortKey::LastContact,
        SortBy::Importance => SortKey::Importance,
        SortBy::Name => SortKey::Name,
        SortBy::NextFollowUp => SortKey::NextFollowUp,
    };
    let descending = match (args.asc, args.desc) {
        (true, _) => false,
        (_, true) => true,
        _ => descending_by_default(key),
    };
    Sort { key, descending }
}

/// Newest, most recent, most important first; names and next follow-ups smallest first.
fn descending_by_default(key: SortKey) -> bool {
    !matches!(key, SortKey::Name | SortKey::NextFollowUp)
}

/// `value` as one shell word: as it is when plain, else in single quotes.
fn word(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.:@+/".contains(c));
    if plain {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// A list column for `field`: `name`, `primary-contact`, `gender`, `channel`, `tags`,
/// `importance`, `owner`, `region`, `birthday`, `created`, `last-contact`.
pub fn column(field: &str, text: &str) -> Result<ListColumn, ValidationError> {
    let word = text.trim().to_lowercase().replace('-', "_");
    serde_json::from_value(serde_json::Value::String(word)).map_err(|_| {
        malformed(
            field,
            "a column: name, primary-contact, gender, channel, tags, importance, owner, \
             region, birthday, created or last-contact",
        )
    })
}

/// A list column as its option value: `primary-contact`.
fn column_name(column: ListColumn) -> String {
    serde_json::to_value(column)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', "-")))
        .unwrap_or_default()
}

/// The options that give `definition` back, in the order of `customer list --help`:
/// `--channel online_platform --tag SUV --importance key --sort name`. Empty for everyone
/// active, newest first.
pub fn options(definition: &ViewDefinition) -> String {
    let f = &definition.filter;
    let mut out: Vec<String> = Vec::new();
    let mut push = |option: &str, value: Option<String>| {
        out.push(match value {
            Some(v) => format!("--{option} {}", word(&v)),
            None => format!("--{option}"),
        });
    };
    for c in &f.channels {
        push("channel", Some(c.clone()));
    }
    for p in &f.platforms {
        push("platform", Some(p.clone()));
    }
    for t in &f.tags_any {
        push("tag", Some(t.clone()));
    }
    for t in &f.tags_all {
        push("all-tags", Some(t.clone()));
    }
    for i in &f.importance {
        push("importance", Some(i.code().to_owned()));
    }
    for o in &f.owners {
        push("owner", Some(o.clone()));
    }
    match f.archived {
        ArchivedFilter::Active => {}
        ArchivedFilter::All => push("archived", None),
        ArchivedFilter::Archived => push("only-archived", None),
    }
    if let Some(t) = f.created_from {
        push("created-from", Some(rfc3339(t)));
    }
    if let Some(t) = f.created_to {
        push("created-to", Some(rfc3339(t)));
    }
    match f.last_contact {
        Some(LastContactFilter::WithinDays(d)) => push("contacted-within", Some(d.to_string())),
        Some(LastContactFilter::NotForDays(d)) => push("not-contacted-for", Some(d.to_string())),
        Some(LastContactFilter::Never) => push("never-contacted", None),
        None => {}
    }
    if let Some(n) = f.next_follow_up {
        let when = match n {
            NextFollowUpFilter::Overdue => "overdue",
            NextFollowUpFilter::Today => "today",
            NextFollowUpFilter::ThisWeek => "this-week",
            NextFollowUpFilter::NoPlan => "no-plan",
        };
        push("next-follow-up", Some(when.to_owned()));
    }
    for m in &f.birthday_months {
        push("birthday-month", Some(m.to_string()));
    }
    for (option, value) in [
        ("province", &f.province),
        ("city", &f.city),
        ("district", &f.district),
        ("query", &f.query),
    ] {
        if let Some(v) = value {
            push(option, Some(v.clone()));
        }
    }
    deal_options(f, &mut push);
    let s = definition.sort;
    let key = match s.key {
        SortKey::Created => None,
        SortKey::LastContact => Some("last-contact"),
        SortKey::Importance => Some("importance"),
        SortKey::Name => Some("name"),
        SortKey::NextFollowUp => Some("next-follow-up"),
    };
    if let Some(key) = key {
        push("sort", Some(key.to_owned()));
    }
    if s.descending != descending_by_default(s.key) {
        push(if s.descending { "desc" } else { "asc" }, None);
    }
    for c in &definition.columns {
        push("column", Some(column_name(*c)));
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use crate::customer::args::CustomerCommand;
    use crate::find::args::{SaveViewArgs, ViewCommand};
    use clap::Parser;

    fn list_args(args: &[&str]) -> (FilterArgs, SortArgs) {
        let cli = Cli::try_parse_from(["crm", "customer", "list"].iter().chain(args)).unwrap();
        match cli.command {
            Command::Customer(CustomerCommand::List(list)) => (list.filter, list.sort),
            _ => unreachable!(),
        }
    }

    fn save_args<S: AsRef<str>>(args: &[S]) -> SaveViewArgs {
        let words = ["crm", "view", "save", "v"]
            .into_iter()
            .chain(args.iter().map(AsRef::as_ref));
        match Cli::try_parse_from(words).unwrap().command {
            Command::View(ViewCommand::Save(save)) => *save,
            _ => unreachable!(),
        }
    }

    fn definition(args: &SaveViewArgs) -> ViewDefinition {
        ViewDefinition {
            filter: filter(&args.filter).unwrap(),
            sort: sort(&args.sort),
            columns: args
                .columns
                .iter()
                .map(|c| column("columns", c).unwrap())
                .collect(),
        }
    }

    /// The words a POSIX shell makes of `text` (spaces, single quotes, backslashes).
    fn shell_words(text: &str) -> Vec<String> {
        let (mut words, mut word, mut in_word, mut quoted) = (vec![], String::new(), false, false);
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match c {
                '\'' => (quoted, in_word) = (!quoted, true),
                '\\' if !quoted => {
                    word.extend(chars.next());
                    in_word = true;
                }
                ' ' if !quoted => {
                    if in_word {
                        words.push(std::mem::take(&mut word));
                    }
                    in_word = false;
                }
                c => {
                    word.push(c);
                    in_word = true;
                }
            }
        }
        if in_word {
            words.push(word);
        }
        words
    }

    #[test]
    fn columns() {
        assert_eq!(
            column("columns[0]", "primary-contact").unwrap(),
            ListColumn::PrimaryContact
        );
        assert_eq!(
            column("columns[2]", "phone").unwrap_err().field,
            "columns[2]"
        );
    }

    #[test]
    fn options_become_a_filter_and_a_sort() {
        let (f, s) = list_args(&[
            "--channel",
            "online",
            "--channel",
            "walk-in",
            "--tag",
            "SUV",
            "--importance",
            "key",
            "--only-archived",
            "--never-contacted",
            "--birthday-month",
            "5",
            "--sort",
            "name",
        ]);
        let f = filter(&f).unwrap();
        assert_eq!(f.channels, ["online_platform", "showroom_walk_in"]);
        assert_eq!(f.tags_any, ["SUV"]);
        assert_eq!(f.importance, [crm_core::Importance::Key]);
        assert_eq!(f.archived, ArchivedFilter::Archived);
        assert_eq!(f.last_contact, Some(LastContactFilter::Never));
        assert_eq!(f.birthday_months, [5]);
        assert_eq!(
            sort(&s),
            Sort {
                key: SortKey::Name,
                descending: false
            }
        );
        assert!(sort(&list_args(&[]).1).descending);
        assert!(!sort(&list_args(&["--asc"]).1).descending);
    }

    #[test]
    fn each_bad_option_names_its_field() {
        let bad = |args: &[&str]| filter(&list_args(args).0).unwrap_err().field;
        assert_eq!(
            bad(&["--channel", "walk-in", "--channel", "tv"]),
            "channels[1]"
        );
        assert_eq!(bad(&["--birthday-month", "13"]), "birthday_months[0]");
        assert_eq!(bad(&["--importance", "vip"]), "importance[0]");
        assert_eq!(bad(&["--contacted-within", "0"]), "last_contact");
        assert_eq!(bad(&["--created-from", "yesterday"]), "created_from");
        assert_eq!(
            bad(&["--created-from", "2026-05-02", "--created-to", "2026-05-01"]),
            "created_to"
        );
        assert_eq!(bad(&["--query", " "]), "query");
        assert_eq!(bad(&["--level", "A,X"]), "levels[1]");
        assert_eq!(bad(&["--stage", "sold"]), "stages[0]");
        assert_eq!(bad(&["--body-type", "truck"]), "body_types[0]");
        assert_eq!(bad(&["--powertrain", "steam"]), "powertrains[0]");
        assert_eq!(bad(&["--lost-reason", "weather"]), "lost_reasons[0]");
        assert_eq!(bad(&["--brand", " "]), "brands[0]");
        assert_eq!(bad(&["--budget", "20万"]), "budget");
        assert_eq!(bad(&["--budget", "lots-"]), "budget.min");
        assert_eq!(bad(&["--budget", "20万-10万"]), "budget");
        assert_eq!(bad(&["--ordered", "2026-01-01"]), "ordered_from");
        assert_eq!(bad(&["--ordered", "2026-02-01..2026-01-01"]), "ordered_to");
        assert_eq!(bad(&["--delivered", "..2026-13-01"]), "delivered_to");
    }

    #[test]
    fn deal_options_become_the_deal_dimensions() {
        use crm_core::{AmountRange, BodyType, Fen, IntentLevel, PipelineStatus, Stage};
        let (f, _) = list_args(&[
            "--level",
            "A,h",
            "--stage",
            "test-driven",
            "--stage",
            "lost-requested,休眠",
            "--model",
            "途观L",
            "--body-type",
            "suv,轿车",
            "--budget",
            "-20万",
            "--trade-in",
            "no",
            "--ordered",
            "2026-01-01..",
        ]);
        let f = filter(&f).unwrap();
        assert_eq!(f.levels, [IntentLevel::A, IntentLevel::H]);
        assert_eq!(
            f.stages,
            [
                PipelineStatus::InStage(Stage::TestDriven),
                PipelineStatus::LostRequested,
                PipelineStatus::Dormant
            ]
        );
        assert_eq!(f.series, ["途观L"]);
        assert_eq!(f.body_types, [BodyType::Suv, BodyType::Sedan]);
        assert_eq!(
            f.budget,
            Some(AmountRange {
                min: None,
                max: Some(Fen(20_000_000))
            })
        );
        assert_eq!(f.has_trade_in, Some(false));
        assert_eq!(f.ordered_from, chrono::NaiveDate::from_ymd_opt(2026, 1, 1));
        assert_eq!(f.ordered_to, None);
    }

    #[test]
    fn the_options_shown_give_the_definition_back() {
        let saved = definition(&save_args(&[
            "--channel",
            "online",
            "--tag",
            "高意向",
            "--all-tags",
            "new energy",
            "--importance",
            "important",
            "--owner",
            "c03",
            "--archived",
            "--created-from",
            "2026-01-01T08:00:00+08:00",
            "--contacted-within",
            "30",
            "--birthday-month",
            "12",
            "--city",
            "杭州市",
            "--query",
            "it's",
            "--level",
            "H,A",
            "--stage",
            "negotiating,lost-requested",
            "--brand",
            "大众",
            "--series",
            "途观L",
            "--body-type",
            "suv",
            "--powertrain",
            "phev,bev",
            "--budget",
            "15万-20.5万",
            "--trade-in",
            "yes",
            "--lost-reason",
            "competitor",
            "--ordered",
            "2026-01-01..2026-04-01",
            "--delivered",
            "..2026-05-01",
            "--sort",
            "importance",
            "--asc",
            "--column",
            "primary_contact",
        ]));
        assert_eq!(
            saved.filter.lost_reasons,
            [crm_core::LostReason::BoughtCompetitor]
        );
        let text = options(&saved);
        assert!(text.contains("--all-tags 'new energy'"), "{text}");
        assert!(
            text.ends_with("--sort importance --asc --column primary-contact"),
            "{text}"
        );
        assert_eq!(definition(&save_args(&shell_words(&text))), saved);
        for args in [
            &["--sort", "name"][..],
            &["--sort", "name", "--desc"],
            &[],
            &["--budget", "-100000"],
            &["--budget", "100000-"],
            &["--budget", "-"],
            &["--delivered", "2026-05-01.."],
        ] {
            let d = definition(&save_args(args));
            assert_eq!(definition(&save_args(&shell_words(&options(&d)))), d);
        }
        assert_eq!(options(&ViewDefinition::default()), "");
    }
}
