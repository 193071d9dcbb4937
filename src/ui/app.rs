//! The app's screen state and the dispatch of commands. The session itself is run by
//! the [`Coach`]; browsing moves are in `browse` and the mouse in `mouse` (both add
//! methods to [`App`] without this module using them by path), the review's keys in
//! `review`. Everything here is testable without a terminal.

use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::layout::Pane;
use crate::coach::{Coach, CoachConfig, Note};
use crate::history::{SessionSummary, Store, Streak, Writer, streak};
use crate::input::{Command, Context, SessionCommand};
use crate::library::{Library, Routine};
use crate::session::{Session, Timing};

pub use super::list::list_offset;

/// One row of the Regions pane: a region, or one of its exercises under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Region(usize),
    Exercise(usize),
    /// The heading of the Guides group, after the regions.
    Guides,
    Guide(usize),
}

impl Row {
    /// The Regions pane's rows: each region, then its exercises.
    pub fn all(library: &Library) -> Vec<Row> {
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
        rows
    }
}

/// What Enter does now (the key bar says it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnterDoes {
    /// Start the selected routine.
    Start,
    /// Play this exercise alone.
    Play(String),
    /// Go to the rows under the selected one (a region's exercises, the guides).
    Expand,
    /// Read the selected row in the Instructions pane (a guide, a region not to roll).
    Read,
    /// Leave the finished session.
    Back,
}

impl EnterDoes {
    /// The key bar's words for it.
    pub fn label(&self) -> &'static str {
        match self {
            EnterDoes::Start => "start routine",
            EnterDoes::Play(_) => "play exercise",
            EnterDoes::Expand => "show exercises",
            EnterDoes::Read => "read",
            EnterDoes::Back => "back",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    ConfirmQuit,
}

#[derive(Debug)]
pub struct App {
    pub library: Arc<Library>,
    pub theme: super::theme::Theme,
    pub timing: Timing,
    pub focus: Pane,
    pub rows: Vec<Row>,
    pub selected: usize,
    pub routine_selected: usize,
    pub instructions_scroll: u16,
    pub history_scroll: usize,
    /// The session being run (or just over), and its coach.
    pub coach: Option<Coach>,
    pub coach_config: CoachConfig,
    pub overlay: Overlay,
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
    /// The activities from the runner's files, newest first (see `runs`).
    pub runs: Vec<crate::history::StoredRun>,
    pub streak: Streak,
    pub today: NaiveDate,
    /// The history the screens read.
    pub(super) log: Option<Rc<Store>>,
    /// The thread that saves sessions (started with the first session), and how many
    /// writes it had done when the history was last read.
    writer: Option<(Arc<Writer>, u64)>,
    pub should_quit: bool,
    /// The full-screen history review, when open.
    pub review: Option<super::review::ReviewState>,
    /// Sessions a week the review counts against (config `weekly_goal`).
    pub weekly_goal: u32,
    /// The person's own tool (config); its notes come first.
    pub preferred_tool: Option<crate::library::Tool>,
    /// What is wrong with the history file (unreadable, damaged, rows left out): the
    /// History pane and the review say it instead of "No sessions yet".
    pub history_problem: Option<String>,
    /// Today's plan, first in the routine list (see `today_row`).
    pub today_row: Option<super::today_row::TodayRow>,
}

/// How often the screen looks at a save under way.
const SAVE_POLL: Duration = Duration::from_millis(250);

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
        let rows = Row::all(&library);
        let mut app = App {
            library: Arc::new(library),
            theme: super::theme::Theme::from_env(),
            timing,
            focus: Pane::Regions,
            rows,
            selected: 0,
            routine_selected: 0,
            instructions_scroll: 0,
            history_scroll: 0,
            coach: None,
            coach_config: CoachConfig::default(),
            overlay: Overlay::None,
            bells: 0,
            flash_until: None,
            message: None,
            message_until: None,
            limits: ScrollLimits::default(),
            help_scroll: 0,
            storage_warning: None,
            history: Vec::new(),
            runs: Vec::new(),
            streak: Streak::default(),
            today,
            log: log.map(Rc::new),
            writer: None,
            should_quit: false,
            review: None,
            weekly_goal: 3,
            preferred_tool: None,
            history_problem: None,
            today_row: None,
        };
        app.reload_history();
        app
    }

    pub fn reload_history(&mut self) {
        let Some(log) = &self.log else { return };
        match log.summaries() {
            Ok((sessions, warnings)) => {
                self.history_problem = warnings.first().map(|w| match warnings.len() {
                    1 => w.clone(),
                    n => format!("{w} (and {} more)", n - 1),
                });
                self.history = sessions;
                // A session another instance (or this one) is playing stays "running".
                crate::history::mark_interrupted(&mut self.history, log.dir());
                let all: Vec<&SessionSummary> = self.history.iter().collect();
                self.streak = streak(&all, self.today);
            }
            Err(e) => self.history_problem = Some(e.to_string()),
        }
        match log.runs(None) {
            Ok(runs) => self.runs = runs,
            // Said where the history's problems are said (the History pane, the review).
            Err(e) => {
                let runs = format!("cannot read the runs in {}: {e}", log.path().display());
                self.history_problem = Some(match self.history_problem.take() {
                    Some(problem) => format!("{problem}; {runs}"),
                    None => runs,
                });
            }
        }
    }

    pub fn session(&self) -> Option<&Session> {
        self.coach.as_ref().map(Coach::session)
    }

    /// The routine being played, if a session runs.
    pub fn playing_routine(&self) -> Option<&Routine> {
        self.coach.as_ref().map(Coach::routine)
    }

    pub fn selected_row(&self) -> Option<Row> {
        self.rows.get(self.selected).copied()
    }

    pub fn selected_routine(&self) -> Option<&Routine> {
        self.library.routines.get(self.routine_selected)
    }

    pub fn playing(&self) -> bool {
        self.coach.as_ref().is_some_and(|c| !c.is_over())
    }

    /// Ask for a tenderness rating after each hold.
    pub fn ask_tenderness(&self) -> bool {
        self.coach_config.ask_tenderness
    }

    /// Where keys are read now.
    pub fn context(&self) -> Context {
        if self.overlay == Overlay::ConfirmQuit {
            Context::Confirm
        } else if self.review.is_some() {
            Context::Review
        } else if self.playing() {
            Context::Playing
        } else if self.coach.is_some() {
            Context::Over
        } else {
            Context::Browse
        }
    }

    /// The key bar's context: under a question, the keys of the screen beneath.
    pub fn bar_context(&self) -> Context {
        match self.context() {
            Context::Confirm => Context::Playing,
            other => other,
        }
    }

    /// The countdown has the screen: a session runs (or has just ended) and the focus
    /// is on it or on the instructions (Tab to Regions or History brings every pane back).
    pub fn session_layout(&self) -> bool {
        self.coach.is_some() && matches!(self.focus, Pane::Countdown | Pane::Instructions)
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
        if self.writer.is_none() {
            self.writer = self
                .log
                .as_ref()
                .map(|l| (Arc::new(Writer::start(l.dir())), 0));
        }
        let recorder = self
            .writer
            .as_ref()
            .map(|(w, _)| Box::new(w.clone()) as Box<dyn crate::coach::Recorder>);
        let coach = Coach::start(
            self.library.clone(),
            &routine,
            &self.timing,
            self.coach_config.clone(),
            recorder,
            now,
            wall,
        );
        self.coach = Some(coach);
        self.focus = Pane::Countdown;
        self.instructions_scroll = 0;
        self.message = None;
        self.take_notes(now);
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
        if let Some(coach) = &mut self.coach {
            coach.tick(now);
        }
        self.take_notes(now);
        // A session's last records written since the history was read (a lock that
        // cleared, a disk that was freed while the Done screen is open): read it again.
        if let Some((w, seen)) = &mut self.writer {
            let written = w.written();
            if written != *seen && self.coach.as_ref().is_none_or(Coach::is_over) {
                *seen = written;
                self.reload_history();
            }
        }
    }

    /// Whether a session's records are still on their way to the history.
    pub fn saving(&self) -> bool {
        self.writer
            .as_ref()
            .is_some_and(|(w, _)| w.state() != crate::history::SaveState::Saved)
    }

    /// Whether a write is under way or waits for a lock (worth waiting for at the end).
    pub fn save_waits(&self) -> bool {
        self.writer.as_ref().is_some_and(|(w, _)| {
            matches!(
                w.state(),
                crate::history::SaveState::Saving | crate::history::SaveState::Waiting
            )
        })
    }

    /// Waits, at most `within`, for the sessions of this run to be written; says why
    /// not when they are not.
    pub fn finish_saving(&self, within: Duration) -> Result<(), String> {
        match (&self.writer, &self.coach) {
            (Some((w, _)), _) => w.finish(within).outcome(),
            (None, Some(_)) => {
                Err("there is no folder to keep history in (use --data-dir DIR)".into())
            }
            (None, None) => Ok(()),
        }
    }

    /// When the app next has something to redraw by itself; `None`: sleep until input.
    pub fn next_wakeup(&self, now: Instant) -> Option<Instant> {
        let session = self.coach.as_ref().and_then(|c| c.next_wakeup(now));
        let feedback = self.message_until.filter(|&t| t > now);
        // While a save is under way, look again soon to show how it goes.
        let saving = self.saving().then(|| now + SAVE_POLL);
        [session, self.flash_until, feedback, saving]
            .into_iter()
            .flatten()
            .min()
    }

    /// Shows what the coach reported: a flash and a bell per cue, its messages.
    fn take_notes(&mut self, now: Instant) {
        let Some(coach) = &mut self.coach else { return };
        let notes = coach.take_notes();
        self.storage_warning = coach.storage_warning();
        for note in notes {
            match note {
                Note::Cue { cue, text, bell } => {
                    if bell {
                        self.bells += 1;
                    }
                    self.flash_until = now.checked_add(FLASH);
                    if cue == crate::session::Cue::SearchLimit {
                        // Not only spoken: the notice stays on screen as feedback.
                        self.set_feedback(text, now);
                    } else if self.message_until.is_none() {
                        // Feedback with a time of its own stays it out.
                        self.message = None;
                    }
                }
                Note::Feedback(text) => self.set_feedback(text, now),
                Note::Ended(_) => {
                    // Eyes closed on the floor, the person hears that it is kept.
                    if let Some(coach) = &self.coach
                        && coach.records()
                        && coach.storage_warning().is_none()
                    {
                        coach.say(crate::wording::SAVED_AT_END);
                    }
                    self.reload_history();
                }
                // The screen shows these as they are: the phase, its digits, the prompt.
                Note::Detail(_) | Note::Count(_) | Note::RatingPrompt | Note::Paused(_) => {}
            }
        }
    }

    /// Saves the running session as interrupted (a signal, a lost terminal).
    pub fn save_interrupted(&mut self, now: Instant) {
        if let Some(coach) = &mut self.coach {
            coach.save_interrupted(now);
        }
    }

    /// Ctrl-Z: the session pauses while the program is stopped.
    pub fn suspend(&mut self, now: Instant) {
        if let Some(coach) = &mut self.coach {
            coach.hold_on(now);
        }
        self.take_notes(now);
    }

    pub fn resume(&mut self, now: Instant) {
        if let Some(coach) = &mut self.coach {
            coach.go_on(now);
        }
        self.take_notes(now);
    }

    pub fn handle(&mut self, command: Command, now: Instant, wall: DateTime<FixedOffset>) {
        self.dispatch(command, now, wall);
        self.take_notes(now);
    }

    fn dispatch(&mut self, command: Command, now: Instant, wall: DateTime<FixedOffset>) {
        if self.overlay == Overlay::Help {
            self.help_key(command);
            return;
        }
        if self.overlay == Overlay::ConfirmQuit {
            self.confirm(command, now, wall);
            return;
        }
        if let Some(mut state) = self.review.take() {
            let outcome = state.handle(command, &self.review_context());
            self.review = Some(state);
            match outcome {
                super::review::Outcome::Stay => {}
                super::review::Outcome::Close => self.review = None,
                super::review::Outcome::Help => self.overlay = Overlay::Help,
                super::review::Outcome::Quit => {
                    self.review = None;
                    self.should_quit = true;
                }
            }
            return;
        }
        // The last hold can be rated after the session ends, too.
        if let (Command::Rate(n), Some(coach)) = (command, &mut self.coach) {
            coach.command(SessionCommand::Rate(n), now);
            return;
        }
        if self.playing()
            && let Some(coach) = &mut self.coach
        {
            if command == Command::Interrupt {
                coach.abort(now, wall);
                self.should_quit = true;
                return;
            }
            if let Some(command) = command.session() {
                coach.command(command, now);
                return;
            }
        }
        match command {
            Command::Help => self.overlay = Overlay::Help,
            Command::Interrupt => self.should_quit = true,
            Command::Quit | Command::Escape if self.playing() => {
                self.overlay = Overlay::ConfirmQuit;
                if let Some(coach) = &mut self.coach {
                    coach.hold_on(now);
                    coach.say(crate::wording::CONFIRM_SPOKEN);
                }
            }
            Command::Quit => self.should_quit = true,
            Command::Escape => {
                self.message = None;
                self.leave_finished();
            }
            Command::Enter if self.focus == Pane::History => self.open_review(),
            Command::Enter => match self.enter_does() {
                EnterDoes::Back => self.leave_finished(),
                EnterDoes::Play(id) => {
                    self.start(&id, now, wall);
                }
                EnterDoes::Expand => {
                    // The exercises (or guides) are the rows under it: go to the first.
                    self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1));
                    self.instructions_scroll = 0;
                }
                EnterDoes::Read => {
                    self.focus = Pane::Instructions;
                    self.instructions_scroll = 0;
                }
                EnterDoes::Start => {
                    if let Some(id) = self.selected_routine().map(|r| r.id.clone()) {
                        self.start(&id, now, wall);
                    }
                }
            },
            Command::OpenReview => self.open_review(),
            other => self.browse(other),
        }
    }

    /// The help overlay: the arrows scroll it (never past its end), `i` goes to the
    /// guides, `?`, Esc, `q` or Enter close it.
    fn help_key(&mut self, command: Command) {
        let max = self.limits.help.get().unwrap_or(u16::MAX);
        let by = |d: i32| (i32::from(self.help_scroll) + d).clamp(0, i32::from(max)) as u16;
        match command {
            Command::Guides => {
                self.overlay = Overlay::None;
                self.help_scroll = 0;
                self.browse(command);
            }
            Command::Help | Command::Escape | Command::Quit | Command::Enter => {
                self.overlay = Overlay::None;
                self.help_scroll = 0;
            }
            Command::Up => self.help_scroll = by(-1),
            Command::Down => self.help_scroll = by(1),
            Command::PageUp => self.help_scroll = by(-10),
            Command::PageDown => self.help_scroll = by(10),
            Command::Top => self.help_scroll = 0,
            Command::Bottom => self.help_scroll = max,
            _ => {}
        }
    }

    /// "End the session?": yes ends it as aborted and goes back to browsing.
    fn confirm(&mut self, command: Command, now: Instant, wall: DateTime<FixedOffset>) {
        match command {
            Command::Yes | Command::Enter | Command::Interrupt => {
                self.overlay = Overlay::None;
                if let Some(coach) = &mut self.coach {
                    coach.abort(now, wall);
                }
                self.take_notes(now);
                if command == Command::Interrupt {
                    self.should_quit = true;
                } else {
                    self.leave_finished();
                }
            }
            Command::No | Command::Skip | Command::Escape | Command::Quit => {
                self.overlay = Overlay::None;
                if let Some(coach) = &mut self.coach {
                    coach.go_on(now);
                    coach.say(crate::wording::GOING_ON_SPOKEN);
                }
            }
            _ => {}
        }
    }

    /// What Enter does where the focus is: in the Regions pane it plays an exercise (or
    /// a region's only one), shows a region's exercises, opens a guide; elsewhere it
    /// starts the selected routine, or leaves a finished session.
    pub fn enter_does(&self) -> EnterDoes {
        if self.coach.is_some() {
            return EnterDoes::Back;
        }
        if self.focus != Pane::Regions {
            return EnterDoes::Start;
        }
        if let Some(id) = self.exercise_to_play() {
            return EnterDoes::Play(id);
        }
        match self.selected_row() {
            Some(Row::Region(i)) => {
                let id = self.library.regions.get(i).map(|r| r.id.as_str());
                if id.is_some_and(|id| self.library.exercises_in(id).next().is_some()) {
                    EnterDoes::Expand
                } else {
                    // A region not to roll: its reason and alternatives.
                    EnterDoes::Read
                }
            }
            Some(Row::Guides) => EnterDoes::Expand,
            Some(Row::Guide(_)) => EnterDoes::Read,
            Some(Row::Exercise(_)) | None => EnterDoes::Start,
        }
    }

    /// Enter in the Regions pane on an exercise, or on a region with one exercise:
    /// that exercise, to play alone; on a region never rolled, the routine it names
    /// to play instead (the IT band's alternative).
    fn exercise_to_play(&self) -> Option<String> {
        if self.focus != Pane::Regions {
            return None;
        }
        match self.selected_row()? {
            Row::Exercise(i) => self.library.exercises.get(i).map(|e| e.id.clone()),
            Row::Region(i) => {
                let region = self.library.regions.get(i)?;
                if let Some(instead) = region.instead.as_ref().filter(|_| region.avoid().is_some())
                {
                    return Some(instead.clone());
                }
                let mut exercises = self.library.exercises_in(&region.id);
                match (exercises.next(), exercises.next()) {
                    (Some(only), None) => Some(only.id.clone()),
                    _ => None,
                }
            }
            Row::Guides | Row::Guide(_) => None,
        }
    }

    /// From a finished session back to browsing.
    fn leave_finished(&mut self) {
        if self.coach.as_ref().is_some_and(Coach::is_over) {
            self.coach = None;
            self.message = None;
            self.focus = Pane::Countdown;
        }
    }

    /// A click in the review: on a view's name or on the map.
    pub(super) fn review_click(&mut self, column: u16, row: u16, area: ratatui::layout::Rect) {
        if let Some(mut state) = self.review.take() {
            state.click(column, row, area, &self.review_context());
            self.review = Some(state);
        }
    }

    /// What the review's screens read of the app.
    fn review_context(&self) -> super::review::Context<'_> {
        super::review::Context {
            theme: &self.theme,
            history: &self.history,
            runs: &self.runs,
            library: &self.library,
            log: self.log.as_deref(),
            history_problem: self.history_problem.as_deref(),
            today: self.today,
            keymap: &self.coach_config.keymap,
            keys: &self.coach_config.keys,
        }
    }

    /// The history review, over everything recorded; not while a session runs.
    fn open_review(&mut self) {
        if !self.playing() {
            self.review = Some(super::review::ReviewState::new(
                &self.history,
                &self.library,
                self.today,
                self.weekly_goal,
            ));
        }
    }
}
