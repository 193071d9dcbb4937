//! What the planner needs to know of the history, and the adapter that builds it from
//! the history's session summaries. The planner sees only [`Facts`], so a change of
//! storage touches this file alone.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::history::{SessionSummary, last_worked, session_date, tenderness_series};
use crate::library::{Side, Style};

/// One session's average rating for a region and side, on the day it was rolled.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rating {
    pub date: NaiveDate,
    pub value: f64,
}

/// The latest session: when it started (local time where it was recorded) and its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LastSession {
    pub started: NaiveDateTime,
    pub style: Style,
}

/// The history, reduced to what today's plan and the status line use.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// Ratings per region and side (`None` for exercises without sides), oldest first.
    pub ratings: BTreeMap<(String, Option<Side>), Vec<Rating>>,
    /// The last day each region was rolled (held or moved, not only skipped).
    pub last_rolled: BTreeMap<String, NaiveDate>,
    /// Sessions a week the person aims for (config `weekly_goal`).
    pub weekly_goal: u32,
    /// Sessions this week (Monday on) with rolling done.
    pub sessions_this_week: u32,
    pub last_session: Option<LastSession>,
    /// When the latest recovery session with rolling done started.
    pub last_recovery: Option<NaiveDateTime>,
    /// Runs (only runs: other sports do not shape the plan), newest first, from the
    /// last [`super::runs::WINDOW_DAYS`] days.
    pub runs: Vec<RunFact>,
}

/// One run as the planner sees it: local times, distance, time and climb.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RunFact {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub distance_m: f64,
    pub duration_s: f64,
    pub descent_m: Option<f64>,
}

impl RunFact {
    /// The run of a stored activity, or `None` for another sport.
    pub fn of(a: &crate::runs::Activity) -> Option<RunFact> {
        a.is_run().then(|| RunFact {
            start: a.start.naive_local(),
            end: a.end().naive_local(),
            distance_m: a.distance_m,
            duration_s: a.duration_s,
            descent_m: a.descent_m,
        })
    }
}

impl Facts {
    /// Nothing rolled and nothing rated: the planner proposes its defaults.
    pub fn is_empty(&self) -> bool {
        self.ratings.is_empty() && self.last_rolled.is_empty()
    }

    /// The region most overdue among `regions` (the ones the library rolls): one never
    /// rolled first (`None` days), else the one rolled longest ago, and how many days
    /// ago. A region rolled today is not overdue; with no history at all nothing is.
    pub fn most_overdue<'a>(
        &self,
        today: NaiveDate,
        regions: impl Iterator<Item = &'a str>,
    ) -> Option<(&'a str, Option<i64>)> {
        if self.last_rolled.is_empty() {
            return None;
        }
        regions
            .map(|r| {
                let days = self
                    .last_rolled
                    .get(r)
                    .map(|d| (today - *d).num_days().max(0));
                (r, days)
            })
            .filter(|(_, days)| days.is_none_or(|d| d > 0))
            // Never rolled, then longest first; among equals the first by id.
            .min_by_key(|(r, days)| (days.map_or(i64::MIN, |d| -d), *r))
    }
}

/// Builds the facts from every session's summary (what the app holds), as of `today`.
pub fn from_summaries(sessions: &[SessionSummary], today: NaiveDate, weekly_goal: u32) -> Facts {
    let all: Vec<&SessionSummary> = sessions.iter().collect();
    from_history(sessions, last_worked(&all), today, weekly_goal)
}

/// The runs among `stored` (newest first) that the planner looks at, as of `today`:
/// those of the last [`super::runs::WINDOW_DAYS`] days.
pub fn runs_since(stored: &[crate::history::StoredRun], today: NaiveDate) -> Vec<RunFact> {
    let earliest = runs_window(today);
    stored
        .iter()
        .filter(|r| r.activity.start.date_naive() >= earliest)
        .filter_map(|r| RunFact::of(&r.activity))
        .collect()
}

/// The first day of the runs the planner looks at.
pub fn runs_window(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_days(chrono::Days::new(super::model::RUN_WINDOW_DAYS))
        .unwrap_or(today)
}

/// The first day whose sessions the facts need beyond the last day each region was
/// rolled: the ratings window (which also holds this week and today).
pub fn since(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_days(chrono::Days::new(super::model::WINDOW_DAYS))
        .unwrap_or(today)
}

/// Builds the facts as of `today` from the sessions since [`since`] (more do no harm)
/// and the last day each region was rolled, through the history's own statistics: its
/// tenderness series and the weekly goal (sessions with rolling done).
pub fn from_history(
    recent: &[SessionSummary],
    last_rolled: BTreeMap<String, NaiveDate>,
    today: NaiveDate,
    weekly_goal: u32,
) -> Facts {
    let earliest = since(today);
    let recent: Vec<&SessionSummary> = recent
        .iter()
        .filter(|s| session_date(s) >= earliest)
        .collect();
    let ratings = tenderness_series(&recent)
        .into_iter()
        .map(|(key, points)| {
            let points = points
                .into_iter()
                .map(|p| Rating {
                    date: p.date,
                    value: p.average,
                })
                .collect();
            (key, points)
        })
        .collect();
    let goal = crate::history::weekly_goal(&recent, today, weekly_goal);
    Facts {
        ratings,
        last_rolled,
        weekly_goal: goal.goal,
        sessions_this_week: goal.this_week,
        // A session counts only when something was rolled: a warm-up quit during its
        // get ready is not "you warmed up".
        last_session: recent
            .iter()
            .filter(|s| s.rolled)
            .max_by_key(|s| s.started_at)
            .map(|s| LastSession {
                started: s.started_at.naive_local(),
                style: s.style,
            }),
        last_recovery: recent
            .iter()
            .filter(|s| s.style == Style::Recovery && s.rolled)
            .map(|s| s.started_at.naive_local())
            .max(),
        runs: Vec::new(),
    }
}
