//! Plain-words hints for the three most common YAML mistakes, shown under the parser's
//! own message: a line indented less than the item above it, a line indented more than
//! its siblings, and a missing space after a colon or a dash. The parser reports these
//! with words like "mapping values are not allowed in this context", and sometimes on
//! another line; the hint names the line to fix.

use super::diagnostic::{Diagnostic, Position};

/// One line of the file as far as indentation goes.
struct Line<'a> {
    /// 1-based line number.
    number: u64,
    indent: usize,
    /// Where the content after `- ` starts (the indent when there is no dash).
    content: usize,
    /// The text after the indent.
    text: &'a str,
}

impl Line<'_> {
    fn is_item(&self) -> bool {
        self.content > self.indent
    }

    /// The key this line starts with, if any (`name` in `name: Quads`).
    fn key(&self) -> Option<&str> {
        let rest = self
            .text
            .strip_prefix("- ")
            .unwrap_or(self.text)
            .trim_start();
        let (key, _) = rest.split_once(':')?;
        key.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            .then_some(key)
            .filter(|k| !k.is_empty())
    }

    /// True when the next line may be indented deeper: `key:` with nothing after it,
    /// a lone `-`, or a block scalar (`key: |`).
    fn opens_block(&self) -> bool {
        let t = self.text.split(" #").next().unwrap_or_default().trim_end();
        t.ends_with(':')
            || t == "-"
            || t.ends_with(['|', '>'])
            || t.ends_with("|-")
            || t.ends_with(">-")
            || t.ends_with("|+")
            || t.ends_with(">+")
            || t.ends_with('[')
            || t.ends_with('{')
            || t.ends_with(',')
    }
}

/// Lines that carry content, without blank lines, comments and block scalar bodies.
fn content_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut block_above: Option<usize> = None;
    for (i, raw) in text.lines().enumerate() {
        let trimmed = raw.trim_start_matches(' ');
        if trimmed.trim().is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = raw.len() - trimmed.len();
        if let Some(parent) = block_above {
            if indent > parent {
                continue;
            }
            block_above = None;
        }
        let mut content = indent;
        let mut text = trimmed;
        while let Some(rest) = text.strip_prefix("- ") {
            let rest_trimmed = rest.trim_start_matches(' ');
            content += 2 + rest.len() - rest_trimmed.len();
            text = rest_trimmed;
        }
        let line = Line {
            number: i as u64 + 1,
            indent,
            content,
            text: trimmed,
        };
        let t = text.split(" #").next().unwrap_or_default().trim_end();
        if [":", ": |", ": >", ": |-", ": >-", ": |+", ": >+"]
            .iter()
            .any(|end| t.ends_with(end) && *end != ":")
        {
            block_above = Some(indent);
        }
        lines.push(line);
    }
    lines
}

/// A hint for `d` and the position it is about, when the cause is one of the three.
/// Indentation is looked at only for `layout` errors (syntax, a missing field).
pub(super) fn hint(text: &str, d: &Diagnostic, layout: bool) -> Option<(Position, String)> {
    let lines = content_lines(text);
    let err = d.position.line;
    // Missing spaces are found on the reported line or the one next to it.
    for line in lines
        .iter()
        .filter(|l| l.number + 1 >= err && l.number <= err + 1)
    {
        if let Some(h) = missing_space(line) {
            return Some(h);
        }
    }
    if !layout {
        return None;
    }
    // A missing field is reported where its item starts; the misplaced line is inside.
    let (from, to) = if d.message.starts_with("missing field") {
        let start = lines.iter().find(|l| l.number >= err);
        let end = start.map_or(err, |s| {
            lines
                .iter()
                .find(|l| l.number > s.number && l.indent <= s.indent)
                .map_or(u64::MAX, |l| l.number)
        });
        (err, end)
    } else {
        (err.saturating_sub(2), err + 1)
    };
    lines.windows(2).find_map(|pair| {
        let (above, line) = (&pair[0], &pair[1]);
        if line.number < from || line.number > to {
            return None;
        }
        let at = Position::new(line.number, line.indent as u64 + 1);
        let name = line.key().unwrap_or("this line");
        if above.is_item() && line.indent > above.indent && line.indent < above.content {
            let sibling = above.key().unwrap_or("the item's first key");
            return Some((
                at,
                format!(
                    "line {} is indented less than the item above it: line `{name}` up with `{sibling}` on line {} ({} spaces)",
                    line.number, above.number, above.content
                ),
            ));
        }
        if line.indent > above.content && !above.opens_block() && above.key().is_some() {
            let sibling = above.key().unwrap_or_default();
            return Some((
                at,
                format!(
                    "line {} is indented more than its siblings: line `{name}` up with `{sibling}` on line {} ({} spaces)",
                    line.number, above.number, above.content
                ),
            ));
        }
        None
    })
}

fn missing_space(line: &Line) -> Option<(Position, String)> {
    let column = |offset: usize| (line.indent + offset + 1) as u64;
    let t = line.text;
    if let Some(rest) = t.strip_prefix('-')
        && rest.starts_with(|c: char| c.is_ascii_alphabetic())
    {
        return Some((
            Position::new(line.number, column(1)),
            format!("put a space after the dash: `- {}`", rest.trim_end()),
        ));
    }
    let after_dash = t.strip_prefix("- ").unwrap_or(t);
    let offset = t.len() - after_dash.len();
    let (key, value) = after_dash.split_once(':')?;
    let keyish = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let glued = value
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && c != ':' && c != '/');
    (keyish && glued).then(|| {
        (
            Position::new(line.number, column(offset + key.len() + 1)),
            format!("put a space after the colon: `{key}: {}`", value.trim_end()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Severity;

    fn hint_for(text: &str, line: u64, msg: &str) -> Option<(Position, String)> {
        let d = Diagnostic::at(
            Severity::Error,
            "a.yaml",
            Some(text),
            Position::new(line, 1),
            msg,
        );
        hint(text, &d, true)
    }

    #[test]
    fn less_indented_than_the_item_above() {
        let text = "version: 1\nregions:\n  - id: quads\n   name: Quads\n";
        let (at, h) = hint_for(text, 3, "missing field `name`").unwrap();
        assert_eq!(at, Position::new(4, 4));
        assert!(h.contains("indented less than the item above"), "{h}");
    }

    #[test]
    fn more_indented_than_its_siblings() {
        let text = "version: 1\nregions:\n  - id: quads\n      name: Quads\n";
        let (at, h) = hint_for(text, 4, "mapping values are not allowed in this context").unwrap();
        assert_eq!(at.line, 4);
        assert!(h.contains("indented more"), "{h}");
    }

    #[test]
    fn missing_spaces_after_colon_and_dash() {
        let (_, h) = hint_for("version: 1\nregions:\n  - id: q\n    name:Quads\n", 4, "x").unwrap();
        assert!(h.contains("space after the colon: `name: Quads`"), "{h}");
        let (_, h) = hint_for("version: 1\nregions:\n  -id: q\n", 3, "x").unwrap();
        assert!(h.contains("space after the dash"), "{h}");
        assert!(hint_for("source: https://example.org\n", 1, "x").is_none());
    }

    #[test]
    fn block_scalars_and_nested_blocks_are_not_flagged() {
        let text = "a:\n  b: |\n      deep text\n  c: 1\nd:\n    - x\n";
        for line in 1..=6 {
            assert!(hint_for(text, line, "x").is_none(), "line {line}");
        }
    }
}
