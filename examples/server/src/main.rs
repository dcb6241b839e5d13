//! `crm-server`: set up the database, add users, serve devices.
//!
//! ```text
//! crm-server init  --database-url URL
//! crm-server user add --database-url URL --id c01 --name 王建国 --role consultant --team T
//! crm-server serve --database-url URL --listen 127.0.0.1:8080 [--release-every 1h]
//! crm-server settings --database-url URL [--duplicate-rule first-registered|first-visit]
//! crm-server pool-rules --database-url URL --team T [--release-days 15 --level-days h=7 ...]
//! crm-server release-due --database-url URL [--now 2026-12-07T02:00:00Z]
//! ```

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};
use crm_core::pool::LevelDays;
use crm_core::sync::DuplicateRule;
use crm_core::{Code, IntentLevel};
use crm_server::auth::{add_user, NewUser, Role};
use crm_server::db::{pool, schema};
use crm_server::error::ServerError;
use crm_server::pool::release::release_due;
use crm_server::pool::rules::{set_team_rules, team_rules};
use crm_server::sync::contact_keys;
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

/// The dealership's sync server (PostgreSQL behind a small HTTP service; TLS by a reverse
/// proxy).
#[derive(Parser)]
#[command(name = "crm-server", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Creates or upgrades the database's schema.
    Init {
        /// postgres://user@host:port/database
        #[arg(long)]
        database_url: String,
    },
    /// Users and their device tokens.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Serves devices; prints `listening on http://ADDR:PORT` once ready.
    Serve {
        /// postgres://user@host:port/database
        #[arg(long)]
        database_url: String,
        /// Address and port (port 0: any free port).
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Also release the customers due to the pool this often (`30m`, `1h`, `1d`;
        /// first run at start). Without it, run `release-due` from cron.
        #[arg(long, value_parser = parse_every)]
        release_every: Option<Duration>,
    },
    /// Prints the dealership's settings (`duplicate_rule=...`), after changing those given.
    Settings {
        /// postgres://user@host:port/database
        #[arg(long)]
        database_url: String,
        /// Which of two records with the same phone or WeChat id keeps the customer.
        #[arg(long, value_enum)]
        duplicate_rule: Option<RuleArg>,
    },
    /// Shows a team's pool rules, changing those given first; prints them as JSON.
    PoolRules {
        /// postgres://user@host:port/database
        #[arg(long)]
        database_url: String,
        /// The team.
        #[arg(long)]
        team: String,
        /// Days without a follow-up before a customer is released.
        #[arg(long)]
        release_days: Option<u32>,
        /// Release days of one intent level, `LEVEL=DAYS` (`h=7`); repeat for more;
        /// `LEVEL=` drops the level's own days.
        #[arg(long = "level-days", value_parser = parse_level_days)]
        level_days: Vec<(IntentLevel, Option<u32>)>,
        /// The longest protection from when the owner got the customer, in days.
        #[arg(long)]
        protection_cap_days: Option<u32>,
        /// Hours before a consultant may claim back a customer released from them.
        #[arg(long)]
        reclaim_wait_hours: Option<u32>,
        /// Claims a consultant may make in any 24 hours.
        #[arg(long)]
        daily_claim_limit: Option<u32>,
        /// Customers a consultant may hold.
        #[arg(long)]
        hold_limit: Option<u32>,
    },
    /// Releases every customer whose protection has run out to the pool, in one
    /// transaction; prints `released N` and the customers (`ID FORMER_OWNER`, one a line).
    ReleaseDue {
        /// postgres://user@host:port/database
        #[arg(long)]
        database_url: String,
        /// The instant to release as of (RFC 3339; default: now).
        #[arg(long)]
        now: Option<DateTime<Utc>>,
    },
}

/// [`DuplicateRule`] on the command line.
#[derive(Clone, Copy, clap::ValueEnum)]
enum RuleArg {
    /// The one registered first.
    FirstRegistered,
    /// The one with the earliest recorded visit (else the first registered).
    FirstVisit,
}

impl From<RuleArg> for DuplicateRule {
    fn from(rule: RuleArg) -> Self {
        match rule {
            RuleArg::FirstRegistered => DuplicateRule::FirstRegistered,
            RuleArg::FirstVisit => DuplicateRule::FirstVisit,
        }
    }
}

/// A period: a whole number with `s`, `m`, `h` or `d`.
fn parse_every(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text.len().saturating_sub(1);
    let (number, unit) = text.split_at(split);
    let seconds: u64 = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err("a period is a number with s, m, h or d (`1h`)".into()),
    };
    match number.parse::<u64>() {
        Ok(n) if n > 0 => Ok(Duration::from_secs(n.saturating_mul(seconds))),
        _ => Err("a period is a whole number above 0 with s, m, h or d (`1h`)".into()),
    }
}

/// `LEVEL=DAYS` (`h=7`), or `LEVEL=` for none.
fn parse_level_days(text: &str) -> Result<(IntentLevel, Option<u32>), String> {
    let (level, days) = text
        .split_once('=')
        .ok_or("LEVEL=DAYS, e.g. h=7 (levels: n, h, a, b, c, o)")?;
    let level = IntentLevel::from_code(&level.trim().to_lowercase())
        .ok_or("the level is one of n, h, a, b, c, o")?;
    let days = match days.trim() {
        "" => None,
        d => Some(d.parse().map_err(|_| "DAYS is a whole number")?),
    };
    Ok((level, days))
}

#[derive(Subcommand)]
enum UserCommand {
    /// Adds a user and prints a new device token (the only line on stdout). For an existing
    /// user with the same role and team: a token for another device.
    Add {
        /// postgres://user@host:port/database
        #[arg(long)]
        database_url: String,
        /// The user's id (the `owner` of their customers).
        #[arg(long)]
        id: String,
        /// The user's name.
        #[arg(long)]
        name: String,
        /// consultant, manager or admin.
        #[arg(long, value_enum)]
        role: Role,
        /// The team (consultants and managers; not admins).
        #[arg(long)]
        team: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("crm-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crm-server: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> Result<(), ServerError> {
    match command {
        Command::Init { database_url } => {
            let pool = pool::connect(&database_url)?;
            let mut client = pool.get().await?;
            let from = schema::init(&mut client).await?;
            eprintln!("schema version {} (was {from})", schema::SCHEMA_VERSION);
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    database_url,
                    id,
                    name,
                    role,
                    team,
                },
        } => {
            let pool = pool::connect(&database_url)?;
            let client = pool.get().await?;
            schema::check_current(&**client).await?;
            let token = add_user(
                &**client,
                &NewUser {
                    id,
                    name,
                    role,
                    team,
                },
            )
            .await?;
            println!("{token}");
            Ok(())
        }
        Command::Settings {
            database_url,
            duplicate_rule,
        } => {
            let pool = pool::connect(&database_url)?;
            let client = pool.get().await?;
            schema::check_current(&**client).await?;
            if let Some(rule) = duplicate_rule {
                contact_keys::set_rule(&**client, rule.into()).await?;
            }
            let settings = contact_keys::settings(&**client).await?;
            println!("duplicate_rule={}", settings.rule.code());
            Ok(())
        }
        Command::Serve {
            database_url,
            listen,
            release_every,
        } => {
            let bound = crm_server::bind(&database_url, &listen).await?;
            println!("listening on http://{}", bound.addr);
            std::io::stdout().flush()?;
            match release_every {
                Some(every) => bound.run_releasing(every).await,
                None => bound.run().await,
            }
        }
        Command::PoolRules {
            database_url,
            team,
            release_days,
            level_days,
            protection_cap_days,
            reclaim_wait_hours,
            daily_claim_limit,
            hold_limit,
        } => {
            let pool = pool::connect(&database_url)?;
            let client = pool.get().await?;
            schema::check_current(&**client).await?;
            let mut rules = team_rules(&**client, Some(&team)).await?;
            let changed = release_days.is_some()
                || !level_days.is_empty()
                || protection_cap_days.is_some()
                || reclaim_wait_hours.is_some()
                || daily_claim_limit.is_some()
                || hold_limit.is_some();
            rules.release_days = release_days.unwrap_or(rules.release_days);
            for (level, days) in level_days {
                rules.release_days_by_level.retain(|l| l.level != level);
                if let Some(days) = days {
                    rules.release_days_by_level.push(LevelDays { level, days });
                }
            }
            rules.protection_cap_days = protection_cap_days.unwrap_or(rules.protection_cap_days);
            rules.reclaim_wait_hours = reclaim_wait_hours.unwrap_or(rules.reclaim_wait_hours);
            rules.daily_claim_limit = daily_claim_limit.unwrap_or(rules.daily_claim_limit);
            rules.hold_limit = hold_limit.unwrap_or(rules.hold_limit);
            if changed {
                rules = set_team_rules(&**client, &team, &rules, Utc::now()).await?;
            }
            let json = serde_json::to_string_pretty(&rules).map_err(|e| ServerError::Config {
                what: "pool rules",
                detail: e.to_string(),
            })?;
            println!("{json}");
            Ok(())
        }
        Command::ReleaseDue { database_url, now } => {
            let pool = pool::connect(&database_url)?;
            schema::check_current(&**pool.get().await?).await?;
            let released = release_due(&pool, now.unwrap_or_else(Utc::now)).await?;
            println!("released {}", released.customers.len());
            for (id, owner) in released.customers {
                println!("{id} {owner}");
            }
            Ok(())
        }
    }
}
