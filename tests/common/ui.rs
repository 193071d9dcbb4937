//! Rendering the app into a test terminal at a fixed instant.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use foamroll::history::Store;
use foamroll::library::load_builtin;
use foamroll::session::Timing;
use foamroll::ui::{App, Screen, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn wall() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 11, 21, 7, 30, 0).single())
        .unwrap_or_else(|| panic!("time"))
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_else(|| panic!("date"))
}

/// An app with the built-in library and history kept in `dir`.
pub fn app(dir: Option<&std::path::Path>) -> App {
    let mut app = App::new(
        load_builtin().library,
        Timing::default(),
        dir.map(Store::in_dir),
        today(),
    );
    app.theme = Theme::monochrome();
    app
}

pub struct Clock {
    pub t0: Instant,
}

impl Clock {
    pub fn new() -> Clock {
        Clock { t0: Instant::now() }
    }

    pub fn at(&self, s: f64) -> Instant {
        self.t0 + Duration::from_secs_f64(s)
    }
}

pub fn render(app: &App, now: Instant, width: u16, height: u16) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(width, height)).unwrap_or_else(|e| panic!("{e}"));
    terminal
        .draw(|f| f.render_widget(Screen { app, now }, f.area()))
        .unwrap_or_else(|e| panic!("{e}"));
    terminal.backend().to_string()
}
