//! Every pane in every phase, at 40x20, 50x20, 80x24, 100x30 and 200x50, plus the
//! other layouts and overlays.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use common::ui::{Clock, app, render, wall};
use foamroll::session::{SessionRecord, Status};
use foamroll::ui::{Action, App, Overlay, Pane, Row};

const SIZES: [(u16, u16); 5] = [(40, 20), (50, 20), (80, 24), (100, 30), (200, 50)];

fn snap_sizes(name: &str, app: &App, now: std::time::Instant) {
    for (w, h) in SIZES {
        let screen = render(app, now, w, h);
        // An overlay may cover a pane title; the panes are checked without it. While
        // a session runs, the countdown and the instructions have the screen.
        let titles: &[&str] = match (app.overlay, app.session_layout()) {
            (Overlay::None, false) => &["Regions", "Instructions", "Countdown", "History"],
            (Overlay::None, true) => &["Instructions", "Countdown"],
            _ => &[],
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

/// The screen's words in one line: borders and quotes gone, wrapped lines joined.
fn words(screen: &str) -> String {
    screen
        .replace(['"', '│', '█'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The post-run, its get ready skipped at 1 s and the first spot found at 5 s: a hold.
fn holding() -> (Clock, App) {
    let clock = Clock::new();
    let mut app = app(None);
    play(
        &mut app,
        &clock,
        "post-run",
        &[(1.0, Action::Skip), (5.0, Action::Found)],
    );
    (clock, app)
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
    let screen = render(&app, now, 200, 50);
    assert!(
        screen.contains("Do not roll this region")
            && screen.contains("Quads, Hamstrings, Glutes or Side of the hip")
            && screen.contains("A routine for it")
            && screen.contains("IT band alternative  (press Enter to play it)"),
        "{screen}"
    );
    app.handle(Action::Alternatives, now, wall());
    assert!(render(&app, now, 120, 40).contains("The four muscles on the front"));
    app.handle(Action::Alternatives, now, wall());
    assert!(
        render(&app, now, 120, 40).contains("The back of the thigh, from"),
        "a again: the next alternative"
    );
    // Enter on the IT band plays the routine that works its alternatives.
    let mut app = self::app(None);
    app.selected = app
        .rows
        .iter()
        .position(|r| matches!(r, Row::Region(i) if app.library.regions[*i].id == "it-band"))
        .unwrap_or_else(|| panic!("no it-band row"));
    app.focus = Pane::Regions;
    app.handle(Action::Enter, now, wall());
    let screen = render(&app, now, 120, 40);
    assert!(
        screen.contains("Get ready") && screen.contains("Side of the hip"),
        "the IT band alternative starts with the side of the hip: {screen}"
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
fn a_search_past_its_limit_says_so_on_screen() {
    let clock = Clock::new();
    let mut app = app(None);
    for step in &mut std::sync::Arc::make_mut(&mut app.library).routines[0].steps {
        if let foamroll::library::StepTiming::Recovery { search_limit_s, .. } = &mut step.timing {
            *search_limit_s = Some(20);
        }
    }
    play(&mut app, &clock, "post-run", &[(1.0, Action::Skip)]);
    app.tick(clock.at(10.0));
    let screen = render(&app, clock.at(10.0), 80, 24);
    assert!(screen.contains("Press f when you find it"), "{screen}");
    assert!(!screen.contains("Still searching?"), "{screen}");
    app.tick(clock.at(21.5));
    for (w, h) in SIZES {
        let flat = words(&render(&app, clock.at(21.5), w, h));
        assert!(
            flat.contains("Still searching? Hold the most tender spot"),
            "{w}x{h}: {flat}"
        );
        assert!(flat.contains("Press f when you find it"), "{w}x{h}: {flat}");
    }
}

#[test]
fn hold() {
    let (clock, app) = holding();
    let screen = render(&app, clock.at(17.5), 80, 24);
    assert!(screen.contains("Hold"));
    snap_sizes("hold", &app, clock.at(17.5));
}

#[test]
fn hold_refused_release() {
    let (clock, mut app) = holding();
    app.tick(clock.at(10.0));
    app.handle(Action::Release, clock.at(10.0), wall());
    for (w, h) in SIZES {
        let screen = render(&app, clock.at(10.0), w, h);
        let flat = words(&screen);
        assert!(
            flat.contains("Keep holding: 25 seconds to the minimum"),
            "{w}x{h}: {screen}"
        );
        assert!(screen.contains("Next:"), "{w}x{h}: {screen}");
        insta::assert_snapshot!(format!("refused_release_{w}x{h}"), screen);
    }
    // The feedback stays for at least 3 seconds, then goes.
    app.tick(clock.at(13.0));
    assert!(render(&app, clock.at(13.0), 80, 24).contains("Keep holding"));
    app.tick(clock.at(14.5));
    assert!(!render(&app, clock.at(14.5), 80, 24).contains("Keep holding"));
}

#[test]
fn overtime_with_rating_prompt_after() {
    let (clock, mut app) = holding();
    app.tick(clock.at(47.0));
    snap_sizes("overtime", &app, clock.at(47.0));
    app.handle(Action::Release, clock.at(50.0), wall());
    let screen = render(&app, clock.at(50.0), 80, 24);
    assert!(screen.contains("How tender? 0-9, ) for 10"), "{screen}");
    snap_sizes("rating_prompt", &app, clock.at(50.0));
}

#[test]
fn paused() {
    let (clock, mut app) = holding();
    app.tick(clock.at(9.0));
    app.handle(Action::TogglePause, clock.at(9.0), wall());
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
    assert!(screen.contains("Switch to the left glute"), "{screen}");
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
    // Every key can be reached at every size: the help scrolls, and stops at its end.
    for (w, h) in SIZES {
        app.help_scroll = 0;
        let mut seen = String::new();
        for _ in 0..120 {
            seen.push_str(&render(&app, clock.at(0.0), w, h));
            app.handle(Action::Down, clock.at(0.0), wall());
        }
        for key in ["q Esc", "mouse", "0-9", "H (Enter on History)"] {
            assert!(seen.contains(key), "{w}x{h}: {key}");
        }
        let at_end = app.help_scroll;
        app.handle(Action::Down, clock.at(0.0), wall());
        assert_eq!(app.help_scroll, at_end, "{w}x{h}: scrolls past the end");
        assert!(
            render(&app, clock.at(0.0), w, h).contains("mouse"),
            "{w}x{h}: the last line shows at the end"
        );
    }
    // A wrapped description starts under the description, not under the key.
    let screen = render(&app, clock.at(0.0), 80, 24);
    let wrapped = screen
        .lines()
        .find(|l| l.contains("browsing"))
        .unwrap_or_default();
    assert!(wrapped.starts_with("\"│      "), "{wrapped}");
    app.handle(Action::Escape, clock.at(0.0), wall());
    assert!(!render(&app, clock.at(0.0), 80, 24).contains("Esc closes"));
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
    let (clock, mut app) = holding();
    for (w, h) in [(60, 40), (50, 22)] {
        let screen = render(&app, clock.at(12.0), w, h);
        for title in ["Instructions", "Countdown"] {
            assert!(screen.contains(title), "{w}x{h}: {title}\n{screen}");
        }
        insta::assert_snapshot!(format!("stacked_{w}x{h}"), screen);
    }
    // Tab to the History pane brings every pane back, the session still running.
    app.handle(Action::NextPane, clock.at(12.0), wall());
    let screen = render(&app, clock.at(12.0), 50, 22);
    for title in ["Regions", "Instructions", "Countdown", "History"] {
        assert!(screen.contains(title), "{title}\n{screen}");
    }
    assert!(app.playing());
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
    for (w, h) in SIZES {
        let screen = render(&app, now, w, h);
        assert!(
            screen.contains("Sessions (4)") && screen.contains("Progress"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("review_{w}x{h}"), screen);
    }
    // At 80x24, Tab then the arrows reach every region's trend.
    app.handle(Action::NextPane, now, wall());
    let mut seen = String::new();
    for _ in 0..40 {
        seen.push_str(&render(&app, now, 80, 24));
        app.handle(Action::Down, now, wall());
    }
    for trend in [
        "Quads                yesterday",
        "Glutes               yesterday",
    ] {
        assert!(seen.contains(trend), "{trend}: {seen}");
    }
    app.handle(Action::NextPane, now, wall());
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

/// The last row of a rendered screen: the key bar.
fn key_bar(screen: &str) -> String {
    screen.lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_key_bar_follows_the_context_and_always_has_help_and_quit() {
    let clock = Clock::new();
    let mut app = app(None);
    for (w, h) in SIZES {
        let bar = key_bar(&render(&app, clock.at(0.0), w, h));
        assert!(
            bar.contains(" ? help") && bar.contains(" q quit"),
            "{w}x{h}: {bar}"
        );
    }
    assert!(key_bar(&render(&app, clock.at(0.0), 80, 24)).contains(" H history"));
    app.selected = app
        .rows
        .iter()
        .position(|r| matches!(r, Row::Region(i) if app.library.regions[*i].id == "it-band"))
        .unwrap();
    assert!(key_bar(&render(&app, clock.at(0.0), 80, 24)).contains(" a alternatives"));
    // A warm-up: no f, no r.
    play(&mut app, &clock, "pre-run", &[(0.0, Action::Skip)]);
    for (w, h) in SIZES {
        let bar = key_bar(&render(&app, clock.at(3.0), w, h));
        assert!(
            !bar.contains(" f ") && !bar.contains(" r "),
            "{w}x{h}: {bar}"
        );
        assert!(
            bar.contains(" ? help") && bar.contains(" q quit"),
            "{w}x{h}: {bar}"
        );
    }
    // A recovery: f while searching, r while holding, first even at 40 columns.
    let mut app = common::ui::app(None);
    play(&mut app, &clock, "post-run", &[(1.0, Action::Skip)]);
    assert!(key_bar(&render(&app, clock.at(2.0), 40, 20)).contains(" f found"));
    app.handle(Action::Found, clock.at(3.0), wall());
    assert!(key_bar(&render(&app, clock.at(4.0), 40, 20)).contains(" r release"));
}

#[test]
fn lists_scroll_to_the_selection_and_text_stops_at_its_end() {
    let clock = Clock::new();
    let now = clock.at(0.0);
    let mut app = app(None);
    // The routine list at 40x20 shows a few routines; the last one, once selected,
    // is on screen, with a scrollbar thumb on the border.
    app.focus = Pane::Countdown;
    app.handle(Action::Bottom, now, wall());
    let last = app.library.routines.last().unwrap().name.clone();
    let screen = render(&app, now, 40, 20);
    assert!(screen.contains(&last[..15]), "{last}: {screen}");
    assert!(screen.contains('█'), "a scrollbar: {screen}");
    // The regions list follows its selection to the end.
    app.focus = Pane::Regions;
    app.handle(Action::Bottom, now, wall());
    let screen = render(&app, now, 40, 20);
    assert!(
        screen.contains("Guides") || screen.contains("Pressure"),
        "{screen}"
    );
    // The instructions stop where their last line reaches the bottom: one Up after
    // many Downs shows a different screen at once.
    app.focus = Pane::Instructions;
    app.selected = 1;
    render(&app, now, 80, 24);
    for _ in 0..500 {
        app.handle(Action::Down, now, wall());
    }
    let bottom = render(&app, now, 80, 24);
    assert!(app.instructions_scroll < 100, "{}", app.instructions_scroll);
    app.handle(Action::Up, now, wall());
    assert_ne!(render(&app, now, 80, 24), bottom);
}

#[test]
fn a_rating_is_confirmed_on_screen_at_every_size() {
    let (clock, mut app) = holding();
    app.handle(Action::ForceRelease, clock.at(10.0), wall());
    app.handle(Action::Rate(6), clock.at(11.0), wall());
    for (w, h) in SIZES {
        let flat = words(&render(&app, clock.at(12.0), w, h));
        assert!(flat.contains("Six, noted."), "{w}x{h}: {flat}");
        assert!(flat.contains("Next:"), "{w}x{h}: {flat}");
    }
}

#[test]
fn no_name_is_cut_at_200_columns() {
    let clock = Clock::new();
    let app = app(None);
    let screen = render(&app, clock.at(0.0), 200, 50);
    let lib = &app.library;
    let names = lib
        .regions
        .iter()
        .map(|r| r.name.clone())
        .chain(lib.exercises.iter().map(|e| e.name.clone()))
        .chain(lib.routines.iter().map(|r| r.name.clone()));
    for name in names {
        assert!(
            screen.contains(&name),
            "{name} is cut or missing:\n{screen}"
        );
    }
    assert!(!screen.contains('…'), "{screen}");
}

#[test]
fn browse_the_today_row() {
    let clock = Clock::new();
    let mut app = app(None);
    let now = clock.at(0.0);
    // 18:10 on the fixture day, no history: an after-run recovery is chosen.
    app.plan_today(
        wall().naive_local() + chrono::Duration::minutes(640),
        Vec::new(),
    );
    app.focus = Pane::Countdown;
    snap_sizes("browse_today", &app, now);
}

#[test]
fn the_today_row_switches_intent_and_minutes() {
    let clock = Clock::new();
    let mut app = app(None);
    let now = clock.at(0.0);
    app.plan_today(wall().naive_local(), Vec::new());
    let intent = |app: &App| {
        app.today_row
            .as_ref()
            .map(|r| (r.plan.intent, r.plan.minutes))
    };
    // 07:30: before a run. Keys do nothing until the Today row is in focus.
    assert_eq!(intent(&app), Some((foamroll::today::Intent::BeforeRun, 5)));
    app.handle(Action::TodayIntent, now, wall());
    assert_eq!(intent(&app), Some((foamroll::today::Intent::BeforeRun, 5)));
    app.focus = Pane::Countdown;
    app.handle(Action::TodayIntent, now, wall());
    assert_eq!(intent(&app), Some((foamroll::today::Intent::AfterRun, 10)));
    app.handle(Action::AddTime, now, wall());
    assert_eq!(intent(&app), Some((foamroll::today::Intent::AfterRun, 11)));
    assert_eq!(app.library.routines[0].id, "today");
    assert_eq!(
        app.library.routines[0].style,
        foamroll::library::Style::Recovery
    );
    assert_eq!(
        app.library
            .routines
            .iter()
            .filter(|r| r.id == "today")
            .count(),
        1
    );
    // Down to the next routine: the keys go back to the session's meaning.
    app.handle(Action::Down, now, wall());
    app.handle(Action::TodayIntent, now, wall());
    assert_eq!(intent(&app), Some((foamroll::today::Intent::AfterRun, 11)));
    app.handle(Action::Up, now, wall());
    app.handle(Action::Enter, now, wall());
    assert!(app.playing());
    assert_eq!(
        app.session().map(|s| s.plan().routine_id.clone()),
        Some("today".to_string())
    );
}
