//! The summary cache agrees with the log, follows appends, and is rebuilt when it
//! cannot be trusted.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use foamroll::history::{CACHE_NAME, HistoryLog, SessionSummary, parse_log};
use foamroll::session::Status;

use common::record;

fn from_full_parse(log: &HistoryLog) -> Vec<(String, Status, Option<f64>, usize)> {
    let bytes = std::fs::read(log.path()).unwrap_or_default();
    parse_log("x", &bytes)
        .sessions
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                r.status,
                r.average_tenderness(),
                r.entries.len(),
            )
        })
        .collect()
}

fn from_summaries(log: &HistoryLog) -> Vec<(String, Status, Option<f64>, usize)> {
    let (sessions, _) = log.summaries().unwrap_or_else(|e| panic!("{e}"));
    sessions
        .iter()
        .map(|s: &SessionSummary| {
            (
                s.id.to_string(),
                s.shown_status(),
                s.average_tenderness,
                s.regions.len(),
            )
        })
        .collect()
}

#[test]
fn cache_follows_appends_and_matches_a_full_parse() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let log = HistoryLog::in_dir(dir.path());
    assert!(
        log.summaries()
            .unwrap_or_else(|e| panic!("{e}"))
            .0
            .is_empty()
    );
    log.append(&record("a", 1, Status::Running))
        .unwrap_or_else(|e| panic!("{e}"));
    log.append(&record("b", 2, Status::Completed))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_summaries(&log).len(), 2);
    assert!(dir.path().join(CACHE_NAME).exists());
    // The checkpoint of `a` is superseded after the cache was written.
    log.append(&record("a", 1, Status::Completed))
        .unwrap_or_else(|e| panic!("{e}"));
    log.append(&record("c", 3, Status::Aborted))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_summaries(&log), from_full_parse(&log));
    let (sessions, _) = log.summaries().unwrap_or_else(|e| panic!("{e}"));
    let a = sessions
        .iter()
        .find(|s| &*s.id == "a")
        .unwrap_or_else(|| panic!("a"));
    let full = log.record_at(a.offset).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        full.status,
        Status::Completed,
        "the offset points at the latest line"
    );
}

#[test]
fn a_damaged_cache_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let log = HistoryLog::in_dir(dir.path());
    for i in 1..=5 {
        log.append(&record(&format!("s{i}"), i, Status::Completed))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    log.summaries().unwrap_or_else(|e| panic!("{e}"));
    let cache = dir.path().join(CACHE_NAME);
    let mut bytes = std::fs::read(&cache).unwrap_or_default();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&cache, &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_summaries(&log), from_full_parse(&log));
    std::fs::write(&cache, b"garbage").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_summaries(&log), from_full_parse(&log));
}

#[test]
fn a_log_rewritten_under_the_cache_is_read_again() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let log = HistoryLog::in_dir(dir.path());
    for i in 1..=3 {
        log.append(&record(&format!("s{i}"), i, Status::Completed))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    log.summaries().unwrap_or_else(|e| panic!("{e}"));
    // Another tool replaces the log with one of the same length but other sessions.
    let text = std::fs::read_to_string(log.path())
        .unwrap_or_default()
        .replace("\"id\":\"s", "\"id\":\"t");
    std::fs::write(log.path(), text).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<String> = from_summaries(&log).into_iter().map(|s| s.0).collect();
    assert_eq!(ids, vec!["t3", "t2", "t1"]);
}

#[test]
fn torn_and_garbage_lines_are_reported_through_the_cache_too() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let log = HistoryLog::in_dir(dir.path());
    log.append(&record("a", 1, Status::Completed))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut text = std::fs::read_to_string(log.path()).unwrap_or_default();
    text.push_str("not json\n{\"format\":1,\"id\":\"tor");
    std::fs::write(log.path(), text).unwrap_or_else(|e| panic!("{e}"));
    for _ in 0..2 {
        let (sessions, warnings) = log.summaries().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sessions.len(), 1);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains(":2: skipped a line"));
        assert!(warnings[1].contains(":3: skipped an incomplete last line"));
    }
    log.append(&record("b", 2, Status::Completed))
        .unwrap_or_else(|e| panic!("{e}"));
    let (sessions, _) = log.summaries().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sessions.len(), 2, "the repaired tail is read on");
}
