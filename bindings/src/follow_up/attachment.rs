//! [`Attachment`]: a file shown or sent with a follow-up (附件: a brochure, a poster, a
//! quote), by reference.

use crate::convert::same_fields;

/// A file shown or sent (brochure, poster, quote): a reference only, the bytes stay with
/// the app.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Attachment {
    /// The file's name as shown (`2026款报价单.pdf`), without folders.
    pub file_name: String,
    /// Its media type (`application/pdf`); stored lower case.
    pub media_type: String,
    /// Its size in bytes (at most 1 GiB).
    pub size_bytes: i64,
    /// The SHA-256 of its bytes, 64 hex digits; stored lower case.
    pub sha256: String,
    /// Where the app keeps it (`content://…`, `file://…`, `https://…`).
    pub uri: String,
}

same_fields!(checked Attachment <=> crm_core::Attachment { file_name, media_type, sha256, uri } numbers { size_bytes });
