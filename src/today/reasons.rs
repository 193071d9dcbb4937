//! Each chosen step and why it is there, as sentences.

use crate::library::{RoutineStep, Side, StepTiming, Style};
use crate::wording::{capitalise, plural, pronoun};

use super::candidates::*;

/// Why a region is in the plan.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Why {
    Warmup,
    /// Left and right differ clearly: the tenderer side first.
    Sides {
        first: Side,
        first_avg: f64,
        other_avg: f64,
    },
    /// High recent ratings.
    Tender {
        average: f64,
    },
    /// Newer ratings clearly above older ones.
    Rising {
        from: f64,
        to: f64,
    },
    Overdue {
        days: i64,
    },
    Core,
    AfterRun,
    /// Not yet in the history: time for it today.
    New,
    /// Rolled recently; today has the time.
    Extra,
    /// A run shaped it: the sentence says how, with the numbers and the source.
    Run(String),
}

/// A region in the plan with its exercise, timing and reasons.
pub(super) struct Chosen<'a> {
    pub(super) cand: Candidate<'a>,
    pub(super) why: Vec<Why>,
    /// Base points per side, and one more everywhere when the region stays tender
    /// (`tender`) and the minutes allow it.
    pub(super) points: u32,
    pub(super) bonus: u32,
    pub(super) tender: bool,
    /// Tender or core: may take the plan up to the tolerance's upper end.
    pub(super) essential: bool,
    /// Its place in the order had a reason beyond "today has the time" (said when it
    /// is left out).
    pub(super) wanted: bool,
    /// The tenderer side, which goes first with one more point.
    pub(super) first: Option<Side>,
    pub(super) hold_s: u32,
    pub(super) duration_s: u32,
}

impl Chosen<'_> {
    pub(super) fn points_each(&self) -> u32 {
        self.points + self.bonus
    }

    pub(super) fn first_side_points(&self) -> Option<u32> {
        self.first.map(|_| self.points_each() + 1)
    }

    pub(super) fn step(&self) -> RoutineStep {
        let ex = self.cand.exercise;
        let timing = match ex.style {
            Style::Recovery => StepTiming::Recovery {
                min_hold_s: Some(self.hold_s),
                points: self.points_each(),
                search_limit_s: None,
            },
            Style::Warmup => StepTiming::Warmup {
                duration_s: self.duration_s,
                cue: ex
                    .movement
                    .clone()
                    .unwrap_or_else(|| "Keep moving; do not stop on tender spots.".to_string()),
            },
        };
        let per_side = ex.per_side && ex.style == Style::Recovery;
        RoutineStep {
            exercise: ex.id.clone(),
            timing,
            rest_s: None,
            first_side: if per_side { self.first } else { None },
            first_side_points: if per_side {
                self.first_side_points()
            } else {
                None
            },
        }
    }

    /// The reasons as sentences: the first names the region, the rest follow on.
    pub(super) fn reason(&self) -> String {
        let name = &self.cand.region.name;
        let it = pronoun(name);
        let ex = self.cand.exercise;
        let each = self.points_each();
        let pts = |n: u32| plural(n, "tender spot");
        let per = if ex.per_side { " per side" } else { "" };
        let more = if self.bonus > 0 {
            format!("so {}{per}", pts(each))
        } else {
            "but there is no time today for more points".to_string()
        };
        // The core and after-run reasons only when nothing more telling applies.
        let telling = self
            .why
            .iter()
            .any(|w| !matches!(w, Why::Core | Why::AfterRun));
        let mut parts: Vec<String> = Vec::new();
        for why in &self.why {
            let (lead, sentence) = match why {
                Why::Warmup => {
                    let a_side = if ex.per_side { " a side" } else { "" };
                    (
                        format!("{name}: "),
                        format!(
                            "your run will load {it}; {} seconds{a_side}, keep moving.",
                            self.duration_s
                        ),
                    )
                }
                Why::Sides {
                    first,
                    first_avg,
                    other_avg,
                } => (
                    format!("{name}, {} side first: ", first.label()),
                    format!(
                        "you rated {it} {} against {} on the {} over the last 3 weeks, so that side gets one more tender spot ({} against {}).",
                        rating(*first_avg),
                        rating(*other_avg),
                        first.other().label(),
                        each + 1,
                        each
                    ),
                ),
                Why::Tender { average } => (
                    format!("{name}: "),
                    format!(
                        "staying tender, {} on average over the last 3 weeks, {more}.",
                        rating(*average)
                    ),
                ),
                Why::Rising { from, to } => (
                    format!("{name}: "),
                    format!(
                        "getting more tender, from {} to {} over the last 3 weeks, {more}.",
                        rating(*from),
                        rating(*to)
                    ),
                ),
                Why::Overdue { days } => {
                    (format!("{name}: "), format!("not rolled for {days} days."))
                }
                Why::Core if telling => continue,
                Why::Core => (
                    format!("{name}: "),
                    "the core of every recovery.".to_string(),
                ),
                Why::AfterRun if telling => continue,
                Why::AfterRun => (
                    format!("{name}: "),
                    format!(
                        "{} carried every stride of your run.",
                        if it == "them" { "they" } else { "it" }
                    ),
                ),
                Why::New => (
                    format!("{name}: "),
                    "not in your history yet, and today has the time.".to_string(),
                ),
                Why::Extra => (
                    format!("{name}: "),
                    "today has the time for it.".to_string(),
                ),
                Why::Run(sentence) => (format!("{name}: "), sentence.clone()),
            };
            if parts.is_empty() {
                parts.push(format!("{lead}{sentence}"));
            } else {
                parts.push(capitalise(&sentence));
            }
        }
        parts.join(" ")
    }
}

/// "6", "6.2"
pub(super) fn rating(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if (r - r.round()).abs() < 1e-9 {
        format!("{}", r.round() as i64)
    } else {
        format!("{r:.1}")
    }
}
