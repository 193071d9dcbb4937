//! The review at 80x24: every part reachable, the region filter narrowing the
//! statistics, and the whole 0-10 scale from the keyboard.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use common::entry;
use common::ui::{Clock, app, render, wall};
use foamroll::history::Store;
use foamroll::session::{SessionRecord, Side, Status};
use foamroll::ui::Action;

/// Five sessions over the last days: hamstrings rated 7 on the right, 3 on the left.
fn seed(dir: &std::path::Path) {
    let store = Store::open(dir).unwrap_or_else(|e| panic!("{e}"));
    for day in 1..=5 {
        let start = wall() - chrono::Duration::days(day);
        store
            .save(&SessionRecord {
                format: 1,
                id: format!("s{day}"),
                started_at: start,
                ended_at: Some(start + chrono::Duration::seconds(600)),
                routine_id: "post-run".into(),
                routine_name: "Post-run recovery".into(),
                style: foamroll::library::Style::Recovery,
                status: Status::Completed,
                entries: vec![
                    entry("quads", Some(Side::Right), true, vec![4]),
                    entry("hamstrings", Some(Side::Right), true, vec![7]),
                    entry("hamstrings", Some(Side::Left), true, vec![3]),
                ],
                extra: Default::default(),
            })
            .unwrap_or_else(|e| panic!("{e}"));
    }
}

/// The app over the seeded history, with the review open; keep the folder alive.
fn open_review() -> (tempfile::TempDir, foamroll::ui::App, std::time::Instant) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    seed(dir.path());
    let now = Clock::new().at(0.0);
    let mut app = app(Some(dir.path()));
    app.handle(Action::OpenReview, now, wall());
    (dir, app, now)
}

#[test]
fn every_part_of_the_review_is_reachable_at_80x24() {
    let (_dir, mut app, now) = open_review();
    let first = render(&app, now, 80, 24);
    assert!(
        first.contains("Sessions (5)") && first.contains("This week"),
        "{first}"
    );
    assert!(!first.contains("Days since each region"), "{first}");

    // Tab gives the keys to the statistics; the arrows scroll them to the end.
    app.handle(Action::NextPane, now, wall());
    let mut seen = String::new();
    for _ in 0..40 {
        app.handle(Action::Down, now, wall());
        seen.push_str(&render(&app, now, 80, 24));
    }
    for part in [
        "Right hamstrings 7.0 vs left 3.0 over 4 weeks",
        "Days since each region was rolled",
        "Calves",
        "never",
    ] {
        assert!(seen.contains(part), "{part} never shown:\n{seen}");
    }
    let last = render(&app, now, 80, 24);
    assert!(last.contains("Sessions (5)"), "the list stays: {last}");
    // Tab again: the arrows move in the sessions, the statistics stay scrolled.
    app.handle(Action::NextPane, now, wall());
    app.handle(Action::Down, now, wall());
    assert_eq!(app.review.as_ref().map(|r| r.selected), Some(1));
    app.handle(Action::Bottom, now, wall());
    assert_eq!(app.review.as_ref().map(|r| r.selected), Some(4));
}

#[test]
fn the_region_filter_narrows_the_statistics_on_screen() {
    let (_dir, mut app, now) = open_review();
    let all = render(&app, now, 120, 40);
    assert!(all.contains("Hamstrings         right") && all.contains("Quads              right"));
    app.handle(Action::FilterRegion, now, wall());
    let quads = render(&app, now, 120, 40);
    assert!(quads.contains("region: quads"), "{quads}");
    assert!(quads.contains("Quads              right"), "{quads}");
    assert!(
        !quads.contains("Hamstrings"),
        "narrowed to the quads:\n{quads}"
    );
    assert!(!quads.contains("Calves"), "coverage too:\n{quads}");
}

#[test]
fn shift_0_rates_a_hold_10() {
    use foamroll::input::{Context, Key, Keymap};
    assert_eq!(
        Keymap::default().lookup(Key::Char(')'), Context::Playing),
        Some(Action::Rate(10))
    );

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let clock = Clock::new();
    let mut app = app(Some(dir.path()));
    assert!(app.start("post-run", clock.at(0.0), wall()));
    app.handle(Action::Skip, clock.at(1.0), wall());
    app.handle(Action::Found, clock.at(5.0), wall());
    app.tick(clock.at(40.0));
    app.handle(Action::Release, clock.at(40.0), wall());
    app.handle(Action::Rate(10), clock.at(41.0), wall());
    assert_eq!(
        app.message.as_deref(),
        Some(foamroll::wording::tenderness_noted(10).as_str())
    );
    // Quitting keeps the session (aborted) with the 10 in it.
    app.handle(Action::Quit, clock.at(42.0), wall());
    app.handle(Action::Yes, clock.at(42.0), wall());
    app.finish_saving(std::time::Duration::from_secs(10))
        .unwrap_or_else(|e| panic!("{e}"));
    let loaded = Store::open(dir.path())
        .and_then(|s| s.load())
        .unwrap_or_else(|e| panic!("{e}"));
    let ratings: Vec<u8> = loaded.sessions[0]
        .entries
        .iter()
        .flat_map(|e| e.tenderness.iter().copied())
        .collect();
    assert_eq!(ratings, vec![10]);
}

/// Runs in the seeded weeks: 10 km five and four days ago, 21 km yesterday.
fn seed_runs(dir: &std::path::Path) {
    let export = dir.join("export");
    std::fs::create_dir_all(&export).unwrap();
    for (day, km) in [(5, 10.0), (4, 10.0), (1, 21.0)] {
        let start = (wall() - chrono::Duration::days(day)).timestamp();
        let mut r = common::activities::Run::new(start, 3600, km * 1000.0);
        r.every_s = 60;
        std::fs::write(export.join(format!("run-{day}.fit")), r.fit()).unwrap();
    }
    let store = Store::open(dir).unwrap();
    let report =
        foamroll::history::activities::import_paths(&store, &[export], chrono::Utc::now()).unwrap();
    assert_eq!(report.added.len(), 3, "{:?}", report.problems);
}

#[test]
fn the_review_shows_the_runs_beside_the_rolling() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let now = Clock::new().at(0.0);
    // Without runs, no runs lines.
    let mut app0 = app(Some(dir.path()));
    app0.handle(Action::OpenReview, now, wall());
    assert!(!render(&app0, now, 120, 40).contains("Km run a week"));
    seed_runs(dir.path());
    let mut app = app(Some(dir.path()));
    app.handle(Action::OpenReview, now, wall());
    app.handle(Action::NextPane, now, wall());
    let mut seen = render(&app, now, 120, 40);
    for _ in 0..30 {
        app.handle(Action::Down, now, wall());
        seen.push_str(&render(&app, now, 120, 40));
    }
    assert!(seen.contains("Km run a week"), "{seen}");
    assert!(
        seen.contains("Tenderness against km run, week by week"),
        "{seen}"
    );
    // The weekly distances add up to the 41 km run, whichever weeks they fall in.
    let km_line = seen
        .lines()
        .find(|l| l.contains("km run ") && !l.contains("against"))
        .unwrap_or_else(|| panic!("{seen}"));
    let total: f64 = km_line
        .split_whitespace()
        .filter_map(|w| w.trim_matches('│').parse::<f64>().ok())
        .sum();
    assert_eq!(total, 41.0, "{km_line}");
    assert!(seen.contains("Hamstrings R"), "{seen}");
}
