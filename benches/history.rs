//! Ten years of daily sessions (3,650 post-run sessions, 10 rated entries each) in the
//! history database: opening it and computing every statistic of the review, and the
//! time of a checkpoint write (percentiles printed before the criterion runs), with the
//! database's size. Targets: review under 50 ms, checkpoint p99 under 10 ms, under 20 MB.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, FixedOffset, TimeZone};
use criterion::{Criterion, criterion_group, criterion_main};
use foamroll::history::{Filter, Review, Store, coverage};
use foamroll::library::Style;
use foamroll::session::{EntryRecord, SessionRecord, Side, Status};

fn session(i: usize) -> SessionRecord {
    let tz = FixedOffset::east_opt(3600).unwrap_or_else(|| panic!("offset"));
    let start = tz
        .with_ymd_and_hms(2000, 1, 1, 7, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("time"))
        + Duration::hours(24 * i as i64);
    let zones = ["inner line", "middle line", "outer line"];
    let mut entries = Vec::new();
    for (step, (exercise, region)) in [
        ("quad-release", "quads"),
        ("hamstring-release", "hamstrings"),
        ("glute-release", "glutes"),
    ]
    .iter()
    .enumerate()
    {
        for side in [Side::Right, Side::Left] {
            let zs: Vec<Option<&str>> = if step == 0 {
                zones.iter().map(|z| Some(*z)).collect()
            } else {
                vec![None]
            };
            for zone in zs {
                entries.push(EntryRecord {
                    step,
                    exercise_id: exercise.to_string(),
                    region: region.to_string(),
                    side: Some(side),
                    zone: zone.map(str::to_string),
                    planned_s: 30.0,
                    search_s: 4.5,
                    hold_s: 38.25,
                    overtime_s: 8.25,
                    move_s: 0.0,
                    points_held: 1,
                    points_planned: 1,
                    skipped: false,
                    tenderness: vec![(i % 11) as u8],
                });
            }
        }
    }
    SessionRecord {
        format: 1,
        id: format!("00000000-0000-4000-8000-{i:012}"),
        started_at: start,
        ended_at: Some(start + Duration::seconds(700)),
        routine_id: "post-run".into(),
        routine_name: "Post-run recovery".into(),
        style: Style::Recovery,
        status: Status::Completed,
        entries,
        extra: Default::default(),
    }
}

fn db_size(dir: &std::path::Path) -> u64 {
    ["history.db", "history.db-wal"]
        .iter()
        .filter_map(|n| std::fs::metadata(dir.join(n)).ok())
        .map(|m| m.len())
        .sum()
}

/// Everything the review shows, from a new connection.
fn review(dir: &std::path::Path, today: chrono::NaiveDate) -> (Review, Review, usize) {
    let store = Store::open(dir).unwrap_or_else(|e| panic!("{e}"));
    let (sessions, _) = store.summaries().unwrap_or_else(|e| panic!("{e}"));
    let all: Vec<_> = sessions.iter().collect();
    let review = Review::compute(&all, today, 3);
    let regions = ["quads", "hamstrings", "glutes", "calves", "upper-back"].map(String::from);
    let covered = coverage(&review.last_worked, &regions, today).len();
    let filter = Filter {
        region: Some("glutes".into()),
        ..Filter::default()
    };
    let glutes: Vec<_> = filter
        .apply(&sessions)
        .into_iter()
        .map(|s| filter.narrow(s))
        .collect();
    let filtered = Review::compute(&glutes.iter().collect::<Vec<_>>(), today, 3);
    (review, filtered, covered)
}

fn percentile(sorted: &[StdDuration], p: f64) -> StdDuration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = Store::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    for i in 0..3650 {
        store.save(&session(i)).unwrap_or_else(|e| panic!("{e}"));
    }
    eprintln!(
        "history.db with 3,650 sessions: {:.1} MB",
        db_size(dir.path()) as f64 / 1e6
    );
    let today = chrono::NaiveDate::from_ymd_opt(2009, 12, 31).unwrap_or_else(|| panic!("date"));

    // Checkpoints of a new session: each save changes one entry, as a step ends.
    let mut times = Vec::new();
    for n in 0..200 {
        let mut r = session(10_000 + n);
        r.status = foamroll::session::Status::Running;
        for e in &mut r.entries {
            e.hold_s = 0.0;
            e.points_held = 0;
            e.tenderness.clear();
        }
        for k in 0..r.entries.len() {
            r.entries[k].hold_s = 35.0;
            r.entries[k].points_held = 1;
            r.entries[k].tenderness = vec![4];
            let t = Instant::now();
            store.save(&r).unwrap_or_else(|e| panic!("{e}"));
            times.push(t.elapsed());
        }
    }
    times.sort_unstable();
    eprintln!(
        "checkpoint write ({} samples): median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        percentile(&times, 1.0).as_secs_f64() * 1e3
    );

    let mut group = c.benchmark_group("history");
    group.sample_size(20);
    group.bench_function("open_review_3650_sessions", |b| {
        b.iter(|| review(dir.path(), today))
    });
    group.bench_function("checkpoint_write", |b| {
        let mut r = session(20_000);
        let mut k = 0usize;
        b.iter(|| {
            k += 1;
            let n = r.entries.len();
            r.entries[k % n].hold_s = 30.0 + (k % 7) as f64;
            store.save(&r).unwrap_or_else(|e| panic!("{e}"));
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
