//! Turning files into a validated [`Library`]. One bad file or item never stops the
//! rest: each problem becomes a [`Diagnostic`] and only the offending item is skipped.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use serde_saphyr::options::DuplicateKeyPolicy;
use serde_saphyr::{Location, Options, Spanned};

use super::diagnostic::{Diagnostic, Position, Severity};
use super::model::{
    Equipment, Exercise, Library, Origin, Region, RollingPolicy, Routine, RoutineStep, StepTiming,
    Style,
};
use super::yaml::{
    FORMAT_VERSION, RawExercise, RawFile, RawRegion, RawRolling, RawRoutine, RawStep, Text,
};
use crate::text::forbidden_char;

/// Routine files are small; anything larger is refused before it is parsed.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The shortest hold that lets a trigger point release.
pub const MIN_RECOVERY_HOLD_S: u32 = 30;
const MAX_HOLD_S: u32 = 600;
const MAX_DURATION_S: u32 = 600;
const DEFAULT_WARMUP_DURATION_S: u32 = 30;

/// Where a file comes from. Later layers override earlier ones by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    Builtin,
    /// `$XDG_CONFIG_HOME/foamroll/routines/`
    Config,
    /// `--library DIR`
    Library,
    /// Paths given to `foamroll check`.
    Check,
}

#[derive(Debug)]
struct SourceFile {
    path: String,
    layer: Layer,
    text: String,
}

#[derive(Debug, Default)]
pub struct LoadReport {
    pub library: Library,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadReport {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Collects files, then [`Loader::finish`] parses, merges and validates them.
#[derive(Debug, Default)]
pub struct Loader {
    files: Vec<SourceFile>,
    diagnostics: Vec<Diagnostic>,
}

impl Loader {
    pub fn new() -> Self {
        Self::default()
    }

    /// A loader that already holds the library built into the binary.
    pub fn with_builtin() -> Self {
        let mut loader = Self::new();
        for (path, text) in super::builtin::FILES {
            loader.add_bytes(path, Layer::Builtin, text.as_bytes());
        }
        loader
    }

    /// Adds one file's content. Size, encoding and control characters are checked
    /// here, before any YAML parsing.
    pub fn add_bytes(&mut self, path: &str, layer: Layer, bytes: &[u8]) {
        match check_raw(path, bytes) {
            Ok(text) => self.files.push(SourceFile {
                path: path.to_string(),
                layer,
                text,
            }),
            Err(d) => self.diagnostics.push(d),
        }
    }

    /// Adds a file, or every `*.yaml`/`*.yml` file of a folder (sorted by name).
    /// A missing folder is reported unless `optional` (the config folder need not exist).
    pub fn add_path(&mut self, path: &Path, layer: Layer, optional: bool) {
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) if optional && e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => self.io_error(&shown, &e),
            Ok(meta) if meta.is_dir() => match std::fs::read_dir(path) {
                Err(e) => self.io_error(&shown, &e),
                Ok(entries) => {
                    let mut files: Vec<_> = entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| {
                            p.extension().is_some_and(|x| x == "yaml" || x == "yml") && p.is_file()
                        })
                        .collect();
                    files.sort();
                    for file in files {
                        self.add_file(&file, layer);
                    }
                }
            },
            Ok(_) => self.add_file(path, layer),
        }
    }

    fn add_file(&mut self, path: &Path, layer: Layer) {
        let shown = path.display().to_string();
        let read = std::fs::File::open(path).and_then(|f| {
            let mut buf = Vec::new();
            // Read one byte past the limit so an oversized file is detected without
            // reading all of it, even if it grew after its size was checked.
            f.take(MAX_FILE_BYTES + 1).read_to_end(&mut buf)?;
            Ok(buf)
        });
        match read {
            Ok(bytes) => self.add_bytes(&shown, layer, &bytes),
            Err(e) => self.io_error(&shown, &e),
        }
    }

    fn io_error(&mut self, path: &str, e: &std::io::Error) {
        self.diagnostics.push(Diagnostic::at(
            Severity::Error,
            path,
            None,
            Position::START,
            format!("cannot read: {e}"),
        ));
    }

    pub fn finish(mut self) -> LoadReport {
        // Stable, so files keep their order inside a layer.
        self.files.sort_by_key(|f| f.layer);
        let mut merged = Merged::default();
        for (index, (file, parsed)) in self.files.iter().zip(parse_all(&self.files)).enumerate() {
            match parsed {
                Ok(raw) => merged.add(index, file, raw, &mut self.diagnostics),
                Err(d) => self.diagnostics.push(d),
            }
        }
        let library = Validator {
            files: &self.files,
            diagnostics: &mut self.diagnostics,
        }
        .validate(merged);
        LoadReport {
            library,
            diagnostics: self.diagnostics,
        }
    }
}

/// Parses every file, in parallel when there are many: files are independent, and
/// parsing is most of the cost of loading a large library. Results keep file order.
fn parse_all(files: &[SourceFile]) -> Vec<Result<RawFile, Diagnostic>> {
    let parse_one = |f: &SourceFile| parse(&f.path, &f.text);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if files.len() < 16 || threads < 2 {
        return files.iter().map(parse_one).collect();
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(parse_one).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .zip(files.chunks(chunk))
            .flat_map(|(worker, part)| {
                // A parser panic is a bug in a dependency; report it on each file of the
                // chunk instead of taking the whole app down.
                worker.join().unwrap_or_else(|_| {
                    part.iter()
                        .map(|f| {
                            Err(Diagnostic::at(
                                Severity::Error,
                                &f.path,
                                None,
                                Position::START,
                                "internal error while parsing this file",
                            ))
                        })
                        .collect()
                })
            })
            .collect()
    })
}

/// Loads the library built into the binary alone.
pub fn load_builtin() -> LoadReport {
    Loader::with_builtin().finish()
}

/// Size, encoding and control characters: the checks every file we read gets first.
pub fn check_raw(path: &str, bytes: &[u8]) -> Result<String, Diagnostic> {
    let error = |source: Option<&str>, pos, msg: String| {
        Diagnostic::at(Severity::Error, path, source, pos, msg)
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(error(
            None,
            Position::START,
            format!(
                "file is larger than {} KiB; routine files are limited to 1 MiB",
                MAX_FILE_BYTES / 1024
            ),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let pos = position_after(std::str::from_utf8(good).unwrap_or_default());
            let shown = String::from_utf8_lossy(bytes);
            return Err(error(
                Some(&shown),
                pos,
                "invalid UTF-8: save the file as UTF-8".into(),
            ));
        }
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let crlf = c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n');
        if forbidden_char(c) && !crlf {
            return Err(error(
                Some(text),
                position_after(&text[..at]),
                format!("control character U+{:04X} is not allowed", u32::from(c)),
            ));
        }
    }
    Ok(text.to_string())
}

/// The 1-based position of the character that follows `prefix`.
fn position_after(prefix: &str) -> Position {
    let line = prefix.matches('\n').count() as u64 + 1;
    let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
    Position::new(line, column)
}

fn parse_options() -> Options {
    serde_saphyr::options! {
        // Our format nests five levels deep; anything far deeper is hostile or a mistake.
        budget: serde_saphyr::budget! {
            max_reader_input_bytes: Some(MAX_FILE_BYTES as usize),
            max_depth: 32,
            max_documents: 1,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_events: 500_000,
            max_nodes: 250_000,
            max_total_scalar_bytes: 4 * MAX_FILE_BYTES as usize,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 20_000,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 1_000,
        },
        duplicate_keys: DuplicateKeyPolicy::Error,
        // `yes`/`no` as booleans is a classic YAML trap.
        strict_booleans: true,
        with_snippet: false,
        crop_radius: 0,
    }
}

/// Parses one file. Errors carry the file's own line and column.
pub fn parse(path: &str, text: &str) -> Result<RawFile, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::at(
            Severity::Error,
            path,
            Some(text),
            Position::START,
            format!("file is empty; a library file starts with `version: {FORMAT_VERSION}`"),
        ));
    }
    let raw: RawFile = parse_yaml(path, text)?;
    if let Some((at, c)) = raw.forbidden_text() {
        return Err(Diagnostic::at(
            Severity::Error,
            path,
            Some(text),
            Position::from_location(&at),
            format!(
                "control character U+{:04X} is not allowed in text",
                u32::from(c)
            ),
        ));
    }
    if raw.version.value != FORMAT_VERSION {
        return Err(Diagnostic::at(
            Severity::Error,
            path,
            Some(text),
            Position::from_location(&raw.version.referenced),
            format!(
                "unsupported format version {}; this foamroll reads version {FORMAT_VERSION}",
                raw.version.value
            ),
        ));
    }
    Ok(raw)
}

/// Parses YAML into `T` with the hardened options, errors located in `path`.
pub fn parse_yaml<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options(text, parse_options()).map_err(|e| {
        let mut pos = e
            .location()
            .map_or(Position::START, |l| Position::from_location(&l));
        let mut msg = yaml_message(&e);
        if msg.contains("tab") {
            // The parser points at the token before the tab; point at the tab itself.
            if let Some(tab) = indenting_tab(text, pos.line) {
                pos = tab;
                msg = "tab used for indentation: YAML indents with spaces only".to_string();
            }
        }
        Diagnostic::at(Severity::Error, path, Some(text), pos, msg)
    })
}

/// The first tab in the leading white space of a line, from line `from` on.
fn indenting_tab(text: &str, from: u64) -> Option<Position> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1) as usize)
        .find_map(|(i, line)| {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            let col = line[..indent].chars().position(|c| c == '\t')?;
            Some(Position::new(i as u64 + 1, col as u64 + 1))
        })
}

/// The parser's message without its own "at line L, column C" (we print the position first).
fn yaml_message(e: &serde_saphyr::Error) -> String {
    use serde_saphyr::budget::BudgetBreach;
    let inner = e.without_snippet();
    if let serde_saphyr::Error::Budget { breach, .. } = inner {
        return match breach {
            BudgetBreach::Depth { .. } => "nesting is too deep".to_string(),
            BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => {
                "too many aliases or anchors (possible alias bomb)".to_string()
            }
            BudgetBreach::Documents { .. } => {
                "a library file holds exactly one YAML document (remove the extra `---`)"
                    .to_string()
            }
            other => format!("file is too complex ({other:?})"),
        };
    }
    let msg = inner.to_string();
    if msg.starts_with("recursion limit exceeded") {
        return "nesting is too deep".to_string();
    }
    let msg = match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains(", column ") => msg[..i].to_string(),
        _ => msg,
    };
    if let Some(kind) = msg.strip_prefix("invalid ")
        && matches!(kind, "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "usize")
    {
        return "expected a whole number of 0 or more".to_string();
    }
    if msg.contains("alias replay") || msg.contains("expansion") {
        return format!("{msg} (possible alias bomb)");
    }
    msg
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Region,
    Exercise,
    Routine,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Region => "region",
            Kind::Exercise => "exercise",
            Kind::Routine => "routine",
        }
    }
}

/// An item with the file it came from.
#[derive(Debug)]
struct FromFile<T> {
    file: usize,
    item: T,
}

struct Claim {
    kind: Kind,
    layer: Layer,
    file: usize,
    slot: usize,
    at: Position,
}

/// Items after resolving ids across files and layers, before validation.
#[derive(Default)]
struct Merged {
    regions: Vec<Option<FromFile<RawRegion>>>,
    exercises: Vec<Option<FromFile<RawExercise>>>,
    routines: Vec<Option<FromFile<RawRoutine>>>,
    claims: HashMap<String, Claim>,
    paths: Vec<String>,
}

fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl Merged {
    fn add(&mut self, index: usize, file: &SourceFile, raw: RawFile, diags: &mut Vec<Diagnostic>) {
        if self.paths.len() <= index {
            self.paths.resize(index + 1, String::new());
        }
        self.paths[index] = file.path.clone();
        for r in raw.regions {
            let id = r.id.clone();
            self.claim(Kind::Region, id, index, file, r, diags, |m| &mut m.regions);
        }
        for e in raw.exercises {
            let id = e.id.clone();
            self.claim(Kind::Exercise, id, index, file, e, diags, |m| {
                &mut m.exercises
            });
        }
        for r in raw.routines {
            let id = r.id.clone();
            self.claim(Kind::Routine, id, index, file, r, diags, |m| {
                &mut m.routines
            });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn claim<T>(
        &mut self,
        kind: Kind,
        id: Spanned<String>,
        index: usize,
        file: &SourceFile,
        item: T,
        diags: &mut Vec<Diagnostic>,
        slots: fn(&mut Self) -> &mut Vec<Option<FromFile<T>>>,
    ) {
        let at = Position::from_location(&id.referenced);
        let err =
            |msg: String| Diagnostic::at(Severity::Error, &file.path, Some(&file.text), at, msg);
        if !valid_id(&id.value) {
            diags.push(err(format!(
                "invalid id `{}`: use lowercase letters, digits and hyphens (e.g. `post-run`)",
                id.value
            )));
            return;
        }
        let entry = FromFile { file: index, item };
        match self.claims.get(&id.value) {
            None => {
                let list = slots(self);
                list.push(Some(entry));
                let slot = list.len() - 1;
                self.claims.insert(
                    id.value,
                    Claim {
                        kind,
                        layer: file.layer,
                        file: index,
                        slot,
                        at,
                    },
                );
            }
            Some(first) if first.kind != kind || first.layer == file.layer => {
                let where_ = format!(
                    "{}:{}:{}",
                    self.paths[first.file], first.at.line, first.at.column
                );
                diags.push(err(format!(
                    "duplicate id `{}`: already used by the {} at {where_}; this {} is skipped",
                    id.value,
                    first.kind.name(),
                    kind.name()
                )));
            }
            Some(first) => {
                let what = if first.layer == Layer::Builtin {
                    format!("the built-in {}", kind.name())
                } else {
                    format!("the {} from {}", kind.name(), self.paths[first.file])
                };
                diags.push(Diagnostic::at(
                    Severity::Note,
                    &file.path,
                    Some(&file.text),
                    at,
                    format!("{} `{}` overrides {what}", kind.name(), id.value),
                ));
                let slot = first.slot;
                slots(self)[slot] = Some(entry);
                self.claims.insert(
                    id.value,
                    Claim {
                        kind,
                        layer: file.layer,
                        file: index,
                        slot,
                        at,
                    },
                );
            }
        }
    }
}

struct Validator<'a> {
    files: &'a [SourceFile],
    diagnostics: &'a mut Vec<Diagnostic>,
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

    fn validate(mut self, merged: Merged) -> Library {
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
        Library {
            regions,
            exercises,
            routines,
        }
    }

    fn region(
        &mut self,
        r: &FromFile<RawRegion>,
        all: &HashMap<&str, Option<RawRolling>>,
    ) -> Option<Region> {
        let raw = &r.item;
        let id = &raw.id;
        let rolling = raw.rolling.as_ref().map_or(RawRolling::Normal, |s| s.value);
        let policy = match rolling {
            RawRolling::Normal => {
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
                                format!("unknown region `{}` in alternatives", alt.value),
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
            description: raw.description.clone().map(Text::into_string),
            policy,
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
                format!("exercise `{id}`: unknown region `{}`", raw.region.value),
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
                })
                .collect(),
            setup: raw.setup.value,
            steps: texts(raw.steps),
            cues: texts(raw.cues),
            cautions: texts(raw.cautions),
            per_side: raw.per_side,
            zones: texts(raw.zones),
            movement: raw.movement.map(Text::into_string),
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
        let mut steps = Vec::new();
        let mut ok = true;
        for (n, step) in raw.steps.into_iter().enumerate() {
            match self.step(r.file, &id, n + 1, raw.style.value, step, known) {
                Some(s) => steps.push(s),
                None => ok = false,
            }
        }
        if let Some(tool) = &raw.equipment {
            for step in &steps {
                let listed = known
                    .exercises
                    .get(step.exercise.as_str())
                    .is_some_and(|e| e.equipment.iter().any(|q| q.tool == tool.value));
                if !listed {
                    self.error(r.file, &tool.referenced, format!(
                        "routine `{id}` is for the {} but exercise `{}` does not list it under `equipment`",
                        tool.value.label(), step.exercise));
                    ok = false;
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
            get_ready_s: raw.get_ready,
            rest_s: raw.rest,
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
                    format!("{who}: unknown exercise `{}`", ex_id.value)
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
                    && !(MIN_RECOVERY_HOLD_S..=MAX_HOLD_S).contains(&hold.value)
                {
                    let msg = if hold.value < MIN_RECOVERY_HOLD_S {
                        format!(
                            "{who}: hold is {} s; a recovery hold must be at least {MIN_RECOVERY_HOLD_S} s, the time a trigger point needs to let go",
                            hold.value
                        )
                    } else {
                        format!(
                            "{who}: hold is {} s; the longest allowed is {MAX_HOLD_S} s",
                            hold.value
                        )
                    };
                    self.error(file, &hold.referenced, msg);
                    return None;
                }
                if let Some(points) = &step.points
                    && !(1..=10).contains(&points.value)
                {
                    self.error(
                        file,
                        &points.referenced,
                        format!("{who}: points must be between 1 and 10 trigger points per side"),
                    );
                    return None;
                }
                if let Some(first) = &step.first_side_points
                    && !(1..=10).contains(&first.value)
                {
                    self.error(
                        file,
                        &first.referenced,
                        format!("{who}: first_side_points must be between 1 and 10 trigger points"),
                    );
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
                    "warm-up steps do not search for trigger points",
                );
                let search = misplaced(
                    "search_limit",
                    step.search_limit.as_ref().map(|s| &s.referenced),
                    "warm-up steps do not search for trigger points",
                );
                let first_points = misplaced(
                    "first_side_points",
                    step.first_side_points.as_ref().map(|s| &s.referenced),
                    "warm-up steps do not search for trigger points",
                );
                if hold || points || search || first_points {
                    return None;
                }
                let duration_s =
                    match &step.duration {
                        Some(d) if !(5..=MAX_DURATION_S).contains(&d.value) => {
                            self.error(file, &d.referenced, format!(
                            "{who}: duration must be between 5 and {MAX_DURATION_S} s per side"));
                            return None;
                        }
                        Some(d) => d.value,
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
        for (field, at) in [
            ("first_side", step.first_side.as_ref().map(|s| &s.referenced)),
            ("first_side_points", step.first_side_points.as_ref().map(|s| &s.referenced)),
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
            rest_s: step.rest,
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

/// "a", "a or b", "a, b or c"
pub fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_characters_not_bytes() {
        assert_eq!(position_after("ab\ncé"), Position::new(2, 3));
        assert_eq!(position_after(""), Position::new(1, 1));
    }

    #[test]
    fn ids_are_lowercase_kebab() {
        assert!(valid_id("post-run"));
        assert!(valid_id("4x4"));
        assert!(!valid_id("Post"));
        assert!(!valid_id("-x"));
        assert!(!valid_id(""));
        assert!(!valid_id("a b"));
    }

    #[test]
    fn join_or_reads_like_english() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_or(&s(&["a"])), "a");
        assert_eq!(join_or(&s(&["a", "b"])), "a or b");
        assert_eq!(join_or(&s(&["a", "b", "c"])), "a, b or c");
    }
}
