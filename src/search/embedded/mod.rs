//! The embedded engine: a tantivy index under `<data dir>/search/documents/`. Each full rebuild
//! writes a new generation folder and then switches the `current` file to it, so searches go
//! on during a rebuild. Writers take the index lock per batch and let it go, so a separate
//! worker process can take its turn (a busy lock fails the job, which the queue retries).

pub mod highlight;
pub mod query;
pub mod tokenizer;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context as _;
use tantivy::schema::{FAST, Facet, FacetOptions, INDEXED, STORED, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use super::{Document, Results, SearchIndex, SearchQuery, access::Viewer};

/// Memory for a writer's indexing buffer.
const WRITER_HEAP: usize = 50_000_000;
/// Bytes of stored documents compressed together.
const DOCSTORE_BLOCK: usize = 4_096;
/// Memory for a full rebuild.
const REBUILD_HEAP: usize = 200_000_000;

/// The schema's fields.
#[derive(Clone, Copy)]
pub struct Fields {
    pub(crate) key: tantivy::schema::Field,
    pub(crate) kind: tantivy::schema::Field,
    pub(crate) id: tantivy::schema::Field,
    pub(crate) title_zh: tantivy::schema::Field,
    pub(crate) title_en: tantivy::schema::Field,
    pub(crate) abstract_text: tantivy::schema::Field,
    pub(crate) keywords: tantivy::schema::Field,
    pub(crate) authors_text: tantivy::schema::Field,
    pub(crate) fuzzy: tantivy::schema::Field,
    pub(crate) authors: tantivy::schema::Field,
    pub(crate) authors_open: tantivy::schema::Field,
    pub(crate) created: tantivy::schema::Field,
    pub(crate) meta: tantivy::schema::Field,
    pub(crate) access: tantivy::schema::Field,
    pub(crate) body: tantivy::schema::Field,
    pub(crate) body_access: tantivy::schema::Field,
    pub(crate) facet: tantivy::schema::Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer::NAME)
            .set_index_option(tantivy::schema::IndexRecordOption::WithFreqsAndPositions),
    );
    let stored_text = text.clone().set_stored();
    let raw = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer::RAW)
            .set_index_option(tantivy::schema::IndexRecordOption::WithFreqs),
    );
    let f = Fields {
        key: b.add_text_field("key", STRING),
        kind: b.add_text_field("kind", STRING | STORED),
        id: b.add_i64_field("id", INDEXED | STORED),
        title_zh: b.add_text_field("title_zh", stored_text.clone()),
        title_en: b.add_text_field("title_en", stored_text.clone()),
        abstract_text: b.add_text_field("abstract", stored_text.clone()),
        keywords: b.add_text_field("keywords", stored_text),
        authors_text: b.add_text_field("authors_text", text),
        fuzzy: b.add_text_field("fuzzy", raw),
        authors: b.add_text_field("authors", STORED),
        authors_open: b.add_u64_field("authors_open", STORED),
        created: b.add_i64_field("created", FAST),
        meta: b.add_text_field("meta", STORED),
        access: b.add_text_field("access", STRING | STORED),
        // Stored for the passage shown to those who may read it; no positions (no phrases).
        body: b.add_text_field(
            "body",
            TextOptions::default()
                .set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(tokenizer::NAME)
                        .set_index_option(tantivy::schema::IndexRecordOption::WithFreqs),
                )
                .set_stored(),
        ),
        body_access: b.add_text_field("body_access", STRING | STORED),
        facet: b.add_facet_field("facet", FacetOptions::default()),
    };
    (b.build(), f)
}

/// Points `root/current` at `generation`, atomically.
fn switch(root: &Path, generation: &str) -> anyhow::Result<()> {
    let tmp = root.join(format!("current.{}.tmp", std::process::id()));
    std::fs::write(&tmp, generation)?;
    std::fs::rename(&tmp, root.join("current"))?;
    Ok(())
}

struct Opened {
    generation: String,
    index: Index,
    reader: IndexReader,
}

/// The embedded engine.
pub struct Embedded {
    root: PathBuf,
    fields: Fields,
    synonyms: query::Synonyms,
    opened: Mutex<Option<Opened>>,
    new: bool,
}

fn open(dir: &Path) -> anyhow::Result<Index> {
    let (schema, _) = schema();
    std::fs::create_dir_all(dir)?;
    // Small store blocks: each hit shown decompresses the block holding it, and hits are
    // scattered, so a smaller block costs less per query for a slightly larger index.
    let settings = tantivy::IndexSettings {
        docstore_blocksize: DOCSTORE_BLOCK,
        ..Default::default()
    };
    let index = Index::builder()
        .schema(schema)
        .settings(settings)
        .open_or_create(tantivy::directory::MmapDirectory::open(dir)?)?;
    index.tokenizers().register(tokenizer::NAME, tokenizer::analyzer());
    index.tokenizers().register(tokenizer::RAW, tokenizer::raw_analyzer());
    Ok(index)
}

impl Embedded {
    /// The engine over `<data dir>/search/documents`, with the synonyms of
    /// `settings_dir/documents.json` (the Meilisearch settings; the rest of that file does not
    /// apply here).
    pub fn new(data_dir: &Path, settings_dir: &Path) -> anyhow::Result<Embedded> {
        let synonyms = query::Synonyms::load(&settings_dir.join(format!("{}.json", super::INDEX)))?;
        let root = data_dir.join("search").join(super::INDEX);
        std::fs::create_dir_all(&root).with_context(|| format!("creating {}", root.display()))?;
        let mut new = !root.join("current").exists();
        if !new && Embedded::outdated(&root)? {
            // An upgrade changed the fields: start a new, empty generation, which the service
            // fills from the database as on a first start (tantivy opens no other schema).
            let generation = format!("g{}", chrono::Utc::now().timestamp_micros());
            let old = std::fs::read_to_string(root.join("current"))?;
            open(&root.join(&generation))?;
            switch(&root, &generation)?;
            let _ = std::fs::remove_dir_all(root.join(old.trim()));
            tracing::info!("search index fields changed: the index is rebuilt from the database");
            new = true;
        }
        let e = Embedded {
            new,
            root,
            fields: schema().1,
            synonyms,
            opened: Mutex::new(None),
        };
        e.current()?;
        Ok(e)
    }

    fn generation(&self) -> anyhow::Result<String> {
        let pointer = self.root.join("current");
        match std::fs::read_to_string(&pointer) {
            Ok(g) if !g.trim().is_empty() => Ok(g.trim().to_string()),
            _ => {
                self.switch_to("g0")?;
                Ok("g0".into())
            }
        }
    }

    fn switch_to(&self, generation: &str) -> anyhow::Result<()> {
        switch(&self.root, generation)
    }

    /// Whether the live generation under `root` was written with other fields than this
    /// version's.
    fn outdated(root: &Path) -> anyhow::Result<bool> {
        let generation = std::fs::read_to_string(root.join("current"))?;
        let dir = root.join(generation.trim());
        if generation.trim().is_empty() || !dir.join("meta.json").exists() {
            return Ok(false);
        }
        let index = Index::open(tantivy::directory::MmapDirectory::open(&dir)?)?;
        Ok(index.schema() != schema().0)
    }

    /// The live index and a reader of it, reopened when a rebuild switched generations.
    fn current(&self) -> anyhow::Result<(Index, IndexReader)> {
        let generation = self.generation()?;
        let mut guard = self.opened.lock().map_err(|_| anyhow::anyhow!("search index lock poisoned"))?;
        if let Some(o) = guard.as_ref().filter(|o| o.generation == generation) {
            return Ok((o.index.clone(), o.reader.clone()));
        }
        let index = open(&self.root.join(&generation))?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        *guard = Some(Opened {
            generation,
            index: index.clone(),
            reader: reader.clone(),
        });
        Ok((index, reader))
    }

    fn document(&self, d: &Document) -> TantivyDocument {
        let f = &self.fields;
        let m = &d.meta;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.key, d.key());
        doc.add_text(f.kind, d.kind.code());
        doc.add_i64(f.id, d.id);
        doc.add_text(f.title_zh, &d.title_zh);
        doc.add_text(f.title_en, &d.title_en);
        doc.add_text(f.abstract_text, &d.abstract_text);
        doc.add_text(f.keywords, &d.keywords);
        if d.authors_open {
            doc.add_text(f.authors_text, d.authors.join("; "));
        }
        // Words as written, for matching with typos and prefixes.
        for t in [&d.title_zh, &d.title_en, &d.keywords, &d.abstract_text] {
            doc.add_text(f.fuzzy, t);
        }
        if d.authors_open {
            doc.add_text(f.fuzzy, d.authors.join("; "));
        }
        doc.add_text(f.authors, serde_json::to_string(&d.authors).unwrap_or_default());
        doc.add_u64(f.authors_open, u64::from(d.authors_open));
        doc.add_i64(f.created, d.created);
        doc.add_text(f.meta, serde_json::to_string(m).unwrap_or_default());
        for t in &d.access {
            doc.add_text(f.access, t);
        }
        if !d.body.is_empty() && !d.body_access.is_empty() {
            doc.add_text(f.body, &d.body);
            for t in &d.body_access {
                doc.add_text(f.body_access, t);
            }
        }
        let mut facet = |path: String| doc.add_facet(f.facet, Facet::from(path.as_str()));
        facet(format!("/kind/{}", d.kind.code()));
        if let Some(v) = m.venue_id {
            facet(format!("/venue/{v}"));
        }
        if let Some(y) = m.year {
            facet(format!("/year/{y}"));
        }
        for t in &d.topics {
            facet(format!("/topic/{t}"));
        }
        for x in &m.fields {
            facet(format!("/field/{x}"));
        }
        if let Some(t) = &m.tier {
            facet(format!("/tier/{}", query::facet_segment(t)));
        }
        for l in &m.languages {
            facet(format!("/language/{}", query::facet_segment(l)));
        }
        if let Some(t) = &m.journal_type {
            facet(format!("/journal_type/{}", query::facet_segment(t)));
        }
        if let Some(e) = m.edition_id {
            facet(format!("/edition/{e}"));
        }
        doc
    }

    /// Applies deletions and additions in one commit, so searches see all or none of them.
    fn write(&self, change: impl FnOnce(&tantivy::IndexWriter<TantivyDocument>) -> anyhow::Result<()>) -> anyhow::Result<()> {
        let (index, reader) = self.current()?;
        let mut w: tantivy::IndexWriter<TantivyDocument> = index.writer(WRITER_HEAP)?;
        change(&w)?;
        w.commit()?;
        reader.reload()?;
        Ok(())
    }
}

impl SearchIndex for Embedded {
    fn health(&self) -> anyhow::Result<()> {
        self.current().map(|_| ())
    }

    fn engine(&self) -> &'static str {
        "embedded"
    }

    fn upsert(&self, docs: &[Document]) -> anyhow::Result<()> {
        self.write(|w| {
            for d in docs {
                w.delete_term(Term::from_field_text(self.fields.key, &d.key()));
                w.add_document(self.document(d))?;
            }
            Ok(())
        })
    }

    fn delete(&self, keys: &[String]) -> anyhow::Result<()> {
        self.write(|w| {
            for k in keys {
                w.delete_term(Term::from_field_text(self.fields.key, k));
            }
            Ok(())
        })
    }

    fn replace_edition(&self, edition_id: i64, entries: &[Document]) -> anyhow::Result<()> {
        self.write(|w| {
            // A delete only touches documents added before it, so the new entries stay.
            let path = Facet::from(format!("/edition/{edition_id}").as_str());
            w.delete_term(Term::from_facet(self.fields.facet, &path));
            for d in entries {
                w.add_document(self.document(d))?;
            }
            Ok(())
        })
    }

    fn search(&self, viewer: &Viewer, q: &SearchQuery) -> anyhow::Result<Results> {
        let (_, reader) = self.current()?;
        // Another process (a worker, a rebuild) may have committed since.
        reader.reload()?;
        query::run(&reader.searcher(), &self.fields, &self.synonyms, viewer, q)
    }

    fn is_new(&self) -> bool {
        self.new
    }

    fn rebuild(&self, docs: &mut dyn Iterator<Item = anyhow::Result<Document>>, progress: &dyn Fn(u64)) -> anyhow::Result<u64> {
        let old = self.generation()?;
        let generation = format!("g{}", chrono::Utc::now().timestamp_micros());
        let index = open(&self.root.join(&generation))?;
        let mut w: tantivy::IndexWriter<TantivyDocument> = index.writer(REBUILD_HEAP)?;
        let mut n = 0;
        for d in docs {
            w.add_document(self.document(&d?))?;
            n += 1;
            progress(n);
        }
        w.commit()?;
        w.wait_merging_threads()?;
        self.switch_to(&generation)?;
        // Readers that still hold the old files keep them until they close (mmap).
        if old != generation {
            let _ = std::fs::remove_dir_all(self.root.join(&old));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Kind, Meta};

    fn engine() -> (tempfile::TempDir, Embedded) {
        let dir = tempfile::tempdir().unwrap();
        let settings = Path::new(env!("CARGO_MANIFEST_DIR")).join("search");
        let e = Embedded::new(dir.path(), &settings).unwrap();
        (dir, e)
    }

    fn doc(kind: Kind, id: i64, text: &str, edition: Option<i64>) -> Document {
        Document {
            kind,
            id,
            title_en: text.into(),
            access: vec![crate::search::access::PUBLIC.into()],
            meta: Meta {
                edition_id: edition,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    fn total(e: &Embedded, q: &str, kind: Option<Kind>) -> usize {
        let q = SearchQuery {
            q: q.into(),
            kind,
            page: 1,
            per_page: 5,
            ..Default::default()
        };
        e.search(&Viewer::anonymous(), &q).unwrap().total
    }

    #[test]
    fn who_searches_does_not_change_the_order_of_what_both_may_see() {
        let (_dir, e) = engine();
        // The same text: equal scores.
        let first = doc(Kind::Paper, 1, "network science", None);
        let mut second = doc(Kind::Paper, 2, "network science", None);
        // The second paper's author also finds it through a rare token of their own.
        let author = crate::search::access::author_token("li@example.org");
        second.access.push(author.clone());
        let others: Vec<Document> = (3..=20).map(|i| doc(Kind::Paper, i, "unrelated", None)).collect();
        e.upsert(&[first, second]).unwrap();
        e.upsert(&others).unwrap();
        let q = SearchQuery {
            q: "network".into(),
            page: 1,
            per_page: 5,
            ..Default::default()
        };
        let order = |v: &Viewer| e.search(v, &q).unwrap().hits.iter().map(|h| h.id).collect::<Vec<i64>>();
        let mut by_author = Viewer::anonymous();
        by_author.tokens.push(author);
        let anonymous = order(&Viewer::anonymous());
        assert_eq!(anonymous.len(), 2);
        assert_eq!(order(&by_author), anonymous, "the author's own token does not lift their paper");
        let filtered = SearchQuery {
            kind: Some(Kind::Paper),
            ..q.clone()
        };
        let hits = e.search(&Viewer::anonymous(), &filtered).unwrap().hits;
        assert_eq!(
            hits.iter().map(|h| h.id).collect::<Vec<i64>>(),
            anonymous,
            "a facet does not reorder"
        );
    }

    #[test]
    fn typos_are_looked_for_only_when_the_exact_words_find_little() {
        let (_dir, e) = engine();
        let mut docs: Vec<Document> = (1..=12).map(|i| doc(Kind::Paper, i, "network science", None)).collect();
        docs.push(doc(Kind::Paper, 13, "netwerk science", None));
        e.upsert(&docs).unwrap();
        assert_eq!(total(&e, "network", None), 12, "enough exact matches: no typo matches");
        assert_eq!(total(&e, "netwerk", None), 13, "one exact match: typo matches added");
    }

    #[test]
    fn a_prefix_of_three_letters_stands_for_at_most_fifty_words() {
        let (_dir, e) = engine();
        let letters: Vec<char> = ('a'..='z').collect();
        let docs: Vec<Document> = (0..60)
            .map(|i| {
                let word = format!("zet{}{}", letters[i / 26], letters[i % 26]);
                doc(Kind::Paper, i as i64 + 1, &word, None)
            })
            .collect();
        e.upsert(&docs).unwrap();
        assert_eq!(total(&e, "zet", None), query::PREFIX_TERMS);
        assert_eq!(total(&e, "ze", None), 0, "two letters are not expanded");
        let all = SearchQuery {
            q: "zet".into(),
            page: 1,
            per_page: 100,
            ..Default::default()
        };
        let mut ids: Vec<i64> = e.search(&Viewer::anonymous(), &all).unwrap().hits.iter().map(|h| h.id).collect();
        ids.sort_unstable();
        assert_eq!(ids, (1..=50).collect::<Vec<i64>>(), "the first words in dictionary order");
    }

    #[test]
    fn words_of_the_full_text_find_a_paper_only_for_those_who_may_read_it() {
        let (_dir, e) = engine();
        let mut paper = doc(Kind::Paper, 1, "Surface chemistry", None);
        paper.access = vec!["chair:1".into(), "member:1".into()];
        paper.abstract_text = "A short abstract.".into();
        paper.body = format!("{} operando spectra of the catalyst {}", "filler ".repeat(80), "tail ".repeat(80));
        paper.body_access = vec!["chair:1".into(), "reviewer:7".into()];
        e.upsert(&[paper]).unwrap();
        let q = SearchQuery {
            q: "operando".into(),
            page: 1,
            per_page: 5,
            ..Default::default()
        };
        let member = Viewer {
            tokens: vec!["public".into(), "reviewer:8".into()],
            member: vec![(1, vec![])],
            ..Default::default()
        };
        assert_eq!(e.search(&member, &q).unwrap().total, 0, "bidding members do not search the PDF");
        let by_title = SearchQuery {
            q: "surface".into(),
            ..q.clone()
        };
        assert_eq!(e.search(&member, &by_title).unwrap().total, 1, "but find the paper by its title");
        let assigned = Viewer {
            tokens: vec!["public".into(), "reviewer:7".into()],
            ..member.clone()
        };
        let r = e.search(&assigned, &q).unwrap();
        assert_eq!(r.total, 1);
        assert!(r.hits[0].full_text);
        assert!(
            r.hits[0].snippet_html.contains("<mark>operando</mark>"),
            "{}",
            r.hits[0].snippet_html
        );
        assert!(r.hits[0].snippet_html.starts_with('…'), "a passage around the words");
        let admin = Viewer {
            everything: true,
            ..Default::default()
        };
        assert_eq!(e.search(&admin, &q).unwrap().total, 1);
        let r = e.search(&assigned, &by_title).unwrap();
        assert!(!r.hits[0].full_text, "found by its title: the abstract is shown");
        assert_eq!(r.hits[0].snippet_html, "A short abstract.");
    }

    #[test]
    fn an_index_with_other_fields_is_replaced_by_an_empty_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("search").join(crate::search::INDEX);
        let old = root.join("g1");
        std::fs::create_dir_all(&old).unwrap();
        let mut b = Schema::builder();
        b.add_text_field("key", STRING);
        Index::create_in_dir(&old, b.build()).unwrap();
        std::fs::write(root.join("current"), "g1").unwrap();
        let settings = Path::new(env!("CARGO_MANIFEST_DIR")).join("search");
        let e = Embedded::new(dir.path(), &settings).unwrap();
        assert!(e.is_new(), "so the service fills it from the database");
        assert!(!old.exists(), "the old generation is removed");
        e.upsert(&[doc(Kind::Paper, 1, "network", None)]).unwrap();
        assert_eq!(total(&e, "network", None), 1);
        let again = Embedded::new(dir.path(), &settings).unwrap();
        assert!(!again.is_new(), "an index with this version's fields is kept");
        assert_eq!(total(&again, "network", None), 1);
    }

    #[test]
    fn an_editions_entries_are_replaced_at_once_and_keys_delete_one_kind_only() {
        let (_dir, e) = engine();
        e.upsert(&[
            doc(Kind::CatalogueEntry, 1, "alpha", Some(7)),
            doc(Kind::CatalogueEntry, 2, "beta", Some(7)),
            doc(Kind::CatalogueEntry, 1, "alpha", Some(8)),
            doc(Kind::Journal, 1, "alpha", None),
            doc(Kind::Paper, 1, "alpha", None),
        ])
        .unwrap();
        let entries = Some(Kind::CatalogueEntry);
        assert_eq!(total(&e, "", entries), 3);
        e.replace_edition(7, &[doc(Kind::CatalogueEntry, 2, "beta", Some(7))]).unwrap();
        assert_eq!(total(&e, "", entries), 2);
        assert_eq!(total(&e, "alpha", entries), 1, "edition 8 keeps its entry");
        e.replace_edition(7, &[]).unwrap();
        assert_eq!(total(&e, "beta", entries), 0);
        e.delete(&[crate::search::key(Kind::Journal, 1, None)]).unwrap();
        assert_eq!(total(&e, "alpha", None), 2, "the paper and the entry with the same id stay");
    }
}
