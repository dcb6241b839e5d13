//! Where results go: stdout, as JSON (`--json`) or as readable text; lists as one
//! object with the cursor of the next page.

use crate::exit::Failure;
use crate::term::cursor::encode;
use crate::term::json::with_millis;
use crate::term::lang::say;
use serde::Serialize;
use std::fmt::Display;
use std::io::{self, Write};

/// The JSON form of a list.
#[derive(Serialize)]
struct Page<'a, T> {
    /// The page.
    items: &'a [T],
    /// The cursor of the following page.
    next: Option<&'a str>,
}

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
            let json = serde_json::to_string_pretty(value)?;
            writeln!(out, "{}", with_millis(&json))?;
        } else {
            out.write_all(text().as_bytes())?;
        }
        out.flush()?;
        Ok(())
    }

    /// Prints that the `what` (in the user's language) with `id` is deleted:
    /// `{"deleted": ID}`, or `deleted WHAT ID` / `已删除WHAT ID`.
    pub fn deleted<I: Serialize + Display + ?Sized>(
        &self,
        what: &str,
        id: &I,
    ) -> Result<(), Failure> {
        self.print(&serde_json::json!({ "deleted": id }), || {
            say!("已删除{} {}\n", "deleted {} {}\n", what, id)
        })
    }

    /// Prints a list: with `--json` one object `{"items": [...], "next": CURSOR}`, `next`
    /// the word to pass to `--after` for the following page (`null` on the last page or a
    /// list that is not paged); as text `text()`, then `next: CURSOR` on stderr when there
    /// is more, so that stdout stays the page.
    pub fn list<T: Serialize>(
        &self,
        items: &[T],
        next: Option<&str>,
        text: impl FnOnce() -> String,
    ) -> Result<(), Failure> {
        let next = next.map(encode);
        self.print(
            &Page {
                items,
                next: next.as_deref(),
            },
            text,
        )?;
        if let (false, Some(next)) = (self.json, next) {
            let _ = writeln!(io::stderr().lock(), "next: {next}");
        }
        Ok(())
    }
}
