//! Follow-up records (跟进记录): one conversation with a customer, what was said and how it
//! went. The manual's section 2.1.

use crate::customer::CustomerId;
use crate::follow_up::attachment::Attachment;
use crate::follow_up::ids::FollowUpId;
use crate::validation::{optional_text, Limits, Rule, ValidationError};
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// How the consultant reached the customer (跟进方式); also how a plan means to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpMethod {
    /// A phone call (电话).
    Phone,
    /// WeChat messages or a WeChat call (微信).
    Wechat,
    /// Face to face, in the showroom or elsewhere (面谈).
    FaceToFace,
    /// A text message (短信).
    Sms,
    /// E-mail (邮件).
    Email,
    /// A video call (视频).
    Video,
    /// Anything else.
    Other,
}

crate::validation::codes!(FollowUpMethod {
    Phone => "phone",
    Wechat => "wechat",
    FaceToFace => "face_to_face",
    Sms => "sms",
    Email => "email",
    Video => "video",
    Other => "other",
});

/// What a follow-up was about (跟进类型), for statistics and for picking templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpKind {
    /// First contact (初次接触).
    FirstContact,
    /// Needs discovery (需求了解): budget, use, family, timing.
    NeedsDiscovery,
    /// Model presentation (车型介绍).
    ModelPresentation,
    /// Store-visit invitation (邀约到店).
    StoreVisitInvitation,
    /// Test drive (试驾).
    TestDrive,
    /// Price negotiation (价格洽谈).
    PriceNegotiation,
    /// Order or delivery (订车 / 交车).
    OrderDelivery,
    /// After-sales visit (售后回访).
    AfterSalesVisit,
    /// Anything else.
    Other,
}

crate::validation::codes!(FollowUpKind {
    FirstContact => "first_contact",
    NeedsDiscovery => "needs_discovery",
    ModelPresentation => "model_presentation",
    StoreVisitInvitation => "store_visit_invitation",
    TestDrive => "test_drive",
    PriceNegotiation => "price_negotiation",
    OrderDelivery => "order_delivery",
    AfterSalesVisit => "after_sales_visit",
    Other => "other",
});

/// The earliest instant a follow-up may carry (2000-01-01T00:00Z): older ones are typos.
pub fn earliest_follow_up() -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(2000, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// A follow-up as the consultant enters it, before validation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewFollowUp {
    /// The customer followed up.
    pub customer_id: CustomerId,
    /// How.
    pub method: FollowUpMethod,
    /// What about.
    pub kind: FollowUpKind,
    /// When it happened (UTC).
    pub at: DateTime<Utc>,
    /// What was said (主要沟通内容), required; the customer's own words where possible.
    pub content: String,
    /// The customer's feedback (客户反馈).
    #[serde(default)]
    pub feedback: Option<String>,
    /// Problems met (遇到的问题).
    #[serde(default)]
    pub problems: Option<String>,
    /// Questions the customer asked (客户疑问).
    #[serde(default)]
    pub questions: Option<String>,
    /// Files shown or sent: references only.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// The consultant who followed up, as the app knows them.
    #[serde(default)]
    pub consultant: Option<String>,
}

impl NewFollowUp {
    /// A follow-up with just the required fields.
    pub fn new(
        customer_id: CustomerId,
        method: FollowUpMethod,
        kind: FollowUpKind,
        at: DateTime<Utc>,
        content: impl Into<String>,
    ) -> Self {
        NewFollowUp {
            customer_id,
            method,
            kind,
            at,
            content: content.into(),
            feedback: None,
            problems: None,
            questions: None,
            attachments: Vec::new(),
            consultant: None,
        }
    }

    /// Validates and normalises every field as of `now`: `at` may lie at most
    /// [`Limits::CLOCK_SKEW_SECS`] in the future and not before [`earliest_follow_up`]; texts
    /// are trimmed and capped; attachments checked one by one (`attachments[2].sha256`).
    pub fn validate(&self, now: DateTime<Utc>) -> Result<FollowUp, ValidationError> {
        if self.customer_id.as_str().trim().is_empty() {
            return Err(ValidationError::new("customer_id", Rule::Required));
        }
        if self.at > now + Duration::seconds(Limits::CLOCK_SKEW_SECS) {
            return Err(ValidationError::new("at", Rule::InFuture));
        }
        if self.at < earliest_follow_up() {
            return Err(ValidationError::new("at", Rule::TooEarly));
        }
        let detail = |field, v: &Option<String>| {
            optional_text(field, v.as_deref(), Limits::FOLLOW_UP_DETAIL, true)
        };
        Ok(FollowUp {
            customer_id: self.customer_id.clone(),
            method: self.method,
            kind: self.kind,
            at: self.at,
            content: optional_text(
                "content",
                Some(&self.content),
                Limits::FOLLOW_UP_CONTENT,
                true,
            )?
            .ok_or_else(|| ValidationError::new("content", Rule::Required))?,
            feedback: detail("feedback", &self.feedback)?,
            problems: detail("problems", &self.problems)?,
            questions: detail("questions", &self.questions)?,
            attachments: validate_attachments(&self.attachments)?,
            consultant: optional_text(
                "consultant",
                self.consultant.as_deref(),
                Limits::OWNER,
                false,
            )?,
        })
    }
}

fn validate_attachments(list: &[Attachment]) -> Result<Vec<Attachment>, ValidationError> {
    if list.len() > Limits::ATTACHMENTS {
        return Err(ValidationError::new(
            "attachments",
            Rule::TooMany {
                max: Limits::ATTACHMENTS,
            },
        ));
    }
    list.iter()
        .enumerate()
        .map(|(i, a)| {
            a.validate()
                .map_err(|e| e.within(&format!("attachments[{i}]")))
        })
        .collect()
}

/// A validated follow-up: what [`NewFollowUp::validate`] returns and a store keeps.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FollowUp {
    /// The customer followed up.
    pub customer_id: CustomerId,
    /// How.
    pub method: FollowUpMethod,
    /// What about.
    pub kind: FollowUpKind,
    /// When it happened (UTC).
    pub at: DateTime<Utc>,
    /// What was said, trimmed.
    pub content: String,
    /// The customer's feedback.
    pub feedback: Option<String>,
    /// Problems met.
    pub problems: Option<String>,
    /// Questions asked.
    pub questions: Option<String>,
    /// Attachment references, normalised.
    pub attachments: Vec<Attachment>,
    /// The consultant who followed up.
    pub consultant: Option<String>,
}

impl From<&FollowUp> for NewFollowUp {
    fn from(f: &FollowUp) -> Self {
        NewFollowUp {
            customer_id: f.customer_id.clone(),
            method: f.method,
            kind: f.kind,
            at: f.at,
            content: f.content.clone(),
            feedback: f.feedback.clone(),
            problems: f.problems.clone(),
            questions: f.questions.clone(),
            attachments: f.attachments.clone(),
            consultant: f.consultant.clone(),
        }
    }
}

/// A stored follow-up: its id, content and bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FollowUpRecord {
    /// The id (UUIDv7).
    pub id: FollowUpId,
    /// The follow-up.
    #[serde(flatten)]
    pub follow_up: FollowUp,
    /// When it was logged (UTC).
    pub created_at: DateTime<Utc>,
    /// When it last changed (UTC).
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version: 1 when logged, +1 on every edit.
    pub version: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::assert_codes_are_serde_names;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap()
    }

    fn call() -> NewFollowUp {
        NewFollowUp::new(
            "c1".into(),
            FollowUpMethod::Phone,
            FollowUpKind::StoreVisitInvitation,
            now() - Duration::minutes(20),
            "  邀请周六上午来店试驾途观L，客户说要和太太商量。 ",
        )
    }

    #[test]
    fn a_valid_follow_up_is_trimmed() {
        let mut f = call();
        f.feedback = Some("  ".into());
        f.consultant = Some(" c001 ".into());
        let v = f.validate(now()).unwrap();
        assert_eq!(v.content, "邀请周六上午来店试驾途观L，客户说要和太太商量。");
        assert_eq!(v.feedback, None);
        assert_eq!(v.consultant.as_deref(), Some("c001"));
        assert_eq!(NewFollowUp::from(&v).validate(now()), Ok(v));
    }

    #[test]
    fn errors_name_the_field() {
        type Defect = fn(&mut NewFollowUp);
        let cases: Vec<(Defect, &str, Rule)> = vec![
            (|f| f.content = " \n ".into(), "content", Rule::Required),
            (
                |f| f.at = now() + Duration::seconds(Limits::CLOCK_SKEW_SECS + 1),
                "at",
                Rule::InFuture,
            ),
            (
                |f| f.at = Utc.with_ymd_and_hms(1999, 12, 31, 0, 0, 0).unwrap(),
                "at",
                Rule::TooEarly,
            ),
            (
                |f| f.questions = Some("问".repeat(Limits::FOLLOW_UP_DETAIL + 1)),
                "questions",
                Rule::TooLong {
                    max: Limits::FOLLOW_UP_DETAIL,
                },
            ),
            (
                |f| f.problems = Some("a\u{7}b".into()),
                "problems",
                Rule::ControlCharacters,
            ),
            (
                |f| f.customer_id = " ".into(),
                "customer_id",
                Rule::Required,
            ),
        ];
        for (mutate, field, rule) in cases {
            let mut f = call();
            mutate(&mut f);
            let err = f.validate(now()).unwrap_err();
            assert_eq!((err.field.as_str(), err.rule), (field, rule));
        }
    }

    #[test]
    fn within_clock_skew_is_now() {
        let mut f = call();
        f.at = now() + Duration::seconds(Limits::CLOCK_SKEW_SECS);
        assert!(f.validate(now()).is_ok());
    }

    #[test]
    fn attachment_errors_carry_their_index() {
        let mut f = call();
        f.attachments = vec![Attachment {
            file_name: "quote.pdf".into(),
            media_type: "application/pdf".into(),
            size_bytes: 10,
            sha256: "0".repeat(63),
            uri: "content://x/1".into(),
        }];
        assert_eq!(
            f.validate(now()).unwrap_err().field,
            "attachments[0].sha256"
        );
        f.attachments = vec![f.attachments[0].clone(); Limits::ATTACHMENTS + 1];
        assert_eq!(f.validate(now()).unwrap_err().field, "attachments");
    }

    #[test]
    fn codes_are_the_serde_names() {
        assert_codes_are_serde_names::<FollowUpMethod>();
        assert_codes_are_serde_names::<FollowUpKind>();
    }
}
