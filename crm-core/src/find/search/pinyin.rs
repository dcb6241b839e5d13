//! The pinyin of a name, for search by full pinyin, prefix and initials.

use super::surnames::surname_reading;
use pinyin::ToPinyin;

/// A name's pinyin: one syllable per character (Latin letters and digits of mixed names
/// kept as their own "syllables"), surname readings right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePinyin {
    /// The syllables, lower case, toneless, `ü` written `v` as on a pinyin keyboard.
    pub syllables: Vec<String>,
}

impl NamePinyin {
    /// The pinyin of `name` (already folded to lower case by the caller or not).
    pub fn of(name: &str) -> NamePinyin {
        let mut syllables = Vec::new();
        let mut rest = name.trim();
        if let Some((chars, reading)) = surname_reading(rest) {
            syllables.extend(reading.into_iter().map(str::to_owned));
            let cut = rest
                .char_indices()
                .nth(chars)
                .map_or(rest.len(), |(i, _)| i);
            rest = &rest[cut..];
        }
        let mut latin = String::new();
        for (c, reading) in rest.chars().zip(rest.to_pinyin()) {
            match reading {
                Some(p) => {
                    flush(&mut latin, &mut syllables);
                    syllables.push(p.plain().replace('ü', "v"));
                }
                None if c.is_ascii_alphanumeric() => latin.push(c.to_ascii_lowercase()),
                None => flush(&mut latin, &mut syllables),
            }
        }
        flush(&mut latin, &mut syllables);
        NamePinyin { syllables }
    }

    /// The syllables joined: `zhangsan`.
    pub fn full(&self) -> String {
        self.syllables.concat()
    }

    /// The first letter of each syllable: `zs`.
    pub fn initials(&self) -> String {
        self.syllables
            .iter()
            .filter_map(|s| s.chars().next())
            .collect()
    }

    /// `true` when the name had no Chinese characters (then its pinyin is the name itself and
    /// not worth indexing twice).
    pub fn is_empty(&self) -> bool {
        self.syllables.is_empty()
    }
}

/// The key a name sorts by: its pinyin (Latin names: the name folded), then the name itself,
/// so Chinese and Latin names interleave alphabetically (拼音排序).
pub fn name_sort_key(name: &str) -> String {
    let pinyin = NamePinyin::of(name);
    let spelled = if pinyin.is_empty() {
        name.to_lowercase()
    } else {
        pinyin.syllables.join(" ")
    };
    format!("{spelled}\u{1}{name}")
}

fn flush(latin: &mut String, syllables: &mut Vec<String>) {
    if !latin.is_empty() {
        syllables.push(std::mem::take(latin));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(name: &str) -> String {
        NamePinyin::of(name).full()
    }

    #[test]
    fn common_names_read_as_expected() {
        assert_eq!(full("张三"), "zhangsan");
        assert_eq!(NamePinyin::of("张三").initials(), "zs");
        assert_eq!(full("欧阳娜娜"), "ouyangnana");
        assert_eq!(full("吕布"), "lvbu");
    }

    #[test]
    fn polyphonic_surnames_use_the_surname_reading() {
        for (name, expected) in [
            ("单雄信", "shanxiongxin"),
            ("曾国藩", "zengguofan"),
            ("解缙", "xiejin"),
            ("区志伟", "ouzhiwei"),
            ("仇英", "qiuying"),
            ("朴槿惠", "piaojinhui"),
            ("查良镛", "zhaliangyong"),
            ("翟志刚", "zhaizhigang"),
            ("盖聂", "genie"),
            ("尉迟恭", "yuchigong"),
            ("长孙无忌", "zhangsunwuji"),
            ("乐嘉", "yuejia"),
        ] {
            assert_eq!(full(name), expected, "{name}");
        }
    }

    #[test]
    fn names_sort_in_pinyin_order() {
        let mut names = vec!["张三", "Alice", "李四", "阿明", "Zoe", "王五"];
        names.sort_by_key(|n| name_sort_key(n));
        assert_eq!(names, vec!["阿明", "Alice", "李四", "王五", "张三", "Zoe"]);
    }

    #[test]
    fn latin_parts_are_kept() {
        assert_eq!(NamePinyin::of("Tom 王").syllables, vec!["tom", "wang"]);
        assert!(NamePinyin::of("!!").is_empty());
    }
}
