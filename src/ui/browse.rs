//! Moving around the browse screen: panes, lists, scrolling, the IT band's alternatives.

use super::app::{App, Row};
use super::layout::Pane;
use super::today_row::TodayRow;
use crate::input::Command;
use crate::library::Tool;
use crate::today::{Facts, Options, ROUTINE_ID, facts, plan};
use chrono::NaiveDateTime;

impl App {
    /// The browsing commands; others are ignored here.
    pub(super) fn browse(&mut self, command: Command) {
        handle(self, command);
    }
}

fn handle(app: &mut App, command: Command) {
    match command {
        Command::NextPane | Command::Right => app.focus = app.focus.next(),
        Command::PrevPane | Command::Left => app.focus = app.focus.prev(),
        Command::Up => move_in_pane(app, -1),
        Command::Down => move_in_pane(app, 1),
        Command::PageUp => move_in_pane(app, -10),
        Command::PageDown => move_in_pane(app, 10),
        Command::Top => move_in_pane(app, -10_000),
        Command::Bottom => move_in_pane(app, 10_000),
        Command::Alternatives => jump_to_alternative(app),
        Command::Guides => jump_to_guides(app),
        Command::TodayIntent => app.cycle_today_intent(),
        Command::AddTime => app.change_today_minutes(1),
        Command::RemoveTime => app.change_today_minutes(-1),
        _ => {}
    }
}

pub fn move_in_pane(app: &mut App, delta: i64) {
    let step = |value: usize, len: usize| -> usize {
        let max = len.saturating_sub(1) as i64;
        (value as i64 + delta).clamp(0, max) as usize
    };
    match app.focus {
        Pane::Regions => {
            let before = app.selected;
            app.selected = step(app.selected, app.rows.len());
            if before != app.selected && !app.playing() {
                app.instructions_scroll = 0;
            }
        }
        Pane::Instructions => {
            let max = app.limits.instructions.get().unwrap_or(2_000);
            app.instructions_scroll =
                (i64::from(app.instructions_scroll) + delta).clamp(0, i64::from(max)) as u16;
        }
        Pane::Countdown => {
            if !app.playing() {
                app.routine_selected = step(app.routine_selected, app.library.routines.len());
            }
        }
        Pane::History => {
            let max = app.limits.history.get().unwrap_or(app.history.len());
            app.history_scroll = step(app.history_scroll, max + 1);
        }
    }
}

/// Selects the first guide (pressure and pain) in the Regions pane.
fn jump_to_guides(app: &mut App) {
    if let Some(row) = app.rows.iter().position(|r| matches!(r, Row::Guide(_))) {
        app.selected = row;
        app.focus = Pane::Regions;
        app.instructions_scroll = 0;
    }
}

/// From a region that is not rolled, to the next of its alternatives.
fn jump_to_alternative(app: &mut App) {
    let library = &app.library;
    let current_region = match app.selected_row() {
        Some(Row::Region(i)) => library.regions.get(i),
        Some(Row::Exercise(i)) => library
            .exercises
            .get(i)
            .and_then(|e| library.region(&e.region)),
        Some(Row::Guides | Row::Guide(_)) | None => None,
    };
    let Some(region) = current_region else { return };
    // Pressing again from an alternative goes on to the next one.
    let avoid = library
        .regions
        .iter()
        .find(|r| r.avoid().is_some_and(|(_, alts)| alts.contains(&region.id)));
    let (alternatives, from) = match (region.avoid(), avoid) {
        (Some((_, alts)), _) => (alts.to_vec(), None),
        (None, Some(itb)) => (
            itb.avoid().map(|(_, a)| a.to_vec()).unwrap_or_default(),
            Some(region.id.clone()),
        ),
        (None, None) => return,
    };
    let next = match from.and_then(|id| alternatives.iter().position(|a| *a == id)) {
        Some(i) => alternatives.get(i + 1).or(alternatives.first()),
        None => alternatives.first(),
    };
    let Some(target) = next else { return };
    if let Some(row) = app.rows.iter().position(
        |r| matches!(r, Row::Region(i) if library.regions.get(*i).is_some_and(|x| &x.id == target)),
    ) {
        app.selected = row;
        app.focus = Pane::Regions;
        app.instructions_scroll = 0;
    }
}

// The Today row (see `today_row`): planning it and its keys.
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
        let mut facts = facts::from_summaries(&self.history, now.date(), self.weekly_goal);
        facts.runs = facts::runs_since(&self.runs, now.date());
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
                routine.description = format!(
                    "{} Keys: {}.",
                    routine.description,
                    crate::wording::today_keys(&self.coach_config.keys)
                );
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
