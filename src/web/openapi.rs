//! The OpenAPI document, generated from the handlers' annotations and the route registration.

use actix_web::HttpResponse;
use utoipa::OpenApi;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

use super::register::Routes;
use crate::error::ErrorBody;

/// Adds the bearer-token scheme.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// Documents the error answers every operation can give in the shared `ErrorBody` shape, so
/// the annotations only list the ones particular to a handler, and gives every response the
/// description OpenAPI requires.
struct CommonErrors;

impl utoipa::Modify for CommonErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        unique_operation_ids(openapi);
        for item in openapi.paths.paths.values_mut() {
            let ops = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
            for op in ops.into_iter().flatten() {
                add_common_errors(op);
                describe_responses(op);
            }
        }
    }
}

/// Handlers in different modules share names (`list`, `get`), and OpenAPI wants operation ids
/// unique: a clashing id becomes the method and path, e.g. `get_venues_slug_decisions`.
fn unique_operation_ids(openapi: &mut utoipa::openapi::OpenApi) {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for item in openapi.paths.paths.values() {
        for op in [&item.get, &item.put, &item.post, &item.delete, &item.patch].into_iter().flatten() {
            *seen.entry(op.operation_id.clone().unwrap_or_default()).or_default() += 1;
        }
    }
    for (path, item) in openapi.paths.paths.iter_mut() {
        let ops = [
            ("get", &mut item.get),
            ("put", &mut item.put),
            ("post", &mut item.post),
            ("delete", &mut item.delete),
            ("patch", &mut item.patch),
        ];
        for (method, op) in ops {
            let Some(op) = op else { continue };
            if seen.get(op.operation_id.as_deref().unwrap_or_default()).is_some_and(|n| *n > 1) {
                let words = path
                    .trim_start_matches("/api/v1")
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty());
                op.operation_id = Some(std::iter::once(method).chain(words).collect::<Vec<_>>().join("_"));
            }
        }
    }
}

/// The error statuses an operation can answer, from what it takes: every operation can meet a
/// busy database (503); a body or query can be malformed (400) or invalid (422); a path names
/// something that may not exist (404, also for ids of the wrong type); a secured operation
/// refuses a missing or bad token (401) and a caller without the role (403).
fn common_statuses(op: &Operation) -> Vec<u16> {
    let params = op.parameters.as_deref().unwrap_or_default();
    let has = |place: ParameterIn| {
        params
            .iter()
            .any(|p| matches!(p, RefOr::T(p) if std::mem::discriminant(&p.parameter_in) == std::mem::discriminant(&place)))
    };
    let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
    let mut out = vec![503];
    if op.request_body.is_some() || has(ParameterIn::Query) {
        out.extend([400, 422]);
    }
    if has(ParameterIn::Path) {
        out.push(404);
    }
    if secured {
        out.extend([401, 403]);
    }
    out
}

fn add_common_errors(op: &mut Operation) {
    for status in common_statuses(op) {
        op.responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| RefOr::T(error_response(status)));
    }
}

/// An error answer with the `ErrorBody` JSON.
fn error_response(status: u16) -> Response {
    ResponseBuilder::new()
        .description(status_description(status))
        .content(
            "application/json",
            ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build(),
        )
        .build()
}

/// Fills the required description of responses whose annotation gave none.
fn describe_responses(op: &mut Operation) {
    for (status, response) in op.responses.responses.iter_mut() {
        if let RefOr::T(r) = response
            && r.description.trim().is_empty()
        {
            r.description = status.parse().map(status_description).unwrap_or("Answer").to_string();
        }
    }
}

/// What a status means in this API, for the document.
fn status_description(status: u16) -> &'static str {
    match status {
        200 => "Success",
        201 => "Created",
        204 => "Done; no content",
        400 => "Malformed request: unreadable JSON, wrong types or a bad query string",
        401 => "No or invalid credentials (token or session)",
        403 => "Not allowed: the caller lacks the role, or a cookie request lacks the CSRF token",
        404 => "Not found, or not visible to the caller",
        409 => "Conflicts with the current state",
        413 => "Too large",
        422 => "Invalid input; `fields` names each bad field",
        429 => "Too many attempts; try again later",
        503 => "A backing service (database, search) is unavailable; try again",
        _ => "Answer",
    }
}

/// The API description's fixed parts; the paths come from the route registration.
#[derive(OpenApi)]
#[openapi(
    info(title = "xuehui API", description = "Academic conference and journal management. Authenticate with a personal API token (`Authorization: Bearer xh_...`) or the session cookie set by `POST /api/v1/session`."),
    components(schemas(ErrorBody)),
    tags((name = "system"), (name = "accounts"), (name = "venues"), (name = "submissions"), (name = "review"), (name = "search"), (name = "participation"), (name = "salons"), (name = "journals"), (name = "catalogues"), (name = "evaluation"), (name = "integrity"))
)]
struct ApiDoc;

/// The whole document: the fixed parts, the operations of every registered API route and the
/// schemas they use, then the shared answers added to each operation.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    let mut routes = Routes::recording();
    super::routes::register(&mut routes);
    let (paths, schemas) = routes.into_document_parts();
    doc.paths = paths;
    doc.components.get_or_insert_with(Default::default).schemas.extend(schemas);
    for modifier in [&BearerAuth as &dyn utoipa::Modify, &CommonErrors] {
        modifier.modify(&mut doc);
    }
    doc
}

/// `GET /api/v1/openapi.json`. The document only changes with the code, so it is built once.
pub async fn document() -> HttpResponse {
    static DOCUMENT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let body = DOCUMENT.get_or_init(|| serde_json::to_string(&openapi()).unwrap_or_default());
    HttpResponse::Ok().content_type("application/json").body(body.as_str())
}

/// Declares a string enum that exists only to document a query parameter's allowed values
/// (the handlers keep reading strings, so a wrong value answers 422 naming the field).
macro_rules! doc_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $val:tt),+ $(,)? }) => {
        $(#[$m])*
        #[derive(serde::Serialize, utoipa::ToSchema)]
        #[allow(dead_code)]
        pub enum $name { $(#[serde(rename = $val)] $variant),+ }
    };
}

/// Allowed values of query parameters, for the document.
pub mod params {
    doc_enum!(
        /// A committee role for assignments and affinity.
        ReviewRole { Reviewer = "reviewer", AreaChair = "area_chair" }
    );
    doc_enum!(
        /// Whether every assigned review is in.
        ReviewsFilter { Complete = "complete", Incomplete = "incomplete" }
    );
    doc_enum!(
        /// Order of the decision table.
        DecisionSort { Weighted = "weighted", Mean = "mean", Spread = "spread", Done = "done", Number = "number" }
    );
    doc_enum!(
        /// What a search looks for.
        SearchType {
            Paper = "paper",
            Article = "article",
            Talk = "talk",
            Minutes = "minutes",
            Journal = "journal",
            CatalogueEntry = "catalogue_entry"
        }
    );
    doc_enum!(
        /// A catalogue tier.
        Tier { T1 = "T1", T2 = "T2", T3 = "T3" }
    );
    doc_enum!(
        /// Order of search results.
        SearchSort { Relevance = "relevance", Date = "date" }
    );
    doc_enum!(
        /// A journal staff role.
        StaffRole {
            EditorInChief = "editor_in_chief",
            Editor = "editor",
            SectionEditor = "section_editor",
            EditorialAssistant = "editorial_assistant",
            BoardMember = "board_member"
        }
    );
    doc_enum!(
        /// A catalogue panel role.
        PanelRole { Expert = "expert", Committee = "committee" }
    );
    doc_enum!(
        /// Order of the organisers' submission list; `-` first for descending.
        SubmissionSort {
            Number = "number",
            NumberDesc = "-number",
            Title = "title",
            TitleDesc = "-title",
            Updated = "updated",
            UpdatedDesc = "-updated",
        }
    );
    doc_enum!(
        /// A bid, or `none` for papers not bid on yet.
        BidFilter { Eager = "eager", Willing = "willing", InAPinch = "in_a_pinch", NotWilling = "not_willing", None = "none" }
    );
}
