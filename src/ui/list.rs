//! Scrolling a list so that its selection stays in view.

/// The first visible row of a list of `height` rows that keeps `selected` in view.
pub fn list_offset(selected: usize, height: usize) -> usize {
    if height == 0 {
        selected
    } else {
        selected.saturating_sub(height - 1)
    }
}
