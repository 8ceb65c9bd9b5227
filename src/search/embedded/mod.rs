//! The embedded engine: a tantivy index under `<data dir>/search/papers/`. Each full rebuild
//! writes a new generation folder and then switches the `current` file to it, so searches go
//! on during a rebuild. Writers take the index lock per batch and let it go, so a separate
//! worker process can take its turn (a busy lock fails the job, which the queue retries).

pub mod query;
pub mod tokenizer;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context as _;
use tantivy::schema::{FAST, Facet, FacetOptions, INDEXED, STORED, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use super::{PaperDoc, Results, SearchIndex, SearchQuery, access::Viewer};

/// Memory for a writer's indexing buffer.
const WRITER_HEAP: usize = 50_000_000;
/// Memory for a full rebuild.
const REBUILD_HEAP: usize = 200_000_000;

/// The schema's fields.
#[derive(Clone, Copy)]
pub struct Fields {
    pub(crate) id: tantivy::schema::Field,
    pub(crate) venue_id: tantivy::schema::Field,
    pub(crate) number: tantivy::schema::Field,
    pub(crate) title_zh: tantivy::schema::Field,
    pub(crate) title_en: tantivy::schema::Field,
    pub(crate) abstract_text: tantivy::schema::Field,
    pub(crate) keywords: tantivy::schema::Field,
    pub(crate) authors_text: tantivy::schema::Field,
    pub(crate) fuzzy: tantivy::schema::Field,
    pub(crate) authors: tantivy::schema::Field,
    pub(crate) authors_open: tantivy::schema::Field,
    pub(crate) year: tantivy::schema::Field,
    pub(crate) created: tantivy::schema::Field,
    pub(crate) status: tantivy::schema::Field,
    pub(crate) access: tantivy::schema::Field,
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
        id: b.add_i64_field("id", INDEXED | STORED | FAST),
        venue_id: b.add_i64_field("venue_id", INDEXED | STORED | FAST),
        number: b.add_i64_field("number", STORED),
        title_zh: b.add_text_field("title_zh", stored_text.clone()),
        title_en: b.add_text_field("title_en", stored_text.clone()),
        abstract_text: b.add_text_field("abstract", stored_text.clone()),
        keywords: b.add_text_field("keywords", stored_text),
        authors_text: b.add_text_field("authors_text", text),
        fuzzy: b.add_text_field("fuzzy", raw),
        authors: b.add_text_field("authors", STORED),
        authors_open: b.add_u64_field("authors_open", STORED),
        year: b.add_i64_field("year", STORED | FAST),
        created: b.add_i64_field("created", FAST),
        status: b.add_text_field("status", STRING | STORED),
        access: b.add_text_field("access", STRING | STORED),
        facet: b.add_facet_field("facet", FacetOptions::default()),
    };
    (b.build(), f)
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
    let index = Index::open_or_create(tantivy::directory::MmapDirectory::open(dir)?, schema)?;
    index.tokenizers().register(tokenizer::NAME, tokenizer::analyzer());
    index.tokenizers().register(tokenizer::RAW, tokenizer::raw_analyzer());
    Ok(index)
}

impl Embedded {
    /// The engine over `<data dir>/search/papers`, with the synonyms of
    /// `settings_dir/papers.json` (the Meilisearch settings; the rest of that file does not
    /// apply here).
    pub fn new(data_dir: &Path, settings_dir: &Path) -> anyhow::Result<Embedded> {
        let synonyms = query::Synonyms::load(&settings_dir.join("papers.json"))?;
        let root = data_dir.join("search").join("papers");
        std::fs::create_dir_all(&root).with_context(|| format!("creating {}", root.display()))?;
        let e = Embedded {
            new: !root.join("current").exists(),
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
        let tmp = self.root.join(format!("current.{}.tmp", std::process::id()));
        std::fs::write(&tmp, generation)?;
        std::fs::rename(&tmp, self.root.join("current"))?;
        Ok(())
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

    fn document(&self, d: &PaperDoc) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_i64(f.id, d.id);
        doc.add_i64(f.venue_id, d.venue_id);
        doc.add_i64(f.number, i64::from(d.number));
        doc.add_text(f.title_zh, &d.title_zh);
        doc.add_text(f.title_en, &d.title_en);
        doc.add_text(f.abstract_text, &d.abstract_text);
        doc.add_text(f.keywords, &d.keywords);
        if d.authors_open {
            doc.add_text(f.authors_text, d.authors.join("; "));
        }
        // Words as written, for matching with typos.
        for t in [&d.title_zh, &d.title_en, &d.keywords, &d.abstract_text] {
            doc.add_text(f.fuzzy, t);
        }
        if d.authors_open {
            doc.add_text(f.fuzzy, d.authors.join("; "));
        }
        doc.add_text(f.authors, serde_json::to_string(&d.authors).unwrap_or_default());
        doc.add_u64(f.authors_open, u64::from(d.authors_open));
        doc.add_i64(f.year, i64::from(d.year));
        doc.add_i64(f.created, d.created);
        doc.add_text(f.status, &d.status);
        for t in &d.access {
            doc.add_text(f.access, t);
        }
        doc.add_facet(f.facet, Facet::from(format!("/venue/{}", d.venue_id).as_str()));
        doc.add_facet(f.facet, Facet::from(format!("/year/{}", d.year).as_str()));
        doc.add_facet(f.facet, Facet::from("/kind/paper"));
        for t in &d.topics {
            doc.add_facet(f.facet, Facet::from(format!("/topic/{t}").as_str()));
        }
        doc
    }
}

impl SearchIndex for Embedded {
    fn upsert(&self, docs: &[PaperDoc]) -> anyhow::Result<()> {
        let (index, reader) = self.current()?;
        let mut w: tantivy::IndexWriter<TantivyDocument> = index.writer(WRITER_HEAP)?;
        for d in docs {
            w.delete_term(Term::from_field_i64(self.fields.id, d.id));
            w.add_document(self.document(d))?;
        }
        w.commit()?;
        reader.reload()?;
        Ok(())
    }

    fn delete(&self, ids: &[i64]) -> anyhow::Result<()> {
        let (index, reader) = self.current()?;
        let mut w: tantivy::IndexWriter<TantivyDocument> = index.writer(WRITER_HEAP)?;
        for &id in ids {
            w.delete_term(Term::from_field_i64(self.fields.id, id));
        }
        w.commit()?;
        reader.reload()?;
        Ok(())
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

    fn rebuild(&self, docs: &mut dyn Iterator<Item = anyhow::Result<PaperDoc>>, progress: &dyn Fn(u64)) -> anyhow::Result<u64> {
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
