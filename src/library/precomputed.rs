//! The built-in library, parsed and validated ahead of time. Parsing the embedded YAML
//! is most of what `foamroll list` and the app's start-up do, so the validated result
//! is kept in `builtin.json` (compact JSON, which reads several times faster than
//! YAML) and used whenever the files loaded are exactly the built-in ones. The file
//! carries a hash of the YAML it was made from: if the YAML changed since, it is
//! ignored and the YAML is parsed as before, so it can make loading slower but never
//! different. A test (`tests/library_content.rs`) fails when it is out of date and
//! rewrites it with `FOAMROLL_REGENERATE=1`.

use serde::{Deserialize, Serialize};

use super::builtin::FILES;
use super::model::{Library, Origin};

/// The precomputed library, as committed.
const PRECOMPUTED: &str = include_str!("builtin.json");

#[derive(Serialize, Deserialize)]
struct Precomputed {
    /// [`sources_hash`] of the YAML it was made from, in hex.
    sources: String,
    library: Library,
    /// Each item's file, in item order: regions, exercises, routines, guides.
    origins: Vec<String>,
}

/// FNV-1a over every built-in file's path and text.
pub fn sources_hash() -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, text) in FILES {
        for b in path.bytes().chain([0]).chain(text.bytes()).chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The precomputed built-in library, or `None` when it does not match the YAML.
pub(super) fn builtin() -> Option<Library> {
    decode(PRECOMPUTED)
}

/// Whether the binary carries a precomputed library that matches its YAML.
pub fn is_current() -> bool {
    builtin().is_some()
}

fn decode(text: &str) -> Option<Library> {
    let p: Precomputed = serde_json::from_str(text).ok()?;
    if p.sources != sources_hash() {
        return None;
    }
    let mut library = p.library;
    let mut origins = p.origins.into_iter();
    let mut next = || {
        origins.next().map(|path| Origin {
            path,
            builtin: true,
        })
    };
    for r in &mut library.regions {
        r.origin = next()?;
    }
    for e in &mut library.exercises {
        e.origin = next()?;
    }
    for r in &mut library.routines {
        r.origin = next()?;
    }
    for g in &mut library.guides {
        g.origin = next()?;
    }
    Some(library)
}

/// The text of `builtin.json` for `library` (the built-in library parsed from YAML).
pub fn render(library: &Library) -> String {
    let origins = (library.regions.iter().map(|r| &r.origin))
        .chain(library.exercises.iter().map(|e| &e.origin))
        .chain(library.routines.iter().map(|r| &r.origin))
        .chain(library.guides.iter().map(|g| &g.origin))
        .map(|o| o.path.clone())
        .collect();
    let p = Precomputed {
        sources: sources_hash(),
        library: library.clone(),
        origins,
    };
    let mut text = serde_json::to_string(&p).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stale_or_damaged_copy_is_ignored() {
        let Some(current) = decode(PRECOMPUTED) else {
            return; // not generated yet: the content test says so
        };
        let stale = PRECOMPUTED.replacen(&sources_hash(), "0000000000000000", 1);
        assert!(decode(&stale).is_none());
        assert!(decode(&PRECOMPUTED[..PRECOMPUTED.len() / 2]).is_none());
        assert!(!current.routines.is_empty());
    }
}
