//! foamroll: a terminal coach for foam-rolling (self-myofascial release) routines.
//!
//! The domain logic lives here, free of any terminal, so that it can be tested on its
//! own: [`library`] (the routine files), [`session`] (the timer state machine),
//! [`coach`] (the one driver of a running session: speech, saving, messages),
//! [`history`] (the session log), [`wording`] (every phrase shown or spoken). [`ui`] and
//! [`plain`] are the front ends over the coach; [`cli`] holds the plain-text commands.
//! Lower layers never import higher ones, and `ui` and `cli` never import each other.

pub mod cli;
pub mod coach;
pub mod config;
pub mod files;
pub mod history;
pub mod input;
pub mod library;
pub mod paths;
pub mod plain;
pub mod runs;
pub mod session;
pub mod signals;
pub mod text;
pub mod today;
pub mod ui;
pub mod voice;
pub mod wording;
