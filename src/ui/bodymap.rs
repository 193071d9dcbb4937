//! The body map from `assets/body-map.txt`. Lowercase letters in the art mark
//! regions; they are drawn as shaded cells, and the region being worked is lit.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::session::Side;

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

/// How the map is drawn: the region worked, the others, and the region never rolled.
#[derive(Debug, Clone, Copy)]
pub struct Styles {
    pub lit: Style,
    pub base: Style,
    pub avoid: Style,
}

/// The region never rolled: drawn in the warning style, always.
const AVOID: char = 'i';

/// The middle column of the front figure and of the back figure in the art. Facing
/// us, the front figure's right leg is on our left; seen from behind, on our right.
const FRONT_MIDDLE: usize = 5;
const BACK_MIDDLE: usize = 16;

fn on_side(column: usize, side: Side) -> bool {
    let front = column < (FRONT_MIDDLE + BACK_MIDDLE) / 2;
    let left_of_middle = if front {
        column < FRONT_MIDDLE
    } else {
        column < BACK_MIDDLE
    };
    match side {
        Side::Right => left_of_middle == front,
        Side::Left => left_of_middle != front,
    }
}

/// The map with `lit` (a region id) drawn solid, on one `side` only when given.
pub fn lines(lit: Option<&str>, side: Option<Side>, styles: Styles) -> Vec<Line<'static>> {
    let code = lit
        .and_then(|r| CODES.iter().find(|(_, id)| *id == r))
        .map(|(c, _)| *c);
    ART.lines()
        .map(|row| {
            let spans: Vec<Span<'static>> = row
                .chars()
                .enumerate()
                .map(|(col, ch)| {
                    if CODES.iter().any(|(c, _)| *c == ch) {
                        let lit = Some(ch) == code && side.is_none_or(|s| on_side(col, s));
                        let style = if ch == AVOID {
                            styles.avoid
                        } else if lit {
                            styles.lit
                        } else {
                            styles.base
                        };
                        Span::styled(if lit { "█" } else { "░" }, style)
                    } else {
                        Span::styled(ch.to_string(), styles.base)
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
        let text = plain(&lines(Some("glutes"), None, styles()));
        assert_eq!(text.matches('█').count(), ART.matches('g').count());
    }

    fn styles() -> Styles {
        Styles {
            lit: Style::new(),
            base: Style::new(),
            avoid: Style::new(),
        }
    }

    fn plain(lines: &[Line]) -> String {
        lines
            .iter()
            .map(|l| {
                let mut s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                s.push('\n');
                s
            })
            .collect()
    }

    #[test]
    fn one_side_lights_half_of_the_region() {
        for region in ["quads", "hamstrings", "glutes", "calves"] {
            let both = plain(&lines(Some(region), None, styles()))
                .matches('█')
                .count();
            let left = plain(&lines(Some(region), Some(Side::Left), styles()));
            let right = plain(&lines(Some(region), Some(Side::Right), styles()));
            assert!(both > 0);
            assert_eq!(left.matches('█').count() * 2, both, "{region}");
            assert_eq!(right.matches('█').count() * 2, both, "{region}");
            assert_ne!(left, right, "{region}");
        }
        // The back view: the left hamstring is on the viewer's left.
        let left = plain(&lines(Some("hamstrings"), Some(Side::Left), styles()));
        let row = left.lines().nth(7).unwrap_or_default();
        assert_eq!(row.chars().position(|c| c == '█'), Some(13), "{row}");
        // The front view: the right quad is on the viewer's left.
        let right = plain(&lines(Some("quads"), Some(Side::Right), styles()));
        let row = right.lines().nth(7).unwrap_or_default();
        assert_eq!(row.chars().position(|c| c == '█'), Some(4), "{row}");
    }

    #[test]
    fn the_it_band_is_always_in_the_warning_style() {
        let warn = Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED);
        let s = Styles {
            avoid: warn,
            ..styles()
        };
        for lit in [None, Some("quads"), Some("it-band")] {
            let cells: Vec<Span> = lines(lit, None, s)
                .into_iter()
                .flat_map(|l| l.spans)
                .collect();
            let it_cells = cells.iter().filter(|c| c.style == warn).count();
            assert_eq!(it_cells, ART.matches('i').count(), "{lit:?}");
        }
    }
}
