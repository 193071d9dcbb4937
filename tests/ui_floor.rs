//! The countdown as a person on the floor sees it from two metres, in colour, for each
//! phase at 40x20, 50x20, 80x24, 120x40 and 200x50: the phase word and side as large
//! as the digits where the size allows, the search unlike a hold, now and next large
//! on big screens, and the region and side at every size.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use std::collections::BTreeMap;
use std::time::Instant;

use common::ui::{Clock, app, wall};
use foamroll::session::Timing;
use foamroll::ui::{Action, App, Screen, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

const SIZES: [(u16, u16); 5] = [(40, 20), (50, 20), (80, 24), (120, 40), (200, 50)];

/// The screen's text, then the same grid with one letter per cell for its foreground
/// colour (`.` for the default), and the letters' colours.
fn render_colour(app: &App, now: Instant, w: u16, h: u16) -> (String, String) {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| f.render_widget(Screen { app, now }, f.area()))
        .unwrap();
    let buf = terminal.backend().buffer().clone();
    let mut letters: BTreeMap<String, char> = BTreeMap::new();
    let mut text = String::new();
    let mut colours = String::new();
    for y in 0..h {
        for x in 0..w {
            let cell = &buf[(x, y)];
            text.push_str(cell.symbol());
            let code = match cell.fg {
                Color::Reset => '.',
                c => {
                    let key = format!("{c:?}");
                    let next = (b'a' + letters.len() as u8) as char;
                    *letters.entry(key).or_insert(next)
                }
            };
            colours.push(code);
        }
        text.push('\n');
        colours.push('\n');
    }
    let legend: Vec<String> = letters.iter().map(|(c, l)| format!("{l} = {c}")).collect();
    colours.push_str(&legend.join(", "));
    (text, colours)
}

fn colour_app() -> App {
    let mut app = app(None);
    app.theme = Theme::colour();
    app
}

/// Snapshots of one moment at every size; returns the text at each size.
fn snap(name: &str, app: &App, now: Instant) -> Vec<((u16, u16), String)> {
    let mut out = Vec::new();
    for (w, h) in SIZES {
        let (text, colours) = render_colour(app, now, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), format!("{text}\n{colours}"));
        out.push(((w, h), text));
    }
    out
}

fn play(app: &mut App, clock: &Clock, routine: &str, actions: &[(f64, Action)]) {
    assert!(app.start(routine, clock.at(0.0), wall()));
    for &(t, action) in actions {
        app.tick(clock.at(t));
        app.handle(action, clock.at(t), wall());
    }
}

/// The region and the side are on screen at every size.
fn assert_place(shots: &[((u16, u16), String)], words: &[&str]) {
    for ((w, h), text) in shots {
        for word in words {
            assert!(text.contains(word), "{word:?} missing at {w}x{h}:\n{text}");
        }
    }
}

/// Rows of the screen drawn with block cells: how much is drawn large.
fn big_rows(text: &str) -> usize {
    text.lines().filter(|l| l.matches('█').count() >= 6).count()
}

#[test]
fn get_ready() {
    let clock = Clock::new();
    let mut app = colour_app();
    play(&mut app, &clock, "post-run", &[]);
    app.tick(clock.at(3.2));
    let shots = snap("floor_get_ready", &app, clock.at(3.2));
    assert_place(&shots, &["Quads"]);
}

#[test]
fn search_counts_up_in_its_own_word() {
    let clock = Clock::new();
    let mut app = colour_app();
    play(&mut app, &clock, "post-run", &[(1.0, Action::Skip)]);
    app.tick(clock.at(21.0));
    let shots = snap("floor_search", &app, clock.at(21.0));
    assert_place(&shots, &["Right quad"]);
    // Counting up: 20 seconds into the search, not a countdown.
    let (_, big) = &shots[4];
    assert!(big.contains("Find the tender spot"), "{big}");
}

#[test]
fn hold_says_hold_and_the_side_large() {
    let clock = Clock::new();
    let mut app = colour_app();
    play(
        &mut app,
        &clock,
        "post-run",
        &[(1.0, Action::Skip), (5.0, Action::Found)],
    );
    app.tick(clock.at(12.0));
    let shots = snap("floor_hold", &app, clock.at(12.0));
    assert_place(&shots, &["Right quad"]);
    // At 200x50 the word and the side are as tall as the digits (15 rows each) and the
    // next step is drawn large too; at 40x20 the head line says them.
    let (_, small) = &shots[0];
    assert!(small.contains("Hold · right"), "{small}");
    let (_, big) = &shots[4];
    assert!(big_rows(big) >= 15 + 10 + 5, "{big}");
}

#[test]
fn a_long_movement_cue_is_cut_before_the_side_goes() {
    let clock = Clock::new();
    let mut app = colour_app();
    play(&mut app, &clock, "pre-run", &[(1.0, Action::Skip)]);
    app.tick(clock.at(4.0));
    let shots = snap("floor_keep_moving", &app, clock.at(4.0));
    assert_place(&shots, &["Right calf"]);
}

#[test]
fn switch_sides() {
    let clock = Clock::new();
    let mut app = colour_app();
    play(
        &mut app,
        &clock,
        "post-run",
        &[
            (1.0, Action::Skip),
            (2.0, Action::Skip),
            (3.0, Action::Skip),
            (4.0, Action::Skip),
        ],
    );
    app.tick(clock.at(5.0));
    let shots = snap("floor_switch", &app, clock.at(5.0));
    assert_place(&shots, &["left quad"]);
}

#[test]
fn rest() {
    let clock = Clock::new();
    let mut app = colour_app();
    play(&mut app, &clock, "pre-run", &[(1.0, Action::Skip)]);
    for t in [2.0, 3.0, 4.0] {
        app.tick(clock.at(t));
        app.handle(Action::Skip, clock.at(t), wall());
    }
    app.tick(clock.at(5.0));
    let shots = snap("floor_rest", &app, clock.at(5.0));
    assert!(shots.iter().all(|(_, s)| s.contains("Rest")));
}

#[test]
fn listening_to_the_set_up() {
    // With a voice (a speaker that never finishes), get ready waits and says so.
    #[derive(Debug)]
    struct Busy;
    impl foamroll::coach::Speaker for Busy {
        fn phase(&self, _: u64) {}
        fn say(&self, _: u64, _: &str, _: Option<std::time::Duration>) {}
        fn is_quiet(&self) -> bool {
            false
        }
    }
    let clock = Clock::new();
    let mut app = colour_app();
    app.coach_config.speaker = Some(std::sync::Arc::new(Busy));
    play(&mut app, &clock, "post-run", &[]);
    app.tick(clock.at(12.0));
    let shots = snap("floor_listening", &app, clock.at(12.0));
    assert!(
        shots
            .iter()
            .all(|(_, s)| s.contains("Listening to the set-up")),
        "{shots:?}"
    );
}

#[test]
fn hands_free_needs_no_key_in_the_app() {
    let clock = Clock::new();
    let mut app = colour_app();
    app.timing = Timing::default().hands_free();
    play(&mut app, &clock, "post-run", &[]);
    // Get ready 10, search 15, hold 30 and 10 to settle: the second search at 65 s.
    for t in (1..=66).map(f64::from) {
        app.tick(clock.at(t));
    }
    let record = app.session().unwrap().record();
    assert_eq!(record.entries[0].points_held, 1);
    assert_eq!(record.entries[0].hold_s, 40.0);
}

#[test]
fn one_tender_spot_is_one_spot() {
    let clock = Clock::new();
    let mut app = colour_app();
    play(
        &mut app,
        &clock,
        "post-run",
        &[
            (1.0, Action::Skip),
            (2.0, Action::Found),
            (33.0, Action::Release),
        ],
    );
    let mut t = 33.0;
    while app.playing() {
        t += 1.0;
        app.tick(clock.at(t));
        app.handle(Action::Skip, clock.at(t), wall());
    }
    let (text, _) = render_colour(&app, clock.at(t), 80, 24);
    assert!(text.contains("1 tender spot held"), "{text}");
    assert!(!text.contains("spots held"), "{text}");
}

#[test]
fn enter_on_a_region_shows_its_exercises_and_on_a_guide_opens_it() {
    use foamroll::ui::{Pane, Row};
    let clock = Clock::new();
    let now = clock.at(0.0);
    let mut app = app(None);
    app.focus = Pane::Regions;
    let calves = app
        .rows
        .iter()
        .position(|r| matches!(r, Row::Region(i) if app.library.regions[*i].id == "calves"))
        .unwrap();
    app.selected = calves;
    let bar = |app: &App| {
        let screen = common::ui::render(app, now, 120, 40);
        screen.lines().last().unwrap_or_default().to_string()
    };
    assert!(bar(&app).contains("Enter show exercises"), "{}", bar(&app));
    app.handle(Action::Enter, now, wall());
    assert!(
        app.session().is_none(),
        "Enter on a region started a session"
    );
    assert!(matches!(app.rows[app.selected], Row::Exercise(_)));
    assert!(bar(&app).contains("Enter play exercise"), "{}", bar(&app));
    // On a guide: it opens in the Instructions pane; nothing starts.
    let guide = app
        .rows
        .iter()
        .position(|r| matches!(r, Row::Guide(_)))
        .unwrap();
    app.selected = guide;
    assert!(bar(&app).contains("Enter read"), "{}", bar(&app));
    app.handle(Action::Enter, now, wall());
    assert!(
        app.session().is_none(),
        "Enter on a guide started a session"
    );
    assert_eq!(app.focus, Pane::Instructions);
    // Elsewhere Enter still starts the selected routine.
    app.focus = Pane::Countdown;
    app.handle(Action::Enter, now, wall());
    assert!(app.session().is_some());
}

/// Text cut by a narrow pane ends with an ellipsis or a shorter form, never mid-word:
/// a guide's title, the streak, the Today explanation (with a hint that more follows).
#[test]
fn narrow_panes_cut_with_an_ellipsis_never_mid_word() {
    use foamroll::session::{SessionRecord, Status};
    use foamroll::ui::{Pane, Row};
    let clock = Clock::new();
    let now = clock.at(0.0);
    let dir = tempfile::tempdir().unwrap();
    let log = foamroll::history::Store::in_dir(dir.path());
    for (day, status) in [(19, Status::Completed), (20, Status::Interrupted)] {
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
            entries: vec![common::entry("quads", None, true, vec![])],
            extra: Default::default(),
        };
        log.save(&record).unwrap();
    }
    let mut app = app(Some(dir.path()));
    app.plan_today(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .and_then(|d| d.and_hms_opt(18, 0, 0))
            .unwrap(),
        Vec::new(),
    );
    // The streak, at every size: whole, shorter ("(best 2)"), or without the longest;
    // never "(longest 2" cut mid-way.
    let mut shorter = false;
    for (w, h) in SIZES.into_iter().chain([(60, 40), (100, 30)]) {
        let screen = common::ui::render(&app, now, w, h);
        let Some(streak) = screen.lines().find(|l| l.contains("Streak")) else {
            continue;
        };
        assert!(
            streak.contains("(longest 2 days)")
                || streak.contains("(best 2)")
                || !streak.contains('('),
            "{w}x{h}: {streak}"
        );
        shorter |= !streak.contains("(longest");
    }
    assert!(shorter, "some size is too narrow for the whole line");
    // The Today explanation does not fit: its last row says more follows.
    let screen = common::ui::render(&app, now, 50, 20);
    assert!(screen.contains("… more below"), "{screen}");
    // A guide's long title.
    app.focus = Pane::Regions;
    app.selected = app
        .rows
        .iter()
        .position(|r| matches!(r, Row::Guide(_)))
        .unwrap();
    let screen = common::ui::render(&app, now, 40, 20);
    let title = screen
        .lines()
        .find(|l| l.contains("Pressure, pain"))
        .unwrap();
    assert!(
        title.contains("Pressure, pain and when not to roll") || title.contains('…'),
        "{title}"
    );
}
