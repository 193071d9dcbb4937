//! The one driver of a running session, for every front end. The coach starts a
//! session (id, wall clock), feeds it events, and carries out every effect: the speech
//! queue and the `on_cue` hook, bell and flash requests, checkpoints and the final
//! record, and messages for the screen. It saves the session as interrupted on a
//! signal or an error. The app and plain mode only draw or print its [`Note`]s.
//! Time comes in as `now`, so the coach runs on a fake clock in tests.

mod hook;
mod recorder;

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

pub use hook::{CueHook, HOOK_TIME_LIMIT, HookRunner};
pub use recorder::Recorder;

use crate::history::SaveState;
use crate::input::{Keymap, SessionCommand};
use crate::library::{Library, Routine};
use crate::session::{
    Cue, Effect, Event, PhaseKind, Plan, Refusal, RunState, Session, SessionRecord, Status, Timing,
    ceil_secs,
};
use crate::wording::{self, KeyNames, VoiceDetail};

/// Something that speaks, one utterance at a time (see [`crate::voice::Speech`]).
pub trait Speaker: fmt::Debug {
    /// A new phase began: everything queued for an earlier one is stale.
    fn phase(&self, epoch: u64);
    /// Queues `text` for phase `epoch`; it is dropped if still unspoken after `lifetime`.
    fn say(&self, epoch: u64, text: &str, lifetime: Option<Duration>);
    /// Queues words that stay true into the next phase (a set-up, a caution, the
    /// pressure rule): they are said after the next phase's cue rather than dropped.
    fn say_lasting(&self, epoch: u64, text: &str) {
        self.say(epoch, text, None);
    }
    /// Waits, at most `within`, until everything queued has been said.
    fn finish(&self, within: Duration) {
        let _ = within;
    }
    /// Everything queued has been said (nothing waits, nothing is being said). A
    /// phase that waits for its words asks this until it is true.
    fn is_quiet(&self) -> bool {
        true
    }
}

/// How long a get ready, rest or switch waits at most for its words, with the voice on:
/// a speech command that hangs cannot stall the session.
pub const WORDS_CAP_S: u32 = 30;

/// How often the coach asks the speaker whether a waiting phase's words are done.
pub const WORDS_POLL: Duration = Duration::from_millis(100);

/// How the coach behaves; the same for every session of a run of the program.
#[derive(Debug, Clone)]
pub struct CoachConfig {
    pub bell: bool,
    /// Ask for a tenderness rating after each hold.
    pub ask_tenderness: bool,
    /// Speak the last 3 seconds of holds, moves, rests and get ready.
    pub countdown_voice: bool,
    pub voice_detail: VoiceDetail,
    pub speaker: Option<Arc<dyn Speaker>>,
    pub on_cue: Option<CueHook>,
    /// The keys, with the person's `keys:` remapping: front ends read keys through
    /// it, and sentences name its keys.
    pub keymap: Keymap,
    /// [`Keymap::names`] of `keymap`, made once.
    pub keys: KeyNames,
}

impl Default for CoachConfig {
    fn default() -> Self {
        CoachConfig {
            bell: true,
            ask_tenderness: true,
            countdown_voice: true,
            voice_detail: VoiceDetail::Full,
            speaker: None,
            on_cue: None,
            keys: Keymap::default().names(),
            keymap: Keymap::default(),
        }
    }
}

impl CoachConfig {
    /// From the person's settings; `speaker` when the voice is on and found.
    pub fn from_settings(
        settings: &crate::config::Settings,
        speaker: Option<Arc<dyn Speaker>>,
    ) -> CoachConfig {
        CoachConfig {
            bell: settings.bell.value,
            ask_tenderness: settings.tenderness_prompt.value,
            countdown_voice: settings.countdown_voice.value,
            voice_detail: settings.voice_detail.value,
            speaker,
            on_cue: settings.on_cue.value.as_ref().and_then(|c| {
                let (program, args) = c.split_first()?;
                Some(CueHook::new(program.clone(), args.to_vec()))
            }),
            ..CoachConfig::default().with_keymap(Keymap::from_settings(settings).0)
        }
    }

    /// The same, with other keys.
    pub fn with_keymap(self, keymap: Keymap) -> CoachConfig {
        CoachConfig {
            keys: keymap.names(),
            keymap,
            ..self
        }
    }
}

/// What a front end shows or prints. Speech, the hook and saving are already done.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// A cue: flash, ring the bell when `bell`, print the text.
    Cue { cue: Cue, text: String, bell: bool },
    /// Words that go with a cue: set-up, main caution, the pressure-and-pain rule.
    Detail(String),
    /// One of the last seconds of a countdown.
    Count(u64),
    /// A short message: a refusal, a rating noted, a history warning, paused.
    Feedback(String),
    /// The person paused (true) or went on (false).
    Paused(bool),
    /// A hold was rated-able: ask how tender it was.
    RatingPrompt,
    /// The session ended with this status and its record was handed to the recorder.
    Ended(Status),
}

/// A new phase's number. Shared by every coach of the program, so that a second session
/// in the app never looks older to the speech queue than the first.
fn next_epoch() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed) + 1
}

/// How long a spoken count may wait before it is no longer worth saying: started later,
/// it would run into the next second.
pub const COUNT_LIFETIME: Duration = Duration::from_millis(500);

pub struct Coach {
    library: Arc<Library>,
    /// The routine being played: it need not be in the library (one exercise played
    /// alone, today's routine).
    routine: Routine,
    session: Session,
    config: CoachConfig,
    recorder: Option<Box<dyn Recorder>>,
    notes: Vec<Note>,
    /// Counts phase starts; speech for an older epoch is stale.
    epoch: u64,
    counted: Option<(u64, u64)>,
    introduced: Option<usize>,
    prompted: Option<u64>,
    storage_warning: Option<String>,
    /// The `on_cue` hook's thread for this session.
    hook: Option<HookRunner>,
    /// Paused by [`Coach::hold_on`] (a question, a suspend), to resume after.
    held: bool,
    /// The session's lock while it runs, so another instance shows it as running.
    running: Option<crate::history::Running>,
}

impl fmt::Debug for Coach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Coach")
            .field("session", &self.session)
            .field("epoch", &self.epoch)
            .finish_non_exhaustive()
    }
}

impl Coach {
    /// Starts `routine` at `now`: the session gets a new id and is saved at once as
    /// running, so that even a `kill -9` in the first second leaves it in the history.
    pub fn start(
        library: Arc<Library>,
        routine: &Routine,
        timing: &Timing,
        config: CoachConfig,
        recorder: Option<Box<dyn Recorder>>,
        now: Instant,
        wall: DateTime<FixedOffset>,
    ) -> Coach {
        // With a voice, a phase between pieces of work lasts until its words are said.
        let mut timing = timing.clone();
        if config.speaker.is_some() {
            timing.words_cap_s = Some(WORDS_CAP_S);
        }
        let session = Session::new(Plan::new(&library, routine, &timing));
        let mut coach = Coach {
            library,
            routine: routine.clone(),
            session,
            config,
            recorder,
            notes: Vec::new(),
            epoch: 0,
            counted: None,
            introduced: None,
            prompted: None,
            storage_warning: None,
            hook: None,
            held: false,
            running: None,
        };
        coach.hook = coach.config.on_cue.clone().map(HookRunner::start);
        let id = uuid::Uuid::new_v4().to_string();
        // The engine's first effect is a checkpoint: the record as it starts.
        coach.running = coach
            .recorder
            .as_ref()
            .and_then(|r| r.data_dir())
            .and_then(|dir| crate::history::Running::hold(dir, &id).ok());
        let fx = coach.session.update(Event::Start { id, wall }, now);
        coach.carry(fx, now);
        coach.words_done(now);
        coach
    }

    /// The routine being played.
    pub fn routine(&self) -> &Routine {
        &self.routine
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn config(&self) -> &CoachConfig {
        &self.config
    }

    pub fn is_over(&self) -> bool {
        self.session.is_over()
    }

    /// Why history cannot be saved, or that saving waits for the file; stays until a
    /// save succeeds.
    pub fn storage_warning(&self) -> Option<String> {
        if let Some(w) = &self.storage_warning {
            return Some(w.clone());
        }
        match self.recorder.as_ref()?.state() {
            SaveState::Saved | SaveState::Saving => None,
            SaveState::Waiting => Some(wording::SAVING_WAITS.to_string()),
            SaveState::Failed(e) => Some(wording::history_not_saved(&e)),
        }
    }

    /// Whether the session is recorded at all (there is a history to keep it in).
    pub fn records(&self) -> bool {
        self.recorder.is_some()
    }

    /// Whether a write is under way or waits for another program's lock (not failed):
    /// worth waiting for at the end.
    pub fn save_waits(&self) -> bool {
        self.recorder
            .as_ref()
            .is_some_and(|r| matches!(r.state(), SaveState::Saving | SaveState::Waiting))
    }

    /// Whether records are still on their way to the history (the screen should look
    /// again soon).
    pub fn saving(&self) -> bool {
        self.recorder
            .as_ref()
            .is_some_and(|r| r.state() != SaveState::Saved)
    }

    /// Waits, at most `within`, for every record to be written, and says how saving
    /// ended: `Ok(())` when it is all in the history (or there is no history to keep),
    /// else why not.
    pub fn finish_saving(&self, within: Duration) -> Result<(), String> {
        if let Some(w) = &self.storage_warning {
            return Err(w.clone());
        }
        match self.recorder.as_ref() {
            None => Err("there is no folder to keep history in (use --data-dir DIR)".to_string()),
            Some(r) => r.finish(within).outcome(),
        }
    }

    /// What happened since the last call, for the front end to show.
    pub fn take_notes(&mut self) -> Vec<Note> {
        std::mem::take(&mut self.notes)
    }

    /// When the coach next has something to do by itself; `None`: only input matters.
    pub fn next_wakeup(&self, now: Instant) -> Option<Instant> {
        let deadline = self.session.next_deadline(now);
        // Waiting for words: ask the speaker again soon (it has no way to wake us).
        let view = self.session.view(now);
        if view.listening && view.state == RunState::Running && self.config.speaker.is_some() {
            let poll = now.checked_add(WORDS_POLL);
            return [deadline, poll].into_iter().flatten().min();
        }
        deadline
    }

    /// Says `text` now (a question the front end asks: "End the session?"); the front
    /// end prints it.
    pub fn say(&self, text: &str) {
        if let Some(s) = &self.config.speaker {
            s.say(self.epoch, text, None);
        }
    }

    /// Time passed: deadlines due by `now` are carried out.
    pub fn tick(&mut self, now: Instant) {
        self.send(Event::Tick, now);
    }

    /// A command of the session's; a rating only while one is open.
    pub fn command(&mut self, command: SessionCommand, now: Instant) {
        let event = match command {
            SessionCommand::TogglePause => Event::TogglePause,
            SessionCommand::Found => Event::FoundSpot,
            SessionCommand::Release => Event::Release { force: false },
            SessionCommand::ForceRelease => Event::Release { force: true },
            SessionCommand::Skip => Event::Skip,
            SessionCommand::Back => Event::Back,
            SessionCommand::AddTime => Event::AddTime,
            SessionCommand::RemoveTime => Event::RemoveTime,
            SessionCommand::Rate(n) => {
                if !self.session.view(now).rating_open {
                    return;
                }
                let noted = wording::tenderness_noted(n);
                self.say(&noted);
                self.notes.push(Note::Feedback(noted));
                Event::Rate(n)
            }
        };
        self.send(event, now);
    }

    /// Ends the session as aborted (the person asked to).
    pub fn abort(&mut self, now: Instant, wall: DateTime<FixedOffset>) {
        self.send(Event::Abort { wall }, now);
    }

    /// Pauses while something else has the person's attention (a question, a
    /// suspend); [`Coach::go_on`] resumes only if this paused it.
    pub fn hold_on(&mut self, now: Instant) {
        if self.session.state() == RunState::Running {
            self.send_quietly(Event::TogglePause, now);
            self.held = true;
        }
    }

    pub fn go_on(&mut self, now: Instant) {
        if self.held {
            self.held = false;
            if self.session.state() == RunState::Paused {
                self.send_quietly(Event::TogglePause, now);
            }
        }
    }

    /// Lets the last words be said, and the last cue's hook run, before the program
    /// ends (at most `within` each).
    pub fn finish_speaking(&self, within: Duration) {
        if let Some(h) = &self.hook {
            h.finish(within.min(HOOK_TIME_LIMIT));
        }
        if let Some(s) = &self.config.speaker {
            s.finish(within);
        }
    }

    /// Saves the session as interrupted (a signal, a lost terminal, an error).
    pub fn save_interrupted(&mut self, now: Instant) {
        if !self.session.is_over() && self.session.state() != RunState::NotStarted {
            let mut record = self.session.snapshot(now);
            record.status = Status::Interrupted;
            self.save(&record);
        }
    }

    fn send(&mut self, event: Event, now: Instant) {
        self.send_with(event, now, true);
    }

    /// Pausing for a question or a suspend says nothing about it.
    fn send_quietly(&mut self, event: Event, now: Instant) {
        self.send_with(event, now, false);
    }

    fn send_with(&mut self, event: Event, now: Instant, announce: bool) {
        let before = (self.session.state(), self.session.view(now).phase_index);
        let paused_before = before.0 == RunState::Paused;
        let fx = self.session.update(event, now);
        let after = self.session.view(now).phase_index;
        let checkpointed = fx.iter().any(|e| {
            matches!(
                e,
                Effect::Checkpoint(_) | Effect::Finished(_) | Effect::Aborted(_)
            )
        });
        self.carry(fx, now);
        // After every hold and every move, not only every side: a kill loses at most
        // the phase in progress. A late wake-up may pass several phases at once.
        let passed_work = before.0 != RunState::NotStarted
            && self
                .session
                .plan()
                .phases
                .get(before.1..after)
                .is_some_and(|passed| {
                    passed
                        .iter()
                        .any(|p| matches!(p.kind, PhaseKind::Hold { .. } | PhaseKind::Move { .. }))
                });
        if passed_work && !checkpointed && !self.session.is_over() {
            let record = self.session.record().clone();
            self.save(&record);
        }
        match (paused_before, self.session.state()) {
            _ if !announce => {}
            (false, RunState::Paused) => {
                self.say(wording::PAUSED_SPOKEN);
                self.notes.push(Note::Paused(true));
            }
            (true, RunState::Running) => {
                self.say(wording::GOING_ON_SPOKEN);
                self.notes.push(Note::Paused(false));
            }
            _ => {}
        }
        self.words_done(now);
    }

    /// A phase waiting for its words: once the speaker is quiet, the session counts.
    fn words_done(&mut self, now: Instant) {
        let view = self.session.view(now);
        if !view.listening || view.state != RunState::Running {
            return;
        }
        if self.config.speaker.as_ref().is_none_or(|s| s.is_quiet()) {
            self.send(Event::WordsSpoken, now);
        }
    }

    /// Carries out the session's effects, then the countdown's last seconds.
    fn carry(&mut self, effects: Vec<Effect>, now: Instant) {
        for effect in effects {
            match effect {
                Effect::Cue(cue) => self.cue(&cue, now),
                Effect::Checkpoint(record) => self.save(&record),
                Effect::Finished(record) | Effect::Aborted(record) => {
                    self.running = None;
                    self.save(&record);
                    self.notes.push(Note::Ended(record.status));
                }
                Effect::Refused(Refusal::ReleaseTooEarly { remaining }) => self.notes.push(
                    Note::Feedback(wording::release_refused(remaining, &self.config.keys)),
                ),
            }
        }
        // Once a session: the hook failed (it runs on its own thread).
        if let Some(why) = self.hook.as_ref().and_then(HookRunner::take_failure) {
            self.notes.push(Note::Feedback(wording::hook_failed(&why)));
        }
        let view = self.session.view(now);
        // Once per hold: the prompt stands until rated or the next hold ends.
        if view.rating_due
            && self.config.ask_tenderness
            && !self.session.is_over()
            && self.prompted != Some(self.epoch)
        {
            self.prompted = Some(self.epoch);
            // Said once, as the phase after the hold begins; the screen keeps asking.
            let after_hold = view.phase_index.checked_sub(1).is_some_and(|i| {
                self.session
                    .plan()
                    .phases
                    .get(i)
                    .is_some_and(|p| matches!(p.kind, PhaseKind::Hold { .. }))
            });
            if after_hold {
                self.say(wording::RATING_SPOKEN);
            }
            self.notes.push(Note::RatingPrompt);
        }
        self.count(now);
    }

    fn cue(&mut self, cue: &Cue, now: Instant) {
        let view = self.session.view(now);
        let text = wording::cue_text(cue, &self.session, &self.library, &view);
        let starts_phase = !matches!(
            cue,
            Cue::MinimumReached | Cue::SearchLimit | Cue::OvertimeEnded
        );
        if starts_phase {
            self.epoch = next_epoch();
            if let Some(s) = &self.config.speaker {
                s.phase(self.epoch);
            }
        }
        if let Some(s) = &self.config.speaker {
            s.say(self.epoch, &text, None);
        }
        if let Some(hook) = &self.hook {
            hook.cue(wording::cue_kind(cue), &text);
        }
        self.notes.push(Note::Cue {
            cue: cue.clone(),
            text,
            bell: self.config.bell,
        });
        if !starts_phase || self.session.is_over() {
            return;
        }
        // A step is introduced when it is next: at get ready, in the rest before it, or
        // as it starts when nothing comes before it.
        let Some((step, kind)) = view.phase.map(|p| (p.step, p.kind.clone())) else {
            return;
        };
        if self.introduced != Some(step) && !matches!(kind, PhaseKind::SwitchSides { .. }) {
            self.introduced = Some(step);
            let tool = self.routine.equipment;
            let intro = self
                .session
                .plan()
                .steps
                .get(step)
                .and_then(|s| self.library.exercise(&s.exercise_id))
                .map(|ex| wording::step_intro(ex, tool, self.config.voice_detail));
            if let Some(intro) = intro {
                self.detail(intro);
            }
        }
        if matches!(kind, PhaseKind::GetReady { .. }) {
            self.detail(wording::pressure_rule(&self.library));
        }
    }

    fn detail(&mut self, text: String) {
        if let Some(s) = &self.config.speaker {
            s.say_lasting(self.epoch, &text);
        }
        self.notes.push(Note::Detail(text));
    }

    /// "3", "2", "1" at the end of a get ready, hold, move or rest.
    fn count(&mut self, now: Instant) {
        let view = self.session.view(now);
        let counted_phase = view.phase.is_some_and(|p| {
            matches!(
                p.kind,
                PhaseKind::GetReady { .. }
                    | PhaseKind::Hold { .. }
                    | PhaseKind::Move { .. }
                    | PhaseKind::Rest { .. }
            )
        });
        if view.state != RunState::Running || !counted_phase {
            return;
        }
        // A hold that ends by itself (hands-free) counts down to its end, past the
        // minimum; one the person releases counts down to the minimum.
        let auto_hold = self.session.plan().timing.auto_release
            && view
                .phase
                .is_some_and(|p| matches!(p.kind, PhaseKind::Hold { .. }));
        let left = if auto_hold {
            view.ends_in
        } else if view.overtime.is_some() {
            None
        } else {
            view.remaining
        };
        let Some(left) = left else { return };
        let n = ceil_secs(left);
        if !(1..=3).contains(&n) {
            return;
        }
        // A late wake-up (a loaded machine, a fast `--speed`) may have slept through a
        // second: count it too, so the printed countdown never skips a number. Speech
        // drops a count that is already stale (COUNT_LIFETIME).
        let from = match self.counted {
            Some((epoch, last)) if epoch == self.epoch => last.saturating_sub(1),
            _ => ceil_secs(left.saturating_add(view.elapsed)).min(3),
        };
        for k in (n..=from).rev() {
            self.counted = Some((self.epoch, k));
            if self.config.countdown_voice
                && let Some(s) = &self.config.speaker
            {
                s.say(self.epoch, &k.to_string(), Some(COUNT_LIFETIME));
            }
            self.notes.push(Note::Count(k));
        }
    }

    /// The one place the coach hands a record to storage.
    fn save(&mut self, record: &SessionRecord) {
        let Some(recorder) = &mut self.recorder else {
            return;
        };
        match recorder.save(record) {
            Ok(()) => self.storage_warning = None,
            Err(e) => {
                if self.storage_warning.is_none() {
                    self.notes
                        .push(Note::Feedback(wording::history_not_saved(&e)));
                }
                self.storage_warning = Some(wording::history_not_saved(&e));
            }
        }
    }
}
