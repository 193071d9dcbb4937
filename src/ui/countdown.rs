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
use super::theme::Tone;
use super::{bigtext, pane_block};
use crate::session::{PhaseKind, RunState, Session, View, ceil_secs};
use crate::text::fit;
use crate::wording::{next_words, now_words, phase_words, place_words};

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

/// The colour family of what the session is doing.
pub fn tone(view: &View) -> Tone {
    if view.state == RunState::Paused {
        return Tone::Paused;
    }
    match view.phase.map(|p| &p.kind) {
        Some(PhaseKind::GetReady { .. }) | None => Tone::GetReady,
        Some(PhaseKind::Search { .. }) => Tone::Find,
        Some(PhaseKind::Hold { .. }) if view.overtime.is_some() => Tone::Overtime,
        Some(PhaseKind::Hold { .. }) => Tone::Hold,
        Some(PhaseKind::Move { .. }) => Tone::Move,
        Some(PhaseKind::SwitchSides { .. } | PhaseKind::Rest { .. }) => Tone::Between,
    }
}

/// How many rows `lines` take wrapped to `width`.
fn wrapped_height(lines: &[Line<'static>], width: u16) -> u16 {
    Paragraph::new(lines.to_vec())
        .wrap(Wrap { trim: false })
        .line_count(width) as u16
}

impl CountdownPane<'_> {
    fn render_routines(&self, inner: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = &app.theme;
        let width = usize::from(inner.width);
        let mut rows = Vec::new();
        for (i, r) in app.library.routines.iter().enumerate() {
            let plan = crate::session::Plan::new(&app.library, r, &app.timing);
            let minutes = (estimate(&plan).as_secs() + 30) / 60;
            // The style goes first when the name would not fit beside it.
            let mut detail = format!("  {} · ~{minutes} min", r.style.label());
            if r.name.chars().count() + detail.chars().count() > width {
                detail = format!("  ~{minutes} min");
            }
            let name_w = width.saturating_sub(detail.chars().count());
            let mut line = Line::from(vec![
                Span::styled(fit(&r.name, name_w), t.title),
                Span::styled(detail, t.dim),
            ]);
            if i == app.routine_selected {
                line = line.patch_style(t.selected);
            }
            rows.push(line);
        }
        let mut after = Vec::new();
        if let Some(r) = app.selected_routine() {
            after.push(Line::raw(""));
            after.push(Line::raw(r.description.clone()));
        }
        after.extend(
            app.feedback(self.now)
                .into_iter()
                .chain(app.storage_warning.clone())
                .map(|m| Line::styled(m, t.warning)),
        );
        let [head, list, rest] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length((rows.len() as u16).min(inner.height.saturating_sub(1))),
            Constraint::Fill(1),
        ])
        .areas(inner);
        Paragraph::new(Line::styled(
            crate::wording::choose_routine(&app.coach_config.keys),
            t.dim,
        ))
        .render(head, buf);
        super::scrolled_list(rows, app.routine_selected, list, buf, t);
        Paragraph::new(after)
            .wrap(Wrap { trim: false })
            .render(rest, buf);
    }

    fn render_session(&self, session: &Session, inner: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = &app.theme;
        let view = session.view(self.now);
        let finished = matches!(view.state, RunState::Finished | RunState::Aborted);
        if finished {
            let lines = self.totals(session);
            let mut lines = vec![Line::styled(phase_words(&app.library, &view), t.accent)]
                .into_iter()
                .chain(lines)
                .collect::<Vec<_>>();
            lines.extend(
                app.feedback(self.now)
                    .into_iter()
                    .chain(app.storage_warning.clone())
                    .map(|m| Line::styled(m, t.warning)),
            );
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .render(inner, buf);
            return;
        }
        let region_name = view
            .step
            .and_then(|s| app.library.region(&s.region))
            .map_or(String::new(), |r| r.name.clone());
        let tone = t.tone(tone(&view));
        let mut place = place_words(&app.library, &view, &region_name);
        if let Some(PhaseKind::Search { point, points, .. } | PhaseKind::Hold { point, points, .. }) =
            view.phase.map(|p| &p.kind)
            && *points > 1
        {
            place.push_str(&format!(" · point {point} of {points}"));
        }
        let auto_find = session.plan().timing.auto_find_s.is_some();
        // The three lines that never go: now, next, feedback.
        let mut text = vec![
            Line::styled(now_words(&view, auto_find, &app.coach_config.keys), t.title),
            Line::styled(next_words(&app.library, session, &view), t.dim),
        ];
        let mut feedback: Vec<Line<'static>> = app
            .feedback(self.now)
            .into_iter()
            .chain(app.storage_warning.clone())
            .map(|m| Line::styled(m, t.warning))
            .collect();
        if view.rating_due && app.ask_tenderness() && app.feedback(self.now).is_none() {
            feedback.insert(
                0,
                Line::styled(
                    crate::wording::rating_prompt(&app.coach_config.keys),
                    t.accent,
                ),
            );
        }
        if feedback.is_empty() {
            feedback.push(Line::raw(""));
        }
        text.extend(feedback);
        let text_h = wrapped_height(&text, inner.width);
        let place_line = vec![Line::styled(place, t.title)];
        let place_h = wrapped_height(&place_line, inner.width);
        let paused = view.state == RunState::Paused;
        let digits = shown_time(&view);
        let big_text = if paused { "PAUSED" } else { digits.as_str() };
        // What is left for the digits, the place, the phase gauge and the routine
        // gauge. Where big digits do not fit with them all, the gauges go first,
        // then the place.
        let base = inner.height.saturating_sub(1 + text_h);
        let extras = |n: u16| -> (bool, bool, bool, u16) {
            let (place, gauge, overall) = (n >= 1, n >= 2, n >= 3);
            let used = if place { place_h } else { 0 } + u16::from(gauge) + u16::from(overall);
            (place, gauge, overall, base.saturating_sub(used))
        };
        let (show_place, show_gauge, show_overall, room) = (0..=3)
            .rev()
            .map(extras)
            .find(|&(_, _, _, room)| bigtext::fit(big_text, inner.width, room).is_some())
            .unwrap_or_else(|| {
                // No big digits at all: keep what fits, the time goes in the head line.
                (0..=3)
                    .rev()
                    .map(extras)
                    .find(|&(p, _, _, _)| !p || base >= place_h)
                    .unwrap_or((false, false, false, 0))
            });
        let size = bigtext::fit(big_text, inner.width, room);
        let digits_h = size.map_or(0, |s| s.height);
        // Big digits sit in the middle of the room they have.
        let spare = room.saturating_sub(digits_h);
        // The bar stays under the digits; the spare rows go above and below them.
        let [head, place_area, _, number, gauge, _, text_area, overall] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(if show_place { place_h } else { 0 }),
            Constraint::Length(spare / 2),
            Constraint::Length(digits_h),
            Constraint::Length(u16::from(show_gauge)),
            Constraint::Length(spare - spare / 2),
            Constraint::Length(text_h),
            Constraint::Length(u16::from(show_overall)),
        ])
        .areas(inner);

        let mut head_spans = vec![Span::styled(
            format!(" {} ", phase_words(&app.library, &view)),
            tone,
        )];
        if paused || size.is_none() {
            head_spans.push(Span::styled(format!("  {digits}"), t.title));
        }
        Paragraph::new(Line::from(head_spans)).render(head, buf);
        Paragraph::new(place_line)
            .wrap(Wrap { trim: false })
            .render(place_area, buf);
        if let Some(size) = size {
            // One style over the digits' own box: a second's change rewrites only the
            // strokes that change, with no change of colour between them.
            let w = bigtext::width(big_text, size);
            let [digits_box] = Layout::horizontal([Constraint::Length(w)])
                .flex(ratatui::layout::Flex::Center)
                .areas(number);
            Paragraph::new(bigtext::lines(big_text, size))
                .style(tone)
                .render(digits_box, buf);
        }
        let gauge_style = if view.overtime.is_some() {
            t.tone(Tone::Overtime)
        } else {
            t.gauge
        };
        // Under big digits the bar is as wide as they are: it reads as part of the
        // clock, and a second moves it by fewer cells.
        let gauge = match size {
            Some(size) if size != bigtext::SMALL => {
                let w = bigtext::width(&digits, size)
                    .max(gauge.width / 2)
                    .min(gauge.width);
                let [g] = Layout::horizontal([Constraint::Length(w)])
                    .flex(ratatui::layout::Flex::Center)
                    .areas(gauge);
                g
            }
            _ => gauge,
        };
        Paragraph::new(bar(gauge.width, view.progress, gauge_style, t.dim)).render(gauge, buf);
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .render(text_area, buf);
        LineGauge::default()
            .filled_style(t.gauge)
            .unfilled_style(t.dim)
            .ratio(view.overall.clamp(0.0, 1.0))
            .label(format!("Step {}/{} ", view.step_index + 1, view.step_count))
            .render(overall, buf);
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
        lines.push(Line::styled(
            crate::wording::back_to_browsing(&self.app.coach_config.keys),
            t.dim,
        ));
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

/// Roughly how long a routine takes (see [`crate::session::Plan::estimate`]).
pub fn estimate(plan: &crate::session::Plan) -> Duration {
    plan.estimate()
}

impl Widget for CountdownPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let mut block = pane_block(app, Pane::Countdown);
        // A phase change flashes the title: few cells, so few bytes.
        if app.flash_until.is_some_and(|until| until > self.now) {
            block = block.title_style(app.theme.flash);
        }
        let inner = block.inner(area);
        block.render(area, buf);
        match app.session() {
            Some(session) => self.render_session(session, inner, buf),
            None => self.render_routines(inner, buf),
        }
    }
}
