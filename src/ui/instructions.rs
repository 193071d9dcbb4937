//! The Instructions pane: the selected exercise or region (browsing), or the
//! current step (playing), with the body map.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Row};
use super::layout::Pane;
use super::{bodymap, pane_block};
use crate::library::{Exercise, Guide, Region, StepTiming};
use crate::wording::join_or;

pub struct InstructionsPane<'a> {
    pub app: &'a App,
    /// The current step while a session runs.
    pub step: Option<(&'a Exercise, &'a StepTiming)>,
    /// The side being worked, if the step has sides.
    pub side: Option<crate::session::Side>,
    /// In the get ready before the first step: the pressure-and-pain rule comes first.
    pub get_ready: bool,
}

impl InstructionsPane<'_> {
    fn lines(&self) -> (Vec<Line<'static>>, Option<String>) {
        let app = self.app;
        let t = &app.theme;
        let preferred = app
            .selected_routine()
            .and_then(|r| r.equipment)
            .or(app.preferred_tool);
        if let Some((ex, timing)) = self.step {
            let mut lines = Vec::new();
            if self.get_ready {
                // The short form of the pressure-and-pain guide, as the coach says it.
                lines.push(Line::styled(
                    crate::wording::pressure_rule(&app.library),
                    t.accent,
                ));
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(ex.name.clone(), t.title));
            if let StepTiming::Warmup { cue, .. } = timing {
                lines.push(Line::styled(cue.clone(), t.accent));
            }
            lines.extend(exercise_lines(app, ex, preferred));
            return (lines, Some(ex.region.clone()));
        }
        if let Some(row) = app.today_row.as_ref().filter(|_| app.today_selected()) {
            return (
                super::today_row::instructions(
                    row,
                    &app.library,
                    &app.theme,
                    &app.coach_config.keys,
                ),
                None,
            );
        }
        match app.selected_row() {
            Some(Row::Exercise(i)) => {
                let ex = &app.library.exercises[i];
                let mut lines = vec![Line::styled(ex.name.clone(), t.title)];
                let sides = if ex.per_side {
                    ", one side at a time"
                } else {
                    ""
                };
                lines.push(Line::styled(format!("{}{sides}", ex.style.label()), t.dim));
                if let Some(s) = &ex.summary {
                    lines.push(Line::raw(s.clone()));
                }
                lines.extend(exercise_lines(app, ex, preferred));
                (lines, Some(ex.region.clone()))
            }
            Some(Row::Region(i)) => {
                let region = &app.library.regions[i];
                (region_lines(app, region), Some(region.id.clone()))
            }
            Some(Row::Guide(i)) => (guide_lines(app, &app.library.guides[i]), None),
            Some(Row::Guides) => {
                let mut lines = vec![Line::styled("Guides", t.title)];
                lines.extend(
                    app.library
                        .guides
                        .iter()
                        .map(|g| Line::raw(format!("- {}", g.title))),
                );
                (lines, None)
            }
            None => (vec![Line::raw("No regions in the library.")], None),
        }
    }
}

fn exercise_lines(
    app: &App,
    ex: &Exercise,
    preferred: Option<crate::library::Tool>,
) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = Vec::new();
    for section in ex.sections(preferred) {
        lines.push(Line::raw(""));
        let style = if section.warning { t.warning } else { t.accent };
        lines.push(Line::styled(section.title, style));
        lines.extend(section.lines.into_iter().map(Line::raw));
    }
    lines
}

fn guide_lines(app: &App, guide: &Guide) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = vec![Line::styled(guide.title.clone(), t.title)];
    for section in &guide.sections {
        lines.push(Line::raw(""));
        lines.push(Line::styled(section.heading.clone(), t.accent));
        lines.extend(section.paragraphs.iter().map(|p| Line::raw(p.clone())));
    }
    if !guide.sources.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Sources", t.accent));
        lines.extend(
            guide
                .sources
                .iter()
                .map(|s| Line::raw(format!("- {}", s.citation()))),
        );
    }
    lines
}

fn region_lines(app: &App, region: &Region) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = vec![Line::styled(region.name.clone(), t.title)];
    if let Some(d) = &region.description {
        lines.push(Line::raw(d.clone()));
    }
    lines.push(Line::raw(""));
    if let Some((reason, alternatives)) = region.avoid() {
        lines.push(Line::styled("Do not roll this region", t.warning));
        lines.push(Line::raw(reason.to_string()));
        lines.push(Line::raw(""));
        let names: Vec<String> = alternatives
            .iter()
            .map(|a| app.library.region(a).map_or(a.clone(), |r| r.name.clone()))
            .collect();
        lines.push(Line::styled("Work these instead", t.accent));
        lines.push(Line::from(vec![
            Span::raw(join_or(&names)),
            Span::styled(
                crate::wording::alternatives_hint(&app.coach_config.keys),
                t.dim,
            ),
        ]));
        if let Some(routine) = region
            .instead
            .as_deref()
            .and_then(|id| app.library.routine(id))
        {
            lines.push(Line::raw(""));
            lines.push(Line::styled("A routine for it", t.accent));
            lines.push(Line::from(vec![
                Span::raw(routine.name.clone()),
                Span::styled(crate::wording::play_hint(&app.coach_config.keys), t.dim),
            ]));
        }
        return lines;
    }
    lines.push(Line::styled("Exercises", t.accent));
    for ex in app.library.exercises_in(&region.id) {
        lines.push(Line::raw(format!("- {} ({})", ex.name, ex.style.label())));
    }
    let routines: Vec<String> = app
        .library
        .routines
        .iter()
        .filter(|r| app.library.routine_regions(r).contains(&region.id))
        .map(|r| r.name.clone())
        .collect();
    if !routines.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("In routines", t.accent));
        lines.extend(routines.into_iter().map(|r| Line::raw(format!("- {r}"))));
    }
    lines
}

impl Widget for InstructionsPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = pane_block(self.app, Pane::Instructions);
        let inner = block.inner(area);
        block.render(area, buf);
        let (lines, region) = self.lines();
        let (map_w, map_h) = bodymap::size();
        let show_map = region
            .as_deref()
            .is_some_and(|r| bodymap::has_region(&self.app.library, r))
            && inner.width >= map_w + 30
            && inner.height >= map_h;
        let text_area = if show_map {
            let [text, map] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(map_w + 1)])
                    .areas(inner);
            let t = &self.app.theme;
            let styles = bodymap::Styles {
                lit: t.body_lit,
                base: t.dim,
                avoid: t.warning,
            };
            Paragraph::new(bodymap::lines(
                &self.app.library,
                region.as_deref(),
                self.side,
                styles,
            ))
            .render(map, buf);
            text
        } else {
            inner
        };
        let text = Paragraph::new(lines).wrap(Wrap { trim: false });
        // Scrolling stops where the last line reaches the bottom.
        let total = text.line_count(text_area.width);
        let max = total.saturating_sub(usize::from(text_area.height)) as u16;
        self.app.limits.instructions.set(Some(max));
        let scroll = self.app.instructions_scroll.min(max);
        text.scroll((scroll, 0)).render(text_area, buf);
        // More below: the last row says so, so a sentence cut at the bottom reads as
        // continued, not as the end.
        if scroll < max && text_area.height >= 2 {
            let row = Rect {
                y: text_area.y + text_area.height - 1,
                height: 1,
                ..text_area
            };
            ratatui::widgets::Clear.render(row, buf);
            let hint = crate::text::fit("… more below (↓ scrolls)", usize::from(row.width));
            Paragraph::new(Line::styled(hint, self.app.theme.dim)).render(row, buf);
        }
        super::scrollbar(
            area,
            total,
            usize::from(scroll),
            usize::from(text_area.height),
            buf,
        );
    }
}
