//! The columns a customer sheet may have, and the header names each is known by.

use crate::validation::{fold_full_width, trim_text, Code};

/// What a column of a customer sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The customer's name (姓名), required.
    Name,
    /// A phone number (手机 / 电话): a mobile, or a landline with its area code.
    Phone,
    /// A WeChat ID (微信).
    Wechat,
    /// An e-mail address (邮箱).
    Email,
    /// Gender (性别), by its printed name (男 / male ...).
    Gender,
    /// Birthday (生日), a date.
    Birthday,
    /// The source channel (来源), by its printed name, optionally `NAME: detail`.
    Source,
    /// The car wanted (意向车型): becomes the customer's vehicle intent.
    Vehicle,
    /// The intent level (意向级别): the letter, or the level as printed (`H 7天内`).
    IntentLevel,
    /// Tags (标签), separated by commas, semicolons, `、` or `|`.
    Tags,
    /// Notes (备注).
    Notes,
    /// The owning consultant's id (所属顾问).
    Owner,
    /// When the customer was first recorded (登记日期), a date.
    Created,
    /// A column the mapping says to leave out on purpose.
    Ignore,
}

crate::validation::codes!(Field {
    Name => "name",
    Phone => "phone",
    Wechat => "wechat",
    Email => "email",
    Gender => "gender",
    Birthday => "birthday",
    Source => "source",
    Vehicle => "vehicle",
    IntentLevel => "intent_level",
    Tags => "tags",
    Notes => "notes",
    Owner => "owner",
    Created => "created",
    Ignore => "ignore",
});

impl Field {
    /// Whether several columns may hold this field (each phone, WeChat or e-mail column
    /// adds a contact); any other field comes from one column.
    pub fn repeats(self) -> bool {
        matches!(
            self,
            Field::Phone | Field::Wechat | Field::Email | Field::Ignore
        )
    }
}

/// Every field with the header names it is recognised by, the Chinese name a file written
/// by the app uses first. Headers compare as [`header_key`]s.
pub const FIELD_HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &[
            "姓名",
            "客户姓名",
            "客户名称",
            "名字",
            "name",
            "customer name",
        ],
    ),
    (
        Field::Phone,
        &[
            "手机",
            "手机号",
            "手机号码",
            "电话",
            "联系电话",
            "电话号码",
            "mobile",
            "phone",
            "tel",
        ],
    ),
    (Field::Wechat, &["微信", "微信号", "wechat", "weixin"]),
    (
        Field::Email,
        &["邮箱", "电子邮箱", "电子邮件", "email", "e-mail"],
    ),
    (Field::Gender, &["性别", "gender", "sex"]),
    (
        Field::Birthday,
        &["生日", "出生日期", "birthday", "date of birth"],
    ),
    (
        Field::Source,
        &["来源", "客户来源", "来源渠道", "渠道", "source", "channel"],
    ),
    (Field::Vehicle, &["意向车型", "车型", "vehicle", "model"]),
    (
        Field::IntentLevel,
        &[
            "意向级别",
            "客户级别",
            "级别",
            "intent level",
            "level",
            "intent",
        ],
    ),
    (Field::Tags, &["标签", "tags", "tag"]),
    (Field::Notes, &["备注", "notes", "note", "remarks"]),
    (
        Field::Owner,
        &["所属顾问", "顾问", "销售顾问", "owner", "consultant"],
    ),
    (
        Field::Created,
        &[
            "登记日期",
            "创建时间",
            "创建日期",
            "登记时间",
            "created",
            "created at",
        ],
    ),
];

/// A header as it is compared: full-width letters folded, trimmed (spaces and invisible
/// marks), lower-cased, `_` read as a space. `" ＥＭＡＩＬ"`, `"Email"` and `"email"` are
/// one header.
pub fn header_key(header: &str) -> String {
    let folded = fold_full_width(header);
    trim_text(&folded).to_lowercase().replace('_', " ")
}

/// The field a header names, by [`FIELD_HEADERS`] or by the field's code (`intent_level`).
pub fn field_of_header(header: &str) -> Option<Field> {
    let key = header_key(header);
    FIELD_HEADERS
        .iter()
        .find(|(_, names)| names.iter().any(|n| header_key(n) == key))
        .map(|(f, _)| *f)
        .or_else(|| Field::from_code(&key.replace(' ', "_")).filter(|f| *f != Field::Ignore))
}

/// The header a file written by the app gives `field`: its first (Chinese) name.
pub fn first_header(field: Field) -> Option<&'static str> {
    FIELD_HEADERS
        .iter()
        .find(|(f, _)| *f == field)
        .and_then(|(_, names)| names.first().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_whatever_their_width_case_and_spaces() {
        for (header, field) in [
            ("姓名", Field::Name),
            (" 客户姓名 ", Field::Name),
            ("手机号", Field::Phone),
            ("Mobile", Field::Phone),
            ("ＰＨＯＮＥ", Field::Phone),
            ("WeChat", Field::Wechat),
            ("E-mail", Field::Email),
            ("客户来源", Field::Source),
            ("意向级别", Field::IntentLevel),
            ("intent_level", Field::IntentLevel),
            ("所属顾问", Field::Owner),
            ("创建时间", Field::Created),
            ("\u{feff}姓名", Field::Name),
        ] {
            assert_eq!(field_of_header(header), Some(field), "{header}");
        }
        assert_eq!(field_of_header("身份证"), None);
        assert_eq!(field_of_header("ignore"), None);
    }

    #[test]
    fn every_field_but_ignore_has_headers_the_first_chinese() {
        use crate::validation::Code;
        for f in Field::ALL.iter().filter(|f| **f != Field::Ignore) {
            let first = first_header(*f).unwrap();
            assert!(!first.is_ascii(), "{f:?}: {first}");
            assert_eq!(field_of_header(first), Some(*f));
        }
        assert_eq!(first_header(Field::Ignore), None);
    }

    #[test]
    fn no_header_names_two_fields() {
        let mut seen = std::collections::HashSet::new();
        for (_, names) in FIELD_HEADERS {
            for n in *names {
                assert!(seen.insert(header_key(n)), "{n}");
            }
        }
    }
}
