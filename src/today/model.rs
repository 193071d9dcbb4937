//! The planner's vocabulary: what today is for, the options, the plan it gives and
//! why a plan cannot be made; the rules' numbers.

use std::fmt;
use std::time::Duration;

use serde::Serialize;

use crate::library::{Routine, Style, Tool};
use crate::wording::tool_list;

/// The id of the generated routine (what the history records it under).
pub const ROUTINE_ID: &str = "today";

/// How far back the planner looks at runs.
pub const RUN_WINDOW_DAYS: u64 = 56;

/// Where the generated routine says it comes from.
pub const ORIGIN: &str = "foamroll today";

/// How far back ratings count: "over the last 3 weeks".
pub const WINDOW_DAYS: u64 = 21;
/// A region not rolled for this many days is brought back.
pub const OVERDUE_DAYS: i64 = 14;
/// An average at or above this over the window is "staying tender".
pub const TENDER_AVERAGE: f64 = 5.0;
/// Left and right differ clearly: this far apart, with at least two ratings each.
pub const SIDE_GAP: f64 = 2.0;
/// The newer half of the window this much above the older half is "rising".
pub const RISE: f64 = 1.5;
/// The estimate must land within this fraction of the minutes asked for.
pub const TOLERANCE: f64 = 0.15;

pub(super) const HOLD_STEP_S: u32 = 15;
/// Points per side the planner grows to (before the extra points for tenderness).
pub(super) const MAX_BASE_POINTS: u32 = 3;
/// Warm-up movement per side: brief, and never long enough to linger.
pub(super) const WARMUP_MIN_S: u32 = 20;
pub(super) const WARMUP_MAX_S: u32 = 90;
pub(super) const WARMUP_STEP_S: u32 = 5;

/// The big three for runners: the default core of every recovery.
pub const CORE: [&str; 3] = ["quads", "hamstrings", "glutes"];
/// Brought in after a run, after the core.
pub(super) const AFTER_RUN: [&str; 2] = ["calves", "feet"];
/// The regions a run loads, from the ground up: the warm-up's order.
pub(super) const RUN_LOAD: [&str; 9] = [
    "feet",
    "calves",
    "shins",
    "hamstrings",
    "quads",
    "outer-thigh",
    "adductors",
    "glutes",
    "hip-flexors",
];

/// What the person is about to do, or has just done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Intent {
    BeforeRun,
    AfterRun,
    RestDay,
}

impl Intent {
    pub const ALL: [Intent; 3] = [Intent::BeforeRun, Intent::AfterRun, Intent::RestDay];

    pub fn id(self) -> &'static str {
        match self {
            Intent::BeforeRun => "before-run",
            Intent::AfterRun => "after-run",
            Intent::RestDay => "rest-day",
        }
    }

    /// "before a run"
    pub fn words(self) -> &'static str {
        match self {
            Intent::BeforeRun => "before a run",
            Intent::AfterRun => "after a run",
            Intent::RestDay => "on a rest day",
        }
    }

    pub fn style(self) -> Style {
        match self {
            Intent::BeforeRun => Style::Warmup,
            Intent::AfterRun | Intent::RestDay => Style::Recovery,
        }
    }

    pub fn default_minutes(self) -> u32 {
        match self {
            Intent::BeforeRun => 5,
            Intent::AfterRun => 10,
            Intent::RestDay => 20,
        }
    }

    /// The next intent, for a key that cycles through them.
    pub fn next(self) -> Intent {
        match self {
            Intent::BeforeRun => Intent::AfterRun,
            Intent::AfterRun => Intent::RestDay,
            Intent::RestDay => Intent::BeforeRun,
        }
    }
}

/// What the person asked for; `None` and empty mean "choose for me".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub intent: Option<Intent>,
    pub minutes: Option<u32>,
    /// The tools at hand, preferred first; empty means a foam roller.
    pub tools: Vec<Tool>,
}

/// Today's plan and why it is what it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Today {
    pub intent: Intent,
    /// Why this intent, when it was chosen for the person.
    pub intent_reason: Option<String>,
    pub minutes: u32,
    #[serde(serialize_with = "seconds")]
    pub estimate: Duration,
    pub tools: Vec<Tool>,
    pub routine: Routine,
    /// One sentence per step of the routine, in the same order.
    pub reasons: Vec<String>,
    /// The tool each step is done with, in the same order.
    pub step_tools: Vec<Tool>,
    /// What applies to the whole plan.
    pub notes: Vec<String>,
}

pub(super) fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_secs())
}

impl Today {
    /// The estimate in whole minutes, rounded.
    pub fn estimate_minutes(&self) -> u64 {
        (self.estimate.as_secs() + 30) / 60
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TodayError {
    /// No exercise of the style works with the tools given.
    NoExercises { intent: Intent, tools: Vec<Tool> },
    /// Even the shortest plan takes longer than the minutes allow.
    TooShort { intent: Intent, shortest_s: u64 },
    /// The library cannot fill the minutes.
    TooLong { intent: Intent, longest_s: u64 },
    /// The minutes asked for cannot hold the core regions of a recovery.
    TooShortForCore {
        intent: Intent,
        asked: u32,
        /// The fewest minutes that hold it.
        from: u32,
    },
}

impl fmt::Display for TodayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TodayError::NoExercises { intent, tools } => write!(
                f,
                "no {} exercise in the library works with the {}",
                intent.style().label(),
                tool_list(tools)
            ),
            TodayError::TooShort { intent, shortest_s } => write!(
                f,
                "the shortest plan {} takes about {}: ask for at least that (--minutes)",
                intent.words(),
                crate::wording::plural(shortest_s.div_ceil(60), "minute")
            ),
            TodayError::TooShortForCore {
                intent,
                asked,
                from,
            } => write!(
                f,
                "{} is too short for a recovery {}: the quads, hamstrings and glutes, the core of every recovery, need {}; ask for {from} minutes or more (--minutes {from})",
                crate::wording::plural(*asked, "minute"),
                intent.words(),
                crate::wording::plural(*from, "minute"),
            ),
            TodayError::TooLong { intent, longest_s } => write!(
                f,
                "the longest plan {} with this library and equipment takes about {} minutes: ask for at most that (--minutes)",
                intent.words(),
                longest_s / 60
            ),
        }
    }
}
