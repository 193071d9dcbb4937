use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use foamroll::cli::{self, Args, Command, HistoryAction};

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A closed pipe (`foamroll list | head`) is not an error worth a message.
            if e.kind() != io::ErrorKind::BrokenPipe {
                eprintln!("foamroll: {e}");
            }
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
                writeln!(
                    err,
                    "foamroll: no exercise, routine, region or guide has the id `{id}` (see `foamroll list`)"
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
            let log = match global.history_log() {
                Ok(log) => log,
                Err(e) => {
                    writeln!(err, "foamroll: {e}")?;
                    return Ok(1);
                }
            };
            match action {
                Some(HistoryAction::Import { file }) => {
                    return Ok(cli::history::import(&log, &file, &mut out, &mut err)? as u8);
                }
                Some(HistoryAction::Report { weeks }) => {
                    let report = global.load_library(&[]);
                    return Ok(cli::history::report(
                        &log,
                        &report.library,
                        weeks,
                        settings.weekly_goal.value,
                        &mut out,
                        &mut err,
                    )? as u8);
                }
                None => {}
            }
            let loaded = match log.records(since, limit) {
                Ok(l) => l,
                Err(e) => {
                    writeln!(err, "foamroll: {e}")?;
                    return Ok(1);
                }
            };
            for w in &loaded.warnings {
                writeln!(err, "warning: {}", foamroll::text::printable(w))?;
            }
            let format = match (json, csv) {
                (true, _) => cli::history::Format::Json,
                (_, true) => cli::history::Format::Csv,
                _ => cli::history::Format::Table,
            };
            cli::history::print(
                &cli::history::select(&loaded, since, limit),
                format,
                &mut out,
            )?;
            Ok(0)
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
            cli::man(&mut out)?;
            Ok(0)
        }
        Some(Command::Play { routine_id, plain }) => {
            let report = global.load_library(&[]);
            if plain {
                play_plain(&global, &settings, &report, &routine_id, &mut out, &mut err)
            } else {
                open_app(&global, &settings, &report, Some(&routine_id))
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
            use foamroll::today::Intent;
            let mut report = global.load_library(&[]);
            cli::report_problems(&report, &mut err)?;
            // The one place the real clock is read; the planner is given it.
            let now = chrono::Local::now().naive_local();
            let facts = cli::today::facts(
                &global,
                &report.library,
                now.date(),
                settings.weekly_goal.value,
            )
            .unwrap_or_else(|e| {
                let _ = writeln!(err, "warning: history not read ({e}); planning without it");
                foamroll::today::Facts::default()
            });
            let intent = [
                (before_run, Intent::BeforeRun),
                (after_run, Intent::AfterRun),
                (rest_day, Intent::RestDay),
            ]
            .into_iter()
            .find_map(|(on, i)| on.then_some(i));
            let tools = if equipment.is_empty() {
                settings.equipment.value.into_iter().collect()
            } else {
                equipment
            };
            let options = foamroll::today::Options {
                intent,
                minutes,
                tools,
            };
            let today = match foamroll::today::plan(
                &report.library,
                &facts,
                now,
                &options,
                &settings.timing(),
            ) {
                Ok(t) => t,
                Err(e) => {
                    writeln!(err, "foamroll: {e}")?;
                    return Ok(2);
                }
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
                    writeln!(
                        out,
                        "\nSaved to {}.",
                        foamroll::text::printable(&path.display().to_string())
                    )?;
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
                play_plain(&global, &settings, &report, &id, &mut out, &mut err)
            } else {
                open_app(&global, &settings, &report, Some(&id))
            }
        }
        // Answered before the settings were read, above.
        Some(Command::Status { .. }) => Ok(1),
        None => open_app(&global, &settings, &global.load_library(&[]), None),
    }
}

fn play_plain(
    global: &cli::Global,
    settings: &foamroll::config::Settings,
    report: &foamroll::library::LoadReport,
    id: &str,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<u8> {
    cli::report_problems(report, err)?;
    let Some(routine) = report.library.routine(id) else {
        writeln!(
            err,
            "foamroll: no routine has the id `{id}` (see `foamroll list`)"
        )?;
        return Ok(1);
    };
    let log = global
        .history_log()
        .map_err(|e| writeln!(err, "foamroll: {e}"))
        .ok();
    let opts = foamroll::plain::PlainOptions {
        speed: global.speed,
        interactive: foamroll::plain::PlainOptions::interactive_if_terminal(),
        voice: global.voice(settings, err)?,
        ask_tenderness: settings.tenderness_prompt.value,
    };
    let status = foamroll::plain::run(
        &report.library,
        routine,
        settings.timing(),
        opts,
        log.as_ref(),
        out,
    )?;
    Ok(match status {
        foamroll::session::Status::Completed => 0,
        _ => 1,
    })
}

fn open_app(
    global: &cli::Global,
    settings: &foamroll::config::Settings,
    report: &foamroll::library::LoadReport,
    routine: Option<&str>,
) -> io::Result<u8> {
    if let Some(id) = routine
        && report.library.routine(id).is_none()
    {
        cli::report_problems(report, &mut io::stderr())?;
        eprintln!("foamroll: no routine has the id `{id}` (see `foamroll list`)");
        return Ok(1);
    }
    let voice = global.voice(settings, &mut io::stderr())?;
    let app = cli::build_app(global, report, settings, voice);
    let result = foamroll::ui::runtime::run(app, routine, global.speed);
    // Shown after the app, where the alternate screen cannot hide them.
    cli::report_problems(report, &mut io::stderr())?;
    result.map(|()| 0)
}
