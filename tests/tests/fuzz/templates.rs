//! Message templates and their placeholders: any body parses or is refused naming `body`
//! at a real brace; a parsed template printed back parses to itself; rendering fills
//! every placeholder or names the one left without a value; a book refuses a bad template
//! naming `name` or `body` and keeps nothing of it.

use crate::harness::{config, corpus, text_input};
use crate::thread_book::thread_book as book;
use crm_core::{
    escape, Code, NewTemplate, Placeholder, Segment, Template, TemplateError, TemplateLanguage,
    TemplatePurpose, TemplateValues,
};
use crm_store::StoreError;
use proptest::prelude::*;

/// A template written back as source: text escaped, placeholders by their English name.
fn print(template: &Template) -> String {
    template
        .segments()
        .iter()
        .map(|s| match s {
            Segment::Text(t) => escape(t),
            Segment::Slot(p) => p.to_string(),
        })
        .collect()
}

fn every_value() -> TemplateValues {
    let mut values = TemplateValues::new();
    for p in Placeholder::ALL {
        values.set(*p, format!("值{}", p.code()));
    }
    values
}

fn check_parse(body: &str) -> Result<(), TestCaseError> {
    let chars: Vec<char> = body.chars().collect();
    match Template::parse(body) {
        Ok(template) => {
            let again = Template::parse(&print(&template));
            prop_assert_eq!(again.as_ref(), Ok(&template), "{:?}", body);
            let rendered = template.render(&every_value());
            prop_assert!(rendered.is_ok(), "{:?}: {:?}", body, rendered);
            if let Some(&missing) = template.placeholders().last() {
                let mut values = every_value();
                values.set(missing, " ");
                match template.render(&values) {
                    Err(TemplateError::MissingValue { placeholder }) => {
                        prop_assert_eq!(placeholder, missing)
                    }
                    other => prop_assert!(false, "{:?}: {:?}", body, other),
                }
            }
        }
        Err(e) => {
            prop_assert_eq!(e.field(), "body", "{:?}", body);
            match e {
                TemplateError::EmptyPlaceholder { at } | TemplateError::UnclosedBrace { at } => {
                    prop_assert_eq!(chars.get(at), Some(&'{'), "{:?}", body)
                }
                TemplateError::UnmatchedBrace { at } => {
                    prop_assert_eq!(chars.get(at), Some(&'}'), "{:?}", body)
                }
                TemplateError::UnknownPlaceholder { name } => {
                    prop_assert!(body.contains(&name), "{:?}: {:?}", body, name)
                }
                other => prop_assert!(false, "{:?}: {:?}", body, other),
            }
        }
    }
    Ok(())
}

fn check_store(
    name: &str,
    body: &str,
    purpose: TemplatePurpose,
    language: TemplateLanguage,
) -> Result<(), TestCaseError> {
    let store = book();
    let before = store.list_templates().expect("the templates");
    let new = NewTemplate {
        name: name.to_owned(),
        purpose,
        language,
        body: body.to_owned(),
    };
    match store.add_template(&new) {
        Ok(saved) => {
            prop_assert!(Template::parse(&saved.body).is_ok());
            let after = store.list_templates().expect("the templates");
            prop_assert_eq!(after.len(), before.len() + 1);
            store
                .delete_template(&saved.key)
                .expect("deleting the template");
        }
        Err(StoreError::Invalid(e)) => {
            prop_assert!(e.field == "name" || e.field == "body", "{:?}: {}", new, e);
            prop_assert_eq!(store.list_templates().expect("the templates"), before);
        }
        Err(other) => prop_assert!(false, "{:?}: {:?}", new, other),
    }
    Ok(())
}

/// A template made of pieces: text with braces, placeholders by either name.
fn built_body() -> impl Strategy<Value = (String, Vec<Segment>)> {
    let piece = prop_oneof![
        ".{1,6}".prop_map(|t| (escape(&t), Segment::Text(t))),
        (
            prop::sample::select(Placeholder::ALL),
            any::<bool>(),
            " {0,2}"
        )
            .prop_map(|(p, chinese, pad)| {
                let name = if chinese { p.chinese() } else { p.code() };
                (format!("{{{pad}{name}{pad}}}"), Segment::Slot(p))
            }),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| {
        let mut source = String::new();
        let mut segments: Vec<Segment> = Vec::new();
        for (text, segment) in pieces {
            source.push_str(&text);
            match (segments.last_mut(), segment) {
                (Some(Segment::Text(last)), Segment::Text(more)) => last.push_str(&more),
                (_, segment) => segments.push(segment),
            }
        }
        (source, segments)
    })
}

proptest! {
    #![proptest_config(config(1_000))]

    #[test]
    fn any_body_parses_or_names_a_real_brace(body in text_input(corpus("template"))) {
        check_parse(&body)?;
    }

    #[test]
    fn a_built_template_parses_to_its_pieces((source, segments) in built_body()) {
        let template = Template::parse(&source);
        prop_assert!(template.is_ok(), "{:?}: {:?}", source, template);
        let template = template.unwrap();
        prop_assert_eq!(template.segments(), &segments[..]);
        check_parse(&source)?;
    }
}

proptest! {
    #![proptest_config(config(150))]

    #[test]
    fn a_book_keeps_a_good_template_and_nothing_of_a_bad_one(
        name in text_input(vec!["邀约到店".to_owned(), "Birthday".to_owned()]),
        body in text_input(corpus("template")),
        purpose in prop::sample::select(TemplatePurpose::ALL),
        language in prop::sample::select(TemplateLanguage::ALL),
    ) {
        check_store(&name, &body, purpose, language)?;
    }
}

#[test]
fn every_seed_holds() {
    for seed in corpus("template") {
        check_parse(&seed).unwrap();
        check_store("种子", &seed, TemplatePurpose::Other, TemplateLanguage::Zh).unwrap();
    }
}
