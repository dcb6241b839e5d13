//! Reading columns: stored codes as the core's enums, text borrowed from the row. A value
//! outside the known codes is [`crate::StoreError::Corrupt`] naming its column.

use crate::error::{Result, StoreError};
use crm_core::Code;
use rusqlite::{Params, Row, Statement};

/// The optional code in column `i` of `row`, read as a `T`.
pub(crate) fn opt_code<T: Code>(
    row: &Row<'_>,
    i: usize,
    column: &'static str,
) -> Result<Option<T>> {
    row.get::<_, Option<String>>(i)?
        .map(|t| code(&t, column))
        .transpose()
}

/// Reads the code in `column` as a `T`.
pub(crate) fn code<T: Code>(text: &str, column: &'static str) -> Result<T> {
    T::from_code(text).ok_or_else(|| StoreError::Corrupt { column })
}

/// The code in column `i` of `row`, read as a `T` straight from the row's text (no copy:
/// the agenda and reminders read hundreds of rows a call).
pub(crate) fn code_at<T: Code>(row: &Row<'_>, i: usize, column: &'static str) -> Result<T> {
    code(text_at(row, i)?, column)
}

/// The text in column `i` of `row`, borrowed from the row.
pub(crate) fn text_at<'r>(row: &'r Row<'_>, i: usize) -> Result<&'r str> {
    Ok(row.get_ref(i)?.as_str().map_err(rusqlite::Error::from)?)
}

/// Every row `stmt` returns for `params`, read by `read`.
pub(crate) fn collect<T>(
    stmt: &mut Statement<'_>,
    params: impl Params,
    mut read: impl FnMut(&Row<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(read(row)?);
    }
    Ok(out)
}
