//! Pictures of the real UI for the README: `cargo run --example screenshots` draws
//! the browse screen, a hold in progress and the history review over three seeded
//! months (its map, charts and calendar) into ratatui's test backend and writes each
//! buffer, with its colours, as an SVG in `docs/screenshots/`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a developer tool

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use chrono::{FixedOffset, NaiveDate, TimeZone};
use foamroll::history::Store;
use foamroll::library::load_builtin;
use foamroll::session::Timing;
use foamroll::ui::{Action, App, Screen, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const CELL_W: f64 = 8.4;
const CELL_H: f64 = 17.0;
const FG: &str = "#d4d4d4";
const BG: &str = "#1e1e1e";

#[path = "../tests/common/seed.rs"]
mod seed;

fn main() -> std::io::Result<()> {
    let out = std::path::Path::new("docs/screenshots");
    std::fs::create_dir_all(out)?;
    let t0 = Instant::now();
    let at = |s: f64| t0 + Duration::from_secs_f64(s);
    let wall = FixedOffset::east_opt(3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 11, 21, 7, 30, 0).single())
        .expect("a valid date");
    let new_app = || {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("a valid date");
        let mut app = App::new(load_builtin().library, Timing::default(), None, today);
        app.theme = Theme::colour();
        app
    };

    let app = new_app();
    write(out, "browse", &draw(&app, at(0.0), 120, 32))?;

    let mut app = new_app();
    app.start("post-run", at(0.0), wall);
    for (t, action) in [(1.0, Action::Skip), (5.0, Action::Found)] {
        app.tick(at(t));
        app.handle(action, at(t), wall);
    }
    app.tick(at(17.5));
    write(out, "hold", &draw(&app, at(17.5), 120, 32))?;

    // The review over three months: 40 sessions ending the day before.
    let dir = std::env::temp_dir().join(format!("foamroll-screenshots-{}", std::process::id()));
    let store = Store::open(&dir).map_err(std::io::Error::other)?;
    for r in seed::three_months(wall - chrono::Duration::days(1)) {
        store.save(&r).map_err(std::io::Error::other)?;
    }
    drop(store);
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("a valid date");
    let mut app = App::new(
        load_builtin().library,
        Timing::default(),
        Some(Store::in_dir(&dir)),
        today,
    );
    app.theme = Theme::colour();
    app.handle(Action::OpenReview, at(0.0), wall);
    for (name, w, h) in [
        ("review-map", 80, 24),
        ("review-charts", 80, 24),
        ("review-calendar", 80, 24),
    ] {
        app.handle(Action::NextView, at(0.0), wall);
        write(out, name, &draw(&app, at(0.0), w, h))?;
    }
    // Back to the map: at 120x40 the map, the charts and the calendar show at once.
    app.handle(Action::NextView, at(0.0), wall);
    app.handle(Action::NextView, at(0.0), wall);
    write(out, "review-120x40", &draw(&app, at(0.0), 120, 40))?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn draw(app: &App, now: Instant, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|f| f.render_widget(Screen { app, now }, f.area()))
        .expect("drawing");
    terminal.backend().buffer().clone()
}

fn write(dir: &std::path::Path, name: &str, buf: &Buffer) -> std::io::Result<()> {
    let path = dir.join(format!("{name}.svg"));
    std::fs::write(&path, svg(buf))?;
    println!("wrote {}", path.display());
    Ok(())
}

/// The xterm colour of a ratatui colour; `None` for the terminal's default.
fn hex(c: Color) -> Option<String> {
    let named = |s: &str| Some(s.to_string());
    match c {
        Color::Reset => None,
        Color::Black => named("#000000"),
        Color::Red => named("#cd3131"),
        Color::Green => named("#0dbc79"),
        Color::Yellow => named("#e5e510"),
        Color::Blue => named("#2472c8"),
        Color::Magenta => named("#bc3fbc"),
        Color::Cyan => named("#11a8cd"),
        Color::Gray => named("#b0b0b0"),
        Color::DarkGray => named("#767676"),
        Color::LightRed => named("#f14c4c"),
        Color::LightGreen => named("#23d18b"),
        Color::LightYellow => named("#f5f543"),
        Color::LightBlue => named("#3b8eea"),
        Color::LightMagenta => named("#d670d6"),
        Color::LightCyan => named("#29b8db"),
        Color::White => named("#e5e5e5"),
        Color::Rgb(r, g, b) => Some(format!("#{r:02x}{g:02x}{b:02x}")),
        Color::Indexed(i) => Some(format!("#{i:02x}{i:02x}{i:02x}")),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Each cell as a background rectangle (when not the default), full blocks as
/// rectangles, and runs of same-styled text as one `<text>` each.
fn svg(buf: &Buffer) -> String {
    let area = buf.area;
    let (w, h) = (
        f64::from(area.width) * CELL_W,
        f64::from(area.height) * CELL_H,
    );
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="{BG}"/>"#);
    for y in 0..area.height {
        let mut run = String::new();
        let mut run_start = 0u16;
        let mut run_style: Option<(String, bool)> = None;
        let flush = |s: &mut String,
                     run: &mut String,
                     start: u16,
                     style: &Option<(String, bool)>| {
            if let Some((fill, bold)) = style
                && !run.trim().is_empty()
            {
                let weight = if *bold { r#" font-weight="bold""# } else { "" };
                let _ = writeln!(
                    s,
                    r#"<text x="{:.1}" y="{:.1}" fill="{fill}"{weight} xml:space="preserve" textLength="{:.1}">{}</text>"#,
                    f64::from(start) * CELL_W,
                    f64::from(y) * CELL_H + CELL_H * 0.75,
                    run.chars().count() as f64 * CELL_W,
                    escape(run)
                );
            }
            run.clear();
        };
        for x in 0..area.width {
            let cell = &buf[(x, y)];
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (
                hex(cell.fg).unwrap_or_else(|| FG.into()),
                hex(cell.bg).unwrap_or_else(|| BG.into()),
            );
            if reversed {
                std::mem::swap(&mut fg, &mut bg);
            }
            let (px, py) = (f64::from(x) * CELL_W, f64::from(y) * CELL_H);
            if bg != BG {
                let _ = writeln!(
                    s,
                    r#"<rect x="{px:.1}" y="{py:.1}" width="{CELL_W}" height="{CELL_H}" fill="{bg}"/>"#
                );
            }
            let symbol = cell.symbol();
            if symbol == "█" {
                let _ = writeln!(
                    s,
                    r#"<rect x="{px:.1}" y="{py:.1}" width="{CELL_W}" height="{CELL_H}" fill="{fg}"/>"#
                );
                flush(&mut s, &mut run, run_start, &run_style);
                run_style = None;
                continue;
            }
            let style = Some((fg, cell.modifier.contains(Modifier::BOLD)));
            if style != run_style {
                flush(&mut s, &mut run, run_start, &run_style);
                run_style = style;
                run_start = x;
            }
            if run.is_empty() {
                run_start = x;
            }
            run.push_str(if symbol.is_empty() { " " } else { symbol });
        }
        flush(&mut s, &mut run, run_start, &run_style);
    }
    s.push_str("</svg>\n");
    s
}
