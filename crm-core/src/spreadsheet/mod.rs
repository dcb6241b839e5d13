//! Customer sheets (导入客户表): reading a spreadsheet's rows into customers, without I/O.
//! The store reads the file (CSV or Excel) and writes the customers; this module says what
//! each column holds and what each cell means.
//!
//! - `columns`: the fields a sheet may hold and [`FIELD_HEADERS`], the Chinese and English
//!   header names each is recognised by (public: a file the app writes uses the first);
//! - `layout`: a header row read into a [`SheetLayout`], with an explicit
//!   [`ColumnMapping`] that wins and the unknown columns listed;
//! - `cells`: a cell's text as a date (five spellings and Excel serials), gender, source
//!   channel or intent level, by the names the app prints; nothing else is guessed;
//! - `follow_up_sheet`: a follow-up history sheet's columns and rows ([`read_follow_up_row`]),
//!   each naming its customer by phone;
//! - `row`: a row into a validated customer ([`read_row`]), or a [`RowError`] naming row,
//!   column, value and reason.

mod cells;
mod columns;
mod follow_up_sheet;
mod layout;
mod row;

pub use cells::{
    excel_serial_date, parse_date, parse_date_time, parse_follow_up_kind, parse_gender,
    parse_intent_level, parse_method, parse_source, split_tags,
};
pub use columns::{field_of_header, first_header, header_key, Field, FIELD_HEADERS};
pub use follow_up_sheet::{
    read_follow_up_row, FollowUpColumn, FollowUpLayout, FollowUpRow, MissingColumn,
    FOLLOW_UP_HEADERS,
};
pub use layout::{ColumnMapping, LayoutError, SheetLayout};
pub use row::{read_row, ImportedRow, RowError, IMPORTED_SOURCE};
