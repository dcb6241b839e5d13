//! Chinese personal names (姓名): weighted surnames, one- or two-character given names that
//! lean male or female, and their pinyin (for WeChat IDs and e-mail addresses).

use super::weighted::{chance, pick, pick_uniform};
use crm_core::Gender;
use rand::Rng;

/// Surnames with their pinyin and their approximate share of the population in units of
/// 0.01 %, after the national household register statistics. Compound surnames (复姓) are
/// rare but present.
const SURNAMES: &[((&str, &str), u32)] = &[
    (("王", "wang"), 710),
    (("李", "li"), 700),
    (("张", "zhang"), 660),
    (("刘", "liu"), 540),
    (("陈", "chen"), 450),
    (("杨", "yang"), 310),
    (("黄", "huang"), 220),
    (("赵", "zhao"), 200),
    (("吴", "wu"), 200),
    (("周", "zhou"), 190),
    (("徐", "xu"), 130),
    (("孙", "sun"), 150),
    (("马", "ma"), 120),
    (("朱", "zhu"), 120),
    (("胡", "hu"), 110),
    (("郭", "guo"), 110),
    (("何", "he"), 90),
    (("高", "gao"), 100),
    (("林", "lin"), 90),
    (("罗", "luo"), 80),
    (("郑", "zheng"), 80),
    (("梁", "liang"), 70),
    (("谢", "xie"), 60),
    (("宋", "song"), 60),
    (("唐", "tang"), 60),
    (("许", "xu"), 50),
    (("韩", "han"), 50),
    (("冯", "feng"), 50),
    (("邓", "deng"), 50),
    (("曹", "cao"), 50),
    (("彭", "peng"), 50),
    (("曾", "zeng"), 50),
    (("肖", "xiao"), 50),
    (("田", "tian"), 40),
    (("董", "dong"), 40),
    (("袁", "yuan"), 40),
    (("潘", "pan"), 40),
    (("于", "yu"), 40),
    (("蒋", "jiang"), 40),
    (("蔡", "cai"), 40),
    (("余", "yu"), 40),
    (("杜", "du"), 40),
    (("叶", "ye"), 40),
    (("程", "cheng"), 40),
    (("苏", "su"), 30),
    (("魏", "wei"), 30),
    (("吕", "lv"), 30),
    (("丁", "ding"), 30),
    (("任", "ren"), 30),
    (("沈", "shen"), 30),
    (("姚", "yao"), 30),
    (("卢", "lu"), 30),
    (("姜", "jiang"), 30),
    (("崔", "cui"), 30),
    (("钟", "zhong"), 30),
    (("谭", "tan"), 30),
    (("陆", "lu"), 30),
    (("汪", "wang"), 30),
    (("范", "fan"), 30),
    (("金", "jin"), 30),
    (("石", "shi"), 30),
    (("廖", "liao"), 30),
    (("贾", "jia"), 20),
    (("夏", "xia"), 20),
    (("韦", "wei"), 20),
    (("方", "fang"), 20),
    (("白", "bai"), 20),
    (("邹", "zou"), 20),
    (("孟", "meng"), 20),
    (("熊", "xiong"), 20),
    (("秦", "qin"), 20),
    (("邱", "qiu"), 20),
    (("江", "jiang"), 20),
    (("尹", "yin"), 20),
    (("薛", "xue"), 20),
    (("闫", "yan"), 20),
    (("段", "duan"), 20),
    (("雷", "lei"), 20),
    (("侯", "hou"), 20),
    (("龙", "long"), 20),
    (("史", "shi"), 20),
    (("陶", "tao"), 20),
    (("黎", "li"), 20),
    (("贺", "he"), 20),
    (("顾", "gu"), 20),
    (("毛", "mao"), 20),
    (("郝", "hao"), 20),
    (("龚", "gong"), 20),
    (("邵", "shao"), 20),
    (("万", "wan"), 20),
    (("钱", "qian"), 20),
    (("严", "yan"), 20),
    (("武", "wu"), 20),
    (("戴", "dai"), 20),
    (("莫", "mo"), 10),
    (("孔", "kong"), 10),
    (("汤", "tang"), 10),
    (("欧阳", "ouyang"), 8),
    (("上官", "shangguan"), 3),
    (("司马", "sima"), 3),
    (("诸葛", "zhuge"), 2),
    (("东方", "dongfang"), 2),
    (("皇甫", "huangfu"), 2),
    (("慕容", "murong"), 1),
    (("令狐", "linghu"), 1),
];

/// Characters common in men's given names, with pinyin.
const MALE_GIVEN: &[(&str, &str)] = &[
    ("伟", "wei"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("勇", "yong"),
    ("杰", "jie"),
    ("涛", "tao"),
    ("斌", "bin"),
    ("超", "chao"),
    ("明", "ming"),
    ("刚", "gang"),
    ("平", "ping"),
    ("辉", "hui"),
    ("鹏", "peng"),
    ("飞", "fei"),
    ("鑫", "xin"),
    ("波", "bo"),
    ("宇", "yu"),
    ("浩", "hao"),
    ("凯", "kai"),
    ("健", "jian"),
    ("俊", "jun"),
    ("帆", "fan"),
    ("旭", "xu"),
    ("宁", "ning"),
    ("龙", "long"),
    ("志", "zhi"),
    ("建", "jian"),
    ("国", "guo"),
    ("文", "wen"),
    ("博", "bo"),
    ("晨", "chen"),
    ("子", "zi"),
    ("轩", "xuan"),
    ("睿", "rui"),
    ("泽", "ze"),
    ("瑞", "rui"),
    ("昊", "hao"),
    ("天", "tian"),
    ("家", "jia"),
    ("振", "zhen"),
    ("海", "hai"),
    ("峰", "feng"),
    ("成", "cheng"),
    ("东", "dong"),
    ("亮", "liang"),
    ("毅", "yi"),
    ("阳", "yang"),
    ("林", "lin"),
    ("华", "hua"),
    ("德", "de"),
    ("永", "yong"),
    ("立", "li"),
    ("嘉", "jia"),
];

/// Characters common in women's given names, with pinyin.
const FEMALE_GIVEN: &[(&str, &str)] = &[
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("丽", "li"),
    ("秀", "xiu"),
    ("娟", "juan"),
    ("英", "ying"),
    ("慧", "hui"),
    ("巧", "qiao"),
    ("美", "mei"),
    ("婷", "ting"),
    ("雪", "xue"),
    ("琳", "lin"),
    ("晶", "jing"),
    ("妍", "yan"),
    ("倩", "qian"),
    ("玉", "yu"),
    ("萍", "ping"),
    ("红", "hong"),
    ("玲", "ling"),
    ("霞", "xia"),
    ("燕", "yan"),
    ("欣", "xin"),
    ("怡", "yi"),
    ("悦", "yue"),
    ("佳", "jia"),
    ("梦", "meng"),
    ("雨", "yu"),
    ("涵", "han"),
    ("诗", "shi"),
    ("琪", "qi"),
    ("颖", "ying"),
    ("露", "lu"),
    ("瑶", "yao"),
    ("璐", "lu"),
    ("丹", "dan"),
    ("洁", "jie"),
    ("雯", "wen"),
    ("蕾", "lei"),
    ("薇", "wei"),
    ("月", "yue"),
    ("莉", "li"),
    ("兰", "lan"),
    ("凤", "feng"),
    ("晓", "xiao"),
    ("思", "si"),
    ("可", "ke"),
    ("心", "xin"),
];

/// Car buyers in a showroom lean male; a few records leave gender blank.
const GENDERS: &[(Gender, u32)] = &[
    (Gender::Male, 62),
    (Gender::Female, 34),
    (Gender::Unspecified, 4),
];

/// A generated person's name in characters and pinyin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PersonName {
    /// Surname and given name, e.g. `欧阳晓明`.
    pub(crate) full: String,
    /// Surname in pinyin, e.g. `ouyang`.
    pub(crate) surname_pinyin: &'static str,
    /// Given name in pinyin, e.g. `xiaoming`.
    pub(crate) given_pinyin: String,
}

impl PersonName {
    /// The first letters of the surname's and the given name's pinyin, e.g. `zw` for 张伟
    /// and `ox` for 欧阳晓明.
    pub(crate) fn initials(&self) -> String {
        self.surname_pinyin
            .chars()
            .take(1)
            .chain(self.given_pinyin.chars().take(1))
            .collect()
    }
}

/// A gender for a new customer.
pub(crate) fn gender<R: Rng + ?Sized>(rng: &mut R) -> Gender {
    *pick(rng, GENDERS)
}

/// A name that fits `gender` (either pool when unspecified): a weighted surname and one
/// (30 %) or two (70 %) given-name characters.
pub(crate) fn person<R: Rng + ?Sized>(rng: &mut R, gender: Gender) -> PersonName {
    let (surname, surname_pinyin) = *pick(rng, SURNAMES);
    let pool = match gender {
        Gender::Male => MALE_GIVEN,
        Gender::Female => FEMALE_GIVEN,
        Gender::Unspecified if rng.random_bool(0.5) => MALE_GIVEN,
        Gender::Unspecified => FEMALE_GIVEN,
    };
    let length = if chance(rng, 30) { 1 } else { 2 };
    let mut full = surname.to_owned();
    let mut given_pinyin = String::new();
    for _ in 0..length {
        let (ch, py) = *pick_uniform(rng, pool);
        full.push_str(ch);
        given_pinyin.push_str(py);
    }
    PersonName {
        full,
        surname_pinyin,
        given_pinyin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_is_plain_lower_case_ascii() {
        let all = SURNAMES
            .iter()
            .map(|((_, p), _)| *p)
            .chain(MALE_GIVEN.iter().chain(FEMALE_GIVEN).map(|(_, p)| *p));
        for p in all {
            assert!(
                !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()),
                "{p}"
            );
        }
    }
}
