//! The guides are reachable in the app: a Guides group in the Regions pane, and the
//! `i` key (listed in the help overlay) that jumps there, even from the help itself.

mod common;

use common::ui::{Clock, app, render, wall};
use foamroll::ui::{Action, Row};

#[test]
fn the_regions_pane_ends_with_a_guides_group() {
    let app = app(None);
    let n = app.library.guides.len();
    assert_eq!(n, 3);
    let tail: Vec<Row> = app.rows[app.rows.len() - n - 1..].to_vec();
    assert_eq!(tail[0], Row::Guides);
    assert_eq!(&tail[1..], &[Row::Guide(0), Row::Guide(1), Row::Guide(2)]);
}

#[test]
fn i_jumps_to_pressure_and_pain_even_from_the_help_overlay() {
    let clock = Clock::new();
    let mut app = app(None);
    app.handle(Action::Help, clock.at(0.0), wall());
    let help = render(&app, clock.at(0.0), 100, 40);
    assert!(help.contains("guides: pressure and pain"), "{help}");
    app.handle(Action::Guides, clock.at(1.0), wall());
    assert_eq!(app.selected_row(), Some(Row::Guide(0)));
    let screen = render(&app, clock.at(1.0), 120, 40);
    assert!(
        screen.contains("Pressure, pain and when not to roll"),
        "{screen}"
    );
    assert!(screen.contains("How hard to press"), "{screen}");
    assert!(
        !screen.contains("guides: pressure and pain"),
        "the help closed"
    );
}
