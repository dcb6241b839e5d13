//! The loser told, through a real server: the same field changed on two phones offline;
//! the change the server accepted last wins on both, and the phone whose change it
//! replaced keeps a notice naming the field; the winner has none.

mod common;

use common::books::{book, sync};
use common::world;
use crm_core::{ContactInput, ContactKind, CustomerPatch, NewCustomer, SourceChannel};
use crm_store::RejectionKind;

fn notes(text: &str) -> CustomerPatch {
    CustomerPatch {
        notes: Some(Some(text.into())),
        ..CustomerPatch::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_phone_whose_change_lost_is_told() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (book(dir.path(), "a"), book(dir.path(), "b"));
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c01).await;
    let id = a
        .create_customer(&NewCustomer::new(
            "王芳",
            ContactInput::new(ContactKind::Mobile, "13800138000"),
            SourceChannel::ShowroomWalkIn,
        ))
        .unwrap()
        .id;
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c01).await;
    // Both offline, from the same version.
    a.update_customer(&id, 1, &notes("A: 想要白色")).unwrap();
    b.update_customer(&id, 1, &notes("B: 想要黑色")).unwrap();
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c01).await;
    sync(&a, &w.url, &w.c01).await;
    for phone in [&a, &b] {
        assert_eq!(
            phone.get_customer(&id).unwrap().profile.notes.as_deref(),
            Some("B: 想要黑色")
        );
    }
    let told = a.sync_rejections().unwrap();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].kind, RejectionKind::Overwritten);
    assert_eq!(told[0].id, id.as_str());
    assert!(told[0].reason.contains("notes"), "{}", told[0].reason);
    assert!(b.sync_rejections().unwrap().is_empty());
    // A later edit on A, made after it saw B's change, is nobody's loss.
    let version = a.get_customer(&id).unwrap().version;
    a.update_customer(&id, version, &notes("A again")).unwrap();
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c01).await;
    assert!(b.sync_rejections().unwrap().is_empty());
    assert_eq!(a.sync_rejections().unwrap().len(), 1);
}
