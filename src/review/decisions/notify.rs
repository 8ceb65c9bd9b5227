//! Telling authors the decision: one mail per author, in their language, with the decision,
//! the chairs' message for that decision and the author-visible fields of the submitted reviews and the
//! meta-review (reviewers appear only as letters). Mails go through the outbox queue in the
//! same transaction that marks the papers as told.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::service::label_of;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::mail::Mail;
use crate::review::forms::model::{Answer, Field, meta_form};
use crate::review::phases::DecisionLabel;
use crate::review::reviews::model::{META, REVIEW};
use crate::web::AppState;
use crate::web::i18n::Lang;

/// Longest message from the chairs, in characters.
pub const MAX_MESSAGE: usize = 5000;

/// The chairs' message to the authors of papers with one decision label, per language.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LabelMessage {
    /// For Chinese mails (an English one stands in when empty).
    #[serde(default)]
    pub zh: String,
    /// For English mails (a Chinese one stands in when empty).
    #[serde(default)]
    pub en: String,
}

/// What to send.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotifyInput {
    /// The chairs' message for each decision label, by label key (a camera-ready request goes
    /// to accepted papers only); labels left out get no message.
    #[serde(default)]
    pub messages: BTreeMap<String, LabelMessage>,
    /// Also tell authors already told (after a correction, say).
    #[serde(default)]
    pub resend: bool,
    /// Send nothing: answer how many authors would get which message, with one rendered mail
    /// per label and language to read first.
    #[serde(default)]
    pub dry_run: bool,
}

/// A mail as it would go out.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MailPreview {
    /// `zh-CN` or `en`.
    pub lang: String,
    /// The address of the author it was rendered for.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
}

/// The mails for one decision label.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LabelMails {
    /// Label key.
    pub key: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// Whether it accepts the paper.
    pub accept: bool,
    /// Papers with this decision whose authors are told.
    pub papers: usize,
    /// Mails in Chinese.
    pub mails_zh: usize,
    /// Mails in English.
    pub mails_en: usize,
    /// With `dry_run`: one mail per language that occurs, as it would be sent.
    pub previews: Vec<MailPreview>,
}

/// What was sent, or with `dry_run` what would be.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Notified {
    /// Papers whose authors were (or would be) told.
    pub papers: usize,
    /// Mails queued (or that would be).
    pub mails: usize,
    /// Whether anything was sent (false for a dry run).
    pub sent: bool,
    /// Per decision label, in the venue's label order.
    pub labels: Vec<LabelMails>,
}

/// One mail to send, with the paper and decision it is about.
struct Outgoing {
    submission_id: i64,
    label: String,
    mail: Mail,
}

fn check(input: &NotifyInput, labels: &[DecisionLabel]) -> AppResult<()> {
    let mut errors = FieldErrors::new();
    for (key, m) in &input.messages {
        if !labels.iter().any(|l| &l.key == key) {
            errors.insert(format!("messages.{key}"), "validation.unknown_decision".into());
        }
        for (lang, text) in [("zh", &m.zh), ("en", &m.en)] {
            let name = format!("messages.{key}.{lang}");
            if text.chars().count() > MAX_MESSAGE {
                errors.insert(name.clone(), "validation.too_long".into());
            }
            crate::text::check(&mut errors, &name, text, true);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation { fields: errors })
    }
}

/// The mails telling the authors of the decided papers this chair may decide.
fn outgoing(
    conn: &mut AnyConnection,
    state: &AppState,
    chair: &User,
    venue_id: i64,
    input: &NotifyInput,
    labels: &[DecisionLabel],
) -> AppResult<Vec<Outgoing>> {
    let mine: HashSet<i64> = super::table::decidable(conn, venue_id, chair)?.into_iter().map(|s| s.id).collect();
    let venue = crate::venues::store::by_id(conn, venue_id)?;
    let form = crate::review::forms::store::load(conn, venue_id)?;
    let none = LabelMessage::default();
    let mut out = Vec::new();
    for d in super::store::of_venue(conn, venue_id)? {
        if !mine.contains(&d.submission_id) || (d.notified_at.is_some() && !input.resend) {
            continue;
        }
        let s = crate::submissions::store::get(conn, d.submission_id)?;
        let label = label_of(labels, &d.label);
        let words = input.messages.get(&d.label).unwrap_or(&none);
        for a in crate::submissions::store::authors_of(conn, s.id)? {
            let lang = match crate::auth::store::by_email(conn, &a.email)? {
                Some(u) => u.mail_lang(),
                None if s.title_zh.is_empty() => Lang::En,
                None => Lang::ZhCn,
            };
            let zh = lang == Lang::ZhCn;
            let message = crate::web::bilingual::pick(&words.zh, &words.en, lang);
            let reviews = reviews_text(conn, &s, &form, lang)?;
            out.push(Outgoing {
                submission_id: s.id,
                label: d.label.clone(),
                mail: Mail {
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
                        "message": message.trim(),
                        "reviews": reviews,
                        "link": format!("{}/submissions/{}", state.config.base_url, s.id),
                    }),
                },
            });
        }
    }
    Ok(out)
}

/// Tells the authors of the decided papers this chair may decide (or, with `dry_run`, says
/// who would get which mail); returns the counts per label.
pub fn send(
    conn: &mut AnyConnection,
    state: &AppState,
    chair: &User,
    venue_id: i64,
    input: &NotifyInput,
    now: NaiveDateTime,
) -> AppResult<Notified> {
    let labels = crate::review::phases::load(conn, venue_id)?.labels();
    check(input, &labels)?;
    let mails = outgoing(conn, state, chair, venue_id, input, &labels)?;
    let mut groups: Vec<LabelMails> = Vec::new();
    let mut papers: HashSet<i64> = HashSet::new();
    for o in &mails {
        let i = match groups.iter().position(|g| g.key == o.label) {
            Some(i) => i,
            None => {
                let l = label_of(&labels, &o.label);
                groups.push(LabelMails {
                    key: l.key,
                    zh: l.zh,
                    en: l.en,
                    accept: l.accept,
                    papers: 0,
                    mails_zh: 0,
                    mails_en: 0,
                    previews: vec![],
                });
                groups.len() - 1
            }
        };
        let g = &mut groups[i];
        if papers.insert(o.submission_id) {
            g.papers += 1;
        }
        match o.mail.lang {
            Lang::ZhCn => g.mails_zh += 1,
            Lang::En => g.mails_en += 1,
        }
        if input.dry_run && !g.previews.iter().any(|p| p.lang == o.mail.lang.code()) {
            let (subject, body) = crate::mail::render::render(&state.tera, &o.mail, &state.config.base_url)?;
            g.previews.push(MailPreview {
                lang: o.mail.lang.code().into(),
                to: o.mail.to.clone(),
                subject,
                body,
            });
        }
    }
    let order = |key: &str| labels.iter().position(|l| l.key == key).unwrap_or(usize::MAX);
    groups.sort_by_key(|g| order(&g.key));
    let out = Notified {
        papers: papers.len(),
        mails: mails.len(),
        sent: !input.dry_run && !mails.is_empty(),
        labels: groups,
    };
    if !input.dry_run {
        for o in mails {
            crate::mail::queue(conn, state, o.mail)?;
        }
        for id in papers {
            super::store::mark_notified(conn, id, now)?;
        }
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
