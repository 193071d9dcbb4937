//! The command line: its definition (shared with completions and the man page) and the
//! commands that print plain text.

mod args;
pub mod history;
mod man;
mod show;
pub mod today;

use std::io::{self, Write};
use std::path::PathBuf;

pub use args::{Args, Command, Global, HistoryAction};

use crate::library::{Layer, LoadReport, Loader};
use crate::paths::Dirs;

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

/// `foamroll check`: every problem, then a one-line summary. Returns the exit code.
pub fn check(global: &Global, paths: &[PathBuf], out: &mut impl Write) -> io::Result<i32> {
    let report = global.load_library(paths);
    report_problems(&report, out)?;
    let errors = report.error_count();
    let warnings = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::library::Severity::Warning)
        .count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let summary = report.library.summary_line();
    let warned = if warnings > 0 {
        format!("; {}", plural(warnings, "warning"))
    } else {
        String::new()
    };
    if errors == 0 {
        writeln!(out, "{summary}: ok{warned}")?;
        Ok(0)
    } else {
        writeln!(out, "{summary} loaded; {}{warned}", plural(errors, "error"))?;
        Ok(1)
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
        };
        let (settings, problems) =
            crate::config::Settings::load(self.dirs().config.as_deref(), flags);
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

/// `foamroll config`
pub fn print_config(
    settings: &crate::config::Settings,
    dirs: &Dirs,
    out: &mut impl Write,
) -> io::Result<()> {
    let file = dirs
        .config
        .as_ref()
        .map(|d| d.join(crate::config::FILE_NAME));
    let shown = file.map_or("none (no home folder)".to_string(), |f| {
        crate::text::path(&f)
    });
    writeln!(out, "config file: {shown}")?;
    for (key, value, source) in settings.describe() {
        writeln!(out, "{key:<18} = {value:<14} ({source})")?;
    }
    Ok(())
}

/// `foamroll completions SHELL`: routine, exercise and region ids complete too.
pub fn completions(
    shell: clap_complete::Shell,
    library: &crate::library::Library,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut cmd = with_id_values(library);
    // clap_complete panics when it cannot write (a closed pipe): generate into memory.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "foamroll", &mut script);
    out.write_all(&script)?;
    if shell == clap_complete::Shell::Fish {
        // clap_complete's fish script leaves positional values out; add the ids.
        let routines: Vec<&str> = library.routines.iter().map(|r| r.id.as_str()).collect();
        let mut all = routines.clone();
        all.extend(library.exercises.iter().map(|e| e.id.as_str()));
        all.extend(library.regions.iter().map(|r| r.id.as_str()));
        all.extend(library.guides.iter().map(|g| g.id.as_str()));
        for (sub, ids) in [("play", routines), ("show", all)] {
            writeln!(
                out,
                "complete -c foamroll -n \"__fish_foamroll_using_subcommand {sub}\" -f -a \"{}\"",
                ids.join(" ")
            )?;
        }
    }
    Ok(())
}

/// The command definition with the library's ids as the possible values of ID arguments.
fn with_id_values(library: &crate::library::Library) -> clap::Command {
    use clap::CommandFactory;
    use clap::builder::PossibleValuesParser;
    let routines: Vec<String> = library.routines.iter().map(|r| r.id.clone()).collect();
    let mut all = routines.clone();
    all.extend(library.exercises.iter().map(|e| e.id.clone()));
    all.extend(library.regions.iter().map(|r| r.id.clone()));
    all.extend(library.guides.iter().map(|g| g.id.clone()));
    Args::command()
        .mut_subcommand("play", |c| {
            c.mut_arg("routine_id", |a| {
                a.value_parser(PossibleValuesParser::new(routines))
            })
        })
        .mut_subcommand("show", |c| {
            c.mut_arg("id", |a| a.value_parser(PossibleValuesParser::new(all)))
        })
}

pub use man::man;

pub use show::{list, show};
