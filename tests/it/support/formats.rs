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

/// Asserts that every document is valid against the vendored schema `xsd` with its catalog,
/// in one xmllint call: compiling a schema can take seconds, the documents nothing.
fn assert_schema_valid(catalog: &str, xsd: &str, what: &str, docs: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = docs
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let p = dir.path().join(format!("document-{i}.xml"));
            std::fs::write(&p, body).unwrap();
            p
        })
        .collect();
    let out = Command::new("xmllint")
        .env("XML_CATALOG_FILES", vendored(catalog))
        .args(["--nonet", "--noout", "--schema"])
        .arg(vendored(xsd))
        .args(&paths)
        .output()
        .expect("xmllint (Debian libxml2-utils)");
    assert!(
        out.status.success(),
        "not valid {what}: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        docs.join("\n----\n")
    );
}

/// Asserts that every document is a valid Crossref deposit (schema 5.4.0).
pub fn assert_crossref_valid(docs: &[&str]) {
    assert_schema_valid(
        "crossref-5.4.0/catalog.xml",
        "crossref-5.4.0/crossref5.4.0.xsd",
        "Crossref 5.4.0",
        docs,
    );
}

/// Asserts that every document is a valid OAI-PMH 2.0 response, Dublin Core records and the
/// oai-identifier description included (the official schemas).
pub fn assert_oai_valid(docs: &[&str]) {
    assert_schema_valid("oai-pmh-2.0/catalog.xml", "oai-pmh-2.0/all.xsd", "OAI-PMH 2.0", docs);
}

/// Asserts that every document is valid JATS 1.3 Journal Publishing (the DTD vendored with its
/// catalog; xmllint reads the DTD again for each document, which takes milliseconds).
pub fn assert_jats_valid(docs: &[&str]) {
    for body in docs {
        let (_dir, path) = write_tmp("article.xml", body);
        let out = Command::new("xmllint")
            .env("XML_CATALOG_FILES", vendored("jats-1.3/catalog.xml"))
            .args(["--nonet", "--noout", "--valid"])
            .arg(&path)
            .output()
            .expect("xmllint (Debian libxml2-utils)");
        assert!(
            out.status.success(),
            "not valid JATS 1.3: {}\n{body}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
