//! Problems found while loading a library, reported the way compilers do:
//! `PATH:LINE:COL: error: MESSAGE`, then the source line and a caret under the column.

use std::fmt;

use serde::Serialize;

use crate::text::{cut_quoted, printable};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something the person should know (a user routine overriding a built-in one).
    Note,
    Warning,
    /// The file or item was skipped.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: u64,
    pub column: u64,
}

impl Position {
    pub const START: Position = Position { line: 1, column: 1 };

    pub fn new(line: u64, column: u64) -> Self {
        Position {
            line: line.max(1),
            column: column.max(1),
        }
    }

    pub fn from_location(loc: &serde_saphyr::Location) -> Self {
        Position::new(loc.line(), loc.column())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    pub position: Position,
    pub message: String,
    /// The offending line of the source, already made safe to print.
    pub source_line: Option<String>,
    /// Plain words on how to fix it, printed under the quoted line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic pointing into `source`; the quoted line is taken from it.
    pub fn at(
        severity: Severity,
        path: &str,
        source: Option<&str>,
        position: Position,
        message: impl Into<String>,
    ) -> Self {
        let source_line = source.and_then(|text| {
            let index = usize::try_from(position.line).ok()?.checked_sub(1)?;
            text.lines().nth(index).map(printable)
        });
        Diagnostic {
            severity,
            // File names are untrusted too: a name may hold an escape sequence.
            path: printable(path),
            position,
            message: cut_quoted(&printable(&message.into())),
            source_line,
            hint: None,
        }
    }

    /// Adds plain words on how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(cut_quoted(&printable(&hint.into())));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Position { line, column } = self.position;
        write!(
            f,
            "{}:{line}:{column}: {}: {}",
            self.path, self.severity, self.message
        )?;
        if let Some(src) = &self.source_line {
            let gutter = line.to_string();
            let pad = " ".repeat(gutter.len());
            // Columns count characters; the quoted line has tabs turned into single spaces,
            // so the caret lines up.
            let caret_at = usize::try_from(column.saturating_sub(1)).unwrap_or(0);
            let (src, caret_at) = crop(src, caret_at);
            write!(f, "\n {gutter} | {src}\n {pad} | {}^", " ".repeat(caret_at))?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Cuts a long line down to a window around the caret, so one huge line (a minified
/// file) does not flood the screen. Returns the window and the caret's place in it.
fn crop(line: &str, caret: usize) -> (String, usize) {
    const RADIUS: usize = 40;
    let chars: Vec<char> = line.chars().collect();
    let caret = caret.min(chars.len());
    if chars.len() <= 2 * RADIUS + 20 {
        return (line.to_string(), caret);
    }
    let start = caret.saturating_sub(RADIUS);
    let end = (caret + RADIUS).min(chars.len());
    let mut out = String::new();
    let mut shift = 0;
    if start > 0 {
        out.push('…');
        shift = 1;
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    (out, caret - start + shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_path_line_column_source_and_caret() {
        let src = "version: 1\nroutines:\n  - idd: x\n";
        let d = Diagnostic::at(
            Severity::Error,
            "a.yaml",
            Some(src),
            Position::new(3, 5),
            "unknown field `idd`",
        );
        assert_eq!(
            d.to_string(),
            "a.yaml:3:5: error: unknown field `idd`\n 3 |   - idd: x\n   |     ^"
        );
    }

    #[test]
    fn long_lines_are_cropped_around_the_caret() {
        let src = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let d = Diagnostic::at(
            Severity::Error,
            "a.yaml",
            Some(&src),
            Position::new(1, 501),
            "here",
        );
        let text = d.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[1].chars().count() < 100, "{}", lines[1]);
        let caret = lines[2].chars().position(|c| c == '^').unwrap_or(0);
        assert_eq!(lines[1].chars().nth(caret), Some('X'));
    }

    #[test]
    fn quoted_line_cannot_carry_escapes() {
        let src = "name: \u{1b}]0;pwned\u{7}\n";
        let d = Diagnostic::at(
            Severity::Error,
            "a.yaml",
            Some(src),
            Position::new(1, 7),
            "bad",
        );
        assert!(!d.to_string().contains('\u{1b}'));
        assert!(!d.to_string().contains('\u{7}'));
    }
}
