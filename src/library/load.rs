//! Collecting library files and turning them into a validated [`Library`]: the loader
//! orchestrates [`super::read`] (files from disk), [`super::parse`] (YAML),
//! [`super::merge`] (ids across files and layers) and [`super::validate`]. One bad file
//! or item never stops the rest: each problem becomes a [`Diagnostic`] and only the
//! offending item is skipped.

use std::collections::HashMap;
use std::path::PathBuf;

use super::diagnostic::{Diagnostic, Position, Severity};
use super::merge::Merged;
use super::model::Library;
use super::parse::{check_raw, parse};
use super::source::{Layer, SourceFile};
use super::validate::Validator;
use super::yaml::RawFile;

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
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Files read from disk, by canonical path, with their index in `files`.
    seen: HashMap<PathBuf, usize>,
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

    /// When the file at `key` was read already, moves it to `layer` (if later) and
    /// returns true: a file reached twice is one file, not an override of itself.
    pub(super) fn move_to_layer(&mut self, key: &PathBuf, layer: Layer) -> bool {
        let Some(&index) = self.seen.get(key) else {
            return false;
        };
        if let Some(file) = self.files.get_mut(index) {
            file.layer = file.layer.max(layer);
        }
        true
    }

    pub(super) fn file_count(&self) -> usize {
        self.files.len()
    }

    /// Records that the file most recently added came from `key` on disk.
    pub(super) fn remember(&mut self, key: PathBuf) {
        if let Some(index) = self.files.len().checked_sub(1) {
            self.seen.insert(key, index);
        }
    }

    /// Parses, merges and validates every file added. When they are exactly the
    /// built-in files, the library precomputed from them is used instead
    /// ([`super::precomputed`]).
    pub fn finish(self) -> LoadReport {
        let builtin = super::builtin::FILES;
        let only_builtin = self.diagnostics.is_empty()
            && self.files.len() == builtin.len()
            && self.files.iter().zip(builtin).all(|(f, (path, text))| {
                f.layer == Layer::Builtin && f.path == *path && f.text == *text
            });
        if only_builtin && let Some(library) = super::precomputed::builtin() {
            return LoadReport {
                library,
                diagnostics: Vec::new(),
            };
        }
        self.finish_yaml()
    }

    /// Parses, merges and validates every file added, from their YAML.
    pub fn finish_yaml(mut self) -> LoadReport {
        // Stable, so files keep their order inside a layer.
        self.files.sort_by_key(|f| f.layer);
        let mut merged = Merged::default();
        for (index, (file, parsed)) in self.files.iter().zip(parse_all(&self.files)).enumerate() {
            match parsed {
                Ok(mut raw) => {
                    self.diagnostics.append(&mut raw.refused);
                    merged.add(index, file, raw, &mut self.diagnostics);
                }
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

/// Loads the library built into the binary from its YAML, never from the precomputed copy.
pub fn load_builtin_yaml() -> LoadReport {
    Loader::with_builtin().finish_yaml()
}
