//! A routine expanded into the exact sequence of phases a person goes through.

use std::time::Duration;

use super::record::{EntryRecord, Side};
use crate::library::{Library, Routine, StepTiming, Style};

/// Timing defaults, from the config file (or the built-in defaults).
#[derive(Debug, Clone, PartialEq)]
pub struct Timing {
    pub min_hold_s: u32,
    pub get_ready_s: u32,
    pub rest_s: u32,
    pub switch_s: u32,
    /// Overtime ends by itself after this long; `None` lets it run until released.
    pub overtime_cap_s: Option<u32>,
    /// Release each hold as soon as its minimum is reached.
    pub auto_release: bool,
    /// Hands-free: a search ends by itself after its own search limit, or after this
    /// long when it has none, and the hold begins.
    pub auto_find_s: Option<u32>,
    /// With `auto_release`: the hold goes on this long past its minimum before it ends
    /// by itself (within the overtime cap), so the tissue settles.
    pub settle_s: u32,
    /// Voice on: a get ready, rest or switch waits until its words have been said
    /// ([`Event::WordsSpoken`](super::Event::WordsSpoken)), at most this long, then
    /// counts its last seconds. `None`: the phases are as long as configured.
    pub words_cap_s: Option<u32>,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            min_hold_s: crate::library::MIN_RECOVERY_HOLD_S,
            get_ready_s: crate::library::DEFAULT_GET_READY_S,
            rest_s: crate::library::DEFAULT_REST_S,
            switch_s: crate::library::DEFAULT_SWITCH_S,
            overtime_cap_s: Some(90),
            auto_release: false,
            auto_find_s: None,
            settle_s: 0,
            words_cap_s: None,
        }
    }
}

/// Hands-free, a search with no limit of its own ends after this long.
pub const HANDS_FREE_FIND_S: u32 = 15;
/// Hands-free, a hold goes on this long past its minimum, then ends by itself.
pub const HANDS_FREE_SETTLE_S: u32 = 10;

impl Timing {
    /// Hands-free (`hands_free`, `--hands-free`, plain mode without a terminal): each
    /// search ends after its limit and each hold after its minimum and a settle time.
    pub fn hands_free(self) -> Timing {
        Timing {
            auto_release: true,
            auto_find_s: Some(HANDS_FREE_FIND_S),
            settle_s: HANDS_FREE_SETTLE_S,
            ..self
        }
    }
}

/// After the words of a get ready, rest or switch: a short pause, then 3, 2, 1.
pub const WORDS_TAIL: Duration = Duration::from_secs(4);

impl PhaseKind {
    /// A phase between pieces of work, which may wait for its words.
    pub fn waits_for_words(&self) -> bool {
        matches!(
            self,
            PhaseKind::GetReady { .. } | PhaseKind::Rest { .. } | PhaseKind::SwitchSides { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum PhaseKind {
    GetReady {
        duration: Duration,
    },
    /// Roll slowly until the most tender spot; open-ended.
    Search {
        point: u32,
        points: u32,
        limit: Option<Duration>,
    },
    /// At least `min`, then overtime until release.
    Hold {
        point: u32,
        points: u32,
        min: Duration,
    },
    /// Warm-up: keep moving.
    Move {
        duration: Duration,
        cue: String,
    },
    SwitchSides {
        to: Side,
        duration: Duration,
    },
    Rest {
        duration: Duration,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    pub kind: PhaseKind,
    /// The step this phase belongs to; a rest belongs to the step that follows it.
    pub step: usize,
    /// Index into the session record's entries.
    pub entry: Option<usize>,
}

impl Phase {
    /// The fixed length of a countdown; `None` for open-ended phases.
    pub fn length(&self) -> Option<Duration> {
        match &self.kind {
            PhaseKind::Search { .. } => None,
            PhaseKind::Hold { min, .. } => Some(*min),
            PhaseKind::GetReady { duration }
            | PhaseKind::Move { duration, .. }
            | PhaseKind::SwitchSides { duration, .. }
            | PhaseKind::Rest { duration } => Some(*duration),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct StepInfo {
    pub exercise_id: String,
    pub exercise_name: String,
    pub region: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub routine_id: String,
    pub routine_name: String,
    pub style: Style,
    pub phases: Vec<Phase>,
    pub steps: Vec<StepInfo>,
    pub entries: Vec<EntryRecord>,
    pub timing: Timing,
}

fn secs(s: u32) -> Duration {
    Duration::from_secs(u64::from(s))
}

impl Plan {
    /// Roughly how long the plan takes: every fixed phase, the minimum of every hold and
    /// [`SEARCH_ESTIMATE_S`](crate::library::SEARCH_ESTIMATE_S) to find each spot.
    pub fn estimate(&self) -> Duration {
        self.phases
            .iter()
            .map(|p| match p.kind {
                PhaseKind::Search { .. } => {
                    Duration::from_secs(crate::library::SEARCH_ESTIMATE_S.into())
                }
                _ => p.length().unwrap_or_default(),
            })
            .sum()
    }

    /// Expands a routine. Steps whose exercise is missing (impossible for a validated
    /// library) are left out rather than failing.
    pub fn new(library: &Library, routine: &Routine, timing: &Timing) -> Plan {
        let mut phases = Vec::new();
        let mut steps = Vec::new();
        let mut entries = Vec::new();
        let rest_default = routine.rest_s.unwrap_or(timing.rest_s);
        let get_ready = routine.get_ready_s.unwrap_or(timing.get_ready_s);
        if get_ready > 0 {
            phases.push(Phase {
                kind: PhaseKind::GetReady {
                    duration: secs(get_ready),
                },
                step: 0,
                entry: None,
            });
        }
        for step in &routine.steps {
            let Some(ex) = library.exercise(&step.exercise) else {
                continue;
            };
            let index = steps.len();
            if index > 0 {
                let rest = steps_rest(routine, index - 1, rest_default);
                if rest > 0 {
                    phases.push(Phase {
                        kind: PhaseKind::Rest {
                            duration: secs(rest),
                        },
                        step: index,
                        entry: None,
                    });
                }
            }
            steps.push(StepInfo {
                exercise_id: ex.id.clone(),
                exercise_name: ex.name.clone(),
                region: ex.region.clone(),
            });
            let sides: Vec<Option<Side>> = if ex.per_side {
                step.side_order().map(Some).to_vec()
            } else {
                vec![None]
            };
            let zones: Vec<Option<String>> = if ex.zones.is_empty() || ex.style == Style::Warmup {
                vec![None]
            } else {
                ex.zones.iter().cloned().map(Some).collect()
            };
            for (s, side) in sides.iter().enumerate() {
                if s > 0
                    && let Some(to) = side
                {
                    phases.push(Phase {
                        kind: PhaseKind::SwitchSides {
                            to: *to,
                            duration: secs(timing.switch_s),
                        },
                        step: index,
                        entry: None,
                    });
                }
                for zone in &zones {
                    let entry = entries.len();
                    let (planned, points) = match &step.timing {
                        StepTiming::Recovery {
                            min_hold_s,
                            search_limit_s,
                            ..
                        } => {
                            let points = &step.points_on(*side);
                            let min = secs(min_hold_s.unwrap_or(timing.min_hold_s));
                            let limit = search_limit_s.map(secs);
                            for point in 1..=*points {
                                phases.push(Phase {
                                    kind: PhaseKind::Search {
                                        point,
                                        points: *points,
                                        limit,
                                    },
                                    step: index,
                                    entry: Some(entry),
                                });
                                phases.push(Phase {
                                    kind: PhaseKind::Hold {
                                        point,
                                        points: *points,
                                        min,
                                    },
                                    step: index,
                                    entry: Some(entry),
                                });
                            }
                            (min.as_secs_f64() * f64::from(*points), *points)
                        }
                        StepTiming::Warmup { duration_s, cue } => {
                            phases.push(Phase {
                                kind: PhaseKind::Move {
                                    duration: secs(*duration_s),
                                    cue: cue.clone(),
                                },
                                step: index,
                                entry: Some(entry),
                            });
                            (f64::from(*duration_s), 0)
                        }
                    };
                    entries.push(EntryRecord {
                        step: index,
                        exercise_id: ex.id.clone(),
                        region: ex.region.clone(),
                        side: *side,
                        zone: zone.clone(),
                        planned_s: planned,
                        search_s: 0.0,
                        hold_s: 0.0,
                        overtime_s: 0.0,
                        move_s: 0.0,
                        points_held: 0,
                        points_planned: points,
                        skipped: false,
                        tenderness: Vec::new(),
                    });
                }
            }
        }
        Plan {
            routine_id: routine.id.clone(),
            routine_name: routine.name.clone(),
            style: routine.style,
            phases,
            steps,
            entries,
            timing: timing.clone(),
        }
    }
}

fn steps_rest(routine: &Routine, step: usize, default: u32) -> u32 {
    routine
        .steps
        .get(step)
        .and_then(|s| s.rest_s)
        .unwrap_or(default)
}
