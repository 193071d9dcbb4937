//! The one table of bindings: every key the program reads, what it does, where it
//! works, how the help describes it and where the key bar shows it. A command is
//! bound in one binding only (a test checks it), so remapping it changes one row.

use super::Context::{self, Browse, Confirm, Over, Plain, Playing, Review};
use super::{Command, Key};

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The default keys, in the order the help shows them.
    pub keys: &'static [(Key, Command)],
    /// After the keys in the help: where they work ("(on Today)"); alone when there
    /// are no keys ("mouse").
    pub note: &'static str,
    /// What they do; empty for keys that only answer a question. `{name}` stands for
    /// the first key of the command `keys:` calls `name` (`{yes}`, `{no}` for the
    /// answers), `{name*}` for its first two ("y or Enter").
    pub help: &'static str,
    /// The key bar's entries for these keys.
    pub bar: &'static [Bar],
    /// Where the keys work.
    pub active: &'static [Context],
}

/// One entry of the key bar: the keys of `commands` and a word or two.
#[derive(Debug, Clone, Copy)]
pub struct Bar {
    /// One command: all its keys ("0-9 )"); several: the first key of each, joined
    /// by `joiner` ("+/-", "↑↓").
    pub commands: &'static [Command],
    pub joiner: &'static str,
    pub word: &'static str,
    pub shown_in: &'static [Context],
    /// Always shown, at the right end of the bar.
    pub pinned: bool,
}

const APP: &[Context] = &[Browse, Playing, Over];
const SESSION: &[Context] = &[Playing, Plain];
const EVERYWHERE: &[Context] = &[Browse, Playing, Over, Review, Confirm, Plain];

const fn bar(command: &'static [Command], word: &'static str, shown_in: &'static [Context]) -> Bar {
    Bar {
        commands: command,
        joiner: "",
        word,
        shown_in,
        pinned: false,
    }
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
        note: "",
        help: "move in the focused pane (or scroll it)",
        // After a session the key bar leads with the way back (the Enter binding's
        // command, listed here for its place in the bar).
        bar: &[
            bar(&[Command::Up, Command::Down], "move", &[Browse]),
            bar(&[Command::Enter], "browse", &[Over]),
        ],
        active: &[Browse, Playing, Over, Review],
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
        note: "",
        help: "next / previous pane",
        bar: &[bar(&[Command::NextPane], "pane", &[Browse, Over])],
        active: &[Browse, Playing, Over, Review],
    },
    Binding {
        keys: &[(Key::Enter, Command::Enter)],
        note: "",
        help: "start the selected routine; in Regions: play an exercise (or a region's only one) alone, show a region's exercises, read a guide; after a session, back to browsing",
        bar: &[bar(&[Command::Enter], "start routine", &[Browse])],
        active: &[Browse, Playing, Over, Review],
    },
    Binding {
        keys: &[(Key::Char('a'), Command::Alternatives)],
        note: "",
        help: "from the IT band: jump to the muscles to work instead",
        // The app's key bar shows it only on a region that is not rolled.
        bar: &[bar(&[Command::Alternatives], "alternatives", &[Browse])],
        active: APP,
    },
    Binding {
        keys: &[(Key::Char('i'), Command::Guides)],
        note: "",
        help: "guides: pressure and pain, why roll, warm-up or recovery (also from the help)",
        bar: &[],
        active: APP,
    },
    Binding {
        keys: &[(Key::Char('t'), Command::TodayIntent)],
        note: "(on Today)",
        help: "on the Today routine: switch before a run, after a run or rest day ({add_time} and {remove_time}: a minute more or less)",
        bar: &[],
        active: &[Browse],
    },
    Binding {
        keys: &[(Key::Char(' '), Command::TogglePause)],
        note: "",
        help: "pause / resume",
        bar: &[bar(&[Command::TogglePause], "pause", SESSION)],
        active: SESSION,
    },
    Binding {
        keys: &[(Key::Char('f'), Command::Found)],
        note: "",
        help: "found the tender spot: start the hold",
        bar: &[bar(&[Command::Found], "found", SESSION)],
        active: SESSION,
    },
    Binding {
        keys: &[(Key::Char('r'), Command::Release)],
        note: "",
        help: "release the hold (once the minimum is reached)",
        bar: &[bar(&[Command::Release], "release", SESSION)],
        active: SESSION,
    },
    Binding {
        keys: &[(Key::Char('R'), Command::ForceRelease)],
        note: "",
        help: "release the hold now, before the minimum",
        // The app shows it in the refusal ("R releases anyway"); plain mode lists it.
        bar: &[bar(&[Command::ForceRelease], "release now", &[Plain])],
        active: SESSION,
    },
    Binding {
        keys: &[(Key::Char('n'), Command::Skip)],
        note: "",
        help: "skip to the next phase (in a search, skip that tender spot)",
        bar: &[bar(&[Command::Skip], "skip", SESSION)],
        active: SESSION,
    },
    Binding {
        keys: &[(Key::Char('b'), Command::Back)],
        note: "",
        help: "back one tender spot (or one side of a warm-up); twice within 2 seconds, back a whole step",
        bar: &[bar(&[Command::Back], "back", SESSION)],
        active: SESSION,
    },
    Binding {
        keys: &[
            (Key::Char('+'), Command::AddTime),
            (Key::Char('='), Command::AddTime),
            (Key::Char('-'), Command::RemoveTime),
            (Key::Char('_'), Command::RemoveTime),
        ],
        note: "",
        help: "add / remove 10 seconds on the countdown (never below zero); on the Today routine, a minute more or less",
        bar: &[Bar {
            commands: &[Command::AddTime, Command::RemoveTime],
            joiner: "/",
            word: "time",
            shown_in: SESSION,
            pinned: false,
        }],
        active: &[Browse, Playing, Plain],
    },
    Binding {
        keys: &[
            (Key::Digit, Command::Rate(0)),
            (Key::Char(')'), Command::Rate(10)),
        ],
        note: "",
        help: "rate how tender the spot was, 0 to 10, after a hold (optional; another key corrects it); ) is shift-0, for 10",
        bar: &[bar(&[Command::Rate(0)], "rate", &[Plain])],
        // After the session too: the last hold can still be rated.
        active: &[Playing, Over, Plain],
    },
    Binding {
        keys: &[(Key::Char('H'), Command::OpenReview)],
        note: "({enter} on History)",
        help: "open the history review",
        bar: &[bar(&[Command::OpenReview], "history", &[Browse])],
        active: &[Browse, Over, Review],
    },
    Binding {
        keys: &[
            (Key::Char('r'), Command::FilterRoutine),
            (Key::Char('e'), Command::FilterRegion),
            (Key::Char('d'), Command::FilterDates),
            (Key::Char('c'), Command::ClearFilters),
        ],
        note: "(in the review)",
        help: "filter by routine, region, dates; clear the filters ({enter} details, {next_pane} to the statistics and back, {escape} back)",
        bar: &[],
        active: &[Review],
    },
    Binding {
        keys: &[(Key::Char('v'), Command::NextView)],
        note: "(in the review)",
        help: "next view: sessions, tenderness map, charts, calendar (on the map {up} {down} pick a region, {enter} filters to it)",
        bar: &[],
        active: &[Review],
    },
    Binding {
        keys: &[(Key::Char('?'), Command::Help)],
        note: "",
        help: "help with every key ({up} {down} scroll it when it does not fit)",
        bar: &[Bar {
            commands: &[Command::Help],
            joiner: "",
            word: "help",
            shown_in: &[Browse, Playing, Over, Plain],
            pinned: true,
        }],
        active: &[Browse, Playing, Over, Review, Plain],
    },
    Binding {
        keys: &[(Key::Char('q'), Command::Quit), (Key::Esc, Command::Escape)],
        note: "",
        help: "quit; during a session it asks first ({yes*}), keeps it as aborted and goes back to browsing",
        bar: &[Bar {
            commands: &[Command::Quit],
            joiner: "",
            word: "quit",
            shown_in: &[Browse, Playing, Over, Plain],
            pinned: true,
        }],
        active: &[Browse, Playing, Over, Review, Plain],
    },
    Binding {
        keys: &[(Key::Ctrl('z'), Command::Suspend)],
        note: "",
        help: "suspend (the session pauses; fg to come back)",
        bar: &[],
        active: EVERYWHERE,
    },
    Binding {
        keys: &[(Key::Ctrl('c'), Command::Interrupt)],
        note: "",
        help: "leave at once (a running session is kept as aborted)",
        bar: &[],
        active: EVERYWHERE,
    },
    Binding {
        keys: &[
            (Key::Char('y'), Command::Yes),
            (Key::Enter, Command::Yes),
            (Key::Char('n'), Command::No),
            (Key::Esc, Command::No),
            (Key::Char('q'), Command::No),
        ],
        note: "",
        help: "",
        bar: &[],
        active: &[Confirm],
    },
    Binding {
        keys: &[],
        note: "mouse",
        help: "click to select and focus a pane, wheel to scroll",
        bar: &[],
        active: &[],
    },
];
