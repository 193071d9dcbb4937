//! Plain mode on the real binary, the config file, completions and the manual.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use common::{Sandbox, stderr, stdout};

/// The cue lines of a plain run, without their times.
fn cues(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.get(6..).unwrap_or_default().to_string())
        .collect()
}

#[cfg(unix)]
/// Writes an executable shell script `name` in the sandbox.
fn script(sb: &Sandbox, name: &str, body: &str) -> std::path::PathBuf {
    let path = sb.write(name, &format!("#!/bin/sh\n{body}\n"));
    let mut perms = std::fs::metadata(&path)
        .unwrap_or_else(|e| panic!("{e}"))
        .permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&path, perms).unwrap_or_else(|e| panic!("{e}"));
    path
}

/// `foamroll play ROUTINE --plain --speed SPEED` with no keys to read: hands-free.
fn hands_free(sb: &Sandbox, routine: &str, speed: &str) -> std::process::Output {
    sb.command()
        .args(["play", routine, "--plain", "--speed", speed])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// What `path` holds once it contains `until` (background commands finish late), or
/// after 5 seconds.
fn read_when(path: &std::path::Path, until: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if text.contains(until) || std::time::Instant::now() > deadline {
            return text;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn plain_mode_runs_a_whole_routine_hands_free_and_records_it() {
    let sb = Sandbox::new();
    let out = sb
        .command()
        .args(["play", "post-run", "--plain", "--speed", "100"])
        .env("TERM", "dumb")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        !text.contains('\u{1b}'),
        "no escape sequences in plain mode"
    );
    assert!(
        text.lines().all(|l| l.len() > 6 && l.as_bytes()[2] == b':'),
        "every line starts MM:SS:\n{text}"
    );
    let lines = cues(&text);
    let expected_in_order = [
        "Get ready: Post-run recovery, in 10 seconds. Next: right quad, inner line.",
        "Quad release. Face down on your forearms, one thigh on the roller above the kneecap, other leg out to the side. Careful: On the inner line, stay a hand's width below the groin crease, where the main artery and nerve run.",
        "Press only as hard as you can breathe through. Sharp pain, tingling or numbness: move off.",
        "3",
        "2",
        "1",
        "Right quad, inner line: roll slowly and find the most tender spot. The hold starts in 15 seconds.",
        "Right quad, inner line: hold the tender spot for 30 seconds.",
        "Minimum done: stay on it 10 seconds more.",
        "3",
        "2",
        "1",
        "Right quad, middle line: roll slowly and find the most tender spot. The hold starts in 15 seconds.",
        "Left quad, inner line.",
        "Left quad, outer line: hold the tender spot for 30 seconds.",
        "Rest, 10 seconds. Next: right hamstring.",
        "Right hamstring: hold the tender spot for 30 seconds.",
        "Left glute.",
        "Left glute: hold the tender spot for 30 seconds.",
        "Rest, 10 seconds. Next: right calf, inner side.",
        "Calf release. Sit with one calf on the roller, a hand's width below the knee crease, hands behind you, other foot flat. Careful: Stay a hand's width below the knee crease, where an artery, a vein and a nerve run.",
        "Left calf, outer side: hold the tender spot for 30 seconds.",
        "Done: Post-run recovery. Drink some water. Rolling pays off over weeks, so come back after your next run.",
    ];
    let mut at = 0;
    for want in expected_in_order {
        match lines[at..].iter().position(|l| l == want) {
            Some(i) => at += i + 1,
            None => panic!("{want:?} missing (or out of order) after line {at} of\n{text}"),
        }
    }
    // Exact session times: get ready 10, then 14 holds of (15 s find + 30 s hold + 10 s
    // to settle)
    // (quads 3 lines and calves 2 sides of the muscle, per leg), 4 switches of 5 s and
    // 3 rests of 10 s.
    let last: Vec<&str> = text.lines().rev().take(2).collect();
    assert!(last[1].starts_with("13:50 Done"), "{text}");
    // Then, at the end, that it was saved and where.
    assert!(last[0].contains("Session saved in your history"), "{text}");

    let history = stdout(&sb.run(&["history", "--json"]));
    let sessions: Vec<foamroll::session::SessionRecord> =
        serde_json::from_str(&history).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sessions.len(), 1);
    let s = &sessions[0];
    assert_eq!(s.status, foamroll::session::Status::Completed);
    assert!(
        s.entries
            .iter()
            .all(|e| e.hold_s == 40.0 && e.search_s == 15.0 && e.points_held == 1)
    );
    let seconds = (s.ended_at.unwrap_or(s.started_at) - s.started_at).num_seconds();
    assert_eq!(seconds, 830, "records store session (scaled) seconds");
}

#[test]
fn plain_warmup_keeps_moving() {
    let sb = Sandbox::new();
    let out = hands_free(&sb, "pre-run", "200");
    let text = stdout(&out);
    assert!(!text.contains("hold"), "{text}");
    assert!(
        text.contains("Right calf: keep moving for 30 seconds. Keep rolling"),
        "{text}"
    );
    assert!(text.contains("Now go do your dynamic warm-up, then run."));
}

#[test]
fn config_precedence_default_then_file_then_flag() {
    let sb = Sandbox::new();
    let show = |args: &[&str]| {
        let out = sb.run(args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let text = show(&["config"]);
    assert!(
        text.contains("bell               = true           (default)"),
        "{text}"
    );
    assert!(text.contains("min_hold           = 30 s           (default)"));

    let file = sb.write(
        "config/config.yaml",
        "bell: true\nmin_hold: 45\novertime_cap: 60\ntheme: high-contrast\nequipment: ball\n",
    );
    let text = show(&["config"]);
    let shown = file.display().to_string();
    assert!(
        text.contains(&format!("min_hold           = 45 s           ({shown})")),
        "{text}"
    );
    assert!(
        text.contains(&format!("overtime_cap       = 60 s           ({shown})")),
        "{text}"
    );
    assert!(
        text.contains(&format!("bell               = true           ({shown})")),
        "{text}"
    );
    assert!(text.contains("equipment          = ball"), "{text}");

    let text = show(&["config", "--no-bell"]);
    assert!(
        text.contains("bell               = false          (--no-bell)"),
        "{text}"
    );
}

#[test]
fn config_values_reach_the_session() {
    let sb = Sandbox::new();
    sb.write("config/config.yaml", "min_hold: 40\nget_ready: 3\n");
    let out = sb
        .command()
        .args(["play", "travel-ball", "--plain", "--speed", "200"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = stdout(&out);
    // The routine's own get_ready (10) wins over the config's default; the hold uses 40.
    assert!(text.contains("in 10 seconds"), "{text}");
    assert!(
        text.contains("Right glute: hold the tender spot for 40 seconds."),
        "{text}"
    );
}

#[test]
fn an_invalid_config_is_reported_with_its_position_and_defaults_are_used() {
    let sb = Sandbox::new();
    let file = sb.write("config/config.yaml", "bell: false\nmin_hold: 20\n");
    for args in [&["config"][..], &["list"][..], &["show", "post-run"][..]] {
        let out = sb.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?} goes on");
        let err = stderr(&out);
        assert!(
            err.contains(&format!(
                "{}:2:11: error: min_hold is 20 seconds; it must be between 30 and 120 seconds",
                file.display()
            )),
            "{err}"
        );
        assert!(
            err.contains("those keys keep their default values"),
            "{err}"
        );
    }
    // The other keys still apply.
    let text = stdout(&sb.run(&["config"]));
    assert!(text.contains("bell               = false"), "{text}");
    assert!(
        text.contains("min_hold           = 30 s           (default)"),
        "{text}"
    );

    sb.write("config/config.yaml", "bell: true\nbel: false\n");
    let err = stderr(&sb.run(&["config"]));
    assert!(
        err.contains(
            "config.yaml:2:1: error: unknown key `bel` in the config file (did you mean `bell`?)"
        ),
        "{err}"
    );
    sb.write("config/config.yaml", "theme: neon\n");
    let err = stderr(&sb.run(&["config"]));
    assert!(
        err.contains("config.yaml:1:8: error:") && err.contains("neon"),
        "{err}"
    );
}

#[test]
fn man_page_and_help_examples() {
    let sb = Sandbox::new();
    let man = stdout(&sb.run(&["man"]));
    assert!(
        man.starts_with(".ie") || man.contains(".TH foamroll"),
        "{}",
        &man[..man.len().min(200)]
    );
    assert!(man.contains("play") && man.contains("history"));
    let help = stdout(&sb.run(&["--help"]));
    assert!(
        help.contains("Examples:") && help.contains("foamroll play post-run"),
        "{help}"
    );
    for sub in ["check", "list", "show", "history", "play", "completions"] {
        let help = stdout(&sb.run(&[sub, "--help"]));
        assert!(
            help.contains("Example"),
            "{sub} --help has examples:\n{help}"
        );
    }
}

#[test]
fn speed_is_validated() {
    for bad in ["0", "0.009", "-1", "NaN", "inf", "1e300", "fast"] {
        let flag = format!("--speed={bad}");
        let out = Sandbox::new().run(&["play", "post-run", "--plain", &flag]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&out).contains("from 0.01"),
            "{bad}: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("panicked"), "{bad}");
    }
}

#[cfg(unix)]
#[test]
fn voice_speaks_each_cue_through_the_speech_command() {
    let sb = Sandbox::new();
    let spoken = sb.path().join("spoken.txt");
    script(
        &sb,
        "bin/espeak-ng",
        &format!(
            "[ \"$1\" = -- ] && shift\nprintf '%s\\n' \"$1\" >> '{}'",
            spoken.display()
        ),
    );
    let path = format!(
        "{}:{}",
        sb.path().join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = sb
        .command()
        .args(["play", "pre-run", "--plain", "--voice", "--speed", "50"])
        .env("PATH", path)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Speech runs in the background: give the last one a moment.
    let text = read_when(&spoken, "Now go do your dynamic warm-up");
    assert!(text.contains("Get ready: Pre-run warm-up"), "{text}");
    assert!(text.contains("Now go do your dynamic warm-up"), "{text}");
    // At 50 times real speed most phases end before their words do: what was said is
    // what was printed, in order, with stale cues dropped rather than said late.
    let printed = cues(&stdout(&out));
    let mut at = 0;
    for said in text.lines() {
        match printed[at..].iter().position(|l| l == said) {
            Some(i) => at += i + 1,
            None => panic!("{said:?} was said but not printed in that order:\n{printed:?}"),
        }
    }
}

#[test]
fn voice_without_a_speech_command_says_so_once_and_carries_on() {
    let sb = Sandbox::new();
    let out = sb
        .command()
        .args(["play", "pre-run", "--plain", "--voice", "--speed", "400"])
        .env("PATH", sb.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out).matches("no speech command found").count(),
        1,
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("Done: Pre-run warm-up"));
}

#[cfg(unix)]
#[test]
fn on_cue_runs_the_command_without_a_shell_for_every_cue() {
    let sb = Sandbox::new();
    let log = sb.path().join("cues.txt");
    let hook = script(
        &sb,
        "bin/hook",
        &format!(
            "printf '%s|%s|%s\\n' \"$1\" \"$FOAMROLL_CUE\" \"$FOAMROLL_TEXT\" >> '{}'",
            log.display()
        ),
    );
    // A list is the program and its arguments; `$HOME;` would mean something to a shell.
    sb.write(
        "config/config.yaml",
        &format!(
            "on_cue: [{}, '$HOME;']\nvoice_detail: brief\ncountdown_voice: false\n",
            hook.display()
        ),
    );
    let config = stdout(&sb.run(&["config"]));
    for key in ["on_cue", "voice_detail", "countdown_voice"] {
        let line = config
            .lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("{key} missing:\n{config}"));
        assert!(line.contains("config.yaml"), "{line}");
    }
    let out = hands_free(&sb, "pre-run", "200");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The hook runs in the background: give the last one a moment.
    let text = read_when(&log, "|finished|");
    let printed = stdout(&out);
    assert!(
        text.starts_with("$HOME;|get-ready|Get ready: Pre-run warm-up, in 5 seconds."),
        "{text}"
    );
    for kind in ["|move|", "|switch|", "|rest|", "|finished|"] {
        assert!(text.contains(kind), "{kind} missing:\n{text}");
    }
    // One call per cue line printed, with the same words.
    for line in text.lines() {
        let words = line.splitn(3, '|').nth(2).unwrap_or_default();
        assert!(printed.contains(words), "{words:?} not printed");
    }
    // brief: the step's name and caution, not its set-up.
    assert!(
        printed.contains("00:00 Calf and Achilles. Careful:"),
        "{printed}"
    );
}
