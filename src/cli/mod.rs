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

    /// The speech command when voice is on; says once when there is none.
    pub fn voice(
        &self,
        settings: &crate::config::Settings,
        err: &mut impl Write,
    ) -> io::Result<Option<crate::voice::Voice>> {
        if !settings.voice.value {
            return Ok(None);
        }
        let voice = crate::voice::Voice::detect();
        if voice.is_none() {
            writeln!(err, "{}", crate::voice::NOT_FOUND)?;
        }
        Ok(voice)
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

/// The full-screen app over the effective library, with history in the data folder.
pub fn build_app(
    global: &Global,
    report: &LoadReport,
    settings: &crate::config::Settings,
    voice: Option<crate::voice::Voice>,
) -> crate::ui::App {
    let dirs = global.dirs();
    let log = dirs.data.as_deref().map(crate::history::Store::in_dir);
    let today = chrono::Local::now().date_naive();
    let mut app = crate::ui::App::new(report.library.clone(), settings.timing(), log, today);
    app.bell_enabled = settings.bell.value;
    app.ask_tenderness = settings.tenderness_prompt.value;
    app.weekly_goal = settings.weekly_goal.value;
    app.preferred_tool = settings.equipment.value;
    app.theme = crate::ui::Theme::named(settings.theme.value);
    app.voice = voice;
    let errors = report.error_count();
    if errors > 0 {
        let s = if errors == 1 { "" } else { "s" };
        app.message = Some(format!(
            "{errors} library problem{s}: items were skipped (run `foamroll check`)"
        ));
    }
    if dirs.data.is_none() {
        app.message = Some("No home folder: history is not saved (use --data-dir)".to_string());
    }
    app
}

pub use show::{list, show, timing_words};
