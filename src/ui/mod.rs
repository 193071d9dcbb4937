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
mod regions;
pub mod review;
pub mod runtime;
pub mod theme;
pub mod today_row;

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

/// The app's commands are the coach's: one table of keys for every front end.
pub use crate::coach::Command as Action;
pub use app::{App, Overlay, Row};
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

/// The whole screen at one instant.
pub struct Screen<'a> {
    pub app: &'a App,
    pub now: Instant,
}

impl Widget for Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let Some(panes) = layout::panes(area) else {
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
                    log: None,
                    today: app.today,
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
            let routine = app.library.routine(&s.plan().routine_id)?;
            let timing: &StepTiming = &routine.steps.iter().find(|st| st.exercise == ex.id)?.timing;
            Some((ex, timing))
        });
        regions::RegionList {
            app,
            active_region: step_info.map(|s| s.region.as_str()),
        }
        .render(panes.regions, buf);
        instructions::InstructionsPane { app, step }.render(panes.instructions, buf);
        countdown::CountdownPane { app, now: self.now }.render(panes.countdown, buf);
        history_pane::HistoryPane { app }.render(panes.history, buf);
        help::KeyBar { app }.render(panes.keybar, buf);
        match app.overlay {
            Overlay::Help => help::HelpOverlay { app }.render(area, buf),
            Overlay::ConfirmQuit => help::ConfirmQuit { app }.render(area, buf),
            Overlay::None => {}
        }
    }
}
