//! Every error kind the loader reports, with its exact file, line and column.

use foamroll::library::{Diagnostic, Layer, LoadReport, Loader, Severity};

/// Loads the built-in library plus one extra file, as `foamroll check FILE` does.
fn load_with(name: &str, text: &[u8]) -> LoadReport {
    let mut loader = Loader::with_builtin();
    loader.add_bytes(name, Layer::Check, text);
    loader.finish()
}

/// The one error reported for `name`; fails if there is not exactly one.
fn only_error(report: &LoadReport, name: &str) -> Diagnostic {
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.path == name)
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "expected one error for {name}, got {errors:#?}"
    );
    errors[0].clone()
}

fn assert_error(text: &str, line: u64, column: u64, message: &str) -> Diagnostic {
    let report = load_with("t.yaml", text.as_bytes());
    let d = only_error(&report, "t.yaml");
    assert_eq!((d.position.line, d.position.column), (line, column), "{d}");
    assert!(
        d.message.contains(message),
        "message {:?} lacks {message:?}",
        d.message
    );
    d
}

const ROUTINE_HEAD: &str = "version: 1\nroutines:\n  - id: mine\n    name: Mine\n";

#[test]
fn unknown_field() {
    let d = assert_error(
        "version: 1\nregions:\n  - id: a\n    name: A\n    colour: red\n",
        5,
        5,
        "unknown field `colour`",
    );
    let shown = d.to_string();
    assert!(
        shown.starts_with("t.yaml:5:5: error: unknown field `colour`"),
        "{shown}"
    );
    assert!(
        shown.contains("\n 5 |     colour: red\n   |     ^"),
        "{shown}"
    );
}

#[test]
fn duplicate_key() {
    assert_error(
        "version: 1\nregions:\n  - id: a\n    name: A\n    name: B\n",
        5,
        5,
        "the key `name` appears twice here: keep one",
    );
}

#[test]
fn tab_indentation_points_at_the_tab() {
    assert_error(
        "version: 1\nregions:\n  - id: a\n\tname: A\n",
        4,
        1,
        "tab used for indentation",
    );
}

#[test]
fn missing_field() {
    assert_error(
        "version: 1\nregions:\n  - id: a\n",
        3,
        5,
        "missing field `name`",
    );
}

#[test]
fn wrong_type() {
    let text = format!(
        "{ROUTINE_HEAD}    style: recovery\n    description: d\n    get_ready: ten\n    steps: []\n"
    );
    assert_error(&text, 7, 16, "whole number");
    let text = format!("{ROUTINE_HEAD}    style: slow\n    description: d\n    steps: []\n");
    assert_error(&text, 5, 12, "slow");
}

#[test]
fn syntax_error() {
    let d = assert_error(
        "version: 1\nregions:\n  - id: a\n    name: \"open\n",
        5,
        1,
        "",
    );
    assert!(d.message.contains("quoted scalar"), "{d}");
}

#[test]
fn unsupported_version() {
    assert_error("version: 7\n", 1, 10, "unsupported format version 7");
}

#[test]
fn duplicate_id_in_the_same_layer() {
    let mut loader = Loader::with_builtin();
    loader.add_bytes(
        "a.yaml",
        Layer::Check,
        b"version: 1\nregions:\n  - id: neck\n    name: Neck\n",
    );
    loader.add_bytes(
        "b.yaml",
        Layer::Check,
        b"version: 1\nregions:\n  - id: calfish\n    name: C\n  - id: neck\n    name: Neck 2\n",
    );
    let report = loader.finish();
    let d = only_error(&report, "b.yaml");
    assert_eq!((d.position.line, d.position.column), (5, 9));
    assert!(
        d.message.contains("duplicate id `neck`") && d.message.contains("a.yaml:3:9"),
        "{d}"
    );
    assert_eq!(
        report.library.region("neck").map(|r| r.name.as_str()),
        Some("Neck")
    );
    assert!(
        report.library.region("calfish").is_some(),
        "the rest of the file still loads"
    );
}

#[test]
fn an_id_is_unique_across_kinds() {
    let text = "version: 1\nregions:\n  - id: post-run\n    name: P\n";
    assert_error(text, 3, 9, "already used by the routine");
}

#[test]
fn user_item_overrides_builtin_and_says_so() {
    let text = format!(
        "{ROUTINE_HEAD}    style: recovery\n    description: d\n    steps:\n      - exercise: glute-release\n"
    );
    let text = text.replace("id: mine", "id: post-run");
    let report = load_with("t.yaml", text.as_bytes());
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    let note = report
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Note)
        .cloned();
    let note = note.unwrap_or_else(|| panic!("no override note"));
    assert!(
        note.message
            .contains("routine `post-run` overrides the built-in routine"),
        "{note}"
    );
    let routine = report.library.routine("post-run");
    assert_eq!(routine.map(|r| r.name.as_str()), Some("Mine"));
    assert_eq!(
        report.library.routines.len(),
        foamroll::library::load_builtin().library.routines.len(),
        "replaced in place, not added"
    );
}

#[test]
fn unknown_exercise() {
    let text = format!(
        "{ROUTINE_HEAD}    style: recovery\n    description: d\n    steps:\n      - exercise: quad-releese\n"
    );
    assert_error(&text, 8, 19, "unknown exercise `quad-releese`");
}

#[test]
fn recovery_hold_under_30_seconds() {
    let text = format!(
        "{ROUTINE_HEAD}    style: recovery\n    description: d\n    steps:\n      - exercise: quad-release\n        hold: 29\n"
    );
    assert_error(&text, 9, 15, "a recovery hold is 30 to 120 s");
}

/// The bounds that protect people: each value just outside is refused, at its own
/// line and column, and each value at the edge loads.
#[test]
fn bounds_on_timings_are_enforced_where_they_are_written() {
    // (style, exercise, routine-level line, step-level line, bad value, good value, message)
    let recovery = "style: recovery\n    description: d\n";
    let warmup = "style: warmup\n    description: d\n";
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            recovery,
            "    get_ready: 61\n",
            "",
            "`get_ready` is 61 s; it must be between 0 and 60 s",
            "    get_ready: 60\n",
        ),
        (
            recovery,
            "    rest: 121\n",
            "",
            "`rest` is 121 s; it must be between 0 and 120 s",
            "    rest: 120\n",
        ),
        (
            recovery,
            "",
            "        hold: 121\n",
            "hold is 121 s; a recovery hold is 30 to 120 s",
            "        hold: 120\n",
        ),
        (
            recovery,
            "",
            "        hold: 29\n",
            "hold is 29 s",
            "        hold: 30\n",
        ),
        (
            recovery,
            "",
            "        search_limit: 9\n",
            "`search_limit` is 9 s; it must be between 10 and 300 s",
            "        search_limit: 10\n",
        ),
        (
            recovery,
            "",
            "        search_limit: 301\n",
            "`search_limit` is 301 s",
            "        search_limit: 300\n",
        ),
        (
            recovery,
            "",
            "        rest: 121\n",
            "`rest` is 121 s",
            "        rest: 120\n",
        ),
        (
            recovery,
            "",
            "        points: 11\n",
            "`points` is 11; it must be between 1 and 10",
            "        points: 10\n",
        ),
        (
            warmup,
            "",
            "        duration: 4\n",
            "`duration` is 4 s per side",
            "        duration: 5\n",
        ),
    ];
    for (style, head, step, message, good) in cases {
        let exercise = if style.contains("warmup") {
            "calf-warmup"
        } else {
            "quad-release"
        };
        let build = |head: &str, step: &str| {
            format!(
                "{ROUTINE_HEAD}    {style}{head}    steps:\n      - exercise: {exercise}\n{step}"
            )
        };
        let (bad, ok) = if head.is_empty() {
            (build("", step), build("", good))
        } else {
            (build(head, ""), build(good, ""))
        };
        let line = if head.is_empty() { 9 } else { 7 };
        let column = if head.is_empty() { 9 } else { 5 };
        let report = load_with("t.yaml", bad.as_bytes());
        let d = only_error(&report, "t.yaml");
        assert!(
            d.message.contains(message),
            "{message:?} not in {}",
            d.message
        );
        assert_eq!(d.position.line, line, "{d}");
        assert!(d.position.column >= column, "{d}");
        let report = load_with("t.yaml", ok.as_bytes());
        assert_eq!(report.error_count(), 0, "{ok}\n{:#?}", report.diagnostics);
    }
}

#[test]
fn a_study_source_needs_authors_year_and_journal() {
    let text = "version: 1\nguides:\n  - id: g\n    title: G\n    sections:\n      - heading: H\n        paragraphs: [P]\n    sources:\n      - title: A study\n        authors: Someone et al.\n        year: 2020\n";
    assert_error(
        text,
        9,
        16,
        "a study source names its `authors`, `year` and `journal`",
    );
    let ok = text.replace("year: 2020\n", "year: 2020\n        journal: J\n");
    assert_eq!(load_with("t.yaml", ok.as_bytes()).error_count(), 0);
}

#[test]
fn a_guide_needs_sections_with_paragraphs() {
    assert_error(
        "version: 1\nguides:\n  - id: g\n    title: G\n    sections: []\n",
        3,
        9,
        "guide `g` has no sections",
    );
    assert_error(
        "version: 1\nguides:\n  - id: g\n    title: G\n    sections:\n      - heading: Empty\n        paragraphs: []\n",
        6,
        18,
        "section `Empty` has no paragraphs",
    );
}

#[test]
fn a_guide_id_is_unique_across_kinds_and_can_be_overridden() {
    assert_error(
        "version: 1\nguides:\n  - id: post-run\n    title: G\n    sections:\n      - heading: H\n        paragraphs: [P]\n",
        3,
        9,
        "duplicate id `post-run`",
    );
    let mut loader = Loader::with_builtin();
    loader.add_bytes(
        "mine.yaml",
        Layer::Config,
        b"version: 1\nguides:\n  - id: why-smr\n    title: Mine\n    sections:\n      - heading: H\n        paragraphs: [P]\n",
    );
    let report = loader.finish();
    assert_eq!(report.error_count(), 0);
    assert!(report.diagnostics.iter().any(|d| {
        d.message
            .contains("guide `why-smr` overrides the built-in guide")
    }));
    assert_eq!(
        report.library.guide("why-smr").map(|g| g.title.as_str()),
        Some("Mine")
    );
}

#[test]
fn a_routine_for_a_tool_warns_when_a_step_has_no_set_up_for_it() {
    let text = "version: 1\nexercises:\n  - id: x\n    name: X\n    region: glutes\n    style: recovery\n    equipment:\n      - tool: stick\n    setup: On the roller.\n    steps: [Roll.]\n    cautions: [Tingling down the leg means the sciatic nerve; move off.]\nroutines:\n  - id: r\n    name: R\n    style: recovery\n    description: d\n    equipment: stick\n    steps:\n      - exercise: x\n";
    let report = load_with("t.yaml", text.as_bytes());
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    let w = report
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Warning)
        .unwrap_or_else(|| panic!("no warning: {:#?}", report.diagnostics));
    assert!(w.message.contains("has no `setup` for it"), "{}", w.message);
    assert_eq!(w.position.line, 17);
    let with_setup = text.replace(
        "      - tool: stick\n",
        "      - tool: stick\n        setup: Sit on a chair.\n",
    );
    let report = load_with("t.yaml", with_setup.as_bytes());
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    let x = report.library.exercise("x").unwrap_or_else(|| panic!("x"));
    assert_eq!(
        x.setup_for(Some(foamroll::library::Tool::Stick)),
        "Sit on a chair."
    );
    assert_eq!(x.setup_for(None), "On the roller.");
}

#[test]
fn warmup_step_with_a_hold() {
    let text = format!(
        "{ROUTINE_HEAD}    style: warmup\n    description: d\n    steps:\n      - exercise: calf-warmup\n        hold: 30\n"
    );
    assert_error(&text, 9, 15, "a warm-up step has no hold");
}

#[test]
fn style_mismatch_between_routine_and_exercise() {
    let text = format!(
        "{ROUTINE_HEAD}    style: warmup\n    description: d\n    steps:\n      - exercise: quad-release\n"
    );
    assert_error(
        &text,
        8,
        19,
        "is a recovery exercise but this is a warm-up routine",
    );
}

#[test]
fn routine_targeting_an_avoid_region_names_reason_and_alternatives() {
    let text = "version: 1\nexercises:\n  - id: itb-roll\n    name: IT band roll\n    region: it-band\n    style: recovery\n    setup: s\n    steps: [roll it]\nroutines:\n  - id: mine\n    name: Mine\n    style: recovery\n    description: d\n    steps:\n      - exercise: itb-roll\n";
    let report = load_with("t.yaml", text.as_bytes());
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    let step = errors
        .iter()
        .find(|d| d.position.line == 15)
        .unwrap_or_else(|| panic!("{errors:#?}"));
    assert_eq!(step.position.column, 19);
    for needed in [
        "IT band",
        "never rolled",
        "not a muscle",
        "quads, hamstrings, glutes or side of the hip",
    ] {
        assert!(
            step.message.contains(needed),
            "{:?} lacks {needed:?}",
            step.message
        );
    }
    assert!(report.library.routine("mine").is_none());
}

#[test]
fn empty_routine() {
    let text = format!("{ROUTINE_HEAD}    style: recovery\n    description: d\n    steps: []\n");
    assert_error(&text, 3, 9, "has no steps");
}

#[test]
fn empty_file() {
    assert_error("", 1, 1, "file is empty");
}

#[test]
fn oversized_file_is_refused_before_parsing() {
    let mut text = b"version: 1\n#".to_vec();
    text.resize(1024 * 1024 + 1, b'x');
    assert_error(&String::from_utf8_lossy(&text), 1, 1, "larger than 1 MiB");
}

#[test]
fn invalid_utf8_names_its_position() {
    let report = load_with(
        "t.yaml",
        b"version: 1\nregions:\n  - id: a\n    name: A\xff\n",
    );
    let d = only_error(&report, "t.yaml");
    assert_eq!((d.position.line, d.position.column), (4, 12));
    assert!(d.message.contains("invalid UTF-8"));
}

#[test]
fn raw_control_characters_are_errors() {
    let d = assert_error(
        "version: 1\nregions:\n  - id: a\n    name: \"A\u{1b}[2J\"\n",
        4,
        13,
        "U+001B",
    );
    assert!(
        !d.to_string().contains('\u{1b}'),
        "the error itself must not echo the escape"
    );
    assert_error(
        "version: 1\r\nregions:\r\n  - id: a\r\n    name: A\rB\r\n",
        4,
        12,
        "U+000D",
    );
}

#[test]
fn crlf_line_endings_are_fine() {
    let report = load_with(
        "t.yaml",
        b"version: 1\r\nregions:\r\n  - id: neck\r\n    name: Neck\r\n",
    );
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
}

#[test]
fn escapes_that_decode_to_control_characters_are_errors() {
    for escape in ["\\e[31m", "\\x1b", "\\u009b", "\\a", "\\u202e"] {
        let text = format!(
            "version: 1\nregions:\n  - id: a\n    name: ok\n    description: \"bad {escape}\"\n"
        );
        assert_error(&text, 5, 18, "is not allowed in text");
    }
}

#[test]
fn alias_bomb_fails_fast() {
    let mut text =
        String::from("version: 1\nregions:\n  - id: a\n    name: &n lol\n    alternatives: [");
    text.push_str(&vec!["*n"; 5000].join(","));
    text.push_str("]\n");
    // "    alternatives: [" is 19 columns; the 1,001st alias starts at 20 + 1000 * 3.
    assert_error(
        &text,
        5,
        3020,
        "uses too many anchors (`&name`) or aliases (`*name`); foamroll refuses it",
    );

    let mut laughs =
        String::from("version: 1\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let prev = format!("*l{}", i - 1);
        laughs.push_str(&format!("l{i}: &l{i} [{}]\n", [prev.as_str(); 9].join(",")));
    }
    let report = load_with("t.yaml", laughs.as_bytes());
    only_error(&report, "t.yaml");
}

#[test]
fn deep_nesting_fails_fast() {
    let text = format!(
        "version: 1\nregions: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let report = load_with("t.yaml", text.as_bytes());
    let d = only_error(&report, "t.yaml");
    assert!(
        d.message
            .contains("nests deeper than any foamroll file needs"),
        "{d}"
    );
    // It stops inside the run of brackets, long before its end.
    assert_eq!(d.position.line, 2);
    assert!((10..2_000).contains(&d.position.column), "{d}");
    assert!(
        d.to_string().lines().all(|l| l.chars().count() < 120),
        "long line cropped"
    );
}

#[test]
fn one_bad_file_does_not_stop_the_rest() {
    let mut loader = Loader::with_builtin();
    loader.add_bytes("bad.yaml", Layer::Check, b"version: 1\nregions: [oops\n");
    loader.add_bytes(
        "good.yaml",
        Layer::Check,
        b"version: 1\nregions:\n  - id: neck\n    name: Neck\n",
    );
    let report = loader.finish();
    assert_eq!(report.error_count(), 1);
    assert!(report.library.region("neck").is_some());
    assert!(report.library.routine("post-run").is_some());
}

#[test]
fn a_bad_item_skips_only_that_item() {
    let text = format!(
        "{ROUTINE_HEAD}    style: recovery\n    description: d\n    steps: []\n  - id: fine\n    name: Fine\n    style: recovery\n    description: d\n    steps:\n      - exercise: glute-release\n"
    );
    let report = load_with("t.yaml", text.as_bytes());
    assert_eq!(report.error_count(), 1);
    assert!(report.library.routine("mine").is_none());
    assert!(report.library.routine("fine").is_some());
}

#[test]
fn files_and_folders_on_disk() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let good = dir.path().join("neck.yaml");
    std::fs::write(
        &good,
        "version: 1\nregions:\n  - id: neck\n    name: Neck\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("notes.txt"), "ignored: [").unwrap_or_else(|e| panic!("{e}"));
    let mut loader = Loader::with_builtin();
    loader.add_path(dir.path(), Layer::Library, false);
    loader.add_path(&dir.path().join("missing"), Layer::Config, true);
    loader.add_path(&dir.path().join("missing-too"), Layer::Library, false);
    let report = loader.finish();
    assert!(report.library.region("neck").is_some());
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].path.ends_with("missing-too") && errors[0].message.contains("does not exist")
    );
}

#[test]
fn first_side_and_its_points() {
    // Accepted on a per-side recovery step, and the plan starts on that side.
    let ok = format!(
        "{ROUTINE_HEAD}    style: recovery\n    description: d\n    steps:\n      - exercise: glute-release\n        first_side: left\n        first_side_points: 2\n"
    );
    let report = load_with("t.yaml", ok.as_bytes());
    assert_eq!(report.error_count(), 0, "{:?}", report.diagnostics);
    let mine = report.library.routine("mine").map(|r| r.steps[0].clone());
    assert_eq!(
        mine.as_ref().and_then(|s| s.first_side),
        Some(foamroll::library::Side::Left)
    );
    assert_eq!(mine.and_then(|s| s.first_side_points), Some(2));
    // Warm-up steps have no tender spots to hold.
    assert_error(
        &format!(
            "{ROUTINE_HEAD}    style: warmup\n    description: d\n    steps:\n      - exercise: calf-warmup\n        first_side_points: 2\n"
        ),
        9,
        28,
        "warm-up steps do not search for tender spots",
    );
    assert_error(
        &format!(
            "{ROUTINE_HEAD}    style: recovery\n    description: d\n    steps:\n      - exercise: glute-release\n        first_side_points: 11\n"
        ),
        9,
        28,
        "`first_side_points` is 11; it must be between 1 and 10",
    );
    assert_error(
        &format!(
            "{ROUTINE_HEAD}    style: recovery\n    description: d\n    steps:\n      - exercise: glute-release\n        first_side: middle\n"
        ),
        9,
        21,
        "middle",
    );
}

#[test]
fn the_documented_example_loads() {
    let doc = include_str!("../docs/library.md");
    let start = doc
        .find("```yaml\n")
        .unwrap_or_else(|| panic!("no yaml block"))
        + 8;
    let len = doc[start..]
        .find("```")
        .unwrap_or_else(|| panic!("unclosed block"));
    let report = load_with("example.yaml", &doc.as_bytes()[start..start + len]);
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    assert!(report.library.guide("rolling-at-work").is_some());
    let ex = report
        .library
        .exercise("my-glute-release")
        .unwrap_or_else(|| panic!("glute"));
    assert_eq!(ex.sources.len(), 2);
    assert_eq!(ex.sources[1].year, Some(2020));
}

#[test]
fn a_spoken_set_up_is_checked_for_length_and_for_the_ear() {
    let exercise = |spoken: &str| {
        format!(
            "version: 1\nexercises:\n  - id: x\n    name: X\n    region: feet\n    style: recovery\n    spoken: {spoken}\n    setup: On the roller.\n    steps: [Roll.]\n    cautions: [Careful.]\n"
        )
    };
    // Short and written for the ear: no problem, and the coach has it.
    let report = load_with(
        "t.yaml",
        exercise("Sit on the roller, hands behind you.").as_bytes(),
    );
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    let x = report.library.exercise("x").unwrap_or_else(|| panic!("x"));
    assert_eq!(
        x.spoken_setup(None),
        Some("Sit on the roller, hands behind you.")
    );
    for (spoken, why) in [
        (
            "Sit on the roller with one buttock and your hands flat on the floor behind you, then lean a little to one side.",
            "23 words; a spoken set-up has at most 20",
        ),
        ("Sit on the roller (one side).", "`(` is not heard"),
        ("Keep 5cm from the knee.", "`5cm`: put a space"),
        ("Stay 5 cm from the knee.", "`cm` is an abbreviation"),
        ("Roll the calf, e.g. slowly.", "`e.g.` is an abbreviation"),
        ("Sit on the roller", "end it with a full stop"),
    ] {
        let d = assert_error(&exercise(spoken), 7, 13, why);
        assert!(
            d.message.starts_with("exercise `x`: spoken set-up: "),
            "{d}"
        );
    }
}
