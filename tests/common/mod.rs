//! Helpers for tests that run the real binary with its own config and data folders.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

pub mod activities;
pub mod mutate;
pub mod pty;
pub mod seed;
pub mod ui;

pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, name: &str, text: &str) -> std::path::PathBuf {
        let p = self.dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
        p
    }

    /// `foamroll ARGS` with config and data kept inside the sandbox.
    pub fn command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_foamroll"));
        c.env("FOAMROLL_CONFIG_DIR", self.dir.path().join("config"))
            .env("FOAMROLL_DATA_DIR", self.dir.path().join("data"))
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("COMPLETE");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command()
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("run foamroll: {e}"))
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A finished post-run session on day `day` of October 2026, with one rated entry.
pub fn record(
    id: &str,
    day: u32,
    status: foamroll::session::Status,
) -> foamroll::session::SessionRecord {
    let start = chrono::FixedOffset::east_opt(3600)
        .and_then(|tz| chrono::TimeZone::with_ymd_and_hms(&tz, 2026, 10, day, 7, 0, 0).single())
        .unwrap_or_else(|| panic!("time"));
    foamroll::session::SessionRecord {
        format: 1,
        id: id.to_string(),
        started_at: start,
        ended_at: Some(start + chrono::Duration::seconds(612)),
        routine_id: "post-run".into(),
        routine_name: "Post-run recovery".into(),
        style: foamroll::library::Style::Recovery,
        status,
        entries: vec![foamroll::session::EntryRecord {
            step: 0,
            exercise_id: "quad-release".into(),
            region: "quads".into(),
            side: Some(foamroll::session::Side::Left),
            zone: Some("outer line".into()),
            planned_s: 30.0,
            search_s: 4.25,
            hold_s: 41.5,
            overtime_s: 11.5,
            move_s: 0.0,
            points_held: 1,
            points_planned: 1,
            skipped: true,
            tenderness: vec![7, 4],
        }],
        extra: Default::default(),
    }
}

/// Sends a signal with the shell's own `kill`, which every POSIX shell has.
pub fn signal(pid: u32, name: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("kill -{name} {pid}")])
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

#[cfg(unix)]
/// Makes a FIFO at `path` with the system's `mkfifo`.
pub fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo {}", path.display());
}

/// An entry on `region` (`side`), held to its minimum when `held`, with `ratings`.
pub fn entry(
    region: &str,
    side: Option<foamroll::session::Side>,
    held: bool,
    ratings: Vec<u8>,
) -> foamroll::session::EntryRecord {
    foamroll::session::EntryRecord {
        step: 0,
        exercise_id: format!("{region}-release"),
        region: region.into(),
        side,
        zone: None,
        planned_s: 30.0,
        search_s: 5.0,
        hold_s: if held { 32.0 } else { 0.0 },
        overtime_s: if held { 2.0 } else { 0.0 },
        move_s: 0.0,
        points_held: u32::from(held),
        points_planned: 1,
        skipped: !held,
        tenderness: ratings,
    }
}
