//! The key bar and the help overlay: every key, in one place.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::app::App;
use crate::coach::commands;

pub struct KeyBar<'a> {
    pub app: &'a App,
}

impl Widget for KeyBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = &app.theme;
        let keys: Vec<(&str, &str)> = commands::bar(app.bar_context()).collect();
        let mut spans = Vec::new();
        for (k, what) in &keys {
            spans.push(Span::styled(format!(" {k}"), t.key));
            spans.push(Span::styled(format!(" {what} "), t.dim));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}

pub struct HelpOverlay<'a> {
    pub app: &'a App,
}

impl Widget for HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.app.theme;
        let width = area.width.min(76);
        let rows: Vec<(&str, &str)> = commands::help_rows().collect();
        // Leaves the panes' titles in sight; scrolling the help is the screen's to add.
        let height = area.height.saturating_sub(2).min(rows.len() as u16 + 4);
        let [row] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area);
        let [rect] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(row);
        Clear.render(rect, buf);
        let mut lines: Vec<Line> = rows
            .iter()
            .map(|(k, what)| {
                Line::from(vec![
                    Span::styled(format!("{k:<26}"), t.key),
                    Span::raw(*what),
                ])
            })
            .collect();
        lines.push(Line::styled("Press ? or Esc to close", t.dim));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::bordered()
                    .title(" Keys ")
                    .title_style(t.title)
                    .border_style(t.focused_border),
            )
            .render(rect, buf);
    }
}

pub struct ConfirmQuit<'a> {
    pub app: &'a App,
}

impl Widget for ConfirmQuit<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.app.theme;
        let [row] = Layout::vertical([Constraint::Length(5)])
            .flex(Flex::Center)
            .areas(area);
        let [rect] = Layout::horizontal([Constraint::Length(area.width.min(62))])
            .flex(Flex::Center)
            .areas(row);
        Clear.render(rect, buf);
        Paragraph::new(vec![
            Line::raw("End this session? It is kept in your history as aborted."),
            Line::from(vec![
                Span::styled("y / Enter", t.key),
                Span::raw(" end   "),
                Span::styled("n / Esc", t.key),
                Span::raw(" go on"),
            ]),
        ])
        .wrap(Wrap { trim: false })
        .block(
            Block::bordered()
                .title(" Quit? ")
                .title_style(t.warning)
                .border_style(t.warning),
        )
        .render(rect, buf);
    }
}
