//! The `on_cue` hook and the speech command under faults injected here: a hook that is
//! missing, not executable, fails, or hangs; a speech command that hangs. The session
//! goes on, at most one hook process runs at a time, a hung one is killed at its time
//! limit, and the person is told once a session with the hook's first stderr line.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Sandbox, stderr, stdout};
use foamroll::coach::{Coach, CoachConfig, CueHook, Note};
use foamroll::input::SessionCommand;
use foamroll::library::load_builtin;
use foamroll::session::Timing;

fn script(dir: &std::path::Path, name: &str, body: &str, mode: u32) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(mode)).unwrap();
    path
}

/// Runs a session with `hook`, skipping through `skips` phases a few milliseconds
/// apart in real time, then waiting up to `wait` for the hook to report; returns the
/// feedback the coach gave and the coach.
fn session_with(hook: CueHook, skips: usize, wait: Duration) -> (Vec<String>, Coach) {
    let library = Arc::new(load_builtin().library);
    let routine = library.routine("post-run").unwrap().clone();
    let config = CoachConfig {
        on_cue: Some(hook),
        ..CoachConfig::default()
    };
    let t0 = Instant::now();
    let mut coach = Coach::start(
        library,
        &routine,
        &Timing::default(),
        config,
        None,
        t0,
        common::ui::wall(),
    );
    let mut feedback = Vec::new();
    let mut take = |coach: &mut Coach| {
        for n in coach.take_notes() {
            if let Note::Feedback(f) = n {
                feedback.push(f);
            }
        }
    };
    for i in 0..skips {
        let now = t0 + Duration::from_millis(10 * i as u64);
        coach.command(SessionCommand::Skip, now);
        take(&mut coach);
        std::thread::sleep(Duration::from_millis(10));
    }
    let until = Instant::now() + wait;
    while Instant::now() < until {
        std::thread::sleep(Duration::from_millis(50));
        coach.tick(Instant::now());
        take(&mut coach);
    }
    (feedback, coach)
}

fn hook_notes(feedback: &[String]) -> Vec<&String> {
    feedback.iter().filter(|f| f.contains("on_cue")).collect()
}

#[test]
fn a_missing_or_not_executable_hook_is_reported_once_and_the_session_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-hook").display().to_string();
    let (feedback, coach) = session_with(
        CueHook::new(missing, vec![]),
        10,
        Duration::from_millis(500),
    );
    let notes = hook_notes(&feedback);
    assert_eq!(notes.len(), 1, "once a session: {feedback:#?}");
    assert!(notes[0].contains("was not found"), "{notes:?}");
    assert!(notes[0].contains("no-such-hook"), "{notes:?}");
    assert!(!coach.is_over() || coach.session().record().entries.len() > 1);

    let plain_file = script(dir.path(), "not-x", "exit 0", 0o644);
    let (feedback, _) = session_with(
        CueHook::new(plain_file.display().to_string(), vec![]),
        10,
        Duration::from_millis(500),
    );
    let notes = hook_notes(&feedback);
    assert_eq!(notes.len(), 1, "{feedback:#?}");
    assert!(notes[0].contains("is not executable"), "{notes:?}");
}

#[test]
fn a_failing_hook_is_reported_with_its_first_stderr_line() {
    let dir = tempfile::tempdir().unwrap();
    let hook = script(
        dir.path(),
        "hook",
        "echo 'paplay: no such sound file' >&2\necho 'second line' >&2\nexit 3",
        0o755,
    );
    let (feedback, _) = session_with(
        CueHook::new(hook.display().to_string(), vec![]),
        8,
        Duration::from_millis(800),
    );
    let notes = hook_notes(&feedback);
    assert_eq!(notes.len(), 1, "{feedback:#?}");
    assert!(
        notes[0].contains("exited with status 3: paplay: no such sound file"),
        "{notes:?}"
    );
    assert!(!notes[0].contains("second line"));
}

#[cfg(target_os = "linux")] // reads /proc
#[test]
fn a_hook_that_hangs_runs_one_at_a_time_and_is_killed_at_its_time_limit() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("runs.txt");
    let hook = script(
        dir.path(),
        "hang",
        &format!(
            "echo $$ >> '{}'\necho 'stuck waiting' >&2\nexec sleep 30",
            log.display()
        ),
        0o755,
    );
    let mut h = CueHook::new(hook.display().to_string(), vec![]);
    h.limit = Duration::from_millis(400);
    // 60 cues in well under a second: the old hook started 60 processes.
    let started = Instant::now();
    let (feedback, _coach) = session_with(h, 60, Duration::from_millis(1500));
    let runs = std::fs::read_to_string(&log).unwrap_or_default();
    let pids: Vec<&str> = runs.lines().collect();
    // One running, one waiting: a run each 400 ms at most in the time this took.
    let most = 2 + (started.elapsed().as_millis() / 400) as usize;
    assert!(pids.len() <= most, "{} runs: {runs}", pids.len());
    assert!(!pids.is_empty());
    // Every run is over: killed at the limit, none left behind.
    for pid in &pids {
        let alive = std::path::Path::new(&format!("/proc/{pid}")).exists()
            && std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .is_ok_and(|s| !s.contains(") Z "));
        assert!(!alive || pid == pids.last().unwrap(), "{pid} still runs");
    }
    let notes = hook_notes(&feedback);
    assert_eq!(notes.len(), 1, "{feedback:#?}");
    assert!(
        notes[0].contains("took longer than 0.4 seconds and was stopped: stuck waiting"),
        "{notes:?}"
    );
}

#[test]
fn plain_mode_says_once_that_the_hook_failed() {
    let sb = Sandbox::new();
    let hook = script(
        sb.path(),
        "hook",
        "echo 'no sound device' >&2; exit 1",
        0o755,
    );
    sb.write(
        "config/config.yaml",
        &format!("on_cue: {}\n", hook.display()),
    );
    let out = sb
        .command()
        .args(["play", "pre-run", "--plain", "--speed", "20"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let said: Vec<&str> = text.lines().filter(|l| l.contains("on_cue")).collect();
    assert_eq!(said.len(), 1, "{text}");
    assert!(
        said[0].contains("exited with status 1: no sound device"),
        "{text}"
    );
    assert!(text.contains("Done: Pre-run warm-up"));
}

#[test]
fn a_hung_speech_command_is_bounded_and_a_leading_dash_is_spoken() {
    let sb = Sandbox::new();
    let bin = sb.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = sb.path().join("said.txt");
    // Says nothing and never ends once it is asked for the last words.
    script(
        &bin,
        "espeak-ng",
        &format!(
            "printf '%s\\n' \"$*\" >> '{}'\ncase \"$*\" in *Done*) exec sleep 60;; esac",
            log.display()
        ),
        0o755,
    );
    let started = Instant::now();
    let out = sb
        .command()
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .args(["--voice", "play", "pre-run", "--plain", "--speed", "50"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let took = started.elapsed();
    assert!(out.status.success(), "{}", stderr(&out));
    // 3:30 at 50x is 4.2 s; the hung last words may hold the end for their own time
    // limit (a few seconds for one sentence), not the 15 s the end used to wait.
    let done = stdout(&out)
        .lines()
        .find(|l| l.contains("Done:"))
        .map(|l| l.len())
        .unwrap_or(0);
    let limit = foamroll::voice::utterance_limit(&"x".repeat(done));
    assert!(took < Duration::from_secs(5) + limit, "took {took:?}");
    let said = std::fs::read_to_string(&log).unwrap_or_default();
    // Every utterance came after `--`.
    assert!(said.lines().all(|l| l.starts_with("-- ")), "{said}");
}
