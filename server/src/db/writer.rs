//! The one writer of enquiries: a thread that owns a connection, takes every enquiry waiting in
//! its queue, stores them in one transaction, commits (one disk sync for the lot), and only then
//! answers each request. Concurrent posts of one id meet here in order, so they store one row.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rusqlite::Connection;
use tokio::sync::{mpsc, oneshot};

use super::enquiries::{self, NewEnquiry, Stored};
use super::DbError;

/// Enquiries waiting for the writer before senders wait too (back-pressure).
const QUEUE: usize = 4096;
/// The most enquiries committed together.
const MAX_BATCH: usize = 512;

/// Told when a committed enquiry queued a group-robot alert.
pub type Wake = std::sync::mpsc::Sender<()>;

struct Job {
    enquiry: NewEnquiry,
    answer: oneshot::Sender<Result<Stored, DbError>>,
}

/// The way to the writer thread.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
    running: Arc<AtomicBool>,
}

impl Writer {
    /// Starts the writer thread on `conn`. It stops when every [`Writer`] is dropped, after
    /// committing what it has.
    pub fn start(conn: Connection, wake: Option<Wake>) -> Writer {
        let (jobs, queue) = mpsc::channel(QUEUE);
        let running = Arc::new(AtomicBool::new(true));
        let flag = Arc::clone(&running);
        std::thread::Builder::new()
            .name("fushen-writer".into())
            .spawn(move || {
                run(conn, queue, wake);
                flag.store(false, Ordering::SeqCst);
            })
            .map(drop)
            .unwrap_or_else(|e| {
                tracing::error!(error = %e, "could not start the writer thread");
                running.store(false, Ordering::SeqCst);
            });
        Writer { jobs, running }
    }

    /// Stores `enquiry`; the answer comes once it is committed (or failed).
    pub async fn store(&self, enquiry: NewEnquiry) -> Result<Stored, DbError> {
        let (answer, answered) = oneshot::channel();
        self.jobs
            .send(Job { enquiry, answer })
            .await
            .map_err(|_| DbError::WriterGone)?;
        answered.await.map_err(|_| DbError::WriterGone)?
    }

    /// Whether the writer thread is still running.
    pub fn is_running(&self) -> bool {
        self.running.load(Ordering::SeqCst) && !self.jobs.is_closed()
    }
}

fn run(mut conn: Connection, mut queue: mpsc::Receiver<Job>, wake: Option<Wake>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = queue.blocking_recv() {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        match commit(&mut conn, &batch) {
            Ok(outcomes) => {
                let queued_alert = batch.iter().zip(&outcomes).any(|(job, stored)| {
                    job.enquiry.alert_line.is_some() && matches!(stored, Stored::Created { .. })
                });
                for (job, stored) in batch.drain(..).zip(outcomes) {
                    // The request may have timed out meanwhile; the enquiry is stored anyway.
                    let _ = job.answer.send(Ok(stored));
                }
                if let (true, Some(wake)) = (queued_alert, &wake) {
                    let _ = wake.send(());
                }
            }
            Err(error) => {
                tracing::error!(%error, enquiries = batch.len(), "could not store enquiries");
                let error = Arc::new(error);
                for job in batch.drain(..) {
                    let _ = job.answer.send(Err(DbError::Batch(Arc::clone(&error))));
                }
            }
        }
    }
}

/// Stores every job's enquiry in one transaction; nothing is kept unless all of it commits.
fn commit(conn: &mut Connection, batch: &[Job]) -> rusqlite::Result<Vec<Stored>> {
    let tx = conn.transaction()?;
    let outcomes = batch
        .iter()
        .map(|job| enquiries::store(&tx, &job.enquiry))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    tx.commit()?;
    Ok(outcomes)
}
