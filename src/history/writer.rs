//! Saving without waiting: a thread of its own owns the connection that writes, so a
//! lock held by another program, a slow disk or a full one never stops the session's
//! clock or the screen. Records are queued (only the latest snapshot of each session
//! is kept: each one is whole), written in order, and a write that fails is tried
//! again every second until it succeeds or the program ends. Opening is retried the
//! same way, so a folder that was read-only for a moment loses nothing.
//!
//! The front ends ask [`Writer::state`] what to tell the person ("saving is waiting
//! for the history file", "not saved yet: ...") and, at the end, wait a bounded time
//! with [`Writer::finish`] to say whether the session was saved.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::Store;
use crate::session::SessionRecord;

/// How long between two tries of a write that failed.
const RETRY: Duration = Duration::from_secs(1);

/// A write taking longer than this is waiting for someone else's lock.
pub const SLOW: Duration = Duration::from_millis(700);

/// Where saving stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Everything handed over is written.
    Saved,
    /// A write is under way (and not slow yet).
    Saving,
    /// A write has been waiting longer than [`SLOW`] (another program holds a lock).
    Waiting,
    /// The last try failed, for this reason (in words that name the file); it is tried
    /// again.
    Failed(String),
}

impl SaveState {
    /// At the end: saved, or why not (for the person).
    pub fn outcome(self) -> Result<(), String> {
        match self {
            SaveState::Saved => Ok(()),
            SaveState::Failed(e) => Err(e.trim_end_matches(AGAIN).to_string()),
            SaveState::Saving | SaveState::Waiting => {
                Err("the history file is still held by another program".to_string())
            }
        }
    }
}

/// Said after a failed write's reason while it is tried again.
const AGAIN: &str = "; trying again";

#[derive(Debug, Default)]
struct Progress {
    /// The thread has ended (its connection closed, the WAL folded into the file).
    ended: bool,
    /// Records handed over and not written yet.
    pending: usize,
    /// Since when the current write has been under way.
    writing_since: Option<Instant>,
    error: Option<String>,
    /// Writes that succeeded.
    written: u64,
}

#[derive(Debug, Default)]
struct Shared {
    progress: Mutex<Progress>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Progress> {
        self.progress.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn update(&self, f: impl FnOnce(&mut Progress)) {
        f(&mut self.lock());
        self.changed.notify_all();
    }
}

/// The writing thread of one data folder. Dropping it lets the thread finish what is
/// queued (one more try each) and end.
#[derive(Debug)]
pub struct Writer {
    tx: Mutex<Option<mpsc::Sender<SessionRecord>>>,
    shared: Arc<Shared>,
    dir: PathBuf,
    path: PathBuf,
}

impl Writer {
    /// Starts the thread for the history in `dir` (opened on the first write, and
    /// again after a failure). If the thread cannot be started, saving happens on the
    /// caller's thread instead, which is slower but loses nothing.
    /// The data folder it writes to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn start(dir: &Path) -> Writer {
        let shared = Arc::new(Shared::default());
        let (tx, rx) = mpsc::channel::<SessionRecord>();
        let store = Store::in_dir(dir);
        let path = store.path().to_path_buf();
        let worker = shared.clone();
        let spawned = std::thread::Builder::new()
            .name("history-writer".into())
            .spawn(move || {
                write_loop(&store, &rx, &worker);
                // Closing the connection folds the WAL into the database file, so a
                // reader that cannot use the WAL (a read-only folder) sees everything.
                drop(store);
                worker.update(|p| p.ended = true);
            });
        let tx = match spawned {
            Ok(_) => Some(tx),
            Err(_) => None,
        };
        Writer {
            tx: Mutex::new(tx),
            shared,
            dir: dir.to_path_buf(),
            path,
        }
    }

    /// Where the history is written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Queues `record`; returns at once.
    pub fn save(&self, record: &SessionRecord) -> Result<(), String> {
        let tx = self.tx.lock().unwrap_or_else(|e| e.into_inner());
        let Some(tx) = tx.as_ref() else {
            // No thread: write here.
            return Store::in_dir(&self.dir)
                .save(record)
                .map_err(|e| e.to_string());
        };
        self.shared.update(|p| p.pending += 1);
        tx.send(record.clone())
            .map_err(|_| format!("{}: the writing thread stopped", self.path.display()))
    }

    /// Where saving stands now.
    pub fn state(&self) -> SaveState {
        state_of(&self.shared.lock(), Instant::now())
    }

    /// How many writes have succeeded (the screens reload the history when it grows).
    pub fn written(&self) -> u64 {
        self.shared.lock().written
    }

    /// Waits until everything queued is written, at most `within`; says how it ended.
    pub fn finish(&self, within: Duration) -> SaveState {
        let deadline = Instant::now().checked_add(within);
        let mut p = self.shared.lock();
        while p.pending > 0 {
            let left = deadline.map_or(Duration::ZERO, |d| {
                d.saturating_duration_since(Instant::now())
            });
            if left.is_zero() {
                break;
            }
            p = match self.shared.changed.wait_timeout(p, left) {
                Ok((p, _)) => p,
                Err(e) => e.into_inner().0,
            };
        }
        state_of(&p, Instant::now())
    }
}

/// How long dropping a writer waits for its thread to finish and close the database.
const CLOSE_WAIT: Duration = Duration::from_secs(3);

impl Drop for Writer {
    fn drop(&mut self) {
        // Closing the channel tells the thread to finish; wait (boundedly) for it to
        // write what is queued and close the connection before the program ends.
        let had_thread = self
            .tx
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .is_some();
        if !had_thread {
            return;
        }
        let deadline = Instant::now() + CLOSE_WAIT;
        let mut p = self.shared.lock();
        while !p.ended {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            p = match self.shared.changed.wait_timeout(p, left) {
                Ok((p, _)) => p,
                Err(e) => e.into_inner().0,
            };
        }
    }
}

fn state_of(p: &Progress, now: Instant) -> SaveState {
    if p.pending == 0 {
        return SaveState::Saved;
    }
    if let Some(e) = &p.error {
        return SaveState::Failed(e.clone());
    }
    match p.writing_since {
        Some(t) if now.saturating_duration_since(t) >= SLOW => SaveState::Waiting,
        _ => SaveState::Saving,
    }
}

/// Keeps the latest snapshot of each session, in the order sessions first came.
fn put(queue: &mut Vec<SessionRecord>, record: SessionRecord, shared: &Shared) {
    match queue.iter_mut().find(|q| q.id == record.id) {
        Some(q) => {
            *q = record;
            // The older snapshot is superseded: it no longer waits.
            shared.update(|p| p.pending = p.pending.saturating_sub(1));
        }
        None => queue.push(record),
    }
}

fn write_loop(store: &Store, rx: &mpsc::Receiver<SessionRecord>, shared: &Shared) {
    let mut queue: Vec<SessionRecord> = Vec::new();
    let mut open = true;
    loop {
        if queue.is_empty() {
            if !open {
                return;
            }
            match rx.recv() {
                Ok(r) => put(&mut queue, r, shared),
                Err(_) => return,
            }
        }
        while let Ok(r) = rx.try_recv() {
            put(&mut queue, r, shared);
        }
        shared.update(|p| p.writing_since = Some(Instant::now()));
        let result = store.save(&queue[0]);
        match result {
            Ok(()) => {
                queue.remove(0);
                shared.update(|p| {
                    p.pending = p.pending.saturating_sub(1);
                    p.writing_since = None;
                    p.error = None;
                    p.written += 1;
                });
            }
            Err(e) => {
                shared.update(|p| {
                    p.writing_since = None;
                    p.error = Some(format!("{e}{AGAIN}"));
                });
                if !open {
                    // The owner is gone and this was the last try.
                    return;
                }
                // Wait before trying again, taking newer snapshots meanwhile.
                let until = Instant::now() + RETRY;
                loop {
                    let left = until.saturating_duration_since(Instant::now());
                    match rx.recv_timeout(left) {
                        Ok(r) => put(&mut queue, r, shared),
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => {
                            open = false;
                            break;
                        }
                    }
                }
            }
        }
    }
}
