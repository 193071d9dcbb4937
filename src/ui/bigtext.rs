//! Digits five rows tall, readable from the floor two metres away.

use ratatui::text::Line;

const GLYPHS: [[&str; 5]; 12] = [
    ["███", "█ █", "█ █", "█ █", "███"],
    [" █ ", "██ ", " █ ", " █ ", "███"],
    ["███", "  █", "███", "█  ", "███"],
    ["███", "  █", "███", "  █", "███"],
    ["█ █", "█ █", "███", "  █", "  █"],
    ["███", "█  ", "███", "  █", "███"],
    ["███", "█  ", "███", "█ █", "███"],
    ["███", "  █", "  █", "  █", "  █"],
    ["███", "█ █", "███", "█ █", "███"],
    ["███", "█ █", "███", "  █", "███"],
    ["   ", " █ ", "   ", " █ ", "   "],
    ["   ", " █ ", "███", " █ ", "   "],
];

fn glyph(c: char) -> Option<&'static [&'static str; 5]> {
    match c {
        '0'..='9' => GLYPHS.get(c as usize - '0' as usize),
        ':' => GLYPHS.get(10),
        '+' => GLYPHS.get(11),
        _ => None,
    }
}

/// Width in cells of `text` drawn large.
pub fn width(text: &str) -> u16 {
    let n = text.chars().filter(|&c| glyph(c).is_some()).count() as u16;
    (n * 4).saturating_sub(1)
}

pub const HEIGHT: u16 = 5;

pub fn lines(text: &str) -> Vec<Line<'static>> {
    (0..5)
        .map(|row| {
            let parts: Vec<&str> = text.chars().filter_map(glyph).map(|g| g[row]).collect();
            Line::from(parts.join(" "))
        })
        .collect()
}

pub use crate::wording::clock;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_matches_rendered_lines() {
        let text = "+1:05";
        let l = lines(text);
        assert_eq!(l.len(), 5);
        assert!(l.iter().all(|line| line.width() as u16 == width(text)));
    }
}
