//! `config.yaml`: the person's settings. Every key is optional; each effective value
//! knows where it came from (default < file < flag), which `foamroll config` prints.
//! An invalid file is reported with `PATH:LINE:COL` and the defaults are used.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::library::{Diagnostic, MIN_RECOVERY_HOLD_S, Position, Severity, Tool};
use crate::session::Timing;
use crate::wording::VoiceDetail;

pub const FILE_NAME: &str = "config.yaml";

/// Colour themes; `NO_COLOR` in the environment always wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    Default,
    HighContrast,
    Mono,
}

impl ThemeName {
    pub fn label(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::Mono => "mono",
        }
    }
}

/// `overtime_cap: 90` or `overtime_cap: off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
enum Cap {
    Seconds(u32),
    Word(CapWord),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum CapWord {
    Off,
}

/// `on_cue: notify-send` or `on_cue: [paplay, /path/to/bell.oga]`: a program and its
/// arguments, run without a shell.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
enum OnCue {
    Program(String),
    WithArgs(Vec<String>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    min_hold: Option<Spanned<u32>>,
    #[serde(default)]
    get_ready: Option<Spanned<u32>>,
    #[serde(default)]
    rest: Option<Spanned<u32>>,
    #[serde(default)]
    switch_sides: Option<Spanned<u32>>,
    #[serde(default)]
    overtime_cap: Option<Spanned<Cap>>,
    #[serde(default)]
    auto_release: Option<bool>,
    #[serde(default)]
    tenderness_prompt: Option<bool>,
    #[serde(default)]
    bell: Option<bool>,
    #[serde(default)]
    voice: Option<bool>,
    #[serde(default)]
    countdown_voice: Option<bool>,
    #[serde(default)]
    voice_detail: Option<VoiceDetail>,
    #[serde(default)]
    on_cue: Option<OnCue>,
    #[serde(default)]
    theme: Option<ThemeName>,
    #[serde(default)]
    equipment: Option<Tool>,
    #[serde(default)]
    weekly_goal: Option<Spanned<u32>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Default,
    File(String),
    Flag(&'static str),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File(p) => write!(f, "{p}"),
            Source::Flag(flag) => write!(f, "{flag}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Setting<T> {
    fn default(value: T) -> Self {
        Setting {
            value,
            source: Source::Default,
        }
    }

    fn set(&mut self, value: T, source: Source) {
        self.value = value;
        self.source = source;
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub min_hold: Setting<u32>,
    pub get_ready: Setting<u32>,
    pub rest: Setting<u32>,
    pub switch_sides: Setting<u32>,
    pub overtime_cap: Setting<Option<u32>>,
    pub auto_release: Setting<bool>,
    pub tenderness_prompt: Setting<bool>,
    pub bell: Setting<bool>,
    pub voice: Setting<bool>,
    /// Speak the last 3 seconds of each countdown.
    pub countdown_voice: Setting<bool>,
    pub voice_detail: Setting<VoiceDetail>,
    /// The command run for every cue (program, then arguments).
    pub on_cue: Setting<Option<Vec<String>>>,
    pub theme: Setting<ThemeName>,
    pub equipment: Setting<Option<Tool>>,
    /// Sessions a week the review counts against (1-14).
    pub weekly_goal: Setting<u32>,
}

impl Default for Settings {
    fn default() -> Self {
        let t = Timing::default();
        Settings {
            min_hold: Setting::default(t.min_hold_s),
            get_ready: Setting::default(t.get_ready_s),
            rest: Setting::default(t.rest_s),
            switch_sides: Setting::default(t.switch_s),
            overtime_cap: Setting::default(t.overtime_cap_s),
            auto_release: Setting::default(t.auto_release),
            tenderness_prompt: Setting::default(true),
            bell: Setting::default(true),
            voice: Setting::default(false),
            countdown_voice: Setting::default(true),
            voice_detail: Setting::default(VoiceDetail::Full),
            on_cue: Setting::default(None),
            theme: Setting::default(ThemeName::Default),
            equipment: Setting::default(None),
            weekly_goal: Setting::default(3),
        }
    }
}

/// Command-line flags that override the file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flags {
    pub no_bell: bool,
    pub voice: bool,
}

impl Settings {
    /// Reads `config.yaml` from `dir` (a missing file is fine) and applies `flags`.
    /// Problems come back as diagnostics; the settings are then the defaults plus flags.
    pub fn load(dir: Option<&Path>, flags: Flags) -> (Settings, Vec<Diagnostic>) {
        let mut settings = Settings::default();
        let mut problems = Vec::new();
        if let Some(dir) = dir {
            let path = dir.join(FILE_NAME);
            match std::fs::read(&path) {
                Ok(bytes) => {
                    let shown = path.display().to_string();
                    match parse(&shown, &bytes) {
                        Ok(raw) => settings.apply(raw, &shown),
                        Err(d) => problems.push(d),
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => problems.push(Diagnostic::at(
                    Severity::Error,
                    &path.display().to_string(),
                    None,
                    Position::START,
                    format!("cannot read: {e}"),
                )),
            }
        }
        if flags.no_bell {
            settings.bell.set(false, Source::Flag("--no-bell"));
        }
        if flags.voice {
            settings.voice.set(true, Source::Flag("--voice"));
        }
        (settings, problems)
    }

    fn apply(&mut self, raw: RawConfig, path: &str) {
        let file = || Source::File(path.to_string());
        if let Some(v) = raw.min_hold {
            self.min_hold.set(v.value, file());
        }
        if let Some(v) = raw.get_ready {
            self.get_ready.set(v.value, file());
        }
        if let Some(v) = raw.rest {
            self.rest.set(v.value, file());
        }
        if let Some(v) = raw.switch_sides {
            self.switch_sides.set(v.value, file());
        }
        if let Some(v) = raw.overtime_cap {
            let cap = match v.value {
                Cap::Seconds(s) => Some(s),
                Cap::Word(CapWord::Off) => None,
            };
            self.overtime_cap.set(cap, file());
        }
        let flags = [
            (raw.auto_release, &mut self.auto_release),
            (raw.tenderness_prompt, &mut self.tenderness_prompt),
            (raw.bell, &mut self.bell),
            (raw.voice, &mut self.voice),
            (raw.countdown_voice, &mut self.countdown_voice),
        ];
        for (value, setting) in flags {
            if let Some(v) = value {
                setting.set(v, file());
            }
        }
        if let Some(v) = raw.voice_detail {
            self.voice_detail.set(v, file());
        }
        if let Some(v) = raw.on_cue {
            let command = match v {
                OnCue::Program(p) => vec![p],
                OnCue::WithArgs(a) => a,
            };
            self.on_cue
                .set(Some(command).filter(|c| !c.is_empty()), file());
        }
        if let Some(v) = raw.theme {
            self.theme.set(v, file());
        }
        if let Some(v) = raw.equipment {
            self.equipment.set(Some(v), file());
        }
        if let Some(v) = raw.weekly_goal {
            self.weekly_goal.set(v.value, file());
        }
    }

    pub fn timing(&self) -> Timing {
        Timing {
            min_hold_s: self.min_hold.value,
            get_ready_s: self.get_ready.value,
            rest_s: self.rest.value,
            switch_s: self.switch_sides.value,
            overtime_cap_s: self.overtime_cap.value,
            auto_release: self.auto_release.value,
            auto_find_s: None,
        }
    }

    /// `key = value  (source)` lines, for `foamroll config`.
    pub fn describe(&self) -> Vec<(String, String, String)> {
        let line = |k: &str, v: String, s: &Source| (k.to_string(), v, s.to_string());
        let secs = |v: u32| format!("{v} s");
        vec![
            line("min_hold", secs(self.min_hold.value), &self.min_hold.source),
            line(
                "get_ready",
                secs(self.get_ready.value),
                &self.get_ready.source,
            ),
            line("rest", secs(self.rest.value), &self.rest.source),
            line(
                "switch_sides",
                secs(self.switch_sides.value),
                &self.switch_sides.source,
            ),
            line(
                "overtime_cap",
                self.overtime_cap.value.map_or("off".to_string(), secs),
                &self.overtime_cap.source,
            ),
            line(
                "auto_release",
                self.auto_release.value.to_string(),
                &self.auto_release.source,
            ),
            line(
                "tenderness_prompt",
                self.tenderness_prompt.value.to_string(),
                &self.tenderness_prompt.source,
            ),
            line("bell", self.bell.value.to_string(), &self.bell.source),
            line("voice", self.voice.value.to_string(), &self.voice.source),
            line(
                "countdown_voice",
                self.countdown_voice.value.to_string(),
                &self.countdown_voice.source,
            ),
            line(
                "voice_detail",
                self.voice_detail.value.label().to_string(),
                &self.voice_detail.source,
            ),
            line(
                "on_cue",
                self.on_cue
                    .value
                    .as_ref()
                    .map_or("none".to_string(), |c| crate::text::printable(&c.join(" "))),
                &self.on_cue.source,
            ),
            line(
                "theme",
                self.theme.value.label().to_string(),
                &self.theme.source,
            ),
            line(
                "equipment",
                self.equipment
                    .value
                    .map_or("any".to_string(), |t| t.label().to_string()),
                &self.equipment.source,
            ),
            line(
                "weekly_goal",
                self.weekly_goal.value.to_string(),
                &self.weekly_goal.source,
            ),
        ]
    }
}

fn parse(path: &str, bytes: &[u8]) -> Result<RawConfig, Diagnostic> {
    let text = crate::library::check_raw(path, bytes)?;
    if text.trim().is_empty() {
        return Ok(RawConfig::default());
    }
    let raw: RawConfig = crate::library::parse_yaml(path, &text)?;
    if let Some(h) = &raw.min_hold
        && h.value < MIN_RECOVERY_HOLD_S
    {
        return Err(Diagnostic::at(
            Severity::Error,
            path,
            Some(&text),
            Position::from_location(&h.referenced),
            format!(
                "min_hold is {} s; a recovery hold must be at least {MIN_RECOVERY_HOLD_S} s",
                h.value
            ),
        ));
    }
    if let Some(g) = &raw.weekly_goal
        && !(1..=14).contains(&g.value)
    {
        return Err(Diagnostic::at(
            Severity::Error,
            path,
            Some(&text),
            Position::from_location(&g.referenced),
            format!(
                "weekly_goal is {}; it must be from 1 to 14 sessions a week",
                g.value
            ),
        ));
    }
    Ok(raw)
}
