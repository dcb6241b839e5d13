//! Terminal I/O that every command shares: where results go, how option text is read,
//! how text is laid out, and how a page cursor travels through the shell.
//!
//! - `output.rs`: [`output::Output`], results on stdout as JSON (`--json`) or readable
//!   text, and the `next:` cursor line on stderr.
//! - `json.rs`: the JSON text printed, instants to the millisecond.
//! - `input.rs`: input files, dates, instants, page sizes, codes and clearable texts read
//!   from options; errors name the field.
//! - `text.rs`: terminal widths (`unicode-width`), padding, truncation with `…`,
//!   thousands, local and wall-clock times, a card's version line.
//! - `lang.rs`: the language of readable output (`--lang`, `LANG`), and [`lang::pick`].
//! - `money.rs`: amounts as `¥1,234.00`, or `12.3万` in Chinese tables.
//! - `table.rs`: tables as aligned text (labels, numbers right) or CSV (codes).
//! - `short_id.rs`: ids shortened for readable lists.
//! - `cursor.rs`: the store's page cursor as one shell-safe word (`--after`).

pub mod cursor;
pub mod flags;
pub mod input;
pub mod json;
pub mod lang;
pub mod money;
pub mod output;
pub mod short_id;
pub mod table;
pub mod text;
