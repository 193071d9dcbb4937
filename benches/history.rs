//! Loading a log of 100,000 sessions (each like a post-run recovery: 10 entries) and
//! computing every statistic of the review view. Target: under 150 ms.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

use std::io::Write;

use chrono::{Duration, FixedOffset, TimeZone};
use criterion::{Criterion, criterion_group, criterion_main};
use foamroll::history::{Filter, HistoryLog, Review};
use foamroll::library::Style;
use foamroll::session::{EntryRecord, SessionRecord, Side, Status};

fn session(i: usize) -> SessionRecord {
    let tz = FixedOffset::east_opt(3600).unwrap_or_else(|| panic!("offset"));
    let start = tz
        .with_ymd_and_hms(2000, 1, 1, 7, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("time"))
        + Duration::hours(6 * i as i64);
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

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let log = HistoryLog::in_dir(dir.path());
    {
        let mut file = std::fs::File::create(log.path()).unwrap_or_else(|e| panic!("{e}"));
        let mut buf = Vec::new();
        for i in 0..100_000 {
            serde_json::to_writer(&mut buf, &session(i)).unwrap_or_else(|e| panic!("{e}"));
            buf.push(b'\n');
        }
        file.write_all(&buf).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("history.jsonl: {} MB", buf.len() / 1_000_000);
    }
    let today = chrono::NaiveDate::from_ymd_opt(2068, 6, 1).unwrap_or_else(|| panic!("date"));
    let review = |log: &HistoryLog| {
        let (sessions, _) = log.summaries().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sessions.len(), 100_000);
        let all: Vec<_> = sessions.iter().collect();
        let review = Review::compute(&all, today);
        let glutes = Filter {
            region: Some("glutes".into()),
            ..Filter::default()
        }
        .apply(&sessions);
        let filtered = Review::compute(&glutes, today);
        (review, filtered)
    };
    let mut group = c.benchmark_group("history");
    group.sample_size(10);
    // What every start of the app does: the cache is current.
    group.bench_function("load_100000_sessions_and_review", |b| {
        b.iter(|| review(&log))
    });
    // The first start after an upgrade, or after the cache was lost: the whole log is read.
    let cache = dir.path().join(foamroll::history::CACHE_NAME);
    group.bench_function("load_100000_sessions_and_review_without_cache", |b| {
        b.iter(|| {
            let _ = std::fs::remove_file(&cache);
            review(&log)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
