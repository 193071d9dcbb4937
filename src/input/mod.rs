//! Input as data: the commands, the keys, the contexts a key is read in, and one table
//! of bindings ([`table`]). A [`Keymap`] is that table with the person's `keys:`
//! remapping applied; it drives key handling in the app and in plain mode, and
//! generates the `?` help rows, the key bar, plain mode's key list, the man page's and
//! the README's key tables, and the key names in every sentence that names a key
//! ([`Keymap::names`]). [`terminal`] turns crossterm's key events into [`Key`]s.
//!
//! The coach sits above this module and takes only [`SessionCommand`]s: the commands a
//! running session has.

mod keymap;
mod table;
pub mod terminal;

use std::fmt;

pub use keymap::{BarKey, Keymap};
pub use table::{BINDINGS, Bar, Binding};

/// What a key asks for, whichever key it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    /// Ctrl-C: leave now, keeping a running session as aborted.
    Interrupt,
    /// Ctrl-Z: suspend; the session pauses until `fg`.
    Suspend,
    Help,
    NextPane,
    PrevPane,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Enter,
    Escape,
    TogglePause,
    Found,
    Release,
    ForceRelease,
    Skip,
    Back,
    AddTime,
    RemoveTime,
    /// Browsing, on the Today routine: the next intent (before a run, after, rest day).
    TodayIntent,
    /// Tenderness 0-10 of the hold just done.
    Rate(u8),
    Alternatives,
    /// Jump to the guides (pressure and pain first), from anywhere, even the help.
    Guides,
    OpenReview,
    /// In the review: cycle the routine, region and date filters; clear them.
    FilterRoutine,
    FilterRegion,
    FilterDates,
    ClearFilters,
    /// In the review: the next view (sessions, map, charts, calendar).
    NextView,
    Yes,
    No,
}

/// The commands a running session takes; everything else is the front end's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionCommand {
    TogglePause,
    Found,
    Release,
    ForceRelease,
    Skip,
    Back,
    AddTime,
    RemoveTime,
    Rate(u8),
}

impl Command {
    /// Every command with the name `keys:` in `config.yaml` knows it by, in the order
    /// the manual lists them. Rating (`0`-`9`, `)`), Ctrl-C and the answers to "end the
    /// session?" keep their keys and have no name.
    pub const NAMED: [(&'static str, Command); 31] = [
        ("up", Command::Up),
        ("down", Command::Down),
        ("page_up", Command::PageUp),
        ("page_down", Command::PageDown),
        ("top", Command::Top),
        ("bottom", Command::Bottom),
        ("next_pane", Command::NextPane),
        ("prev_pane", Command::PrevPane),
        ("right", Command::Right),
        ("left", Command::Left),
        ("enter", Command::Enter),
        ("alternatives", Command::Alternatives),
        ("guides", Command::Guides),
        ("today_intent", Command::TodayIntent),
        ("pause", Command::TogglePause),
        ("found", Command::Found),
        ("release", Command::Release),
        ("release_now", Command::ForceRelease),
        ("skip", Command::Skip),
        ("back", Command::Back),
        ("add_time", Command::AddTime),
        ("remove_time", Command::RemoveTime),
        ("history", Command::OpenReview),
        ("filter_routine", Command::FilterRoutine),
        ("filter_region", Command::FilterRegion),
        ("filter_dates", Command::FilterDates),
        ("clear_filters", Command::ClearFilters),
        ("next_view", Command::NextView),
        ("help", Command::Help),
        ("quit", Command::Quit),
        ("escape", Command::Escape),
    ];

    /// The name `keys:` uses for this command, if it can be remapped.
    pub fn name(self) -> Option<&'static str> {
        Command::NAMED
            .iter()
            .find(|(_, c)| *c == self)
            .map(|(n, _)| *n)
    }

    pub fn from_name(name: &str) -> Option<Command> {
        Command::NAMED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| *c)
    }

    /// The command as a running session takes it, if it is one of the session's.
    pub fn session(self) -> Option<SessionCommand> {
        Some(match self {
            Command::TogglePause => SessionCommand::TogglePause,
            Command::Found => SessionCommand::Found,
            Command::Release => SessionCommand::Release,
            Command::ForceRelease => SessionCommand::ForceRelease,
            Command::Skip => SessionCommand::Skip,
            Command::Back => SessionCommand::Back,
            Command::AddTime => SessionCommand::AddTime,
            Command::RemoveTime => SessionCommand::RemoveTime,
            Command::Rate(n) => SessionCommand::Rate(n),
            _ => return None,
        })
    }
}

/// A key, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Char(char),
    /// A letter with Control held.
    Ctrl(char),
    /// Any of 0-9 (bound to [`Command::Rate`]).
    Digit,
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
}

/// The names `keys:` accepts besides a single character, and how each key is shown.
const NAMED_KEYS: [(&str, Key); 13] = [
    ("space", Key::Char(' ')),
    ("enter", Key::Enter),
    ("esc", Key::Esc),
    ("tab", Key::Tab),
    ("shift-tab", Key::BackTab),
    ("up", Key::Up),
    ("down", Key::Down),
    ("left", Key::Left),
    ("right", Key::Right),
    ("pageup", Key::PageUp),
    ("pagedown", Key::PageDown),
    ("home", Key::Home),
    ("end", Key::End),
];

impl Key {
    /// A key as `config.yaml` writes it: one character (`p`, `P`, `?`), a name
    /// (`space`, `enter`, `esc`, `tab`, `shift-tab`, `up`, `down`, `left`, `right`,
    /// `pageup`, `pagedown`, `home`, `end`, in any case) or `ctrl-` and a letter.
    /// Digits are the rating keys and cannot be given to another command.
    pub fn parse(s: &str) -> Option<Key> {
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return (!c.is_ascii_digit() && !c.is_control() && !c.is_whitespace())
                .then_some(Key::Char(c));
        }
        let lower = s.to_ascii_lowercase();
        if let Some(letter) = lower.strip_prefix("ctrl-") {
            let mut l = letter.chars();
            return match (l.next(), l.next()) {
                (Some(c), None) if c.is_ascii_lowercase() => Some(Key::Ctrl(c)),
                _ => None,
            };
        }
        NAMED_KEYS
            .iter()
            .find(|(n, _)| *n == lower)
            .map(|(_, k)| *k)
    }

    /// Every name [`Key::parse`] knows, for messages.
    pub fn names() -> impl Iterator<Item = &'static str> {
        NAMED_KEYS.iter().map(|(n, _)| *n)
    }
}

/// How a key is shown in the help, the key bar and sentences: `f`, `Space`, `↑`, `Ctrl-Z`.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Char(' ') => f.write_str("Space"),
            Key::Char(c) => write!(f, "{c}"),
            Key::Ctrl(c) => write!(f, "Ctrl-{}", c.to_ascii_uppercase()),
            Key::Digit => f.write_str("0-9"),
            Key::Enter => f.write_str("Enter"),
            Key::Esc => f.write_str("Esc"),
            Key::Tab => f.write_str("Tab"),
            Key::BackTab => f.write_str("Shift-Tab"),
            Key::Up => f.write_str("↑"),
            Key::Down => f.write_str("↓"),
            Key::Left => f.write_str("←"),
            Key::Right => f.write_str("→"),
            Key::PageUp => f.write_str("PgUp"),
            Key::PageDown => f.write_str("PgDn"),
            Key::Home => f.write_str("Home"),
            Key::End => f.write_str("End"),
        }
    }
}

/// Where a key is read; each binding says where it works and where the key bar shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The app with no session running.
    Browse,
    /// The app during a session.
    Playing,
    /// The app after a session, before going back to browsing.
    Over,
    /// The app's history review.
    Review,
    /// The "end the session?" question, in the app and in plain mode.
    Confirm,
    /// Plain mode during a session.
    Plain,
}

impl Context {
    pub const ALL: [Context; 6] = [
        Context::Browse,
        Context::Playing,
        Context::Over,
        Context::Review,
        Context::Confirm,
        Context::Plain,
    ];
}
