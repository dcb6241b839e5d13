//! Option values to domain values. Errors name the field like the domain's own validation
//! does, so that every invalid input reads `invalid input: FIELD RULE`.

use chrono::NaiveDate;
use crm_core::{Code, Gender, Importance, Region, Rule, SourceChannel, ValidationError};

fn malformed(field: &str, expected: &'static str) -> ValidationError {
    ValidationError::new(field, Rule::Malformed { expected })
}

/// A gender: `male`, `female`, `unspecified` (or `m`, `f`, `男`, `女`).
pub fn gender(text: &str) -> Result<Gender, ValidationError> {
    let lower = text.trim().to_lowercase();
    match lower.as_str() {
        "m" | "男" => Ok(Gender::Male),
        "f" | "女" => Ok(Gender::Female),
        "" | "unknown" => Ok(Gender::Unspecified),
        code => Gender::from_code(code)
            .ok_or_else(|| malformed("gender", "male, female or unspecified")),
    }
}

/// A calendar date `YYYY-MM-DD` for `field`; an empty text is `None`.
pub fn date(field: &str, text: &str) -> Result<Option<NaiveDate>, ValidationError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| malformed(field, "a date YYYY-MM-DD"))
}

/// A region `PROVINCE/CITY/DISTRICT`; missing or empty parts are `None`.
pub fn region(text: &str) -> Region {
    let mut parts = text.split('/').map(|p| Some(p.trim().to_owned()));
    Region {
        province: parts.next().flatten(),
        city: parts.next().flatten(),
        district: parts.next().flatten(),
    }
}

/// Online platforms that may be named alone (`--source 汽车之家`), with their spellings.
const PLATFORMS: &[(&str, &str)] = &[
    ("汽车之家", "汽车之家"),
    ("autohome", "汽车之家"),
    ("懂车帝", "懂车帝"),
    ("dongchedi", "懂车帝"),
    ("易车", "易车"),
    ("yiche", "易车"),
    ("品牌官网", "品牌官网"),
];

const EXPECTED_SOURCE: &str = "a channel: walk-in, online:PLATFORM, referral:NAME, hotline, \
                               auto-show, event, repeat or other:TEXT";

/// A source channel: `walk-in`, `online:PLATFORM` (or a known platform's name alone),
/// `referral:NAME`, `hotline`, `auto-show`, `event`, `repeat`, `other:TEXT`. The stored
/// kind names (`showroom_walk_in`, `online_platform:...`) work too.
pub fn source(text: &str) -> Result<SourceChannel, ValidationError> {
    let text = text.trim();
    let (kind, detail) = match text.split_once(':') {
        Some((k, d)) => (
            k.trim().to_lowercase().replace('-', "_"),
            Some(d.to_owned()),
        ),
        None => (text.to_lowercase().replace('-', "_"), None),
    };
    if detail.is_none() {
        if let Some((_, platform)) = PLATFORMS.iter().find(|(alias, _)| *alias == kind) {
            return Ok(SourceChannel::OnlinePlatform {
                platform: (*platform).to_owned(),
            });
        }
    }
    let channel = match kind.as_str() {
        "walk_in" | "walkin" | "showroom" | "showroom_walk_in" => SourceChannel::ShowroomWalkIn,
        "online" | "online_platform" => SourceChannel::OnlinePlatform {
            platform: detail.unwrap_or_default(),
        },
        "referral" => SourceChannel::Referral {
            referrer_id: None,
            referrer_name: detail,
        },
        "hotline" | "phone_hotline" => SourceChannel::PhoneHotline,
        "auto_show" | "autoshow" => SourceChannel::AutoShow,
        "event" | "marketing_event" => SourceChannel::MarketingEvent,
        "repeat" | "repeat_customer" => SourceChannel::RepeatCustomer,
        "other" => SourceChannel::Other {
            description: detail.unwrap_or_default(),
        },
        _ => return Err(malformed("source", EXPECTED_SOURCE)),
    };
    // The domain checks the texts (a referral needs a name, a platform must be named).
    channel.validate()
}

/// The importance mark chosen with `--important`, `--key` or `--normal` (clap lets at most
/// one through).
pub fn importance(important: bool, key: bool, normal: bool) -> Option<Importance> {
    match (important, key, normal) {
        (true, _, _) => Some(Importance::Important),
        (_, true, _) => Some(Importance::Key),
        (_, _, true) => Some(Importance::Normal),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_parse_from_short_and_stored_names() {
        assert_eq!(source("walk-in").unwrap(), SourceChannel::ShowroomWalkIn);
        assert_eq!(
            source("汽车之家").unwrap(),
            SourceChannel::OnlinePlatform {
                platform: "汽车之家".into()
            }
        );
        assert_eq!(
            source("online_platform: 易车").unwrap(),
            SourceChannel::OnlinePlatform {
                platform: "易车".into()
            }
        );
        assert_eq!(
            source("referral:老客户王伟").unwrap(),
            SourceChannel::Referral {
                referrer_id: None,
                referrer_name: Some("老客户王伟".into())
            }
        );
        assert_eq!(
            source("referral").unwrap_err().field,
            "source.referrer_name"
        );
        assert_eq!(source("online:").unwrap_err().field, "source.platform");
        assert_eq!(source("tv").unwrap_err().field, "source");
    }

    #[test]
    fn dates_genders_and_regions() {
        assert_eq!(
            date("birthday", "1990-05-01").unwrap(),
            NaiveDate::from_ymd_opt(1990, 5, 1)
        );
        assert_eq!(date("birthday", " ").unwrap(), None);
        assert_eq!(
            date("birthday", "1990-13-01").unwrap_err().field,
            "birthday"
        );
        assert_eq!(gender("女").unwrap(), Gender::Female);
        assert_eq!(gender("FEMALE").unwrap(), Gender::Female);
        assert_eq!(gender("x").unwrap_err().field, "gender");
        let r = region("浙江省/杭州市");
        assert_eq!(r.city.as_deref(), Some("杭州市"));
        assert_eq!(r.district, None);
    }
}
