//! The screens in colour, one styled snapshot per theme: where colour carries meaning
//! (the focused pane, the phase, warnings, keys), a theme that loses it shows here. The
//! text snapshots elsewhere are monochrome and cannot.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod common;

use common::ui::{Clock, app, wall};
use foamroll::config::{ThemeChoice, ThemeName};
use foamroll::ui::{Action, App, Screen, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

fn styled(app: &App, now: std::time::Instant, w: u16, h: u16) -> (String, ratatui::buffer::Buffer) {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| f.render_widget(Screen { app, now }, f.area()))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    (format!("{buffer:?}"), buffer)
}

/// The colours used on a screen, besides the terminal's own.
fn colours(buffer: &ratatui::buffer::Buffer) -> Vec<Color> {
    let mut seen: Vec<Color> = Vec::new();
    for cell in buffer.content() {
        for c in [cell.fg, cell.bg] {
            if c != Color::Reset && !seen.contains(&c) {
                seen.push(c);
            }
        }
    }
    seen
}

#[test]
fn browse_and_hold_in_every_theme() {
    let clock = Clock::new();
    for name in ThemeName::ALL {
        let mut browse = app(None);
        browse.theme = Theme::chosen(&ThemeChoice::named(name), true);
        let (text, buffer) = styled(&browse, clock.at(0.0), 80, 24);
        insta::assert_snapshot!(format!("browse_{}_80x24", name.label()), text);
        let used = colours(&buffer);
        match name {
            ThemeName::Mono => assert!(used.is_empty(), "mono uses {used:?}"),
            _ => assert!(used.len() >= 2, "{} uses {used:?}", name.label()),
        }

        let mut hold = app(None);
        hold.theme = Theme::chosen(&ThemeChoice::named(name), true);
        assert!(hold.start("post-run", clock.at(0.0), wall()));
        hold.handle(Action::Skip, clock.at(1.0), wall());
        hold.handle(Action::Found, clock.at(2.0), wall());
        let (text, _) = styled(&hold, clock.at(5.0), 80, 24);
        insta::assert_snapshot!(format!("hold_{}_80x24", name.label()), text);
    }
}

#[test]
fn no_colour_means_no_colour_in_every_theme() {
    let clock = Clock::new();
    for name in ThemeName::ALL {
        let mut a = app(None);
        a.theme = Theme::chosen(&ThemeChoice::named(name), false);
        let (_, buffer) = styled(&a, clock.at(0.0), 80, 24);
        assert!(colours(&buffer).is_empty(), "{}", name.label());
    }
}
