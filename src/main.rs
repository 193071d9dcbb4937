use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use foamroll::cli::{self, Args, Command, HistoryAction};

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => return cli::usage_error(&e),
    };
    match run(args) {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`foamroll history --json | head`) is the reader's choice to stop,
        // not an error worth a message, however deep in the error it is.
        Err(e) if cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("foamroll: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> io::Result<u8> {
    let global = args.global;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut err = io::stderr();
    if let Some(Command::Status { json }) = args.command {
        // Nothing but the line: no config warnings, no errors (exit 1 says it failed).
        let now = chrono::Local::now().naive_local();
        return Ok(match cli::today::status(&global, now, json) {
            Some(line) if writeln!(out, "{line}").is_ok() => 0,
            _ => 1,
        });
    }
    // Every command reads the settings, so a broken config.yaml is always reported.
    let settings = global.settings(&mut err)?;
    match args.command {
        Some(Command::Check { paths }) => Ok(cli::check(&global, &paths, &mut out)? as u8),
        Some(Command::List { json }) => {
            let report = global.load_library(&[]);
            cli::report_problems(&report, &mut err)?;
            cli::list(&report.library, json, &mut out)?;
            Ok(0)
        }
        Some(Command::Show { id }) => {
            let report = global.load_library(&[]);
            cli::report_problems(&report, &mut err)?;
            if cli::show(&report.library, &id, &mut out)? {
                Ok(0)
            } else {
                let lib = &report.library;
                let ids = lib.routines.iter().map(|r| r.id.as_str());
                let ids = ids.chain(lib.exercises.iter().map(|e| e.id.as_str()));
                let ids = ids.chain(lib.regions.iter().map(|r| r.id.as_str()));
                let ids = ids.chain(lib.guides.iter().map(|g| g.id.as_str()));
                writeln!(
                    err,
                    "{}",
                    cli::unknown_id("no exercise, routine, region or guide", &id, ids)
                )?;
                Ok(1)
            }
        }
        Some(Command::History {
            action,
            json,
            csv,
            since,
            limit,
        }) => {
            if let Some(HistoryAction::Import { file }) = &action {
                let log = match global.history_log() {
                    Ok(log) => log,
                    Err(e) => {
                        writeln!(err, "foamroll: {e}")?;
                        return Ok(1);
                    }
                };
                return Ok(cli::history::import(&log, file, &mut out, &mut err)? as u8);
            }
            // Reading only: opened read-only, nothing created.
            let log = match global.history_reader() {
                Ok(log) => log,
                Err(e) => {
                    writeln!(err, "foamroll: {e}")?;
                    return Ok(1);
                }
            };
            if let Some(HistoryAction::Report { weeks }) = action {
                let report = global.load_library(&[]);
                return Ok(cli::history::report(
                    log.as_ref(),
                    &report.library,
                    weeks,
                    settings.weekly_goal.value,
                    &mut out,
                    &mut err,
                )? as u8);
            }
            if limit == Some(0) {
                // The parser refuses 0 already; a library caller gets the same answer.
                writeln!(
                    err,
                    "foamroll: --limit 0 would show nothing: give 1 or more"
                )?;
                return Ok(2);
            }
            let format = match (json, csv) {
                (true, _) => cli::history::Format::Json,
                (_, true) => cli::history::Format::Csv,
                _ => cli::history::Format::Table,
            };
            Ok(cli::history::list(log.as_ref(), since, limit, format, &mut out, &mut err)? as u8)
        }
        Some(Command::Config) => {
            cli::print_config(&settings, &global.dirs(), &mut out)?;
            Ok(0)
        }
        Some(Command::Completions { shell }) => {
            let report = global.load_library(&[]);
            cli::completions(shell, &report.library, &mut out)?;
            Ok(0)
        }
        Some(Command::Man) => {
            let keys: Vec<_> = foamroll::coach::commands::help_rows().collect();
            cli::man(&keys, &mut out)?;
            Ok(0)
        }
        Some(Command::Play { routine_id, plain }) => {
            let report = global.load_library(&[]);
            if plain {
                play_plain(&global, &settings, report, &routine_id, &mut out, &mut err)
            } else {
                open_app(&global, &settings, report, Some(&routine_id))
            }
        }
        Some(Command::Today {
            before_run,
            after_run,
            rest_day,
            minutes,
            equipment,
            json,
            save,
            play,
            plain,
        }) => {
            let mut report = global.load_library(&[]);
            cli::report_problems(&report, &mut err)?;
            // The one place the real clock is read for it; the planner is given it.
            let now = chrono::Local::now().naive_local();
            let intent = cli::today::intent(before_run, after_run, rest_day);
            let Some(today) = cli::today::make(
                &global,
                &settings,
                &report.library,
                now,
                intent,
                minutes,
                equipment,
                &mut err,
            )?
            else {
                return Ok(2);
            };
            if let Some(path) = &save
                && let Err(e) = cli::today::save(&today, path, now)
            {
                writeln!(err, "foamroll: {e}")?;
                return Ok(2);
            }
            if json {
                cli::today::print_json(&today, &mut out)?;
            } else if !play || plain {
                cli::today::print(&today, &report.library, &mut out)?;
                if let Some(path) = &save {
                    let shown = foamroll::text::printable(&path.display().to_string());
                    writeln!(out, "\nSaved to {shown}.")?;
                }
            }
            if !play {
                return Ok(0);
            }
            let id = today.routine.id.clone();
            report.library.routines.retain(|r| r.id != id);
            report.library.routines.insert(0, today.routine);
            if plain {
                writeln!(out)?;
                play_plain(&global, &settings, report, &id, &mut out, &mut err)
            } else {
                open_app(&global, &settings, report, Some(&id))
            }
        }
        // Answered before the settings were read, above.
        Some(Command::Status { .. }) => Ok(1),
        None => open_app(&global, &settings, global.load_library(&[]), None),
    }
}

fn play_plain(
    global: &cli::Global,
    settings: &foamroll::config::Settings,
    report: foamroll::library::LoadReport,
    id: &str,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<u8> {
    cli::report_problems(&report, err)?;
    let Some(routine) = report.library.playable(id) else {
        writeln!(err, "{}", unknown_routine(&report.library, id))?;
        return Ok(1);
    };
    // Saved from a thread of its own, opened (and retried) there: a fault of the
    // moment loses nothing, and a held lock never stops the session.
    let recorder = match global.dirs().data {
        Some(dir) => Some(
            Box::new(std::sync::Arc::new(foamroll::history::Writer::start(&dir)))
                as Box<dyn foamroll::coach::Recorder>,
        ),
        None => {
            writeln!(
                err,
                "foamroll: no home folder to keep history in (use --data-dir DIR): this session will not be saved"
            )?;
            None
        }
    };
    let opts = foamroll::plain::PlainOptions {
        speed: global.speed,
        interactive: foamroll::plain::PlainOptions::interactive_if_terminal(),
        coach: global.coach_config(settings, err)?,
    };
    let ended = foamroll::plain::run(
        std::sync::Arc::new(report.library),
        &routine,
        settings.timing(),
        opts,
        recorder,
        out,
    )?;
    // A closed standard output (`| head`) is the reader's choice: nothing is said, but
    // the session was stopped there, recorded as interrupted, and the exit says so.
    // Not saved is a failure too: a script must not take an unrecorded session for done.
    Ok(match ended.status {
        foamroll::session::Status::Completed if ended.saved => 0,
        _ => 1,
    })
}

fn open_app(
    global: &cli::Global,
    settings: &foamroll::config::Settings,
    report: foamroll::library::LoadReport,
    routine: Option<&str>,
) -> io::Result<u8> {
    if let Some(id) = routine
        && report.library.playable(id).is_none()
    {
        cli::report_problems(&report, &mut io::stderr())?;
        writeln!(io::stderr(), "{}", unknown_routine(&report.library, id))?;
        return Ok(1);
    }
    let coach = global.coach_config(settings, &mut io::stderr())?;
    let app = build_app(global, &report, settings, coach);
    let result = foamroll::ui::runtime::run(app, routine, global.speed);
    // Shown after the app, where the alternate screen cannot hide them.
    cli::report_problems(&report, &mut io::stderr())?;
    // A session that could not be saved is a failure (said on stderr already).
    result.map(|saved| if saved { 0 } else { 1 })
}

/// `play` takes a routine id or an exercise id: the nearest of both are suggested.
fn unknown_routine(library: &foamroll::library::Library, id: &str) -> String {
    let ids = (library.routines.iter().map(|r| r.id.as_str()))
        .chain(library.exercises.iter().map(|e| e.id.as_str()));
    cli::unknown_id("no routine", id, ids)
}

/// The full-screen app over the effective library, with history in the data folder.
fn build_app(
    global: &cli::Global,
    report: &foamroll::library::LoadReport,
    settings: &foamroll::config::Settings,
    coach: foamroll::coach::CoachConfig,
) -> foamroll::ui::App {
    let dirs = global.dirs();
    let log = dirs.data.as_deref().map(foamroll::history::Store::in_dir);
    let today = chrono::Local::now().date_naive();
    let mut app = foamroll::ui::App::new(report.library.clone(), settings.timing(), log, today);
    app.coach_config = coach;
    app.weekly_goal = settings.weekly_goal.value;
    app.preferred_tool = settings.equipment.value;
    app.theme = foamroll::ui::Theme::named(settings.theme.value);
    // Today's plan for the wall clock now; the planner itself never reads a clock.
    app.plan_today(
        chrono::Local::now().naive_local(),
        settings.equipment.value.into_iter().collect(),
    );
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
