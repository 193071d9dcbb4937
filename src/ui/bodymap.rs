//! The body map from `assets/body-map.txt`. Lowercase letters in the art mark
//! regions; they are drawn as shaded cells, and the region being worked is lit.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

const ART: &str = include_str!("../../assets/body-map.txt");

/// The art's letter for each region id.
const CODES: [(char, &str); 6] = [
    ('q', "quads"),
    ('h', "hamstrings"),
    ('g', "glutes"),
    ('c', "calves"),
    ('o', "outer-thigh"),
    ('i', "it-band"),
];

pub fn size() -> (u16, u16) {
    let w = ART.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    (w as u16, ART.lines().count() as u16)
}

pub fn has_region(region: &str) -> bool {
    CODES.iter().any(|(_, id)| *id == region)
}

pub fn lines(lit: Option<&str>, lit_style: Style, base: Style) -> Vec<Line<'static>> {
    let code = lit
        .and_then(|r| CODES.iter().find(|(_, id)| *id == r))
        .map(|(c, _)| *c);
    ART.lines()
        .map(|row| {
            let spans: Vec<Span<'static>> = row
                .chars()
                .map(|ch| {
                    if CODES.iter().any(|(c, _)| *c == ch) {
                        if Some(ch) == code {
                            Span::styled("█", lit_style)
                        } else {
                            Span::styled("░", base)
                        }
                    } else {
                        Span::styled(ch.to_string(), base)
                    }
                })
                .collect();
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_code_appears_in_the_art() {
        for (c, id) in CODES {
            assert!(ART.contains(c), "{id} has no cell in the body map");
        }
    }

    #[test]
    fn lit_region_is_drawn_solid() {
        let text: String = lines(Some("glutes"), Style::new(), Style::new())
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
            })
            .collect();
        assert_eq!(text.matches('█').count(), ART.matches('g').count());
    }
}
