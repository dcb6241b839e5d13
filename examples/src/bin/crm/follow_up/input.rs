//! Option values of following up to domain values: methods, types, intent levels, and the
//! times people type (`now`, `2026-11-28 10:00`, `tomorrow`, `+3d`). Errors name the field.
//!
//! Times are parsed in two steps: [`When::parse`] checks the text before the database is
//! opened, [`When::instant`] / [`When::plan_time`] resolve it in the dealership's zone
//! (a setting in the database).

use crate::term::input::malformed;
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, Utc};
use crm_core::{
    Code, DealershipZone, FollowUpKind, FollowUpMethod, IntentLevel, PlanTime, ValidationError,
};

/// A follow-up method for `field`: `phone`, `wechat`, `visit`, `sms`, `email`, `video`,
/// `other`, the stored codes (`face_to_face`), or 电话, 微信, 面谈, 短信, 邮件, 视频, 其他.
pub fn method(field: &str, text: &str) -> Result<FollowUpMethod, ValidationError> {
    let word = text.trim().to_lowercase().replace('-', "_");
    let m = match word.as_str() {
        "visit" | "face" | "面谈" | "到店" => FollowUpMethod::FaceToFace,
        "电话" | "call" => FollowUpMethod::Phone,
        "微信" => FollowUpMethod::Wechat,
        "短信" | "text" => FollowUpMethod::Sms,
        "邮件" | "mail" => FollowUpMethod::Email,
        "视频" => FollowUpMethod::Video,
        "其他" => FollowUpMethod::Other,
        code => FollowUpMethod::from_code(code).ok_or_else(|| {
            malformed(
                field,
                "a method: phone, wechat, visit, sms, email, video or other",
            )
        })?,
    };
    Ok(m)
}

/// A follow-up type for `field`: `first-contact`, `needs`, `presentation`, `invitation`,
/// `test-drive`, `negotiation`, `order`, `after-sales`, `other`, the stored codes, or the
/// Chinese names.
pub fn kind(field: &str, text: &str) -> Result<FollowUpKind, ValidationError> {
    let word = text.trim().to_lowercase().replace('-', "_");
    let k = match word.as_str() {
        "first" | "初次接触" => FollowUpKind::FirstContact,
        "needs" | "需求了解" => FollowUpKind::NeedsDiscovery,
        "presentation" | "车型介绍" => FollowUpKind::ModelPresentation,
        "invitation" | "邀约到店" => FollowUpKind::StoreVisitInvitation,
        "试驾" => FollowUpKind::TestDrive,
        "negotiation" | "价格洽谈" => FollowUpKind::PriceNegotiation,
        "order" | "delivery" | "订车" | "交车" => FollowUpKind::OrderDelivery,
        "after_sales" | "售后回访" => FollowUpKind::AfterSalesVisit,
        "其他" => FollowUpKind::Other,
        code => FollowUpKind::from_code(code).ok_or_else(|| {
            malformed(
                field,
                "a type: first-contact, needs, presentation, invitation, test-drive, \
                 negotiation, order, after-sales or other",
            )
        })?,
    };
    Ok(k)
}

/// An intent level: N, H, A, B, C or O (either case).
pub fn intent_level(text: &str) -> Result<IntentLevel, ValidationError> {
    IntentLevel::from_letter(text)
        .ok_or_else(|| malformed("intent_level", "an intent level: N, H, A, B, C or O"))
}

/// A time as typed, not yet placed in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// `now`.
    Now,
    /// RFC 3339.
    Instant(DateTime<Utc>),
    /// `YYYY-MM-DD HH:MM[:SS]` (or with a `T`) on the dealership's wall clock.
    Wall(NaiveDateTime),
    /// `YYYY-MM-DD`.
    Date(NaiveDate),
    /// `today` (0), `tomorrow` (1), `+Nd` (N): days after today.
    DaysFromToday(u64),
}

const EXPECTED_WHEN: &str =
    "now, an RFC 3339 instant, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, tomorrow or +Nd";

impl When {
    /// Parses `text` for `field`.
    pub fn parse(field: &str, text: &str) -> Result<When, ValidationError> {
        let t = text.trim();
        let bad = || malformed(field, EXPECTED_WHEN);
        match t.to_lowercase().as_str() {
            "now" => return Ok(When::Now),
            "today" | "今天" => return Ok(When::DaysFromToday(0)),
            "tomorrow" | "明天" => return Ok(When::DaysFromToday(1)),
            _ => {}
        }
        if let Some(days) = t.strip_prefix('+').and_then(|d| d.strip_suffix('d')) {
            let n: u64 = days.parse().map_err(|_| bad())?;
            return if n <= 3650 {
                Ok(When::DaysFromToday(n))
            } else {
                Err(bad())
            };
        }
        if let Ok(at) = DateTime::parse_from_rfc3339(t) {
            return Ok(When::Instant(at.with_timezone(&Utc)));
        }
        for format in [
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M:%S",
        ] {
            if let Ok(wall) = NaiveDateTime::parse_from_str(t, format) {
                return Ok(When::Wall(wall));
            }
        }
        NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(When::Date)
            .map_err(|_| bad())
    }

    /// The instant it names, dates taken at the start of their day. `field` names errors.
    pub fn instant(
        self,
        field: &str,
        zone: &DealershipZone,
        now: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, ValidationError> {
        Ok(match self.plan_time(field, zone, now)? {
            PlanTime::At(at) => at,
            PlanTime::OnDate(d) => zone.start_of(d),
        })
    }

    /// A plan time: dates stay dates, the rest are instants.
    pub fn plan_time(
        self,
        field: &str,
        zone: &DealershipZone,
        now: DateTime<Utc>,
    ) -> Result<PlanTime, ValidationError> {
        Ok(match self {
            When::Now => PlanTime::At(now),
            When::Instant(at) => PlanTime::At(at),
            When::Wall(wall) => PlanTime::At(zone.instant_at(wall)),
            When::Date(d) => PlanTime::OnDate(d),
            When::DaysFromToday(n) => PlanTime::OnDate(
                zone.local_date(now)
                    .checked_add_days(Days::new(n))
                    .ok_or_else(|| malformed(field, EXPECTED_WHEN))?,
            ),
        })
    }

    /// Whether it names a whole day rather than an instant.
    pub fn is_date(self) -> bool {
        matches!(self, When::Date(_) | When::DaysFromToday(_))
    }
}

/// An instant for `field` (a follow-up's `at`): a date alone is refused.
pub fn instant_only(field: &str, text: &str) -> Result<When, ValidationError> {
    let when = When::parse(field, text)?;
    if when.is_date() {
        return Err(malformed(
            field,
            "an instant: now, RFC 3339 or YYYY-MM-DD HH:MM",
        ));
    }
    Ok(when)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_kinds_and_levels() {
        assert_eq!(
            method("method", "visit").unwrap(),
            FollowUpMethod::FaceToFace
        );
        assert_eq!(method("method", "微信").unwrap(), FollowUpMethod::Wechat);
        assert_eq!(method("method", "Phone").unwrap(), FollowUpMethod::Phone);
        assert_eq!(method("method", "fax").unwrap_err().field, "method");
        assert_eq!(kind("kind", "test-drive").unwrap(), FollowUpKind::TestDrive);
        assert_eq!(kind("kind", "试驾").unwrap(), FollowUpKind::TestDrive);
        assert_eq!(
            kind("kind", "store_visit_invitation").unwrap(),
            FollowUpKind::StoreVisitInvitation
        );
        assert!(kind("kind", "lunch").is_err());
        assert_eq!(intent_level("h").unwrap(), IntentLevel::H);
        assert_eq!(intent_level("X").unwrap_err().field, "intent_level");
    }

    #[test]
    fn times_resolve_in_the_dealership_zone() {
        let zone = DealershipZone::default();
        let now: DateTime<Utc> = "2026-11-27T02:00:00Z".parse().unwrap();
        let at = |t: &str| {
            When::parse("at", t)
                .unwrap()
                .plan_time("at", &zone, now)
                .unwrap()
        };
        assert_eq!(
            at("2026-11-28 10:00"),
            PlanTime::At("2026-11-28T02:00:00Z".parse().unwrap())
        );
        assert_eq!(
            at("tomorrow"),
            PlanTime::OnDate(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
        );
        assert_eq!(
            at("+3d"),
            PlanTime::OnDate(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap())
        );
        assert_eq!(at("now"), PlanTime::At(now));
        assert!(When::parse("next", "next week").is_err());
        assert_eq!(instant_only("at", "2026-11-27").unwrap_err().field, "at");
    }
}
