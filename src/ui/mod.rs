//! The full-screen app: one module per pane, the app state in `app`, the terminal
//! and event loop in `runtime`.

pub mod app;
mod bigtext;
mod bodymap;
mod browse;
mod countdown;
mod help;
mod history_pane;
mod instructions;
pub mod layout;
mod list;
mod mouse;
pub mod pictures;
mod regions;
pub mod review;
pub mod runtime;
pub mod theme;
pub mod today_row;

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{
    Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget, Wrap,
};

/// The app's commands are the coach's: one table of keys for every front end.
pub use crate::input::Command as Action;
pub use app::{App, Overlay, Row};
pub use bodymap::layout as body_layout;
pub use layout::Pane;
pub use theme::Theme;

use crate::library::StepTiming;

/// A pane's frame: its exact title, highlighted when it has the focus.
fn pane_block(app: &App, pane: Pane) -> Block<'static> {
    let focused = app.focus == pane;
    let t = &app.theme;
    Block::bordered()
        .title(format!(" {} ", pane.title()))
        .title_style(if focused { t.accent } else { t.title })
        .border_style(if focused { t.focused_border } else { t.border })
}

/// The largest area drawn: a terminal larger than this (65535 x 65535 is possible)
/// gets a notice in this area, and the buffers never grow past it.
pub const MAX_WIDTH: u16 = 600;
pub const MAX_HEIGHT: u16 = 250;

/// The part of a terminal of `size` that is drawn.
pub fn drawable(size: ratatui::layout::Size) -> Rect {
    Rect::new(0, 0, size.width.min(MAX_WIDTH), size.height.min(MAX_HEIGHT))
}

/// One frame: the app, or a notice when the terminal (of `size`) is larger than any
/// screen foamroll draws.
pub fn draw(frame: &mut ratatui::Frame<'_>, app: &App, now: Instant, size: ratatui::layout::Size) {
    let area = frame.area().intersection(drawable(size));
    if size.width > MAX_WIDTH || size.height > MAX_HEIGHT {
        let warn = app.theme.warning;
        let lines = vec![
            Line::styled("This terminal is too large to draw", warn),
            Line::raw(format!(
                "(now {} x {}; foamroll draws up to {MAX_WIDTH} x {MAX_HEIGHT})",
                size.width, size.height
            )),
            Line::raw("Make the window smaller, or use --plain."),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
        return;
    }
    frame.render_widget(Screen { app, now }, area);
}

/// The whole screen at one instant.
pub struct Screen<'a> {
    pub app: &'a App,
    pub now: Instant,
}

impl Widget for Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let Some(panes) = layout::panes(area, app.session_layout()) else {
            let warn = app.theme.warning;
            let lines = vec![
                Line::styled("Enlarge the terminal", warn),
                Line::styled(
                    format!("to at least {} x {}", layout::MIN_WIDTH, layout::MIN_HEIGHT),
                    warn,
                ),
                Line::raw(format!("(now {} x {})", area.width, area.height)),
            ];
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        };
        if let Some(state) = &app.review {
            review::ReviewScreen {
                app: review::Context {
                    theme: &app.theme,
                    library: &app.library,
                    history: &app.history,
                    runs: &app.runs,
                    log: None,
                    today: app.today,
                    keymap: &app.coach_config.keymap,
                    keys: &app.coach_config.keys,
                    history_problem: app.history_problem.as_deref(),
                },
                state,
            }
            .render(area, buf);
            if app.overlay == Overlay::Help {
                help::HelpOverlay { app }.render(area, buf);
            }
            return;
        }
        let view = app
            .session()
            .filter(|s| !s.is_over())
            .map(|s| s.view(self.now));
        let step_info = view.as_ref().and_then(|v| v.step);
        let step = app.session().zip(view.as_ref()).and_then(|(s, v)| {
            let phase = v.phase?;
            let info = s.plan().steps.get(phase.step)?;
            let ex = app.library.exercise(&info.exercise_id)?;
            let routine = app.playing_routine()?;
            let timing: &StepTiming = &routine.steps.get(phase.step)?.timing;
            Some((ex, timing))
        });
        if !panes.regions.is_empty() {
            regions::RegionList {
                app,
                active_region: step_info.map(|s| s.region.as_str()),
            }
            .render(panes.regions, buf);
        }
        let side = view.as_ref().and_then(|v| v.entry).and_then(|e| e.side);
        let get_ready = view
            .as_ref()
            .and_then(|v| v.phase)
            .is_some_and(|p| matches!(p.kind, crate::session::PhaseKind::GetReady { .. }));
        instructions::InstructionsPane {
            app,
            step,
            side,
            get_ready,
        }
        .render(panes.instructions, buf);
        countdown::CountdownPane { app, now: self.now }.render(panes.countdown, buf);
        if !panes.history.is_empty() {
            history_pane::HistoryPane { app }.render(panes.history, buf);
        }
        help::KeyBar { app, now: self.now }.render(panes.keybar, buf);
        match app.overlay {
            Overlay::Help => help::HelpOverlay { app }.render(area, buf),
            Overlay::ConfirmQuit => help::ConfirmQuit { app }.render(area, buf),
            Overlay::None => {}
        }
    }
}

/// A scrollbar on the right border of the pane `outer` when `total` rows do not fit
/// in `viewport`; `offset` is the first row shown.
fn scrollbar(outer: Rect, total: usize, offset: usize, viewport: usize, buf: &mut Buffer) {
    if total <= viewport || outer.height < 3 {
        return;
    }
    let mut state = ScrollbarState::new(total.saturating_sub(viewport) + 1)
        .position(offset)
        .viewport_content_length(viewport);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .symbols(ratatui::symbols::scrollbar::VERTICAL)
        .begin_symbol(None)
        .end_symbol(None)
        .render(
            outer.inner(ratatui::layout::Margin::new(0, 1)),
            buf,
            &mut state,
        );
}

/// List rows in `area`, scrolled to keep `selected` in view, with a scrollbar on the
/// column just right of `area` (a pane's border) when they do not all fit.
fn scrolled_list(
    rows: Vec<Line<'static>>,
    selected: usize,
    area: Rect,
    buf: &mut Buffer,
    _theme: &Theme,
) {
    let height = usize::from(area.height);
    let total = rows.len();
    let offset = app::list_offset(selected, height);
    Paragraph::new(
        rows.into_iter()
            .skip(offset)
            .take(height)
            .collect::<Vec<_>>(),
    )
    .render(area, buf);
    if total > height {
        let bar = Rect::new(
            area.x,
            area.y.saturating_sub(1),
            area.width + 1,
            area.height + 2,
        );
        scrollbar(bar, total, offset, height, buf);
    }
}
