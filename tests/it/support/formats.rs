//! Checking what xuehui writes with its owners' tools: the Python tools `scripts/test` installs
//! under `target/pyenv` (check-jsonschema, icalendar) and the schemas kept beside the tests.

use std::path::PathBuf;
use std::process::Command;

/// A Python tool of `target/pyenv/bin` (the test fails when it is missing).
pub fn pytool(name: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/pyenv/bin").join(name);
    assert!(p.exists(), "{} missing (scripts/test installs it)", p.display());
    p
}

/// `body` written to a file `name` in a new temporary folder (kept while the folder lives).
pub fn write_tmp(name: &str, body: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, body).unwrap();
    (dir, path)
}

/// A schema vendored under `tests/formats/`.
pub fn vendored(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/formats").join(path)
}

/// Asserts that the JSON `body` satisfies the JSON schema at `schema` (check-jsonschema).
pub fn assert_json_valid(schema: &std::path::Path, body: &str, what: &str) {
    let (_dir, path) = write_tmp("doc.json", body);
    let out = Command::new(pytool("check-jsonschema"))
        .arg("--schemafile")
        .arg(schema)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{what} invalid: {}{}\n{body}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
