//! Big digits, readable from the floor two metres away, in three sizes: a 5-row
//! block font, and 9- and 15-row seven-segment digits whose strokes are thin, so
//! that a change of second rewrites few cells. The letters of "PAUSED" exist in
//! every size.

use ratatui::text::Line;

/// The 5-row font: digits, `:`, `+`, and the letters of "PAUSED".
fn glyph5(c: char) -> Option<[&'static str; 5]> {
    Some(match c {
        '0' => ["███", "█ █", "█ █", "█ █", "███"],
        '1' => [" █ ", "██ ", " █ ", " █ ", "███"],
        '2' => ["███", "  █", "███", "█  ", "███"],
        '3' => ["███", "  █", "███", "  █", "███"],
        '4' => ["█ █", "█ █", "███", "  █", "  █"],
        '5' | 'S' => ["███", "█  ", "███", "  █", "███"],
        '6' => ["███", "█  ", "███", "█ █", "███"],
        '7' => ["███", "  █", "  █", "  █", "  █"],
        '8' => ["███", "█ █", "███", "█ █", "███"],
        '9' => ["███", "█ █", "███", "  █", "███"],
        ':' => ["   ", " █ ", "   ", " █ ", "   "],
        '+' => ["   ", " █ ", "███", " █ ", "   "],
        'P' => ["███", "█ █", "███", "█  ", "█  "],
        'A' => ["███", "█ █", "███", "█ █", "█ █"],
        'U' => ["█ █", "█ █", "█ █", "█ █", "███"],
        'E' => ["███", "█  ", "███", "█  ", "███"],
        'D' => ["██ ", "█ █", "█ █", "█ █", "██ "],
        _ => return None,
    })
}

// Seven segments: a top, b top right, c bottom right, d bottom, e bottom left,
// f top left, g middle.
const A: u8 = 1;
const B: u8 = 2;
const C: u8 = 4;
const D: u8 = 8;
const E: u8 = 16;
const F: u8 = 32;
const G: u8 = 64;

fn segments(c: char) -> Option<u8> {
    Some(match c {
        '0' => A | B | C | D | E | F,
        '1' => B | C,
        '2' => A | B | D | E | G,
        '3' => A | B | C | D | G,
        '4' => B | C | F | G,
        '5' | 'S' => A | C | D | F | G,
        '6' => A | C | D | E | F | G,
        '7' => A | B | C,
        '8' => A | B | C | D | E | F | G,
        '9' => A | B | C | D | F | G,
        'P' => A | B | E | F | G,
        'A' => A | B | C | E | F | G,
        'U' => B | C | D | E | F,
        'E' => A | D | E | F | G,
        'D' => B | C | D | E | G,
        _ => return None,
    })
}

/// One size of big text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub height: u16,
    /// Width of a digit or letter.
    glyph: u16,
    /// Width of a vertical stroke (a cell is about twice as tall as it is wide).
    stroke: u16,
    /// Space between glyphs.
    gap: u16,
}

/// The big sizes, largest first.
pub const SIZES: [Size; 3] = [
    Size {
        height: 15,
        glyph: 12,
        stroke: 2,
        gap: 3,
    },
    Size {
        height: 9,
        glyph: 8,
        stroke: 2,
        gap: 2,
    },
    SMALL,
];

/// The 5-row block font.
pub const SMALL: Size = Size {
    height: 5,
    glyph: 3,
    stroke: 1,
    gap: 1,
};

impl Size {
    fn glyph_width(self, c: char) -> u16 {
        match c {
            ':' if self != SMALL => self.stroke,
            _ => self.glyph,
        }
    }
}

fn drawable(c: char) -> bool {
    glyph5(c).is_some()
}

/// Width in cells of `text` drawn in `size`.
pub fn width(text: &str, size: Size) -> u16 {
    let glyphs: Vec<char> = text.chars().filter(|&c| drawable(c)).collect();
    let sum: u16 = glyphs.iter().map(|&c| size.glyph_width(c)).sum();
    sum + size.gap * (glyphs.len() as u16).saturating_sub(1)
}

/// The largest size in which `text` fits in `width` x `height` cells.
pub fn fit(text: &str, width_avail: u16, height: u16) -> Option<Size> {
    SIZES
        .into_iter()
        .find(|&s| s.height <= height && width(text, s) <= width_avail)
}

/// One glyph as `size.height` rows of `size.glyph_width(c)` cells.
fn rows(c: char, size: Size) -> Vec<String> {
    if size == SMALL {
        return glyph5(c)
            .map(|g| g.iter().map(|r| r.to_string()).collect())
            .unwrap_or_default();
    }
    let (h, w, sw) = (
        usize::from(size.height),
        usize::from(size.glyph_width(c)),
        usize::from(size.stroke),
    );
    let mid = h / 2;
    let mut grid = vec![vec![false; w]; h];
    let mut fill = |rows: std::ops::Range<usize>, cols: std::ops::Range<usize>| {
        for row in grid.iter_mut().take(rows.end).skip(rows.start) {
            for cell in row.iter_mut().take(cols.end).skip(cols.start) {
                *cell = true;
            }
        }
    };
    match c {
        ':' => {
            fill(h / 3..h / 3 + 1, 0..w);
            fill(h - 1 - h / 3..h - h / 3, 0..w);
        }
        '+' => {
            fill(mid..mid + 1, 0..w);
            let x = (w - sw) / 2;
            fill(h / 4 + 1..h - h / 4 - 1, x..x + sw);
        }
        _ => {
            let s = segments(c).unwrap_or(0);
            let on = |bit: u8| s & bit != 0;
            if on(A) {
                fill(0..1, 0..w);
            }
            if on(G) {
                fill(mid..mid + 1, 0..w);
            }
            if on(D) {
                fill(h - 1..h, 0..w);
            }
            if on(F) {
                fill(0..mid + 1, 0..sw);
            }
            if on(B) {
                fill(0..mid + 1, w - sw..w);
            }
            if on(E) {
                fill(mid..h, 0..sw);
            }
            if on(C) {
                fill(mid..h, w - sw..w);
            }
        }
    }
    grid.into_iter()
        .map(|r| r.into_iter().map(|b| if b { '█' } else { ' ' }).collect())
        .collect()
}

/// `text` drawn in `size`, one `Line` a row; characters without a glyph are left out.
pub fn lines(text: &str, size: Size) -> Vec<Line<'static>> {
    let glyphs: Vec<Vec<String>> = text
        .chars()
        .filter(|&c| drawable(c))
        .map(|c| rows(c, size))
        .collect();
    let gap = " ".repeat(usize::from(size.gap));
    (0..usize::from(size.height))
        .map(|row| {
            let parts: Vec<&str> = glyphs
                .iter()
                .map(|g| g.get(row).map_or("", String::as_str))
                .collect();
            Line::from(parts.join(&gap))
        })
        .collect()
}

/// The 5-row letters of the words drawn large ("HOLD · LEFT", "NEXT: LEFT LEG"): the
/// digit font's letters, and the rest of the alphabet in the same 3-column grid.
fn letter5(c: char) -> Option<[&'static str; 5]> {
    Some(match c {
        'B' => ["██ ", "█ █", "██ ", "█ █", "██ "],
        'C' => ["███", "█  ", "█  ", "█  ", "███"],
        'F' => ["███", "█  ", "██ ", "█  ", "█  "],
        'G' => ["███", "█  ", "█ █", "█ █", "███"],
        'H' => ["█ █", "█ █", "███", "█ █", "█ █"],
        'I' => ["███", " █ ", " █ ", " █ ", "███"],
        'J' => ["  █", "  █", "  █", "█ █", "███"],
        'K' => ["█ █", "██ ", "█  ", "██ ", "█ █"],
        'L' => ["█  ", "█  ", "█  ", "█  ", "███"],
        'M' => ["█ █", "███", "███", "█ █", "█ █"],
        'N' => ["██ ", "█ █", "█ █", "█ █", "█ █"],
        'O' => ["███", "█ █", "█ █", "█ █", "███"],
        'Q' => ["███", "█ █", "█ █", "███", "  █"],
        'R' => ["██ ", "█ █", "██ ", "█ █", "█ █"],
        'T' => ["███", " █ ", " █ ", " █ ", " █ "],
        'V' => ["█ █", "█ █", "█ █", "█ █", " █ "],
        'W' => ["█ █", "█ █", "███", "███", "█ █"],
        'X' => ["█ █", "█ █", " █ ", "█ █", "█ █"],
        'Y' => ["█ █", "█ █", " █ ", " █ ", " █ "],
        'Z' => ["███", "  █", " █ ", "█  ", "███"],
        '·' => ["   ", "   ", " █ ", "   ", "   "],
        '.' => ["   ", "   ", "   ", "   ", " █ "],
        ',' => ["   ", "   ", "   ", " █ ", "█  "],
        '-' => ["   ", "   ", "███", "   ", "   "],
        ' ' => ["   ", "   ", "   ", "   ", "   "],
        other => return glyph5(other),
    })
}

/// Whether every character of `text` can be drawn as a large word.
pub fn is_word(text: &str) -> bool {
    text.chars().all(|c| letter5(c).is_some())
}

/// Width in cells of the word `text` at `scale` (5 rows times `scale`).
pub fn word_width(text: &str, scale: u16) -> u16 {
    let n = text.chars().count() as u16;
    (n * 3 + n.saturating_sub(1)) * scale
}

/// The largest scale (1 to `max`) at which `text` fits in `width` x `height` cells.
pub fn word_fit(text: &str, width: u16, height: u16, max: u16) -> Option<u16> {
    if !is_word(text) {
        return None;
    }
    (1..=max)
        .rev()
        .find(|&k| 5 * k <= height && word_width(text, k) <= width)
}

/// The word `text` drawn large: 5 rows times `scale`, each cell `scale` wide.
pub fn word_lines(text: &str, scale: u16) -> Vec<Line<'static>> {
    let k = usize::from(scale.max(1));
    let glyphs: Vec<[&str; 5]> = text.chars().filter_map(letter5).collect();
    let gap = " ".repeat(k);
    let mut out = Vec::new();
    for row in 0..5 {
        let line: Vec<String> = glyphs
            .iter()
            .map(|g| {
                g[row]
                    .chars()
                    .flat_map(|c| std::iter::repeat_n(c, k))
                    .collect()
            })
            .collect();
        let line = line.join(&gap);
        for _ in 0..k {
            out.push(Line::from(line.clone()));
        }
    }
    out
}

pub use crate::wording::clock;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_matches_rendered_lines_in_every_size() {
        for size in SIZES {
            for text in ["+1:05", "0:29", "PAUSED", "1:02:05"] {
                let l = lines(text, size);
                assert_eq!(l.len(), usize::from(size.height));
                assert!(
                    l.iter()
                        .all(|line| line.width() as u16 == width(text, size)),
                    "{text} in {size:?}"
                );
            }
        }
    }

    #[test]
    fn words_are_drawn_at_the_largest_scale_that_fits() {
        assert_eq!(word_width("HOLD", 1), 15);
        assert_eq!(word_fit("HOLD · LEFT", 120, 15, 3), Some(2));
        assert_eq!(word_fit("HOLD · LEFT", 200, 15, 3), Some(3));
        assert_eq!(word_fit("HOLD", 14, 15, 3), None);
        assert_eq!(word_fit("hold", 100, 15, 3), None, "capitals only");
        let l = word_lines("SWITCH", 2);
        assert_eq!(l.len(), 10);
        assert!(
            l.iter()
                .all(|x| x.width() == usize::from(word_width("SWITCH", 2)))
        );
        // Every letter a phase word needs differs from every other.
        let all: Vec<_> = "ABCDEFGHIKLMNOPRSTUVWY".chars().map(letter5).collect();
        for (i, a) in all.iter().enumerate() {
            assert!(a.is_some());
            assert!(!all[i + 1..].contains(a), "{i}");
        }
    }

    #[test]
    fn fit_picks_the_largest_size_that_fits() {
        assert_eq!(fit("1:05", 120, 40).map(|s| s.height), Some(15));
        assert_eq!(fit("1:05", 120, 14).map(|s| s.height), Some(9));
        assert_eq!(fit("1:05", 34, 40).map(|s| s.height), Some(9));
        assert_eq!(fit("1:05", 30, 40).map(|s| s.height), Some(5));
        assert_eq!(fit("1:05", 20, 40).map(|s| s.height), Some(5));
        assert_eq!(fit("1:05", 10, 40), None);
        assert_eq!(fit("1:05", 40, 4), None);
    }

    #[test]
    fn every_digit_differs_from_the_others_in_every_size() {
        for size in SIZES {
            let all: Vec<Vec<String>> = "0123456789".chars().map(|c| rows(c, size)).collect();
            for (i, a) in all.iter().enumerate() {
                for b in &all[i + 1..] {
                    assert_ne!(a, b, "{size:?}");
                }
            }
        }
    }
}
