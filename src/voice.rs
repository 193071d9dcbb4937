//! Spoken cues through the system's speech command. Nothing is linked in; speech runs
//! in the background, so the timer never waits for it.

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The commands tried, in order.
pub const COMMANDS: &[&str] = &["espeak-ng", "espeak", "spd-say", "say"];

#[derive(Debug, Clone)]
pub struct Voice {
    command: PathBuf,
}

fn find_in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

impl Voice {
    /// The first speech command found, or `None` (say so once and carry on).
    pub fn detect() -> Option<Voice> {
        COMMANDS
            .iter()
            .find_map(|c| find_in_path(c))
            .map(|command| Voice { command })
    }

    pub fn name(&self) -> String {
        self.command
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned())
    }

    /// Speaks `text` without waiting for it.
    pub fn say(&self, text: &str) {
        let child = Command::new(&self.command)
            .arg(text)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if let Ok(mut child) = child {
            // Reaped in the background, so no zombie is left and nothing blocks.
            std::thread::spawn(move || child.wait());
        }
    }
}

pub const NOT_FOUND: &str =
    "foamroll: no speech command found (espeak-ng, espeak, spd-say or say); going on without voice";
