//! Surnames read differently from the character's everyday reading (姓氏多音字).
//!
//! The `pinyin` crate gives each character's most common reading, which is wrong for these
//! surnames (单 is dān in 单独 but Shàn as a surname). Only the first character(s) of a name
//! are looked up here; compound surnames are matched first.
//!
//! Also where a Chinese name's surname ends ([`surname_of`]): the compound surnames (复姓)
//! still in use, else the first character.

/// Compound surnames whose reading differs from their characters' everyday readings.
const COMPOUND: &[(&str, &[&str])] = &[
    ("尉迟", &["yu", "chi"]),
    ("长孙", &["zhang", "sun"]),
    ("万俟", &["mo", "qi"]),
    ("单于", &["chan", "yu"]),
    ("澹台", &["tan", "tai"]),
];

/// Compound surnames (复姓) of the 百家姓 still in use. Left out: those whose first
/// character is a common surname and whose second is a common given name (段干, 梁丘), where a
/// two-character reading would be wrong more often than right.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "令狐", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "万俟", "闻人", "赫连", "澹台", "公冶",
    "宗政", "濮阳", "淳于", "单于", "太叔", "申屠", "仲孙", "钟离", "鲜于", "闾丘", "司空", "亓官",
    "司寇", "子车", "颛孙", "漆雕", "乐正", "拓跋", "呼延", "羊舌", "百里", "东郭", "第五",
];

/// The surname at the start of the Chinese name `name`: a compound surname (复姓) when the
/// name starts with one, else its first character; `None` for an empty name.
pub(crate) fn surname_of(name: &str) -> Option<&str> {
    if let Some(compound) = COMPOUND_SURNAMES.iter().find(|s| name.starts_with(**s)) {
        return Some(&name[..compound.len()]);
    }
    let first = name.chars().next()?;
    Some(&name[..first.len_utf8()])
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_surnames_are_read_whole() {
        for (name, surname) in [
            ("欧阳娜娜", "欧阳"),
            ("司马光", "司马"),
            ("诸葛亮", "诸葛"),
            ("上官婉儿", "上官"),
            ("张三", "张"),
            ("段干木", "段"),
            ("王", "王"),
        ] {
            assert_eq!(surname_of(name), Some(surname), "{name}");
        }
        assert_eq!(surname_of(""), None);
        // Every compound read specially is a compound surname.
        for (compound, _) in COMPOUND {
            assert!(COMPOUND_SURNAMES.contains(compound), "{compound}");
        }
    }
}
