//! Resolving ids across files and layers: a later layer overrides an earlier one by
//! id (with a note); a duplicate inside one layer, or across kinds, is an error.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::diagnostic::{Diagnostic, Position, Severity};
use super::source::{Layer, SourceFile};
use super::yaml::{RawExercise, RawFile, RawGuide, RawRegion, RawRoutine};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Region,
    Exercise,
    Routine,
    Guide,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Region => "region",
            Kind::Exercise => "exercise",
            Kind::Routine => "routine",
            Kind::Guide => "guide",
        }
    }
}

/// An item with the file it came from.
#[derive(Debug)]
pub(super) struct FromFile<T> {
    pub(super) file: usize,
    pub(super) item: T,
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
pub(super) struct Merged {
    pub(super) regions: Vec<Option<FromFile<RawRegion>>>,
    pub(super) exercises: Vec<Option<FromFile<RawExercise>>>,
    pub(super) routines: Vec<Option<FromFile<RawRoutine>>>,
    pub(super) guides: Vec<Option<FromFile<RawGuide>>>,
    claims: HashMap<String, Claim>,
    paths: Vec<String>,
}

pub(super) fn valid_id(id: &str) -> bool {
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
    pub(super) fn add(
        &mut self,
        index: usize,
        file: &SourceFile,
        raw: RawFile,
        diags: &mut Vec<Diagnostic>,
    ) {
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
        for g in raw.guides {
            let id = g.id.clone();
            self.claim(Kind::Guide, id, index, file, g, diags, |m| &mut m.guides);
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
        // Who holds the id now: this item, in `slot` of its kind's list.
        let claim = |slot| Claim {
            kind,
            layer: file.layer,
            file: index,
            slot,
            at,
        };
        match self.claims.get(&id.value) {
            None => {
                let list = slots(self);
                list.push(Some(entry));
                let slot = list.len() - 1;
                self.claims.insert(id.value, claim(slot));
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
                self.claims.insert(id.value, claim(slot));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_kebab() {
        assert!(valid_id("post-run"));
        assert!(valid_id("4x4"));
        assert!(!valid_id("Post"));
        assert!(!valid_id("-x"));
        assert!(!valid_id(""));
        assert!(!valid_id("a b"));
    }
}
