//! Masking: how a customer's contacts look to a user who may see the customer but does
//! not own them (the public pool's customers, until claimed).

use crate::ContactKind;

/// A phone number with all but its first three and last four digits hidden, as Chinese
/// apps show it: `13800138000` → `138****8000`. Spaces and dashes are dropped first and a
/// `+86` country code is kept as it is; a number of seven digits or fewer keeps only its
/// last two.
pub fn mask_phone(phone: &str) -> String {
    let compact: String = phone.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    match compact.strip_prefix("+86") {
        Some(national) => format!("+86{}", mask_digits(national)),
        None => mask_digits(&compact),
    }
}

fn mask_digits(number: &str) -> String {
    let digits: Vec<char> = number.chars().collect();
    let n = digits.len();
    if n <= 7 {
        let keep = n.min(2);
        let hidden = "*".repeat(n - keep);
        return hidden + &digits[n - keep..].iter().collect::<String>();
    }
    let head: String = digits[..3].iter().collect();
    let tail: String = digits[n - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(n - 7))
}

/// A contact value masked for its kind: phones as [`mask_phone`]; an e-mail keeps the
/// first character of its local part and its domain (`z***@example.com`); a WeChat id or
/// any other handle keeps its first and last characters (`w***8`).
pub fn mask_contact(kind: ContactKind, value: &str) -> String {
    match kind {
        ContactKind::Mobile | ContactKind::Landline => mask_phone(value),
        ContactKind::Email => match value.split_once('@') {
            Some((local, domain)) => format!("{}***@{domain}", first(local)),
            None => mask_handle(value),
        },
        ContactKind::Wechat | ContactKind::Other => mask_handle(value),
    }
}

fn first(s: &str) -> String {
    s.chars().next().map(String::from).unwrap_or_default()
}

fn mask_handle(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    match chars.len() {
        0 => String::new(),
        1 | 2 => "*".repeat(chars.len()),
        n => format!("{}***{}", chars[0], chars[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_keep_three_and_four_digits() {
        assert_eq!(mask_phone("13800138000"), "138****8000");
        assert_eq!(mask_phone("138 0013 8000"), "138****8000");
        assert_eq!(mask_phone("+8613800138000"), "+86138****8000");
        assert_eq!(mask_phone("010-65529988"), "010****9988");
        assert_eq!(mask_phone("1234567"), "*****67");
        assert_eq!(mask_phone("1"), "1");
        assert_eq!(mask_phone(""), "");
    }

    #[test]
    fn no_masked_value_holds_the_hidden_digits() {
        let masked = mask_phone("13912345678");
        assert_eq!(masked.len(), 11);
        assert!(!masked.contains("12345"));
    }

    #[test]
    fn other_kinds() {
        assert_eq!(
            mask_contact(ContactKind::Email, "zhang@example.com"),
            "z***@example.com"
        );
        assert_eq!(mask_contact(ContactKind::Wechat, "wxid_abc8"), "w***8");
        assert_eq!(mask_contact(ContactKind::Other, "ab"), "**");
        assert_eq!(
            mask_contact(ContactKind::Mobile, "13800138000"),
            "138****8000"
        );
        assert_eq!(mask_contact(ContactKind::Email, "nodomain"), "n***n");
    }
}
