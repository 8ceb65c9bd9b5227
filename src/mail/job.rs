//! The `mail.send` job: delivers one outbox mail; a transport failure leaves it queued for retry.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

use super::transport::Mailer;
use super::{SEND_JOB, outbox};
use crate::db::{AnyConnection, Db};
use crate::error::AppResult;
use crate::jobs::typed::{self, JobPayload};
use crate::jobs::{Registry, store};

/// Deliver the outbox mail `mail_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendMail {
    /// The `outbox` row.
    pub mail_id: i64,
}

impl JobPayload for SendMail {
    const KIND: &'static str = SEND_JOB;
    // Mail is always still wanted: it retries until sent or an administrator cancels it.
    const MAX_ATTEMPTS: i32 = store::UNLIMITED;
}

/// Enqueues the delivery of outbox mail `mail_id` in the caller's transaction.
pub fn enqueue(conn: &mut AnyConnection, mail_id: i64) -> AppResult<i64> {
    typed::enqueue(conn, &SendMail { mail_id })
}

/// What delivery needs: the database, the transport and the sender address.
type Ctx = (Db, Arc<Mailer>, Arc<String>);

async fn deliver((db, mailer, from): Ctx, job: SendMail) -> anyhow::Result<()> {
    let id = job.mail_id;
    let mail = db.run(move |c| outbox::get(c, id)).await?;
    if mail.sent_at.is_some() {
        return Ok(());
    }
    if let Err(e) = mailer.send(&from, &mail).await {
        // Kept on the mail, so whoever follows it sees why it waits; the job retries.
        let why = format!("{e:#}");
        db.run(move |c| outbox::mark_failed(c, id, &why)).await?;
        return Err(e);
    }
    db.run(move |c| outbox::mark_sent(c, id)).await?;
    Ok(())
}

/// Registers the mail delivery handler.
pub fn register(registry: &mut Registry, db: Db, mailer: Mailer, from: String) {
    registry.register_job::<SendMail, _, _, _>((db, Arc::new(mailer), Arc::new(from)), deliver);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_queued_by_the_untyped_version_still_parses() {
        typed::assert_reads_stored(r#"{"mail_id":42}"#, SendMail { mail_id: 42 });
    }
}
