//! The README's key table lists exactly the keys of the command table, which drives
//! the app, plain mode, the `?` help and the key bar.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

use foamroll::input::{BINDINGS, Command, Context, Key, Keymap};

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn readme_key_rows() -> Vec<(String, String)> {
    let readme = include_str!("../README.md");
    let section = readme
        .split("### Keys")
        .nth(1)
        .unwrap_or_else(|| panic!("README has no Keys section"));
    section
        .lines()
        .skip_while(|l| !l.starts_with("| key |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").collect();
            (
                normalise(cells.first().copied().unwrap_or_default()),
                normalise(cells.get(1).copied().unwrap_or_default()),
            )
        })
        .collect()
}

#[test]
fn the_readme_key_table_lists_the_same_keys_as_the_command_table() {
    let readme = readme_key_rows();
    let table: Vec<(String, String)> = Keymap::default()
        .help_rows()
        .iter()
        .map(|(k, h)| (normalise(k), normalise(h)))
        .collect();
    assert!(table.len() >= 15, "{table:?}");
    assert_eq!(readme, table);
}

#[test]
fn every_key_in_the_help_does_something_somewhere() {
    let map = Keymap::default();
    for b in BINDINGS.iter().filter(|b| !b.help.is_empty()) {
        for &(key, command) in b.keys {
            let key = if key == Key::Digit {
                Key::Char('4')
            } else {
                key
            };
            let found = [
                Context::Browse,
                Context::Playing,
                Context::Over,
                Context::Review,
                Context::Plain,
            ]
            .iter()
            .any(|&c| map.lookup(key, c).is_some());
            assert!(found, "{key} ({command:?}) is bound nowhere");
        }
    }
}

#[test]
fn plain_mode_lists_its_session_keys() {
    let list = Keymap::default().plain_key_list();
    for key in [
        "Space pause",
        "f found",
        "r release",
        "n skip",
        "q quit",
        "? help",
        // Once missing: plain mode's list left out releasing early and rating.
        "R release now",
        "0-9 ) rate",
    ] {
        assert!(list.contains(key), "{list}");
    }
}

/// The help is read on a terminal, not rendered as Markdown, and it uses the library's
/// one word for the spot ("tender spot"; "trigger point" is explained once in `why-smr`).
/// It once said "back one trigger point" and "(`)`, shift-0, is 10)" with the backticks.
#[test]
fn the_help_says_tender_spot_and_has_no_markdown() {
    for (keys, help) in Keymap::default().help_rows() {
        assert!(!help.contains("trigger point"), "{keys}: {help}");
        assert!(!help.contains('`'), "{keys}: {help}");
    }
}

/// Every `{name}` in a help text names a command, so that none is shown as written.
#[test]
fn help_texts_name_keys_through_the_table() {
    for (keys, help) in Keymap::default().help_rows() {
        assert!(!help.contains('{') && !keys.contains('{'), "{keys}: {help}");
    }
}

/// The man page documents `keys:` and every command name with its default keys.
#[test]
fn the_man_page_documents_remapping_and_every_command_name() {
    let mut out = Vec::new();
    foamroll::cli::man(&Keymap::default().help_rows(), &mut out).unwrap();
    let page = String::from_utf8(out).unwrap();
    assert!(page.contains("keys: { pause: [p]"), "no keys: example");
    for (name, command) in Command::NAMED {
        assert!(
            page.contains(&format!("\\fB{name}\\fR")),
            "{name} is not in the man page"
        );
        assert!(
            !Keymap::default().keys_for(command).is_empty(),
            "{name} has no key"
        );
    }
}
