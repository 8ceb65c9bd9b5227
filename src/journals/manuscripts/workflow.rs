//! The editorial office's actions on a manuscript, each checked inside its own transaction:
//! choosing the handling editor, the desk check (send to review or decline), and the authors'
//! withdrawal. Every move goes through `stages::next` and into the history.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::model::{Manuscript, Stage};
use super::stages::{self, Move};
use super::store;
use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::journal::manuscript_for;
use crate::guard::policy::{ManuscriptAction, decides_alone};
use crate::mail::{self, Mail};
use crate::web::AppState;

/// Applies `m` to the manuscript's stage, or says it cannot be done now.
fn moved(ms: &Manuscript, m: Move) -> AppResult<Stage> {
    stages::next(ms.stage, m).ok_or_else(|| AppError::Conflict("journal_ms.not_now".into()))
}

/// Accounts that may handle the manuscript: the journal's chief, managing and section editors
/// who are not among its authors, by name.
pub fn editor_choices(conn: &mut AnyConnection, ms: &Manuscript) -> AppResult<Vec<(i64, String)>> {
    let authors: Vec<String> = store::authors_of(conn, ms.id)?.into_iter().map(|a| a.email).collect();
    let mut ids = Vec::new();
    for role in [roles::EDITOR_IN_CHIEF, roles::EDITOR, roles::SECTION_EDITOR] {
        ids.extend(roles::holders(conn, role, roles::SCOPE_JOURNAL, ms.journal_id)?);
    }
    ids.sort_unstable();
    ids.dedup();
    let mut out = Vec::new();
    for id in ids {
        let u = crate::auth::store::by_id(conn, id)?;
        if !authors.contains(&u.email) {
            out.push((id, u.display_name()));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// Makes `editor` the manuscript's handling editor (`None` clears it); they are told by mail.
pub fn assign_editor(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    id: i64,
    editor: Option<i64>,
    now: NaiveDateTime,
) -> AppResult<()> {
    let (ms, _) = manuscript_for(conn, user, id, ManuscriptAction::AssignEditor)?;
    if !stages::is_open(ms.stage) {
        return Err(AppError::Conflict("journal_ms.not_now".into()));
    }
    if let Some(e) = editor
        && !editor_choices(conn, &ms)?.iter().any(|(c, _)| *c == e)
    {
        return Err(AppError::field("user_id", "journal_ms.not_an_editor"));
    }
    store::set_handling(conn, id, editor, now)?;
    store::record(conn, id, "editor_assigned", Some(user.id), &json!({"editor": editor}), now)?;
    if let Some(e) = editor.filter(|e| *e != user.id) {
        let u = crate::auth::store::by_id(conn, e)?;
        let j = crate::journals::store::get(conn, ms.journal_id)?;
        let mail_id = mail::queue(
            conn,
            state,
            Mail {
                to: u.email.clone(),
                to_name: u.display_name(),
                lang: u.mail_lang(),
                template: "journal_assigned",
                vars: json!({
                    "journal_zh": j.name_zh, "journal_en": j.name_en, "number": ms.number,
                    "title_zh": ms.title_zh, "title_en": ms.title_en, "by": user.display_name(),
                    "link": format!("{}/manuscripts/{}", state.config.base_url, ms.id),
                }),
            },
        )?;
        store::link_mail(conn, ms.id, mail_id, "editor_assigned")?;
    }
    Ok(())
}

/// The desk check's outcome.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeskInput {
    /// `send_to_review` or `reject`.
    pub decision: String,
    /// For the authors (a rejection's reasons), sent with the decision mail.
    #[serde(default)]
    pub message: String,
}

/// Sends the manuscript to review or declines it at the desk (chief and managing editors, and
/// section editors where they decide). A rejection is mailed to the authors.
pub fn desk(conn: &mut AnyConnection, state: &AppState, user: &User, id: i64, input: &DeskInput, now: NaiveDateTime) -> AppResult<Stage> {
    let mut f = crate::error::FieldErrors::new();
    let message = crate::text::field(&mut f, "message", &input.message, 20_000);
    let m = match input.decision.as_str() {
        "send_to_review" => Move::SendToReview,
        "reject" => Move::DeskReject,
        _ => {
            f.insert("decision".into(), "journal_ms.desk_decision_invalid".into());
            Move::DeskReject
        }
    };
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    let (ms, relation) = manuscript_for(conn, user, id, ManuscriptAction::Decide)?;
    let settings = crate::journals::setup::view::current(conn, ms.journal_id)?.spec;
    if !decides_alone(relation, settings.section_editors_decide) {
        return Err(AppError::Conflict("journal_ms.recommend_only".into()));
    }
    let to = moved(&ms, m)?;
    store::set_stage(conn, id, to, now)?;
    store::record(
        conn,
        id,
        if m == Move::DeskReject { "desk_rejected" } else { "sent_to_review" },
        Some(user.id),
        &json!({}),
        now,
    )?;
    if m == Move::DeskReject {
        tell_authors(conn, state, &ms, "journal_desk_reject", json!({ "message": message }))?;
    }
    Ok(to)
}

/// Mails every confirmed author of the manuscript with `template`: the journal, number, titles
/// and link, and `extra`'s fields.
pub fn tell_authors(
    conn: &mut AnyConnection,
    state: &AppState,
    ms: &Manuscript,
    template: &'static str,
    extra: serde_json::Value,
) -> AppResult<()> {
    let j = crate::journals::store::get(conn, ms.journal_id)?;
    for a in store::authors_of(conn, ms.id)?.into_iter().filter(|a| a.confirmed_at.is_some()) {
        let lang = crate::auth::store::by_email(conn, &a.email)?
            .map(|u| u.mail_lang())
            .unwrap_or(crate::web::i18n::Lang::ZhCn);
        let mail_id = mail::queue(
            conn,
            state,
            Mail {
                to: a.email.clone(),
                to_name: a.display_name(),
                lang,
                template,
                vars: {
                    let mut vars = json!({
                        "journal_zh": j.name_zh, "journal_en": j.name_en, "number": ms.number,
                        "title_zh": ms.title_zh, "title_en": ms.title_en,
                        "link": format!("{}/manuscripts/{}", state.config.base_url, ms.id),
                    });
                    if let (Some(v), serde_json::Value::Object(more)) = (vars.as_object_mut(), extra.clone()) {
                        v.extend(more);
                    }
                    vars
                },
            },
        )?;
        store::link_mail(conn, ms.id, mail_id, template.trim_start_matches("journal_"))?;
    }
    Ok(())
}

/// Whom the editorial office is told through about a manuscript: its handling editor (the
/// editors-in-chief while there is none) and the managing editors.
pub fn office_contacts(conn: &mut AnyConnection, ms: &Manuscript) -> AppResult<Vec<i64>> {
    let mut people = match ms.handling_editor_id {
        Some(e) => vec![e],
        None => roles::holders(conn, roles::EDITOR_IN_CHIEF, roles::SCOPE_JOURNAL, ms.journal_id)?,
    };
    people.extend(roles::holders(conn, roles::EDITOR, roles::SCOPE_JOURNAL, ms.journal_id)?);
    people.sort_unstable();
    people.dedup();
    Ok(people)
}

/// Why the authors withdraw.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = ManuscriptWithdrawInput)]
#[serde(deny_unknown_fields)]
pub struct WithdrawInput {
    /// The reason, for the editors.
    #[serde(default)]
    pub reason: String,
}

/// The authors withdraw the manuscript (until it is scheduled); the editors handling it hear.
pub fn withdraw(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    id: i64,
    input: &WithdrawInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    let mut f = crate::error::FieldErrors::new();
    let reason = crate::text::field(&mut f, "reason", &input.reason, 5_000);
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    let (ms, _) = manuscript_for(conn, user, id, ManuscriptAction::Withdraw)?;
    let to = moved(&ms, Move::Withdraw)?;
    store::set_stage(conn, id, to, now)?;
    store::record(conn, id, "withdrawn", Some(user.id), &json!({"reason": reason}), now)?;
    let j = crate::journals::store::get(conn, ms.journal_id)?;
    for uid in office_contacts(conn, &ms)? {
        let u = crate::auth::store::by_id(conn, uid)?;
        let mail_id = mail::queue(
            conn,
            state,
            Mail {
                to: u.email.clone(),
                to_name: u.display_name(),
                lang: u.mail_lang(),
                template: "journal_withdrawn",
                vars: json!({
                    "journal_zh": j.name_zh, "journal_en": j.name_en, "number": ms.number,
                    "title_zh": ms.title_zh, "title_en": ms.title_en, "reason": reason,
                    "link": format!("{}/manuscripts/{}", state.config.base_url, ms.id),
                }),
            },
        )?;
        store::link_mail(conn, ms.id, mail_id, "withdrawn")?;
    }
    Ok(())
}
