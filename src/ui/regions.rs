//! The Regions pane: every region with its exercises under it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::app::{App, Row};
use super::layout::Pane;
use super::pane_block;
use crate::text::fit;

pub struct RegionList<'a> {
    pub app: &'a App,
    /// The region being worked in a running session.
    pub active_region: Option<&'a str>,
}

impl Widget for RegionList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = &app.theme;
        let block = pane_block(app, Pane::Regions);
        let inner = block.inner(area);
        block.render(area, buf);
        let width = usize::from(inner.width);
        let lines: Vec<Line<'static>> = app
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut line = match *row {
                    Row::Region(r) => {
                        let region = &app.library.regions[r];
                        let active = self.active_region == Some(region.id.as_str());
                        let marker = if active { "▶ " } else { "" };
                        if region.avoid().is_some() {
                            let name = fit(
                                &format!("{marker}{}", region.name),
                                width.saturating_sub(13),
                            );
                            Line::from(vec![
                                Span::styled(name, theme.warning),
                                Span::styled("  do not roll", theme.warning),
                            ])
                        } else {
                            let n = app.library.exercises_in(&region.id).count();
                            let style = if active { theme.accent } else { theme.title };
                            let count = format!(" ({n})");
                            let name = fit(
                                &format!("{marker}{}", region.name),
                                width.saturating_sub(count.len()),
                            );
                            Line::from(vec![
                                Span::styled(name, style),
                                Span::styled(count, theme.dim),
                            ])
                        }
                    }
                    Row::Guides => Line::from(vec![
                        Span::styled("Guides", theme.title),
                        Span::styled(format!(" ({})", app.library.guides.len()), theme.dim),
                    ]),
                    Row::Guide(g) => Line::from(vec![
                        Span::raw("  "),
                        Span::styled(
                            fit(&app.library.guides[g].title, width.saturating_sub(2)),
                            theme.text,
                        ),
                    ]),
                    Row::Exercise(e) => {
                        let ex = &app.library.exercises[e];
                        // The name first; the style only when both fit.
                        let style = format!(" · {}", ex.style.label());
                        let room = width.saturating_sub(2);
                        let both = ex.name.chars().count() + style.chars().count() <= room;
                        Line::from(vec![
                            Span::raw("  "),
                            Span::styled(fit(&ex.name, room), theme.text),
                            Span::styled(if both { style } else { String::new() }, theme.dim),
                        ])
                    }
                };
                if i == app.selected {
                    line = line.patch_style(theme.selected);
                }
                line
            })
            .collect();
        super::scrolled_list(lines, app.selected, inner, buf, theme);
    }
}
