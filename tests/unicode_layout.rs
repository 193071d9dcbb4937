//! Unicode layout under text injected here: joined emoji, zero-width characters, soft
//! hyphens, Hangul jamo, line separators and bidirectional controls in names. Widths
//! are measured by grapheme cluster, no cluster is cut, invisible characters never
//! reach the screen, one-line fields refuse U+2028/U+2029, and a bidi control costs
//! its own item, not the file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use foamroll::library::{Layer, Loader};
use foamroll::text::{fit, printable, width};
use unicode_segmentation::UnicodeSegmentation;

const FAMILY: &str = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}";

#[test]
fn widths_are_counted_by_cluster_and_no_cluster_is_cut() {
    assert_eq!(width(FAMILY), 2, "one joined emoji, two columns");
    assert_eq!(width("e\u{301}"), 1, "a combining accent takes no column");
    assert_eq!(
        width("\u{1100}\u{1161}\u{11A8}"),
        2,
        "conjoining jamo: one syllable"
    );
    let name = format!("ab{FAMILY}{FAMILY}cd");
    for columns in 0..=width(&name) {
        let cut = fit(&name, columns);
        assert!(width(&cut) <= columns, "{columns}: {cut:?}");
        // Every cluster of the cut (but the ellipsis) is a whole cluster of the name.
        let kept: Vec<&str> = cut.trim_end_matches('…').graphemes(true).collect();
        let whole: Vec<&str> = name.graphemes(true).take(kept.len()).collect();
        assert_eq!(kept, whole, "{columns}: {cut:?}");
    }
    // Invisible characters that terminals disagree about are never shown.
    let shown = printable("soft\u{AD}hy\u{200B}phen\u{2060}\u{FEFF}");
    assert_eq!(shown, "softhyphen");
    assert_eq!(printable("one\u{2028}two"), "one\u{FFFD}two");
}

fn routine(id: &str, name: &str) -> String {
    format!(
        "  - id: {id}\n    name: \"{name}\"\n    style: recovery\n    description: fine\n    steps:\n      - exercise: quad-release\n"
    )
}

fn load(text: &str) -> foamroll::library::LoadReport {
    let mut loader = Loader::with_builtin();
    loader.add_bytes("mine.yaml", Layer::Config, text.as_bytes());
    loader.finish()
}

#[test]
fn a_bidi_control_refuses_its_item_and_keeps_the_others() {
    let text = format!(
        "version: 1\nroutines:\n{}{}{}",
        routine("good-one", "Good one"),
        routine("bad-one", "Bad \u{202E}eno"),
        routine("also-good", "Also good"),
    );
    let report = load(&text);
    let ids: Vec<&str> = report
        .library
        .routines
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert!(
        ids.contains(&"good-one") && ids.contains(&"also-good"),
        "{ids:?}"
    );
    assert!(!ids.contains(&"bad-one"));
    let said: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(report.error_count(), 1, "{said:#?}");
    assert!(
        said.iter().any(|d| d.contains("mine.yaml:10:")
            && d.contains("routine `bad-one`")
            && d.contains("U+202E")),
        "{said:#?}"
    );
    // The character itself never reaches the terminal.
    assert!(said.iter().all(|d| !d.contains('\u{202E}')));
}

#[test]
fn line_separators_in_a_one_line_field_are_refused_like_line_breaks() {
    for sep in ['\u{2028}', '\u{2029}'] {
        let text = format!(
            "version: 1\nroutines:\n{}",
            routine("sep", &format!("One{sep}two"))
        );
        let report = load(&text);
        assert!(report.library.routine("sep").is_none());
        let said: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
        assert!(said.iter().any(|d| d.contains("one line")), "{said:#?}");
    }
}

#[test]
fn invisible_characters_never_reach_the_screen_and_the_table_stays_aligned() {
    let text = format!(
        "version: 1\nroutines:\n{}",
        routine("odd", &format!("Odd\u{AD}ly\u{200B} named {FAMILY} roll"))
    );
    let report = load(&text);
    let r = report.library.routine("odd").unwrap();
    assert_eq!(r.name, format!("Oddly named {FAMILY} roll"));

    // The history table: the duration column starts at the same column on every row.
    let sb = common::Sandbox::new();
    let mut wide = common::record("wide", 1, foamroll::session::Status::Completed);
    wide.routine_name = format!("家族 {FAMILY} 回復 and a long tail to cut");
    let plain = common::record("plain", 2, foamroll::session::Status::Completed);
    let file = sb.write(
        "in.jsonl",
        &format!(
            "{}\n{}\n",
            serde_json::to_string(&wide).unwrap(),
            serde_json::to_string(&plain).unwrap()
        ),
    );
    let out = sb.run(&["history", "import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let table = common::stdout(&sb.run(&["history"]));
    let columns: Vec<usize> = table
        .lines()
        .skip(1)
        .map(|l| width(&l[..l.find("10:12").unwrap_or_else(|| panic!("{l}"))]))
        .collect();
    assert_eq!(columns.len(), 2, "{table}");
    assert_eq!(columns[0], columns[1], "{table}");
}
