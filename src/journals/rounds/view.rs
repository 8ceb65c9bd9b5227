//! What each side reads of review rounds: the editors every invitation with its state, dates,
//! possible conflicts and the submitted review; the reviewer, through the link, the invitation,
//! the manuscript as the review mode allows (no authors under double-blind), their own review
//! and, in a later round, the earlier rounds' reviews as the authors got them, under letters.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::conflicts::Warning;
use super::model::{Invitation, Recommendation, Status};
use super::states::{Act, ReviewState, allows};
use super::store;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::journals::manuscripts::model::{FileKind, Manuscript};
use crate::journals::setup::model::ReviewMode;
use crate::review::forms::model::{Answers, Field, for_authors};

/// A submitted review.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = JournalReview)]
pub struct ReviewShown {
    /// The form it answered.
    pub form: Vec<Field>,
    /// The answers by field key.
    #[schema(value_type = Object)]
    pub answers: Answers,
    /// The recommendation.
    pub recommendation: Option<Recommendation>,
    /// When it came in (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub submitted_at: Option<NaiveDateTime>,
}

/// One invitation as the editors see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReviewerRow {
    /// Id.
    pub id: i64,
    /// Round.
    pub round: i32,
    /// Name.
    pub name: String,
    /// Address.
    pub email: String,
    /// Institution.
    pub affiliation: String,
    /// Where it stands.
    pub state: ReviewState,
    /// Invited (UTC).
    #[serde(with = "crate::web::utc")]
    pub invited_at: NaiveDateTime,
    /// Answer due (end of day, UTC).
    pub response_due: NaiveDate,
    /// Review due (end of day, UTC).
    pub review_due: NaiveDate,
    /// Answered (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub responded_at: Option<NaiveDateTime>,
    /// Why they declined.
    pub decline_reason: String,
    /// Whom they suggested instead.
    pub suggestion: String,
    /// Possible conflicts the inviting editor saw.
    pub conflicts: Vec<Warning>,
    /// Reminders sent.
    pub reminders_sent: i32,
    /// The review, once submitted.
    pub review: Option<ReviewShown>,
    /// What the editors may do now: `cancel`, `reinstate`, `change_dates`, `confirm`, `thank`, `remind`.
    pub actions: Vec<String>,
}

fn answers_of(inv: &Invitation) -> AppResult<Answers> {
    serde_json::from_str(&inv.answers).map_err(|e| AppError::caused("stored answers", e))
}

fn form_of(inv: &Invitation, current: &[Field]) -> AppResult<Vec<Field>> {
    match &inv.form {
        Some(f) => serde_json::from_str(f).map_err(|e| AppError::caused("stored form", e)),
        None => Ok(current.to_vec()),
    }
}

fn recommendation_of(inv: &Invitation) -> Option<Recommendation> {
    inv.recommendation.as_deref().and_then(Recommendation::parse)
}

fn shown(inv: &Invitation, current: &[Field]) -> AppResult<Option<ReviewShown>> {
    if inv.status != Status::Submitted {
        return Ok(None);
    }
    Ok(Some(ReviewShown {
        form: form_of(inv, current)?,
        answers: answers_of(inv)?,
        recommendation: recommendation_of(inv),
        submitted_at: inv.submitted_at,
    }))
}

fn warnings(codes: &str) -> Vec<Warning> {
    serde_json::from_str::<Vec<String>>(codes)
        .unwrap_or_default()
        .into_iter()
        .map(|c| {
            let (reason, detail) = c.split_once(':').unwrap_or((c.as_str(), ""));
            Warning {
                reason: reason.into(),
                detail: detail.into(),
            }
        })
        .collect()
}

/// Every invitation of the manuscript, for its editors (the caller has checked they are).
pub fn for_editors(conn: &mut AnyConnection, ms: &Manuscript, today: NaiveDate) -> AppResult<Vec<ReviewerRow>> {
    let current = crate::journals::setup::view::current(conn, ms.journal_id)?.form;
    let mut out = Vec::new();
    for inv in store::of_manuscript(conn, ms.id)? {
        let state = inv.state(today);
        let open = super::service::round_open(ms, &inv);
        let actions = [
            (Act::Cancel, "cancel", false),
            (Act::Reinstate, "reinstate", true),
            (Act::ChangeDates, "change_dates", true),
            (Act::Confirm, "confirm", false),
            (Act::Thank, "thank", false),
            (Act::Remind, "remind", true),
        ]
        .into_iter()
        .filter(|(a, _, needs_open)| allows(state, *a) && (open || !needs_open))
        .map(|(_, name, _)| name.to_string())
        .collect();
        out.push(ReviewerRow {
            id: inv.id,
            round: inv.round,
            review: shown(&inv, &current)?,
            conflicts: warnings(&inv.conflicts),
            name: inv.name,
            email: inv.email,
            affiliation: inv.affiliation,
            state,
            invited_at: inv.invited_at,
            response_due: inv.response_due,
            review_due: inv.review_due,
            responded_at: inv.responded_at,
            decline_reason: inv.decline_reason,
            suggestion: inv.suggestion,
            reminders_sent: inv.reminders_sent,
            actions,
        });
    }
    Ok(out)
}

/// An earlier round's review as a later round's reviewer reads it: what the authors got.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EarlierReview {
    /// Its round.
    pub round: i32,
    /// "Reviewer A", or the name under open review.
    pub label: String,
    /// The form it answered (only the fields authors see).
    pub form: Vec<Field>,
    /// The answers authors see.
    #[schema(value_type = Object)]
    pub answers: Answers,
}

/// An author as a reviewer may see them (never under double-blind).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ReviewedAuthor)]
pub struct AuthorShown {
    /// Name.
    pub name: String,
    /// Institution.
    pub affiliation: String,
}

/// The reviewer's own review so far.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OwnReview {
    /// Answers by field key.
    #[schema(value_type = Object)]
    pub answers: Answers,
    /// Recommendation.
    pub recommendation: Option<Recommendation>,
    /// Last saved (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub saved_at: Option<NaiveDateTime>,
    /// Submitted (UTC); then it is final.
    #[serde(with = "crate::web::utc::option")]
    pub submitted_at: Option<NaiveDateTime>,
}

/// What the personal link shows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReviewInvitationView {
    /// Journal name, Chinese.
    pub journal_zh: String,
    /// Journal name, English.
    pub journal_en: String,
    /// Manuscript number.
    pub number: i32,
    /// Round.
    pub round: i32,
    /// Where it stands.
    pub state: ReviewState,
    /// Review mode.
    pub review_mode: ReviewMode,
    /// The invited person's name and address.
    pub name: String,
    /// Address.
    pub email: String,
    /// Title, Chinese (empty once the invitation is cancelled).
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Abstract, Chinese.
    pub abstract_zh: String,
    /// Abstract, English.
    pub abstract_en: String,
    /// Keywords, Chinese.
    pub keywords_zh: String,
    /// Keywords, English.
    pub keywords_en: String,
    /// Authors (none under double-blind review).
    pub authors: Option<Vec<AuthorShown>>,
    /// The inviting editor's name.
    pub invited_by: Option<String>,
    /// Their note.
    pub message: String,
    /// Answer due.
    pub response_due: NaiveDate,
    /// Review due.
    pub review_due: NaiveDate,
    /// Accepting is possible.
    pub can_accept: bool,
    /// Declining is possible.
    pub can_decline: bool,
    /// Writing the review is possible.
    pub can_review: bool,
    /// Where the manuscript PDF is (after accepting, while the round is open).
    pub manuscript_pdf: Option<String>,
    /// The review form.
    pub form: Vec<Field>,
    /// The recommendations to choose from.
    pub recommendations: Vec<Recommendation>,
    /// The reviewer's review so far.
    pub review: Option<OwnReview>,
    /// Earlier rounds' reviews (after accepting).
    pub earlier: Vec<EarlierReview>,
}

/// Whether the reviewer reads the manuscript itself: after accepting, while the round is open.
pub fn reads_manuscript(ms: &Manuscript, inv: &Invitation, today: NaiveDate) -> bool {
    use ReviewState::*;
    matches!(inv.state(today), Accepted | ReviewOverdue | Received | Complete | Thanked) && super::service::round_open(ms, inv)
}

/// What the link of `inv` shows on `today`.
pub fn for_reviewer(
    conn: &mut AnyConnection,
    inv: &Invitation,
    ms: &Manuscript,
    token: &str,
    today: NaiveDate,
) -> AppResult<ReviewInvitationView> {
    let journal = crate::journals::store::get(conn, ms.journal_id)?;
    let current = crate::journals::setup::view::current(conn, ms.journal_id)?;
    let mode = current.spec.review_mode;
    let state = inv.state(today);
    let open = super::service::round_open(ms, inv);
    let shown = state != ReviewState::Cancelled;
    let accepted = matches!(
        state,
        ReviewState::Accepted | ReviewState::ReviewOverdue | ReviewState::Received | ReviewState::Complete | ReviewState::Thanked
    );
    let authors = if mode != ReviewMode::DoubleBlind && shown {
        Some(
            crate::journals::manuscripts::store::authors_of(conn, ms.id)?
                .into_iter()
                .map(|a| AuthorShown {
                    name: a.display_name(),
                    affiliation: a.affiliation,
                })
                .collect(),
        )
    } else {
        None
    };
    let invited_by = match inv.invited_by {
        Some(id) if shown => Some(crate::auth::store::by_id(conn, id)?.display_name()),
        _ => None,
    };
    let review = if accepted {
        Some(OwnReview {
            answers: answers_of(inv)?,
            recommendation: recommendation_of(inv),
            saved_at: inv.saved_at,
            submitted_at: inv.submitted_at,
        })
    } else {
        None
    };
    let earlier = if accepted {
        earlier_reviews(conn, ms, inv, mode, &current.form)?
    } else {
        Vec::new()
    };
    let text = |s: &str| if shown { s.to_string() } else { String::new() };
    Ok(ReviewInvitationView {
        journal_zh: journal.name_zh,
        journal_en: journal.name_en,
        number: ms.number,
        round: inv.round,
        state,
        review_mode: mode,
        name: inv.name.clone(),
        email: inv.email.clone(),
        title_zh: text(&ms.title_zh),
        title_en: text(&ms.title_en),
        abstract_zh: text(&ms.abstract_zh),
        abstract_en: text(&ms.abstract_en),
        keywords_zh: text(&ms.keywords_zh),
        keywords_en: text(&ms.keywords_en),
        authors,
        invited_by,
        message: text(&inv.message),
        response_due: inv.response_due,
        review_due: inv.review_due,
        can_accept: open && allows(state, Act::Accept),
        can_decline: allows(state, Act::Decline),
        can_review: open && allows(state, Act::Review),
        manuscript_pdf: reads_manuscript(ms, inv, today).then(|| format!("/review/{token}/manuscript.pdf")),
        form: form_of(inv, &current.form)?,
        recommendations: Recommendation::ALL.to_vec(),
        review,
        earlier,
    })
}

/// The reviews of the manuscript's earlier rounds, as its authors read them.
fn earlier_reviews(
    conn: &mut AnyConnection,
    ms: &Manuscript,
    inv: &Invitation,
    mode: ReviewMode,
    current: &[Field],
) -> AppResult<Vec<EarlierReview>> {
    as_authors_read(conn, ms, mode, current, |round| round < inv.round)
}

/// The submitted reviews of the rounds `rounds` picks, as the authors read them: the fields
/// for authors only, under letters in the order the reviews came (names under open review).
pub fn as_authors_read(
    conn: &mut AnyConnection,
    ms: &Manuscript,
    mode: ReviewMode,
    current: &[Field],
    rounds: impl Fn(i32) -> bool,
) -> AppResult<Vec<EarlierReview>> {
    let submitted: Vec<Invitation> = store::of_manuscript(conn, ms.id)?
        .into_iter()
        .filter(|i| i.status == Status::Submitted && i.cancelled_at.is_none())
        .collect();
    let mut out = Vec::new();
    for (n, other) in submitted.iter().enumerate() {
        if !rounds(other.round) {
            continue;
        }
        let form: Vec<Field> = form_of(other, current)?.into_iter().filter(|f| f.visible_to_authors).collect();
        let answers = for_authors(&form, &answers_of(other)?);
        let label = if mode == ReviewMode::Open {
            other.name.clone()
        } else {
            crate::review::reviews::view::letter(n)
        };
        out.push(EarlierReview {
            round: other.round,
            label,
            form,
            answers,
        });
    }
    Ok(out)
}

/// The file the reviewer of `inv` reads: the manuscript PDF of their round (or the latest
/// before it).
pub fn manuscript_file(conn: &mut AnyConnection, ms: &Manuscript, inv: &Invitation) -> AppResult<i64> {
    crate::journals::manuscripts::store::files_of(conn, ms.id)?
        .into_iter()
        .filter(|f| f.kind == FileKind::Manuscript && f.round <= inv.round)
        .max_by_key(|f| (f.round, f.id))
        .map(|f| f.file_id)
        .ok_or(AppError::NotFound)
}

/// One of a reviewer's invitations, as their dashboard lists it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyInvitation {
    /// Journal name, Chinese.
    pub journal_zh: String,
    /// Journal name, English.
    pub journal_en: String,
    /// Manuscript number.
    pub number: i32,
    /// Round.
    pub round: i32,
    /// Title, Chinese (empty once cancelled).
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Where it stands.
    pub state: ReviewState,
    /// Answer due.
    pub response_due: NaiveDate,
    /// Review due.
    pub review_due: NaiveDate,
    /// The personal page (`/review/{token}`).
    pub link: String,
}

/// The invitations of `user`: to their address once verified, or linked to their account.
pub fn mine(
    conn: &mut AnyConnection,
    state: &crate::web::AppState,
    user: &crate::auth::User,
    today: NaiveDate,
) -> AppResult<Vec<MyInvitation>> {
    let email = user.email_verified_at.is_some().then_some(user.email.as_str());
    let mut out = Vec::new();
    for inv in store::of_reviewer(conn, email, user.id)? {
        let ms = crate::journals::manuscripts::store::get(conn, inv.manuscript_id)?;
        let journal = crate::journals::store::get(conn, ms.journal_id)?;
        let state_now = inv.state(today);
        let shown = state_now != ReviewState::Cancelled;
        out.push(MyInvitation {
            journal_zh: journal.name_zh,
            journal_en: journal.name_en,
            number: ms.number,
            round: inv.round,
            title_zh: if shown { ms.title_zh } else { String::new() },
            title_en: if shown { ms.title_en } else { String::new() },
            state: state_now,
            response_due: inv.response_due,
            review_due: inv.review_due,
            link: format!("/review/{}", super::service::token_of(state, &inv)),
        });
    }
    Ok(out)
}
