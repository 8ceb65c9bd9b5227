//! Copyediting and production: the article is made at acceptance; the editorial office
//! corrects its metadata and references, adds the copyedited file and galleys and sends it on;
//! the authors check the copyedit and the proofs.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::model::{Article, GalleyKind};
use super::store::{self, Metadata, NewArticle};
use super::validate::{self, MetadataInput, PagesInput};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::journal::manuscript_for;
use crate::guard::policy::ManuscriptAction;
use crate::journals::manuscripts::model::{FileKind, Manuscript, Stage};
use crate::journals::manuscripts::stages::{self, Move};
use crate::journals::manuscripts::store as manuscripts;
use crate::mail::{self, Mail};
use crate::web::AppState;

/// Makes the article of a manuscript accepted now, unless it has one (an accepted manuscript
/// is never accepted twice, but a retried transaction must not make two).
pub fn create_at_acceptance(
    conn: &mut AnyConnection,
    ms: &Manuscript,
    revised_on: Option<NaiveDate>,
    now: NaiveDateTime,
) -> AppResult<i64> {
    if let Some(a) = store::of_manuscript(conn, ms.id)? {
        return Ok(a.id);
    }
    let settings = crate::journals::setup::view::current(conn, ms.journal_id)?.spec;
    let authors = manuscripts::authors_of(conn, ms.id)?;
    store::create(
        conn,
        &NewArticle {
            manuscript: ms,
            licence_url: &settings.licence_url,
            revised_on,
            accepted_on: now.date(),
        },
        &authors,
        now,
    )
}

/// The manuscript and its article for someone producing it, while it is in `stages`.
pub fn producing(conn: &mut AnyConnection, user: &User, ms_id: i64, allowed: &[Stage]) -> AppResult<(Manuscript, Article)> {
    let (ms, _) = manuscript_for(conn, user, ms_id, ManuscriptAction::Produce)?;
    let article = store::of_manuscript(conn, ms.id)?.ok_or_else(|| AppError::Conflict("journal_ms.not_now".into()))?;
    if !allowed.contains(&ms.stage) {
        return Err(AppError::Conflict("journal_ms.not_now".into()));
    }
    Ok((ms, article))
}

/// Until publication the metadata may be corrected.
const BEFORE_PUBLICATION: [Stage; 3] = [Stage::Copyediting, Stage::Production, Stage::Scheduled];

/// Saves corrected metadata and references.
pub fn update_metadata(conn: &mut AnyConnection, user: &User, ms_id: i64, input: &MetadataInput, now: NaiveDateTime) -> AppResult<()> {
    let spec = validate::metadata(input)?;
    let (ms, article) = producing(conn, user, ms_id, &BEFORE_PUBLICATION)?;
    let refs = serde_json::to_string(&spec.references).map_err(|e| AppError::caused("references", e))?;
    store::update_metadata(
        conn,
        article.id,
        &Metadata {
            title_zh: &spec.title_zh,
            title_en: &spec.title_en,
            abstract_zh: &spec.abstract_zh,
            abstract_en: &spec.abstract_en,
            keywords_zh: &spec.keywords_zh,
            keywords_en: &spec.keywords_en,
            licence_url: &spec.licence_url,
            refs: &refs,
        },
        now,
    )?;
    manuscripts::record(conn, ms.id, "metadata_corrected", Some(user.id), &json!({}), now)
}

/// Sets the article's pages or article number by hand.
pub fn set_pages(conn: &mut AnyConnection, user: &User, ms_id: i64, input: &PagesInput, now: NaiveDateTime) -> AppResult<()> {
    let (first, last, number) = validate::pages(input)?;
    let (_, article) = producing(conn, user, ms_id, &BEFORE_PUBLICATION)?;
    store::set_pages(conn, article.id, &first, &last, &number, now)
}

/// Records the copyedited file (already stored as `file_id`) and asks the authors to check it.
pub fn add_copyedited(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    ms_id: i64,
    file_id: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    let (ms, _) = producing(conn, user, ms_id, &[Stage::Copyediting])?;
    manuscripts::add_file(conn, ms.id, ms.round, FileKind::Copyedited, file_id, user.id, now)?;
    manuscripts::record(conn, ms.id, "copyedited", Some(user.id), &json!({}), now)?;
    crate::journals::manuscripts::workflow::tell_authors(conn, state, &ms, "journal_copyedit_ready", json!({}))
}

/// Copyediting is done: on to production.
pub fn to_production(conn: &mut AnyConnection, user: &User, ms_id: i64, now: NaiveDateTime) -> AppResult<()> {
    let (ms, _) = producing(conn, user, ms_id, &[Stage::Copyediting])?;
    let to = stages::next(ms.stage, Move::ToProduction).ok_or_else(|| AppError::Conflict("journal_ms.not_now".into()))?;
    manuscripts::set_stage(conn, ms.id, to, now)?;
    manuscripts::record(conn, ms.id, "to_production", Some(user.id), &json!({}), now)
}

/// Records a galley (the file already stored as `file_id`), replacing the one of the same kind
/// and language; the authors are asked to check the proofs when it is the first.
#[allow(clippy::too_many_arguments)]
pub fn add_galley(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    ms_id: i64,
    kind: GalleyKind,
    lang: &str,
    file_id: i64,
    now: NaiveDateTime,
) -> AppResult<i64> {
    let (ms, article) = producing(conn, user, ms_id, &[Stage::Production, Stage::Scheduled])?;
    let first = store::galleys_of(conn, article.id)?.is_empty();
    let id = store::put_galley(conn, article.id, kind, lang, file_id, user.id, now)?;
    manuscripts::record(
        conn,
        ms.id,
        "galley_added",
        Some(user.id),
        &json!({"kind": kind, "lang": lang}),
        now,
    )?;
    if first {
        crate::journals::manuscripts::workflow::tell_authors(conn, state, &ms, "journal_proofs_ready", json!({}))?;
    }
    Ok(id)
}

/// Removes a galley before publication.
pub fn remove_galley(conn: &mut AnyConnection, user: &User, ms_id: i64, galley_id: i64, now: NaiveDateTime) -> AppResult<()> {
    let (ms, article) = producing(conn, user, ms_id, &[Stage::Production, Stage::Scheduled])?;
    let g = store::galley(conn, article.id, galley_id)?;
    store::remove_galley(conn, g.id)?;
    manuscripts::record(
        conn,
        ms.id,
        "galley_removed",
        Some(user.id),
        &json!({"kind": g.kind, "lang": g.lang}),
        now,
    )
}

/// The authors' answer on the copyedit or the proofs.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProofsInput {
    /// True to approve; false to send corrections.
    pub approved: bool,
    /// The corrections (required when not approving), or a note.
    #[serde(default)]
    pub note: String,
}

/// The authors approve the copyedit (in copyediting) or the proofs (in production), or send
/// corrections; the handling editor and managing editors hear.
pub fn check_proofs(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    ms_id: i64,
    input: &ProofsInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    let mut f = crate::error::FieldErrors::new();
    let note = crate::text::field(&mut f, "note", &input.note, 20_000);
    if !input.approved && note.is_empty() {
        f.insert("note".into(), "journal_article.corrections_required".into());
    }
    AppError::unless_fields(f, ())?;
    let (ms, _) = manuscript_for(conn, user, ms_id, ManuscriptAction::CheckProofs)?;
    let what = match ms.stage {
        Stage::Copyediting if manuscripts::files_of(conn, ms.id)?.iter().any(|f| f.kind == FileKind::Copyedited) => "copyedit",
        Stage::Production | Stage::Scheduled => {
            let article = store::of_manuscript(conn, ms.id)?.ok_or_else(|| AppError::Conflict("journal_ms.not_now".into()))?;
            if store::galleys_of(conn, article.id)?.is_empty() {
                return Err(AppError::Conflict("journal_article.nothing_to_check".into()));
            }
            "proofs"
        }
        Stage::Copyediting => return Err(AppError::Conflict("journal_article.nothing_to_check".into())),
        _ => return Err(AppError::Conflict("journal_ms.not_now".into())),
    };
    let kind = format!("{what}_{}", if input.approved { "approved" } else { "corrections" });
    manuscripts::record(conn, ms.id, &kind, Some(user.id), &json!({"note": note}), now)?;
    let j = crate::journals::store::get(conn, ms.journal_id)?;
    for uid in crate::journals::manuscripts::workflow::office_contacts(conn, &ms)? {
        let e = crate::auth::store::by_id(conn, uid)?;
        let vars = json!({
            "journal_zh": j.name_zh, "journal_en": j.name_en, "number": ms.number,
            "title_zh": ms.title_zh, "title_en": ms.title_en, "author": user.display_name(),
            "what": what, "approved": input.approved, "note": note,
            "link": format!("{}/manuscripts/{}#production", state.config.base_url, ms.id),
        });
        let mid = mail::queue(conn, state, Mail::to_user(&e, e.mail_lang(), "journal_proofs_checked", vars))?;
        manuscripts::link_mail(conn, ms.id, mid, "proofs_checked")?;
    }
    Ok(())
}
