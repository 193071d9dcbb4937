//! Parsing one file: the raw checks every file gets first, then YAML with hardened
//! options, with errors located in the file.

use serde_saphyr::Options;
use serde_saphyr::options::DuplicateKeyPolicy;

use super::bounds::MAX_FILE_BYTES;
use super::diagnostic::{Diagnostic, Position, Severity};
use super::yaml::{FORMAT_VERSION, RawFile};
use crate::text::forbidden_char;

/// Size, encoding and control characters: the checks every file we read gets first.
pub fn check_raw(path: &str, bytes: &[u8]) -> Result<String, Diagnostic> {
    let error = |source: Option<&str>, pos, msg: String| {
        Diagnostic::at(Severity::Error, path, source, pos, msg)
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(error(
            None,
            Position::START,
            format!(
                "file is larger than {} KiB; routine files are limited to 1 MiB",
                MAX_FILE_BYTES / 1024
            ),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let pos = position_after(std::str::from_utf8(good).unwrap_or_default());
            let shown = String::from_utf8_lossy(bytes);
            return Err(error(
                Some(&shown),
                pos,
                "invalid UTF-8: save the file as UTF-8".into(),
            ));
        }
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let crlf = c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n');
        if forbidden_char(c) && !crlf {
            return Err(error(
                Some(text),
                position_after(&text[..at]),
                format!("control character U+{:04X} is not allowed", u32::from(c)),
            ));
        }
    }
    Ok(text.to_string())
}

/// The 1-based position of the character that follows `prefix`.
fn position_after(prefix: &str) -> Position {
    let line = prefix.matches('\n').count() as u64 + 1;
    let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
    Position::new(line, column)
}

fn parse_options() -> Options {
    serde_saphyr::options! {
        // Our format nests five levels deep; anything far deeper is hostile or a mistake.
        budget: serde_saphyr::budget! {
            max_reader_input_bytes: Some(MAX_FILE_BYTES as usize),
            max_depth: 32,
            max_documents: 1,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_events: 500_000,
            max_nodes: 250_000,
            max_total_scalar_bytes: 4 * MAX_FILE_BYTES as usize,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 20_000,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 1_000,
        },
        duplicate_keys: DuplicateKeyPolicy::Error,
        // `yes`/`no` as booleans is a classic YAML trap.
        strict_booleans: true,
        with_snippet: false,
        crop_radius: 0,
    }
}

/// Parses one file. Errors carry the file's own line and column.
pub fn parse(path: &str, text: &str) -> Result<RawFile, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::at(
            Severity::Error,
            path,
            Some(text),
            Position::START,
            format!("file is empty; a library file starts with `version: {FORMAT_VERSION}`"),
        ));
    }
    let raw: RawFile = parse_yaml(path, text)?;
    if let Some((at, c)) = raw.forbidden_text() {
        return Err(Diagnostic::at(
            Severity::Error,
            path,
            Some(text),
            Position::from_location(&at),
            format!(
                "control character U+{:04X} is not allowed in text",
                u32::from(c)
            ),
        ));
    }
    if raw.version.value != FORMAT_VERSION {
        return Err(Diagnostic::at(
            Severity::Error,
            path,
            Some(text),
            Position::from_location(&raw.version.referenced),
            format!(
                "unsupported format version {}; this foamroll reads version {FORMAT_VERSION}",
                raw.version.value
            ),
        ));
    }
    Ok(raw)
}

/// Parses YAML into `T` with the hardened options, errors located in `path`.
pub fn parse_yaml<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options(text, parse_options()).map_err(|e| {
        let mut pos = e
            .location()
            .map_or(Position::START, |l| Position::from_location(&l));
        let mut msg = yaml_message(&e);
        if msg.contains("tab") {
            // The parser points at the token before the tab; point at the tab itself.
            if let Some(tab) = indenting_tab(text, pos.line) {
                pos = tab;
                msg = "tab used for indentation: YAML indents with spaces only".to_string();
            }
        }
        Diagnostic::at(Severity::Error, path, Some(text), pos, msg)
    })
}

/// The first tab in the leading white space of a line, from line `from` on.
fn indenting_tab(text: &str, from: u64) -> Option<Position> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1) as usize)
        .find_map(|(i, line)| {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            let col = line[..indent].chars().position(|c| c == '\t')?;
            Some(Position::new(i as u64 + 1, col as u64 + 1))
        })
}

/// The parser's message without its own "at line L, column C" (we print the position first).
fn yaml_message(e: &serde_saphyr::Error) -> String {
    use serde_saphyr::budget::BudgetBreach;
    let inner = e.without_snippet();
    if let serde_saphyr::Error::Budget { breach, .. } = inner {
        return match breach {
            BudgetBreach::Depth { .. } => "nesting is too deep".to_string(),
            BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => {
                "too many aliases or anchors (possible alias bomb)".to_string()
            }
            BudgetBreach::Documents { .. } => {
                "a library file holds exactly one YAML document (remove the extra `---`)"
                    .to_string()
            }
            other => format!("file is too complex ({other:?})"),
        };
    }
    let msg = inner.to_string();
    if msg.starts_with("recursion limit exceeded") {
        return "nesting is too deep".to_string();
    }
    let msg = match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains(", column ") => msg[..i].to_string(),
        _ => msg,
    };
    if let Some(kind) = msg.strip_prefix("invalid ")
        && matches!(kind, "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "usize")
    {
        return "expected a whole number of 0 or more".to_string();
    }
    if msg.contains("alias replay") || msg.contains("expansion") {
        return format!("{msg} (possible alias bomb)");
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_characters_not_bytes() {
        assert_eq!(position_after("ab\ncé"), Position::new(2, 3));
        assert_eq!(position_after(""), Position::new(1, 1));
    }
}
