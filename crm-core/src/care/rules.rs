//! A dealership's care rules (关怀规则) as data: what to do for a delivered customer and when.
//! [`CareRules::default`] ships the industry's practice; every number is configurable and
//! [`CareRules::validate`] checks them all, naming the field (`maintenance.first_km`,
//! `holidays.list[2].date.day`).

use crate::care::calendar::{check_range, Offset, MAX_OFFSET_DAYS};
use crate::care::consent::{ConsentChannel, ConsentRules};
use crate::care::holiday::{default_holidays, validate_holidays, Holiday};
use crate::care::inspection::{default_inspection_bands, validate_bands, InspectionBand};
use crate::care::maintenance::ServiceIntervals;
use crate::care::outreach::Outreach;
use crate::care::rule_key::rule_key;
use crate::care::task::CareAssignee;
use crate::validation::{Rule, ValidationError};

use ConsentChannel::{Email, Phone, Sms, Wechat};

/// The most calls after delivery a dealership may list.
pub const MAX_DELIVERY_CALLS: usize = 20;

const EXPECTED_LEAD: &str = "a number of days from 0 to 366";
const EXPECTED_KM: &str = "a distance from 100 to 100,000 km";
const EXPECTED_MONTHS: &str = "a number of months from 1 to 60";
const EXPECTED_READINGS: &str = "a number of readings from 2 to 20";

/// Checks a lead in days (0..=366).
fn lead(field: &str, days: u32) -> Result<u32, ValidationError> {
    check_range(field, days, 0, MAX_OFFSET_DAYS, EXPECTED_LEAD)
}

/// A call (or visit) after delivery (交车后回访): consultant at day 3, manager at day 7 …
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct DeliveryCallRule {
    /// A stable key in task keys (`d3`, `m3`): lowercase letters, digits, `_`.
    pub key: String,
    /// How long after delivery the call is due.
    pub after: Offset,
    /// Who calls.
    pub by: CareAssignee,
    /// Whether the call is made.
    pub enabled: bool,
    /// Channels and template.
    pub outreach: Outreach,
}

/// Maintenance reminders (保养提醒); see [`services_due`](crate::services_due) for the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct MaintenanceRule {
    /// Whether services are reminded.
    pub enabled: bool,
    /// km after delivery for the first service (100..=100,000; default 5,000).
    pub first_km: u32,
    /// Months after delivery for the first service (1..=60; default 6).
    pub first_months: u32,
    /// km between later services (default 5,000).
    pub every_km: u32,
    /// Months between later services (default 6).
    pub every_months: u32,
    /// How many of the latest readings (the delivery counts as one) give the average daily
    /// distance (2..=20; default 3).
    pub recent_readings: u32,
    /// Days before the due date the reminder is due (default 7).
    pub lead_days: u32,
    /// Channels and template.
    pub outreach: Outreach,
}

impl MaintenanceRule {
    /// The four intervals.
    pub fn intervals(&self) -> ServiceIntervals {
        ServiceIntervals {
            first_km: self.first_km,
            first_months: self.first_months,
            every_km: self.every_km,
            every_months: self.every_months,
        }
    }
}

/// Insurance renewal reminders (续保提醒).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct InsuranceRule {
    /// Whether renewals are reminded.
    pub enabled: bool,
    /// Days before the policy's end date (default 30: renewal can start then).
    pub lead_days: u32,
    /// Whether a recorded end date also stands for the next years' (policies run a year)
    /// until a later end date is recorded. Default `true`.
    pub project_yearly: bool,
    /// Channels and template.
    pub outreach: Outreach,
}

/// Inspection reminders (年检提醒); see [`inspections_due`](crate::inspections_due) for the table.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct InspectionRule {
    /// Whether inspections are reminded.
    pub enabled: bool,
    /// Days before the due date (default 30).
    pub lead_days: u32,
    /// The table by vehicle age.
    pub bands: Vec<InspectionBand>,
    /// Channels and template.
    pub outreach: Outreach,
}

/// A yearly greeting: the birthday (生日), the purchase anniversary (购车周年).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct GreetingRule {
    /// Whether the greeting is made.
    pub enabled: bool,
    /// Days before the day (default 0: on the day).
    pub lead_days: u32,
    /// Channels and template.
    pub outreach: Outreach,
}

/// Holiday greetings (节日问候).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct HolidayRules {
    /// Whether holidays are greeted at all.
    pub enabled: bool,
    /// The holidays, each with its date and lead.
    pub list: Vec<Holiday>,
    /// Channels and template for every holiday.
    pub outreach: Outreach,
}

/// The invitation to refer friends (转介绍邀请), once, some time after delivery.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ReferralRule {
    /// Whether the invitation is made.
    pub enabled: bool,
    /// How long after delivery (default 2 months).
    pub after: Offset,
    /// Channels and template.
    pub outreach: Outreach,
}

/// A dealership's care rules. Missing fields in JSON take their defaults.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CareRules {
    /// Calls after delivery.
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
    /// Referral invitation.
    pub referral: ReferralRule,
    /// Consent settings.
    pub consent: ConsentRules,
}

fn call(key: &str, after: Offset, by: CareAssignee, enabled: bool) -> DeliveryCallRule {
    DeliveryCallRule {
        key: key.into(),
        after,
        by,
        enabled,
        outreach: Outreach::new(&[Phone, Wechat], "care.after_delivery"),
    }
}

impl Default for CareRules {
    /// Day 3 consultant call, day 7 manager call, day 30 visit or call (3 and 6 months
    /// listed but off); services at 5,000 km or 6 months; insurance 30 days ahead;
    /// inspection 30 days ahead by the private-car table (on site in years 6 and 10); birthday on the day; the six
    /// main holidays a day ahead; anniversary on the day; referral invitation after 2
    /// months; greetings and marketing only with consent given on their channel (never
    /// asked is not consent), service reminders need no consent.
    fn default() -> Self {
        use CareAssignee::{Consultant, Manager};
        CareRules {
            delivery_calls: vec![
                call("d3", Offset::days(3), Consultant, true),
                call("d7", Offset::days(7), Manager, true),
                call("d30", Offset::days(30), Consultant, true),
                call("m3", Offset::months(3), Consultant, false),
                call("m6", Offset::months(6), Consultant, false),
            ],
            maintenance: MaintenanceRule {
                enabled: true,
                first_km: 5000,
                first_months: 6,
                every_km: 5000,
                every_months: 6,
                recent_readings: 3,
                lead_days: 7,
                outreach: Outreach::new(&[Phone, Wechat, Sms], "care.maintenance"),
            },
            insurance: InsuranceRule {
                enabled: true,
                lead_days: 30,
                project_yearly: true,
                outreach: Outreach::new(&[Phone, Wechat, Sms], "care.insurance_renewal"),
            },
            inspection: InspectionRule {
                enabled: true,
                lead_days: 30,
                bands: default_inspection_bands(),
                outreach: Outreach::new(&[Wechat, Sms, Phone], "care.inspection"),
            },
            birthday: GreetingRule {
                enabled: true,
                lead_days: 0,
                outreach: Outreach::new(&[Wechat, Sms, Email], "care.birthday"),
            },
            holidays: HolidayRules {
                enabled: true,
                list: default_holidays(),
                outreach: Outreach::new(&[Wechat, Sms, Email], "care.holiday"),
            },
            anniversary: GreetingRule {
                enabled: true,
                lead_days: 0,
                outreach: Outreach::new(&[Wechat, Sms], "care.purchase_anniversary"),
            },
            referral: ReferralRule {
                enabled: true,
                after: Offset::months(2),
                outreach: Outreach::new(&[Wechat, Phone], "care.referral"),
            },
            consent: ConsentRules::default(),
        }
    }
}

impl CareRules {
    /// Checks every rule and returns them normalised (texts trimmed). Errors name the
    /// field by its path: `delivery_calls[1].key`, `maintenance.every_km`,
    /// `inspection.bands[0].from_age_years`, `holidays.outreach.channels` ….
    pub fn validate(&self) -> Result<CareRules, ValidationError> {
        Ok(CareRules {
            delivery_calls: validate_calls(&self.delivery_calls)?,
            maintenance: self.maintenance.validate()?,
            insurance: InsuranceRule {
                lead_days: lead("insurance.lead_days", self.insurance.lead_days)?,
                outreach: self.insurance.outreach.validate("insurance.outreach")?,
                ..self.insurance.clone()
            },
            inspection: InspectionRule {
                lead_days: lead("inspection.lead_days", self.inspection.lead_days)?,
                bands: validate_bands("inspection.bands", &self.inspection.bands)?,
                outreach: self.inspection.outreach.validate("inspection.outreach")?,
                ..self.inspection.clone()
            },
            birthday: self.birthday.validate("birthday")?,
            holidays: HolidayRules {
                enabled: self.holidays.enabled,
                list: validate_holidays("holidays.list", &self.holidays.list)?,
                outreach: self.holidays.outreach.validate("holidays.outreach")?,
            },
            anniversary: self.anniversary.validate("anniversary")?,
            referral: ReferralRule {
                enabled: self.referral.enabled,
                after: self.referral.after.validate("referral.after")?,
                outreach: self.referral.outreach.validate("referral.outreach")?,
            },
            consent: self.consent,
        })
    }
}

fn validate_calls(calls: &[DeliveryCallRule]) -> Result<Vec<DeliveryCallRule>, ValidationError> {
    if calls.len() > MAX_DELIVERY_CALLS {
        return Err(ValidationError::new(
            "delivery_calls",
            Rule::TooMany {
                max: MAX_DELIVERY_CALLS,
            },
        ));
    }
    let mut out: Vec<DeliveryCallRule> = Vec::with_capacity(calls.len());
    for (i, c) in calls.iter().enumerate() {
        let field = format!("delivery_calls[{i}]");
        let key = rule_key(&format!("{field}.key"), &c.key)?;
        if out.iter().any(|o| o.key == key) {
            return Err(ValidationError::new(format!("{field}.key"), Rule::Taken));
        }
        out.push(DeliveryCallRule {
            key,
            after: c.after.validate(&format!("{field}.after"))?,
            by: c.by,
            enabled: c.enabled,
            outreach: c.outreach.validate(&format!("{field}.outreach"))?,
        });
    }
    Ok(out)
}

impl MaintenanceRule {
    fn validate(&self) -> Result<MaintenanceRule, ValidationError> {
        let km = |name: &str, v| {
            check_range(&format!("maintenance.{name}"), v, 100, 100_000, EXPECTED_KM)
        };
        let months =
            |name: &str, v| check_range(&format!("maintenance.{name}"), v, 1, 60, EXPECTED_MONTHS);
        Ok(MaintenanceRule {
            enabled: self.enabled,
            first_km: km("first_km", self.first_km)?,
            first_months: months("first_months", self.first_months)?,
            every_km: km("every_km", self.every_km)?,
            every_months: months("every_months", self.every_months)?,
            recent_readings: check_range(
                "maintenance.recent_readings",
                self.recent_readings,
                2,
                20,
                EXPECTED_READINGS,
            )?,
            lead_days: lead("maintenance.lead_days", self.lead_days)?,
            outreach: self.outreach.validate("maintenance.outreach")?,
        })
    }
}

impl GreetingRule {
    fn validate(&self, field: &str) -> Result<GreetingRule, ValidationError> {
        Ok(GreetingRule {
            enabled: self.enabled,
            lead_days: lead(&format!("{field}.lead_days"), self.lead_days)?,
            outreach: self.outreach.validate(&format!("{field}.outreach"))?,
        })
    }
}

impl Default for MaintenanceRule {
    fn default() -> Self {
        CareRules::default().maintenance
    }
}

impl Default for InsuranceRule {
    fn default() -> Self {
        CareRules::default().insurance
    }
}

impl Default for InspectionRule {
    fn default() -> Self {
        CareRules::default().inspection
    }
}

impl Default for HolidayRules {
    fn default() -> Self {
        CareRules::default().holidays
    }
}

impl Default for ReferralRule {
    fn default() -> Self {
        CareRules::default().referral
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid_and_round_trip_through_json() {
        let rules = CareRules::default();
        assert_eq!(rules.validate(), Ok(rules.clone()));
        let json = serde_json::to_string(&rules).unwrap();
        assert_eq!(serde_json::from_str::<CareRules>(&json).unwrap(), rules);
        // A partial document keeps the defaults for what it leaves out.
        let partial: CareRules =
            serde_json::from_str(r#"{"consent": {"service_reminders_need_consent": true}}"#)
                .unwrap();
        assert!(partial.consent.service_reminders_need_consent);
        assert_eq!(
            partial.consent.unknown_allows_marketing,
            crate::care::consent::ChannelSet::NONE
        );
        assert_eq!(partial.maintenance, rules.maintenance);
    }

    #[test]
    fn every_number_is_checked_and_the_error_names_it() {
        let field = |f: &dyn Fn(&mut CareRules)| {
            let mut r = CareRules::default();
            f(&mut r);
            r.validate().unwrap_err().field
        };
        assert_eq!(
            field(&|r| r.maintenance.first_km = 99),
            "maintenance.first_km"
        );
        assert_eq!(
            field(&|r| r.maintenance.every_months = 0),
            "maintenance.every_months"
        );
        assert_eq!(
            field(&|r| r.maintenance.recent_readings = 1),
            "maintenance.recent_readings"
        );
        assert_eq!(
            field(&|r| r.insurance.lead_days = 367),
            "insurance.lead_days"
        );
        assert_eq!(field(&|r| r.inspection.bands.clear()), "inspection.bands");
        assert_eq!(field(&|r| r.birthday.lead_days = 400), "birthday.lead_days");
        assert_eq!(
            field(&|r| r.holidays.outreach.channels.clear()),
            "holidays.outreach.channels"
        );
        assert_eq!(
            field(&|r| r.anniversary.outreach.channels = vec![Sms; 2]),
            "anniversary.outreach.channels[1]"
        );
        assert_eq!(
            field(&|r| r.anniversary.outreach.template_key = " ".into()),
            "anniversary.outreach.template_key"
        );
        assert_eq!(
            field(&|r| r.referral.after = Offset::default()),
            "referral.after.days"
        );
        assert_eq!(
            field(&|r| r.delivery_calls[1].key = "d3".into()),
            "delivery_calls[1].key"
        );
        assert_eq!(
            field(&|r| r.delivery_calls[0].after = Offset::months(121)),
            "delivery_calls[0].after.months"
        );
        assert_eq!(
            field(&|r| r.delivery_calls = vec![r.delivery_calls[0].clone(); 21]),
            "delivery_calls"
        );
    }
}
