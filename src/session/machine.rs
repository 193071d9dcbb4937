//! The session state machine: `update(event, now) -> effects`. Pure: no terminal, no
//! files, no real clock. Time comes in as `now`; wall-clock time with `Start`/`Abort`.

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use super::clock::{PhaseClock, ceil_secs};
use super::plan::{Phase, PhaseKind, Plan, StepInfo, WORDS_TAIL};
use super::record::{EntryRecord, RECORD_FORMAT, SessionRecord, Side, Status};

/// How much `+`/`-` adds to or removes from a countdown.
pub const ADJUST_STEP_S: i64 = 10;

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Begins the session; `id` is its unique id, `wall` the local time now.
    Start {
        id: String,
        wall: DateTime<FixedOffset>,
    },
    /// Nothing happened but time passed (the app's wake-up at `next_deadline`).
    Tick,
    TogglePause,
    /// Ends the current phase; in a search, skips that trigger point.
    Skip,
    /// Back one trigger point (or one side of a warm-up); twice within
    /// [`BACK_TWICE`], back to the start of the previous step.
    Back,
    AddTime,
    RemoveTime,
    FoundSpot,
    /// Ends a hold; before the minimum only when forced.
    Release {
        force: bool,
    },
    /// Tenderness 0-10 of the hold just done.
    Rate(u8),
    /// Everything said for this phase so far has been said (the set-up, the question):
    /// a phase that waits for its words (see [`Timing::words_cap_s`]) now counts down
    /// its last seconds from `now`.
    WordsSpoken,
    Abort {
        wall: DateTime<FixedOffset>,
    },
}

/// Something the person must notice; the app rings, flashes or speaks.
#[derive(Debug, Clone, PartialEq)]
pub enum Cue {
    GetReady,
    Search,
    Hold,
    MinimumReached,
    SearchLimit,
    OvertimeEnded,
    SwitchSides(Side),
    Move,
    Rest,
    Finished,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// `r` before the minimum: this much is left (force with `R`).
    ReleaseTooEarly { remaining: Duration },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Cue(Cue),
    /// After every completed side or step, so a crash loses at most the one in progress.
    Checkpoint(SessionRecord),
    Finished(SessionRecord),
    Aborted(SessionRecord),
    Refused(Refusal),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunState {
    NotStarted,
    Running,
    Paused,
    Finished,
    Aborted,
}

#[derive(Debug, Clone, PartialEq)]
struct Current {
    index: usize,
    clock: PhaseClock,
    min_cued: bool,
    limit_cued: bool,
    /// Waiting for the phase's words to be said (voice on): no countdown yet.
    listening: bool,
    /// Added to the phase's length so that its words end before its last seconds.
    extend: Duration,
}

#[derive(Debug, Clone, PartialEq)]
enum Run {
    NotStarted,
    Running(Current),
    Finished,
    Aborted,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    plan: Plan,
    record: SessionRecord,
    run: Run,
    start: Option<(Instant, DateTime<FixedOffset>)>,
    /// The entry whose hold just ended and may be rated.
    rating_due: Option<usize>,
    /// That entry was rated already: another rating corrects it, until the next hold
    /// ends.
    rated: bool,
    /// When `Back` was last sent, to tell a double press.
    last_back: Option<Instant>,
    /// A step or side ended during this update: one checkpoint is due at its end. One
    /// a update, however many steps a late wake-up passes, so catching up never holds
    /// more than one copy of the record.
    checkpoint_due: bool,
}

impl Current {
    /// The length of a fixed countdown as it now stands (adjusted with +/- and for its
    /// words); `None` while it is open-ended or still waiting for its words.
    fn countdown(&self, phase: &Phase) -> Option<Duration> {
        if self.listening {
            return None;
        }
        let base = phase.length()?;
        Some(self.clock.length(base) + self.extend)
    }

    /// The words are done at `heard` into the phase: its last seconds follow them.
    fn heard(&mut self, phase: &Phase, heard: Duration) {
        if !self.listening {
            return;
        }
        self.listening = false;
        let length = phase
            .length()
            .map_or(Duration::ZERO, |b| self.clock.length(b));
        self.extend = (heard + WORDS_TAIL).saturating_sub(length);
    }
}

/// A second `Back` within this long goes back a whole step.
pub const BACK_TWICE: Duration = Duration::from_secs(2);

/// What the screens show, computed for one instant.
#[derive(Debug, Clone, PartialEq)]
pub struct View<'a> {
    pub state: RunState,
    pub phase: Option<&'a Phase>,
    pub phase_index: usize,
    pub phase_count: usize,
    pub step: Option<&'a StepInfo>,
    pub step_index: usize,
    pub step_count: usize,
    pub entry: Option<&'a EntryRecord>,
    /// Left on a countdown (zero once a hold is in overtime).
    pub remaining: Option<Duration>,
    pub elapsed: Duration,
    /// Time held past the minimum.
    pub overtime: Option<Duration>,
    /// Share of the current countdown done, 0 to 1.
    pub progress: f64,
    /// Share of the routine done, 0 to 1.
    pub overall: f64,
    pub next: Option<&'a Phase>,
    /// The hold that just ended waits for a rating (the prompt shows).
    pub rating_due: bool,
    /// A rating is taken now: the first, or one that corrects it.
    pub rating_open: bool,
    /// The phase waits for its words to be said before it counts down.
    pub listening: bool,
    /// How long until the phase ends by itself (a countdown, a hands-free search or
    /// hold, the overtime cap); `None` while it waits for the person or its words.
    pub ends_in: Option<Duration>,
}

fn secs(s: u32) -> Duration {
    Duration::from_secs(u64::from(s))
}

/// When a search ends by itself (hands-free): its own limit, or the timing's.
fn auto_find(timing: &super::Timing, limit: Option<Duration>) -> Option<Duration> {
    timing.auto_find_s.map(|a| limit.unwrap_or(secs(a)))
}

/// When a hold of minimum `length` ends by itself: hands-free after its settle time,
/// and never past the overtime cap.
fn hold_end(timing: &super::Timing, length: Duration) -> Option<Duration> {
    let cap = timing.overtime_cap_s.map(|c| overtime_end(length, c));
    let settle = settle_end(timing, length);
    match (settle, cap) {
        (Some(s), Some(c)) => Some(s.min(c)),
        (Some(s), None) => Some(s),
        (None, cap) => cap,
    }
}

/// When a hands-free hold of minimum `length` is released: its settle time after it.
fn settle_end(timing: &super::Timing, length: Duration) -> Option<Duration> {
    timing.auto_release.then(|| length + secs(timing.settle_s))
}

/// Adds `d` to a seconds total kept at whole milliseconds, so that sums stay short
/// and exact in JSON (36.221, not 36.221000000000004).
/// When a hold's overtime ends: `cap` seconds after its (adjusted) minimum `length`,
/// but never past two minutes on the spot in all (the clinical safe limit; a minimum
/// that long already has no overtime).
fn overtime_end(length: Duration, cap: u32) -> Duration {
    let two_minutes = Duration::from_secs(u64::from(crate::library::bounds::MAX_HOLD_S));
    (length + Duration::from_secs(u64::from(cap))).min(length.max(two_minutes))
}

fn add_secs(total: &mut f64, d: Duration) {
    let ms = (*total * 1000.0).round() + d.as_millis() as f64;
    *total = ms / 1000.0;
}

impl Session {
    pub fn new(plan: Plan) -> Session {
        let record = SessionRecord {
            format: RECORD_FORMAT,
            id: String::new(),
            started_at: DateTime::UNIX_EPOCH.fixed_offset(),
            ended_at: None,
            routine_id: plan.routine_id.clone(),
            routine_name: plan.routine_name.clone(),
            style: plan.style,
            status: Status::Running,
            entries: plan.entries.clone(),
            extra: Default::default(),
        };
        Session {
            plan,
            record,
            run: Run::NotStarted,
            start: None,
            rating_due: None,
            rated: false,
            last_back: None,
            checkpoint_due: false,
        }
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn record(&self) -> &SessionRecord {
        &self.record
    }

    pub fn state(&self) -> RunState {
        match &self.run {
            Run::NotStarted => RunState::NotStarted,
            Run::Running(c) if c.clock.is_paused() => RunState::Paused,
            Run::Running(_) => RunState::Running,
            Run::Finished => RunState::Finished,
            Run::Aborted => RunState::Aborted,
        }
    }

    pub fn is_over(&self) -> bool {
        matches!(self.run, Run::Finished | Run::Aborted)
    }

    pub fn update(&mut self, event: Event, now: Instant) -> Vec<Effect> {
        let mut fx = self.apply(event, now);
        let ended = fx
            .iter()
            .any(|e| matches!(e, Effect::Finished(_) | Effect::Aborted(_)));
        if std::mem::take(&mut self.checkpoint_due) && !ended {
            fx.push(Effect::Checkpoint(self.record.clone()));
        }
        fx
    }

    fn apply(&mut self, event: Event, now: Instant) -> Vec<Effect> {
        let mut fx = Vec::new();
        self.advance(now, &mut fx);
        match event {
            Event::Start { id, wall } => {
                if self.run == Run::NotStarted {
                    self.record.id = id;
                    self.record.started_at = wall;
                    self.start = Some((now, wall));
                    // The history writes the session's row as it starts.
                    fx.push(Effect::Checkpoint(self.record.clone()));
                    self.enter(0, now, &mut fx);
                    self.advance(now, &mut fx);
                }
            }
            Event::Tick => {}
            Event::TogglePause => {
                if let Run::Running(c) = &mut self.run {
                    if c.clock.is_paused() {
                        c.clock.resume(now);
                    } else {
                        c.clock.pause(now);
                    }
                }
            }
            Event::Skip => self.skip(now, &mut fx),
            Event::Back => self.back(now, &mut fx),
            Event::AddTime => self.adjust(ADJUST_STEP_S, now, &mut fx),
            Event::RemoveTime => self.adjust(-ADJUST_STEP_S, now, &mut fx),
            Event::FoundSpot => {
                if let Some((index, PhaseKind::Search { .. })) = self.current_kind() {
                    self.resume_if_paused(now);
                    self.finish_phase(now, false, &mut fx);
                    self.enter(index + 1, now, &mut fx);
                }
            }
            Event::Release { force } => self.release(force, now, &mut fx),
            Event::Rate(n) => self.rate(n, &mut fx),
            Event::WordsSpoken => {
                if let Run::Running(c) = &mut self.run {
                    let phase = &self.plan.phases[c.index];
                    let heard = c.clock.elapsed(now);
                    c.heard(phase, heard);
                    self.advance(now, &mut fx);
                }
            }
            Event::Abort { wall } => {
                if matches!(self.run, Run::NotStarted | Run::Running(_)) {
                    if let Run::Running(_) = self.run {
                        self.finish_phase(now, true, &mut fx);
                    }
                    self.record.status = Status::Aborted;
                    // The start plus the monotonic time it ran: a wall clock that
                    // jumped meanwhile (a sync, a time zone change) changes nothing.
                    self.record.ended_at = self.wall_at(now).or(Some(wall));
                    self.run = Run::Aborted;
                    fx.push(Effect::Aborted(self.record.clone()));
                }
            }
        }
        fx
    }

    /// The record as it stands at `now`, counting the phase in progress: what to save
    /// when the app is stopped from outside (SIGTERM, SIGHUP).
    pub fn snapshot(&self, now: Instant) -> SessionRecord {
        let mut copy = self.clone();
        let mut fx = Vec::new();
        copy.advance(now, &mut fx);
        if let Run::Running(_) = copy.run {
            copy.finish_phase(now, false, &mut fx);
            copy.record.ended_at = copy.wall_at(now);
        }
        copy.record
    }

    /// When the screen next needs to change; `None` while nothing runs.
    pub fn next_deadline(&self, now: Instant) -> Option<Instant> {
        let Run::Running(c) = &self.run else {
            return None;
        };
        if c.clock.is_paused() {
            return None;
        }
        let phase = self.plan.phases.get(c.index)?;
        let e = c.clock.elapsed(now);
        let next_whole = |from: Duration, e: Duration| {
            let past = e.saturating_sub(from);
            c.clock
                .instant_at(from + Duration::from_secs(past.as_secs() + 1))
        };
        let timing = &self.plan.timing;
        match &phase.kind {
            PhaseKind::Search { limit, .. } => {
                let tick = next_whole(Duration::ZERO, e);
                if let Some(auto) = auto_find(timing, *limit) {
                    return tick.min(c.clock.instant_at(auto));
                }
                match limit {
                    Some(l) if !c.limit_cued => tick.min(c.clock.instant_at(*l)),
                    _ => tick,
                }
            }
            PhaseKind::Hold { min, .. } if c.min_cued => {
                let length = c.clock.length(*min);
                let tick = next_whole(length, e);
                match hold_end(timing, length) {
                    Some(end) => tick.min(c.clock.instant_at(end)),
                    None => tick,
                }
            }
            // Waiting for the words, until they are said or the cap; the screen shows
            // how long it has listened.
            _ if c.listening => next_whole(Duration::ZERO, e).min(
                c.clock
                    .instant_at(secs(timing.words_cap_s.unwrap_or_default())),
            ),
            _ => {
                let length = match &phase.kind {
                    PhaseKind::Hold { min, .. } => c.clock.length(*min),
                    _ => c.countdown(phase)?,
                };
                let shown = ceil_secs(length.saturating_sub(e));
                let at = length.saturating_sub(Duration::from_secs(shown.saturating_sub(1)));
                c.clock.instant_at(if shown == 0 { length } else { at })
            }
        }
    }

    pub fn view(&self, now: Instant) -> View<'_> {
        let count = self.plan.phases.len();
        let mut v = View {
            state: self.state(),
            phase: None,
            phase_index: 0,
            phase_count: count,
            step: None,
            step_index: 0,
            step_count: self.plan.steps.len(),
            entry: None,
            remaining: None,
            elapsed: Duration::ZERO,
            overtime: None,
            progress: 0.0,
            overall: 0.0,
            next: self.plan.phases.first(),
            rating_due: self.rating_due.is_some() && !self.rated,
            rating_open: self.rating_due.is_some(),
            listening: false,
            ends_in: None,
        };
        match &self.run {
            Run::NotStarted => v.step = self.plan.steps.first(),
            Run::Finished => {
                v.overall = 1.0;
                v.progress = 1.0;
                v.next = None;
                v.phase_index = count;
            }
            Run::Aborted => v.next = None,
            Run::Running(c) => {
                let phase = &self.plan.phases[c.index];
                let e = c.clock.elapsed(now);
                v.phase = Some(phase);
                v.phase_index = c.index;
                v.step_index = phase.step;
                v.step = self.plan.steps.get(phase.step);
                v.entry = phase.entry.and_then(|i| self.record.entries.get(i));
                v.elapsed = e;
                v.next = self.next_phase_shown(c.index);
                v.overall = c.index as f64 / count.max(1) as f64;
                v.listening = c.listening;
                let timing = &self.plan.timing;
                let length = match &phase.kind {
                    PhaseKind::Hold { min, .. } => Some(c.clock.length(*min)),
                    _ => c.countdown(phase),
                };
                if let Some(length) = length {
                    v.remaining = Some(length.saturating_sub(e));
                    v.progress = if length.is_zero() {
                        1.0
                    } else {
                        (e.as_secs_f64() / length.as_secs_f64()).min(1.0)
                    };
                    if matches!(phase.kind, PhaseKind::Hold { .. }) && e >= length {
                        v.overtime = Some(e - length);
                    }
                }
                v.ends_in = match &phase.kind {
                    PhaseKind::Search { limit, .. } => {
                        auto_find(timing, *limit).map(|a| a.saturating_sub(e))
                    }
                    PhaseKind::Hold { min, .. } => {
                        hold_end(timing, c.clock.length(*min)).map(|end| end.saturating_sub(e))
                    }
                    _ => v.remaining,
                };
            }
        }
        v
    }

    /// The next phase worth announcing ("next: hold", "next: hamstrings").
    fn next_phase_shown(&self, index: usize) -> Option<&Phase> {
        self.plan.phases.get(index + 1)
    }

    fn current_kind(&self) -> Option<(usize, PhaseKind)> {
        match &self.run {
            Run::Running(c) => self
                .plan
                .phases
                .get(c.index)
                .map(|p| (c.index, p.kind.clone())),
            _ => None,
        }
    }

    fn resume_if_paused(&mut self, now: Instant) {
        if let Run::Running(c) = &mut self.run {
            c.clock.resume(now);
        }
    }

    fn wall_at(&self, at: Instant) -> Option<DateTime<FixedOffset>> {
        let (instant, wall) = self.start?;
        let delta = chrono::Duration::from_std(at.saturating_duration_since(instant)).ok()?;
        wall.checked_add_signed(delta)
    }

    /// Moves through every deadline that has passed by `now`. Each phase ends at its
    /// own deadline and the next starts there, so a late wake-up never shifts the plan.
    fn advance(&mut self, now: Instant, fx: &mut Vec<Effect>) {
        // Bounded by the number of phases: each pass either ends a phase or stops.
        for _ in 0..=self.plan.phases.len() * 2 + 2 {
            let Run::Running(c) = &mut self.run else {
                return;
            };
            if c.clock.is_paused() {
                return;
            }
            let index = c.index;
            let e = c.clock.elapsed(now);
            let kind = self.plan.phases[index].kind.clone();
            match kind {
                PhaseKind::Search { limit, .. } => {
                    // Hands-free: the search ends by itself and the hold begins.
                    if let Some(auto) = auto_find(&self.plan.timing, limit) {
                        if e < auto {
                            return;
                        }
                        let at = c.clock.instant_at(auto).unwrap_or(now);
                        self.end_and_enter_next(at, fx);
                        continue;
                    }
                    if let Some(limit) = limit
                        && !c.limit_cued
                        && e >= limit
                    {
                        c.limit_cued = true;
                        fx.push(Effect::Cue(Cue::SearchLimit));
                    }
                    return;
                }
                PhaseKind::Hold { min, .. } => {
                    let length = c.clock.length(min);
                    if e < length {
                        return;
                    }
                    if !c.min_cued {
                        c.min_cued = true;
                        fx.push(Effect::Cue(Cue::MinimumReached));
                    }
                    let timing = &self.plan.timing;
                    let Some(end) = hold_end(timing, length) else {
                        return;
                    };
                    if e < end {
                        return;
                    }
                    // Released by the hands-free settle time, or stopped by the cap.
                    let by_cap = settle_end(timing, length).is_none_or(|s| end < s);
                    let at = c.clock.instant_at(end).unwrap_or(now);
                    if by_cap {
                        fx.push(Effect::Cue(Cue::OvertimeEnded));
                    }
                    self.end_and_enter_next(at, fx);
                }
                _ => {
                    if c.listening {
                        let cap = secs(self.plan.timing.words_cap_s.unwrap_or_default());
                        if e < cap {
                            return;
                        }
                        // The words took too long (a speech command hanging): count.
                        c.heard(&self.plan.phases[index], cap);
                        continue;
                    }
                    let Some(length) = c.countdown(&self.plan.phases[index]) else {
                        return;
                    };
                    if e < length {
                        return;
                    }
                    let at = c.clock.instant_at(length).unwrap_or(now);
                    self.end_and_enter_next(at, fx);
                }
            }
        }
    }

    fn end_and_enter_next(&mut self, at: Instant, fx: &mut Vec<Effect>) {
        let Run::Running(c) = &self.run else { return };
        let next = c.index + 1;
        self.finish_phase(at, false, fx);
        self.enter(next, at, fx);
    }

    /// Books the current phase's time on its entry. `cut_short`: the phase was skipped
    /// or abandoned before its end.
    fn finish_phase(&mut self, at: Instant, cut_short: bool, _fx: &mut Vec<Effect>) {
        let Run::Running(c) = &self.run else { return };
        let phase = &self.plan.phases[c.index];
        let e = c.clock.elapsed(at);
        let Some(entry) = phase.entry.and_then(|i| self.record.entries.get_mut(i)) else {
            return;
        };
        match &phase.kind {
            PhaseKind::Search { .. } => add_secs(&mut entry.search_s, e),
            PhaseKind::Hold { min, .. } => {
                let length = c.clock.length(*min);
                add_secs(&mut entry.hold_s, e);
                add_secs(&mut entry.overtime_s, e.saturating_sub(length));
                if e >= length && !e.is_zero() {
                    entry.points_held += 1;
                } else if cut_short {
                    entry.skipped = true;
                }
                if !e.is_zero() {
                    self.rating_due = phase.entry;
                    self.rated = false;
                }
            }
            PhaseKind::Move { duration, .. } => {
                add_secs(&mut entry.move_s, e);
                if cut_short && e < c.clock.length(*duration) {
                    entry.skipped = true;
                }
            }
            _ => {}
        }
    }

    /// Starts phase `index` at `at`, or finishes the session past the last phase.
    fn enter(&mut self, index: usize, at: Instant, fx: &mut Vec<Effect>) {
        let previous = match &self.run {
            Run::Running(c) => self.plan.phases.get(c.index).and_then(|p| p.entry),
            _ => None,
        };
        let next = self.plan.phases.get(index);
        if let Some(prev) = previous {
            let key = |entry: usize| self.record.entries.get(entry).map(|e| (e.step, e.side));
            let next_key = next.and_then(|p| p.entry).and_then(key);
            if next.is_some() && key(prev) != next_key {
                self.checkpoint_due = true;
            }
        }
        let Some(phase) = next else {
            self.run = Run::Finished;
            // Every step skipped: the end was reached, but nothing was done.
            let done = self
                .record
                .entries
                .iter()
                .any(|e| e.points_held > 0 || (e.move_s > 0.0 && !e.skipped));
            self.record.status = if done {
                Status::Completed
            } else {
                Status::Aborted
            };
            self.record.ended_at = self.wall_at(at);
            fx.push(Effect::Cue(Cue::Finished));
            fx.push(Effect::Finished(self.record.clone()));
            return;
        };
        let cue = match &phase.kind {
            PhaseKind::GetReady { .. } => Cue::GetReady,
            PhaseKind::Search { .. } => Cue::Search,
            PhaseKind::Hold { .. } => Cue::Hold,
            PhaseKind::Move { .. } => Cue::Move,
            PhaseKind::SwitchSides { to, .. } => Cue::SwitchSides(*to),
            PhaseKind::Rest { .. } => Cue::Rest,
        };
        self.run = Run::Running(Current {
            index,
            clock: PhaseClock::new(at),
            min_cued: false,
            limit_cued: false,
            listening: self.plan.timing.words_cap_s.is_some() && phase.kind.waits_for_words(),
            extend: Duration::ZERO,
        });
        fx.push(Effect::Cue(cue));
    }

    fn skip(&mut self, now: Instant, fx: &mut Vec<Effect>) {
        let Some((index, kind)) = self.current_kind() else {
            return;
        };
        self.resume_if_paused(now);
        let next = match kind {
            // Skipping a search skips that trigger point: its hold too.
            PhaseKind::Search { .. } => {
                if let Some(e) = self.plan.phases[index]
                    .entry
                    .and_then(|i| self.record.entries.get_mut(i))
                {
                    e.skipped = true;
                }
                index + 2
            }
            _ => index + 1,
        };
        self.finish_phase(now, true, fx);
        self.enter(next, now, fx);
    }

    /// Back one trigger point, one side of a warm-up, or (pressed twice) one step.
    fn back(&mut self, now: Instant, fx: &mut Vec<Effect>) {
        let Some((index, kind)) = self.current_kind() else {
            return;
        };
        let twice = self
            .last_back
            .is_some_and(|t| now.saturating_duration_since(t) < BACK_TWICE);
        self.last_back = Some(now);
        if twice {
            return self.back_step(index, now, fx);
        }
        // Each trigger point starts with its search, each warm-up side with its move.
        let starts =
            |p: &Phase| matches!(p.kind, PhaseKind::Search { .. } | PhaseKind::Move { .. });
        let own_start = match kind {
            PhaseKind::Search { .. } | PhaseKind::Move { .. } => Some(index),
            PhaseKind::Hold { .. } => self.plan.phases[..index].iter().rposition(starts),
            // Between points (a switch, a rest): the point just done is the one before.
            _ => None,
        };
        let before = own_start.unwrap_or(index);
        let Some(target) = self.plan.phases[..before]
            .iter()
            .rposition(starts)
            .or(own_start)
        else {
            return;
        };
        self.finish_phase(now, true, fx);
        let from_entry = self.plan.phases[target].entry.unwrap_or(0);
        for e in self.record.entries.iter_mut().skip(from_entry) {
            e.skipped = false;
        }
        self.rating_due = None;
        self.run = Run::NotStarted;
        self.enter(target, now, fx);
    }

    fn back_step(&mut self, index: usize, now: Instant, fx: &mut Vec<Effect>) {
        let step = self.plan.phases[index].step.saturating_sub(1);
        self.finish_phase(now, true, fx);
        let is_work =
            |p: &Phase| !matches!(p.kind, PhaseKind::Rest { .. } | PhaseKind::GetReady { .. });
        let Some(target) = self
            .plan
            .phases
            .iter()
            .position(|p| p.step == step && is_work(p))
        else {
            return;
        };
        // Everything from that step on is done again; a skip there no longer stands.
        for e in self.record.entries.iter_mut().filter(|e| e.step >= step) {
            e.skipped = false;
        }
        self.rating_due = None;
        // Entering an earlier phase: no checkpoint for going backwards.
        self.run = Run::NotStarted;
        self.enter(target, now, fx);
    }

    fn adjust(&mut self, delta: i64, now: Instant, fx: &mut Vec<Effect>) {
        let Run::Running(c) = &mut self.run else {
            return;
        };
        let phase = &self.plan.phases[c.index];
        let Some(base) = phase.length() else { return };
        // Overtime counts up; there is nothing left to add to or remove from.
        if matches!(phase.kind, PhaseKind::Hold { .. }) && c.min_cued {
            return;
        }
        c.clock.adjust(base + c.extend, delta, now);
        self.advance(now, fx);
    }

    fn release(&mut self, force: bool, now: Instant, fx: &mut Vec<Effect>) {
        let Some((index, PhaseKind::Hold { min, .. })) = self.current_kind() else {
            return;
        };
        let Run::Running(c) = &self.run else { return };
        let remaining = c.clock.remaining(min, now);
        if !remaining.is_zero() && !force {
            fx.push(Effect::Refused(Refusal::ReleaseTooEarly { remaining }));
            return;
        }
        self.resume_if_paused(now);
        self.finish_phase(now, false, fx);
        self.enter(index + 1, now, fx);
    }

    fn rate(&mut self, n: u8, fx: &mut Vec<Effect>) {
        if n > 10 {
            return;
        }
        let Some(entry) = self.rating_due else {
            return;
        };
        if let Some(e) = self.record.entries.get_mut(entry) {
            // A second rating corrects the first (a 7 that should have been a 10).
            if self.rated {
                e.tenderness.pop();
            }
            e.tenderness.push(n);
        }
        self.rated = true;
        // The final record was already handed over; this one supersedes it.
        if self.run == Run::Finished {
            fx.push(Effect::Finished(self.record.clone()));
        }
    }
}
