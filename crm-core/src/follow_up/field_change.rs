//! What an edit changed, field by field (old → new), for the customer's timeline.

use crate::customer::{Contact, CustomerProfile, FirstContact, Region, SourceChannel};
use crate::follow_up::attachment::Attachment;
use crate::follow_up::record::FollowUp;
use crate::validation::Code;
use chrono::{DateTime, SecondsFormat, Utc};

/// The longest value a change keeps, in characters (a text, or each item of a list): a
/// longer one is cut to this many and ends with `…`. The timeline says what changed, it is
/// not a second copy of long notes.
pub const MAX_CHANGE_VALUE_CHARS: usize = 200;

/// A field's value as the timeline shows it: display text (codes for enums, RFC 3339 for
/// instants), not JSON, so that every app shows it the same way without knowing the field.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum FieldValue {
    /// One value: text as entered, an enum's code, a date `2026-11-28`, an instant in RFC 3339.
    Text(String),
    /// A list (contacts, tags, attachments), in order; each item rendered as text.
    List(Vec<String>),
    /// The value was removed with the customer's personal data
    /// ([`crate::TimelineEntry::without_personal_data`]).
    Erased,
}

impl FieldValue {
    /// The value with each text cut to [`MAX_CHANGE_VALUE_CHARS`] characters.
    pub fn cut(self) -> FieldValue {
        match self {
            FieldValue::Text(t) => FieldValue::Text(cut_text(t)),
            FieldValue::List(items) => FieldValue::List(items.into_iter().map(cut_text).collect()),
            FieldValue::Erased => FieldValue::Erased,
        }
    }
}

/// `text`, or its first [`MAX_CHANGE_VALUE_CHARS`] − 1 characters and `…` when longer.
fn cut_text(text: String) -> String {
    if text.chars().count() <= MAX_CHANGE_VALUE_CHARS {
        return text;
    }
    let mut cut: String = text.chars().take(MAX_CHANGE_VALUE_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// One changed field: its path (`name`, `region.city`, `first_contact.at`), the value before
/// and after. `None` is "not set" (an empty list is `None` too).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FieldChange {
    /// The field's path, as validation errors name it.
    pub field: String,
    /// The value before.
    pub old: Option<FieldValue>,
    /// The value after.
    pub new: Option<FieldValue>,
}

/// The fields that differ between two customer profiles, in the profile's field order;
/// empty exactly when the profiles are equal.
///
/// Contacts render as `kind:value`, then ` [label]` and ` (primary)` when they apply; the
/// source as its kind code (`source`) and its details (`source.detail`,
/// `source.referrer_id`).
pub fn diff(old: &CustomerProfile, new: &CustomerProfile) -> Vec<FieldChange> {
    // Destructured so that a new profile field cannot be forgotten here.
    let CustomerProfile {
        name,
        gender,
        birthday,
        age_band,
        occupation,
        region,
        notes,
        contacts,
        source,
        first_contact,
        tags,
        importance,
        owner,
    } = new;
    let mut d = Changes::default();
    d.field("name", text(Some(&old.name)), text(Some(name)));
    d.field("gender", code(Some(old.gender)), code(Some(*gender)));
    d.field("birthday", text(old.birthday), text(*birthday));
    d.field("age_band", code(old.age_band), code(*age_band));
    d.field(
        "occupation",
        text(old.occupation.as_ref()),
        text(occupation.as_ref()),
    );
    region_changes(&mut d, &old.region, region);
    d.field("notes", text(old.notes.as_ref()), text(notes.as_ref()));
    d.field(
        "contacts",
        list(old.contacts.iter().map(contact_text)),
        list(contacts.iter().map(contact_text)),
    );
    source_changes(&mut d, &old.source, source);
    first_contact_changes(&mut d, old.first_contact.as_ref(), first_contact.as_ref());
    d.field("tags", list(old.tags.iter()), list(tags.iter()));
    d.field(
        "importance",
        code(Some(old.importance)),
        code(Some(*importance)),
    );
    d.field("owner", text(old.owner.as_ref()), text(owner.as_ref()));
    d.0
}

/// The fields that differ between two versions of a follow-up; empty exactly when they are
/// equal. Attachments render as `file_name (sha256:first 12 digits)`.
pub fn diff_follow_ups(old: &FollowUp, new: &FollowUp) -> Vec<FieldChange> {
    let FollowUp {
        customer_id,
        method,
        kind,
        at,
        content,
        feedback,
        problems,
        questions,
        attachments,
        consultant,
    } = new;
    let mut d = Changes::default();
    d.field(
        "customer_id",
        text(Some(&old.customer_id)),
        text(Some(customer_id)),
    );
    d.field("method", code(Some(old.method)), code(Some(*method)));
    d.field("kind", code(Some(old.kind)), code(Some(*kind)));
    d.field("at", instant(Some(old.at)), instant(Some(*at)));
    d.field("content", text(Some(&old.content)), text(Some(content)));
    d.field(
        "feedback",
        text(old.feedback.as_ref()),
        text(feedback.as_ref()),
    );
    d.field(
        "problems",
        text(old.problems.as_ref()),
        text(problems.as_ref()),
    );
    d.field(
        "questions",
        text(old.questions.as_ref()),
        text(questions.as_ref()),
    );
    d.field(
        "attachments",
        list(old.attachments.iter().map(attachment_text)),
        list(attachments.iter().map(attachment_text)),
    );
    d.field(
        "consultant",
        text(old.consultant.as_ref()),
        text(consultant.as_ref()),
    );
    d.0
}

/// Collects changes, skipping fields whose rendering is equal; the values kept are cut to
/// [`MAX_CHANGE_VALUE_CHARS`] (compared before cutting, so an edit past the limit shows).
#[derive(Default)]
pub(crate) struct Changes(pub(crate) Vec<FieldChange>);

impl Changes {
    pub(crate) fn field(&mut self, field: &str, old: Option<FieldValue>, new: Option<FieldValue>) {
        if old != new {
            self.0.push(FieldChange {
                field: field.to_owned(),
                old: old.map(FieldValue::cut),
                new: new.map(FieldValue::cut),
            });
        }
    }
}

pub(crate) fn text(v: Option<impl ToString>) -> Option<FieldValue> {
    v.map(|v| FieldValue::Text(v.to_string()))
}

pub(crate) fn code(v: Option<impl Code>) -> Option<FieldValue> {
    v.map(|v| FieldValue::Text(v.code().to_owned()))
}

pub(crate) fn instant(v: Option<DateTime<Utc>>) -> Option<FieldValue> {
    v.map(|t| FieldValue::Text(t.to_rfc3339_opts(SecondsFormat::AutoSi, true)))
}

pub(crate) fn list(items: impl Iterator<Item = impl ToString>) -> Option<FieldValue> {
    let items: Vec<String> = items.map(|i| i.to_string()).collect();
    (!items.is_empty()).then_some(FieldValue::List(items))
}

fn region_changes(d: &mut Changes, old: &Region, new: &Region) {
    let Region {
        province,
        city,
        district,
    } = new;
    d.field(
        "region.province",
        text(old.province.as_ref()),
        text(province.as_ref()),
    );
    d.field("region.city", text(old.city.as_ref()), text(city.as_ref()));
    d.field(
        "region.district",
        text(old.district.as_ref()),
        text(district.as_ref()),
    );
}

/// The source's kind, its detail text, and a referrer's id.
fn source_parts(s: &SourceChannel) -> (&'static str, Option<&str>, Option<&str>) {
    let detail = match s {
        SourceChannel::Referral { referrer_name, .. } => referrer_name.as_deref(),
        SourceChannel::OnlinePlatform { platform } => Some(platform.as_str()),
        SourceChannel::Other { description } => Some(description.as_str()),
        _ => None,
    };
    let referrer = match s {
        SourceChannel::Referral { referrer_id, .. } => referrer_id.as_ref().map(|i| i.as_str()),
        _ => None,
    };
    (s.kind_name(), detail, referrer)
}

fn source_changes(d: &mut Changes, old: &SourceChannel, new: &SourceChannel) {
    let (old_kind, old_detail, old_ref) = source_parts(old);
    let (kind, detail, referrer) = source_parts(new);
    d.field("source", text(Some(old_kind)), text(Some(kind)));
    d.field("source.detail", text(old_detail), text(detail));
    d.field("source.referrer_id", text(old_ref), text(referrer));
}

fn first_contact_changes(d: &mut Changes, old: Option<&FirstContact>, new: Option<&FirstContact>) {
    d.field(
        "first_contact.at",
        instant(old.map(|f| f.at)),
        instant(new.map(|f| f.at)),
    );
    let part = |f: Option<&FirstContact>, get: fn(&FirstContact) -> &Option<String>| {
        text(f.and_then(|f| get(f).as_ref()))
    };
    d.field(
        "first_contact.place",
        part(old, |f| &f.place),
        part(new, |f| &f.place),
    );
    d.field(
        "first_contact.scene",
        part(old, |f| &f.scene),
        part(new, |f| &f.scene),
    );
    d.field(
        "first_contact.reaction",
        part(old, |f| &f.reaction),
        part(new, |f| &f.reaction),
    );
}

fn contact_text(c: &Contact) -> String {
    let mut s = format!("{}:{}", c.kind.code(), c.value);
    if let Some(label) = &c.label {
        s.push_str(&format!(" [{label}]"));
    }
    if c.primary {
        s.push_str(" (primary)");
    }
    s
}

fn attachment_text(a: &Attachment) -> String {
    let digest: String = a.sha256.chars().take(12).collect();
    format!("{} (sha256:{digest})", a.file_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ContactInput, ContactKind, Importance, NewCustomer, SourceChannel};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap()
    }

    fn profile() -> CustomerProfile {
        let mut c = NewCustomer::new(
            "王芳",
            ContactInput::new(ContactKind::Mobile, "13912345678"),
            SourceChannel::OnlinePlatform {
                platform: "懂车帝".into(),
            },
        );
        c.tags = vec!["高意向".into()];
        c.validate(now()).unwrap()
    }

    #[test]
    fn equal_profiles_have_no_changes() {
        assert!(diff(&profile(), &profile()).is_empty());
    }

    #[test]
    fn each_changed_field_is_listed_once_old_to_new() {
        let old = profile();
        let mut new = NewCustomer::from(&old);
        new.name = "王芳芳".into();
        new.importance = Importance::Key;
        new.region.city = Some("杭州市".into());
        new.tags.push("SUV".into());
        new.contacts
            .push(ContactInput::new(ContactKind::Wechat, "wangfang88").primary());
        new.contacts[0].primary = false;
        new.source = SourceChannel::OnlinePlatform {
            platform: "汽车之家".into(),
        };
        let new = new.validate(now()).unwrap();
        let changes = diff(&old, &new);
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "region.city",
                "contacts",
                "source.detail",
                "tags",
                "importance"
            ]
        );
        assert_eq!(changes[1].old, None);
        assert_eq!(changes[1].new, Some(FieldValue::Text("杭州市".into())));
        assert_eq!(
            changes[2].new,
            Some(FieldValue::List(vec![
                "mobile:13912345678".into(),
                "wechat:wangfang88 (primary)".into()
            ]))
        );
        assert_eq!(
            changes[5].old,
            Some(FieldValue::Text("normal".into())),
            "enums show their code"
        );
    }

    #[test]
    fn long_values_are_cut_after_comparing() {
        let long = "长".repeat(MAX_CHANGE_VALUE_CHARS);
        let longer = format!("{long}了");
        let mut d = Changes::default();
        d.field("notes", text(Some(&long)), text(Some(&longer)));
        d.field("tags", list([longer.as_str()].iter()), None);
        let [notes, tags] = &d.0[..] else {
            panic!("two changes: {:?}", d.0)
        };
        assert_eq!(
            notes.old,
            Some(FieldValue::Text(long.clone())),
            "at the limit: kept"
        );
        let Some(FieldValue::Text(cut)) = &notes.new else {
            panic!("{notes:?}")
        };
        assert_eq!(cut.chars().count(), MAX_CHANGE_VALUE_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(
            tags.old,
            Some(FieldValue::List(vec![cut.clone()])),
            "each item of a list"
        );
        assert_eq!(FieldValue::Erased.cut(), FieldValue::Erased);
    }

    #[test]
    fn changes_serialise_with_typed_values() {
        let change = FieldChange {
            field: "tags".into(),
            old: None,
            new: Some(FieldValue::List(vec!["VIP".into()])),
        };
        let json = serde_json::to_value(&change).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"field": "tags", "old": null, "new": {"type": "list", "value": ["VIP"]}})
        );
        assert_eq!(serde_json::from_value::<FieldChange>(json).unwrap(), change);
    }
}
