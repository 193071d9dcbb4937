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
    /// The history log, or why there is none.
    pub fn history_log(&self) -> Result<crate::history::HistoryLog, String> {
        self.dirs()
            .data
            .map(|d| crate::history::HistoryLog::in_dir(&d))
            .ok_or_else(|| "no home folder to keep history in: use --data-dir DIR".to_string())
    }
}

/// The full-screen app over the effective library, with history in the data folder.
pub fn build_app(global: &Global, report: &LoadReport) -> crate::ui::App {
    let dirs = global.dirs();
    let log = dirs.data.as_deref().map(crate::history::HistoryLog::in_dir);
    let today = chrono::Local::now().date_naive();
    let mut app = crate::ui::App::new(
        report.library.clone(),
        crate::session::Timing::default(),
        log,
        today,
    );
    app.bell_enabled = !global.no_bell;
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

pub use show::{exercise_sections, list, show, timing_words};
