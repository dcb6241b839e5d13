//! Where results go: stdout, as JSON (`--json`) or as readable text.

use crate::exit::Failure;
use serde::Serialize;
use std::fmt::Display;
use std::io::{self, Write};

/// Writes command results to stdout in the chosen form.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    /// JSON instead of text.
    pub json: bool,
}

impl Output {
    /// Prints `value` as pretty JSON, or `text()` when not in JSON mode.
    pub fn print<T: Serialize + ?Sized>(
        &self,
        value: &T,
        text: impl FnOnce() -> String,
    ) -> Result<(), Failure> {
        let mut out = io::stdout().lock();
        if self.json {
            serde_json::to_writer_pretty(&mut out, value)?;
            writeln!(out)?;
        } else {
            out.write_all(text().as_bytes())?;
        }
        out.flush()?;
        Ok(())
    }

    /// Prints that the `what` with `id` is deleted: `{"deleted": ID}`, or `deleted WHAT ID`.
    pub fn deleted<I: Serialize + Display + ?Sized>(
        &self,
        what: &str,
        id: &I,
    ) -> Result<(), Failure> {
        self.print(&serde_json::json!({ "deleted": id }), || {
            format!("deleted {what} {id}\n")
        })
    }

    /// After a page that has more: `next: CURSOR` on stderr, in both forms, so that stdout
    /// stays the page alone (a JSON array with `--json`). Pass CURSOR to `--after`.
    pub fn next_cursor(&self, cursor: Option<&str>) {
        if let Some(cursor) = cursor {
            let _ = writeln!(
                io::stderr().lock(),
                "next: {}",
                crate::term::cursor::encode(cursor)
            );
        }
    }
}
