//! `fushen-server serve`: opens the database, loads the site, starts the writer, the notice
//! worker and the daily purge, and answers HTTP until SIGINT or SIGTERM.

use std::net::SocketAddr;
use std::sync::Arc;

use thiserror::Error;

use crate::app::{self, AppState};
use crate::config::Config;
use crate::db::{Database, DbError};
use crate::site::{PageSettings, Site};
use crate::{notify, retention};

/// Why the server could not start.
#[derive(Debug, Error)]
pub enum StartError {
    /// The database could not be opened.
    #[error("数据库打不开（{path}）：{source}")]
    Database {
        /// The file.
        path: String,
        /// Why.
        source: DbError,
    },
    /// The address is taken or not allowed.
    #[error("不能在 {address} 上监听：{source}")]
    Listen {
        /// The address.
        address: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// A worker thread (notices, compression) could not start.
    #[error("后台线程启动失败：{0}")]
    Thread(std::io::Error),
    /// Serving failed.
    #[error("服务出错：{0}")]
    Serve(std::io::Error),
}

/// Serves until a shutdown signal; in-flight requests are finished first.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let (wake, woken) = std::sync::mpsc::channel();
    let notices = config.webhook.is_some().then_some(wake);
    let db = Database::start(&config.db_path, notices).map_err(|source| StartError::Database {
        path: config.db_path.display().to_string(),
        source,
    })?;
    if let Some(robot) = config.webhook.clone() {
        notify::start(
            robot,
            config.db_path.clone(),
            config.inbox_url.clone(),
            woken,
        )
        .map_err(StartError::Thread)?;
    }
    let site = Arc::new(load_site(&config));
    let compressing = Arc::clone(&site);
    std::thread::Builder::new()
        .name("fushen-compress".into())
        .spawn(move || compressing.compress())
        .map_err(StartError::Thread)?;
    retention::spawn_daily(db.clone(), config.retention_days);

    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|source| StartError::Listen {
            address: config.listen,
            source,
        })?;
    let address = listener.local_addr().unwrap_or(config.listen);
    tracing::info!(
        %address,
        database = %config.db_path.display(),
        site_files = site.len(),
        webhook = config.webhook.as_ref().map(|w| format!("{:?}", w.kind)),
        "listening on http://{address}/"
    );
    let router = app::router(AppState::new(config, db, site));
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(StartError::Serve)?;
    tracing::info!("stopped");
    Ok(())
}

fn load_site(config: &Config) -> Site {
    let Some(dir) = &config.site_dir else {
        tracing::info!("FUSHEN_SITE is empty: serving enquiries only, no site");
        return Site::default();
    };
    let settings = PageSettings {
        institution: config.institution.clone(),
        phone: config.phone.clone(),
    };
    match Site::load(dir, &settings) {
        Ok(site) => site,
        Err(error) => {
            tracing::warn!(site = %dir.display(), %error,
                "no site to serve (build it with `trunk build --release`); serving enquiries only");
            Site::default()
        }
    }
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
