//! The program runs as its users run it: on a new book it registers the walk-ins and
//! prints tomorrow's agenda with their names; run again on the same book, it finds them
//! already there (the phone typed the same) and prints the same agenda.

use std::process::Command;

fn run(book: &std::path::Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_dealer-crm-rust-example"))
        .arg(book)
        .output()
        .expect("the program runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn registers_walk_ins_and_prints_tomorrows_agenda_once() {
    let dir = std::env::temp_dir().join(format!("crm-rust-example-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let book = dir.join("book.sqlite3");
    let _ = std::fs::remove_file(&book);

    let first = run(&book);
    for name in ["张伟", "李娜", "王芳"] {
        assert!(first.contains(&format!("  {name} (plan due")), "{first}");
    }
    assert!(!first.contains("already in the book"), "{first}");

    let second = run(&book);
    assert_eq!(second.matches("already in the book").count(), 3, "{second}");
    assert_eq!(second.matches(" (plan due").count(), 3, "{second}");
    std::fs::remove_dir_all(&dir).unwrap();
}
