//! Settings: defaults that run with no configuration, then `kruzhok.toml` (or the file named by
//! `KRUZHOK_CONFIG`), then `KRUZHOK_…` environment variables; `DATABASE_URL` chooses the backend.

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use secrecy::SecretString;
use serde::Deserialize;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/kruzhok.db?mode=rwc";

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    /// `sqlite://…` (the default, a file created on first start) or `postgres://…`.
    pub database_url: SecretString,
    /// Where to listen, `host:port`; port 0 picks a free port.
    pub address: String,
    /// The folder cargo-leptos builds the site into (`pkg/` with the WebAssembly, CSS, static files).
    pub site_root: String,
    /// Connections in this process's pool.
    pub max_connections: u32,
    /// A `tracing` filter such as `info` or `kruzhok=debug,info`.
    pub log: String,
    /// `development` (letters go to the outbox, cookies work over plain HTTP) or `production`
    /// (SMTP required, cookies only over HTTPS).
    pub environment: String,
    /// The address people open, for links in letters; empty means `http://<address>`.
    pub public_url: String,
    /// Behind a reverse proxy: take the client's address from the last `X-Forwarded-For` entry,
    /// the one the proxy appended.
    pub trust_forwarded_for: bool,
    /// Log-in attempts one client address may make in 15 minutes. Mobile carriers put many
    /// parents behind one address, so it is far above one person's need.
    pub login_attempts_per_address: u32,
    /// Registration steps one client address may submit in 10 minutes.
    pub registrations_per_address: u32,
    /// Duplicate checks and added children one client address may submit in 10 minutes.
    pub child_checks_per_address: u32,
    /// Family look-ups one operator may make in an hour: generous for a day at the desk, a wall
    /// for a script walking the register.
    pub family_lookups_per_hour: u32,
    /// Minutes a session of an account holding a role lives without being used.
    pub operator_idle_minutes: u32,
    /// Seconds a server function or an export may take before it is answered with a timeout.
    pub request_timeout_seconds: u64,
    /// How many days a freed seat stays offered to the first in a waiting list.
    pub offer_days: u32,
    /// How often, in seconds, the server looks for seat offers whose time ran out.
    pub offer_check_seconds: u64,
    /// SMTP server for letters; without it letters go to the development outbox.
    pub smtp_host: Option<String>,
    pub smtp_port: u16,
    /// `starttls` (the default), `tls`, or `none` for a local relay.
    pub smtp_security: String,
    pub smtp_username: Option<String>,
    pub smtp_password: Option<SecretString>,
    /// The sender of every letter.
    pub mail_from: String,
}

impl Settings {
    pub fn is_production(&self) -> bool {
        self.environment == "production"
    }
}

impl Settings {
    /// Reads the settings from the layered sources.
    pub fn load() -> Result<Self, Box<figment::Error>> {
        let file = std::env::var("KRUZHOK_CONFIG").unwrap_or_else(|_| "kruzhok.toml".to_owned());
        Self::figment()
            .merge(Toml::file(file))
            .merge(Env::prefixed("KRUZHOK_").ignore(&["config"]))
            .merge(Env::raw().only(&["database_url"]))
            .extract()
            .map_err(Box::new)
    }

    /// The defaults alone.
    pub fn figment() -> Figment {
        // cargo-leptos tells the server where it built the site and where to listen.
        let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
        let address = std::env::var("LEPTOS_SITE_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
        Figment::new()
            .merge(Serialized::default("database_url", DEFAULT_DATABASE_URL))
            .merge(Serialized::default("address", address))
            .merge(Serialized::default("site_root", site_root))
            .merge(Serialized::default("max_connections", 16))
            .merge(Serialized::default("log", "info,sqlx=warn"))
            .merge(Serialized::default("environment", "development"))
            .merge(Serialized::default("public_url", ""))
            .merge(Serialized::default("trust_forwarded_for", false))
            .merge(Serialized::default("login_attempts_per_address", 30))
            .merge(Serialized::default("registrations_per_address", 60))
            .merge(Serialized::default("child_checks_per_address", 120))
            .merge(Serialized::default("family_lookups_per_hour", 300))
            .merge(Serialized::default("operator_idle_minutes", 480))
            .merge(Serialized::default("request_timeout_seconds", 30))
            .merge(Serialized::default("offer_days", 3))
            .merge(Serialized::default("offer_check_seconds", 60))
            .merge(Serialized::default("smtp_port", 587))
            .merge(Serialized::default("smtp_security", "starttls"))
            .merge(Serialized::default(
                "mail_from",
                "Кружок <noreply@kruzhok.local>",
            ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn the_defaults_need_no_configuration() {
        let s: Settings = Settings::figment().extract().unwrap();
        assert_eq!(s.database_url.expose_secret(), DEFAULT_DATABASE_URL);
        assert_eq!(s.max_connections, 16);
    }

    #[test]
    fn the_database_url_never_prints() {
        let s: Settings = Settings::figment()
            .merge(Serialized::default(
                "database_url",
                "postgres://u:secret@h/db",
            ))
            .extract()
            .unwrap();
        assert!(!format!("{s:?}").contains("secret@"));
    }
}
