//! The Meilisearch engine (`XUEHUI_MEILI_URL`, `XUEHUI_MEILI_KEY`), through meilisearch-sdk.
//! Index settings come from `search/documents.json` and are applied at start-up and on every
//! rebuild. Access is a Meilisearch filter built from the same tokens as the embedded engine's
//! query, so hits and facet counts cover only visible documents.
//!
//! Meilisearch has no English stemmer, so each document carries a `stems` field with the
//! stems of its Latin words (made by the embedded engine's analyzer) and the Latin words of a
//! query are sent stemmed: "reviewed" finds "reviewing" as it does in the embedded engine.
//! Titles and passages are marked by the embedded engine's marker too, which marks whole
//! words by their stems (Meilisearch marks the matched prefix of a word and misses the other
//! forms of a stemmed word).
//!
//! Meilisearch filters whole documents, so a paper with a full text is two documents: the
//! main one (`part` `main`) for those who may find it, and a twin (`part` `full`, key
//! `<key>_full`) that also holds the text, for those who may read its PDF (`body_access`). The
//! filter lets each viewer see exactly one of the two, so totals and facets count the paper
//! once.

use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;
use meilisearch_sdk::client::{Client, SwapIndexes};
use meilisearch_sdk::documents::DocumentDeletionQuery;
use meilisearch_sdk::search::{MatchingStrategies, Selectors};
use meilisearch_sdk::settings::Settings;
use serde::{Deserialize, Serialize};

use super::access::{Viewer, member_token};
use super::embedded::highlight::Marker;
use super::embedded::query::{SNIPPET_CHARS, Synonyms};
use super::embedded::tokenizer::{latin_stems, query_terms};
use super::{Document, FacetCount, Facets, Hit, Kind, Meta, Results, SearchIndex, SearchQuery, SortBy, escape};
use crate::config::MeiliConfig;

/// How long to wait for Meilisearch to apply an update before the job is retried.
const TASK_TIMEOUT: Duration = Duration::from_secs(120);
/// How long a health check waits for Meilisearch.
const HEALTH_TIMEOUT: Duration = Duration::from_secs(2);
/// Documents per request during a rebuild.
const BATCH: usize = 5_000;
/// Bytes of full text per request during a rebuild (Meilisearch takes at most 100 MB).
const BATCH_BYTES: usize = 20_000_000;
/// Words of full text Meilisearch returns around the matched words.
const CROP_WORDS: usize = 60;
/// `part` of a paper's twin with its full text.
const FULL: &str = "full";

/// A document as Meilisearch stores it: flat, with the meta fields at the top level so they
/// can be filtered and counted.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct MeiliDoc {
    key: String,
    /// `main`, or `full` for a paper's twin that holds its full text (documents indexed before
    /// full texts have none, and count as `main`).
    #[serde(default)]
    part: String,
    /// A paper's full text (only in its twin; never sent back with hits).
    #[serde(default)]
    body: String,
    /// Who may find the paper by its full text (see `access`), on both documents.
    #[serde(default)]
    body_access: Vec<String>,
    kind: Kind,
    id: i64,
    title_zh: String,
    title_en: String,
    abstract_text: String,
    keywords: String,
    /// Searchable author names, only when they may be known to everyone who sees the paper.
    authors_text: String,
    /// Stems of the Latin words of the searchable text (none in documents indexed before
    /// stems were added; a rebuild adds them).
    #[serde(default)]
    stems: String,
    authors: Vec<String>,
    authors_open: bool,
    topics: Vec<i64>,
    created: i64,
    access: Vec<String>,
    #[serde(flatten)]
    meta: Meta,
}

/// The documents of `d`: the main one, and its twin with the full text when it has one; and
/// the key of a twin that must go (a paper without a full text).
fn documents_of(d: &Document) -> (Vec<MeiliDoc>, Option<String>) {
    let mut main = MeiliDoc::from(d);
    if d.body.is_empty() || d.body_access.is_empty() {
        let stale = (d.kind == Kind::Paper).then(|| format!("{}_{FULL}", main.key));
        return (vec![main], stale);
    }
    main.body_access = d.body_access.clone();
    let mut full = main.clone();
    full.key = format!("{}_{FULL}", main.key);
    full.part = FULL.into();
    full.body = d.body.clone();
    let mut stems: Vec<String> = full.stems.split(' ').map(str::to_string).chain(latin_stems(&d.body)).collect();
    stems.sort_unstable();
    stems.dedup();
    full.stems = stems.join(" ").trim().to_string();
    (vec![main, full], None)
}

impl From<&Document> for MeiliDoc {
    fn from(d: &Document) -> MeiliDoc {
        let authors_text = if d.authors_open { d.authors.join("; ") } else { String::new() };
        let mut stems: Vec<String> = [&d.title_en, &d.title_zh, &d.keywords, &authors_text, &d.abstract_text]
            .into_iter()
            .flat_map(|t| latin_stems(t))
            .collect();
        stems.sort_unstable();
        stems.dedup();
        MeiliDoc {
            key: d.key(),
            part: "main".into(),
            body: String::new(),
            body_access: vec![],
            kind: d.kind,
            id: d.id,
            title_zh: d.title_zh.clone(),
            title_en: d.title_en.clone(),
            abstract_text: d.abstract_text.clone(),
            keywords: d.keywords.clone(),
            authors_text,
            stems: stems.join(" "),
            authors: d.authors.clone(),
            authors_open: d.authors_open,
            topics: d.topics.clone(),
            created: d.created,
            access: d.access.clone(),
            meta: d.meta.clone(),
        }
    }
}

/// The Meilisearch engine.
pub struct Meili {
    client: Client,
    uid: String,
    settings: Settings,
    /// The synonyms of the settings, to mark the words a synonym found.
    synonyms: Synonyms,
    /// The engine's own runtime; `None` only while dropping (see `Drop`).
    rt: Option<tokio::runtime::Runtime>,
    /// Whether the index exists with our settings; set once the server was reached, so the
    /// service starts (and queues index jobs) while Meilisearch is down.
    prepared: std::sync::Mutex<bool>,
    /// Whether this process created the index (it must then be filled).
    created: std::sync::atomic::AtomicBool,
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The filter expression for a viewer and the chosen facets.
fn filter(v: &Viewer, q: &SearchQuery) -> String {
    let mut parts = Vec::new();
    let tokens = v.tokens.iter().map(|t| quote(t)).collect::<Vec<_>>().join(", ");
    // Of a paper and its twin, the twin for those who may read the full text, else the main.
    parts.push(if v.everything {
        format!("(part = \"{FULL}\" OR body_access IS EMPTY OR body_access NOT EXISTS)")
    } else {
        format!("((part = \"{FULL}\" AND body_access IN [{tokens}]) OR (part != \"{FULL}\" AND body_access NOT IN [{tokens}]))")
    });
    if !v.everything {
        let mut any = vec![format!("access IN [{tokens}]")];
        for (venue, hidden) in &v.member {
            let mut clause = format!("access = {}", quote(&member_token(*venue)));
            if !hidden.is_empty() {
                clause.push_str(&format!(
                    " AND id NOT IN [{}]",
                    hidden.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
                ));
            }
            any.push(format!("({clause})"));
        }
        parts.push(format!("({})", any.join(" OR ")));
    }
    for (name, value) in q.filters() {
        parts.push(match name {
            "venue" => format!("venue_id = {value}"),
            "year" => format!("year = {value}"),
            "topic" => format!("topics = {value}"),
            "field" => format!("fields = {value}"),
            "edition" => format!("edition_id = {value}"),
            "language" => format!("languages = {}", quote(&value)),
            // kind, tier, journal_type: attributes named like the facets, holding text.
            _ => format!("{name} = {}", quote(&value)),
        });
    }
    parts.join(" AND ")
}

/// The attributes sent back with hits: all but the full text and the stems.
fn shown_attributes() -> Vec<String> {
    match serde_json::to_value(MeiliDoc::default()) {
        Ok(serde_json::Value::Object(m)) => m.keys().filter(|k| *k != "body" && *k != "stems").cloned().collect(),
        _ => vec!["*".into()],
    }
}

/// The query as sent to Meilisearch: each Latin word replaced by its stem, the rest as typed.
fn stemmed_query(q: &str) -> String {
    let mut out = String::with_capacity(q.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            out.push_str(&latin_stems(word).pop().unwrap_or_else(|| word.to_lowercase()));
            word.clear();
        }
    };
    for c in q.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A marker for the words of the query and of its synonyms, as the embedded engine marks.
fn marker(syn: &Synonyms, q: &str) -> Option<Marker> {
    let terms: Vec<String> = syn.variants(q).iter().flat_map(|v| query_terms(v)).map(|(stem, _)| stem).collect();
    (!terms.is_empty()).then(|| Marker::new(terms))
}

fn counts(dist: Option<&std::collections::HashMap<String, std::collections::HashMap<String, usize>>>, field: &str) -> Vec<FacetCount> {
    let mut out: Vec<FacetCount> = dist
        .and_then(|d| d.get(field))
        .map(|m| {
            m.iter()
                .map(|(value, count)| FacetCount {
                    value: value.clone(),
                    count: *count as u64,
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
    out
}

impl Meili {
    /// Connects, and applies the index settings from `settings_dir/documents.json`.
    pub fn new(cfg: &MeiliConfig, settings_dir: &Path) -> anyhow::Result<Meili> {
        let path = settings_dir.join(format!("{}.json", super::INDEX));
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let settings: Settings = serde_json::from_str(&text).with_context(|| format!("{} is not valid index settings", path.display()))?;
        let client = Client::new(cfg.url.clone(), cfg.key.as_ref().map(|k| k.expose().to_string()))?;
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let m = Meili {
            client,
            uid: format!("{}{}", cfg.index_prefix, super::INDEX),
            settings,
            synonyms: Synonyms::load(&path)?,
            rt: Some(rt),
            prepared: std::sync::Mutex::new(false),
            created: std::sync::atomic::AtomicBool::new(false),
        };
        if let Err(e) = m.ensure() {
            tracing::warn!(error = %e, "Meilisearch not reachable yet; searches fail and index jobs wait until it is");
        }
        Ok(m)
    }

    /// Prepares the live index the first time the server answers.
    fn ensure(&self) -> anyhow::Result<()> {
        let mut done = self.prepared.lock().map_err(|_| anyhow::anyhow!("search lock poisoned"))?;
        if !*done {
            let created = self.block(async { self.prepare(&self.uid).await })?;
            self.created.fetch_or(created, std::sync::atomic::Ordering::SeqCst);
            *done = true;
        }
        Ok(())
    }

    /// Runs a future on the engine's own runtime, from any thread (also from inside the
    /// service's runtime, where blocking on another runtime is not allowed).
    fn block<F: std::future::Future + Send>(&self, f: F) -> F::Output
    where
        F::Output: Send,
    {
        let rt = self.rt.as_ref().expect("the runtime lives as long as the engine");
        std::thread::scope(|s| s.spawn(|| rt.block_on(f)).join().expect("search thread panicked"))
    }

    async fn wait(&self, task: meilisearch_sdk::task_info::TaskInfo) -> anyhow::Result<()> {
        let done = task
            .wait_for_completion(&self.client, Some(Duration::from_millis(50)), Some(TASK_TIMEOUT))
            .await?;
        if done.is_failure() {
            anyhow::bail!("meilisearch task failed: {}", done.unwrap_failure());
        }
        Ok(())
    }

    /// Creates the index if missing and applies the settings; returns whether it was created.
    async fn prepare(&self, uid: &str) -> anyhow::Result<bool> {
        // Reach the server first, so that "down" is not mistaken for "no index".
        self.client.health().await?;
        let created = self.client.get_index(uid).await.is_err();
        if created {
            let t = self.client.create_index(uid, Some("key")).await?;
            self.wait(t).await?;
        }
        let t = self.client.index(uid).set_settings(&self.settings).await?;
        self.wait(t).await?;
        Ok(created)
    }
}

impl Drop for Meili {
    /// The engine is often dropped inside the server's runtime (when `serve` stops), where
    /// dropping a runtime panics because it would block; shutting it down in the background
    /// does not wait.
    fn drop(&mut self) {
        if let Some(rt) = self.rt.take() {
            rt.shutdown_background();
        }
    }
}

impl SearchIndex for Meili {
    fn health(&self) -> anyhow::Result<()> {
        self.block(async {
            match tokio::time::timeout(HEALTH_TIMEOUT, self.client.health()).await {
                Ok(r) => r.map(|_| ()).map_err(anyhow::Error::from),
                Err(_) => Err(anyhow::anyhow!("Meilisearch did not answer within {HEALTH_TIMEOUT:?}")),
            }
        })
    }

    fn engine(&self) -> &'static str {
        "meilisearch"
    }

    fn upsert(&self, docs: &[Document]) -> anyhow::Result<()> {
        self.ensure()?;
        let mut all: Vec<MeiliDoc> = Vec::with_capacity(docs.len());
        let mut stale: Vec<String> = Vec::new();
        for d in docs {
            let (mine, gone) = documents_of(d);
            all.extend(mine);
            stale.extend(gone);
        }
        self.block(async {
            let index = self.client.index(&self.uid);
            let t = index.add_or_replace(&all, Some("key")).await?;
            self.wait(t).await?;
            // A paper whose full text is gone (a new PDF not read yet) loses its twin.
            if !stale.is_empty() {
                let t = index.delete_documents(&stale).await?;
                self.wait(t).await?;
            }
            Ok(())
        })
    }

    fn delete(&self, keys: &[String]) -> anyhow::Result<()> {
        self.ensure()?;
        let keys: Vec<String> = keys.iter().flat_map(|k| [k.clone(), format!("{k}_{FULL}")]).collect();
        self.block(async {
            let t = self.client.index(&self.uid).delete_documents(&keys).await?;
            self.wait(t).await
        })
    }

    fn replace_edition(&self, edition_id: i64, entries: &[Document]) -> anyhow::Result<()> {
        self.ensure()?;
        let docs: Vec<MeiliDoc> = entries.iter().map(MeiliDoc::from).collect();
        // Add first, then remove the entries that are no longer there: searches never see the
        // edition without entries in between.
        let mut stale = format!("kind = {} AND edition_id = {edition_id}", quote(Kind::CatalogueEntry.code()));
        if !docs.is_empty() {
            let keys: Vec<String> = docs.iter().map(|d| quote(&d.key)).collect();
            stale.push_str(&format!(" AND key NOT IN [{}]", keys.join(", ")));
        }
        self.block(async {
            let index = self.client.index(&self.uid);
            if !docs.is_empty() {
                let t = index.add_or_replace(&docs, Some("key")).await?;
                self.wait(t).await?;
            }
            let t = DocumentDeletionQuery::new(&index).with_filter(&stale).execute::<MeiliDoc>().await?;
            self.wait(t).await
        })
    }

    fn search(&self, viewer: &Viewer, q: &SearchQuery) -> anyhow::Result<Results> {
        self.ensure()?;
        let filter = filter(viewer, q);
        let per = q.per_page.max(1);
        let offset = (q.page.max(1) - 1) * per;
        let newest = q.sort == SortBy::Date || q.q.trim().is_empty();
        let query = stemmed_query(&q.q);
        // Everything a hit shows, without the full text and its stems.
        let shown = shown_attributes();
        let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
        let crop = [("body", Some(CROP_WORDS))];
        let result = self.block(async {
            let index = self.client.index(&self.uid);
            let mut s = index.search();
            s.with_attributes_to_retrieve(Selectors::Some(&shown));
            if !q.q.trim().is_empty() {
                s.with_attributes_to_crop(Selectors::Some(&crop));
            }
            let facets = ["kind", "venue_id", "year", "topics", "fields", "tier", "languages", "journal_type"];
            let sort = ["created:desc"];
            // Every query word must match, as in the embedded engine (Meilisearch's default
            // drops words from the end until something matches, inflating totals and facets).
            s.with_query(&query)
                .with_matching_strategy(MatchingStrategies::ALL)
                .with_offset(offset)
                .with_limit(per)
                .with_facets(Selectors::Some(&facets));
            if !filter.is_empty() {
                s.with_filter(&filter);
            }
            if newest {
                s.with_sort(&sort);
            }
            s.execute::<MeiliDoc>().await
        })?;
        let mut marker = marker(&self.synonyms, &q.q);
        let hits = result
            .hits
            .iter()
            .map(|h| {
                let d = &h.result;
                let (zh, en, mut snippet) = match marker.as_mut() {
                    Some(m) => (m.mark(&d.title_zh), m.mark(&d.title_en), m.snippet(&d.abstract_text, SNIPPET_CHARS)),
                    None => (
                        escape(&d.title_zh),
                        escape(&d.title_en),
                        escape(&d.abstract_text.chars().take(SNIPPET_CHARS).collect::<String>()),
                    ),
                };
                // Found by words the abstract does not hold: the cropped passage of the full
                // text (only twins, which only its readers find, carry one).
                let mut full_text = false;
                if let Some(m) = marker.as_mut()
                    && d.part == FULL
                    && !snippet.contains("<mark>")
                {
                    let cropped = h.formatted_result.as_ref().and_then(|f| f.get("body")).and_then(|b| b.as_str());
                    if let Some(passage) = cropped.map(|c| m.snippet(c, SNIPPET_CHARS)).filter(|p| p.contains("<mark>")) {
                        snippet = passage;
                        full_text = true;
                    }
                }
                Hit {
                    kind: d.kind,
                    id: d.id,
                    authors: viewer
                        .sees_authors(d.meta.venue_id, d.authors_open, &d.access)
                        .then(|| d.authors.clone()),
                    title_html: if zh.is_empty() {
                        en
                    } else if en.is_empty() {
                        zh
                    } else {
                        format!("{zh} / {en}")
                    },
                    snippet_html: snippet,
                    full_text,
                    title_zh: d.title_zh.clone(),
                    title_en: d.title_en.clone(),
                    meta: d.meta.clone(),
                }
            })
            .collect();
        let dist = result.facet_distribution.as_ref();
        Ok(Results {
            total: result.estimated_total_hits.or(result.total_hits).unwrap_or(0),
            hits,
            facets: Facets {
                kind: counts(dist, "kind"),
                venue: counts(dist, "venue_id"),
                year: counts(dist, "year"),
                topic: counts(dist, "topics"),
                field: counts(dist, "fields"),
                tier: counts(dist, "tier"),
                language: counts(dist, "languages"),
                journal_type: counts(dist, "journal_type"),
            },
        })
    }

    fn is_new(&self) -> bool {
        self.created.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn rebuild(&self, docs: &mut dyn Iterator<Item = anyhow::Result<Document>>, progress: &dyn Fn(u64)) -> anyhow::Result<u64> {
        self.ensure()?;
        let tmp = format!("{}_rebuild_{}", self.uid, chrono::Utc::now().timestamp());
        self.block(async { self.prepare(&tmp).await })?;
        let mut n = 0u64;
        let mut bytes = 0usize;
        let mut batch: Vec<MeiliDoc> = Vec::with_capacity(BATCH);
        let flush = |batch: &mut Vec<MeiliDoc>| -> anyhow::Result<()> {
            if batch.is_empty() {
                return Ok(());
            }
            let docs = std::mem::take(batch);
            self.block(async {
                let t = self.client.index(&tmp).add_or_replace(&docs, Some("key")).await?;
                self.wait(t).await
            })
        };
        for d in docs {
            let d = d?;
            bytes += d.body.len();
            batch.extend(documents_of(&d).0);
            n += 1;
            if batch.len() >= BATCH || bytes >= BATCH_BYTES {
                flush(&mut batch)?;
                bytes = 0;
                progress(n);
            }
        }
        flush(&mut batch)?;
        progress(n);
        self.block(async {
            let swap = SwapIndexes {
                indexes: (self.uid.clone(), tmp.clone()),
                rename: None,
            };
            let t = self.client.swap_indexes([&swap]).await?;
            self.wait(t).await?;
            // After the swap the temporary name holds the old documents.
            let t = self.client.delete_index(&tmp).await?;
            self.wait(t).await
        })?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_carries_tokens_conflicts_and_facets() {
        let v = Viewer {
            tokens: vec!["public".into(), "chair:3".into()],
            member: vec![(5, vec![7, 8])],
            ..Default::default()
        };
        let q = SearchQuery {
            venue: Some(5),
            ..Default::default()
        };
        let twin = r#"((part = "full" AND body_access IN ["public", "chair:3"]) OR (part != "full" AND body_access NOT IN ["public", "chair:3"]))"#;
        assert_eq!(
            filter(&v, &q),
            format!(r#"{twin} AND (access IN ["public", "chair:3"] OR (access = "member:5" AND id NOT IN [7, 8])) AND venue_id = 5"#)
        );
        let admin = Viewer {
            everything: true,
            ..Default::default()
        };
        let all = r#"(part = "full" OR body_access IS EMPTY OR body_access NOT EXISTS)"#;
        assert_eq!(filter(&admin, &SearchQuery::default()), all);
        let entries = SearchQuery {
            kind: Some(crate::search::Kind::CatalogueEntry),
            field: Some(2),
            tier: Some("T1".into()),
            language: Some("zh".into()),
            journal_type: Some("basic".into()),
            edition: Some(4),
            ..Default::default()
        };
        assert_eq!(
            filter(&admin, &entries),
            r#"(part = "full" OR body_access IS EMPTY OR body_access NOT EXISTS) AND kind = "catalogue_entry" AND fields = 2 AND tier = "T1" AND languages = "zh" AND journal_type = "basic" AND edition_id = 4"#
        );
    }

    /// `serve` drops the engine inside its runtime when it stops.
    #[tokio::test]
    async fn the_engine_can_be_dropped_inside_async_code() {
        let cfg = MeiliConfig {
            url: "http://127.0.0.1:9".into(),
            key: None,
            index_prefix: "xh_drop_".into(),
        };
        let settings = Path::new(env!("CARGO_MANIFEST_DIR")).join("search");
        let m = Meili::new(&cfg, &settings).expect("an unreachable server is not an error at start");
        assert!(m.health().is_err(), "nothing listens on port 9");
        drop(m);
    }

    #[test]
    fn latin_query_words_are_stemmed_and_the_rest_kept() {
        assert_eq!(stemmed_query("Reviewed networking 同行评议"), "review network 同行评议");
        assert_eq!(stemmed_query("\"peer-reviews\" AND x"), "\"peer-review\" and x");
        assert_eq!(stemmed_query(""), "");
    }

    #[test]
    fn documents_carry_the_stems_of_their_latin_words() {
        let d = Document {
            title_en: "Networking discoveries".into(),
            title_zh: "网络 GPU".into(),
            abstract_text: "We reviewed studies.".into(),
            ..Default::default()
        };
        assert_eq!(MeiliDoc::from(&d).stems, "discoveri gpu network review studi we");
    }

    #[test]
    fn a_paper_with_a_full_text_is_two_documents_and_without_one_loses_its_twin() {
        let mut d = Document {
            kind: Kind::Paper,
            id: 5,
            title_en: "Catalysts".into(),
            access: vec!["chair:1".into(), "member:1".into()],
            ..Default::default()
        };
        let (docs, stale) = documents_of(&d);
        assert_eq!(docs.len(), 1);
        assert_eq!(stale.as_deref(), Some("paper-5_full"));
        assert!(docs[0].body_access.is_empty());
        d.body = "Operando spectra measured".into();
        d.body_access = vec!["chair:1".into(), "reviewer:9".into()];
        let (docs, stale) = documents_of(&d);
        assert_eq!(stale, None);
        let (main, full) = (&docs[0], &docs[1]);
        assert_eq!((main.key.as_str(), main.part.as_str(), main.body.as_str()), ("paper-5", "main", ""));
        assert_eq!(main.body_access, d.body_access, "the main document knows who reads the twin");
        assert!(!main.stems.contains("spectra"), "nor do its stems hold the full text");
        assert_eq!((full.key.as_str(), full.part.as_str()), ("paper-5_full", "full"));
        assert_eq!(full.body, d.body);
        assert!(full.stems.contains("spectra") && full.stems.contains("catalyst"), "{}", full.stems);
        assert_eq!(full.access, main.access);
        let shown = shown_attributes();
        assert!(shown.contains(&"title_en".to_string()) && shown.contains(&"venue_id".to_string()));
        assert!(!shown.contains(&"body".to_string()) && !shown.contains(&"stems".to_string()));
    }
}
