//! Input as data: the commands, the keys, the contexts a key is read in, and one table
//! of bindings. It drives key handling in the app and in plain mode, and generates the
//! `?` help rows, the key bar and plain mode's key list (a test checks the README's key
//! table against it). [`terminal`] turns crossterm's key events into [`Key`]s.

pub mod terminal;

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
    /// Tenderness 0-9 of the hold just done.
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

/// A key, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

use Context::{Browse, Confirm, Over, Plain, Playing, Review};

const APP: &[Context] = &[Browse, Playing, Over];
const SESSION: &[Context] = &[Playing, Plain];

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [(Key, Command)],
    /// The keys as the help, the README and plain mode show them.
    pub label: &'static str,
    /// What they do; empty for keys that only answer a question.
    pub help: &'static str,
    /// In the key bar: the keys, short, and one or two words.
    pub bar: Option<(&'static str, &'static str)>,
    pub bar_in: &'static [Context],
    pub active: &'static [Context],
}

/// Every binding, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[
            (Key::Up, Command::Up),
            (Key::Char('k'), Command::Up),
            (Key::Down, Command::Down),
            (Key::Char('j'), Command::Down),
            (Key::PageUp, Command::PageUp),
            (Key::PageDown, Command::PageDown),
            (Key::Home, Command::Top),
            (Key::Char('g'), Command::Top),
            (Key::End, Command::Bottom),
            (Key::Char('G'), Command::Bottom),
        ],
        label: "↑ ↓  j k  PgUp PgDn  g G",
        help: "move in the focused pane (or scroll it)",
        bar: Some(("↑↓", "move")),
        bar_in: &[Browse],
        active: &[Browse, Playing, Over, Review],
    },
    Binding {
        keys: &[(Key::Enter, Command::Enter)],
        label: "",
        help: "",
        bar: Some(("Enter", "browse")),
        bar_in: &[Over],
        active: &[],
    },
    Binding {
        keys: &[
            (Key::Tab, Command::NextPane),
            (Key::BackTab, Command::PrevPane),
            (Key::Right, Command::Right),
            (Key::Char('l'), Command::Right),
            (Key::Left, Command::Left),
            (Key::Char('h'), Command::Left),
        ],
        label: "Tab  Shift-Tab  ← →  h l",
        help: "next / previous pane",
        bar: Some(("Tab", "pane")),
        bar_in: &[Browse, Over],
        active: &[Browse, Playing, Over, Review],
    },
    Binding {
        keys: &[(Key::Enter, Command::Enter)],
        label: "Enter",
        help: "start the selected routine (on an exercise, or a region with one: play it alone); after a session, back to browsing",
        bar: Some(("Enter", "start routine")),
        bar_in: &[Browse],
        active: &[Browse, Playing, Over, Review],
    },
    Binding {
        keys: &[(Key::Char('a'), Command::Alternatives)],
        label: "a",
        help: "from the IT band: jump to the muscles to work instead",
        // The app's key bar shows it only on a region that is not rolled.
        bar: Some(("a", "alternatives")),
        bar_in: &[Browse],
        active: APP,
    },
    Binding {
        keys: &[(Key::Char('i'), Command::Guides)],
        label: "i",
        help: "guides: pressure and pain, why roll, warm-up or recovery (also from the help)",
        bar: None,
        bar_in: &[],
        active: APP,
    },
    Binding {
        keys: &[
            (Key::Char('t'), Command::TodayIntent),
            (Key::Char('+'), Command::AddTime),
            (Key::Char('='), Command::AddTime),
            (Key::Char('-'), Command::RemoveTime),
            (Key::Char('_'), Command::RemoveTime),
        ],
        label: "t  +  -  (on Today)",
        help: "on the Today routine: switch before a run, after a run or rest day; a minute more or less",
        bar: None,
        bar_in: &[],
        active: &[Browse],
    },
    Binding {
        keys: &[(Key::Char(' '), Command::TogglePause)],
        label: "Space",
        help: "pause / resume",
        bar: Some(("Space", "pause")),
        bar_in: SESSION,
        active: SESSION,
    },
    Binding {
        keys: &[(Key::Char('f'), Command::Found)],
        label: "f",
        help: "found the tender spot: start the hold",
        bar: Some(("f", "found")),
        bar_in: SESSION,
        active: SESSION,
    },
    Binding {
        keys: &[(Key::Char('r'), Command::Release)],
        label: "r",
        help: "release the hold (once the minimum is reached)",
        bar: Some(("r", "release")),
        bar_in: SESSION,
        active: SESSION,
    },
    Binding {
        keys: &[(Key::Char('R'), Command::ForceRelease)],
        label: "R",
        help: "release the hold now, before the minimum",
        // The app shows it in the refusal ("R releases anyway"); plain mode lists it.
        bar: Some(("R", "release now")),
        bar_in: &[Plain],
        active: SESSION,
    },
    Binding {
        keys: &[(Key::Char('n'), Command::Skip)],
        label: "n",
        help: "skip to the next phase (in a search, skip that tender spot)",
        bar: Some(("n", "skip")),
        bar_in: SESSION,
        active: SESSION,
    },
    Binding {
        keys: &[(Key::Char('b'), Command::Back)],
        label: "b",
        help: "back one tender spot (or one side of a warm-up); twice within 2 seconds, back a whole step",
        bar: Some(("b", "back")),
        bar_in: SESSION,
        active: SESSION,
    },
    Binding {
        keys: &[
            (Key::Char('+'), Command::AddTime),
            (Key::Char('='), Command::AddTime),
            (Key::Char('-'), Command::RemoveTime),
            (Key::Char('_'), Command::RemoveTime),
        ],
        label: "+  -",
        help: "add / remove 10 seconds on the countdown (never below zero)",
        bar: Some(("+/-", "time")),
        bar_in: SESSION,
        active: SESSION,
    },
    Binding {
        keys: &[
            (Key::Digit, Command::Rate(0)),
            (Key::Char(')'), Command::Rate(10)),
        ],
        label: "0-9  )",
        help: "rate how tender the spot was, 0 to 10, after a hold (optional; another key corrects it); ) is shift-0, for 10",
        bar: Some(("0-9 )", "rate")),
        bar_in: &[Plain],
        // After the session too: the last hold can still be rated.
        active: &[Playing, Over, Plain],
    },
    Binding {
        keys: &[(Key::Char('H'), Command::OpenReview)],
        label: "H  (Enter on History)",
        help: "open the history review",
        bar: Some(("H", "history")),
        bar_in: &[Browse],
        active: &[Browse, Over, Review],
    },
    Binding {
        keys: &[
            (Key::Char('r'), Command::FilterRoutine),
            (Key::Char('e'), Command::FilterRegion),
            (Key::Char('d'), Command::FilterDates),
            (Key::Char('c'), Command::ClearFilters),
        ],
        label: "r e d c  (in the review)",
        help: "filter by routine, region, dates; clear the filters (Enter details, Tab to the statistics and back, Esc back)",
        bar: None,
        bar_in: &[],
        active: &[Review],
    },
    Binding {
        keys: &[(Key::Char('v'), Command::NextView)],
        label: "v  (in the review)",
        help: "next view: sessions, tenderness map, charts, calendar (on the map ↑ ↓ pick a region, Enter filters to it)",
        bar: None,
        bar_in: &[],
        active: &[Review],
    },
    Binding {
        keys: &[(Key::Char('?'), Command::Help)],
        label: "?",
        help: "help with every key (↑ ↓ scroll it when it does not fit)",
        bar: Some(("?", "help")),
        bar_in: &[Browse, Playing, Over, Plain],
        active: &[Browse, Playing, Over, Review, Plain],
    },
    Binding {
        keys: &[(Key::Char('q'), Command::Quit), (Key::Esc, Command::Escape)],
        label: "q  Esc",
        help: "quit; during a session it asks first (y or Enter), keeps it as aborted and goes back to browsing",
        bar: Some(("q", "quit")),
        bar_in: &[Browse, Playing, Over, Plain],
        active: &[Browse, Playing, Over, Review, Plain],
    },
    Binding {
        keys: &[(Key::Ctrl('z'), Command::Suspend)],
        label: "Ctrl-Z",
        help: "suspend (the session pauses; fg to come back)",
        bar: None,
        bar_in: &[],
        active: &[Browse, Playing, Over, Review, Confirm, Plain],
    },
    Binding {
        keys: &[(Key::Ctrl('c'), Command::Interrupt)],
        label: "Ctrl-C",
        help: "leave at once (a running session is kept as aborted)",
        bar: None,
        bar_in: &[],
        active: &[Browse, Playing, Over, Review, Confirm, Plain],
    },
    Binding {
        keys: &[
            (Key::Char('y'), Command::Yes),
            (Key::Enter, Command::Yes),
            (Key::Char('n'), Command::No),
            (Key::Esc, Command::No),
            (Key::Char('q'), Command::No),
        ],
        label: "",
        help: "",
        bar: None,
        bar_in: &[],
        active: &[Confirm],
    },
    Binding {
        keys: &[],
        label: "mouse",
        help: "click to select and focus a pane, wheel to scroll",
        bar: None,
        bar_in: &[],
        active: &[],
    },
];

/// The command a key gives in `context`, if any.
pub fn lookup(key: Key, context: Context) -> Option<Command> {
    let digit = match key {
        Key::Char(c @ '0'..='9') => Some(c as u8 - b'0'),
        _ => None,
    };
    BINDINGS
        .iter()
        .filter(|b| b.active.contains(&context))
        .flat_map(|b| b.keys.iter())
        .find_map(|&(k, command)| match (k, command, digit) {
            (Key::Digit, Command::Rate(_), Some(d)) => Some(Command::Rate(d)),
            _ if k == key => Some(command),
            _ => None,
        })
}

/// The `?` help rows (keys, what they do); the README's key table lists the same.
pub fn help_rows() -> impl Iterator<Item = (&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| !b.help.is_empty())
        .map(|b| (b.label, b.help))
}

/// The key bar for `context`: (keys, word).
pub fn bar(context: Context) -> impl Iterator<Item = (&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(move |b| b.bar_in.contains(&context))
        .filter_map(|b| b.bar)
}

/// Plain mode's key list, one line: "Space pause · f found · ...".
pub fn plain_key_list() -> String {
    let keys: Vec<String> = bar(Plain).map(|(k, w)| format!("{k} {w}")).collect();
    format!("Keys: {}", keys.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_keys_are_the_same_in_both_modes() {
        for key in [
            Key::Char(' '),
            Key::Char('f'),
            Key::Char('r'),
            Key::Char('R'),
            Key::Char('n'),
            Key::Char('b'),
            Key::Char('+'),
            Key::Char('-'),
            Key::Char('_'),
            Key::Char('5'),
            Key::Char('q'),
            Key::Ctrl('c'),
            Key::Ctrl('z'),
        ] {
            assert_eq!(lookup(key, Playing), lookup(key, Plain), "{key:?}");
            assert!(lookup(key, Plain).is_some(), "{key:?}");
        }
    }

    #[test]
    fn the_review_and_the_question_take_their_own_keys_first() {
        assert_eq!(lookup(Key::Char('r'), Review), Some(Command::FilterRoutine));
        assert_eq!(lookup(Key::Char('r'), Playing), Some(Command::Release));
        assert_eq!(lookup(Key::Char('n'), Confirm), Some(Command::No));
        assert_eq!(lookup(Key::Enter, Confirm), Some(Command::Yes));
        assert_eq!(lookup(Key::Char('7'), Plain), Some(Command::Rate(7)));
        assert_eq!(lookup(Key::Char('f'), Browse), None);
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        for ctx in [Browse, Playing, Over, Review, Confirm, Plain] {
            let mut seen: Vec<(Key, Command)> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.active.contains(&ctx)) {
                for &(k, c) in b.keys {
                    if let Some((_, other)) = seen.iter().find(|(s, _)| *s == k) {
                        assert_eq!(*other, c, "{k:?} in {ctx:?}");
                    }
                    seen.push((k, c));
                }
            }
        }
    }
}
