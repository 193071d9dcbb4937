//! The review's pictures over three seeded months: the tenderness map, the charts and
//! the calendar at 80x24, 120x40 and 200x50, in mono (text snapshots) and in colour
//! (the buffer with its styles); the chart's and the map's data for a right hamstring
//! that falls from 8 to 4; and a chart always drawing the dates its labels name.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use common::seed::three_months;
use common::ui::{Clock, app, render, wall};
use foamroll::history::{Direction, Store};
use foamroll::session::Side;
use foamroll::ui::review::View;
use foamroll::ui::{Action, App, Screen, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 50)];

fn seeded() -> (tempfile::TempDir, App, std::time::Instant) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = Store::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    for r in three_months(wall() - chrono::Duration::hours(1)) {
        store.save(&r).unwrap_or_else(|e| panic!("{e}"));
    }
    drop(store);
    let now = Clock::new().at(0.0);
    let mut app = app(Some(dir.path()));
    app.handle(Action::OpenReview, now, wall());
    (dir, app, now)
}

fn to_view(app: &mut App, now: std::time::Instant, view: View) {
    while app.review.as_ref().map(|r| r.view) != Some(view) {
        app.handle(Action::NextView, now, wall());
    }
}

fn styled(app: &App, now: std::time::Instant, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| f.render_widget(Screen { app, now }, f.area()))
        .unwrap();
    format!("{:?}", terminal.backend().buffer())
}

#[test]
fn snapshots_of_every_picture_view_in_mono_and_colour() {
    let (_dir, mut app, now) = seeded();
    for view in [View::Map, View::Charts, View::Calendar] {
        to_view(&mut app, now, view);
        let name = view.label().to_lowercase();
        for (w, h) in SIZES {
            app.theme = Theme::monochrome();
            let screen = render(&app, now, w, h);
            insta::assert_snapshot!(format!("{name}_mono_{w}x{h}"), screen);
            app.theme = Theme::colour();
            insta::assert_snapshot!(format!("{name}_colour_{w}x{h}"), styled(&app, now, w, h));
        }
    }
}

#[test]
fn the_right_hamstring_falling_from_8_to_4_is_in_the_chart_and_marked_better_on_the_map() {
    let (_dir, mut app, now) = seeded();
    to_view(&mut app, now, View::Map);
    // Move the map's cursor to the hamstrings and filter the review to them.
    app.handle(Action::Top, now, wall());
    for _ in 0..20 {
        if app.review.as_ref().unwrap().chart_region() == "hamstrings" {
            break;
        }
        app.handle(Action::Down, now, wall());
    }
    app.handle(Action::Enter, now, wall());
    let state = app.review.as_ref().unwrap();
    assert_eq!(state.filter.region.as_deref(), Some("hamstrings"));

    let chart = &state.pictures.chart;
    assert_eq!(chart.region, "hamstrings");
    let right = chart.side(Some(Side::Right)).unwrap();
    let left = chart.side(Some(Side::Left)).unwrap();
    let values: Vec<f64> = right.points.iter().map(|p| p.value).collect();
    // Every rated session of the three months is a point, not only the last few.
    assert_eq!(values.len(), 28, "{values:?}");
    assert_eq!(values.first(), Some(&8.0));
    assert_eq!(values.last(), Some(&4.0));
    assert!(values.windows(2).all(|w| w[1] <= w[0]), "{values:?}");
    assert!(left.points.iter().all(|p| p.value == 6.0));
    // The 4-week averages fall too, oldest first.
    let blocks: Vec<f64> = right.blocks.iter().map(|b| b.average).collect();
    assert!(
        blocks.len() >= 3 && blocks.windows(2).all(|w| w[1] < w[0]),
        "{blocks:?}"
    );
    // The drawn data: the same points, in days from the window's first date.
    let drawn = foamroll::ui::review::chart_data(chart);
    let (_, points, _) = drawn
        .iter()
        .find(|(s, _, _)| *s == Some(Side::Right))
        .unwrap();
    assert_eq!(points.len(), 28);
    assert_eq!(points.first().map(|p| p.1), Some(8.0));

    let e = state
        .pictures
        .map
        .iter()
        .find(|e| e.region == "hamstrings" && e.side == Some(Side::Right))
        .unwrap();
    assert_eq!(e.direction, Some(Direction::Better));
    let l = state
        .pictures
        .map
        .iter()
        .find(|e| e.region == "hamstrings" && e.side == Some(Side::Left))
        .unwrap();
    assert_eq!(l.direction, Some(Direction::Same));

    // On screen: the back figure's right hamstring (the viewer's right) carries the
    // "better" arrow; the left one does not; the legend says it in numbers.
    let screen = render(&app, now, 80, 24);
    let row = screen
        .lines()
        .find(|l| l.contains("|hhh|") || l.contains('↓'))
        .unwrap_or_default()
        .to_string();
    assert!(screen.contains('↓'), "{screen}");
    let ham = screen.lines().find(|l| l.contains("▸Hamstrings")).unwrap();
    // Left: 6.0 and the same lately; right: 6.0 over the months, 4.5 lately, better.
    assert!(
        ham.contains("L▓ 6.0 →6.0") && ham.contains("R▓ 6.0 ↓4.5"),
        "{ham}"
    );
    assert!(screen.contains("↓ better"), "{screen}");
    let _ = row;
}

/// The old sparkline drew the last 10 sessions under labels naming the first and last
/// date. A chart's labels are its window's dates, and it draws marks across all of it.
#[test]
fn a_chart_labelled_with_dates_draws_the_data_between_those_dates() {
    let (_dir, mut app, now) = seeded();
    to_view(&mut app, now, View::Charts);
    let state = app.review.as_ref().unwrap();
    let chart = &state.pictures.chart;
    let w = chart.window;
    let first = chart
        .series
        .iter()
        .flat_map(|s| s.points.first())
        .map(|p| p.date)
        .min()
        .unwrap();
    assert_eq!(w.from, first, "the window starts at the first rating");
    for s in &chart.series {
        assert!(s.points.iter().all(|p| w.contains(p.date)));
    }
    let screen = render(&app, now, 80, 24);
    let from = w.from.format("%-d %b").to_string();
    let to = w.to.format("%-d %b").to_string();
    let axis = screen
        .lines()
        .find(|l| l.contains(&format!("│{from}")) && l.contains(&to))
        .unwrap_or_else(|| panic!("no axis labelled {from} to {to}:\n{screen}"));
    // Marks in the first third of the plot as well as the last: the data between the
    // labels, not the last few sessions squeezed to one end.
    let plot: Vec<&str> = screen
        .lines()
        .skip(3)
        .take_while(|l| !std::ptr::eq(*l, axis))
        .collect();
    let chars = |byte: usize| axis[..byte].chars().count();
    let start = chars(axis.find(&from).unwrap());
    let end = chars(axis.rfind(&to).unwrap()) + to.chars().count();
    let third = (end - start) / 3;
    let marks = |a: usize, b: usize| {
        plot.iter()
            .filter(|l| {
                l.chars()
                    .skip(a)
                    .take(b - a)
                    .any(|c| c == '•' || c == '█' || ('\u{2801}'..='\u{28ff}').contains(&c))
            })
            .count()
    };
    assert!(
        marks(start + 4, start + third) > 0,
        "{start} {end} {third} {plot:?}"
    );
    assert!(marks(end - third, end) > 0, "{screen}");
}

#[test]
fn a_click_on_the_map_filters_the_review_to_that_region() {
    let (_dir, mut app, now) = seeded();
    to_view(&mut app, now, View::Map);
    let screen = render(&app, now, 80, 24);
    // A quads cell of the front figure: the first shaded 3-4 cell of the thigh rows.
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("\"│ |×"))
        .unwrap();
    // The quote the test backend puts before each line is not a column.
    let col = line.chars().position(|c| c == '▒').unwrap() - 1;
    app.click(col as u16, row as u16, 80, 24);
    let state = app.review.as_ref().unwrap();
    assert_eq!(state.filter.region.as_deref(), Some("quads"), "{screen}");
    let after = render(&app, now, 80, 24);
    assert!(after.contains("region: quads"), "{after}");
}
