//! Mail: rendered from per-language templates into an outbox table, sent by a job.

pub mod job;
pub mod outbox;
pub mod pages;
pub mod render;
pub mod routes;
pub mod transport;

use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::i18n::Lang;

/// Job kind that delivers one outbox mail.
pub const SEND_JOB: &str = "mail.send";

/// A mail to queue.
#[derive(Debug, Clone)]
pub struct Mail {
    /// Recipient address.
    pub to: String,
    /// Recipient display name.
    pub to_name: String,
    /// Language of the recipient.
    pub lang: Lang,
    /// Template name under `templates/mail/` (without language and extension).
    pub template: &'static str,
    /// Template variables.
    pub vars: serde_json::Value,
}

impl Mail {
    /// A mail to an account holder, in `lang` (usually `user.mail_lang()`).
    pub fn to_user(user: &crate::auth::User, lang: Lang, template: &'static str, vars: serde_json::Value) -> Mail {
        Mail {
            to: user.email.clone(),
            to_name: user.display_name(),
            lang,
            template,
            vars,
        }
    }
}

/// A file sent with a mail (a calendar entry, a QR code).
#[derive(Debug, Clone)]
pub struct Attachment {
    /// File name.
    pub name: String,
    /// Media type (`text/calendar; charset=utf-8`).
    pub content_type: String,
    /// The file's text; for a type that is not `text/*`, its bytes in base64 (see [`Attachment::binary`]).
    pub text: String,
}

impl Attachment {
    /// A binary file (an image), kept in base64 in the outbox.
    pub fn binary(name: &str, content_type: &str, bytes: &[u8]) -> Attachment {
        use base64::Engine;
        Attachment {
            name: name.into(),
            content_type: content_type.into(),
            text: base64::engine::general_purpose::STANDARD.encode(bytes),
        }
    }
}

/// Like [`queue`], with an attachment.
pub fn queue_with(conn: &mut AnyConnection, state: &AppState, mail: Mail, attachment: &Attachment) -> AppResult<i64> {
    let (subject, body) = render::render(&state.tera, &mail, &state.config.base_url)?;
    let id = outbox::insert_with(conn, &mail, &subject, &body, Some(attachment))?;
    job::enqueue(conn, id)?;
    Ok(id)
}

/// Stores a mail whose text a person wrote or edited (`mail.template` names what it started
/// from) and enqueues its delivery, in the caller's transaction.
pub fn queue_text(conn: &mut AnyConnection, mail: &Mail, subject: &str, body: &str) -> AppResult<i64> {
    let id = outbox::insert(conn, mail, subject, body)?;
    job::enqueue(conn, id)?;
    Ok(id)
}

/// Renders `mail`, stores it in the outbox and enqueues its delivery, in the caller's transaction.
pub fn queue(conn: &mut AnyConnection, state: &AppState, mail: Mail) -> AppResult<i64> {
    let (subject, body) = render::render(&state.tera, &mail, &state.config.base_url)?;
    let id = outbox::insert(conn, &mail, &subject, &body)?;
    job::enqueue(conn, id)?;
    Ok(id)
}
