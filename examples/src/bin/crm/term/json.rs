//! The JSON text `--json` prints: serde's own form of each value, fields in the order the
//! types declare them, and every instant with exactly three decimals of a second
//! (`2026-12-01T01:00:00.000Z`; serde's form drops them at a whole second), so that a
//! script can parse every instant with one pattern.

/// Characters of an instant `YYYY-MM-DDTHH:MM:SS` before its fraction and `Z`.
const SECONDS: usize = 19;

/// Whether `s` is `YYYY-MM-DDTHH:MM:SS[.f+]Z`; the fraction's digits when it is.
fn instant_fraction(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let shape = b.len() > SECONDS
        && b[..SECONDS].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        });
    let rest = s.get(SECONDS..)?.strip_suffix('Z')?;
    if !shape {
        return None;
    }
    match rest.strip_prefix('.') {
        None if rest.is_empty() => Some(""),
        Some(f) if !f.is_empty() && f.bytes().all(|c| c.is_ascii_digit()) => Some(f),
        _ => None,
    }
}

/// `s` with three decimals when it is an instant, else unchanged.
fn with_millis_value(s: &str) -> Option<String> {
    let fraction = instant_fraction(s)?;
    let millis: String = fraction.chars().chain("000".chars()).take(3).collect();
    Some(format!("{}.{millis}Z", &s[..SECONDS]))
}

/// The JSON text `json` with every string that is a UTC instant written to the
/// millisecond. Only whole string values are rewritten; escapes are kept as they are.
pub fn with_millis(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 64);
    let mut rest = json;
    while let Some(start) = rest.find('"') {
        out.push_str(&rest[..=start]);
        rest = &rest[start + 1..];
        let mut end = 0;
        let bytes = rest.as_bytes();
        while end < bytes.len() && bytes[end] != b'"' {
            end += if bytes[end] == b'\\' { 2 } else { 1 };
        }
        let end = end.min(rest.len());
        let text = &rest[..end];
        match with_millis_value(text) {
            Some(rewritten) => out.push_str(&rewritten),
            None => out.push_str(text),
        }
        rest = &rest[end..];
        if let Some(after) = rest.strip_prefix('"') {
            out.push('"');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::with_millis;

    #[test]
    fn instants_get_three_decimals_and_nothing_else_changes() {
        let json = r#"{"at":"2026-12-01T01:00:00Z","b":"2026-12-01T01:00:00.5Z","c":"2026-12-01T01:00:00.123Z","d":"2026-12-01","e":"say \"2026-12-01T01:00:00Z\"","f":"x\\"}"#;
        assert_eq!(
            with_millis(json),
            r#"{"at":"2026-12-01T01:00:00.000Z","b":"2026-12-01T01:00:00.500Z","c":"2026-12-01T01:00:00.123Z","d":"2026-12-01","e":"say \"2026-12-01T01:00:00Z\"","f":"x\\"}"#
        );
        assert_eq!(
            with_millis("[1, \"2026-12-01T01:00:00+08:00\"]"),
            "[1, \"2026-12-01T01:00:00+08:00\"]"
        );
        // Almost instants stay as they are.
        for text in [
            r#""2026-12-01T01:00:00xZ""#,
            r#""2026-12-01T01:00:00.Z""#,
            r#""2026-12-01T01:00:00.5aZ""#,
            r#""2026-12-01 01:00:00Z""#,
            r#""unterminated"#,
        ] {
            assert_eq!(with_millis(text), text);
        }
    }
}
