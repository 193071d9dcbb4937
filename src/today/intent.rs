//! What today is for, from the time of day and the last session.

use chrono::{NaiveDateTime, Timelike};

use crate::library::Style;

use super::facts::Facts;
use super::model::*;

/// Chooses the intent from the time of day and the last session, and says why.
pub fn choose_intent(now: NaiveDateTime, facts: &Facts) -> (Intent, String) {
    // The runs first: a run that just ended, or the hour the person usually runs.
    if let Some(chosen) = super::runs::intent(now, facts) {
        return chosen;
    }
    let clock = now.format("%H:%M");
    if let Some(last) = &facts.last_session
        && last.started.date() == now.date()
        && last.started <= now
        && last.style == Style::Warmup
    {
        return (
            Intent::AfterRun,
            format!(
                "you warmed up at {} today, so this is for after your run",
                last.started.format("%H:%M")
            ),
        );
    }
    match now.hour() {
        5..=10 => (
            Intent::BeforeRun,
            format!("it is {clock}, and a morning session is most often before a run"),
        ),
        11..=20 => (
            Intent::AfterRun,
            format!("it is {clock}, when most runs are over for the day"),
        ),
        _ => (
            Intent::RestDay,
            format!("it is {clock}, too late for a run: a calm, longer release"),
        ),
    }
}
