//! Sending letters: real SMTP (lettre) when configured, otherwise the development outbox, a table
//! that tests and developers read at `/dev/outbox`.

pub mod letters;

use super::db::{outbox, Database, DbError};
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// A letter to one recipient, in plain text.
#[derive(Debug, Clone)]
pub struct Letter {
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Clone)]
pub enum Mailer {
    Outbox,
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
}

/// Where SMTP lives, from the configuration.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    /// `none` (a local relay or a test sink), `starttls` or `tls`.
    pub security: String,
    pub username: Option<String>,
    pub password: Option<String>,
    pub from: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the letter could not be built: {0}")]
    Build(String),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl Mailer {
    pub fn smtp(settings: &SmtpSettings) -> Result<Self, MailError> {
        let builder = match settings.security.as_str() {
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host)?,
            "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)?,
            _ => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host),
        };
        let builder = builder.port(settings.port);
        let builder = match (&settings.username, &settings.password) {
            (Some(u), Some(p)) => builder.credentials(Credentials::new(u.clone(), p.clone())),
            _ => builder,
        };
        let from = settings
            .from
            .parse()
            .map_err(|e: lettre::address::AddressError| MailError::Build(e.to_string()))?;
        Ok(Mailer::Smtp {
            transport: builder.build(),
            from,
        })
    }

    pub fn is_outbox(&self) -> bool {
        matches!(self, Mailer::Outbox)
    }

    /// Sends now; the outbox keeps the letter in the database instead.
    pub async fn send(&self, db: &Database, letter: &Letter) -> Result<(), MailError> {
        match self {
            Mailer::Outbox => {
                Ok(outbox::insert(db, &letter.to, &letter.subject, &letter.body).await?)
            }
            Mailer::Smtp { transport, from } => {
                let to: Mailbox = letter
                    .to
                    .parse()
                    .map_err(|e: lettre::address::AddressError| MailError::Build(e.to_string()))?;
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(&letter.subject)
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .header(ContentTransferEncoding::Base64)
                            .body(letter.body.clone()),
                    )
                    .map_err(|e| MailError::Build(e.to_string()))?;
                transport.send(message).await?;
                Ok(())
            }
        }
    }
}
