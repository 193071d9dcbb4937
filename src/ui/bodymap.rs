//! The body map from `assets/body-map.txt`. Lowercase letters in the art mark the parts
//! of the figure (`PARTS`); each region's `body_map` in the library names the parts it
//! lights, so a region added in a routine file appears here without a code change. The
//! parts are drawn as shaded cells, the region being worked is lit, and the parts of a
//! region never rolled are always in the warning style.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::history::MapLayout;
use crate::library::{Library, Region};
use crate::session::Side;

const ART: &str = include_str!("../../assets/body-map.txt");

/// The art's letter for each part of the figure (the names are
/// `library::landmarks::BODY_MAP_PARTS`; a test keeps the two lists equal).
const PARTS: [(char, &str); 16] = [
    ('f', "front-hip"),
    ('q', "front-thigh"),
    ('o', "outer-thigh"),
    ('i', "it-band"),
    ('a', "inner-thigh"),
    ('s', "shin"),
    ('p', "outer-shin"),
    ('u', "upper-back"),
    ('x', "lower-back"),
    ('g', "buttock"),
    ('d', "deep-buttock"),
    ('m', "side-hip"),
    ('h', "back-thigh"),
    ('c', "calf"),
    ('l', "lower-calf"),
    ('e', "sole"),
];

fn part_of(ch: char) -> Option<&'static str> {
    PARTS.iter().find(|(c, _)| *c == ch).map(|(_, p)| *p)
}

pub fn size() -> (u16, u16) {
    let w = ART.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    (w as u16, ART.lines().count() as u16)
}

/// Whether the map shows `region`: it names at least one part the art draws.
pub fn has_region(library: &Library, region: &str) -> bool {
    library
        .region(region)
        .is_some_and(|r| r.body_map.iter().any(|p| drawn(p)))
}

fn drawn(part: &str) -> bool {
    PARTS.iter().any(|(c, p)| *p == part && ART.contains(*c))
}

/// The map as data for the review's tenderness map and the HTML report: each part's
/// cells belong to the region whose `body_map` names it (a rollable region before one
/// never rolled, when both do); a part no region names is left blank.
pub fn layout(library: &Library) -> MapLayout {
    let owner = |part: &str| {
        let mut named = library
            .regions
            .iter()
            .filter(|r| r.body_map.iter().any(|p| p == part));
        let first = named.clone().find(|r| r.avoid().is_none());
        first.or_else(|| named.next()).map(|r| r.id.clone())
    };
    let codes: Vec<(char, String)> = PARTS
        .iter()
        .filter_map(|(c, part)| owner(part).map(|r| (*c, r)))
        .collect();
    // A part drawn but named by no region is blank, not a stray letter.
    let art: String = ART
        .chars()
        .map(|ch| match part_of(ch) {
            Some(_) if !codes.iter().any(|(c, _)| *c == ch) => ' ',
            _ => ch,
        })
        .collect();
    MapLayout::from_art(&art, &codes, FRONT_MIDDLE, BACK_MIDDLE)
}

/// How the map is drawn: the region worked, the others, and the regions never rolled.
#[derive(Debug, Clone, Copy)]
pub struct Styles {
    pub lit: Style,
    pub base: Style,
    pub avoid: Style,
}

/// The middle column of the front figure and of the back figure in the art. Facing
/// us, the front figure's right leg is on our left; seen from behind, on our right.
const FRONT_MIDDLE: usize = 6;
const BACK_MIDDLE: usize = 19;

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
pub fn lines(
    library: &Library,
    lit: Option<&str>,
    side: Option<Side>,
    styles: Styles,
) -> Vec<Line<'static>> {
    let lit_parts: &[String] = lit
        .and_then(|id| library.region(id))
        .map_or(&[], |r| r.body_map.as_slice());
    let avoided = |part: &str| {
        library
            .regions
            .iter()
            .filter(|r| r.avoid().is_some())
            .any(|r: &Region| r.body_map.iter().any(|p| p == part))
    };
    ART.lines()
        .map(|row| {
            let spans: Vec<Span<'static>> = row
                .chars()
                .enumerate()
                .map(|(col, ch)| match part_of(ch) {
                    Some(part) => {
                        let lit = lit_parts.iter().any(|p| p == part)
                            && side.is_none_or(|s| on_side(col, s));
                        let style = if avoided(part) {
                            styles.avoid
                        } else if lit {
                            styles.lit
                        } else {
                            styles.base
                        };
                        Span::styled(if lit { "█" } else { "░" }, style)
                    }
                    None => Span::styled(ch.to_string(), styles.base),
                })
                .collect();
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Layer, Loader, landmarks::BODY_MAP_PARTS, load_builtin};

    fn lib() -> Library {
        load_builtin().library
    }

    #[test]
    fn every_part_is_named_in_the_library_and_drawn_in_the_art() {
        let names: Vec<&str> = PARTS.iter().map(|(_, p)| *p).collect();
        assert_eq!(names, BODY_MAP_PARTS);
        for (c, part) in PARTS {
            assert!(ART.contains(c), "{part} has no cell in the body map");
        }
    }

    #[test]
    fn every_shipped_region_is_drawn() {
        let lib = lib();
        assert!(lib.regions.len() >= 16);
        for r in &lib.regions {
            assert!(has_region(&lib, &r.id), "{} is not on the map", r.id);
            let text = plain(&lines(&lib, Some(&r.id), None, styles()));
            assert!(text.contains('█'), "{} lights nothing", r.id);
        }
    }

    #[test]
    fn a_region_added_in_yaml_appears_without_a_code_change() {
        let mut loader = Loader::with_builtin();
        loader.add_bytes(
            "mine.yaml",
            Layer::Library,
            b"version: 1\nregions:\n  - id: my-ankles\n    name: Ankles\n    body_map: [outer-shin, sole]\n",
        );
        let lib = loader.finish().library;
        assert!(has_region(&lib, "my-ankles"));
        let text = plain(&lines(&lib, Some("my-ankles"), None, styles()));
        let cells = ART.matches('p').count() + ART.matches('e').count();
        assert_eq!(text.matches('█').count(), cells);
        // A region without a part of the figure is not drawn.
        assert!(!has_region(&lib, "no-such-region"));
    }

    #[test]
    fn lit_region_is_drawn_solid() {
        let text = plain(&lines(&lib(), Some("glutes"), None, styles()));
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
        let lib = lib();
        for region in [
            "quads",
            "hamstrings",
            "glutes",
            "calves",
            "peroneals",
            "side-hip",
        ] {
            let both = plain(&lines(&lib, Some(region), None, styles()))
                .matches('█')
                .count();
            let left = plain(&lines(&lib, Some(region), Some(Side::Left), styles()));
            let right = plain(&lines(&lib, Some(region), Some(Side::Right), styles()));
            assert!(both > 0);
            assert_eq!(left.matches('█').count() * 2, both, "{region}");
            assert_eq!(right.matches('█').count() * 2, both, "{region}");
            assert_ne!(left, right, "{region}");
        }
        // The back view: the left hamstring is on the viewer's left.
        let left = plain(&lines(&lib, Some("hamstrings"), Some(Side::Left), styles()));
        let row = left.lines().nth(7).unwrap_or_default();
        assert_eq!(row.chars().position(|c| c == '█'), Some(15), "{row}");
        // The front view: the right quad is on the viewer's left.
        let right = plain(&lines(&lib, Some("quads"), Some(Side::Right), styles()));
        let row = right.lines().nth(7).unwrap_or_default();
        assert_eq!(row.chars().position(|c| c == '█'), Some(4), "{row}");
    }

    #[test]
    fn regions_never_rolled_are_always_in_the_warning_style() {
        let warn = Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED);
        let s = Styles {
            avoid: warn,
            ..styles()
        };
        let lib = lib();
        for lit in [None, Some("quads"), Some("it-band")] {
            let cells: Vec<Span> = lines(&lib, lit, None, s)
                .into_iter()
                .flat_map(|l| l.spans)
                .collect();
            let warned = cells.iter().filter(|c| c.style == warn).count();
            assert_eq!(
                warned,
                ART.matches('i').count() + ART.matches('x').count(),
                "{lit:?}"
            );
        }
    }
}
