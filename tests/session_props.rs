//! Random sequences of events and time steps against every shipped routine.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

use std::time::{Duration, Instant};

use chrono::{FixedOffset, TimeZone};
use foamroll::library::load_builtin;
use foamroll::session::{Effect, Event, Plan, RunState, Session, SessionRecord, Timing};
use proptest::prelude::*;

fn event() -> impl Strategy<Value = Event> {
    let wall = FixedOffset::west_opt(5 * 3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 11, 1, 1, 30, 0).single())
        .unwrap_or_else(|| panic!("time"));
    prop_oneof![
        4 => Just(Event::Tick),
        2 => Just(Event::TogglePause),
        2 => Just(Event::Skip),
        1 => Just(Event::Back),
        1 => Just(Event::AddTime),
        1 => Just(Event::RemoveTime),
        3 => Just(Event::FoundSpot),
        2 => any::<bool>().prop_map(|force| Event::Release { force }),
        1 => (0u8..14).prop_map(Event::Rate),
        1 => Just(Event::Abort { wall }),
        2 => Just(Event::WordsSpoken),
        1 => Just(Event::Start { id: "again".into(), wall }),
    ]
}

/// Every timing a person can set, over and beyond the ranges config allows.
fn timing() -> impl Strategy<Value = Timing> {
    (
        (1u32..200, 0u32..30, 0u32..90, 0u32..60),
        (
            any::<bool>(),
            prop::option::of(0u32..180),
            prop::option::of(1u32..120),
        ),
        (0u32..30, prop::option::of(0u32..40)),
    )
        .prop_map(
            |(
                (min_hold, get_ready, rest, switch),
                (auto_release, cap, auto_find),
                (settle, words_cap),
            )| Timing {
                min_hold_s: min_hold,
                get_ready_s: get_ready,
                rest_s: rest,
                switch_s: switch,
                overtime_cap_s: cap,
                auto_release,
                auto_find_s: auto_find,
                settle_s: settle,
                words_cap_s: words_cap,
            },
        )
}

/// Any routine the program ships, whatever their number: the index wraps.
fn routine_index() -> impl Strategy<Value = usize> {
    0usize..10_000
}

fn time_accounted(r: &SessionRecord) -> f64 {
    r.entries
        .iter()
        .map(|e| e.search_s + e.hold_s + e.move_s)
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn invariants_hold_for_any_events(
        routine in routine_index(),
        timing in timing(),
        steps in prop::collection::vec((event(), 0u64..40_000), 0..120),
    ) {
        let lib = load_builtin().library;
        let r = &lib.routines[routine % lib.routines.len()];
        let mut session = Session::new(Plan::new(&lib, r, &timing));
        let t0 = Instant::now();
        let wall = FixedOffset::east_opt(0).and_then(|tz| tz.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single())
            .unwrap_or_else(|| panic!("time"));
        session.update(Event::Start { id: "p".into(), wall }, t0);
        let mut now = t0;
        let mut unpaused = Duration::ZERO;
        let mut ended: Option<RunState> = None;
        for (event, dt_ms) in steps {
            let dt = Duration::from_millis(dt_ms);
            // Time only counts while a phase runs (the state holds until the next event).
            if session.state() == RunState::Running {
                unpaused += dt;
            }
            now += dt;
            let effects = session.update(event, now);
            // A running session always wakes up again, soon enough to redraw each
            // second. An event other than a tick may leave a deadline that is already
            // due (the engine catches up on the next tick); one tick at `now` then puts
            // it after `now`, or the loop would spin.
            let mut probe = session.clone();
            if probe.next_deadline(now).is_some_and(|d| d <= now) {
                probe.update(Event::Tick, now);
            }
            match probe.next_deadline(now) {
                Some(deadline) => {
                    prop_assert!(deadline > now, "deadline {:?} not after now", deadline - t0);
                    prop_assert!(deadline <= now + Duration::from_secs(1),
                        "deadline {:?} after now + 1 s", deadline.saturating_duration_since(now));
                }
                None => prop_assert!(probe.state() != RunState::Running,
                    "running with nothing to wake up for"),
            }
            for fx in &effects {
                if let Effect::Finished(rec) | Effect::Aborted(rec) | Effect::Checkpoint(rec) = fx {
                    let json = serde_json::to_string(rec).unwrap_or_else(|e| panic!("{e}"));
                    let back: SessionRecord = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
                    prop_assert_eq!(&back, rec);
                }
            }
            let record = session.record();
            for e in &record.entries {
                prop_assert!(e.search_s >= 0.0 && e.hold_s >= 0.0 && e.move_s >= 0.0 && e.overtime_s >= 0.0);
                prop_assert!(e.overtime_s <= e.hold_s);
                prop_assert!(e.tenderness.iter().all(|&t| t <= 10));
            }
            prop_assert!(time_accounted(record) <= unpaused.as_secs_f64() + 1e-6,
                "accounted {} > unpaused {}", time_accounted(record), unpaused.as_secs_f64());
            let view = session.view(now);
            prop_assert!((0.0..=1.0).contains(&view.overall));
            prop_assert!((0.0..=1.0).contains(&view.progress));
            if let Some(state) = ended {
                prop_assert_eq!(session.state(), state, "finished and aborted are terminal");
            } else if session.is_over() {
                ended = Some(session.state());
            }
            if session.state() == RunState::Paused || session.is_over() {
                prop_assert_eq!(session.next_deadline(now), None);
            }
        }
        let snapshot = session.snapshot(now);
        let json = serde_json::to_string(&snapshot).unwrap_or_else(|e| panic!("{e}"));
        let back: SessionRecord = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(back, snapshot);
    }

    #[test]
    fn next_deadline_is_never_in_the_past_after_an_update(
        routine in routine_index(),
        timing in timing(),
        steps in prop::collection::vec(0u64..5_000, 1..200),
    ) {
        let lib = load_builtin().library;
        let r = &lib.routines[routine % lib.routines.len()];
        let mut session = Session::new(Plan::new(&lib, r, &timing));
        let t0 = Instant::now();
        session.update(Event::Start { id: "p".into(), wall: chrono::Utc::now().fixed_offset() }, t0);
        let mut now = t0;
        for dt in steps {
            now += Duration::from_millis(dt);
            session.update(Event::Tick, now);
            if let Some(d) = session.next_deadline(now) {
                prop_assert!(d > now, "a deadline at or before now would spin the event loop");
            }
        }
    }
}
