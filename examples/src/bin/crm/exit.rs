//! Failures and exit codes: the one place where errors become a message and a status.
//!
//! | code | meaning |
//! |------|---------|
//! | 0 | success |
//! | 1 | anything else (storage failure, database too new, missing database, a chart not drawn ...) |
//! | 2 | invalid input (a field broke a rule), an input file that cannot be read, a usage error,
//! |   | a sheet some of whose rows were refused (`crm import customers`: the report lists them), |
//! |   | a `--key-file` key that does not open the book (or is missing or malformed), |
//! |   | or a customer named by text several customers match (the candidates follow) |
//! | 3 | not found |
//! | 4 | conflict (stale version), duplicate contact, a view name already used, a plan
//! |   | already pending or already closed |
//! | 5 | busy: another program held the database locked too long; nothing was written, try
//! |   | again |
//! | 6 | sync: the server could not be reached or refused the request (a bad token); nothing
//! |   | is lost, sync again later |
//! | 7 | forbidden: the book's user's role does not allow it (a consultant approving a
//! |   | request, assigning a customer, acting as someone else), or the pool's rules refuse
//! |   | a claim; nothing was written |

use crate::customer::resolve::{ambiguous_json, candidate_lines, MAX_CANDIDATES};
use crate::term::output::Output;
use crm_core::{CustomerSummary, Rule, ValidationError};
use crm_store::StoreError;
use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// The store refused or failed.
    Store(StoreError),
    /// An option value broke a rule (checked before the store was touched).
    Invalid(ValidationError),
    /// `demo` only fills an empty database.
    NotEmpty {
        /// The database file.
        path: PathBuf,
        /// Its customers.
        customers: u64,
        /// The marker a demo that stopped before it finished left beside the book.
        unfinished: Option<PathBuf>,
    },
    /// The database file does not exist (commands that only read or change customers do
    /// not create it).
    MissingDatabase(PathBuf),
    /// An edit that names nothing to change.
    NothingToChange,
    /// `encrypt` or `rekey` without `--key-file`.
    #[cfg_attr(not(feature = "encryption"), allow(dead_code))]
    MissingKeyFile,
    /// `--key-file`, `encrypt` or `rekey` in a `crm` built without the `encryption` feature.
    #[cfg_attr(feature = "encryption", allow(dead_code))]
    NoEncryption,
    /// An input file (a catalogue, care rules) is missing or unreadable; `-` is standard
    /// input.
    ReadInput {
        /// The file as given.
        path: PathBuf,
        /// Why it could not be read.
        error: io::Error,
    },
    /// A sheet (or its column mapping) cannot be imported at all: unreadable, no name
    /// column, an unknown field in the mapping.
    Sheet {
        /// The file as given.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// Some rows of an imported sheet were refused (the report, printed, lists them).
    RowsRefused {
        /// How many.
        refused: usize,
        /// Whether the other rows were written.
        written: bool,
    },
    /// Writing the result failed (a closed pipe, a full disk).
    Output(io::Error),
    /// A chart could not be drawn into its file.
    Chart {
        /// The picture file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// No font with the Chinese glyphs a chart needs.
    NoChartFont(String),
    /// A name, phone or id prefix given for a customer matches several (exit 2); the
    /// candidates are listed under the message.
    Ambiguous {
        /// The text as given.
        text: String,
        /// Some of the customers it matches.
        candidates: Vec<CustomerSummary>,
    },
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

impl From<ValidationError> for Failure {
    fn from(e: ValidationError) -> Self {
        Failure::Invalid(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Output(e)
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        Failure::Output(e.into())
    }
}

/// The exit statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// 1.
    Failed = 1,
    /// 2.
    InvalidInput = 2,
    /// 3.
    NotFound = 3,
    /// 4.
    Conflict = 4,
    /// 5.
    Busy = 5,
    /// 6.
    Sync = 6,
    /// 7.
    Forbidden = 7,
}

impl Failure {
    /// The exit status this failure maps to.
    pub fn status(&self) -> Status {
        match self {
            Failure::Invalid(_)
            | Failure::NothingToChange
            | Failure::MissingKeyFile
            | Failure::NoEncryption
            | Failure::ReadInput { .. }
            | Failure::Sheet { .. }
            | Failure::RowsRefused { .. }
            | Failure::Ambiguous { .. } => Status::InvalidInput,
            Failure::NotEmpty { .. } => Status::Conflict,
            // Exhaustive on purpose: a new store error must be classified here.
            Failure::Store(e) => match e {
                // A name another view has: the input is fine, the book already holds it.
                StoreError::Invalid(v) if v.rule == Rule::Taken => Status::Conflict,
                StoreError::Invalid(_)
                | StoreError::InvalidCursor
                | StoreError::WrongKey
                | StoreError::DealRefused { .. } => Status::InvalidInput,
                StoreError::NotFound { .. } => Status::NotFound,
                StoreError::Conflict { .. }
                | StoreError::Duplicate { .. }
                | StoreError::Closed { .. }
                | StoreError::MoveRefused { .. } => Status::Conflict,
                StoreError::Busy => Status::Busy,
                StoreError::Sync { .. } => Status::Sync,
                StoreError::Forbidden(_) | StoreError::ClaimRefused(_) => Status::Forbidden,
                StoreError::TooNew { .. }
                | StoreError::NeedsUpgrade { .. }
                | StoreError::NotABook { .. }
                | StoreError::ReadOnly
                | StoreError::Corrupt { .. }
                | StoreError::File { .. }
                | StoreError::Sqlite(_) => Status::Failed,
            },
            Failure::MissingDatabase(_)
            | Failure::Output(_)
            | Failure::Chart { .. }
            | Failure::NoChartFont(_) => Status::Failed,
        }
    }

    /// Prints the failure as one line on stderr and returns its exit code. An ambiguous
    /// customer is followed by its candidates, one a line, or with `json` printed as an
    /// object on stdout (`{"error": "ambiguous", "message", "text", "candidates", "more"}`),
    /// so that a script can choose among them. A closed stdout (`crm customer list | head`)
    /// is not worth a message.
    pub fn report(&self, json: bool) -> ExitCode {
        let quiet = matches!(self, Failure::Output(e) if e.kind() == io::ErrorKind::BrokenPipe);
        if !quiet {
            let line = self.to_string().replace(['\n', '\r'], " ");
            let mut err = io::stderr().lock();
            match self {
                Failure::Ambiguous { text, candidates } if json => {
                    // The candidates go to stdout, not under the line.
                    let message = line.trim_end_matches(':').to_owned();
                    let _ = writeln!(err, "{message} (the candidates are on stdout)");
                    let object = ambiguous_json(text, candidates, message);
                    let _ = Output { json }.print(&object, String::new);
                }
                Failure::Ambiguous { candidates, .. } => {
                    let _ = writeln!(err, "{line}");
                    let _ = write!(err, "{}", candidate_lines(candidates));
                }
                _ => {
                    let _ = writeln!(err, "{line}");
                }
            }
        }
        ExitCode::from(self.status() as u8)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Store(e @ StoreError::Duplicate { .. }) => {
                write!(f, "duplicate: {e} (pass --allow-duplicate to save anyway)")
            }
            Failure::Store(StoreError::Invalid(v))
                if v.rule == Rule::Taken && v.field.ends_with("customer_id") =>
            {
                write!(
                    f,
                    "conflict: the customer already has a pending plan (reschedule, cancel or \
                     complete it first: `crm plan --help`)"
                )
            }
            Failure::Store(StoreError::Invalid(v)) if v.rule == Rule::Taken => {
                write!(f, "conflict: {v} (choose another)")
            }
            Failure::Store(StoreError::InvalidCursor) => write!(
                f,
                "invalid input: --after is not a cursor this list handed out (pass the `next:` \
                 value of the previous page, with the same options)"
            ),
            Failure::Store(StoreError::NeedsUpgrade { found, supported }) => write!(
                f,
                "the book is at schema version {found}, older than this crm's {supported}; \
                 reading never changes it: run `crm upgrade` first"
            ),
            // StoreError::Invalid already reads "invalid input: FIELD RULE".
            Failure::Store(e) => write!(f, "{e}"),
            Failure::Invalid(e) => write!(f, "invalid input: {e}"),
            Failure::NotEmpty {
                path,
                customers,
                unfinished: Some(marker),
            } => write!(
                f,
                "conflict: {} holds the {customers} customers of a demo that stopped before it \
                 finished; to start again, delete {} (with its -wal and -shm files) and {} (or \
                 choose another --db)",
                path.display(),
                path.display(),
                marker.display()
            ),
            Failure::NotEmpty {
                path,
                customers,
                unfinished: None,
            } => write!(
                f,
                "conflict: {} already holds {customers} customers; demo fills only an empty \
                 database (choose another --db, or delete {} to start again)",
                path.display(),
                path.display()
            ),
            Failure::MissingDatabase(path) => write!(
                f,
                "database {} does not exist (create it with `crm demo` or `crm customer add`)",
                path.display()
            ),
            Failure::MissingKeyFile => write!(
                f,
                "invalid input: --key-file FILE is required (a file with the 256-bit key: 32 \
                 bytes or 64 hexadecimal digits)"
            ),
            Failure::NoEncryption => write!(
                f,
                "invalid input: this crm was built without encrypted books (build it with \
                 `--features encryption`)"
            ),
            Failure::NothingToChange => write!(
                f,
                "invalid input: edit names nothing to change (see `crm customer edit --help`)"
            ),
            Failure::ReadInput { path, error } if path.as_os_str() == "-" => {
                write!(f, "cannot read standard input: {error}")
            }
            Failure::ReadInput { path, error } => {
                write!(f, "cannot read {}: {error}", path.display())
            }
            Failure::Sheet { path, reason } => {
                write!(f, "cannot import {}: {reason}", path.display())
            }
            Failure::RowsRefused {
                refused,
                written: true,
            } => write!(
                f,
                "{refused} rows refused (listed in the report); the others are in"
            ),
            Failure::RowsRefused {
                refused,
                written: false,
            } => write!(
                f,
                "{refused} rows refused (listed in the report); nothing was written"
            ),
            Failure::Output(e) => write!(f, "cannot write the output: {e}"),
            Failure::Chart { path, reason } => {
                write!(f, "cannot draw the chart {}: {reason}", path.display())
            }
            Failure::NoChartFont(reason) => write!(
                f,
                "cannot draw the chart: {reason}; install Debian's fonts-noto-cjk, or set \
                 CRM_CHART_FONT to a .ttf, .otf or .ttc file with Chinese glyphs"
            ),
            Failure::Ambiguous { text, candidates } => write!(
                f,
                "ambiguous: \"{text}\" matches {}{} customers; name one by more of its name, \
                 phone or id:",
                candidates.len().min(MAX_CANDIDATES),
                if candidates.len() > MAX_CANDIDATES {
                    "+"
                } else {
                    ""
                },
            ),
        }
    }
}

/// The exit code of a command line clap rejected (2), or of `--help` / `--version` (0),
/// after printing clap's message.
pub fn usage(e: &clap::Error) -> ExitCode {
    let _ = e.print();
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(Status::InvalidInput as u8))
}
