//! How a message addresses a customer (客户称呼), the `{customer_title}` of templates.
//!
//! A Chinese name gives its surname (a compound one whole: 欧阳女士, 司马先生) and 先生 or
//! 女士 by gender; in English Mr or Ms and the surname's pinyin as a passport spells it
//! (Mr Zhang, Ms Ouyang, Mr Lyu). Without a gender the full name: a wrong 先生 or 女士
//! offends more than the name does. A name in Latin letters (or with a ·, as Uyghur and
//! transliterated names are written) is kept whole, since which of its words is the
//! surname differs by where the name comes from: `John Smith先生`, `Ms Zhang Wei`. A name
//! the consultant already wrote with a title (张先生, 王总) is used as it is.

use crate::customer::profile::Gender;
use crate::find::search::{surname_of, NamePinyin};
use crate::follow_up::TemplateLanguage;

/// Endings that already address the customer: a name written as `张先生`, `李总`.
const TITLED: &[&str] = &[
    "先生", "女士", "小姐", "太太", "夫人", "总", "老板", "老师", "经理", "师傅",
];

/// `true` for a CJK unified ideograph (the basic block and extension A).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// How a message in `language` addresses a customer named `name` (as validated: trimmed,
/// not empty) of `gender`; see the module's documentation.
pub fn customer_title(name: &str, gender: Gender, language: TemplateLanguage) -> String {
    let name = name.trim();
    let honorific = match (gender, language) {
        (Gender::Unspecified, _) => return name.to_owned(),
        _ if TITLED.iter().any(|t| name.ends_with(t)) => return name.to_owned(),
        (Gender::Male, TemplateLanguage::Zh) => "先生",
        (Gender::Female, TemplateLanguage::Zh) => "女士",
        (Gender::Male, TemplateLanguage::En) => "Mr",
        (Gender::Female, TemplateLanguage::En) => "Ms",
    };
    let surname = name.chars().all(is_han).then(|| surname_of(name)).flatten();
    match (language, surname) {
        (TemplateLanguage::Zh, Some(surname)) => format!("{surname}{honorific}"),
        (TemplateLanguage::Zh, None) => format!("{name}{honorific}"),
        (TemplateLanguage::En, Some(surname)) => format!("{honorific} {}", spelled(surname)),
        (TemplateLanguage::En, None) => format!("{honorific} {name}"),
    }
}

/// A Chinese surname in Latin letters as a passport writes it: its pinyin without tones,
/// one capital, ü as `yu` (吕 Lyu).
fn spelled(surname: &str) -> String {
    let pinyin = NamePinyin::of(surname).full().replace('v', "yu");
    let mut chars = pinyin.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => surname.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Gender::{Female, Male, Unspecified};
    use TemplateLanguage::{En, Zh};

    #[test]
    fn chinese_names_give_surname_and_title() {
        for (name, gender, zh, en) in [
            ("张伟", Male, "张先生", "Mr Zhang"),
            ("李娜", Female, "李女士", "Ms Li"),
            ("欧阳娜娜", Female, "欧阳女士", "Ms Ouyang"),
            ("司马光", Male, "司马先生", "Mr Sima"),
            ("诸葛亮", Male, "诸葛先生", "Mr Zhuge"),
            ("单雄信", Male, "单先生", "Mr Shan"),
            ("曾小贤", Male, "曾先生", "Mr Zeng"),
            ("尉迟恭", Male, "尉迟先生", "Mr Yuchi"),
            ("吕布", Male, "吕先生", "Mr Lyu"),
        ] {
            assert_eq!(customer_title(name, gender, Zh), zh, "{name}");
            assert_eq!(customer_title(name, gender, En), en, "{name}");
        }
    }

    #[test]
    fn without_a_gender_the_full_name() {
        assert_eq!(customer_title("欧阳娜娜", Unspecified, Zh), "欧阳娜娜");
        assert_eq!(customer_title("John Smith", Unspecified, En), "John Smith");
    }

    #[test]
    fn latin_titled_and_dotted_names_are_kept_whole() {
        assert_eq!(customer_title("John Smith", Male, En), "Mr John Smith");
        assert_eq!(customer_title("John Smith", Male, Zh), "John Smith先生");
        assert_eq!(customer_title("张先生", Male, Zh), "张先生");
        assert_eq!(customer_title("王总", Female, En), "王总");
        assert_eq!(
            customer_title("阿依古丽·买买提", Female, Zh),
            "阿依古丽·买买提女士"
        );
    }
}
