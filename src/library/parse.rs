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
            format!("larger than {}", crate::files::size_words(MAX_FILE_BYTES)),
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
        // A bidirectional control is refused in the field that holds it (the file's
        // other items are kept); every other control character refuses the file.
        if forbidden_char(c) && !crlf && !crate::text::bidi_control(c) {
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
        // `!custom` and friends mean nothing to foamroll: an error, not silence.
        reject_unsupported_tags: true,
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
    let mut raw: RawFile = parse_yaml(path, text)?;
    for (at, c, item) in raw.refuse_forbidden() {
        raw.refused.push(Diagnostic::at(
            Severity::Error,
            path,
            Some(text),
            Position::from_location(&at),
            format!(
                "{item} is skipped: control character U+{:04X} is not allowed in text{}",
                u32::from(c),
                if crate::text::bidi_control(c) {
                    " (it can make the text read differently from what it says)"
                } else {
                    ""
                }
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
    if let Some((pos, tag)) = first_tag(text) {
        return Err(Diagnostic::at(
            Severity::Error,
            path,
            Some(text),
            pos,
            format!("the tag `{tag}` is not used in foamroll files"),
        )
        .with_hint("remove the tag and write the value itself"));
    }
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
        let d = Diagnostic::at(Severity::Error, path, Some(text), pos, &msg);
        match super::hints::hint(text, &d, is_layout_error(&e)) {
            // The hint names the line to fix; quote that one.
            Some((at, hint)) => {
                Diagnostic::at(Severity::Error, path, Some(text), at, msg).with_hint(hint)
            }
            None => d,
        }
    })
}

/// The first explicit tag (`!custom`, `!!binary`, `!!str`): foamroll's files never need
/// one, and the parser would otherwise apply or ignore it without a word. Files without
/// a `!` skip the extra pass.
fn first_tag(text: &str) -> Option<(Position, String)> {
    use serde_saphyr::granit_parser::{Event, Parser};
    if !text.contains('!') {
        return None;
    }
    for item in Parser::new_from_str(text) {
        // Syntax errors are the real parse's to report, with its own words.
        let Ok((event, span)) = item else {
            return None;
        };
        let tag = match event {
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, _, tag)
            | Event::MappingStart(_, _, tag) => tag,
            _ => None,
        };
        if let Some(tag) = tag {
            let shown = tag.to_string();
            let shown = match shown.strip_prefix("tag:yaml.org,2002:") {
                Some(core) => format!("!!{core}"),
                None => shown,
            };
            let at = Position::new(span.start.line() as u64, span.start.col() as u64 + 1);
            return Some((at, shown));
        }
    }
    None
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
    // An error met while replaying an alias wraps the real one; its own message adds
    // both places in parentheses, which we print as a position instead.
    let mut inner = e.without_snippet();
    while let serde_saphyr::Error::AliasError { error, .. } = inner {
        inner = error.without_snippet();
    }
    if let serde_saphyr::Error::Budget { breach, .. } = inner {
        return budget_sentence(breach);
    }
    let msg = inner.to_string();
    if msg.starts_with("recursion limit exceeded") {
        return budget_sentence(&serde_saphyr::budget::BudgetBreach::Depth { depth: 0 });
    }
    let msg = without_position(&msg).to_string();
    if let Some(kind) = msg.strip_prefix("invalid ")
        && matches!(kind, "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "usize")
    {
        return "expected a whole number of 0 or more".to_string();
    }
    if msg.contains("alias replay") || msg.contains("expansion") {
        return "this file repeats its aliases (`*name`) too often; foamroll refuses it"
            .to_string();
    }
    if let Some(rest) = msg.strip_prefix("duplicate mapping key") {
        // The parser's words name its own options; say what to do instead.
        let key = rest
            .trim_start_matches(':')
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or_default()
            .trim();
        return if key.is_empty() {
            "a key appears twice here: keep one".to_string()
        } else {
            format!("the key `{key}` appears twice here: keep one")
        };
    }
    if msg.contains("untagged enum") || msg.contains("Options") {
        return "this value is not one foamroll understands here".to_string();
    }
    msg
}

/// True for errors that a misplaced line can cause: the parser's own (syntax) and a
/// missing field (a field indented out of its item). A wrong value or an unknown field
/// is about its own line, and an indentation hint there would point elsewhere.
fn is_layout_error(e: &serde_saphyr::Error) -> bool {
    let mut inner = e.without_snippet();
    while let serde_saphyr::Error::AliasError { error, .. } = inner {
        inner = error.without_snippet();
    }
    matches!(
        inner,
        serde_saphyr::Error::ExternalMessage { .. } | serde_saphyr::Error::SerdeMissingField { .. }
    )
}

/// `msg` without a trailing " at line L, column C".
fn without_position(msg: &str) -> &str {
    let Some(i) = msg.rfind(" at line ") else {
        return msg;
    };
    let tail = &msg[i + " at line ".len()..];
    let is_position = tail.split_once(", column ").is_some_and(|(l, c)| {
        !l.is_empty()
            && !c.is_empty()
            && l.chars().all(|ch| ch.is_ascii_digit())
            && c.chars().all(|ch| ch.is_ascii_digit())
    });
    if is_position { &msg[..i] } else { msg }
}

/// A budget breach as a sentence a person can act on.
fn budget_sentence(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    let refuse = |what: &str| format!("this file {what}; foamroll refuses it");
    match breach {
        B::Depth { .. } | B::InclusionDepth { .. } => {
            refuse("nests deeper than any foamroll file needs")
        }
        B::Aliases { .. } | B::Anchors { .. } | B::AliasAnchorRatio { .. } => {
            refuse("uses too many anchors (`&name`) or aliases (`*name`)")
        }
        B::Documents { .. } => {
            "a file holds exactly one YAML document: remove the extra `---`".to_string()
        }
        B::ScalarBytes { .. } | B::RecordedAnchorBytes { .. } => refuse(&format!(
            "expands to more than {} of text",
            crate::files::size_words(4 * MAX_FILE_BYTES).replace("MiB", "MB")
        )),
        B::InputBytes { .. } => refuse(&format!(
            "is larger than {}",
            crate::files::size_words(MAX_FILE_BYTES)
        )),
        _ => refuse("holds more items than any foamroll file needs"),
    }
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
