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
        let width = inner.width;
        let mut place = place_words(&app.library, &view, &region_name);
        if let Some(PhaseKind::Search { point, points, .. } | PhaseKind::Hold { point, points, .. }) =
            view.phase.map(|p| &p.kind)
            && *points > 1
        {
            place.push_str(&format!(" · point {point} of {points}"));
        }
        // The region and side never go: cut to one line, with an ellipsis.
        let place_line = Line::styled(fit(&place, usize::from(width)), t.title);
        let auto_find = session.plan().timing.auto_find_s.is_some();
        let now_line = Line::styled(now_words(&view, auto_find, &app.coach_config.keys), t.title);
        let next_line = Line::styled(
            fit(
                &next_words(&app.library, session, &view),
                usize::from(width),
            ),
            t.dim,
        );
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
        let paused = view.state == RunState::Paused;
        let digits = shown_time(&view);
        // While it listens to the set-up there is no countdown to show yet.
        let big_text = if paused {
            "PAUSED"
        } else if view.listening {
            ""
        } else {
            digits.as_str()
        };
        let now_full = wrapped_height(std::slice::from_ref(&now_line), width).max(1);
        let feedback_h = wrapped_height(&feedback, width);
        // Rows: the head and the place, then the digits and their bar, the words (now,
        // next, feedback) and the routine's bar. Where the digits do not fit, the bars
        // go first, then the now line is cut (with an ellipsis) down to one line; the
        // place line never goes.
        let fixed = 2 + 1 + feedback_h;
        let mut choice = None;
        'search: for now_h in (1..=now_full).rev() {
            for (gauge, overall) in [(true, true), (true, false), (false, false)] {
                let used = fixed + now_h + u16::from(gauge) + u16::from(overall);
                let room = inner.height.saturating_sub(used);
                if let Some(size) = bigtext::fit(big_text, width, room) {
                    choice = Some((now_h, gauge, overall, room, Some(size)));
                    break 'search;
                }
            }
        }
        let (now_h, show_gauge, show_overall, room, size) = choice.unwrap_or_else(|| {
            let now_h = now_full.min(inner.height.saturating_sub(fixed).max(1));
            let room = inner.height.saturating_sub(fixed + now_h);
            let gauge = room >= 1 && !view.listening;
            (now_h, gauge, room >= 2, 0, None)
        });
        // The phase and side in large letters, as large as the digits where the room
        // allows (the digits may shrink a size for them); otherwise the head line says
        // them. On big screens what comes next is drawn large as well.
        let word = crate::wording::phase_banner(&view, false);
        let with_side = crate::wording::phase_banner(&view, true);
        let side = with_side
            .strip_prefix(&format!("{word} · "))
            .map(str::to_string);
        let next_big = (inner.height >= 30 && width >= 60)
            .then(|| big_next_words(&app.library, session, &view, width))
            .flatten();
        let layout = big_layout(
            big_text,
            size,
            room,
            width,
            &word,
            side.as_deref(),
            next_big.is_some(),
        );
        let (size, banner) = if view.listening {
            // No digits yet: the word says what is happening, as large as it fits.
            let listen = "LISTENING";
            let banner = bigtext::word_fit(listen, width, room.saturating_sub(1), 3)
                .map(|k| vec![(listen.to_string(), k)])
                .unwrap_or_default();
            (None, banner)
        } else {
            (layout.digits.or(size), layout.banner)
        };
        let show_gauge = show_gauge && !view.listening;
        let digits_h = size.map_or(0, |s| s.height);
        let banner_h: u16 = banner.iter().map(|(_, k)| 5 * k + 1).sum();
        let big_next = next_big.filter(|_| layout.next);
        let big_next_h = if big_next.is_some() { 6 } else { 0 };
        let spare = room.saturating_sub(digits_h + banner_h + big_next_h);
        let text_h = now_h + 1 + feedback_h;
        let [
            head,
            place_area,
            _,
            banner_area,
            number,
            gauge,
            big_next_area,
            _,
            text_area,
            overall,
        ] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(spare / 2),
            Constraint::Length(banner_h),
            Constraint::Length(digits_h),
            Constraint::Length(u16::from(show_gauge)),
            Constraint::Length(big_next_h),
            Constraint::Length(spare - spare / 2),
            Constraint::Length(text_h),
            Constraint::Length(u16::from(show_overall)),
        ])
        .areas(inner);

        let mut head_spans = vec![Span::styled(
            format!(" {} ", head_words(&app.library, &view)),
            tone,
        )];
        if !view.listening && (paused || size.is_none()) {
            head_spans.push(Span::styled(format!("  {digits}"), t.title));
        }
        Paragraph::new(Line::from(head_spans)).render(head, buf);
        Paragraph::new(place_line).render(place_area, buf);
        let mut y = banner_area.y;
        for (word, k) in &banner {
            let w = bigtext::word_width(word, *k);
            let row = Rect::new(banner_area.x, y, banner_area.width, 5 * k);
            y += 5 * k + 1;
            let [word_box] = Layout::horizontal([Constraint::Length(w)])
                .flex(ratatui::layout::Flex::Center)
                .areas(row);
            Paragraph::new(bigtext::word_lines(word, *k))
                .style(tone)
                .render(word_box, buf);
        }
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
        if let Some(words) = &big_next {
            let w = bigtext::word_width(words, 1);
            let [next_box, _] = Layout::vertical([Constraint::Length(5), Constraint::Length(1)])
                .areas(big_next_area);
            let [next_box] = Layout::horizontal([Constraint::Length(w)])
                .flex(ratatui::layout::Flex::Center)
                .areas(next_box);
            Paragraph::new(bigtext::word_lines(words, 1))
                .style(t.dim)
                .render(next_box, buf);
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
        let [now_area, next_area, feedback_area] = Layout::vertical([
            Constraint::Length(now_h),
            Constraint::Length(1),
            Constraint::Length(feedback_h),
        ])
        .areas(text_area);
        render_cut(now_line, now_area, buf);
        Paragraph::new(next_line).render(next_area, buf);
        Paragraph::new(feedback)
            .wrap(Wrap { trim: false })
            .render(feedback_area, buf);
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
                    "{duration} in all · {} held · {} held",
                    crate::wording::plural(held, "tender spot"),
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

/// How the large things share the rows left: digits, the phase word and side, next.
struct BigLayout {
    digits: Option<bigtext::Size>,
    /// One line ("HOLD · LEFT") or two ("HOLD", "LEFT"), each at its scale.
    banner: Vec<(String, u16)>,
    next: bool,
}

/// The largest digits with the phase word and side at about their size ("as large as
/// the digits"), on one line or two; the digits go down a size when that lets the
/// words be drawn; what comes next (`next`, 6 rows) only when all of it fits.
fn big_layout(
    digits: &str,
    largest: Option<bigtext::Size>,
    room: u16,
    width: u16,
    word: &str,
    side: Option<&str>,
    next: bool,
) -> BigLayout {
    let none = BigLayout {
        digits: largest,
        banner: Vec::new(),
        next: false,
    };
    let Some(largest) = largest else {
        return none;
    };
    let sizes: Vec<bigtext::Size> = bigtext::SIZES
        .into_iter()
        .filter(|s| s.height <= largest.height && bigtext::width(digits, *s) <= width)
        .collect();
    // With the side first, at the digits' scale then one less; the word alone last.
    let banners = |k: u16, with_side: bool| -> Vec<Vec<(String, u16)>> {
        let scales: Vec<u16> = [k, k.saturating_sub(1)]
            .into_iter()
            .filter(|&k| k >= 1)
            .collect();
        let mut out = Vec::new();
        for &k in &scales {
            match side {
                Some(side) if with_side => {
                    out.push(vec![(format!("{word} · {side}"), k)]);
                    out.push(vec![(word.to_string(), k), (side.to_string(), k)]);
                }
                _ if with_side => {}
                _ => out.push(vec![(word.to_string(), k)]),
            }
        }
        out
    };
    for with_next in [next, false] {
        let rows = room.saturating_sub(if with_next { 6 } else { 0 });
        for with_side in [true, false] {
            for size in &sizes {
                for banner in banners((size.height + 2) / 5, with_side) {
                    let fits = banner
                        .iter()
                        .all(|(w, k)| bigtext::word_width(w, *k) <= width);
                    let h: u16 = banner.iter().map(|(_, k)| 5 * k + 1).sum();
                    if fits && size.height + h <= rows {
                        return BigLayout {
                            digits: Some(*size),
                            banner,
                            next: with_next,
                        };
                    }
                }
            }
        }
    }
    none
}

/// The head line: the phase in words, with the side where the phase has one.
fn head_words(library: &crate::library::Library, view: &View) -> String {
    let words = phase_words(library, view);
    let side = match view.phase.map(|p| &p.kind) {
        Some(PhaseKind::Search { .. } | PhaseKind::Hold { .. } | PhaseKind::Move { .. }) => {
            view.entry.and_then(|e| e.side)
        }
        _ => None,
    };
    match side {
        Some(side) => format!("{words} · {}", side.label()),
        None => words,
    }
}

/// What comes next in a few capitals, to draw large in `width`: "NEXT: HAMSTRINGS
/// RIGHT LEG", or only what changes ("NEXT: MIDDLE LINE") when that is too wide.
fn big_next_words(
    library: &crate::library::Library,
    session: &Session,
    view: &View,
    width: u16,
) -> Option<String> {
    let words = next_words(library, session, view);
    let words = words.strip_prefix("Next: ")?.to_uppercase();
    let parts: Vec<&str> = words.split(", ").collect();
    let tries = [
        parts.iter().take(2).copied().collect::<Vec<_>>().join(" "),
        parts.last().copied().unwrap_or_default().to_string(),
        parts.first().copied().unwrap_or_default().to_string(),
    ];
    tries
        .into_iter()
        .map(|t| format!("NEXT: {t}"))
        .find(|t| bigtext::word_fit(t, width, 5, 1).is_some())
}

/// `line` wrapped into `area`; when it needs more rows than `area` has, its last row
/// ends with an ellipsis.
fn render_cut(line: Line<'static>, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let rows = usize::from(area.height);
    let style = line.style;
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let full = wrapped_height(std::slice::from_ref(&line), area.width);
    if usize::from(full) <= rows || width == 0 || rows == 0 {
        Paragraph::new(line)
            .wrap(Wrap { trim: false })
            .render(area, buf);
        return;
    }
    // Greedy word wrap into `rows - 1` full rows, then the rest cut to one row.
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut words = text.split(' ').peekable();
    while let Some(word) = words.next() {
        if lines.len() + 1 == rows {
            let mut rest = current.clone();
            if !rest.is_empty() {
                rest.push(' ');
            }
            rest.push_str(word);
            for w in words.by_ref() {
                rest.push(' ');
                rest.push_str(w);
            }
            current = fit(&rest, width);
            break;
        }
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if candidate.chars().count() <= width || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::take(&mut current));
            current = word.to_string();
        }
    }
    lines.push(current);
    let shown: Vec<Line<'static>> = lines
        .into_iter()
        .take(rows)
        .map(|l| Line::styled(fit(&l, width), style))
        .collect();
    Paragraph::new(shown).render(area, buf);
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
