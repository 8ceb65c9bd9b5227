//! Review rounds at work: the editors invite reviewers (conflicts checked), change due dates,
//! cancel and reinstate, confirm and thank; the reviewer answers and reviews through the
//! personal link alone. Each action runs in the caller's transaction, is checked against the
//! invitation's state (`states::allows`), and mails whoever must hear, filed under the manuscript.

use chrono::{NaiveDateTime, Utc};
use serde_json::{Value, json};

use super::conflicts::{self, Candidate, Warning};
use super::model::{Invitation, Status};
use super::states::{Act, allows};
use super::store::{self, Link};
use super::validate::{self, DeclineInput, Defaults, DueInput, InviteInput, ReviewInput, ThankInput};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::guard::journal::manuscript_for;
use crate::guard::policy::ManuscriptAction;
use crate::journals::manuscripts::model::{Manuscript, Stage};
use crate::mail::{self, Mail};
use crate::review::forms::model::check_answers;
use crate::web::AppState;
use crate::web::i18n::Lang;

/// Whether the invitation's round is the manuscript's current round under review.
pub fn round_open(ms: &Manuscript, inv: &Invitation) -> bool {
    ms.stage == Stage::Review && ms.round == inv.round
}

fn refuse_unless(ok: bool, key: &str) -> AppResult<()> {
    if ok { Ok(()) } else { Err(AppError::Conflict(key.into())) }
}

/// The language to write to an invited reviewer in: their account's, else the manuscript's.
fn reviewer_lang(conn: &mut AnyConnection, ms: &Manuscript, email: &str) -> AppResult<Lang> {
    Ok(match crate::auth::store::by_email(conn, email)? {
        Some(u) => u.mail_lang(),
        None if ms.language == "zh" => Lang::ZhCn,
        None => Lang::En,
    })
}

/// The variables every review mail has: the journal, the manuscript and a link.
fn vars(conn: &mut AnyConnection, ms: &Manuscript, link: String, more: Value) -> AppResult<Value> {
    let j = crate::journals::store::get(conn, ms.journal_id)?;
    let mut v = json!({
        "journal_zh": j.name_zh, "journal_en": j.name_en, "number": ms.number,
        "title_zh": ms.title_zh, "title_en": ms.title_en, "link": link,
    });
    if let (Some(o), Value::Object(m)) = (v.as_object_mut(), more) {
        o.extend(m);
    }
    Ok(v)
}

/// Mails the reviewer with `template`, filed under the manuscript as `kind`.
pub fn mail_reviewer(
    conn: &mut AnyConnection,
    state: &AppState,
    ms: &Manuscript,
    inv: &Invitation,
    template: &'static str,
    vars: Value,
) -> AppResult<i64> {
    let lang = reviewer_lang(conn, ms, &inv.email)?;
    let id = mail::queue(
        conn,
        state,
        Mail {
            to: inv.email.clone(),
            to_name: inv.name.clone(),
            lang,
            template,
            vars,
        },
    )?;
    crate::journals::manuscripts::store::link_mail(conn, ms.id, id, template.trim_start_matches("journal_"))?;
    Ok(id)
}

/// Mails the editorial office's contacts for the manuscript with `template`.
fn mail_office(conn: &mut AnyConnection, state: &AppState, ms: &Manuscript, template: &'static str, more: Value) -> AppResult<()> {
    let link = format!("{}/manuscripts/{}#reviewers", state.config.base_url, ms.id);
    let v = vars(conn, ms, link, more)?;
    for uid in crate::journals::manuscripts::workflow::office_contacts(conn, ms)? {
        let u = crate::auth::store::by_id(conn, uid)?;
        let id = mail::queue(conn, state, Mail::to_user(&u, u.mail_lang(), template, v.clone()))?;
        crate::journals::manuscripts::store::link_mail(conn, ms.id, id, template.trim_start_matches("journal_"))?;
    }
    Ok(())
}

/// What review links are made for (part of the keyed hash).
const LINK_PURPOSE: &str = "journal-review";

/// A new link for an invitation.
fn new_link(state: &AppState) -> Link {
    let nonce = crate::auth::tokens::random_token();
    let token = crate::auth::tokens::keyed_token(state.config.secret_key.expose(), LINK_PURPOSE, &nonce);
    Link {
        nonce,
        hash: crate::auth::tokens::hash_token(&token),
    }
}

/// The token of an invitation's personal link.
pub fn token_of(state: &AppState, inv: &Invitation) -> String {
    crate::auth::tokens::keyed_token(state.config.secret_key.expose(), LINK_PURPOSE, &inv.link_nonce)
}

/// The reviewer's personal address of an invitation.
pub fn link_of(state: &AppState, inv: &Invitation) -> String {
    format!("{}/review/{}", state.config.base_url, token_of(state, inv))
}

/// The invitation mail with the invitation's link.
fn send_invitation(conn: &mut AnyConnection, state: &AppState, ms: &Manuscript, inv: &Invitation, by: &User) -> AppResult<()> {
    let link = link_of(state, inv);
    let v = vars(
        conn,
        ms,
        link,
        json!({
            "abstract_zh": ms.abstract_zh, "abstract_en": ms.abstract_en,
            "inviter": by.display_name(), "message": inv.message,
            "response_due": inv.response_due.to_string(), "review_due": inv.review_due.to_string(),
        }),
    )?;
    mail_reviewer(conn, state, ms, inv, "journal_review_invitation", v)?;
    Ok(())
}

/// The journal's default answer and review times.
fn defaults(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Defaults> {
    let s = crate::journals::setup::view::current(conn, journal_id)?.spec;
    Ok(Defaults {
        response_days: s.response_days,
        review_days: s.review_days,
    })
}

/// What the editors may check before inviting.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CandidateInput {
    /// E-mail address.
    pub email: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Institution.
    #[serde(default)]
    pub affiliation: String,
}

/// The possible conflicts of inviting someone to review the manuscript.
pub fn check(conn: &mut AnyConnection, user: &User, ms_id: i64, input: &CandidateInput) -> AppResult<Vec<Warning>> {
    let (ms, _) = manuscript_for(conn, user, ms_id, ManuscriptAction::ManageReview)?;
    let mut f = FieldErrors::new();
    let email = crate::auth::validate::email(&input.email, &mut f);
    let name = crate::text::field(&mut f, "name", &input.name, 200);
    let affiliation = crate::text::field(&mut f, "affiliation", &input.affiliation, 300);
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    conflicts::check(conn, &ms, &Candidate { email, name, affiliation })
}

/// Invites a reviewer into the manuscript's current round (it must be under review) and mails
/// the personal link. An author of the manuscript is refused; other possible conflicts need
/// `confirm_conflicts`, and are kept on the invitation.
pub fn invite(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    ms_id: i64,
    input: &InviteInput,
    now: NaiveDateTime,
) -> AppResult<Invitation> {
    let (ms, _) = manuscript_for(conn, user, ms_id, ManuscriptAction::ManageReview)?;
    let spec = validate::invite(input, defaults(conn, ms.journal_id)?, now.date())?;
    refuse_unless(ms.stage == Stage::Review, "journal_review.not_under_review")?;
    let candidate = Candidate {
        email: spec.email.clone(),
        name: spec.name.clone(),
        affiliation: spec.affiliation.clone(),
    };
    let warnings = conflicts::check(conn, &ms, &candidate)?;
    if warnings.iter().any(|w| w.reason == "author") {
        return Err(AppError::field("email", "journal_review.invitee_is_author"));
    }
    if !warnings.is_empty() && !spec.confirm_conflicts {
        return Err(AppError::field("confirm_conflicts", "journal_review.conflicts_found"));
    }
    let codes: Vec<String> = warnings.iter().map(|w| format!("{}:{}", w.reason, w.detail)).collect();
    let account = crate::auth::store::by_email(conn, &spec.email)?.filter(|u| u.email_verified_at.is_some());
    let society = crate::journals::store::get(conn, ms.journal_id)?.society_id;
    crate::integrity::cases::sanctions::refuse_reviewer(conn, society, account.as_ref().map(|u| u.id), &spec.email, "email")?;
    let conflicts_json = serde_json::to_string(&codes).map_err(|e| AppError::caused("conflicts", e))?;
    let link = new_link(state);
    let id = store::invite(
        conn,
        ms.id,
        ms.round,
        &spec,
        &conflicts_json,
        account.map(|u| u.id),
        &link,
        user.id,
        now,
    )?;
    let inv = store::get(conn, ms.id, id)?;
    crate::journals::manuscripts::store::record(conn, ms.id, "reviewer_invited", Some(user.id), &json!({"invitation": id}), now)?;
    send_invitation(conn, state, &ms, &inv, user)?;
    super::reminders::schedule(conn, &ms, &inv, now)?;
    Ok(inv)
}

/// The invitation behind a link, with its manuscript (404 for an unknown or replaced link).
pub fn by_token(conn: &mut AnyConnection, token: &str) -> AppResult<(Invitation, Manuscript)> {
    let inv = store::by_token(conn, token)?.ok_or(AppError::NotFound)?;
    let ms = crate::journals::manuscripts::store::get(conn, inv.manuscript_id)?;
    Ok((inv, ms))
}

fn today(now: NaiveDateTime) -> chrono::NaiveDate {
    now.date()
}

/// The reviewer accepts through the link (no account needed). A signed-in visitor whose
/// verified address is the invited one has the invitation linked to their account.
pub fn accept(
    conn: &mut AnyConnection,
    state: &AppState,
    token: &str,
    visitor: Option<&User>,
    now: NaiveDateTime,
) -> AppResult<Invitation> {
    let (inv, ms) = by_token(conn, token)?;
    refuse_unless(allows(inv.state(today(now)), Act::Accept), "journal_review.not_now")?;
    refuse_unless(round_open(&ms, &inv), "journal_review.round_closed")?;
    let society = crate::journals::store::get(conn, ms.journal_id)?.society_id;
    crate::integrity::cases::sanctions::refuse_reviewer(conn, society, inv.user_id, &inv.email, "invitation")?;
    store::respond(conn, inv.id, Status::Accepted, "", "", now)?;
    if let Some(u) = visitor.filter(|u| u.email_verified_at.is_some() && u.email == inv.email) {
        store::link_user(conn, inv.id, u.id)?;
    }
    mail_office(
        conn,
        state,
        &ms,
        "journal_review_response",
        json!({"reviewer": inv.name, "accepted": true, "reason": "", "suggestion": "", "review_due": inv.review_due.to_string()}),
    )?;
    crate::journals::manuscripts::store::record(conn, ms.id, "reviewer_accepted", None, &json!({"invitation": inv.id}), now)?;
    store::get(conn, ms.id, inv.id)
}

/// The reviewer declines through the link, optionally saying why and suggesting someone.
pub fn decline(conn: &mut AnyConnection, state: &AppState, token: &str, input: &DeclineInput, now: NaiveDateTime) -> AppResult<Invitation> {
    let (reason, suggestion) = validate::decline(input)?;
    let (inv, ms) = by_token(conn, token)?;
    refuse_unless(allows(inv.state(today(now)), Act::Decline), "journal_review.not_now")?;
    store::respond(conn, inv.id, Status::Declined, &reason, &suggestion, now)?;
    mail_office(
        conn,
        state,
        &ms,
        "journal_review_response",
        json!({"reviewer": inv.name, "accepted": false, "reason": reason, "suggestion": suggestion, "review_due": ""}),
    )?;
    crate::journals::manuscripts::store::record(conn, ms.id, "reviewer_declined", None, &json!({"invitation": inv.id}), now)?;
    store::get(conn, ms.id, inv.id)
}

/// The reviewer saves a draft of the review or submits it (then it is final, and the editors
/// hear). Answers are checked against the journal's review form.
pub fn save_review(
    conn: &mut AnyConnection,
    state: &AppState,
    token: &str,
    input: &ReviewInput,
    now: NaiveDateTime,
) -> AppResult<Invitation> {
    let (inv, ms) = by_token(conn, token)?;
    refuse_unless(allows(inv.state(today(now)), Act::Review), "journal_review.not_now")?;
    refuse_unless(round_open(&ms, &inv), "journal_review.round_closed")?;
    let form = crate::journals::setup::view::current(conn, ms.journal_id)?.form;
    let mut f = match check_answers(&form, &input.answers, input.submit) {
        Ok(_) => FieldErrors::new(),
        Err(e) => e,
    };
    let recommendation = validate::recommendation(&input.recommendation, input.submit, &mut f);
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    let answers = check_answers(&form, &input.answers, input.submit).map_err(|fields| AppError::Validation { fields })?;
    let answers_json = serde_json::to_string(&answers).map_err(|e| AppError::caused("answers", e))?;
    let form_json = if input.submit {
        Some(serde_json::to_string(&form).map_err(|e| AppError::caused("form", e))?)
    } else {
        None
    };
    store::save_review(conn, inv.id, &answers_json, recommendation, form_json.as_deref(), now)?;
    if input.submit {
        mail_office(
            conn,
            state,
            &ms,
            "journal_review_received",
            json!({"reviewer": inv.name, "recommendation": recommendation.map(|r| r.as_str()).unwrap_or("")}),
        )?;
        crate::journals::manuscripts::store::record(conn, ms.id, "review_submitted", None, &json!({"invitation": inv.id}), now)?;
    }
    store::get(conn, ms.id, inv.id)
}

/// An editor's action on one invitation of a manuscript they run the review of.
fn editor_target(
    conn: &mut AnyConnection,
    user: &User,
    ms_id: i64,
    inv_id: i64,
    act: Act,
    now: NaiveDateTime,
) -> AppResult<(Manuscript, Invitation)> {
    let (ms, _) = manuscript_for(conn, user, ms_id, ManuscriptAction::ManageReview)?;
    let inv = store::get(conn, ms.id, inv_id)?;
    refuse_unless(allows(inv.state(today(now)), act), "journal_review.not_now")?;
    if matches!(act, Act::Reinstate | Act::ChangeDates | Act::Remind) {
        refuse_unless(round_open(&ms, &inv), "journal_review.round_closed")?;
    }
    Ok((ms, inv))
}

/// Cancels an invitation: the link stops opening the manuscript and the reviewer is told.
pub fn cancel(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    ms_id: i64,
    inv_id: i64,
    now: NaiveDateTime,
) -> AppResult<Invitation> {
    let (ms, inv) = editor_target(conn, user, ms_id, inv_id, Act::Cancel, now)?;
    store::cancel(conn, inv.id, now)?;
    let v = vars(conn, &ms, state.config.base_url.clone(), json!({"by": user.display_name()}))?;
    mail_reviewer(conn, state, &ms, &inv, "journal_review_cancelled", v)?;
    crate::journals::manuscripts::store::record(
        conn,
        ms.id,
        "reviewer_cancelled",
        Some(user.id),
        &json!({"invitation": inv.id}),
        now,
    )?;
    store::get(conn, ms.id, inv.id)
}

/// Takes a cancellation back: the reviewer gets the invitation again with a new link.
pub fn reinstate(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    ms_id: i64,
    inv_id: i64,
    now: NaiveDateTime,
) -> AppResult<Invitation> {
    let (ms, inv) = editor_target(conn, user, ms_id, inv_id, Act::Reinstate, now)?;
    store::reinstate(conn, inv.id, &new_link(state))?;
    let inv = store::get(conn, ms.id, inv.id)?;
    send_invitation(conn, state, &ms, &inv, user)?;
    super::reminders::schedule(conn, &ms, &inv, now)?;
    crate::journals::manuscripts::store::record(
        conn,
        ms.id,
        "reviewer_reinstated",
        Some(user.id),
        &json!({"invitation": inv.id}),
        now,
    )?;
    Ok(inv)
}

/// New due dates; reminders follow them (those queued for the old dates do nothing).
pub fn set_due(
    conn: &mut AnyConnection,
    user: &User,
    ms_id: i64,
    inv_id: i64,
    input: &DueInput,
    now: NaiveDateTime,
) -> AppResult<Invitation> {
    let (response_due, review_due) = validate::due(input, today(now))?;
    let (ms, inv) = editor_target(conn, user, ms_id, inv_id, Act::ChangeDates, now)?;
    store::set_dues(conn, inv.id, response_due, review_due)?;
    let inv = store::get(conn, ms.id, inv.id)?;
    super::reminders::schedule(conn, &ms, &inv, now)?;
    Ok(inv)
}

/// An editor confirms a received review (OJS's "complete").
pub fn confirm(conn: &mut AnyConnection, user: &User, ms_id: i64, inv_id: i64, now: NaiveDateTime) -> AppResult<Invitation> {
    let (ms, inv) = editor_target(conn, user, ms_id, inv_id, Act::Confirm, now)?;
    store::confirm(conn, inv.id, now)?;
    store::get(conn, ms.id, inv.id)
}

/// An editor thanks the reviewer by mail (confirming the review if nobody had).
pub fn thank(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    ms_id: i64,
    inv_id: i64,
    input: &ThankInput,
    now: NaiveDateTime,
) -> AppResult<Invitation> {
    let message = validate::note(&input.message)?;
    let (ms, inv) = editor_target(conn, user, ms_id, inv_id, Act::Thank, now)?;
    store::thank(conn, inv.id, now)?;
    let v = vars(
        conn,
        &ms,
        state.config.base_url.clone(),
        json!({"by": user.display_name(), "message": message}),
    )?;
    mail_reviewer(conn, state, &ms, &inv, "journal_review_thanks", v)?;
    store::get(conn, ms.id, inv.id)
}

/// An editor reminds the reviewer now (of the answer or of the review, as the state says).
pub fn remind(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    ms_id: i64,
    inv_id: i64,
    now: NaiveDateTime,
) -> AppResult<Invitation> {
    let (ms, inv) = editor_target(conn, user, ms_id, inv_id, Act::Remind, now)?;
    super::reminders::send_now(conn, state, &ms, &inv, now)?;
    store::get(conn, ms.id, inv.id)
}

/// Now, for callers without a clock of their own.
pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}
