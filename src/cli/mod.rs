//! The command line: its definition (shared with completions and the man page) and the
//! commands that print plain text.

mod args;
mod exit;
pub mod history;
mod man;
pub mod runs;
mod show;
pub mod today;

use std::io::{self, Write};
use std::path::PathBuf;

pub use args::{Args, Command, Global, HistoryAction, RunsAction, SHELLS};
pub use exit::Exit;

use crate::library::{Layer, LoadReport, Loader};
use crate::paths::Dirs;
use crate::wording::plural;

impl Global {
    /// The folders: a flag, else its environment variable, else the standard place.
    pub fn dirs(&self) -> Dirs {
        Dirs::resolve(
            self.config
                .clone()
                .or_else(|| args::env_dir(args::CONFIG_DIR_ENV)),
            self.data_dir
                .clone()
                .or_else(|| args::env_dir(args::DATA_DIR_ENV)),
        )
    }

    /// The effective library: built-in, then the config folder, then `--library` folders,
    /// then `extra` (the paths given to `check`).
    pub fn load_library(&self, extra: &[PathBuf]) -> LoadReport {
        let mut loader = Loader::with_builtin();
        if let Some(dir) = self.dirs().user_routines() {
            loader.add_path(&dir, Layer::Config, true);
        }
        for dir in &self.library {
            loader.add_path(dir, Layer::Library, false);
        }
        for path in extra {
            loader.add_path(path, Layer::Check, false);
        }
        loader.finish()
    }
}

/// The local wall-clock time that `today`, `status` and the app's plan are made for.
/// Debug builds (the tests' binary) take `FOAMROLL_NOW=YYYY-MM-DDTHH:MM` instead, so the
/// README's samples can be checked against the real program on a fixed day; a release
/// build always reads the clock.
pub fn now() -> chrono::NaiveDateTime {
    #[cfg(debug_assertions)]
    if let Some(fixed) = std::env::var("FOAMROLL_NOW")
        .ok()
        .and_then(|s| chrono::NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M").ok())
    {
        return fixed;
    }
    chrono::Local::now().naive_local()
}

/// True when `e`, or an error it wraps (`serde_json` wraps the writer's), is a closed
/// pipe.
pub fn is_broken_pipe(e: &io::Error) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = current {
        if let Some(io) = err.downcast_ref::<io::Error>() {
            if io.kind() == io::ErrorKind::BrokenPipe {
                return true;
            }
            // `io::Error::other(inner)`: its `source` skips `inner` itself.
            if let Some(inner) = io.get_ref() {
                current = Some(inner);
                continue;
            }
        }
        if let Some(json) = err.downcast_ref::<serde_json::Error>()
            && json.io_error_kind() == Some(io::ErrorKind::BrokenPipe)
        {
            return true;
        }
        current = err.source();
    }
    false
}

/// Prints a command-line error (or `--help`, `--version`) and gives its exit code.
/// clap echoes the offending value whole; an error's text goes through the printable
/// filter with long values cut, as every other message does.
pub fn usage_error(e: &clap::Error) -> std::process::ExitCode {
    let code = u8::try_from(e.exit_code()).unwrap_or(2);
    if !e.use_stderr() {
        // Help and version: our own text, with clap's colours.
        let _ = e.print();
        return std::process::ExitCode::from(code);
    }
    let text = e.render().to_string();
    let mut err = io::stderr().lock();
    for line in text.lines() {
        let _ = writeln!(err, "{}", crate::text::cut_line(line));
    }
    std::process::ExitCode::from(code)
}

/// "foamroll: no routine has the id `x` (did you mean `y`?); see `foamroll list`".
pub fn unknown_id<'a>(what: &str, id: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    format!(
        "foamroll: {what} has the id `{}`{}; see `foamroll list`",
        crate::text::echo(id),
        crate::text::did_you_mean(id, known)
    )
}

/// Prints what was skipped and why, so a command still works on the rest.
pub fn report_problems(report: &LoadReport, err: &mut impl Write) -> io::Result<()> {
    for d in &report.diagnostics {
        writeln!(err, "{d}")?;
    }
    Ok(())
}

/// `foamroll check`: every problem on `err`, then a one-line summary on `out`.
pub fn check(
    global: &Global,
    paths: &[PathBuf],
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Exit> {
    let report = global.load_library(paths);
    report_problems(&report, err)?;
    let errors = report.error_count();
    let warnings = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::library::Severity::Warning)
        .count();
    let summary = report.library.summary_line();
    let warned = if warnings > 0 {
        format!("; {}", plural(warnings, "warning"))
    } else {
        String::new()
    };
    if errors == 0 {
        writeln!(out, "{summary}: ok{warned}")?;
        Ok(Exit::Ok)
    } else {
        writeln!(out, "{summary} loaded; {}{warned}", plural(errors, "error"))?;
        Ok(Exit::Failure)
    }
}

impl Global {
    /// The history database, opened, or why there is none.
    pub fn history_log(&self) -> Result<crate::history::Store, String> {
        self.dirs()
            .data
            .ok_or_else(|| "no home folder to keep history in: use --data-dir DIR".to_string())
            .and_then(|d| crate::history::Store::open(&d).map_err(|e| e.to_string()))
    }

    /// The history for a writing command that checks its arguments first: opened (and
    /// made) only when something is written, so a wrong argument creates nothing.
    pub fn history_when_written(&self) -> Result<crate::history::Store, String> {
        self.dirs()
            .data
            .ok_or_else(|| "no home folder to keep history in: use --data-dir DIR".to_string())
            .map(|d| crate::history::Store::in_dir(&d))
    }

    /// The history for a reading command: opened read-only, nothing created. `None`
    /// when nothing was recorded yet (or there is no home folder to look in).
    pub fn history_reader(&self) -> Result<Option<crate::history::Store>, String> {
        match self.dirs().data {
            None => Ok(None),
            Some(d) => crate::history::Store::open_read(&d).map_err(|e| e.to_string()),
        }
    }
}

impl Global {
    /// The effective settings; problems with config.yaml are printed to `err` and the
    /// defaults are used.
    pub fn settings(&self, err: &mut impl Write) -> io::Result<crate::config::Settings> {
        let flags = crate::config::Flags {
            no_bell: self.no_bell,
            voice: self.voice,
            no_mouse: self.no_mouse,
            hands_free: self.hands_free,
        };
        let (settings, mut problems) =
            crate::config::Settings::load(self.dirs().config.as_deref(), flags);
        // `keys:` is checked against the table of keys, which sits above config.
        problems.extend(crate::input::Keymap::from_settings(&settings).1);
        for d in &problems {
            writeln!(err, "{d}")?;
        }
        if !problems.is_empty() {
            writeln!(err, "{}", crate::config::PROBLEMS_NOTE)?;
        }
        Ok(settings)
    }

    /// How the coach behaves: the settings, with the speech queue when the voice is on
    /// (says once when there is no speech command).
    pub fn coach_config(
        &self,
        settings: &crate::config::Settings,
        err: &mut impl Write,
    ) -> io::Result<crate::coach::CoachConfig> {
        let mut speaker: Option<std::sync::Arc<dyn crate::coach::Speaker>> = None;
        if settings.voice.value {
            match crate::voice::Voice::detect() {
                Some(voice) => {
                    speaker = Some(std::sync::Arc::new(crate::voice::Speech::start(voice)));
                }
                None => writeln!(err, "{}", crate::voice::NOT_FOUND)?,
            }
        }
        Ok(crate::coach::CoachConfig::from_settings(settings, speaker))
    }
}

/// `foamroll config`: the folders (and whether each is there yet), then every
/// setting with where it came from. Nothing is created.
pub fn print_config(
    settings: &crate::config::Settings,
    dirs: &Dirs,
    out: &mut impl Write,
) -> io::Result<()> {
    let file = dirs
        .config
        .as_ref()
        .map(|d| d.join(crate::config::FILE_NAME));
    let folders = [
        ("config folder", dirs.config.clone()),
        ("config file", file),
        ("routines folder", dirs.user_routines()),
        ("data folder", dirs.data.clone()),
    ];
    for (what, path) in folders {
        let shown = path.as_deref().map_or_else(
            || "none (no home folder)".to_string(),
            |p| format!("{} ({})", crate::text::path(p), presence(p)),
        );
        writeln!(out, "{:<16} {shown}", format!("{what}:"))?;
    }
    writeln!(out)?;
    for (key, value, source) in settings.describe() {
        writeln!(out, "{key:<18} = {value:<14} ({source})")?;
    }
    Ok(())
}

/// Whether a path is there, in words, without following it into anything.
fn presence(path: &std::path::Path) -> &'static str {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => "exists",
        Ok(m) if m.is_file() => "exists",
        Ok(m) if m.file_type().is_symlink() => "exists, a symbolic link",
        Ok(_) => "exists, but not a regular file or folder",
        Err(e) if e.kind() == io::ErrorKind::NotFound => "not there yet",
        Err(_) => "cannot be read",
    }
}

/// `foamroll config --default`: a commented `config.yaml` with every key at its
/// default, that foamroll reads back as it is.
pub fn print_default_config(out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "# foamroll settings: {} in the config folder (`foamroll config` shows where).",
        crate::config::FILE_NAME,
    )?;
    writeln!(
        out,
        "# Every key is optional; each is shown with its default value and its bounds."
    )?;
    for line in crate::config::Settings::default_file() {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Why the full-screen app cannot start here, with what to run instead; `None` when it
/// can. It needs a terminal to draw on and to read keys from, and one that can draw.
pub fn no_app_here(instead: &str) -> Option<String> {
    use std::io::IsTerminal;
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return Some(format!(
            "foamroll: TERM=dumb cannot show the full-screen app; {instead} runs the session as lines of text"
        ));
    }
    let keys = io::stdin().is_terminal() || std::fs::File::open("/dev/tty").is_ok();
    if !io::stdout().is_terminal() || !keys {
        return Some(format!(
            "foamroll: the full-screen app needs a terminal; {instead} runs the session as lines of text"
        ));
    }
    None
}

/// `--color WHEN` from the raw command line, before it is parsed (clap needs it to
/// colour its own help and errors). The last one wins; anything unknown is `auto`
/// here and refused by the parser.
pub fn color_flag(args: impl IntoIterator<Item = std::ffi::OsString>) -> crate::config::ColorWhen {
    use crate::config::ColorWhen;
    let mut when = ColorWhen::Auto;
    let mut next_is_value = false;
    for arg in args {
        let Some(arg) = arg.to_str().map(str::to_string) else {
            next_is_value = false;
            continue;
        };
        if arg == "--" {
            break;
        }
        let value = if next_is_value {
            Some(arg.as_str())
        } else {
            arg.strip_prefix("--color=")
        };
        next_is_value = arg == "--color";
        if let Some(w) = value.and_then(ColorWhen::from_label) {
            when = w;
        }
    }
    when
}

/// The program a completion script calls back: `foamroll` from the PATH, never the path
/// of the binary that printed the script (it may be in a release archive, or moved).
pub const COMPLETER: &str = "foamroll";

/// `foamroll completions SHELL`: the shell's registration script. It asks foamroll
/// itself for every completion (`COMPLETE=SHELL foamroll -- WORDS`), so the ids offered
/// are those of the library at that moment, the person's own routines included.
pub fn completions(shell: &str, out: &mut impl Write) -> io::Result<()> {
    let shells = clap_complete::env::Shells::builtins();
    let Some(completer) = shells.completer(shell) else {
        return Err(io::Error::other(format!(
            "no completion script for {}; choose {}",
            crate::text::echo(shell),
            SHELLS.join(", ")
        )));
    };
    let mut script = Vec::new();
    completer.write_registration(COMPLETE_ENV, "foamroll", "foamroll", COMPLETER, &mut script)?;
    out.write_all(&script)
}

/// The folders named on the line being completed (`foamroll --library DIR play <Tab>`:
/// the shell passes the words after `--`), so their ids complete too. A folder that is
/// not there is simply not read.
fn folders_being_typed() -> Global {
    let words: Vec<String> = std::env::args_os()
        .skip_while(|a| a != "--")
        .skip(1)
        .filter_map(|a| a.into_string().ok())
        .collect();
    let mut global = Global::default();
    let mut it = words.iter().peekable();
    while let Some(word) = it.next() {
        let (flag, inline) = match word.split_once('=') {
            Some((f, v)) => (f, Some(v.to_string())),
            None => (word.as_str(), None),
        };
        if flag != "--library" && flag != "--config" {
            continue;
        }
        let Some(value) = inline.or_else(|| it.peek().map(|v| v.to_string())) else {
            continue;
        };
        let dir = PathBuf::from(expand_home(&value));
        if flag == "--library" {
            global.library.push(dir);
        } else {
            global.config = Some(dir);
        }
    }
    global
}

/// `~/x` as the shell would have expanded it (the words being completed are as typed).
fn expand_home(word: &str) -> String {
    match (word.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => word.to_string(),
    }
}

/// The environment variable the completion scripts set when they call foamroll back.
pub const COMPLETE_ENV: &str = "COMPLETE";

/// The command definition for completion: ID arguments offer the ids of the library
/// (built-in, then the config folder's routines), read when the shell asks.
pub fn completion_command() -> clap::Command {
    use clap::CommandFactory;
    use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
    fn ids(routines_only: bool) -> Vec<CompletionCandidate> {
        let library = folders_being_typed().load_library(&[]).library;
        let routines = library.routines.iter().map(|r| {
            CompletionCandidate::new(&r.id).help(Some(crate::text::printable(&r.name).into()))
        });
        if routines_only {
            return routines.collect();
        }
        routines
            .chain(
                library
                    .exercises
                    .iter()
                    .map(|e| CompletionCandidate::new(&e.id)),
            )
            .chain(
                library
                    .regions
                    .iter()
                    .map(|r| CompletionCandidate::new(&r.id)),
            )
            .chain(
                library
                    .guides
                    .iter()
                    .map(|g| CompletionCandidate::new(&g.id)),
            )
            .collect()
    }
    Args::command()
        .mut_subcommand("play", |c| {
            c.mut_arg("routine_id", |a| {
                a.add(ArgValueCandidates::new(|| ids(true)))
            })
        })
        .mut_subcommand("show", |c| {
            c.mut_arg("id", |a| a.add(ArgValueCandidates::new(|| ids(false))))
        })
}

pub use man::man;

pub use show::{list, show, show_json};

/// The `format` every `--json` document carries (`history --json`: each record). It
/// goes up when a field changes meaning or goes away; fields may be added within a
/// format. `docs/json.md` documents each document.
pub const JSON_FORMAT: u32 = 1;
