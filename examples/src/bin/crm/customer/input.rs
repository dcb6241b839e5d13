//! A customer's option values to domain values: gender, region, source channel (and the
//! channel kinds a filter takes), importance. Errors name the field.

use crate::term::input::malformed;
use crm_core::{Code, Gender, Importance, Region, SourceChannel, ValidationError, CHANNEL_KINDS};

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

/// A region `PROVINCE/CITY/DISTRICT`; missing or empty parts are `None` (the domain trims
/// them). More than three parts is an error on `region`: a fourth part would be lost.
pub fn region(text: &str) -> Result<Region, ValidationError> {
    let parts: Vec<&str> = text.split('/').collect();
    let [province, city, district] = match parts.as_slice() {
        [p] => [Some(*p), None, None],
        [p, c] => [Some(*p), Some(*c), None],
        [p, c, d] => [Some(*p), Some(*c), Some(*d)],
        _ => {
            return Err(malformed(
                "region",
                "PROVINCE/CITY/DISTRICT, at most three parts",
            ))
        }
    };
    let part = |p: Option<&str>| p.map(str::to_owned);
    Ok(Region {
        province: part(province),
        city: part(city),
        district: part(district),
    })
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

/// Short names of channel kinds, with the kind they name (`CHANNEL_KINDS` work as they are).
const KIND_ALIASES: &[(&str, &str)] = &[
    ("walk_in", "showroom_walk_in"),
    ("walkin", "showroom_walk_in"),
    ("showroom", "showroom_walk_in"),
    ("online", "online_platform"),
    ("hotline", "phone_hotline"),
    ("autoshow", "auto_show"),
    ("event", "marketing_event"),
    ("repeat", "repeat_customer"),
];

/// The channel kind (one of [`CHANNEL_KINDS`]) a lower-cased, `_`-separated word names.
fn channel_kind(word: &str) -> Option<&'static str> {
    KIND_ALIASES
        .iter()
        .find(|(alias, _)| *alias == word)
        .map(|(_, kind)| *kind)
        .or_else(|| CHANNEL_KINDS.iter().copied().find(|kind| *kind == word))
}

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
    let channel = match channel_kind(&kind) {
        Some("showroom_walk_in") => SourceChannel::ShowroomWalkIn,
        Some("online_platform") => SourceChannel::OnlinePlatform {
            platform: detail.unwrap_or_default(),
        },
        Some("referral") => SourceChannel::Referral {
            referrer_id: None,
            referrer_name: detail,
        },
        Some("phone_hotline") => SourceChannel::PhoneHotline,
        Some("auto_show") => SourceChannel::AutoShow,
        Some("marketing_event") => SourceChannel::MarketingEvent,
        Some("repeat_customer") => SourceChannel::RepeatCustomer,
        Some("other") => SourceChannel::Other {
            description: detail.unwrap_or_default(),
        },
        _ => return Err(malformed("source", EXPECTED_SOURCE)),
    };
    // The domain checks the texts (a referral needs a name, a platform must be named).
    channel.validate()
}

/// A channel kind to filter on for `field`: `walk-in`, `online`, `referral`, `hotline`,
/// `auto-show`, `event`, `repeat`, `other`, or a stored kind name. A platform or a referrer
/// (`汽车之家`, `online:易车`, `referral:NAME`) is refused rather than widened to its kind:
/// the filter has no such dimension, and a silently wider list would mislead.
pub fn channel(field: &str, text: &str) -> Result<&'static str, ValidationError> {
    let word = text.trim().to_lowercase().replace('-', "_");
    channel_kind(&word).ok_or_else(|| {
        malformed(
            field,
            "a channel kind: walk-in, online, referral, hotline, auto-show, event, repeat or \
             other (for a platform use --platform)",
        )
    })
}

/// An importance for `field`: `normal`, `important`, `key` (or 普通, 重要, 重点).
pub fn importance_level(field: &str, text: &str) -> Result<Importance, ValidationError> {
    let lower = text.trim().to_lowercase();
    match lower.as_str() {
        "普通" => Ok(Importance::Normal),
        "重要" => Ok(Importance::Important),
        "重点" => Ok(Importance::Key),
        code => {
            Importance::from_code(code).ok_or_else(|| malformed(field, "normal, important or key"))
        }
    }
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
    fn filter_channels_take_kinds_only() {
        assert_eq!(
            channel("channels[0]", "Walk-In").unwrap(),
            "showroom_walk_in"
        );
        assert_eq!(channel("channels[0]", "online").unwrap(), "online_platform");
        assert_eq!(channel("channels[0]", "auto_show").unwrap(), "auto_show");
        assert_eq!(channel("channels[0]", "referral").unwrap(), "referral");
        for bad in ["汽车之家", "online:易车", "tv", ""] {
            assert_eq!(
                channel("channels[1]", bad).unwrap_err().field,
                "channels[1]"
            );
        }
    }

    #[test]
    fn importance() {
        assert_eq!(
            importance_level("importance[0]", "重点").unwrap(),
            Importance::Key
        );
        assert_eq!(
            importance_level("importance[0]", "Important").unwrap(),
            Importance::Important
        );
        assert!(importance_level("importance[0]", "vip").is_err());
    }

    #[test]
    fn genders_and_regions() {
        assert_eq!(gender("女").unwrap(), Gender::Female);
        assert_eq!(gender("FEMALE").unwrap(), Gender::Female);
        assert_eq!(gender("x").unwrap_err().field, "gender");
        let r = region("浙江省/杭州市").unwrap();
        assert_eq!(r.city.as_deref(), Some("杭州市"));
        assert_eq!(r.district, None);
        let r = region("浙江省/杭州市/西湖区").unwrap();
        assert_eq!(r.district.as_deref(), Some("西湖区"));
        assert_eq!(
            region("a/b/c/d").unwrap_err(),
            malformed("region", "PROVINCE/CITY/DISTRICT, at most three parts")
        );
    }
}
