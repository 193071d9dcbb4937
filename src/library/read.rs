//! Reading library files from disk: a file, or every YAML file of a folder. Every file
//! goes through the bounded reader (regular files only); what cannot be read is
//! reported and the rest still loads.

use std::io;
use std::path::{Path, PathBuf};

use super::bounds::MAX_FILE_BYTES;
use super::diagnostic::{Diagnostic, Position, Severity};
use super::load::Loader;
use super::source::Layer;
use crate::files::read_limited;

/// What is wrong with a symbolic link, if anything: it points nowhere, or at itself
/// through a loop.
fn broken_link(path: &Path) -> Option<&'static str> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return None;
    }
    match std::fs::metadata(path) {
        Ok(_) => None,
        Err(e) if crate::files::is_symlink_loop(&e) => {
            Some("is a symbolic link loop; it was skipped")
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            Some("is a dangling symbolic link (its target does not exist); it was skipped")
        }
        Err(_) => None,
    }
}

fn is_yaml(p: &Path) -> bool {
    p.extension().is_some_and(|x| x == "yaml" || x == "yml")
}

impl Loader {
    /// Adds a file, or every `*.yaml`/`*.yml` file of a folder (sorted by name).
    /// A missing folder is reported unless `optional` (the config folder need not exist).
    pub fn add_path(&mut self, path: &Path, layer: Layer, optional: bool) {
        // Printed in messages, listings and screens: a file name is untrusted.
        let shown = crate::text::path(path);
        if let Some(why) = broken_link(path) {
            self.read_error(Severity::Error, &shown, why);
            return;
        }
        match std::fs::metadata(path) {
            Err(e) if optional && e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => self.io_error(&shown, &e),
            Ok(meta) if meta.is_dir() => match std::fs::read_dir(path) {
                Err(e) => self.io_error(&shown, &e),
                Ok(entries) => {
                    let mut files: Vec<PathBuf> = entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| is_yaml(p))
                        .collect();
                    files.sort();
                    for file in files {
                        self.add_entry(&file, layer);
                    }
                }
            },
            Ok(_) => self.add_file(path, layer),
        }
    }

    /// One entry of a folder: broken links are warned about, folders named `*.yaml`
    /// are passed over with a warning, and anything else goes to the bounded reader,
    /// which names what is not a regular file (a FIFO, a device).
    fn add_entry(&mut self, path: &Path, layer: Layer) {
        // Printed in messages, listings and screens: a file name is untrusted.
        let shown = crate::text::path(path);
        if let Some(why) = broken_link(path) {
            self.read_error(Severity::Warning, &shown, why);
            return;
        }
        if path.is_dir() {
            self.read_error(
                Severity::Warning,
                &shown,
                "is a directory; folders inside a library folder are not read",
            );
            return;
        }
        self.add_file(path, layer);
    }

    fn add_file(&mut self, path: &Path, layer: Layer) {
        // Printed in messages, listings and screens: a file name is untrusted.
        let shown = crate::text::path(path);
        // The same file reached twice (`check` on the user's own routine folder) is
        // read once, in the later layer: it does not override itself.
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if self.move_to_layer(&key, layer) {
            return;
        }
        match read_limited(path, MAX_FILE_BYTES) {
            Ok(bytes) => {
                let before = self.file_count();
                self.add_bytes(&shown, layer, &bytes);
                if self.file_count() > before {
                    self.remember(key);
                }
            }
            Err(e) => self.read_error(Severity::Error, &shown, &e.to_string()),
        }
    }

    fn read_error(&mut self, severity: Severity, path: &str, why: &str) {
        self.diagnostics
            .push(Diagnostic::at(severity, path, None, Position::START, why));
    }

    fn io_error(&mut self, path: &str, e: &io::Error) {
        let why = crate::files::ReadError::Io(io::Error::new(e.kind(), e.to_string()));
        self.read_error(Severity::Error, path, &why.to_string());
    }
}
