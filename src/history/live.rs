//! Which sessions are being played right now, by this program or another instance: a
//! session that is recorded holds an exclusive lock on a file of its own in the data
//! folder's `running/` folder while it runs. A record still marked running whose lock
//! nobody holds was interrupted (a crash, `kill -9`, a machine switched off); one whose
//! lock is held is still running elsewhere, and is shown so.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// The folder of the locks, in the data folder.
const FOLDER: &str = "running";

/// The lock file of session `id`; `None` for an id that is not a plain session id
/// (ids come from the history file, which is untrusted).
fn lock_path(data: &Path, id: &str) -> Option<PathBuf> {
    let plain = !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    plain.then(|| data.join(FOLDER).join(format!("{id}.lock")))
}

/// Held while a session runs; dropping it (the session ended, the program exited or
/// died) lets it go.
#[derive(Debug)]
pub struct Running {
    _file: File,
    path: PathBuf,
}

impl Running {
    /// Takes the lock of session `id` in the data folder `data`.
    pub fn hold(data: &Path, id: &str) -> io::Result<Running> {
        let path = lock_path(data, id)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a session id"))?;
        std::fs::create_dir_all(data.join(FOLDER))?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        file.try_lock().map_err(|e| match e {
            TryLockError::Error(e) => e,
            TryLockError::WouldBlock => io::Error::new(io::ErrorKind::WouldBlock, "held"),
        })?;
        Ok(Running { _file: file, path })
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        // The folder goes too once no session runs: nothing is left in the data folder.
        if let Some(folder) = self.path.parent() {
            let _ = std::fs::remove_dir(folder);
        }
    }
}

/// Whether session `id` is being played now, here or by another instance. Reading only:
/// nothing is created.
pub fn is_running(data: &Path, id: &str) -> bool {
    let Some(path) = lock_path(data, id) else {
        return false;
    };
    // A symbolic link or anything but a regular file is not a lock of ours.
    if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let Ok(file) = File::open(&path) else {
        return false;
    };
    matches!(file.try_lock(), Err(TryLockError::WouldBlock))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_is_running_and_a_released_one_is_not() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let id = "0b6b3a4e-1f0e-4c69-9d36-2f1b1f3f7a10";
        assert!(!is_running(dir.path(), id));
        let held = Running::hold(dir.path(), id).unwrap_or_else(|e| panic!("{e}"));
        assert!(is_running(dir.path(), id));
        assert!(!is_running(dir.path(), "another-id"));
        drop(held);
        assert!(!is_running(dir.path(), id));
        assert!(!dir.path().join(FOLDER).exists(), "nothing left behind");
        // An id from a damaged file never names a path outside the folder.
        assert!(lock_path(dir.path(), "../../etc/passwd").is_none());
        assert!(!is_running(dir.path(), ""));
    }
}
