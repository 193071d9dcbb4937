//! The terminal side: set-up and guaranteed restore, the input and signal threads,
//! suspending, and the loop that sleeps until input or the next deadline. Nothing is
//! redrawn unless something changed.

use std::io::{self, Write};
use std::sync::mpsc;
use std::time::Instant;

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};

use super::app::App;
use crate::input::Command;
use crate::input::terminal as keys;
use crate::signals::{self, Signal};

enum Input {
    Terminal(Event),
    Signal(Signal),
    /// The terminal cannot be read any more.
    Closed(io::Error),
}

/// Restores the terminal when dropped: on return, on `?`, and during unwinding.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        // Harmless when the mouse was never captured.
        let _ = execute!(io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// How the app runs.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The session clock runs this many times faster (`--speed`); 1.0 is real time.
    pub speed: f64,
    /// Capture the mouse (clicks, the wheel); false leaves it to the terminal.
    pub mouse: bool,
}

/// How long the app waits, after the person quits, for the session to be written.
const SAVE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Runs the app until the person quits. The terminal is restored however this ends;
/// then the last records are waited for (boundedly) and, when a session could not be
/// saved, that is said on standard error. Returns whether everything was saved.
pub fn run(mut app: App, start: Option<&str>, options: Options) -> io::Result<bool> {
    let result = run_on_screen(&mut app, start, options);
    let mut outcome = app.finish_saving(std::time::Duration::from_millis(1500));
    if outcome.is_err() && app.save_waits() {
        eprintln!("foamroll: {}", crate::wording::SAVING_WAITS);
        outcome = app.finish_saving(SAVE_WAIT);
    }
    let saved = match outcome {
        Ok(()) => true,
        Err(why) => {
            eprintln!("foamroll: {}", crate::wording::not_saved_at_end(&why));
            false
        }
    };
    result.map(|()| saved)
}

/// The app on the terminal, restored when this returns.
fn run_on_screen(app: &mut App, start: Option<&str>, options: Options) -> io::Result<()> {
    let clock = crate::session::SessionClock::new(Instant::now(), options.speed);
    // Set before `ratatui::try_init`, which chains its own restoring hook in front of it.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    let (tx, rx) = mpsc::channel();
    signals::notify(tx.clone(), Input::Signal)?;
    // A fixed viewport, never larger than foamroll draws: a huge terminal cannot make
    // the buffers huge (a full-screen viewport would allocate its whole size).
    let size = ratatui::crossterm::terminal::size()?;
    let viewport = ratatui::Viewport::Fixed(super::drawable(size.into()));
    let terminal = ratatui::try_init_with_options(ratatui::TerminalOptions { viewport })?;
    let _guard = TerminalGuard;
    execute!(io::stdout(), EnterAlternateScreen)?;
    if options.mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    spawn_input_thread(tx)?;
    if let Some(id) = start {
        app.start(id, clock.now(), chrono::Local::now().fixed_offset());
    }
    let result = event_loop(terminal, app, &rx, clock, options.mouse);
    if result.is_err() {
        app.save_interrupted(clock.now());
    }
    result
}

/// Fails (an error, never a panic) when no thread can be started.
fn spawn_input_thread(tx: mpsc::Sender<Input>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                let msg = match event::read() {
                    Ok(e) => Input::Terminal(e),
                    Err(e) => Input::Closed(e),
                };
                let closed = matches!(msg, Input::Closed(_));
                if tx.send(msg).is_err() || closed {
                    return;
                }
            }
        })?;
    Ok(())
}

/// Ctrl-Z: the session pauses, the terminal is given back, the program stops; on `fg`
/// the app takes the terminal again and redraws it in full.
fn suspend(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    now: Instant,
    mouse: bool,
) -> io::Result<()> {
    app.suspend(now);
    let mut out = io::stdout();
    execute!(out, DisableMouseCapture, LeaveAlternateScreen, Show)?;
    terminal::disable_raw_mode()?;
    signals::stop_until_continued()?;
    terminal::enable_raw_mode()?;
    execute!(out, EnterAlternateScreen)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    // Clears the screen and forgets the last frame, so the next draw is complete
    // (`Terminal::clear` would ask the terminal for the cursor, racing the input thread).
    let size = terminal.size()?;
    terminal.resize(super::drawable(size))?;
    Ok(())
}

fn event_loop(
    mut terminal: DefaultTerminal,
    app: &mut App,
    rx: &mpsc::Receiver<Input>,
    clock: crate::session::SessionClock,
    mouse: bool,
) -> io::Result<()> {
    let mut dirty = true;
    loop {
        let real_now = Instant::now();
        let now = clock.at(real_now);
        if dirty {
            let size = terminal.size()?;
            terminal.draw(|frame| super::draw(frame, app, now, size))?;
            dirty = false;
        }
        // Lets the tests check that a panic restores the terminal; debug builds only.
        #[cfg(debug_assertions)]
        #[allow(clippy::panic)]
        if std::env::var_os("FOAMROLL_TEST_PANIC").is_some() {
            panic!("panic requested by FOAMROLL_TEST_PANIC");
        }
        if app.bells > 0 {
            app.bells = 0;
            let backend = terminal.backend_mut();
            backend.write_all(b"\x07")?;
            backend.flush()?;
        }
        if app.should_quit {
            return Ok(());
        }
        // Sleep until input, or until the screen must change by itself.
        let input = match app.next_wakeup(now) {
            Some(at) => match rx.recv_timeout(clock.real_wait(real_now, at)) {
                Ok(input) => Some(input),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            },
            None => match rx.recv() {
                Ok(input) => Some(input),
                Err(_) => return Ok(()),
            },
        };
        let now = clock.now();
        let wall = chrono::Local::now().fixed_offset();
        match input {
            None => {
                app.tick(now);
                dirty = true;
            }
            Some(Input::Signal(Signal::Stop)) => {
                app.save_interrupted(now);
                return Ok(());
            }
            Some(Input::Signal(Signal::Suspend)) => {
                suspend(&mut terminal, app, now, mouse)?;
                app.resume(clock.now());
                dirty = true;
            }
            Some(Input::Closed(e)) => {
                app.save_interrupted(now);
                return Err(e);
            }
            Some(Input::Terminal(ev)) => {
                let size = terminal.size()?;
                match ev {
                    Event::Key(key) => {
                        match keys::command(key, app.context(), &app.coach_config.keymap) {
                            Some(Command::Suspend) => {
                                suspend(&mut terminal, app, now, mouse)?;
                                app.resume(clock.now());
                                dirty = true;
                            }
                            Some(command) => {
                                app.tick(now);
                                app.handle(command, now, wall);
                                dirty = true;
                            }
                            None => {}
                        }
                    }
                    Event::Mouse(m) => match m.kind {
                        MouseEventKind::Down(_) => {
                            app.click(m.column, m.row, size.width, size.height);
                            dirty = true;
                        }
                        MouseEventKind::ScrollDown => {
                            app.scroll(m.column, m.row, size.width, size.height, 3);
                            dirty = true;
                        }
                        MouseEventKind::ScrollUp => {
                            app.scroll(m.column, m.row, size.width, size.height, -3);
                            dirty = true;
                        }
                        _ => {}
                    },
                    Event::Resize(..) => {
                        let size = terminal.size()?;
                        terminal.resize(super::drawable(size))?;
                        dirty = true;
                    }
                    _ => {}
                }
            }
        }
    }
}
