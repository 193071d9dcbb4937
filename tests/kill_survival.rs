//! Nothing lost: 30 `kill -9` at random moments of a session in the app and 30 in plain
//! mode, each followed by a look at the history. Slow (minutes), so ignored by default:
//!
//!   cargo test --release --test kill_survival -- --ignored --nocapture
//!
//! It prints one line per run and a summary row for the README.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::pty::DataDir;

const RUNS: usize = 30;
/// Session time runs this much faster, so that kills land in every kind of phase.
const SPEED: &str = "20";

/// A small deterministic generator (the seed is printed), so a run can be repeated.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The statuses in the history of `data`, as `foamroll history --json` reports them.
fn statuses(data: &std::path::Path) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_foamroll"))
        .arg("--data-dir")
        .arg(data)
        .args(["history", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|s| s["status"].as_str().unwrap_or("?").to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn app_run(rng: &mut Lcg) -> (f64, Vec<String>) {
    let data = DataDir::new();
    let mut app = data.spawn(&["play", "post-run", "--speed", SPEED], 100, 30);
    let started = Instant::now();
    app.wait_for("Countdown", 20);
    // Anywhere in the first 20 s (the first 400 s of session time), moving on with
    // found and skip keys so the kill can land in any phase.
    let at = rng.next() * 20.0;
    let deadline = started + Duration::from_secs_f64(at);
    while Instant::now() < deadline {
        let key = if rng.next() < 0.5 { "f" } else { "n" };
        app.send(key);
        std::thread::sleep(
            Duration::from_secs_f64(0.2 + rng.next())
                .min(deadline.saturating_duration_since(Instant::now())),
        );
    }
    app.kill();
    app.wait_exit(10);
    (at, statuses(&data.path))
}

fn plain_run(rng: &mut Lcg) -> (f64, Vec<String>) {
    let sb = common::Sandbox::new();
    let mut child = sb
        .command()
        .args(["play", "post-run", "--plain", "--speed", SPEED])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Hands-free post-run lasts 445 s of session time: 22 s here.
    let at = rng.next() * 22.0;
    std::thread::sleep(Duration::from_secs_f64(at));
    let _ = child.kill();
    let _ = child.wait();
    (at, statuses(&sb.path().join("data")))
}

#[test]
#[ignore = "slow: minutes of real time; run with --ignored to measure"]
fn thirty_kills_of_the_app_and_of_plain_mode_keep_every_session() {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs());
    println!("seed {seed}");
    let mut rng = Lcg(seed);
    let mut rows = Vec::new();
    for (mode, run) in [
        ("app", app_run as fn(&mut Lcg) -> (f64, Vec<String>)),
        ("plain", plain_run),
    ] {
        let mut kept = 0;
        for i in 0..RUNS {
            let (at, statuses) = run(&mut rng);
            let ok =
                statuses.len() == 1 && matches!(statuses[0].as_str(), "interrupted" | "completed");
            kept += usize::from(ok);
            println!("{mode} run {i:2}: killed at {at:5.2} s, history {statuses:?}");
        }
        rows.push(format!("| {mode} | {RUNS} | {kept} of {RUNS} |"));
        assert_eq!(kept, RUNS, "{mode}: sessions lost");
    }
    println!("| mode | kill -9 at a random moment | sessions kept |");
    println!("|---|---|---|");
    for r in rows {
        println!("{r}");
    }
}
