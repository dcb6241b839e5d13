//! Attachments (附件) of a follow-up: brochures, posters, quotes. Only a reference is kept
//! here; the bytes stay with the app, which names them by URI and vouches for them by hash.

use crate::validation::{required_text, Limits, Rule, ValidationError};

const EXPECTED_FILE_NAME: &str = "a file name without folders";
const EXPECTED_MEDIA_TYPE: &str = "a media type such as application/pdf";
const EXPECTED_SHA256: &str = "a SHA-256 digest as 64 hexadecimal digits";
const EXPECTED_URI: &str = "a URI with a scheme (content://, file://, https://)";
const EXPECTED_SIZE: &str = "a size of at most 1 GiB";

/// A reference to a file attached to a follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Attachment {
    /// The file's name as shown (`2026款报价单.pdf`), without folders.
    pub file_name: String,
    /// Its media type, lower case (`application/pdf`, `image/jpeg`).
    pub media_type: String,
    /// Its size in bytes.
    pub size_bytes: u64,
    /// The SHA-256 of its bytes as 64 lower-case hex digits: lets the app find a file again
    /// and notice when it changed.
    pub sha256: String,
    /// Where the app keeps it (`content://…`, `file://…`, `https://…`).
    pub uri: String,
}

impl Attachment {
    /// Trims and checks every field; lower-cases the media type and the digest. Field paths
    /// in the error are relative (`file_name`, `sha256` …).
    pub fn validate(&self) -> Result<Attachment, ValidationError> {
        let file_name = required_text("file_name", &self.file_name, Limits::ATTACHMENT_FILE_NAME)?;
        if file_name.contains(['/', '\\']) || file_name == "." || file_name == ".." {
            return Err(malformed("file_name", EXPECTED_FILE_NAME));
        }
        let media_type = required_text(
            "media_type",
            &self.media_type,
            Limits::ATTACHMENT_MEDIA_TYPE,
        )?
        .to_ascii_lowercase();
        if !is_media_type(&media_type) {
            return Err(malformed("media_type", EXPECTED_MEDIA_TYPE));
        }
        if self.size_bytes > Limits::ATTACHMENT_BYTES {
            return Err(malformed("size_bytes", EXPECTED_SIZE));
        }
        let sha256 = self.sha256.trim().to_ascii_lowercase();
        if sha256.is_empty() {
            return Err(ValidationError::new("sha256", Rule::Required));
        }
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(malformed("sha256", EXPECTED_SHA256));
        }
        let uri = required_text("uri", &self.uri, Limits::ATTACHMENT_URI)?;
        if !is_uri(&uri) {
            return Err(malformed("uri", EXPECTED_URI));
        }
        Ok(Attachment {
            file_name,
            media_type,
            size_bytes: self.size_bytes,
            sha256,
            uri,
        })
    }
}

fn malformed(field: &str, expected: &'static str) -> ValidationError {
    ValidationError::new(field, Rule::Malformed { expected })
}

/// `type/subtype`, each a restricted name of RFC 6838 (letters, digits, `!#$&-^_.+`, starting
/// with a letter or digit). Parameters (`; charset=…`) are not accepted.
fn is_media_type(value: &str) -> bool {
    let name = |s: &str| {
        s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+".contains(c))
    };
    matches!(value.split_once('/'), Some((t, s)) if name(t) && name(s))
}

/// A scheme (`[a-z][a-z0-9+.-]*`), a colon, then something without spaces.
fn is_uri(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        && !rest.is_empty()
        && !value.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brochure() -> Attachment {
        Attachment {
            file_name: " 2026款途观L报价单.pdf ".into(),
            media_type: "Application/PDF".into(),
            size_bytes: 482_113,
            sha256: "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855".into(),
            uri: "content://com.dealer.crm.files/attachments/42".into(),
        }
    }

    #[test]
    fn a_valid_attachment_is_normalised() {
        let a = brochure().validate().unwrap();
        assert_eq!(a.file_name, "2026款途观L报价单.pdf");
        assert_eq!(a.media_type, "application/pdf");
        assert!(a.sha256.starts_with("e3b0c442"));
        assert_eq!(a.validate(), Ok(a.clone()));
    }

    #[test]
    fn each_defect_names_its_field() {
        type Defect = fn(&mut Attachment);
        let cases: Vec<(Defect, &str)> = vec![
            (|a| a.file_name = " ".into(), "file_name"),
            (|a| a.file_name = "docs/quote.pdf".into(), "file_name"),
            (|a| a.media_type = "pdf".into(), "media_type"),
            (
                |a| a.media_type = "text/plain; charset=utf-8".into(),
                "media_type",
            ),
            (
                |a| a.size_bytes = Limits::ATTACHMENT_BYTES + 1,
                "size_bytes",
            ),
            (|a| a.sha256 = "abc".into(), "sha256"),
            (|a| a.sha256 = "g".repeat(64), "sha256"),
            (|a| a.sha256 = String::new(), "sha256"),
            (|a| a.uri = "/sdcard/quote.pdf".into(), "uri"),
            (|a| a.uri = "file:///my docs/q.pdf".into(), "uri"),
        ];
        for (mutate, field) in cases {
            let mut a = brochure();
            mutate(&mut a);
            assert_eq!(a.validate().unwrap_err().field, field);
        }
    }
}
