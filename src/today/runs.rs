//! What the runs say about today: the intent (a run that just ended, or the hour the
//! person usually runs), the emphasis (a downhill run puts quads and calves first, a
//! long run brings calves and feet forward, a week whose distance jumped asks for an
//! extra rest-day release) and a warm-up kept brisk before a run. Each rule gives its
//! reason as a sentence with the numbers and its source; the sentences are in
//! [`crate::wording::runs`].

use chrono::{Duration, NaiveDateTime, Timelike};

use super::facts::{Facts, RunFact};
use super::model::Intent;
use crate::wording::runs as words;

/// How far back the planner looks at runs.
pub const WINDOW_DAYS: u64 = super::model::RUN_WINDOW_DAYS;
/// A run that ended up to this long ago, with no recovery since, means "after a run".
pub const AFTER_RUN_HOURS: i64 = 4;
/// "Usually at this hour": runs that started up to this many minutes after the time of
/// day it is now...
pub const USUAL_WINDOW_MIN: i64 = 90;
/// ...on at least this many days of the last 4 weeks.
pub const USUAL_MIN_RUNS: usize = 3;
/// Soreness relief from rolling is largest 24-72 hours after exercise: a run in that
/// time still shapes a recovery.
pub const SORENESS_HOURS: i64 = 72;
/// A lot of descent: this much in total...
pub const DOWNHILL_M: f64 = 250.0;
/// ...or this much a kilometre, with at least [`DOWNHILL_MIN_M`].
pub const DOWNHILL_PER_KM: f64 = 20.0;
pub const DOWNHILL_MIN_M: f64 = 100.0;
/// A long run: this many times the median of the runs before it...
pub const LONG_FACTOR: f64 = 1.5;
/// ...and at least this long; with fewer than [`LONG_MIN_RUNS`] runs to compare, a run
/// of [`LONG_ALONE_S`] or more is long.
pub const LONG_MIN_S: f64 = 75.0 * 60.0;
pub const LONG_MIN_RUNS: usize = 3;
pub const LONG_ALONE_S: f64 = 100.0 * 60.0;
/// A week's distance jumped: this many times the average of the 4 weeks before...
pub const JUMP_FACTOR: f64 = 1.3;
/// ...and at least this much more.
pub const JUMP_MIN_M: f64 = 5_000.0;
/// Warm-up movement per region right before a run: short and brisk.
pub const BRISK_MAX_S: u32 = 45;

/// The regions a downhill run puts first, in order.
pub const DOWNHILL_FIRST: [&str; 2] = ["quads", "calves"];
/// The regions a long run brings forward.
pub const LONG_FORWARD: [&str; 2] = ["calves", "feet"];

/// The intent the runs give, with its reason, or `None` (then the clock decides).
pub fn intent(now: NaiveDateTime, facts: &Facts) -> Option<(Intent, String)> {
    let latest = facts
        .runs
        .iter()
        .filter(|r| r.end <= now)
        .max_by_key(|r| r.end);
    if let Some(r) = latest {
        let since = (now - r.end).num_minutes();
        let rolled_since = facts.last_recovery.is_some_and(|t| t >= r.end);
        if since <= AFTER_RUN_HOURS * 60 && !rolled_since {
            return Some((
                Intent::AfterRun,
                words::intent_after_run(r.distance_m, r.start, since),
            ));
        }
    }
    let ran_today = facts
        .runs
        .iter()
        .any(|r| r.start.date() == now.date() && r.start <= now);
    if ran_today {
        return None;
    }
    let now_min = i64::from(now.hour() * 60 + now.minute());
    let four_weeks = now.date() - Duration::days(28);
    let mut days: Vec<(chrono::NaiveDate, i64)> = Vec::new();
    for r in &facts.runs {
        if r.start.date() >= now.date() || r.start.date() < four_weeks {
            continue;
        }
        let m = i64::from(r.start.hour() * 60 + r.start.minute());
        if (0..=USUAL_WINDOW_MIN).contains(&(m - now_min))
            && !days.iter().any(|d| d.0 == r.start.date())
        {
            days.push((r.start.date(), m));
        }
    }
    if days.len() < USUAL_MIN_RUNS {
        return None;
    }
    let mut minutes: Vec<i64> = days.iter().map(|d| d.1).collect();
    minutes.sort_unstable();
    let usual = minutes[minutes.len() / 2];
    let at = now
        .date()
        .and_hms_opt((usual / 60) as u32, (usual % 60) as u32, 0)?;
    Some((
        Intent::BeforeRun,
        words::intent_before_run(at, days.len(), USUAL_WINDOW_MIN),
    ))
}

/// What the runs change in a plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Emphasis {
    /// Regions at the very front, each with its reason.
    pub first: Vec<(&'static str, String)>,
    /// Regions brought right after the core, each with its reason.
    pub forward: Vec<(&'static str, String)>,
    /// Notes on the whole plan (the weekly jump, the brisk warm-up, the sources).
    pub notes: Vec<String>,
}

impl Emphasis {
    pub fn first_reason(&self, region: &str) -> Option<(usize, &str)> {
        self.first
            .iter()
            .position(|(r, _)| *r == region)
            .map(|i| (i, self.first[i].1.as_str()))
    }

    pub fn forward_reason(&self, region: &str) -> Option<(usize, &str)> {
        self.forward
            .iter()
            .position(|(r, _)| *r == region)
            .map(|i| (i, self.forward[i].1.as_str()))
    }
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// Whether a run had a lot of descent.
pub fn is_downhill(r: &RunFact) -> bool {
    let Some(d) = r.descent_m else {
        return false;
    };
    let per_km = if r.distance_m > 0.0 {
        d / (r.distance_m / 1000.0)
    } else {
        0.0
    };
    d >= DOWNHILL_M || (d >= DOWNHILL_MIN_M && per_km >= DOWNHILL_PER_KM)
}

/// Whether `r` is long against the runs before it in the window; the median and how
/// many runs it was taken over, when there were enough.
pub fn long_run(r: &RunFact, facts: &Facts) -> Option<Option<(f64, usize)>> {
    let before: Vec<f64> = facts
        .runs
        .iter()
        .filter(|o| o.start < r.start)
        .map(|o| o.duration_s)
        .collect();
    let n = before.len();
    if n >= LONG_MIN_RUNS {
        let m = median(before)?;
        (r.duration_s >= LONG_FACTOR * m && r.duration_s >= LONG_MIN_S).then_some(Some((m, n)))
    } else {
        (r.duration_s >= LONG_ALONE_S).then_some(None)
    }
}

/// The distance of the last 7 days and the weekly average of the (up to) 4 weeks
/// before.
pub fn weekly_distances(now: NaiveDateTime, facts: &Facts) -> Option<(f64, f64)> {
    let mut last7 = 0.0;
    let mut before = [0.0f64; 4];
    for r in facts.runs.iter().filter(|r| r.start <= now) {
        let days = (now - r.start).num_days();
        match days {
            0..=6 => last7 += r.distance_m,
            7..=34 => before[(days as usize - 7) / 7] += r.distance_m,
            _ => {}
        }
    }
    // Over the weeks since the runner's first run among them (a runner who started 3
    // weeks ago has 3 weeks to average), and only with 2 weeks or more to go on.
    let weeks = before.iter().rposition(|w| *w > 0.0).map_or(0, |i| i + 1);
    (weeks >= 2).then(|| (last7, before.iter().sum::<f64>() / weeks as f64))
}

/// What the runs change in a plan for `intent` at `now`.
pub fn emphasis(now: NaiveDateTime, facts: &Facts, intent: Intent) -> Emphasis {
    let mut e = Emphasis::default();
    let (mut lee, mut zhou, mut giovanelli) = (false, false, false);
    if intent.style() == crate::library::Style::Recovery {
        // Every run of the last 72 hours counts, not only the latest: a hilly long run
        // yesterday still asks for its care after an easy run this morning.
        let recent: Vec<&RunFact> = facts
            .runs
            .iter()
            .filter(|r| r.end <= now && (now - r.end).num_hours() < SORENESS_HOURS)
            .collect();
        let downhill = recent.iter().filter(|r| is_downhill(r)).max_by(|a, b| {
            a.descent_m
                .unwrap_or(0.0)
                .total_cmp(&b.descent_m.unwrap_or(0.0))
        });
        if let Some(r) = downhill {
            let when = words::day_words(r.start, now);
            let why = words::downhill(r.descent_m.unwrap_or(0.0), r.distance_m, &when);
            e.first = DOWNHILL_FIRST.iter().map(|id| (*id, why.clone())).collect();
            lee = true;
        }
        let long = recent
            .iter()
            .filter_map(|r| long_run(r, facts).map(|m| (*r, m)))
            .max_by(|a, b| a.0.duration_s.total_cmp(&b.0.duration_s));
        {
            if let Some((r, median)) = long {
                let when = words::day_words(r.start, now);
                let why = words::long_run(r.duration_s, &when, median);
                e.forward = LONG_FORWARD
                    .iter()
                    .filter(|id| !e.first.iter().any(|(f, _)| f == *id))
                    .map(|id| (*id, why.clone()))
                    .collect();
                zhou = true;
            }
        }
    }
    if let Some((last7, average)) = weekly_distances(now, facts)
        && last7 >= JUMP_FACTOR * average
        && last7 - average >= JUMP_MIN_M
    {
        e.notes.push(words::weekly_jump(
            last7,
            average,
            intent == Intent::RestDay,
        ));
        zhou = true;
    }
    if intent == Intent::BeforeRun {
        e.notes.push(words::brisk_warmup(BRISK_MAX_S));
        giovanelli = true;
    }
    if let Some(s) = words::sources(lee, zhou, giovanelli) {
        e.notes.push(s);
    }
    e
}
