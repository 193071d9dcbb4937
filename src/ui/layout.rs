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

/// `None` when the terminal is smaller than the app can use.
pub fn panes(area: Rect) -> Option<Panes> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [body, keybar] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let p = if body.width >= 110 {
        let [left, center, right] = Layout::horizontal([
            Constraint::Length(30),
            Constraint::Fill(1),
            Constraint::Length(46),
        ])
        .areas(body);
        let [countdown, history] =
            Layout::vertical([Constraint::Length(17), Constraint::Fill(1)]).areas(right);
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
        let countdown_h = if body.height >= 34 { 13 } else { 8 };
        let [countdown, instructions, regions, history] = Layout::vertical([
            Constraint::Length(countdown_h),
            Constraint::Fill(1),
            Constraint::Length(6),
            Constraint::Length(4),
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
