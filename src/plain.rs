//! Plain mode: the same coach without the full-screen interface. One line per cue with
//! the session time, the set-up and cautions as the voice says them, the last three
//! seconds called out, keys read one at a time when standard input is a terminal,
//! hands-free otherwise. Works on `TERM=dumb`, through a screen reader and in a pipe:
//! it writes no escape sequences.

use std::io::{self, IsTerminal, Write};
use std::sync::{Arc, mpsc};
use std::time::Instant;

use ratatui::crossterm::event::{self, Event as TermEvent};
use ratatui::crossterm::terminal;

use crate::coach::{Coach, CoachConfig, Note, Recorder};
use crate::input::{Command, Context, Key};
use crate::library::{Library, Routine};
use crate::session::{Cue, SessionClock, Status, Timing};
use crate::signals::{self, Signal};
use crate::wording;

pub struct PlainOptions {
    pub speed: f64,
    /// Read keys (standard input is a terminal); otherwise run hands-free (as the
    /// `hands_free` setting does, keys or not).
    pub interactive: bool,
    pub coach: CoachConfig,
}

impl PlainOptions {
    pub fn interactive_if_terminal() -> bool {
        io::stdin().is_terminal()
    }
}

enum Input {
    Key(Key),
    Signal(Signal),
}

/// Leaves raw mode however the run ends.
struct RawMode;

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
    }
}

struct Printer<'a> {
    out: &'a mut dyn Write,
    raw: bool,
    start: Instant,
    /// Standard output could not be written (closed, a reader gone): the session is
    /// stopped and recorded as it stands.
    closed: bool,
}

impl Printer<'_> {
    /// "MM:SS text", with the session time since the start. A failed write is noted
    /// (see `closed`), never an error that would leave the session unrecorded.
    fn line(&mut self, now: Instant, text: &str) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let t = now.saturating_duration_since(self.start).as_secs();
        let end = if self.raw { "\r\n" } else { "\n" };
        // Library text is checked when loaded; filtered again here, as every line is.
        let text = crate::text::printable(text);
        if write!(self.out, "{:02}:{:02} {text}{end}", t / 60, t % 60)
            .and_then(|()| self.out.flush())
            .is_err()
        {
            self.closed = true;
        }
        Ok(())
    }

    /// Prints what the coach reported.
    fn notes(&mut self, coach: &mut Coach, now: Instant, interactive: bool) -> io::Result<()> {
        let keys = &coach.config().keys.clone();
        for note in coach.take_notes() {
            match note {
                Note::Cue { cue, text, .. } => {
                    self.line(now, &text)?;
                    if cue == Cue::Hold && interactive {
                        self.line(now, &wording::release_hint(keys))?;
                    }
                }
                Note::Detail(text) | Note::Feedback(text) => self.line(now, &text)?,
                Note::Paused(true) => self.line(now, &wording::paused(keys))?,
                Note::Paused(false) => self.line(now, wording::GOING_ON)?,
                Note::Count(n) => self.line(now, &n.to_string())?,
                Note::RatingPrompt if interactive => {
                    self.line(now, &wording::rating_prompt(keys))?;
                }
                Note::RatingPrompt | Note::Ended(_) => {}
            }
        }
        Ok(())
    }
}

/// How a plain session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ended {
    pub status: Status,
    /// Its record is in the history.
    pub saved: bool,
    /// Standard output was closed: the session was stopped there.
    pub output_closed: bool,
}

/// How long plain mode waits at the end for the history file to be written.
const SAVE_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// Says, at the end, whether the session was saved (waiting first, boundedly, for a
/// file another program holds). Returns whether it was.
fn finish_saving(
    p: &mut Printer<'_>,
    coach: &Coach,
    within: std::time::Duration,
    now: Instant,
) -> io::Result<bool> {
    // A failed write gets a try or two more; one waiting for a lock gets `within`.
    let quick = std::time::Duration::from_millis(1500).min(within);
    let mut result = coach.finish_saving(quick);
    if result.is_err() && coach.save_waits() {
        p.line(now, wording::SAVING_WAITS)?;
        result = coach.finish_saving(within.saturating_sub(quick));
    }
    // Said as well as printed: eyes closed, the person still hears it.
    match &result {
        Ok(()) => {
            if coach.records() {
                p.line(now, wording::SAVED_AT_END)?;
                coach.say(wording::SAVED_AT_END);
            }
        }
        Err(why) => {
            let words = wording::not_saved_at_end(why);
            p.line(now, &words)?;
            coach.say(&words);
        }
    }
    Ok(result.is_ok())
}

/// Prints a change in whether history is being saved: the warning once, and that it
/// is saved again once it clears.
fn tell_storage(
    p: &mut Printer<'_>,
    coach: &Coach,
    told: &mut Option<String>,
    now: Instant,
) -> io::Result<()> {
    let warning = coach.storage_warning();
    if warning == *told {
        return Ok(());
    }
    match &warning {
        Some(w) => p.line(now, w)?,
        None => p.line(now, wording::SAVING_AGAIN)?,
    }
    *told = warning;
    Ok(())
}

/// Runs `routine` to its end (or until aborted); says whether it was saved.
pub fn run(
    library: Arc<Library>,
    routine: &Routine,
    mut timing: Timing,
    mut opts: PlainOptions,
    recorder: Option<Box<dyn Recorder>>,
    out: &mut dyn Write,
) -> io::Result<Ended> {
    if !opts.interactive {
        timing = timing.hands_free();
        opts.coach.ask_tenderness = false;
    }
    let (tx, rx) = mpsc::channel();
    signals::notify(tx.clone(), Input::Signal)?;
    let _raw = if opts.interactive {
        terminal::enable_raw_mode()?;
        spawn_key_thread(tx)?;
        Some(RawMode)
    } else {
        None
    };
    let clock = SessionClock::new(Instant::now(), opts.speed);
    let start = clock.now();
    let mut p = Printer {
        out,
        raw: opts.interactive,
        start,
        closed: false,
    };
    let keymap = opts.coach.keymap.clone();
    if opts.interactive {
        p.line(start, &keymap.plain_key_list())?;
    }
    let wall = chrono::Local::now().fixed_offset();
    let mut coach = Coach::start(library, routine, &timing, opts.coach, recorder, start, wall);
    p.notes(&mut coach, start, opts.interactive)?;
    let mut told = None;
    let mut confirming = false;
    // The session time of the last event: the end, once the loop is over.
    let mut last = start;
    while !coach.is_over() {
        let real_now = Instant::now();
        let now = clock.at(real_now);
        // While a save is under way, look again soon to say how it goes.
        let look = coach
            .saving()
            .then(|| now + std::time::Duration::from_millis(250));
        let wakeup = match (coach.next_wakeup(now), look) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let input = match wakeup {
            Some(at) => rx.recv_timeout(clock.real_wait(real_now, at)).ok(),
            // Paused: nothing changes until a key.
            None => rx.recv().ok(),
        };
        let now = clock.now();
        let wall = chrono::Local::now().fixed_offset();
        let context = if confirming {
            Context::Confirm
        } else {
            Context::Plain
        };
        let command = match input {
            None => None,
            Some(Input::Signal(Signal::Stop)) => {
                coach.save_interrupted(now);
                p.line(now, wording::INTERRUPTED)?;
                let saved = finish_saving(&mut p, &coach, std::time::Duration::from_secs(3), now)?;
                return Ok(Ended {
                    status: Status::Interrupted,
                    saved,
                    output_closed: p.closed,
                });
            }
            Some(Input::Signal(Signal::Suspend)) => Some(Command::Suspend),
            Some(Input::Key(key)) => keymap.lookup(key, context),
        };
        match command {
            None => coach.tick(now),
            Some(Command::Suspend) => {
                coach.hold_on(now);
                if opts.interactive {
                    terminal::disable_raw_mode()?;
                }
                signals::stop_until_continued()?;
                if opts.interactive {
                    terminal::enable_raw_mode()?;
                }
                coach.go_on(clock.now());
            }
            Some(Command::Quit | Command::Escape) => {
                confirming = true;
                coach.hold_on(now);
                coach.say(wording::CONFIRM_SPOKEN);
                p.line(now, &wording::confirm_end_line(&coach.config().keys))?;
            }
            Some(Command::Yes | Command::Interrupt) => {
                coach.abort(now, wall);
                p.line(now, wording::ENDED)?;
            }
            Some(Command::No) => {
                confirming = false;
                coach.go_on(now);
                coach.say(wording::GOING_ON_SPOKEN);
                p.line(now, wording::GOING_ON)?;
            }
            Some(Command::Help) => p.line(now, &keymap.plain_key_list())?,
            Some(other) => {
                if let Some(command) = other.session() {
                    coach.command(command, now);
                }
            }
        }
        p.notes(&mut coach, now, opts.interactive)?;
        tell_storage(&mut p, &coach, &mut told, now)?;
        last = now;
        if p.closed {
            // Nobody can read the cues any more: record the session as it stands.
            coach.save_interrupted(now);
            let saved = finish_saving(&mut p, &coach, SAVE_WAIT, now)?;
            return Ok(Ended {
                status: Status::Interrupted,
                saved,
                output_closed: true,
            });
        }
    }
    // "Done" and the routine's last words are said before the program ends.
    coach.finish_speaking(FINAL_WORDS);
    let saved = finish_saving(&mut p, &coach, SAVE_WAIT, last)?;
    coach.finish_speaking(SAVED_WORDS);
    Ok(Ended {
        status: coach.session().record().status,
        saved,
        output_closed: p.closed,
    })
}

/// How long plain mode waits at the end for "Session saved" to be said.
const SAVED_WORDS: std::time::Duration = std::time::Duration::from_secs(5);

/// How long plain mode waits at the end for the voice to finish.
const FINAL_WORDS: std::time::Duration = std::time::Duration::from_secs(15);

/// Fails (an error, never a panic) when no thread can be started.
fn spawn_key_thread(tx: mpsc::Sender<Input>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("keys".into())
        .spawn(move || {
            while let Ok(ev) = event::read() {
                if let TermEvent::Key(k) = ev
                    && let Some(key) = crate::input::terminal::key(k)
                    && tx.send(Input::Key(key)).is_err()
                {
                    return;
                }
            }
        })?;
    Ok(())
}
