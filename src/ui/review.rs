//! The full-screen history review: sessions, one session's detail, progress charts,
//! tenderness per region over time, with filters by routine, region and dates.

use chrono::{Days, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::list::list_offset;
use super::theme::Theme;
use crate::history::activities::weekly_runs;
use crate::history::{Filter, Review, SessionSummary, Store, coverage, week_start};
use crate::input::Command;
use crate::library::Library;
use crate::session::{SessionRecord, Side};
use crate::text::printable;
use crate::wording::{clock, days_ago, plural};

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
    /// Sessions a week to aim for (config `weekly_goal`).
    pub goal: u32,
    /// The statistics panel has the keys (Tab switches): arrows scroll it.
    pub stats_focus: bool,
    /// The first line of the statistics panel shown.
    pub stats_scroll: u16,
}

impl ReviewState {
    pub fn new(history: &[SessionSummary], today: NaiveDate, goal: u32) -> ReviewState {
        let mut state = ReviewState {
            filter: Filter::default(),
            dates: DateRange::All,
            selected: 0,
            detail: None,
            visible: Vec::new(),
            stats: Review::compute(&[], today, goal),
            goal,
            stats_focus: false,
            stats_scroll: 0,
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
        // The region filter narrows the statistics to that region too.
        let narrowed: Vec<SessionSummary>;
        let shown: Vec<&SessionSummary> = if self.filter.region.is_some() {
            narrowed = self
                .visible
                .iter()
                .filter_map(|&i| history.get(i))
                .map(|s| self.filter.narrow(s))
                .collect();
            narrowed.iter().collect()
        } else {
            self.visible
                .iter()
                .filter_map(|&i| history.get(i))
                .collect()
        };
        self.stats = Review::compute(&shown, today, self.goal);
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    pub fn cycle_dates(&mut self) {
        self.dates = self.dates.next();
    }

    /// Tab and Shift-Tab move the keys between the sessions and the statistics; while
    /// the statistics have them, the arrows and page keys scroll them. True when the
    /// action was used here.
    pub fn handle_stats_key(&mut self, action: Command) -> bool {
        // Enough for every line (the library's regions are at most a dozen or so); the
        // screen clamps to the real end.
        let st = &self.stats;
        let rows = 24 + st.trends.len() + st.asymmetries.len() + st.last_worked.len();
        let most = i32::try_from(rows).unwrap_or(i32::from(u16::MAX));
        let by = |n: i32, s: u16| (i32::from(s) + n).clamp(0, most) as u16;
        match action {
            Command::NextPane | Command::PrevPane => self.stats_focus = !self.stats_focus,
            _ if !self.stats_focus => return false,
            Command::Up => self.stats_scroll = by(-1, self.stats_scroll),
            Command::Down => self.stats_scroll = by(1, self.stats_scroll),
            Command::PageUp => self.stats_scroll = by(-10, self.stats_scroll),
            Command::PageDown => self.stats_scroll = by(10, self.stats_scroll),
            Command::Top => self.stats_scroll = 0,
            Command::Bottom => self.stats_scroll = by(most, 0),
            _ => return false,
        }
        true
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

/// What the review needs from the app, to draw it and to answer its keys.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub theme: &'a Theme,
    pub library: &'a Library,
    pub history: &'a [SessionSummary],
    /// The activities from the runner's files, shown beside the rolling.
    pub runs: &'a [crate::history::StoredRun],
    pub log: Option<&'a Store>,
    pub today: NaiveDate,
    /// What is wrong with the history file, said in place of "No sessions match".
    pub history_problem: Option<&'a str>,
}

/// What the app does after a key in the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Close,
    Help,
    Quit,
}

impl ReviewState {
    /// The review's keys: move, open a session, filter, scroll the statistics, leave.
    pub fn handle(&mut self, command: Command, ctx: &Context) -> Outcome {
        if self.handle_stats_key(command) {
            return Outcome::Stay;
        }
        let last = self.visible.len().saturating_sub(1) as i64;
        let mut moved =
            |delta: i64| self.selected = (self.selected as i64 + delta).clamp(0, last) as usize;
        match command {
            Command::Up => moved(-1),
            Command::Down => moved(1),
            Command::PageUp => moved(-10),
            Command::PageDown => moved(10),
            Command::Top => moved(-1_000_000),
            Command::Bottom => moved(1_000_000),
            Command::Enter => {
                self.detail = match self.detail.take() {
                    Some(_) => None,
                    None => {
                        let summary = self
                            .visible
                            .get(self.selected)
                            .and_then(|&i| ctx.history.get(i));
                        summary.and_then(|s| {
                            ctx.log
                                .map(|l| l.record_at(s.offset).map_err(|e| e.to_string()))
                        })
                    }
                };
            }
            Command::Escape if self.detail.is_some() => {
                self.detail = None;
                return Outcome::Stay;
            }
            Command::Escape | Command::Quit | Command::OpenReview => return Outcome::Close,
            Command::Interrupt => return Outcome::Quit,
            Command::Help => return Outcome::Help,
            Command::FilterRoutine => {
                let ids: Vec<String> = ctx.library.routines.iter().map(|r| r.id.clone()).collect();
                self.filter.routine = cycle(&self.filter.routine, &ids);
            }
            Command::FilterRegion => {
                let ids: Vec<String> = ctx
                    .library
                    .regions
                    .iter()
                    .filter(|r| r.avoid().is_none())
                    .map(|r| r.id.clone())
                    .collect();
                self.filter.region = cycle(&self.filter.region, &ids);
            }
            Command::FilterDates => self.cycle_dates(),
            Command::ClearFilters => {
                self.filter = Filter::default();
                self.dates = DateRange::default();
            }
            _ => return Outcome::Stay,
        }
        self.refresh(ctx.history, ctx.today);
        Outcome::Stay
    }
}

pub struct ReviewScreen<'a> {
    pub app: Context<'a>,
    pub state: &'a ReviewState,
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
            Span::styled("Review  ", t.accent),
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
            Span::raw(" statistics  "),
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
        if let Some(problem) = app.history_problem {
            lines.push(Line::styled(
                format!("History: {}", crate::text::printable(problem)),
                t.warning,
            ));
        } else if self.state.visible.is_empty() {
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
            let name = crate::text::fit(&printable(&s.routine_name), 20);
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
                format!("{} · {}", printable(&s.routine_name), s.status.label()),
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
                .map_or_else(|| printable(&e.exercise_id), |x| x.name.clone());
            let name: String = name.chars().take(16).collect();
            let ratings: Vec<String> = e.tenderness.iter().map(u8::to_string).collect();
            let mut note = ratings.join(" ");
            if e.skipped {
                note.push_str(" skipped");
            }
            let secs = |x: f64| clock(x.round() as u64);
            let side = e.side.map_or("", |x| x.label());
            let row = if recovery {
                let zone: String = printable(e.zone.as_deref().unwrap_or(""))
                    .chars()
                    .take(11)
                    .collect();
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

    fn region_name(&self, id: &str) -> String {
        self.app
            .library
            .region(id)
            .map_or_else(|| printable(id), |r| r.name.clone())
    }

    /// Every statistic as lines, scrolled as one panel: weekly goal and streak, minutes
    /// per week, tenderness trends with dates, left/right differences, coverage.
    pub fn stats_lines(&self) -> Vec<Line<'static>> {
        let app = self.app;
        let t = &app.theme;
        let stats = &self.state.stats;
        let mut lines = Vec::new();
        let g = stats.goal;
        lines.push(Line::from(vec![
            Span::styled("This week ", t.accent),
            Span::raw(format!("{} of {} sessions", g.this_week, g.goal)),
            Span::styled(
                format!("  goal met {} in a row", plural(g.weeks_met, "week")),
                t.dim,
            ),
        ]));
        let s = stats.streak;
        lines.push(Line::from(vec![
            Span::styled("Streak ", t.accent),
            Span::raw(format!(
                "{} now, longest {}",
                plural(s.current, "day"),
                plural(s.longest, "day")
            )),
        ]));
        if let (Some(first), Some(last)) = (stats.weeks.first(), stats.weeks.last()) {
            let max = stats.weeks.iter().map(|w| w.minutes).fold(0.0, f64::max);
            let bars: String = stats.weeks.iter().map(|w| spark(w.minutes, max)).collect();
            lines.push(Line::from(vec![
                Span::styled("Minutes a week ", t.accent),
                Span::styled(format!("{} ", first.week.format("%d %b")), t.dim),
                Span::styled(bars, t.gauge),
                Span::styled(format!(" {}", last.week.format("%d %b")), t.dim),
                Span::raw(format!(" this week {:.0}", last.minutes)),
            ]));
            lines.extend(self.run_lines(first.week, stats.weeks.len()));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Tenderness 0-10: first and last date, last 4 weeks",
            t.title,
        ));
        if stats.trends.is_empty() {
            lines.push(Line::styled(
                "Rate holds (0-9, ) for 10) to see trends here.",
                t.dim,
            ));
        }
        for tr in &stats.trends {
            let name: String = self.region_name(&tr.region).chars().take(12).collect();
            let side = tr.side.map_or("both", |s| s.label());
            let points: String = tr
                .points
                .iter()
                .rev()
                .take(10)
                .rev()
                .map(|p| spark(p.average, 10.0))
                .collect();
            let change = match (tr.recent, tr.before, tr.direction()) {
                (Some(now), Some(before), Some(d)) => {
                    format!("{now:.1} {} from {before:.1}", d.arrow())
                }
                (Some(now), _, _) => format!("{now:.1}"),
                _ => "none lately".to_string(),
            };
            lines.push(Line::from(vec![
                Span::raw(format!("{name:<12} {side:<5} ")),
                Span::styled(tr.first.format("%d %b ").to_string(), t.dim),
                Span::styled(points, t.gauge),
                Span::styled(tr.last.format(" %d %b  ").to_string(), t.dim),
                Span::raw(change),
            ]));
        }
        for a in &stats.asymmetries {
            lines.push(Line::styled(
                a.sentence(&self.region_name(&a.region)),
                t.warning,
            ));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("Days since each region was rolled", t.title));
        let regions: Vec<String> = match &self.state.filter.region {
            Some(r) => vec![r.clone()],
            None => app
                .library
                .regions
                .iter()
                .filter(|r| r.avoid().is_none())
                .map(|r| r.id.clone())
                .collect(),
        };
        for c in coverage(&stats.last_worked, &regions, app.today) {
            let when = match (c.last, c.days) {
                (Some(d), Some(_)) => days_ago(app.today, d),
                _ => "never".to_string(),
            };
            lines.push(Line::raw(format!(
                "{:<20} {when}",
                self.region_name(&c.region)
                    .chars()
                    .take(20)
                    .collect::<String>()
            )));
        }
        lines
    }

    /// The runs beside the rolling: km run a week on the same weeks as the minutes, and
    /// each rated region's weekly tenderness under the weekly distance. Nothing when no
    /// run is in the history.
    fn run_lines(&self, first: NaiveDate, weeks: usize) -> Vec<Line<'static>> {
        let app = self.app;
        let t = &app.theme;
        if !app.runs.iter().any(|r| r.activity.is_run()) {
            return Vec::new();
        }
        let weekly = weekly_runs(app.runs, app.today, weeks as u32);
        let mut lines = Vec::new();
        let max = weekly.iter().map(|w| w.distance_m).fold(0.0, f64::max);
        let bars: String = weekly.iter().map(|w| spark(w.distance_m, max)).collect();
        let this = weekly.last().copied();
        // The bars under the minutes' bars (same weeks), then this week's distance.
        let label = "Km run a week";
        let pad = "Minutes a week ".len() + first.format("%d %b ").to_string().len();
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<pad$}"), t.accent),
            Span::styled(bars, t.gauge),
            Span::raw(format!(
                " {:.0} km, {}",
                this.map_or(0.0, |w| w.distance_m / 1000.0),
                plural(this.map_or(0, |w| w.runs), "run")
            )),
        ]));
        // Tenderness against distance: the last 4 weeks, one narrow column each, so the
        // table fits the statistics panel of an 80-column terminal.
        const COLUMNS: usize = 4;
        let recent = &weekly[weekly.len().saturating_sub(COLUMNS)..];
        let stats = &self.state.stats;
        if stats.trends.is_empty() {
            return lines;
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Tenderness against km run, week by week",
            t.title,
        ));
        let mut head = format!("{:<12}", "week of");
        let mut km = format!("{:<12}", "km run");
        for w in recent {
            head.push_str(&format!("{:>6}", w.week.format("%d/%m")));
            km.push_str(&format!("{:>6.0}", w.distance_m / 1000.0));
        }
        lines.push(Line::styled(head, t.dim));
        lines.push(Line::raw(km));
        for tr in &stats.trends {
            let name: String = self.region_name(&tr.region).chars().take(10).collect();
            let side = tr
                .side
                .map_or("", |s| if s == Side::Right { "R" } else { "L" });
            let mut row = format!("{name:<10} {side:<1}");
            for w in recent {
                let (sum, n) = tr
                    .points
                    .iter()
                    .filter(|p| week_start(p.date) == w.week)
                    .fold((0u32, 0u32), |(s, c), p| (s + p.sum, c + p.count));
                if n == 0 {
                    row.push_str(&format!("{:>6}", "-"));
                } else {
                    row.push_str(&format!("{:>6.1}", f64::from(sum) / f64::from(n)));
                }
            }
            lines.push(Line::raw(row));
        }
        lines
    }

    fn statistics(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.app.theme;
        let title = if self.state.stats_focus {
            "Progress (↑↓ scroll, Tab: sessions)"
        } else {
            "Progress (Tab to scroll)"
        };
        let block = self.block(title).border_style(if self.state.stats_focus {
            t.focused_border
        } else {
            t.border
        });
        let inner = block.inner(area);
        block.render(area, buf);
        let lines = self.stats_lines();
        let max = (lines.len() as u16).saturating_sub(inner.height);
        Paragraph::new(lines)
            .scroll((self.state.stats_scroll.min(max), 0))
            .render(inner, buf);
    }
}

/// One bar of a text sparkline: `value` out of `max`.
fn spark(value: f64, max: f64) -> char {
    const BARS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    if max <= 0.0 || value <= 0.0 {
        return BARS[0];
    }
    let i = ((value / max) * 8.0).ceil().clamp(1.0, 8.0) as usize;
    BARS[i]
}

impl Widget for ReviewScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let head_h = if area.width < 110 { 2 } else { 1 };
        let [head, body] =
            Layout::vertical([Constraint::Length(head_h), Constraint::Fill(1)]).areas(area);
        Paragraph::new(self.header())
            .wrap(Wrap { trim: true })
            .render(head, buf);
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
        self.statistics(side, buf);
    }
}
