//! [`Attachment`]: a file shown or sent with a follow-up (附件: a brochure, a poster, a
//! quote), by reference.

/// A file shown or sent (brochure, poster, quote): a reference only, the bytes stay with
/// the app.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Attachment {
    /// The file's name as shown (`2026款报价单.pdf`), without folders.
    pub file_name: String,
    /// Its media type (`application/pdf`); stored lower case.
    pub media_type: String,
    /// Its size in bytes (at most 1 GiB).
    pub size_bytes: u64,
    /// The SHA-256 of its bytes, 64 hex digits; stored lower case.
    pub sha256: String,
    /// Where the app keeps it (`content://…`, `file://…`, `https://…`).
    pub uri: String,
}

impl From<Attachment> for crm_core::Attachment {
    fn from(a: Attachment) -> Self {
        crm_core::Attachment {
            file_name: a.file_name,
            media_type: a.media_type,
            size_bytes: a.size_bytes,
            sha256: a.sha256,
            uri: a.uri,
        }
    }
}

impl From<crm_core::Attachment> for Attachment {
    fn from(a: crm_core::Attachment) -> Self {
        Attachment {
            file_name: a.file_name,
            media_type: a.media_type,
            size_bytes: a.size_bytes,
            sha256: a.sha256,
            uri: a.uri,
        }
    }
}

pub(crate) fn attachments(list: Vec<Attachment>) -> Vec<crm_core::Attachment> {
    list.into_iter().map(Into::into).collect()
}
