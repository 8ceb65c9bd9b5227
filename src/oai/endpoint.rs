//! `/oai`: answering a harvester. GET with the arguments in the query string, or POST with
//! them form-encoded (the protocol allows both, with the same answers). Every answer is
//! HTTP 200 with an OAI-PMH document, errors included, as the protocol says.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{NaiveDateTime, Utc};

use super::errors::{Code, OaiError};
use super::model::{ItemKind, Record};
use super::request::{self, Listing, Selection, Verb};
use super::respond::{self, Body, Format, Repository, Resumption, Shown};
use super::token::Resume;
use super::{JATS, OAI_DC, PAGE, sets, store};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::web::AppState;

/// The formats: Dublin Core for every record, JATS for journal articles.
const FORMATS: [Format; 2] = [
    Format {
        prefix: OAI_DC,
        schema: crate::formats::dublin_core::SCHEMA,
        namespace: crate::formats::dublin_core::NAMESPACE,
    },
    Format {
        prefix: JATS,
        schema: "https://jats.nlm.nih.gov/publishing/1.3/xsd/JATS-journalpublishing1-3.xsd",
        namespace: crate::formats::jats::write::OAI_NAMESPACE,
    },
];

/// The repository identifier: the host of the service's public address when it is a domain
/// name (the oai-identifier scheme needs one), else `xuehui.localhost`.
pub fn repository_identifier(base_url: &str) -> String {
    let host = url::Url::parse(base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_default();
    let label =
        |l: &str| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let parts: Vec<&str> = host.split('.').collect();
    if parts.len() >= 2 && parts.iter().all(|l| label(l)) {
        host
    } else {
        "xuehui.localhost".into()
    }
}

/// The record identifier of an item.
pub fn identifier(repository: &str, kind: &str, item_id: i64) -> String {
    format!("oai:{repository}:{kind}/{item_id}")
}

/// The item an identifier names, if it is one of this repository's.
fn item_of(repository: &str, identifier: &str) -> Option<(ItemKind, i64)> {
    let local = identifier.strip_prefix("oai:")?.strip_prefix(repository)?.strip_prefix(':')?;
    let (kind, id) = local.split_once('/')?;
    let id: i64 = id.parse().ok().filter(|&n| n > 0 && !id.starts_with('+') && !id.starts_with('0'))?;
    Some((ItemKind::parse(kind)?, id))
}

/// What the endpoint needs of the configuration.
#[derive(Debug, Clone)]
struct Site {
    base_url: String,
    admin_email: String,
    identifier: String,
}

impl Site {
    fn of(state: &AppState) -> Site {
        Site {
            base_url: format!("{}/oai", state.config.base_url.trim_end_matches('/')),
            admin_email: state.config.mail_from_address(),
            identifier: repository_identifier(&state.config.base_url),
        }
    }

    fn shown<'a>(&self, r: &'a Record) -> Shown<'a> {
        Shown {
            identifier: identifier(&self.identifier, &r.kind, r.item_id),
            record: r,
        }
    }
}

/// A checked format prefix.
fn format_of(prefix: &str) -> Result<&'static str, OaiError> {
    FORMATS
        .iter()
        .find(|f| f.prefix == prefix)
        .map(|f| f.prefix)
        .ok_or_else(|| OaiError::new(Code::CannotDisseminateFormat, &format!("formats here: {OAI_DC}, {JATS}")))
}

/// The answer to the request `pairs` at `now`, as XML.
fn answer(conn: &mut AnyConnection, site: &Site, pairs: &[(String, String)], now: NaiveDateTime) -> AppResult<String> {
    let write = |echo: &[(String, String)], body: &Body| {
        respond::response(&site.base_url, now, echo, body).map_err(|e| AppError::caused("OAI-PMH response", e))
    };
    let req = match request::parse(pairs) {
        Ok(r) => r,
        Err(e) => return write(&[], &Body::Error(&e)),
    };
    let echo = req.echo.clone();
    macro_rules! fail {
        ($e:expr) => {{
            let e: OaiError = $e;
            return write(&echo, &Body::Error(&e));
        }};
    }
    match req.verb {
        Verb::Identify => {
            let repo = Repository {
                name: "xuehui 学会".into(),
                base_url: site.base_url.clone(),
                admin_email: site.admin_email.clone(),
                identifier: site.identifier.clone(),
                earliest: store::earliest(conn)?.unwrap_or(now),
            };
            write(&echo, &Body::Identify(&repo))
        }
        Verb::ListMetadataFormats(id) => {
            let formats: Vec<Format> = match id {
                None => FORMATS.to_vec(),
                Some(id) => {
                    let Some(r) = record_of(conn, site, &id)? else {
                        fail!(OaiError::new(Code::IdDoesNotExist, &id));
                    };
                    FORMATS
                        .iter()
                        .filter(|f| f.prefix == OAI_DC || r.jats_xml.is_some())
                        .copied()
                        .collect()
                }
            };
            write(&echo, &Body::Formats(&formats))
        }
        Verb::ListSets(token) => {
            if let Some(t) = token {
                // No ListSets answer ever carries a token, so none can be valid.
                fail!(OaiError::new(Code::BadResumptionToken, &t));
            }
            let all = sets::all(store::sets(conn)?);
            write(&echo, &Body::Sets(&all))
        }
        Verb::GetRecord { identifier, prefix } => {
            let Some(r) = record_of(conn, site, &identifier)? else {
                fail!(OaiError::new(Code::IdDoesNotExist, &identifier));
            };
            let prefix = match format_of(&prefix) {
                Ok(p) => p,
                Err(e) => fail!(e),
            };
            if prefix == JATS && r.jats_xml.is_none() && !r.deleted {
                fail!(OaiError::new(Code::CannotDisseminateFormat, "JATS is for journal articles"));
            }
            write(&echo, &Body::Record(site.shown(&r), prefix))
        }
        Verb::ListIdentifiers(listing) | Verb::ListRecords(listing) => {
            let headers_only = echo.iter().any(|(k, v)| k == "verb" && v == "ListIdentifiers");
            let (selection, after, cursor, total) = match listing {
                Listing::Fresh(s) => (s, None, 0, None),
                Listing::Resume(token) => match Resume::decode(&token) {
                    Ok(r) => (r.selection(), Some((r.after_datestamp, r.after_id)), r.cursor, Some(r.total)),
                    Err(e) => fail!(e),
                },
            };
            let prefix = match format_of(&selection.prefix) {
                Ok(p) => p,
                Err(e) => fail!(e),
            };
            if selection.set.as_deref().is_some_and(|s| !sets::is_known(s)) {
                fail!(OaiError::new(Code::NoRecordsMatch, "no such set"));
            }
            let content = match (headers_only, prefix) {
                (true, _) => store::Content::Headers,
                (false, JATS) => store::Content::Jats,
                (false, _) => store::Content::DublinCore,
            };
            let mut records = store::page(conn, &selection, after, PAGE + 1, content)?;
            if records.is_empty() {
                if after.is_some() {
                    // A token whose list has no more records: it ran out between pages.
                    fail!(OaiError::new(Code::BadResumptionToken, "the list has no more records"));
                }
                fail!(OaiError::new(Code::NoRecordsMatch, ""));
            }
            let more = records.len() as i64 > PAGE;
            records.truncate(PAGE as usize);
            let total = match total {
                Some(t) => t,
                None if more => store::count(conn, &selection)? as u64,
                None => records.len() as u64,
            };
            let resumption = resumption(&selection, &records, cursor, total, more, after.is_some());
            let shown = records.iter().map(|r| site.shown(r)).collect();
            write(
                &echo,
                &Body::List {
                    records: shown,
                    prefix,
                    headers_only,
                    resumption,
                },
            )
        }
    }
}

/// The token element of a page: the next page's token, an empty one on the last page of a
/// list that had several, none for a list of one page.
fn resumption(s: &Selection, page: &[Record], cursor: u64, total: u64, more: bool, resumed: bool) -> Option<Resumption> {
    let last = page.last()?;
    if more {
        let next = Resume {
            prefix: s.prefix.clone(),
            set: s.set.clone(),
            from: s.from,
            until: s.until,
            after_datestamp: last.datestamp,
            after_id: last.id,
            cursor: cursor + page.len() as u64,
            // Records can appear while a harvest goes on: the size grows rather than lies.
            total: total.max(cursor + page.len() as u64 + 1),
        };
        Some(Resumption {
            token: next.encode(),
            cursor,
            total: next.total,
        })
    } else if resumed {
        Some(Resumption {
            token: String::new(),
            cursor,
            total: total.max(cursor + page.len() as u64),
        })
    } else {
        None
    }
}

/// The record an identifier names, deleted ones included.
fn record_of(conn: &mut AnyConnection, site: &Site, identifier: &str) -> AppResult<Option<Record>> {
    match item_of(&site.identifier, identifier) {
        Some((kind, id)) => store::of_item(conn, kind, id),
        None => Ok(None),
    }
}

async fn respond(state: web::Data<AppState>, pairs: Result<Vec<(String, String)>, String>) -> AppResult<HttpResponse> {
    let site = Site::of(&state);
    let now = Utc::now().naive_utc();
    let xml = state
        .db
        .run(move |c| match pairs {
            Ok(p) => answer(c, &site, &p, now),
            Err(why) => {
                let e = OaiError::new(Code::BadArgument, &why);
                respond::response(&site.base_url, now, &[], &Body::Error(&e)).map_err(|e| AppError::caused("OAI-PMH response", e))
            }
        })
        .await?;
    Ok(HttpResponse::Ok().content_type("text/xml; charset=utf-8").body(xml))
}

fn pairs_of(encoded: &str) -> Result<Vec<(String, String)>, String> {
    serde_urlencoded::from_str(encoded).map_err(|_| "the arguments are not URL-encoded".to_string())
}

/// `GET /oai`: a request in the query string.
pub async fn get(state: web::Data<AppState>, req: HttpRequest) -> AppResult<HttpResponse> {
    respond(state, pairs_of(req.query_string())).await
}

/// `POST /oai`: a request as `application/x-www-form-urlencoded`.
pub async fn post(state: web::Data<AppState>, body: web::Bytes) -> AppResult<HttpResponse> {
    let pairs = std::str::from_utf8(&body)
        .map_err(|_| "the body is not UTF-8".to_string())
        .and_then(pairs_of);
    respond(state, pairs).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_name_items_of_this_repository_only() {
        assert_eq!(repository_identifier("https://journals.example.org/x"), "journals.example.org");
        assert_eq!(repository_identifier("http://127.0.0.1:8080"), "xuehui.localhost");
        assert_eq!(repository_identifier("http://localhost:8080"), "xuehui.localhost");
        let id = identifier("x.org", "article", 12);
        assert_eq!(id, "oai:x.org:article/12");
        assert_eq!(item_of("x.org", &id), Some((ItemKind::Article, 12)));
        assert_eq!(item_of("x.org", "oai:x.org:paper/7"), Some((ItemKind::Paper, 7)));
        for bad in [
            "oai:y.org:article/12",
            "oai:x.org:book/1",
            "oai:x.org:article/012",
            "oai:x.org:article/-1",
            "oai:x.org:article/",
            "article/12",
        ] {
            assert_eq!(item_of("x.org", bad), None, "{bad}");
        }
    }
}
