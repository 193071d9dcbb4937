//! Sizes without bounds, injected here: a routine of thousands of steps caught up in
//! one wake-up, and a terminal of 65535 x 65535 cells. Memory stays bounded, the
//! session is kept, and the person is told.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use std::time::{Duration, Instant};

use foamroll::library::load_builtin;
use foamroll::session::{Effect, Event, Plan, Session, Status, Timing};
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

#[test]
fn catching_up_thousands_of_steps_holds_one_record_copy() {
    let lib = load_builtin().library;
    let mut routine = lib.routine("pre-run").unwrap().clone();
    let steps = routine.steps.clone();
    routine.steps = steps.iter().cycle().take(3000).cloned().collect();
    let mut session = Session::new(Plan::new(&lib, &routine, &Timing::default()));
    let t0 = Instant::now();
    session.update(
        Event::Start {
            id: "long".into(),
            wall: common::ui::wall(),
        },
        t0,
    );
    // One wake-up ten days later: every phase passes at once (what `--speed 10000` does).
    let fx = session.update(Event::Tick, t0 + Duration::from_secs(864_000));
    let records = fx
        .iter()
        .filter(|e| matches!(e, Effect::Checkpoint(_) | Effect::Finished(_)))
        .count();
    // One copy of the record (the final one), not one per step (3,000 copies of a
    // record of up to 6,000 entries: the 24 GB of the report).
    assert_eq!(records, 1, "{} effects", fx.len());
    let Some(Effect::Finished(r)) = fx.iter().find(|e| matches!(e, Effect::Finished(_))) else {
        panic!("the session finished");
    };
    assert_eq!(r.status, Status::Completed);
    assert_eq!(r.entries.len(), 6000, "every step and side is kept");
}

/// A terminal that says it is `size` and keeps nothing it is given.
struct HugeBackend {
    size: Size,
}

impl Backend for HugeBackend {
    type Error = std::io::Error;
    fn draw<'a, I: Iterator<Item = (u16, u16, &'a Cell)>>(
        &mut self,
        content: I,
    ) -> std::io::Result<()> {
        content.for_each(drop);
        Ok(())
    }
    fn hide_cursor(&mut self) -> std::io::Result<()> {
        Ok(())
    }
    fn show_cursor(&mut self) -> std::io::Result<()> {
        Ok(())
    }
    fn get_cursor_position(&mut self) -> std::io::Result<Position> {
        Ok(Position::ORIGIN)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, _: P) -> std::io::Result<()> {
        Ok(())
    }
    fn clear(&mut self) -> std::io::Result<()> {
        Ok(())
    }
    fn clear_region(&mut self, _: ClearType) -> std::io::Result<()> {
        Ok(())
    }
    fn size(&self) -> std::io::Result<Size> {
        Ok(self.size)
    }
    fn window_size(&mut self) -> std::io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_65535_by_65535_terminal_gets_a_notice_in_a_bounded_buffer() {
    let size = Size::new(65535, 65535);
    let viewport = ratatui::Viewport::Fixed(foamroll::ui::drawable(size));
    let mut terminal = ratatui::Terminal::with_options(
        HugeBackend { size },
        ratatui::TerminalOptions { viewport },
    )
    .unwrap();
    let app = common::ui::app(None);
    let now = Instant::now();
    let frame = terminal
        .draw(|f| foamroll::ui::draw(f, &app, now, size))
        .unwrap();
    let area = frame.buffer.area;
    assert!(area.width <= foamroll::ui::MAX_WIDTH && area.height <= foamroll::ui::MAX_HEIGHT);
    let text: String = frame.buffer.content().iter().map(Cell::symbol).collect();
    assert!(text.contains("too large to draw"), "{}", &text[..200]);
    assert!(text.contains("65535 x 65535"));
    // A large but real terminal is drawn as usual.
    let size = Size::new(300, 100);
    let mut terminal = ratatui::Terminal::with_options(
        HugeBackend { size },
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(foamroll::ui::drawable(size)),
        },
    )
    .unwrap();
    let frame = terminal
        .draw(|f| foamroll::ui::draw(f, &app, now, size))
        .unwrap();
    let text: String = frame.buffer.content().iter().map(Cell::symbol).collect();
    assert!(!text.contains("too large"));
    assert!(text.contains("Regions"));
}
