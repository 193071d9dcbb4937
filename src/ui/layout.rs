//! Where the panes go: three columns when wide, two when medium, stacked when narrow.

use ratatui::layout::{Constraint, Layout, Position, Rect};

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Regions,
    Instructions,
    Countdown,
    History,
}

impl Pane {
    pub const ORDER: [Pane; 4] = [
        Pane::Regions,
        Pane::Instructions,
        Pane::Countdown,
        Pane::History,
    ];

    /// The titles scripts and tests look for.
    pub fn title(self) -> &'static str {
        match self {
            Pane::Regions => "Regions",
            Pane::Instructions => "Instructions",
            Pane::Countdown => "Countdown",
            Pane::History => "History",
        }
    }

    pub fn next(self) -> Pane {
        let i = Pane::ORDER.iter().position(|&p| p == self).unwrap_or(0);
        Pane::ORDER[(i + 1) % Pane::ORDER.len()]
    }

    pub fn prev(self) -> Pane {
        let i = Pane::ORDER.iter().position(|&p| p == self).unwrap_or(0);
        Pane::ORDER[(i + Pane::ORDER.len() - 1) % Pane::ORDER.len()]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub regions: Rect,
    pub instructions: Rect,
    pub countdown: Rect,
    pub history: Rect,
    pub keybar: Rect,
}

impl Panes {
    pub fn rect(&self, pane: Pane) -> Rect {
        match pane {
            Pane::Regions => self.regions,
            Pane::Instructions => self.instructions,
            Pane::Countdown => self.countdown,
            Pane::History => self.history,
        }
    }

    pub fn at(&self, column: u16, row: u16) -> Option<Pane> {
        Pane::ORDER
            .into_iter()
            .find(|&p| self.rect(p).contains(Position::new(column, row)))
    }
}

/// `None` when the terminal is smaller than the app can use. `session`: a session is
/// running and the countdown has the screen (the Regions and History panes are hidden;
/// they come back when browsing, or when Tab gives them the focus).
pub fn panes(area: Rect, session: bool) -> Option<Panes> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [body, keybar] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    if session {
        return Some(session_panes(body, keybar));
    }
    let p = if body.width >= 110 {
        // Wide: the side columns grow so that names are not cut.
        let regions_w = (body.width * 22 / 100).clamp(30, 48);
        let right_w = (body.width * 28 / 100).clamp(46, 60);
        let [left, center, right] = Layout::horizontal([
            Constraint::Length(regions_w),
            Constraint::Fill(1),
            Constraint::Length(right_w),
        ])
        .areas(body);
        let countdown_h = if body.height >= 40 { 20 } else { 17 };
        let [countdown, history] =
            Layout::vertical([Constraint::Length(countdown_h), Constraint::Fill(1)]).areas(right);
        Panes {
            regions: left,
            instructions: center,
            countdown,
            history,
            keybar,
        }
    } else if body.width >= 80 {
        let [left, right] =
            Layout::horizontal([Constraint::Length(28), Constraint::Fill(1)]).areas(body);
        let [regions, history] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(8)]).areas(left);
        let countdown_h = if body.height >= 30 { 15 } else { 13 };
        let [countdown, instructions] =
            Layout::vertical([Constraint::Length(countdown_h), Constraint::Fill(1)]).areas(right);
        Panes {
            regions,
            instructions,
            countdown,
            history,
            keybar,
        }
    } else {
        // Stacked: every pane keeps at least one line inside its border, and the
        // Instructions at least four.
        let (list_h, history_h) = if body.height >= 30 { (8, 5) } else { (5, 3) };
        let [countdown, instructions, regions, history] = Layout::vertical([
            Constraint::Length(list_h),
            Constraint::Min(6),
            Constraint::Length(list_h),
            Constraint::Length(history_h),
        ])
        .areas(body);
        Panes {
            regions,
            instructions,
            countdown,
            history,
            keybar,
        }
    };
    Some(p)
}

/// While playing: the countdown takes the largest share, the instructions the rest.
fn session_panes(body: Rect, keybar: Rect) -> Panes {
    let (countdown, instructions) = if body.width >= 110 {
        let side = (body.width * 38 / 100).clamp(44, 80);
        let [c, i] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(side)]).areas(body);
        (c, i)
    } else {
        let share = if body.width >= 80 { 62 } else { 68 };
        let [c, i] =
            Layout::vertical([Constraint::Percentage(share), Constraint::Fill(1)]).areas(body);
        (c, i)
    };
    Panes {
        regions: Rect::default(),
        instructions,
        countdown,
        history: Rect::default(),
        keybar,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZES: [(u16, u16); 7] = [
        (40, 20),
        (50, 20),
        (79, 24),
        (80, 24),
        (100, 30),
        (120, 40),
        (200, 50),
    ];

    #[test]
    fn while_playing_the_countdown_has_the_largest_share() {
        for (w, h) in SIZES {
            let p = panes(Rect::new(0, 0, w, h), true).unwrap_or_else(|| panic!("{w}x{h}"));
            let area = |r: Rect| u32::from(r.width) * u32::from(r.height);
            assert!(
                area(p.countdown) > area(p.instructions)
                    && area(p.countdown) > area(p.regions)
                    && area(p.countdown) > area(p.history),
                "{w}x{h}: {p:?}"
            );
            assert!(p.instructions.height >= 5, "{w}x{h}: {p:?}");
        }
    }

    #[test]
    fn no_pane_collapses_to_its_border_when_browsing() {
        for (w, h) in SIZES {
            let p = panes(Rect::new(0, 0, w, h), false).unwrap_or_else(|| panic!("{w}x{h}"));
            for pane in Pane::ORDER {
                assert!(p.rect(pane).height >= 3, "{w}x{h}: {pane:?} {p:?}");
            }
            assert!(p.instructions.height >= 6, "{w}x{h}: {p:?}");
        }
    }
}
