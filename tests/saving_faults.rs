//! Saving under faults injected here: another connection holding the history's lock,
//! and a fault that clears during the session or on the Done screen. The session's
//! clock and the screen never wait for the disk, the person is told, and the whole
//! record is kept once the fault clears.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use std::io::BufRead;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{Sandbox, record, stderr, stdout};
use foamroll::history::{DB_NAME, SaveState, Store, Writer};
use foamroll::session::Status;
use foamroll::ui::Action;

/// A second connection that holds the write lock of the history in `dir` until dropped.
fn hold_lock(dir: &std::path::Path) -> rusqlite::Connection {
    drop(Store::open(dir).unwrap());
    let conn = rusqlite::Connection::open(dir.join(DB_NAME)).unwrap();
    conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
    conn
}

#[test]
fn a_held_lock_never_blocks_a_save_and_the_record_lands_when_it_is_released() {
    let dir = tempfile::tempdir().unwrap();
    let lock = hold_lock(dir.path());
    let writer = Writer::start(dir.path());
    let r = record("locked", 1, Status::Completed);
    let asked = Instant::now();
    writer.save(&r).unwrap();
    // Handed over at once (a blocking write would wait 10 s for the lock here).
    assert!(asked.elapsed() < Duration::from_secs(1));
    // It says it is waiting, and keeps waiting while the lock is held.
    std::thread::sleep(foamroll::history::SLOW + Duration::from_millis(300));
    assert_eq!(writer.state(), SaveState::Waiting);
    drop(lock);
    assert_eq!(writer.finish(Duration::from_secs(20)), SaveState::Saved);
    let loaded = Store::open(dir.path()).unwrap().load().unwrap();
    assert_eq!(loaded.sessions, vec![r]);
}

#[test]
fn the_app_keeps_running_under_a_held_lock_and_says_saving_waits() {
    let dir = tempfile::tempdir().unwrap();
    let lock = hold_lock(dir.path());
    let clock = common::ui::Clock::new();
    let mut app = common::ui::app(Some(dir.path()));
    let started = Instant::now();
    assert!(app.start("pre-run", clock.at(0.0), common::ui::wall()));
    app.handle(Action::Skip, clock.at(1.0), common::ui::wall());
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "starting and skipping waited for the lock"
    );
    std::thread::sleep(foamroll::history::SLOW + Duration::from_millis(300));
    app.tick(clock.at(2.0));
    // The screen wakes up by itself to show it, and shows it.
    assert!(app.next_wakeup(clock.at(2.0)).is_some());
    let screen = common::ui::render(&app, clock.at(2.0), 120, 40);
    assert!(screen.contains("Saving is waiting"), "{screen}");
    drop(lock);
    app.handle(Action::Quit, clock.at(3.0), common::ui::wall());
    app.handle(Action::Yes, clock.at(3.0), common::ui::wall());
    assert_eq!(app.finish_saving(Duration::from_secs(20)), Ok(()));
    let loaded = Store::open(dir.path()).unwrap().load().unwrap();
    assert_eq!(loaded.sessions.len(), 1);
    assert_eq!(loaded.sessions[0].status, Status::Aborted);
}

/// Runs plain mode at `speed`, collecting each line with when it arrived.
fn plain_lines(
    sb: &Sandbox,
    speed: &str,
) -> (mpsc::Receiver<(Instant, String)>, std::process::Child) {
    let mut child = sb
        .command()
        .args(["play", "pre-run", "--plain", "--speed", speed])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send((Instant::now(), line));
        }
    });
    (rx, child)
}

#[test]
fn plain_mode_cues_on_time_under_a_held_lock_and_records_what_happened() {
    let sb = Sandbox::new();
    let data = sb.path().join("data");
    let lock = hold_lock(&data);
    // The warm-up is 3:30; at 30x it takes 7 s; the lock is held for the first 4.
    let (rx, mut child) = plain_lines(&sb, "30");
    let started = Instant::now();
    std::thread::sleep(Duration::from_secs(4));
    let released = Instant::now();
    drop(lock);
    let status = child.wait().unwrap();
    let lines: Vec<(Instant, String)> = rx.try_iter().collect();
    let text: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
    let during: Vec<&str> = lines
        .iter()
        .filter(|(t, _)| *t < released)
        .map(|(_, l)| l.as_str())
        .collect();
    // Cues kept coming while the lock was held (a blocked save would print nothing
    // for 10 s, then everything at once).
    assert!(during.len() >= 10, "{during:#?}\nall: {text:#?}");
    assert!(
        during.iter().any(|l| l.contains("Saving is waiting")),
        "{during:#?}"
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    assert!(status.success(), "{text:#?}");
    assert!(
        text.last()
            .is_some_and(|l| l.contains("Session saved in your history")),
        "{text:#?}"
    );
    let out = sb.run(&["history", "--json"]);
    let sessions: Vec<foamroll::session::SessionRecord> =
        serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(sessions.len(), 1, "{}", stderr(&out));
    assert_eq!(sessions[0].status, Status::Completed);
    // What happened, not a session squeezed into the moment the lock was released.
    assert!(
        (sessions[0].duration_s() - 210.0).abs() < 1.0,
        "{:?}",
        sessions[0]
    );
}

#[test]
fn plain_mode_saves_the_session_after_a_fault_of_the_moment_clears() {
    let sb = Sandbox::new();
    let data = sb.path().join("data");
    // A fault: a folder where the database should be, gone two seconds in.
    std::fs::create_dir_all(data.join(DB_NAME)).unwrap();
    let (rx, mut child) = plain_lines(&sb, "30");
    std::thread::sleep(Duration::from_secs(2));
    std::fs::remove_dir(data.join(DB_NAME)).unwrap();
    let status = child.wait().unwrap();
    let text: Vec<String> = rx.try_iter().map(|(_, l)| l).collect();
    assert!(
        text.iter().any(|l| l.contains("History not saved")),
        "told while it fails: {text:#?}"
    );
    assert!(
        text.iter()
            .any(|l| l.contains("History is being saved again")),
        "{text:#?}"
    );
    assert!(
        text.last()
            .is_some_and(|l| l.contains("Session saved in your history")),
        "{text:#?}"
    );
    assert!(status.success());
    let out = sb.run(&["history", "--json"]);
    let sessions: Vec<foamroll::session::SessionRecord> =
        serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].status, Status::Completed);
}

#[test]
fn a_fault_that_clears_while_the_done_screen_is_open_gets_the_whole_record() {
    let dir = tempfile::tempdir().unwrap();
    // The fault holds for the whole session (a full disk, a folder in the way).
    std::fs::create_dir_all(dir.path().join(DB_NAME)).unwrap();
    let clock = common::ui::Clock::new();
    let mut app = common::ui::app(Some(dir.path()));
    assert!(app.start("pre-run", clock.at(0.0), common::ui::wall()));
    // The first side done (get ready 5 s, then 30 s of moving), the rest skipped: a
    // session whose every step is skipped would not count as completed.
    app.tick(clock.at(36.0));
    for i in 0..40 {
        app.handle(
            Action::Skip,
            clock.at(36.0 + f64::from(i) / 4.0),
            common::ui::wall(),
        );
    }
    assert!(
        !app.playing(),
        "the session is over: the Done screen is open"
    );
    std::thread::sleep(Duration::from_millis(1500));
    app.tick(clock.at(50.0));
    let screen = common::ui::render(&app, clock.at(50.0), 120, 40);
    assert!(screen.contains("History not saved"), "{screen}");
    // Freed while the Done screen is open: the screen keeps looking, the record lands.
    std::fs::remove_dir(dir.path().join(DB_NAME)).unwrap();
    let until = Instant::now() + Duration::from_secs(10);
    while app.saving() && Instant::now() < until {
        assert!(app.next_wakeup(clock.at(50.0)).is_some());
        std::thread::sleep(Duration::from_millis(100));
        app.tick(clock.at(51.0));
    }
    assert_eq!(app.finish_saving(Duration::ZERO), Ok(()));
    let screen = common::ui::render(&app, clock.at(52.0), 120, 40);
    assert!(!screen.contains("History not saved"), "{screen}");
    assert_eq!(app.history.len(), 1, "the History pane shows it");
    let loaded = Store::open(dir.path()).unwrap().load().unwrap();
    assert_eq!(loaded.sessions.len(), 1);
    assert_eq!(loaded.sessions[0].status, Status::Completed);
    assert_eq!(
        loaded.sessions[0].entries.len(),
        app.session().unwrap().record().entries.len(),
        "the whole record"
    );
}
