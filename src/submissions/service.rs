//! Submission workflows shared by pages and API: submit, update, withdraw, with files and
//! receipts committed together or not at all.

use chrono::{Datelike, Utc};
use serde_json::json;

use super::model::{Author, Submission};
use super::policy::{self, Access};
use super::store;
use super::upload::{self, ReceivedFile, Upload};
use super::validate::{self, CallContext, SubmissionSpec};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::mail::{self, Mail};
use crate::venues::model::{Call, Question, Topic, Track, Venue};
use crate::venues::{store as vstore, view};
use crate::web::AppState;
use crate::web::i18n::Lang;
use crate::web::idempotency::Claim;

/// A venue with the call a submission goes to, as submitting needs it.
#[derive(Clone)]
pub struct CallData {
    /// Venue.
    pub venue: Venue,
    /// The governing call: a track's own, or the venue-wide one.
    pub call: Call,
    /// The track whose own call this is.
    pub own_track: Option<Track>,
    /// Tracks this call covers (what the form offers).
    pub tracks: Vec<Track>,
    /// The venue's tracks that have a call of their own instead.
    pub other_tracks: Vec<Track>,
    /// Topics.
    pub topics: Vec<Topic>,
    /// Extra questions.
    pub questions: Vec<Question>,
    /// The venue's programme committee, for declaring conflicts.
    pub committee: Vec<CommitteeEntry>,
    /// Their account ids.
    pub committee_ids: Vec<i64>,
    /// Whether the venue allows dual submission when declared (the form asks for them).
    pub asks_related: bool,
}

/// A committee member as the submission form lists them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CommitteeEntry {
    /// Account id.
    pub user_id: i64,
    /// Display name.
    pub name: String,
    /// Institution.
    pub affiliation: String,
}

impl CallData {
    /// What the metadata is validated against.
    pub fn context(&self) -> CallContext<'_> {
        CallContext {
            tracks: &self.tracks,
            other_tracks: &self.other_tracks,
            topics: &self.topics,
            questions: &self.questions,
            committee: &self.committee_ids,
        }
    }
}

/// Loads the call a new submission goes to: with `track` (a URL name) that track's own call
/// or, when it has none, the venue-wide call; 404 when there is none.
pub fn load_call(conn: &mut AnyConnection, venue_id: i64, track: Option<&str>) -> AppResult<CallData> {
    let tid = vstore::track_id_param(conn, venue_id, track)?;
    let call = vstore::effective_call(conn, venue_id, tid)?.ok_or(AppError::NotFound)?;
    call_data(conn, call)
}

/// Loads the call a submission was made under.
pub fn load_call_of(conn: &mut AnyConnection, s: &Submission) -> AppResult<CallData> {
    let call = vstore::call_by_id(conn, s.call_id)?;
    call_data(conn, call)
}

fn call_data(conn: &mut AnyConnection, call: Call) -> AppResult<CallData> {
    let venue = vstore::by_id(conn, call.venue_id)?;
    let all = vstore::tracks_of(conn, &[venue.id])?;
    let with_own: Vec<i64> = vstore::calls_of(conn, venue.id)?.iter().filter_map(|c| c.track_id).collect();
    let (tracks, other_tracks): (Vec<Track>, Vec<Track>) = match call.track_id {
        Some(t) => all.into_iter().partition(|x| x.id == t),
        None => all.into_iter().partition(|x| !with_own.contains(&x.id)),
    };
    let mut committee = Vec::new();
    for (_, uid) in crate::review::committee::store::accepted_accounts(conn, venue.id)? {
        let u = crate::auth::store::by_id(conn, uid)?;
        committee.push(CommitteeEntry {
            user_id: uid,
            name: u.display_name(),
            affiliation: u.affiliation,
        });
    }
    committee.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(CallData {
        asks_related: crate::integrity::queue::asks_declaration(conn, venue.id)?,
        committee_ids: committee.iter().map(|c| c.user_id).collect(),
        committee,
        own_track: call.track_id.and_then(|t| tracks.iter().find(|x| x.id == t).cloned()),
        topics: vstore::topics_of(conn, venue.id)?,
        questions: vstore::questions_of(conn, call.id)?,
        tracks,
        other_tracks,
        venue,
        call,
    })
}

/// A venue with all its tracks and topics, for the organisers' table and exports.
#[derive(Clone)]
pub struct VenueData {
    /// Venue.
    pub venue: Venue,
    /// Every track.
    pub tracks: Vec<Track>,
    /// Topics.
    pub topics: Vec<Topic>,
}

/// Loads a venue's tracks and topics.
pub fn load_venue(conn: &mut AnyConnection, venue_id: i64) -> AppResult<VenueData> {
    Ok(VenueData {
        venue: vstore::by_id(conn, venue_id)?,
        tracks: vstore::tracks_of(conn, &[venue_id])?,
        topics: vstore::topics_of(conn, venue_id)?,
    })
}

fn mb(n: i32) -> u64 {
    n.max(0) as u64 * 1024 * 1024
}

/// Reads a multipart body with the call's size limits.
pub async fn read_upload(state: &AppState, data: &CallData, payload: actix_multipart::Multipart) -> Result<Upload, upload::ReadFailure> {
    upload::read(payload, &state.files, mb(data.call.max_file_mb), mb(data.call.supp_max_mb)).await
}

/// Notes for the author that do not block saving.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Warnings {
    /// Under double-blind review, the PDF's metadata names this author.
    pub pdf_author: Option<String>,
}

async fn check_files(
    state: &AppState,
    data: &CallData,
    up: &Upload,
    pdf_required: bool,
) -> AppResult<(Option<u32>, Option<&'static str>, Warnings)> {
    let mut warnings = Warnings::default();
    let pages = match &up.pdf {
        Some(f) => {
            let info = upload::check_pdf(f, data.call.page_limit, state.config.pdf).await?;
            if data.call.anonymity == "double_blind" {
                warnings.pdf_author = info.author.clone();
            }
            Some(info.pages)
        }
        None if pdf_required => return Err(AppError::field("pdf", "validation.pdf_required")),
        None => None,
    };
    let supp_type = match &up.supplement {
        Some(f) => Some(upload::check_supplement(f)?),
        None => None,
    };
    Ok((pages, supp_type, warnings))
}

fn check_age(conn: &mut AnyConnection, data: &CallData, spec: &SubmissionSpec) -> AppResult<()> {
    let track_limit = spec
        .track_id
        .and_then(|t| data.tracks.iter().find(|x| x.id == t))
        .and_then(|t| t.age_limit);
    let Some(limit) = track_limit.or(data.venue.age_limit) else {
        return Ok(());
    };
    let presenter = spec
        .authors
        .iter()
        .find(|a| a.is_presenter)
        .ok_or_else(|| AppError::field("presenter", "validation.presenter_required"))?;
    let account = crate::auth::store::by_email(conn, &presenter.email)?;
    let Some(birth_year) = account.and_then(|u| u.birth_year) else {
        return Err(AppError::field("presenter", "validation.birth_year_needed"));
    };
    let event_year = data.venue.starts_on.map(|d| d.year()).unwrap_or_else(|| Utc::now().year());
    if validate::under_age_limit(limit, birth_year, event_year) {
        Ok(())
    } else {
        Err(AppError::field("presenter", "validation.over_age_limit"))
    }
}

/// Records the file rows; the bytes are published by `persist` once these rows have committed.
fn save_files(
    conn: &mut AnyConnection,
    up: &Upload,
    pages: Option<u32>,
    supp_type: Option<&str>,
    by: i64,
) -> AppResult<(Option<i64>, Option<i64>)> {
    let mut keep = |f: &ReceivedFile, ct: &str, pages: Option<u32>| -> AppResult<i64> {
        let row = crate::files::model::NewFile {
            sha256: &f.incoming.sha256,
            size_bytes: f.incoming.size as i64,
            content_type: ct,
            original_name: &f.name,
            page_count: pages.map(|p| p as i32),
            uploaded_by: Some(by),
        };
        crate::files::model::insert(conn, &row)
    };
    let pdf = up.pdf.as_ref().map(|f| keep(f, "application/pdf", pages)).transpose()?;
    let supp = match (&up.supplement, supp_type) {
        (Some(f), Some(ct)) => Some(keep(f, ct, None)?),
        _ => None,
    };
    Ok((pdf, supp))
}

/// Queues a receipt to every author, each in their own language when they have an account.
/// Listing a member of the venue's committee as an author does not silently make them an
/// author: until they confirm it, a chair sees a suggested conflict ("is an author of the
/// paper") to decide on.
fn flag_committee_authors(conn: &mut AnyConnection, venue_id: i64, submission_id: i64, authors: &[Author]) -> AppResult<()> {
    use crate::review::conflicts::{model, store as conflicts};
    for (member, uid) in crate::review::committee::store::accepted_accounts(conn, venue_id)? {
        let account = crate::auth::store::by_id(conn, uid)?;
        let listed = authors
            .iter()
            .any(|a| a.confirmed_at.is_none() && (a.email == account.email || a.email == member.email.to_lowercase()));
        if listed {
            conflicts::put(
                conn,
                venue_id,
                submission_id,
                uid,
                model::SUGGESTED,
                model::FROM_SYSTEM,
                "author:",
                None,
            )?;
        }
    }
    Ok(())
}

fn queue_receipts(
    conn: &mut AnyConnection,
    state: &AppState,
    data: &CallData,
    s: &Submission,
    authors: &[Author],
    event: &str,
    fallback: Lang,
) -> AppResult<()> {
    for a in authors {
        let account = crate::auth::store::by_email(conn, &a.email)?;
        let lang = account
            .as_ref()
            .and_then(|u| u.preferred_lang.as_deref())
            .and_then(Lang::parse)
            .unwrap_or(fallback);
        let name = if a.name_zh.is_empty() {
            a.name_latin.clone()
        } else {
            a.name_zh.clone()
        };
        mail::queue(
            conn,
            state,
            Mail {
                to: a.email.clone(),
                to_name: name,
                lang,
                template: "submission_receipt",
                vars: json!({
                    "event": event,
                    "venue_zh": data.venue.title_zh, "venue_en": data.venue.title_en,
                    "number": s.number, "title_zh": s.title_zh, "title_en": s.title_en,
                    "version": s.version,
                    "link": format!("{}/submissions/{}", state.config.base_url, s.id),
                    "has_account": account.is_some(),
                    "unconfirmed": a.confirmed_at.is_none(),
                    "signup": format!("{}/signup", state.config.base_url),
                }),
            },
        )?;
    }
    Ok(())
}

/// Creates a submission from a parsed form.
/// With `once`, the submission is recorded under that idempotency claim in its own transaction
/// (see `web::idempotency`).
pub async fn submit(
    state: &AppState,
    user: &User,
    data: CallData,
    up: Upload,
    lang: Lang,
    once: Option<Claim>,
) -> AppResult<(Submission, Warnings)> {
    let now = Utc::now().naive_utc();
    if !data.venue.is_open() {
        return Err(AppError::Conflict("submissions.not_open".into()));
    }
    if !view::accepting_new(&data.call, now) {
        return Err(AppError::Conflict("submissions.deadline_passed".into()));
    }
    let input = upload::to_input(&up)?;
    let spec = validate::submission(&input, &data.context(), &user.email)?;
    // With an abstract deadline, registering without the PDF is allowed until then.
    let pdf_required = data
        .call
        .abstract_deadline
        .is_none_or(|a| !crate::venues::deadline::is_open(now, a, data.call.grace_minutes, None));
    let (pages, supp_type, warnings) = check_files(state, &data, &up, pdf_required).await?;
    let s = persist(state, user.id, data, spec, up, pages, supp_type, None, lang, once).await?;
    Ok((s, warnings))
}

/// What a submitting request led to.
pub enum Submitted {
    /// A new submission.
    New(Box<Submission>, Warnings),
    /// The same request was made before (same idempotency key and content): its submission.
    Again(i64),
}

/// Submits once per idempotency claim: a request whose claim was already used gets the earlier
/// submission (checked before, and again after a failure, which is how the loser of two
/// concurrent sends learns about the winner); the key reused for a different request is 422.
pub async fn submit_once(
    state: &AppState,
    user: &User,
    data: CallData,
    up: Upload,
    lang: Lang,
    claim: Option<Claim>,
) -> AppResult<Submitted> {
    let Some(claim) = claim else {
        return submit(state, user, data, up, lang, None)
            .await
            .map(|(s, w)| Submitted::New(Box::new(s), w));
    };
    if let Some(id) = earlier(state, &claim).await? {
        return Ok(Submitted::Again(id));
    }
    match submit(state, user, data, up, lang, Some(claim.clone())).await {
        Ok((s, w)) => Ok(Submitted::New(Box::new(s), w)),
        Err(e) => match earlier(state, &claim).await? {
            Some(id) => Ok(Submitted::Again(id)),
            None => Err(e),
        },
    }
}

/// The submission an earlier request with this claim made, if any.
async fn earlier(state: &AppState, claim: &Claim) -> AppResult<Option<i64>> {
    let c = claim.clone();
    match state.db.run(move |conn| crate::web::idempotency::earlier(conn, &c)).await? {
        Some(found) => crate::web::idempotency::replay(&found, claim).map(Some),
        None => Ok(None),
    }
}

/// The idempotency scope of a new submission to this call.
pub fn submission_scope(data: &CallData) -> String {
    format!("submission:call:{}", data.call.id)
}

/// Loads a submission the user may see, with its authors and the user's access; else 404.
pub fn load_visible(conn: &mut AnyConnection, user: &User, id: i64) -> AppResult<(Submission, Vec<Author>, Access)> {
    let s = store::get(conn, id)?;
    let authors = store::authors_of(conn, s.id)?;
    let access = policy::access(conn, user, &s, &authors)?.ok_or(AppError::NotFound)?;
    Ok((s, authors, access))
}

/// Saves a new version from a parsed form.
pub async fn update(state: &AppState, user: &User, id: i64, up: Upload, lang: Lang) -> AppResult<(Submission, Warnings)> {
    let u = user.clone();
    let (s, data, access, notified) = state
        .db
        .run(move |c| {
            let (s, _, access) = load_visible(c, &u, id)?;
            let data = load_call_of(c, &s)?;
            let notified = store::decision_notified(c, s.id)?;
            Ok((s, data, access, notified))
        })
        .await?;
    let now = Utc::now().naive_utc();
    policy::check_edit(access, &data.call, &s, notified, now)?;
    let input = upload::to_input(&up)?;
    let spec = validate::submission(&input, &data.context(), &user.email)?;
    // Once the abstract period is over, a paper without a PDF must get one.
    let pdf_required = s.pdf_file_id.is_none()
        && data
            .call
            .abstract_deadline
            .is_none_or(|a| !crate::venues::deadline::is_open(now, a, data.call.grace_minutes, None));
    let (pages, supp_type, warnings) = check_files(state, &data, &up, pdf_required).await?;
    let s = persist(state, user.id, data, spec, up, pages, supp_type, Some(id), lang, None).await?;
    Ok((s, warnings))
}

/// Stores the uploaded bytes, then saves file rows, the submission (new when `existing` is
/// `None`) and the receipts in one transaction: a committed submission always has its files,
/// and a failed transaction leaves only unreferenced files, which `files::sweep` removes.
#[allow(clippy::too_many_arguments)]
async fn persist(
    state: &AppState,
    uid: i64,
    data: CallData,
    spec: SubmissionSpec,
    up: Upload,
    pages: Option<u32>,
    supp_type: Option<&'static str>,
    existing: Option<i64>,
    lang: Lang,
    once: Option<Claim>,
) -> AppResult<Submission> {
    // A supplement of no accepted type gets no row, so it is not stored.
    let supplement = up.supplement.as_ref().filter(|_| supp_type.is_some());
    for f in [up.pdf.as_ref(), supplement].into_iter().flatten() {
        state.files.persist(&f.incoming).await.map_err(crate::files::storage_error)?;
    }
    let st = state.clone();
    let up = std::sync::Arc::new(up);
    let up2 = up.clone();
    state
        .db
        .tx(move |conn| {
            check_age(conn, &data, &spec)?;
            let emails: Vec<&str> = spec.authors.iter().map(|a| a.email.as_str()).collect();
            crate::integrity::cases::sanctions::refuse_submission(conn, data.venue.society_id, uid, &emails)?;
            let (pdf, supp) = save_files(conn, &up2, pages, supp_type, uid)?;
            let listed_before: std::collections::HashSet<String> = match existing {
                Some(id) => store::authors_of(conn, id)?.into_iter().map(|a| a.email).collect(),
                None => Default::default(),
            };
            let (s, event) = match existing {
                None => (
                    store::create(conn, data.venue.id, data.call.id, &spec, pdf, supp, uid)?,
                    "submitted",
                ),
                Some(id) => (store::update(conn, id, &spec, pdf, supp, uid)?, "updated"),
            };
            if let Some(claim) = &once {
                crate::web::idempotency::record(conn, claim, s.id)?;
            }
            // Reviewers under double-blind review read an anonymised copy, made once by a job
            // queued with the PDF that needs it.
            if let (Some(pdf), "double_blind") = (pdf, data.call.anonymity.as_str()) {
                crate::files::copies::request(conn, pdf)?;
            }
            if let Some(pdf) = pdf {
                crate::integrity::queue::paper(conn, data.venue.id, s.id, pdf)?;
            }
            crate::review::conflicts::store::set_author_declared(conn, data.venue.id, s.id, &spec.conflicts, uid)?;
            crate::integrity::queue::declare(conn, s.id, &spec.related_submissions)?;
            let authors = store::authors_of(conn, s.id)?;
            flag_committee_authors(conn, data.venue.id, s.id, &authors)?;
            // Listed people who have not confirmed hear once, when first listed; receipts with
            // the submitter's text are for confirmed authors.
            let to_mail: Vec<Author> = authors
                .iter()
                .filter(|a| a.confirmed_at.is_some() || !listed_before.contains(&a.email))
                .cloned()
                .collect();
            queue_receipts(conn, &st, &data, &s, &to_mail, event, lang)?;
            Ok(s)
        })
        .await
}

/// Withdraws a submission (its authors, at any time); organisers keep seeing it.
pub async fn withdraw(state: &AppState, user: &User, id: i64, lang: Lang) -> AppResult<Submission> {
    let (st, u) = (state.clone(), user.clone());
    state
        .db
        .tx(move |conn| {
            let (s, authors, access) = load_visible(conn, &u, id)?;
            let data = load_call_of(conn, &s)?;
            match access {
                Access::Chair => return Err(AppError::Forbidden),
                Access::Author { corresponding } if data.call.only_corresponding_edits && !corresponding => {
                    return Err(AppError::Conflict("submissions.only_corresponding".into()));
                }
                _ => {}
            }
            if s.status != super::model::SUBMITTED {
                return Err(AppError::Conflict("submissions.is_withdrawn".into()));
            }
            let s = store::withdraw(conn, id, u.id)?;
            queue_receipts(conn, &st, &data, &s, &authors, "withdrawn", lang)?;
            Ok(s)
        })
        .await
}

/// Whether the checked files need a PDF; exposed for the form page.
pub fn pdf_optional_now(call: &Call) -> bool {
    let now = Utc::now().naive_utc();
    call.abstract_deadline
        .is_some_and(|a| crate::venues::deadline::is_open(now, a, call.grace_minutes, None))
}

/// The user confirms being an author of a paper that lists their (confirmed) address; from
/// then on they have an author's rights. 404 when the paper does not list them.
pub fn confirm_authorship(conn: &mut AnyConnection, user: &User, submission_id: i64) -> AppResult<Submission> {
    if user.email_verified_at.is_none() {
        return Err(AppError::NotFound);
    }
    let s = store::get(conn, submission_id)?;
    let listed = store::authors_of(conn, s.id)?.into_iter().any(|a| a.email == user.email);
    if !listed {
        return Err(AppError::NotFound);
    }
    store::confirm_authorship(conn, s.id, &user.email)?;
    Ok(s)
}

/// An author of the paper (any confirmed author: it is the authors' consent, not the chairs')
/// records whether its current PDF may be public once it is accepted and they are told.
pub fn set_pdf_public(conn: &mut AnyConnection, user: &User, id: i64, public: bool) -> AppResult<()> {
    let (s, _, access) = load_visible(conn, user, id)?;
    if !matches!(access, Access::Author { .. }) {
        return Err(AppError::Forbidden);
    }
    if s.status != super::model::SUBMITTED {
        return Err(AppError::Conflict("submissions.is_withdrawn".into()));
    }
    store::set_pdf_public(conn, id, public)
}
