//! Every pane in every phase, at 80x24 and 120x40, plus the other layouts and overlays.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use common::ui::{Clock, app, render, wall};
use foamroll::session::{SessionRecord, Status};
use foamroll::ui::{Action, App, Overlay, Pane, Row};

fn snap_sizes(name: &str, app: &App, now: std::time::Instant) {
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = render(app, now, w, h);
        // An overlay may cover a pane title; the panes are checked without it.
        let titles: &[&str] = if app.overlay == Overlay::None {
            &["Regions", "Instructions", "Countdown", "History"]
        } else {
            &["Regions"]
        };
        for title in titles {
            assert!(
                screen.contains(title),
                "{name} at {w}x{h} lacks the {title} pane"
            );
        }
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
    }
}

/// Plays `routine`, then applies `actions` at their times; returns the last instant.
fn play(app: &mut App, clock: &Clock, routine: &str, actions: &[(f64, Action)]) -> f64 {
    assert!(app.start(routine, clock.at(0.0), wall()));
    let mut last = 0.0;
    for &(t, action) in actions {
        app.tick(clock.at(t));
        app.handle(action, clock.at(t), wall());
        last = t;
    }
    last
}

#[test]
fn browse() {
    let clock = Clock::new();
    let app = app(None);
    snap_sizes("browse", &app, clock.at(0.0));
}

#[test]
fn browse_an_exercise_scrolled() {
    let clock = Clock::new();
    let mut app = app(None);
    let now = clock.at(0.0);
    app.handle(Action::Down, now, wall());
    app.handle(Action::NextPane, now, wall());
    app.handle(Action::Down, now, wall());
    app.handle(Action::Down, now, wall());
    snap_sizes("browse_exercise_scrolled", &app, now);
}

#[test]
fn it_band_view_and_jump_to_alternatives() {
    let clock = Clock::new();
    let mut app = app(None);
    let now = clock.at(0.0);
    // The IT band region (the Guides group and other regions may follow it).
    app.selected = app
        .rows
        .iter()
        .position(|r| matches!(r, Row::Region(i) if app.library.regions[*i].id == "it-band"))
        .unwrap_or_else(|| panic!("no it-band row"));
    snap_sizes("it_band", &app, now);
    let screen = render(&app, now, 120, 40);
    assert!(
        screen.contains("Do not roll this region")
            && screen.contains("Quads, Hamstrings or Glutes")
    );
    app.handle(Action::Alternatives, now, wall());
    assert!(render(&app, now, 120, 40).contains("The four muscles on the front"));
    app.handle(Action::Alternatives, now, wall());
    assert!(
        render(&app, now, 120, 40).contains("The back of the thigh, from"),
        "a again: the next alternative"
    );
}

#[test]
fn get_ready() {
    let clock = Clock::new();
    let mut app = app(None);
    play(&mut app, &clock, "post-run", &[]);
    snap_sizes("get_ready", &app, clock.at(3.2));
}

#[test]
fn search() {
    let clock = Clock::new();
    let mut app = app(None);
    play(&mut app, &clock, "post-run", &[(1.0, Action::Skip)]);
    snap_sizes("search", &app, clock.at(13.5));
}

#[test]
fn hold() {
    let clock = Clock::new();
    let mut app = app(None);
    play(
        &mut app,
        &clock,
        "post-run",
        &[(1.0, Action::Skip), (5.0, Action::Found)],
    );
    let screen = render(&app, clock.at(17.5), 80, 24);
    assert!(screen.contains("Hold"));
    snap_sizes("hold", &app, clock.at(17.5));
}

#[test]
fn hold_refused_release() {
    let clock = Clock::new();
    let mut app = app(None);
    play(
        &mut app,
        &clock,
        "post-run",
        &[
            (1.0, Action::Skip),
            (5.0, Action::Found),
            (10.0, Action::Release),
        ],
    );
    let screen = render(&app, clock.at(10.0), 120, 40);
    assert!(
        screen.contains("Keep holding: 25 seconds to the minimum"),
        "{screen}"
    );
}

#[test]
fn overtime_with_rating_prompt_after() {
    let clock = Clock::new();
    let mut app = app(None);
    play(
        &mut app,
        &clock,
        "post-run",
        &[(1.0, Action::Skip), (5.0, Action::Found)],
    );
    app.tick(clock.at(47.0));
    snap_sizes("overtime", &app, clock.at(47.0));
    app.handle(Action::Release, clock.at(50.0), wall());
    let screen = render(&app, clock.at(50.0), 80, 24);
    assert!(screen.contains("How tender? 0-9, ) for 10"), "{screen}");
    snap_sizes("rating_prompt", &app, clock.at(50.0));
}

#[test]
fn paused() {
    let clock = Clock::new();
    let mut app = app(None);
    play(
        &mut app,
        &clock,
        "post-run",
        &[
            (1.0, Action::Skip),
            (5.0, Action::Found),
            (9.0, Action::TogglePause),
        ],
    );
    snap_sizes("paused", &app, clock.at(30.0));
}

#[test]
fn switch_sides_and_rest() {
    let clock = Clock::new();
    let mut app = app(None);
    // Glutes (one zone) from the travel routine: skip get ready, find, release, switch.
    play(
        &mut app,
        &clock,
        "travel-ball",
        &[
            (0.0, Action::Skip),
            (2.0, Action::Found),
            (40.0, Action::Release),
        ],
    );
    let screen = render(&app, clock.at(41.0), 80, 24);
    assert!(screen.contains("Switch to the left side"), "{screen}");
    snap_sizes("switch_sides", &app, clock.at(41.0));
    app.handle(Action::Skip, clock.at(42.0), wall());
    app.handle(Action::Found, clock.at(43.0), wall());
    app.handle(Action::ForceRelease, clock.at(44.0), wall());
    let screen = render(&app, clock.at(45.0), 80, 24);
    assert!(screen.contains("Rest"), "{screen}");
    snap_sizes("rest", &app, clock.at(45.0));
}

#[test]
fn warmup_keep_moving() {
    let clock = Clock::new();
    let mut app = app(None);
    play(&mut app, &clock, "pre-run", &[(0.0, Action::Skip)]);
    snap_sizes("keep_moving", &app, clock.at(12.0));
}

#[test]
fn finished_with_totals() {
    let clock = Clock::new();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = app(Some(dir.path()));
    let mut t = 0.0;
    play(&mut app, &clock, "pre-run", &[]);
    while app.playing() {
        t += 1.0;
        app.handle(Action::Skip, clock.at(t), wall());
    }
    let screen = render(&app, clock.at(t), 80, 24);
    assert!(
        screen.contains("Now go do your dynamic warm-up"),
        "{screen}"
    );
    snap_sizes("finished", &app, clock.at(t));
    app.handle(Action::Enter, clock.at(t), wall());
    assert!(render(&app, clock.at(t), 80, 24).contains("Choose a routine"));
}

#[test]
fn history_pane_lists_sessions_and_streak() {
    let clock = Clock::new();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let log = foamroll::history::Store::in_dir(dir.path());
    for (day, status) in [
        (19, Status::Completed),
        (20, Status::Aborted),
        (21, Status::Running),
    ] {
        let start = wall() - chrono::Duration::days(21 - day);
        let record = SessionRecord {
            format: 1,
            id: format!("s{day}"),
            started_at: start,
            ended_at: Some(start + chrono::Duration::seconds(500)),
            routine_id: "post-run".into(),
            routine_name: "Post-run recovery".into(),
            style: foamroll::library::Style::Recovery,
            status,
            // Only days with rolling done make a streak: one finished hold each.
            entries: vec![common::entry("quads", None, true, vec![])],
            extra: Default::default(),
        };
        log.save(&record).unwrap_or_else(|e| panic!("{e}"));
    }
    let app = app(Some(dir.path()));
    let screen = render(&app, clock.at(0.0), 120, 40);
    assert!(screen.contains("Streak 3 days"), "{screen}");
    assert!(
        screen.contains("interrupted"),
        "a running record never superseded: {screen}"
    );
    snap_sizes("history", &app, clock.at(0.0));
}

#[test]
fn help_overlay() {
    let clock = Clock::new();
    let mut app = app(None);
    app.handle(Action::Help, clock.at(0.0), wall());
    snap_sizes("help", &app, clock.at(0.0));
    app.handle(Action::Escape, clock.at(0.0), wall());
    assert!(!render(&app, clock.at(0.0), 80, 24).contains("Press ? or Esc to close"));
}

#[test]
fn confirm_quit_while_playing() {
    let clock = Clock::new();
    let mut app = app(None);
    play(&mut app, &clock, "post-run", &[(1.0, Action::Quit)]);
    assert!(!app.should_quit);
    snap_sizes("confirm_quit", &app, clock.at(1.0));
    app.handle(Action::No, clock.at(2.0), wall());
    assert!(app.playing());
    app.handle(Action::Quit, clock.at(3.0), wall());
    app.handle(Action::Yes, clock.at(3.0), wall());
    // Yes keeps the session as aborted and goes back to browsing.
    assert!(!app.should_quit);
    assert!(app.session().is_none());
}

#[test]
fn stacked_layout_on_a_narrow_terminal() {
    let clock = Clock::new();
    let mut app = app(None);
    play(
        &mut app,
        &clock,
        "post-run",
        &[(1.0, Action::Skip), (5.0, Action::Found)],
    );
    for (w, h) in [(60, 40), (50, 22)] {
        let screen = render(&app, clock.at(12.0), w, h);
        for title in ["Regions", "Instructions", "Countdown", "History"] {
            assert!(screen.contains(title), "{w}x{h}: {title}\n{screen}");
        }
        insta::assert_snapshot!(format!("stacked_{w}x{h}"), screen);
    }
}

#[test]
fn too_small() {
    let clock = Clock::new();
    let app = app(None);
    let screen = render(&app, clock.at(0.0), 39, 12);
    assert!(
        screen.contains("Enlarge the terminal") && screen.contains("to at least 40 x 20"),
        "{screen}"
    );
    insta::assert_snapshot!("too_small_39x12", screen);
    render(&app, clock.at(0.0), 1, 1);
}

#[test]
fn focus_moves_with_tab_and_is_shown() {
    let clock = Clock::new();
    let mut app = app(None);
    let now = clock.at(0.0);
    assert_eq!(app.focus, Pane::Regions);
    app.handle(Action::NextPane, now, wall());
    assert_eq!(app.focus, Pane::Instructions);
    app.handle(Action::PrevPane, now, wall());
    app.handle(Action::PrevPane, now, wall());
    assert_eq!(app.focus, Pane::History);
}

fn seeded_history(dir: &std::path::Path) {
    let log = foamroll::history::Store::in_dir(dir);
    for (day, rating, routine) in [
        (10, 8, "post-run"),
        (14, 6, "post-run"),
        (18, 4, "rest-day"),
        (20, 3, "post-run"),
    ] {
        let start = wall() - chrono::Duration::days(21 - day);
        let mut record = SessionRecord {
            format: 1,
            id: format!("s{day}"),
            started_at: start,
            ended_at: Some(start + chrono::Duration::seconds(600 + 30 * day)),
            routine_id: routine.into(),
            routine_name: if routine == "post-run" {
                "Post-run recovery"
            } else {
                "Rest-day long release"
            }
            .into(),
            style: foamroll::library::Style::Recovery,
            status: Status::Completed,
            entries: vec![],
            extra: Default::default(),
        };
        for (region, side) in [
            ("quads", foamroll::session::Side::Left),
            ("quads", foamroll::session::Side::Right),
            ("glutes", foamroll::session::Side::Left),
        ] {
            record.entries.push(foamroll::session::EntryRecord {
                step: 0,
                exercise_id: format!(
                    "{}-release",
                    if region == "quads" { "quad" } else { "glute" }
                ),
                region: region.into(),
                side: Some(side),
                zone: None,
                planned_s: 30.0,
                search_s: 5.0,
                hold_s: 35.0 + day as f64,
                overtime_s: 5.0 + day as f64,
                move_s: 0.0,
                points_held: 1,
                points_planned: 1,
                skipped: day == 18 && region == "glutes",
                tenderness: vec![rating + u8::from(side == foamroll::session::Side::Left)],
            });
        }
        log.save(&record).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn review_view_list_detail_and_filters() {
    let clock = Clock::new();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    seeded_history(dir.path());
    let mut app = app(Some(dir.path()));
    let now = clock.at(0.0);
    app.handle(Action::OpenReview, now, wall());
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = render(&app, now, w, h);
        assert!(
            screen.contains("Sessions (4)") && screen.contains("Progress"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("review_{w}x{h}"), screen);
    }
    let screen = render(&app, now, 120, 40);
    assert!(
        screen.contains("Streak 1 day now, longest 1 day"),
        "{screen}"
    );
    assert!(
        screen.contains("Quads                yesterday")
            && screen.contains("Glutes               yesterday"),
        "{screen}"
    );
    app.handle(Action::Down, now, wall());
    app.handle(Action::Enter, now, wall());
    let screen = render(&app, now, 120, 40);
    assert!(
        screen.contains("Rest-day long release · completed") && screen.contains("skipped"),
        "{screen}"
    );
    insta::assert_snapshot!("review_detail_120x40", screen);
    app.handle(Action::Escape, now, wall());
    app.handle(Action::FilterRoutine, now, wall());
    assert!(
        render(&app, now, 120, 40).contains("Sessions (3)"),
        "post-run only"
    );
    app.handle(Action::FilterRoutine, now, wall());
    assert!(
        render(&app, now, 120, 40).contains("Sessions (0)"),
        "pre-run: none"
    );
    app.handle(Action::ClearFilters, now, wall());
    app.handle(Action::FilterDates, now, wall());
    assert!(
        render(&app, now, 120, 40).contains("Sessions (2)"),
        "last 7 days"
    );
    app.handle(Action::ClearFilters, now, wall());
    app.handle(Action::FilterRegion, now, wall());
    assert!(
        render(&app, now, 120, 40).contains("Sessions (4)"),
        "quads: all"
    );
    app.handle(Action::Escape, now, wall());
    assert!(app.review.is_none());
}
