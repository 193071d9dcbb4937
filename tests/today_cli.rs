//! `foamroll today` and `foamroll status` on the real binary, with a history seeded
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
//! through `history import` (dated relative to now: the binary reads the real clock).

mod common;

use chrono::{Duration, Local};
use common::{Sandbox, stderr, stdout};
use foamroll::session::{EntryRecord, SessionRecord, Side, Status};

fn entry(region: &str, exercise: &str, side: Option<Side>, ratings: &[u8]) -> EntryRecord {
    EntryRecord {
        step: 0,
        exercise_id: exercise.into(),
        region: region.into(),
        side,
        zone: None,
        planned_s: 30.0,
        search_s: 5.0,
        hold_s: 31.0,
        overtime_s: 1.0,
        move_s: 0.0,
        points_held: 1,
        points_planned: 1,
        skipped: false,
        tenderness: ratings.to_vec(),
    }
}

fn session(id: &str, ago: Duration, entries: Vec<EntryRecord>) -> SessionRecord {
    let start = Local::now().fixed_offset() - ago;
    SessionRecord {
        format: 1,
        id: id.into(),
        started_at: start,
        ended_at: Some(start + Duration::seconds(5)),
        routine_id: "post-run".into(),
        routine_name: "Post-run recovery".into(),
        style: foamroll::library::Style::Recovery,
        status: Status::Completed,
        entries,
        extra: Default::default(),
    }
}

/// Two sessions in the last minute (this week) with a right hamstring rated 6 and a
/// left one rated 3, and the glutes last rolled 9 days ago (an imported it-band and an
/// unknown region longer ago).
fn seeded() -> Sandbox {
    let sb = Sandbox::new();
    let ham = |r: u8, l: u8| {
        vec![
            entry("hamstrings", "hamstring-release", Some(Side::Right), &[r]),
            entry("hamstrings", "hamstring-release", Some(Side::Left), &[l]),
            entry("quads", "quad-release", Some(Side::Right), &[]),
        ]
    };
    let sessions = [
        session(
            "old",
            Duration::days(9),
            vec![entry("glutes", "glute-release", Some(Side::Right), &[])],
        ),
        // Older still, but never shown: a region not to roll, one not in the library.
        session(
            "odd",
            Duration::days(30),
            vec![
                entry("it-band", "imported", Some(Side::Right), &[]),
                entry("ankles", "imported", None, &[]),
            ],
        ),
        session("a", Duration::seconds(40), ham(6, 3)),
        session("b", Duration::seconds(20), ham(6, 3)),
    ];
    let lines: Vec<String> = sessions
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let file = sb.write("seed.jsonl", &(lines.join("\n") + "\n"));
    let out = sb.run(&["history", "import", &file.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    sb
}

#[test]
fn status_prints_the_week_and_the_most_overdue_region() {
    let sb = seeded();
    let out = sb.run(&["status"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Regions never rolled come first (adductors, by id), before the glutes' 9 days.
    assert_eq!(stdout(&out), "2/3 this week · adductors never\n");
    assert_eq!(stderr(&out), "");
    let out = sb.run(&["status", "--json"]);
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["sessions_this_week"], 2);
    assert_eq!(v["weekly_goal"], 3);
    assert_eq!(v["overdue_region"], "adductors");
    assert_eq!(v["overdue_days"], serde_json::Value::Null);
}

#[test]
fn status_with_no_history_is_zero_of_the_goal() {
    let sb = Sandbox::new();
    let out = sb.run(&["status"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "0/3 this week\n");
}

#[test]
fn status_prints_nothing_and_exits_1_on_failure() {
    // A broken config file.
    let sb = Sandbox::new();
    sb.write("config/config.yaml", "min_hold: [oops\n");
    let out = sb.run(&["status"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(out.stdout, b"");
    assert_eq!(out.stderr, b"");
    // A data folder that is a file.
    let sb = Sandbox::new();
    sb.write("data", "not a folder");
    let out = sb.run(&["status"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert_eq!(out.stdout, b"");
    assert_eq!(out.stderr, b"");
}

#[test]
fn today_puts_the_tender_right_hamstring_first_from_the_real_history() {
    let sb = seeded();
    let out = sb.run(&["today", "--after-run", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["intent"], "after-run");
    assert_eq!(v["steps"][0]["exercise"], "hamstring-release");
    let reason = v["steps"][0]["reason"].as_str().unwrap_or_default();
    assert!(
        reason.starts_with(
            "Hamstrings, right side first: you rated them 6 against 3 on the left over the last 3 weeks"
        ),
        "{reason}"
    );
    assert_eq!(v["routine"]["steps"][0]["first_side"], "right");
    let est = v["estimate_s"].as_f64().unwrap_or(0.0);
    assert!((est - 600.0).abs() <= 90.0, "{est}");
}

#[test]
fn each_intent_prints_its_plan_with_reasons() {
    let sb = Sandbox::new();
    for (flag, words, style) in [
        ("--before-run", "Today, before a run: a warm-up", "no holds"),
        (
            "--after-run",
            "Today, after a run: a recovery",
            "held at least 30 seconds",
        ),
        (
            "--rest-day",
            "Today, on a rest day: a recovery",
            "held at least",
        ),
    ] {
        let out = sb.run(&["today", flag]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(text.starts_with(words), "{text}");
        assert!(text.contains(style), "{text}");
        assert!(text.contains("   Why: "), "{text}");
        assert!(text.contains("No history yet"), "{text}");
        assert!(!text.to_lowercase().contains("it-band"), "{text}");
    }
    let out = sb.run(&["today", "--after-run", "--equipment", "ball"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("with the ball"), "{}", stdout(&out));
    let out = sb.run(&["today", "--before-run", "--after-run"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn saved_routine_passes_check_and_plays() {
    let sb = seeded();
    for flag in ["--before-run", "--after-run", "--rest-day"] {
        let file = sb.path().join(format!("today{flag}.yaml"));
        let f = file.display().to_string();
        let out = sb.run(&["today", flag, "--save", &f]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let out = sb.run(&["check", &f]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}{}",
            stdout(&out),
            stderr(&out)
        );
        assert!(stdout(&out).ends_with(": ok\n"), "{}", stdout(&out));
    }
    // Not a regular file: refused, nothing written.
    let out = sb.run(&["today", "--save", "/dev/null"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a runtime failure, not a usage error"
    );
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn play_plain_runs_todays_plan_and_records_it() {
    let sb = Sandbox::new();
    let out = sb
        .command()
        .args([
            "today",
            "--before-run",
            "--play",
            "--plain",
            "--speed",
            "200",
        ])
        .env("TERM", "dumb")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Today: before a run"), "{text}");
    assert!(text.contains("dynamic warm-up"), "{text}");
    let out = sb.run(&["history", "--json"]);
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v[0]["routine_id"], "today");
}

#[test]
fn minutes_too_few_for_the_core_are_refused_with_the_minutes_that_work() {
    let sb = common::Sandbox::new();
    let out = sb.run(&["today", "--after-run", "--minutes", "1"]);
    assert_eq!(out.status.code(), Some(2), "{}", common::stdout(&out));
    let err = common::stderr(&out);
    assert!(err.contains("1 minute is too short"), "{err}");
    assert!(!err.contains("1 minutes"), "{err}");
    let from: u32 = err
        .split("--minutes ")
        .nth(1)
        .and_then(|t| t.trim_end_matches([')', '\n']).parse().ok())
        .unwrap_or_else(|| panic!("no minutes in {err}"));
    // The minutes it names work, and the plan has the whole core.
    let out = sb.run(&[
        "today",
        "--after-run",
        "--minutes",
        &from.to_string(),
        "--json",
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let plan = common::stdout(&out);
    for exercise in ["\"quad-", "\"hamstring-", "\"glute-"] {
        assert!(plan.contains(exercise), "{exercise} missing: {plan}");
    }
    // One less does not.
    let out = sb.run(&["today", "--after-run", "--minutes", &(from - 1).to_string()]);
    assert_eq!(out.status.code(), Some(2));
    // A warm-up has no such core: a short one is fine, and never "about 1 minutes".
    let out = sb.run(&["today", "--before-run", "--minutes", "1"]);
    assert!(
        !common::stdout(&out).contains("1 minutes"),
        "{}",
        common::stdout(&out)
    );
}
