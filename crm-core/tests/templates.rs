//! Property tests of message templates: parsing, escaping, rendering, and their errors.
#![cfg(feature = "proptest")]

use crm_core::{
    escape, starter_templates, Code, Placeholder, Segment, Template, TemplateError, TemplateValues,
};
use proptest::prelude::*;
use proptest::sample::select;

/// Text as users type it, braces included.
fn text() -> impl Strategy<Value = String> {
    "[a-z 您好，。{}！0-9]{0,12}"
}

/// A placeholder written one of the ways the grammar allows: English or Chinese name, with
/// or without spaces inside the braces.
fn written(p: Placeholder) -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        select(vec!["", " ", "  "]),
        select(vec!["", " "]),
    )
        .prop_map(move |(chinese, before, after)| {
            let name = if chinese { p.chinese() } else { p.code() };
            format!("{{{before}{name}{after}}}")
        })
}

#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Slot(Placeholder, String),
}

fn pieces() -> impl Strategy<Value = Vec<Piece>> {
    let piece = prop_oneof![
        text().prop_map(Piece::Text),
        select(Placeholder::ALL).prop_flat_map(|p| written(p).prop_map(move |w| Piece::Slot(p, w))),
    ];
    prop::collection::vec(piece, 0..8)
}

fn source(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => escape(t),
            Piece::Slot(_, w) => w.clone(),
        })
        .collect()
}

fn value(p: Placeholder) -> String {
    format!("<{}>", p.chinese())
}

proptest! {
    #[test]
    fn escaped_text_renders_as_itself(t in "\\PC{0,40}") {
        let parsed = Template::parse(&escape(&t)).unwrap();
        prop_assert!(parsed.placeholders().is_empty());
        prop_assert_eq!(parsed.render(&TemplateValues::new()).unwrap(), t);
    }

    #[test]
    fn a_template_renders_its_text_and_values_in_order(pieces in pieces()) {
        let template = Template::parse(&source(&pieces)).unwrap();
        let all = Placeholder::ALL.iter().fold(TemplateValues::new(), |v, p| v.with(*p, value(*p)));
        let expected: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Slot(p, _) => value(*p),
            })
            .collect();
        prop_assert_eq!(template.render(&all).unwrap(), expected);
        // Adjacent text is one segment, and never empty.
        for w in template.segments().windows(2) {
            prop_assert!(!matches!(w, [Segment::Text(_), Segment::Text(_)]));
        }
        prop_assert!(template.segments().iter().all(|s| !matches!(s, Segment::Text(t) if t.is_empty())));
        // The template written back (English names, escaped braces) parses to itself.
        prop_assert_eq!(Template::parse(&template.to_string()).unwrap(), template);
    }

    #[test]
    fn rendering_fails_on_the_first_missing_value(pieces in pieces(), given in prop::collection::vec(any::<bool>(), 11)) {
        let template = Template::parse(&source(&pieces)).unwrap();
        let mut values = TemplateValues::new();
        for (p, give) in Placeholder::ALL.iter().zip(&given) {
            if *give {
                values.set(*p, value(*p));
            }
        }
        let first_missing = pieces.iter().find_map(|piece| match piece {
            Piece::Slot(p, _) if values.get(*p).is_none() => Some(*p),
            _ => None,
        });
        match first_missing {
            Some(p) => prop_assert_eq!(
                template.render(&values),
                Err(TemplateError::MissingValue { placeholder: p })
            ),
            None => prop_assert!(template.render(&values).is_ok()),
        }
    }

    #[test]
    fn an_unknown_placeholder_is_named(before in pieces(), name in "[a-z_\u{4e00}-\u{4e20}]{1,8}", after in pieces()) {
        prop_assume!(Placeholder::from_name(&name).is_none());
        let src = format!("{}{{{name}}}{}", source(&before), source(&after));
        prop_assert_eq!(Template::parse(&src), Err(TemplateError::UnknownPlaceholder { name }));
    }

    #[test]
    fn a_lone_brace_is_an_error_at_its_position(pieces in pieces(), brace in select(vec!['{', '}']), tail in "[a-z ]{0,5}") {
        let head = source(&pieces);
        let src = format!("{head}{brace}{tail}");
        let at = head.chars().count();
        let expected = match brace {
            '{' => TemplateError::UnclosedBrace { at },
            _ => TemplateError::UnmatchedBrace { at },
        };
        prop_assert_eq!(Template::parse(&src), Err(expected));
    }

    #[test]
    fn parsing_never_panics(src in "\\PC{0,60}") {
        let _ = Template::parse(&src);
    }
}

#[test]
fn the_starter_set_covers_four_purposes_in_two_languages() {
    let set = starter_templates();
    assert!(set.len() >= 16);
    for t in &set {
        let template = t.template().unwrap();
        assert!(
            template
                .placeholders()
                .contains(&Placeholder::CustomerTitle),
            "{} addresses the customer",
            t.key
        );
    }
}
