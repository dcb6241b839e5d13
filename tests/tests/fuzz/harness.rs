//! What every fuzz target shares: how many cases to run, the seed corpus on disk, and the
//! mutators that turn valid samples into near-valid and broken ones (character level, byte
//! level, and JSON-structure level).

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// The environment variable that sets the number of cases of every target (a long run:
/// `CRM_FUZZ_CASES=200000 cargo test -p crm-tests --test fuzz --release`).
pub const CASES_VAR: &str = "CRM_FUZZ_CASES";

/// The proptest configuration of a target: `short` cases (the test command's short run)
/// unless [`CASES_VAR`] says otherwise. Failures are saved next to the target's source, in
/// its `.proptest-regressions` file, and run first ever after.
pub fn config(short: u32) -> Config {
    let cases = std::env::var(CASES_VAR)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(short);
    Config {
        cases,
        max_shrink_iters: 4_096,
        ..Config::default()
    }
}

/// The folder of a target's seed corpus: `tests/fuzz_corpus/<target>/` of the workspace
/// (found from the crate being tested, which may be the server's).
pub fn corpus_dir(target: &str) -> PathBuf {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = crate_dir
        .ancestors()
        .find(|dir| dir.join("tests/fuzz_corpus").is_dir())
        .unwrap_or(crate_dir);
    root.join("tests/fuzz_corpus").join(target)
}

/// The seed samples of `target`: each `*.json` file is one sample, each line of a `*.txt`
/// file another (empty lines skipped). Panics when there are none: a target without seeds
/// only ever sees random text.
pub fn corpus(target: &str) -> Vec<String> {
    let dir = corpus_dir(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a corpus entry").path())
        .collect();
    files.sort();
    let mut samples = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        match file.extension().and_then(|e| e.to_str()) {
            Some("txt") => samples.extend(
                text.lines()
                    .filter(|line| !line.is_empty())
                    .map(str::to_owned),
            ),
            Some("json") => samples.push(text),
            _ => {}
        }
    }
    assert!(!samples.is_empty(), "no seeds in {}", dir.display());
    samples
}

/// Text that breaks parsers: syntax of the grammars here (braces, JSON punctuation,
/// escapes), numbers at the edges of their types, and characters with a story (NUL,
/// controls, bidi overrides, BOM, the last code point, full-width forms, CJK, emoji).
const TOKENS: &[&str] = &[
    "{",
    "}",
    "{{",
    "}}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "'",
    "\\",
    "null",
    "true",
    "false",
    "0",
    "-1",
    "-0",
    "1e999",
    "-1e999",
    "0.5",
    "1E2",
    "4294967296",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "\"\"",
    "[]",
    "{}",
    "\\u0000",
    "\\ud800",
    "\\udfff",
    "\u{0}",
    "\u{7}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{200b}",
    "\u{202e}",
    "\u{2066}",
    "\u{feff}",
    "\u{fffd}",
    "\u{10ffff}",
    "\u{3000}",
    "１",
    "８",
    "＋",
    "－",
    "（",
    "｛",
    "｝",
    "王",
    "張",
    "𠀀",
    "🚗",
    "👨‍👩‍👧",
    "\n",
    "\r\n",
    "\t",
    " ",
    "+86",
    "0086",
    "86",
    "00",
    "+",
    "{客户姓名}",
    "{model}",
    "{ 门店 }",
    "{}",
    "zs",
    "wang",
    "%",
    "_",
    "*",
    "\u{10ffff}\u{10ffff}",
];

/// One edit of a text.
#[derive(Debug, Clone)]
pub enum Edit {
    /// Insert this text at a character position.
    Insert(Index, String),
    /// Remove up to this many characters from a position.
    Remove(Index, usize),
    /// Repeat a stretch of up to this many characters right after itself.
    Repeat(Index, usize),
    /// Overwrite bytes of the UTF-8 encoding (invalid sequences become U+FFFD, as any
    /// `&str` boundary would have them).
    Bytes(Index, Vec<u8>),
    /// Cut the text here.
    Cut(Index),
}

fn insertion() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(TOKENS).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => "[0-9]{1,25}",
        1 => ".{0,8}",
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<Index>(), insertion()).prop_map(|(at, text)| Edit::Insert(at, text)),
        3 => (any::<Index>(), 1..8usize).prop_map(|(at, n)| Edit::Remove(at, n)),
        1 => (any::<Index>(), 1..16usize).prop_map(|(at, n)| Edit::Repeat(at, n)),
        2 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..4))
            .prop_map(|(at, bytes)| Edit::Bytes(at, bytes)),
        1 => any::<Index>().prop_map(Edit::Cut),
    ]
}

/// `text` with `edits` applied in turn.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let at = |i: &Index| i.index(chars.len() + 1);
        match edit {
            Edit::Insert(i, s) => {
                let at = at(i);
                chars.splice(at..at, s.chars());
            }
            Edit::Remove(i, n) => {
                let at = at(i);
                let end = (at + n).min(chars.len());
                chars.drain(at..end);
            }
            Edit::Repeat(i, n) => {
                let at = at(i);
                let end = (at + n).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                chars.splice(end..end, copy);
            }
            Edit::Bytes(i, bytes) => {
                let mut raw = chars.iter().collect::<String>().into_bytes();
                let at = i.index(raw.len() + 1);
                for (k, b) in bytes.iter().enumerate() {
                    match raw.get_mut(at + k) {
                        Some(slot) => *slot = *b,
                        None => raw.push(*b),
                    }
                }
                chars = String::from_utf8_lossy(&raw).chars().collect();
            }
            Edit::Cut(i) => {
                let at = at(i);
                chars.truncate(at);
            }
        }
    }
    chars.into_iter().collect()
}

/// A seed of `seeds` with a few character- or byte-level edits (none for some cases, so
/// that the seeds themselves are checked too).
pub fn mutated(seeds: Vec<String>) -> impl Strategy<Value = String> {
    (
        prop::sample::select(seeds),
        prop::collection::vec(edit(), 0..6),
    )
        .prop_map(|(seed, edits)| apply_edits(&seed, &edits))
}

/// Text from anywhere: a mutated seed mostly, else arbitrary Unicode or a run of tokens.
pub fn text_input(seeds: Vec<String>) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => mutated(seeds),
        2 => any::<String>(),
        1 => prop::collection::vec(prop::sample::select(TOKENS), 0..12)
            .prop_map(|tokens| tokens.concat()),
    ]
}

/// A JSON value of any type, with the edge cases of each.
pub fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::sample::select(vec![
            0i64,
            -1,
            1,
            12,
            13,
            36_500,
            36_501,
            i64::from(u32::MAX)
        ])
        .prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(TOKENS).prop_map(|s| Value::String(s.to_owned())),
        ".{0,12}".prop_map(Value::String),
        "[a-z_]{1,12}".prop_map(Value::String),
        Just(Value::String("2026-02-30".into())),
        Just(Value::String("2026-12-07T08:00:00Z".into())),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// One structural edit of a JSON document, at the node picked by an index over all nodes.
#[derive(Debug, Clone)]
pub enum JsonEdit {
    /// Replace the node with another value (often of another type).
    Replace(Index, Value),
    /// Remove the node from its object or array.
    Remove(Index),
    /// Add a field (to an object) or an element (to an array).
    Add(Index, String, Value),
    /// Append a copy of an array's element (or an object's field, renamed) to its parent.
    Clone(Index),
    /// Change the node's value but keep its type (a number to another number, a string
    /// to another string, a flag flipped), so that the document still reads and its
    /// values reach the rules.
    Tweak(Index, i64, String),
}

fn json_edit() -> impl Strategy<Value = JsonEdit> {
    prop_oneof![
        4 => (any::<Index>(), json_value()).prop_map(|(at, v)| JsonEdit::Replace(at, v)),
        2 => any::<Index>().prop_map(JsonEdit::Remove),
        2 => (any::<Index>(), "[a-z_]{1,12}", json_value())
            .prop_map(|(at, key, v)| JsonEdit::Add(at, key, v)),
        1 => any::<Index>().prop_map(JsonEdit::Clone),
        6 => (
            any::<Index>(),
            prop_oneof![
                prop::sample::select(vec![0i64, -1, 1, 2, 7, 12, 13, 31, 32, 100, 1_000, 36_500, 36_501, i64::from(u32::MAX), i64::MAX, i64::MIN]),
                any::<i64>(),
                -400i64..400,
            ],
            prop_oneof![
                prop::sample::select(TOKENS).prop_map(str::to_owned),
                ".{0,12}",
                Just(String::new()),
                "[a-z_]{1,12}",
            ],
        )
            .prop_map(|(at, n, text)| JsonEdit::Tweak(at, n, text)),
    ]
}

/// The JSON pointers of every node of `value` (the root is `""`).
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            for (key, v) in fields {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                pointers(v, format!("{at}/{escaped}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// `value` with one structural edit applied.
pub fn apply_json_edit(value: &mut Value, edit: &JsonEdit) {
    let mut all = Vec::new();
    pointers(value, String::new(), &mut all);
    let pick = |i: &Index| all[i.index(all.len())].clone();
    let parent_of = |p: &str| {
        p.rsplit_once('/').map(|(parent, last)| {
            (
                parent.to_owned(),
                last.replace("~1", "/").replace("~0", "~"),
            )
        })
    };
    match edit {
        JsonEdit::Replace(i, v) => {
            if let Some(node) = value.pointer_mut(&pick(i)) {
                *node = v.clone();
            }
        }
        JsonEdit::Remove(i) => {
            if let Some((parent, last)) = parent_of(&pick(i)) {
                match value.pointer_mut(&parent) {
                    Some(Value::Object(fields)) => {
                        fields.remove(&last);
                    }
                    Some(Value::Array(items)) => {
                        if let Ok(n) = last.parse::<usize>() {
                            if n < items.len() {
                                items.remove(n);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        JsonEdit::Add(i, key, v) => match value.pointer_mut(&pick(i)) {
            Some(Value::Object(fields)) => {
                fields.insert(key.clone(), v.clone());
            }
            Some(Value::Array(items)) => items.push(v.clone()),
            _ => {}
        },
        JsonEdit::Tweak(i, n, text) => match value.pointer_mut(&pick(i)) {
            Some(Value::Number(number)) => {
                *number = if number.is_u64() {
                    serde_json::Number::from(n.unsigned_abs())
                } else {
                    serde_json::Number::from(*n)
                }
            }
            Some(Value::String(s)) => *s = text.clone(),
            Some(Value::Bool(b)) => *b = !*b,
            _ => {}
        },
        JsonEdit::Clone(i) => {
            if let Some((parent, last)) = parent_of(&pick(i)) {
                let copy = value.pointer(&pick(i)).cloned();
                match (value.pointer_mut(&parent), copy) {
                    (Some(Value::Array(items)), Some(copy)) => items.push(copy),
                    (Some(Value::Object(fields)), Some(copy)) => {
                        fields.insert(format!("{last}_"), copy);
                    }
                    _ => {}
                }
            }
        }
    }
}

/// A JSON seed of `seeds` with structural edits and then a few text edits (none for some
/// cases): documents of the right shape with wrong values, missing and unknown fields,
/// and broken syntax.
pub fn json_mutated(seeds: Vec<String>) -> impl Strategy<Value = String> {
    (
        prop::sample::select(seeds),
        prop::collection::vec(json_edit(), 0..4),
        prop::collection::vec(edit(), 0..3),
        prop::bool::weighted(0.25),
    )
        .prop_map(|(seed, json_edits, text_edits, edit_text)| {
            let mut value: Value = serde_json::from_str(&seed).expect("a JSON seed");
            for e in &json_edits {
                apply_json_edit(&mut value, e);
            }
            let text = value.to_string();
            if edit_text {
                apply_edits(&text, &text_edits)
            } else {
                text
            }
        })
}
