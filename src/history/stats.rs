//! Statistics over sessions.

use chrono::{Days, NaiveDate};

use crate::session::SessionRecord;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streak {
    /// Days in a row with a session, ending today (or yesterday: today is not over).
    pub current: u32,
    pub longest: u32,
}

/// Streaks of calendar days with at least one session, each session dated where it
/// happened (its own UTC offset), so travel and DST do not split or merge days.
pub fn streak(sessions: &[SessionRecord], today: NaiveDate) -> Streak {
    let mut days: Vec<NaiveDate> = sessions.iter().map(|s| s.started_at.date_naive()).collect();
    days.sort_unstable();
    days.dedup();
    let mut longest = 0;
    let mut run = 0;
    let mut prev: Option<NaiveDate> = None;
    for &d in &days {
        run = match prev {
            Some(p) if p.checked_add_days(Days::new(1)) == Some(d) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        prev = Some(d);
    }
    let yesterday = today.checked_sub_days(Days::new(1));
    let current = match days.last() {
        Some(&last) if last == today || Some(last) == yesterday => run,
        _ => 0,
    };
    Streak { current, longest }
}
