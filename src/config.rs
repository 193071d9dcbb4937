//! `config.yaml`: the person's settings. Every key is optional; each effective value
//! knows where it came from (default < file < flag), which `foamroll config` prints.
//!
//! Each key is checked on its own against the bounds routine files share
//! ([`crate::library::bounds`]): a bad key is reported with `PATH:LINE:COL` and keeps
//! its default, and every other key still applies. The file is read like every other
//! file foamroll reads: bounded, regular files only.

use std::fmt;
use std::ops::RangeInclusive;
use std::path::Path;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::files::read_limited;
use crate::library::bounds::{
    GET_READY_S, MAX_FILE_BYTES, OVERTIME_CAP_S, RECOVERY_HOLD_S, REST_S, SWITCH_SIDES_S,
    WEEKLY_GOAL,
};
use crate::library::scalar::Scalar;
use crate::library::{Diagnostic, Position, Severity, Tool};
use crate::session::Timing;
use crate::text::{did_you_mean, echo, forbidden_char};
use crate::wording::VoiceDetail;

pub const FILE_NAME: &str = "config.yaml";

/// Colour themes; `NO_COLOR` in the environment always wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

    pub const ALL: [ThemeName; 3] = [ThemeName::Default, ThemeName::HighContrast, ThemeName::Mono];
}

/// `--color auto|always|never`: whether output carries colour and bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorWhen {
    /// Colour on a terminal, unless the environment says otherwise.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    pub const ALL: [ColorWhen; 3] = [ColorWhen::Auto, ColorWhen::Always, ColorWhen::Never];

    pub fn label(self) -> &'static str {
        match self {
            ColorWhen::Auto => "auto",
            ColorWhen::Always => "always",
            ColorWhen::Never => "never",
        }
    }

    pub fn from_label(s: &str) -> Option<ColorWhen> {
        ColorWhen::ALL.into_iter().find(|c| c.label() == s)
    }

    /// Whether to colour a stream that is (or is not) a terminal. A flag other than
    /// `auto` decides alone; under `auto`, as the conventions ask and in this order:
    /// `NO_COLOR` (any non-empty value) means no colour, `CLICOLOR_FORCE` (non-empty,
    /// not `0`) means colour even into a pipe, `CLICOLOR=0` means no colour, and
    /// otherwise a terminal gets colour.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                if anstyle_query::no_color() {
                    false
                } else if clicolor_force() {
                    true
                } else if anstyle_query::clicolor() == Some(false) {
                    false
                } else {
                    is_terminal
                }
            }
        }
    }
}

/// `CLICOLOR_FORCE` set and not `0`. By hand: anstyle-query counts `CLICOLOR_FORCE=0`
/// as forcing, and the convention says it does not.
fn clicolor_force() -> bool {
    std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// `theme:` in the config: a built-in theme, with colours of the person's own on top.
/// `theme: high-contrast` is a name alone; a table names the base (`base:`, default
/// `default`) and a colour for any part of the screen in [`THEME_PARTS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeChoice {
    pub base: ThemeName,
    /// (part, colour), in the order the file gives them.
    pub colours: Vec<(&'static str, ratatui::style::Color)>,
}

impl ThemeChoice {
    pub fn named(base: ThemeName) -> ThemeChoice {
        ThemeChoice {
            base,
            colours: Vec::new(),
        }
    }

    /// "default", or "default with 2 colours of your own".
    pub fn label(&self) -> String {
        match self.colours.len() {
            0 => self.base.label().to_string(),
            n => format!(
                "{} with {} of your own",
                self.base.label(),
                crate::wording::plural(n, "colour")
            ),
        }
    }
}

/// The parts of the screen a theme table can colour, with what each is.
pub const THEME_PARTS: [(&str, &str); 18] = [
    ("text", "ordinary text"),
    ("dim", "secondary text: sources, hints"),
    ("title", "pane titles"),
    ("border", "pane borders"),
    ("focused_border", "the border of the focused pane"),
    ("warning", "cautions and the IT band"),
    ("accent", "headings and highlights"),
    ("gauge", "the progress bar"),
    ("body_lit", "the region being worked on the body map"),
    ("key", "keys in the key bar"),
    ("flash", "the Countdown title as the phase changes"),
    ("get_ready", "the get-ready phase"),
    ("find", "finding the tender spot"),
    ("hold", "a hold"),
    ("overtime", "a hold past its minimum"),
    ("move", "a warm-up's movement"),
    ("rest", "resting and switching sides"),
    ("paused", "PAUSED"),
];

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
    /// Nothing needs a key: searches and holds end by themselves (the app and plain
    /// mode alike).
    pub hands_free: Setting<bool>,
    pub tenderness_prompt: Setting<bool>,
    pub bell: Setting<bool>,
    pub voice: Setting<bool>,
    /// Speak the last 3 seconds of each countdown.
    pub countdown_voice: Setting<bool>,
    pub voice_detail: Setting<VoiceDetail>,
    /// The command run for every cue (program, then arguments).
    pub on_cue: Setting<Option<Vec<String>>>,
    pub theme: Setting<ThemeChoice>,
    /// Capture the mouse in the app (clicks and the wheel); false leaves it to the
    /// terminal, for selecting text and scrolling back.
    pub mouse: Setting<bool>,
    pub equipment: Setting<Option<Tool>>,
    /// Sessions a week the review counts against (1-14).
    pub weekly_goal: Setting<u32>,
    /// The folder of activity files scanned for new runs.
    pub activities: Setting<Option<std::path::PathBuf>>,
    /// Hours after a run that the status line mentions it (0: never).
    pub status_after_run: Setting<u32>,
    /// `keys:`, as written: the input layer checks and applies it.
    pub keys: Setting<KeyRemaps>,
}

/// One entry of `keys:`: a command's name and the keys it gets, with their places.
/// The names are checked by [`crate::input::Keymap::from_settings`], which knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRemap {
    pub command: String,
    pub command_at: Position,
    pub keys: Vec<String>,
    pub keys_at: Position,
}

/// `keys:` with the file it is in, so that its problems can quote the line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyRemaps {
    pub path: String,
    pub text: String,
    pub entries: Vec<KeyRemap>,
}

impl KeyRemaps {
    /// "pause: p; found: r", or "the defaults".
    pub fn describe(&self) -> String {
        if self.entries.is_empty() {
            return "the defaults (see foamroll man)".to_string();
        }
        let entries: Vec<String> = self
            .entries
            .iter()
            .map(|e| format!("{}: {}", e.command, e.keys.join(" ")))
            .collect();
        crate::text::printable(&entries.join("; "))
    }
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
            hands_free: Setting::default(false),
            tenderness_prompt: Setting::default(true),
            bell: Setting::default(true),
            voice: Setting::default(false),
            countdown_voice: Setting::default(true),
            voice_detail: Setting::default(VoiceDetail::Full),
            on_cue: Setting::default(None),
            theme: Setting::default(ThemeChoice::named(ThemeName::Default)),
            mouse: Setting::default(true),
            equipment: Setting::default(None),
            weekly_goal: Setting::default(3),
            activities: Setting::default(None),
            status_after_run: Setting::default(12),
            keys: Setting::default(KeyRemaps::default()),
        }
    }
}

/// Command-line flags that override the file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flags {
    pub no_bell: bool,
    pub voice: bool,
    pub no_mouse: bool,
    pub hands_free: bool,
}

/// The keys `config.yaml` may hold, with what each means, in the order `foamroll
/// config` prints them (also the manual's list).
pub const KEYS: [(&str, &str); 20] = [
    (
        "min_hold",
        "seconds a recovery hold lasts at least, 30 to 120 (default 30)",
    ),
    (
        "get_ready",
        "seconds before the first step when a routine sets none, 0 to 60",
    ),
    (
        "rest",
        "seconds between steps when a routine sets none, 0 to 120",
    ),
    ("switch_sides", "seconds to change sides, 0 to 60"),
    (
        "overtime_cap",
        "seconds of overtime before a hold ends by itself, 0 to 120; it cannot be switched off",
    ),
    (
        "auto_release",
        "true: end each hold as soon as its minimum is reached",
    ),
    (
        "hands_free",
        "true: no key needed; each search ends after its limit and each hold a little after its minimum (--hands-free)",
    ),
    (
        "tenderness_prompt",
        "false: do not ask for a 0-10 tenderness rating after holds",
    ),
    ("bell", "false: no terminal bell on phase changes"),
    (
        "voice",
        "true: speak the cues through the system's speech command",
    ),
    (
        "voice_detail",
        "full: each step's set-up and main caution are spoken; brief: the caution only",
    ),
    (
        "countdown_voice",
        "false: do not speak the last 3 seconds of each countdown",
    ),
    (
        "on_cue",
        "a command run for every cue, without a shell: a program, or a list of a program and its arguments",
    ),
    (
        "theme",
        "default, high-contrast or mono, or a table of a base theme and colours of your own by part (foamroll config --default lists the parts); no colour at all with --color never, NO_COLOR or CLICOLOR=0",
    ),
    (
        "mouse",
        "false: leave the mouse to the terminal (select text, scroll back); --no-mouse does the same",
    ),
    (
        "equipment",
        "your tool, whose notes are shown first: roller, travel-roller, stick, ball, trigger-point-tool or any",
    ),
    (
        "weekly_goal",
        "sessions a week the review and the report count against, 1 to 14 (default 3)",
    ),
    (
        "activities",
        "a folder of activity files (.fit, .gpx, .tcx, each also .gz), absolute or ~/...: new and changed files are imported whenever today, status or the app start",
    ),
    (
        "status_after_run",
        "hours after a run that status says \"ran 12 km 2h ago · roll now\", 0 to 48; 0: never (default 12)",
    ),
    (
        "keys",
        "other keys for commands, such as { pause: [p], found: [space] }; `foamroll man` lists the command and key names",
    ),
];

/// The key names alone.
fn key_names() -> impl Iterator<Item = &'static str> {
    KEYS.iter().map(|(k, _)| *k)
}

/// The file's top level: `key: value` pairs in order, each with its place.
struct Entries(Vec<(Spanned<String>, Spanned<Scalar>)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`key: value` lines, such as `min_hold: 45`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
            fn visit_unit<E>(self) -> Result<Entries, E> {
                Ok(Entries(Vec::new()))
            }
        }
        d.deserialize_map(V)
    }
}

/// A whole number of `unit`: "min_hold: expected a whole number of seconds, found the
/// text `15 s`".
fn whole_of(key: &str, value: &Scalar, unit: &str) -> Result<u32, String> {
    value.whole().map_err(|why| {
        let why = why
            .replacen(
                "expected a whole number",
                &format!("expected a whole number of {unit}"),
                1,
            )
            .replacen(
                "expected a number,",
                &format!("expected a number of {unit},"),
                1,
            );
        format!("{key}: {why}")
    })
}

/// A whole number of seconds within `range`.
fn seconds(key: &str, value: &Scalar, range: &RangeInclusive<u32>) -> Result<u32, String> {
    let n = whole_of(key, value, "seconds")?;
    if range.contains(&n) {
        return Ok(n);
    }
    Err(format!(
        "{key} is {n} seconds; it must be between {} and {} seconds",
        range.start(),
        range.end()
    ))
}

fn boolean(key: &str, value: &Scalar) -> Result<bool, String> {
    match value {
        Scalar::Bool(b) => Ok(*b),
        other => Err(format!(
            "{key}: expected true or false, found {}",
            other.describe()
        )),
    }
}

/// One of a few words; the message lists them and suggests the nearest.
fn word<T: Copy>(key: &str, value: &Scalar, choices: &[(String, T)]) -> Result<T, String> {
    let names: Vec<&str> = choices.iter().map(|(n, _)| n.as_str()).collect();
    if let Scalar::Text(s) = value
        && let Some((_, v)) = choices.iter().find(|(n, _)| n == s)
    {
        return Ok(*v);
    }
    let near = match value {
        Scalar::Text(s) => did_you_mean(s, names.iter().copied()),
        _ => String::new(),
    };
    Err(format!(
        "{key}: unknown value {}{near}; choose {}",
        value.describe(),
        crate::wording::join_or(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
    ))
}

/// A colour: a name (`red`, `light-blue`, `dark-gray`), `#rrggbb`, or a number of the
/// terminal's 256-colour palette (0 to 255).
fn colour(part: &str, value: &Scalar) -> Result<ratatui::style::Color, String> {
    let text = match value {
        Scalar::Text(t) => t.clone(),
        Scalar::Whole(n) => n.to_string(),
        other => {
            return Err(format!(
                "theme: {part}: expected a colour, found {}",
                other.describe()
            ));
        }
    };
    match text.parse::<ratatui::style::Color>() {
        Ok(c) => Ok(c),
        Err(_) => Err(format!(
            "theme: {part}: `{}` is not a colour; give a name such as red, light-blue or dark-gray, #rrggbb, or 0 to 255",
            echo(&text)
        )),
    }
}

/// `on_cue: notify-send` or `on_cue: [paplay, /path/to/bell.oga]`: a program and its
/// arguments, run without a shell. Each is one line of printable text.
fn command(value: &Scalar) -> Result<Vec<String>, String> {
    let words = match value {
        Scalar::Text(program) => vec![program.clone()],
        Scalar::List(items) if !items.is_empty() => items
            .iter()
            .map(|item| match item {
                Scalar::Text(word) => Ok(word.clone()),
                Scalar::Whole(n) => Ok(n.to_string()),
                other => Err(format!(
                    "on_cue: each word of the command is text, found {}",
                    other.describe()
                )),
            })
            .collect::<Result<_, _>>()?,
        other => {
            return Err(format!(
                "on_cue: expected a program, or a list of a program and its arguments, found {}",
                other.describe()
            ));
        }
    };
    if words.first().is_none_or(|p| p.trim().is_empty()) {
        return Err("on_cue: the program's name is empty".to_string());
    }
    if let Some(c) = words
        .iter()
        .flat_map(|w| w.chars())
        .find(|&c| forbidden_char(c) || c == '\n')
    {
        return Err(format!(
            "on_cue: control character U+{:04X} is not allowed in the command",
            u32::from(c)
        ));
    }
    Ok(words)
}

/// `activities: ~/Garmin/Activities`: an absolute folder, or one under the home folder
/// (`~/`); one line of printable text.
fn folder(key: &str, value: &Scalar) -> Result<std::path::PathBuf, String> {
    let Scalar::Text(text) = value else {
        return Err(format!(
            "{key}: expected a folder such as ~/Garmin/Activities, found {}",
            value.describe()
        ));
    };
    if let Some(c) = text.chars().find(|&c| forbidden_char(c) || c == '\n') {
        return Err(format!(
            "{key}: control character U+{:04X} is not allowed in a folder name",
            u32::from(c)
        ));
    }
    let path = match text.strip_prefix("~/") {
        Some(rest) => match std::env::var_os("HOME").filter(|h| !h.is_empty()) {
            Some(home) => std::path::PathBuf::from(home).join(rest),
            None => return Err(format!("{key}: ~/ needs a home folder (HOME is not set)")),
        },
        None => std::path::PathBuf::from(text),
    };
    if !path.is_absolute() {
        return Err(format!(
            "{key}: `{}` is not absolute: give the whole path, or one starting with ~/",
            echo(text)
        ));
    }
    Ok(path)
}

impl Settings {
    /// Reads `config.yaml` from `dir` (a missing file is fine) and applies `flags`.
    /// Problems come back as diagnostics; a key with a problem keeps its default.
    pub fn load(dir: Option<&Path>, flags: Flags) -> (Settings, Vec<Diagnostic>) {
        let mut settings = Settings::default();
        let mut problems = Vec::new();
        if let Some(dir) = dir {
            let path = dir.join(FILE_NAME);
            let shown = crate::text::path(&path);
            match read_limited(&path, MAX_FILE_BYTES) {
                Ok(bytes) => problems = settings.apply_file(&shown, &bytes),
                Err(e) if e.is_not_found() => {}
                Err(e) => problems.push(Diagnostic::at(
                    Severity::Error,
                    &shown,
                    None,
                    Position::START,
                    e.to_string(),
                )),
            }
        }
        if flags.no_bell {
            settings.bell.set(false, Source::Flag("--no-bell"));
        }
        if flags.voice {
            settings.voice.set(true, Source::Flag("--voice"));
        }
        if flags.no_mouse {
            settings.mouse.set(false, Source::Flag("--no-mouse"));
        }
        if flags.hands_free {
            settings.hands_free.set(true, Source::Flag("--hands-free"));
        }
        (settings, problems)
    }

    /// Applies the content of a config file named `path`, key by key. Returns the
    /// problems found; the keys without problems are applied.
    pub fn apply_file(&mut self, path: &str, bytes: &[u8]) -> Vec<Diagnostic> {
        let text = match crate::library::check_raw(path, bytes) {
            Ok(text) => text,
            Err(d) => return vec![d],
        };
        if text.trim().is_empty() {
            return Vec::new();
        }
        let entries: Entries = match crate::library::parse_yaml(path, &text) {
            Ok(entries) => entries,
            Err(d) => return vec![d],
        };
        let mut problems = Vec::new();
        for (key, value) in entries.0 {
            if key.value == "keys" {
                problems.extend(self.apply_keys(path, &text, &value));
                continue;
            }
            if key.value == "theme" && matches!(value.value, Scalar::Mapping(_)) {
                problems.extend(self.apply_theme_table(path, &text));
                continue;
            }
            let (at, why) = match self.apply_key(&key.value, &value.value, path) {
                Ok(()) => continue,
                Err(Misplaced::Key(why)) => (key.referenced, why),
                Err(Misplaced::Value(why)) => (value.referenced, why),
            };
            problems.push(Diagnostic::at(
                Severity::Error,
                path,
                Some(&text),
                Position::from_location(&at),
                why,
            ));
        }
        problems
    }

    /// `keys:` — a mapping of command names to a key or a list of keys. Only the shape
    /// is checked here; each entry that has it is kept for the input layer.
    fn apply_keys(&mut self, path: &str, text: &str, value: &Spanned<Scalar>) -> Vec<Diagnostic> {
        let problem = |at: &serde_saphyr::Location, why: String| {
            Diagnostic::at(
                Severity::Error,
                path,
                Some(text),
                Position::from_location(at),
                why,
            )
        };
        let entries = match &value.value {
            Scalar::Mapping(entries) => entries,
            Scalar::Nothing => &Vec::new(),
            other => {
                return vec![problem(
                    &value.referenced,
                    format!(
                        "keys: expected command names with their keys, such as `keys: {{ pause: [p] }}`, found {}",
                        other.describe()
                    ),
                )];
            }
        };
        let mut problems = Vec::new();
        let mut remaps = KeyRemaps {
            path: path.to_string(),
            text: text.to_string(),
            entries: Vec::new(),
        };
        for (name, keys) in entries {
            let Scalar::Text(command) = &name.value else {
                problems.push(problem(
                    &name.referenced,
                    format!(
                        "keys: expected a command name, found {}",
                        name.value.describe()
                    ),
                ));
                continue;
            };
            let list = match &keys.value {
                Scalar::Text(k) => Some(vec![k.clone()]),
                Scalar::List(items) => items
                    .iter()
                    .map(|i| match i {
                        Scalar::Text(k) => Some(k.clone()),
                        Scalar::Whole(n) => Some(n.to_string()),
                        _ => None,
                    })
                    .collect(),
                _ => None,
            };
            let Some(list) = list else {
                problems.push(problem(
                    &keys.referenced,
                    format!(
                        "keys: {}: expected a key or a list of keys, such as [p], found {}",
                        echo(command),
                        keys.value.describe()
                    ),
                ));
                continue;
            };
            remaps.entries.push(KeyRemap {
                command: command.clone(),
                command_at: Position::from_location(&name.referenced),
                keys: list,
                keys_at: Position::from_location(&keys.referenced),
            });
        }
        self.keys.set(remaps, Source::File(path.to_string()));
        problems
    }

    /// `theme:` as a table: `base:` and colours by part, each checked on its own (a bad
    /// one is reported where it is and left out; the others apply).
    fn apply_theme_table(&mut self, path: &str, text: &str) -> Vec<Diagnostic> {
        #[derive(Deserialize)]
        struct File {
            theme: Entries,
        }
        let file: File = match crate::library::parse_yaml(path, text) {
            Ok(f) => f,
            Err(d) => return vec![d],
        };
        let mut theme = ThemeChoice::named(ThemeName::Default);
        let mut problems = Vec::new();
        let parts = || THEME_PARTS.iter().map(|(p, _)| *p).chain(["base"]);
        for (key, value) in file.theme.0 {
            let result = match key.value.as_str() {
                "base" => {
                    let themes = ThemeName::ALL.map(|t| (t.label().to_string(), t));
                    word("theme: base", &value.value, &themes)
                        .map(|b| theme.base = b)
                        .map_err(Misplaced::Value)
                }
                part => match THEME_PARTS.iter().find(|(p, _)| *p == part) {
                    Some((part, _)) => colour(part, &value.value)
                        .map(|c| theme.colours.push((part, c)))
                        .map_err(Misplaced::Value),
                    None => Err(Misplaced::Key(format!(
                        "theme: unknown part `{}`{}; the parts are {}",
                        echo(part),
                        did_you_mean(part, parts()),
                        parts().collect::<Vec<_>>().join(", ")
                    ))),
                },
            };
            let (at, why) = match result {
                Ok(()) => continue,
                Err(Misplaced::Key(why)) => (key.referenced, why),
                Err(Misplaced::Value(why)) => (value.referenced, why),
            };
            problems.push(Diagnostic::at(
                Severity::Error,
                path,
                Some(text),
                Position::from_location(&at),
                why,
            ));
        }
        self.theme.set(theme, Source::File(path.to_string()));
        problems
    }

    fn apply_key(&mut self, key: &str, value: &Scalar, path: &str) -> Result<(), Misplaced> {
        let file = || Source::File(path.to_string());
        let secs = |range| seconds(key, value, range).map_err(Misplaced::Value);
        let flag = || boolean(key, value).map_err(Misplaced::Value);
        match key {
            "min_hold" => self.min_hold.set(
                seconds(key, value, &RECOVERY_HOLD_S).map_err(|why| {
                    Misplaced::Value(format!(
                        "{why}: a recovery hold needs at least {} seconds for a tender spot to ease",
                        RECOVERY_HOLD_S.start()
                    ))
                })?,
                file(),
            ),
            "get_ready" => self.get_ready.set(secs(&GET_READY_S)?, file()),
            "rest" => self.rest.set(secs(&REST_S)?, file()),
            "switch_sides" => self.switch_sides.set(secs(&SWITCH_SIDES_S)?, file()),
            "overtime_cap" => {
                if matches!(value, Scalar::Text(t) if t == "off") || value == &Scalar::Bool(false) {
                    return Err(Misplaced::Value(format!(
                        "overtime_cap cannot be switched off: a hold always ends by itself; give the most seconds of overtime, from {} to {}",
                        OVERTIME_CAP_S.start(),
                        OVERTIME_CAP_S.end()
                    )));
                }
                self.overtime_cap.set(Some(secs(&OVERTIME_CAP_S)?), file());
            }
            "auto_release" => self.auto_release.set(flag()?, file()),
            "hands_free" => self.hands_free.set(flag()?, file()),
            "tenderness_prompt" => self.tenderness_prompt.set(flag()?, file()),
            "bell" => self.bell.set(flag()?, file()),
            "voice" => self.voice.set(flag()?, file()),
            "countdown_voice" => self.countdown_voice.set(flag()?, file()),
            "mouse" => self.mouse.set(flag()?, file()),
            "voice_detail" => {
                let details = [VoiceDetail::Full, VoiceDetail::Brief].map(|d| (d.label().to_string(), d));
                let detail = word(key, value, &details).map_err(Misplaced::Value)?;
                self.voice_detail.set(detail, file());
            }
            "on_cue" => {
                let command = command(value).map_err(Misplaced::Value)?;
                self.on_cue.set(Some(command), file());
            }
            "theme" => {
                let themes = ThemeName::ALL.map(|t| (t.label().to_string(), t));
                let theme = word(key, value, &themes).map_err(|why| {
                    Misplaced::Value(format!("{why}, or a table of colours by part"))
                })?;
                self.theme.set(ThemeChoice::named(theme), file());
            }
            "equipment" => {
                // The names routine files use for tools, from the one definition.
                let mut tools: Vec<(String, Option<Tool>)> = Tool::ALL
                    .iter()
                    .filter_map(|t| {
                        let name = serde_json::to_value(t).ok()?.as_str()?.to_string();
                        Some((name, Some(*t)))
                    })
                    .collect();
                tools.push(("any".to_string(), None));
                let tool = word(key, value, &tools).map_err(Misplaced::Value)?;
                self.equipment.set(tool, file());
            }
            "weekly_goal" => {
                let goal = whole_of(key, value, "sessions").map_err(Misplaced::Value)?;
                if !WEEKLY_GOAL.contains(&goal) {
                    return Err(Misplaced::Value(format!(
                        "weekly_goal is {goal}; it must be from {} to {} sessions a week",
                        WEEKLY_GOAL.start(),
                        WEEKLY_GOAL.end()
                    )));
                }
                self.weekly_goal.set(goal, file());
            }
            "activities" => {
                let dir = folder(key, value).map_err(Misplaced::Value)?;
                self.activities.set(Some(dir), file());
            }
            "status_after_run" => {
                let hours = value
                    .whole()
                    .map_err(|why| Misplaced::Value(format!("{key}: {why} of hours")))?;
                if hours > 48 {
                    return Err(Misplaced::Value(format!(
                        "status_after_run is {hours} hours; it must be from 0 (never) to 48"
                    )));
                }
                self.status_after_run.set(hours, file());
            }
            other => {
                return Err(Misplaced::Key(format!(
                    "unknown key `{}` in the config file{}; the keys are {}",
                    echo(other),
                    did_you_mean(other, key_names()),
                    key_names().collect::<Vec<_>>().join(", ")
                )));
            }
        }
        Ok(())
    }

    pub fn timing(&self) -> Timing {
        let timing = Timing {
            min_hold_s: self.min_hold.value,
            get_ready_s: self.get_ready.value,
            rest_s: self.rest.value,
            switch_s: self.switch_sides.value,
            overtime_cap_s: self.overtime_cap.value,
            auto_release: self.auto_release.value,
            ..Timing::default()
        };
        if self.hands_free.value {
            timing.hands_free()
        } else {
            timing
        }
    }

    /// The lines of a commented `config.yaml` with every key at its default value: each
    /// key's meaning and bounds (from [`KEYS`]) above it. A key with no value by default
    /// (`on_cue`) is shown commented out, with an example.
    pub fn default_file() -> Vec<String> {
        let defaults = Settings::default();
        let mut lines = Vec::new();
        for (key, help) in KEYS {
            lines.push(String::new());
            lines.push(format!("# {help}"));
            if key == "theme" {
                lines.push(format!(
                    "# or a table, a built-in theme with colours of your own: {}",
                    THEME_PARTS.map(|(p, _)| p).join(", ")
                ));
                lines.push(
                    "#   theme: {base: high-contrast, hold: light-green, warning: \"#ff8800\"}"
                        .to_string(),
                );
            }
            match defaults.yaml_value(key) {
                Some(value) => lines.push(format!("{key}: {value}")),
                None if key == "activities" => lines.push(format!("# {key}: ~/Garmin/Activities")),
                None => lines.push(format!(
                    "# {key}: [paplay, /usr/share/sounds/freedesktop/stereo/bell.oga]"
                )),
            }
        }
        lines
    }

    /// A key's value as it is written in `config.yaml`; `None` for a key with no value.
    fn yaml_value(&self, key: &str) -> Option<String> {
        let v = match key {
            "min_hold" => self.min_hold.value.to_string(),
            "get_ready" => self.get_ready.value.to_string(),
            "rest" => self.rest.value.to_string(),
            "switch_sides" => self.switch_sides.value.to_string(),
            "overtime_cap" => self.overtime_cap.value?.to_string(),
            "auto_release" => self.auto_release.value.to_string(),
            "hands_free" => self.hands_free.value.to_string(),
            "tenderness_prompt" => self.tenderness_prompt.value.to_string(),
            "bell" => self.bell.value.to_string(),
            "voice" => self.voice.value.to_string(),
            "countdown_voice" => self.countdown_voice.value.to_string(),
            "voice_detail" => self.voice_detail.value.label().to_string(),
            "on_cue" => self.on_cue.value.as_ref()?.join(" "),
            "theme" => self.theme.value.base.label().to_string(),
            "mouse" => self.mouse.value.to_string(),
            "equipment" => self
                .equipment
                .value
                .and_then(|t| serde_json::to_value(t).ok()?.as_str().map(str::to_string))
                .unwrap_or_else(|| "any".to_string()),
            "weekly_goal" => self.weekly_goal.value.to_string(),
            "activities" => self.activities.value.as_ref()?.display().to_string(),
            "status_after_run" => self.status_after_run.value.to_string(),
            // The defaults; an entry such as `pause: [p]` changes a command's keys.
            "keys" if self.keys.value.entries.is_empty() => "{}".to_string(),
            _ => return None,
        };
        Some(v)
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
                "hands_free",
                self.hands_free.value.to_string(),
                &self.hands_free.source,
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
            line("theme", self.theme.value.label(), &self.theme.source),
            line("mouse", self.mouse.value.to_string(), &self.mouse.source),
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
            line(
                "activities",
                self.activities
                    .value
                    .as_ref()
                    .map_or("none".to_string(), |p| crate::text::path(p)),
                &self.activities.source,
            ),
            line(
                "status_after_run",
                format!("{} h", self.status_after_run.value),
                &self.status_after_run.source,
            ),
            line("keys", self.keys.value.describe(), &self.keys.source),
        ]
    }
}

/// Where a problem is: on the key (unknown) or on its value.
enum Misplaced {
    Key(String),
    Value(String),
}

/// The line printed after the config file's problems.
pub const PROBLEMS_NOTE: &str =
    "foamroll: the config file has errors; those keys keep their default values";
