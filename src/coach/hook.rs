//! `on_cue`: a command of the person's own, run for every cue, so that they can play
//! their own sounds or send a desktop notification.

use std::process::{Command, Stdio};

/// A program and its arguments, run without a shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueHook {
    pub program: String,
    pub args: Vec<String>,
}

impl CueHook {
    /// Runs the command in the background with `FOAMROLL_CUE` and `FOAMROLL_TEXT` set;
    /// it never delays the session, and a command that cannot start is ignored.
    pub fn run(&self, kind: &str, text: &str) {
        let child = Command::new(&self.program)
            .args(&self.args)
            .env("FOAMROLL_CUE", kind)
            .env("FOAMROLL_TEXT", text)
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
