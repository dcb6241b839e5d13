//! The `crm` command-line tool (of the `crm-examples` package) run against a test server.

use std::path::{Path, PathBuf};
use std::process::Output;

/// The `crm` binary beside this test's own build (the workspace's `cargo build` or `cargo
/// test --workspace` builds it).
pub fn crm_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let debug = exe.parent().and_then(Path::parent).unwrap();
    let crm = debug.join(format!("crm{}", std::env::consts::EXE_SUFFIX));
    assert!(
        crm.exists(),
        "{} is missing: build the workspace first (cargo build --workspace)",
        crm.display()
    );
    crm
}

/// Runs `crm --db DB ARGS...`, off the async runtime.
pub async fn crm(db: &Path, args: &[&str]) -> Output {
    let mut command = std::process::Command::new(crm_binary());
    command.arg("--db").arg(db).args(args);
    tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap()
}
