//! Where a sheet comes from (a file or bytes in memory), what it is (CSV or Excel, which
//! text encoding), and its fingerprint: the SHA-256 of its bytes, by which the same file
//! imported twice is recognised.

use crate::spreadsheet::csv_rows::{CsvRows, Gb18030Reader};
use crate::spreadsheet::excel_rows::ExcelRows;
use crate::spreadsheet::report::ImportError;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, BufReader, Cursor, Read};
use std::path::PathBuf;

/// A sheet to import: a file, or its bytes with the name it had.
#[derive(Debug, Clone)]
pub enum SheetInput {
    /// A file on disk, read as it streams (CSV) or whole (Excel).
    Path(PathBuf),
    /// A file's bytes, with its name (kept in the import's record).
    Bytes {
        /// The file's name, as the user knows it.
        name: String,
        /// Its contents.
        bytes: Vec<u8>,
    },
}

impl SheetInput {
    /// The file's name as recorded with the import.
    pub fn file_name(&self) -> String {
        match self {
            SheetInput::Path(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            SheetInput::Bytes { name, .. } => name.clone(),
        }
    }

    fn open(&self) -> io::Result<Box<dyn Read + '_>> {
        Ok(match self {
            SheetInput::Path(p) => Box::new(BufReader::new(File::open(p)?)),
            SheetInput::Bytes { bytes, .. } => Box::new(&bytes[..]),
        })
    }
}

/// What one pass over the bytes tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    /// SHA-256 of the bytes, in hex.
    pub hash: String,
    /// Whether the bytes are entirely valid UTF-8 (then they are read as UTF-8, else as
    /// GB18030).
    pub utf8: bool,
    /// Line feeds counted: a CSV sheet's row count, blank lines and quoted line breaks
    /// included.
    pub lines: u64,
    /// The first bytes, by which an Excel workbook is recognised.
    pub magic: Vec<u8>,
}

/// Hashes `input` in one streaming pass, checking UTF-8 as it goes.
pub(crate) fn fingerprint(input: &SheetInput) -> io::Result<Fingerprint> {
    let mut reader = input.open()?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    // Bytes of a UTF-8 sequence cut by the chunk's end, checked with the next chunk.
    let mut carry: Vec<u8> = Vec::new();
    let mut utf8 = true;
    let mut lines = 0u64;
    let mut magic = Vec::new();
    loop {
        let n = reader.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        let chunk = &buffer[..n];
        hasher.update(chunk);
        lines += chunk.iter().filter(|&&b| b == b'\n').count() as u64;
        if magic.len() < 8 {
            magic.extend(chunk.iter().take(8 - magic.len()));
        }
        if utf8 {
            carry.extend_from_slice(chunk);
            match std::str::from_utf8(&carry) {
                Ok(_) => carry.clear(),
                Err(e) if e.error_len().is_none() => {
                    let valid = e.valid_up_to();
                    carry.drain(..valid);
                }
                Err(_) => utf8 = false,
            }
        }
    }
    let hash = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(Fingerprint {
        hash,
        utf8: utf8 && carry.is_empty(),
        lines,
        magic,
    })
}

/// A zip archive (`.xlsx`, `.ods`) or an OLE compound file (`.xls`).
fn is_workbook(magic: &[u8]) -> bool {
    magic.starts_with(b"PK\x03\x04") || magic.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// A data row: its number as a spreadsheet shows it (the header is 1), and its cells.
pub(crate) type SheetRow = (u64, Vec<String>);

/// An opened sheet: its header row and its data rows, each with its row number.
pub(crate) struct OpenSheet {
    /// The header row.
    pub headers: Vec<String>,
    /// The data rows.
    pub rows: Box<dyn Iterator<Item = Result<SheetRow, ImportError>>>,
    /// How many data rows there are: exact for Excel; for CSV the lines after the header
    /// (blank lines and quoted line breaks counted too).
    pub total: u64,
}

/// Opens `input` as the fingerprint says: an Excel workbook, or CSV text in UTF-8 or
/// GB18030.
pub(crate) fn open_sheet(
    input: &SheetInput,
    print: &Fingerprint,
) -> Result<OpenSheet, ImportError> {
    let unreadable = |e: String| ImportError::Unreadable(e);
    if is_workbook(&print.magic) {
        let bytes = match input {
            SheetInput::Path(p) => std::fs::read(p).map_err(|e| unreadable(e.to_string()))?,
            SheetInput::Bytes { bytes, .. } => bytes.clone(),
        };
        let (headers, rows) = ExcelRows::open(bytes).map_err(unreadable)?;
        let total = rows.remaining();
        return Ok(OpenSheet {
            headers,
            rows: Box::new(rows.map(Ok)),
            total,
        });
    }
    let raw: Box<dyn Read> = match input {
        SheetInput::Path(p) => Box::new(BufReader::new(
            File::open(p).map_err(|e| unreadable(e.to_string()))?,
        )),
        SheetInput::Bytes { bytes, .. } => Box::new(Cursor::new(bytes.clone())),
    };
    let text: Box<dyn Read> = if print.utf8 {
        raw
    } else {
        Box::new(Gb18030Reader::new(raw))
    };
    let (headers, rows) = CsvRows::open(text).map_err(|e| unreadable(e.to_string()))?;
    Ok(OpenSheet {
        headers,
        rows: Box::new(rows.map(|r| r.map_err(|e| ImportError::Unreadable(e.to_string())))),
        total: print.lines.saturating_sub(1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_checked_across_chunks_and_gbk_is_not_utf8() {
        let text = "姓名,手机\n张三,13812345678\n".repeat(10_000);
        let print = fingerprint(&SheetInput::Bytes {
            name: "a.csv".into(),
            bytes: text.clone().into_bytes(),
        })
        .unwrap();
        assert!(print.utf8);
        assert_eq!(print.lines, 20_000);
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        let print = fingerprint(&SheetInput::Bytes {
            name: "a.csv".into(),
            bytes: gbk.into_owned(),
        })
        .unwrap();
        assert!(!print.utf8);
        assert_eq!(print.hash.len(), 64);
    }
}
