//! The command line: parse, then one small function per command. Data goes to standard
//! output, every message to standard error, and the process ends with one [`Exit`]:
//! 0 done, 1 a runtime failure, 2 a usage error.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::FromArgMatches;
use foamroll::cli::{self, Args, Command, Exit, Global, HistoryAction, RunsAction};
use foamroll::config::Settings;
use foamroll::library::LoadReport;

fn main() -> ExitCode {
    // A completion request from the shell script (`COMPLETE=bash foamroll -- ...`):
    // answered here, before anything is printed, and the process ends.
    clap_complete::CompleteEnv::with_factory(cli::completion_command)
        .var(cli::COMPLETE_ENV)
        .completer(cli::COMPLETER)
        .complete();
    let args = match parse() {
        Ok(args) => args,
        Err(e) => return cli::usage_error(&e),
    };
    match run(args) {
        Ok(exit) => exit.into(),
        // A closed pipe (`foamroll history --json | head`) is the reader's choice to stop,
        // not an error worth a message, however deep in the error it is.
        Err(e) if cli::is_broken_pipe(&e) => Exit::Ok.into(),
        Err(e) => {
            let _ = writeln!(io::stderr(), "foamroll: {e}");
            Exit::Failure.into()
        }
    }
}

/// The command line, with clap's own help and errors coloured as `--color` and the
/// colour variables say (they are needed before the line is parsed).
fn parse() -> Result<Args, clap::Error> {
    let when = cli::color_flag(std::env::args_os());
    let color = if when.enabled(io::stderr().is_terminal()) {
        clap::ColorChoice::Always
    } else {
        clap::ColorChoice::Never
    };
    let matches = cli::completion_command().color(color).try_get_matches()?;
    Args::from_arg_matches(&matches)
}

/// Standard output and standard error, for the commands.
struct Io {
    out: io::StdoutLock<'static>,
    err: io::Stderr,
}

fn run(args: Args) -> io::Result<Exit> {
    let global = args.global;
    let mut io = Io {
        out: io::stdout().lock(),
        err: io::stderr(),
    };
    if let Some(Command::Status { json }) = args.command {
        return status(&global, json, &mut io);
    }
    // Every other command reads the settings, so a broken config.yaml is always reported.
    let settings = global.settings(&mut io.err)?;
    match args.command {
        Some(Command::Check { paths }) => cli::check(&global, &paths, &mut io.out, &mut io.err),
        Some(Command::List { json }) => list(&global, json, &mut io),
        Some(Command::Show { id, json }) => show(&global, &id, json, &mut io),
        Some(Command::History {
            action: Some(HistoryAction::Import { file }),
            ..
        }) => history_import(&global, &file, &mut io),
        Some(Command::History {
            action:
                Some(HistoryAction::Report {
                    weeks,
                    region,
                    html,
                }),
            ..
        }) => {
            let ask = cli::history::ReportAsk {
                weeks,
                region,
                html,
            };
            history_report(&global, &settings, &ask, &mut io)
        }
        Some(Command::History {
            action: None,
            json,
            csv,
            since,
            limit,
        }) => history(&global, json, csv, since, limit, &mut io),
        Some(Command::Runs {
            action: Some(RunsAction::Import { paths }),
            ..
        }) => runs_import(&global, &paths, &mut io),
        Some(Command::Runs {
            action: Some(RunsAction::Forget { id, all }),
            ..
        }) => runs_forget(&global, if all { None } else { id }, &mut io),
        Some(Command::Runs {
            action: None,
            json,
            since,
        }) => runs(&global, json, since, &mut io),
        Some(Command::Config { default }) => config(&global, &settings, default, &mut io),
        Some(Command::Completions { shell }) => {
            cli::completions(&shell, &mut io.out)?;
            Ok(Exit::Ok)
        }
        Some(Command::Man) => {
            let keys = foamroll::input::Keymap::default().help_rows();
            cli::man(&keys, &mut io.out)?;
            Ok(Exit::Ok)
        }
        Some(Command::Play { routine_id, plain }) => {
            let report = global.load_library(&[]);
            if plain {
                play_plain(&global, &settings, report, &routine_id, &mut io)
            } else {
                let instead = format!(
                    "`foamroll play {} --plain`",
                    foamroll::text::echo(&routine_id)
                );
                open_app(
                    &global,
                    &settings,
                    report,
                    Some(&routine_id),
                    &instead,
                    &mut io,
                )
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
            let ask = TodayAsk {
                intent: cli::today::intent(before_run, after_run, rest_day),
                minutes,
                equipment,
                json,
                save,
                play,
                plain,
            };
            today(&global, &settings, ask, &mut io)
        }
        // Answered before the settings were read, above.
        Some(Command::Status { json }) => status(&global, json, &mut io),
        None => {
            let report = global.load_library(&[]);
            let instead = "`foamroll play ROUTINE_ID --plain` (see `foamroll list`)";
            open_app(&global, &settings, report, None, instead, &mut io)
        }
    }
}

/// `status`: nothing but the line; no config warnings, no errors (exit 1 says it failed).
fn status(global: &Global, json: bool, io: &mut Io) -> io::Result<Exit> {
    Ok(match cli::today::status(global, cli::now(), json) {
        Some(line) if writeln!(io.out, "{line}").is_ok() => Exit::Ok,
        _ => Exit::Failure,
    })
}

fn list(global: &Global, json: bool, io: &mut Io) -> io::Result<Exit> {
    let report = global.load_library(&[]);
    cli::report_problems(&report, &mut io.err)?;
    let bold = global.color.enabled(io::stdout().is_terminal());
    cli::list(&report.library, json, bold, &mut io.out)?;
    // A folder or file named with --library that could not be read is the person's own
    // input failing: listed anyway, but the exit says so.
    let unread = report.diagnostics.iter().any(|d| {
        d.is_error()
            && global
                .library
                .iter()
                .any(|l| std::path::Path::new(&d.path).starts_with(l))
    });
    Ok(Exit::ok_if(!unread))
}

fn show(global: &Global, id: &str, json: bool, io: &mut Io) -> io::Result<Exit> {
    let report = global.load_library(&[]);
    cli::report_problems(&report, &mut io.err)?;
    let bold = global.color.enabled(io::stdout().is_terminal());
    let found = if json {
        cli::show_json(&report.library, id, &mut io.out)?
    } else {
        cli::show(&report.library, id, bold, &mut io.out)?
    };
    if found {
        return Ok(Exit::Ok);
    }
    let lib = &report.library;
    let ids = (lib.routines.iter().map(|r| r.id.as_str()))
        .chain(lib.exercises.iter().map(|e| e.id.as_str()))
        .chain(lib.regions.iter().map(|r| r.id.as_str()))
        .chain(lib.guides.iter().map(|g| g.id.as_str()));
    let what = "no exercise, routine, region or guide";
    writeln!(io.err, "{}", cli::unknown_id(what, id, ids))?;
    Ok(Exit::Failure)
}

/// The history store, or why there is none (said on standard error).
fn history_store(global: &Global, io: &mut Io) -> io::Result<Option<foamroll::history::Store>> {
    match global.history_log() {
        Ok(log) => Ok(Some(log)),
        Err(e) => {
            writeln!(io.err, "foamroll: {e}")?;
            Ok(None)
        }
    }
}

/// The history for a writing command, opened when it first writes (so arguments that
/// turn out wrong create nothing); `None` when there is no folder for it (said).
fn history_when_written(
    global: &Global,
    io: &mut Io,
) -> io::Result<Option<foamroll::history::Store>> {
    match global.history_when_written() {
        Ok(log) => Ok(Some(log)),
        Err(e) => {
            writeln!(io.err, "foamroll: {e}")?;
            Ok(None)
        }
    }
}

/// The history for a reading command: opened read-only, nothing created; `Ok(None)`
/// inside when nothing was recorded yet, `None` outside when it cannot be read (said).
#[allow(clippy::option_option)]
fn history_reader(
    global: &Global,
    io: &mut Io,
) -> io::Result<Option<Option<foamroll::history::Store>>> {
    match global.history_reader() {
        Ok(log) => Ok(Some(log)),
        Err(e) => {
            writeln!(io.err, "foamroll: {e}")?;
            Ok(None)
        }
    }
}

fn history_import(global: &Global, file: &std::path::Path, io: &mut Io) -> io::Result<Exit> {
    let Some(log) = history_when_written(global, io)? else {
        return Ok(Exit::Failure);
    };
    let code = cli::history::import(&log, file, &mut io.out, &mut io.err)?;
    Ok(Exit::ok_if(code == 0))
}

fn history_report(
    global: &Global,
    settings: &Settings,
    ask: &cli::history::ReportAsk,
    io: &mut Io,
) -> io::Result<Exit> {
    let Some(log) = history_reader(global, io)? else {
        return Ok(Exit::Failure);
    };
    let report = global.load_library(&[]);
    let goal = settings.weekly_goal.value;
    cli::history::report(
        log.as_ref(),
        &report.library,
        &foamroll::ui::body_layout(&report.library),
        ask,
        goal,
        &mut io.out,
        &mut io.err,
    )
}

fn history(
    global: &Global,
    json: bool,
    csv: bool,
    since: Option<chrono::NaiveDate>,
    limit: Option<usize>,
    io: &mut Io,
) -> io::Result<Exit> {
    if limit == Some(0) {
        // The parser refuses 0 already; a library caller gets the same answer.
        writeln!(
            io.err,
            "foamroll: --limit 0 would show nothing: give 1 or more"
        )?;
        return Ok(Exit::Usage);
    }
    // Reading only: opened read-only, nothing created; printed as it is read.
    let Some(log) = history_reader(global, io)? else {
        return Ok(Exit::Failure);
    };
    let format = match (json, csv) {
        (true, _) => cli::history::Format::Json,
        (_, true) => cli::history::Format::Csv,
        _ => cli::history::Format::Table,
    };
    let code = cli::history::list(log.as_ref(), since, limit, format, &mut io.out, &mut io.err)?;
    Ok(Exit::ok_if(code == 0))
}

fn runs_import(global: &Global, paths: &[std::path::PathBuf], io: &mut Io) -> io::Result<Exit> {
    let Some(log) = history_when_written(global, io)? else {
        return Ok(Exit::Failure);
    };
    let code = cli::runs::import(&log, paths, &mut io.out, &mut io.err)?;
    Ok(Exit::ok_if(code == 0))
}

fn runs_forget(global: &Global, id: Option<i64>, io: &mut Io) -> io::Result<Exit> {
    // Looked at read-only first: with no history, there is nothing to forget and
    // nothing is made.
    let Some(recorded) = history_reader(global, io)? else {
        return Ok(Exit::Failure);
    };
    let log = match recorded {
        None => None,
        Some(reader) => {
            drop(reader);
            let Some(log) = history_store(global, io)? else {
                return Ok(Exit::Failure);
            };
            Some(log)
        }
    };
    let code = cli::runs::forget(log.as_ref(), id, &mut io.out, &mut io.err)?;
    Ok(Exit::ok_if(code == 0))
}

fn runs(
    global: &Global,
    json: bool,
    since: Option<chrono::NaiveDate>,
    io: &mut Io,
) -> io::Result<Exit> {
    let Some(log) = history_reader(global, io)? else {
        return Ok(Exit::Failure);
    };
    let runs = match log.map_or(Ok(Vec::new()), |log| cli::runs::select(&log, since)) {
        Ok(r) => r,
        Err(e) => {
            writeln!(io.err, "foamroll: {e}")?;
            return Ok(Exit::Failure);
        }
    };
    if json {
        cli::runs::list_json(&runs, &mut io.out)?;
    } else {
        cli::runs::list(&runs, &mut io.out)?;
    }
    Ok(Exit::Ok)
}

fn config(global: &Global, settings: &Settings, default: bool, io: &mut Io) -> io::Result<Exit> {
    if default {
        cli::print_default_config(&mut io.out)?;
    } else {
        cli::print_config(settings, &global.dirs(), &mut io.out)?;
    }
    Ok(Exit::Ok)
}

/// What `today` was asked for.
struct TodayAsk {
    intent: Option<foamroll::today::Intent>,
    minutes: Option<u32>,
    equipment: Vec<foamroll::library::Tool>,
    json: bool,
    save: Option<std::path::PathBuf>,
    play: bool,
    plain: bool,
}

fn today(global: &Global, settings: &Settings, ask: TodayAsk, io: &mut Io) -> io::Result<Exit> {
    let mut report = global.load_library(&[]);
    cli::report_problems(&report, &mut io.err)?;
    // The one place the clock is read for it; the planner is given it.
    let now = cli::now();
    let Some(today) = cli::today::make(
        global,
        settings,
        &report.library,
        now,
        ask.intent,
        ask.minutes,
        ask.equipment,
        &mut io.err,
    )?
    else {
        // No plan fits the minutes asked for: the command line asked the impossible.
        return Ok(Exit::Usage);
    };
    if let Some(path) = &ask.save
        && let Err(e) = cli::today::save(&today, path, now)
    {
        writeln!(io.err, "foamroll: {e}")?;
        return Ok(Exit::Failure);
    }
    if ask.json {
        cli::today::print_json(&today, &mut io.out)?;
    } else if !ask.play || ask.plain {
        cli::today::print(&today, &report.library, &mut io.out)?;
        if let Some(path) = &ask.save {
            let shown = foamroll::text::printable(&path.display().to_string());
            writeln!(io.out, "\nSaved to {shown}.")?;
        }
    }
    if !ask.play {
        return Ok(Exit::Ok);
    }
    let id = today.routine.id.clone();
    report.library.routines.retain(|r| r.id != id);
    report.library.routines.insert(0, today.routine);
    if ask.plain {
        writeln!(io.out)?;
        play_plain(global, settings, report, &id, io)
    } else {
        let instead = "`foamroll today --play --plain`";
        open_app(global, settings, report, Some(&id), instead, io)
    }
}

fn play_plain(
    global: &Global,
    settings: &Settings,
    report: LoadReport,
    id: &str,
    io: &mut Io,
) -> io::Result<Exit> {
    cli::report_problems(&report, &mut io.err)?;
    let Some(routine) = report.library.playable(id) else {
        writeln!(io.err, "{}", unknown_routine(&report.library, id))?;
        return Ok(Exit::Failure);
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
                io.err,
                "foamroll: no home folder to keep history in (use --data-dir DIR): this session will not be saved"
            )?;
            None
        }
    };
    let opts = foamroll::plain::PlainOptions {
        speed: global.speed,
        interactive: foamroll::plain::PlainOptions::interactive_if_terminal(),
        coach: global.coach_config(settings, &mut io.err)?,
    };
    let ended = foamroll::plain::run(
        std::sync::Arc::new(report.library),
        &routine,
        settings.timing(),
        opts,
        recorder,
        &mut io.out,
    )?;
    // A closed standard output (`| head`) is the reader's choice: nothing is said, but
    // the session was stopped there, recorded as interrupted, and the exit says so.
    // Not saved is a failure too: a script must not take an unrecorded session for done.
    // Ending it with q and y is the person's choice, not a failure.
    use foamroll::session::Status;
    Ok(Exit::ok_if(
        matches!(ended.status, Status::Completed | Status::Aborted) && ended.saved,
    ))
}

fn open_app(
    global: &Global,
    settings: &Settings,
    report: LoadReport,
    routine: Option<&str>,
    instead: &str,
    io: &mut Io,
) -> io::Result<Exit> {
    if let Some(id) = routine
        && report.library.playable(id).is_none()
    {
        cli::report_problems(&report, &mut io.err)?;
        writeln!(io.err, "{}", unknown_routine(&report.library, id))?;
        return Ok(Exit::Failure);
    }
    // No terminal to draw on (a pipe, a cron job) or one that cannot draw it: one line
    // that says what works instead, and no escape codes at all.
    if let Some(why) = cli::no_app_here(instead) {
        writeln!(io.err, "{why}")?;
        return Ok(Exit::Failure);
    }
    let coach = global.coach_config(settings, &mut io.err)?;
    cli::runs::scan_configured(global, settings, Some(&mut io.err))?;
    let app = build_app(global, &report, settings, coach);
    let options = foamroll::ui::runtime::Options {
        speed: global.speed,
        mouse: settings.mouse.value,
    };
    let result = foamroll::ui::runtime::run(app, routine, options);
    // Shown after the app, where the alternate screen cannot hide them.
    cli::report_problems(&report, &mut io.err)?;
    // A session that could not be saved is a failure (said on stderr already).
    result.map(Exit::ok_if)
}

/// `play` takes a routine id or an exercise id: the nearest of both are suggested.
fn unknown_routine(library: &foamroll::library::Library, id: &str) -> String {
    let ids = (library.routines.iter().map(|r| r.id.as_str()))
        .chain(library.exercises.iter().map(|e| e.id.as_str()));
    cli::unknown_id("no routine", id, ids)
}

/// The full-screen app over the effective library, with history in the data folder.
fn build_app(
    global: &Global,
    report: &LoadReport,
    settings: &Settings,
    coach: foamroll::coach::CoachConfig,
) -> foamroll::ui::App {
    let dirs = global.dirs();
    let log = dirs.data.as_deref().map(foamroll::history::Store::in_dir);
    let now = cli::now();
    let mut app =
        foamroll::ui::App::new(report.library.clone(), settings.timing(), log, now.date());
    app.coach_config = coach;
    app.weekly_goal = settings.weekly_goal.value;
    app.preferred_tool = settings.equipment.value;
    // The app only runs on a terminal, so `auto` means colour unless the variables say no.
    app.theme = foamroll::ui::Theme::chosen(&settings.theme.value, global.color.enabled(true));
    // Today's plan for the wall clock now; the planner itself never reads a clock.
    app.plan_today(now, settings.equipment.value.into_iter().collect());
    let errors = report.error_count();
    if errors > 0 {
        app.message = Some(format!(
            "{}: items were skipped (run `foamroll check`)",
            foamroll::wording::plural(errors, "library problem")
        ));
    }
    if dirs.data.is_none() {
        app.message = Some("No home folder: history is not saved (use --data-dir)".to_string());
    }
    app
}
