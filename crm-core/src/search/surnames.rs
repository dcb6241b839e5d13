//! Surnames read differently from the character's everyday reading (姓氏多音字).
//!
//! The `pinyin` crate gives each character's most common reading, which is wrong for these
//! surnames (单 is dān in 单独 but Shàn as a surname). Only the first character(s) of a name
//! are looked up here; compound surnames are matched first.

/// Compound surnames whose reading differs from their characters' everyday readings.
const COMPOUND: &[(&str, &[&str])] = &[
    ("尉迟", &["yu", "chi"]),
    ("长孙", &["zhang", "sun"]),
    ("万俟", &["mo", "qi"]),
    ("单于", &["chan", "yu"]),
    ("澹台", &["tan", "tai"]),
];

/// Single-character surnames with their surname reading.
const SINGLE: &[(char, &str)] = &[
    ('单', "shan"),
    ('曾', "zeng"),
    ('解', "xie"),
    ('区', "ou"),
    ('仇', "qiu"),
    ('朴', "piao"),
    ('查', "zha"),
    ('翟', "zhai"),
    ('盖', "ge"),
    ('乐', "yue"),
    ('缪', "miao"),
    ('覃', "qin"),
    ('召', "shao"),
    ('秘', "bi"),
    ('种', "chong"),
    ('员', "yun"),
    ('句', "gou"),
    ('繁', "po"),
    ('黑', "he"),
    ('重', "chong"),
    ('华', "hua"),
    ('任', "ren"),
    ('纪', "ji"),
    ('尉', "wei"),
    ('过', "guo"),
    ('折', "she"),
    ('阚', "kan"),
    ('隗', "wei"),
    ('藏', "zang"),
    ('柏', "bai"),
    ('祭', "zhai"),
    ('都', "du"),
    ('令', "ling"),
    ('宿', "su"),
];

/// The surname reading at the start of `name`: how many characters it covers and their
/// syllables, when the name starts with a surname from the table.
pub(crate) fn surname_reading(name: &str) -> Option<(usize, Vec<&'static str>)> {
    for (surname, syllables) in COMPOUND {
        if name.starts_with(surname) {
            return Some((surname.chars().count(), syllables.to_vec()));
        }
    }
    let first = name.chars().next()?;
    SINGLE
        .iter()
        .find(|(c, _)| *c == first)
        .map(|(_, s)| (1, vec![*s]))
}
