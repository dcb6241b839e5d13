//! `crm-server`: set up the database, add users, serve devices.
//!
//! ```text
//! crm-server init  --database-url URL
//! crm-server user add --database-url URL --id c01 --name 王建国 --role consultant --team T
//! crm-server serve --database-url URL --listen 127.0.0.1:8080
//! crm-server settings --database-url URL [--duplicate-rule first-registered|first-visit]
//! ```

use clap::{Parser, Subcommand};
use crm_core::sync::DuplicateRule;
use crm_core::Code;
use crm_server::auth::{add_user, NewUser, Role};
use crm_server::db::{pool, schema};
use crm_server::error::ServerError;
use crm_server::sync::contact_keys;
use std::io::Write;
use std::process::ExitCode;

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
        } => {
            let bound = crm_server::bind(&database_url, &listen).await?;
            println!("listening on http://{}", bound.addr);
            std::io::stdout().flush()?;
            bound.run().await
        }
    }
}
