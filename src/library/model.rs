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

impl Exercise {
    /// This exercise alone as a one-step routine with the defaults of its style: one
    /// trigger point per side and zone held for the configured minimum (recovery), or
    /// the default warm-up duration of movement per side (warm-up). Its id and name are the
    /// exercise's, so the history shows what was done.
    pub fn alone(&self) -> Routine {
        let timing = match self.style {
            Style::Recovery => StepTiming::Recovery {
                min_hold_s: None,
                points: 1,
                search_limit_s: None,
            },
            Style::Warmup => StepTiming::Warmup {
                duration_s: super::bounds::DEFAULT_WARMUP_DURATION_S,
                cue: self
                    .movement
                    .clone()
                    .or_else(|| self.cues.first().cloned())
                    .unwrap_or_else(|| "Keep moving".to_string()),
            },
        };
        Routine {
            id: self.id.clone(),
            name: self.name.clone(),
            style: self.style,
            description: self.summary.clone().unwrap_or_else(|| self.name.clone()),
            get_ready_s: None,
            rest_s: None,
            finish: None,
            equipment: None,
            steps: vec![RoutineStep {
                exercise: self.id.clone(),
                timing,
                rest_s: None,
            }],
            origin: self.origin.clone(),
        }
    }
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
