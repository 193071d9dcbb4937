//! The session log: round trips, damage, concurrency, unwritable folders, import.

mod common;

use common::{Sandbox, record, stderr, stdout};
use foamroll::history::{HistoryLog, parse_log};
use foamroll::session::{SessionRecord, Status};

#[test]
fn every_field_round_trips_and_unknown_fields_are_kept() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let log = HistoryLog::in_dir(dir.path());
    let r = record("a", 1, Status::Completed);
    log.append(&r).unwrap_or_else(|e| panic!("{e}"));
    let loaded = log.load().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.sessions, vec![r.clone()]);

    // A line written by a newer foamroll, with a field this one does not know.
    let mut value = serde_json::to_value(&r).unwrap_or_else(|e| panic!("{e}"));
    value["id"] = "b".into();
    value["heart_rate"] = serde_json::json!({"avg": 61});
    let line = format!("{value}\n");
    let loaded = parse_log("x", line.as_bytes());
    let b = &loaded.sessions[0];
    assert_eq!(
        b.extra.get("heart_rate"),
        Some(&serde_json::json!({"avg": 61}))
    );
    log.append(b).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(log.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        text.lines()
            .last()
            .unwrap_or_default()
            .contains("\"heart_rate\":{\"avg\":61}")
    );
    assert!(text.lines().all(|l| l.contains("\"format\":1")));
}

#[test]
fn last_record_of_a_session_wins_and_running_is_interrupted() {
    let log_text = [
        serde_json::to_string(&record("a", 1, Status::Running)),
        serde_json::to_string(&record("b", 2, Status::Running)),
        serde_json::to_string(&record("a", 1, Status::Completed)),
    ]
    .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
    .join("\n")
        + "\n";
    let loaded = parse_log("h", log_text.as_bytes());
    let status: Vec<(&str, Status)> = loaded
        .sessions
        .iter()
        .map(|s| (s.id.as_str(), s.status))
        .collect();
    assert_eq!(
        status,
        vec![("b", Status::Interrupted), ("a", Status::Completed)],
        "newest first"
    );
}

#[test]
fn torn_last_line_is_skipped_then_repaired_by_the_next_append() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let log = HistoryLog::in_dir(dir.path());
    log.append(&record("a", 1, Status::Completed))
        .unwrap_or_else(|e| panic!("{e}"));
    let full =
        serde_json::to_string(&record("b", 2, Status::Completed)).unwrap_or_else(|e| panic!("{e}"));
    let mut text = std::fs::read_to_string(log.path()).unwrap_or_else(|e| panic!("{e}"));
    text.push_str(&full[..full.len() / 2]);
    std::fs::write(log.path(), &text).unwrap_or_else(|e| panic!("{e}"));

    let loaded = log.load().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.sessions.len(), 1);
    assert_eq!(loaded.warnings.len(), 1);
    assert!(
        loaded.warnings[0].contains(":2: skipped an incomplete last line"),
        "{:?}",
        loaded.warnings
    );

    log.append(&record("c", 3, Status::Completed))
        .unwrap_or_else(|e| panic!("{e}"));
    let loaded = log.load().unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = loaded.sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, vec!["c", "a"]);
    assert!(loaded.warnings[0].contains(":2: skipped a line that is not a session record"));
    let text = std::fs::read_to_string(log.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        text.lines().count(),
        3,
        "the torn line is kept, ended, and never deleted"
    );
}

#[test]
fn a_garbage_line_in_the_middle_is_skipped_with_its_line_number() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let log = HistoryLog::in_dir(dir.path());
    log.append(&record("a", 1, Status::Completed))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut text = std::fs::read_to_string(log.path()).unwrap_or_else(|e| panic!("{e}"));
    text.push_str("this is not json\n");
    std::fs::write(log.path(), &text).unwrap_or_else(|e| panic!("{e}"));
    log.append(&record("b", 2, Status::Aborted))
        .unwrap_or_else(|e| panic!("{e}"));
    let loaded = log.load().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.sessions.len(), 2);
    assert_eq!(loaded.warnings.len(), 1);
    assert!(
        loaded.warnings[0].contains("history.jsonl:2:"),
        "{:?}",
        loaded.warnings
    );
    assert!(
        std::fs::read_to_string(log.path())
            .unwrap_or_default()
            .contains("this is not json")
    );
}

#[test]
fn threads_appending_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let path = dir.path().to_path_buf();
            std::thread::spawn(move || {
                // Each thread opens its own file handle, as separate processes would.
                let log = HistoryLog::in_dir(&path);
                for i in 0..150 {
                    log.append(&record(
                        &format!("t{t}-{i}"),
                        1 + (i % 28),
                        Status::Completed,
                    ))
                    .unwrap_or_else(|e| panic!("{e}"));
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap_or_else(|_| panic!("thread panicked"));
    }
    let loaded = HistoryLog::in_dir(dir.path())
        .load()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.sessions.len(), 600);
}

#[test]
fn two_processes_appending_at_once_both_keep_every_session() {
    let sb = Sandbox::new();
    // Each process imports many one-session files, one locked append each.
    let mut files = Vec::new();
    for p in 0..2 {
        let mut list = Vec::new();
        for i in 0..25 {
            let line =
                serde_json::to_string(&record(&format!("p{p}-{i}"), 1 + i, Status::Completed))
                    .unwrap_or_else(|e| panic!("{e}"));
            list.push(sb.write(&format!("in/{p}-{i}.jsonl"), &format!("{line}\n")));
        }
        files.push(list);
    }
    let children: Vec<_> = files
        .into_iter()
        .map(|list| {
            let cmd = sb.command();
            let script: Vec<String> = list
                .iter()
                .map(|f| {
                    format!(
                        "\"{}\" history import \"{}\" >/dev/null",
                        env!("CARGO_BIN_EXE_foamroll"),
                        f.display()
                    )
                })
                .collect();
            std::process::Command::new("sh")
                .arg("-c")
                .arg(script.join(" && "))
                .envs(
                    cmd.get_envs()
                        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
                )
                .spawn()
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap_or_else(|e| panic!("{e}")).success());
    }
    let out = sb.run(&["history", "--json"]);
    let sessions: Vec<SessionRecord> =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sessions.len(), 50, "{}", stderr(&out));
}

#[test]
fn an_unwritable_data_folder_is_reported_and_nothing_stored_is_touched() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // A folder where the log file should be: every append fails, as on a read-only disk.
    std::fs::create_dir_all(dir.path().join("history.jsonl")).unwrap_or_else(|e| panic!("{e}"));
    let log = HistoryLog::in_dir(dir.path());
    assert!(log.append(&record("a", 1, Status::Completed)).is_err());

    let clock = common::ui::Clock::new();
    let mut app = common::ui::app(Some(dir.path()));
    app.start("pre-run", clock.at(0.0), common::ui::wall());
    for i in 1..5 {
        app.handle(
            foamroll::ui::Action::Skip,
            clock.at(f64::from(i)),
            common::ui::wall(),
        );
    }
    assert!(app.playing(), "the session goes on");
    let screen = common::ui::render(&app, clock.at(5.0), 120, 40);
    assert!(screen.contains("History not saved"), "{screen}");
    assert!(dir.path().join("history.jsonl").is_dir());
}

#[test]
fn import_merges_by_id_and_twice_changes_nothing() {
    let a = Sandbox::new();
    let b = Sandbox::new();
    let log_a = HistoryLog::in_dir(&a.path().join("data"));
    for (i, status) in [
        (1, Status::Completed),
        (2, Status::Running),
        (3, Status::Aborted),
    ] {
        log_a
            .append(&record(&format!("s{i}"), i, status))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    HistoryLog::in_dir(&b.path().join("data"))
        .append(&record("s1", 1, Status::Completed))
        .unwrap_or_else(|e| panic!("{e}"));
    let export = a.write("export.json", &stdout(&a.run(&["history", "--json"])));
    let jsonl = log_a.path().to_path_buf();

    let first = b.run(&["history", "import", export.to_str().unwrap_or_default()]);
    assert_eq!(
        stdout(&first),
        "imported 2 new, 0 updated, 1 already there\n",
        "{}",
        stderr(&first)
    );
    let after_first = std::fs::read(b.path().join("data/history.jsonl")).unwrap_or_default();
    for file in [&export, &jsonl] {
        let again = b.run(&["history", "import", file.to_str().unwrap_or_default()]);
        assert_eq!(
            stdout(&again),
            "imported 0 new, 0 updated, 3 already there\n"
        );
    }
    assert_eq!(
        std::fs::read(b.path().join("data/history.jsonl")).unwrap_or_default(),
        after_first
    );
    let out = b.run(&["history", "--json"]);
    let merged: Vec<SessionRecord> =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(merged.len(), 3);
    assert_eq!(merged[1].status, Status::Interrupted);
}

#[test]
fn a_final_record_supersedes_an_interrupted_one_on_import() {
    let a = Sandbox::new();
    let b = Sandbox::new();
    HistoryLog::in_dir(&a.path().join("data"))
        .append(&record("s1", 1, Status::Completed))
        .unwrap_or_else(|e| panic!("{e}"));
    HistoryLog::in_dir(&b.path().join("data"))
        .append(&record("s1", 1, Status::Running))
        .unwrap_or_else(|e| panic!("{e}"));
    let src = a.path().join("data/history.jsonl");
    let out = b.run(&["history", "import", src.to_str().unwrap_or_default()]);
    assert_eq!(stdout(&out), "imported 0 new, 1 updated, 0 already there\n");
}

#[test]
fn history_table_json_csv_since_and_limit() {
    let sb = Sandbox::new();
    let log = HistoryLog::in_dir(&sb.path().join("data"));
    for day in 1..=5 {
        log.append(&record(&format!("s{day}"), day, Status::Completed))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let table = stdout(&sb.run(&["history", "--limit", "2"]));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(
        lines[1].contains("2026-10-05") && lines[2].contains("2026-10-04"),
        "newest first:\n{table}"
    );
    assert!(
        lines[1].contains("10:12") && lines[1].contains("completed") && lines[1].contains("5.5")
    );

    let json = stdout(&sb.run(&["history", "--json", "--since", "2026-10-04"]));
    let sessions: Vec<SessionRecord> =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sessions.len(), 2);

    let csv = stdout(&sb.run(&["history", "--csv", "--since", "2026-10-05"]));
    let mut rows = csv.lines();
    let header = rows.next().unwrap_or_default();
    assert!(header.starts_with("session_id,started_at,routine_id,routine_name,style,status,exercise_id,region,side,zone,planned_s,search_s,hold_s,skipped,tenderness"));
    assert_eq!(
        rows.next(),
        Some(
            "s5,2026-10-05T07:00:00+01:00,post-run,Post-run recovery,recovery,completed,quad-release,quads,left,outer line,30,4.25,41.5,true,5.5,11.5,0,1"
        )
    );
    assert_eq!(rows.next(), None);

    let bad = sb.run(&["history", "--since", "5 Oct"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("YYYY-MM-DD"));
}
