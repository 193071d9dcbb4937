//! `on_cue`: a command of the person's own, run for every cue, so that they can play
//! their own sounds or send a desktop notification.
//!
//! Bounded: one thread a session runs the hook, one process at a time; a cue that
//! comes while the hook still runs waits (one at most: more are dropped), and a run that takes longer than its time limit is killed. The session never waits
//! for it. A failure (not found, not executable, a non-zero exit, killed at the time
//! limit) is reported once a session, with the first line the hook wrote on standard
//! error.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStderr, Command, Stdio};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long one run of the hook may take before it is killed.
pub const HOOK_TIME_LIMIT: Duration = Duration::from_secs(5);

/// How much of the hook's standard error is kept: its first line, this long at most.
const FIRST_LINE_BYTES: u64 = 300;

/// A program and its arguments, run without a shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueHook {
    pub program: String,
    pub args: Vec<String>,
    /// Killed after this long.
    pub limit: Duration,
}

impl CueHook {
    /// `program` with `args` and the standard time limit.
    pub fn new(program: String, args: Vec<String>) -> CueHook {
        CueHook {
            program,
            args,
            limit: HOOK_TIME_LIMIT,
        }
    }
}

/// Why a run of the hook failed, in words that follow the program's name.
fn spawn_failure(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "was not found".to_string(),
        std::io::ErrorKind::PermissionDenied => "is not executable".to_string(),
        _ => format!("could not be started ({e})"),
    }
}

#[derive(Debug, Default)]
struct Shared {
    /// The first failure, until the coach takes it.
    failure: Option<String>,
    /// A failure was reported already this session.
    reported: bool,
    /// Cues handed over and not yet run to their end.
    inflight: usize,
}

/// The hook's thread for one session. Dropping it ends the thread (a run under way is
/// left to its time limit).
#[derive(Debug)]
pub struct HookRunner {
    tx: Option<SyncSender<(String, String)>>,
    shared: Arc<Mutex<Shared>>,
    program: String,
}

impl HookRunner {
    /// Starts the thread; when it cannot be started, that is the failure reported.
    pub fn start(hook: CueHook) -> HookRunner {
        let shared = Arc::new(Mutex::new(Shared::default()));
        let program = hook.program.clone();
        // One cue waits while one runs; more are dropped.
        let (tx, rx) = mpsc::sync_channel::<(String, String)>(1);
        let worker = shared.clone();
        let tx = match std::thread::Builder::new()
            .name("on-cue".into())
            .spawn(move || run_loop(&hook, &rx, &worker))
        {
            Ok(_) => Some(tx),
            Err(e) => {
                fail(&shared, format!("could not be started ({e})"));
                None
            }
        };
        HookRunner {
            tx,
            shared,
            program,
        }
    }

    /// Runs the hook for a cue, unless one is already waiting (then this cue is
    /// dropped: the hook is slower than the cues).
    pub fn cue(&self, kind: &str, text: &str) {
        if let Some(tx) = &self.tx {
            // Full: a cue waits already; this one is dropped.
            if tx.try_send((kind.to_string(), text.to_string())).is_ok() {
                self.shared
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .inflight += 1;
            }
        }
    }

    /// Waits, at most `within`, for the cues handed over to have run (the last cue's
    /// hook before the program ends).
    pub fn finish(&self, within: Duration) {
        let deadline = Instant::now() + within;
        while self
            .shared
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .inflight
            > 0
            && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The first failure of this session, once: "`notify-send` was not found".
    pub fn take_failure(&self) -> Option<String> {
        let why = self
            .shared
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .failure
            .take()?;
        Some(format!("`{}` {why}", crate::text::printable(&self.program)))
    }
}

fn fail(shared: &Mutex<Shared>, why: String) {
    let mut s = shared.lock().unwrap_or_else(|e| e.into_inner());
    if !s.reported {
        s.reported = true;
        s.failure = Some(why);
    }
}

fn run_loop(hook: &CueHook, rx: &Receiver<(String, String)>, shared: &Mutex<Shared>) {
    let mut stderr_reader = StderrReader::start();
    while let Ok((kind, text)) = rx.recv() {
        if let Err(why) = run_once(hook, &kind, &text, &mut stderr_reader) {
            fail(shared, why);
        }
        let mut s = shared.lock().unwrap_or_else(|e| e.into_inner());
        s.inflight = s.inflight.saturating_sub(1);
    }
}

/// One run: started, waited for up to the time limit, killed after it.
fn run_once(
    hook: &CueHook,
    kind: &str,
    text: &str,
    stderr_reader: &mut Option<StderrReader>,
) -> Result<(), String> {
    let free = stderr_reader.as_ref().is_some_and(StderrReader::is_free);
    let mut child = Command::new(&hook.program)
        .args(&hook.args)
        .env("FOAMROLL_CUE", kind)
        .env("FOAMROLL_TEXT", text)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(if free { Stdio::piped() } else { Stdio::null() })
        .spawn()
        .map_err(|e| spawn_failure(&e))?;
    let line = match (child.stderr.take(), stderr_reader.as_mut()) {
        (Some(pipe), Some(reader)) => reader.read(pipe),
        _ => None,
    };
    let outcome = wait_until(&mut child, Instant::now() + hook.limit);
    let first = || {
        line.as_ref()
            .and_then(|rx| rx.recv_timeout(Duration::from_millis(200)).ok())
            .flatten()
            .map(|l| format!(": {}", crate::text::printable(&l)))
            .unwrap_or_default()
    };
    match outcome {
        Some(status) if status.success() => Ok(()),
        Some(status) => Err(match status.code() {
            Some(code) => format!("exited with status {code}{}", first()),
            None => format!("was stopped by a signal{}", first()),
        }),
        None => {
            let _ = child.kill();
            let _ = child.wait();
            Err(format!(
                "took longer than {} seconds and was stopped{}",
                hook.limit.as_secs_f64(),
                first()
            ))
        }
    }
}

/// Waits for `child` until `deadline`; `None` when it still runs then.
fn wait_until(child: &mut Child, deadline: Instant) -> Option<std::process::ExitStatus> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) => {}
            Err(_) => return None,
        }
        let now = Instant::now();
        if now >= deadline {
            return None;
        }
        std::thread::sleep((deadline - now).min(Duration::from_millis(20)));
    }
}

/// One long-lived thread that reads the first line of a run's standard error and
/// then drains the rest, so a hook never blocks on a full pipe. A pipe held open by
/// something the hook left running keeps it busy: later runs then go without.
#[derive(Debug)]
struct StderrReader {
    tx: mpsc::Sender<(ChildStderr, mpsc::Sender<Option<String>>)>,
    busy: Arc<Mutex<bool>>,
}

impl StderrReader {
    fn start() -> Option<StderrReader> {
        let (tx, rx) = mpsc::channel::<(ChildStderr, mpsc::Sender<Option<String>>)>();
        let busy = Arc::new(Mutex::new(false));
        let flag = busy.clone();
        std::thread::Builder::new()
            .name("on-cue-stderr".into())
            .spawn(move || {
                while let Ok((pipe, reply)) = rx.recv() {
                    let mut reader = BufReader::new(pipe);
                    let mut first = Vec::new();
                    let _ = (&mut reader)
                        .take(FIRST_LINE_BYTES)
                        .read_until(b'\n', &mut first);
                    let line = String::from_utf8_lossy(&first).trim().to_string();
                    let _ = reply.send((!line.is_empty()).then_some(line));
                    let _ = std::io::copy(&mut reader, &mut std::io::sink());
                    *flag.lock().unwrap_or_else(|e| e.into_inner()) = false;
                }
            })
            .ok()?;
        Some(StderrReader { tx, busy })
    }

    fn is_free(&self) -> bool {
        !*self.busy.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Hands the pipe over; the first line comes on the returned channel.
    fn read(&mut self, pipe: ChildStderr) -> Option<Receiver<Option<String>>> {
        let (tx, rx) = mpsc::channel();
        *self.busy.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.tx.send((pipe, tx)).ok()?;
        Some(rx)
    }
}
