//! Streaks and weekly totals across month, year, DST and time-zone boundaries.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
mod common;

use common::entry;
use foamroll::history::{
    Direction, Filter, Review, SessionSummary, Streak, WeekTotal, WeeklyGoal, asymmetries,
    coverage, streak as streak_of, tenderness_series as series_of, week_start, weekly_goal,
    weekly_minutes as weekly_of,
};
use foamroll::library::Style;
use foamroll::session::{EntryRecord, SessionRecord, Side, Status};

fn at(offset_h: i32, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(offset_h * 3600)
        .and_then(|tz| tz.with_ymd_and_hms(y, m, d, h, min, 0).single())
        .unwrap_or_else(|| panic!("time"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("date"))
}

fn summaries(s: &[SessionRecord]) -> Vec<SessionSummary> {
    s.iter().map(|r| SessionSummary::of(r, 0)).collect()
}

fn streak(s: &[SessionRecord], today: NaiveDate) -> Streak {
    let sums = summaries(s);
    streak_of(&sums.iter().collect::<Vec<_>>(), today)
}

fn weekly_minutes(s: &[SessionRecord], today: NaiveDate, weeks: u32) -> Vec<WeekTotal> {
    let sums = summaries(s);
    weekly_of(&sums.iter().collect::<Vec<_>>(), today, weeks)
}

fn session(start: DateTime<FixedOffset>, minutes: i64) -> SessionRecord {
    SessionRecord {
        format: 1,
        id: start.to_rfc3339(),
        started_at: start,
        ended_at: Some(start + chrono::Duration::minutes(minutes)),
        routine_id: "post-run".into(),
        routine_name: "Post-run recovery".into(),
        style: Style::Recovery,
        status: Status::Completed,
        entries: vec![],
        extra: Default::default(),
    }
}

#[test]
fn streak_runs_across_month_and_year_ends() {
    let s: Vec<_> = [(2026, 12, 30), (2026, 12, 31), (2027, 1, 1), (2027, 1, 2)]
        .iter()
        .map(|&(y, m, d)| session(at(0, y, m, d, 18, 0), 10))
        .collect();
    let today = date(2027, 1, 2);
    assert_eq!(streak(&s, today).current, 4);
    assert_eq!(
        streak(&s, date(2027, 1, 3)).current,
        4,
        "yesterday still counts"
    );
    assert_eq!(streak(&s, date(2027, 1, 4)).current, 0);
    assert_eq!(streak(&s, date(2027, 1, 4)).longest, 4);

    let feb: Vec<_> = [(2, 27), (2, 28), (3, 1)]
        .iter()
        .map(|&(m, d)| session(at(0, 2026, m, d, 7, 0), 5))
        .collect();
    assert_eq!(
        streak(&feb, date(2026, 3, 1)).current,
        3,
        "2026 has no 29 February"
    );
}

#[test]
fn dst_change_neither_splits_nor_merges_days() {
    // New York springs forward on 8 March 2026: -05:00 before, -04:00 after.
    let s = vec![
        session(at(-5, 2026, 3, 7, 23, 30), 10),
        session(at(-4, 2026, 3, 8, 23, 30), 10),
        session(at(-4, 2026, 3, 9, 0, 15), 10),
    ];
    let st = streak(&s, date(2026, 3, 9));
    assert_eq!(st.current, 3);
    // In UTC the first two fall on 8 and 9 March and the third on 9 March too: dating by
    // UTC would give a streak of 2.
    let utc: Vec<_> = s
        .iter()
        .map(|x| {
            session(
                x.started_at
                    .with_timezone(&FixedOffset::east_opt(0).unwrap_or_else(|| panic!())),
                10,
            )
        })
        .collect();
    assert_eq!(streak(&utc, date(2026, 3, 9)).current, 2);
}

#[test]
fn travel_across_time_zones_dates_each_session_where_it_happened() {
    // Tokyo on the evening of 1 May, then Los Angeles on the morning of 2 May: in UTC
    // both are 1 May, but the person rolled on two days.
    let s = vec![
        session(at(9, 2026, 5, 1, 22, 0), 10),
        session(at(-7, 2026, 5, 2, 7, 0), 10),
    ];
    assert_eq!(streak(&s, date(2026, 5, 2)).current, 2);
}

#[test]
fn weekly_totals_cut_at_local_monday_midnight() {
    let today = date(2026, 11, 18); // a Wednesday
    assert_eq!(week_start(today), date(2026, 11, 16));
    let s = vec![
        // Sunday 23:30 in Paris is Sunday 22:30 UTC: the week before.
        session(at(1, 2026, 11, 15, 23, 30), 20),
        // Monday 00:15 in Paris is still Sunday in UTC: this week.
        session(at(1, 2026, 11, 16, 0, 15), 15),
        session(at(1, 2026, 11, 18, 7, 0), 10),
        // Far older than 12 weeks: not shown.
        session(at(1, 2026, 1, 5, 7, 0), 99),
    ];
    let weeks = weekly_minutes(&s, today, 12);
    assert_eq!(weeks.len(), 12);
    assert_eq!(weeks[11].week, date(2026, 11, 16));
    assert_eq!(weeks[11].minutes, 25.0);
    assert_eq!(weeks[10].minutes, 20.0);
    assert_eq!(weeks[0].week, date(2026, 8, 31));
    assert_eq!(weeks.iter().map(|w| w.minutes).sum::<f64>(), 45.0);
}

#[test]
fn weekly_totals_across_the_year_end() {
    // Monday 28 December 2026 to Sunday 3 January 2027 is one week.
    let s = vec![
        session(at(0, 2026, 12, 28, 7, 0), 10),
        session(at(0, 2027, 1, 3, 7, 0), 5),
    ];
    let weeks = weekly_minutes(&s, date(2027, 1, 3), 12);
    assert_eq!(weeks[11].week, date(2026, 12, 28));
    assert_eq!(weeks[11].minutes, 15.0);
}

#[test]
fn tenderness_is_kept_per_region_and_side_and_last_worked() {
    let mut s1 = session(at(0, 2026, 11, 1, 7, 0), 10);
    let mut s2 = session(at(0, 2026, 11, 8, 7, 0), 10);
    let entry = |side, ratings: Vec<u8>| EntryRecord {
        step: 0,
        exercise_id: "quad-release".into(),
        region: "quads".into(),
        side: Some(side),
        zone: None,
        planned_s: 30.0,
        search_s: 1.0,
        hold_s: 30.0,
        overtime_s: 0.0,
        move_s: 0.0,
        points_held: 1,
        points_planned: 1,
        skipped: false,
        tenderness: ratings,
    };
    s1.entries = vec![entry(Side::Left, vec![8, 6]), entry(Side::Right, vec![3])];
    s2.entries = vec![entry(Side::Left, vec![5])];
    let sums = summaries(&[s2.clone(), s1.clone()]);
    let series = series_of(&sums.iter().collect::<Vec<_>>());
    let left = &series[&("quads".to_string(), Some(Side::Left))];
    assert_eq!(
        left.iter().map(|p| p.average).collect::<Vec<_>>(),
        vec![7.0, 5.0],
        "oldest first"
    );
    assert_eq!(series[&("quads".to_string(), Some(Side::Right))].len(), 1);
    let sums = summaries(&[s1, s2]);
    let review = Review::compute(&sums.iter().collect::<Vec<_>>(), date(2026, 11, 20), 3);
    assert_eq!(review.last_worked.get("quads"), Some(&date(2026, 11, 8)));
}

fn day(m: u32, d: u32, status: Status, entries: Vec<EntryRecord>) -> SessionRecord {
    let mut s = session(at(1, 2026, m, d, 7, 0), 10);
    s.status = status;
    s.entries = entries;
    s
}

/// A seeded history with known answers; today is Wednesday 18 November 2026.
fn seeded() -> Vec<SessionRecord> {
    let quads = |r: Vec<u8>| entry("quads", None, true, r);
    let mut s = vec![
        day(10, 1, Status::Completed, vec![quads(vec![8])]),
        day(10, 10, Status::Completed, vec![quads(vec![6])]),
        day(10, 27, Status::Completed, vec![quads(vec![])]),
        day(10, 29, Status::Completed, vec![quads(vec![])]),
    ];
    // Week of 2 November: six days in a row (the longest streak), hamstrings rated.
    for d in 2..=7 {
        let mut entries = vec![quads(vec![])];
        if d <= 4 {
            entries.push(entry(
                "hamstrings",
                Some(Side::Right),
                true,
                vec![6 + u8::from(d == 4)],
            ));
            entries.push(entry("hamstrings", Some(Side::Left), true, vec![3]));
        }
        s.push(day(11, d, Status::Completed, entries));
    }
    // Aborted in its first phase (2 seconds, nothing held): no rolling done.
    let mut aborted = day(
        11,
        12,
        Status::Aborted,
        vec![entry("quads", None, false, vec![])],
    );
    aborted.ended_at = Some(aborted.started_at + chrono::Duration::seconds(2));
    s.push(aborted);
    // Aborted after a finished hold: rolling was done.
    s.push(day(11, 13, Status::Aborted, vec![quads(vec![4])]));
    s.push(day(11, 14, Status::Completed, vec![quads(vec![])]));
    s.push(day(11, 15, Status::Completed, vec![quads(vec![2])]));
    s.push(day(11, 16, Status::Completed, vec![quads(vec![])]));
    s.push(day(11, 17, Status::Completed, vec![quads(vec![])]));
    // Today: aborted at once.
    s.push(day(11, 18, Status::Aborted, vec![]));
    s
}

#[test]
fn seeded_history_gives_the_known_answers() {
    let today = date(2026, 11, 18);
    let sums = summaries(&seeded());
    let all: Vec<_> = sums.iter().collect();

    // Days with rolling done: 13 (aborted after a hold) to 17; not 12 (aborted in its
    // first phase) nor today (aborted at once). Longest: 2 to 7 November.
    assert_eq!(
        streak_of(&all, today),
        Streak {
            current: 5,
            longest: 6
        }
    );
    // This week: 16 and 17 (not today's). Last week: 13, 14, 15 (not 12): met; the week
    // before: six; the week of 26 October: two, not met.
    assert_eq!(
        weekly_goal(&all, today, 3),
        WeeklyGoal {
            goal: 3,
            this_week: 2,
            weeks_met: 2
        }
    );
    assert_eq!(
        weekly_goal(&all, today, 2).weeks_met,
        4,
        "this week counts once met"
    );
    assert_eq!(weekly_goal(&all, today, 7).weeks_met, 0);

    let review = Review::compute(&all, today, 3);
    let quads = review
        .trends
        .iter()
        .find(|t| t.region == "quads")
        .unwrap_or_else(|| panic!("quads trend"));
    assert_eq!(
        (quads.first, quads.last),
        (date(2026, 10, 1), date(2026, 11, 15))
    );
    // Last 4 weeks (21 Oct to 18 Nov): 4 and 2; the 4 before (23 Sep to 20 Oct): 8, 6.
    assert_eq!(quads.recent, Some(3.0));
    assert_eq!(quads.before, Some(7.0));
    assert_eq!(quads.direction(), Some(Direction::Better));

    assert_eq!(review.asymmetries.len(), 1);
    let a = &review.asymmetries[0];
    assert_eq!(
        a.sentence("Hamstrings"),
        "Right hamstrings 6.3 vs left 3.0 over 4 weeks"
    );
    // Two ratings a side are not enough for a sentence.
    let fewer: Vec<_> = all
        .iter()
        .copied()
        .filter(|s| s.started_at.date_naive() != date(2026, 11, 4))
        .collect();
    assert!(asymmetries(&fewer, today, 4).is_empty());

    let regions = ["quads", "hamstrings", "glutes", "calves"].map(String::from);
    let cov: Vec<(String, Option<i64>)> = coverage(&review.last_worked, &regions, today)
        .into_iter()
        .map(|c| (c.region, c.days))
        .collect();
    assert_eq!(
        cov,
        vec![
            ("glutes".to_string(), None),
            ("calves".to_string(), None),
            ("hamstrings".to_string(), Some(14)),
            ("quads".to_string(), Some(1)),
        ]
    );
}

#[test]
fn the_region_filter_narrows_every_statistic() {
    let today = date(2026, 11, 18);
    let sums = summaries(&seeded());
    let filter = Filter {
        region: Some("hamstrings".into()),
        ..Filter::default()
    };
    let narrowed: Vec<SessionSummary> = filter
        .apply(&sums)
        .into_iter()
        .map(|s| filter.narrow(s))
        .collect();
    let review = Review::compute(&narrowed.iter().collect::<Vec<_>>(), today, 3);
    assert_eq!(review.sessions, 3);
    assert!(review.trends.iter().all(|t| t.region == "hamstrings"));
    assert_eq!(review.trends.len(), 2, "left and right");
    assert_eq!(
        review.last_worked.keys().collect::<Vec<_>>(),
        vec!["hamstrings"]
    );
    assert_eq!(review.streak.current, 0);
    assert_eq!(review.streak.longest, 3);
}

#[test]
fn the_report_for_a_seeded_history() {
    let today = date(2026, 11, 18);
    let sums = summaries(&seeded());
    let regions = foamroll::cli::history::rollable(&foamroll::library::load_builtin().library);
    // Runs in one of the weeks: the report's runs column has them, the others 0.
    let runs = [foamroll::history::activities::WeekRuns {
        week: date(2026, 11, 9),
        runs: 3,
        distance_m: 28_400.0,
    }];
    let report = foamroll::history::Report::build(&sums, today, 4, 3, &regions, None)
        .with_runs(runs.to_vec())
        .markdown();
    assert!(
        report.contains("| Week of | Sessions | Goal | Minutes | Runs | Km run |"),
        "{report}"
    );
    assert!(
        report.contains("| Mon 9 Nov | ") && report.contains(" | 3 | 28.4 |"),
        "{report}"
    );
    assert!(report.contains("3 runs (28.4 km)"), "{report}");
    assert!(
        report.contains("- Right hamstrings 6.3 vs left 3.0 over 4 weeks"),
        "{report}"
    );
    insta::assert_snapshot!("report_4_weeks", report);
    let one = foamroll::history::report_markdown(&sums, today, 1, 3, &regions);
    assert!(one.contains("| Mon 16 Nov | 2 | in progress |"), "{one}");
    assert!(
        one.contains("- Hamstrings: last rolled 4 Nov 2026 (14 days ago)"),
        "{one}"
    );
}

#[test]
fn sessions_dated_after_today_count_on_their_own_date_and_never_go_negative() {
    // Four days in UTC, then one recorded under UTC+14 (Kiritimati) that is already
    // tomorrow there, and one from a clock set to 2100.
    let mut s: Vec<_> = (1..=4)
        .map(|d| session(at(0, 2026, 11, d, 7, 0), 10))
        .collect();
    s.push(session(at(14, 2026, 11, 5, 9, 0), 10));
    s.push(session(at(0, 2100, 1, 1, 7, 0), 10));
    let today = date(2026, 11, 4);
    assert_eq!(streak(&s, today).current, 4, "the streak is not broken");
    // Its week: this week's goal and the weekly table agree (the future ones wait).
    let sums = summaries(&s);
    let all: Vec<&SessionSummary> = sums.iter().collect();
    let goal = weekly_goal(&all, today, 3);
    let table = weekly_minutes(&s, today, 1);
    assert_eq!(goal.this_week, table[0].sessions);
    // On its own date, it counts.
    assert_eq!(streak(&s, date(2026, 11, 5)).current, 5);
    // Days since, never negative.
    let mut last = std::collections::BTreeMap::new();
    last.insert("quads".to_string(), date(2100, 1, 1));
    let c = coverage(&last, &["quads".to_string()], today);
    assert_eq!(c[0].days, Some(0));
    assert_eq!(
        foamroll::wording::days_ago(today, date(2100, 1, 1)),
        "today"
    );
    // The report says the same as its table.
    let report = foamroll::history::report_markdown(&sums, today, 2, 3, &[]);
    let this_week = report
        .lines()
        .find(|l| l.starts_with("Weekly goal"))
        .unwrap_or_default()
        .to_string();
    assert!(
        this_week.contains(&format!("This week: {} of 3", table[0].sessions)),
        "{report}"
    );
    let negative = report
        .as_bytes()
        .windows(3)
        .any(|w| matches!(w[0], b' ' | b'(') && w[1] == b'-' && w[2].is_ascii_digit());
    assert!(!negative, "{report}");
}
