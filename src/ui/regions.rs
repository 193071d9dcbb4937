//! The Regions pane: every region with its exercises under it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::app::{App, Row, list_offset};
use super::layout::Pane;
use super::pane_block;

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
        let height = inner.height as usize;
        let offset = list_offset(app.selected, height);
        let lines: Vec<Line> = app
            .rows
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, row)| {
                let mut line = match *row {
                    Row::Region(r) => {
                        let region = &app.library.regions[r];
                        let active = self.active_region == Some(region.id.as_str());
                        let marker = if active { "▶ " } else { "" };
                        if region.avoid().is_some() {
                            Line::from(vec![
                                Span::styled(format!("{marker}{}", region.name), theme.warning),
                                Span::styled("  do not roll", theme.warning),
                            ])
                        } else {
                            let n = app.library.exercises_in(&region.id).count();
                            let style = if active { theme.accent } else { theme.title };
                            Line::from(vec![
                                Span::styled(format!("{marker}{}", region.name), style),
                                Span::styled(format!(" ({n})"), theme.dim),
                            ])
                        }
                    }
                    Row::Guides => Line::from(vec![
                        Span::styled("Guides", theme.title),
                        Span::styled(format!(" ({})", app.library.guides.len()), theme.dim),
                    ]),
                    Row::Guide(g) => Line::from(vec![
                        Span::raw("  "),
                        Span::styled(app.library.guides[g].title.clone(), theme.text),
                    ]),
                    Row::Exercise(e) => {
                        let ex = &app.library.exercises[e];
                        Line::from(vec![
                            Span::raw("  "),
                            Span::styled(ex.name.clone(), theme.text),
                            Span::styled(format!(" · {}", ex.style.label()), theme.dim),
                        ])
                    }
                };
                if i == app.selected {
                    line = line.patch_style(theme.selected);
                }
                line
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
