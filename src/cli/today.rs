//! `foamroll today` and `foamroll status`: today's plan as text, JSON or a routine
//! file, and one line for a prompt.

use std::io::{self, Write};
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::json;

use crate::library::{Library, Side, StepTiming, Tool};
use crate::text::printable;
use crate::today::facts::{from_history, since};
use crate::today::{Facts, Intent, Today};
use crate::wording::{plural, seconds};

/// The history as the planner sees it, for the regions of `library`. A missing
/// history is an empty one.
pub fn facts(
    global: &super::Global,
    library: &Library,
    today: NaiveDate,
    weekly_goal: u32,
) -> Result<Facts, String> {
    let Some(log) = global.history_reader()? else {
        // Nothing recorded yet: an empty history, and nothing created to find that out.
        return Ok(from_history(&[], Default::default(), today, weekly_goal));
    };
    // Only the weeks the plan looks at, and one small query per region for the rest:
    // fast with years of history.
    let (recent, _warnings) = log
        .summaries_since(since(today))
        .map_err(|e| e.to_string())?;
    let regions: Vec<&str> = library.regions.iter().map(|r| r.id.as_str()).collect();
    let last_rolled = log.last_rolled(&regions).map_err(|e| e.to_string())?;
    let mut facts = from_history(&recent, last_rolled, today, weekly_goal);
    let runs = log
        .runs(Some(crate::today::facts::runs_window(today)))
        .map_err(|e| e.to_string())?;
    facts.runs = crate::today::facts::runs_since(&runs, today);
    Ok(facts)
}

/// The intent from the three flags (clap lets at most one be set).
pub fn intent(before_run: bool, after_run: bool, rest_day: bool) -> Option<Intent> {
    [
        (before_run, Intent::BeforeRun),
        (after_run, Intent::AfterRun),
        (rest_day, Intent::RestDay),
    ]
    .into_iter()
    .find_map(|(on, i)| on.then_some(i))
}

/// Today's plan for the command line: the history (a warning and none when it cannot
/// be read), the tools given or the config's, the config's timing. `None` when no plan
/// fits, after saying why on `err`.
#[allow(clippy::too_many_arguments)]
pub fn make(
    global: &super::Global,
    settings: &crate::config::Settings,
    library: &Library,
    now: NaiveDateTime,
    intent: Option<Intent>,
    minutes: Option<u32>,
    equipment: Vec<Tool>,
    err: &mut impl Write,
) -> io::Result<Option<Today>> {
    super::runs::scan_configured(global, settings, Some(&mut *err))?;
    let facts = match facts(global, library, now.date(), settings.weekly_goal.value) {
        Ok(f) => f,
        Err(e) => {
            writeln!(
                err,
                "warning: history not read ({}); planning without it",
                printable(&e)
            )?;
            Facts::default()
        }
    };
    let tools = if equipment.is_empty() {
        settings.equipment.value.into_iter().collect()
    } else {
        equipment
    };
    let options = crate::today::Options {
        intent,
        minutes,
        tools,
    };
    match crate::today::plan(library, &facts, now, &options, &settings.timing()) {
        Ok(t) => Ok(Some(t)),
        Err(e) => {
            writeln!(err, "foamroll: {e}")?;
            Ok(None)
        }
    }
}

/// How a step of today's plan is timed, in words.
pub fn step_words(library: &Library, step: &crate::library::RoutineStep) -> String {
    let ex = library.exercise(&step.exercise);
    let per_side = ex.is_some_and(|e| e.per_side);
    let zones = ex.map_or(0, |e| e.zones.len());
    match &step.timing {
        StepTiming::Recovery {
            min_hold_s,
            points: p,
            ..
        } => {
            let hold = min_hold_s.unwrap_or(crate::library::MIN_RECOVERY_HOLD_S);
            let [first, second] = step.side_order();
            let spread = match (per_side, step.first_side_points) {
                (true, Some(q)) if q != *p => format!(
                    "{} first: {} there, {} on the {}",
                    first.label(),
                    plural(q, "tender spot"),
                    p,
                    second.label()
                ),
                (true, _) if step.first_side == Some(Side::Left) => {
                    format!("left side first, {} per side", plural(*p, "tender spot"))
                }
                (true, _) => format!("{} per side", plural(*p, "tender spot")),
                (false, _) => plural(*p, "tender spot"),
            };
            let lines = if zones > 1 {
                format!(" on each of {zones} lines")
            } else {
                String::new()
            };
            format!(
                "{spread}{lines}, each held at least {}",
                seconds(u64::from(hold))
            )
        }
        StepTiming::Warmup { duration_s, .. } => {
            let a_side = if per_side { " a side" } else { "" };
            format!(
                "keep moving for {}{a_side}, no holds",
                seconds(u64::from(*duration_s))
            )
        }
    }
}

/// The plan as text: each step with its timing, why it is there and how to set up.
pub fn print(t: &Today, library: &Library, out: &mut impl Write) -> io::Result<()> {
    let r = &t.routine;
    writeln!(
        out,
        "Today, {}: a {} of about {} (you have {}), with the {}.",
        t.intent.words(),
        r.style.label(),
        crate::wording::plural(t.estimate_minutes(), "minute"),
        t.minutes,
        crate::wording::tool_list(&t.tools)
    )?;
    if let Some(why) = &t.intent_reason {
        writeln!(
            out,
            "Why {}: {why}. (Choose with --before-run, --after-run or --rest-day.)",
            t.intent.words()
        )?;
    }
    for (i, step) in r.steps.iter().enumerate() {
        let Some(e) = library.exercise(&step.exercise) else {
            continue;
        };
        writeln!(out)?;
        writeln!(
            out,
            "{}. {}: {}",
            i + 1,
            printable(&e.name),
            step_words(library, step)
        )?;
        if let Some(why) = t.reasons.get(i) {
            writeln!(out, "   Why: {}", printable(why))?;
        }
        // The tool's own set-up where it has one; its note is a tip, not a set-up.
        let tool = t.step_tools.get(i).copied().unwrap_or(Tool::Roller);
        let own = e
            .equipment_for(tool)
            .and_then(|q| q.setup.as_deref())
            .filter(|_| tool != Tool::Roller);
        match own {
            Some(s) => writeln!(out, "   Set-up with the {}: {}", tool.label(), printable(s))?,
            None => writeln!(out, "   Set-up: {}", printable(&e.setup))?,
        }
        if let Some(n) = e
            .equipment_for(tool)
            .and_then(|q| q.note.as_deref())
            .filter(|_| tool != Tool::Roller)
        {
            writeln!(out, "   Tip with the {}: {}", tool.label(), printable(n))?;
        }
        if let StepTiming::Warmup { cue, .. } = &step.timing {
            writeln!(out, "   Cue: {}", printable(cue))?;
        }
    }
    if let Some(f) = &r.finish {
        writeln!(out, "\nThen: {}", printable(f))?;
    }
    if !t.notes.is_empty() {
        writeln!(out)?;
        for n in &t.notes {
            writeln!(out, "{}", printable(n))?;
        }
    }
    Ok(())
}

/// `--json`: the routine, the reasons and the choices as one document.
pub fn print_json(t: &Today, out: &mut impl Write) -> io::Result<()> {
    let doc = json!({
        "format": super::JSON_FORMAT,
        "intent": t.intent,
        "intent_reason": t.intent_reason,
        "style": t.routine.style,
        "minutes": t.minutes,
        "estimate_s": t.estimate.as_secs(),
        "equipment": t.tools,
        "steps": t.routine.steps.iter().enumerate().map(|(i, s)| json!({
            "exercise": s.exercise,
            "tool": t.step_tools.get(i),
            "reason": t.reasons.get(i),
        })).collect::<Vec<_>>(),
        "notes": t.notes,
        "routine": t.routine,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// `--save FILE`: a routine file under a dated id, so that saved days do not collide.
/// Only a regular file (or a new one) is written; a symlink, a FIFO or a device is refused.
pub fn save(t: &Today, path: &Path, now: NaiveDateTime) -> Result<(), String> {
    let shown = printable(&path.display().to_string());
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_file() => {
            return Err(format!("{shown}: not a regular file; nothing written"));
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("{shown}: {e}")),
    }
    let mut routine = t.routine.clone();
    routine.id = format!("{}-{}", crate::today::ROUTINE_ID, now.format("%Y-%m-%d"));
    routine.name = format!("{} ({})", routine.name, now.format("%Y-%m-%d"));
    let mut comment = vec![format!(
        "Made by `foamroll today` on {} at {}. Why each step:",
        now.format("%Y-%m-%d"),
        now.format("%H:%M")
    )];
    for (i, why) in t.reasons.iter().enumerate() {
        comment.push(format!("{}. {why}", i + 1));
    }
    let text = crate::library::routine_file(&routine, &comment);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
        .map_err(|e| format!("{shown}: {e}"))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("{shown}: {e}"))
}

/// The facts the status line shows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Status {
    /// The version of this document (see docs/json.md).
    pub format: u32,
    pub sessions_this_week: u32,
    pub weekly_goal: u32,
    pub overdue_region: Option<String>,
    pub overdue_days: Option<i64>,
    /// The latest run, when it ended within `status_after_run` hours: its distance in
    /// metres, the minutes since it ended, and whether a recovery was rolled since.
    pub run_distance_m: Option<u64>,
    pub run_ended_minutes_ago: Option<i64>,
    pub rolled_since_run: Option<bool>,
}

impl Status {
    /// Only regions of `library` that are rolled (with exercises) count as overdue,
    /// whether rolled before or never.
    pub fn of(facts: &Facts, library: &Library, now: NaiveDateTime, after_run_h: u32) -> Status {
        let today = now.date();
        let regions = library
            .regions
            .iter()
            .filter(|r| r.avoid().is_none() && library.exercises_in(&r.id).next().is_some())
            .map(|r| r.id.as_str());
        let overdue = facts.most_overdue(today, regions);
        let run = facts
            .runs
            .iter()
            .filter(|r| r.end <= now)
            .max_by_key(|r| r.end)
            .filter(|r| (now - r.end).num_minutes() <= i64::from(after_run_h) * 60);
        Status {
            format: super::JSON_FORMAT,
            sessions_this_week: facts.sessions_this_week,
            weekly_goal: facts.weekly_goal,
            overdue_region: overdue.map(|(r, _)| printable(r)),
            overdue_days: overdue.and_then(|(_, d)| d),
            run_distance_m: run.map(|r| r.distance_m.round().max(0.0) as u64),
            run_ended_minutes_ago: run.map(|r| (now - r.end).num_minutes()),
            rolled_since_run: run.map(|r| facts.last_recovery.is_some_and(|t| t >= r.end)),
        }
    }

    /// "2/3 this week · hamstrings 9d" ("· feet never" for a region never rolled); after
    /// a run "ran 12 km 2h ago · roll now · 2/3 this week".
    pub fn line(&self) -> String {
        let mut s = String::new();
        if let (Some(m), Some(ago), Some(rolled)) = (
            self.run_distance_m,
            self.run_ended_minutes_ago,
            self.rolled_since_run,
        ) {
            s = crate::wording::runs::status_after_run(m as f64, ago, rolled);
            s.push_str(" · ");
        }
        s.push_str(&format!(
            "{}/{} this week",
            self.sessions_this_week, self.weekly_goal
        ));
        match (&self.overdue_region, self.overdue_days) {
            (Some(r), Some(d)) => s.push_str(&format!(" · {r} {d}d")),
            (Some(r), None) => s.push_str(&format!(" · {r} never")),
            _ => {}
        }
        s
    }
}

/// `foamroll status`: the output, or `None` on any failure (the caller prints nothing
/// and exits 1, so a prompt never shows an error).
pub fn status(global: &super::Global, now: NaiveDateTime, json: bool) -> Option<String> {
    let (settings, problems) = crate::config::Settings::load(
        global.dirs().config.as_deref(),
        crate::config::Flags::default(),
    );
    if !problems.is_empty() {
        return None;
    }
    let today = now.date();
    super::runs::scan_configured(global, &settings, None).ok()?;
    let report = global.load_library(&[]);
    let facts = facts(global, &report.library, today, settings.weekly_goal.value).ok()?;
    let status = Status::of(
        &facts,
        &report.library,
        now,
        settings.status_after_run.value,
    );
    if json {
        serde_json::to_string(&status).ok()
    } else {
        Some(status.line())
    }
}
