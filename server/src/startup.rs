//! Opening the database, migrating it and binding the listener.

use crate::config::Settings;
use crate::router::{self, ServerState};
use app::server::auth::tokens::{random_token, Signer};
use app::server::db::{secrets, Database, Durability};
use app::server::mail::{Mailer, SmtpSettings};
use app::server::state::{AppState, ServiceSettings};
use leptos::prelude::LeptosOptions;
use secrecy::ExposeSecret;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

pub type StartupError = Box<dyn std::error::Error + Send + Sync>;

/// A migrated database and a bound listener, ready to serve.
pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    db: Database,
    address: SocketAddr,
    /// For the background jobs that run beside the requests.
    state: AppState,
    offer_check: std::time::Duration,
}

/// Opens the configured database (creating a SQLite file on first use) and applies migrations.
pub async fn open_database(settings: &Settings) -> Result<Database, StartupError> {
    open_database_with(settings, Durability::EveryCommit).await
}

/// `open_database`, each commit as durable as `durability` asks (`Batch` for a file's import).
pub async fn open_database_with(
    settings: &Settings,
    durability: Durability,
) -> Result<Database, StartupError> {
    let db = Database::connect_with(
        settings.database_url.expose_secret(),
        settings.max_connections,
        durability,
    )
    .await?;
    db.migrate().await?;
    let filled = app::server::services::accounts::backfill_name_keys(&db)
        .await
        .map_err(|e| format!("accounts' name keys not filled in: {e}"))?;
    if filled > 0 {
        tracing::info!(filled, "accounts' name keys filled in");
    }
    Ok(db)
}

impl Application {
    pub async fn build(settings: &Settings) -> Result<Self, StartupError> {
        let db = open_database(settings).await?;
        let listener = TcpListener::bind(&settings.address).await?;
        let address = listener.local_addr()?;
        let leptos_options = LeptosOptions::builder()
            .output_name("kruzhok")
            .site_root(settings.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(address)
            .build();
        let app = app_state(settings, db.clone(), address).await?;
        let router = router::build(ServerState {
            leptos_options,
            app: app.clone(),
        });
        Ok(Self {
            listener,
            router,
            db,
            address,
            state: app,
            offer_check: std::time::Duration::from_secs(settings.offer_check_seconds.max(1)),
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn database(&self) -> &Database {
        &self.db
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight and closes the pool.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        tracing::info!(address = %self.address, backend = ?self.db.backend(), "serving");
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        let jobs = tokio::spawn(crate::jobs::periodic_jobs(self.state, self.offer_check));
        let result = axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown)
            .await;
        jobs.abort();
        self.db.close().await;
        result
    }
}

/// The state the services share: the database, the mailer, the link-signing key.
pub async fn app_state(
    settings: &Settings,
    db: Database,
    address: SocketAddr,
) -> Result<AppState, StartupError> {
    let mailer = match &settings.smtp_host {
        Some(host) => Mailer::smtp(&SmtpSettings {
            host: host.clone(),
            port: settings.smtp_port,
            security: settings.smtp_security.clone(),
            username: settings.smtp_username.clone(),
            password: settings
                .smtp_password
                .as_ref()
                .map(|p| p.expose_secret().to_owned()),
            from: settings.mail_from.clone(),
        })?,
        None if settings.is_production() => {
            return Err("production needs SMTP: set smtp_host (KRUZHOK_SMTP_HOST)".into());
        }
        None => Mailer::Outbox,
    };
    let key = secrets::get_or_create(&db, "link_signing_key", &random_token()).await?;
    let public_url = if settings.public_url.is_empty() {
        format!("http://{address}")
    } else {
        settings.public_url.trim_end_matches('/').to_owned()
    };
    Ok(AppState {
        db,
        mailer,
        signer: Signer::new(key.as_bytes()),
        settings: Arc::new(ServiceSettings {
            public_url,
            secure_cookies: settings.is_production(),
            production: settings.is_production(),
            trust_forwarded_for: settings.trust_forwarded_for,
            offer_for: chrono::Duration::days(i64::from(settings.offer_days.max(1))),
            login_attempts_per_address: i64::from(settings.login_attempts_per_address.max(1)),
            registrations_per_address: i64::from(settings.registrations_per_address.max(1)),
            child_checks_per_address: i64::from(settings.child_checks_per_address.max(1)),
            family_lookups_per_hour: i64::from(settings.family_lookups_per_hour.max(1)),
            operator_idle: chrono::Duration::minutes(i64::from(
                settings.operator_idle_minutes.max(1),
            )),
            request_timeout: std::time::Duration::from_secs(
                settings.request_timeout_seconds.max(1),
            ),
        }),
    })
}

/// Completes on Ctrl+C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
