//! Editing and deleting the user's message templates; starter templates stay read-only.

mod common;

use common::{customer, test_store};
use crm_core::{MessageTemplate, NewTemplate, TemplateLanguage, TemplatePurpose, TemplateValues};
use crm_store::StoreError;

fn greeting(body: &str) -> NewTemplate {
    NewTemplate {
        name: "到店问候".into(),
        purpose: TemplatePurpose::Greeting,
        language: TemplateLanguage::Zh,
        body: body.into(),
    }
}

/// The key of the first starter template.
fn a_starter_key(store: &crm_store::Store) -> String {
    let list = store.list_templates().unwrap();
    let starter = list.iter().find(|t| t.is_starter()).unwrap();
    starter.key.clone()
}

#[test]
fn updating_a_template_changes_every_field_but_its_key() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("张伟", "13300000001"))
        .unwrap();
    let mine = t.store.add_template(&greeting("{客户姓名}您好")).unwrap();
    assert!(!mine.is_starter());

    let changed = NewTemplate {
        name: "  Quote follow-up ".into(),
        purpose: TemplatePurpose::QuoteFollowUp,
        language: TemplateLanguage::En,
        body: "Dear {customer_name}, about {model} ".into(),
    };
    let updated = t.store.update_template(&mine.key, &changed).unwrap();
    let expected = MessageTemplate {
        key: mine.key.clone(),
        name: "Quote follow-up".into(),
        purpose: TemplatePurpose::QuoteFollowUp,
        language: TemplateLanguage::En,
        body: "Dear {customer_name}, about {model}".into(),
    };
    assert_eq!(updated, expected);
    let listed = t.store.list_templates().unwrap();
    assert_eq!(listed.iter().filter(|t| t.key == mine.key).count(), 1);
    assert_eq!(listed.last(), Some(&expected));

    let values = TemplateValues::from_names([("车型", "途观L")]).unwrap();
    let text = t
        .store
        .render_template(&mine.key, TemplateLanguage::Zh, &c.id, &values)
        .unwrap();
    assert_eq!(text, "Dear 张伟, about 途观L");
}

#[test]
fn an_invalid_update_names_the_field_and_changes_nothing() {
    let t = test_store();
    let mine = t.store.add_template(&greeting("{客户姓名}您好")).unwrap();
    for (body, name, field) in [
        ("{nope}", "x", "body"),
        ("  ", "x", "body"),
        ("{客户姓名}", " ", "name"),
    ] {
        let bad = NewTemplate {
            name: name.into(),
            ..greeting(body)
        };
        let err = t.store.update_template(&mine.key, &bad).unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(v) if v.field == field),
            "{body:?} {name:?}: {err:?}"
        );
    }
    let listed = t.store.list_templates().unwrap();
    assert_eq!(listed.last(), Some(&mine));
}

#[test]
fn starter_templates_cannot_be_updated_or_deleted() {
    let t = test_store();
    let key = a_starter_key(&t.store);
    let before = t.store.list_templates().unwrap();
    let err = t
        .store
        .update_template(&key, &greeting("{客户姓名}您好"))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Closed { entity: "template", status: "starter", id } if *id == key),
        "{err:?}"
    );
    let err = t.store.delete_template(&key).unwrap_err();
    assert!(
        matches!(
            &err,
            StoreError::Closed {
                status: "starter",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(t.store.list_templates().unwrap(), before);
}

#[test]
fn unknown_templates_are_not_found() {
    let t = test_store();
    for err in [
        t.store
            .update_template("no-such-template", &greeting("{客户姓名}"))
            .unwrap_err(),
        t.store.delete_template("no-such-template").unwrap_err(),
    ] {
        assert!(
            matches!(&err, StoreError::NotFound { entity: "template", id } if id == "no-such-template"),
            "{err:?}"
        );
    }
    let mine = t.store.add_template(&greeting("{客户姓名}")).unwrap();
    t.store.delete_template(&mine.key).unwrap();
    assert!(matches!(
        t.store.update_template(&mine.key, &greeting("{客户姓名}")),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn every_starter_template_fills_the_greeting_from_the_customer() {
    use crm_core::{Code, Gender, Placeholder};
    let t = test_store();
    let mut new = customer("欧阳娜娜", "13300000002");
    new.gender = Gender::Female;
    let ouyang = t.store.create_customer(&new).unwrap();
    let mut new = customer("司马光", "13300000003");
    new.gender = Gender::Male;
    let sima = t.store.create_customer(&new).unwrap();
    let anon = t
        .store
        .create_customer(&customer("张伟", "13300000004"))
        .unwrap();
    // Everything but the greeting, which the store derives.
    let mut values = TemplateValues::new();
    for p in Placeholder::ALL {
        if *p != Placeholder::CustomerTitle {
            values.set(*p, format!("<{}>", p.code()));
        }
    }
    let starters = crm_core::starter_templates();
    assert!(starters
        .iter()
        .all(|s| s.body.contains("{客户称呼}") || s.body.contains("{customer_title}")));
    for s in &starters {
        let render = |id| {
            t.store
                .render_template(&s.key, s.language, id, &values)
                .unwrap_or_else(|e| panic!("{} {:?}: {e}", s.key, s.language))
        };
        let (ouyang_title, sima_title) = match s.language {
            TemplateLanguage::Zh => ("欧阳女士", "司马先生"),
            TemplateLanguage::En => ("Ms Ouyang", "Mr Sima"),
        };
        assert!(render(&ouyang.id).contains(ouyang_title), "{}", s.key);
        assert!(render(&sima.id).contains(sima_title), "{}", s.key);
        assert!(render(&anon.id).contains("张伟"), "{}", s.key);
    }
    // A value passed in wins.
    let text = t
        .store
        .render_template(
            "greeting.after_visit",
            TemplateLanguage::Zh,
            &ouyang.id,
            &values.clone().with(Placeholder::CustomerTitle, "娜娜姐"),
        )
        .unwrap();
    assert!(text.starts_with("娜娜姐您好"), "{text}");
}
