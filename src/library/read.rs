//! Reading library files from disk: a file, or every YAML file of a folder.

use std::path::Path;

use super::bounds::MAX_FILE_BYTES;
use super::diagnostic::{Diagnostic, Position, Severity};
use super::load::{Layer, Loader};
use crate::files::read_limited;

impl Loader {
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
        match read_limited(path, MAX_FILE_BYTES) {
            Ok(bytes) => self.add_bytes(&shown, layer, &bytes),
            Err(e) => self.read_error(&shown, &e),
        }
    }

    fn read_error(&mut self, path: &str, e: &impl std::fmt::Display) {
        self.diagnostics.push(Diagnostic::at(
            Severity::Error,
            path,
            None,
            Position::START,
            e.to_string(),
        ));
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
}
