//! `foamroll history report`: a Markdown summary of the last weeks, to paste to a coach
//! or a physiotherapist.

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};

use super::SessionSummary;
use super::stats::{
    asymmetries, coverage, last_worked, session_date, tenderness_series, trends, week_start,
    weekly_goal, weekly_minutes,
};
use crate::text::printable;
use crate::wording::plural;

/// Text from the history or a library, safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    printable(s)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('*', "\\*")
        .replace('_', "\\_")
        .replace('`', "\\`")
        .replace('<', "&lt;")
}

fn average(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |v| format!("{v:.1}"))
}

/// The report over the `weeks` weeks ending with the week of `today`. `regions` are the
/// library's rollable regions as (id, name); ids found only in the history are shown as
/// they are.
pub fn report_markdown(
    sessions: &[SessionSummary],
    today: NaiveDate,
    weeks: u32,
    goal: u32,
    regions: &[(String, String)],
    runs: &[super::activities::WeekRuns],
) -> String {
    let weeks = weeks.max(1);
    let name = |id: &str| -> String {
        regions
            .iter()
            .find(|(i, _)| i == id)
            .map_or_else(|| cell(id), |(_, n)| cell(n))
    };
    let first = week_start(today)
        .checked_sub_days(Days::new(7 * u64::from(weeks - 1)))
        .unwrap_or(today);
    let all: Vec<&SessionSummary> = sessions.iter().collect();
    let window: Vec<&SessionSummary> = sessions
        .iter()
        .filter(|s| (first..=today).contains(&session_date(s)))
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Foam rolling: {} from {} to {}\n",
        plural(weeks, "week"),
        first.format("%a %-d %b %Y"),
        today.format("%a %-d %b %Y")
    );
    let g = weekly_goal(&all, today, goal);
    let _ = writeln!(
        out,
        "Weekly goal: {}. This week: {} of {}. Goal met {} in a row.\n",
        plural(g.goal, "session"),
        g.this_week,
        g.goal,
        plural(g.weeks_met, "week"),
    );
    let _ = writeln!(out, "## Sessions per week\n");
    let _ = writeln!(
        out,
        "| Week of | Sessions | Goal | Minutes | Runs | Km run |"
    );
    let _ = writeln!(out, "| --- | ---: | --- | ---: | ---: | ---: |");
    let totals = weekly_minutes(&window, today, weeks);
    for w in &totals {
        let met = if w.sessions >= g.goal {
            "met"
        } else if w.week == week_start(today) {
            "in progress"
        } else {
            "not met"
        };
        let run = runs.iter().find(|r| r.week == w.week);
        let _ = writeln!(
            out,
            "| {} | {} | {met} | {:.0} | {} | {:.1} |",
            w.week.format("%a %-d %b"),
            w.sessions,
            w.minutes,
            run.map_or(0, |r| r.runs),
            run.map_or(0.0, |r| r.distance_m / 1000.0)
        );
    }
    let count: u32 = totals.iter().map(|w| w.sessions).sum();
    let minutes: f64 = totals.iter().map(|w| w.minutes).sum();
    let run_count: u32 = runs.iter().map(|r| r.runs).sum();
    // A fold from +0: an empty f64 sum is -0, which would print as "-0.0".
    let km: f64 = runs.iter().fold(0.0, |a, r| a + r.distance_m) / 1000.0;
    let _ = writeln!(
        out,
        "\nIn all: {} with rolling done, {minutes:.0} minutes; {} ({km:.1} km).\n",
        plural(count, "session"),
        plural(run_count, "run")
    );

    let _ = writeln!(out, "## Tenderness (0 none to 10 worst)\n");
    let series = tenderness_series(&window);
    let tr = trends(&series, today);
    if tr.is_empty() {
        let _ = writeln!(out, "No ratings in these weeks.\n");
    } else {
        let _ = writeln!(
            out,
            "| Region | Side | Ratings | From | To | Average | Last 4 weeks | 4 weeks before | Trend |"
        );
        let _ = writeln!(
            out,
            "| --- | --- | ---: | --- | --- | ---: | ---: | ---: | --- |"
        );
        // Last 4 weeks against the 4 before, whatever the window.
        let whole = trends(&tenderness_series(&all), today);
        for t in &tr {
            let long = whole
                .iter()
                .find(|w| w.region == t.region && w.side == t.side)
                .unwrap_or(t);
            let (sum, n) = t
                .points
                .iter()
                .fold((0u32, 0u32), |(s, c), p| (s + p.sum, c + p.count));
            let avg = (n > 0).then(|| f64::from(sum) / f64::from(n));
            let trend = long
                .direction()
                .map_or("–".to_string(), |d| format!("{} {}", d.arrow(), d.word()));
            let _ = writeln!(
                out,
                "| {} | {} | {n} | {} | {} | {} | {} | {} | {trend} |",
                name(&t.region),
                t.side.map_or("both", |s| s.label()),
                t.first.format("%-d %b"),
                t.last.format("%-d %b"),
                average(avg),
                average(long.recent),
                average(long.before),
            );
        }
        let _ = writeln!(out);
    }
    let asym = asymmetries(&window, today, weeks);
    if !asym.is_empty() {
        let _ = writeln!(out, "### Left and right\n");
        for a in &asym {
            let _ = writeln!(out, "- {}", a.sentence(&name(&a.region)));
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## Not rolled in these weeks\n");
    let ids: Vec<String> = regions.iter().map(|(i, _)| i.clone()).collect();
    let ever = last_worked(&all);
    let missing: Vec<_> = coverage(&ever, &ids, today)
        .into_iter()
        .filter(|c| c.last.is_none_or(|d| d < first))
        .collect();
    if missing.is_empty() {
        let _ = writeln!(out, "Every region was rolled.");
    }
    for c in missing {
        let when = match (c.last, c.days) {
            (Some(d), Some(n)) => format!("last rolled {} ({n} days ago)", d.format("%-d %b %Y")),
            _ => "never rolled".to_string(),
        };
        let _ = writeln!(out, "- {}: {when}", name(&c.region));
    }
    out
}
