//! The command line: its definition (shared with completions and the man page) and the
//! commands that print plain text.

mod args;
pub mod history;
mod show;

use std::io::{self, Write};
use std::path::PathBuf;

pub use args::{Args, Command, Global, HistoryAction};

use crate::library::{Layer, LoadReport, Loader};
use crate::paths::Dirs;

impl Global {
    pub fn dirs(&self) -> Dirs {
        Dirs::resolve(self.config.clone(), self.data_dir.clone())
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
    let summary = report.library.summary_line();
    if errors == 0 {
        writeln!(out, "{summary}: ok")?;
        Ok(0)
    } else {
        let s = if errors == 1 { "" } else { "s" };
        writeln!(out, "{summary} loaded; {errors} error{s}")?;
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
            writeln!(
                err,
                "foamroll: config.yaml has errors; using the default settings"
            )?;
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
        f.display().to_string()
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
    clap_complete::generate(shell, &mut cmd, "foamroll", out);
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

/// `foamroll man`
pub fn man(out: &mut impl Write) -> io::Result<()> {
    use clap::CommandFactory;
    clap_mangen::Man::new(Args::command()).render(out)
}

pub use show::{list, show};
