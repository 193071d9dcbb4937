//! The Countdown pane: big digits, the phase in words, what comes next. While
//! browsing, it lists the routines to start.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Widget, Wrap};

use super::app::App;
use super::layout::Pane;
use super::{bigtext, pane_block};
use crate::session::{PhaseKind, RunState, Session, View, ceil_secs};
use crate::wording::{next_words, phase_words, place_words};

pub struct CountdownPane<'a> {
    pub app: &'a App,
    pub now: Instant,
}

/// The number shown large: what is left, or time counting up where nothing is fixed.
fn shown_time(view: &View) -> String {
    if let Some(ot) = view.overtime {
        return format!("+{}", bigtext::clock(ot.as_secs()));
    }
    match view.remaining {
        Some(left) => bigtext::clock(ceil_secs(left)),
        None => bigtext::clock(view.elapsed.as_secs()),
    }
}

impl CountdownPane<'_> {
    fn render_routines(&self, inner: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = &app.theme;
        let mut lines = vec![Line::styled("Choose a routine, Enter to start", t.dim)];
        for (i, r) in app.library.routines.iter().enumerate() {
            let plan = crate::session::Plan::new(&app.library, r, &app.timing);
            let minutes = (estimate(&plan).as_secs() + 30) / 60;
            let mut line = Line::from(vec![
                Span::styled(r.name.clone(), t.title),
                Span::styled(format!("  {} · ~{minutes} min", r.style.label()), t.dim),
            ]);
            if i == app.routine_selected {
                line = line.patch_style(t.selected);
            }
            lines.push(line);
        }
        if let Some(r) = app.selected_routine() {
            lines.push(Line::raw(""));
            lines.push(Line::raw(r.description.clone()));
        }
        lines.extend(
            app.message
                .iter()
                .chain(&app.storage_warning)
                .map(|m| Line::styled(m.clone(), t.warning)),
        );
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }

    fn render_session(&self, session: &Session, inner: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = &app.theme;
        let view = session.view(self.now);
        let region_name = view
            .step
            .and_then(|s| app.library.region(&s.region))
            .map_or(String::new(), |r| r.name.clone());
        let words = phase_words(&view);
        let finished = matches!(view.state, RunState::Finished | RunState::Aborted);
        let word_style = if view.overtime.is_some() {
            t.overtime
        } else {
            t.accent
        };

        let mut top = vec![Line::styled(words, word_style)];
        if !finished {
            top.push(Line::styled(place_words(&view, &region_name), t.title));
        }
        let digits = shown_time(&view);
        // Big digits need the header, five rows, the gauge, one line of text and the
        // routine gauge.
        let big_needs = top.len() as u16 + bigtext::HEIGHT + 3;
        let big = inner.height >= big_needs && inner.width >= bigtext::width(&digits);
        let digits_h = if finished {
            0
        } else if big {
            bigtext::HEIGHT
        } else {
            1
        };
        let [head, number, gauge, rest] = Layout::vertical([
            Constraint::Length(top.len() as u16),
            Constraint::Length(digits_h),
            Constraint::Length(u16::from(!finished)),
            Constraint::Fill(1),
        ])
        .areas(inner);
        Paragraph::new(top).render(head, buf);
        if !finished {
            let style = if view.overtime.is_some() {
                t.overtime
            } else {
                t.title
            };
            let lines = if big {
                bigtext::lines(&digits)
            } else {
                vec![Line::raw(digits)]
            };
            Paragraph::new(lines)
                .style(style)
                .centered()
                .render(number, buf);
            let style = if view.overtime.is_some() {
                t.overtime
            } else {
                t.gauge
            };
            Paragraph::new(bar(gauge.width, view.progress, style, t.dim)).render(gauge, buf);
        }

        let mut lines = Vec::new();
        if finished {
            lines.extend(self.totals(session));
        } else {
            match view.phase.map(|p| &p.kind) {
                Some(
                    PhaseKind::Search { point, points, .. } | PhaseKind::Hold { point, points, .. },
                ) => {
                    lines.push(Line::raw(format!("Tender spot {point} of {points}")));
                }
                Some(PhaseKind::Move { cue, .. }) => lines.push(Line::raw(cue.clone())),
                // The short form of the pressure-and-pain guide, as the coach says it.
                Some(PhaseKind::GetReady { .. }) => lines.push(Line::styled(
                    crate::wording::pressure_rule(&app.library),
                    t.accent,
                )),
                _ => {}
            }
            if view.rating_due && app.ask_tenderness() {
                lines.push(Line::styled(
                    "How tender? 0-9, ) for 10 (optional)",
                    t.accent,
                ));
            }
            lines.push(Line::styled(
                next_words(&app.library, session, &view),
                t.dim,
            ));
        }
        lines.extend(
            app.message
                .iter()
                .chain(&app.storage_warning)
                .map(|m| Line::styled(m.clone(), t.warning)),
        );
        let [text, overall] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(u16::from(!finished)),
        ])
        .areas(rest);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(text, buf);
        if !finished {
            LineGauge::default()
                .filled_style(t.gauge)
                .unfilled_style(t.dim)
                .ratio(view.overall.clamp(0.0, 1.0))
                .label(format!("Step {}/{} ", view.step_index + 1, view.step_count))
                .render(overall, buf);
        }
    }

    fn totals(&self, session: &Session) -> Vec<Line<'static>> {
        let t = &self.app.theme;
        let r = session.record();
        let held: u32 = r.entries.iter().map(|e| e.points_held).sum();
        let skipped = r.entries.iter().filter(|e| e.skipped).count();
        let duration = bigtext::clock(r.duration_s().round() as u64);
        let mut lines = vec![Line::styled(r.routine_name.clone(), t.title)];
        match session.plan().style {
            crate::library::Style::Recovery => {
                let hold: f64 = r.entries.iter().map(|e| e.hold_s).sum();
                lines.push(Line::raw(format!(
                    "{duration} in all · {held} tender spots held · {} held",
                    bigtext::clock(hold.round() as u64)
                )));
            }
            crate::library::Style::Warmup => {
                let moving: f64 = r.entries.iter().map(|e| e.move_s).sum();
                lines.push(Line::raw(format!(
                    "{duration} in all · {} moving",
                    bigtext::clock(moving.round() as u64)
                )));
            }
        }
        if skipped > 0 {
            lines.push(Line::styled(format!("{skipped} skipped"), t.dim));
        }
        if let Some(avg) = r.average_tenderness() {
            lines.push(Line::raw(format!("Average tenderness {avg:.1}/10")));
        }
        if session.state() == RunState::Finished
            && let Some(finish) = self
                .app
                .library
                .routine(&r.routine_id)
                .and_then(|x| x.finish.clone())
        {
            lines.push(Line::raw(""));
            lines.push(Line::styled(finish, t.accent));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("Enter: back to browsing", t.dim));
        lines
    }
}

/// A progress bar of `width` cells: thick where done, thin where not.
fn bar(width: u16, ratio: f64, done: Style, rest: Style) -> Line<'static> {
    let filled =
        ((f64::from(width) * ratio.clamp(0.0, 1.0)).round() as usize).min(usize::from(width));
    Line::from(vec![
        Span::styled("━".repeat(filled), done),
        Span::styled("─".repeat(usize::from(width) - filled), rest),
    ])
}

/// Roughly how long a routine takes, allowing 15 s to find each spot.
pub fn estimate(plan: &crate::session::Plan) -> Duration {
    plan.phases
        .iter()
        .map(|p| match p.kind {
            PhaseKind::Search { .. } => {
                Duration::from_secs(crate::library::SEARCH_ESTIMATE_S.into())
            }
            _ => p.length().unwrap_or_default(),
        })
        .sum()
}

impl Widget for CountdownPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let mut block = pane_block(app, Pane::Countdown);
        if app.flash_until.is_some_and(|until| until > self.now) {
            block = block
                .border_style(app.theme.flash)
                .title_style(app.theme.flash);
        }
        let inner = block.inner(area);
        block.render(area, buf);
        match app.session() {
            Some(session) => self.render_session(session, inner, buf),
            None => self.render_routines(inner, buf),
        }
    }
}
