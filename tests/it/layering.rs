//! The dependency between areas runs one way: search and the OAI-PMH records read the areas,
//! and no area (nor the machinery below them) imports them; changes reach them through
//! `jobs::changes`.

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
fn no_area_imports_the_subscribers_of_change_notices() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // Only the places that assemble the service may name a subscriber (the search index, the
    // OAI-PMH records): its own folder, the web layer (routes, state, OpenAPI), and the
    // process start-up.
    for subscriber in ["search", "oai"] {
        let allowed = [subscriber, "web", "server.rs", "main.rs", "lib.rs", "config.rs"];
        let import = regex::Regex::new(&format!(r"\b(crate|super)::{subscriber}\b")).unwrap();
        let mut offenders = Vec::new();
        for file in &files {
            let rel = file.strip_prefix(&src).unwrap();
            let top = rel.components().next().unwrap().as_os_str().to_string_lossy().to_string();
            if allowed.contains(&top.as_str()) {
                continue;
            }
            let text = std::fs::read_to_string(file).unwrap();
            if import.is_match(&text) {
                offenders.push(rel.display().to_string());
            }
        }
        assert!(
            offenders.is_empty(),
            "these import {subscriber}; use jobs::changes instead: {offenders:?}"
        );
    }
    assert!(src.join("jobs/changes.rs").exists());
}

/// The module graph of `src/`: module path (`review::conflicts::store`) → modules it names.
struct Modules {
    files: std::collections::BTreeMap<String, std::path::PathBuf>,
}

impl Modules {
    fn read(src: &Path) -> Modules {
        let mut paths = Vec::new();
        rust_files(src, &mut paths);
        let mut files = std::collections::BTreeMap::new();
        for path in paths {
            let rel = path.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            if parts.last().is_some_and(|p| p == "mod") || parts == ["lib"] || parts == ["main"] {
                parts.pop();
            }
            files.insert(parts.join("::"), path);
        }
        Modules { files }
    }

    /// The longest known module a path starts with.
    fn resolve(&self, path: &[&str]) -> Option<String> {
        (1..=path.len())
            .rev()
            .map(|n| path[..n].join("::"))
            .find(|k| self.files.contains_key(k))
    }

    /// Modules that `module` names through `crate::`, `super::` or a child `use`.
    fn imports(&self, module: &str) -> std::collections::BTreeSet<String> {
        let path = &self.files[module];
        let text = std::fs::read_to_string(path).unwrap();
        let text = regex::Regex::new(r"//[^\n]*").unwrap().replace_all(&text, "");
        let own: Vec<&str> = if module.is_empty() { vec![] } else { module.split("::").collect() };
        // Where `super` starts from: a folder module's children are beside its mod.rs.
        let is_folder = path.ends_with("mod.rs") || module.is_empty();
        let here: Vec<&str> = if is_folder { own.clone() } else { own[..own.len() - 1].to_vec() };
        let mut named: Vec<Vec<String>> = Vec::new();
        let words = |s: &str| s.split("::").map(str::to_string).collect::<Vec<_>>();
        for c in regex::Regex::new(r"crate((?:::\w+)+)").unwrap().captures_iter(&text) {
            named.push(words(&c[1][2..]));
        }
        // `use crate::{a, b::c}` and `use crate::x::{y, z}`.
        for c in regex::Regex::new(r"crate::((?:\w+::)*)\{([^{}]*)\}").unwrap().captures_iter(&text) {
            for item in c[2].split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let first = item.split_whitespace().next().unwrap();
                named.push(words(&format!("{}{}", &c[1], first)));
            }
        }
        for c in regex::Regex::new(r"\b((?:super::)+)((?:\w+::)*\w+)").unwrap().captures_iter(&text) {
            let ups = c[1].matches("super").count();
            let mut p: Vec<String> = here[..here.len().saturating_sub(ups)].iter().map(|s| s.to_string()).collect();
            p.extend(words(&c[2]));
            named.push(p);
        }
        let children = own.clone();
        for c in regex::Regex::new(r"(?m)^\s*(?:pub(?:\(crate\))? )?use (?:self::)?(\w+)::")
            .unwrap()
            .captures_iter(&text)
        {
            let mut p: Vec<String> = children.iter().map(|s| s.to_string()).collect();
            p.push(c[1].to_string());
            named.push(p);
        }
        named
            .iter()
            .filter_map(|p| self.resolve(&p.iter().map(String::as_str).collect::<Vec<_>>()))
            .filter(|k| k != module && !k.is_empty())
            .collect()
    }
}

/// Strongly connected groups of more than one module (Tarjan's algorithm).
fn cycles(graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        index: std::collections::HashMap<&'g str, (usize, usize)>,
        stack: Vec<&'g str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    impl<'g> Walk<'g> {
        fn visit(&mut self, v: &'g str) {
            self.index.insert(v, (self.next, self.next));
            self.next += 1;
            self.stack.push(v);
            for w in self.graph.get(v).into_iter().flatten() {
                let w = w.as_str();
                match self.index.get(w) {
                    None => {
                        self.visit(w);
                        let low = self.index[v].1.min(self.index[w].1);
                        self.index.get_mut(v).unwrap().1 = low;
                    }
                    Some(&(i, _)) if self.stack.contains(&w) => {
                        let low = self.index[v].1.min(i);
                        self.index.get_mut(v).unwrap().1 = low;
                    }
                    _ => {}
                }
            }
            if self.index[v].0 == self.index[v].1 {
                let mut group = Vec::new();
                while let Some(w) = self.stack.pop() {
                    group.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.found.push(group);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: Default::default(),
        stack: Vec::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.found
}

#[test]
fn no_two_modules_import_each_other_even_through_others() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = Modules::read(&src);
    let graph: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        modules.files.keys().map(|m| (m.clone(), modules.imports(m))).collect();
    // The reader sees imports: a check that it does, so that an empty graph cannot pass.
    assert!(graph["guard::paper"].contains("submissions::model"), "{:?}", graph["guard::paper"]);
    assert!(graph["review::conflicts::api"].iter().any(|m| m.starts_with("guard")));
    let found = cycles(&graph);
    assert!(
        found.is_empty(),
        "modules that import each other (directly or through others): {found:?}"
    );
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let graph = [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a"]), ("d", vec!["a"])]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
        .collect();
    assert_eq!(cycles(&graph), vec![vec!["a".to_string(), "b".to_string(), "c".to_string()]]);
}

/// Files that query the database although they are not called `store.rs`: each is the store of
/// one resource, named after it (see docs/ARCHITECTURE.md, "Where queries live").
const RESOURCE_STORES: [&str; 30] = [
    "auth/api_tokens.rs",
    "auth/email_tokens.rs",
    "auth/rate_limit.rs",
    "auth/roles.rs",
    "auth/sessions.rs",
    "catalogue/entries.rs",
    "catalogue/nominations.rs",
    "catalogue/panel.rs",
    "catalogue/proposal.rs",
    "catalogue/proposals.rs",
    "catalogue/published.rs",
    "catalogue/votes.rs",
    "demo.rs",
    "files/copies.rs",
    "files/sweep.rs",
    "jobs/workers.rs",
    "journals/staff.rs",
    "mail/outbox.rs",
    "panel/audit.rs",
    "panel/conflicts.rs",
    "panel/objections.rs",
    "review/affinity/compute.rs",
    "review/affinity/import.rs",
    "review/bids/papers.rs",
    "review/decisions/table.rs",
    "review/expertise/accepted.rs",
    "review/phases/mod.rs",
    "review/settings.rs",
    "search/documents.rs",
    "web/idempotency.rs",
];

#[test]
fn queries_live_in_stores() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut offenders = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let name = rel.rsplit('/').next().unwrap();
        let allowed = name == "store.rs" || name == "model.rs" || rel.starts_with("db/") || RESOURCE_STORES.contains(&rel.as_str());
        if !allowed && std::fs::read_to_string(&file).unwrap().contains("db::schema") {
            offenders.push(rel);
        }
    }
    assert!(offenders.is_empty(), "these build queries; move them into a store: {offenders:?}");
    // The list only shrinks: a named file that stopped querying leaves it.
    for rel in RESOURCE_STORES {
        let text = std::fs::read_to_string(src.join(rel)).unwrap_or_default();
        assert!(text.contains("db::schema"), "{rel} no longer queries: take it off RESOURCE_STORES");
    }
}

#[test]
fn pages_never_call_api_handlers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut offenders = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        if !(rel.ends_with("/pages.rs") || rel.contains("/pages/")) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let imports_api = text.lines().any(|l| {
            let l = l.trim_start();
            !l.starts_with("//") && (l.contains("::api::") || l.contains("::api;") || l.contains("{api,") || l.contains(" api::"))
        });
        if imports_api {
            offenders.push(rel);
        }
    }
    assert!(
        offenders.is_empty(),
        "pages use the area's service, view or validate modules, not its API: {offenders:?}"
    );
}
