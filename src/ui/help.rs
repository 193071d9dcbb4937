//! The key bar and the help overlay: every key, in one place.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::app::App;

/// (keys, what they do)
pub const KEYS: &[(&str, &str)] = &[
    (
        "↑ ↓  j k",
        "move in the focused pane (scroll the instructions)",
    ),
    ("Tab  Shift-Tab  ← →  h l", "next / previous pane"),
    (
        "Enter",
        "start the selected routine; after a session, back to browsing",
    ),
    ("a", "from the IT band: jump to the muscles to work instead"),
    (
        "i",
        "guides: pressure and pain, why roll, warm-up or recovery",
    ),
    ("Space", "pause / resume"),
    ("f", "found the tender spot: start the hold"),
    ("r", "release the hold (after the minimum)"),
    ("R", "release the hold now, before the minimum"),
    ("n", "skip to the next phase (in a search: skip that spot)"),
    ("b", "back to the start of the previous step"),
    ("+  -", "add / remove 10 s on the countdown"),
    (
        "0-9  )",
        "rate how tender the spot was, 0-10 (`)` is 10), after a hold",
    ),
    (
        "H  (Enter on History)",
        "open the history review; there r e d c filter, Enter details",
    ),
    ("?", "this help"),
    (
        "q  Esc",
        "quit (asks first while a session runs; it is kept as aborted)",
    ),
    ("mouse", "click to select and focus, wheel to scroll"),
];

pub struct KeyBar<'a> {
    pub app: &'a App,
}

impl Widget for KeyBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = &app.theme;
        let keys: &[(&str, &str)] = if app.playing() {
            &[
                ("Space", "pause"),
                ("f", "found"),
                ("r", "release"),
                ("n", "skip"),
                ("b", "back"),
                ("+/-", "time"),
                ("?", "help"),
                ("q", "quit"),
            ]
        } else if app.session.is_some() {
            &[
                ("Enter", "browse"),
                ("Tab", "pane"),
                ("?", "help"),
                ("q", "quit"),
            ]
        } else {
            &[
                ("↑↓", "move"),
                ("Tab", "pane"),
                ("Enter", "start routine"),
                ("?", "help"),
                ("q", "quit"),
            ]
        };
        let mut spans = Vec::new();
        for (k, what) in keys {
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
        let height = area.height.min(KEYS.len() as u16 + 4);
        let [row] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area);
        let [rect] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(row);
        Clear.render(rect, buf);
        let mut lines: Vec<Line> = KEYS
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
