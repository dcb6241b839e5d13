//! Writing an export file whole or not at all: into a temporary file beside the target,
//! renamed over it only when everything was written, so that a failed export leaves no
//! half file (and an existing file as it was).

use crate::error::{Result, StoreError};
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

/// A failure to write an export file, without the path (it may name the user).
pub(crate) fn file_error(e: impl std::fmt::Display) -> StoreError {
    StoreError::File {
        message: e.to_string(),
    }
}

/// A failed file operation, by its kind only: the system's message may name the path.
fn io_failure(e: std::io::Error) -> StoreError {
    StoreError::File {
        message: e.kind().to_string(),
    }
}

/// Runs `write` on a buffered temporary file in `path`'s folder, then puts it at `path`.
pub(crate) fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<T>,
) -> Result<T> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let temp = tempfile::Builder::new()
        .prefix(".export-")
        .tempfile_in(folder)
        .map_err(io_failure)?;
    let (file, temp_path) = temp.into_parts();
    let mut out = BufWriter::new(file);
    let value = write(&mut out)?;
    let file = out.into_inner().map_err(|e| io_failure(e.into_error()))?;
    file.sync_all().map_err(io_failure)?;
    temp_path.persist(path).map_err(|e| io_failure(e.error))?;
    Ok(value)
}
