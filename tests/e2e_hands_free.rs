//! The app on the floor: a recovery played in a real terminal with `hands_free: true`
//! and no key at all, to its end; the history has every hold.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use common::pty::DataDir;

#[test]
fn a_recovery_plays_to_its_end_hands_free_with_no_key() {
    let data = DataDir::new();
    let config = data.path.with_file_name("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.yaml"), "hands_free: true\n").unwrap();
    // 50 times faster: about six and a half minutes of session in eight seconds.
    let mut app = data.spawn(&["play", "foot-and-calf", "--speed", "50"], 100, 30);
    app.wait_for("Get ready", 10);
    // No key: every search ends by itself, every hold after its minimum and 10 s more.
    let screen = app.wait_for("Done", 60);
    assert!(screen.contains("Feet and calves"), "{screen}");
    // After the end, q leaves the app.
    app.send("q");
    assert_eq!(app.wait_exit(20), Some(0));
    assert_eq!(data.last_status(), "completed");
    let store = foamroll::history::Store::open(&data.path).unwrap();
    let log = store.load().unwrap();
    let record = &log.sessions[0];
    // Feet: one spot a side; calves: two lines a side. Every one held, and held for its
    // minimum (30 s) and the settle time (10 s).
    assert_eq!(record.entries.len(), 6, "{record:?}");
    for e in &record.entries {
        assert_eq!(e.points_held, e.points_planned, "{e:?}");
        assert!(!e.skipped, "{e:?}");
        assert!((39.0..=42.0).contains(&e.hold_s), "{e:?}");
        assert!(e.search_s >= 14.0, "{e:?}");
    }
}

#[test]
fn hands_free_from_the_command_line_is_the_same_setting() {
    let sb = common::Sandbox::new();
    let out = sb.run(&["--hands-free", "config"]);
    let text = common::stdout(&out);
    let line = text
        .lines()
        .find(|l| l.starts_with("hands_free"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.contains("true") && line.contains("--hands-free"),
        "{line}"
    );
    let out = sb.run(&["config"]);
    let text = common::stdout(&out);
    assert!(
        text.lines()
            .any(|l| l.starts_with("hands_free") && l.contains("false")),
        "{text}"
    );
}

#[test]
fn a_second_instance_shows_a_session_still_running_in_the_first_as_running() {
    let data = DataDir::new();
    let mut first = data.spawn(&["play", "post-run"], 100, 30);
    first.wait_for("Get ready", 10);
    // The session's row is written as it starts; the second instance reads it.
    let second = data.spawn(&[], 120, 40);
    let screen = second.wait_for("Post-run recovery", 10);
    let screen = if screen.contains("running") {
        screen
    } else {
        second.wait_for("running", 5)
    };
    assert!(!screen.contains("interrupted"), "{screen}");
    drop(second);
    // Once the first is gone without a word (kill -9), it was interrupted.
    first.kill();
    first.wait_exit(10);
    let third = data.spawn(&[], 120, 40);
    third.wait_for("interrupted", 10);
}
