//! Fitting the chosen steps to the minutes: holds, points and steps grow or go until
//! the session's own plan lasts about as long as the person has.

use chrono::NaiveDateTime;

use crate::library::bounds::MAX_HOLD_S;
use crate::library::{Library, MIN_RECOVERY_HOLD_S, Routine, RoutineStep, Style, Tool};
use crate::session::{Plan, Timing};
use crate::wording::{plural, tool_list};

use super::candidates::*;
use super::model::*;
use super::reasons::*;

pub(super) struct Builder<'a> {
    pub(super) library: &'a Library,
    pub(super) timing: &'a Timing,
    pub(super) intent: Intent,
    pub(super) tools: &'a [Tool],
    pub(super) now: NaiveDateTime,
    pub(super) minutes: u32,
}

impl Builder<'_> {
    pub(super) fn routine(&self, chosen: &[Chosen<'_>]) -> Routine {
        let style = self.intent.style();
        let steps: Vec<RoutineStep> = chosen.iter().map(Chosen::step).collect();
        // The routine names a tool when one (other than the roller the texts are
        // written for) works for every step, so each step shows its set-up.
        let equipment = self
            .tools
            .iter()
            .copied()
            .find(|&t| chosen.iter().all(|c| works_with(c.cand.exercise, t)))
            .filter(|&t| t != Tool::Roller);
        let (name, finish, get_ready, rest) = match self.intent {
            Intent::BeforeRun => (
                "Today: before a run",
                "Now go do your dynamic warm-up, then run.",
                Some(5),
                Some(5),
            ),
            Intent::AfterRun => (
                "Today: after a run",
                "Drink some water, and rate the spots as you go: the next plan follows what you feel.",
                None,
                None,
            ),
            Intent::RestDay => (
                "Today: rest day",
                "That is today's release done. Consistency over the weeks is what counts.",
                None,
                None,
            ),
        };
        Routine {
            id: ROUTINE_ID.to_string(),
            name: name.to_string(),
            style,
            description: format!(
                "Made for {} at {}: {} {}, with the {}.",
                self.now.format("%Y-%m-%d"),
                self.now.format("%H:%M"),
                plural(self.minutes, "minute"),
                self.intent.words(),
                tool_list(self.tools)
            ),
            get_ready_s: get_ready,
            rest_s: rest,
            finish: Some(finish.to_string()),
            equipment,
            steps,
            origin: crate::library::Origin {
                path: ORIGIN.to_string(),
                builtin: true,
            },
        }
    }

    pub(super) fn estimate(&self, chosen: &[Chosen<'_>]) -> u64 {
        Plan::new(self.library, &self.routine(chosen), self.timing)
            .estimate()
            .as_secs()
    }
}

/// The smallest hold the plan uses: the configured one, within the library's bounds.
pub(super) fn base_hold(timing: &Timing) -> u32 {
    timing.min_hold_s.clamp(MIN_RECOVERY_HOLD_S, MAX_HOLD_S)
}

/// Picks regions in order while they fit, then grows points, holds or movement time
/// round by round until the next growth would overshoot.
pub(super) fn fit<'a>(
    build: &Builder<'_>,
    ordered: Vec<Chosen<'a>>,
    target: u64,
) -> Result<(Vec<Chosen<'a>>, Vec<Chosen<'a>>), TodayError> {
    let intent = build.intent;
    let hi = (target as f64 * (1.0 + TOLERANCE)).floor() as u64;
    let lo = (target as f64 * (1.0 - TOLERANCE)).ceil() as u64;
    let hold = base_hold(build.timing);
    let mut rest: Vec<Chosen<'a>> = ordered
        .into_iter()
        .map(|mut c| {
            c.hold_s = hold;
            c
        })
        .collect();
    // A recovery always has its core: minutes too short for the quads, hamstrings and
    // glutes at their smallest are refused (with the minutes that work), never planned
    // as some other region alone.
    let core_at: Vec<usize> = (0..rest.len())
        .filter(|&i| CORE.contains(&rest[i].cand.region.id.as_str()))
        .collect();
    if intent.style() == Style::Recovery && !core_at.is_empty() {
        let mut core: Vec<Chosen<'a>> = Vec::new();
        for &i in core_at.iter().rev() {
            core.push(rest.remove(i));
        }
        core.reverse();
        let need = build.estimate(&core);
        for (&i, c) in core_at.iter().zip(core) {
            rest.insert(i, c);
        }
        if need > hi {
            // The fewest minutes whose tolerance holds the core.
            let per_minute = 60.0 * (1.0 + TOLERANCE);
            let from = (1..=24 * 60)
                .find(|&m| (f64::from(m) * per_minute).floor() as u64 >= need)
                .unwrap_or(24 * 60);
            return Err(TodayError::TooShortForCore {
                intent,
                asked: build.minutes,
                from,
            });
        }
    }
    let mut chosen: Vec<Chosen<'a>> = Vec::new();
    // First pass: regions in order, each if it fits the minutes: a tender one with its
    // extra point if that fits too (so it comes before regions further down), else at
    // its smallest.
    // Tender and core regions may use the tolerance: a core region beats an extra one.
    // Once a region with a reason is left out, regions that would only fill the time
    // wait for the second pass: the time goes to more points first.
    let mut skipped_wanted = false;
    let mut i = 0;
    while i < rest.len() {
        if skipped_wanted && !rest[i].wanted {
            i += 1;
            continue;
        }
        chosen.push(rest.remove(i));
        let last = chosen.len() - 1;
        let limit = if chosen[last].essential { hi } else { target };
        if chosen[last].tender {
            chosen[last].bonus = 1;
            if build.estimate(&chosen) <= target {
                continue;
            }
            chosen[last].bonus = 0;
        }
        if build.estimate(&chosen) <= limit {
            continue;
        }
        if let Some(c) = chosen.pop() {
            skipped_wanted |= c.wanted;
            rest.insert(i, c);
        }
        i += 1;
    }
    if chosen.is_empty() {
        // Nothing fits inside the minutes: the shortest single region may still be
        // within the tolerance.
        let shortest = (0..rest.len())
            .min_by_key(|&i| build.estimate(std::slice::from_ref(&rest[i])))
            .map(|i| rest.remove(i));
        if let Some(c) = shortest {
            chosen.push(c);
        }
    }
    // Tender regions that could not have it yet get their extra point when it fits
    // within the tolerance.
    for i in 0..chosen.len() {
        if chosen[i].tender && chosen[i].bonus == 0 {
            chosen[i].bonus = 1;
            if build.estimate(&chosen) > hi {
                chosen[i].bonus = 0;
            }
        }
    }
    grow(build, &mut chosen, target);
    if build.estimate(&chosen) < lo {
        // Still short: more regions within the tolerance, then grow again.
        let mut i = 0;
        while i < rest.len() {
            chosen.push(rest.remove(i));
            if build.estimate(&chosen) <= hi {
                continue;
            }
            if let Some(c) = chosen.pop() {
                rest.insert(i, c);
            }
            i += 1;
        }
        grow(build, &mut chosen, hi);
    }
    let total = build.estimate(&chosen);
    if total > hi {
        return Err(TodayError::TooShort {
            intent,
            shortest_s: total,
        });
    }
    if total < lo {
        return Err(TodayError::TooLong {
            intent,
            longest_s: total,
        });
    }
    Ok((chosen, rest))
}

/// Adds `step` to `value` unless that passes `max`; says whether it did.
pub(super) fn raise(value: &mut u32, step: u32, max: u32) -> bool {
    if value.saturating_add(step) <= max {
        *value += step;
        true
    } else {
        false
    }
}

/// One round: one more point (or five more seconds of movement) for each region in
/// order; when none fits, a longer hold for each. Stops when nothing more fits `limit`.
pub(super) fn grow(build: &Builder<'_>, chosen: &mut [Chosen<'_>], limit: u64) {
    type Knob = fn(&mut Chosen<'_>) -> bool;
    let more_points: Knob =
        |c| c.cand.exercise.style == Style::Recovery && raise(&mut c.points, 1, MAX_BASE_POINTS);
    let longer_hold: Knob = |c| {
        c.cand.exercise.style == Style::Recovery && raise(&mut c.hold_s, HOLD_STEP_S, MAX_HOLD_S)
    };
    let longer_move: Knob = |c| {
        c.cand.exercise.style == Style::Warmup
            && raise(
                &mut c.duration_s,
                WARMUP_STEP_S,
                WARMUP_MAX_S.min(super::runs::BRISK_MAX_S),
            )
    };
    let undo = |c: &mut Chosen<'_>, before: (u32, u32, u32)| {
        (c.points, c.hold_s, c.duration_s) = before;
    };
    loop {
        let mut grew = false;
        for knob in [longer_move, more_points, longer_hold] {
            for i in 0..chosen.len() {
                let before = (chosen[i].points, chosen[i].hold_s, chosen[i].duration_s);
                if knob(&mut chosen[i]) {
                    if build.estimate(chosen) <= limit {
                        grew = true;
                    } else {
                        undo(&mut chosen[i], before);
                    }
                }
            }
            if grew {
                break;
            }
        }
        if !grew {
            return;
        }
    }
}
