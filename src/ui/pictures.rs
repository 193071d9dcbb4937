//! The review's pictures: the tenderness map (front and back, each region and side
//! shaded by its average rating, rising and falling marked), the tenderness chart of a
//! region (left and right, every rated session, 4-week averages), sessions and minutes
//! per week against the weekly goal, and the day calendar. Every picture says in words
//! and numbers what its colours say, so the mono theme and `NO_COLOR` lose nothing.

use chrono::{Datelike, Days, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Widget};

use super::theme::Theme;
use crate::history::{
    BAND_NAMES, Cell, Day, DayKind, Direction, MapEntry, MapLayout, TenderChart, WeekTotal, Window,
    band, week_start,
};
use crate::library::Library;
use crate::session::Side;
use crate::text::printable;

/// The lines of the map's key under the map and legend.
pub const KEY_H: u16 = 3;

/// The shading of each band, lightest first; a region never rated is a dot.
pub const SHADES: [char; 4] = ['░', '▒', '▓', '█'];
const UNRATED: char = '·';
const NEVER: char = '×';

/// `name` in at most `width` characters, cut only between words (then "…").
pub fn fit_words(name: &str, width: usize) -> String {
    if crate::text::width(name) <= width {
        return name.to_string();
    }
    let mut out = String::new();
    for word in name.split(' ') {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if crate::text::width(&next) + 1 > width {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        // One long word: better a short ellipsis than a word cut mid-way.
        return "…".to_string();
    }
    out.push('…');
    out
}

/// A region's name as the review shows it: the library's, else its id.
pub fn region_name(library: &Library, id: &str) -> String {
    library
        .region(id)
        .map_or_else(|| printable(id), |r| printable(&r.name))
}

/// The regions the map's legend lists, in the library's order: those on the map or
/// rated in the window, then any rated id the library does not know.
pub fn legend_regions(library: &Library, layout: &MapLayout, entries: &[MapEntry]) -> Vec<String> {
    let on_map = layout.regions();
    let mut out: Vec<String> = library
        .regions
        .iter()
        .filter(|r| on_map.contains(&r.id) || entries.iter().any(|e| e.region == r.id))
        .map(|r| r.id.clone())
        .collect();
    for e in entries {
        if !out.contains(&e.region) {
            out.push(e.region.clone());
        }
    }
    out
}

fn entry<'a>(entries: &'a [MapEntry], region: &str, side: Option<Side>) -> Option<&'a MapEntry> {
    entries
        .iter()
        .find(|e| e.region == region && e.side == side)
        .or_else(|| {
            // A region rated without sides colours both sides of its cells.
            entries
                .iter()
                .find(|e| e.region == region && e.side.is_none())
        })
}

/// The marker of a direction on the map and in the legend.
pub fn marker(d: Direction) -> char {
    match d {
        Direction::Better => '↓',
        Direction::Worse => '↑',
        Direction::Same => '→',
    }
}

/// The tenderness map: the body map with each region side shaded by its average.
pub struct TenderMap<'a> {
    pub theme: &'a Theme,
    pub library: &'a Library,
    pub layout: &'a MapLayout,
    pub entries: &'a [MapEntry],
    /// The region the cursor is on (its legend row is highlighted).
    pub cursor: Option<&'a str>,
    pub legend: &'a [String],
    pub window: Window,
    pub focused: bool,
    /// The key names its hint line uses.
    pub keys: &'a crate::wording::KeyNames,
}

impl TenderMap<'_> {
    /// The map's rows as lines: shading per cell, the first cell of each rated side
    /// showing its direction when it rose or fell.
    pub fn map_lines(&self) -> Vec<Line<'static>> {
        let t = self.theme;
        let mut marked: Vec<(String, Option<Side>)> = Vec::new();
        self.layout
            .rows
            .iter()
            .map(|row| {
                let spans: Vec<Span<'static>> = row
                    .iter()
                    .map(|cell| match cell {
                        Cell::Art(c) => Span::styled(c.to_string(), t.dim),
                        Cell::Region { region, side } => {
                            let never = self
                                .library
                                .region(region)
                                .is_some_and(|r| r.avoid().is_some());
                            if never {
                                return Span::styled(NEVER.to_string(), t.warning);
                            }
                            let Some(e) = entry(self.entries, region, *side) else {
                                return Span::styled(UNRATED.to_string(), t.dim);
                            };
                            let style = t.scale[band(e.average)];
                            let key = (region.clone(), *side);
                            let arrow = e.direction.filter(|d| *d != Direction::Same);
                            match arrow {
                                Some(d) if !marked.contains(&key) => {
                                    marked.push(key);
                                    Span::styled(
                                        marker(d).to_string(),
                                        style.add_modifier(Modifier::BOLD | Modifier::REVERSED),
                                    )
                                }
                                _ => Span::styled(SHADES[band(e.average)].to_string(), style),
                            }
                        }
                    })
                    .collect();
                Line::from(spans)
            })
            .collect()
    }

    /// One side's figures for the legend: "R▓6.0 ↓4.5", the average over the dates
    /// and, after the direction, the last 4 weeks' average.
    fn side_text(&self, region: &str, side: Option<Side>) -> (String, Style) {
        let tag = match side {
            Some(Side::Left) => "L",
            Some(Side::Right) => "R",
            None => "",
        };
        match self
            .entries
            .iter()
            .find(|e| e.region == region && e.side == side)
        {
            Some(e) => {
                let now = match (e.direction, e.recent) {
                    (Some(d), Some(r)) => format!("{}{r:.1}", marker(d)),
                    (None, Some(r)) => format!(" {r:.1}"),
                    _ => "    ".to_string(),
                };
                (
                    format!("{tag}{}{:>4.1} {now}", SHADES[band(e.average)], e.average),
                    self.theme.scale[band(e.average)],
                )
            }
            None => (format!("{tag}{UNRATED}   –     "), self.theme.dim),
        }
    }

    /// The legend: one row per region with each side's average and direction.
    pub fn legend_lines(&self, width: usize) -> Vec<Line<'static>> {
        let t = self.theme;
        let name_w = width.saturating_sub(2 + 24).clamp(6, 20);
        let mut lines = vec![Line::styled(
            format!("{:<w$}  left        right", "", w = name_w + 2),
            t.dim,
        )];
        for id in self.legend {
            let here = self.cursor == Some(id.as_str());
            let never = self.library.region(id).is_some_and(|r| r.avoid().is_some());
            let name = fit_words(&region_name(self.library, id), name_w);
            let mut spans = vec![Span::styled(
                format!("{}{name:<name_w$} ", if here { "▸" } else { " " }),
                if here { t.selected } else { t.text },
            )];
            if never {
                spans.push(Span::styled(format!(" {NEVER} never rolled"), t.warning));
            } else if self
                .entries
                .iter()
                .any(|e| e.region == *id && e.side.is_none())
                && !self
                    .entries
                    .iter()
                    .any(|e| e.region == *id && e.side.is_some())
            {
                let (text, style) = self.side_text(id, None);
                spans.push(Span::styled(format!(" {text}"), style));
            } else {
                for side in [Side::Left, Side::Right] {
                    let (text, style) = self.side_text(id, Some(side));
                    spans.push(Span::styled(format!(" {text}"), style));
                }
            }
            lines.push(Line::from(spans));
        }
        lines
    }

    /// The key to the shades and marks, two short lines.
    pub fn key_lines(&self) -> Vec<Line<'static>> {
        let t = self.theme;
        let mut bands = vec![Span::styled("shade ", t.dim)];
        for (i, name) in BAND_NAMES.iter().enumerate() {
            bands.push(Span::styled(format!("{}", SHADES[i]), t.scale[i]));
            bands.push(Span::raw(format!(" {name}  ")));
        }
        bands.push(Span::styled(format!("{UNRATED} not rated"), t.dim));
        vec![
            Line::from(bands),
            Line::styled("L, R: the average 0-10 over these dates, then", t.text),
            Line::styled(
                "the last 4 weeks': ↓ better, ↑ worse, → same as the 4 before",
                t.text,
            ),
        ]
    }
}

impl Widget for TenderMap<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let title = format!(
            " Tenderness map {} – {} ",
            self.window.from.format("%-d %b"),
            self.window.to.format("%-d %b %Y")
        );
        let block = Block::bordered()
            .title(title)
            .title_style(t.title)
            .border_style(if self.focused {
                t.focused_border
            } else {
                t.border
            })
            .title_bottom(Line::styled(crate::wording::map_keys(self.keys), t.dim));
        let inner = block.inner(area);
        block.render(area, buf);
        let map_w = self.layout.width() as u16;
        let [body, key] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(KEY_H)]).areas(inner);
        let [map, _, legend] = Layout::horizontal([
            Constraint::Length(map_w),
            Constraint::Length(2),
            Constraint::Fill(1),
        ])
        .areas(body);
        Paragraph::new(self.map_lines()).render(map, buf);
        let lines = self.legend_lines(usize::from(legend.width));
        let skip = legend_skip(self.legend, self.cursor, legend.height) as u16;
        Paragraph::new(lines).scroll((skip, 0)).render(legend, buf);
        Paragraph::new(self.key_lines()).render(key, buf);
    }
}

fn day_x(w: Window, d: NaiveDate) -> f64 {
    (d - w.from).num_days() as f64
}

/// The chart's x labels: first, middle and last day of the window.
fn date_labels(w: Window) -> Vec<Line<'static>> {
    let mid = w
        .from
        .checked_add_days(Days::new(((w.to - w.from).num_days() / 2).max(0) as u64))
        .unwrap_or(w.from);
    let fmt = |d: NaiveDate| Line::raw(d.format("%-d %b").to_string());
    if w.from == w.to {
        return vec![fmt(w.from)];
    }
    vec![fmt(w.from), fmt(mid), fmt(w.to)]
}

/// A chart's points, x and y.
pub type Points = Vec<(f64, f64)>;

/// One side's data on a chart: the side, its sessions' points, its 4-week steps.
pub type ChartData = (Option<Side>, Points, Points);

/// The points a tenderness chart draws, per dataset: for each side, the sessions'
/// ratings and the 4-week averages as a stepped line (x in days from the window's
/// start). Public so tests can check the picture's data.
pub fn chart_data(chart: &TenderChart) -> Vec<ChartData> {
    chart
        .series
        .iter()
        .map(|s| {
            let points = s
                .points
                .iter()
                .map(|p| (day_x(chart.window, p.date), p.value))
                .collect();
            let steps = s
                .blocks
                .iter()
                .flat_map(|b| {
                    [
                        (day_x(chart.window, b.from), b.average),
                        (day_x(chart.window, b.to), b.average),
                    ]
                })
                .collect();
            (s.side, points, steps)
        })
        .collect()
}

/// A region's tenderness over the window: left and right, every rated session a point,
/// the 4-week averages as steps.
pub struct TenderChartView<'a> {
    pub theme: &'a Theme,
    pub library: &'a Library,
    pub chart: &'a TenderChart,
    pub focused: bool,
}

fn side_word(side: Option<Side>) -> &'static str {
    side.map_or("both", |s| s.label())
}

impl Widget for TenderChartView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let w = self.chart.window;
        let name = region_name(self.library, &self.chart.region);
        let block = Block::bordered()
            .title(format!(
                " {}: tenderness, {} – {} ",
                fit_words(&name, 24),
                w.from.format("%-d %b"),
                w.to.format("%-d %b")
            ))
            .title_style(t.title)
            .border_style(if self.focused {
                t.focused_border
            } else {
                t.border
            });
        let inner = block.inner(area);
        block.render(area, buf);
        if self.chart.is_empty() {
            Paragraph::new(Line::styled(
                "No ratings of this region in these dates. Rate holds (0-9, ) for 10).",
                t.dim,
            ))
            .render(inner, buf);
            return;
        }
        let sets = chart_data(self.chart);
        let [plot, key] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(inner);
        let mut datasets = Vec::new();
        for (side, points, steps) in &sets {
            let (style, marker) = match side {
                Some(Side::Left) => (t.sides[0], Marker::Dot),
                Some(Side::Right) => (t.sides[1], Marker::Block),
                None => (t.text, Marker::Dot),
            };
            datasets.push(
                Dataset::default()
                    .graph_type(GraphType::Line)
                    .marker(Marker::Braille)
                    .style(style.add_modifier(Modifier::DIM))
                    .data(steps),
            );
            datasets.push(
                Dataset::default()
                    .graph_type(GraphType::Scatter)
                    .marker(marker)
                    .style(style)
                    .data(points),
            );
        }
        let last_x = (w.days() - 1).max(1) as f64;
        Chart::new(datasets)
            .x_axis(
                Axis::default()
                    .bounds([0.0, last_x])
                    .labels(date_labels(w))
                    .style(t.dim),
            )
            .y_axis(
                Axis::default()
                    .bounds([0.0, 10.0])
                    .labels(["0", "5", "10"].map(Line::raw))
                    .style(t.dim),
            )
            .legend_position(None)
            .render(plot, buf);
        let style_of = |side: Option<Side>| match side {
            Some(Side::Left) => t.sides[0],
            Some(Side::Right) => t.sides[1],
            None => t.text,
        };
        let mut spans = Vec::new();
        for s in &self.chart.series {
            let glyph = if s.side == Some(Side::Right) {
                "█"
            } else {
                "•"
            };
            spans.push(Span::styled(
                format!("{glyph} {}  ", side_word(s.side)),
                style_of(s.side),
            ));
        }
        spans.push(Span::styled("one mark per rated session", t.dim));
        let mut avgs = vec![Span::styled("steps: 4-week averages; now ", t.dim)];
        for s in &self.chart.series {
            let last = s
                .blocks
                .last()
                .map_or("–".to_string(), |b| format!("{:.1}", b.average));
            let tag = match s.side {
                Some(Side::Left) => "L",
                Some(Side::Right) => "R",
                None => "both",
            };
            avgs.push(Span::styled(format!("{tag} {last}  "), style_of(s.side)));
        }
        Paragraph::new(vec![Line::from(spans), Line::from(avgs)]).render(key, buf);
    }
}

/// The weeks' bars as chart data: (x, sessions) and (x, minutes), x the week's index.
pub fn week_points(weeks: &[WeekTotal]) -> (Points, Points) {
    weeks
        .iter()
        .enumerate()
        .map(|(i, w)| ((i as f64, f64::from(w.sessions)), (i as f64, w.minutes)))
        .unzip()
}

/// Sessions per week against the goal line, and minutes per week, side by side (or
/// one above the other when narrow).
pub struct WeeksView<'a> {
    pub theme: &'a Theme,
    pub weeks: &'a [WeekTotal],
    pub goal: u32,
    pub focused: bool,
}

impl WeeksView<'_> {
    fn one(
        &self,
        area: Rect,
        buf: &mut Buffer,
        title: String,
        data: &[(f64, f64)],
        goal: Option<f64>,
    ) {
        let t = self.theme;
        let block = Block::bordered()
            .title(title)
            .title_style(t.title)
            .border_style(if self.focused {
                t.focused_border
            } else {
                t.border
            });
        let inner = block.inner(area);
        block.render(area, buf);
        let (Some(first), Some(last)) = (self.weeks.first(), self.weeks.last()) else {
            return;
        };
        let most = data.iter().map(|p| p.1).fold(goal.unwrap_or(0.0), f64::max);
        let top = if most <= 0.0 { 1.0 } else { most.ceil() };
        let n = (data.len().max(2) - 1) as f64;
        let goal_line: Vec<(f64, f64)> = goal.map_or(Vec::new(), |g| vec![(0.0, g), (n, g)]);
        // A week with none has no bar (a bar of height 0 would still show a cell).
        let bars: Points = data.iter().copied().filter(|p| p.1 > 0.0).collect();
        let mut sets = vec![
            Dataset::default()
                .graph_type(GraphType::Bar)
                .marker(Marker::HalfBlock)
                .style(t.gauge)
                .data(&bars),
        ];
        let mut y_labels = vec![Line::raw("0")];
        if let Some(g) = goal {
            sets.push(
                Dataset::default()
                    .graph_type(GraphType::Line)
                    .marker(Marker::Braille)
                    .style(t.warning)
                    .data(&goal_line),
            );
            if g < top {
                y_labels.push(Line::raw(format!("{g:.0}")));
            }
        }
        y_labels.push(Line::raw(format!("{top:.0}")));
        let x_labels = vec![
            Line::raw(first.week.format("%-d %b").to_string()),
            Line::raw(last.week.format("%-d %b").to_string()),
        ];
        Chart::new(sets)
            .x_axis(
                Axis::default()
                    .bounds([0.0, n])
                    .labels(x_labels)
                    .style(t.dim),
            )
            .y_axis(
                Axis::default()
                    .bounds([0.0, top])
                    .labels(y_labels)
                    .style(t.dim),
            )
            .legend_position(None)
            .render(inner, buf);
    }
}

impl Widget for WeeksView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (sessions, minutes) = week_points(self.weeks);
        let [a, b] = if area.width >= 70 {
            Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(area)
        } else {
            Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(area)
        };
        let this = self.weeks.last();
        self.one(
            a,
            buf,
            format!(
                " Sessions a week · goal {} (line) · now {} ",
                self.goal,
                this.map_or(0, |w| w.sessions)
            ),
            &sessions,
            Some(f64::from(self.goal)),
        );
        self.one(
            b,
            buf,
            format!(
                " Minutes a week · now {:.0} ",
                this.map_or(0.0, |w| w.minutes)
            ),
            &minutes,
            None,
        );
    }
}

/// The day calendar: a column per week (Monday at the top), the newest on the right.
pub struct CalendarView<'a> {
    pub theme: &'a Theme,
    pub days: &'a [Day],
    pub today: NaiveDate,
    pub goal: u32,
    pub focused: bool,
}

/// The two characters of a day: what was done (R recovery, W warm-up, B both,
/// x stopped early, · rest) and the shade of its tenderness.
pub fn day_cell(day: &Day) -> [char; 2] {
    let kind = match day.kind() {
        DayKind::Rest => '·',
        DayKind::Recovery => 'R',
        DayKind::Warmup => 'W',
        DayKind::Both => 'B',
        DayKind::Stopped => 'x',
    };
    let shade = day.tenderness.map_or(' ', |x| SHADES[band(x)]);
    [kind, shade]
}

impl Widget for CalendarView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let block = Block::bordered()
            .title(" Calendar ")
            .title_style(t.title)
            .border_style(if self.focused {
                t.focused_border
            } else {
                t.border
            });
        let inner = block.inner(area);
        block.render(area, buf);
        let columns = usize::from(inner.width.saturating_sub(5) / 3).max(1);
        let this_week = week_start(self.today);
        let first = this_week
            .checked_sub_days(Days::new(7 * (columns as u64 - 1)))
            .unwrap_or(this_week);
        let find = |d: NaiveDate| self.days.iter().find(|x| x.date == d);
        let mut rows: Vec<Vec<Span<'static>>> = vec![vec![Span::raw("     ")]];
        let names = ["Mon", "", "Wed", "", "Fri", "", "Sun"];
        for name in names {
            rows.push(vec![Span::styled(format!("{name:<4} "), t.dim)]);
        }
        let mut goal_row = vec![Span::styled("goal ", t.dim)];
        let mut month_row = String::new();
        for c in 0..columns {
            let monday = first
                .checked_add_days(Days::new(7 * c as u64))
                .unwrap_or(first);
            let label = if c == 0 || monday.day() <= 7 {
                monday.format("%b").to_string()
            } else {
                String::new()
            };
            // A month's name takes the room of the next weeks' labels too.
            if month_row.chars().count() < c * 3 || c == 0 {
                while month_row.chars().count() < c * 3 {
                    month_row.push(' ');
                }
                month_row.push_str(&label);
            }
            let mut rolled = 0;
            for (r, row) in rows.iter_mut().skip(1).enumerate() {
                let date = monday
                    .checked_add_days(Days::new(r as u64))
                    .unwrap_or(monday);
                let (text, style) = if date > self.today {
                    ("  ".to_string(), t.text)
                } else {
                    match find(date) {
                        Some(day) => {
                            let [k, s] = day_cell(day);
                            rolled += day.recovery + day.warmup;
                            let style = match day.kind() {
                                DayKind::Rest => t.dim,
                                DayKind::Stopped => t.warning,
                                _ => day.tenderness.map_or(t.gauge, |x| t.scale[band(x)]),
                            };
                            (format!("{k}{s}"), style)
                        }
                        None => ("  ".to_string(), t.dim),
                    }
                };
                let style = if date == self.today {
                    style.add_modifier(Modifier::REVERSED)
                } else {
                    style
                };
                row.push(Span::styled(text, style));
                row.push(Span::raw(" "));
            }
            let met = rolled >= self.goal.max(1);
            let started = self
                .days
                .iter()
                .find(|d| d.kind() != DayKind::Rest)
                .is_some_and(|d| week_start(d.date) <= monday);
            goal_row.push(if !started {
                Span::raw("   ")
            } else if met {
                Span::styled("✓  ", t.gauge)
            } else if monday == this_week {
                Span::styled(format!("{rolled:<3}"), t.text)
            } else {
                Span::styled(format!("{rolled:<3}"), t.dim)
            });
        }
        rows[0].push(Span::styled(month_row, t.dim));
        let mut lines: Vec<Line<'static>> = rows.into_iter().map(Line::from).collect();
        lines.push(Line::from(goal_row));
        let grid = lines.len() as u16;
        let [top, key] =
            Layout::vertical([Constraint::Length(grid), Constraint::Fill(1)]).areas(inner);
        Paragraph::new(lines).render(top, buf);
        Paragraph::new(Line::styled(
            format!(
                "R recovery  W warm-up  B both  x stopped early  · rest  shade: tenderness (as on the map)  today: reversed  goal row: ✓ {} sessions met, else the number done",
                self.goal
            ),
            t.dim,
        ))
        .wrap(ratatui::widgets::Wrap { trim: true })
        .render(key, buf);
    }
}

/// The legend's first line shown, so that the cursor's row stays in view.
pub fn legend_skip(regions: &[String], cursor: Option<&str>, height: u16) -> usize {
    let rows = usize::from(height.max(1));
    let at = cursor
        .and_then(|c| regions.iter().position(|r| r == c))
        .unwrap_or(0)
        + 1;
    at.saturating_sub(rows.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every region the browse screen's body map draws is on the tenderness map, with
    /// cells on both sides when it has sides.
    #[test]
    fn the_tenderness_map_shows_every_region_the_body_map_draws() {
        let library = crate::library::load_builtin().library;
        let layout = super::super::bodymap::layout(&library);
        let regions = layout.regions();
        for r in &library.regions {
            if super::super::bodymap::has_region(&library, &r.id) {
                assert!(regions.contains(&r.id), "{}", r.id);
            }
        }
        let sides = |id: &str, side| {
            layout.rows.iter().flatten().any(
                |c| matches!(c, Cell::Region { region, side: s } if region == id && *s == side),
            )
        };
        assert!(sides("hamstrings", Some(Side::Left)) && sides("hamstrings", Some(Side::Right)));
        assert!(sides("quads", Some(Side::Left)) && sides("quads", Some(Side::Right)));
    }

    #[test]
    fn names_are_cut_between_words_only() {
        assert_eq!(fit_words("Calf and Achilles", 17), "Calf and Achilles");
        assert_eq!(fit_words("Calf and Achilles", 12), "Calf and…");
        assert_eq!(fit_words("Calf and Achilles", 5), "Calf…");
        assert_eq!(fit_words("Hamstrings", 6), "…");
    }
}
