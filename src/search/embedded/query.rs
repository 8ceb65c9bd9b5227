//! Turning a search into a tantivy query: every query word must match one of the text fields
//! (titles and keywords weigh more than the abstract), Latin words also match with one typo and
//! the last one as a prefix; the viewer's access and the chosen facets are required clauses, so
//! counts and highlights only see visible documents.

use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use super::Fields;
use super::tokenizer::query_terms;
use crate::search::access::Viewer;
use crate::search::{FacetCount, Facets, Hit, Results, SearchQuery, SortBy};

fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
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

/// The text part over the query and its synonym variants: any variant may match.
fn text_query(f: &Fields, syn: &Synonyms, q: &str) -> Option<Box<dyn Query>> {
    let mut any: Vec<(Occur, Box<dyn Query>)> = syn
        .variants(q)
        .iter()
        .filter_map(|v| words_query(f, v))
        .map(|w| (Occur::Should, w))
        .collect();
    match any.len() {
        0 => None,
        1 => any.pop().map(|(_, q)| q),
        _ => Some(Box::new(BooleanQuery::new(any))),
    }
}

/// One variant: all words required, each in any text field.
fn words_query(f: &Fields, q: &str) -> Option<Box<dyn Query>> {
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
                any.push((Occur::Should, Box::new(BoostQuery::new(term_query(term.clone()), boost))));
                if latin && i == last && w.len() >= 2 {
                    any.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(FuzzyTermQuery::new_prefix(term, 0, false)), boost * 0.5)),
                    ));
                }
            }
            // One typo in words of five letters or more, two from nine, on the words as typed.
            let typos = match typed.chars().count() {
                n if latin && n >= 9 => 2,
                n if latin && n >= 5 => 1,
                _ => 0,
            };
            if typos > 0 {
                let term = Term::from_field_text(f.fuzzy, typed);
                any.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(FuzzyTermQuery::new(term, typos, true)), 0.5)),
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

fn counts(c: &tantivy::collector::FacetCounts, root: &str) -> Vec<FacetCount> {
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

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn snippet(g: &Option<SnippetGenerator>, doc: &TantivyDocument, fallback: &str, limit: usize) -> String {
    match g.as_ref().map(|g| g.snippet_from_doc(doc)) {
        Some(s) if !s.is_empty() => s.to_html().replace("<b>", "<mark>").replace("</b>", "</mark>"),
        _ => escape(&fallback.chars().take(limit).collect::<String>()),
    }
}

/// Runs a search.
pub fn run(searcher: &Searcher, f: &Fields, syn: &Synonyms, v: &Viewer, q: &SearchQuery) -> anyhow::Result<Results> {
    let text = text_query(f, syn, &q.q);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
        Occur::Must,
        text.as_ref().map(|t| t.box_clone()).unwrap_or_else(|| Box::new(AllQuery)),
    )];
    if let Some(a) = access_query(f, v) {
        clauses.push((Occur::Must, a));
    }
    if let Some(venue) = q.venue {
        clauses.push((Occur::Must, facet_term(f, format!("/venue/{venue}"))));
    }
    if let Some(year) = q.year {
        clauses.push((Occur::Must, facet_term(f, format!("/year/{year}"))));
    }
    if let Some(topic) = q.topic {
        clauses.push((Occur::Must, facet_term(f, format!("/topic/{topic}"))));
    }
    let query = BooleanQuery::new(clauses);
    let mut facets = FacetCollector::for_field("facet");
    for root in ["/venue", "/year", "/topic", "/kind"] {
        facets.add_facet(root);
    }
    let per = q.per_page.max(1);
    let offset = (q.page.max(1) - 1) * per;
    let (addresses, total, facet_counts): (Vec<DocAddress>, usize, _) = match q.sort {
        SortBy::Relevance if text.is_some() => {
            let (top, total, fc) = searcher.search(
                &query,
                &(TopDocs::with_limit(per).and_offset(offset).order_by_score(), Count, facets),
            )?;
            (top.into_iter().map(|(_, a)| a).collect(), total, fc)
        }
        // Without words, or when asked, newest first.
        _ => {
            let top_docs = TopDocs::with_limit(per)
                .and_offset(offset)
                .order_by_fast_field::<i64>("created", Order::Desc);
            let (top, total, fc) = searcher.search(&query, &(top_docs, Count, facets))?;
            (top.into_iter().map(|(_, a)| a).collect(), total, fc)
        }
    };
    let generator = |field| text.as_ref().and_then(|t| SnippetGenerator::create(searcher, &**t, field).ok());
    let (g_zh, g_en) = (generator(f.title_zh), generator(f.title_en));
    let mut g_abs = generator(f.abstract_text);
    if let Some(g) = g_abs.as_mut() {
        g.set_max_num_chars(240);
    }
    let mut hits = Vec::new();
    for a in addresses {
        let doc: TantivyDocument = searcher.doc(a)?;
        let text_of = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        let int_of = |field| doc.get_first(field).and_then(|v| v.as_i64()).unwrap_or_default();
        let tokens: Vec<String> = doc.get_all(f.access).filter_map(|v| v.as_str().map(str::to_string)).collect();
        let venue_id = int_of(f.venue_id);
        let open = doc.get_first(f.authors_open).and_then(|v| v.as_u64()).unwrap_or(0) == 1;
        let (title_zh, title_en) = (text_of(f.title_zh), text_of(f.title_en));
        let zh_title = snippet(&g_zh, &doc, &title_zh, 500);
        let en_title = snippet(&g_en, &doc, &title_en, 500);
        hits.push(Hit {
            kind: "paper".into(),
            id: int_of(f.id),
            venue_id,
            number: int_of(f.number) as i32,
            authors: v
                .sees_authors(venue_id, open, &tokens)
                .then(|| serde_json::from_str(&text_of(f.authors)).unwrap_or_default()),
            year: int_of(f.year) as i32,
            status: text_of(f.status),
            title_html: if zh_title.is_empty() {
                en_title
            } else if en_title.is_empty() {
                zh_title
            } else {
                format!("{zh_title} / {en_title}")
            },
            snippet_html: snippet(&g_abs, &doc, &text_of(f.abstract_text), 240),
            title_zh,
            title_en,
        });
    }
    Ok(Results {
        total,
        hits,
        facets: Facets {
            venue: counts(&facet_counts, "/venue"),
            year: counts(&facet_counts, "/year"),
            topic: counts(&facet_counts, "/topic"),
            kind: counts(&facet_counts, "/kind"),
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
