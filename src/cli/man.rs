//! `foamroll man`: the manual page. The title, synopsis and options come from the
//! command definition (clap_mangen); the commands, keys, configuration keys, files,
//! environment, history, exit status and examples are written here. It names no other
//! manual page: there are no per-command pages, and `foamroll COMMAND --help` says
//! the rest.

use std::io::{self, Write};

use clap::CommandFactory;

use super::args::{Args, CONFIG_DIR_ENV, DATA_DIR_ENV};

/// Text made safe for roff: backslashes, hyphens, lines that would start a request,
/// `code` in bold, and characters beyond ASCII as groff's named or Unicode escapes (raw
/// UTF-8 draws warnings and wrong glyphs in some formatters).
fn roff(s: &str) -> String {
    let mut escaped = String::with_capacity(s.len());
    let mut in_code = false;
    for c in s.chars() {
        match c {
            '\\' => escaped.push_str("\\e"),
            '-' => escaped.push_str("\\-"),
            '`' => {
                escaped.push_str(if in_code { "\\fR" } else { "\\fB" });
                in_code = !in_code;
            }
            '↑' => escaped.push_str("\\(ua"),
            '↓' => escaped.push_str("\\(da"),
            '←' => escaped.push_str("\\(<-"),
            '→' => escaped.push_str("\\(->"),
            '—' => escaped.push_str("\\(em"),
            '–' => escaped.push_str("\\(en"),
            c if c.is_ascii() => escaped.push(c),
            c => escaped.push_str(&format!("\\[u{:04X}]", u32::from(c))),
        }
    }
    if in_code {
        escaped.push_str("\\fR");
    }
    escaped
        .lines()
        .map(|l| {
            if l.starts_with('.') || l.starts_with('\'') {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn section(out: &mut impl Write, title: &str) -> io::Result<()> {
    writeln!(out, ".SH {title}")
}

/// A tagged paragraph: `tag` in bold, then its text.
fn item(out: &mut impl Write, tag: &str, text: &str) -> io::Result<()> {
    writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(tag), roff(text))
}

/// An item indented under the one above (a command's options).
fn nested(out: &mut impl Write, tag: &str, text: &str) -> io::Result<()> {
    writeln!(out, ".RS")?;
    item(out, tag, text)?;
    writeln!(out, ".RE")
}

/// A command's first usage line, without "Usage: " and the `[OPTIONS]` every command
/// takes (the global options above).
fn usage(cmd: &clap::Command) -> String {
    let text = cmd.clone().render_usage().to_string();
    let first = text.lines().next().unwrap_or_default();
    first
        .trim_start_matches("Usage: ")
        .replace(" [OPTIONS]", "")
        .trim()
        .to_string()
}

fn paragraph(out: &mut impl Write, text: &str) -> io::Result<()> {
    writeln!(out, ".PP\n{}", roff(text))
}

/// Lines kept as they are (examples).
fn literal(out: &mut impl Write, text: &str) -> io::Result<()> {
    writeln!(out, ".PP\n.nf\n{}\n.fi", roff(text))
}

/// A command's own options, indented under it (the global options are listed once,
/// under OPTIONS).
fn options(out: &mut impl Write, cmd: &clap::Command) -> io::Result<()> {
    for arg in cmd.get_arguments().filter(|a| !a.is_global_set()) {
        let Some(long) = arg.get_long().filter(|l| *l != "help") else {
            continue;
        };
        let value = arg
            .get_value_names()
            .filter(|_| arg.get_action().takes_values())
            .map(|v| format!(" {}", v.join(" ")))
            .unwrap_or_default();
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        nested(out, &format!("--{long}{value}"), &help)?;
    }
    Ok(())
}

/// Writes the manual; `keys` are the app's keys and what they do.
pub fn man(keys: &[(String, String)], out: &mut impl Write) -> io::Result<()> {
    let mut cmd = Args::command();
    cmd.build();
    let page = clap_mangen::Man::new(cmd.clone());
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    paragraph(
        out,
        "With no command, foamroll opens the full-screen app on the browse screen: pick a routine and it talks you through each step. Two styles have opposite timing: recovery routines roll slowly, find a tender spot and hold it 30 to 120 seconds; warm-up routines keep moving and never linger. The IT band is never rolled.",
    )?;
    page.render_options_section(out)?;

    section(out, "COMMANDS")?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        item(out, &usage(sub), &about)?;
        options(out, sub)?;
        for action in sub.get_subcommands().filter(|s| s.get_name() != "help") {
            let about = action
                .get_about()
                .map(|a| a.to_string())
                .unwrap_or_default();
            nested(out, &usage(action), &about)?;
            options(out, action)?;
        }
    }

    section(out, "KEYS")?;
    paragraph(out, "In the full-screen app (press ? for the same list):")?;
    for (key, what) in keys {
        item(out, key, what)?;
    }
    paragraph(
        out,
        "Keys can be changed in config.yaml with `keys:`, a mapping from command names to a key or a list of keys, such as `keys: { pause: [p], found: [space, f] }`. The keys given replace the command's keys; help, the key bar, plain mode's key list and the spoken hints follow. A key is one character other than a digit, ctrl- and a letter (ctrl-x), or one of space, enter, esc, tab, shift-tab, up, down, left, right, pageup, pagedown, home and end. A key may not do two things in one place (say, during a session); such an entry, an unknown command and an unknown key are reported with their line and column, and that command keeps its keys. The rating keys (0-9 and ), for 10), Ctrl-C and the answers to \"end the session?\" (y, Enter, n, Esc) cannot be changed. The commands, with their keys by default:",
    )?;
    let defaults = crate::input::Keymap::default();
    for (name, command) in crate::input::Command::NAMED {
        let keys: Vec<String> = defaults
            .keys_for(command)
            .iter()
            .map(ToString::to_string)
            .collect();
        item(out, name, &keys.join(" "))?;
    }

    section(out, "CONFIGURATION")?;
    paragraph(
        out,
        "config.yaml in the config folder holds `key: value` lines; every key is optional. Each key is checked on its own: a key with an error is reported with its line and column and keeps its default, and the other keys still apply. `foamroll config` prints every setting and where it came from (default, file or flag).",
    )?;
    for (key, what) in crate::config::KEYS {
        item(out, key, what)?;
    }

    section(out, "FILES")?;
    item(
        out,
        "$XDG_CONFIG_HOME/foamroll/config.yaml",
        "The settings (see CONFIGURATION). --config DIR or FOAMROLL_CONFIG_DIR names another folder.",
    )?;
    item(
        out,
        "$XDG_CONFIG_HOME/foamroll/routines/*.yaml",
        "Your own regions, exercises and routines; an id you reuse overrides the built-in item. `foamroll check` validates them.",
    )?;
    item(
        out,
        &format!("$XDG_DATA_HOME/foamroll/{}", crate::history::DB_NAME),
        "The history of sessions, an SQLite database. --data-dir DIR or FOAMROLL_DATA_DIR names another folder.",
    )?;
    paragraph(
        out,
        "Every file is read the same careful way: regular files only (a symbolic link to one is fine), at most 1 MiB, and anything else (a FIFO, a device, a folder) is reported by name while the command goes on with the rest.",
    )?;

    section(out, "ENVIRONMENT")?;
    item(
        out,
        CONFIG_DIR_ENV,
        "The config folder, when --config is not given.",
    )?;
    item(
        out,
        DATA_DIR_ENV,
        "The data folder, when --data-dir is not given.",
    )?;
    item(
        out,
        "XDG_CONFIG_HOME, XDG_DATA_HOME",
        "Where the config and data folders are by default (~/.config and ~/.local/share when unset).",
    )?;
    item(
        out,
        "NO_COLOR",
        "Any non-empty value turns colour and bold off everywhere, unless --color always is given.",
    )?;
    item(
        out,
        "CLICOLOR, CLICOLOR_FORCE",
        "CLICOLOR=0 turns colour off; CLICOLOR_FORCE=1 keeps it on even into a pipe (NO_COLOR still wins). --color overrides both.",
    )?;
    item(
        out,
        "TERM",
        "With TERM=dumb the full-screen app does not start: use play ID --plain.",
    )?;
    item(
        out,
        "COMPLETE",
        "Set by the completion scripts when they ask foamroll for completions; not for use by hand.",
    )?;
    item(
        out,
        "PATH",
        "Searched for a speech command (espeak-ng, espeak, spd-say or say) when voice is on.",
    )?;

    section(out, "HISTORY")?;
    paragraph(
        out,
        "Every session is recorded as it runs, finished or not, in an SQLite database in the data folder: the routine, each hold and search with its length, overtime, skipped spots and the 0-10 tenderness ratings. The History pane and its review (H) show them in the app. `foamroll history` prints them as a table, JSON (--json) or CSV (--csv), newest first, with --since DAY and --limit N (1 or more); `foamroll history report` writes a Markdown summary of the last weeks (--weeks N, --region ID), or with --html FILE the same as a self-contained HTML page with pictures; `foamroll history import FILE` merges another machine's history (a --json export or an older history.jsonl) by session id, without duplicates. An older history.jsonl in the data folder is imported once, by itself.",
    )?;

    section(out, "EXIT STATUS")?;
    for exit in super::Exit::ALL {
        item(out, &exit.code().to_string(), exit.meaning())?;
    }

    section(out, "EXAMPLES")?;
    literal(
        out,
        "foamroll                              open the app\n\
         foamroll play post-run                start the post-run recovery at once\n\
         foamroll play pre-run --plain --voice spoken warm-up, one line per cue\n\
         foamroll show it-band                 why the IT band is never rolled\n\
         foamroll check ~/my-routines          validate your own routine files\n\
         foamroll history --since 2026-01-01 --csv > sessions.csv\n\
         foamroll man > foamroll.1 && man ./foamroll.1",
    )?;

    section(out, "SEE ALSO")?;
    paragraph(
        out,
        "`foamroll COMMAND --help` for each command's options and examples. There are no separate manual pages for the commands.",
    )?;
    page.render_version_section(out)
}
