//! The history database: round trips, migrations, concurrency, crashes, files that are
//! not databases, import, and the `history` command's formats.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use common::{Sandbox, record, stderr, stdout};
use foamroll::history::{
    DB_NAME, LEGACY_DONE_NAME, LEGACY_NAME, OpenError, SCHEMA_VERSION, Store, parse_log,
};
use foamroll::session::{SessionRecord, Status};

fn open(dir: &std::path::Path) -> Store {
    Store::open(dir).unwrap_or_else(|e| panic!("{e}"))
}

fn ids(store: &Store) -> Vec<String> {
    store
        .load()
        .unwrap_or_else(|e| panic!("{e}"))
        .sessions
        .into_iter()
        .map(|s| s.id)
        .collect()
}

#[test]
fn every_field_round_trips_and_unknown_fields_are_kept() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = open(dir.path());
    let mut r = record("a", 1, Status::Completed);
    r.extra
        .insert("heart_rate".into(), serde_json::json!({"avg": 61}));
    r.started_at += chrono::Duration::nanoseconds(123_456_789);
    store.save(&r).unwrap_or_else(|e| panic!("{e}"));
    // A new process reads it back exactly.
    let loaded = open(dir.path()).load().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.sessions, vec![r.clone()]);
    let (summaries, _) = open(dir.path())
        .summaries()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summaries.len(), 1);
    let s = &summaries[0];
    assert_eq!(s.average_tenderness, Some(5.5));
    assert_eq!(s.duration_s, r.duration_s());
    assert!(s.rolled);
    let back = open(dir.path())
        .record_at(s.offset)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, r);
}

#[test]
fn checkpoints_update_the_session_in_place_and_running_reads_as_interrupted() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = open(dir.path());
    let mut r = record("a", 1, Status::Running);
    r.ended_at = None;
    let mut second = r.entries[0].clone();
    second.step = 1;
    second.hold_s = 0.0;
    second.tenderness.clear();
    r.entries.push(second);
    store.save(&r).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        open(dir.path()).load().unwrap_or_default_status(),
        vec![Status::Interrupted],
        "a running session another process sees is shown as interrupted"
    );
    r.entries[1].hold_s = 35.0;
    r.entries[1].tenderness = vec![9];
    store.save(&r).unwrap_or_else(|e| panic!("{e}"));
    r.status = Status::Completed;
    r.ended_at = Some(r.started_at + chrono::Duration::seconds(100));
    r.entries.truncate(1);
    store.save(&r).unwrap_or_else(|e| panic!("{e}"));
    let loaded = open(dir.path()).load().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.sessions, vec![r]);
}

trait Statuses {
    fn unwrap_or_default_status(self) -> Vec<Status>;
}

impl Statuses for Result<foamroll::history::Loaded, OpenError> {
    fn unwrap_or_default_status(self) -> Vec<Status> {
        self.unwrap_or_else(|e| panic!("{e}"))
            .sessions
            .iter()
            .map(|s| s.status)
            .collect()
    }
}

#[test]
fn an_empty_folder_gets_the_current_schema() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().join("new/data");
    let store = open(&data);
    assert!(ids(&store).is_empty());
    let conn = rusqlite::Connection::open(data.join(DB_NAME)).unwrap_or_else(|e| panic!("{e}"));
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(version, SCHEMA_VERSION);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(mode, "wal");
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join(DB_NAME);
    {
        let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let before = std::fs::read(&path).unwrap_or_default();
    match Store::open(dir.path()) {
        Err(e @ OpenError::TooNew { found: 99, .. }) => {
            assert!(e.to_string().contains("newer foamroll"), "{e}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(std::fs::read(&path).unwrap_or_default(), before);
    assert!(!dir.path().join(format!("{DB_NAME}-wal")).exists());
}

#[test]
fn a_jsonl_log_of_the_previous_format_is_imported_once_and_renamed() {
    let sb = Sandbox::new();
    let lines = [
        record("a", 1, Status::Running),
        record("b", 2, Status::Completed),
        record("a", 1, Status::Completed),
        record("c", 3, Status::Running),
    ]
    .map(|r| serde_json::to_string(&r).unwrap_or_else(|e| panic!("{e}")))
    .join("\n");
    let text = format!("{lines}\nnot json\n");
    sb.write(&format!("data/{LEGACY_NAME}"), &text);
    let out = sb.run(&["history", "--json"]);
    let sessions: Vec<SessionRecord> =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(&str, Status)> = sessions.iter().map(|s| (s.id.as_str(), s.status)).collect();
    assert_eq!(
        got,
        vec![
            ("c", Status::Interrupted),
            ("b", Status::Completed),
            ("a", Status::Completed)
        ]
    );
    assert!(
        stderr(&out).contains("history.jsonl:5: skipped a line"),
        "{}",
        stderr(&out)
    );
    let data = sb.path().join("data");
    // Reading changes nothing: the log is read where it is, and no database is made.
    assert_eq!(
        std::fs::read_to_string(data.join(LEGACY_NAME)).unwrap_or_default(),
        text
    );
    assert!(!data.join(DB_NAME).exists());
    // The first writer imports it into the database and renames it.
    drop(open(&data));
    assert!(!data.join(LEGACY_NAME).exists());
    assert_eq!(
        std::fs::read_to_string(data.join(LEGACY_DONE_NAME)).unwrap_or_default(),
        text,
        "the old log is kept, renamed, untouched"
    );
    // Not imported again: a second run sees the same three sessions and no warning.
    let again = sb.run(&["history", "--json"]);
    assert_eq!(stdout(&again), stdout(&out));
    assert_eq!(stderr(&again), "");
    // The lenient reader used for it keeps the same sessions.
    assert_eq!(parse_log("x", text.as_bytes()).sessions.len(), 3);
}

#[test]
fn threads_saving_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    open(dir.path());
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let path = dir.path().to_path_buf();
            std::thread::spawn(move || {
                // Each thread has its own connection, as separate processes would.
                let store = open(&path);
                for i in 0..50 {
                    let mut r = record(&format!("t{t}-{i}"), 1 + (i % 28), Status::Running);
                    store.save(&r).unwrap_or_else(|e| panic!("{e}"));
                    r.status = Status::Completed;
                    store.save(&r).unwrap_or_else(|e| panic!("{e}"));
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap_or_else(|_| panic!("thread panicked"));
    }
    let loaded = open(dir.path()).load().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.sessions.len(), 200);
    assert!(
        loaded
            .sessions
            .iter()
            .all(|s| s.status == Status::Completed)
    );
}

#[test]
fn instances_recording_at_once_keep_every_session() {
    let sb = Sandbox::new();
    let children: Vec<_> = (0..3)
        .map(|_| {
            let c = sb.command();
            let script = (0..4)
                .map(|_| {
                    format!(
                        "\"{}\" --speed 1000 play post-run --plain </dev/null >/dev/null",
                        env!("CARGO_BIN_EXE_foamroll")
                    )
                })
                .collect::<Vec<_>>()
                .join(" && ");
            std::process::Command::new("sh")
                .arg("-c")
                .arg(script)
                .envs(
                    c.get_envs()
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
    assert_eq!(sessions.len(), 12, "{}", stderr(&out));
    assert!(
        sessions.iter().all(|s| s.status == Status::Completed),
        "{sessions:?}"
    );
}

#[test]
fn kill_9_during_a_session_keeps_it_as_interrupted() {
    let sb = Sandbox::new();
    let mut child = sb
        .command()
        .args(["--speed", "20", "play", "post-run", "--plain"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    // Wait for the first checkpoint (a finished step) to be in the database.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut seen = Vec::new();
    while std::time::Instant::now() < deadline {
        let out = sb.run(&["history", "--json"]);
        seen = serde_json::from_str::<Vec<SessionRecord>>(&stdout(&out)).unwrap_or_default();
        if seen
            .first()
            .is_some_and(|s| s.entries.iter().any(|e| e.points_held > 0))
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(common::signal(child.id(), "KILL"));
    let _ = child.wait();
    assert_eq!(seen.len(), 1, "a checkpoint was saved before the kill");
    let out = sb.run(&["history", "--json"]);
    let after: Vec<SessionRecord> =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].status, Status::Interrupted);
    assert!(after[0].entries.iter().any(|e| e.points_held > 0));
    let table = stdout(&sb.run(&["history"]));
    assert!(table.contains("interrupted"), "{table}");
}

#[test]
fn an_unwritable_data_folder_is_reported_and_the_session_goes_on() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // A folder where the database should be.
    std::fs::create_dir_all(dir.path().join(DB_NAME)).unwrap_or_else(|e| panic!("{e}"));
    let err = Store::open(dir.path()).map(|_| ()).err();
    assert!(
        err.as_ref()
            .is_some_and(|e| e.to_string().contains("is a directory")),
        "{err:?}"
    );
    assert!(
        Store::in_dir(dir.path())
            .save(&record("a", 1, Status::Completed))
            .is_err()
    );

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
    // The writer thread reports the failure a moment later: look again until it does.
    let mut screen = String::new();
    for _ in 0..200 {
        app.tick(clock.at(5.0));
        screen = common::ui::render(&app, clock.at(5.0), 120, 40);
        if screen.contains("History not saved") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(screen.contains("History not saved"), "{screen}");
    assert!(dir.path().join(DB_NAME).is_dir());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_symlink_where_the_database_should_be_is_reported_never_waited_on() {
    let sb = Sandbox::new();
    let data = sb.path().join("data");
    std::fs::create_dir_all(&data).unwrap_or_else(|e| panic!("{e}"));
    let fifo = data.join(DB_NAME);
    common::mkfifo(&fifo);
    let started = std::time::Instant::now();
    let out = sb.run(&["history"]);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is a FIFO"), "{}", stderr(&out));
    // Plain mode goes on unsaved, and says so.
    let out = sb
        .command()
        .args(["--speed", "1000", "play", "pre-run", "--plain"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    // The session runs to its end, says why it is not saved, and exits 1 for it.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("is a FIFO"), "{}", stdout(&out));
    assert!(stdout(&out).contains("Done"));
    assert!(stdout(&out).contains("was NOT saved"), "{}", stdout(&out));

    // A symlink to a file elsewhere is not followed, so the target is never written.
    std::fs::remove_file(&fifo).unwrap_or_else(|e| panic!("{e}"));
    let target = sb.write("elsewhere.db", "precious\n");
    std::os::unix::fs::symlink(&target, &fifo).unwrap_or_else(|e| panic!("{e}"));
    let out = sb.run(&["history"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is a symbolic link"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&target).unwrap_or_default(),
        "precious\n"
    );
}

#[test]
fn import_merges_by_id_and_twice_changes_nothing() {
    let a = Sandbox::new();
    let b = Sandbox::new();
    let store_a = open(&a.path().join("data"));
    for (i, status) in [
        (1, Status::Completed),
        (2, Status::Running),
        (3, Status::Aborted),
    ] {
        store_a
            .save(&record(&format!("s{i}"), i, status))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    open(&b.path().join("data"))
        .save(&record("s1", 1, Status::Completed))
        .unwrap_or_else(|e| panic!("{e}"));
    let export = a.write("export.json", &stdout(&a.run(&["history", "--json"])));
    // The same sessions as a log of the earlier format.
    let jsonl: String = store_a
        .load()
        .unwrap_or_else(|e| panic!("{e}"))
        .sessions
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_default() + "\n")
        .collect();
    let jsonl = a.write("old.jsonl", &jsonl);

    let first = b.run(&["history", "import", export.to_str().unwrap_or_default()]);
    assert_eq!(
        stdout(&first),
        "imported 2 new, 0 updated, 1 already there\n",
        "{}",
        stderr(&first)
    );
    let after_first = stdout(&b.run(&["history", "--json"]));
    for file in [&export, &jsonl] {
        let again = b.run(&["history", "import", file.to_str().unwrap_or_default()]);
        assert_eq!(
            stdout(&again),
            "imported 0 new, 0 updated, 3 already there\n",
            "{}",
            stderr(&again)
        );
    }
    assert_eq!(stdout(&b.run(&["history", "--json"])), after_first);
    let merged: Vec<SessionRecord> =
        serde_json::from_str(&after_first).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(merged.len(), 3);
    assert_eq!(merged[1].status, Status::Interrupted);
}

#[test]
fn a_final_record_supersedes_an_interrupted_one_on_import() {
    let a = Sandbox::new();
    let b = Sandbox::new();
    let line = serde_json::to_string(&record("s1", 1, Status::Completed)).unwrap_or_default();
    let src = a.write("a.jsonl", &format!("{line}\n"));
    open(&b.path().join("data"))
        .save(&record("s1", 1, Status::Running))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = b.run(&["history", "import", src.to_str().unwrap_or_default()]);
    assert_eq!(stdout(&out), "imported 0 new, 1 updated, 0 already there\n");
}

#[test]
fn history_table_json_csv_since_and_limit() {
    let sb = Sandbox::new();
    let store = open(&sb.path().join("data"));
    for day in 1..=5 {
        store
            .save(&record(&format!("s{day}"), day, Status::Completed))
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
