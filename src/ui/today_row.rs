//! The "Today" row at the top of the browse list: today's plan for the current time of
//! day, its reasons for the Instructions pane, and keys to switch the intent (`t`) and
//! the minutes (`+`, `-`). The plan is the same one `foamroll today` makes.

use chrono::NaiveDateTime;
use ratatui::text::Line;

use super::theme::Theme;
use crate::library::Library;
use crate::today::{Facts, Options, Today};
use crate::wording::KeyNames;

#[derive(Debug, Clone, PartialEq)]
pub struct TodayRow {
    pub facts: Facts,
    /// The wall clock when the app started (the planner never reads a clock).
    pub now: NaiveDateTime,
    pub options: Options,
    pub plan: Today,
}

/// The Instructions pane for the Today row: what it is, why, and the keys.
pub fn instructions(
    row: &TodayRow,
    library: &Library,
    t: &Theme,
    keys: &KeyNames,
) -> Vec<Line<'static>> {
    let p = &row.plan;
    let mut lines = vec![
        Line::styled(p.routine.name.clone(), t.title),
        Line::styled(
            format!(
                "{} · about {} (you have {}) · {}",
                p.routine.style.label(),
                crate::wording::plural(p.estimate_minutes(), "minute"),
                p.minutes,
                crate::wording::tool_list(&p.tools)
            ),
            t.dim,
        ),
        Line::styled(crate::wording::today_start(keys), t.dim),
    ];
    if let Some(why) = &p.intent_reason {
        lines.push(Line::raw(format!("Why {}: {why}.", p.intent.words())));
    }
    for (i, (step, why)) in p.routine.steps.iter().zip(&p.reasons).enumerate() {
        let name = library
            .exercise(&step.exercise)
            .map_or(step.exercise.as_str(), |e| e.name.as_str());
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("{}. {name}", i + 1), t.accent));
        lines.push(Line::raw(crate::text::printable(why)));
    }
    if !p.notes.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(p.notes.iter().map(|n| Line::styled(n.clone(), t.dim)));
    }
    lines
}
