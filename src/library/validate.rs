//! Validation after merging: references between items, the two styles' timing rules
//! and the bounds that protect people. Each problem is a located diagnostic and only
//! the offending item is skipped.

use std::collections::HashMap;

use serde_saphyr::Location;

use std::ops::RangeInclusive;

use serde_saphyr::Spanned;

use super::bounds::{
    DEFAULT_WARMUP_DURATION_S, GET_READY_S, MIN_RECOVERY_HOLD_S, POINTS, RECOVERY_HOLD_S, REST_S,
    SEARCH_LIMIT_S, WARMUP_DURATION_S,
};
use super::diagnostic::{Diagnostic, Position, Severity};
use super::landmarks::BODY_MAP_PARTS;
use super::merge::{FromFile, Merged};
use super::model::{
    Equipment, Exercise, Guide, GuideSection, Library, Origin, PathEnd, Region, RollPath,
    RollingPolicy, Routine, RoutineStep, Source, StepTiming, Style, Tool,
};
use super::source::{Layer, SourceFile};
use super::yaml::{
    RawExercise, RawGuide, RawRegion, RawRolling, RawRoutine, RawSource, RawStep, Text,
};
use crate::text::{did_you_mean, join_or};

pub(super) struct Validator<'a> {
    pub(super) files: &'a [SourceFile],
    pub(super) diagnostics: &'a mut Vec<Diagnostic>,
}

type ExerciseIndex<'a> = HashMap<&'a str, &'a Exercise>;

/// What routines may refer to, indexed: a library may hold tens of thousands of items.
struct Known<'a> {
    regions: &'a [Region],
    exercises: &'a ExerciseIndex<'a>,
    unusable: &'a HashMap<String, Unusable>,
}

/// Why an exercise id cannot be used by a routine.
enum Unusable {
    Invalid,
    Avoided {
        region: String,
        reason: String,
        alternatives: Vec<String>,
    },
}

impl Validator<'_> {
    fn error(&mut self, file: usize, at: &Location, msg: String) {
        self.diag(Severity::Error, file, at, msg);
    }

    fn diag(&mut self, severity: Severity, file: usize, at: &Location, msg: String) {
        let f = &self.files[file];
        self.diagnostics.push(Diagnostic::at(
            severity,
            &f.path,
            Some(&f.text),
            Position::from_location(at),
            msg,
        ));
    }

    fn origin(&self, file: usize) -> Origin {
        let f = &self.files[file];
        Origin {
            path: f.path.clone(),
            builtin: f.layer == Layer::Builtin,
        }
    }

    pub(super) fn validate(mut self, merged: Merged) -> Library {
        let raw_regions: Vec<_> = merged.regions.into_iter().flatten().collect();
        let region_ids: HashMap<&str, Option<RawRolling>> = raw_regions
            .iter()
            .map(|r| {
                (
                    r.item.id.value.as_str(),
                    r.item.rolling.as_ref().map(|s| s.value),
                )
            })
            .collect();
        let mut regions = Vec::new();
        for r in &raw_regions {
            if let Some(region) = self.region(r, &region_ids) {
                regions.push(region);
            }
        }
        let mut exercises = Vec::new();
        let mut unusable: HashMap<String, Unusable> = HashMap::new();
        for e in merged.exercises.into_iter().flatten() {
            match self.exercise(e, &regions) {
                Ok(ex) => exercises.push(ex),
                Err((id, why)) => {
                    unusable.insert(id, why);
                }
            }
        }
        let mut routines = Vec::new();
        {
            let index: ExerciseIndex = exercises.iter().map(|e| (e.id.as_str(), e)).collect();
            let known = Known {
                regions: &regions,
                exercises: &index,
                unusable: &unusable,
            };
            for r in merged.routines.into_iter().flatten() {
                if let Some(routine) = self.routine(r, &known) {
                    routines.push(routine);
                }
            }
        }
        for r in &mut regions {
            let raw = raw_regions.iter().find(|raw| raw.item.id.value == r.id);
            if let (Some(id), Some(raw)) = (&r.instead, raw)
                && let Some(at) = &raw.item.instead
                && !routines.iter().any(|rt| &rt.id == id)
            {
                self.error(
                    raw.file,
                    &at.referenced,
                    format!(
                        "region `{}`: `instead` names routine `{id}`, which is not in the library{}",
                        r.id,
                        did_you_mean(id, routines.iter().map(|rt| rt.id.as_str()))
                    ),
                );
                r.instead = None;
            }
        }
        let mut guides = Vec::new();
        for g in merged.guides.into_iter().flatten() {
            if let Some(guide) = self.guide(g) {
                guides.push(guide);
            }
        }
        Library {
            regions,
            exercises,
            routines,
            guides,
        }
    }

    /// Checks `value` against a bound that protects people; false (and an error) outside it.
    fn within(
        &mut self,
        file: usize,
        who: &str,
        field: &str,
        value: &Spanned<u32>,
        range: RangeInclusive<u32>,
        unit: &str,
    ) -> bool {
        if range.contains(&value.value) {
            return true;
        }
        self.error(
            file,
            &value.referenced,
            format!(
                "{who}: `{field}` is {}{unit}; it must be between {} and {}{unit}",
                value.value,
                range.start(),
                range.end()
            ),
        );
        false
    }

    /// A source is an article (a title, or its authors and what it is about when it has
    /// none) or a study (authors, year and journal; the title when known).
    fn sources(&mut self, file: usize, who: &str, raw: Vec<RawSource>) -> Option<Vec<Source>> {
        let mut out = Vec::new();
        let mut ok = true;
        for s in raw {
            let at = s
                .title
                .as_ref()
                .or(s.authors.as_ref())
                .or(s.about.as_ref())
                .or(s.journal.as_ref())
                .map(|t| t.at);
            let Some(at) = at else {
                ok = false;
                continue;
            };
            let study = s.year.is_some() || s.journal.is_some();
            let problem = if study {
                (s.authors.is_none() || s.year.is_none() || s.journal.is_none()).then_some(
                    "a study source names its `authors`, `year` and `journal` (an article gives its `title`)",
                )
            } else if s.title.is_none() && (s.authors.is_none() || s.about.is_none()) {
                Some(
                    "an article source gives its `title`, or, when it has none, its `authors` and what it is `about`",
                )
            } else {
                None
            };
            if let Some(problem) = problem {
                self.error(file, &at, format!("{who}: {problem}"));
                ok = false;
                continue;
            }
            if let Some(year) = &s.year
                && !(1900..=2100).contains(&year.value)
            {
                self.error(
                    file,
                    &year.referenced,
                    format!("{who}: `year` {} is not a plausible year", year.value),
                );
                ok = false;
                continue;
            }
            out.push(Source {
                title: s.title.map(Text::into_string),
                about: s.about.map(Text::into_string),
                authors: s.authors.map(Text::into_string),
                year: s.year.map(|y| y.value),
                journal: s.journal.map(Text::into_string),
            });
        }
        ok.then_some(out)
    }

    fn guide(&mut self, g: FromFile<RawGuide>) -> Option<Guide> {
        let raw = g.item;
        let id = raw.id.value.clone();
        let who = format!("guide `{id}`");
        if raw.sections.is_empty() {
            self.error(g.file, &raw.id.referenced, format!("{who} has no sections"));
            return None;
        }
        let mut sections = Vec::new();
        for s in raw.sections {
            if s.paragraphs.is_empty() {
                self.error(
                    g.file,
                    &s.heading.at,
                    format!("{who}: section `{}` has no paragraphs", s.heading.value),
                );
                return None;
            }
            sections.push(GuideSection {
                heading: s.heading.value,
                paragraphs: s.paragraphs.into_iter().map(Text::into_string).collect(),
            });
        }
        let sources = self.sources(g.file, &who, raw.sources)?;
        Some(Guide {
            id,
            title: raw.title.value,
            short: raw.short.map(Text::into_string),
            sections,
            sources,
            origin: self.origin(g.file),
        })
    }

    fn region(
        &mut self,
        r: &FromFile<RawRegion>,
        all: &HashMap<&str, Option<RawRolling>>,
    ) -> Option<Region> {
        let raw = &r.item;
        let id = &raw.id;
        let rolling = raw.rolling.as_ref().map_or(RawRolling::Normal, |s| s.value);
        for part in &raw.body_map {
            if !BODY_MAP_PARTS.contains(&part.value.as_str()) {
                self.error(
                    r.file,
                    &part.referenced,
                    format!(
                        "region `{}`: unknown body map part `{}`{}",
                        id.value,
                        part.value,
                        did_you_mean(&part.value, BODY_MAP_PARTS.iter().copied())
                    ),
                );
                return None;
            }
        }
        let policy = match rolling {
            RawRolling::Normal => {
                if let Some(instead) = &raw.instead {
                    self.error(
                        r.file,
                        &instead.referenced,
                        format!(
                            "region `{}`: `instead` belongs to `rolling: avoid`",
                            id.value
                        ),
                    );
                    return None;
                }
                if raw.reason.is_some() || !raw.alternatives.is_empty() {
                    self.error(
                        r.file,
                        &id.referenced,
                        format!(
                            "region `{}`: `reason` and `alternatives` belong to `rolling: avoid`",
                            id.value
                        ),
                    );
                    return None;
                }
                RollingPolicy::Normal
            }
            RawRolling::Avoid => {
                let Some(reason) = raw.reason.clone() else {
                    self.error(r.file, &id.referenced, format!(
                        "region `{}` has `rolling: avoid` but no `reason`: say why it is not rolled", id.value));
                    return None;
                };
                if raw.alternatives.is_empty() {
                    self.error(r.file, &id.referenced, format!(
                        "region `{}` has `rolling: avoid` but no `alternatives`: name the regions to work instead", id.value));
                    return None;
                }
                let mut ok = true;
                for alt in &raw.alternatives {
                    match all.get(alt.value.as_str()) {
                        None => {
                            self.error(
                                r.file,
                                &alt.referenced,
                                format!(
                                    "unknown region `{}` in alternatives{}",
                                    alt.value,
                                    did_you_mean(&alt.value, all.keys().copied())
                                ),
                            );
                            ok = false;
                        }
                        Some(Some(RawRolling::Avoid)) => {
                            self.error(
                                r.file,
                                &alt.referenced,
                                format!("alternative `{}` is itself a region to avoid", alt.value),
                            );
                            ok = false;
                        }
                        Some(_) => {}
                    }
                }
                if !ok {
                    return None;
                }
                RollingPolicy::Avoid {
                    reason: reason.into_string(),
                    alternatives: raw.alternatives.iter().map(|a| a.value.clone()).collect(),
                }
            }
        };
        Some(Region {
            id: id.value.clone(),
            name: raw.name.value.clone(),
            singular: raw.singular.clone().map(Text::into_string),
            description: raw.description.clone().map(Text::into_string),
            policy,
            instead: raw.instead.as_ref().map(|i| i.value.clone()),
            stay_off: raw.stay_off.iter().map(|l| l.value).collect(),
            body_map: raw.body_map.iter().map(|p| p.value.clone()).collect(),
            origin: self.origin(r.file),
        })
    }

    fn exercise(
        &mut self,
        e: FromFile<RawExercise>,
        regions: &[Region],
    ) -> Result<Exercise, (String, Unusable)> {
        let raw = e.item;
        let id = raw.id.value.clone();
        let Some(region) = regions.iter().find(|r| r.id == raw.region.value) else {
            self.error(
                e.file,
                &raw.region.referenced,
                format!(
                    "exercise `{id}`: unknown region `{}`{}",
                    raw.region.value,
                    did_you_mean(&raw.region.value, regions.iter().map(|r| r.id.as_str()))
                ),
            );
            return Err((id, Unusable::Invalid));
        };
        if let Some((reason, alternatives)) = region.avoid() {
            self.error(
                e.file,
                &raw.region.referenced,
                avoid_message(
                    &format!("exercise `{id}`"),
                    &region.name,
                    reason,
                    alternatives,
                    regions,
                ),
            );
            return Err((
                id,
                Unusable::Avoided {
                    region: region.name.clone(),
                    reason: reason.to_string(),
                    alternatives: alternatives.to_vec(),
                },
            ));
        }
        if raw.steps.is_empty() {
            self.error(
                e.file,
                &raw.id.referenced,
                format!("exercise `{id}` has no steps"),
            );
            return Err((id, Unusable::Invalid));
        }
        let Some(sources) = self.sources(e.file, &format!("exercise `{id}`"), raw.sources) else {
            return Err((id, Unusable::Invalid));
        };
        for spoken in raw
            .spoken
            .iter()
            .chain(raw.equipment.iter().filter_map(|q| q.spoken.as_ref()))
        {
            for why in super::model::ear_problems(&spoken.value) {
                self.error(
                    e.file,
                    &spoken.at,
                    format!("exercise `{id}`: spoken set-up: {why}"),
                );
            }
        }
        let spoken_caution = match &raw.spoken_caution {
            None => 0,
            Some(n) if n.value >= 1 && n.value as usize <= raw.cautions.len() => {
                n.value as usize - 1
            }
            Some(n) => {
                self.error(
                    e.file,
                    &n.referenced,
                    format!(
                        "exercise `{id}`: `spoken_caution` is {}, but it has {} caution(s): give the number of the one to say aloud, 1 for the first",
                        n.value,
                        raw.cautions.len()
                    ),
                );
                return Err((id, Unusable::Invalid));
            }
        };
        let path = raw.path.as_ref().map(|p| RollPath {
            from: PathEnd {
                landmark: p.from.landmark.value,
                distance: p.from.distance,
            },
            to: PathEnd {
                landmark: p.to.landmark.value,
                distance: p.to.distance,
            },
        });
        if let (Some(p), Some(rp)) = (&path, &raw.path) {
            for (end, at) in [
                (p.from, &rp.from.landmark.referenced),
                (p.to, &rp.to.landmark.referenced),
            ] {
                if let Some(why) = end.refusal(&region.stay_off) {
                    self.error(
                        e.file,
                        at,
                        format!(
                            "exercise `{id}`: its path is refused: {why} (region `{}`)",
                            region.id
                        ),
                    );
                    return Err((id, Unusable::Invalid));
                }
            }
        }
        for nerve in region.nerves_and_vessels() {
            if !raw.cautions.iter().any(|c| nerve.named_by(&c.value)) {
                self.error(
                    e.file,
                    &raw.id.referenced,
                    format!(
                        "exercise `{id}`: region `{}` lists `{}` ({}), but no caution names it: say what runs there ({}) and where ({})",
                        region.id,
                        nerve.id(),
                        nerve.words(),
                        join_or(&nerve.structure_words().iter().map(|w| w.to_string()).collect::<Vec<_>>()),
                        join_or(&nerve.place_words().iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>()),
                    ),
                );
                return Err((id, Unusable::Invalid));
            }
        }
        let texts = |v: Vec<Text>| v.into_iter().map(Text::into_string).collect();
        Ok(Exercise {
            id,
            name: raw.name.value,
            region: raw.region.value,
            style: raw.style,
            summary: raw.summary.map(Text::into_string),
            equipment: raw
                .equipment
                .into_iter()
                .map(|q| Equipment {
                    tool: q.tool,
                    note: q.note.map(Text::into_string),
                    setup: q.setup.map(Text::into_string),
                    spoken: q.spoken.map(Text::into_string),
                    steps: q.steps.into_iter().map(Text::into_string).collect(),
                })
                .collect(),
            setup: raw.setup.value,
            spoken: raw.spoken.map(Text::into_string),
            steps: texts(raw.steps),
            cues: texts(raw.cues),
            cautions: texts(raw.cautions),
            per_side: raw.per_side,
            zones: texts(raw.zones),
            movement: raw.movement.map(Text::into_string),
            sources,
            position: raw.position,
            path,
            spoken_caution,
            origin: self.origin(e.file),
        })
    }

    fn routine(&mut self, r: FromFile<RawRoutine>, known: &Known) -> Option<Routine> {
        let raw = r.item;
        let id = raw.id.value.clone();
        if raw.steps.is_empty() {
            self.error(
                r.file,
                &raw.id.referenced,
                format!("routine `{id}` has no steps"),
            );
            return None;
        }
        let mut ok = true;
        let who = format!("routine `{id}`");
        if let Some(v) = &raw.get_ready {
            ok &= self.within(r.file, &who, "get_ready", v, GET_READY_S, " s");
        }
        if let Some(v) = &raw.rest {
            ok &= self.within(r.file, &who, "rest", v, REST_S, " s");
        }
        let mut steps = Vec::new();
        for (n, step) in raw.steps.into_iter().enumerate() {
            match self.step(r.file, &id, n + 1, raw.style.value, step, known) {
                Some(s) => steps.push(s),
                None => ok = false,
            }
        }
        if let Some(tool) = &raw.equipment {
            for step in &steps {
                let entry = known
                    .exercises
                    .get(step.exercise.as_str())
                    .and_then(|e| e.equipment_for(tool.value));
                match entry {
                    None => {
                        self.error(r.file, &tool.referenced, format!(
                            "routine `{id}` is for the {} but exercise `{}` does not list it under `equipment`",
                            tool.value.label(), step.exercise));
                        ok = false;
                    }
                    // The general set-up is written for the foam roller.
                    Some(q) if q.setup.is_none() && tool.value != Tool::Roller => {
                        self.diag(Severity::Warning, r.file, &tool.referenced, format!(
                            "routine `{id}` is for the {} but exercise `{}` has no `setup` for it; the general set-up is shown",
                            tool.value.label(), step.exercise));
                    }
                    Some(_) => {}
                }
            }
        }
        if !ok {
            return None;
        }
        Some(Routine {
            id,
            name: raw.name.value,
            style: raw.style.value,
            description: raw.description.value,
            get_ready_s: raw.get_ready.map(|v| v.value),
            rest_s: raw.rest.map(|v| v.value),
            finish: raw.finish.map(Text::into_string),
            equipment: raw.equipment.map(|t| t.value),
            steps,
            origin: self.origin(r.file),
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn step(
        &mut self,
        file: usize,
        routine: &str,
        n: usize,
        style: Style,
        step: RawStep,
        known: &Known,
    ) -> Option<RoutineStep> {
        let ex_id = &step.exercise;
        let who = format!("routine `{routine}`, step {n}");
        let Some(exercise) = known.exercises.get(ex_id.value.as_str()) else {
            let msg = match known.unusable.get(&ex_id.value) {
                Some(Unusable::Avoided {
                    region,
                    reason,
                    alternatives,
                }) => avoid_message(&who, region, reason, alternatives, known.regions),
                Some(Unusable::Invalid) => {
                    format!("{who}: exercise `{}` has errors (see above)", ex_id.value)
                }
                None => {
                    let ids = known.exercises.keys().copied();
                    let ids = ids.chain(known.unusable.keys().map(String::as_str));
                    format!(
                        "{who}: unknown exercise `{}`{}",
                        ex_id.value,
                        did_you_mean(&ex_id.value, ids)
                    )
                }
            };
            self.error(file, &ex_id.referenced, msg);
            return None;
        };
        if exercise.style != style {
            self.error(
                file,
                &ex_id.referenced,
                format!(
                    "{who}: `{}` is a {} exercise but this is a {} routine",
                    exercise.id,
                    exercise.style.label(),
                    style.label()
                ),
            );
            return None;
        }
        let mut misplaced = |field: &str, at: Option<&Location>, why: &str| -> bool {
            if let Some(at) = at {
                self.error(file, at, format!("{who}: {why} (`{field}`)"));
                true
            } else {
                false
            }
        };
        let timing = match style {
            Style::Recovery => {
                let dur = misplaced(
                    "duration",
                    step.duration.as_ref().map(|s| &s.referenced),
                    "a recovery step has no fixed duration: the person holds each spot until it eases",
                );
                let cue = misplaced(
                    "cue",
                    step.cue.as_ref().map(|s| &s.referenced),
                    "movement cues belong to warm-up steps",
                );
                if dur || cue {
                    return None;
                }
                if let Some(hold) = &step.hold
                    && !RECOVERY_HOLD_S.contains(&hold.value)
                {
                    let (lo, hi) = (RECOVERY_HOLD_S.start(), RECOVERY_HOLD_S.end());
                    let why = if hold.value < MIN_RECOVERY_HOLD_S {
                        "the discomfort should start to ease after about 30 s"
                    } else {
                        "no more than two minutes on one spot"
                    };
                    self.error(
                        file,
                        &hold.referenced,
                        format!(
                            "{who}: hold is {} s; a recovery hold is {lo} to {hi} s ({why})",
                            hold.value
                        ),
                    );
                    return None;
                }
                if let Some(points) = &step.points
                    && !self.within(file, &who, "points", points, POINTS, "")
                {
                    return None;
                }
                if let Some(limit) = &step.search_limit
                    && !self.within(file, &who, "search_limit", limit, SEARCH_LIMIT_S, " s")
                {
                    return None;
                }
                if let Some(first) = &step.first_side_points
                    && !self.within(file, &who, "first_side_points", first, POINTS, "")
                {
                    return None;
                }
                StepTiming::Recovery {
                    min_hold_s: step.hold.map(|h| h.value),
                    points: step.points.map_or(1, |p| p.value),
                    search_limit_s: step.search_limit.map(|s| s.value),
                }
            }
            Style::Warmup => {
                let hold = misplaced(
                    "hold",
                    step.hold.as_ref().map(|s| &s.referenced),
                    "a warm-up step has no hold: keep moving and never linger on a tender spot",
                );
                let points = misplaced(
                    "points",
                    step.points.as_ref().map(|s| &s.referenced),
                    "warm-up steps do not search for tender spots",
                );
                let search = misplaced(
                    "search_limit",
                    step.search_limit.as_ref().map(|s| &s.referenced),
                    "warm-up steps do not search for tender spots",
                );
                let first_points = misplaced(
                    "first_side_points",
                    step.first_side_points.as_ref().map(|s| &s.referenced),
                    "warm-up steps do not search for tender spots",
                );
                if hold || points || search || first_points {
                    return None;
                }
                let duration_s = match &step.duration {
                    Some(d) => {
                        if !self.within(file, &who, "duration", d, WARMUP_DURATION_S, " s per side")
                        {
                            return None;
                        }
                        d.value
                    }
                    None => DEFAULT_WARMUP_DURATION_S,
                };
                let cue = match (step.cue, &exercise.movement) {
                    (Some(c), _) => c.value.into_string(),
                    (None, Some(m)) => m.clone(),
                    (None, None) => {
                        self.error(file, &ex_id.referenced, format!(
                            "{who}: a warm-up step needs a movement `cue` (or a `movement` on exercise `{}`)", exercise.id));
                        return None;
                    }
                };
                StepTiming::Warmup { duration_s, cue }
            }
        };
        if let Some(rest) = &step.rest
            && !self.within(file, &who, "rest", rest, REST_S, " s")
        {
            return None;
        }
        for (field, at) in [
            (
                "first_side",
                step.first_side.as_ref().map(|s| &s.referenced),
            ),
            (
                "first_side_points",
                step.first_side_points.as_ref().map(|s| &s.referenced),
            ),
        ] {
            if let Some(at) = at
                && !exercise.per_side
            {
                let msg = format!(
                    "{who}: `{field}` needs an exercise done one side at a time, and `{}` is not",
                    exercise.id
                );
                self.error(file, at, msg);
                return None;
            }
        }
        Some(RoutineStep {
            exercise: exercise.id.clone(),
            timing,
            rest_s: step.rest.map(|r| r.value),
            first_side: step.first_side.map(|s| s.value),
            first_side_points: step.first_side_points.map(|s| s.value),
        })
    }
}

fn avoid_message(
    who: &str,
    region: &str,
    reason: &str,
    alternatives: &[String],
    regions: &[Region],
) -> String {
    let names: Vec<String> = alternatives
        .iter()
        .map(|id| {
            regions
                .iter()
                .find(|r| &r.id == id)
                .map_or(id.clone(), |r| r.name.to_lowercase())
        })
        .collect();
    format!(
        "{who} targets the {region}, which is never rolled: {} Work the {} instead.",
        reason.trim(),
        join_or(&names)
    )
}
