//! `crm completions SHELL`: the shell's completion script, made by `clap_complete` from the
//! command line's own definitions, so it never falls behind the commands.

use crate::cli::Cli;
use crate::exit::Failure;
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::{self, Write};

/// Prints the completion script of `shell` on stdout.
pub fn print(shell: Shell) -> Result<(), Failure> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "crm", &mut script);
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}
