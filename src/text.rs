//! Text that reaches the terminal. Routine files are written by people we do not
//! control, so nothing read from them may carry escape sequences to the terminal.

/// Characters a routine file may contain: everything printable plus newline and tab.
/// A carriage return is accepted only as part of a CRLF line ending (checked by callers
/// that see raw bytes); parsed text never keeps it.
pub fn forbidden_char(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t' || bidi_control(c)
}

/// Bidirectional overrides and isolates: they can make text display differently from
/// what it says.
pub fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Line and paragraph separators: line breaks, like `\n`, in a one-line field.
pub fn line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Characters that show nothing and that terminals disagree about (some give them a
/// cell, some none), so that a pane border after them would move: zero-width space,
/// word joiner, zero-width no-break space, soft hyphen. Removed from text that is
/// shown; the zero-width joiner stays (it holds emoji sequences together).
pub fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// `s` without [`invisible`] characters.
pub fn without_invisible(s: &str) -> String {
    s.chars().filter(|&c| !invisible(c)).collect()
}

/// Columns `s` takes on a terminal, measured by grapheme cluster (a joined emoji is
/// one cluster of two columns, a combining accent none).
pub fn width(s: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// `s` padded with spaces to `columns` columns (by [`width`]), for aligned tables.
pub fn pad(s: &str, columns: usize) -> String {
    let w = width(s);
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(w)));
    out
}

/// Replaces anything that could act on the terminal with a visible stand-in, for
/// echoing untrusted source lines in error messages.
pub fn printable(s: &str) -> String {
    s.chars()
        .filter(|&c| !invisible(c))
        .map(|c| match c {
            '\t' => ' ',
            c if forbidden_char(c) || line_break(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// `text` cut to `width` columns, ending with an ellipsis when it does not fit.
/// Columns are counted by grapheme cluster, and a cluster is never cut.
pub fn fit(text: &str, columns: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    if width(text) <= columns {
        return text.to_string();
    }
    let room = columns.saturating_sub(1);
    let mut s = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w > room {
            break;
        }
        used += w;
        s.push_str(g);
    }
    if columns > 0 {
        s.push('…');
    }
    s
}

/// The longest value echoed back in a message, in characters.
pub const ECHO_MAX: usize = 80;

/// A value from a file or the command line, as echoed in a message: printable, on one
/// line, and cut to [`ECHO_MAX`] characters (an invalid id may be 100 KB long).
pub fn echo(s: &str) -> String {
    let shown = printable(s);
    if shown.chars().count() <= ECHO_MAX {
        return shown;
    }
    shown.chars().take(ECHO_MAX - 1).chain(['…']).collect()
}

/// A line of a message that quotes values in single quotes (clap's errors): printable,
/// with each quoted value cut to [`ECHO_MAX`] characters.
pub fn cut_line(s: &str) -> String {
    cut_between(&printable(s), '\'')
}

/// A path as printed in messages: the file name is untrusted (a file named with an
/// escape sequence would otherwise act on the terminal).
pub fn path(p: &std::path::Path) -> String {
    printable(&p.display().to_string())
}

/// Cuts every `backquoted` value in a message to [`ECHO_MAX`] characters, so a message
/// that quotes a value from a file (an unknown field, an invalid id) stays short.
pub fn cut_quoted(msg: &str) -> String {
    cut_between(msg, '`')
}

/// Cuts every part of `msg` between two `quote`s to [`ECHO_MAX`] characters.
fn cut_between(msg: &str, quote: char) -> String {
    let mut out = String::with_capacity(msg.len().min(1024));
    for (i, part) in msg.split(quote).enumerate() {
        if i > 0 {
            out.push(quote);
        }
        // Odd parts sit between quotes.
        if i % 2 == 1 {
            out.push_str(&echo(part));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The known names nearest to `query` (at most three, nearest first), for "did you
/// mean …?". A name is near when few edits turn one into the other, relative to its
/// length, or when one contains the other.
pub fn suggest<'a>(query: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    // A 100 KB query has no near neighbour worth the quadratic work.
    if query.is_empty() || query.chars().count() > 2 * ECHO_MAX {
        return Vec::new();
    }
    let limit = (query.chars().count() / 3).clamp(1, 4);
    let mut near: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter(|c| *c != query)
        .filter_map(|c| {
            let d = strsim::damerau_levenshtein(query, c);
            let contains = query.len() >= 3 && (c.contains(query) || query.contains(c));
            (d <= limit || contains).then_some((d, c))
        })
        .collect();
    near.sort();
    near.dedup_by(|a, b| a.1 == b.1);
    near.into_iter().take(3).map(|(_, c)| c).collect()
}

/// "a", "a or b", "a, b or c". Every layer's messages list choices this way; the
/// wording module re-exports it with [`join_and`].
pub fn join_or(items: &[String]) -> String {
    join(items, "or")
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[String]) -> String {
    join(items, "and")
}

fn join(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

/// " (did you mean `a` or `b`?)", or nothing when no known name is near.
pub fn did_you_mean<'a>(query: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let near = suggest(query, candidates);
    let quoted: Vec<String> = near.iter().map(|c| format!("`{}`", echo(c))).collect();
    if quoted.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", join_or(&quoted))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_cuts_long_values_and_removes_controls() {
        let long = "x".repeat(100_000);
        let shown = echo(&long);
        assert_eq!(shown.chars().count(), ECHO_MAX);
        assert!(shown.ends_with('…'));
        assert_eq!(echo("a\nb\u{1b}"), "a\u{FFFD}b\u{FFFD}");
        assert_eq!(echo("short"), "short");
    }

    #[test]
    fn cut_quoted_only_touches_backquoted_values() {
        let msg = format!("unknown field `{}`, expected `id`", "y".repeat(500));
        let cut = cut_quoted(&msg);
        assert!(cut.chars().count() < 120, "{cut}");
        assert!(cut.ends_with("…`, expected `id`"), "{cut}");
    }

    #[test]
    fn suggestions_are_the_nearest_known_names() {
        let ids = [
            "quad-release",
            "calf-release",
            "post-run",
            "pre-run",
            "it-band",
        ];
        assert_eq!(suggest("quad-relase", ids), vec!["quad-release"]);
        assert_eq!(suggest("postrun", ids), vec!["post-run"]);
        assert_eq!(suggest("quad", ids), vec!["quad-release"]);
        assert!(suggest("zzzzzz", ids).is_empty());
        assert!(suggest(&"q".repeat(10_000), ids).is_empty());
        assert_eq!(
            did_you_mean("quad-relese", ids),
            " (did you mean `quad-release`?)"
        );
        assert_eq!(did_you_mean("zzzzzz", ids), "");
    }

    #[test]
    fn paths_are_printable() {
        let p = std::path::Path::new("a\u{1b}]0;pwned\u{7}.yaml");
        assert!(!path(p).contains('\u{1b}'));
    }

    #[test]
    fn printable_removes_escape_sequences() {
        assert_eq!(printable("a\u{1b}[2Jb\u{9b}c"), "a\u{FFFD}[2Jb\u{FFFD}c");
        assert_eq!(printable("tab\there"), "tab here");
    }

    #[test]
    fn forbidden_covers_c0_c1_del_and_bidi() {
        for c in [
            '\u{0}', '\u{7}', '\u{1b}', '\r', '\u{7f}', '\u{85}', '\u{9b}', '\u{202E}',
        ] {
            assert!(forbidden_char(c), "{c:?}");
        }
        for c in ['a', '\n', '\t', 'é', '…', '█'] {
            assert!(!forbidden_char(c), "{c:?}");
        }
    }
}
