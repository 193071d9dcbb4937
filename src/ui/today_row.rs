//! The "Today" row at the top of the browse list: today's plan for the current time of
//! day, its reasons for the Instructions pane, and keys to switch the intent (`t`) and
//! the minutes (`+`, `-`). The plan is the same one `foamroll today` makes.

use chrono::NaiveDateTime;
use ratatui::text::Line;

use super::app::App;
use super::layout::Pane;
use crate::library::Tool;
use crate::today::{Facts, Options, ROUTINE_ID, Today, facts, plan};

#[derive(Debug, Clone, PartialEq)]
pub struct TodayRow {
    pub facts: Facts,
    /// The wall clock when the app started (the planner never reads a clock).
    pub now: NaiveDateTime,
    pub options: Options,
    pub plan: Today,
}

/// The keys, shown under the Today row.
const KEYS: &str = "t switches before a run, after a run or rest day; + and - change the minutes";

impl App {
    /// Builds the Today row from the loaded history and puts it first in the list.
    /// A plan already put there (`foamroll today --play`) is kept as it is.
    pub fn plan_today(&mut self, now: NaiveDateTime, tools: Vec<Tool>) {
        if self
            .library
            .routine(ROUTINE_ID)
            .is_some_and(|r| r.origin.path == crate::today::ORIGIN)
        {
            return;
        }
        let facts = facts::from_summaries(&self.history, now.date(), self.weekly_goal);
        let options = Options {
            intent: None,
            minutes: None,
            tools,
        };
        self.replan_today(facts, now, options);
    }

    /// Plans again; on success the new routine replaces the old one at the top.
    fn replan_today(&mut self, facts: Facts, now: NaiveDateTime, options: Options) -> bool {
        match plan(&self.library, &facts, now, &options, &self.timing) {
            Ok(t) => {
                let mut routine = t.routine.clone();
                routine.description = format!("{} Keys: {KEYS}.", routine.description);
                let library = std::sync::Arc::make_mut(&mut self.library);
                library.routines.retain(|r| r.id != ROUTINE_ID);
                library.routines.insert(0, routine);
                self.today_row = Some(TodayRow {
                    facts,
                    now,
                    options,
                    plan: t,
                });
                true
            }
            Err(e) => {
                self.message = Some(format!("Today: {e}"));
                false
            }
        }
    }

    /// The Today row is highlighted in the routine list while browsing.
    pub fn today_selected(&self) -> bool {
        self.today_row.is_some()
            && self.coach.is_none()
            && self.focus == Pane::Countdown
            && self.selected_routine().is_some_and(|r| r.id == ROUTINE_ID)
    }

    /// `t`: the next intent, with its default minutes.
    pub fn cycle_today_intent(&mut self) {
        let Some(row) = self.today_row.clone().filter(|_| self.today_selected()) else {
            return;
        };
        let options = Options {
            intent: Some(row.plan.intent.next()),
            minutes: None,
            tools: row.options.tools.clone(),
        };
        self.message = None;
        self.replan_today(row.facts, row.now, options);
    }

    /// `+` and `-`: a minute more or less (the intent stays what it was).
    pub fn change_today_minutes(&mut self, delta: i32) {
        let Some(row) = self.today_row.clone().filter(|_| self.today_selected()) else {
            return;
        };
        let minutes = row.plan.minutes.saturating_add_signed(delta).clamp(1, 120);
        let options = Options {
            minutes: Some(minutes),
            ..row.options.clone()
        };
        self.message = None;
        self.replan_today(row.facts, row.now, options);
    }
}

/// The Instructions pane for the Today row: what it is, why, and the keys.
pub fn instructions(app: &App) -> Option<Vec<Line<'static>>> {
    if !app.today_selected() {
        return None;
    }
    let row = app.today_row.as_ref()?;
    let t = &app.theme;
    let p = &row.plan;
    let mut lines = vec![
        Line::styled(p.routine.name.clone(), t.title),
        Line::styled(
            format!(
                "{} · about {} minutes (you have {}) · {}",
                p.routine.style.label(),
                p.estimate_minutes(),
                p.minutes,
                crate::today::tool_list(&p.tools)
            ),
            t.dim,
        ),
        Line::styled(format!("Enter: start · {KEYS}"), t.dim),
    ];
    if let Some(why) = &p.intent_reason {
        lines.push(Line::raw(format!("Why {}: {why}.", p.intent.words())));
    }
    for (i, (step, why)) in p.routine.steps.iter().zip(&p.reasons).enumerate() {
        let name = app
            .library
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
    Some(lines)
}
