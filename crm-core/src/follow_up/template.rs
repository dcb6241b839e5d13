//! Message templates (话术模板): text with named placeholders that the app fills for one
//! customer, e.g. `{客户称呼}您好，我是{门店}的{销售顾问}`.
//!
//! Grammar: `{name}` is a placeholder (spaces inside the braces are ignored), by its English
//! name or its Chinese alias (see [`Placeholder`]); `{{` and `}}` stand for literal braces;
//! any other brace is an error. Full-width braces `｛｝` are ordinary text.

use crate::validation::{
    optional_text, required_text, trim_text, Code, Limits, Rule, ValidationError,
};
use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};
use std::collections::BTreeMap;
use std::fmt;

/// A value a template can insert.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Placeholder {
    /// `{customer_name}` / `{客户姓名}`: the customer's name ("张伟").
    CustomerName,
    /// `{customer_title}` / `{客户称呼}`: how to address them ("张先生", "Ms Li").
    CustomerTitle,
    /// `{salesperson}` / `{销售顾问}`: the consultant's name.
    Salesperson,
    /// `{salesperson_phone}` / `{联系电话}`: the consultant's phone.
    SalespersonPhone,
    /// `{model}` / `{车型}`: the car model ("途观L 2026款").
    Model,
    /// `{store}` / `{门店}`: the dealership's name.
    Store,
    /// `{store_address}` / `{门店地址}`: its address.
    StoreAddress,
    /// `{date}` / `{日期}`: a date, formatted by the app (see [`TemplateLanguage::format_date`]).
    Date,
    /// `{time}` / `{时间}`: a time of day (see [`TemplateLanguage::format_time`]).
    Time,
    /// `{price}` / `{报价}`: a quoted price, formatted ("18.58万元").
    Price,
    /// `{event}` / `{活动}`: an event's name ("双十一团购会").
    Event,
}

crate::validation::codes!(Placeholder {
    CustomerName => "customer_name",
    CustomerTitle => "customer_title",
    Salesperson => "salesperson",
    SalespersonPhone => "salesperson_phone",
    Model => "model",
    Store => "store",
    StoreAddress => "store_address",
    Date => "date",
    Time => "time",
    Price => "price",
    Event => "event",
});

impl Placeholder {
    /// The Chinese alias.
    pub fn chinese(self) -> &'static str {
        match self {
            Placeholder::CustomerName => "客户姓名",
            Placeholder::CustomerTitle => "客户称呼",
            Placeholder::Salesperson => "销售顾问",
            Placeholder::SalespersonPhone => "联系电话",
            Placeholder::Model => "车型",
            Placeholder::Store => "门店",
            Placeholder::StoreAddress => "门店地址",
            Placeholder::Date => "日期",
            Placeholder::Time => "时间",
            Placeholder::Price => "报价",
            Placeholder::Event => "活动",
        }
    }

    /// The placeholder named `name`: its English name or its Chinese alias.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|p| p.code() == name || p.chinese() == name)
    }
}

impl fmt::Display for Placeholder {
    /// The placeholder as written in English: `{customer_name}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{{}}}", self.code())
    }
}

/// Why a template could not be parsed, rendered or saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// `{name}` names no known placeholder; `name` is as written.
    #[error("unknown placeholder {{{name}}}")]
    UnknownPlaceholder {
        /// The name as written, trimmed.
        name: String,
    },
    /// `{}` with nothing inside, at character `at`.
    #[error("empty placeholder at character {at}")]
    EmptyPlaceholder {
        /// Character offset of the `{`.
        at: usize,
    },
    /// A `{` that is not closed (write `{{` for a literal brace), at character `at`.
    #[error("unclosed '{{' at character {at}")]
    UnclosedBrace {
        /// Character offset of the `{`.
        at: usize,
    },
    /// A `}` that closes nothing (write `}}` for a literal brace), at character `at`.
    #[error("unmatched '}}' at character {at}")]
    UnmatchedBrace {
        /// Character offset of the `}`.
        at: usize,
    },
    /// Rendering found no value (or a blank one) for `placeholder`.
    #[error("no value for {placeholder}")]
    MissingValue {
        /// The placeholder without a value.
        placeholder: Placeholder,
    },
    /// A template's name or body broke a rule.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
}

impl TemplateError {
    /// The field of a [`NewTemplate`] the error is about: `name` or `body` (`values` for
    /// a missing value).
    pub fn field(&self) -> &str {
        match self {
            TemplateError::Invalid(e) => &e.field,
            TemplateError::MissingValue { .. } => "values",
            _ => "body",
        }
    }
}

/// A piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Segment {
    /// Literal text (braces already unescaped).
    Text(String),
    /// A placeholder.
    Slot(Placeholder),
}

/// A parsed template.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Template {
    segments: Vec<Segment>,
}

impl Template {
    /// Parses `source` (see the module's grammar). Adjacent text is one segment.
    pub fn parse(source: &str) -> Result<Template, TemplateError> {
        let mut segments = Vec::new();
        let mut text = String::new();
        let mut chars = source.chars().enumerate().peekable();
        while let Some((at, c)) = chars.next() {
            match c {
                '{' if chars.peek().map(|&(_, c)| c) == Some('{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek().map(|&(_, c)| c) == Some('}') => {
                    chars.next();
                    text.push('}');
                }
                '}' => return Err(TemplateError::UnmatchedBrace { at }),
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some((_, '}')) => break,
                            Some((_, '{')) | None => {
                                return Err(TemplateError::UnclosedBrace { at })
                            }
                            Some((_, c)) => name.push(c),
                        }
                    }
                    let name = name.trim();
                    if name.is_empty() {
                        return Err(TemplateError::EmptyPlaceholder { at });
                    }
                    let slot = Placeholder::from_name(name).ok_or_else(|| {
                        TemplateError::UnknownPlaceholder {
                            name: name.to_owned(),
                        }
                    })?;
                    if !text.is_empty() {
                        segments.push(Segment::Text(std::mem::take(&mut text)));
                    }
                    segments.push(Segment::Slot(slot));
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            segments.push(Segment::Text(text));
        }
        Ok(Template { segments })
    }

    /// The parsed pieces, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The placeholders used, each once, in order of first use: what the app must fill.
    pub fn placeholders(&self) -> Vec<Placeholder> {
        let mut out = Vec::new();
        for s in &self.segments {
            if let Segment::Slot(p) = s {
                if !out.contains(p) {
                    out.push(*p);
                }
            }
        }
        out
    }

    /// The message with every placeholder replaced by its value. The first placeholder
    /// without a value (or with a blank one) fails, naming it.
    pub fn render(&self, values: &TemplateValues) -> Result<String, TemplateError> {
        let mut out = String::new();
        for s in &self.segments {
            match s {
                Segment::Text(t) => out.push_str(t),
                Segment::Slot(p) => out.push_str(
                    values
                        .get(*p)
                        .ok_or(TemplateError::MissingValue { placeholder: *p })?,
                ),
            }
        }
        Ok(out)
    }
}

impl fmt::Display for Template {
    /// The template's source with English placeholder names and escaped braces: parsing it
    /// gives the same template.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in &self.segments {
            match s {
                Segment::Text(t) => f.write_str(&escape(t))?,
                Segment::Slot(p) => write!(f, "{p}")?,
            }
        }
        Ok(())
    }
}

/// `text` with its braces doubled, so that a template shows it literally.
pub fn escape(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// The values a template is rendered with.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct TemplateValues(BTreeMap<Placeholder, String>);

impl TemplateValues {
    /// No values.
    pub fn new() -> Self {
        Self::default()
    }

    /// These values with `placeholder` set to `value`.
    pub fn with(mut self, placeholder: Placeholder, value: impl Into<String>) -> Self {
        self.set(placeholder, value);
        self
    }

    /// Sets `placeholder` to `value`.
    pub fn set(&mut self, placeholder: Placeholder, value: impl Into<String>) {
        self.0.insert(placeholder, value.into());
    }

    /// The value of `placeholder`, unless missing or blank (white space and invisible format
    /// characters only).
    pub fn get(&self, placeholder: Placeholder) -> Option<&str> {
        self.0
            .get(&placeholder)
            .map(String::as_str)
            .filter(|v| !trim_text(v).is_empty())
    }

    /// Values keyed by placeholder name (English or Chinese), as an app's map gives them.
    /// An unknown name fails, naming it.
    pub fn from_names<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, TemplateError> {
        let mut values = Self::new();
        for (name, value) in pairs {
            let name = name.as_ref().trim();
            let p =
                Placeholder::from_name(name).ok_or_else(|| TemplateError::UnknownPlaceholder {
                    name: name.to_owned(),
                })?;
            values.set(p, value);
        }
        Ok(values)
    }
}

/// What a template is for (话术分类).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplatePurpose {
    /// Greetings after a first contact or an inquiry (问候).
    Greeting,
    /// Invitations to the store, a test drive or an event (邀约).
    Invitation,
    /// Following up a quote (报价跟进).
    QuoteFollowUp,
    /// Care after the sale: thanks, maintenance, birthdays, holidays (关怀).
    Care,
    /// Anything else the user writes.
    Other,
}

crate::validation::codes!(TemplatePurpose {
    Greeting => "greeting",
    Invitation => "invitation",
    QuoteFollowUp => "quote_follow_up",
    Care => "care",
    Other => "other",
});

/// The language a template is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateLanguage {
    /// Chinese (简体中文).
    Zh,
    /// English.
    En,
}

crate::validation::codes!(TemplateLanguage {
    Zh => "zh",
    En => "en",
});

impl TemplateLanguage {
    /// A date as a message says it: `11月28日（周六）`, `Saturday 28 November`.
    pub fn format_date(self, date: NaiveDate) -> String {
        match self {
            TemplateLanguage::Zh => {
                let weekday = match date.weekday() {
                    Weekday::Mon => "一",
                    Weekday::Tue => "二",
                    Weekday::Wed => "三",
                    Weekday::Thu => "四",
                    Weekday::Fri => "五",
                    Weekday::Sat => "六",
                    Weekday::Sun => "日",
                };
                format!("{}月{}日（周{weekday}）", date.month(), date.day())
            }
            TemplateLanguage::En => date.format("%A %-d %B").to_string(),
        }
    }

    /// A time of day as a message says it: `15:30` in Chinese, `3:30 pm` in English.
    pub fn format_time(self, time: NaiveTime) -> String {
        match self {
            TemplateLanguage::Zh => format!("{:02}:{:02}", time.hour(), time.minute()),
            TemplateLanguage::En => {
                let (pm, hour) = time.hour12();
                format!(
                    "{hour}:{:02} {}",
                    time.minute(),
                    if pm { "pm" } else { "am" }
                )
            }
        }
    }
}

/// A message template: a starter one shipped with the library, or one the user wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MessageTemplate {
    /// A stable key: `greeting.after_visit` for starter templates (the same key in every
    /// language), the store's id for the user's own.
    pub key: String,
    /// The name shown in the picker.
    pub name: String,
    /// What it is for.
    pub purpose: TemplatePurpose,
    /// Its language.
    pub language: TemplateLanguage,
    /// The text, with placeholders.
    pub body: String,
}

impl MessageTemplate {
    /// The parsed body.
    pub fn template(&self) -> Result<Template, TemplateError> {
        Template::parse(&self.body)
    }

    /// `true` for a template of the starter set shipped with the library (read-only),
    /// `false` for one the user wrote.
    pub fn is_starter(&self) -> bool {
        Self::is_starter_key(&self.key)
    }

    /// `true` when `key` is the key of a starter template (in any language).
    pub fn is_starter_key(key: &str) -> bool {
        crate::follow_up::starter_templates::starter_templates()
            .iter()
            .any(|t| t.key == key)
    }
}

/// A template as the user writes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewTemplate {
    /// Name (required).
    pub name: String,
    /// What it is for.
    pub purpose: TemplatePurpose,
    /// Its language.
    pub language: TemplateLanguage,
    /// The text (required; must parse).
    pub body: String,
}

impl NewTemplate {
    /// Trims and checks name and body, and parses the body.
    pub fn validate(&self) -> Result<NewTemplate, TemplateError> {
        let name = required_text("name", &self.name, Limits::TEMPLATE_NAME)?;
        let body = optional_text("body", Some(&self.body), Limits::TEMPLATE_BODY, true)?
            .ok_or_else(|| ValidationError::new("body", Rule::Required))?;
        Template::parse(&body)?;
        Ok(NewTemplate {
            name,
            purpose: self.purpose,
            language: self.language,
            body,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::assert_codes_are_serde_names;

    fn values() -> TemplateValues {
        TemplateValues::new()
            .with(Placeholder::CustomerTitle, "张先生")
            .with(Placeholder::Store, "广州天河大众4S店")
            .with(Placeholder::Salesperson, "李明")
    }

    #[test]
    fn codes_are_the_serde_names_and_names_are_unique() {
        for p in Placeholder::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.code());
            assert_eq!(Placeholder::from_name(p.chinese()), Some(*p));
        }
        let mut names: Vec<&str> = Placeholder::ALL
            .iter()
            .flat_map(|p| [p.code(), p.chinese()])
            .collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 2 * Placeholder::ALL.len());
        assert_codes_are_serde_names::<TemplatePurpose>();
        assert_codes_are_serde_names::<TemplateLanguage>();
    }

    #[test]
    fn english_names_and_chinese_aliases_mean_the_same() {
        let zh = Template::parse("{客户称呼}您好，我是{门店}的{ 销售顾问 }。").unwrap();
        let en = Template::parse("{customer_title}您好，我是{store}的{salesperson}。").unwrap();
        assert_eq!(zh, en);
        assert_eq!(
            zh.render(&values()).unwrap(),
            "张先生您好，我是广州天河大众4S店的李明。"
        );
        assert_eq!(
            zh.placeholders(),
            [
                Placeholder::CustomerTitle,
                Placeholder::Store,
                Placeholder::Salesperson
            ]
        );
    }

    #[test]
    fn doubled_braces_are_literal() {
        let t = Template::parse("{{活动}} {活动} }}{{").unwrap();
        let v = TemplateValues::new().with(Placeholder::Event, "团购会");
        assert_eq!(t.render(&v).unwrap(), "{活动} 团购会 }{");
        assert_eq!(Template::parse(&t.to_string()).unwrap(), t);
        assert_eq!(t.to_string(), "{{活动}} {event} }}{{");
    }

    #[test]
    fn errors_name_the_placeholder_or_the_position() {
        assert_eq!(
            Template::parse("您好{客户名字}").unwrap_err(),
            TemplateError::UnknownPlaceholder {
                name: "客户名字".into()
            }
        );
        assert_eq!(
            Template::parse("ab{model").unwrap_err(),
            TemplateError::UnclosedBrace { at: 2 }
        );
        assert_eq!(
            Template::parse("a{b{model}}").unwrap_err(),
            TemplateError::UnclosedBrace { at: 1 }
        );
        assert_eq!(
            Template::parse("价格}").unwrap_err(),
            TemplateError::UnmatchedBrace { at: 2 }
        );
        assert_eq!(
            Template::parse("{ }").unwrap_err(),
            TemplateError::EmptyPlaceholder { at: 0 }
        );
        let t = Template::parse("{客户称呼}，{车型}到店了").unwrap();
        let err = t
            .render(&values().with(Placeholder::Model, " "))
            .unwrap_err();
        assert_eq!(
            err,
            TemplateError::MissingValue {
                placeholder: Placeholder::Model
            }
        );
        assert_eq!(err.to_string(), "no value for {model}");
        let invisible = values().with(Placeholder::Model, "\u{200B}");
        assert!(t.render(&invisible).is_err(), "an invisible value is blank");
    }

    #[test]
    fn values_by_name_accept_both_spellings() {
        let v =
            TemplateValues::from_names([("车型", "途观L"), ("customer_title", "王女士")]).unwrap();
        assert_eq!(v.get(Placeholder::Model), Some("途观L"));
        assert_eq!(
            TemplateValues::from_names([("车系", "x")]).unwrap_err(),
            TemplateError::UnknownPlaceholder {
                name: "车系".into()
            }
        );
    }

    #[test]
    fn new_templates_are_checked_field_by_field() {
        let t = NewTemplate {
            name: " 试驾邀约 ".into(),
            purpose: TemplatePurpose::Invitation,
            language: TemplateLanguage::Zh,
            body: "{客户称呼}，{车型}试驾车到了".into(),
        };
        assert_eq!(t.validate().unwrap().name, "试驾邀约");
        let bad = NewTemplate {
            body: "{客户}".into(),
            ..t.clone()
        };
        assert_eq!(bad.validate().unwrap_err().field(), "body");
        let unnamed = NewTemplate {
            name: "".into(),
            ..t
        };
        assert_eq!(unnamed.validate().unwrap_err().field(), "name");
    }

    #[test]
    fn dates_and_times_read_naturally() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(TemplateLanguage::Zh.format_date(d), "11月28日（周六）");
        assert_eq!(TemplateLanguage::En.format_date(d), "Saturday 28 November");
        let t = NaiveTime::from_hms_opt(15, 5, 0).unwrap();
        assert_eq!(TemplateLanguage::Zh.format_time(t), "15:05");
        assert_eq!(TemplateLanguage::En.format_time(t), "3:05 pm");
    }

    #[test]
    fn starter_templates_are_known_by_key_and_others_are_not() {
        let starters = crate::follow_up::starter_templates::starter_templates();
        assert!(starters.iter().all(MessageTemplate::is_starter));
        let own = MessageTemplate {
            key: "0190c3a4-0000-7000-8000-000000000000".into(),
            ..starters[0].clone()
        };
        assert!(!own.is_starter());
        assert!(!MessageTemplate::is_starter_key(""));
    }
}
