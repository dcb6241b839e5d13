//! The language of readable output (labels, table headers, money): Chinese or English.
//! `--lang zh|en` wins; else `LANG` when it names one of them (`en_US.UTF-8`, `zh_CN`);
//! else Chinese, the dealership's language (the book has no language setting to read).
//! JSON and CSV keep the stored codes whatever the language.
//!
//! The language is chosen once, before a command runs, and read where a label is made;
//! each code's label is written once, next to its feature's text (`channel_label`,
//! `stage_label` ...), as [`pick`]`("中文", "English")`; a sentence with values in it as
//! `say!("{n} 位客户", "{n} customers")`.

use std::sync::OnceLock;

/// A language of readable output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// 中文.
    Zh,
    /// English.
    En,
}

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// The language `--lang` names, else the one `LANG` (the environment's value) names,
/// else Chinese.
pub fn choose(flag: Option<Lang>, env: Option<&str>) -> Lang {
    flag.or_else(|| {
        let env = env?.to_ascii_lowercase();
        if env.starts_with("zh") {
            Some(Lang::Zh)
        } else if env.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    })
    .unwrap_or(Lang::Zh)
}

/// Makes `lang` the language of this run's output (the first call wins).
pub fn set(lang: Lang) {
    let _ = CHOSEN.set(lang);
}

/// The language of this run's output (Chinese until [`set`]).
pub fn lang() -> Lang {
    CHOSEN.get().copied().unwrap_or(Lang::Zh)
}

/// `zh` or `en`, in this run's language.
pub fn pick(zh: &'static str, en: &'static str) -> &'static str {
    match lang() {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A code's label (the table in `crm_core::export`), in this run's language.
pub fn label(label: crm_core::export::Label) -> &'static str {
    pick(label.zh, label.en)
}

/// A sentence with values in it, in this run's language: `say!("{n} 位客户", "{n}
/// customers")` formats the first text in Chinese, the second in English (each a
/// `format!` string, with the same arguments).
macro_rules! say {
    ($zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        match $crate::term::lang::lang() {
            $crate::term::lang::Lang::Zh => format!($zh $(, $arg)*),
            $crate::term::lang::Lang::En => format!($en $(, $arg)*),
        }
    };
}
pub(crate) use say;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_then_lang_then_chinese() {
        assert_eq!(choose(Some(Lang::En), Some("zh_CN.UTF-8")), Lang::En);
        assert_eq!(choose(None, Some("en_US.UTF-8")), Lang::En);
        assert_eq!(choose(None, Some("zh_TW")), Lang::Zh);
        assert_eq!(choose(None, Some("C.UTF-8")), Lang::Zh);
        assert_eq!(choose(None, Some("de_DE")), Lang::Zh);
        assert_eq!(choose(None, None), Lang::Zh);
    }
}
