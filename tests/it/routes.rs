//! The route table: every route is registered once by its area, every API route is in the
//! OpenAPI document, and no route hides behind an earlier one.

use xuehui::web::register::Entry;
use xuehui::web::routes::table;

/// Whether an actix path pattern matches a request path: `{name}` stands for one or more
/// characters within one segment.
fn matches(pattern: &str, path: &str) -> bool {
    let (ps, qs): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
    ps.len() == qs.len() && ps.iter().zip(&qs).all(|(p, q)| segment_matches(p, q))
}

fn segment_matches(pattern: &str, text: &str) -> bool {
    match pattern.find('{') {
        None => pattern == text,
        Some(open) => {
            let close = pattern[open..].find('}').expect("closed parameter") + open;
            let (head, tail) = (&pattern[..open], &pattern[close + 1..]);
            let Some(rest) = text.strip_prefix(head) else { return false };
            // The parameter takes at least one character, then the tail must match the rest.
            (1..=rest.len()).any(|n| rest.is_char_boundary(n) && segment_matches(tail, &rest[n..]))
        }
    }
}

/// A path a request could take to reach the route: each parameter filled with a sample value.
fn sample(path: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        out.push('7');
        let close = rest[open..].find('}').unwrap() + open;
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_api_route_is_in_the_openapi_document() {
    let doc = serde_json::to_value(xuehui::web::openapi::openapi()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    let routes = table();
    let api: Vec<&Entry> = routes.iter().filter(|e| e.path.starts_with("/api/")).collect();
    assert!(api.len() > 100, "the API has its routes: {}", api.len());
    for e in api {
        // The document does not describe itself.
        if e.path == "/api/v1/openapi.json" {
            assert!(!e.documented);
            continue;
        }
        assert!(e.documented, "{} {} is registered outside the document", e.method, e.path);
        let op = &paths[&e.path][e.method.to_lowercase()];
        assert!(op.is_object(), "{} {} is missing from the document", e.method, e.path);
    }
    let operations: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    let documented = routes.iter().filter(|e| e.documented).count();
    assert_eq!(operations, documented, "the document names only registered routes");
}

#[test]
fn every_route_is_registered_once() {
    let routes = table();
    let mut seen = std::collections::HashSet::new();
    for e in &routes {
        assert!(
            seen.insert((e.method.clone(), e.path.clone())),
            "{} {} is registered twice",
            e.method,
            e.path
        );
    }
}

#[test]
fn no_route_is_hidden_behind_an_earlier_one() {
    // actix tries routes in registration order, so `/journals/{id}` registered before
    // `/journals/new` would swallow it; areas register independently, so check the whole table.
    let routes = table();
    for (i, later) in routes.iter().enumerate() {
        let request = sample(&later.path);
        for earlier in &routes[..i] {
            if earlier.method == later.method && matches(&earlier.path, &request) {
                panic!(
                    "{} {} is reached first by {} (registered earlier)",
                    later.method, later.path, earlier.path
                );
            }
        }
    }
}
