//! `foamroll runs` end to end through the real binary: an export folder with good and
//! hostile files, the listing and its JSON, forgetting, the `activities` folder's
//! incremental scan (a renamed or recompressed file is not imported twice, a broken
//! file is reported once), and the status line after a run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::activities::{Run, gzip, gzip_bomb};
use common::{Sandbox, stderr, stdout};

/// 2026-10-20 06:00 UTC, a Tuesday.
const START: i64 = 1_792_476_000;

fn export(sb: &Sandbox) -> std::path::PathBuf {
    let dir = sb.path().join("export");
    std::fs::create_dir_all(dir.join("2026/10")).unwrap();
    let mut r = Run::new(START, 3600, 12_400.0);
    r.offset_s = 7200;
    r.climb_m = 120.0;
    r.every_s = 5;
    std::fs::write(dir.join("2026/10/morning.fit"), r.fit()).unwrap();
    let evening = Run::new(START - 86_400, 1800, 5_000.0);
    std::fs::write(
        dir.join("2026/10/evening.gpx.gz"),
        gzip(evening.gpx().as_bytes()),
    )
    .unwrap();
    let mut ride = Run::new(START - 2 * 86_400, 3600, 30_000.0);
    ride.sport = 2;
    std::fs::write(dir.join("ride.tcx"), ride.tcx()).unwrap();
    std::fs::write(dir.join("notes.txt"), "not an activity").unwrap();
    dir
}

fn hostile(dir: &std::path::Path) {
    let good = Run::new(START - 3 * 86_400, 1200, 4_000.0).fit();
    std::fs::write(dir.join("cut.fit"), &good[..good.len() / 2]).unwrap();
    let mut crc = good.clone();
    let n = crc.len();
    crc[n - 2] ^= 0xff;
    std::fs::write(dir.join("crc.fit"), crc).unwrap();
    std::fs::write(dir.join("bomb.gpx.gz"), gzip_bomb(100 << 20)).unwrap();
    std::fs::write(
        dir.join("laughs.gpx"),
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><gpx>&lol2;</gpx>",
    )
    .unwrap();
    let future = Run::new(START + 400 * 86_400, 1200, 4_000.0);
    std::fs::write(dir.join("future.tcx"), future.tcx()).unwrap();
}

#[test]
fn an_export_imports_every_activity_and_names_each_file_it_cannot() {
    let sb = Sandbox::new();
    let dir = export(&sb);
    hostile(&dir);
    let out = sb.run(&["runs", "import", dir.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (file, why) in [
        ("cut.fit", "truncated"),
        ("crc.fit", "checksum (CRC) does not match"),
        ("bomb.gpx.gz", "inflates to more than 64 MiB"),
        ("laughs.gpx", "document type declaration"),
        ("future.tcx", "in the future"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file}: {err}"));
        assert!(
            line.starts_with("foamroll: ") && line.contains(why),
            "{line}"
        );
    }
    assert_eq!(err.lines().count(), 5, "{err}");
    assert!(!err.contains("notes.txt"), "{err}");
    assert_eq!(
        stdout(&out).trim(),
        "Imported 3 activities (2 runs) from 7 files; 5 were not imported (each said above)."
    );
    let list = stdout(&sb.run(&["runs"]));
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 4, "{list}");
    assert!(
        lines[1].contains("2026-10-20 08:00") && lines[1].contains("running"),
        "{list}"
    );
    assert!(
        lines[1].contains("12.4 km") && lines[1].contains("1 h") && lines[1].contains("120 m"),
        "{list}"
    );
    assert!(lines[1].ends_with("morning.fit"), "{list}");
    assert!(
        lines[3].contains("cycling") && lines[3].contains("30 km"),
        "{list}"
    );
    // Importing again changes nothing; the good files are known by their content.
    let again = sb.run(&["runs", "import", dir.join("2026").to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(
        stdout(&again).trim(),
        "Imported 0 activities from 2 files; 2 were already in the history."
    );
}

#[test]
fn runs_json_carries_the_summary_and_nothing_of_the_track() {
    let sb = Sandbox::new();
    let dir = export(&sb);
    assert_eq!(
        sb.run(&["runs", "import", dir.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let out = sb.run(&["runs", "--json", "--since", "2026-10-19"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["format"], 1);
    let runs = doc["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2, "--since leaves the ride of the 18th out");
    let first = &runs[0];
    assert_eq!(first["start"], "2026-10-20T08:00:00+02:00");
    assert_eq!(first["sport"], "running");
    assert_eq!(first["avg_hr"], 150.0);
    assert_eq!(first["hash"].as_str().unwrap().len(), 64);
    let text = stdout(&out);
    for word in ["lat", "lon", "point", "track"] {
        assert!(!text.contains(word), "{word} in {text}");
    }
    // The database holds no coordinate either: no column for one.
    let conn = rusqlite::Connection::open(sb.path().join("data/history.db")).unwrap();
    let stmt = conn.prepare("SELECT * FROM runs LIMIT 0").unwrap();
    let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
    drop(stmt);
    assert!(
        columns
            .iter()
            .all(|c| !c.contains("lat") && !c.contains("lon")),
        "{columns:?}"
    );
}

#[test]
fn forget_one_or_all() {
    let sb = Sandbox::new();
    let dir = export(&sb);
    sb.run(&["runs", "import", dir.to_str().unwrap()]);
    let doc: serde_json::Value =
        serde_json::from_str(&stdout(&sb.run(&["runs", "--json"]))).unwrap();
    let id = doc["runs"][0]["id"].as_i64().unwrap();
    let out = sb.run(&["runs", "forget", &id.to_string()]);
    assert_eq!(stdout(&out).trim(), format!("Forgot activity {id}."));
    let out = sb.run(&["runs", "forget", &id.to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("no activity {id}")),
        "{}",
        stderr(&out)
    );
    let out = sb.run(&["runs", "forget", "--all"]);
    assert_eq!(stdout(&out).trim(), "Forgot 2 activities.");
    assert!(stdout(&sb.run(&["runs"])).starts_with("No activities yet"));
    // Neither an id nor --all is a usage error; both at once too.
    assert_eq!(sb.run(&["runs", "forget"]).status.code(), Some(2));
    assert_eq!(
        sb.run(&["runs", "forget", "3", "--all"]).status.code(),
        Some(2)
    );
}

#[test]
fn the_activities_folder_is_scanned_incrementally() {
    let sb = Sandbox::new();
    let dir = export(&sb);
    sb.write(
        "config/config.yaml",
        &format!("activities: {}\n", dir.display()),
    );
    let now = ["FOAMROLL_NOW", "2026-10-20T10:00"];
    let first = sb
        .command()
        .args(["today"])
        .env(now[0], now[1])
        .output()
        .unwrap();
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("Imported 3 activities (2 runs) from 3 files"),
        "{}",
        stderr(&first)
    );
    // The run ended at 09:00 local: "after a run".
    assert!(
        stdout(&first).contains(
            "Why after a run: you ran 12.4 km at 08:00, 1 hour ago, and have not rolled since."
        ),
        "{}",
        stdout(&first)
    );
    // Nothing changed: nothing said, nothing read.
    let second = sb
        .command()
        .args(["today"])
        .env(now[0], now[1])
        .output()
        .unwrap();
    assert_eq!(stderr(&second), "");
    // Renamed and recompressed: the same content, not imported twice.
    let fit = dir.join("2026/10/morning.fit");
    let bytes = std::fs::read(&fit).unwrap();
    std::fs::remove_file(&fit).unwrap();
    std::fs::write(dir.join("renamed.fit.gz"), gzip(&bytes)).unwrap();
    // A broken file is said once, then left until it changes.
    std::fs::write(dir.join("broken.fit"), &bytes[..100]).unwrap();
    let third = sb
        .command()
        .args(["today"])
        .env(now[0], now[1])
        .output()
        .unwrap();
    let err = stderr(&third);
    assert!(
        err.contains("broken.fit") && err.contains("truncated"),
        "{err}"
    );
    assert!(!err.contains("Imported"), "{err}");
    let fourth = sb
        .command()
        .args(["today"])
        .env(now[0], now[1])
        .output()
        .unwrap();
    assert_eq!(stderr(&fourth), "");
    let doc: serde_json::Value =
        serde_json::from_str(&stdout(&sb.run(&["runs", "--json"]))).unwrap();
    assert_eq!(doc["runs"].as_array().unwrap().len(), 3);
}

#[test]
fn status_says_what_matters_after_a_run_and_can_be_told_not_to() {
    let sb = Sandbox::new();
    let dir = export(&sb);
    sb.write(
        "config/config.yaml",
        &format!("activities: {}\n", dir.display()),
    );
    let status = |at: &str| {
        let out = sb
            .command()
            .args(["status"])
            .env("FOAMROLL_NOW", at)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stderr(&out), "");
        stdout(&out).trim().to_string()
    };
    assert_eq!(
        status("2026-10-20T11:00"),
        "ran 12 km 2h ago · roll now · 0/3 this week"
    );
    // Long after the run, the usual line.
    assert_eq!(status("2026-10-21T11:00"), "0/3 this week");
    sb.write(
        "config/config.yaml",
        &format!("activities: {}\nstatus_after_run: 0\n", dir.display()),
    );
    assert_eq!(status("2026-10-20T11:00"), "0/3 this week");
    let out = sb
        .command()
        .args(["status", "--json"])
        .env("FOAMROLL_NOW", "2026-10-20T11:00")
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(doc["run_distance_m"].is_null());
}

#[test]
fn a_bad_activities_key_is_one_clear_line() {
    let sb = Sandbox::new();
    sb.write(
        "config/config.yaml",
        "activities: relative/folder\nstatus_after_run: 99\n",
    );
    let out = sb.run(&["config"]);
    let err = stderr(&out);
    assert!(
        err.contains("activities: `relative/folder` is not absolute"),
        "{err}"
    );
    assert!(err.contains("status_after_run is 99 hours"), "{err}");
}

#[test]
fn a_history_of_the_version_before_runs_reads_as_no_runs_and_upgrades_on_import() {
    let sb = Sandbox::new();
    let dir = export(&sb);
    // A history as the version before wrote it: no runs tables, schema 1.
    sb.run(&["runs", "import", dir.join("ride.tcx").to_str().unwrap()]);
    let db = sb.path().join("data/history.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("DROP TABLE runs; DROP TABLE run_files; PRAGMA user_version = 1;")
        .unwrap();
    drop(conn);
    let out = sb.run(&["runs"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("No activities yet"),
        "{}",
        stdout(&out)
    );
    let status = sb.run(&["status"]);
    assert_eq!(status.status.code(), Some(0), "{}", stderr(&status));
    // Reading changed nothing; the next import brings the schema up to date.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
    drop(conn);
    let out = sb.run(&["runs", "import", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Imported 3 activities"),
        "{}",
        stdout(&out)
    );
}

/// Every file and folder under `dir`, sorted.
fn tree(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            out.push(e.path());
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(e.path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn wrong_arguments_on_an_empty_home_fail_and_create_nothing() {
    let sb = Sandbox::new();
    let before = tree(sb.path());
    let missing = sb.path().join("nonexistent.gpx");
    let garbage = sb.path().join("garbage.gpx");
    std::fs::write(&garbage, "not a track").unwrap();
    let before_garbage = tree(sb.path());
    for (args, err) in [
        (
            vec!["runs", "import", missing.to_str().unwrap()],
            "nonexistent.gpx",
        ),
        (vec!["runs", "forget", "5"], "no activity 5"),
        (
            vec!["history", "import", missing.to_str().unwrap()],
            "nonexistent.gpx",
        ),
    ] {
        let out = sb.run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(err), "{args:?}: {}", stderr(&out));
        assert_eq!(
            tree(sb.path()),
            before_garbage,
            "{args:?} created something"
        );
    }
    let out = sb.run(&["runs", "import", garbage.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        tree(sb.path()),
        before_garbage,
        "a bad file created the history"
    );
    let out = sb.run(&["runs", "forget", "--all"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "Forgot 0 activities.");
    std::fs::remove_file(&garbage).unwrap();
    assert_eq!(tree(sb.path()), before);
}
