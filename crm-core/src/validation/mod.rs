//! Validation: the rules every feature shares. A value that breaks one is a
//! [`ValidationError`] naming the field and the [`Rule`], never a panic.
//!
//! - `error`: [`ValidationError`] and [`Rule`];
//! - `text`: the free-text rule (trim, invisible and control characters, bidi controls) and
//!   the full-width fold;
//! - `code`: [`Code`], the stable text codes of plain enums, the `codes!` macro that
//!   implements it, and the unit tests' check that codes are the serde names;
//! - `limits`: [`Limits`], the caps on text and lists (the vehicle caps extend it in
//!   `vehicle/limits.rs`);
//! - `ids`: the `string_id!` macro every id type is declared with;
//! - `patch`: `set`, what every patch does with one field.

mod code;
mod error;
mod ids;
mod limits;
mod patch;
mod text;

#[cfg(test)]
pub(crate) use code::assert_codes_are_serde_names;
pub(crate) use code::codes;
pub use code::Code;
pub use error::{Rule, ValidationError};
pub(crate) use ids::string_id;
pub use limits::Limits;
pub(crate) use patch::set;
pub(crate) use text::{fold_full_width, optional_text, required_text};
pub use text::{is_bidi_control, is_invisible_format, single_line_text, trim_text};
