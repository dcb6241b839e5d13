//! The dealership's care rules (关怀规则) as typed records: the same tree as `crm-core`'s
//! `CareRules`, for a settings screen that edits them field by field (`careRules()` /
//! `setCareRules(rules)`). The JSON pair in `rules_json` stays for apps that only pass
//! the rules through.
//!
//! The records carry no rule of their own: `setCareRules` hands them to the store, which
//! checks every number and names the broken one by its path in the rules
//! (`insurance.lead_days`, `delivery_calls[1].key`, `holidays.list[2].date.day` …).

use crate::care::consent::ConsentChannel;
use crate::care::task::CareAssignee;
use crate::convert::{each, same_fields};
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::{Signed, Unsigned};
use crate::store::CrmStore;

/// A length of time after an event: calendar months, then days ("3 days" is
/// `months = 0, days = 3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct CareOffset {
    /// Calendar months (0 to 120).
    pub months: i32,
    /// Then days (0 to 366).
    pub days: i32,
}

/// The channels a rule's tasks use, in order of preference (the first one the customer's
/// consent allows is suggested), and the template to suggest.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Outreach {
    /// 1 to 4 channels, no repeats.
    pub channels: Vec<ConsentChannel>,
    /// The key of the template to suggest (a starter's such as `care.maintenance`, or one
    /// of the user's own); required, up to 64 characters.
    pub template_key: String,
}

/// A call (or visit) after delivery (交车后回访).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeliveryCallRule {
    /// A stable key used in task keys (`d3`, `m3`): lowercase letters, digits, `_`.
    pub key: String,
    /// How long after delivery the call is due.
    pub after: CareOffset,
    /// Who calls.
    pub by: CareAssignee,
    /// Whether the call is made.
    pub enabled: bool,
    /// Channels and template.
    pub outreach: Outreach,
}

/// Maintenance reminders (保养提醒): the first service at `first_km` or `first_months`
/// after delivery, whichever comes first, then every `every_km` or `every_months`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MaintenanceRule {
    /// Whether services are reminded.
    pub enabled: bool,
    /// km after delivery for the first service (100 to 100,000).
    pub first_km: i32,
    /// Months after delivery for the first service (1 to 60).
    pub first_months: i32,
    /// km between later services (100 to 100,000).
    pub every_km: i32,
    /// Months between later services (1 to 60).
    pub every_months: i32,
    /// How many of the latest odometer readings (the delivery counts as one) give the
    /// average daily distance (2 to 20).
    pub recent_readings: i32,
    /// Days before the due date the reminder is due (0 to 366).
    pub lead_days: i32,
    /// Channels and template.
    pub outreach: Outreach,
}

/// Insurance renewal reminders (续保提醒).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InsuranceRule {
    /// Whether renewals are reminded.
    pub enabled: bool,
    /// Days before the policy's end date (0 to 366).
    pub lead_days: i32,
    /// Whether a recorded end date also stands for the next years' until a later one is
    /// recorded.
    pub project_yearly: bool,
    /// Channels and template.
    pub outreach: Outreach,
}

/// One band of the inspection table (年检) by the car's age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct InspectionBand {
    /// The car's age in whole years since registration where the band begins (0 to 50;
    /// the first band begins at 0, each next one later).
    pub from_age_years: i32,
    /// Months between inspections in this band (1 to 120).
    pub every_months: i32,
    /// Whether the inspection is on site (上线检验) rather than the papers only.
    pub on_site: bool,
}

/// Inspection reminders (年检提醒).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InspectionRule {
    /// Whether inspections are reminded.
    pub enabled: bool,
    /// Days before the due date (0 to 366).
    pub lead_days: i32,
    /// The table by vehicle age.
    pub bands: Vec<InspectionBand>,
    /// Channels and template.
    pub outreach: Outreach,
}

/// A yearly greeting: the birthday (生日), the purchase anniversary (购车周年).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GreetingRule {
    /// Whether the greeting is made.
    pub enabled: bool,
    /// Days before the day (0 = on the day, up to 366).
    pub lead_days: i32,
    /// Channels and template.
    pub outreach: Outreach,
}

/// When a holiday falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum HolidayDate {
    /// A fixed Gregorian date (公历); February 29 falls on February 28 in common years.
    Gregorian {
        /// 1 to 12.
        month: i32,
        /// 1 to 31, valid for the month in a leap year.
        day: i32,
    },
    /// A lunar date (农历), never in a leap month.
    Lunar {
        /// 1 to 12.
        month: i32,
        /// 1 to 30.
        day: i32,
    },
}

/// A holiday greeted (春节, 中秋节 …).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Holiday {
    /// A stable key used in task keys: lowercase letters, digits and `_`
    /// (`spring_festival`).
    pub key: String,
    /// The name shown (春节).
    pub name: String,
    /// When it falls.
    pub date: HolidayDate,
    /// Days before the holiday the greeting is due (0 = on the day, up to 366).
    pub lead_days: i32,
    /// Whether greetings are made for it.
    pub enabled: bool,
}

/// Holiday greetings (节日问候).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HolidayRules {
    /// Whether holidays are greeted at all.
    pub enabled: bool,
    /// The holidays.
    pub list: Vec<Holiday>,
    /// Channels and template for every holiday.
    pub outreach: Outreach,
}

/// The invitation to refer friends (转介绍邀请), once, some time after delivery.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReferralRule {
    /// Whether the invitation is made.
    pub enabled: bool,
    /// How long after delivery.
    pub after: CareOffset,
    /// Channels and template.
    pub outreach: Outreach,
}

/// The dealership's consent settings for care tasks. Whatever they say, a task only goes on
/// a channel the customer can be reached on and has not refused.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ConsentRules {
    /// The channels on which a customer never asked may get greetings and marketing
    /// (insurance renewal offers included). Default: none, since never asked is not consent.
    pub unknown_allows_marketing: Vec<ConsentChannel>,
    /// Whether service reminders (calls after delivery, maintenance, inspection) follow
    /// consent like marketing does.
    pub service_reminders_need_consent: bool,
}

impl From<crm_core::ConsentRules> for ConsentRules {
    fn from(r: crm_core::ConsentRules) -> Self {
        ConsentRules {
            unknown_allows_marketing: each(r.unknown_allows_marketing.channels()),
            service_reminders_need_consent: r.service_reminders_need_consent,
        }
    }
}

impl From<ConsentRules> for crm_core::ConsentRules {
    fn from(r: ConsentRules) -> Self {
        let channels: Vec<crm_core::ConsentChannel> = each(r.unknown_allows_marketing);
        crm_core::ConsentRules {
            unknown_allows_marketing: crm_core::ChannelSet::of(&channels),
            service_reminders_need_consent: r.service_reminders_need_consent,
        }
    }
}

/// A dealership's care rules: what to do for a delivered customer, and when.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareRules {
    /// Calls after delivery (at most 20, keys unique).
    pub delivery_calls: Vec<DeliveryCallRule>,
    /// Maintenance.
    pub maintenance: MaintenanceRule,
    /// Insurance renewal.
    pub insurance: InsuranceRule,
    /// Annual inspection.
    pub inspection: InspectionRule,
    /// Birthday greetings.
    pub birthday: GreetingRule,
    /// Holiday greetings.
    pub holidays: HolidayRules,
    /// Purchase anniversary greetings.
    pub anniversary: GreetingRule,
    /// The referral invitation.
    pub referral: ReferralRule,
    /// Consent settings.
    pub consent: ConsentRules,
}

same_fields!(checked CareOffset <=> crm_core::Offset {} numbers { months, days });

same_fields!(checked InspectionBand <=> crm_core::InspectionBand { on_site } numbers { from_age_years, every_months });

same_fields!(checked DeliveryCallRule <=> crm_core::DeliveryCallRule { key, after, by, enabled, outreach });

same_fields!(checked MaintenanceRule <=> crm_core::MaintenanceRule { enabled, outreach } numbers {
    first_km, first_months, every_km, every_months, recent_readings, lead_days
});

same_fields!(checked InsuranceRule <=> crm_core::InsuranceRule {
    enabled, project_yearly, outreach
} numbers { lead_days });

same_fields!(checked GreetingRule <=> crm_core::GreetingRule { enabled, outreach } numbers { lead_days });

same_fields!(checked ReferralRule <=> crm_core::ReferralRule { enabled, after, outreach });

same_fields!(checked Holiday <=> crm_core::Holiday { key, name, date, enabled } numbers { lead_days });
same_fields!(Outreach <=> crm_core::Outreach { template_key } lists { channels });
same_fields!(checked InspectionRule <=> crm_core::InspectionRule { enabled, outreach } numbers { lead_days } lists { bands });
same_fields!(checked HolidayRules <=> crm_core::HolidayRules { enabled, outreach } lists { list });
same_fields!(checked CareRules <=> crm_core::CareRules {
    maintenance, insurance, inspection, birthday, holidays, anniversary, referral, consent
} lists { delivery_calls });

impl From<crm_core::HolidayDate> for HolidayDate {
    fn from(d: crm_core::HolidayDate) -> Self {
        match d {
            crm_core::HolidayDate::Gregorian { month, day } => HolidayDate::Gregorian {
                month: month.signed(),
                day: day.signed(),
            },
            crm_core::HolidayDate::Lunar { month, day } => HolidayDate::Lunar {
                month: month.signed(),
                day: day.signed(),
            },
        }
    }
}

impl TryFrom<HolidayDate> for crm_core::HolidayDate {
    type Error = CrmError;

    fn try_from(d: HolidayDate) -> Result<Self, CrmError> {
        Ok(match d {
            HolidayDate::Gregorian { month, day } => crm_core::HolidayDate::Gregorian {
                month: month.unsigned("month")?,
                day: day.unsigned("day")?,
            },
            HolidayDate::Lunar { month, day } => crm_core::HolidayDate::Lunar {
                month: month.unsigned("month")?,
                day: day.unsigned("day")?,
            },
        })
    }
}

#[uniffi::export]
impl CrmStore {
    /// The dealership's care rules (the defaults until set), as typed records.
    pub async fn care_rules(&self) -> Result<CareRules, CrmError> {
        self.read(move |store| Ok(store.care_rules()?.into())).await
    }

    /// Sets the care rules and returns them as stored (texts trimmed). Open care tasks
    /// follow at the next `generate_care`; done and skipped ones stay as they were.
    ///
    /// Fails with `InvalidInput` naming the rule broken by its path in the rules, in
    /// snake_case as in the JSON form (`insurance.lead_days`, `maintenance.every_km`,
    /// `delivery_calls[1].key`, `holidays.list[2].date.day` …); nothing is stored then.
    pub async fn set_care_rules(&self, rules: CareRules) -> Result<CareRules, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Care]), move |store| {
            Ok(store.set_care_rules(&rules.try_into()?)?.into())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_rules_survive_a_round_trip_through_the_records() {
        let rules = crm_core::CareRules::default();
        let typed = CareRules::from(rules.clone());
        assert_eq!(typed.insurance.lead_days, 30);
        assert_eq!(typed.delivery_calls[1].by, CareAssignee::Manager);
        assert!(matches!(
            typed.holidays.list[0].date,
            HolidayDate::Lunar { month: 1, day: 1 } | HolidayDate::Gregorian { .. }
        ));
        assert_eq!(crm_core::CareRules::try_from(typed), Ok(rules));
    }

    #[test]
    fn a_negative_number_names_its_path_in_the_rules() {
        let mut typed = CareRules::from(crm_core::CareRules::default());
        typed.maintenance.every_km = -1;
        assert_eq!(
            crm_core::CareRules::try_from(typed.clone()).unwrap_err(),
            CrmError::invalid("maintenance.every_km", "must not be negative")
        );
        typed.maintenance.every_km = 5_000;
        typed.holidays.list[2].date = HolidayDate::Gregorian { month: 5, day: -4 };
        assert_eq!(
            crm_core::CareRules::try_from(typed).unwrap_err(),
            CrmError::invalid("holidays.list[2].date.day", "must not be negative")
        );
    }

    #[test]
    fn every_holiday_date_kind_converts_both_ways() {
        for d in [
            crm_core::HolidayDate::Gregorian { month: 10, day: 1 },
            crm_core::HolidayDate::Lunar { month: 8, day: 15 },
        ] {
            assert_eq!(crm_core::HolidayDate::try_from(HolidayDate::from(d)), Ok(d));
        }
    }
}
