//! The decision letter: written from the journal's templates in both languages with the
//! reviews as the authors may read them, edited by the editor, then sent to every confirmed
//! author in their language (their account's, else the manuscript's).

use serde_json::json;

use super::model::Decision;
use super::store::Letter;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::journals::manuscripts::model::Manuscript;
use crate::journals::rounds::view::{EarlierReview, as_authors_read};
use crate::mail::{self, Mail};
use crate::review::forms::model::Answer;
use crate::web::AppState;
use crate::web::i18n::Lang;

/// The reviews as plain text in `lang` (field labels in that language; the answers as written).
pub fn reviews_text(reviews: &[EarlierReview], lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    let mut out = String::new();
    for r in reviews {
        out.push_str(&if zh {
            format!("审稿人 {}\n", r.label)
        } else {
            format!("Reviewer {}\n", r.label)
        });
        for f in &r.form {
            let Some(a) = r.answers.get(&f.key) else { continue };
            let label = match (zh, f.label_zh.is_empty(), f.label_en.is_empty()) {
                (true, false, _) | (false, false, true) => &f.label_zh,
                _ => &f.label_en,
            };
            let value = match a {
                Answer::Number(n) => {
                    let name = f.labels.iter().find(|l| l.value as i64 == *n).map(|l| {
                        let (first, second) = if zh { (&l.zh, &l.en) } else { (&l.en, &l.zh) };
                        if first.is_empty() { second.clone() } else { first.clone() }
                    });
                    match name {
                        Some(n2) if !n2.is_empty() => format!("{n} ({n2})"),
                        _ => n.to_string(),
                    }
                }
                Answer::Text(t) => format!("\n{t}"),
            };
            out.push_str(&format!("{label}: {value}\n"));
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// The mail template a decision's letter starts from.
fn template_of(decision: Decision) -> &'static str {
    match decision {
        Decision::Accept => "journal_decision_accept",
        Decision::MinorRevision => "journal_decision_minor_revision",
        Decision::MajorRevision => "journal_decision_major_revision",
        Decision::Decline => "journal_decision_decline",
    }
}

/// The letter the journal's templates give for `decision` on the manuscript's current round.
pub fn draft(conn: &mut AnyConnection, state: &AppState, ms: &Manuscript, decision: Decision, editor: &User) -> AppResult<Letter> {
    let current = crate::journals::setup::view::current(conn, ms.journal_id)?;
    let reviews = as_authors_read(conn, ms, current.spec.review_mode, &current.form, |r| r == ms.round)?;
    let journal = crate::journals::store::get(conn, ms.journal_id)?;
    let template = template_of(decision);
    let mut letter = Letter::default();
    for lang in [Lang::ZhCn, Lang::En] {
        let mail = Mail {
            to: String::new(),
            to_name: String::new(),
            lang,
            template,
            vars: json!({
                "journal_zh": journal.name_zh, "journal_en": journal.name_en, "number": ms.number,
                "title_zh": ms.title_zh, "title_en": ms.title_en, "editor": editor.display_name(),
                "reviews": reviews_text(&reviews, lang),
                "link": format!("{}/manuscripts/{}", state.config.base_url, ms.id),
            }),
        };
        let (subject, body) = mail::render::render(&state.tera, &mail, &state.config.base_url)?;
        if lang == Lang::ZhCn {
            (letter.subject_zh, letter.body_zh) = (subject, body);
        } else {
            (letter.subject_en, letter.body_en) = (subject, body);
        }
    }
    Ok(letter)
}

/// Checks a letter as the editor edited it: both languages, subject and text.
pub fn check(l: &Letter) -> AppResult<Letter> {
    let mut f = FieldErrors::new();
    let mut one = |name: &str, v: &str, max: usize| {
        let s = crate::text::field(&mut f, name, v, max);
        if s.is_empty() {
            f.insert(name.into(), "journal_decision.letter_required".into());
        }
        s
    };
    let out = Letter {
        subject_zh: one("subject_zh", &l.subject_zh, 300),
        body_zh: one("body_zh", &l.body_zh, 50_000),
        subject_en: one("subject_en", &l.subject_en, 300),
        body_en: one("body_en", &l.body_en, 50_000),
    };
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    Ok(out)
}

/// Sends the letter to every confirmed author, each in their language; filed under the manuscript.
pub fn send(conn: &mut AnyConnection, ms: &Manuscript, decision: Decision, letter: &Letter) -> AppResult<()> {
    let template = template_of(decision);
    for a in crate::journals::manuscripts::store::authors_of(conn, ms.id)?
        .into_iter()
        .filter(|a| a.confirmed_at.is_some())
    {
        let lang = match crate::auth::store::by_email(conn, &a.email)? {
            Some(u) => u.mail_lang(),
            None if ms.language == "zh" => Lang::ZhCn,
            None => Lang::En,
        };
        let (subject, body) = match lang {
            Lang::ZhCn => (&letter.subject_zh, &letter.body_zh),
            _ => (&letter.subject_en, &letter.body_en),
        };
        let m = Mail {
            to: a.email.clone(),
            to_name: a.display_name(),
            lang,
            template,
            vars: serde_json::Value::Null,
        };
        let id = mail::queue_text(conn, &m, subject, body)?;
        crate::journals::manuscripts::store::link_mail(conn, ms.id, id, &format!("decision_{}", decision.as_str()))?;
    }
    Ok(())
}
