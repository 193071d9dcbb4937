//! Terminal manners of the real binary: no terminal and `TERM=dumb`, `--color` and the
//! colour variables, the mouse left to the terminal, `config --default` and the folders
//! in `foamroll config`, and the exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::pty::PtyApp;
use common::{Sandbox, stderr, stdout};

const ESC: char = '\u{1b}';

/// A foreground or background colour in an SGR sequence: `ESC[31m`, `ESC[38;5;6m`, …
fn has_colour(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.split(ESC).any(|seq| {
        let Some(params) = seq.strip_prefix('[') else {
            return false;
        };
        let Some(end) = params.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            return false;
        };
        if &params[end..=end] != "m" {
            return false;
        }
        params[..end].split(';').any(|p| {
            matches!(
                p.parse::<u32>(),
                Ok(30..=37 | 38 | 40..=47 | 48 | 90..=97 | 100..=107)
            )
        })
    })
}

/// `foamroll ARGS` in a pseudo-terminal with its own folders and `envs`, run to its end.
fn in_pty(sb: &Sandbox, args: &[&str], envs: &[(&str, &str)]) -> (Option<u32>, Vec<u8>) {
    let config = sb.path().join("config");
    let data = sb.path().join("data");
    let values: Vec<(String, std::path::PathBuf)> = envs
        .iter()
        .map(|(k, v)| (k.to_string(), std::path::PathBuf::from(v)))
        .collect();
    let mut all: Vec<(&str, &std::path::Path)> = vec![
        ("FOAMROLL_CONFIG_DIR", config.as_path()),
        ("FOAMROLL_DATA_DIR", data.as_path()),
    ];
    all.extend(values.iter().map(|(k, v)| (k.as_str(), v.as_path())));
    let mut app = PtyApp::spawn(args, &all, 100, 30);
    let code = app.wait_exit(20);
    let raw = app.raw.lock().map(|r| r.clone()).unwrap_or_default();
    (code, raw)
}

/// The app in a pseudo-terminal until its first frame, then quit; every byte it wrote.
fn app_bytes(sb: &Sandbox, args: &[&str], envs: &[(&str, &str)]) -> Vec<u8> {
    let config = sb.path().join("config");
    let data = sb.path().join("data");
    let values: Vec<(String, std::path::PathBuf)> = envs
        .iter()
        .map(|(k, v)| (k.to_string(), std::path::PathBuf::from(v)))
        .collect();
    let mut all: Vec<(&str, &std::path::Path)> = vec![
        ("FOAMROLL_CONFIG_DIR", config.as_path()),
        ("FOAMROLL_DATA_DIR", data.as_path()),
    ];
    all.extend(values.iter().map(|(k, v)| (k.as_str(), v.as_path())));
    let mut app = PtyApp::spawn(args, &all, 100, 30);
    app.wait_for("Regions", 10);
    app.wait_for("History", 10);
    app.send("q");
    assert_eq!(app.wait_exit(10), Some(0));
    app.raw.lock().map(|r| r.clone()).unwrap_or_default()
}

#[test]
fn without_a_terminal_the_app_says_to_use_plain_and_exits_1() {
    let sb = Sandbox::new();
    for args in [&[][..], &["play", "post-run"][..], &["today", "--play"][..]] {
        // Standard output is a pipe here.
        let out = sb.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
        assert!(
            err.contains("needs a terminal") && err.contains("--plain"),
            "{err}"
        );
        assert!(!err.contains(ESC), "{args:?}: no escape codes: {err:?}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let err = stderr(&sb.run(&["play", "post-run"]));
    assert!(err.contains("`foamroll play post-run --plain`"), "{err}");
}

#[test]
fn term_dumb_gets_the_same_one_line_and_no_escape_codes() {
    let sb = Sandbox::new();
    let (code, raw) = in_pty(&sb, &["play", "post-run"], &[("TERM", "dumb")]);
    assert_eq!(code, Some(1));
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("TERM=dumb") && text.contains("--plain"),
        "{text:?}"
    );
    assert!(!text.contains(ESC), "no escape codes: {text:?}");
    // Plain mode is what works there, and it runs.
    let out = sb
        .command()
        .args(["play", "pre-run", "--plain", "--speed", "1000"])
        .env("TERM", "dumb")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stdout(&out).contains(ESC));
}

#[test]
fn color_flag_and_variables_decide_bold_in_show() {
    let sb = Sandbox::new();
    let bold = |args: &[&str], envs: &[(&str, &str)]| {
        let mut c = sb.command();
        c.args(args);
        for (k, v) in envs {
            c.env(k, v);
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out).contains("\u{1b}[1m")
    };
    let show = ["show", "post-run"];
    // Into a pipe: plain unless forced.
    assert!(!bold(&show, &[]));
    assert!(bold(&["show", "post-run", "--color", "always"], &[]));
    assert!(bold(
        &["--color=always", "show", "post-run"],
        &[("NO_COLOR", "1")]
    ));
    assert!(bold(&show, &[("CLICOLOR_FORCE", "1")]));
    assert!(!bold(&show, &[("CLICOLOR_FORCE", "0")]));
    assert!(!bold(&show, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
    assert!(!bold(
        &["show", "post-run", "--color", "never"],
        &[("CLICOLOR_FORCE", "1")]
    ));
    // On a terminal: bold unless NO_COLOR, CLICOLOR=0 or --color never.
    let on_tty = |args: &[&str], envs: &[(&str, &str)]| {
        let (code, raw) = in_pty(&sb, args, envs);
        assert_eq!(code, Some(0));
        String::from_utf8_lossy(&raw).contains("\u{1b}[1m")
    };
    assert!(on_tty(&show, &[]));
    assert!(!on_tty(&show, &[("NO_COLOR", "1")]));
    assert!(!on_tty(&show, &[("CLICOLOR", "0")]));
    assert!(!on_tty(&["show", "post-run", "--color", "never"], &[]));
    // A wrong value is a usage error that names the choices.
    let out = sb.run(&["--color", "sometimes", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("always"), "{}", stderr(&out));
}

#[test]
fn color_flag_and_variables_colour_clap_help_too() {
    let sb = Sandbox::new();
    let help = |args: &[&str], envs: &[(&str, &str)]| {
        let mut c = sb.command();
        c.args(args);
        for (k, v) in envs {
            c.env(k, v);
        }
        c.output().unwrap().stdout
    };
    assert!(!help(&["--help"], &[]).contains(&0x1b));
    assert!(help(&["--help", "--color", "always"], &[]).contains(&0x1b));
    assert!(help(&["--help"], &[("CLICOLOR_FORCE", "1")]).contains(&0x1b));
    assert!(!help(&["--help", "--color=never"], &[("CLICOLOR_FORCE", "1")]).contains(&0x1b));
}

#[test]
fn the_app_has_no_colour_with_color_never_no_color_or_clicolor_0() {
    let sb = Sandbox::new();
    assert!(has_colour(&app_bytes(&sb, &[], &[])), "colour by default");
    assert!(!has_colour(&app_bytes(&sb, &["--color", "never"], &[])));
    assert!(!has_colour(&app_bytes(&sb, &[], &[("NO_COLOR", "1")])));
    assert!(!has_colour(&app_bytes(&sb, &[], &[("CLICOLOR", "0")])));
}

/// crossterm's `EnableMouseCapture` starts with this sequence.
const MOUSE_ON: &str = "\u{1b}[?1000h";

#[test]
fn mouse_false_or_no_mouse_leaves_the_mouse_to_the_terminal() {
    let sb = Sandbox::new();
    let captured = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).contains(MOUSE_ON);
    assert!(captured(app_bytes(&sb, &[], &[])), "captured by default");
    assert!(!captured(app_bytes(&sb, &["--no-mouse"], &[])));
    sb.write("config/config.yaml", "mouse: false\n");
    assert!(!captured(app_bytes(&sb, &[], &[])));
    let config = stdout(&sb.run(&["config"]));
    assert!(
        config
            .lines()
            .any(|l| l.starts_with("mouse") && l.contains("false") && l.contains("config.yaml")),
        "{config}"
    );
    sb.write("config/config.yaml", "mouse: sometimes\n");
    let err = stderr(&sb.run(&["config"]));
    assert!(
        err.contains("config.yaml:1:8: error: mouse: expected true or false"),
        "{err}"
    );
}

#[test]
fn config_default_is_a_file_foamroll_reads_back_as_the_defaults() {
    let sb = Sandbox::new();
    let out = sb.run(&["config", "--default"]);
    assert_eq!(out.status.code(), Some(0));
    let file = stdout(&out);
    for (key, help) in foamroll::config::KEYS {
        assert!(
            file.contains(&format!("\n{key}: ")) || file.contains(&format!("\n# {key}: ")),
            "{key} is in the file:\n{file}"
        );
        assert!(
            file.contains(help),
            "{key}'s meaning and bounds are above it"
        );
    }
    sb.write("config/config.yaml", &file);
    let out = sb.run(&["config"]);
    assert_eq!(stderr(&out), "", "the default file has no problems");
    let shown = stdout(&out);
    let from_file = shown
        .lines()
        .filter(|l| l.ends_with("config.yaml)"))
        .count();
    // Every key but on_cue and activities (commented out: they have no default) came
    // from the file.
    assert_eq!(from_file, foamroll::config::KEYS.len() - 2, "{shown}");
    // And it is the defaults.
    let mut read = foamroll::config::Settings::default();
    assert!(read.apply_file("config.yaml", file.as_bytes()).is_empty());
    let described = |s: &foamroll::config::Settings| {
        s.describe()
            .into_iter()
            .map(|(k, v, _)| (k, v))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        described(&read),
        described(&foamroll::config::Settings::default())
    );
}

#[test]
fn config_shows_each_folder_and_whether_it_exists_and_creates_none() {
    let sb = Sandbox::new();
    let out = sb.run(&["config"]);
    let text = stdout(&out);
    for what in [
        "config folder:",
        "config file:",
        "routines folder:",
        "data folder:",
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(what))
            .unwrap_or_else(|| panic!("{what} in\n{text}"));
        assert!(line.ends_with("(not there yet)"), "{line}");
    }
    assert_eq!(
        std::fs::read_dir(sb.path()).unwrap().count(),
        0,
        "nothing created"
    );
    sb.write("config/routines/mine.yaml", "version: 1\n");
    let text = stdout(&sb.run(&["config"]));
    let line = |what: &str| {
        text.lines()
            .find(|l| l.starts_with(what))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("config folder:").ends_with("(exists)"), "{text}");
    assert!(line("routines folder:").ends_with("(exists)"), "{text}");
    assert!(line("config file:").ends_with("(not there yet)"), "{text}");
}

#[test]
fn exit_codes_are_0_ok_1_runtime_2_usage_and_errors_go_to_stderr() {
    let sb = Sandbox::new();
    let ok = sb.run(&["list"]);
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(stderr(&ok), "");
    // Runtime: an unknown id, a file that is not there, a check that finds an error.
    for args in [
        &["show", "no-such-thing"][..],
        &["play", "no-such-thing", "--plain"][..],
        &["history", "import", "/no/such/file.json"][..],
    ] {
        let out = sb.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
        assert!(
            stderr(&out).starts_with("foamroll: "),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let bad = sb.write(
        "bad.yaml",
        "version: 1\nregions:\n  - id: Bad\n    name: x\n",
    );
    let out = sb.run(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error: "), "{}", stderr(&out));
    assert!(!stdout(&out).contains("error:"), "{}", stdout(&out));
    // Usage: the command line itself.
    for args in [
        &["--no-such-flag"][..],
        &["no-such-command"][..],
        &["history", "--limit", "0"][..],
        &["today", "--before-run", "--rest-day"][..],
        &["completions", "tcsh"][..],
    ] {
        let out = sb.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // The manual says the same as the code.
    let man = stdout(&sb.run(&["man"]));
    for exit in foamroll::cli::Exit::ALL {
        assert!(man.contains(&format!("\\fB{}\\fR", exit.code())), "{man}");
    }
}

#[test]
fn a_theme_table_colours_the_app_and_its_mistakes_are_located() {
    let sb = Sandbox::new();
    sb.write(
        "config/config.yaml",
        "theme:\n  base: mono\n  hold: \"#102030\"\n  warning: light-red\n",
    );
    let out = sb.run(&["config"]);
    assert_eq!(stderr(&out), "");
    assert!(
        stdout(&out).contains("mono with 2 colours of your own"),
        "{}",
        stdout(&out)
    );
    // mono has no colour of its own: the one colour on screen at browse is the warning.
    let bytes = app_bytes(&sb, &[], &[]);
    // crossterm writes light red as colour 9 of the 256.
    assert!(
        String::from_utf8_lossy(&bytes).contains("\u{1b}[38;5;9"),
        "light red is drawn"
    );
    sb.write("config/config.yaml", "theme: mono\n");
    assert!(
        !has_colour(&app_bytes(&sb, &[], &[])),
        "mono alone has none"
    );
    sb.write(
        "config/config.yaml",
        "theme:\n  base: mono\n  warning: light-red\n",
    );
    assert!(!has_colour(&app_bytes(&sb, &["--color", "never"], &[])));

    sb.write(
        "config/config.yaml",
        "bell: false\ntheme:\n  base: neon\n  hodl: red\n  hold: reddish\n  text: 12\n",
    );
    let out = sb.run(&["config"]);
    let err = stderr(&out);
    assert!(
        err.contains("config.yaml:3:9: error: theme: base: unknown value the text `neon`"),
        "{err}"
    );
    assert!(
        err.contains("config.yaml:4:3: error: theme: unknown part `hodl` (did you mean `hold`?)"),
        "{err}"
    );
    assert!(
        err.contains("config.yaml:5:9: error: theme: hold: `reddish` is not a colour"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 3, "{err}");
    // The rest still applies: the bell key, and the good colour.
    let text = stdout(&out);
    assert!(text.contains("default with 1 colour of your own"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("bell") && l.contains("false")),
        "{text}"
    );
}

#[test]
fn the_manual_is_clean_roff_with_every_option_and_the_0_to_10_scale() {
    let sb = Sandbox::new();
    let man = stdout(&sb.run(&["man"]));
    assert!(!man.contains('`'), "no Markdown backticks");
    assert!(man.is_ascii(), "non-ASCII characters are roff escapes");
    assert!(man.contains("\\-\\-weeks N"), "history report's option");
    assert!(man.contains("\\-\\-color") && man.contains("\\-\\-no\\-mouse"));
    assert!(!man.contains("0\\-9 tenderness"), "the scale is 0-10");
    // groff, when it is installed, formats it without a single warning.
    let Ok(mut groff) = std::process::Command::new("groff")
        .args(["-man", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!("groff is not installed: the manual's formatting is not checked");
        return;
    };
    use std::io::Write as _;
    groff
        .stdin
        .take()
        .unwrap()
        .write_all(man.as_bytes())
        .unwrap();
    let out = groff.wait_with_output().unwrap();
    assert_eq!(stderr(&out), "", "groff warnings");
}
