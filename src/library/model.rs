//! The validated library: what the session engine and the screens work with.
//! Nothing here can be inconsistent: every reference resolves and every timing
//! rule holds (the loader guarantees it).

use serde::{Deserialize, Serialize};

pub use super::landmarks::{Distance, Landmark, LandmarkKind, PathEnd, Posture, RollPath};

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

    /// The side that is not this one.
    pub fn other(self) -> Side {
        match self {
            Side::Right => Side::Left,
            Side::Left => Side::Right,
        }
    }
}

/// Where an item was defined, so that messages and screens can say so.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub path: String,
    pub builtin: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rolling", rename_all = "lowercase")]
pub enum RollingPolicy {
    Normal,
    Avoid {
        reason: String,
        alternatives: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub id: String,
    pub name: String,
    /// One side of it, in the singular ("quad"); see [`Region::one_side`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub singular: Option<String>,
    pub description: Option<String>,
    #[serde(flatten)]
    pub policy: RollingPolicy,
    /// The routine to play instead, for a region never rolled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instead: Option<String>,
    /// Landmarks no exercise of this region may end on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stay_off: Vec<Landmark>,
    /// The parts of the body map this region lights (see `landmarks::BODY_MAP_PARTS`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body_map: Vec<String>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Region {
    /// One limb or side, in the singular, for speaking: `one_side("right")` is
    /// "right quad", or the side put inside where the singular says `{side}` ("outer
    /// front of the right hip"), or "right side of the quads" without a singular.
    pub fn one_side(&self, side: &str) -> String {
        match &self.singular {
            Some(one) if one.contains("{side}") => one.replace("{side}", side),
            Some(one) => format!("{side} {one}"),
            None => format!("{side} side of the {}", self.name.to_lowercase()),
        }
    }

    /// The nerves and vessels near this region, which its exercises' cautions must name.
    pub fn nerves_and_vessels(&self) -> impl Iterator<Item = Landmark> + '_ {
        self.stay_off
            .iter()
            .copied()
            .filter(|l| l.kind() == LandmarkKind::NerveOrVessel)
    }

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Equipment {
    /// The set-up with this tool as the coach says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spoken: Option<String>,
    pub tool: Tool,
    pub note: Option<String>,
    /// How to set up with this tool, when it differs from the exercise's set-up.
    pub setup: Option<String>,
    /// The steps with this tool, when they differ from the exercise's steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
}

/// Where content comes from: an article (its title, or its author and what it is about
/// when it has no title), or a study with authors, year and journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What kind of work it is, or what an untitled article is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authors: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journal: Option<String>,
}

impl Source {
    /// "Behm et al. (2020). Foam rolling prescription. J Strength Cond Res 34(11):3301",
    /// "Tracie. How Foam Rolling Works (practitioner article)", or for an untitled
    /// article "Jonathan Ross. Practitioner article on ... (no title)".
    pub fn citation(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        match (&self.authors, self.year) {
            (Some(a), Some(y)) => parts.push(format!("{a} ({y})")),
            (Some(a), None) => parts.push(a.clone()),
            (None, Some(y)) => parts.push(format!("({y})")),
            (None, None) => {}
        }
        match (&self.title, &self.about) {
            (Some(t), Some(about)) => parts.push(format!("{t} ({about})")),
            (Some(t), None) => parts.push(t.clone()),
            (None, Some(about)) => parts.push(format!("{} (no title)", capitalise_first(about))),
            (None, None) => {}
        }
        parts.extend(self.journal.clone());
        parts.join(". ")
    }
}

fn capitalise_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Searching for the tender spot before a hold, as assumed by [`Library::estimate_s`].
pub const SEARCH_ESTIMATE_S: u32 = 15;
/// The app's default get-ready, rest and switch-sides times (see `session::Timing`).
pub const DEFAULT_GET_READY_S: u32 = 10;
pub const DEFAULT_REST_S: u32 = 15;
pub const DEFAULT_SWITCH_S: u32 = 5;

/// The most words a spoken set-up may have: about 6 seconds of speech.
pub const SPOKEN_SETUP_WORDS: usize = 20;

/// What keeps a spoken set-up from being heard as it is written: too long, or written
/// for the eye (brackets, a slash, an abbreviation, a number with a unit symbol).
pub fn ear_problems(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let words = text.split_whitespace().count();
    if words > SPOKEN_SETUP_WORDS {
        out.push(format!(
            "{words} words; a spoken set-up has at most {SPOKEN_SETUP_WORDS}, to be heard whole before the count"
        ));
    }
    if let Some(c) = text
        .chars()
        .find(|c| "()[]{}/\\&%+=<>*_#@`|~^".contains(*c))
    {
        out.push(format!("`{c}` is not heard: write it out in words"));
    }
    const EYE_ONLY: [&str; 9] = [
        "e.g.", "i.e.", "etc", "approx", "cm", "mm", "min", "sec", "s",
    ];
    for word in text.split_whitespace() {
        let bare = word.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '!' | '?' | '"'));
        let lower = bare.to_lowercase();
        let lower = lower.trim_end_matches('.');
        if EYE_ONLY.iter().any(|a| a.trim_end_matches('.') == lower) {
            out.push(format!("`{bare}` is an abbreviation: say it in full"));
        }
        if bare.chars().next().is_some_and(|c| c.is_ascii_digit())
            && bare.chars().any(|c| c.is_alphabetic())
        {
            out.push(format!(
                "`{bare}`: put a space between the number and its unit, in full"
            ));
        }
    }
    if !text.trim_end().ends_with(['.', '!', '?']) {
        out.push("end it with a full stop, so the voice drops at the end".to_string());
    }
    out
}

/// The id of the guide every exercise points to and every session starts with.
pub const PRESSURE_AND_PAIN: &str = "pressure-and-pain";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// Reading matter: how hard to press, why SMR works, the two styles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guide {
    pub id: String,
    pub title: String,
    /// One or two sentences to speak; see [`Guide::short_form`].
    pub short: Option<String>,
    pub sections: Vec<GuideSection>,
    pub sources: Vec<Source>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Guide {
    /// What a coach says aloud: the `short` field, or else the first paragraph.
    pub fn short_form(&self) -> &str {
        self.short
            .as_deref()
            .or_else(|| {
                self.sections
                    .first()
                    .and_then(|s| s.paragraphs.first())
                    .map(String::as_str)
            })
            .unwrap_or(self.title.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exercise {
    pub id: String,
    pub name: String,
    pub region: String,
    pub style: Style,
    pub summary: Option<String>,
    pub equipment: Vec<Equipment>,
    pub setup: String,
    /// The set-up as the coach says it (at most [`SPOKEN_SETUP_WORDS`] words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spoken: Option<String>,
    pub steps: Vec<String>,
    pub cues: Vec<String>,
    pub cautions: Vec<String>,
    /// Done one side at a time: right, then left.
    pub per_side: bool,
    /// Lines of the muscle worked one after another (e.g. inner, middle, outer).
    pub zones: Vec<String>,
    /// The default movement cue of a warm-up exercise.
    pub movement: Option<String>,
    pub sources: Vec<Source>,
    /// How the body lies for the general set-up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Posture>,
    /// Where the tool travels, landmark to landmark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<RollPath>,
    /// The index in `cautions` of the one said aloud when the step starts.
    #[serde(default)]
    pub spoken_caution: usize,
    #[serde(skip)]
    pub origin: Origin,
}

/// One titled block of an exercise's instructions, as `show` and the screens print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub lines: Vec<String>,
    /// Cautions: shown as a warning.
    pub warning: bool,
}

/// The line that ends every exercise's cautions.
pub const PRESSURE_POINTER: &str =
    "How hard to press, when to stop and when not to roll: see the guide `pressure-and-pain`.";

impl Exercise {
    /// The entry for `tool`, if this exercise lists it.
    pub fn equipment_for(&self, tool: Tool) -> Option<&Equipment> {
        self.equipment.iter().find(|q| q.tool == tool)
    }

    /// The set-up to show and speak first: the tool's own when a routine is written for
    /// a tool and the exercise has one, otherwise the general set-up.
    pub fn setup_for(&self, tool: Option<Tool>) -> &str {
        tool.and_then(|t| self.equipment_for(t))
            .and_then(|q| q.setup.as_deref())
            .unwrap_or(&self.setup)
    }

    /// The set-up as the coach says it: the tool's own when a routine is written for a
    /// tool and the exercise has one, otherwise the general one; `None` when the
    /// exercise has no spoken set-up.
    pub fn spoken_setup(&self, tool: Option<Tool>) -> Option<&str> {
        tool.and_then(|t| self.equipment_for(t))
            .and_then(|q| q.spoken.as_deref())
            .or(self.spoken.as_deref())
    }

    /// The steps with `tool` when the exercise has its own for it, otherwise the general ones.
    pub fn steps_for(&self, tool: Option<Tool>) -> &[String] {
        tool.and_then(|t| self.equipment_for(t))
            .map(|q| q.steps.as_slice())
            .filter(|s| !s.is_empty())
            .unwrap_or(&self.steps)
    }

    /// The most important caution, chosen in the data (`spoken_caution`): the one a
    /// coach says aloud before the step.
    pub fn main_caution(&self) -> Option<&str> {
        self.cautions
            .get(self.spoken_caution)
            .or(self.cautions.first())
            .map(String::as_str)
    }

    /// The instructions in order: set-up (for `tool` when given), steps, zones, form,
    /// equipment (`tool` first), sources, then the cautions with the pointer to the
    /// pressure-and-pain guide last.
    pub fn sections(&self, tool: Option<Tool>) -> Vec<Section> {
        let section = |title: String, lines: Vec<String>| Section {
            title,
            lines,
            warning: false,
        };
        let mut out = Vec::new();
        let own_setup = tool.filter(|&t| self.equipment_for(t).is_some_and(|q| q.setup.is_some()));
        let setup_title = match own_setup {
            Some(t) => format!("Set-up with the {}", t.label()),
            None => "Set-up".to_string(),
        };
        out.push(section(setup_title, vec![self.setup_for(tool).to_string()]));
        if let Some(path) = &self.path {
            out.push(section("Path".into(), vec![path.sentence()]));
        }
        out.push(section(
            "Steps".into(),
            self.steps_for(tool)
                .iter()
                .enumerate()
                .map(|(i, s)| format!("{}. {s}", i + 1))
                .collect(),
        ));
        if !self.zones.is_empty() {
            out.push(section(
                "Zones".into(),
                vec![format!("Work each in turn: {}.", self.zones.join(", "))],
            ));
        }
        if !self.cues.is_empty() {
            out.push(section(
                "Form".into(),
                self.cues.iter().map(|c| format!("- {c}")).collect(),
            ));
        }
        let mut tools: Vec<_> = self.equipment.iter().collect();
        // The routine's own tool first: its note is the one that matters today.
        tools.sort_by_key(|q| Some(q.tool) != tool);
        if !tools.is_empty() {
            out.push(section(
                "Equipment".into(),
                tools
                    .iter()
                    .map(|q| match &q.note {
                        Some(n) => format!("- {}: {n}", q.tool.label()),
                        None => format!("- {}", q.tool.label()),
                    })
                    .collect(),
            ));
        }
        if !self.sources.is_empty() {
            out.push(section(
                "Sources".into(),
                self.sources
                    .iter()
                    .map(|s| format!("- {}", s.citation()))
                    .collect(),
            ));
        }
        // The one the coach says aloud is marked, so that a reader sees what is spoken.
        let mut cautions: Vec<String> = self
            .cautions
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == self.spoken_caution && self.cautions.len() > 1 {
                    format!("! {c} (said aloud)")
                } else {
                    format!("! {c}")
                }
            })
            .collect();
        cautions.push(PRESSURE_POINTER.to_string());
        out.push(Section {
            title: "Cautions".into(),
            lines: cautions,
            warning: true,
        });
        out
    }
}

/// How long a step lasts, by style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
                first_side: None,
                first_side_points: None,
            }],
            origin: self.origin.clone(),
        }
    }
}

/// The effective library: built-in items, overridden or extended by the person's own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    pub regions: Vec<Region>,
    pub exercises: Vec<Exercise>,
    pub routines: Vec<Routine>,
    pub guides: Vec<Guide>,
}

impl Library {
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    /// What `foamroll play ID` plays: the routine with that id, or else the exercise
    /// with that id alone (see [`Exercise::alone`]).
    pub fn playable(&self, id: &str) -> Option<Routine> {
        self.routine(id)
            .cloned()
            .or_else(|| self.exercise(id).map(Exercise::alone))
    }

    pub fn routine(&self, id: &str) -> Option<&Routine> {
        self.routines.iter().find(|r| r.id == id)
    }

    pub fn guide(&self, id: &str) -> Option<&Guide> {
        self.guides.iter().find(|g| g.id == id)
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

    /// About how long a routine takes, in seconds, with the default timings and about
    /// [`SEARCH_ESTIMATE_S`] of searching before each hold. Used for "about N minutes".
    pub fn estimate_s(&self, routine: &Routine) -> u32 {
        let defaults = (
            super::bounds::MIN_RECOVERY_HOLD_S,
            DEFAULT_GET_READY_S,
            DEFAULT_REST_S,
        );
        let mut total = routine.get_ready_s.unwrap_or(defaults.1);
        for (i, step) in routine.steps.iter().enumerate() {
            let Some(ex) = self.exercise(&step.exercise) else {
                continue;
            };
            let sides = if ex.per_side { 2 } else { 1 };
            let zones = ex.zones.len().max(1) as u32;
            let one_side = match &step.timing {
                StepTiming::Recovery {
                    min_hold_s, points, ..
                } => zones * points * (SEARCH_ESTIMATE_S + min_hold_s.unwrap_or(defaults.0)),
                StepTiming::Warmup { duration_s, .. } => *duration_s,
            };
            total += sides * one_side + (sides - 1) * DEFAULT_SWITCH_S;
            if i + 1 < routine.steps.len() {
                total += step.rest_s.or(routine.rest_s).unwrap_or(defaults.2);
            }
        }
        total
    }

    /// [`Library::estimate_s`] rounded to whole minutes (at least 1).
    pub fn estimate_minutes(&self, routine: &Routine) -> u32 {
        ((self.estimate_s(routine) + 30) / 60).max(1)
    }

    pub fn summary_line(&self) -> String {
        format!(
            "{} routines, {} exercises, {} regions, {} guides",
            self.routines.len(),
            self.exercises.len(),
            self.regions.len(),
            self.guides.len()
        )
    }
}
