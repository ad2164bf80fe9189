//! `fushen-server serve`: opens the database, loads the site, starts the writer, the alert
//! worker and the daily purge, and answers HTTP until SIGINT or SIGTERM.
//!
//! Connections are served by hyper directly (axum's own `serve` sets no timer, so a client that
//! connects and sends nothing, or half of its headers, would hold its connection for ever): every
//! request's headers must arrive within [`HEADER_TIMEOUT`], idle keep-alive connections included,
//! and at most [`MAX_CONNECTIONS`] are open at once; the next ones wait in the kernel's queue.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use thiserror::Error;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

use crate::app::{self, AppState};
use crate::backup::{self, BackupError, DataLock};
use crate::clock::Clock;
use crate::config::Config;
use crate::db::{Database, DbError};
use crate::site::{PageSettings, Site};
use crate::{notify, retention};

/// Why the server could not start. The operator's words for it are
/// [`crate::cli::CliError`]'s; this Display is for the log.
#[derive(Debug, Error)]
pub enum StartError {
    /// The database could not be opened.
    #[error("cannot open the database {path}: {source}")]
    Database {
        /// The file.
        path: String,
        /// Why.
        source: DbError,
    },
    /// The address is taken or not allowed.
    #[error("cannot listen on {address}: {source}")]
    Listen {
        /// The address.
        address: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// Another server runs on this data folder, or its lock file cannot be made.
    #[error("{0}")]
    Locked(BackupError),
    /// A worker thread (group-robot alerts, compression) could not start.
    #[error("cannot start a worker thread: {0}")]
    Thread(std::io::Error),
}

/// Serves until a shutdown signal; in-flight requests are finished first. Handlers read
/// `clock` (the system's, [`Clock::SYSTEM`], except in the end-to-end tests' `serve_ahead`).
pub async fn serve(config: Config, clock: Clock) -> Result<(), StartError> {
    let (wake, woken) = std::sync::mpsc::channel();
    let alerts = config.webhook.is_some().then_some(wake);
    let db = Database::start(&config.db_path, alerts).map_err(|source| StartError::Database {
        path: config.db_path.display().to_string(),
        source,
    })?;
    // One server per data folder (the database made the folder); `restore` checks this lock.
    let _lock = DataLock::take(&config.data_dir).map_err(StartError::Locked)?;
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
    if let Some(folder) = config.backup_dir.clone() {
        spawn_backups(
            db.clone(),
            folder,
            config.backup_keep,
            config.retention_days,
        );
    }

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
    let router = app::router(AppState::new(config, db, site).with_clock(clock));
    serve_on(listener, router, shutdown_signal()).await;
    tracing::info!("stopped");
    Ok(())
}

/// The most a client may take to send a request's headers (from the connection's start, or from
/// the end of the previous response on a kept-alive connection) before it is disconnected.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// The most connections served at once; each holds a file descriptor.
pub const MAX_CONNECTIONS: usize = 512;

/// Serves `router` on `listener` until `shutdown` completes, then lets the requests in flight
/// finish (each is bounded by [`crate::app::REQUEST_TIMEOUT`]) and returns.
pub async fn serve_on(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    serve_at_most(listener, router, MAX_CONNECTIONS, shutdown).await;
}

/// [`serve_on`] with at most `connections` served at once (the tests try the limit small).
pub async fn serve_at_most(
    listener: TcpListener,
    router: Router,
    connections: usize,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let (stop, stopping) = watch::channel(false);
    let slots = Arc::new(Semaphore::new(connections));
    let accepting = async {
        loop {
            let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
                return;
            };
            let (stream, peer) = match listener.accept().await {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // wait a moment rather than spin.
                    tracing::warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            let service =
                router
                    .clone()
                    .map_request(move |mut request: axum::extract::Request<_>| {
                        request.extensions_mut().insert(ConnectInfo(peer));
                        request.map(axum::body::Body::new)
                    });
            let mut stopping = stopping.clone();
            tokio::spawn(async move {
                let _slot = slot;
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEADER_TIMEOUT)
                    .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
                tokio::pin!(connection);
                tokio::select! {
                    _ = connection.as_mut() => return,
                    _ = stopping.wait_for(|stop| *stop) => {}
                }
                connection.as_mut().graceful_shutdown();
                let _ = connection.await;
            });
        }
    };
    tokio::select! {
        () = accepting => {}
        () = shutdown => {}
    }
    drop(listener);
    let _ = stop.send(true);
    // Every connection gives its slot back when it ends.
    let _ = slots.acquire_many(connections as u32).await;
}

/// Every hour: a backup when the newest is a day old, then the old ones pruned.
fn spawn_backups(db: Database, folder: std::path::PathBuf, keep: u32, retention_days: u32) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(60 * 60));
        loop {
            every_hour.tick().await;
            let into = folder.clone();
            let result = db
                .call(move |conn| Ok(backup::daily(conn, &into, keep, retention_days)))
                .await;
            match result {
                Ok(Ok(Some(file))) => tracing::info!(file = %file.display(), "daily backup taken"),
                Ok(Ok(None)) => {}
                Ok(Err(error)) => tracing::error!(%error, "daily backup failed"),
                Err(error) => tracing::error!(%error, "daily backup failed"),
            }
        }
    });
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
        Ok(mut site) => {
            with_local_holidays(&mut site, &config.data_dir);
            site
        }
        Err(error) => {
            tracing::warn!(site = %dir.display(), %error,
                "no site to serve (build it with `trunk build --release`); serving enquiries only");
            Site::default()
        }
    }
}

/// The holiday file of the data folder, when there is one, is served instead of the built one:
/// a year the State Council publishes is added there without a rebuild, and it survives an
/// upgrade (a new release brings a new `dist/`).
pub const LOCAL_HOLIDAYS: &str = "cn-holidays.txt";

fn with_local_holidays(site: &mut Site, data_dir: &std::path::Path) {
    let path = data_dir.join(LOCAL_HOLIDAYS);
    match std::fs::read(&path) {
        Ok(bytes) => {
            tracing::info!(file = %path.display(), "serving the data folder's holiday file");
            site.replace(&format!("/{LOCAL_HOLIDAYS}"), bytes);
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => tracing::warn!(file = %path.display(), %error,
            "the data folder's holiday file cannot be read; serving the built one"),
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
