//! Page cursors on the command line. The store's cursor is JSON text (quotes, braces); the
//! tool hands it out as one shell-safe word, its bytes in unpadded base64url, and reads it
//! back with `--after`.

use crm_store::StoreError;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The shell-safe word for the store's `cursor`.
pub fn encode(cursor: &str) -> String {
    let bytes = cursor.as_bytes();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// The store's cursor inside a word from [`encode`]; anything else is
/// [`StoreError::InvalidCursor`] (exit 2).
pub fn decode(word: &str) -> Result<String, StoreError> {
    let sextets = word
        .trim()
        .bytes()
        .map(|c| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32))
        .collect::<Option<Vec<u32>>>()
        .ok_or(StoreError::InvalidCursor)?;
    let mut bytes = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        if chunk.len() == 1 {
            return Err(StoreError::InvalidCursor);
        }
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &v)| n | (v << (18 - 6 * i)));
        bytes.extend((0..chunk.len() - 1).map(|i| (n >> (16 - 8 * i)) as u8));
    }
    String::from_utf8(bytes).map_err(|_| StoreError::InvalidCursor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_survive_the_round_trip_as_one_plain_word() {
        for cursor in [
            "",
            "a",
            "ab",
            "abc",
            r#"{"sort":{"key":"name","descending":false},"after":["zhang san 张三","0190"]}"#,
        ] {
            let word = encode(cursor);
            assert!(word
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
            assert_eq!(decode(&word).unwrap(), cursor);
        }
        assert_eq!(encode("hello?"), "aGVsbG8_");
        assert!(decode("a").is_err());
        assert!(decode("{\"sort\"}").is_err());
    }
}
