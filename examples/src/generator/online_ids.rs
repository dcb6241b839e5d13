//! Second contacts: WeChat IDs (微信号) and e-mail addresses, unique by construction.
//!
//! Each is built around a unique handle of the customer (the permuted index behind their
//! phone number, or the phone number itself) in a position a separator makes unambiguous,
//! so two customers never share one.

use super::names::PersonName;
use super::weighted::{pick, pick_uniform};
use rand::Rng;

const BASE36: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// `n` in base 36, at least `width` digits (zero-padded).
fn base36(mut n: u64, width: usize) -> String {
    let mut digits = Vec::new();
    while n > 0 || digits.len() < width {
        digits.push(BASE36[(n % 36) as usize]);
        n /= 36;
    }
    digits.iter().rev().map(|&b| char::from(b)).collect()
}

/// How a customer's WeChat ID looks.
#[derive(Debug, Clone, Copy)]
enum WechatStyle {
    /// The default ID WeChat assigns: `wxid_` and random characters.
    Assigned,
    /// Initials and the phone number: `zw13812345678`.
    InitialsAndPhone,
    /// Name in pinyin and a short code: `zhangwei_3k9x2`.
    PinyinAndCode,
}

const WECHAT_STYLES: &[(WechatStyle, u32)] = &[
    (WechatStyle::Assigned, 35),
    (WechatStyle::InitialsAndPhone, 35),
    (WechatStyle::PinyinAndCode, 30),
];

/// A WeChat ID for `name`, unique given a unique `token` (below 36^7) and `phone`.
/// Always 6-20 characters: a letter, then letters, digits or `_`.
pub(crate) fn wechat<R: Rng + ?Sized>(
    rng: &mut R,
    name: &PersonName,
    token: u64,
    phone: u64,
) -> String {
    match pick(rng, WECHAT_STYLES) {
        WechatStyle::Assigned => {
            let noise: String = (0..5)
                .map(|_| char::from(*pick_uniform(rng, BASE36)))
                .collect();
            format!("wxid_{noise}{}", base36(token, 7))
        }
        WechatStyle::InitialsAndPhone => format!("{}{phone}", name.initials()),
        WechatStyle::PinyinAndCode => {
            let pinyin: String = name
                .surname_pinyin
                .chars()
                .chain(name.given_pinyin.chars())
                .take(12)
                .collect();
            format!("{pinyin}_{}", base36(token, 1))
        }
    }
}

/// Mail providers Chinese customers use, with weights.
const MAIL_DOMAINS: &[(&str, u32)] = &[
    ("163.com", 30),
    ("126.com", 12),
    ("sina.com", 6),
    ("foxmail.com", 6),
    ("outlook.com", 6),
    ("gmail.com", 4),
    ("139.com", 4),
];

/// An e-mail address for `name`, unique given a unique `token`: a QQ mail box
/// (`123456789@qq.com`, the QQ number derived from the token) or `pinyin.code@provider`.
pub(crate) fn email<R: Rng + ?Sized>(rng: &mut R, name: &PersonName, token: u64) -> String {
    if rng.random_bool(0.4) {
        return format!("{}@qq.com", 10_000 + token);
    }
    let domain = pick(rng, MAIL_DOMAINS);
    format!(
        "{}{}.{}@{domain}",
        name.surname_pinyin,
        name.given_pinyin,
        base36(token, 1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base36_pads_and_encodes() {
        assert_eq!(base36(0, 3), "000");
        assert_eq!(base36(35, 1), "z");
        assert_eq!(base36(36, 1), "10");
    }
}
