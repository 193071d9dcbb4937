//! Spoken cues through the system's speech command. Nothing is linked in. One
//! utterance at a time, on a thread of its own, so the timer never waits for speech
//! and two cues never talk over each other; when the phase moves on, what was queued
//! for the old phase is dropped and an utterance still speaking for it is cut short.
//! Lasting words (a step's set-up and caution, the pressure-and-pain rule) are not
//! stale one phase later: they wait behind the new phase's cue, and one cut short is
//! said again whole.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::coach::Speaker;

/// The commands tried, in order.
pub const COMMANDS: &[&str] = &["espeak-ng", "espeak", "spd-say", "say"];

pub const NOT_FOUND: &str =
    "foamroll: no speech command found (espeak-ng, espeak, spd-say or say); going on without voice";

#[derive(Debug, Clone)]
pub struct Voice {
    command: PathBuf,
}

/// The extensions Windows tries when `PATHEXT` is not set.
const DEFAULT_PATHEXT: &str = ".COM;.EXE;.BAT;.CMD";

/// The file names a command may have: on Windows (`pathext` given, as `PATHEXT` lists
/// them) the name with each extension first, then the name alone; elsewhere the name.
fn file_names(name: &str, pathext: Option<&str>) -> Vec<String> {
    let mut names: Vec<String> = pathext
        .into_iter()
        .flat_map(|p| p.split(';'))
        .map(str::trim)
        .filter(|e| e.starts_with('.') && e.len() > 1)
        .map(|e| format!("{name}{}", e.to_ascii_lowercase()))
        .collect();
    names.push(name.to_string());
    names
}

fn find_in(path: &std::ffi::OsStr, name: &str, pathext: Option<&str>) -> Option<PathBuf> {
    let names = file_names(name, pathext);
    std::env::split_paths(path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// `PATHEXT` on Windows (its default when unset); `None` elsewhere.
fn pathext() -> Option<String> {
    cfg!(windows).then(|| {
        std::env::var("PATHEXT")
            .ok()
            .filter(|p| !p.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_PATHEXT.to_string())
    })
}

impl Voice {
    /// The first speech command found, or `None` (say so once and carry on).
    pub fn detect() -> Option<Voice> {
        Voice::detect_in(&std::env::var_os("PATH")?)
    }

    /// The first speech command in the folders of `path` (as `PATH` lists them).
    pub fn detect_in(path: &std::ffi::OsStr) -> Option<Voice> {
        Voice::detect_with(path, pathext().as_deref())
    }

    /// [`Voice::detect_in`] with the extensions a command may have (Windows' `PATHEXT`).
    pub fn detect_with(path: &std::ffi::OsStr, pathext: Option<&str>) -> Option<Voice> {
        COMMANDS
            .iter()
            .find_map(|c| find_in(path, c, pathext))
            .map(|command| Voice { command })
    }

    /// The command's name, without the extension Windows gives it ("espeak-ng").
    pub fn name(&self) -> String {
        self.command
            .file_stem()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned())
    }

    /// Starts speaking `text`; the caller waits for it.
    fn spawn(&self, text: &str) -> std::io::Result<Child> {
        // After `--`: a text that begins with `-` is spoken, not read as an option.
        Command::new(&self.command)
            .arg("--")
            .arg(text)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
    }
}

/// One thing to say.
#[derive(Debug, Clone, PartialEq)]
pub struct Utterance {
    pub text: String,
    /// The phase it belongs to.
    pub epoch: u64,
    /// Not worth saying after this (a "3" said late is wrong).
    pub until: Option<Instant>,
    /// Still worth saying in the next phase (after its own cue), once.
    pub lasting: bool,
}

/// What waits to be said. Pure, so its rules are tested on their own.
#[derive(Debug, Default)]
pub struct Queue {
    items: VecDeque<Utterance>,
    /// Lasting words carried over from the phase before: said after `items`.
    carried: VecDeque<Utterance>,
    epoch: u64,
}

impl Queue {
    /// A new phase: what was queued for older ones is dropped.
    pub fn new_phase(&mut self, epoch: u64) {
        if epoch <= self.epoch {
            return;
        }
        self.epoch = epoch;
        // Words carried once already had their phase: they go now.
        self.carried.clear();
        for u in std::mem::take(&mut self.items) {
            if u.epoch >= epoch {
                self.items.push_back(u);
            } else if u.lasting {
                self.carry(u);
            }
        }
    }

    /// Keeps lasting words for the current phase, behind its own cue; an utterance
    /// cut short comes back here to be said again whole.
    pub fn carry(&mut self, u: Utterance) {
        if u.lasting {
            self.carried.push_back(Utterance {
                epoch: self.epoch,
                lasting: false,
                ..u
            });
        }
    }

    pub fn push(&mut self, u: Utterance) {
        if u.epoch >= self.epoch {
            self.items.push_back(u);
        }
    }

    /// The next utterance still worth saying at `now`.
    pub fn pop(&mut self, now: Instant) -> Option<Utterance> {
        while let Some(u) = self.items.pop_front().or_else(|| self.carried.pop_front()) {
            if u.epoch >= self.epoch && u.until.is_none_or(|t| now <= t) {
                return Some(u);
            }
        }
        None
    }

    /// The utterance of `epoch` is stale: a newer phase has begun.
    pub fn is_stale(&self, epoch: u64) -> bool {
        epoch < self.epoch
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.carried.is_empty()
    }
}

#[derive(Debug, Default)]
struct State {
    queue: Queue,
    closed: bool,
    speaking: bool,
    /// An utterance outlived its time limit: the speech command hangs, so the end of
    /// the program no longer waits for it.
    hung: bool,
}

/// How long one utterance may take before the speech command is taken for hung and
/// stopped: twice a slow speaking rate (about 10 characters a second), plus a start-up
/// allowance.
pub fn utterance_limit(text: &str) -> Duration {
    let chars = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
    (Duration::from_secs(2) + Duration::from_millis(100) * chars).min(Duration::from_secs(30))
}

#[derive(Debug)]
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The speech queue and its thread. Dropping the last handle ends the thread.
#[derive(Debug)]
pub struct Speech {
    shared: Arc<Shared>,
}

impl Speech {
    pub fn start(voice: Voice) -> Speech {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            wake: Condvar::new(),
        });
        let worker = shared.clone();
        // No thread to speak from (the process limit): silent, never a panic.
        if std::thread::Builder::new()
            .name("speech".into())
            .spawn(move || speak_loop(&voice, &worker))
            .is_err()
        {
            shared.lock().closed = true;
        }
        Speech { shared }
    }
}

impl Drop for Speech {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.wake.notify_all();
    }
}

impl Speaker for Speech {
    fn finish(&self, within: Duration) {
        let deadline = Instant::now().checked_add(within);
        let mut state = self.shared.lock();
        while !state.closed && !state.hung && (state.speaking || !state.queue.is_empty()) {
            let left = deadline.map_or(Duration::ZERO, |d| {
                d.saturating_duration_since(Instant::now())
            });
            if left.is_zero() {
                return;
            }
            state = match self.shared.wake.wait_timeout(state, left) {
                Ok((s, _)) => s,
                Err(e) => e.into_inner().0,
            };
        }
    }

    fn is_quiet(&self) -> bool {
        let state = self.shared.lock();
        state.closed || (!state.speaking && state.queue.is_empty())
    }

    fn phase(&self, epoch: u64) {
        self.shared.lock().queue.new_phase(epoch);
        self.shared.wake.notify_all();
    }

    fn say(&self, epoch: u64, text: &str, lifetime: Option<Duration>) {
        let until = lifetime.and_then(|l| Instant::now().checked_add(l));
        self.shared.lock().queue.push(Utterance {
            text: text.to_string(),
            epoch,
            until,
            lasting: false,
        });
        self.shared.wake.notify_all();
    }

    fn say_lasting(&self, epoch: u64, text: &str) {
        self.shared.lock().queue.push(Utterance {
            text: text.to_string(),
            epoch,
            until: None,
            lasting: true,
        });
        self.shared.wake.notify_all();
    }
}

/// How often a running utterance is checked for being stale when nothing wakes us.
const POLL: Duration = Duration::from_millis(50);

fn speak_loop(voice: &Voice, shared: &Shared) {
    loop {
        let utterance = {
            let mut state = shared.lock();
            loop {
                if state.closed {
                    return;
                }
                if let Some(u) = state.queue.pop(Instant::now()) {
                    state.speaking = true;
                    break u;
                }
                state = shared.wake.wait(state).unwrap_or_else(|e| e.into_inner());
            }
        };
        let Ok(mut child) = voice.spawn(&utterance.text) else {
            shared.lock().speaking = false;
            shared.wake.notify_all();
            continue;
        };
        // Wait for it to finish; cut it short when its phase is over, or when it takes
        // far longer than the words need (a speech command that hangs).
        let deadline = Instant::now() + utterance_limit(&utterance.text);
        loop {
            if matches!(child.try_wait(), Ok(Some(_)) | Err(_)) {
                break;
            }
            let mut state = shared.lock();
            if Instant::now() >= deadline {
                state.hung = true;
                drop(state);
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
            if state.queue.is_stale(utterance.epoch) || state.closed {
                // Lasting words cut short by the new phase's cue are said again whole.
                state.queue.carry(utterance);
                drop(state);
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
            let _ = shared.wake.wait_timeout(state, POLL);
        }
        shared.lock().speaking = false;
        shared.wake.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_names_follow_pathext() {
        assert_eq!(file_names("say", None), vec!["say"]);
        assert_eq!(
            file_names("espeak-ng", Some(".COM;.EXE; ;bad;.")),
            vec!["espeak-ng.com", "espeak-ng.exe", "espeak-ng"]
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("espeak.exe"), b"").unwrap();
        let path = std::env::join_paths([dir.path()]).unwrap();
        // As Windows looks for it: found with its extension, named without it.
        let voice = Voice::detect_with(&path, Some(DEFAULT_PATHEXT)).unwrap();
        assert_eq!(voice.name(), "espeak");
        // Elsewhere a file must have the command's own name.
        assert!(Voice::detect_with(&path, None).is_none());
    }

    fn u(text: &str, epoch: u64) -> Utterance {
        Utterance {
            text: text.into(),
            epoch,
            until: None,
            lasting: false,
        }
    }

    #[test]
    fn lasting_words_wait_behind_the_new_phase_cue_for_one_phase() {
        let mut q = Queue::default();
        q.new_phase(1);
        q.push(u("get ready", 1));
        q.push(Utterance {
            lasting: true,
            ..u("press only as hard as you can breathe through", 1)
        });
        q.new_phase(2);
        q.push(u("right calf: keep moving", 2));
        let now = Instant::now();
        assert_eq!(
            q.pop(now).map(|u| u.text),
            Some("right calf: keep moving".into())
        );
        assert_eq!(
            q.pop(now).map(|u| (u.text, u.epoch, u.lasting)),
            Some((
                "press only as hard as you can breathe through".into(),
                2,
                false
            ))
        );
        // Carried once: a second phase change drops it.
        q.push(Utterance {
            lasting: true,
            ..u("set-up", 2)
        });
        q.new_phase(3);
        q.new_phase(4);
        assert_eq!(q.pop(now), None);
    }

    #[test]
    fn lasting_words_cut_short_are_said_again_whole() {
        let mut q = Queue::default();
        q.new_phase(1);
        let rule = Utterance {
            lasting: true,
            ..u("the pressure rule", 1)
        };
        q.new_phase(2);
        q.push(u("hold", 2));
        // The worker was saying the rule when phase 2 began: it cuts it and carries it.
        assert!(q.is_stale(rule.epoch));
        q.carry(rule);
        let now = Instant::now();
        assert_eq!(q.pop(now).map(|u| u.text), Some("hold".into()));
        assert_eq!(q.pop(now).map(|u| u.text), Some("the pressure rule".into()));
        // A plain cue cut short is not said again.
        q.carry(u("3", 2));
        assert!(q.is_empty());
    }

    #[test]
    fn a_new_phase_drops_what_was_queued_for_the_old_one() {
        let mut q = Queue::default();
        q.new_phase(1);
        q.push(u("hold for 30 seconds", 1));
        q.push(u("3", 1));
        q.new_phase(2);
        q.push(u("switch", 2));
        let now = Instant::now();
        assert_eq!(q.pop(now).map(|u| u.text), Some("switch".into()));
        assert_eq!(q.pop(now), None);
        // A late "2" for the old phase is refused outright.
        q.push(u("2", 1));
        assert!(q.is_empty());
        assert!(q.is_stale(1) && !q.is_stale(2));
    }

    #[test]
    fn a_count_said_too_late_is_dropped() {
        let mut q = Queue::default();
        let now = Instant::now();
        q.push(Utterance {
            text: "3".into(),
            epoch: 0,
            until: Some(now),
            lasting: false,
        });
        q.push(u("next", 0));
        let later = now + Duration::from_secs(1);
        assert_eq!(q.pop(later).map(|u| u.text), Some("next".into()));
    }
}
