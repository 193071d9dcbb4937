//! Today's routine: a session made from what the person is about to do, the time they
//! have, the tools at hand and their history, with every choice given as a reason.
//!
//! The planner is pure: the history arrives as [`Facts`] (built by [`facts`] from the
//! history's statistics), the clock as a local date and time, the library and the timing
//! rules as arguments. The same inputs always give the same plan. Durations are measured
//! by the session's own [`Plan`], so the fit to the minutes is the real one.

mod candidates;
pub mod facts;
mod fit;
mod intent;
mod model;
mod order;
mod reasons;
pub mod runs;

use chrono::NaiveDateTime;

use crate::library::{Library, Style, Tool};
use crate::session::{Plan, Timing};
use crate::wording::{in_sentence, join_and, tool_list};

pub use facts::{Facts, LastSession, Rating, RunFact};
pub use intent::choose_intent;
pub use model::*;

use candidates::candidates;
use fit::{Builder, fit};
use order::{recovery_order, warmup_order};
use reasons::Chosen;

/// Today's routine for these facts, at this local date and time, with these options.
pub fn plan(
    library: &Library,
    facts: &Facts,
    now: NaiveDateTime,
    options: &Options,
    timing: &Timing,
) -> Result<Today, TodayError> {
    let (intent, intent_reason) = match options.intent {
        Some(i) => (i, None),
        None => {
            let (i, why) = choose_intent(now, facts);
            (i, Some(why))
        }
    };
    let minutes = options.minutes.unwrap_or(intent.default_minutes()).max(1);
    let mut tools: Vec<Tool> = Vec::new();
    for t in &options.tools {
        if !tools.contains(t) {
            tools.push(*t);
        }
    }
    if tools.is_empty() {
        tools.push(Tool::Roller);
    }
    let style = intent.style();
    let pool = candidates(library, style, &tools);
    if pool.is_empty() {
        return Err(TodayError::NoExercises { intent, tools });
    }
    let today = now.date();
    let emphasis = runs::emphasis(now, facts, intent);
    let ordered = match style {
        Style::Warmup => warmup_order(pool),
        Style::Recovery => recovery_order(pool, facts, today, intent, &emphasis),
    };
    let target = u64::from(minutes) * 60;
    let build = Builder {
        library,
        timing,
        intent,
        tools: &tools,
        now,
        minutes,
    };
    let (chosen, left_out) = fit(&build, ordered, target)?;
    let routine = build.routine(&chosen);
    let estimate = Plan::new(library, &routine, timing).estimate();
    let reasons: Vec<String> = chosen.iter().map(Chosen::reason).collect();
    let step_tools = chosen.iter().map(|c| c.cand.tool).collect();
    let mut notes = Vec::new();
    if facts.is_empty() {
        notes.push(match style {
            Style::Recovery => format!(
                "No history yet, so this is a standard plan {}. Rate each spot from 0 to 10 after a hold, and the plan will learn what needs more care.",
                intent.words()
            ),
            Style::Warmup => "No history yet, so this is a standard warm-up. Rate the spots in your recovery sessions, and the plans will learn what needs more care.".to_string(),
        });
    }
    let missed: Vec<String> = left_out
        .iter()
        .filter(|c| c.wanted)
        .map(|c| in_sentence(&c.cand.region.name))
        .collect();
    if !missed.is_empty() {
        notes.push(format!(
            "Left out to fit {}: {}.",
            crate::wording::plural(minutes, "minute"),
            join_and(&missed)
        ));
    }
    if tools != [Tool::Roller] {
        notes.push(format!(
            "With the {}: only exercises that work with it.",
            tool_list(&tools)
        ));
    }
    let never: Vec<String> = library
        .regions
        .iter()
        .filter(|r| r.avoid().is_some())
        .map(|r| in_sentence(&r.name))
        .collect();
    if !never.is_empty() {
        notes.push(format!(
            "Never rolled, so never in a plan: the {}; the muscles around them are worked instead.",
            join_and(&never)
        ));
    }
    // A run rule whose regions did not make it into the plan (no exercise for the
    // tools, or no time) still says what it found.
    for (_, sentence) in emphasis.first.iter().chain(&emphasis.forward) {
        let said = reasons.iter().any(|r| r.contains(sentence.as_str()));
        if !said
            && !notes
                .iter()
                .any(|n: &String| n.ends_with(sentence.as_str()))
        {
            notes.push(format!("After your runs: {sentence}"));
        }
    }
    notes.extend(emphasis.notes);
    if facts.weekly_goal > 0 {
        notes.push(format!(
            "This week so far: {} of {} sessions.",
            facts.sessions_this_week, facts.weekly_goal
        ));
    }
    Ok(Today {
        intent,
        intent_reason,
        minutes,
        estimate,
        tools,
        routine,
        reasons,
        step_tools,
        notes,
    })
}
