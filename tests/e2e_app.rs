//! The real binary in a pseudo-terminal: browse, play, pause, find, skip to the end,
//! quit; and the terminal is restored.

mod common;

use common::pty::DataDir;

#[test]
fn browse_play_and_quit_in_a_real_terminal() {
    let data = DataDir::new();
    let mut app = data.spawn(&[], 100, 30);
    // The first frame may arrive in more than one read.
    for title in ["Regions", "Instructions", "Countdown", "History"] {
        app.wait_for(title, 10);
    }
    assert!(app.alternate_screen());

    // Down to the glutes exercise: its instructions show.
    app.send("jjjjjjj");
    app.wait_for("Sit on the roller with one buttock", 5);

    // In the Countdown pane, Today comes first and its reasons show; the next routine
    // is the post-run recovery: start it.
    app.send("\t\t");
    app.wait_for("Enter: start · t switches", 5);
    app.send("j");
    app.send("\r");
    app.wait_for("Get ready", 5);
    app.send(" ");
    app.wait_for("PAUSED · Get ready", 5);
    app.send(" ");
    app.wait_for("Get ready", 5);
    app.send("n");
    app.wait_for("Find the tender spot", 5);
    app.send("f");
    app.wait_for("Hold", 5);
    app.wait_for("Press r when it eases", 5);

    // Skip to the end.
    for _ in 0..60 {
        if app.screen().contains("Done") {
            break;
        }
        app.send("n");
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    app.wait_for("Done", 10);
    // The post-run's own finish (Today's says something else).
    app.wait_for("Rolling pays off over weeks", 5);

    app.send("q");
    assert_eq!(app.wait_exit(10), Some(0));
    assert!(!app.alternate_screen(), "the alternate screen was left");
    assert!(!app.cursor_hidden(), "the cursor is shown again");
    let raw = app.raw.lock().map(|r| r.clone()).unwrap_or_default();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("\u{1b}[?1049l"),
        "leaves the alternate screen"
    );
    assert!(text.contains("\u{7}"), "phase changes ring the bell");

    // Every step skipped: the end was reached but nothing done, so not "completed".
    assert_eq!(data.last_status(), "aborted");
}

#[test]
fn quitting_mid_session_asks_keeps_it_as_aborted_and_goes_back_to_browsing() {
    let data = DataDir::new();
    let mut app = data.spawn(&["play", "pre-run", "--no-bell"], 80, 24);
    app.wait_for("Get ready", 10);
    app.send("q");
    app.wait_for("End this session?", 5);
    app.send("n");
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(!app.screen().contains("End this session?"));
    app.send("q");
    app.wait_for("End this session?", 5);
    app.send("y");
    // Back to browsing, with the app still running and the session already saved.
    app.wait_for("Choose a routine", 5);
    assert_eq!(data.last_status(), "aborted");
    app.send("q");
    assert_eq!(app.wait_exit(10), Some(0));
    assert!(!app.alternate_screen());
    let raw = app.raw.lock().map(|r| r.clone()).unwrap_or_default();
    assert!(!raw.contains(&7u8), "--no-bell rings nothing");
}

#[test]
fn sigterm_saves_the_session_as_interrupted_and_restores_the_terminal() {
    let data = DataDir::new();
    let mut app = data.spawn(&["play", "post-run"], 80, 24);
    app.wait_for("Get ready", 10);
    let pid = app.pid().unwrap_or_else(|| panic!("no pid"));
    assert!(common::signal(pid, "TERM"));
    assert_eq!(app.wait_exit(10), Some(0));
    assert!(!app.alternate_screen(), "restored after SIGTERM");
    assert_eq!(data.last_status(), "interrupted");
}

#[test]
fn play_with_an_unknown_routine_fails_before_touching_the_terminal() {
    let out = common::Sandbox::new().run(&["play", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stderr(&out).contains("no routine has the id `nope`"));
    assert!(!common::stdout(&out).contains("\u{1b}[?1049h"));
}

#[test]
fn kill_9_mid_session_then_restart_shows_it_as_interrupted() {
    let data = DataDir::new();
    let mut app = data.spawn(&["play", "post-run"], 100, 30);
    app.wait_for("Get ready", 10);
    // Get ready, then skip the three lines of the right quad: the side is done and
    // checkpointed when the switch begins.
    app.send("n");
    app.wait_for("inner line", 5);
    app.send("f");
    app.wait_for("Hold", 5);
    app.send("R");
    app.wait_for("middle line", 5);
    app.send("nn");
    app.wait_for("Switch to the left quad", 5);
    let pid = app.pid().unwrap_or_else(|| panic!("no pid"));
    assert!(common::signal(pid, "KILL"));
    app.wait_exit(10);

    let restarted = data.spawn(&[], 100, 30);
    let screen = restarted.wait_for("interrupted", 10);
    assert!(screen.contains("Post-run recovery"), "{screen}");

    let out = common::Sandbox::new()
        .command()
        .env("FOAMROLL_DATA_DIR", &data.path)
        .args(["history", "--json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let sessions: Vec<foamroll::session::SessionRecord> =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].status, foamroll::session::Status::Interrupted);
    let right: Vec<_> = sessions[0]
        .entries
        .iter()
        .filter(|e| e.side == Some(foamroll::session::Side::Right))
        .collect();
    assert!(
        right[0].hold_s > 0.0,
        "the finished side's work was checkpointed"
    );
    assert!(right[1].skipped && right[2].skipped);
}

#[test]
fn plain_mode_reads_single_keys_in_a_terminal() {
    let data = DataDir::new();
    let mut app = data.spawn(&["play", "post-run", "--plain"], 100, 30);
    app.wait_for("Get ready: Post-run recovery", 10);
    assert!(
        !app.alternate_screen(),
        "plain mode stays in the normal screen"
    );
    app.send(" ");
    app.wait_for("Paused: press Space to go on", 5);
    app.send(" ");
    app.wait_for("Go on.", 5);
    app.send("n");
    app.wait_for("roll slowly and find the most tender spot", 5);
    assert!(
        !app.screen().contains("the hold starts in"),
        "with keys, the person says when"
    );
    app.send("f");
    app.wait_for("hold the tender spot for 30 s", 5);
    app.send("r");
    app.wait_for("Keep holding:", 5);
    app.send("q");
    app.wait_for("End this session?", 5);
    app.send("y");
    app.wait_for("Ended; the session is kept as aborted", 5);
    assert_eq!(
        app.wait_exit(10),
        Some(0),
        "ended on purpose (q, y): not a failure"
    );
    assert_eq!(data.last_status(), "aborted");
}

#[test]
fn sighup_saves_the_session_and_restores_the_terminal() {
    let data = DataDir::new();
    let mut app = data.spawn(&["play", "pre-run"], 80, 24);
    app.wait_for("Get ready", 10);
    assert!(common::signal(app.pid().unwrap_or_default(), "HUP"));
    assert_eq!(app.wait_exit(10), Some(0));
    assert!(!app.alternate_screen() && !app.cursor_hidden());
    assert_eq!(data.last_status(), "interrupted");
}

#[test]
fn a_panic_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = common::pty::PtyApp::spawn(&[], &[("FOAMROLL_TEST_PANIC", dir.path())], 80, 24);
    let code = app.wait_exit(10);
    assert_eq!(code, Some(101), "a panic exits with 101");
    assert!(!app.alternate_screen(), "left the alternate screen");
    assert!(!app.cursor_hidden(), "the cursor is shown");
    let raw = app.raw.lock().map(|r| r.clone()).unwrap_or_default();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("\u{1b}[?1000l") || text.contains("\u{1b}[?1006l"),
        "mouse capture turned off"
    );
    assert!(text.contains("panic requested by FOAMROLL_TEST_PANIC"));
}

#[test]
fn the_today_row_shows_its_reasons_switches_and_plays() {
    let data = DataDir::new();
    let mut app = data.spawn(&["--no-bell"], 120, 40);
    app.wait_for("Regions", 10);
    app.send("\t\t");
    app.wait_for("Enter: start · t switches", 5);
    // The intent the clock chose, then `t` until the rest day (at most two presses).
    for _ in 0..3 {
        if app.screen().contains("Today: rest day") {
            break;
        }
        app.send("t");
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    app.wait_for("Today: rest day", 5);
    app.wait_for("the core of every recovery", 5);
    app.wait_for("(you have 20)", 5);
    app.send("+");
    app.wait_for("(you have 21)", 5);
    app.send("t");
    app.wait_for("your run will load", 5);
    app.send("\r");
    app.wait_for("Get ready", 5);
    app.wait_for("Keep moving", 10);
    app.end_session();
    app.send("q");
    assert_eq!(app.wait_exit(10), Some(0));
    assert_eq!(data.last_status(), "aborted");
}

#[test]
fn today_play_opens_the_app_on_todays_plan() {
    let data = DataDir::new();
    let mut app = data.spawn(&["today", "--before-run", "--play", "--no-bell"], 100, 30);
    app.wait_for("Get ready", 10);
    app.wait_for("Keep moving", 15);
    app.end_session();
    // The plan that was played stays first in the list, with its reasons.
    app.send("\t\t");
    app.wait_for("Today: before a run", 5);
    app.send("q");
    assert_eq!(app.wait_exit(10), Some(0));
    assert_eq!(data.last_status(), "aborted");
}

#[test]
fn play_accepts_an_exercise_id_and_plays_it_alone() {
    let data = DataDir::new();
    let mut app = data.spawn(&["play", "calf-warmup", "--no-bell"], 80, 24);
    app.wait_for("Get ready", 10);
    app.wait_for("Step 1/1", 5);
    app.send("n");
    app.wait_for("Keep moving", 5);
    // Ctrl-C leaves at once, keeping the session as aborted.
    app.send("\u{3}");
    assert_eq!(app.wait_exit(10), Some(0));
    assert_eq!(data.last_status(), "aborted");
}

#[test]
fn enter_on_an_exercise_plays_it_alone_and_q_y_comes_back_to_browsing() {
    let data = DataDir::new();
    let mut app = data.spawn(&["--no-bell"], 100, 30);
    app.wait_for("Regions", 10);
    // The first exercise under the quads.
    app.send("j");
    app.wait_for("Lie face down on your forearms", 5);
    app.send("\r");
    app.wait_for("Get ready", 5);
    app.wait_for("Step 1/1", 5);
    app.end_session();
    let screen = app.wait_for("aborted", 5);
    assert!(screen.contains("Quad release"), "in History: {screen}");
    assert_eq!(data.last_status(), "aborted");
    // Still running; q on the browse screen quits.
    app.send("q");
    assert_eq!(app.wait_exit(10), Some(0));
}

#[test]
fn play_suggests_the_nearest_exercise_ids_too() {
    let out = common::Sandbox::new().run(&["play", "quad-releas"]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(err.contains("quad-release"), "{err}");
    assert!(!common::stdout(&out).contains("\u{1b}[?1049h"));
}
