//! Every sample of output in the README and in `docs/` is checked against the real
//! binary, so that none can go stale:
//!
//! - each fenced block of the README with `$ foamroll …` lines is run, command by
//!   command, and must print exactly the lines under it (a line `…` stands for lines
//!   left out: the lines before it must start the output, those after it end it);
//! - `docs/json.md` lists exactly the fields each `--json` document has;
//! - the complete example of `docs/library.md` passes `foamroll check` without a word.
//!
//! The README's `today` and `status` samples are made for a fixed day and time
//! (`FOAMROLL_NOW`, honoured by debug builds only) with the history described above
//! them. After a change of wording, `FOAMROLL_REGENERATE=1 cargo test --test
//! docs_samples` rewrites the README's samples from the binary's output: review the diff.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone};
use common::{Sandbox, stderr, stdout};
use foamroll::session::{EntryRecord, SessionRecord, Side, Status};

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
const ELLIPSIS: [&str; 2] = ["…", "..."];

/// The day the README's samples are made for: a Wednesday, at 07:30 unless a sample's
/// command says `# at HH:MM`.
fn sample_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 21).unwrap()
}

fn entry(region: &str, exercise: &str, side: Side, ratings: &[u8]) -> EntryRecord {
    EntryRecord {
        step: 0,
        exercise_id: exercise.into(),
        region: region.into(),
        side: Some(side),
        zone: None,
        planned_s: 30.0,
        search_s: 12.0,
        hold_s: 38.0,
        overtime_s: 8.0,
        move_s: 0.0,
        points_held: 1,
        points_planned: 1,
        skipped: false,
        tenderness: ratings.to_vec(),
    }
}

/// The README's history: six post-run sessions over three weeks, the last two this
/// week; the right hamstring rated 6 and then 7, the left 3 both times; the glutes last
/// rolled 17 days before the sample day.
fn readme_history() -> Vec<SessionRecord> {
    let both = |region: &str, exercise: &str, right: &[u8], left: &[u8]| {
        vec![
            entry(region, exercise, Side::Right, right),
            entry(region, exercise, Side::Left, left),
        ]
    };
    let days_ago = [17, 14, 10, 7, 2, 1];
    days_ago
        .iter()
        .enumerate()
        .map(|(i, &ago)| {
            let day = sample_day() - Duration::days(ago);
            let start = chrono::FixedOffset::east_opt(0)
                .unwrap()
                .from_local_datetime(&day.and_hms_opt(18, 0, 0).unwrap())
                .unwrap();
            let mut entries = both("quads", "quad-release", &[], &[]);
            let (right, left): (&[u8], &[u8]) = match ago {
                2 => (&[6], &[3]),
                1 => (&[7], &[3]),
                _ => (&[], &[]),
            };
            entries.extend(both("hamstrings", "hamstring-release", right, left));
            if ago == 17 {
                entries.extend(both("glutes", "glute-release", &[], &[]));
            }
            SessionRecord {
                format: 1,
                id: format!("readme-{i}"),
                started_at: start,
                ended_at: Some(start + Duration::seconds(600)),
                routine_id: "post-run".into(),
                routine_name: "Post-run recovery".into(),
                style: foamroll::library::Style::Recovery,
                status: Status::Completed,
                entries,
                extra: Default::default(),
            }
        })
        .collect()
}

/// A sandbox holding the README's history, imported as the README says.
fn readme_sandbox() -> Sandbox {
    let sb = Sandbox::new();
    let file = sb.write(
        "history.json",
        &serde_json::to_string(&readme_history()).unwrap(),
    );
    let out = sb.run(&["history", "import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // One run, in August: too long ago to shape the samples' plans, there for `runs`.
    let mut run = common::activities::Run::new(1_785_567_600, 2700, 8_200.0);
    run.offset_s = 7200;
    run.climb_m = 40.0;
    run.every_s = 10;
    let fit = sb.path().join("export/2026-08-01-run.fit");
    std::fs::create_dir_all(fit.parent().unwrap()).unwrap();
    std::fs::write(&fit, run.fit()).unwrap();
    let out = sb.run(&["runs", "import", fit.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    sb
}

/// One `$ foamroll …` line of a sample and the lines printed under it.
#[derive(Debug)]
struct Sample {
    command: String,
    expected: Vec<String>,
}

/// A README block with samples: where it is, and its samples.
struct Block {
    start: usize,
    end: usize,
    samples: Vec<Sample>,
}

/// Every fenced block whose first line is `$ foamroll …`.
fn blocks(text: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let lines: Vec<&str> = text.split('\n').collect();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].starts_with("```")
            && lines
                .get(i + 1)
                .is_some_and(|l| l.starts_with("$ foamroll"))
        {
            let start = i + 1;
            let mut end = start;
            while end < lines.len() && !lines[end].starts_with("```") {
                end += 1;
            }
            let mut samples: Vec<Sample> = Vec::new();
            for line in &lines[start..end] {
                if let Some(command) = line.strip_prefix("$ ") {
                    samples.push(Sample {
                        command: command.to_string(),
                        expected: Vec::new(),
                    });
                } else if let Some(last) = samples.last_mut() {
                    last.expected.push(line.to_string());
                }
            }
            for s in &mut samples {
                // A blank line separates one sample from the next.
                while s.expected.last().is_some_and(|l| l.is_empty()) {
                    s.expected.pop();
                }
            }
            found.push(Block {
                start,
                end,
                samples,
            });
            i = end;
        }
        i += 1;
    }
    found
}

/// Runs a sample's command: its words (no shell), `< /dev/null` as standard input, a
/// `# at HH:MM` comment as the time of day. Returns what a terminal would show:
/// standard error (messages come first), then standard output.
fn run(sb: &Sandbox, command: &str) -> Vec<String> {
    let (words, comment) = command.split_once('#').unwrap_or((command, ""));
    let time = comment
        .split_whitespace()
        .skip_while(|w| *w != "at")
        .nth(1)
        .unwrap_or("07:30")
        .trim_end_matches(',');
    let now: NaiveDateTime =
        NaiveDateTime::parse_from_str(&format!("{}T{time}", sample_day()), "%Y-%m-%dT%H:%M")
            .unwrap_or_else(|e| panic!("{command}: time {time}: {e}"));
    let words: Vec<&str> = words.split_whitespace().collect();
    assert_eq!(words.first(), Some(&"foamroll"), "{command}");
    let mut args = Vec::new();
    let mut null_input = false;
    let mut it = words[1..].iter();
    while let Some(w) = it.next() {
        if *w == "<" {
            assert_eq!(it.next(), Some(&"/dev/null"), "{command}");
            null_input = true;
        } else {
            args.push(*w);
        }
    }
    let mut c = sb.command();
    c.args(&args)
        .current_dir(sb.path())
        .env("FOAMROLL_NOW", now.format("%Y-%m-%dT%H:%M").to_string())
        .env("TZ", "UTC");
    if null_input {
        c.stdin(std::process::Stdio::null());
    }
    let out = c.output().unwrap();
    let text = format!("{}{}", stderr(&out), stdout(&out));
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// Whether `actual` is what `expected` shows, `…` standing for lines left out.
fn matches(expected: &[String], actual: &[String]) -> bool {
    match expected.iter().position(|l| ELLIPSIS.contains(&l.as_str())) {
        None => expected == actual,
        Some(cut) => {
            let (head, tail) = (&expected[..cut], &expected[cut + 1..]);
            actual.len() >= head.len() + tail.len()
                && actual.starts_with(head)
                && actual.ends_with(tail)
        }
    }
}

/// `actual` shaped like `expected`: as many lines before and after the `…`.
fn reshaped(expected: &[String], actual: &[String]) -> Vec<String> {
    match expected.iter().position(|l| ELLIPSIS.contains(&l.as_str())) {
        None => actual.to_vec(),
        Some(cut) => {
            let tail = expected.len() - cut - 1;
            let mut v = actual[..cut.min(actual.len())].to_vec();
            v.push(expected[cut].clone());
            v.extend_from_slice(&actual[actual.len().saturating_sub(tail)..]);
            v
        }
    }
}

/// Files a sample needs, written from the README itself: a block of YAML right
/// before a sample, whose first line is `# NAME`, is saved as NAME.
fn files_before(text: &str, block: &Block, sb: &Sandbox) {
    let lines: Vec<&str> = text.split('\n').collect();
    // The fence of this block, then back over prose to the previous block's end.
    let mut i = block.start.saturating_sub(2);
    while i > 0 && !lines[i].starts_with("```") {
        i -= 1;
    }
    if i == 0 || lines[i] != "```" {
        return;
    }
    let end = i;
    let mut start = end - 1;
    while start > 0 && !lines[start].starts_with("```") {
        start -= 1;
    }
    if lines[start] != "```yaml" {
        return;
    }
    let body = &lines[start + 1..end];
    if let Some(name) = body.first().and_then(|l| l.strip_prefix("# ")) {
        let name = name.split_whitespace().next().unwrap_or_default();
        sb.write(name, &(body[1..].join("\n") + "\n"));
    }
}

#[test]
fn every_readme_sample_is_what_the_binary_prints() {
    let text = std::fs::read_to_string(README).unwrap();
    let found = blocks(&text);
    assert!(found.len() >= 3, "the README's samples were found");
    let regenerate = std::env::var_os("FOAMROLL_REGENERATE").is_some();
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut failures = Vec::new();
    // From the last block up, so that rewriting one keeps the others' places.
    for block in found.iter().rev() {
        let mut rewritten = Vec::new();
        for sample in &block.samples {
            let sb = readme_sandbox();
            files_before(&text, block, &sb);
            let actual = run(&sb, &sample.command);
            if !matches(&sample.expected, &actual) {
                failures.push(format!(
                    "$ {}\n--- the README shows:\n{}\n--- the binary prints:\n{}",
                    sample.command,
                    sample.expected.join("\n"),
                    actual.join("\n")
                ));
            }
            if !rewritten.is_empty() {
                rewritten.push(String::new());
            }
            rewritten.push(format!("$ {}", sample.command));
            rewritten.extend(reshaped(&sample.expected, &actual));
        }
        lines.splice(block.start..block.end, rewritten);
    }
    if regenerate {
        std::fs::write(README, lines.join("\n")).unwrap();
        return;
    }
    assert!(
        failures.is_empty(),
        "{} README sample(s) differ from the binary (FOAMROLL_REGENERATE=1 rewrites them):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_sample_matcher_can_fail() {
    let v = |s: &[&str]| s.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    assert!(matches(&v(&["a", "…", "z"]), &v(&["a", "b", "z"])));
    assert!(!matches(&v(&["a", "…", "z"]), &v(&["a", "b", "y"])));
    assert!(!matches(&v(&["a", "b"]), &v(&["a", "b", "c"])));
    assert!(!matches(&v(&["a", "…", "a"]), &v(&["a"])));
}

/// A documented field: its path, whether it is optional, and its type.
type Field = (String, bool, String);

/// The documented fields of each `## `foamroll …`` section of docs/json.md: the
/// command, then (path, optional) pairs.
fn documented() -> Vec<(String, Vec<Field>)> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md")).unwrap();
    let mut sections = Vec::new();
    for part in text.split("\n## `").skip(1) {
        let command = part[..part.find('`').unwrap()].to_string();
        if !command.contains("--json") {
            continue;
        }
        let fields = part
            .lines()
            .filter_map(|l| {
                let cells: Vec<&str> = l.split('|').map(str::trim).collect();
                let name = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
                let kind = cells.get(2)?;
                Some((
                    name.to_string(),
                    kind.contains("*optional*"),
                    kind.replace(", *optional*", ""),
                ))
            })
            .collect();
        sections.push((command, fields));
    }
    sections
}

/// Every path in `value` down to the documented ones: `a`, `a[].b`, `a.b`, `[].a`.
fn paths(
    value: &serde_json::Value,
    prefix: &str,
    documented: &BTreeSet<String>,
    out: &mut BTreeSet<String>,
) {
    let descend = |path: &str| {
        documented.iter().any(|d| {
            d.len() > path.len() && d.starts_with(path) && d[path.len()..].starts_with(['.', '['])
        })
    };
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                out.insert(path.clone());
                if descend(&path) {
                    paths(v, &path, documented, out);
                }
            }
        }
        serde_json::Value::Array(items) => {
            let path = format!("{prefix}[]");
            for item in items {
                if let serde_json::Value::Object(map) = item {
                    for (k, v) in map {
                        let p = format!("{path}.{k}");
                        out.insert(p.clone());
                        if descend(&p) {
                            paths(v, &p, documented, out);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// Every value at a documented path (`a`, `a.b`, `a[].b`, `[].a`) of `doc`.
fn values<'a>(doc: &'a serde_json::Value, path: &str) -> Vec<&'a serde_json::Value> {
    let mut here = vec![doc];
    for part in path.split('.') {
        let (key, each) = match part.strip_suffix("[]") {
            Some(k) => (k, true),
            None => (part, false),
        };
        if !key.is_empty() {
            here = here.into_iter().filter_map(|v| v.get(key)).collect();
        }
        if each {
            here = here
                .into_iter()
                .filter_map(serde_json::Value::as_array)
                .flatten()
                .collect();
        }
    }
    here
}

/// Whether `value` is of the documented type: "text", "number or null", "array of
/// text", "true or false", "object", ...
fn is_kind(value: &serde_json::Value, kind: &str) -> bool {
    use serde_json::Value;
    let one = |v: &Value, k: &str| match k.trim() {
        "text" => v.is_string(),
        "number" | "numbers" => v.is_number(),
        "true" | "false" => v.is_boolean(),
        "null" => v.is_null(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        other => panic!("docs/json.md: unknown type {other:?}"),
    };
    if let Some(items) = kind.strip_prefix("array of ") {
        return value
            .as_array()
            .is_some_and(|a| a.iter().all(|v| one(v, items)));
    }
    kind.split([','])
        .flat_map(|k| k.split(" or "))
        .filter(|k| !k.trim().is_empty())
        .any(|k| one(value, k))
}

#[test]
fn the_type_checker_can_fail() {
    let v = serde_json::json!({"a": [{"b": "x"}, {"b": 2}], "c": null});
    assert_eq!(values(&v, "a[].b").len(), 2);
    assert!(!values(&v, "a[].b").iter().all(|x| is_kind(x, "text")));
    assert!(is_kind(&v["c"], "text or null"));
    assert!(!is_kind(&v["c"], "text"));
    assert!(!is_kind(&v["a"], "array of text"));
    assert!(is_kind(&serde_json::json!(true), "true, false or null"));
}

#[test]
fn docs_json_lists_exactly_the_fields_of_every_json_output() {
    let sections = documented();
    let commands: Vec<&str> = sections.iter().map(|(c, _)| c.as_str()).collect();
    for wanted in ["status", "list", "show", "today", "history"] {
        assert!(
            commands
                .iter()
                .any(|c| c.starts_with(&format!("foamroll {wanted} "))),
            "docs/json.md documents {wanted} --json: {commands:?}"
        );
    }
    let sb = readme_sandbox();
    for (command, fields) in &sections {
        let args: Vec<&str> = command
            .split_whitespace()
            .skip(1)
            .map(|w| if w == "ID" { "post-run" } else { w })
            .collect();
        let out = sb
            .command()
            .args(&args)
            .env("FOAMROLL_NOW", "2026-10-21T07:30")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
        let doc: serde_json::Value =
            serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{command}: {e}"));
        let names: BTreeSet<String> = fields.iter().map(|(n, _, _)| n.clone()).collect();
        let mut actual = BTreeSet::new();
        paths(&doc, "", &names, &mut actual);
        let undocumented: Vec<_> = actual.difference(&names).collect();
        assert!(
            undocumented.is_empty(),
            "{command} prints fields docs/json.md does not list: {undocumented:?}"
        );
        let missing: Vec<_> = fields
            .iter()
            .filter(|(n, optional, _)| !optional && !actual.contains(n))
            .map(|(n, _, _)| n)
            .collect();
        assert!(
            missing.is_empty(),
            "{command} lacks documented fields: {missing:?}"
        );
        for (name, _, kind) in fields {
            for value in values(&doc, name) {
                assert!(
                    is_kind(value, kind),
                    "{command}: `{name}` is documented as {kind} but is {value}"
                );
            }
        }
        let format = |v: &serde_json::Value| v.get("format").and_then(serde_json::Value::as_u64);
        match &doc {
            serde_json::Value::Array(records) => {
                assert!(!records.is_empty(), "{command}: the sandbox has history");
                assert!(
                    records.iter().all(|r| format(r) == Some(1)),
                    "{command}: each record's format"
                );
            }
            other => assert_eq!(
                format(other),
                Some(u64::from(foamroll::cli::JSON_FORMAT)),
                "{command}"
            ),
        }
    }
}

#[test]
fn the_library_docs_complete_example_checks_clean() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/library.md")).unwrap();
    let start = text.find("## A complete example").unwrap();
    let body = &text[start..];
    let yaml_start = body.find("```yaml\n").unwrap() + "```yaml\n".len();
    let yaml = &body[yaml_start..yaml_start + body[yaml_start..].find("```").unwrap()];
    let sb = Sandbox::new();
    sb.write("config/routines/example.yaml", yaml);
    let out = sb.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "no error, warning or note");
    assert!(stdout(&out).ends_with(": ok\n"), "{}", stdout(&out));
    // And it is used: its routine plays.
    let out = sb
        .command()
        .args(["play", "glutes-only", "--plain", "--speed", "1000"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn the_readme_exit_status_table_is_the_programs() {
    let text = std::fs::read_to_string(README).unwrap();
    for exit in foamroll::cli::Exit::ALL {
        let row = format!(
            "| {} | {} |",
            exit.code(),
            exit.meaning().replace('|', "\\|")
        );
        assert!(text.contains(&row), "the README lacks the row\n{row}");
    }
}

#[test]
fn the_readme_config_examples_are_read_without_a_problem() {
    let text = std::fs::read_to_string(README).unwrap();
    let start = text.find("\n## Configuration").unwrap();
    let section = &text[start + 1..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut checked = 0;
    for block in section.split("```yaml\n").skip(1) {
        let yaml = &block[..block.find("```").unwrap()];
        let mut settings = foamroll::config::Settings::default();
        let problems = settings.apply_file("config.yaml", yaml.as_bytes());
        assert!(problems.is_empty(), "{yaml}\n{problems:?}");
        assert_ne!(
            settings,
            foamroll::config::Settings::default(),
            "{yaml} sets something"
        );
        checked += 1;
    }
    assert!(checked >= 2, "the full example and the theme table");
}
