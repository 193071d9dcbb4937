//! Every colour the app uses, in one place. With `NO_COLOR` set, only bold,
//! reverse and underline remain, so nothing depends on colour to be understood.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub focused_border: Style,
    pub border: Style,
    pub selected: Style,
    pub warning: Style,
    pub accent: Style,
    pub gauge: Style,
    pub overtime: Style,
    pub flash: Style,
    pub body_lit: Style,
    pub key: Style,
    /// The tenderness bands of the review's map and calendar, none to severe (see
    /// `history::band`); without colour the glyphs and numbers carry them.
    pub scale: [Style; 4],
    /// The left and the right side's series on the review's charts.
    pub sides: [Style; 2],
    /// One style per phase, in the order of [`Tone`].
    pub tones: [Style; 7],
}

/// What the session is doing, as the screen colours it. The phase is always named
/// in words too, so that colour is never the only sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    GetReady,
    Find,
    Hold,
    Overtime,
    Move,
    /// Switching sides and resting: a breather between efforts.
    Between,
    Paused,
}

impl Theme {
    pub fn tone(&self, tone: Tone) -> Style {
        self.tones[tone as usize]
    }
}

impl Theme {
    pub fn colour() -> Theme {
        Theme {
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().add_modifier(Modifier::BOLD),
            focused_border: Style::new().fg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            warning: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            accent: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            gauge: Style::new().fg(Color::Green),
            overtime: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            flash: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            body_lit: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan),
            scale: [
                Style::new().fg(Color::Green),
                Style::new().fg(Color::Yellow),
                Style::new().fg(Color::LightRed),
                Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            ],
            sides: [
                Style::new().fg(Color::Cyan),
                Style::new().fg(Color::Magenta),
            ],
            tones: [
                Style::new()
                    .fg(Color::LightBlue)
                    .add_modifier(Modifier::BOLD),
                Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
                Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
                Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
                Style::new()
                    .fg(Color::Black)
                    .bg(Color::LightRed)
                    .add_modifier(Modifier::BOLD),
            ],
        }
    }

    pub fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            text: plain,
            dim: plain,
            title: bold,
            focused_border: bold,
            border: plain,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            warning: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            accent: bold,
            gauge: plain,
            overtime: bold,
            flash: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            body_lit: Style::new().add_modifier(Modifier::REVERSED),
            key: bold,
            scale: [plain, plain, plain, bold],
            sides: [plain, bold],
            tones: [
                bold,
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                bold,
                Style::new().add_modifier(Modifier::BOLD | Modifier::ITALIC),
                bold,
                plain,
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            ],
        }
    }

    /// Strong contrast for bright rooms and tired eyes.
    pub fn high_contrast() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            text: Style::new().fg(Color::White),
            dim: Style::new().fg(Color::Gray),
            title: bold.fg(Color::White),
            focused_border: bold.fg(Color::Yellow),
            border: Style::new().fg(Color::White),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            warning: bold.fg(Color::LightRed),
            accent: bold.fg(Color::Yellow),
            gauge: bold.fg(Color::LightGreen),
            overtime: bold.fg(Color::LightMagenta),
            flash: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            body_lit: bold.fg(Color::LightGreen),
            key: bold.fg(Color::Yellow),
            scale: [
                bold.fg(Color::LightGreen),
                bold.fg(Color::LightYellow),
                bold.fg(Color::LightRed),
                bold.fg(Color::White).bg(Color::Red),
            ],
            sides: [bold.fg(Color::LightCyan), bold.fg(Color::LightMagenta)],
            tones: [
                bold.fg(Color::LightBlue),
                bold.fg(Color::LightYellow),
                bold.fg(Color::LightGreen),
                bold.fg(Color::LightMagenta),
                bold.fg(Color::LightCyan),
                bold.fg(Color::White),
                Style::new()
                    .fg(Color::Black)
                    .bg(Color::White)
                    .add_modifier(Modifier::BOLD),
            ],
        }
    }

    /// The theme chosen in the config (a built-in one and the person's own colours on
    /// top), or `mono` alone when there is to be no colour (`--color never`,
    /// `NO_COLOR`, `CLICOLOR=0`).
    pub fn chosen(choice: &crate::config::ThemeChoice, colour: bool) -> Theme {
        if !colour {
            return Theme::monochrome();
        }
        let mut theme = match choice.base {
            crate::config::ThemeName::Default => Theme::colour(),
            crate::config::ThemeName::HighContrast => Theme::high_contrast(),
            crate::config::ThemeName::Mono => Theme::monochrome(),
        };
        for &(part, c) in &choice.colours {
            if let Some(style) = theme.part_mut(part) {
                *style = style.fg(c);
            }
        }
        theme
    }

    /// The style a theme table's part names (see [`crate::config::THEME_PARTS`]).
    fn part_mut(&mut self, part: &str) -> Option<&mut Style> {
        Some(match part {
            "text" => &mut self.text,
            "dim" => &mut self.dim,
            "title" => &mut self.title,
            "border" => &mut self.border,
            "focused_border" => &mut self.focused_border,
            "warning" => &mut self.warning,
            "accent" => &mut self.accent,
            "gauge" => &mut self.gauge,
            "body_lit" => &mut self.body_lit,
            "key" => &mut self.key,
            "flash" => &mut self.flash,
            "get_ready" => &mut self.tones[Tone::GetReady as usize],
            "find" => &mut self.tones[Tone::Find as usize],
            "hold" => &mut self.tones[Tone::Hold as usize],
            "overtime" => &mut self.tones[Tone::Overtime as usize],
            "move" => &mut self.tones[Tone::Move as usize],
            "rest" => &mut self.tones[Tone::Between as usize],
            "paused" => &mut self.tones[Tone::Paused as usize],
            _ => return None,
        })
    }

    /// Honours `NO_COLOR` (any non-empty value), as <https://no-color.org> asks.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::monochrome(),
            _ => Theme::colour(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_part_colours_its_style_and_no_colour_wins() {
        use crate::config::{THEME_PARTS, ThemeChoice, ThemeName};
        for (part, _) in THEME_PARTS {
            let mut plain = Theme::colour();
            let style = plain.part_mut(part).map(|s| *s);
            assert!(style.is_some(), "{part} names a style");
            let choice = ThemeChoice {
                base: ThemeName::Default,
                colours: vec![(part, Color::Rgb(1, 2, 3))],
            };
            let mut theme = Theme::chosen(&choice, true);
            assert_ne!(theme, Theme::colour(), "{part} changed something");
            assert_eq!(
                theme.part_mut(part).and_then(|s| s.fg),
                Some(Color::Rgb(1, 2, 3))
            );
            assert_eq!(Theme::chosen(&choice, false), Theme::monochrome());
        }
    }

    #[test]
    fn every_phase_has_its_own_colour_in_the_colour_themes() {
        for theme in [Theme::colour(), Theme::high_contrast()] {
            for (i, a) in theme.tones.iter().enumerate() {
                for b in &theme.tones[i + 1..] {
                    assert_ne!(a, b);
                }
            }
        }
        // Without colour, paused still stands out: reversed.
        let mono = Theme::monochrome();
        assert!(
            mono.tone(Tone::Paused)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }
}
