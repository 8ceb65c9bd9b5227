//! Building a volume, as a job: the front matter and the author index are typeset
//! (`reports`), the approved final PDFs are joined behind them with the volume's page numbers
//! stamped (`assemble`), and each paper is also written alone with its numbers. Files are
//! staged while written and published once the rows naming them have committed; a build whose
//! stamp is no longer the volume's (a newer one was asked for) records nothing.

use chrono::Utc;

use super::assemble::{self, Label, Piece};
use super::gather::{self, Entry};
use super::model::VolumePaper;
use super::plan;
use crate::error::{AppError, AppResult};
use crate::files::Incoming;
use crate::reports::documents::{AuthorIndex, CommitteeGroup, ContentsPaper, ContentsPart, FrontMatter, VenueInfo, VolumeInfo};
use crate::web::AppState;

/// Build the volume `volume_id` as requested under `stamp`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Build {
    /// The volume.
    pub volume_id: i64,
    /// The request this build answers.
    pub stamp: String,
}

impl crate::jobs::typed::JobPayload for Build {
    const KIND: &'static str = "proceedings.build";
    // A build that fails says why on the volume page; the chairs ask again.
    const MAX_ATTEMPTS: i32 = 1;
}

/// Registers the build job.
pub fn register(registry: &mut crate::jobs::Registry, state: AppState) {
    registry.register_job::<Build, _, _, _>(state, |state: AppState, job: Build| async move {
        run(&state, job).await.map_err(anyhow::Error::from)
    });
}

/// What the job read from the database.
struct Input {
    volume: super::model::Volume,
    front: FrontMatter,
    entries: Vec<Entry>,
}

fn dates(venue: &crate::venues::model::Venue) -> (String, String) {
    match (venue.starts_on, venue.ends_on) {
        (Some(s), Some(e)) if s != e => (
            format!("{}—{}", s.format("%Y 年 %-m 月 %-d 日"), e.format("%Y 年 %-m 月 %-d 日")),
            format!("{} – {}", s.format("%-d %B %Y"), e.format("%-d %B %Y")),
        ),
        (Some(s), _) => (s.format("%Y 年 %-m 月 %-d 日").to_string(), s.format("%-d %B %Y").to_string()),
        _ => (String::new(), String::new()),
    }
}

/// Runs one build; failures of the inputs are recorded on the volume, not retried.
pub async fn run(state: &AppState, job: Build) -> AppResult<()> {
    let stamp = job.stamp.clone();
    let input = state
        .db
        .run(move |c| {
            let volume = super::store::get(c, job.volume_id)?;
            if volume.build_stamp != job.stamp {
                return Ok(None);
            }
            let venue = crate::venues::store::by_id(c, volume.venue_id)?;
            let entries = gather::entries(c, &venue)?;
            let committee = gather::committee(c, &venue)?
                .into_iter()
                .map(|g| CommitteeGroup {
                    role_zh: g.role_zh,
                    role_en: g.role_en,
                    members: g.members,
                })
                .collect();
            let (dates_zh, dates_en) = dates(&venue);
            let front = FrontMatter {
                volume: VolumeInfo {
                    title_zh: volume.title_zh.clone(),
                    title_en: volume.title_en.clone(),
                    subtitle_zh: volume.subtitle_zh.clone(),
                    subtitle_en: volume.subtitle_en.clone(),
                    series: volume.series.clone(),
                    volume: volume.volume.clone(),
                    publisher: volume.publisher.clone(),
                    place: volume.place.clone(),
                    year: volume.year,
                    isbn: volume.isbn.clone(),
                    doi: volume.doi.clone(),
                },
                venue: VenueInfo {
                    title_zh: venue.title_zh.clone(),
                    title_en: venue.title_en.clone(),
                    place: venue.place.clone(),
                    dates_zh,
                    dates_en,
                },
                preface_zh: volume.preface_zh.clone(),
                preface_en: volume.preface_en.clone(),
                committee,
                contents: Vec::new(),
            };
            Ok(Some(Input { volume, front, entries }))
        })
        .await?;
    let Some(input) = input else { return Ok(()) };
    let volume_id = input.volume.id;
    let st = state.clone();
    let made = actix_web::web::block(move || make(&st, input))
        .await
        .map_err(|e| AppError::caused("proceedings build", e))?;
    match made {
        Ok(made) => record(state, volume_id, &stamp, made).await,
        Err(e) => {
            tracing::warn!(volume = volume_id, error = %e, "proceedings build failed");
            let (msg, s2) = (e.to_string(), stamp.clone());
            state.db.tx(move |c| super::store::set_failed(c, volume_id, &s2, &msg)).await
        }
    }
}

/// The staged files of a build.
struct Made {
    volume: Incoming,
    pages: u32,
    papers: Vec<(VolumePaper, Incoming)>,
}

/// Why a build could not be made (shown to the chairs).
#[derive(Debug, thiserror::Error)]
enum MakeError {
    #[error("{0}")]
    Report(#[from] crate::reports::ReportError),
    #[error("{0}")]
    Assemble(#[from] assemble::AssembleError),
    #[error("storage: {0}")]
    Io(#[from] std::io::Error),
}

fn make(state: &AppState, input: Input) -> Result<Made, MakeError> {
    let store = state.files.clone();
    let limits = state.config.pdf;
    let planned: Vec<plan::Planned> = input.entries.iter().map(|e| e.planned.clone()).collect();
    let placed = plan::place(&planned);
    let mut front = input.front;
    for (zh, en, items) in plan::parts(&planned) {
        front.contents.push(ContentsPart {
            part_zh: zh,
            part_en: en,
            papers: items
                .iter()
                .map(|&i| ContentsPaper {
                    title_zh: input.entries[i].title_zh.clone(),
                    title_en: input.entries[i].title_en.clone(),
                    authors: input.entries[i].planned.authors.join(", "),
                    first_page: placed[i].first_page,
                })
                .collect(),
        });
    }
    let fonts_dir = state.config.fonts_dir.as_deref();
    let templates = &state.config.templates_dir;
    let front_pdf = crate::reports::render(templates, fonts_dir, "proceedings_front", &front)?;
    let index = AuthorIndex {
        title_zh: "作者索引".into(),
        title_en: "Author index".into(),
        first_page: plan::after(&placed),
        authors: plan::author_index(&planned, &placed),
    };
    let index_pdf = crate::reports::render(templates, fonts_dir, "proceedings_index", &index)?;
    // Typeset parts wait in the temporary folder; they are removed when these values drop.
    let (front_file, ()) = store.stage_written(|w| w.write_all(&front_pdf.pdf))?;
    let (index_file, ()) = store.stage_written(|w| w.write_all(&index_pdf.pdf))?;
    let (front_path, index_path) = (front_file.tmp_path.clone(), index_file.tmp_path.clone());
    let title = if input.volume.title_en.is_empty() {
        input.volume.title_zh.clone()
    } else {
        input.volume.title_en.clone()
    };
    let mut pieces = vec![Piece {
        path: front_path,
        label: Label::Roman,
        stamp: false,
        outline: Some(("前言与目录 Front matter".into(), "前言与目录 Front matter".into())),
    }];
    let mut singles = Vec::new();
    // The papers as files here (downloaded from a bucket), kept until the volume is assembled.
    let mut sources = Vec::new();
    for (i, e) in input.entries.iter().enumerate() {
        let part = if e.planned.part_en.is_empty() || e.planned.part_en == e.planned.part_zh {
            e.planned.part_zh.clone()
        } else {
            format!("{} {}", e.planned.part_zh, e.planned.part_en)
        };
        let own = if e.title_zh.is_empty() {
            e.title_en.clone()
        } else {
            e.title_zh.clone()
        };
        let source = store.local_copy_blocking(&e.sha256)?;
        let piece = Piece {
            path: source.to_path_buf(),
            label: Label::Arabic(placed[i].first_page),
            stamp: true,
            outline: Some((part, format!("{} · {own}", placed[i].first_page))),
        };
        // The paper alone, with the volume's numbers.
        let (file, done) = store.stage_written(|w| assemble::assemble(std::slice::from_ref(&piece), &own, w, &limits))?;
        singles.push((
            VolumePaper {
                volume_id: input.volume.id,
                submission_id: e.planned.submission_id,
                position: i32::try_from(i).unwrap_or(i32::MAX),
                part_zh: e.planned.part_zh.clone(),
                part_en: e.planned.part_en.clone(),
                first_page: i32::try_from(placed[i].first_page).unwrap_or(0),
                last_page: i32::try_from(placed[i].first_page + done.pages - 1).unwrap_or(0),
                file_id: None,
            },
            file,
        ));
        pieces.push(piece);
        sources.push(source);
    }
    pieces.push(Piece {
        path: index_path,
        label: Label::Arabic(plan::after(&placed)),
        stamp: false,
        outline: Some(("作者索引 Author index".into(), "作者索引 Author index".into())),
    });
    let (volume, done) = store.stage_written(|w| assemble::assemble(&pieces, &title, w, &limits))?;
    drop(sources);
    Ok(Made {
        volume,
        pages: done.pages,
        papers: singles,
    })
}

async fn record(state: &AppState, volume_id: i64, stamp: &str, made: Made) -> AppResult<()> {
    // Stored before the rows commit (see `files::storage`); a build that is not recorded
    // leaves unreferenced files, which the sweep removes.
    for f in std::iter::once(&made.volume).chain(made.papers.iter().map(|(_, f)| f)) {
        state.files.persist(f).await.map_err(crate::files::storage_error)?;
    }
    let made = std::sync::Arc::new(made);
    let (m2, s2) = (made.clone(), stamp.to_string());
    let recorded = state
        .db
        .tx(move |c| {
            let file = |c: &mut crate::db::AnyConnection, f: &Incoming, name: &str, pages: u32| {
                crate::files::model::insert(
                    c,
                    &crate::files::model::NewFile {
                        sha256: &f.sha256,
                        size_bytes: i64::try_from(f.size).unwrap_or(i64::MAX),
                        content_type: "application/pdf",
                        original_name: name,
                        page_count: i32::try_from(pages).ok(),
                        uploaded_by: None,
                    },
                )
            };
            let pdf = file(c, &m2.volume, "proceedings.pdf", m2.pages)?;
            let mut papers = Vec::new();
            for (p, f) in &m2.papers {
                let pages = u32::try_from(p.last_page - p.first_page + 1).unwrap_or(1);
                let id = file(c, f, &format!("paper-{}.pdf", p.first_page), pages)?;
                papers.push(VolumePaper {
                    file_id: Some(id),
                    ..p.clone()
                });
            }
            super::store::set_built(
                c,
                volume_id,
                &s2,
                pdf,
                i32::try_from(m2.pages).unwrap_or(i32::MAX),
                &papers,
                Utc::now().naive_utc(),
            )
        })
        .await?;
    if !recorded {
        tracing::info!(volume_id, "a newer build was asked for; this one is not recorded");
    }
    Ok(())
}
