//! Signals from outside, on the real binary in a pseudo-terminal: SIGINT and SIGQUIT
//! save the session as interrupted and restore the terminal; SIGTSTP suspends (the
//! terminal is given back, the session pauses) and SIGCONT takes it back with a full
//! redraw; a `kill -9` in the first second still leaves the session in the history.
//! Unix only: other systems have no such signals (the app has a fallback there).
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use std::time::Duration;

use common::pty::DataDir;

/// The process state letter (`T` when stopped), if readable: from /proc on Linux.
#[cfg(target_os = "linux")]
fn state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// The same from `ps` on the other Unix systems (macOS has no /proc).
#[cfg(not(target_os = "linux"))]
fn state(pid: u32) -> Option<char> {
    let out = std::process::Command::new("ps")
        .args(["-o", "stat=", "-p", &pid.to_string()])
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().chars().next()
}

fn wait_state(pid: u32, want: char, secs: u64) -> bool {
    let deadline = std::time::Instant::now() + Duration::from_secs(secs);
    while std::time::Instant::now() < deadline {
        if state(pid) == Some(want) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn sigint_and_sigquit_from_outside_save_the_session_and_restore_the_terminal() {
    for (signal, args) in [
        ("INT", &["play", "post-run"][..]),
        ("QUIT", &["play", "post-run"][..]),
        ("INT", &["play", "post-run", "--plain"][..]),
        ("QUIT", &["play", "post-run", "--plain"][..]),
    ] {
        let data = DataDir::new();
        let mut app = data.spawn(args, 80, 24);
        app.wait_for("Get ready", 10);
        let pid = app.pid().unwrap_or_else(|| panic!("no pid"));
        assert!(common::signal(pid, signal));
        let code = app.wait_exit(10);
        assert!(code.is_some(), "{signal} {args:?}: still running");
        assert!(
            !app.alternate_screen(),
            "{signal} {args:?}: screen restored"
        );
        assert!(!app.cursor_hidden(), "{signal} {args:?}: cursor shown");
        assert_eq!(data.last_status(), "interrupted", "{signal} {args:?}");
    }
}

#[test]
fn sigtstp_suspends_with_the_session_paused_and_sigcont_redraws_in_full() {
    let data = DataDir::new();
    let mut app = data.spawn(&["play", "post-run"], 100, 30);
    app.wait_for("Get ready", 10);
    app.send("n");
    app.wait_for("Find the tender spot", 5);
    let pid = app.pid().unwrap_or_else(|| panic!("no pid"));
    assert!(common::signal(pid, "TSTP"));
    assert!(wait_state(pid, 'T', 5), "stopped after SIGTSTP");
    std::thread::sleep(Duration::from_millis(200));
    assert!(!app.alternate_screen(), "the terminal is given back");
    assert!(!app.cursor_hidden(), "with its cursor");
    // Three seconds stopped: the search's clock must not count them.
    std::thread::sleep(Duration::from_secs(3));
    assert!(common::signal(pid, "CONT"));
    app.wait_for("Find the tender spot", 5);
    assert!(app.alternate_screen(), "back on the alternate screen");
    // While playing, the countdown and the instructions have the screen.
    for title in ["Instructions", "Countdown", "Step 1/"] {
        app.wait_for(title, 5);
    }
    app.end_session();
    app.send("q");
    assert_eq!(app.wait_exit(10), Some(0));
    assert_eq!(data.last_status(), "aborted");
    // The three seconds stopped are not counted in the search.
    let last = foamroll::history::Store::open(&data.path)
        .ok()
        .and_then(|s| s.load().ok())
        .and_then(|l| l.sessions.first().cloned())
        .unwrap_or_else(|| panic!("no session saved"));
    let search = last.entries[0].search_s;
    assert!(
        search < 2.5,
        "search counted {search} s: the session ran while stopped"
    );
}

#[test]
fn ctrl_z_in_plain_mode_suspends_and_fg_goes_on() {
    let data = DataDir::new();
    let mut app = data.spawn(&["play", "post-run", "--plain"], 100, 30);
    app.wait_for("Get ready: Post-run recovery", 10);
    let pid = app.pid().unwrap_or_else(|| panic!("no pid"));
    app.send("\u{1a}");
    assert!(wait_state(pid, 'T', 5), "stopped after Ctrl-Z");
    assert!(common::signal(pid, "CONT"));
    app.send("n");
    app.wait_for("roll slowly and find the most tender spot", 5);
    app.send("q");
    app.wait_for("End this session?", 5);
    app.send("y");
    // Ended on purpose (q, y): not a failure.
    assert_eq!(app.wait_exit(10), Some(0));
    assert_eq!(data.last_status(), "aborted");
}

#[test]
fn kill_9_in_the_first_second_keeps_the_session_as_interrupted() {
    for args in [
        &["play", "post-run"][..],
        &["play", "post-run", "--plain"][..],
    ] {
        let data = DataDir::new();
        let mut app = data.spawn(args, 80, 24);
        app.wait_for("Get ready", 10);
        app.kill();
        assert!(app.wait_exit(10).is_some());
        // The next start reads the log: a `running` record never superseded.
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_foamroll"))
            .arg("--data-dir")
            .arg(&data.path)
            .args(["history", "--json"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let text = common::stdout(&out);
        assert!(
            text.contains("\"status\": \"interrupted\""),
            "{args:?}: {text}"
        );
    }
}
