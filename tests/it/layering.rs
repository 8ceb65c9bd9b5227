//! The dependency between areas runs one way: search reads the areas, and no area (nor the
//! machinery below them) imports search; changes reach it through `jobs::changes`.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_area_imports_the_search_index() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // Only the places that assemble the service may name search: its own folder, the web layer
    // (routes, state, OpenAPI), and the process start-up.
    let allowed = ["search", "web", "server.rs", "main.rs", "lib.rs", "config.rs"];
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut offenders = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let top = rel.components().next().unwrap().as_os_str().to_string_lossy().to_string();
        if allowed.contains(&top.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        if text.contains("crate::search") || text.contains("super::search") {
            offenders.push(rel.display().to_string());
        }
    }
    assert!(
        offenders.is_empty(),
        "these import search; use jobs::changes instead: {offenders:?}"
    );
    assert!(src.join("jobs/changes.rs").exists());
}
