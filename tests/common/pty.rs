//! Runs the real binary in a pseudo-terminal and reads its screen through a
//! terminal emulator (vt100).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct PtyApp {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    /// Every byte the app wrote, for checks on what was sent to the terminal.
    pub raw: Arc<Mutex<Vec<u8>>>,
}

impl PtyApp {
    pub fn spawn(args: &[&str], envs: &[(&str, &std::path::Path)], cols: u16, rows: u16) -> PtyApp {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap_or_else(|e| panic!("openpty: {e}"));
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_foamroll"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("spawn: {e}"));
        drop(pair.slave);
        let mut reader = pair
            .master
            .try_clone_reader()
            .unwrap_or_else(|e| panic!("reader: {e}"));
        let writer = pair
            .master
            .take_writer()
            .unwrap_or_else(|e| panic!("writer: {e}"));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut parser) = p.lock() {
                    parser.process(&buf[..n]);
                }
                if let Ok(mut raw) = r.lock() {
                    raw.extend_from_slice(&buf[..n]);
                }
            }
        });
        PtyApp {
            parser,
            writer,
            child,
            _master: pair.master,
            raw,
        }
    }

    pub fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser
            .lock()
            .map(|p| p.screen().alternate_screen())
            .unwrap_or(true)
    }

    pub fn cursor_hidden(&self) -> bool {
        self.parser
            .lock()
            .map(|p| p.screen().hide_cursor())
            .unwrap_or(true)
    }

    /// `q` mid-session in the app, then `y`: the session ends as aborted and the app
    /// goes back to the browse screen.
    pub fn end_session(&mut self) {
        self.send("q");
        self.wait_for("End this session?", 5);
        self.send("y");
        self.wait_for("Choose a routine", 5);
    }

    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .unwrap_or_else(|e| panic!("write: {e}"));
        self.writer.flush().unwrap_or_else(|e| panic!("flush: {e}"));
    }

    /// Waits until the screen shows `text`; panics with the screen after `secs`.
    pub fn wait_for(&self, text: &str, secs: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("waited {secs} s for {text:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_exit(&mut self, secs: u64) -> Option<u32> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the reader thread take in the last bytes (the restore sequence).
                std::thread::sleep(Duration::from_millis(200));
                return Some(status.exit_code());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
    }
}

impl Drop for PtyApp {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// A data folder of its own for runs of the app, and what they left in the history.
pub struct DataDir {
    _dir: tempfile::TempDir,
    pub path: std::path::PathBuf,
}

impl DataDir {
    pub fn new() -> DataDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let path = dir.path().join("data");
        DataDir { _dir: dir, path }
    }

    /// The app with this data folder and an empty config folder of its own.
    pub fn spawn(&self, args: &[&str], cols: u16, rows: u16) -> PtyApp {
        let config = self.path.with_file_name("config");
        PtyApp::spawn(
            args,
            &[
                ("FOAMROLL_DATA_DIR", &self.path),
                ("FOAMROLL_CONFIG_DIR", &config),
            ],
            cols,
            rows,
        )
    }

    /// The status written on the log's last line.
    pub fn last_status(&self) -> String {
        foamroll::history::Store::open(&self.path)
            .ok()
            .and_then(|s| s.load().ok())
            .and_then(|l| l.sessions.first().map(|r| r.status.label().to_string()))
            .unwrap_or_else(|| "none".to_string())
    }
}
