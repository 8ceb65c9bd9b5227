//! Turning a search into a tantivy query. Every query word must match one of the text fields
//! (titles and keywords weigh more than the abstract); the last Latin word also matches as the
//! start of a longer word. Words with typos are looked for only when the words as typed find
//! fewer than `TYPO_THRESHOLD` documents: term-dictionary automata are the dearest part of a
//! query, and a misspelt word rarely matches many documents exactly. The viewer's access and
//! the chosen facets are required clauses that do not score, so counts and highlights only see
//! visible documents and the order does not depend on who searches.
//! Highlights come from `highlight`, which does not segment the stored text again.

use std::collections::BTreeSet;

use tantivy::collector::{Count, FacetCollector, FacetCounts, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use super::Fields;
use super::highlight::Marker;
use super::tokenizer::{analyzed, query_terms};
use crate::search::access::Viewer;
use crate::search::{FacetCount, Facets, Hit, Kind, Meta, Results, SearchQuery, SortBy, escape};

/// Below this many exact matches, words are also looked for with typos.
pub const TYPO_THRESHOLD: usize = 10;
/// Most words a prefix stands for (the first in dictionary order, so the shortest of a stem).
pub const PREFIX_TERMS: usize = 50;
/// Shortest prefix that is expanded (shorter ones stand for too many words to be useful).
const MIN_PREFIX: usize = 3;
/// Longest abstract passage shown with a hit, in characters.
pub const SNIPPET_CHARS: usize = 240;
/// Facet roots counted for every search.
const FACETS: [&str; 8] = [
    "/kind",
    "/venue",
    "/year",
    "/topic",
    "/field",
    "/tier",
    "/language",
    "/journal_type",
];

fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
}

/// A value as one facet path segment (codes never hold a slash, but nothing may split a path).
pub fn facet_segment(v: &str) -> String {
    v.replace('/', "_")
}

/// Phrases that find each other (同行评议 and "peer review"), from the index settings file.
#[derive(Debug, Clone, Default)]
pub struct Synonyms(Vec<(String, Vec<String>)>);

impl Synonyms {
    /// Reads the `synonyms` object of an index settings file (missing file: none).
    pub fn load(path: &std::path::Path) -> anyhow::Result<Synonyms> {
        let Ok(text) = std::fs::read_to_string(path) else {
            return Ok(Synonyms::default());
        };
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let mut out: Vec<(String, Vec<String>)> = v["synonyms"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, alts)| {
                        let alts = alts
                            .as_array()
                            .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_lowercase)).collect())
                            .unwrap_or_default();
                        (k.to_lowercase(), alts)
                    })
                    .collect()
            })
            .unwrap_or_default();
        // Longer phrases first, so "peer review process" is not cut at "peer".
        out.sort_by_key(|(k, _)| std::cmp::Reverse(k.chars().count()));
        Ok(Synonyms(out))
    }

    /// The query as typed and with each phrase it contains replaced by its synonyms.
    pub fn variants(&self, q: &str) -> Vec<String> {
        let lower = q.to_lowercase();
        let mut out = vec![lower.clone()];
        for (phrase, alts) in &self.0 {
            if lower.contains(phrase.as_str()) {
                out.extend(alts.iter().map(|a| lower.replace(phrase.as_str(), a)));
            }
        }
        out.dedup();
        out
    }
}

/// The parts of a text search: what finds documents, and what is marked in their text.
struct TextQuery {
    /// All words, each in any field, for any synonym variant.
    find: Box<dyn Query>,
    /// The analysed words to mark in titles and abstracts.
    mark: Vec<String>,
}

/// Builds the text part over the query and its synonym variants: any variant may match.
fn text_query(searcher: &Searcher, f: &Fields, syn: &Synonyms, viewer: &Viewer, q: &str, typos: bool) -> Option<TextQuery> {
    let mut find: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut mark: Vec<String> = Vec::new();
    let gate = body_gate(f, viewer);
    for v in syn.variants(q) {
        if let Some(w) = words_query(searcher, f, &v, typos, gate.as_deref(), &mut mark) {
            find.push((Occur::Should, w));
        }
    }
    let find: Box<dyn Query> = match find.len() {
        0 => return None,
        1 => find.pop()?.1,
        _ => Box::new(BooleanQuery::new(find)),
    };
    Some(TextQuery { find, mark })
}

/// The words of the index's `fuzzy` field (words as written) that start with `prefix`, at
/// most `PREFIX_TERMS` of them, over all segments.
fn expand_prefix(searcher: &Searcher, field: tantivy::schema::Field, prefix: &str) -> Vec<String> {
    let mut words: BTreeSet<String> = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream() else {
            continue;
        };
        let mut n = 0;
        while n < PREFIX_TERMS && stream.advance() {
            let Ok(word) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if !word.starts_with(prefix) {
                break;
            }
            if word != prefix {
                words.insert(word.to_string());
            }
            n += 1;
        }
    }
    words.into_iter().take(PREFIX_TERMS).collect()
}

/// Who may find documents by their full text: `None` for everything, else a clause on
/// `body_access` that does not score (the viewer's tokens; `Viewer::reads_body`).
fn body_gate(f: &Fields, v: &Viewer) -> Option<Box<dyn Query>> {
    if v.everything {
        return None;
    }
    let any: Vec<(Occur, Box<dyn Query>)> = v
        .tokens
        .iter()
        .map(|t| (Occur::Should, term_query(Term::from_field_text(f.body_access, t))))
        .collect();
    Some(Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(any)), 0.0)))
}

/// Weight of a word found in the full text, against 1 for the abstract.
const BODY_BOOST: f32 = 0.5;

/// One variant: all words required, each in any text field, or in the full text where `gate`
/// (the viewer's tokens against `body_access`; `None`: no limit) lets the viewer find by it.
fn words_query(
    searcher: &Searcher,
    f: &Fields,
    q: &str,
    typos: bool,
    gate: Option<&dyn Query>,
    mark: &mut Vec<String>,
) -> Option<Box<dyn Query>> {
    let words = query_terms(q);
    if words.is_empty() {
        return None;
    }
    let weighted = [
        (f.title_zh, 3.0),
        (f.title_en, 3.0),
        (f.keywords, 2.0),
        (f.authors_text, 2.0),
        (f.abstract_text, 1.0),
    ];
    let last = words.len() - 1;
    let per_word = words
        .iter()
        .enumerate()
        .map(|(i, (w, typed))| {
            let latin = typed.chars().all(|c| c.is_ascii_alphanumeric());
            let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (field, boost) in weighted {
                let term = Term::from_field_text(field, w);
                any.push((Occur::Should, Box::new(BoostQuery::new(term_query(term), boost))));
            }
            let body: Box<dyn Query> = Box::new(BoostQuery::new(term_query(Term::from_field_text(f.body, w)), BODY_BOOST));
            any.push((
                Occur::Should,
                match gate {
                    Some(g) => Box::new(BooleanQuery::new(vec![(Occur::Must, body), (Occur::Must, g.box_clone())])),
                    None => body,
                },
            ));
            mark.push(w.clone());
            // The last word may be the start of a longer one ("confer" for "conference").
            if latin && i == last && typed.chars().count() >= MIN_PREFIX {
                for word in expand_prefix(searcher, f.fuzzy, typed) {
                    let term = Term::from_field_text(f.fuzzy, &word);
                    any.push((Occur::Should, Box::new(BoostQuery::new(term_query(term), 0.5))));
                    mark.extend(analyzed(&word));
                }
            }
            // One typo in words of five letters or more, two from nine, on the words as typed.
            let distance = match typed.chars().count() {
                n if latin && n >= 9 => 2,
                n if latin && n >= 5 => 1,
                _ => 0,
            };
            if typos && distance > 0 {
                let term = Term::from_field_text(f.fuzzy, typed);
                any.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(FuzzyTermQuery::new(term, distance, true)), 0.5)),
                ));
            }
            (Occur::Must, Box::new(BooleanQuery::new(any)) as Box<dyn Query>)
        })
        .collect();
    Some(Box::new(BooleanQuery::new(per_word)))
}

/// What the viewer may see, as one required clause.
fn access_query(f: &Fields, v: &Viewer) -> Option<Box<dyn Query>> {
    if v.everything {
        return None;
    }
    let mut any: Vec<(Occur, Box<dyn Query>)> = v
        .tokens
        .iter()
        .map(|t| (Occur::Should, term_query(Term::from_field_text(f.access, t))))
        .collect();
    for (venue, hidden) in &v.member {
        let mut clause: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            term_query(Term::from_field_text(f.access, &crate::search::access::member_token(*venue))),
        )];
        for id in hidden {
            clause.push((Occur::MustNot, term_query(Term::from_field_i64(f.id, *id))));
        }
        any.push((Occur::Should, Box::new(BooleanQuery::new(clause))));
    }
    Some(Box::new(BooleanQuery::new(any)))
}

fn facet_term(f: &Fields, path: String) -> Box<dyn Query> {
    term_query(Term::from_facet(f.facet, &Facet::from(path.as_str())))
}

/// The chosen facets, each a clause every result must match.
fn filters(f: &Fields, q: &SearchQuery) -> Vec<Box<dyn Query>> {
    q.filters()
        .into_iter()
        .map(|(name, value)| facet_term(f, format!("/{name}/{}", facet_segment(&value))))
        .collect()
}

fn counts(c: &FacetCounts, root: &str) -> Vec<FacetCount> {
    let mut out: Vec<FacetCount> = c
        .get(root)
        .map(|(facet, count)| FacetCount {
            value: facet.to_path().last().map(|s| s.to_string()).unwrap_or_default(),
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
    out
}

/// One page of matches: addresses, the number of matches and the facet counts.
type Page = (Vec<DocAddress>, usize, FacetCounts);

fn collect(searcher: &Searcher, query: &dyn Query, by_score: bool, q: &SearchQuery) -> anyhow::Result<Page> {
    let mut facets = FacetCollector::for_field("facet");
    for root in FACETS {
        facets.add_facet(root);
    }
    let per = q.per_page.max(1);
    let offset = (q.page.max(1) - 1) * per;
    Ok(if by_score {
        let (top, total, fc) = searcher.search(
            query,
            &(TopDocs::with_limit(per).and_offset(offset).order_by_score(), Count, facets),
        )?;
        (top.into_iter().map(|(_, a)| a).collect(), total, fc)
    } else {
        let top_docs = TopDocs::with_limit(per)
            .and_offset(offset)
            .order_by_fast_field::<i64>("created", Order::Desc);
        let (top, total, fc) = searcher.search(query, &(top_docs, Count, facets))?;
        (top.into_iter().map(|(_, a)| a).collect(), total, fc)
    })
}

/// A required clause that filters without adding to the score.
fn filter_only(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

/// The whole query: the text (or everything), access and filters. Only the text scores:
/// access and facet clauses would otherwise add their own weight (a rare token such as an
/// author's counts more than `public`), so two users would see the same documents in
/// different orders, and choosing a facet would reorder the results.
fn full_query(text: Option<&TextQuery>, f: &Fields, v: &Viewer, q: &SearchQuery) -> BooleanQuery {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Must, text.map(|t| t.find.box_clone()).unwrap_or_else(|| Box::new(AllQuery)))];
    if let Some(a) = access_query(f, v) {
        clauses.push(filter_only(a));
    }
    clauses.extend(filters(f, q).into_iter().map(filter_only));
    BooleanQuery::new(clauses)
}

/// Runs a search.
pub fn run(searcher: &Searcher, f: &Fields, syn: &Synonyms, v: &Viewer, q: &SearchQuery) -> anyhow::Result<Results> {
    let mut text = text_query(searcher, f, syn, v, &q.q, false);
    let by_score = q.sort == SortBy::Relevance && text.is_some();
    let (mut addresses, mut total, mut facet_counts) = collect(searcher, &full_query(text.as_ref(), f, v, q), by_score, q)?;
    if text.is_some() && total < TYPO_THRESHOLD {
        let with_typos = text_query(searcher, f, syn, v, &q.q, true);
        (addresses, total, facet_counts) = collect(searcher, &full_query(with_typos.as_ref(), f, v, q), by_score, q)?;
        text = with_typos;
    }
    let mut marker = text.as_ref().map(|t| Marker::new(t.mark.iter().cloned()));
    let mut hits = Vec::new();
    for a in addresses {
        let doc: TantivyDocument = searcher.doc(a)?;
        let text_of = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        let tokens: Vec<String> = doc.get_all(f.access).filter_map(|v| v.as_str().map(str::to_string)).collect();
        let meta: Meta = serde_json::from_str(&text_of(f.meta)).unwrap_or_default();
        let open = doc.get_first(f.authors_open).and_then(|v| v.as_u64()).unwrap_or(0) == 1;
        let (title_zh, title_en) = (text_of(f.title_zh), text_of(f.title_en));
        let (zh_title, en_title, mut snippet_html) = match marker.as_mut() {
            Some(m) => (
                m.mark(&title_zh),
                m.mark(&title_en),
                m.snippet(&text_of(f.abstract_text), SNIPPET_CHARS),
            ),
            None => (
                escape(&title_zh),
                escape(&title_en),
                escape(&text_of(f.abstract_text).chars().take(SNIPPET_CHARS).collect::<String>()),
            ),
        };
        // Found by words the abstract does not hold: a passage of the full text, to those who
        // may read it.
        let mut full_text = false;
        if let Some(m) = marker.as_mut()
            && !snippet_html.contains("<mark>")
        {
            let readers: Vec<String> = doc.get_all(f.body_access).filter_map(|v| v.as_str().map(str::to_string)).collect();
            if !readers.is_empty() && v.reads_body(&readers) {
                let passage = m.snippet(&text_of(f.body), SNIPPET_CHARS);
                if passage.contains("<mark>") {
                    snippet_html = passage;
                    full_text = true;
                }
            }
        }
        let sees_authors = v.sees_authors(meta.venue_id, open, &tokens);
        hits.push(Hit {
            kind: Kind::parse(&text_of(f.kind)).unwrap_or_default(),
            id: doc.get_first(f.id).and_then(|v| v.as_i64()).unwrap_or_default(),
            authors: sees_authors.then(|| serde_json::from_str(&text_of(f.authors)).unwrap_or_default()),
            title_html: if zh_title.is_empty() {
                en_title
            } else if en_title.is_empty() {
                zh_title
            } else {
                format!("{zh_title} / {en_title}")
            },
            snippet_html,
            full_text,
            title_zh,
            title_en,
            meta,
        });
    }
    Ok(Results {
        total,
        hits,
        facets: Facets {
            kind: counts(&facet_counts, "/kind"),
            venue: counts(&facet_counts, "/venue"),
            year: counts(&facet_counts, "/year"),
            topic: counts(&facet_counts, "/topic"),
            field: counts(&facet_counts, "/field"),
            tier: counts(&facet_counts, "/tier"),
            language: counts(&facet_counts, "/language"),
            journal_type: counts(&facet_counts, "/journal_type"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::Synonyms;

    #[test]
    fn synonyms_give_the_query_in_the_other_language() {
        let s = Synonyms(vec![
            ("同行评议".into(), vec!["peer review".into()]),
            ("peer review".into(), vec!["同行评议".into()]),
        ]);
        assert_eq!(s.variants("Peer Review process"), ["peer review process", "同行评议 process"]);
        assert_eq!(s.variants("同行评议"), ["同行评议", "peer review"]);
        assert_eq!(s.variants("data"), ["data"]);
    }
}
