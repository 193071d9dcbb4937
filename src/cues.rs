//! Cues in words, as a coach would say them to someone on the floor: shared by the
//! plain mode, the spoken cues and the screens.

use std::time::Instant;

use crate::library::Library;
use crate::session::{Cue, PhaseKind, Session, Side, View};

/// "right leg", "left side" (glutes have sides; the shipped leg regions have legs).
pub fn side_word(region: &str, side: Side) -> String {
    let part = if region == "glutes" { "side" } else { "leg" };
    format!("{} {part}", side.label())
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "Right quads, inner line"
pub fn place(library: &Library, view: &View) -> String {
    let region = view
        .step
        .and_then(|s| library.region(&s.region))
        .map_or(String::new(), |r| r.name.to_lowercase());
    let mut s = match view.entry.and_then(|e| e.side) {
        Some(side) => format!("{} {region}", capitalise(side.label())),
        None => capitalise(&region),
    };
    if let Some(zone) = view.entry.and_then(|e| e.zone.as_deref()) {
        s.push_str(&format!(", {zone}"));
    }
    s
}

/// The sentence for a cue, for the state the session is in at `now`.
pub fn cue_text(cue: &Cue, session: &Session, library: &Library, now: Instant) -> String {
    let view = session.view(now);
    let plan = session.plan();
    let secs = |d: std::time::Duration| d.as_secs();
    match (cue, view.phase.map(|p| &p.kind)) {
        (Cue::GetReady, Some(PhaseKind::GetReady { duration })) => {
            let first = plan.steps.first().map_or("", |s| s.exercise_name.as_str());
            format!(
                "Get ready: {}. First: {first}, in {} s",
                plan.routine_name,
                secs(*duration)
            )
        }
        (Cue::Search, _) => {
            let hands_free = plan
                .timing
                .auto_find_s
                .map_or(String::new(), |s| format!(" (the hold starts in {s} s)"));
            format!(
                "{}: roll slowly and find the most tender spot{hands_free}",
                place(library, &view)
            )
        }
        (Cue::Hold, Some(PhaseKind::Hold { min, .. })) => {
            format!(
                "{}: hold the tender spot for {} s",
                place(library, &view),
                secs(*min)
            )
        }
        (Cue::MinimumReached, _) => {
            if plan.timing.auto_release {
                "Minimum done: release".to_string()
            } else {
                "Minimum done: keep holding until it eases, then release".to_string()
            }
        }
        (Cue::SearchLimit, _) => {
            "Still searching? Hold the most tender spot you found, or skip it".to_string()
        }
        (Cue::OvertimeEnded, _) => "That is long enough: release".to_string(),
        (Cue::SwitchSides(side), _) => {
            let region = view.step.map_or("", |s| s.region.as_str());
            format!("Switch to the {}", side_word(region, *side))
        }
        (Cue::Move, Some(PhaseKind::Move { duration, cue })) => {
            format!(
                "{}: keep moving for {} s. {cue}",
                place(library, &view),
                secs(*duration)
            )
        }
        (Cue::Rest, Some(PhaseKind::Rest { duration })) => {
            let next = view
                .step
                .map_or("the next step", |s| s.exercise_name.as_str());
            format!("Rest {} s. Next: {next}", secs(*duration))
        }
        (Cue::Finished, _) => {
            let finish = library
                .routine(&plan.routine_id)
                .and_then(|r| r.finish.clone());
            match finish {
                Some(f) => format!("Done: {}. {f}", plan.routine_name),
                None => format!("Done: {}", plan.routine_name),
            }
        }
        // A cue for a phase already left (a late wake-up moved on): name the cue only.
        (other, _) => format!("{other:?}"),
    }
}
