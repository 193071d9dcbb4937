//! The key bar and the help overlay, both from the coach's command table.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::app::App;
use crate::input::{BarKey, Command, Keymap};
use crate::session::{PhaseKind, RunState};

pub struct KeyBar<'a> {
    pub app: &'a App,
    pub now: std::time::Instant,
}

impl KeyBar<'_> {
    /// The keys for what is on screen now, most useful first: the table's keys for
    /// this context, without those that do nothing now (no found or release in a
    /// warm-up, no alternatives away from the IT band), the key of the phase first.
    /// Entries are told apart by their commands, never by their labels.
    fn context_keys(&self) -> Vec<(String, &'static str)> {
        let app = self.app;
        let keymap = &app.coach_config.keymap;
        let mut keys: Vec<BarKey> = keymap
            .bar(app.bar_context())
            .into_iter()
            .filter(|k| !k.pinned)
            .collect();
        if app.playing() {
            let view = app.session().map(|s| s.view(self.now));
            let kind = view.as_ref().and_then(|v| v.phase).map(|p| &p.kind);
            let search = matches!(kind, Some(PhaseKind::Search { .. }));
            let hold = matches!(kind, Some(PhaseKind::Hold { .. }));
            keys.retain(|k| {
                if k.is(Command::Found) {
                    search
                } else if k.is(Command::Release) || k.is(Command::ForceRelease) {
                    hold
                } else {
                    true
                }
            });
            let first = match kind {
                Some(PhaseKind::Search { .. }) => Some(Command::Found),
                Some(PhaseKind::Hold { .. }) => Some(Command::Release),
                _ => None,
            };
            if let Some(i) = keys.iter().position(|k| first.is_some_and(|c| k.is(c))) {
                let key = keys.remove(i);
                keys.insert(0, key);
            }
            if view.as_ref().is_some_and(|v| v.state == RunState::Paused)
                && let Some(i) = keys.iter().position(|k| k.is(Command::TogglePause))
            {
                let mut key = keys.remove(i);
                key.word = "resume";
                keys.insert(0, key);
            }
            if view.as_ref().is_some_and(|v| v.rating_due)
                && let Some(rate) = keymap.bar_entry(Command::Rate(0))
            {
                keys.insert(1.min(keys.len()), rate);
            }
            if let Some(mut panes) = keymap.bar_entry(Command::NextPane) {
                panes.word = "panes";
                keys.push(panes);
            }
        } else if app.session().is_none() && !selected_avoided(app) {
            keys.retain(|k| !k.is(Command::Alternatives));
        }
        if app.session().is_none() {
            // What Enter does on the selected row: play, show exercises, read, start.
            let label = match app.enter_does() {
                super::app::EnterDoes::Expand
                    if matches!(app.selected_row(), Some(super::app::Row::Guides)) =>
                {
                    "show guides"
                }
                does => does.label(),
            };
            for key in keys.iter_mut().filter(|k| k.is(Command::Enter)) {
                key.word = label;
            }
        }
        keys.into_iter().map(|k| (k.keys, k.word)).collect()
    }

    /// The keys that always show, at the right end of the bar.
    fn pinned(&self) -> Vec<(String, &'static str)> {
        let app = self.app;
        app.coach_config
            .keymap
            .bar(app.bar_context())
            .into_iter()
            .filter(|k| k.pinned)
            .map(|k| (k.keys, k.word))
            .collect()
    }
}

/// The selected row is a region that is not rolled (or one of its rows).
fn selected_avoided(app: &App) -> bool {
    use super::app::Row;
    match app.selected_row() {
        Some(Row::Region(i)) => app
            .library
            .regions
            .get(i)
            .is_some_and(|r| r.avoid().is_some()),
        _ => false,
    }
}

fn key_spans(keys: &[(String, &str)], t: &super::theme::Theme) -> (Vec<Span<'static>>, usize) {
    let mut spans = Vec::new();
    let mut width = 0;
    for (k, what) in keys {
        let (a, b) = (format!(" {k}"), format!(" {what} "));
        width += a.chars().count() + b.chars().count();
        spans.push(Span::styled(a, t.key));
        spans.push(Span::styled(b, t.dim));
    }
    (spans, width)
}

impl Widget for KeyBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.app.theme;
        let (always, always_w) = key_spans(&self.pinned(), t);
        // Context keys, as many as fit before `? help  q quit`.
        let room = usize::from(area.width).saturating_sub(always_w);
        let mut spans = Vec::new();
        let mut used = 0;
        for key in self.context_keys() {
            let (s, w) = key_spans(&[key], t);
            if used + w > room {
                break;
            }
            used += w;
            spans.extend(s);
        }
        spans.extend(always);
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}

pub struct HelpOverlay<'a> {
    pub app: &'a App,
}

/// The help as lines of `width` cells: each key, then its description wrapped and
/// indented under it (beside it when there is room, below it when narrow).
fn help_lines(width: u16, t: &super::theme::Theme, keymap: &Keymap) -> Vec<Line<'static>> {
    let rows = keymap.help_rows();
    let key_w = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let width = usize::from(width);
    let beside = width >= key_w + 24;
    let indent = if beside { key_w } else { 4 };
    let text_w = width.saturating_sub(indent).max(10);
    let mut lines = Vec::new();
    for (k, what) in rows {
        let wrapped = wrap(&what, text_w);
        if beside {
            for (i, part) in wrapped.into_iter().enumerate() {
                let key = if i == 0 { k.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("{key:<key_w$}"), t.key),
                    Span::raw(part),
                ]));
            }
        } else {
            lines.push(Line::styled(k, t.key));
            lines.extend(
                wrapped
                    .into_iter()
                    .map(|part| Line::raw(format!("{:indent$}{part}", ""))),
            );
        }
    }
    lines
}

/// Words of `text` in lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let Some(last) = lines.last_mut() else { break };
        let len = last.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if len > 0 {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

impl Widget for HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = &app.theme;
        let width = area.width.min(80);
        let lines = help_lines(width.saturating_sub(2), t, &app.coach_config.keymap);
        let height = area.height.min(lines.len() as u16 + 2);
        let [row] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area);
        let [rect] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(row);
        Clear.render(rect, buf);
        let viewport = usize::from(height.saturating_sub(2));
        let max = lines.len().saturating_sub(viewport) as u16;
        app.limits.help.set(Some(max));
        let scroll = app.help_scroll.min(max);
        let total = lines.len();
        let first = usize::from(scroll) + 1;
        let last = (usize::from(scroll) + viewport).min(total);
        let keys = &app.coach_config.keys;
        let position =
            crate::wording::help_position(keys, (total > viewport).then_some((first, last, total)));
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(
                Block::bordered()
                    .title(" Keys ")
                    .title_bottom(Line::styled(position, t.dim).right_aligned())
                    .title_style(t.title)
                    .border_style(t.focused_border),
            )
            .render(rect, buf);
        super::scrollbar(rect, total, usize::from(scroll), viewport, buf);
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
        let (question, [(yes, end), (no, go_on)]) =
            crate::wording::confirm_end(&self.app.coach_config.keys);
        Paragraph::new(vec![
            Line::raw(question),
            Line::from(vec![
                Span::styled(yes, t.key),
                Span::raw(format!(" {end}   ")),
                Span::styled(no, t.key),
                Span::raw(format!(" {go_on}")),
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
