//! The mouse: a click focuses the pane under it and selects the row clicked; the wheel
//! scrolls the pane under it.

use super::app::App;
use super::browse::move_in_pane;
use super::layout::{self, Pane};
use super::list::list_offset;

impl App {
    pub fn click(&mut self, column: u16, row: u16, width: u16, height: u16) {
        let area = ratatui::layout::Rect::new(0, 0, width, height);
        if self.review.is_some() {
            self.review_click(column, row, area);
            return;
        }
        let Some(panes) = layout::panes(area, self.session_layout()) else {
            return;
        };
        let Some(pane) = panes.at(column, row) else {
            return;
        };
        self.focus = pane;
        let rect = panes.rect(pane);
        let line = row.saturating_sub(rect.y + 1) as usize;
        match pane {
            Pane::Regions => {
                let offset = list_offset(self.selected, rect.height.saturating_sub(2) as usize);
                if let Some(i) = (offset + line < self.rows.len()).then_some(offset + line)
                    && row > rect.y
                {
                    self.selected = i;
                    self.instructions_scroll = 0;
                }
            }
            Pane::Countdown if self.coach.is_none() => {
                // The routine list starts on the pane's second inner line, scrolled
                // to keep the selection in view.
                let rows = usize::from(rect.height.saturating_sub(3));
                let shown = self.library.routines.len().min(rows);
                let offset = list_offset(self.routine_selected, shown);
                if let Some(i) = line
                    .checked_sub(1)
                    .filter(|&l| l < shown)
                    .map(|l| l + offset)
                    && i < self.library.routines.len()
                {
                    self.routine_selected = i;
                }
            }
            _ => {}
        }
    }

    pub fn scroll(&mut self, column: u16, row: u16, width: u16, height: u16, delta: i64) {
        let area = ratatui::layout::Rect::new(0, 0, width, height);
        if let Some(pane) =
            layout::panes(area, self.session_layout()).and_then(|p| p.at(column, row))
        {
            let focus = self.focus;
            self.focus = pane;
            move_in_pane(self, delta);
            self.focus = focus;
        }
    }
}
