//! The full-screen history review: sessions and one session's detail with the progress
//! statistics, the tenderness map, the charts and the calendar (`v` switches; at
//! 120x40 and larger several show at once), with filters by routine, region and dates.

use chrono::{Days, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::list::list_offset;
use super::pictures::{
    CalendarView, KEY_H, TenderChartView, TenderMap, WeeksView, fit_words, legend_regions,
    legend_skip,
};
use super::theme::Theme;
use crate::history::activities::weekly_runs;
use crate::history::{
    Day, Filter, MapEntry, MapLayout, Review, SessionSummary, Store, TenderChart, WeekTotal,
    Window, calendar, coverage, tender_chart, tender_map, week_start, weeks_of,
};
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

/// What the review shows; `v` moves to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Sessions,
    Map,
    Charts,
    Calendar,
}

impl View {
    pub const ALL: [View; 4] = [View::Sessions, View::Map, View::Charts, View::Calendar];

    pub fn next(self) -> View {
        let i = Self::ALL.iter().position(|&v| v == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    pub fn label(self) -> &'static str {
        match self {
            View::Sessions => "Sessions",
            View::Map => "Map",
            View::Charts => "Charts",
            View::Calendar => "Calendar",
        }
    }
}

/// The data of the review's pictures, computed with the statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct Pictures {
    pub window: Window,
    pub layout: MapLayout,
    pub map: Vec<MapEntry>,
    pub chart: TenderChart,
    pub weeks: Vec<WeekTotal>,
    pub days: Vec<Day>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewState {
    pub view: View,
    pub pictures: Pictures,
    /// The region the map's cursor is on (the chart shows it, unless a region filter
    /// is set); none until moved.
    pub cursor: Option<String>,
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
    pub fn new(
        history: &[SessionSummary],
        library: &Library,
        today: NaiveDate,
        goal: u32,
    ) -> ReviewState {
        let window = Window::of(&[], None, today);
        let mut state = ReviewState {
            view: View::Sessions,
            pictures: Pictures {
                window,
                layout: super::bodymap::layout(library),
                map: Vec::new(),
                chart: tender_chart(&[], "", window),
                weeks: Vec::new(),
                days: Vec::new(),
            },
            cursor: None,
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
        self.refresh_pictures(&shown, today);
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    fn refresh_pictures(&mut self, shown: &[&SessionSummary], today: NaiveDate) {
        let p = &mut self.pictures;
        p.window = Window::of(shown, self.filter.since, today);
        p.map = tender_map(shown, p.window);
        p.weeks = weeks_of(shown, p.window);
        let year = Window {
            from: week_start(today)
                .checked_sub_days(Days::new(7 * 52))
                .unwrap_or(today),
            to: today,
        };
        p.days = calendar(shown, year);
        // The chart: the filtered region, else the map's cursor, else the region
        // with the most ratings.
        let mut most: Option<(u32, String)> = None;
        for e in &p.map {
            if most.as_ref().is_none_or(|(n, _)| e.ratings > *n) {
                most = Some((e.ratings, e.region.clone()));
            }
        }
        let most = most.map(|(_, r)| r);
        let region = self
            .filter
            .region
            .clone()
            .or_else(|| self.cursor.clone())
            .or(most)
            .unwrap_or_default();
        p.chart = tender_chart(shown, &region, p.window);
    }

    /// The region the chart and the map's cursor show.
    pub fn chart_region(&self) -> &str {
        &self.pictures.chart.region
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
    pub keymap: &'a crate::input::Keymap,
    pub keys: &'a crate::wording::KeyNames,
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
        if self.view != View::Sessions {
            if let Some(outcome) = self.handle_picture_key(command, ctx) {
                return outcome;
            }
        } else if self.handle_stats_key(command) {
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
            Command::NextView => {
                self.view = self.view.next();
                self.stats_focus = false;
                return Outcome::Stay;
            }
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

impl ReviewState {
    /// The legend's regions (the map's cursor moves over them).
    pub fn legend(&self, library: &Library) -> Vec<String> {
        legend_regions(library, &self.pictures.layout, &self.pictures.map)
    }

    fn move_cursor(&mut self, delta: i64, ctx: &Context) {
        let legend = self.legend(ctx.library);
        let at = legend
            .iter()
            .position(|r| r == self.chart_region())
            .unwrap_or(0) as i64;
        let last = legend.len().saturating_sub(1) as i64;
        self.cursor = legend.get((at + delta).clamp(0, last) as usize).cloned();
        if self.filter.region.is_some() {
            self.filter.region = self.cursor.clone();
        }
    }

    /// Filters the whole review to `region` (or back to every region when it is the
    /// filter already).
    pub fn choose_region(&mut self, region: &str, ctx: &Context) {
        self.cursor = Some(region.to_string());
        self.filter.region = if self.filter.region.as_deref() == Some(region) {
            None
        } else {
            Some(region.to_string())
        };
        self.refresh(ctx.history, ctx.today);
    }

    /// Keys on the map, chart and calendar views: ↑ ↓ pick the region, Enter filters
    /// to it, Tab is the next view. None: the key is the review's own.
    fn handle_picture_key(&mut self, command: Command, ctx: &Context) -> Option<Outcome> {
        match command {
            Command::Up | Command::Left => self.move_cursor(-1, ctx),
            Command::Down | Command::Right => self.move_cursor(1, ctx),
            Command::PageUp | Command::Top => self.move_cursor(-1000, ctx),
            Command::PageDown | Command::Bottom => self.move_cursor(1000, ctx),
            Command::NextPane => self.view = self.view.next(),
            Command::PrevPane => {
                self.view = match self.view {
                    View::Map => View::Sessions,
                    View::Charts => View::Map,
                    _ => View::Charts,
                }
            }
            Command::Enter => {
                let region = self.chart_region().to_string();
                if !region.is_empty() {
                    self.choose_region(&region, ctx);
                }
                return Some(Outcome::Stay);
            }
            _ => return None,
        }
        self.refresh(ctx.history, ctx.today);
        Some(Outcome::Stay)
    }

    /// A click: on a view's name, that view; on the map or its legend, that region
    /// filters the review. True when it landed on something.
    pub fn click(&mut self, column: u16, row: u16, area: Rect, ctx: &Context) -> bool {
        let a = areas(area, self.view);
        let inside =
            |r: Rect| column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height;
        if row == a.head.y {
            let mut x = a.head.x + "Review ".len() as u16;
            for v in View::ALL {
                let w = v.label().chars().count() as u16 + 3;
                if column >= x && column < x + w {
                    self.view = v;
                    return true;
                }
                x += w;
            }
            return false;
        }
        let Some(map) = a.map.filter(|&m| inside(m)) else {
            return false;
        };
        let (cells, legend) = map_parts(map, &self.pictures.layout);
        if inside(cells) {
            let at = self
                .pictures
                .layout
                .at(usize::from(row - cells.y), usize::from(column - cells.x));
            if let Some((region, _)) = at {
                let region = region.to_string();
                self.choose_region(&region, ctx);
                return true;
            }
        } else if inside(legend) {
            let regions = self.legend(ctx.library);
            let skip = legend_skip(&regions, Some(self.chart_region()), legend.height);
            let line = usize::from(row - legend.y) + skip;
            if let Some(region) = line.checked_sub(1).and_then(|i| regions.get(i)).cloned() {
                self.choose_region(&region, ctx);
                return true;
            }
        }
        false
    }
}

/// Where each part of the review goes at this size and view.
#[derive(Debug, Clone, Copy, Default)]
struct Areas {
    head: Rect,
    sessions: Option<Rect>,
    stats: Option<Rect>,
    map: Option<Rect>,
    chart: Option<Rect>,
    weeks: Option<Rect>,
    calendar: Option<Rect>,
}

const MAP_W: u16 = 70;
const LIST_W: u16 = 66;

fn areas(area: Rect, view: View) -> Areas {
    let head_h = if area.width < 110 { 3 } else { 2 };
    let [head, body] =
        Layout::vertical([Constraint::Length(head_h), Constraint::Fill(1)]).areas(area);
    let mut a = Areas {
        head,
        ..Areas::default()
    };
    let large = body.width >= 120 && body.height >= 34;
    if view == View::Sessions {
        let (list, side) = if body.width >= 100 {
            let [l, r] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(body);
            (l, r)
        } else {
            let [l, r] =
                Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(body);
            (l, r)
        };
        a.sessions = Some(list);
        a.stats = Some(side);
        return a;
    }
    if !large {
        match view {
            View::Map => a.map = Some(body),
            View::Charts => {
                let [c, w] =
                    Layout::vertical([Constraint::Fill(1), Constraint::Percentage(42)]).areas(body);
                a.chart = Some(c);
                a.weeks = Some(w);
            }
            _ => {
                let [c, w] =
                    Layout::vertical([Constraint::Length(13), Constraint::Fill(1)]).areas(body);
                a.calendar = Some(c);
                a.weeks = Some(w);
            }
        }
        return a;
    }
    let rest = if body.width >= 180 {
        let [l, r] =
            Layout::horizontal([Constraint::Length(LIST_W), Constraint::Fill(1)]).areas(body);
        a.sessions = Some(l);
        r
    } else {
        body
    };
    let [left, right] =
        Layout::horizontal([Constraint::Length(MAP_W), Constraint::Fill(1)]).areas(rest);
    let [m, c] = Layout::vertical([Constraint::Length(23), Constraint::Fill(1)]).areas(left);
    let [ch, w] = Layout::vertical([Constraint::Fill(1), Constraint::Percentage(40)]).areas(right);
    a.map = Some(m);
    a.calendar = Some(c);
    a.chart = Some(ch);
    a.weeks = Some(w);
    a
}

/// The map's cells and its legend inside the map's pane (as [`TenderMap`] draws them).
fn map_parts(area: Rect, layout: &MapLayout) -> (Rect, Rect) {
    let inner = Block::bordered().inner(area);
    let [body, _] = Layout::vertical([Constraint::Fill(1), Constraint::Length(KEY_H)]).areas(inner);
    let [map, _, legend] = Layout::horizontal([
        Constraint::Length(layout.width() as u16),
        Constraint::Length(2),
        Constraint::Fill(1),
    ])
    .areas(body);
    (map, legend)
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

    fn tabs(&self) -> Line<'static> {
        let t = &self.app.theme;
        let mut spans = vec![Span::styled("Review ", t.accent)];
        for v in View::ALL {
            let style = if v == self.state.view {
                t.selected.add_modifier(ratatui::style::Modifier::BOLD)
            } else {
                t.text
            };
            spans.push(Span::styled(format!(" {} ", v.label()), style));
            spans.push(Span::styled("│", t.dim));
        }
        spans.push(Span::styled("  v", t.key));
        spans.push(Span::raw(" next view"));
        Line::from(spans)
    }

    fn header(&self) -> Line<'static> {
        let t = &self.app.theme;
        let f = &self.state.filter;
        let routine = f.routine.clone().unwrap_or_else(|| "all".into());
        let region = f.region.clone().unwrap_or_else(|| "all".into());
        let keymap = self.app.keymap;
        let key = |c| Span::styled(keymap.say(c, 1), t.key);
        Line::from(vec![
            key(Command::FilterRoutine),
            Span::raw(format!(" routine: {routine}  ")),
            key(Command::FilterRegion),
            Span::raw(format!(" region: {region}  ")),
            key(Command::FilterDates),
            Span::raw(format!(" dates: {}  ", self.state.dates.label())),
            key(Command::ClearFilters),
            Span::raw(" clear  "),
            key(Command::Enter),
            Span::raw(" details  "),
            key(Command::NextPane),
            Span::raw(" statistics  "),
            key(Command::Escape),
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
            // Fitted and padded by columns: a joined emoji is one cluster of two.
            let name = crate::text::pad(&crate::text::fit(&printable(&s.routine_name), 20), 20);
            let tender = s
                .average_tenderness
                .map_or(String::new(), |x| format!("{x:.1}"));
            let mut line = Line::raw(format!(
                "{:<17} {} {:>6} {:<11} {:>5}",
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
            let name = crate::text::pad(&crate::text::fit(&name, 16), 16);
            let ratings: Vec<String> = e.tenderness.iter().map(u8::to_string).collect();
            let mut note = ratings.join(" ");
            if e.skipped {
                note.push_str(" skipped");
            }
            let secs = |x: f64| clock(x.round() as u64);
            let side = e.side.map_or("", |x| x.label());
            let row = if recovery {
                let zone = crate::text::pad(
                    &crate::text::fit(&printable(e.zone.as_deref().unwrap_or("")), 11),
                    11,
                );
                format!(
                    "{name} {side:<5} {zone} {:>5} {:>5} {:>5}  {}",
                    secs(e.search_s),
                    secs(e.hold_s),
                    secs(e.overtime_s),
                    note.trim()
                )
            } else {
                format!("{name} {side:<5} {:>5}  {}", secs(e.move_s), note.trim())
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
            "Tenderness 0-10: rated sessions, dates, last 4 weeks (v: charts)",
            t.title,
        ));
        if stats.trends.is_empty() {
            lines.push(Line::styled(
                crate::wording::rate_for_trends(self.app.keys),
                t.dim,
            ));
        }
        for tr in &stats.trends {
            let name = crate::text::pad(&fit_words(&self.region_name(&tr.region), 18), 18);
            let side = tr.side.map_or("both", |s| s.label());
            let change = match (tr.recent, tr.before, tr.direction()) {
                (Some(now), Some(before), Some(d)) => {
                    format!("{now:.1} {} from {before:.1}", d.arrow())
                }
                (Some(now), _, _) => format!("{now:.1}"),
                _ => "none lately".to_string(),
            };
            lines.push(Line::from(vec![
                Span::raw(format!("{name} {side:<5} ")),
                Span::styled(
                    format!(
                        "{:>3}× {}–{}  ",
                        tr.points.len(),
                        tr.first.format("%d %b"),
                        tr.last.format("%d %b")
                    ),
                    t.dim,
                ),
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
                "{} {when}",
                crate::text::pad(&fit_words(&self.region_name(&c.region), 20), 20)
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
        let title = &crate::wording::progress_title(self.app.keys, self.state.stats_focus);
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
        let a = areas(area, self.state.view);
        let [tabs, filters] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(a.head);
        Paragraph::new(self.tabs()).render(tabs, buf);
        Paragraph::new(self.header())
            .wrap(Wrap { trim: true })
            .render(filters, buf);
        let app = self.app;
        let st = self.state;
        let p = &st.pictures;
        let view = st.view;
        if let Some(list) = a.sessions {
            if st.detail.is_some() {
                self.detail(list, buf);
            } else {
                self.sessions(list, buf);
            }
        }
        if let Some(side) = a.stats {
            self.statistics(side, buf);
        }
        if let Some(r) = a.map {
            let legend = st.legend(app.library);
            TenderMap {
                theme: app.theme,
                library: app.library,
                layout: &p.layout,
                entries: &p.map,
                cursor: Some(st.chart_region()),
                legend: &legend,
                window: p.window,
                focused: view == View::Map,
                keys: app.keys,
            }
            .render(r, buf);
        }
        if let Some(r) = a.chart {
            TenderChartView {
                theme: app.theme,
                library: app.library,
                chart: &p.chart,
                focused: view == View::Charts,
            }
            .render(r, buf);
        }
        if let Some(r) = a.weeks {
            WeeksView {
                theme: app.theme,
                weeks: &p.weeks,
                goal: st.goal,
                focused: false,
            }
            .render(r, buf);
        }
        if let Some(r) = a.calendar {
            CalendarView {
                theme: app.theme,
                days: &p.days,
                today: app.today,
                goal: st.goal,
                focused: view == View::Calendar,
            }
            .render(r, buf);
        }
    }
}

pub use super::pictures::chart_data;
