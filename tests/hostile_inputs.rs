//! Issue 13: every input bounded, every message clean and helpful. Each test here
//! failed before the change it guards.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Sandbox, stderr, stdout};
use foamroll::library::{Diagnostic, Layer, LoadReport, Loader, Severity};

fn load(name: &str, text: &str) -> LoadReport {
    let mut loader = Loader::with_builtin();
    loader.add_bytes(name, Layer::Check, text.as_bytes());
    loader.finish()
}

fn errors(report: &LoadReport) -> Vec<&Diagnostic> {
    report.diagnostics.iter().filter(|d| d.is_error()).collect()
}

/// The one error of `text`, as printed.
fn one_error(text: &str) -> (Diagnostic, String) {
    let report = load("t.yaml", text);
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    (errs[0].clone(), errs[0].to_string())
}

const ROUTINE: &str = "version: 1
routines:
  - id: mine
    name: Mine
    style: recovery
    description: d
    steps:
      - exercise: quad-release
        hold: HOLD
";

#[test]
fn a_string_where_a_number_belongs_is_an_error() {
    let (d, shown) = one_error(&ROUTINE.replace("HOLD", "\"45\""));
    assert_eq!((d.position.line, d.position.column), (9, 15), "{shown}");
    assert!(
        d.message.contains("found the text `45`: remove the quotes"),
        "{shown}"
    );
}

#[test]
fn numbers_too_large_for_any_field_are_errors() {
    let (d, shown) = one_error(&ROUTINE.replace("HOLD", "99999999999"));
    assert_eq!(d.position.line, 9);
    assert!(d.message.contains("far too large"), "{shown}");
    let (d, _) = one_error(&ROUTINE.replace("HOLD", "-5"));
    assert!(d.message.contains("0 or more"), "{}", d.message);
}

#[test]
fn unknown_tags_are_errors() {
    for (tag, value) in [("!custom", "45"), ("!!binary", "NDU="), ("!!str", "45")] {
        let (d, shown) = one_error(&ROUTINE.replace("HOLD", &format!("{tag} {value}")));
        assert_eq!(d.position.line, 9, "{shown}");
        assert!(d.message.contains(&format!("the tag `{tag}`")), "{shown}");
    }
    let text = "version: 1\nregions:\n  - id: neck\n    name: !!binary TmVjaw==\n";
    let (d, shown) = one_error(text);
    assert_eq!(d.position.line, 4, "{shown}");
}

#[test]
fn a_newline_in_a_one_line_field_is_an_error_at_its_place() {
    for (field, value) in [
        ("name", "\"Neck\\nfake line\""),
        ("name", "|\n      Neck\n      fake line"),
        ("id", "\"ne\\nck\""),
    ] {
        let text = "version: 1\nregions:\n  - id: neck\n    name: Neck\n".replacen(
            &format!("{field}: {}", if field == "id" { "neck" } else { "Neck" }),
            &format!("{field}: {value}"),
            1,
        );
        let (d, shown) = one_error(&text);
        assert!(d.message.contains("one line"), "{shown}");
        assert!((3..=5).contains(&d.position.line), "{shown}");
    }
    let zones = "version: 1
exercises:
  - id: my-quads
    name: Quads
    region: quads
    style: recovery
    setup: s
    steps: [a]
    zones: [\"outer\\nline\"]
";
    let (d, shown) = one_error(zones);
    assert_eq!(d.position.line, 9, "{shown}");
    assert!(d.message.contains("one line"), "{shown}");
}

#[test]
fn the_three_common_yaml_mistakes_get_a_hint_on_the_right_line() {
    let less = "version: 1\nregions:\n  - id: neck\n   name: Neck\n";
    let (d, shown) = one_error(less);
    assert_eq!(d.position.line, 4, "{shown}");
    assert!(
        shown.contains("hint: line 4 is indented less than the item above it"),
        "{shown}"
    );

    let more = "version: 1\nregions:\n  - id: neck\n    name: Neck\n      description: x\n";
    let (d, shown) = one_error(more);
    assert_eq!(d.position.line, 5, "{shown}");
    assert!(
        shown.contains("hint: line 5 is indented more than its siblings"),
        "{shown}"
    );

    let colon = "version: 1\nregions:\n  - id: neck\n    name:Neck\n";
    let (_, shown) = one_error(colon);
    assert!(
        shown.contains("hint: put a space after the colon: `name: Neck`"),
        "{shown}"
    );

    let dash = "version: 1\nregions:\n  -id: neck\n    name: Neck\n";
    let (_, shown) = one_error(dash);
    assert!(
        shown.contains("hint: put a space after the dash"),
        "{shown}"
    );
}

#[test]
fn budget_errors_read_as_sentences() {
    let mut text = format!(
        "version: 1\nregions:\n  - id: a\n    name: &a \"{}\"\n",
        "x".repeat(900_000)
    );
    for id in ["b", "c", "d", "e", "f"] {
        text.push_str(&format!("  - id: {id}\n    name: *a\n"));
    }
    let (d, shown) = one_error(&text);
    assert_eq!(
        d.message,
        "this file expands to more than 4 MB of text; foamroll refuses it"
    );
    assert!(
        !shown.contains("ScalarBytes") && !shown.contains('{'),
        "{shown}"
    );
}

#[test]
fn echoed_values_are_cut_to_80_characters() {
    let id = "x".repeat(100_000);
    let text = format!("version: 1\nregions:\n  - id: {id}X\n    name: N\n");
    let (_, shown) = one_error(&text);
    assert!(shown.len() < 400, "{} bytes", shown.len());
    let field = format!("version: 1\n{}: 1\n", "k".repeat(100_000));
    let (_, shown) = one_error(&field);
    assert!(shown.len() < 600, "{} bytes", shown.len());
}

#[test]
fn an_unknown_exercise_suggests_the_nearest_ids() {
    let (d, shown) = one_error(
        &ROUTINE
            .replace("quad-release", "quad-relase")
            .replace("HOLD", "45"),
    );
    assert!(
        d.message.contains("did you mean `quad-release`?"),
        "{shown}"
    );
}

#[test]
fn an_unknown_alternative_suggests_the_nearest_regions() {
    let text = "version: 1
regions:
  - id: knee-cap
    name: Kneecap
    rolling: avoid
    reason: It is bone.
    alternatives: [quadz]
";
    let (d, shown) = one_error(text);
    assert!(d.message.contains("did you mean `quads`?"), "{shown}");
}

// Files on disk.

#[cfg(unix)]
fn mkfifo(p: &std::path::Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(p)
        .status()
        .unwrap();
    assert!(ok.success());
}

#[cfg(unix)]
#[test]
fn a_library_folder_with_a_fifo_and_broken_links_is_read_and_reported() {
    let sb = Sandbox::new();
    let lib = sb.path().join("lib");
    sb.write(
        "lib/neck.yaml",
        "version: 1\nregions:\n  - id: neck\n    name: Neck\n",
    );
    mkfifo(&lib.join("fifo.yaml"));
    std::os::unix::fs::symlink(lib.join("nowhere.yaml"), lib.join("dangling.yaml")).unwrap();
    std::os::unix::fs::symlink(lib.join("loop.yaml"), lib.join("loop.yaml")).unwrap();
    let outside = sb.write(
        "elsewhere/neck.yaml",
        "version: 1\nregions:\n  - id: neck\n    name: Neck\n",
    );
    std::os::unix::fs::symlink(outside, lib.join("linked.yml")).unwrap();
    let out = sb
        .command()
        .args(["check"])
        .arg(&lib)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let text = format!("{}{}", stderr(&out), stdout(&out));
    assert!(text.contains("fifo.yaml:1:1: error: is a FIFO"), "{text}");
    assert!(
        text.contains("dangling.yaml:1:1: warning: is a dangling symbolic link"),
        "{text}"
    );
    assert!(
        text.contains("loop.yaml:1:1: warning: is a symbolic link loop"),
        "{text}"
    );
    // The link to a regular file is read: its region clashes with the file it points to.
    assert!(
        text.contains("duplicate id `neck`: already used by the region at"),
        "{text}"
    );
    assert!(text.contains("linked.yml:3:9"), "{text}");
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("loaded; 2 errors; 2 warnings"), "{text}");
}

#[cfg(unix)]
#[test]
fn check_on_a_fifo_does_not_hang() {
    let sb = Sandbox::new();
    let fifo = sb.path().join("FIFO.yaml");
    mkfifo(&fifo);
    let out = sb.command().arg("check").arg(&fifo).output().unwrap();
    assert!(
        stderr(&out).contains("FIFO.yaml:1:1: error: is a FIFO"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_on_the_users_own_folder_does_not_override_itself() {
    let sb = Sandbox::new();
    sb.write(
        "config/routines/mine.yaml",
        "version: 1\nregions:\n  - id: neck\n    name: Neck\n",
    );
    let out = sb
        .command()
        .arg("check")
        .arg(sb.path().join("config/routines"))
        .output()
        .unwrap();
    let text = format!("{}{}", stderr(&out), stdout(&out));
    assert!(!text.contains("overrides"), "{text}");
    assert_eq!(out.status.code(), Some(0), "{text}");
}

#[cfg(unix)]
#[test]
fn a_file_name_with_an_escape_sequence_is_printed_safely() {
    let sb = Sandbox::new();
    let name = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J.yaml";
    sb.write(
        &format!("lib/{name}"),
        "version: 1\nregions:\n  - id: Bad\n    name: x\n",
    );
    let out = sb
        .command()
        .arg("check")
        .arg(sb.path().join("lib"))
        .output()
        .unwrap();
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("invalid id `Bad`"), "{all}");
    assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{all:?}");
    let out = sb
        .command()
        .arg("list")
        .arg("--library")
        .arg(sb.path().join("lib"))
        .output()
        .unwrap();
    assert!(!stderr(&out).contains('\u{1b}'), "{:?}", stderr(&out));
}

#[test]
fn warnings_are_not_errors() {
    let report = load("t.yaml", "version: 1\n");
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error)
    );
}

// The config file.

fn config_errors(sb: &Sandbox, text: &str) -> (String, String) {
    sb.write("config/config.yaml", text);
    let out = sb.run(&["config"]);
    assert_eq!(out.status.code(), Some(0));
    (stdout(&out), stderr(&out))
}

#[test]
fn each_config_key_is_checked_on_its_own() {
    let sb = Sandbox::new();
    let (out, err) = config_errors(
        &sb,
        "theme: dark\nmin_hold: 45\nbell: yes\nrest: 4294967295\n",
    );
    assert!(out.contains("min_hold           = 45 s"), "{out}");
    assert!(err.contains("config.yaml:1:8: error: theme: unknown value the text `dark`; choose default, high-contrast or mono"), "{err}");
    assert!(
        err.contains("config.yaml:3:7: error: bell: expected true or false, found the text `yes`"),
        "{err}"
    );
    assert!(err.contains("config.yaml:4:7: error: rest is 4294967295 seconds; it must be between 0 and 120 seconds"), "{err}");
    assert!(!err.contains("routine"), "{err}");
}

#[test]
fn config_messages_never_speak_of_library_internals() {
    let sb = Sandbox::new();
    for text in [
        "bell: true\nbell: false\n",
        "overtime_cap: off\n",
        "overtime_cap: [1]\n",
        "min_hold: \"45\"\n",
        "equipment: !custom ball\n",
        "- a\n- b\n",
    ] {
        let (_, err) = config_errors(&sb, text);
        assert!(
            err.contains("config.yaml:1:") || err.contains("config.yaml:2:"),
            "{text:?}: {err}"
        );
        for internal in [
            "DuplicateKeyPolicy",
            "Options",
            "untagged",
            "variant",
            "Cap",
            "routine file",
        ] {
            assert!(!err.contains(internal), "{text:?}: {err}");
        }
    }
    let (_, err) = config_errors(&sb, "overtime_cap: off\n");
    assert!(err.contains("overtime_cap cannot be switched off"), "{err}");
    let (_, err) = config_errors(&sb, "min_hold: \"45\"\n");
    assert!(err.contains("remove the quotes"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_config_that_is_a_fifo_or_an_endless_device_is_refused_at_once() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.path().join("config")).unwrap();
    mkfifo(&sb.path().join("config/config.yaml"));
    let out = sb
        .command()
        .arg("list")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("config.yaml:1:1: error: is a FIFO"),
        "{}",
        stderr(&out)
    );

    std::fs::remove_file(sb.path().join("config/config.yaml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", sb.path().join("config/config.yaml")).unwrap();
    let out = sb.run(&["list"]);
    assert!(
        stderr(&out).contains("config.yaml:1:1: error: is a device"),
        "{}",
        stderr(&out)
    );

    std::fs::remove_file(sb.path().join("config/config.yaml")).unwrap();
    let big = std::fs::File::create(sb.path().join("config/config.yaml")).unwrap();
    big.set_len(300 * 1024 * 1024).unwrap();
    let out = sb.run(&["list"]);
    assert!(
        stderr(&out).contains("config.yaml:1:1: error: larger than 1 MiB"),
        "{}",
        stderr(&out)
    );
}

// The command line.

/// Runs foamroll with its standard output a pipe whose reading end is already closed.
fn with_closed_stdout(sb: &Sandbox, args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let child = sb
        .command()
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_is_silent_on_every_command() {
    let sb = Sandbox::new();
    // One session, so that history has something to print in every format.
    let out = sb
        .command()
        .args(["play", "pre-run", "--plain", "--speed", "10000"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.code().is_some(), "{}", stderr(&out));
    for args in [
        &["check"][..],
        &["list"],
        &["list", "--json"],
        &["show", "post-run"],
        &["history"],
        &["history", "--json"],
        &["history", "--csv"],
        &["history", "report"],
        &["status"],
        &["today"],
        &["today", "--play", "--plain", "--speed", "10000"],
        &["config"],
        &["completions", "bash"],
        &["man"],
        &["play", "pre-run", "--plain", "--speed", "10000"],
    ] {
        let out = with_closed_stdout(&sb, args);
        let err = stderr(&out);
        assert!(err.is_empty(), "{args:?} printed {err:?}");
        assert!(out.status.code().is_some(), "{args:?} was killed");
    }
}

#[test]
fn history_limit_zero_is_refused() {
    let sb = Sandbox::new();
    let out = sb.run(&["history", "--limit", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("give 1 or more"), "{}", stderr(&out));
    assert!(!stdout(&out).contains("No history yet"));
    assert_eq!(sb.run(&["history", "--limit", "3"]).status.code(), Some(0));
}

#[test]
fn usage_lines_do_not_show_folders_from_the_environment_as_required() {
    let sb = Sandbox::new();
    for args in [&["show"][..], &["history", "import"], &["play"]] {
        let err = stderr(&sb.run(args));
        assert!(err.contains("Usage: foamroll"), "{err}");
        assert!(
            !err.contains("--data-dir") && !err.contains("--config"),
            "{err}"
        );
    }
    // The environment still chooses the folders.
    let shown = stdout(&sb.run(&["config"]));
    assert!(
        shown.contains(&sb.path().join("config").display().to_string()),
        "{shown}"
    );
}

#[test]
fn speeds_that_would_overflow_a_duration_are_refused() {
    let sb = Sandbox::new();
    for speed in ["1e-20", "0.001", "0", "-1", "NaN", "inf", "1e300"] {
        let out = sb
            .command()
            .args(["play", "pre-run", "--plain", &format!("--speed={speed}")])
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{speed}: {err}");
        assert!(!err.contains("panicked"), "{speed}: {err}");
        assert!(
            err.contains("speed is") || err.contains("expected a number"),
            "{speed}: {err}"
        );
    }
    let err = stderr(&sb.run(&["play", "pre-run", "--plain", "--speed", "1e-20"]));
    assert!(err.contains("the slowest speed is 0.01"), "{err}");
}

#[test]
fn unknown_ids_on_the_command_line_suggest_the_nearest() {
    let sb = Sandbox::new();
    let out = sb.run(&["show", "quad-relase"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("did you mean `quad-release`?"),
        "{}",
        stderr(&out)
    );
    let out = sb.run(&["play", "postrun", "--plain"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("did you mean `post-run`?"),
        "{}",
        stderr(&out)
    );
    let long = "z".repeat(100_000);
    let out = sb.run(&["show", &long]);
    assert!(stderr(&out).len() < 300, "{} bytes", stderr(&out).len());
}

#[test]
fn the_manual_covers_keys_files_environment_history_exit_codes_and_examples() {
    let sb = Sandbox::new();
    let man = stdout(&sb.run(&["man"]));
    for section in [
        ".SH COMMANDS",
        ".SH KEYS",
        ".SH CONFIGURATION",
        ".SH FILES",
        ".SH ENVIRONMENT",
        ".SH HISTORY",
        ".SH EXIT STATUS",
        ".SH EXAMPLES",
        ".SH SEE ALSO",
    ] {
        assert!(man.contains(section), "{section} missing");
    }
    for (key, _) in foamroll::config::KEYS {
        assert!(man.contains(&format!("\\fB{key}\\fR")), "{key} missing");
    }
    for var in ["FOAMROLL_CONFIG_DIR", "FOAMROLL_DATA_DIR", "NO_COLOR"] {
        assert!(man.contains(var), "{var} missing");
    }
    // No page is named that does not exist: no per-command pages are installed.
    assert!(!man.contains("(1)"), "names a manual page");
    // EXIT STATUS lists 0, 1 and 2, each with what it means, in that order.
    let exits = &man[man.find(".SH EXIT STATUS").unwrap()..];
    let exits = &exits[..exits[3..].find(".SH ").map_or(exits.len(), |i| i + 3)];
    let mut at = 0;
    for (code, words) in [
        ("0", "Success"),
        ("1", "runtime failure"),
        ("2", "usage error"),
    ] {
        let item = format!(".TP\n\\fB{code}\\fR\n");
        let found = exits[at..]
            .find(&item)
            .unwrap_or_else(|| panic!("exit {code} missing:\n{exits}"));
        at += found + item.len();
        let line = exits[at..].lines().next().unwrap_or_default();
        assert!(line.contains(words), "exit {code}: {line}");
    }
}

#[test]
fn command_line_errors_echo_values_cut_and_printable() {
    let sb = Sandbox::new();
    let hostile = format!("\u{1b}]0;pwned\u{7}{}", "9".repeat(100_000));
    let out = sb.run(&["--speed", &hostile, "list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.len() < 1_000, "{} bytes", err.len());
    assert!(err.contains("--speed"), "{err}");
}

#[test]
fn config_prints_a_hostile_folder_name_safely() {
    let sb = Sandbox::new();
    let dir = sb.path().join("conf\u{1b}[2J");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.yaml"), "bell: false\nbel: true\n").unwrap();
    let out = sb
        .command()
        .arg("--config")
        .arg(&dir)
        .arg("config")
        .output()
        .unwrap();
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("unknown key `bel`"), "{all}");
    assert!(!all.contains('\u{1b}'), "{all:?}");
}

#[test]
fn the_coach_keys_are_checked_on_their_own_too() {
    let sb = Sandbox::new();
    let (out, err) = config_errors(
        &sb,
        "voice_detail: loud\non_cue: \"\\e]0;x\"\ncountdown_voice: no\nweekly_goal: 99\nmin_hold: 50\n",
    );
    assert!(out.contains("min_hold           = 50 s"), "{out}");
    assert!(err.contains("config.yaml:1:15: error: voice_detail: unknown value the text `loud`; choose full or brief"), "{err}");
    assert!(
        err.contains("config.yaml:2:9: error: on_cue: control character U+001B"),
        "{err}"
    );
    assert!(
        err.contains("config.yaml:3:18: error: countdown_voice: expected true or false"),
        "{err}"
    );
    assert!(
        err.contains("config.yaml:4:14: error: weekly_goal is 99; it must be from 1 to 14"),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

#[test]
fn a_wrong_value_under_a_continued_line_gets_no_indentation_hint() {
    let text = "version: 1
regions:
  - id: neck
    name: Neck
    description: The muscles at the back
      of the neck, above the shoulders.
    rolling: sometimes
";
    let (d, shown) = one_error(text);
    assert_eq!(d.position.line, 7, "{shown}");
    assert!(d.hint.is_none(), "{shown}");
}
