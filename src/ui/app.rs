//! The app's state and what each key does. Drawing is in the pane modules; the
//! terminal and the clock are in `runtime`. Everything here is testable without a terminal.

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::layout::{self, Pane};
use crate::history::SessionSummary;
use crate::history::{Store, Streak, streak};
use crate::library::{Library, Routine};
use crate::session::{
    Cue, Effect, Event, Plan, Refusal, RunState, Session, SessionRecord, Status, Timing,
};

/// One row of the Regions pane: a region, or one of its exercises under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Region(usize),
    Exercise(usize),
    /// The heading of the Guides group, after the regions.
    Guides,
    Guide(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    ConfirmQuit,
}

/// What a key asks for, independent of which key it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Ctrl-C: leave now, keeping a running session as aborted.
    Interrupt,
    Help,
    NextPane,
    PrevPane,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Enter,
    Escape,
    TogglePause,
    Found,
    Release,
    ForceRelease,
    Skip,
    Back,
    AddTime,
    RemoveTime,
    Digit(u8),
    Alternatives,
    /// Jump to the guides (pressure and pain first), from anywhere, even the help.
    Guides,
    OpenReview,
    /// In the review: cycle the routine, region and date filters; clear them.
    FilterRoutine,
    FilterRegion,
    FilterDates,
    ClearFilters,
    Yes,
    No,
}

#[derive(Debug)]
pub struct App {
    pub library: Library,
    pub theme: super::theme::Theme,
    pub timing: Timing,
    pub focus: Pane,
    pub rows: Vec<Row>,
    pub selected: usize,
    pub routine_selected: usize,
    pub instructions_scroll: u16,
    pub history_scroll: usize,
    pub session: Option<Session>,
    pub overlay: Overlay,
    pub bell_enabled: bool,
    /// Bells the runtime still has to ring.
    pub bells: u32,
    pub flash_until: Option<Instant>,
    pub message: Option<String>,
    /// Until when `message` shows (`None`: until replaced or dismissed).
    pub message_until: Option<Instant>,
    /// How far each scrollable text can scroll, as found by the last drawing.
    pub limits: ScrollLimits,
    pub help_scroll: u16,
    /// Why history cannot be saved; stays until a save succeeds.
    pub storage_warning: Option<String>,
    pub history: Vec<SessionSummary>,
    pub streak: Streak,
    pub today: NaiveDate,
    log: Option<Store>,
    pub should_quit: bool,
    /// The full-screen history review, when open.
    pub review: Option<super::review::ReviewState>,
    /// Sessions a week the review counts against (config `weekly_goal`).
    pub weekly_goal: u32,
    /// Ask for a tenderness rating after each hold.
    pub ask_tenderness: bool,
    /// The person's own tool (config); its notes come first.
    pub preferred_tool: Option<crate::library::Tool>,
    /// Speaks each cue when set.
    pub voice: Option<crate::voice::Voice>,
    /// Problems found while loading the library or history, shown once.
    pub notices: Vec<String>,
}

/// How long the countdown pane flashes on a phase change.
pub const FLASH: Duration = Duration::from_millis(800);

/// How long feedback (a refusal, a rating noted, a notice) stays on screen.
pub const FEEDBACK: Duration = Duration::from_secs(4);

/// The furthest each scrollable text can scroll, written by the drawing (which alone
/// knows the sizes) and read by the keys, so that scrolling stops at the end.
#[derive(Debug, Default)]
pub struct ScrollLimits {
    pub instructions: std::cell::Cell<Option<u16>>,
    pub help: std::cell::Cell<Option<u16>>,
    pub history: std::cell::Cell<Option<usize>>,
}

impl App {
    pub fn new(library: Library, timing: Timing, log: Option<Store>, today: NaiveDate) -> App {
        let mut rows = Vec::new();
        for (ri, region) in library.regions.iter().enumerate() {
            rows.push(Row::Region(ri));
            for (ei, ex) in library.exercises.iter().enumerate() {
                if ex.region == region.id {
                    rows.push(Row::Exercise(ei));
                }
            }
        }
        if !library.guides.is_empty() {
            rows.push(Row::Guides);
            rows.extend((0..library.guides.len()).map(Row::Guide));
        }
        let mut app = App {
            library,
            theme: super::theme::Theme::from_env(),
            timing,
            focus: Pane::Regions,
            rows,
            selected: 0,
            routine_selected: 0,
            instructions_scroll: 0,
            history_scroll: 0,
            session: None,
            overlay: Overlay::None,
            bell_enabled: true,
            bells: 0,
            flash_until: None,
            message: None,
            message_until: None,
            limits: ScrollLimits::default(),
            help_scroll: 0,
            storage_warning: None,
            history: Vec::new(),
            streak: Streak::default(),
            today,
            log,
            should_quit: false,
            review: None,
            weekly_goal: 3,
            ask_tenderness: true,
            preferred_tool: None,
            voice: None,
            notices: Vec::new(),
        };
        app.reload_history();
        app
    }

    pub fn reload_history(&mut self) {
        let Some(log) = &self.log else { return };
        match log.summaries() {
            Ok((sessions, warnings)) => {
                self.notices.extend(warnings);
                self.history = sessions;
                let all: Vec<&SessionSummary> = self.history.iter().collect();
                self.streak = streak(&all, self.today);
            }
            Err(e) => self
                .notices
                .push(format!("cannot read {}: {e}", log.path().display())),
        }
    }

    pub fn selected_row(&self) -> Option<Row> {
        self.rows.get(self.selected).copied()
    }

    pub fn selected_routine(&self) -> Option<&Routine> {
        self.library.routines.get(self.routine_selected)
    }

    pub fn playing(&self) -> bool {
        self.session.as_ref().is_some_and(|s| !s.is_over())
    }

    /// The countdown has the screen: a session runs (or has just ended) and the focus
    /// is on it or on the instructions (Tab to Regions or History brings every pane back).
    pub fn session_layout(&self) -> bool {
        self.session.is_some() && matches!(self.focus, Pane::Countdown | Pane::Instructions)
    }

    /// Shows `text` as feedback for at least [`FEEDBACK`].
    pub fn set_feedback(&mut self, text: String, now: Instant) {
        self.message = Some(text);
        self.message_until = Some(now + FEEDBACK);
    }

    /// The feedback line to show at `now`, if any.
    pub fn feedback(&self, now: Instant) -> Option<String> {
        match self.message_until {
            Some(until) if until <= now => None,
            _ => self.message.clone(),
        }
    }

    /// Starts a routine at once (Enter, or `foamroll play`).
    /// `routine_id` may also name an exercise, played alone.
    pub fn start(&mut self, routine_id: &str, now: Instant, wall: DateTime<FixedOffset>) -> bool {
        let Some(routine) = self.library.playable(routine_id) else {
            return false;
        };
        if let Some(i) = self
            .library
            .routines
            .iter()
            .position(|r| r.id == routine_id)
        {
            self.routine_selected = i;
        }
        let mut session = Session::new(Plan::new(&self.library, &routine, &self.timing));
        let fx = session.update(
            Event::Start {
                id: uuid::Uuid::new_v4().to_string(),
                wall,
            },
            now,
        );
        self.session = Some(session);
        self.focus = Pane::Countdown;
        self.instructions_scroll = 0;
        self.apply(fx, now);
        true
    }

    /// Time passed with no input: the session's deadline (or a flash) is due.
    pub fn tick(&mut self, now: Instant) {
        if self.flash_until.is_some_and(|t| t <= now) {
            self.flash_until = None;
        }
        if self.message_until.is_some_and(|t| t <= now) {
            self.message = None;
            self.message_until = None;
        }
        self.send(Event::Tick, now);
    }

    /// When the app next has something to redraw by itself; `None`: sleep until input.
    pub fn next_wakeup(&self, now: Instant) -> Option<Instant> {
        let session = self.session.as_ref().and_then(|s| s.next_deadline(now));
        let feedback = self.message_until.filter(|&t| t > now);
        [session, self.flash_until, feedback]
            .into_iter()
            .flatten()
            .min()
    }

    fn send(&mut self, event: Event, now: Instant) {
        if let Some(session) = &mut self.session {
            let fx = session.update(event, now);
            self.apply(fx, now);
        }
    }

    /// Carries out what the session asks for.
    fn apply(&mut self, effects: Vec<Effect>, now: Instant) {
        for effect in effects {
            match effect {
                Effect::Cue(cue) => {
                    if let (Some(voice), Some(session)) = (&self.voice, &self.session) {
                        voice.say(&crate::cues::cue_text(&cue, session, &self.library, now));
                    }
                    if self.bell_enabled {
                        self.bells += 1;
                    }
                    self.flash_until = Some(now + FLASH);
                    if let Cue::SearchLimit = cue
                        && let Some(session) = &self.session
                    {
                        let text = crate::cues::cue_text(&cue, session, &self.library, now);
                        self.set_feedback(text, now);
                    } else if self.message_until.is_none() {
                        // Feedback with a time of its own stays it out.
                        self.message = None;
                    }
                }
                Effect::Checkpoint(record) => self.save(&record),
                Effect::Finished(record) | Effect::Aborted(record) => {
                    self.save(&record);
                    self.reload_history();
                }
                Effect::Refused(Refusal::ReleaseTooEarly { remaining }) => {
                    let s = crate::session::ceil_secs(remaining);
                    let unit = if s == 1 { "second" } else { "seconds" };
                    self.set_feedback(
                        format!("Keep holding: {s} {unit} to the minimum (R releases anyway)"),
                        now,
                    );
                }
            }
        }
    }

    fn save(&mut self, record: &SessionRecord) {
        let Some(log) = &self.log else { return };
        self.storage_warning = log.save(record).err().map(|e| {
            format!(
                "History not saved ({e}): {} cannot be written. The session goes on.",
                log.path().display()
            )
        });
    }

    /// Saves the running session as interrupted (SIGTERM, SIGHUP).
    pub fn save_interrupted(&mut self, now: Instant) {
        if let Some(s) = &self.session
            && !s.is_over()
            && s.state() != RunState::NotStarted
        {
            let mut record = s.snapshot(now);
            record.status = Status::Interrupted;
            self.save(&record);
        }
    }

    pub fn handle(&mut self, action: Action, now: Instant, wall: DateTime<FixedOffset>) {
        if self.review.is_some() && self.overlay == Overlay::None {
            self.handle_review(action);
            return;
        }
        match self.overlay {
            Overlay::Help => {
                let max = self.limits.help.get().unwrap_or(u16::MAX);
                let by = |d: i32| (i32::from(self.help_scroll) + d).clamp(0, i32::from(max)) as u16;
                match action {
                    Action::Guides => {
                        self.overlay = Overlay::None;
                        self.help_scroll = 0;
                        self.jump_to_guides();
                    }
                    Action::Help | Action::Escape | Action::Quit | Action::Enter => {
                        self.overlay = Overlay::None;
                        self.help_scroll = 0;
                    }
                    Action::Up => self.help_scroll = by(-1),
                    Action::Down => self.help_scroll = by(1),
                    Action::PageUp => self.help_scroll = by(-10),
                    Action::PageDown => self.help_scroll = by(10),
                    Action::Top => self.help_scroll = 0,
                    Action::Bottom => self.help_scroll = max,
                    _ => {}
                }
                return;
            }
            Overlay::ConfirmQuit => {
                match action {
                    Action::Yes | Action::Enter | Action::Interrupt => {
                        self.send(Event::Abort { wall }, now);
                        self.should_quit = true;
                    }
                    // `n` arrives as Skip: in this dialog it answers no.
                    Action::No | Action::Skip | Action::Escape | Action::Quit => {
                        self.overlay = Overlay::None
                    }
                    _ => {}
                }
                return;
            }
            Overlay::None => {}
        }
        match action {
            Action::Help => self.overlay = Overlay::Help,
            Action::Interrupt => {
                if self.playing() {
                    self.send(Event::Abort { wall }, now);
                }
                self.should_quit = true;
            }
            Action::Quit => {
                if self.playing() {
                    self.overlay = Overlay::ConfirmQuit;
                } else {
                    self.should_quit = true;
                }
            }
            Action::NextPane | Action::Right => self.focus = self.focus.next(),
            Action::PrevPane | Action::Left => self.focus = self.focus.prev(),
            Action::Up => self.move_in_pane(-1),
            Action::Down => self.move_in_pane(1),
            Action::PageUp => self.move_in_pane(-10),
            Action::PageDown => self.move_in_pane(10),
            Action::Top => self.move_in_pane(-10_000),
            Action::Bottom => self.move_in_pane(10_000),
            Action::Enter if self.focus == Pane::History => self.open_review(),
            Action::Enter => {
                if self.session.as_ref().is_some_and(Session::is_over) {
                    self.session = None;
                    self.message = None;
                } else if !self.playing()
                    && let Some(id) = self.selected_routine().map(|r| r.id.clone())
                {
                    self.start(&id, now, wall);
                }
            }
            Action::Escape => {
                self.message = None;
                if self.session.as_ref().is_some_and(Session::is_over) {
                    self.session = None;
                }
            }
            Action::Alternatives => self.jump_to_alternative(),
            Action::Guides => self.jump_to_guides(),
            Action::OpenReview => self.open_review(),
            Action::FilterRoutine
            | Action::FilterRegion
            | Action::FilterDates
            | Action::ClearFilters => {}
            Action::TogglePause => self.send(Event::TogglePause, now),
            Action::Found => self.send(Event::FoundSpot, now),
            Action::Release => self.send(Event::Release { force: false }, now),
            Action::ForceRelease => self.send(Event::Release { force: true }, now),
            Action::Skip => self.send(Event::Skip, now),
            Action::Back => self.send(Event::Back, now),
            Action::AddTime => self.send(Event::AddTime, now),
            Action::RemoveTime => self.send(Event::RemoveTime, now),
            Action::Digit(n) => {
                let due = self
                    .session
                    .as_ref()
                    .is_some_and(|s| s.view(now).rating_due);
                if due {
                    self.send(Event::Rate(n), now);
                    self.set_feedback(format!("Tenderness {n} noted"), now);
                }
            }
            Action::Yes | Action::No => {}
        }
    }

    /// The history review, over everything recorded; not while a session runs.
    fn open_review(&mut self) {
        if !self.playing() {
            self.review = Some(super::review::ReviewState::new(
                &self.history,
                self.today,
                self.weekly_goal,
            ));
        }
    }

    fn handle_review(&mut self, action: Action) {
        let Some(state) = &mut self.review else {
            return;
        };
        if state.handle_stats_key(action) {
            return;
        }
        let last = state.visible.len().saturating_sub(1) as i64;
        let mut moved =
            |delta: i64| state.selected = (state.selected as i64 + delta).clamp(0, last) as usize;
        match action {
            Action::Up => moved(-1),
            Action::Down => moved(1),
            Action::PageUp => moved(-10),
            Action::PageDown => moved(10),
            Action::Top => moved(-1_000_000),
            Action::Bottom => moved(1_000_000),
            Action::Enter => {
                state.detail = match state.detail.take() {
                    Some(_) => None,
                    None => {
                        let summary = state
                            .visible
                            .get(state.selected)
                            .and_then(|&i| self.history.get(i));
                        let log = self.log.as_ref();
                        summary.and_then(|s| {
                            log.map(|l| l.record_at(s.offset).map_err(|e| e.to_string()))
                        })
                    }
                };
            }
            Action::Escape | Action::Quit | Action::Interrupt | Action::OpenReview => {
                if state.detail.is_some() && action == Action::Escape {
                    state.detail = None;
                } else {
                    self.review = None;
                    if action == Action::Interrupt {
                        self.should_quit = true;
                    }
                }
                return;
            }
            Action::Help => self.overlay = Overlay::Help,
            Action::FilterRoutine => {
                let ids: Vec<String> = self.library.routines.iter().map(|r| r.id.clone()).collect();
                state.filter.routine = super::review::cycle(&state.filter.routine, &ids);
            }
            Action::FilterRegion => {
                let ids: Vec<String> = self
                    .library
                    .regions
                    .iter()
                    .filter(|r| r.avoid().is_none())
                    .map(|r| r.id.clone())
                    .collect();
                state.filter.region = super::review::cycle(&state.filter.region, &ids);
            }
            Action::FilterDates => state.cycle_dates(),
            Action::ClearFilters => {
                state.filter = crate::history::Filter::default();
                state.dates = Default::default();
            }
            _ => return,
        }
        state.refresh(&self.history, self.today);
    }

    fn move_in_pane(&mut self, delta: i64) {
        let step = |value: usize, len: usize| -> usize {
            let max = len.saturating_sub(1) as i64;
            (value as i64 + delta).clamp(0, max) as usize
        };
        match self.focus {
            Pane::Regions => {
                let before = self.selected;
                self.selected = step(self.selected, self.rows.len());
                if before != self.selected && !self.playing() {
                    self.instructions_scroll = 0;
                }
            }
            Pane::Instructions => {
                let max = self.limits.instructions.get().unwrap_or(2_000);
                self.instructions_scroll =
                    (i64::from(self.instructions_scroll) + delta).clamp(0, i64::from(max)) as u16;
            }
            Pane::Countdown => {
                if !self.playing() {
                    self.routine_selected =
                        step(self.routine_selected, self.library.routines.len());
                }
            }
            Pane::History => {
                let max = self.limits.history.get().unwrap_or(self.history.len());
                self.history_scroll = step(self.history_scroll, max + 1);
            }
        }
    }

    /// Selects the first guide (pressure and pain) in the Regions pane.
    fn jump_to_guides(&mut self) {
        if let Some(row) = self.rows.iter().position(|r| matches!(r, Row::Guide(_))) {
            self.selected = row;
            self.focus = Pane::Regions;
            self.instructions_scroll = 0;
        }
    }

    /// From a region that is not rolled, to the next of its alternatives.
    fn jump_to_alternative(&mut self) {
        let current_region = match self.selected_row() {
            Some(Row::Region(i)) => self.library.regions.get(i),
            Some(Row::Exercise(i)) => self
                .library
                .exercises
                .get(i)
                .and_then(|e| self.library.region(&e.region)),
            Some(Row::Guides | Row::Guide(_)) | None => None,
        };
        let Some(region) = current_region else { return };
        // Pressing again from an alternative goes on to the next one.
        let avoid = self
            .library
            .regions
            .iter()
            .find(|r| r.avoid().is_some_and(|(_, alts)| alts.contains(&region.id)));
        let (alternatives, from) = match (region.avoid(), avoid) {
            (Some((_, alts)), _) => (alts.to_vec(), None),
            (None, Some(itb)) => (
                itb.avoid().map(|(_, a)| a.to_vec()).unwrap_or_default(),
                Some(region.id.clone()),
            ),
            (None, None) => return,
        };
        let next = match from.and_then(|id| alternatives.iter().position(|a| *a == id)) {
            Some(i) => alternatives.get(i + 1).or(alternatives.first()),
            None => alternatives.first(),
        };
        let Some(target) = next else { return };
        if let Some(row) = self.rows.iter().position(|r| {
            matches!(r, Row::Region(i) if self.library.regions.get(*i).is_some_and(|x| &x.id == target))
        }) {
            self.selected = row;
            self.focus = Pane::Regions;
            self.instructions_scroll = 0;
        }
    }

    /// A mouse click: focus the pane under it, and select the row clicked.
    pub fn click(&mut self, column: u16, row: u16, width: u16, height: u16) {
        let area = ratatui::layout::Rect::new(0, 0, width, height);
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
            Pane::Countdown if !self.playing() && self.session.is_none() => {
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
            self.move_in_pane(delta);
            self.focus = focus;
        }
    }
}

/// The first visible row of a list of `height` rows that keeps `selected` in view.
pub fn list_offset(selected: usize, height: usize) -> usize {
    if height == 0 {
        selected
    } else {
        selected.saturating_sub(height - 1)
    }
}
