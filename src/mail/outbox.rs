//! The outbox: every mail ever queued, with when it was sent.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use super::Mail;
use crate::db::AnyConnection;
use crate::db::schema::mails;
use crate::error::AppResult;

/// A stored mail.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = mails)]
pub struct OutboxMail {
    /// Id.
    pub id: i64,
    /// Recipient.
    pub to_addr: String,
    /// Recipient name.
    pub to_name: String,
    /// Language code.
    pub lang: String,
    /// Template used.
    pub template: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body_text: String,
    /// Queue time.
    pub created_at: NaiveDateTime,
    /// Delivery time, once delivered.
    pub sent_at: Option<NaiveDateTime>,
    /// File name of the attachment (empty: none).
    pub attachment_name: String,
    /// Its media type.
    pub attachment_type: String,
    /// Its text; for a type that is not `text/*`, its bytes in base64.
    pub attachment: String,
    /// Failed delivery attempts so far.
    pub attempts: i32,
    /// Why the last attempt failed (empty: none failed).
    pub last_error: String,
    /// When the last attempt failed.
    pub last_attempt_at: Option<NaiveDateTime>,
}

impl OutboxMail {
    /// `sent`, `retrying` (an attempt failed; the job tries again) or `queued`.
    pub fn state(&self) -> &'static str {
        match (self.sent_at, self.attempts) {
            (Some(_), _) => "sent",
            (None, 0) => "queued",
            (None, _) => "retrying",
        }
    }
}

impl OutboxMail {
    /// The attachment's bytes (text as it is, other types decoded from base64).
    pub fn attachment_bytes(&self) -> anyhow::Result<Vec<u8>> {
        if self.attachment_type.starts_with("text/") {
            return Ok(self.attachment.clone().into_bytes());
        }
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(self.attachment.as_bytes())
            .map_err(|e| anyhow::anyhow!("attachment {:?} is not base64: {e}", self.attachment_name))
    }
}

/// Stores a rendered mail.
pub fn insert(conn: &mut AnyConnection, mail: &Mail, subject: &str, body: &str) -> AppResult<i64> {
    insert_with(conn, mail, subject, body, None)
}

/// Stores a rendered mail with an attachment.
pub fn insert_with(
    conn: &mut AnyConnection,
    mail: &Mail,
    subject: &str,
    body: &str,
    attachment: Option<&super::Attachment>,
) -> AppResult<i64> {
    let (name, kind, text) = attachment.map_or(("", "", ""), |a| (a.name.as_str(), a.content_type.as_str(), a.text.as_str()));
    Ok(diesel::insert_into(mails::table)
        .values((
            mails::attachment_name.eq(name),
            mails::attachment_type.eq(kind),
            mails::attachment.eq(text),
            mails::to_addr.eq(&mail.to),
            mails::to_name.eq(&mail.to_name),
            mails::lang.eq(mail.lang.code()),
            mails::template.eq(mail.template),
            mails::subject.eq(subject),
            mails::body_text.eq(body),
            mails::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(mails::id)
        .get_result(conn)?)
}

/// Loads one mail.
pub fn get(conn: &mut AnyConnection, id: i64) -> AppResult<OutboxMail> {
    Ok(mails::table.find(id).select(OutboxMail::as_select()).first(conn)?)
}

/// Records a failed delivery attempt and why (the job retries it).
pub fn mark_failed(conn: &mut AnyConnection, id: i64, error: &str) -> AppResult<()> {
    let error: String = error.chars().take(1000).collect();
    diesel::update(mails::table.find(id))
        .set((
            mails::attempts.eq(mails::attempts + 1),
            mails::last_error.eq(error),
            mails::last_attempt_at.eq(Some(Utc::now().naive_utc())),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records delivery.
pub fn mark_sent(conn: &mut AnyConnection, id: i64) -> AppResult<()> {
    diesel::update(mails::table.find(id))
        .set(mails::sent_at.eq(Utc::now().naive_utc()))
        .execute(conn)?;
    Ok(())
}

/// The newest mails, for the admin page.
pub fn recent(conn: &mut AnyConnection, limit: i64) -> AppResult<Vec<OutboxMail>> {
    Ok(mails::table
        .order(mails::id.desc())
        .limit(limit)
        .select(OutboxMail::as_select())
        .load(conn)?)
}

/// Mails to one address, newest first.
pub fn to_address(conn: &mut AnyConnection, addr: &str) -> AppResult<Vec<OutboxMail>> {
    Ok(mails::table
        .filter(mails::to_addr.eq(addr))
        .order(mails::id.desc())
        .select(OutboxMail::as_select())
        .load(conn)?)
}
