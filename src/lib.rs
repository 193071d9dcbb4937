//! foamroll: a terminal coach for foam-rolling (self-myofascial release) routines.
//!
//! The domain logic lives here, free of any terminal, so that it can be tested on its
//! own: [`library`] (the routine files), [`session`] (the timer state machine),
//! [`history`] (the session log). [`ui`] draws it; [`cli`] holds the plain-text commands.

pub mod cli;
pub mod config;
pub mod cues;
pub mod files;
pub mod history;
pub mod library;
pub mod paths;
pub mod plain;
pub mod session;
pub mod signals;
pub mod text;
pub mod ui;
pub mod voice;
