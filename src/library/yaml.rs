//! The YAML file format as people write it. These types keep source locations
//! (`Spanned`) so that every later check can point at the exact line and column.

use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use super::landmarks::{Distance, Landmark, Posture};
use super::model::{Side, Style, Tool};
use super::scalar;
pub use super::scalar::Text;

/// The format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    #[serde(deserialize_with = "scalar::spanned_whole")]
    pub version: Spanned<u32>,
    #[serde(default)]
    pub regions: Vec<RawRegion>,
    #[serde(default)]
    pub exercises: Vec<RawExercise>,
    #[serde(default)]
    pub routines: Vec<RawRoutine>,
    #[serde(default)]
    pub guides: Vec<RawGuide>,
    /// Items refused for a character in their text that could act on the terminal
    /// (see [`RawFile::refuse_forbidden`]), as errors for the loader to report.
    #[serde(skip)]
    pub refused: Vec<super::diagnostic::Diagnostic>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawRolling {
    #[default]
    Normal,
    Avoid,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    #[serde(deserialize_with = "scalar::id")]
    pub id: Spanned<String>,
    #[serde(deserialize_with = "scalar::one_line")]
    pub name: Text,
    /// One side of it, in the singular: "quad" for `right quad`.
    #[serde(default, deserialize_with = "scalar::opt_one_line")]
    pub singular: Option<Text>,
    #[serde(default)]
    pub description: Option<Text>,
    #[serde(default)]
    pub rolling: Option<Spanned<RawRolling>>,
    #[serde(default)]
    pub reason: Option<Text>,
    #[serde(default)]
    pub alternatives: Vec<Spanned<String>>,
    /// The routine to play instead (`rolling: avoid` only).
    #[serde(default, deserialize_with = "scalar::opt_id")]
    pub instead: Option<Spanned<String>>,
    /// Landmarks no exercise of the region may end on.
    #[serde(default)]
    pub stay_off: Vec<Spanned<Landmark>>,
    /// The parts of the body map the region lights.
    #[serde(default)]
    pub body_map: Vec<Spanned<String>>,
}

/// One end of an exercise's path.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPathEnd {
    pub landmark: Spanned<Landmark>,
    pub distance: Distance,
}

/// Where the tool travels: from one landmark to another.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPath {
    pub from: RawPathEnd,
    pub to: RawPathEnd,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEquipment {
    pub tool: Tool,
    #[serde(default)]
    pub note: Option<Text>,
    /// How to set up with this tool, when it differs from the exercise's `setup`.
    #[serde(default)]
    pub setup: Option<Text>,
    /// The steps with this tool, when they differ from the exercise's `steps`.
    #[serde(default)]
    pub steps: Vec<Text>,
    /// The set-up with this tool as the coach says it (at most about 20 words).
    #[serde(default)]
    pub spoken: Option<Text>,
}

/// Where a piece of content comes from: an article (title only) or a study
/// (authors, year and journal as well).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    #[serde(default, deserialize_with = "scalar::opt_one_line")]
    pub title: Option<Text>,
    /// What kind of work it is, or what an untitled article is about.
    #[serde(default, deserialize_with = "scalar::opt_one_line")]
    pub about: Option<Text>,
    #[serde(default, deserialize_with = "scalar::opt_one_line")]
    pub authors: Option<Text>,
    #[serde(default, deserialize_with = "scalar::opt_spanned_whole")]
    pub year: Option<Spanned<u32>>,
    #[serde(default, deserialize_with = "scalar::opt_one_line")]
    pub journal: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    #[serde(deserialize_with = "scalar::one_line")]
    pub heading: Text,
    pub paragraphs: Vec<Text>,
}

/// A guide: reading matter (pressure and pain, why SMR) rather than something to do.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGuide {
    #[serde(deserialize_with = "scalar::id")]
    pub id: Spanned<String>,
    #[serde(deserialize_with = "scalar::one_line")]
    pub title: Text,
    /// One or two sentences that can be spoken; defaults to the first paragraph.
    #[serde(default)]
    pub short: Option<Text>,
    pub sections: Vec<RawSection>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExercise {
    #[serde(deserialize_with = "scalar::id")]
    pub id: Spanned<String>,
    #[serde(deserialize_with = "scalar::one_line")]
    pub name: Text,
    #[serde(deserialize_with = "scalar::id")]
    pub region: Spanned<String>,
    pub style: Style,
    #[serde(default)]
    pub summary: Option<Text>,
    #[serde(default)]
    pub equipment: Vec<RawEquipment>,
    pub setup: Text,
    /// The set-up as the coach says it: at most about 20 words, written for the ear.
    #[serde(default)]
    pub spoken: Option<Text>,
    pub steps: Vec<Text>,
    #[serde(default)]
    pub cues: Vec<Text>,
    #[serde(default)]
    pub cautions: Vec<Text>,
    #[serde(default)]
    pub per_side: bool,
    #[serde(default, deserialize_with = "scalar::one_line_list")]
    pub zones: Vec<Text>,
    #[serde(default)]
    pub movement: Option<Text>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// How the body lies for the general set-up.
    #[serde(default)]
    pub position: Option<Posture>,
    /// Where the tool travels.
    #[serde(default)]
    pub path: Option<RawPath>,
    /// Which caution (1 is the first) the coach says aloud when the step starts.
    #[serde(default, deserialize_with = "scalar::opt_spanned_whole")]
    pub spoken_caution: Option<Spanned<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    #[serde(deserialize_with = "scalar::id")]
    pub exercise: Spanned<String>,
    #[serde(default, deserialize_with = "scalar::opt_spanned_whole")]
    pub hold: Option<Spanned<u32>>,
    #[serde(default, deserialize_with = "scalar::opt_spanned_whole")]
    pub points: Option<Spanned<u32>>,
    #[serde(default, deserialize_with = "scalar::opt_spanned_whole")]
    pub search_limit: Option<Spanned<u32>>,
    #[serde(default, deserialize_with = "scalar::opt_spanned_whole")]
    pub duration: Option<Spanned<u32>>,
    #[serde(default)]
    pub cue: Option<Spanned<Text>>,
    #[serde(default, deserialize_with = "scalar::opt_spanned_whole")]
    pub rest: Option<Spanned<u32>>,
    /// `right` or `left`: the side a per-side exercise starts with.
    #[serde(default)]
    pub first_side: Option<Spanned<Side>>,
    /// Trigger points on the first side, when it needs more than `points`.
    #[serde(default)]
    pub first_side_points: Option<Spanned<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRoutine {
    #[serde(deserialize_with = "scalar::id")]
    pub id: Spanned<String>,
    #[serde(deserialize_with = "scalar::one_line")]
    pub name: Text,
    pub style: Spanned<Style>,
    pub description: Text,
    #[serde(default, deserialize_with = "scalar::opt_spanned_whole")]
    pub get_ready: Option<Spanned<u32>>,
    #[serde(default, deserialize_with = "scalar::opt_spanned_whole")]
    pub rest: Option<Spanned<u32>>,
    #[serde(default)]
    pub finish: Option<Text>,
    /// The tool this routine is written for; its notes are shown first.
    #[serde(default)]
    pub equipment: Option<Spanned<Tool>>,
    pub steps: Vec<RawStep>,
}

fn region_texts(r: &RawRegion) -> Vec<&Text> {
    let mut texts = vec![&r.name];
    texts.extend(r.description.iter().chain(&r.singular));
    texts.extend(&r.reason);
    texts
}

fn exercise_texts(e: &RawExercise) -> Vec<&Text> {
    let mut texts = vec![&e.name, &e.setup];
    texts.extend(&e.spoken);
    texts.extend(e.summary.iter().chain(&e.movement));
    texts.extend(
        e.steps
            .iter()
            .chain(&e.cues)
            .chain(&e.cautions)
            .chain(&e.zones),
    );
    for q in &e.equipment {
        texts.extend(q.note.iter().chain(&q.setup).chain(&q.steps));
        texts.extend(&q.spoken);
    }
    push_sources(&mut texts, &e.sources);
    texts
}

fn guide_texts(g: &RawGuide) -> Vec<&Text> {
    let mut texts = vec![&g.title];
    texts.extend(&g.short);
    for section in &g.sections {
        texts.push(&section.heading);
        texts.extend(&section.paragraphs);
    }
    push_sources(&mut texts, &g.sources);
    texts
}

fn routine_texts(r: &RawRoutine) -> Vec<&Text> {
    let mut texts = vec![&r.name, &r.description];
    texts.extend(&r.finish);
    texts.extend(
        r.steps
            .iter()
            .filter_map(|s| s.cue.as_ref().map(|c| &c.value)),
    );
    texts
}

/// Keeps the items of `items` whose texts are clean; says where each refused one's
/// character is, and which item it was.
fn keep_clean<T>(
    items: &mut Vec<T>,
    texts: impl Fn(&T) -> Vec<&Text>,
    name: impl Fn(&T) -> String,
) -> Vec<(Location, char, String)> {
    let mut refused = Vec::new();
    items.retain(
        |item| match texts(item).into_iter().find_map(Text::forbidden) {
            Some((at, c)) => {
                refused.push((at, c, name(item)));
                false
            }
            None => true,
        },
    );
    refused
}

impl RawFile {
    /// Removes each item with a text that holds a character which could act on a
    /// terminal or make text read differently from what it says (a bidirectional
    /// control): that item is refused, the file's other items are kept. Returns where
    /// each character was, what it was, and the item ("routine `x`").
    pub fn refuse_forbidden(&mut self) -> Vec<(Location, char, String)> {
        let mut out = keep_clean(&mut self.regions, region_texts, |r| {
            format!("region `{}`", r.id.value)
        });
        out.extend(keep_clean(&mut self.exercises, exercise_texts, |e| {
            format!("exercise `{}`", e.id.value)
        }));
        out.extend(keep_clean(&mut self.guides, guide_texts, |g| {
            format!("guide `{}`", g.id.value)
        }));
        out.extend(keep_clean(&mut self.routines, routine_texts, |r| {
            format!("routine `{}`", r.id.value)
        }));
        out
    }
}

fn push_sources<'a>(texts: &mut Vec<&'a Text>, sources: &'a [RawSource]) {
    for s in sources {
        texts.extend(s.title.iter().chain(&s.about));
        texts.extend(s.authors.iter().chain(&s.journal));
    }
}
