//! The `mail.send` job: delivers one outbox mail; a transport failure leaves it queued for retry.

use std::sync::Arc;

use super::transport::Mailer;
use super::{SEND_JOB, outbox};
use crate::db::Db;
use crate::jobs::Registry;

/// Registers the mail delivery handler.
pub fn register(registry: &mut Registry, db: Db, mailer: Mailer, from: String) {
    let mailer = Arc::new(mailer);
    let from = Arc::new(from);
    registry.register(SEND_JOB, move |payload| {
        let (db, mailer, from) = (db.clone(), mailer.clone(), from.clone());
        async move {
            let id = payload
                .get("mail_id")
                .and_then(|v| v.as_i64())
                .ok_or_else(|| anyhow::anyhow!("payload lacks mail_id"))?;
            let mail = db.run(move |c| outbox::get(c, id)).await?;
            if mail.sent_at.is_some() {
                return Ok(());
            }
            mailer.send(&from, &mail).await?;
            db.run(move |c| outbox::mark_sent(c, id)).await?;
            Ok(())
        }
    });
}
