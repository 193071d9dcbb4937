//! Statistics over sessions for the review, the report and the commands. Every session
//! is dated where it happened (the UTC offset it was recorded with), so travel and DST
//! changes never split or merge days.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use super::SessionSummary;
use crate::session::Side;
use crate::wording::{capitalise, plural};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streak {
    /// Days in a row with rolling done, ending today (or yesterday: today is not over).
    pub current: u32,
    pub longest: u32,
}

pub fn session_date(s: &SessionSummary) -> NaiveDate {
    s.started_at.date_naive()
}

fn days_ago(today: NaiveDate, n: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(n)).unwrap_or(today)
}

/// The days with rolling done (see [`SessionSummary::rolled`]), oldest first, once each.
pub fn rolled_dates(sessions: &[&SessionSummary]) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = sessions
        .iter()
        .filter(|s| s.rolled)
        .map(|s| session_date(s))
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// Streaks of calendar days with rolling done. A session aborted before any rolling
/// (in its first phase) does not count.
pub fn streak(sessions: &[&SessionSummary], today: NaiveDate) -> Streak {
    // A session dated after today (a clock set wrong, a time zone further east) counts
    // on its own date, when that comes: it never breaks the streak running now.
    let mut days = rolled_dates(sessions);
    days.retain(|&d| d <= today);
    let mut longest = 0;
    let mut run = 0;
    let mut prev: Option<NaiveDate> = None;
    for &d in &days {
        run = match prev {
            Some(p) if p.checked_add_days(Days::new(1)) == Some(d) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        prev = Some(d);
    }
    let current = match days.last() {
        Some(&last) if last == today || last == days_ago(today, 1) => run,
        _ => 0,
    };
    Streak { current, longest }
}

/// The Monday of the week `d` is in.
pub fn week_start(d: NaiveDate) -> NaiveDate {
    d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday())))
        .unwrap_or(d)
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekTotal {
    /// Monday.
    pub week: NaiveDate,
    pub minutes: f64,
    /// Sessions with rolling done.
    pub sessions: u32,
}

/// Minutes and sessions of rolling per week for the `weeks` weeks ending with this
/// one, oldest first.
pub fn weekly_minutes(
    sessions: &[&SessionSummary],
    today: NaiveDate,
    weeks: u32,
) -> Vec<WeekTotal> {
    let this_week = week_start(today);
    let mut totals: Vec<WeekTotal> = (0..weeks)
        .rev()
        .filter_map(|i| this_week.checked_sub_days(Days::new(7 * u64::from(i))))
        .map(|week| WeekTotal {
            week,
            minutes: 0.0,
            sessions: 0,
        })
        .collect();
    let Some(first) = totals.first().map(|w| w.week) else {
        return totals;
    };
    for s in sessions {
        // Sessions dated after today count on their own date, when it comes.
        if session_date(s) > today {
            continue;
        }
        let week = week_start(session_date(s));
        if week < first || week > this_week {
            continue;
        }
        let index = ((week - first).num_days() / 7) as usize;
        if let Some(t) = totals.get_mut(index) {
            t.minutes += s.duration_s / 60.0;
            t.sessions += u32::from(s.rolled);
        }
    }
    totals
}

/// Progress against the weekly goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeeklyGoal {
    pub goal: u32,
    /// Sessions with rolling done this week (Monday to today).
    pub this_week: u32,
    /// Weeks in a row the goal was met, ending with this week if it is met already,
    /// else with last week.
    pub weeks_met: u32,
}

pub fn weekly_goal(sessions: &[&SessionSummary], today: NaiveDate, goal: u32) -> WeeklyGoal {
    let goal = goal.max(1);
    let mut per_week: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    // Sessions dated after today count on their own date, when it comes (as in the
    // weekly table).
    for s in sessions
        .iter()
        .filter(|s| s.rolled && session_date(s) <= today)
    {
        *per_week.entry(week_start(session_date(s))).or_default() += 1;
    }
    let this = week_start(today);
    let this_week = per_week.get(&this).copied().unwrap_or(0);
    let mut week = if this_week >= goal {
        this
    } else {
        days_ago(this, 7)
    };
    let mut weeks_met = 0;
    while per_week.get(&week).is_some_and(|&n| n >= goal) {
        weeks_met += 1;
        let Some(prev) = week.checked_sub_days(Days::new(7)) else {
            break;
        };
        week = prev;
    }
    WeeklyGoal {
        goal,
        this_week,
        weeks_met,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TendernessPoint {
    pub date: NaiveDate,
    /// The session's average rating for that region and side.
    pub average: f64,
    pub sum: u32,
    pub count: u32,
}

pub type SeriesKey = (String, Option<Side>);

/// A map over the few distinct (region, side) pairs of a history: a linear scan of a
/// dozen keys beats hashing many lookups.
struct SmallMap<K, V>(Vec<(K, V)>);

impl<K: PartialEq, V: Default> SmallMap<K, V> {
    fn slot(&mut self, key: K) -> &mut V {
        let i = match self.0.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                self.0.push((key, V::default()));
                self.0.len() - 1
            }
        };
        &mut self.0[i].1
    }
}

/// Tenderness over time per region and side (left and right apart), oldest first.
pub fn tenderness_series(
    sessions: &[&SessionSummary],
) -> BTreeMap<SeriesKey, Vec<TendernessPoint>> {
    let mut ordered: Vec<&SessionSummary> = sessions.to_vec();
    ordered.sort_by_key(|s| s.started_at);
    let mut out: SmallMap<(&str, Option<Side>), Vec<TendernessPoint>> = SmallMap(Vec::new());
    for s in ordered {
        let date = session_date(s);
        for w in s.regions.iter().filter(|w| w.rating_count > 0) {
            let average = f64::from(w.rating_sum) / f64::from(w.rating_count);
            out.slot((&*w.region, w.side)).push(TendernessPoint {
                date,
                average,
                sum: w.rating_sum,
                count: w.rating_count,
            });
        }
    }
    out.0
        .into_iter()
        .map(|((r, side), v)| ((r.to_string(), side), v))
        .collect()
}

/// Whether tenderness went down (better), up (worse) or stayed within half a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Better,
    Worse,
    Same,
}

impl Direction {
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Better => "↓",
            Direction::Worse => "↑",
            Direction::Same => "→",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Direction::Better => "better",
            Direction::Worse => "worse",
            Direction::Same => "about the same",
        }
    }
}

/// One region and side's ratings over a window, with the last 4 weeks beside the 4
/// before.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub region: String,
    pub side: Option<Side>,
    pub points: Vec<TendernessPoint>,
    /// The dates of the first and last rating in the window.
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Average rating of the last 28 days (today included), and of the 28 before.
    pub recent: Option<f64>,
    pub before: Option<f64>,
}

impl Trend {
    pub fn direction(&self) -> Option<Direction> {
        let (r, b) = (self.recent?, self.before?);
        Some(if r <= b - 0.5 {
            Direction::Better
        } else if r >= b + 0.5 {
            Direction::Worse
        } else {
            Direction::Same
        })
    }
}

fn average_between(points: &[TendernessPoint], from: NaiveDate, to: NaiveDate) -> Option<f64> {
    let (sum, count) = points
        .iter()
        .filter(|p| p.date >= from && p.date <= to)
        .fold((0u32, 0u32), |(s, c), p| (s + p.sum, c + p.count));
    (count > 0).then(|| f64::from(sum) / f64::from(count))
}

/// A trend per region and side of a [`tenderness_series`].
pub fn trends(series: &BTreeMap<SeriesKey, Vec<TendernessPoint>>, today: NaiveDate) -> Vec<Trend> {
    series
        .iter()
        .filter_map(|((region, side), points)| {
            let first = points.first()?.date;
            let last = points.last()?.date;
            let recent = average_between(points, days_ago(today, 27), today);
            let before = average_between(points, days_ago(today, 55), days_ago(today, 28));
            Some(Trend {
                region: region.clone(),
                side: *side,
                points: points.clone(),
                first,
                last,
                recent,
                before,
            })
        })
        .collect()
}

/// Left and right of a region rated 2 or more apart.
#[derive(Debug, Clone, PartialEq)]
pub struct Asymmetry {
    pub region: String,
    /// The more tender side and its average; the other side's average.
    pub higher: Side,
    pub high: f64,
    pub low: f64,
    pub weeks: u32,
}

impl Asymmetry {
    /// "Right hamstrings 6.2 vs left 3.1 over 4 weeks", with the region's name.
    pub fn sentence(&self, region_name: &str) -> String {
        let side = capitalise(self.higher.label());
        format!(
            "{side} {} {:.1} vs {} {:.1} over {}",
            region_name.to_lowercase(),
            self.high,
            self.higher.other().label(),
            self.low,
            plural(self.weeks, "week")
        )
    }
}

/// Regions whose left and right averages differ by 2 or more over the last `weeks`
/// weeks, with at least 3 ratings on each side.
pub fn asymmetries(sessions: &[&SessionSummary], today: NaiveDate, weeks: u32) -> Vec<Asymmetry> {
    let from = days_ago(today, u64::from(weeks) * 7 - 1);
    let mut sides: BTreeMap<&str, [(u32, u32); 2]> = BTreeMap::new();
    for s in sessions {
        let d = session_date(s);
        if d < from || d > today {
            continue;
        }
        for w in &s.regions {
            let i = match w.side {
                Some(Side::Left) => 0,
                Some(Side::Right) => 1,
                None => continue,
            };
            let slot = &mut sides.entry(&w.region).or_default()[i];
            slot.0 += w.rating_sum;
            slot.1 += w.rating_count;
        }
    }
    sides
        .into_iter()
        .filter_map(|(region, [l, r])| {
            if l.1 < 3 || r.1 < 3 {
                return None;
            }
            let left = f64::from(l.0) / f64::from(l.1);
            let right = f64::from(r.0) / f64::from(r.1);
            if (left - right).abs() < 2.0 {
                return None;
            }
            let (higher, high, low) = if right > left {
                (Side::Right, right, left)
            } else {
                (Side::Left, left, right)
            };
            Some(Asymmetry {
                region: region.to_string(),
                higher,
                high,
                low,
                weeks,
            })
        })
        .collect()
}

/// The last day each region was actually worked (held or moved, not only skipped).
pub fn last_worked(sessions: &[&SessionSummary]) -> BTreeMap<String, NaiveDate> {
    let mut out: SmallMap<&str, Option<NaiveDate>> = SmallMap(Vec::new());
    for s in sessions {
        let date = session_date(s);
        for w in s.regions.iter().filter(|w| w.worked) {
            let slot = out.slot(&*w.region);
            if slot.is_none_or(|d| date > d) {
                *slot = Some(date);
            }
        }
    }
    out.0
        .into_iter()
        .filter_map(|(r, d)| Some((r.to_string(), d?)))
        .collect()
}

/// A region and how long ago it was last rolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub region: String,
    pub last: Option<NaiveDate>,
    /// Days since; `None` when never.
    pub days: Option<i64>,
}

/// Every region in `regions` and in `last`, never rolled first, then the longest ago.
pub fn coverage(
    last: &BTreeMap<String, NaiveDate>,
    regions: &[String],
    today: NaiveDate,
) -> Vec<Coverage> {
    let mut out: Vec<Coverage> = regions
        .iter()
        .filter(|r| !last.contains_key(*r))
        .map(|r| Coverage {
            region: r.clone(),
            last: None,
            days: None,
        })
        .collect();
    let mut seen: Vec<Coverage> = last
        .iter()
        .map(|(r, &d)| Coverage {
            region: r.clone(),
            last: Some(d),
            // A date after today (a clock set wrong) is not "-3 days ago".
            days: Some((today - d).num_days().max(0)),
        })
        .collect();
    seen.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.region.cmp(&b.region)));
    out.extend(seen);
    out
}

/// Which sessions the review shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub routine: Option<String>,
    pub region: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Filter {
    pub fn matches(&self, s: &SessionSummary) -> bool {
        let date = session_date(s);
        self.routine.as_ref().is_none_or(|r| *s.routine_id == **r)
            && self
                .region
                .as_ref()
                .is_none_or(|r| s.regions.iter().any(|w| *w.region == **r))
            && self.since.is_none_or(|d| date >= d)
            && self.until.is_none_or(|d| date <= d)
    }

    pub fn apply<'a>(&self, sessions: &'a [SessionSummary]) -> Vec<&'a SessionSummary> {
        sessions.iter().filter(|s| self.matches(s)).collect()
    }

    /// A session narrowed to the filter's region (all of it without one).
    pub fn narrow(&self, s: &SessionSummary) -> SessionSummary {
        let mut s = s.clone();
        if let Some(r) = &self.region {
            s.regions.retain(|w| *w.region == **r);
            s.rolled &= s.regions.iter().any(|w| w.worked);
        }
        s
    }
}

/// Everything the review shows, computed once per change of data or filter.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub streak: Streak,
    pub goal: WeeklyGoal,
    pub weeks: Vec<WeekTotal>,
    pub tenderness: BTreeMap<SeriesKey, Vec<TendernessPoint>>,
    pub trends: Vec<Trend>,
    pub asymmetries: Vec<Asymmetry>,
    pub last_worked: BTreeMap<String, NaiveDate>,
    pub sessions: usize,
}

impl Review {
    /// Statistics over `sessions` (already filtered and narrowed to a region when the
    /// filter has one).
    pub fn compute(sessions: &[&SessionSummary], today: NaiveDate, goal: u32) -> Review {
        let tenderness = tenderness_series(sessions);
        Review {
            streak: streak(sessions, today),
            goal: weekly_goal(sessions, today, goal),
            weeks: weekly_minutes(sessions, today, 12),
            trends: trends(&tenderness, today),
            asymmetries: asymmetries(sessions, today, 4),
            tenderness,
            last_worked: last_worked(sessions),
            sessions: sessions.len(),
        }
    }
}
