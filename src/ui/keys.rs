//! Keys to actions.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::Action;

/// `review`: the history review is open, where r, e, d and c set filters.
pub fn action(key: KeyEvent, review: bool) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if review {
        match key.code {
            KeyCode::Char('r') => return Some(Action::FilterRoutine),
            KeyCode::Char('e') => return Some(Action::FilterRegion),
            KeyCode::Char('d') => return Some(Action::FilterDates),
            KeyCode::Char('c') if !ctrl => return Some(Action::ClearFilters),
            _ => {}
        }
    }
    Some(match key.code {
        KeyCode::Char('H') => Action::OpenReview,
        KeyCode::Char('i') => Action::Guides,
        KeyCode::Char('c') if ctrl => Action::Interrupt,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Esc => Action::Escape,
        KeyCode::Char('?') => Action::Help,
        KeyCode::Tab => Action::NextPane,
        KeyCode::BackTab => Action::PrevPane,
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::Left | KeyCode::Char('h') => Action::Left,
        KeyCode::Right | KeyCode::Char('l') => Action::Right,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Home | KeyCode::Char('g') => Action::Top,
        KeyCode::End | KeyCode::Char('G') => Action::Bottom,
        KeyCode::Enter => Action::Enter,
        KeyCode::Char(' ') => Action::TogglePause,
        KeyCode::Char('f') => Action::Found,
        KeyCode::Char('r') => Action::Release,
        KeyCode::Char('R') => Action::ForceRelease,
        KeyCode::Char('n') => Action::Skip,
        KeyCode::Char('b') => Action::Back,
        KeyCode::Char('+') | KeyCode::Char('=') => Action::AddTime,
        KeyCode::Char('-') | KeyCode::Char('_') => Action::RemoveTime,
        KeyCode::Char('a') => Action::Alternatives,
        KeyCode::Char('y') => Action::Yes,
        KeyCode::Char(c @ '0'..='9') => Action::Digit(c as u8 - b'0'),
        // Shift-0: 10, the top of the 0-10 tenderness scale.
        KeyCode::Char(')') => Action::Digit(10),
        _ => return None,
    })
}
