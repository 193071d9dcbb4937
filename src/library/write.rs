//! Writes a routine as a routine file that the loader reads back. serde-saphyr only
//! reads here, so the YAML is written by hand: every text is a double-quoted scalar
//! with JSON escapes (a subset of YAML's), ids are plain (they are kebab-case).

use std::fmt::Write;

use super::model::{Routine, StepTiming};
use super::yaml::FORMAT_VERSION;

fn quoted(s: &str) -> String {
    // JSON string escapes are valid in YAML double-quoted scalars; C1 controls and line
    // separators are escaped too so that nothing in the file can act on a terminal.
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text of a routine file holding `routine`, with `comment` lines at the top.
pub fn routine_file(routine: &Routine, comment: &[String]) -> String {
    let mut y = String::new();
    for line in comment {
        for l in line.lines() {
            let _ = writeln!(y, "# {}", crate::text::printable(l));
        }
    }
    let _ = writeln!(y, "version: {FORMAT_VERSION}");
    let _ = writeln!(y, "routines:");
    let _ = writeln!(y, "  - id: {}", routine.id);
    let _ = writeln!(y, "    name: {}", quoted(&routine.name));
    let _ = writeln!(y, "    style: {}", style_id(routine));
    let _ = writeln!(y, "    description: {}", quoted(&routine.description));
    if let Some(s) = routine.get_ready_s {
        let _ = writeln!(y, "    get_ready: {s}");
    }
    if let Some(s) = routine.rest_s {
        let _ = writeln!(y, "    rest: {s}");
    }
    if let Some(t) = routine.equipment {
        let _ = writeln!(y, "    equipment: {}", t.id());
    }
    if let Some(f) = &routine.finish {
        let _ = writeln!(y, "    finish: {}", quoted(f));
    }
    let _ = writeln!(y, "    steps:");
    for step in &routine.steps {
        let _ = writeln!(y, "      - exercise: {}", step.exercise);
        match &step.timing {
            StepTiming::Recovery {
                min_hold_s,
                points,
                search_limit_s,
            } => {
                if let Some(h) = min_hold_s {
                    let _ = writeln!(y, "        hold: {h}");
                }
                let _ = writeln!(y, "        points: {points}");
                if let Some(l) = search_limit_s {
                    let _ = writeln!(y, "        search_limit: {l}");
                }
            }
            StepTiming::Warmup { duration_s, cue } => {
                let _ = writeln!(y, "        duration: {duration_s}");
                let _ = writeln!(y, "        cue: {}", quoted(cue));
            }
        }
        if let Some(side) = step.first_side {
            let _ = writeln!(y, "        first_side: {}", side.label());
        }
        if let Some(p) = step.first_side_points {
            let _ = writeln!(y, "        first_side_points: {p}");
        }
        if let Some(r) = step.rest_s {
            let _ = writeln!(y, "        rest: {r}");
        }
    }
    y
}

fn style_id(r: &Routine) -> &'static str {
    match r.style {
        super::model::Style::Recovery => "recovery",
        super::model::Style::Warmup => "warmup",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_what_yaml_and_terminals_need() {
        assert_eq!(quoted("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
        assert_eq!(quoted("x\u{1b}[2J\u{9b}y"), r#""x\u001b[2J\u009by""#);
        assert_eq!(quoted("two\nlines"), r#""two\nlines""#);
    }
}
