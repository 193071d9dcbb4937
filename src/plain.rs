//! Plain mode: the same session engine without the full-screen interface. One line per
//! cue with the session time, the last three seconds of each countdown called out, keys
//! read one at a time when standard input is a terminal, hands-free otherwise. Works on
//! `TERM=dumb`, through a screen reader and in a pipe: it writes no escape sequences.

use std::io::{self, IsTerminal, Write};
use std::sync::mpsc;
use std::time::Instant;

use ratatui::crossterm::event::{self, Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal;

use crate::cues::cue_text;
use crate::history::Store;
use crate::library::{Library, Routine};
use crate::session::{
    Effect, Event, Plan, Refusal, RunState, Session, SessionClock, Status, Timing, ceil_secs,
};
use crate::voice::Voice;

/// Hands-free, each search lasts this long before the hold begins.
pub const HANDS_FREE_FIND_S: u32 = 10;

pub struct PlainOptions {
    pub speed: f64,
    /// Read keys (standard input is a terminal); otherwise run hands-free.
    pub interactive: bool,
    pub voice: Option<Voice>,
    pub ask_tenderness: bool,
}

impl PlainOptions {
    pub fn interactive_if_terminal() -> bool {
        io::stdin().is_terminal()
    }
}

enum Input {
    Key(char, bool),
    Signal,
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
    voice: Option<Voice>,
}

impl Printer<'_> {
    /// "MM:SS text", with the session time since the start.
    fn line(&mut self, now: Instant, text: &str) -> io::Result<()> {
        let t = now.saturating_duration_since(self.start).as_secs();
        let end = if self.raw { "\r\n" } else { "\n" };
        write!(self.out, "{:02}:{:02} {text}{end}", t / 60, t % 60)?;
        self.out.flush()
    }
}

/// Runs `routine` to its end (or until aborted); returns the session's final status.
pub fn run(
    library: &Library,
    routine: &Routine,
    mut timing: Timing,
    opts: PlainOptions,
    log: Option<&Store>,
    out: &mut dyn Write,
) -> io::Result<Status> {
    if !opts.interactive {
        timing.auto_release = true;
        timing.auto_find_s = Some(HANDS_FREE_FIND_S);
    }
    let (tx, rx) = mpsc::channel();
    crate::signals::notify_on_stop(tx.clone(), Input::Signal)?;
    let _raw = if opts.interactive {
        terminal::enable_raw_mode()?;
        spawn_key_thread(tx);
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
        voice: opts.voice,
    };
    let mut session = Session::new(Plan::new(library, routine, &timing));
    let wall = chrono::Local::now().fixed_offset();
    let mut storage_error = false;
    let fx = session.update(
        Event::Start {
            id: uuid::Uuid::new_v4().to_string(),
            wall,
        },
        start,
    );
    let mut carry =
        |session: &Session, fx: Vec<Effect>, p: &mut Printer, now: Instant| -> io::Result<()> {
            for effect in fx {
                match effect {
                    Effect::Cue(cue) => {
                        let text = cue_text(&cue, session, library, now);
                        p.line(now, &text)?;
                        if let Some(v) = &p.voice {
                            v.say(&text);
                        }
                        if matches!(cue, crate::session::Cue::Hold) && opts.interactive {
                            p.line(now, "Press r to release once it eases")?;
                        }
                    }
                    Effect::Checkpoint(r) | Effect::Finished(r) | Effect::Aborted(r) => {
                        if let Some(log) = log
                            && let Err(e) = log.save(&r)
                            && !storage_error
                        {
                            storage_error = true;
                            p.line(
                                now,
                                &format!("History not saved ({e}); the session goes on"),
                            )?;
                        }
                    }
                    Effect::Refused(Refusal::ReleaseTooEarly { remaining }) => {
                        let s = ceil_secs(remaining);
                        p.line(
                            now,
                            &format!("Keep holding: {s} s to the minimum (R releases anyway)"),
                        )?;
                    }
                }
            }
            Ok(())
        };
    carry(&session, fx, &mut p, start)?;
    let mut announced: Option<(usize, u64)> = None;
    let mut confirming = false;
    let mut rated_prompted: Option<usize> = None;
    while !session.is_over() {
        let real_now = Instant::now();
        let now = clock.at(real_now);
        let input = match session.next_deadline(now) {
            Some(at) => match rx.recv_timeout(clock.real_wait(real_now, at)) {
                Ok(i) => Some(i),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => None,
            },
            // Paused: nothing changes until a key.
            None => rx.recv().ok(),
        };
        let now = clock.now();
        let event = match input {
            None => Event::Tick,
            Some(Input::Signal) => {
                let mut record = session.snapshot(now);
                record.status = Status::Interrupted;
                if let Some(log) = log {
                    let _ = log.save(&record);
                }
                p.line(now, "Stopped; the session is kept as interrupted")?;
                return Ok(Status::Interrupted);
            }
            Some(Input::Key(c, ctrl)) => {
                if ctrl && c == 'c' {
                    Event::Abort {
                        wall: chrono::Local::now().fixed_offset(),
                    }
                } else if confirming {
                    confirming = false;
                    if c == 'y' || c == '\r' {
                        Event::Abort {
                            wall: chrono::Local::now().fixed_offset(),
                        }
                    } else {
                        p.line(now, "Going on")?;
                        Event::Tick
                    }
                } else {
                    match c {
                        'q' => {
                            confirming = true;
                            p.line(
                                now,
                                "End the session? It is kept as aborted. y or Enter: end, n: go on",
                            )?;
                            Event::Tick
                        }
                        ' ' => Event::TogglePause,
                        'f' => Event::FoundSpot,
                        'r' => Event::Release { force: false },
                        'R' => Event::Release { force: true },
                        'n' => Event::Skip,
                        'b' => Event::Back,
                        '+' | '=' => Event::AddTime,
                        '-' => Event::RemoveTime,
                        d @ '0'..='9' if opts.ask_tenderness => Event::Rate(d as u8 - b'0'),
                        ')' if opts.ask_tenderness => Event::Rate(10),
                        _ => Event::Tick,
                    }
                }
            }
        };
        let was_paused = session.state() == RunState::Paused;
        let rating = matches!(event, Event::Rate(_)) && session.view(now).rating_due;
        let fx = session.update(event, now);
        carry(&session, fx, &mut p, now)?;
        if rating {
            p.line(now, "Tenderness noted")?;
        }
        match (was_paused, session.state()) {
            (false, RunState::Paused) => p.line(now, "Paused: press space to go on")?,
            (true, RunState::Running) => p.line(now, "Going on")?,
            _ => {}
        }
        let view = session.view(now);
        if view.rating_due
            && opts.interactive
            && opts.ask_tenderness
            && rated_prompted != Some(view.phase_index)
        {
            rated_prompted = Some(view.phase_index);
            p.line(
                now,
                "How tender was it, 0 to 10? Press 0-9, or ) for 10 (optional)",
            )?;
        }
        // The last three seconds of a countdown, called out.
        if view.state == RunState::Running
            && view.overtime.is_none()
            && let Some(left) = view.remaining
        {
            let n = ceil_secs(left);
            if (1..=3).contains(&n) && announced != Some((view.phase_index, n)) {
                announced = Some((view.phase_index, n));
                p.line(now, &n.to_string())?;
            }
        }
    }
    Ok(session.record().status)
}

fn spawn_key_thread(tx: mpsc::Sender<Input>) {
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if let TermEvent::Key(k) = ev
                && k.kind != KeyEventKind::Release
            {
                let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
                let c = match k.code {
                    KeyCode::Char(c) => c,
                    KeyCode::Enter => '\r',
                    KeyCode::Esc => 'n',
                    _ => continue,
                };
                if tx.send(Input::Key(c, ctrl)).is_err() {
                    return;
                }
            }
        }
    });
}
