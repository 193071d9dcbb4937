//! The session engine: a pure state machine over a routine's phases.
//! See [`Session::update`]; tested with a fake clock.

mod clock;
mod machine;
mod plan;
mod record;

pub use clock::{PhaseClock, SPEED, SessionClock, ceil_secs};
pub use machine::{ADJUST_STEP_S, Cue, Effect, Event, Refusal, RunState, Session, View};
pub use plan::{
    HANDS_FREE_FIND_S, HANDS_FREE_SETTLE_S, Phase, PhaseKind, Plan, StepInfo, Timing, WORDS_TAIL,
};
pub use record::{EntryRecord, RECORD_FORMAT, SessionRecord, Side, Status};
