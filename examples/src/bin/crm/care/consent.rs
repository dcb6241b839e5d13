//! `crm consent CUSTOMER [--grant CH]... [--withdraw CH]... [--reset CH]...`: a customer's
//! consent to be contacted per channel (营销同意), shown or changed. Each change is its own
//! record and timeline entry; withdrawn consent drops greetings at the next `crm care run`.

use crate::care::args::ConsentArgs;
use crate::care::text;
use crate::customer::resolve::customer_id;
use crate::database::open_existing;
use crate::exit::Failure;
use crate::term::input::code_of;
use crate::term::output::Output;
use crm_core::{ConsentChange, ConsentChannel, ConsentSource, ConsentState};
use std::path::Path;

/// Runs `crm consent`: applies the changes the options name, then prints the consent.
pub fn consent(db: &Path, args: &ConsentArgs, output: Output) -> Result<(), Failure> {
    const CHANNELS: &str = "a channel: phone, sms, wechat or email";
    let source: ConsentSource = code_of(
        "source",
        &args.source,
        "in_person, phone, online_form, paper_form, message or other",
    )?;
    let mut changes = Vec::new();
    for (field, list, state) in [
        ("grant", &args.grant, ConsentState::Granted),
        ("withdraw", &args.withdraw, ConsentState::Withdrawn),
        ("reset", &args.reset, ConsentState::Unknown),
    ] {
        for text in list {
            let channel: ConsentChannel = code_of(field, text, CHANNELS)?;
            changes.push(ConsentChange {
                channel,
                state,
                source,
                note: args.note.clone(),
            });
        }
    }
    let store = open_existing(db)?;
    let id = customer_id(&store, &args.customer)?;
    let mut consent = store.consent_of(&id)?;
    for change in &changes {
        consent = store.set_consent(&id, change)?;
    }
    output.print(&consent, || text::consent(&consent))
}
