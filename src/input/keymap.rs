//! The table of bindings with the person's `keys:` remapping applied, and everything
//! made from it: lookups, the help rows, the key bar, plain mode's key list and the
//! names of keys in sentences.

use std::collections::BTreeSet;

use super::table::{BINDINGS, Bar};
use super::{Command, Context, Key};
use crate::config::{KeyRemap, KeyRemaps, Settings};
use crate::library::{Diagnostic, Position, Severity};
use crate::text::{did_you_mean, echo, join_and};
use crate::wording::KeyNames;

/// The keys of every binding of [`BINDINGS`], index for index, after remapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    keys: Vec<Vec<(Key, Command)>>,
}

impl Default for Keymap {
    /// The table's own keys. Ctrl-Z suspends only where the system can stop a program
    /// and continue it (Unix); elsewhere it does nothing.
    fn default() -> Self {
        let keys = BINDINGS
            .iter()
            .map(|b| {
                b.keys
                    .iter()
                    .copied()
                    .filter(|&(_, c)| c != Command::Suspend || crate::signals::CAN_SUSPEND)
                    .collect()
            })
            .collect();
        Keymap { keys }
    }
}

/// One entry of the key bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarKey {
    pub commands: &'static [Command],
    /// The keys as shown: "Space", "+/-", "0-9 )".
    pub keys: String,
    pub word: &'static str,
    /// Always shown, at the right end.
    pub pinned: bool,
}

impl BarKey {
    pub fn is(&self, command: Command) -> bool {
        self.commands.contains(&command)
    }
}

/// A conflict: `key` does two things in `context`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Conflict {
    context: Context,
    key: Key,
    commands: [Command; 2],
}

fn context_words(context: Context) -> &'static str {
    match context {
        Context::Browse => "while browsing",
        Context::Playing => "during a session",
        Context::Over => "after a session",
        Context::Review => "in the review",
        Context::Confirm => "when asked to end a session",
        Context::Plain => "in plain mode",
    }
}

fn command_words(command: Command) -> String {
    match command.name() {
        Some(name) => format!("`{name}`"),
        None => match command {
            Command::Rate(_) => "rating".to_string(),
            Command::Interrupt => "Ctrl-C".to_string(),
            Command::Suspend => "suspend".to_string(),
            Command::Yes => "yes (end the session)".to_string(),
            Command::No => "no (go on)".to_string(),
            _ => format!("{command:?}"),
        },
    }
}

impl Keymap {
    /// The table with the remapping of `settings` (`keys:`) applied. Each entry is
    /// checked on its own: an unknown command, an unknown key or a key that would do
    /// two things in one place is reported where it is written, and that command
    /// keeps its keys; every other entry still applies.
    pub fn from_settings(settings: &Settings) -> (Keymap, Vec<Diagnostic>) {
        Keymap::remapped(&settings.keys.value)
    }

    pub fn remapped(remaps: &KeyRemaps) -> (Keymap, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let problem = |at: Position, why: String| {
            Diagnostic::at(Severity::Error, &remaps.path, Some(&remaps.text), at, why)
        };
        let mut accepted: Vec<(Command, Vec<Key>, &KeyRemap)> = Vec::new();
        for r in &remaps.entries {
            let Some(command) = Command::from_name(&r.command) else {
                let names = Command::NAMED.iter().map(|(n, _)| *n);
                problems.push(problem(
                    r.command_at,
                    format!(
                        "keys: unknown command `{}`{}; `foamroll man` lists the command names",
                        echo(&r.command),
                        did_you_mean(&r.command, names)
                    ),
                ));
                continue;
            };
            if accepted.iter().any(|(c, _, _)| *c == command) {
                problems.push(problem(
                    r.command_at,
                    format!("keys: `{}` is given twice; the first is kept", r.command),
                ));
                continue;
            }
            let mut keys = Vec::new();
            let mut bad = None;
            for name in &r.keys {
                match Key::parse(name) {
                    Some(k) if !keys.contains(&k) => keys.push(k),
                    Some(_) => {}
                    None => {
                        bad = Some(name);
                        break;
                    }
                }
            }
            if let Some(name) = bad {
                let known: Vec<String> = Key::names().map(str::to_string).collect();
                problems.push(problem(
                    r.keys_at,
                    format!(
                        "keys: {}: unknown key `{}`{}; a key is one character other than a digit, ctrl- and a letter, or one of {}",
                        r.command,
                        echo(name),
                        did_you_mean(name, Key::names()),
                        join_and(&known)
                    ),
                ));
                continue;
            }
            if keys.is_empty() {
                problems.push(problem(
                    r.keys_at,
                    format!("keys: {}: give at least one key", r.command),
                ));
                continue;
            }
            accepted.push((command, keys, r));
        }
        // Apply everything, then take back each entry that makes a key do two things
        // in one place, until none does (so that two commands can swap keys).
        loop {
            let map = Keymap::with(&accepted);
            let Some(conflict) = map.conflicts().into_iter().next() else {
                return (map, problems);
            };
            let before = accepted.len();
            accepted.retain(|(command, keys, r)| {
                let blamed = conflict.commands.contains(command) && keys.contains(&conflict.key);
                if blamed {
                    let other = conflict
                        .commands
                        .into_iter()
                        .find(|c| c != command)
                        .unwrap_or(*command);
                    problems.push(problem(
                        r.keys_at,
                        format!(
                            "keys: {}: {} already does {} {}; `{}` keeps its keys",
                            r.command,
                            conflict.key,
                            command_words(other),
                            context_words(conflict.context),
                            r.command
                        ),
                    ));
                }
                !blamed
            });
            if accepted.len() == before {
                // A conflict in the table itself (a test keeps it from happening).
                return (map, problems);
            }
        }
    }

    /// The table with each accepted command's keys replaced, in place.
    fn with(remaps: &[(Command, Vec<Key>, &KeyRemap)]) -> Keymap {
        let mut map = Keymap::default();
        for (command, keys, _) in remaps {
            for binding in &mut map.keys {
                let Some(at) = binding.iter().position(|(_, c)| c == command) else {
                    continue;
                };
                binding.retain(|(_, c)| c != command);
                let new = keys.iter().map(|&k| (k, *command));
                binding.splice(at..at, new);
            }
        }
        map
    }

    fn conflicts(&self) -> Vec<Conflict> {
        let mut found = Vec::new();
        for context in Context::ALL {
            let mut seen: Vec<(Key, Command)> = Vec::new();
            for (binding, keys) in BINDINGS.iter().zip(&self.keys) {
                if !binding.active.contains(&context) {
                    continue;
                }
                for &(key, command) in keys {
                    if let Some(&(_, other)) = seen.iter().find(|(k, _)| *k == key)
                        && other != command
                    {
                        found.push(Conflict {
                            context,
                            key,
                            commands: [other, command],
                        });
                    }
                    seen.push((key, command));
                }
            }
        }
        found
    }

    /// The command a key gives in `context`, if any.
    pub fn lookup(&self, key: Key, context: Context) -> Option<Command> {
        let digit = match key {
            Key::Char(c) => c.to_digit(10).and_then(|d| u8::try_from(d).ok()),
            _ => None,
        };
        BINDINGS
            .iter()
            .zip(&self.keys)
            .filter(|(b, _)| b.active.contains(&context))
            .flat_map(|(_, keys)| keys.iter())
            .find_map(|&(k, command)| match (k, command, digit) {
                (Key::Digit, Command::Rate(_), Some(d)) => Some(Command::Rate(d)),
                _ if k == key => Some(command),
                _ => None,
            })
    }

    /// Every key bound to `command`, in the table's order; for a rating, every
    /// rating key (the digits, and the key for 10).
    pub fn keys_for(&self, command: Command) -> Vec<Key> {
        let same = |c: Command| {
            c == command || matches!((c, command), (Command::Rate(_), Command::Rate(_)))
        };
        self.keys
            .iter()
            .flatten()
            .filter(|(_, c)| same(*c))
            .map(|(k, _)| *k)
            .collect()
    }

    /// The first `most` keys of `command` as a sentence names them: "r", "y or Enter".
    pub fn say(&self, command: Command, most: usize) -> String {
        let keys: Vec<String> = self
            .keys_for(command)
            .into_iter()
            .take(most.max(1))
            .map(|k| k.to_string())
            .collect();
        crate::text::join_or(&keys)
    }

    /// `{name}` and `{name*}` in a help text, with the keys they stand for.
    fn fill(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let inner = &rest[open + 1..open + close];
            let (name, most) = match inner.strip_suffix('*') {
                Some(n) => (n, 2),
                None => (inner, 1),
            };
            let command = match name {
                "yes" => Some(Command::Yes),
                "no" => Some(Command::No),
                other => Command::from_name(other),
            };
            match command {
                Some(c) => out.push_str(&self.say(c, most)),
                None => out.push_str(&rest[open..=open + close]),
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// The keys of one binding as the help shows them: the keys of one command joined
    /// by `/`, commands by spaces, then the note ("t (on Today)").
    fn label(&self, index: usize) -> String {
        let mut groups: Vec<(Command, Vec<String>)> = Vec::new();
        for &(key, command) in self.keys.get(index).into_iter().flatten() {
            match groups.last_mut() {
                Some((c, keys)) if *c == command => keys.push(key.to_string()),
                _ => groups.push((command, vec![key.to_string()])),
            }
        }
        let keys: Vec<String> = groups.into_iter().map(|(_, k)| k.join("/")).collect();
        let note = BINDINGS.get(index).map_or("", |b| b.note);
        let label = [keys.join(" "), self.fill(note)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>();
        label.join(" ")
    }

    /// The `?` help rows (keys, what they do); the README's key table and the man page
    /// list the same.
    pub fn help_rows(&self) -> Vec<(String, String)> {
        BINDINGS
            .iter()
            .enumerate()
            .filter(|(_, b)| !b.help.is_empty())
            .map(|(i, b)| (self.label(i), self.fill(b.help)))
            .filter(|(label, _)| !label.is_empty())
            .collect()
    }

    fn bar_key(&self, bar: &Bar) -> BarKey {
        let keys = match bar.commands {
            [one] => self
                .keys_for(*one)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" "),
            many => many
                .iter()
                .filter_map(|c| self.keys_for(*c).first().map(ToString::to_string))
                .collect::<Vec<_>>()
                .join(bar.joiner),
        };
        BarKey {
            commands: bar.commands,
            keys,
            word: bar.word,
            pinned: bar.pinned,
        }
    }

    /// The key bar for `context`, in the table's order (pinned entries included).
    pub fn bar(&self, context: Context) -> Vec<BarKey> {
        BINDINGS
            .iter()
            .flat_map(|b| b.bar.iter())
            .filter(|bar| bar.shown_in.contains(&context))
            .map(|bar| self.bar_key(bar))
            .filter(|k| !k.keys.is_empty())
            .collect()
    }

    /// The key bar's entry for `command`, wherever the table shows it.
    pub fn bar_entry(&self, command: Command) -> Option<BarKey> {
        BINDINGS
            .iter()
            .flat_map(|b| b.bar.iter())
            .find(|bar| bar.commands.contains(&command))
            .map(|bar| self.bar_key(bar))
            .filter(|k| !k.keys.is_empty())
    }

    /// Plain mode's key list, one line: "Keys: Space pause · f found · ...".
    pub fn plain_key_list(&self) -> String {
        let keys: Vec<String> = self
            .bar(Context::Plain)
            .into_iter()
            .map(|k| format!("{} {}", k.keys, k.word))
            .collect();
        crate::wording::key_list(&keys)
    }

    /// The names of the keys the program's sentences tell a person to press.
    pub fn names(&self) -> KeyNames {
        let one = |c| self.say(c, 1);
        KeyNames {
            found: one(Command::Found),
            release: one(Command::Release),
            release_now: one(Command::ForceRelease),
            pause: one(Command::TogglePause),
            skip: one(Command::Skip),
            rate: one(Command::Rate(0)),
            rate_ten: self
                .keys
                .iter()
                .flatten()
                .find(|(_, c)| *c == Command::Rate(10))
                .map(|(k, _)| k.to_string())
                .unwrap_or_default(),
            yes: self.say(Command::Yes, 2),
            no: self.say(Command::No, 2),
            enter: one(Command::Enter),
            escape: one(Command::Escape),
            help: one(Command::Help),
            alternatives: one(Command::Alternatives),
            today_intent: one(Command::TodayIntent),
            add_time: one(Command::AddTime),
            remove_time: one(Command::RemoveTime),
            up: one(Command::Up),
            down: one(Command::Down),
            next_pane: one(Command::NextPane),
        }
    }

    /// Every key of the table, once each, for tests and the manual.
    pub fn all_keys(&self) -> BTreeSet<Key> {
        self.keys.iter().flatten().map(|(k, _)| *k).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Context::{Browse, Confirm, Plain, Playing, Review};

    fn remaps(entries: &[(&str, &[&str])]) -> KeyRemaps {
        KeyRemaps {
            path: "config.yaml".into(),
            text: String::new(),
            entries: entries
                .iter()
                .map(|(c, keys)| KeyRemap {
                    command: (*c).to_string(),
                    command_at: Position::START,
                    keys: keys.iter().map(|k| (*k).to_string()).collect(),
                    keys_at: Position::START,
                })
                .collect(),
        }
    }

    #[test]
    fn session_keys_are_the_same_in_both_modes() {
        let map = Keymap::default();
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
        ] {
            assert_eq!(map.lookup(key, Playing), map.lookup(key, Plain), "{key:?}");
            assert!(map.lookup(key, Plain).is_some(), "{key:?}");
        }
    }

    #[test]
    fn the_review_and_the_question_take_their_own_keys_first() {
        let map = Keymap::default();
        assert_eq!(
            map.lookup(Key::Char('r'), Review),
            Some(Command::FilterRoutine)
        );
        assert_eq!(map.lookup(Key::Char('r'), Playing), Some(Command::Release));
        assert_eq!(map.lookup(Key::Char('n'), Confirm), Some(Command::No));
        assert_eq!(map.lookup(Key::Enter, Confirm), Some(Command::Yes));
        assert_eq!(map.lookup(Key::Char('7'), Plain), Some(Command::Rate(7)));
        assert_eq!(map.lookup(Key::Char('f'), Browse), None);
    }

    #[test]
    fn the_table_has_no_conflict_and_binds_each_command_once() {
        assert_eq!(Keymap::default().conflicts(), vec![]);
        for (name, command) in Command::NAMED {
            let rows = BINDINGS
                .iter()
                .filter(|b| b.keys.iter().any(|(_, c)| *c == command))
                .count();
            assert_eq!(rows, 1, "{name} is bound in {rows} rows");
        }
    }

    #[test]
    fn a_remapped_key_works_and_the_old_one_does_not() {
        let (map, problems) = Keymap::remapped(&remaps(&[("pause", &["p"])]));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            map.lookup(Key::Char('p'), Playing),
            Some(Command::TogglePause)
        );
        assert_eq!(
            map.lookup(Key::Char('p'), Plain),
            Some(Command::TogglePause)
        );
        assert_eq!(map.lookup(Key::Char(' '), Playing), None);
        assert_eq!(map.names().pause, "p");
        assert!(
            map.plain_key_list().contains("p pause"),
            "{}",
            map.plain_key_list()
        );
        assert!(
            map.help_rows()
                .iter()
                .any(|(k, h)| k == "p" && h == "pause / resume"),
            "{:?}",
            map.help_rows()
        );
    }

    #[test]
    fn two_commands_can_swap_keys() {
        let (map, problems) = Keymap::remapped(&remaps(&[("found", &["r"]), ("release", &["f"])]));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(map.lookup(Key::Char('r'), Playing), Some(Command::Found));
        assert_eq!(map.lookup(Key::Char('f'), Playing), Some(Command::Release));
    }

    #[test]
    fn each_bad_entry_is_reported_and_the_others_apply() {
        let (map, problems) = Keymap::remapped(&remaps(&[
            ("pasue", &["p"]),
            ("skip", &["shift-space"]),
            ("found", &["n"]),
            ("back", &["B"]),
            ("back", &["x"]),
            ("release", &[]),
        ]));
        let text: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
        assert_eq!(text.len(), 5, "{text:#?}");
        assert!(
            text[0].contains("unknown command `pasue` (did you mean `pause`?)"),
            "{}",
            text[0]
        );
        assert!(text[1].contains("unknown key `shift-space`"), "{}", text[1]);
        assert!(text[2].contains("`back` is given twice"), "{}", text[2]);
        assert!(
            text[3].contains("release: give at least one key"),
            "{}",
            text[3]
        );
        assert!(
            text[4].contains("found: n already does `skip` during a session"),
            "{}",
            text[4]
        );
        // The good entry applies; the bad ones keep their keys.
        assert_eq!(map.lookup(Key::Char('B'), Playing), Some(Command::Back));
        assert_eq!(map.lookup(Key::Char('f'), Playing), Some(Command::Found));
        assert_eq!(map.lookup(Key::Char('n'), Playing), Some(Command::Skip));
        assert_eq!(
            map.lookup(Key::Char(' '), Playing),
            Some(Command::TogglePause)
        );
    }

    #[test]
    fn a_key_may_do_different_things_in_different_places() {
        // `c` clears the review's filters and is free during a session.
        let (map, problems) = Keymap::remapped(&remaps(&[("found", &["c"])]));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(map.lookup(Key::Char('c'), Playing), Some(Command::Found));
        assert_eq!(
            map.lookup(Key::Char('c'), Review),
            Some(Command::ClearFilters)
        );
    }

    #[test]
    fn key_names_parse_and_show() {
        for (name, key, shown) in [
            ("p", Key::Char('p'), "p"),
            ("space", Key::Char(' '), "Space"),
            ("Space", Key::Char(' '), "Space"),
            ("ctrl-x", Key::Ctrl('x'), "Ctrl-X"),
            ("shift-tab", Key::BackTab, "Shift-Tab"),
            ("pagedown", Key::PageDown, "PgDn"),
            ("?", Key::Char('?'), "?"),
        ] {
            assert_eq!(Key::parse(name), Some(key), "{name}");
            assert_eq!(key.to_string(), shown);
        }
        for bad in ["", "5", "ctrl-", "ctrl-ab", "f1", "\t", "pp"] {
            assert_eq!(Key::parse(bad), None, "{bad:?}");
        }
    }
}
