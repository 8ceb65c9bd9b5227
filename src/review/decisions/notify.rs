//! Telling authors the decision: one mail per author, in their language, with the decision,
//! the chairs' message and the author-visible fields of the submitted reviews and the
//! meta-review (reviewers appear only as letters). Mails go through the outbox queue in the
//! same transaction that marks the papers as told.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::service::label_of;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::mail::Mail;
use crate::review::forms::model::{Answer, Field, meta_form};
use crate::review::reviews::model::{META, REVIEW};
use crate::web::AppState;
use crate::web::i18n::Lang;

/// Longest message from the chairs, in characters.
pub const MAX_MESSAGE: usize = 5000;

/// What to send.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct NotifyInput {
    /// A message from the chairs for Chinese mails (optional).
    #[serde(default)]
    pub message_zh: String,
    /// A message from the chairs for English mails (optional).
    #[serde(default)]
    pub message_en: String,
    /// Also tell authors already told (after a correction, say).
    #[serde(default)]
    pub resend: bool,
}

/// What was sent.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Notified {
    /// Papers whose authors were told.
    pub papers: usize,
    /// Mails queued.
    pub mails: usize,
}

/// Tells the authors of the decided papers this chair may decide; returns the counts.
pub fn send(
    conn: &mut AnyConnection,
    state: &AppState,
    chair: &User,
    venue_id: i64,
    input: &NotifyInput,
    now: NaiveDateTime,
) -> AppResult<Notified> {
    let mut errors = FieldErrors::new();
    for (name, text) in [("message_zh", &input.message_zh), ("message_en", &input.message_en)] {
        if text.chars().count() > MAX_MESSAGE {
            errors.insert(name.into(), "validation.too_long".into());
        }
        crate::text::check(&mut errors, name, text, true);
    }
    if !errors.is_empty() {
        return Err(AppError::Validation { fields: errors });
    }
    let mine: HashSet<i64> = super::table::decidable(conn, venue_id, chair)?.into_iter().map(|s| s.id).collect();
    let labels = crate::review::phases::load(conn, venue_id)?.labels();
    let venue = crate::venues::store::by_id(conn, venue_id)?;
    let form = crate::review::forms::store::load(conn, venue_id)?;
    let mut out = Notified { papers: 0, mails: 0 };
    for d in super::store::of_venue(conn, venue_id)? {
        if !mine.contains(&d.submission_id) || (d.notified_at.is_some() && !input.resend) {
            continue;
        }
        let s = crate::submissions::store::get(conn, d.submission_id)?;
        let label = label_of(&labels, &d.label);
        for a in crate::submissions::store::authors_of(conn, s.id)? {
            let lang = match crate::auth::store::by_email(conn, &a.email)? {
                Some(u) => u.mail_lang(),
                None if s.title_zh.is_empty() => Lang::En,
                None => Lang::ZhCn,
            };
            let zh = lang == Lang::ZhCn;
            let message = match (zh, input.message_zh.trim(), input.message_en.trim()) {
                (true, "", other) | (false, other, "") => other,
                (true, m, _) | (false, _, m) => m,
            };
            let reviews = reviews_text(conn, &s, &form, lang)?;
            crate::mail::queue(
                conn,
                state,
                Mail {
                    to: a.email.clone(),
                    to_name: if zh && !a.name_zh.is_empty() {
                        a.name_zh.clone()
                    } else {
                        a.name_latin.clone()
                    },
                    lang,
                    template: "decision",
                    vars: json!({
                        "venue_zh": venue.title_zh,
                        "venue_en": venue.title_en,
                        "number": s.number,
                        "title": s.title(lang),
                        "decision": if zh { &label.zh } else { &label.en },
                        "accept": label.accept,
                        "message": message,
                        "reviews": reviews,
                        "link": format!("{}/submissions/{}", state.config.base_url, s.id),
                    }),
                },
            )?;
            out.mails += 1;
        }
        super::store::mark_notified(conn, s.id, now)?;
        out.papers += 1;
    }
    Ok(out)
}

/// The author-visible parts of a paper's submitted reviews and meta-review as plain text.
pub fn reviews_text(conn: &mut AnyConnection, s: &crate::submissions::model::Submission, form: &[Field], lang: Lang) -> AppResult<String> {
    let zh = lang == Lang::ZhCn;
    let reviews = crate::review::reviews::store::of_paper(conn, s.id, REVIEW)?;
    let letters = crate::review::reviews::view::letters(&reviews);
    let counted = crate::review::reviews::store::counted_writers(conn, s.id)?;
    let mut out = String::new();
    for ((r, _, _), (_, letter)) in reviews.iter().zip(letters) {
        if r.is_submitted()
            && counted.contains(&(r.user_id, REVIEW))
            && !crate::review::conflicts::store::is_conflicted(conn, s.id, r.user_id)?
        {
            let head = if zh {
                format!("审稿人 {letter}")
            } else {
                format!("Reviewer {letter}")
            };
            write_review(&mut out, &head, form, &r.parsed(), zh);
        }
    }
    let meta = meta_form();
    for (r, _, _) in crate::review::reviews::store::of_paper(conn, s.id, META)? {
        if r.is_submitted() && counted.contains(&(r.user_id, META)) {
            write_review(&mut out, if zh { "元评审" } else { "Meta-review" }, &meta, &r.parsed(), zh);
        }
    }
    Ok(out)
}

fn write_review(out: &mut String, head: &str, form: &[Field], answers: &crate::review::forms::model::Answers, zh: bool) {
    use std::fmt::Write;
    let _ = writeln!(out, "== {head} ==");
    for f in form.iter().filter(|f| f.visible_to_authors) {
        let label = match (zh, f.label_zh.is_empty(), f.label_en.is_empty()) {
            (true, false, _) | (false, false, true) => &f.label_zh,
            _ => &f.label_en,
        };
        match answers.get(&f.key) {
            Some(Answer::Number(n)) => {
                let name = f
                    .labels
                    .iter()
                    .find(|l| i64::from(l.value) == *n)
                    .map(|l| if zh && !l.zh.is_empty() { &l.zh } else { &l.en });
                match name.filter(|n| !n.is_empty()) {
                    Some(name) => {
                        let _ = writeln!(out, "{label}: {n} ({name})");
                    }
                    None => {
                        let _ = writeln!(out, "{label}: {n}");
                    }
                }
            }
            Some(Answer::Text(t)) if !t.trim().is_empty() => {
                let _ = writeln!(out, "{label}:\n{}", t.trim());
            }
            _ => {}
        }
    }
    out.push('\n');
}
