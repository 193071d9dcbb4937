//! The validated library: what the session engine and the screens work with.
//! Nothing here can be inconsistent: every reference resolves and every timing
//! rule holds (the loader guarantees it).

use serde::{Deserialize, Serialize};

/// The two styles of rolling, with opposite timing rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// Roll slowly, find the tender spot, hold it at least 30 s.
    Recovery,
    /// Keep moving, never linger.
    Warmup,
}

impl Style {
    pub fn label(self) -> &'static str {
        match self {
            Style::Recovery => "recovery",
            Style::Warmup => "warm-up",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tool {
    Roller,
    TravelRoller,
    Stick,
    Ball,
    TriggerPointTool,
}

impl Tool {
    pub const ALL: [Tool; 5] = [
        Tool::Roller,
        Tool::TravelRoller,
        Tool::Stick,
        Tool::Ball,
        Tool::TriggerPointTool,
    ];

    /// The id routine files and the command line use.
    pub fn id(self) -> &'static str {
        match self {
            Tool::Roller => "roller",
            Tool::TravelRoller => "travel-roller",
            Tool::Stick => "stick",
            Tool::Ball => "ball",
            Tool::TriggerPointTool => "trigger-point-tool",
        }
    }

    pub fn from_id(id: &str) -> Option<Tool> {
        Tool::ALL.into_iter().find(|t| t.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Tool::Roller => "foam roller",
            Tool::TravelRoller => "travel roller",
            Tool::Stick => "roller stick",
            Tool::Ball => "ball",
            Tool::TriggerPointTool => "trigger-point tool",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
/// A side of the body, for exercises done one side at a time.
pub enum Side {
    Right,
    Left,
}

impl Side {
    pub fn label(self) -> &'static str {
        match self {
            Side::Right => "right",
            Side::Left => "left",
        }
    }
}

/// Where an item was defined, so that messages and screens can say so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub path: String,
    pub builtin: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rolling", rename_all = "lowercase")]
pub enum RollingPolicy {
    Normal,
    Avoid {
        reason: String,
        alternatives: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Region {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    #[serde(flatten)]
    pub policy: RollingPolicy,
    #[serde(skip)]
    pub origin: Origin,
}

impl Region {
    pub fn avoid(&self) -> Option<(&str, &[String])> {
        match &self.policy {
            RollingPolicy::Avoid {
                reason,
                alternatives,
            } => Some((reason, alternatives)),
            RollingPolicy::Normal => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Equipment {
    pub tool: Tool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exercise {
    pub id: String,
    pub name: String,
    pub region: String,
    pub style: Style,
    pub summary: Option<String>,
    pub equipment: Vec<Equipment>,
    pub setup: String,
    pub steps: Vec<String>,
    pub cues: Vec<String>,
    pub cautions: Vec<String>,
    /// Done one side at a time: right, then left.
    pub per_side: bool,
    /// Lines of the muscle worked one after another (e.g. inner, middle, outer).
    pub zones: Vec<String>,
    /// The default movement cue of a warm-up exercise.
    pub movement: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// How long a step lasts, by style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "style", rename_all = "lowercase")]
pub enum StepTiming {
    Recovery {
        /// Minimum hold per trigger point; `None` means the configured default (30 s).
        min_hold_s: Option<u32>,
        /// Trigger points to find and hold, per side and zone.
        points: u32,
        /// After this long searching, the app suggests moving on.
        search_limit_s: Option<u32>,
    },
    Warmup {
        /// Continuous movement per side.
        duration_s: u32,
        cue: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoutineStep {
    pub exercise: String,
    pub timing: StepTiming,
    /// Rest before the next step; `None` means the routine's or config's default.
    pub rest_s: Option<u32>,
    /// Per-side exercises: the side done first (the right unless stated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_side: Option<Side>,
    /// Recovery, per side: trigger points on the first side when it needs more than
    /// `points` (the other side keeps `points`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_side_points: Option<u32>,
}

impl RoutineStep {
    /// The sides of a per-side step in the order they are done.
    pub fn side_order(&self) -> [Side; 2] {
        match self.first_side {
            Some(Side::Left) => [Side::Left, Side::Right],
            _ => [Side::Right, Side::Left],
        }
    }

    /// Trigger points on `side` (recovery steps); 0 for warm-up steps.
    pub fn points_on(&self, side: Option<Side>) -> u32 {
        let StepTiming::Recovery { points, .. } = &self.timing else {
            return 0;
        };
        match (side, self.first_side_points) {
            (Some(s), Some(first)) if s == self.side_order()[0] => first,
            _ => *points,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Routine {
    pub id: String,
    pub name: String,
    pub style: Style,
    pub description: String,
    pub get_ready_s: Option<u32>,
    pub rest_s: Option<u32>,
    /// What to do once the routine is over ("now go do your dynamic warm-up").
    pub finish: Option<String>,
    /// The tool the routine is written for, if it is written for one.
    pub equipment: Option<Tool>,
    pub steps: Vec<RoutineStep>,
    #[serde(skip)]
    pub origin: Origin,
}

/// The effective library: built-in items, overridden or extended by the person's own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Library {
    pub regions: Vec<Region>,
    pub exercises: Vec<Exercise>,
    pub routines: Vec<Routine>,
}

impl Library {
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    pub fn routine(&self, id: &str) -> Option<&Routine> {
        self.routines.iter().find(|r| r.id == id)
    }

    pub fn exercises_in<'a>(&'a self, region: &'a str) -> impl Iterator<Item = &'a Exercise> + 'a {
        self.exercises.iter().filter(move |e| e.region == region)
    }

    /// The regions a routine works, in the order it first reaches them.
    pub fn routine_regions(&self, routine: &Routine) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for step in &routine.steps {
            if let Some(ex) = self.exercise(&step.exercise)
                && !out.contains(&ex.region)
            {
                out.push(ex.region.clone());
            }
        }
        out
    }

    pub fn summary_line(&self) -> String {
        format!(
            "{} routines, {} exercises, {} regions",
            self.routines.len(),
            self.exercises.len(),
            self.regions.len()
        )
    }
}
