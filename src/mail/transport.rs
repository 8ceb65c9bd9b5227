//! Delivery through lettre: `.eml` files by default, SMTP when configured.

use lettre::message::{Attachment, MultiPart, SinglePart};
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

use super::outbox::OutboxMail;
use crate::config::{Config, MailTransport, SmtpTls};

/// A configured transport.
#[derive(Clone)]
pub enum Mailer {
    /// Writes one `.eml` file per mail.
    File(AsyncFileTransport<Tokio1Executor>),
    /// Talks to an SMTP relay.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Mailer {
    /// Builds the transport the configuration asks for.
    pub fn from_config(cfg: &Config) -> anyhow::Result<Mailer> {
        Ok(match &cfg.mail {
            MailTransport::File(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot create mail folder {}: {e}", dir.display()))?;
                Mailer::File(AsyncFileTransport::<Tokio1Executor>::new(dir))
            }
            MailTransport::Smtp(s) => {
                let mut b = match s.tls {
                    SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host),
                    SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&s.host)?,
                    SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&s.host)?,
                };
                b = b.port(s.port).timeout(Some(Duration::from_secs(s.timeout_secs)));
                if let (Some(u), Some(p)) = (&s.username, &s.password) {
                    b = b.credentials(Credentials::new(u.clone(), p.expose().to_string()));
                }
                Mailer::Smtp(b.build())
            }
        })
    }

    /// Sends one outbox mail from `from`.
    pub async fn send(&self, from: &str, mail: &OutboxMail) -> anyhow::Result<()> {
        let from: Mailbox = from.parse().map_err(|e| anyhow::anyhow!("invalid sender address {from:?}: {e}"))?;
        let to = Mailbox::new(
            (!mail.to_name.is_empty()).then(|| mail.to_name.clone()),
            mail.to_addr
                .parse()
                .map_err(|e| anyhow::anyhow!("invalid recipient {:?}: {e}", mail.to_addr))?,
        );
        let builder = Message::builder().from(from).to(to).subject(&mail.subject);
        let message = if mail.attachment_name.is_empty() {
            builder.header(ContentType::TEXT_PLAIN).body(mail.body_text.clone())?
        } else {
            let kind = ContentType::parse(&mail.attachment_type)
                .map_err(|e| anyhow::anyhow!("attachment type {:?}: {e}", mail.attachment_type))?;
            builder.multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(mail.body_text.clone()))
                    .singlepart(Attachment::new(mail.attachment_name.clone()).body(mail.attachment_bytes()?, kind)),
            )?
        };
        match self {
            Mailer::File(t) => {
                t.send(message).await?;
            }
            Mailer::Smtp(t) => {
                t.send(message).await?;
            }
        }
        Ok(())
    }
}
