//! `keys:` in config.yaml, end to end in the real binary: a remapped key works in the
//! app and in plain mode, the old key no longer does, and the help, the key bar and
//! plain mode's key list name the new key; a bad entry is reported where it is.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod common;

use common::pty::DataDir;

fn with_keys(yaml: &str) -> DataDir {
    let data = DataDir::new();
    let config = data.path.with_file_name("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.yaml"), yaml).unwrap();
    data
}

#[test]
fn a_remapped_pause_works_in_plain_mode_and_its_key_list_says_so() {
    let data = with_keys("keys: { pause: [p] }\n");
    let mut app = data.spawn(&["play", "post-run", "--plain"], 100, 30);
    app.wait_for("Keys: p pause · f found", 10);
    app.wait_for("Get ready: Post-run recovery", 10);
    // Space no longer pauses; p does, and the hint names p.
    app.send(" ");
    app.send("p");
    app.wait_for("Paused: press p to go on", 5);
    assert!(
        !app.screen().contains("press Space"),
        "the old key is named:\n{}",
        app.screen()
    );
    app.send("p");
    app.wait_for("Go on.", 5);
    app.send("?");
    app.wait_for("Keys: p pause", 5);
    app.send("q");
    app.wait_for("End this session?", 5);
    app.send("y");
    assert_eq!(
        app.wait_exit(10),
        Some(0),
        "ended on purpose (q, y): not a failure"
    );
}

#[test]
fn a_remapped_pause_works_in_the_app_and_shows_in_help_and_key_bar() {
    let data = with_keys("keys:\n  pause: [p]\n  found: [F]\n");
    let mut app = data.spawn(&["play", "post-run"], 100, 30);
    app.wait_for("Get ready", 10);
    app.wait_for(" p pause", 5);
    app.send("p");
    app.wait_for("Press p to resume", 5);
    app.wait_for(" p resume", 5);
    app.send("p");
    app.send("n");
    // The search names the new key for found.
    app.wait_for("Press F when you find it", 5);
    app.wait_for(" F found", 5);
    app.send("?");
    app.wait_for("┌ Keys", 5);
    app.wait_for("pause / resume", 5);
    let screen = app.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("pause / resume"))
        .unwrap_or_default();
    // The overlay's own border is the second one on the line.
    let keys = row.split('│').nth(2).unwrap_or_default().trim_start();
    assert!(
        keys.starts_with("p ") && !keys.starts_with("Space"),
        "{row}"
    );
    app.send("?");
    app.send("q");
    app.wait_for("End this session?", 5);
    app.send("y");
    app.send("q");
    app.wait_exit(10);
}

#[test]
fn bad_entries_are_reported_with_their_place_and_the_good_one_applies() {
    let data = with_keys("weekly_goal: 5\nkeys:\n  pasue: [p]\n  found: [n]\n  back: [B]\n");
    let config = data.path.with_file_name("config");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_foamroll"))
        .arg("config")
        .env("FOAMROLL_DATA_DIR", &data.path)
        .env("FOAMROLL_CONFIG_DIR", &config)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.yaml:3:3"), "{err}");
    assert!(
        err.contains("unknown command `pasue` (did you mean `pause`?)"),
        "{err}"
    );
    assert!(err.contains("config.yaml:4:10"), "{err}");
    assert!(
        err.contains("found: n already does `skip` during a session"),
        "{err}"
    );
    let shown = String::from_utf8_lossy(&out.stdout);
    // The other keys still apply.
    assert!(shown.contains("weekly_goal        = 5"), "{shown}");
    assert!(shown.contains("back: B"), "{shown}");
}
