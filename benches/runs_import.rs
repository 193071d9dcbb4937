//! The import of a folder shaped like a real export: 2,000 activities over ten years
//! (about 60 % FIT, 30 % GPX, 10 % TCX, half of each gzipped), recorded every second,
//! so a 10 km run is a few hundred KB of FIT. Prints files per second and MB per
//! second for the first import, the time of a rescan of the unchanged folder, and the
//! whole-process time of `foamroll status` with those runs and ten years of daily
//! sessions. `cargo bench --bench runs_import` (the figures go in docs/benchmarks.md).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // benchmark code

#[allow(dead_code)] // the bomb is for the tests
#[path = "../tests/common/activities.rs"]
mod activities;

use std::path::Path;
use std::time::{Duration, Instant};

use activities::{Run, gzip};
use chrono::Utc;
use foamroll::history::Store;
use foamroll::history::activities::{import_paths, scan_folder};

const ACTIVITIES: usize = 2000;
const DAY: i64 = 86_400;

/// A small deterministic generator (no dependency for it).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo)
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The export: activity `i` every ~1.8 days back from yesterday, the newest ending
/// an hour ago (so the status line has a run to tell).
fn write_export(dir: &Path) -> (u64, [usize; 3]) {
    let mut rng = Lcg(20261207);
    let now = Utc::now().timestamp();
    let mut bytes = 0u64;
    let mut counts = [0usize; 3];
    for i in 0..ACTIVITIES {
        let minutes = rng.range(25, 130) as u32;
        let pace_s_per_km = rng.range(270, 390) as f64;
        let km = f64::from(minutes) * 60.0 / pace_s_per_km;
        let start = if i == 0 {
            now - 3600 - i64::from(minutes) * 60
        } else {
            now - (i as i64) * 158_000 - DAY
        };
        let mut r = Run::new(start, minutes * 60, km * 1000.0);
        r.climb_m = rng.range(0, 400) as f64;
        r.offset_s = 3600;
        r.hr = Some(rng.range(130, 170) as u8);
        if i % 17 == 5 {
            r.sport = 2;
        }
        let kind = rng.range(0, 10);
        let gz = rng.range(0, 2) == 1;
        let year = 2026 - (i as i64 * 158_000 / (365 * DAY));
        let folder = dir.join(format!("{year}"));
        std::fs::create_dir_all(&folder).unwrap();
        let (name, content, k) = match kind {
            0..=5 => (format!("activity_{i:05}.fit"), r.fit(), 0),
            6..=8 => (format!("activity_{i:05}.gpx"), r.gpx().into_bytes(), 1),
            _ => (format!("activity_{i:05}.tcx"), r.tcx().into_bytes(), 2),
        };
        counts[k] += 1;
        let (name, content) = if gz {
            (format!("{name}.gz"), gzip(&content))
        } else {
            (name, content)
        };
        bytes += content.len() as u64;
        std::fs::write(folder.join(name), content).unwrap();
    }
    (bytes, counts)
}

/// Ten years of daily post-run sessions, through `history import`.
fn seed_sessions(data: &Path) {
    let now = Utc::now();
    let mut lines = String::new();
    for i in 1..=3650i64 {
        let start = now - chrono::Duration::days(i);
        let end = start + chrono::Duration::minutes(10);
        let entries: Vec<String> = ["quads", "hamstrings", "glutes"]
            .iter()
            .flat_map(|region| {
                ["right", "left"].into_iter().map(move |side| {
                    format!(
                        "{{\"step\":0,\"exercise_id\":\"x\",\"region\":\"{region}\",\"side\":\"{side}\",\"planned_s\":30,\"search_s\":5,\"hold_s\":35,\"move_s\":0,\"points_held\":1,\"points_planned\":1,\"tenderness\":[{}]}}",
                        i % 11
                    )
                })
            })
            .collect();
        lines.push_str(&format!(
            "{{\"format\":1,\"id\":\"s{i:05}\",\"started_at\":\"{}\",\"ended_at\":\"{}\",\"routine_id\":\"post-run\",\"routine_name\":\"Post-run recovery\",\"style\":\"recovery\",\"status\":\"completed\",\"entries\":[{}]}}\n",
            start.to_rfc3339(),
            end.to_rfc3339(),
            entries.join(",")
        ));
    }
    let store = Store::open(data).unwrap();
    store.import("seed.jsonl", lines.as_bytes()).unwrap();
}

fn main() {
    // `cargo bench` passes --bench; nothing else is taken.
    let tmp = tempfile::tempdir().unwrap();
    let export = tmp.path().join("export");
    let t = Instant::now();
    let (bytes, counts) = write_export(&export);
    println!(
        "export: {ACTIVITIES} activities ({} FIT, {} GPX, {} TCX, about half gzipped), {:.1} MB on disk, written in {:.1} s",
        counts[0],
        counts[1],
        counts[2],
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    let data = tmp.path().join("data");
    seed_sessions(&data);
    let store = Store::open(&data).unwrap();
    // The first import: every file read, inflated, parsed and written.
    let t = Instant::now();
    let report = import_paths(&store, std::slice::from_ref(&export), Utc::now()).unwrap();
    let took = t.elapsed();
    assert!(
        report.problems.is_empty(),
        "{:?}",
        &report.problems[..report.problems.len().min(3)]
    );
    assert_eq!(report.added.len(), ACTIVITIES);
    println!(
        "| first import (`runs import DIR`) | {} files in {:.2} s | {:.0} files/s | {:.1} MB/s |",
        report.files_read,
        took.as_secs_f64(),
        report.files_read as f64 / took.as_secs_f64(),
        report.bytes_read as f64 / 1e6 / took.as_secs_f64()
    );
    // The same folder as the `activities` folder: the first scan records each file.
    let first = scan_folder(&store, &export, Utc::now()).unwrap();
    assert_eq!(first.added.len(), 0);
    let rescans: Vec<Duration> = (0..11)
        .map(|_| {
            let t = Instant::now();
            let r = scan_folder(&store, &export, Utc::now()).unwrap();
            assert_eq!((r.files_read, r.unchanged), (0, ACTIVITIES));
            t.elapsed()
        })
        .collect();
    let fastest = rescans.iter().min().copied().unwrap_or_default();
    println!(
        "| rescan of the unchanged folder | {ACTIVITIES} files | median {:.1} ms | fastest {:.1} ms |",
        median(rescans).as_secs_f64() * 1e3,
        fastest.as_secs_f64() * 1e3
    );
    drop(store);
    // `foamroll status` as a whole process, with the folder configured.
    let config = tmp.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.yaml"),
        format!("activities: {}\n", export.display()),
    )
    .unwrap();
    let bin = env!("CARGO_BIN_EXE_foamroll");
    let status = || {
        let t = Instant::now();
        let out = std::process::Command::new(bin)
            .arg("status")
            .env("FOAMROLL_DATA_DIR", &data)
            .env("FOAMROLL_CONFIG_DIR", &config)
            .output()
            .unwrap();
        assert!(out.status.success());
        (
            t.elapsed(),
            String::from_utf8_lossy(&out.stdout).trim().to_string(),
        )
    };
    let (_, line) = status();
    let times: Vec<Duration> = (0..21).map(|_| status().0).collect();
    let fastest = times.iter().min().copied().unwrap_or_default();
    println!(
        "| `foamroll status` (2,000 activities, 3,650 sessions, folder scanned) | `{line}` | median {:.1} ms | fastest {:.1} ms |",
        median(times).as_secs_f64() * 1e3,
        fastest.as_secs_f64() * 1e3
    );
    println!(
        "load average: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
}
