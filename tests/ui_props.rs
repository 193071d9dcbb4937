//! Random keys, time jumps and terminal sizes: the app never panics, and its
//! selections stay in range.

mod common;

use common::ui::{Clock, app, render, wall};
use foamroll::ui::Action;
use proptest::prelude::*;

fn action() -> impl Strategy<Value = Action> {
    prop::sample::select(vec![
        Action::Quit,
        Action::Help,
        Action::NextPane,
        Action::PrevPane,
        Action::Up,
        Action::Down,
        Action::Left,
        Action::Right,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::Enter,
        Action::Escape,
        Action::TogglePause,
        Action::Found,
        Action::Release,
        Action::ForceRelease,
        Action::Skip,
        Action::Back,
        Action::AddTime,
        Action::RemoveTime,
        Action::Rate(0),
        Action::Rate(7),
        Action::Rate(9),
        Action::Alternatives,
        Action::Yes,
        Action::No,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn any_keys_any_sizes_never_panic(
        steps in prop::collection::vec(
            (action(), 0u64..20_000, 1u16..160, 1u16..60, any::<bool>(), (0u16..200, 0u16..80)),
            1..60,
        ),
    ) {
        let clock = Clock::new();
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut app = app(Some(dir.path()));
        let mut t = 0.0;
        for (action, dt_ms, w, h, mouse, (mx, my)) in steps {
            t += dt_ms as f64 / 1000.0;
            let now = clock.at(t);
            app.tick(now);
            if app.should_quit {
                break;
            }
            if mouse {
                app.click(mx, my, w, h);
                app.scroll(mx, my, w, h, 3);
            }
            app.handle(action, now, wall());
            prop_assert!(app.selected < app.rows.len());
            prop_assert!(app.routine_selected < app.library.routines.len());
            if let Some(next) = app.next_wakeup(now) {
                prop_assert!(next > now || app.flash_until.is_some());
            }
            let screen = render(&app, now, w, h);
            let rows: Vec<&str> = screen.lines().map(|l| l.trim_matches('"')).collect();
            prop_assert_eq!(rows.len(), usize::from(h));
            // From the smallest size the app supports, the screen is what the app is
            // doing: the help when it is open, the review's header, or a pane's frame
            // at the top and the key bar at the bottom with the way to the help.
            if w >= 40 && h >= 20 {
                use foamroll::ui::app::Overlay;
                match app.overlay {
                    Overlay::Help => prop_assert!(screen.contains("┌ Keys"), "no help:\n{}", screen),
                    Overlay::ConfirmQuit => {}
                    Overlay::None if app.review.is_some() => {
                        prop_assert!(rows[0].starts_with("Review"), "no review header:\n{}", screen);
                    }
                    Overlay::None => {
                        prop_assert!(rows[0].contains('┌'), "no pane at the top:\n{}", screen);
                        let bar = rows[rows.len() - 1];
                        prop_assert!(bar.contains("? help"), "key bar {bar:?}:\n{}", screen);
                    }
                }
            }
        }
    }
}

#[test]
fn every_size_from_1x1_renders() {
    let clock = Clock::new();
    let mut app = app(None);
    app.start("post-run", clock.at(0.0), wall());
    app.handle(Action::Help, clock.at(0.0), wall());
    for w in (1..=130).step_by(3) {
        for h in 1..=45 {
            render(&app, clock.at(5.0), w, h);
        }
    }
}
