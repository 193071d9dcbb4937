//! `foamroll history report`: the last weeks summarised, to share with a coach or a
//! physiotherapist. One [`Report`] is computed and written either as Markdown or as a
//! self-contained HTML page with pictures ([`super::html`]), so both say the same
//! numbers.

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};

use super::SessionSummary;
use super::pictures::{MapEntry, TenderChart, Window, tender_chart, tender_map};
use super::stats::{
    Direction, Filter, WeekTotal, WeeklyGoal, asymmetries, coverage, last_worked, session_date,
    tenderness_series, trends, week_start, weekly_goal, weekly_minutes,
};
use crate::session::Side;
use crate::text::printable;
use crate::wording::plural;

/// One region and side's ratings in the report's weeks.
#[derive(Debug, Clone, PartialEq)]
pub struct TenderRow {
    pub region: String,
    pub side: Option<Side>,
    pub ratings: u32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub average: Option<f64>,
    /// The last 4 weeks and the 4 before, whatever the report's length.
    pub recent: Option<f64>,
    pub before: Option<f64>,
    pub direction: Option<Direction>,
}

/// A region not rolled in the report's weeks: when it last was, if ever.
#[derive(Debug, Clone, PartialEq)]
pub struct NotRolled {
    pub region: String,
    pub last: Option<(NaiveDate, i64)>,
}

/// Everything a report says, computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub today: NaiveDate,
    /// The Monday of the first week.
    pub first: NaiveDate,
    pub weeks: u32,
    /// The one region the report is about (`--region`), when given.
    pub region: Option<String>,
    pub goal: WeeklyGoal,
    pub totals: Vec<WeekTotal>,
    pub rows: Vec<TenderRow>,
    /// "Right hamstrings 6.2 vs left 3.1 over 4 weeks" and the like.
    pub asymmetries: Vec<String>,
    pub missing: Vec<NotRolled>,
    /// One chart per rated region, over the report's weeks.
    pub charts: Vec<TenderChart>,
    pub map: Vec<MapEntry>,
    /// Runs per week, the same weeks as `totals` (empty: none were read).
    pub runs: Vec<super::activities::WeekRuns>,
    /// The library's rollable regions as (id, name).
    names: Vec<(String, String)>,
}

fn average(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |v| format!("{v:.1}"))
}

impl Report {
    /// The report over the `weeks` weeks ending with the week of `today`. `regions` are
    /// the library's rollable regions as (id, name); ids found only in the history are
    /// shown as they are. With `region`, every figure is about that region alone.
    pub fn build(
        sessions: &[SessionSummary],
        today: NaiveDate,
        weeks: u32,
        goal: u32,
        regions: &[(String, String)],
        region: Option<&str>,
    ) -> Report {
        let weeks = weeks.max(1);
        let first = week_start(today)
            .checked_sub_days(Days::new(7 * u64::from(weeks - 1)))
            .unwrap_or(today);
        let filter = Filter {
            region: region.map(str::to_string),
            ..Filter::default()
        };
        let narrowed: Vec<SessionSummary> = sessions
            .iter()
            .filter(|s| filter.matches(s))
            .map(|s| filter.narrow(s))
            .collect();
        let all: Vec<&SessionSummary> = narrowed.iter().collect();
        let window: Vec<&SessionSummary> = all
            .iter()
            .copied()
            .filter(|s| (first..=today).contains(&session_date(s)))
            .collect();
        let g = weekly_goal(&all, today, goal);
        let totals = weekly_minutes(&window, today, weeks);
        // Last 4 weeks against the 4 before, whatever the window.
        let whole = trends(&tenderness_series(&all), today);
        let rows: Vec<TenderRow> = trends(&tenderness_series(&window), today)
            .into_iter()
            .map(|t| {
                let long = whole
                    .iter()
                    .find(|w| w.region == t.region && w.side == t.side)
                    .unwrap_or(&t);
                let (sum, n) = t
                    .points
                    .iter()
                    .fold((0u32, 0u32), |(s, c), p| (s + p.sum, c + p.count));
                TenderRow {
                    region: t.region.clone(),
                    side: t.side,
                    ratings: n,
                    from: t.first,
                    to: t.last,
                    average: (n > 0).then(|| f64::from(sum) / f64::from(n)),
                    recent: long.recent,
                    before: long.before,
                    direction: long.direction(),
                }
            })
            .collect();
        let names: Vec<(String, String)> = match region {
            Some(r) => regions.iter().filter(|(i, _)| i == r).cloned().collect(),
            None => regions.to_vec(),
        };
        let name = |id: &str| -> String {
            regions
                .iter()
                .find(|(i, _)| i == id)
                .map_or_else(|| printable(id), |(_, n)| printable(n))
        };
        let asym = asymmetries(&window, today, weeks)
            .iter()
            .map(|a| a.sentence(&name(&a.region)))
            .collect();
        let mut ids: Vec<String> = names.iter().map(|(i, _)| i.clone()).collect();
        if let Some(r) = region
            && !ids.iter().any(|i| i == r)
        {
            ids.push(r.to_string());
        }
        let ever = last_worked(&all);
        let missing = coverage(&ever, &ids, today)
            .into_iter()
            .filter(|c| c.last.is_none_or(|d| d < first))
            .filter(|c| region.is_none_or(|r| c.region == r))
            .map(|c| NotRolled {
                region: c.region,
                last: c.last.zip(c.days),
            })
            .collect();
        let span = Window {
            from: first,
            to: today,
        };
        let mut chart_regions: Vec<String> = Vec::new();
        for r in &rows {
            if !chart_regions.contains(&r.region) {
                chart_regions.push(r.region.clone());
            }
        }
        let charts = chart_regions
            .iter()
            .map(|r| tender_chart(&window, r, span))
            .collect();
        Report {
            today,
            first,
            weeks,
            region: region.map(str::to_string),
            goal: g,
            totals,
            rows,
            asymmetries: asym,
            missing,
            charts,
            map: tender_map(&window, span),
            runs: Vec::new(),
            names: regions.to_vec(),
        }
    }

    /// A region's name from the library, else its id (printable either way).
    pub fn name(&self, id: &str) -> String {
        self.names
            .iter()
            .find(|(i, _)| i == id)
            .map_or_else(|| printable(id), |(_, n)| printable(n))
    }

    pub fn title(&self) -> String {
        let about = self
            .region
            .as_deref()
            .map_or(String::new(), |r| format!(", {}", self.name(r)));
        format!(
            "Foam rolling{about}: {} from {} to {}",
            plural(self.weeks, "week"),
            self.first.format("%a %-d %b %Y"),
            self.today.format("%a %-d %b %Y")
        )
    }

    pub fn goal_sentence(&self) -> String {
        let g = self.goal;
        format!(
            "Weekly goal: {}. This week: {} of {}. Goal met {} in a row.",
            plural(g.goal, "session"),
            g.this_week,
            g.goal,
            plural(g.weeks_met, "week"),
        )
    }

    /// "met", "in progress" or "not met" for a week.
    pub fn week_status(&self, w: &WeekTotal) -> &'static str {
        if w.sessions >= self.goal.goal {
            "met"
        } else if w.week == week_start(self.today) {
            "in progress"
        } else {
            "not met"
        }
    }

    pub fn in_all(&self) -> String {
        let count: u32 = self.totals.iter().map(|w| w.sessions).sum();
        let minutes: f64 = self.totals.iter().map(|w| w.minutes).sum();
        let runs: u32 = self.runs.iter().map(|r| r.runs).sum();
        // A fold from +0: an empty f64 sum is -0, which would print as "-0.0".
        let km = self.runs.iter().fold(0.0, |a, r| a + r.distance_m) / 1000.0;
        format!(
            "In all: {} with rolling done, {minutes:.0} minutes; {} ({km:.1} km).",
            plural(count, "session"),
            plural(runs, "run")
        )
    }

    /// The report with the runs of its weeks (see [`super::activities::weekly_runs`]).
    pub fn with_runs(mut self, runs: Vec<super::activities::WeekRuns>) -> Report {
        self.runs = runs;
        self
    }

    /// A week's runs and kilometres, as the report's two cells.
    pub fn run_cells(&self, week: NaiveDate) -> [String; 2] {
        let r = self.runs.iter().find(|r| r.week == week);
        [
            r.map_or(0, |r| r.runs).to_string(),
            format!("{:.1}", r.map_or(0.0, |r| r.distance_m / 1000.0)),
        ]
    }

    /// A tenderness row's cells after its region's name: side, ratings, from, to,
    /// average, last 4 weeks, the 4 before, trend.
    pub fn row_cells(r: &TenderRow) -> [String; 8] {
        [
            r.side.map_or("both", |s| s.label()).to_string(),
            r.ratings.to_string(),
            r.from.format("%-d %b").to_string(),
            r.to.format("%-d %b").to_string(),
            average(r.average),
            average(r.recent),
            average(r.before),
            r.direction
                .map_or("–".to_string(), |d| format!("{} {}", d.arrow(), d.word())),
        ]
    }

    pub fn not_rolled_text(n: &NotRolled) -> String {
        match n.last {
            Some((d, days)) => {
                format!("last rolled {} ({days} days ago)", d.format("%-d %b %Y"))
            }
            None => "never rolled".to_string(),
        }
    }

    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", cell(&self.title()));
        let _ = writeln!(out, "{}\n", self.goal_sentence());
        let _ = writeln!(out, "## Sessions per week\n");
        let _ = writeln!(
            out,
            "| Week of | Sessions | Goal | Minutes | Runs | Km run |"
        );
        let _ = writeln!(out, "| --- | ---: | --- | ---: | ---: | ---: |");
        for w in &self.totals {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {:.0} | {} |",
                w.week.format("%a %-d %b"),
                w.sessions,
                self.week_status(w),
                w.minutes,
                self.run_cells(w.week).join(" | ")
            );
        }
        let _ = writeln!(out, "\n{}\n", self.in_all());
        let _ = writeln!(out, "## Tenderness (0 none to 10 worst)\n");
        if self.rows.is_empty() {
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
            for r in &self.rows {
                let _ = writeln!(
                    out,
                    "| {} | {} |",
                    cell(&self.name(&r.region)),
                    Report::row_cells(r).join(" | ")
                );
            }
            let _ = writeln!(out);
        }
        if !self.asymmetries.is_empty() {
            let _ = writeln!(out, "### Left and right\n");
            for a in &self.asymmetries {
                let _ = writeln!(out, "- {}", cell(a));
            }
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "## Not rolled in these weeks\n");
        if self.missing.is_empty() {
            let _ = writeln!(out, "Every region was rolled.");
        }
        for c in &self.missing {
            let _ = writeln!(
                out,
                "- {}: {}",
                cell(&self.name(&c.region)),
                Report::not_rolled_text(c)
            );
        }
        out
    }
}

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

/// The Markdown report over every region (see [`Report::build`]).
pub fn report_markdown(
    sessions: &[SessionSummary],
    today: NaiveDate,
    weeks: u32,
    goal: u32,
    regions: &[(String, String)],
) -> String {
    Report::build(sessions, today, weeks, goal, regions, None).markdown()
}
