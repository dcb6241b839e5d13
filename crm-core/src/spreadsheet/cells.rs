//! Reading one cell's text as a date, a gender, a source channel, an intent level or
//! tags. Values are read by the names the app prints (`customer::labels`) and the stored
//! codes; anything else is refused with what was expected, never guessed.

use crate::customer::{Gender, SourceChannel, CHANNEL_LABELS};
use crate::follow_up::{FollowUpKind, FollowUpMethod, IntentLevel};
use crate::validation::{fold_full_width, trim_text, Code};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

/// What a date cell may hold.
pub const EXPECTED_DATE: &str =
    "a date: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 or an Excel serial number";
/// What a gender cell may hold.
pub const EXPECTED_GENDER: &str = "a gender: 男, 女, male, female, 未填 or unspecified";
/// What a source cell may hold.
pub const EXPECTED_SOURCE: &str =
    "a source channel as printed (展厅到店, 网络平台: 汽车之家, walk-in, online: ...)";
/// What an intent level cell may hold.
pub const EXPECTED_INTENT_LEVEL: &str = "an intent level: N, H, A, B, C or O";

/// The earliest and latest Excel serial numbers read as dates: 1900-01-01 and 9999-12-31.
const EXCEL_SERIALS: std::ops::RangeInclusive<f64> = 1.0..=2_958_465.0;

/// The text of a cell as compared: full-width folded, trimmed.
fn folded(text: &str) -> String {
    trim_text(&fold_full_width(text)).to_owned()
}

/// A date in one of the accepted spellings: `2024-03-05`, `2024/3/5`, `2024.3.5`,
/// `2024年3月5日`, or an Excel serial number of five digits or more (days since 1899-12-30,
/// as Excel counts on Windows; a fraction, the time of day, is dropped). A time after the date
/// (`2024-03-05 10:20`, as 创建时间 columns hold) is dropped too. Anything else is `None`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = folded(text);
    if is_serial(&text) {
        return excel_serial_date(text.parse::<f64>().ok()?);
    }
    let date_part = match text.split_once([' ', 'T']) {
        Some((date, time)) if is_time(time.trim()) => date,
        Some(_) => return None,
        None => text.as_str(),
    };
    let parts: Vec<&str> = if let Some(rest) = date_part.strip_suffix('日') {
        rest.split(['年', '月']).collect()
    } else {
        let sep = date_part.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
        date_part.split(sep).collect()
    };
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
        return None;
    }
    let digits = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year = i32::try_from(digits(y)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(m)?, digits(d)?)
}

/// A date with an optional time of day (`2024-03-05 14:30`, `2024/3/5 9:05:00`; an Excel
/// serial's fraction is its time): the date in any spelling [`parse_date`] takes, the time
/// midnight when none is given.
pub fn parse_date_time(text: &str) -> Option<NaiveDateTime> {
    let text = folded(text);
    if is_serial(&text) {
        let serial = text.parse::<f64>().ok()?;
        let date = excel_serial_date(serial)?;
        let seconds = ((serial - serial.floor()) * 86_400.0).round() as u32;
        let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds.min(86_399), 0)?;
        return Some(date.and_time(time));
    }
    let date = parse_date(&text)?;
    let time = match text.split_once([' ', 'T']) {
        Some((_, time)) => {
            let time = time.trim();
            NaiveTime::parse_from_str(time, "%H:%M:%S")
                .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
                .ok()?
        }
        None => NaiveTime::MIN,
    };
    Some(date.and_time(time))
}

/// Digits with an optional fraction, at least five before it: a serial of 1927-05-18 or
/// later. Fewer digits (`2024`, `2024.3`) are more likely a year typed alone than a date.
fn is_serial(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    whole.len() >= 5
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.chars().all(|c| c.is_ascii_digit())
}

/// `H:MM` or `H:MM:SS`.
fn is_time(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
}

/// The date of an Excel serial number (1900 date system: day 1 is 1900-01-01; Excel's
/// phantom 1900-02-29, day 60, is refused).
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !EXCEL_SERIALS.contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    if days == 60 {
        return None;
    }
    // From 1900-03-01 (day 61) on, Excel counts the phantom leap day: its epoch is
    // 1899-12-30; before it, 1899-12-31.
    let epoch = if days > 60 {
        NaiveDate::from_ymd_opt(1899, 12, 30)
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 31)
    }?;
    epoch.checked_add_signed(Duration::days(days))
}

/// A gender by its printed name in either language, or its code (`male`); a blank cell is
/// [`Gender::Unspecified`].
pub fn parse_gender(text: &str) -> Option<Gender> {
    let key = folded(text).to_lowercase();
    if key.is_empty() {
        return Some(Gender::Unspecified);
    }
    Gender::ALL.iter().copied().find(|g| {
        let l = g.label();
        key == l.zh || key == l.en || key == g.code()
    })
}

/// A source channel by its printed name in either language or its kind name
/// (`showroom_walk_in`), optionally followed by `:` and the detail the kind carries: the
/// platform of `网络平台: 汽车之家`, the referrer of `转介绍: 李四`, the description of
/// `其他: 老板朋友`. `None` for a name that is not a channel's; a kind that needs its detail
/// and has none is left for validation to refuse (naming `source.platform` ...).
pub fn parse_source(text: &str) -> Option<SourceChannel> {
    let text = folded(text);
    let (name, detail) = match text.split_once(':') {
        Some((n, d)) => (trim_text(n).to_lowercase(), Some(trim_text(d).to_owned())),
        None => (text.to_lowercase(), None),
    };
    let kind = CHANNEL_LABELS
        .iter()
        .find(|(kind, l)| name == l.zh || name == l.en || name == *kind)
        .map(|(kind, _)| *kind)?;
    let detail = detail.filter(|d| !d.is_empty());
    Some(match kind {
        "online_platform" => SourceChannel::OnlinePlatform {
            platform: detail.unwrap_or_default(),
        },
        "referral" => SourceChannel::Referral {
            referrer_id: None,
            referrer_name: detail,
        },
        "other" => SourceChannel::Other {
            description: detail.unwrap_or_default(),
        },
        _ if detail.is_some() => return None,
        "showroom_walk_in" => SourceChannel::ShowroomWalkIn,
        "phone_hotline" => SourceChannel::PhoneHotline,
        "auto_show" => SourceChannel::AutoShow,
        "marketing_event" => SourceChannel::MarketingEvent,
        _ => SourceChannel::RepeatCustomer,
    })
}

/// An intent level by its letter (`h`, `H`, `H级`) or as printed in either language
/// (`H 7天内`, `H within 7 days`).
pub fn parse_intent_level(text: &str) -> Option<IntentLevel> {
    let text = folded(text);
    IntentLevel::ALL.iter().copied().find(|level| {
        let l = level.label();
        text == l.zh
            || text.eq_ignore_ascii_case(l.en)
            || text.eq_ignore_ascii_case(level.letter())
            || text.eq_ignore_ascii_case(&format!("{}级", level.letter()))
    })
}

/// A follow-up method by its printed name in either language, or its code (`face_to_face`).
pub fn parse_method(text: &str) -> Option<FollowUpMethod> {
    let key = folded(text).to_lowercase();
    FollowUpMethod::ALL.iter().copied().find(|m| {
        let l = m.label();
        key == l.zh || key == l.en || key == m.code()
    })
}

/// A follow-up kind by its printed name in either language, or its code (`test_drive`).
pub fn parse_follow_up_kind(text: &str) -> Option<FollowUpKind> {
    let key = folded(text).to_lowercase();
    FollowUpKind::ALL.iter().copied().find(|k| {
        let l = k.label();
        key == l.zh || key == l.en || key == k.code()
    })
}

/// The tags of a cell: split on `,` `;` `、` `|` (full-width ones too), blanks dropped.
pub fn split_tags(text: &str) -> Vec<String> {
    fold_full_width(text)
        .split([',', ';', '、', '|'])
        .map(|t| trim_text(t).to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn the_five_spellings_of_a_date_are_read() {
        for text in [
            "2024-03-05",
            "2024/3/5",
            "2024.3.5",
            "2024年3月5日",
            "45356",
            " 2024-3-05 ",
            "２０２４／３／５",
            "2024-03-05 10:20",
            "2024/3/5 9:05:00",
            "45356.75",
        ] {
            assert_eq!(parse_date(text), day(2024, 3, 5), "{text}");
        }
    }

    #[test]
    fn anything_else_is_not_a_date() {
        for text in [
            "",
            "3/5/2024",
            "05.03.2024",
            "2024-3",
            "2024-13-01",
            "2024-02-30",
            "24-3-5",
            "2024-03-05 noon",
            "2024-03/05",
            "March 5",
            "0",
            "-3",
            "60",
            "1e9",
            "2024年3月5",
            "2024-+3-5",
            "2024",
            "2024.3",
            "9999999",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn excel_serials_count_from_1900_with_its_phantom_leap_day() {
        assert_eq!(excel_serial_date(1.0), day(1900, 1, 1));
        assert_eq!(excel_serial_date(59.0), day(1900, 2, 28));
        assert_eq!(excel_serial_date(61.0), day(1900, 3, 1));
        assert_eq!(excel_serial_date(2_958_465.0), day(9999, 12, 31));
        assert_eq!(excel_serial_date(2_958_466.0), None);
        assert_eq!(excel_serial_date(0.5), None);
    }

    #[test]
    fn genders_sources_and_levels_are_read_by_their_printed_names() {
        assert_eq!(parse_gender("男"), Some(Gender::Male));
        assert_eq!(parse_gender(" Female "), Some(Gender::Female));
        assert_eq!(parse_gender(""), Some(Gender::Unspecified));
        assert_eq!(parse_gender("未填"), Some(Gender::Unspecified));
        assert_eq!(parse_gender("M"), None);

        assert_eq!(
            parse_source("展厅到店"),
            Some(SourceChannel::ShowroomWalkIn)
        );
        assert_eq!(parse_source("Auto Show"), Some(SourceChannel::AutoShow));
        assert_eq!(
            parse_source("phone_hotline"),
            Some(SourceChannel::PhoneHotline)
        );
        assert_eq!(
            parse_source("网络平台：汽车之家"),
            Some(SourceChannel::OnlinePlatform {
                platform: "汽车之家".into()
            })
        );
        assert_eq!(
            parse_source("转介绍: 李四"),
            Some(SourceChannel::Referral {
                referrer_id: None,
                referrer_name: Some("李四".into())
            })
        );
        assert_eq!(
            parse_source("online"),
            Some(SourceChannel::OnlinePlatform {
                platform: String::new()
            })
        );
        assert_eq!(parse_source("车展: 上海"), None);
        assert_eq!(parse_source("抖音"), None);

        assert_eq!(parse_intent_level("H"), Some(IntentLevel::H));
        assert_eq!(parse_intent_level("a级"), Some(IntentLevel::A));
        assert_eq!(parse_intent_level("B 30天内"), Some(IntentLevel::B));
        assert_eq!(parse_intent_level("c 2-3 months"), Some(IntentLevel::C));
        assert_eq!(parse_intent_level("X"), None);
        assert_eq!(parse_intent_level("hot"), None);
    }

    #[test]
    fn dates_with_times_keep_the_time() {
        let at = |y, m, d, h, min| {
            NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, 0))
        };
        assert_eq!(parse_date_time("2024-03-05 14:30"), at(2024, 3, 5, 14, 30));
        assert_eq!(parse_date_time("2024/3/5 9:05:00"), at(2024, 3, 5, 9, 5));
        assert_eq!(parse_date_time("2024年3月5日"), at(2024, 3, 5, 0, 0));
        assert_eq!(parse_date_time("45356.75"), at(2024, 3, 5, 18, 0));
        assert_eq!(parse_date_time("2024-03-05 25:00"), None);
        assert_eq!(parse_date_time("yesterday"), None);
        assert_eq!(parse_method("面谈"), Some(FollowUpMethod::FaceToFace));
        assert_eq!(parse_method("WeChat"), Some(FollowUpMethod::Wechat));
        assert_eq!(parse_method("飞鸽"), None);
        assert_eq!(parse_follow_up_kind("试驾"), Some(FollowUpKind::TestDrive));
        assert_eq!(
            parse_follow_up_kind("after-sales"),
            Some(FollowUpKind::AfterSalesVisit)
        );
        assert_eq!(parse_follow_up_kind("?"), None);
    }

    #[test]
    fn tags_are_split_on_any_usual_separator() {
        assert_eq!(
            split_tags("VIP, 置换；二胎、 | 本地"),
            vec!["VIP", "置换", "二胎", "本地"]
        );
        assert!(split_tags("  ").is_empty());
    }
}
