//! Text that reaches the terminal. Routine files are written by people we do not
//! control, so nothing read from them may carry escape sequences to the terminal.

/// Characters a routine file may contain: everything printable plus newline and tab.
/// A carriage return is accepted only as part of a CRLF line ending (checked by callers
/// that see raw bytes); parsed text never keeps it.
pub fn forbidden_char(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
        // Bidirectional overrides can make text display differently from what it says.
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Replaces anything that could act on the terminal with a visible stand-in, for
/// echoing untrusted source lines in error messages.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if forbidden_char(c) || c == '\n' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
