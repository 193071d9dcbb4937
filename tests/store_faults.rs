//! The history under storage faults, each injected here: a symlinked folder on the
//! path, a dangling or looping data folder, damaged and foreign databases, one bad
//! row, a read-only folder, and reading commands in an empty data folder. Each test
//! shows that the sessions are kept (or the file left as it is) and that the person
//! is told.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use std::path::Path;
use std::process::Output;

use common::{Sandbox, record, stderr, stdout};
use foamroll::history::{DB_NAME, Store};
use foamroll::session::{SessionRecord, Status};

/// Plays the short warm-up in plain mode with history in `data`.
fn play(sb: &Sandbox, data: &Path) -> Output {
    sb.command()
        .env("FOAMROLL_DATA_DIR", data)
        .args(["play", "pre-run", "--plain", "--speed", "1000"])
        .output()
        .unwrap()
}

fn history_json(sb: &Sandbox, data: &Path) -> (Vec<SessionRecord>, Output) {
    let out = sb
        .command()
        .env("FOAMROLL_DATA_DIR", data)
        .args(["history", "--json"])
        .output()
        .unwrap();
    let sessions = serde_json::from_str(&stdout(&out)).unwrap_or_default();
    (sessions, out)
}

/// No SQL, no SQLite jargon: what a person reads.
fn assert_plain_words(text: &str) {
    for word in ["SELECT", "sqlite", "SQLite", "no such", "near \"", "FROM "] {
        assert!(
            !text.contains(word),
            "raw SQL text reaches the user: {text}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_folder_on_the_path_records_and_reads_history() {
    let sb = Sandbox::new();
    // `/home -> /var/home`, as on image-based systems: the data folder's parent is a link.
    let real = sb.path().join("var-home");
    std::fs::create_dir_all(&real).unwrap();
    let home = sb.path().join("home");
    std::os::unix::fs::symlink(&real, &home).unwrap();
    let data = home.join("me/.local/share/foamroll");
    let out = play(&sb, &data);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stdout(&out).contains("not saved") && !stderr(&out).contains("not saved"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let (sessions, read) = history_json(&sb, &data);
    assert_eq!(sessions.len(), 1, "{}", stderr(&read));
    assert_eq!(sessions[0].status, Status::Completed);
    // The file is in the real folder, reached through the link, and the session is in
    // the file itself: the writer closed it (no WAL left that a read-only reader, which
    // cannot use it, would miss).
    let db = real.join("me/.local/share/foamroll").join(DB_NAME);
    assert!(db.is_file());
    let wal = std::fs::metadata(format!("{}-wal", db.display())).map_or(0, |m| m.len());
    assert_eq!(wal, 0, "the WAL was folded into the file at the end");
    // The data folder itself may be a link too.
    let linked = sb.path().join("linked-data");
    std::os::unix::fs::symlink(home.join("me/.local/share/foamroll"), &linked).unwrap();
    assert_eq!(history_json(&sb, &linked).0.len(), 1);
    // A link in place of history.db itself is still refused, and its target untouched.
    let other = sb.path().join("elsewhere.db");
    std::fs::write(&other, b"keep").unwrap();
    let db2 = sb.path().join("d2");
    std::fs::create_dir_all(&db2).unwrap();
    std::os::unix::fs::symlink(&other, db2.join(DB_NAME)).unwrap();
    let out = play(&sb, &db2);
    assert!(
        stdout(&out).contains("is a symbolic link") || stderr(&out).contains("is a symbolic link"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert_eq!(std::fs::read(&other).unwrap(), b"keep");
}

#[cfg(unix)]
#[test]
fn a_dangling_or_looping_data_folder_gets_a_clear_message() {
    let sb = Sandbox::new();
    let dangling = sb.path().join("dangling");
    std::os::unix::fs::symlink(sb.path().join("gone"), &dangling).unwrap();
    let looping = sb.path().join("loop");
    std::os::unix::fs::symlink(&looping, &looping).unwrap();
    for (dir, words) in [
        (&dangling, "which does not exist"),
        (&looping, "loops back on itself"),
    ] {
        let out = play(&sb, dir);
        let text = format!("{}{}", stdout(&out), stderr(&out));
        assert!(text.contains(words), "{text}");
        assert!(!text.contains("os error 17"), "{text}");
        assert!(!out.status.success(), "an unsaved session is not a success");
        let out = sb
            .command()
            .env("FOAMROLL_DATA_DIR", dir)
            .arg("history")
            .output()
            .unwrap();
        assert!(stderr(&out).contains(words), "{}", stderr(&out));
        assert_eq!(out.status.code(), Some(1));
    }
    assert!(!sb.path().join("gone").exists(), "nothing is created");
}

/// A store with sessions a, b and c saved, closed again.
fn three_sessions(dir: &Path) {
    let store = Store::open(dir).unwrap();
    for (id, day) in [("a", 1), ("b", 2), ("c", 3)] {
        store.save(&record(id, day, Status::Completed)).unwrap();
    }
}

#[test]
fn damaged_and_foreign_databases_are_reported_and_left_unmodified() {
    let sb = Sandbox::new();
    let data = sb.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let db = data.join(DB_NAME);
    // Random bytes.
    let noise: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&db, &noise).unwrap();
    for args in [&["history"][..], &["history", "report"], &["status"]] {
        let out = sb.run(args);
        if args == ["status"] {
            assert_eq!(out.status.code(), Some(1), "status fails quietly");
            continue;
        }
        assert!(
            stderr(&out).contains("is damaged or not a database"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_plain_words(&stderr(&out));
    }
    let out = play(&sb, &data);
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(said.contains("is damaged or not a database"), "{said}");
    assert_plain_words(&said);
    assert_eq!(
        std::fs::read(&db).unwrap(),
        noise,
        "the file is left as it is"
    );
    assert!(!data.join(format!("{DB_NAME}-wal")).exists());

    // A real history cut short.
    std::fs::remove_file(&db).unwrap();
    three_sessions(&data);
    let whole = std::fs::read(&db).unwrap();
    let cut = &whole[..whole.len() / 2];
    std::fs::write(&db, cut).unwrap();
    let out = sb.run(&["history"]);
    assert!(
        stderr(&out).contains("damaged"),
        "a truncated file is not an empty history: {}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(!stdout(&out).contains("No history yet"), "{}", stdout(&out));
    assert_eq!(std::fs::read(&db).unwrap(), cut);

    // Another program's database, and one with a negative version: never switched to
    // WAL (byte 18 of the header stays 1), never given our tables.
    for setup in [
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x');",
        "PRAGMA user_version = -3;",
    ] {
        for f in tree(&data) {
            std::fs::remove_file(f).unwrap();
        }
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(setup).unwrap();
        drop(conn);
        let before = std::fs::read(&db).unwrap();
        assert_eq!(before.get(18), Some(&1));
        assert_eq!(tree(&data).len(), 1);
        let out = play(&sb, &data);
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert!(said.contains("is not a foamroll history"), "{said}");
        let out = sb.run(&["history"]);
        assert!(
            stderr(&out).contains("is not a foamroll history"),
            "{}",
            stderr(&out)
        );
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(std::fs::read(&db).unwrap(), before, "left unmodified");
        assert!(
            !data.join(format!("{DB_NAME}-wal")).exists(),
            "{:?}",
            tree(&data)
        );
    }
}

#[test]
fn one_bad_row_costs_one_row_and_the_screen_says_so() {
    let sb = Sandbox::new();
    let data = sb.path().join("data");
    three_sessions(&data);
    let db = data.join(DB_NAME);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE sessions SET started_ns = 'yesterday' WHERE uuid = 'b'",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE sessions SET status = 'exploded' WHERE uuid = 'c'",
        [],
    )
    .unwrap();
    drop(conn);
    let before = std::fs::read(&db).unwrap();
    let (sessions, out) = history_json(&sb, &data);
    let ids: Vec<&str> = sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, vec!["a"], "{}", stderr(&out));
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("2 sessions in") && stderr(&out).contains("could not be read"),
        "{}",
        stderr(&out)
    );
    assert_plain_words(&stderr(&out));
    assert_eq!(std::fs::read(&db).unwrap(), before);

    // The app: the History pane says what is wrong instead of "No sessions yet", and
    // the one good session is there.
    let app = common::ui::app(Some(&data));
    assert_eq!(app.history.len(), 1);
    let screen = common::ui::render(&app, common::ui::Clock::new().at(0.0), 120, 40);
    assert!(screen.contains("History:"), "{screen}");
    assert!(screen.contains("could not be"), "{screen}");
    assert!(!screen.contains("No sessions yet"), "{screen}");

    // A database that cannot be read at all is said on the screen too.
    std::fs::write(&db, b"not a database, really not, not at all, no").unwrap();
    let app = common::ui::app(Some(&data));
    let screen = common::ui::render(&app, common::ui::Clock::new().at(0.0), 120, 40);
    assert!(screen.contains("damaged"), "{screen}");
    assert!(!screen.contains("No sessions yet"), "{screen}");
}

/// Runs `foamroll ARGS` as an unprivileged user when the tests run as root (root
/// writes anywhere, so a read-only folder would not be read-only for it).
#[cfg(unix)]
fn run_unprivileged(sb: &Sandbox, args: &[&str]) -> Option<Output> {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let mut c = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_foamroll"));
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_foamroll"))
    };
    c.env("FOAMROLL_CONFIG_DIR", sb.path().join("config"))
        .env("FOAMROLL_DATA_DIR", sb.path().join("data"))
        .args(args);
    match c.output() {
        Ok(o) => Some(o),
        // No way to drop root here: nothing to show.
        Err(_) if root => None,
        Err(e) => panic!("{e}"),
    }
}

#[cfg(unix)]
#[test]
fn reading_commands_work_in_a_read_only_folder() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    let data = sb.path().join("data");
    three_sessions(&data);
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    mode(sb.path(), 0o755).unwrap();
    mode(&data, 0o555).unwrap();
    mode(&data.join(DB_NAME), 0o444).unwrap();
    let before: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    for args in [
        &["history"][..],
        &["history", "--json"],
        &["history", "report"],
        &["status"],
        &["today"],
    ] {
        let Some(out) = run_unprivileged(&sb, args) else {
            return;
        };
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("unable to open"), "{}", stderr(&out));
        if args == ["history"] {
            assert_eq!(
                stdout(&out).matches("completed").count(),
                3,
                "{}",
                stdout(&out)
            );
        }
        if args == ["today"] {
            assert!(
                !stderr(&out).contains("history not read"),
                "{}",
                stderr(&out)
            );
        }
    }
    let after: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(before, after);
    mode(&data, 0o755).unwrap();
}

/// Every file and folder under `dir`.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            out.push(e.path().display().to_string());
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(e.path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn reading_commands_create_nothing_and_say_there_is_no_history_yet() {
    let sb = Sandbox::new();
    // One data folder that exists and is empty, one that does not exist at all.
    std::fs::create_dir_all(sb.path().join("empty")).unwrap();
    for data in ["empty", "missing"] {
        let data = sb.path().join(data);
        for args in [
            &["status"][..],
            &["status", "--json"],
            &["history"],
            &["history", "--json"],
            &["history", "--csv"],
            &["history", "report"],
            &["today"],
            &["today", "--after-run"],
            &["today", "--json"],
            &["list"],
            &["show", "post-run"],
            &["check"],
            &["config"],
            &["man"],
        ] {
            let out = sb
                .command()
                .env("FOAMROLL_DATA_DIR", &data)
                .args(args)
                .output()
                .unwrap();
            assert!(out.status.success(), "{args:?}: {}", stderr(&out));
            assert_eq!(
                tree(sb.path()),
                vec![sb.path().join("empty").display().to_string()],
                "{args:?} created something"
            );
            if args == ["history"] {
                assert!(stdout(&out).contains("No history yet"), "{}", stdout(&out));
            }
            if args == ["history", "--json"] {
                assert_eq!(stdout(&out).trim(), "[]");
            }
            assert!(
                !stderr(&out).contains("warning"),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
}

#[test]
fn reading_a_history_leaves_no_wal_or_shm_file_behind() {
    let sb = Sandbox::new();
    let data = sb.path().join("data");
    assert!(play(&sb, &data).status.success());
    // After a session only the database is there (the writer's close removes the rest).
    let files = |d: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(files(&data), vec![DB_NAME.to_string()]);
    for args in [
        &["history"][..],
        &["history", "--json"],
        &["status"],
        &["history", "report"],
        &["today"],
    ] {
        let out = sb
            .command()
            .env("FOAMROLL_DATA_DIR", &data)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_eq!(
            files(&data),
            vec![DB_NAME.to_string()],
            "{args:?} left files behind"
        );
    }
    let (sessions, _) = history_json(&sb, &data);
    assert_eq!(sessions.len(), 1);
}

#[test]
fn an_empty_history_and_no_history_say_the_same_sentence() {
    let sb = Sandbox::new();
    let recorded = sb.path().join("recorded");
    Store::open(&recorded).unwrap();
    assert!(recorded.join(DB_NAME).is_file());
    let said: Vec<String> = [recorded, sb.path().join("missing")]
        .iter()
        .map(|data| {
            let out = sb
                .command()
                .env("FOAMROLL_DATA_DIR", data)
                .arg("history")
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", stderr(&out));
            stdout(&out).trim().to_string()
        })
        .collect();
    assert_eq!(said[0], foamroll::wording::NO_HISTORY);
    assert_eq!(said[1], foamroll::wording::NO_HISTORY);
}
