//! Streaks and weekly totals across month, year, DST and time-zone boundaries.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use foamroll::history::{
    Review, SessionSummary, Streak, WeekTotal, streak as streak_of, tenderness_series as series_of,
    week_start, weekly_minutes as weekly_of,
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
    let review = Review::compute(&sums.iter().collect::<Vec<_>>(), date(2026, 11, 20));
    assert_eq!(review.last_worked.get("quads"), Some(&date(2026, 11, 8)));
}
