//! Three months of a runner's history, as the review's tests and the README's
//! screenshots use it: 40 sessions ending the day before `today`. The right hamstring
//! falls from 8 to 4, the left stays at 6, the calves rise from 3 to 6, the quads stay
//! near 3; some sessions are warm-ups (moved, not rated) and two were stopped early.
#![allow(dead_code)]

use chrono::{DateTime, Duration, FixedOffset};
use foamroll::library::Style;
use foamroll::session::{EntryRecord, SessionRecord, Side, Status};

fn held(exercise: &str, region: &str, side: Side, rating: u8) -> EntryRecord {
    EntryRecord {
        step: 0,
        exercise_id: exercise.into(),
        region: region.into(),
        side: Some(side),
        zone: None,
        planned_s: 30.0,
        search_s: 6.0,
        hold_s: 40.0,
        overtime_s: 10.0,
        move_s: 0.0,
        points_held: 1,
        points_planned: 1,
        skipped: false,
        tenderness: vec![rating],
    }
}

fn moved(exercise: &str, region: &str, side: Side) -> EntryRecord {
    EntryRecord {
        move_s: 30.0,
        hold_s: 0.0,
        overtime_s: 0.0,
        search_s: 0.0,
        points_held: 0,
        tenderness: Vec::new(),
        ..held(exercise, region, side, 0)
    }
}

/// The seeded sessions; `last` is the wall time of the day before the review.
pub fn three_months(last: DateTime<FixedOffset>) -> Vec<SessionRecord> {
    const N: i64 = 40;
    let mut out = Vec::new();
    for i in 0..N {
        // Every 2.25 days on average, the last one yesterday.
        let days_back = (N - 1 - i) * 9 / 4 + 1;
        let start = last - Duration::days(days_back) + Duration::minutes(i % 5 * 7);
        // Round to whole ratings on a straight line from `from` to `to`.
        let line = |from: f64, to: f64| -> u8 {
            (from + (to - from) * i as f64 / (N - 1) as f64).round() as u8
        };
        let warmup = i % 4 == 1;
        let stopped = i == 14 || i == 30;
        let (routine, name, style) = if warmup {
            ("pre-run", "Pre-run warm-up", Style::Warmup)
        } else {
            ("post-run", "Post-run recovery", Style::Recovery)
        };
        let mut entries = Vec::new();
        if warmup {
            for side in [Side::Right, Side::Left] {
                entries.push(moved("calf-warmup", "calves", side));
                entries.push(moved("hamstring-warmup", "hamstrings", side));
            }
        } else {
            entries.push(held("calf-release", "calves", Side::Right, line(3.0, 6.0)));
            entries.push(held("calf-release", "calves", Side::Left, line(3.0, 6.0)));
            if !stopped {
                entries.push(held(
                    "hamstring-release",
                    "hamstrings",
                    Side::Right,
                    line(8.0, 4.0),
                ));
                entries.push(held("hamstring-release", "hamstrings", Side::Left, 6));
                entries.push(held("quad-release", "quads", Side::Right, 3));
                entries.push(held("quad-release", "quads", Side::Left, 2 + (i % 3) as u8));
            }
        }
        for (step, e) in entries.iter_mut().enumerate() {
            e.step = step;
        }
        let length: f64 = entries
            .iter()
            .map(|e| e.search_s + e.hold_s + e.move_s + 5.0)
            .sum();
        out.push(SessionRecord {
            format: 1,
            id: format!("seed-{i:02}"),
            started_at: start,
            ended_at: Some(start + Duration::seconds(length as i64)),
            routine_id: routine.into(),
            routine_name: name.into(),
            style,
            status: if stopped {
                Status::Aborted
            } else {
                Status::Completed
            },
            entries,
            extra: Default::default(),
        });
    }
    out
}
