//! Statistics over sessions for the review view and the commands. Every session is
//! dated where it happened (the UTC offset it was recorded with), so travel and DST
//! changes never split or merge days.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use super::summary::SessionSummary;
use crate::session::Side;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streak {
    /// Days in a row with a session, ending today (or yesterday: today is not over).
    pub current: u32,
    pub longest: u32,
}

pub fn session_date(s: &SessionSummary) -> NaiveDate {
    s.started_at.date_naive()
}

/// Streaks of calendar days with at least one session.
pub fn streak(sessions: &[&SessionSummary], today: NaiveDate) -> Streak {
    let mut days: Vec<NaiveDate> = sessions.iter().map(|s| session_date(s)).collect();
    days.sort_unstable();
    days.dedup();
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
    let yesterday = today.checked_sub_days(Days::new(1));
    let current = match days.last() {
        Some(&last) if last == today || Some(last) == yesterday => run,
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
}

/// Minutes of rolling per week for the `weeks` weeks ending with this one, oldest first.
pub fn weekly_minutes(
    sessions: &[&SessionSummary],
    today: NaiveDate,
    weeks: u32,
) -> Vec<WeekTotal> {
    let this_week = week_start(today);
    let mut totals: Vec<WeekTotal> = (0..weeks)
        .rev()
        .filter_map(|i| this_week.checked_sub_days(Days::new(7 * u64::from(i))))
        .map(|week| WeekTotal { week, minutes: 0.0 })
        .collect();
    let Some(first) = totals.first().map(|w| w.week) else {
        return totals;
    };
    for s in sessions {
        let week = week_start(session_date(s));
        if week < first || week > this_week {
            continue;
        }
        let index = ((week - first).num_days() / 7) as usize;
        if let Some(t) = totals.get_mut(index) {
            t.minutes += s.duration_s / 60.0;
        }
    }
    totals
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TendernessPoint {
    pub date: NaiveDate,
    /// The session's average rating for that region and side.
    pub average: f64,
}

pub type SeriesKey = (String, Option<Side>);

/// A map over the few distinct (region, side) pairs of a history: a linear scan of a
/// dozen keys beats hashing a million lookups.
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
            out.slot((&*w.region, w.side))
                .push(TendernessPoint { date, average });
        }
    }
    out.0
        .into_iter()
        .map(|((r, side), v)| ((r.to_string(), side), v))
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
}

/// Everything the review view shows, computed once per change of data or filter.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub streak: Streak,
    pub weeks: Vec<WeekTotal>,
    pub tenderness: BTreeMap<SeriesKey, Vec<TendernessPoint>>,
    pub last_worked: BTreeMap<String, NaiveDate>,
    pub sessions: usize,
}

impl Review {
    pub fn compute(sessions: &[&SessionSummary], today: NaiveDate) -> Review {
        Review {
            streak: streak(sessions, today),
            weeks: weekly_minutes(sessions, today, 12),
            tenderness: tenderness_series(sessions),
            last_worked: last_worked(sessions),
            sessions: sessions.len(),
        }
    }
}
