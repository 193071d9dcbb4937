//! The full-screen history review: sessions, one session's detail, progress charts,
//! tenderness per region over time, with filters by routine, region and dates.

use chrono::{Days, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph, Sparkline, Widget, Wrap};

use super::app::{App, list_offset};
use super::bigtext::clock;
use crate::history::{Filter, Review, SessionSummary};
use crate::session::SessionRecord;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateRange {
    #[default]
    All,
    Days(u32),
}

impl DateRange {
    const CYCLE: [DateRange; 5] = [
        DateRange::All,
        DateRange::Days(7),
        DateRange::Days(30),
        DateRange::Days(90),
        DateRange::Days(365),
    ];

    fn next(self) -> DateRange {
        let i = Self::CYCLE.iter().position(|&d| d == self).unwrap_or(0);
        Self::CYCLE[(i + 1) % Self::CYCLE.len()]
    }

    fn label(self) -> String {
        match self {
            DateRange::All => "all time".to_string(),
            DateRange::Days(n) => format!("last {n} days"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewState {
    pub filter: Filter,
    pub dates: DateRange,
    pub selected: usize,
    /// The opened session's full record (read from the log), or why it could not be.
    pub detail: Option<Result<SessionRecord, String>>,
    /// Indices into the app's history of the sessions that pass the filter.
    pub visible: Vec<usize>,
    pub stats: Review,
    /// Tab moves the arrows to the tenderness trends, which scroll on their own.
    pub trends_focused: bool,
    pub trends_scroll: usize,
}

impl ReviewState {
    pub fn new(history: &[SessionSummary], today: NaiveDate) -> ReviewState {
        let mut state = ReviewState {
            filter: Filter::default(),
            dates: DateRange::All,
            selected: 0,
            detail: None,
            visible: Vec::new(),
            stats: Review::compute(&[], today),
            trends_focused: false,
            trends_scroll: 0,
        };
        state.refresh(history, today);
        state
    }

    pub fn refresh(&mut self, history: &[SessionSummary], today: NaiveDate) {
        self.filter.since = match self.dates {
            DateRange::All => None,
            DateRange::Days(n) => today.checked_sub_days(Days::new(u64::from(n) - 1)),
        };
        self.visible = history
            .iter()
            .enumerate()
            .filter(|(_, s)| self.filter.matches(s))
            .map(|(i, _)| i)
            .collect();
        let shown: Vec<&SessionSummary> = self
            .visible
            .iter()
            .filter_map(|&i| history.get(i))
            .collect();
        self.stats = Review::compute(&shown, today);
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    pub fn cycle_dates(&mut self) {
        self.dates = self.dates.next();
    }
}

/// The next value in `options` after `current`, then back to none (all).
pub fn cycle(current: &Option<String>, options: &[String]) -> Option<String> {
    match current {
        None => options.first().cloned(),
        Some(c) => options
            .iter()
            .position(|o| o == c)
            .and_then(|i| options.get(i + 1))
            .cloned(),
    }
}

pub struct ReviewScreen<'a> {
    pub app: &'a App,
    pub state: &'a ReviewState,
}

fn days_ago(today: NaiveDate, d: NaiveDate) -> String {
    match (today - d).num_days() {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n => format!("{n} days ago"),
    }
}

impl ReviewScreen<'_> {
    fn block(&self, title: &str) -> Block<'static> {
        let t = &self.app.theme;
        Block::bordered()
            .title(format!(" {title} "))
            .title_style(t.title)
            .border_style(t.border)
    }

    fn header(&self) -> Line<'static> {
        let t = &self.app.theme;
        let f = &self.state.filter;
        let routine = f.routine.clone().unwrap_or_else(|| "all".into());
        let region = f.region.clone().unwrap_or_else(|| "all".into());
        Line::from(vec![
            Span::styled("History review  ", t.accent),
            Span::styled("r", t.key),
            Span::raw(format!(" routine: {routine}  ")),
            Span::styled("e", t.key),
            Span::raw(format!(" region: {region}  ")),
            Span::styled("d", t.key),
            Span::raw(format!(" dates: {}  ", self.state.dates.label())),
            Span::styled("c", t.key),
            Span::raw(" clear  "),
            Span::styled("Enter", t.key),
            Span::raw(" details  "),
            Span::styled("Tab", t.key),
            Span::raw(" trends  "),
            Span::styled("Esc", t.key),
            Span::raw(" back"),
        ])
    }

    fn sessions(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = &app.theme;
        let block = self.block(&format!("Sessions ({})", self.state.visible.len()));
        let inner = block.inner(area);
        block.render(area, buf);
        let height = inner.height as usize;
        let offset = list_offset(self.state.selected, height.saturating_sub(1));
        let mut lines = vec![Line::styled(
            format!(
                "{:<17} {:<20} {:>6} {:<11} {:>5}",
                "date", "routine", "time", "status", "tend."
            ),
            t.dim,
        )];
        if self.state.visible.is_empty() {
            lines.push(Line::styled("No sessions match.", t.dim));
        }
        for (row, &i) in self
            .state
            .visible
            .iter()
            .enumerate()
            .skip(offset)
            .take(height.saturating_sub(1))
        {
            let Some(s) = app.history.get(i) else {
                continue;
            };
            let name: String = s.routine_name.chars().take(20).collect();
            let tender = s
                .average_tenderness
                .map_or(String::new(), |x| format!("{x:.1}"));
            let mut line = Line::raw(format!(
                "{:<17} {:<20} {:>6} {:<11} {:>5}",
                s.started_at.format("%a %d %b %H:%M"),
                name,
                clock(s.duration_s.round() as u64),
                s.shown_status().label(),
                tender
            ));
            if row == self.state.selected {
                line = line.patch_style(t.selected);
            }
            lines.push(line);
        }
        Paragraph::new(lines).render(inner, buf);
        let rows = height.saturating_sub(1);
        super::scrollbar(area, self.state.visible.len(), offset, rows, buf);
    }

    fn detail(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = &app.theme;
        let block = self.block("Session");
        let inner = block.inner(area);
        block.render(area, buf);
        let s = match &self.state.detail {
            Some(Ok(record)) => record,
            Some(Err(e)) => {
                Paragraph::new(format!("Cannot read this session: {e}")).render(inner, buf);
                return;
            }
            None => return,
        };
        let mut lines = vec![
            Line::styled(
                format!("{} · {}", s.routine_name, s.status.label()),
                t.title,
            ),
            Line::raw(format!(
                "{} · {} in all",
                s.started_at.format("%A %d %B %Y, %H:%M"),
                clock(s.duration_s().round() as u64)
            )),
            Line::raw(""),
        ];
        let recovery = s.style == crate::library::Style::Recovery;
        let header = if recovery {
            format!(
                "{:<16} {:<5} {:<11} {:>5} {:>5} {:>5}  {}",
                "exercise", "side", "zone", "find", "hold", "over", "ratings"
            )
        } else {
            format!("{:<16} {:<5} {:>5}", "exercise", "side", "move")
        };
        lines.push(Line::styled(header, t.dim));
        for e in &s.entries {
            let name = app
                .library
                .exercise(&e.exercise_id)
                .map_or(e.exercise_id.as_str(), |x| x.name.as_str());
            let name: String = name.chars().take(16).collect();
            let ratings: Vec<String> = e.tenderness.iter().map(u8::to_string).collect();
            let mut note = ratings.join(" ");
            if e.skipped {
                note.push_str(" skipped");
            }
            let secs = |x: f64| clock(x.round() as u64);
            let side = e.side.map_or("", |x| x.label());
            let row = if recovery {
                let zone: String = e.zone.as_deref().unwrap_or("").chars().take(11).collect();
                format!(
                    "{name:<16} {side:<5} {zone:<11} {:>5} {:>5} {:>5}  {}",
                    secs(e.search_s),
                    secs(e.hold_s),
                    secs(e.overtime_s),
                    note.trim()
                )
            } else {
                format!(
                    "{name:<16} {side:<5} {:>5}  {}",
                    secs(e.move_s),
                    note.trim()
                )
            };
            lines.push(Line::styled(row, if e.skipped { t.dim } else { t.text }));
        }
        Paragraph::new(lines).render(inner, buf);
    }

    fn progress(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.app.theme;
        let block = self.block("Progress");
        let inner = block.inner(area);
        block.render(area, buf);
        let s = self.state.stats.streak;
        let days = |n: u32| {
            if n == 1 {
                "1 day".to_string()
            } else {
                format!("{n} days")
            }
        };
        let first_week = self
            .state
            .stats
            .weeks
            .first()
            .map_or(String::new(), |w| w.week.format("%d %b").to_string());
        let [head, chart] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled("Streak ", t.accent),
                Span::raw(format!(
                    "{} now, longest {}",
                    days(s.current),
                    days(s.longest)
                )),
            ]),
            Line::styled(
                format!("Minutes per week, 12 weeks from {}", first_week),
                t.dim,
            ),
        ])
        .render(head, buf);
        let weeks = &self.state.stats.weeks;
        let bar_width = (chart.width / weeks.len().max(1) as u16)
            .saturating_sub(1)
            .clamp(1, 6);
        let bars: Vec<Bar> = weeks
            .iter()
            .map(|w| {
                Bar::default()
                    .value(w.minutes.round() as u64)
                    .label(Line::raw(w.week.format("%d").to_string()))
                    .style(t.gauge)
            })
            .collect();
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(bar_width)
            .bar_gap(1)
            .value_style(t.selected)
            .render(chart, buf);
    }

    fn tenderness(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = &app.theme;
        let mut block = self.block("Tenderness over time (0-10)");
        if self.state.trends_focused {
            block = block.border_style(t.focused_border);
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let stats = &self.state.stats;
        let mut regions: Vec<&String> = stats.last_worked.keys().collect();
        for (region, _) in stats.tenderness.keys() {
            if !regions.contains(&region) {
                regions.push(region);
            }
        }
        if regions.is_empty() {
            Paragraph::new(Line::styled(
                "Rate holds (0-9) to see tenderness here.",
                t.dim,
            ))
            .render(inner, buf);
            return;
        }
        // One row a region, then one a side with its trend.
        let mut rows: Vec<(Line<'static>, Option<(String, Vec<u64>, String)>)> = Vec::new();
        for region in regions {
            let name = app
                .library
                .region(region)
                .map_or(region.clone(), |r| r.name.clone());
            let last = stats
                .last_worked
                .get(region)
                .map_or(String::new(), |d| format!(": {}", days_ago(app.today, *d)));
            rows.push((
                Line::from(vec![Span::styled(name, t.title), Span::styled(last, t.dim)]),
                None,
            ));
            for ((_, side), points) in stats.tenderness.iter().filter(|((r, _), _)| r == region) {
                let label = format!("  {:<6}", side.map_or("both", |s| s.label()));
                let latest = points
                    .last()
                    .map_or(String::new(), |p| format!(" {:.1}", p.average));
                let data: Vec<u64> = points
                    .iter()
                    .map(|p| (p.average * 10.0).round() as u64)
                    .collect();
                rows.push((Line::raw(""), Some((label, data, latest))));
            }
        }
        // Scrolling stops at the last row; the scrollbar shows where the view is.
        let height = usize::from(inner.height);
        let max = rows.len().saturating_sub(height);
        app.limits.trends.set(Some(max));
        let scroll = self.state.trends_scroll.min(max);
        for (i, (line, trend)) in rows.iter().skip(scroll).take(height).enumerate() {
            let y = inner.y + i as u16;
            match trend {
                None => {
                    Paragraph::new(line.clone()).render(Rect::new(inner.x, y, inner.width, 1), buf)
                }
                Some((label, data, latest)) => {
                    let width = inner.width.saturating_sub(14);
                    let start = data.len().saturating_sub(width as usize);
                    Paragraph::new(label.clone()).render(Rect::new(inner.x, y, 8, 1), buf);
                    Sparkline::default()
                        .data(&data[start..])
                        .max(100)
                        .style(t.gauge)
                        .render(Rect::new(inner.x + 8, y, width, 1), buf);
                    Paragraph::new(latest.clone())
                        .style(Style::new())
                        .render(Rect::new(inner.x + 8 + width, y, 6, 1), buf);
                }
            }
        }
        super::scrollbar(area, rows.len(), scroll, height, buf);
    }
}

impl Widget for ReviewScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let header = Paragraph::new(self.header()).wrap(Wrap { trim: true });
        let head_h = (header.line_count(area.width) as u16).clamp(1, 3);
        let [head, body] =
            Layout::vertical([Constraint::Length(head_h), Constraint::Fill(1)]).areas(area);
        header.render(head, buf);
        let (list, side) = if body.width >= 100 {
            let [l, r] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(body);
            (l, r)
        } else {
            let [l, r] =
                Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(body);
            (l, r)
        };
        if self.state.detail.is_some() {
            self.detail(list, buf);
        } else {
            self.sessions(list, buf);
        }
        let progress_h = (side.height / 2).clamp(6, 12);
        let [progress, tender] =
            Layout::vertical([Constraint::Length(progress_h), Constraint::Fill(1)]).areas(side);
        self.progress(progress, buf);
        self.tenderness(tender, buf);
    }
}
