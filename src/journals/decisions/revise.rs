//! The authors' revision: a new PDF (and Word source, as the journal's file rules say) with a
//! response to the reviews. It opens the manuscript's next round under review, where the
//! editors invite reviewers again or decide without them.

use chrono::Utc;
use serde_json::json;

use super::store;
use crate::auth::User;
use crate::error::{AppError, AppResult};
use crate::guard::journal::manuscript_for;
use crate::guard::policy::ManuscriptAction;
use crate::journals::manuscripts::model::{FileKind, Stage};
use crate::journals::manuscripts::service::{check_files, keep};
use crate::journals::manuscripts::stages::{self, Move};
use crate::journals::setup::model::ReviewMode;
use crate::mail::{self, Mail};
use crate::submissions::upload::Upload;
use crate::web::AppState;

/// Longest response to the reviews, in characters.
pub const MAX_RESPONSE: usize = 50_000;

/// The journal's settings for a manuscript the user may revise (404 otherwise; 409 unless a
/// revision was asked for).
pub async fn target(state: &AppState, user: &User, ms_id: i64) -> AppResult<crate::journals::setup::view::Current> {
    let u = user.clone();
    state
        .db
        .run(move |c| {
            let (ms, _) = manuscript_for(c, &u, ms_id, ManuscriptAction::Revise)?;
            if ms.stage != Stage::Revision {
                return Err(AppError::Conflict("journal_ms.not_now".into()));
            }
            crate::journals::setup::view::current(c, ms.journal_id)
        })
        .await
}

/// Stores the revision and opens the next round; returns the new round.
pub async fn revise(state: &AppState, user: &User, ms_id: i64, up: Upload) -> AppResult<i32> {
    let current = target(state, user, ms_id).await?;
    let mut f = crate::error::FieldErrors::new();
    let response = crate::text::field(&mut f, "response", &up.get("response"), MAX_RESPONSE);
    if response.is_empty() {
        f.insert("response".into(), "journal_decision.response_required".into());
    }
    AppError::unless_fields(f, ())?;
    let (pages, source_type) = check_files(state, &current, &up).await?;
    let source = up.supplement.as_ref().filter(|_| source_type.is_some());
    for file in [up.pdf.as_ref(), source].into_iter().flatten() {
        state.files.persist(&file.incoming).await.map_err(crate::files::storage_error)?;
    }
    let (st, u) = (state.clone(), user.clone());
    let up = std::sync::Arc::new(up);
    state
        .db
        .tx(move |conn| {
            let now = Utc::now().naive_utc();
            // Checked again in the transaction: the stage may have moved meanwhile.
            let (ms, _) = manuscript_for(conn, &u, ms_id, ManuscriptAction::Revise)?;
            let to = stages::next(ms.stage, Move::Resubmit).ok_or_else(|| AppError::Conflict("journal_ms.not_now".into()))?;
            let round = crate::journals::manuscripts::store::next_round(conn, ms.id, now)?;
            let pdf = up.pdf.as_ref().ok_or_else(|| AppError::field("pdf", "validation.pdf_required"))?;
            let pdf_id = keep(conn, pdf, "application/pdf", Some(pages), u.id)?;
            crate::journals::manuscripts::store::add_file(conn, ms.id, round, FileKind::Manuscript, pdf_id, u.id, now)?;
            if let (Some(file), Some(ct)) = (up.supplement.as_ref(), source_type) {
                let sid = keep(conn, file, ct, None, u.id)?;
                crate::journals::manuscripts::store::add_file(conn, ms.id, round, FileKind::Source, sid, u.id, now)?;
            }
            if crate::journals::setup::view::current(conn, ms.journal_id)?.spec.review_mode == ReviewMode::DoubleBlind {
                crate::files::copies::request(conn, pdf_id)?;
            }
            crate::integrity::queue::manuscript(conn, ms.journal_id, ms.id, pdf_id)?;
            store::add_revision(conn, ms.id, round, &response, u.id, now)?;
            crate::journals::manuscripts::store::set_stage(conn, ms.id, to, now)?;
            crate::journals::manuscripts::store::record(conn, ms.id, "revised", Some(u.id), &json!({"round": round}), now)?;
            let ms = crate::journals::manuscripts::store::get(conn, ms.id)?;
            let j = crate::journals::store::get(conn, ms.journal_id)?;
            for uid in crate::journals::manuscripts::workflow::office_contacts(conn, &ms)? {
                let e = crate::auth::store::by_id(conn, uid)?;
                let vars = json!({
                    "journal_zh": j.name_zh, "journal_en": j.name_en, "number": ms.number, "round": round,
                    "title_zh": ms.title_zh, "title_en": ms.title_en,
                    "link": format!("{}/manuscripts/{}", st.config.base_url, ms.id),
                });
                let mid = mail::queue(conn, &st, Mail::to_user(&e, e.mail_lang(), "journal_revision_received", vars))?;
                crate::journals::manuscripts::store::link_mail(conn, ms.id, mid, "revision_received")?;
            }
            Ok(round)
        })
        .await
}
