//! What the review's pictures and the HTML report draw, as data: a tenderness chart per
//! region (left and right apart, every point a real session's rating, with 4-week
//! averages), sessions and minutes per week, a day calendar, and the tenderness map
//! (a body map's cells, each the average of its region and side). Computed here,
//! without a terminal, so tests read the numbers a chart or map is drawn from.

use chrono::{Days, NaiveDate};

use super::SessionSummary;
use super::stats::{Direction, WeekTotal, session_date, tenderness_series, trends, week_start};
use crate::library::Style;
use crate::session::{Side, Status};

/// The dates a picture covers, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Window {
    /// From `since` (or the first session, or 12 weeks back with no history) to `to`.
    pub fn of(sessions: &[&SessionSummary], since: Option<NaiveDate>, to: NaiveDate) -> Window {
        let first = sessions.iter().map(|s| session_date(s)).min();
        let from = since
            .or(first)
            .unwrap_or_else(|| to.checked_sub_days(Days::new(83)).unwrap_or(to))
            .min(to);
        Window { from, to }
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.from && d <= self.to
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// Weeks (Monday to Sunday) that touch the window.
    pub fn weeks(&self) -> u32 {
        let n = (week_start(self.to) - week_start(self.from)).num_days() / 7 + 1;
        u32::try_from(n).unwrap_or(1).max(1)
    }
}

/// One point of a tenderness chart: one session's average rating for a region and
/// side (most sessions rate a spot once, so this is usually the rating itself).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartPoint {
    pub date: NaiveDate,
    pub value: f64,
    pub ratings: u32,
}

/// The average of every rating in a 4-week block (the last block may be shorter where
/// the window starts).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Block {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub average: f64,
    pub ratings: u32,
}

/// One side's ratings of a region (`side` none for a region rated without sides).
#[derive(Debug, Clone, PartialEq)]
pub struct SideSeries {
    pub side: Option<Side>,
    pub points: Vec<ChartPoint>,
    /// Oldest first.
    pub blocks: Vec<Block>,
}

/// A region's tenderness over a window: the series in the order left, right, unsided.
#[derive(Debug, Clone, PartialEq)]
pub struct TenderChart {
    pub region: String,
    pub window: Window,
    pub series: Vec<SideSeries>,
}

impl TenderChart {
    pub fn side(&self, side: Option<Side>) -> Option<&SideSeries> {
        self.series.iter().find(|s| s.side == side)
    }

    pub fn is_empty(&self) -> bool {
        self.series.iter().all(|s| s.points.is_empty())
    }
}

fn sub(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(NaiveDate::MIN)
}

/// 4-week blocks ending with the window's last day, back to its first.
fn blocks(points: &[ChartPoint], w: Window) -> Vec<Block> {
    let mut out = Vec::new();
    let mut to = w.to;
    while to >= w.from {
        let from = sub(to, 27).max(w.from);
        let (sum, n) = points
            .iter()
            .filter(|p| p.date >= from && p.date <= to)
            .fold((0.0, 0u32), |(s, c), p| {
                (s + p.value * f64::from(p.ratings), c + p.ratings)
            });
        if n > 0 {
            out.push(Block {
                from,
                to,
                average: sum / f64::from(n),
                ratings: n,
            });
        }
        let Some(next) = from.checked_sub_days(Days::new(1)) else {
            break;
        };
        to = next;
    }
    out.reverse();
    out
}

/// The tenderness chart of `region` over `window`: every rated session in it, once.
pub fn tender_chart(sessions: &[&SessionSummary], region: &str, window: Window) -> TenderChart {
    let mut ordered: Vec<&SessionSummary> = sessions
        .iter()
        .copied()
        .filter(|s| window.contains(session_date(s)))
        .collect();
    ordered.sort_by_key(|s| s.started_at);
    let mut series: Vec<SideSeries> = [Some(Side::Left), Some(Side::Right), None]
        .into_iter()
        .map(|side| SideSeries {
            side,
            points: Vec::new(),
            blocks: Vec::new(),
        })
        .collect();
    for s in ordered {
        for w in s
            .regions
            .iter()
            .filter(|w| *w.region == *region && w.rating_count > 0)
        {
            if let Some(slot) = series.iter_mut().find(|x| x.side == w.side) {
                slot.points.push(ChartPoint {
                    date: session_date(s),
                    value: f64::from(w.rating_sum) / f64::from(w.rating_count),
                    ratings: w.rating_count,
                });
            }
        }
    }
    series.retain(|s| !s.points.is_empty());
    for s in &mut series {
        s.blocks = blocks(&s.points, window);
    }
    TenderChart {
        region: region.to_string(),
        window,
        series,
    }
}

/// The weeks of a window, oldest first, with sessions and minutes (see
/// [`super::weekly_minutes`]).
pub fn weeks_of(sessions: &[&SessionSummary], window: Window) -> Vec<WeekTotal> {
    let inside: Vec<&SessionSummary> = sessions
        .iter()
        .copied()
        .filter(|s| window.contains(session_date(s)))
        .collect();
    super::weekly_minutes(&inside, window.to, window.weeks())
}

/// A region and side on the tenderness map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapEntry {
    pub region: String,
    pub side: Option<Side>,
    /// The average of every rating over the window.
    pub average: f64,
    pub ratings: u32,
    /// The last 4 weeks against the 4 before (none without ratings in both).
    pub direction: Option<Direction>,
    pub recent: Option<f64>,
    pub before: Option<f64>,
}

/// Every region and side rated in the window, with its average and its direction.
pub fn tender_map(sessions: &[&SessionSummary], window: Window) -> Vec<MapEntry> {
    let inside: Vec<&SessionSummary> = sessions
        .iter()
        .copied()
        .filter(|s| window.contains(session_date(s)))
        .collect();
    trends(&tenderness_series(&inside), window.to)
        .into_iter()
        .map(|t| {
            let (sum, n) = t
                .points
                .iter()
                .fold((0u32, 0u32), |(s, c), p| (s + p.sum, c + p.count));
            MapEntry {
                direction: t.direction(),
                region: t.region,
                side: t.side,
                average: f64::from(sum) / f64::from(n.max(1)),
                ratings: n,
                recent: t.recent,
                before: t.before,
            }
        })
        .collect()
}

/// What a day of the calendar shows.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Day {
    pub date: NaiveDate,
    pub recovery: u32,
    pub warmup: u32,
    /// Aborted or interrupted sessions.
    pub stopped: u32,
    /// The average of the day's ratings.
    pub tenderness: Option<f64>,
}

/// What was done on a day, for its colour and glyph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    Rest,
    Recovery,
    Warmup,
    Both,
    /// Only sessions stopped early.
    Stopped,
}

impl Day {
    pub fn kind(&self) -> DayKind {
        match (self.recovery > 0, self.warmup > 0) {
            (true, true) => DayKind::Both,
            (true, false) => DayKind::Recovery,
            (false, true) => DayKind::Warmup,
            (false, false) if self.stopped > 0 => DayKind::Stopped,
            _ => DayKind::Rest,
        }
    }
}

/// One entry per day of the window, oldest first.
pub fn calendar(sessions: &[&SessionSummary], window: Window) -> Vec<Day> {
    let days = usize::try_from(window.days().clamp(0, 366 * 20)).unwrap_or(0);
    let mut out: Vec<Day> = (0..days)
        .filter_map(|i| window.from.checked_add_days(Days::new(i as u64)))
        .map(|date| Day {
            date,
            ..Day::default()
        })
        .collect();
    let mut sums = vec![(0u32, 0u32); out.len()];
    for s in sessions {
        let d = session_date(s);
        if !window.contains(d) {
            continue;
        }
        let i = (d - window.from).num_days() as usize;
        let (Some(day), Some(sum)) = (out.get_mut(i), sums.get_mut(i)) else {
            continue;
        };
        match (s.shown_status(), s.style) {
            (Status::Aborted | Status::Interrupted, _) => day.stopped += 1,
            (_, Style::Recovery) => day.recovery += 1,
            (_, Style::Warmup) => day.warmup += 1,
        }
        for w in &s.regions {
            sum.0 += w.rating_sum;
            sum.1 += w.rating_count;
        }
    }
    for (day, (sum, n)) in out.iter_mut().zip(sums) {
        day.tenderness = (n > 0).then(|| f64::from(sum) / f64::from(n));
    }
    out
}

/// One cell of a body map: drawing, or a region's side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Art(char),
    Region { region: String, side: Option<Side> },
}

/// A body map as data: rows of cells, front and back figures side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapLayout {
    pub rows: Vec<Vec<Cell>>,
}

impl MapLayout {
    /// A map from text art whose letters in `codes` are regions, with the middle
    /// columns of the front and back figures.
    pub fn from_art(
        art: &str,
        codes: &[(char, String)],
        front_middle: usize,
        back_middle: usize,
    ) -> MapLayout {
        let split = (front_middle + back_middle) / 2;
        let rows = art
            .lines()
            .map(|line| {
                line.chars()
                    .enumerate()
                    .map(|(col, ch)| match codes.iter().find(|(c, _)| *c == ch) {
                        Some((_, region)) => {
                            let front = col < split;
                            let middle = if front { front_middle } else { back_middle };
                            let side = if col == middle {
                                None
                            } else if (col < middle) == front {
                                Some(Side::Right)
                            } else {
                                Some(Side::Left)
                            };
                            Cell::Region {
                                region: region.clone(),
                                side,
                            }
                        }
                        None => Cell::Art(ch),
                    })
                    .collect()
            })
            .collect();
        MapLayout { rows }
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The regions the map can show, in the order they first appear.
    pub fn regions(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for cell in self.rows.iter().flatten() {
            if let Cell::Region { region, .. } = cell
                && !out.contains(region)
            {
                out.push(region.clone());
            }
        }
        out
    }

    /// The region and side at a row and column, if any.
    pub fn at(&self, row: usize, col: usize) -> Option<(&str, Option<Side>)> {
        match self.rows.get(row)?.get(col)? {
            Cell::Region { region, side } => Some((region, *side)),
            Cell::Art(_) => None,
        }
    }
}

/// The band an average rating falls in, rounded to a whole rating: 0-2 mild, 3-4,
/// 5-7, 8-10 severe. The map, the calendar and the report use the same bands.
pub fn band(rating: f64) -> usize {
    match rating.round() as i64 {
        ..=2 => 0,
        3..=4 => 1,
        5..=7 => 2,
        _ => 3,
    }
}

/// The bands' ratings, as the legends show them.
pub const BAND_NAMES: [&str; 4] = ["0-2", "3-4", "5-7", "8-10"];
