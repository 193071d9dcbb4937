//! The History pane: recent sessions and the streak.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::app::App;
use super::layout::Pane;
use super::{bigtext, pane_block};

pub struct HistoryPane<'a> {
    pub app: &'a App,
}

impl Widget for HistoryPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = &app.theme;
        let block = pane_block(app, Pane::History);
        let inner = block.inner(area);
        block.render(area, buf);
        let s = app.streak;
        let days = |n: u32| crate::wording::plural(n, "day");
        // The longest streak in as many words as fit, never cut mid-word.
        let width = usize::from(inner.width);
        let current = format!("Streak {}", days(s.current));
        let longest = [
            format!("  (longest {})", days(s.longest)),
            format!(" (best {})", s.longest),
            String::new(),
        ]
        .into_iter()
        .find(|l| current.chars().count() + l.chars().count() <= width)
        .unwrap_or_default();
        let mut lines = vec![Line::from(vec![
            Span::styled(crate::text::fit(&current, width), t.accent),
            Span::styled(longest, t.dim),
        ])];
        // What is wrong with the history, in place of "No sessions yet.", wrapped.
        let mut inner = inner;
        if let Some(problem) = &app.history_problem {
            Paragraph::new(lines.clone()).render(inner, buf);
            lines.clear();
            let below = Rect {
                y: inner.y.saturating_add(1),
                height: inner.height.saturating_sub(1),
                ..inner
            };
            let text = Paragraph::new(Line::styled(
                format!("History: {}", crate::text::printable(problem)),
                t.warning,
            ))
            .wrap(ratatui::widgets::Wrap { trim: true });
            let used = u16::try_from(text.line_count(below.width))
                .unwrap_or(u16::MAX)
                .min(below.height);
            text.render(below, buf);
            inner = Rect {
                y: below.y.saturating_add(used),
                height: below.height.saturating_sub(used),
                ..below
            };
            lines.push(Line::raw(""));
        } else if app.history.is_empty() {
            lines.push(Line::styled("No sessions yet.", t.dim));
        }
        // Two lines a session, under the streak; scrolling stops at the last one.
        let fits = usize::from(inner.height.saturating_sub(1)) / 2;
        let max = app.history.len().saturating_sub(fits);
        app.limits.history.set(Some(max));
        let scroll = app.history_scroll.min(max);
        for r in app.history.iter().skip(scroll).take(fits) {
            let duration = bigtext::clock(r.duration_s.round() as u64);
            let status_style = match r.shown_status() {
                crate::session::Status::Completed => t.text,
                _ => t.dim,
            };
            // Two short lines a session: the status fits even the 26-column pane.
            lines.push(Line::from(vec![
                Span::styled(r.started_at.format("%d %b %H:%M ").to_string(), t.dim),
                Span::styled(r.shown_status().label(), status_style),
            ]));
            let name = crate::text::fit(
                &crate::text::printable(&r.routine_name),
                width.saturating_sub(3 + duration.chars().count()),
            );
            lines.push(Line::from(vec![
                Span::raw(format!("  {name} ")),
                Span::styled(duration, t.dim),
            ]));
        }
        Paragraph::new(lines).render(inner, buf);
        super::scrollbar(area, app.history.len(), scroll, fits, buf);
    }
}
