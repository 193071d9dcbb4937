//! The session engine driven by a fake clock: every phase and control.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, TimeZone};
use foamroll::library::{Library, load_builtin};
use foamroll::session::{
    Cue, Effect, Event, PhaseKind, Plan, Refusal, RunState, Session, SessionRecord, Side, Status,
    Timing,
};

fn library() -> Library {
    load_builtin().library
}

fn wall() -> DateTime<FixedOffset> {
    let tz = FixedOffset::east_opt(3600).unwrap_or_else(|| panic!("offset"));
    tz.with_ymd_and_hms(2026, 3, 29, 7, 30, 0)
        .single()
        .unwrap_or_else(|| panic!("time"))
}

/// A session with a fake clock: `at(s)` is the instant `s` seconds after the start.
struct Rig {
    session: Session,
    t0: Instant,
    cues: Vec<Cue>,
    checkpoints: Vec<SessionRecord>,
    finished: Option<SessionRecord>,
    refusals: Vec<Refusal>,
}

impl Rig {
    fn new(routine: &str, timing: Timing) -> Rig {
        let lib = library();
        let r = lib.routine(routine).unwrap_or_else(|| panic!("{routine}"));
        let session = Session::new(Plan::new(&lib, r, &timing));
        let mut rig = Rig {
            session,
            t0: Instant::now(),
            cues: vec![],
            checkpoints: vec![],
            finished: None,
            refusals: vec![],
        };
        rig.send(
            0.0,
            Event::Start {
                id: "s1".into(),
                wall: wall(),
            },
        );
        // A routine's own get-ready wins over the default; these tests start at the work.
        if timing.get_ready_s == 0 && matches!(rig.kind(0.0), Some(PhaseKind::GetReady { .. })) {
            rig.send(0.0, Event::Skip);
            rig.cues.retain(|c| *c != Cue::GetReady);
        }
        rig
    }

    fn at(&self, s: f64) -> Instant {
        self.t0 + Duration::from_secs_f64(s)
    }

    fn send(&mut self, s: f64, event: Event) {
        let now = self.at(s);
        for effect in self.session.update(event, now) {
            match effect {
                Effect::Cue(c) => self.cues.push(c),
                Effect::Checkpoint(r) => self.checkpoints.push(r),
                Effect::Finished(r) | Effect::Aborted(r) => self.finished = Some(r),
                Effect::Refused(r) => self.refusals.push(r),
            }
        }
    }

    fn kind(&self, s: f64) -> Option<PhaseKind> {
        self.session.view(self.at(s)).phase.map(|p| p.kind.clone())
    }

    fn remaining(&self, s: f64) -> Option<Duration> {
        self.session.view(self.at(s)).remaining
    }

    fn cues_since(&mut self) -> Vec<Cue> {
        std::mem::take(&mut self.cues)
    }
}

/// Starts at the first step (the rig skips the routine's get-ready).
fn no_get_ready() -> Timing {
    Timing {
        get_ready_s: 0,
        ..Timing::default()
    }
}

#[test]
fn get_ready_counts_down_then_the_first_search_begins() {
    let mut rig = Rig::new("post-run", Timing::default());
    assert_eq!(rig.cues_since(), vec![Cue::GetReady]);
    assert_eq!(
        rig.remaining(0.0),
        Some(Duration::from_secs(10)),
        "post-run says get_ready: 10"
    );
    assert_eq!(rig.session.next_deadline(rig.at(0.0)), Some(rig.at(1.0)));
    assert_eq!(rig.session.next_deadline(rig.at(0.4)), Some(rig.at(1.0)));
    rig.send(9.99, Event::Tick);
    assert!(matches!(rig.kind(9.99), Some(PhaseKind::GetReady { .. })));
    rig.send(10.0, Event::Tick);
    assert_eq!(rig.cues_since(), vec![Cue::Search]);
    let view = rig.session.view(rig.at(10.0));
    assert_eq!(
        view.step.map(|s| s.exercise_id.as_str()),
        Some("quad-release")
    );
    assert_eq!(view.entry.and_then(|e| e.side), Some(Side::Right));
    assert_eq!(
        view.entry.and_then(|e| e.zone.as_deref()),
        Some("inner line")
    );
}

#[test]
fn skipping_get_ready() {
    let mut rig = Rig::new("post-run", Timing::default());
    rig.send(2.0, Event::Skip);
    assert!(matches!(
        rig.kind(2.0),
        Some(PhaseKind::Search { point: 1, .. })
    ));
}

#[test]
fn search_is_open_ended_with_elapsed_time() {
    let mut rig = Rig::new("post-run", no_get_ready());
    rig.send(500.0, Event::Tick);
    let view = rig.session.view(rig.at(500.0));
    assert!(matches!(
        view.phase.map(|p| &p.kind),
        Some(PhaseKind::Search { .. })
    ));
    assert_eq!(view.elapsed, Duration::from_secs(500));
    assert_eq!(view.remaining, None);
    assert_eq!(
        rig.session.next_deadline(rig.at(500.2)),
        Some(rig.at(501.0))
    );
}

#[test]
fn found_spot_hold_minimum_overtime_release() {
    let mut rig = Rig::new("post-run", no_get_ready());
    rig.send(12.0, Event::FoundSpot);
    assert_eq!(rig.cues_since(), vec![Cue::Search, Cue::Hold]);
    assert_eq!(rig.remaining(12.0), Some(Duration::from_secs(30)));
    // The countdown changes at each whole second of what is left.
    assert_eq!(rig.session.next_deadline(rig.at(12.0)), Some(rig.at(13.0)));
    rig.send(41.9, Event::Tick);
    assert!(rig.cues_since().is_empty());
    rig.send(42.0, Event::Tick);
    assert_eq!(rig.cues_since(), vec![Cue::MinimumReached]);
    let view = rig.session.view(rig.at(50.5));
    assert_eq!(
        view.overtime,
        Some(Duration::from_secs_f64(8.5)),
        "overtime shows and counts up"
    );
    assert_eq!(view.remaining, Some(Duration::ZERO));
    rig.send(55.0, Event::Release { force: false });
    assert_eq!(rig.cues_since(), vec![Cue::Search]);
    let entry = &rig.session.record().entries[0];
    assert_eq!(
        (entry.search_s, entry.hold_s, entry.overtime_s),
        (12.0, 43.0, 13.0)
    );
    assert_eq!(entry.points_held, 1);
    assert!(!entry.skipped);
}

#[test]
fn release_before_the_minimum_is_refused_unless_forced() {
    let mut rig = Rig::new("post-run", no_get_ready());
    rig.send(5.0, Event::FoundSpot);
    rig.send(25.0, Event::Release { force: false });
    assert_eq!(
        rig.refusals,
        vec![Refusal::ReleaseTooEarly {
            remaining: Duration::from_secs(10)
        }]
    );
    assert!(matches!(rig.kind(25.0), Some(PhaseKind::Hold { .. })));
    rig.send(26.0, Event::Release { force: true });
    assert!(matches!(rig.kind(26.0), Some(PhaseKind::Search { .. })));
    let entry = &rig.session.record().entries[0];
    assert_eq!(entry.hold_s, 21.0);
    assert_eq!(
        entry.points_held, 0,
        "a hold released early is not counted as held"
    );
}

#[test]
fn overtime_cap_ends_the_hold() {
    let timing = Timing {
        overtime_cap_s: Some(60),
        ..no_get_ready()
    };
    let mut rig = Rig::new("post-run", timing);
    rig.send(0.0, Event::FoundSpot);
    // Woken late: the hold still ends exactly at 30 + 60 s, and the search starts there.
    rig.send(100.0, Event::Tick);
    assert_eq!(
        rig.cues_since(),
        vec![
            Cue::Search,
            Cue::Hold,
            Cue::MinimumReached,
            Cue::OvertimeEnded,
            Cue::Search
        ]
    );
    let entry = &rig.session.record().entries[0];
    assert_eq!((entry.hold_s, entry.overtime_s), (90.0, 60.0));
    assert_eq!(
        rig.session.view(rig.at(100.0)).elapsed,
        Duration::from_secs(10)
    );
}

/// No more than two minutes on one spot: a 45 second minimum with 90 seconds of
/// overtime allowed still ends at 120 seconds in all (it once ran to 135).
#[test]
fn overtime_never_takes_a_hold_past_two_minutes() {
    let timing = Timing {
        overtime_cap_s: Some(90),
        ..no_get_ready()
    };
    let mut rig = Rig::new("rest-day", timing);
    rig.send(0.0, Event::FoundSpot);
    rig.send(200.0, Event::Tick);
    let entry = &rig.session.record().entries[0];
    assert_eq!((entry.hold_s, entry.overtime_s), (120.0, 75.0));
}

#[test]
fn auto_release_holds_exactly_the_minimum() {
    let timing = Timing {
        auto_release: true,
        ..no_get_ready()
    };
    let mut rig = Rig::new("post-run", timing);
    rig.send(3.0, Event::FoundSpot);
    rig.send(40.0, Event::Tick);
    assert_eq!(rig.session.record().entries[0].hold_s, 30.0);
    assert_eq!(
        rig.session.view(rig.at(40.0)).elapsed,
        Duration::from_secs(7)
    );
}

#[test]
fn pausing_a_hold_twice_leaves_no_drift() {
    let mut rig = Rig::new("post-run", no_get_ready());
    rig.send(10.0, Event::FoundSpot);
    rig.send(20.0, Event::TogglePause);
    assert_eq!(rig.session.state(), RunState::Paused);
    assert_eq!(
        rig.session.next_deadline(rig.at(20.0)),
        None,
        "nothing to wake up for"
    );
    rig.send(50.0, Event::TogglePause);
    rig.send(55.5, Event::TogglePause);
    rig.send(60.0, Event::TogglePause);
    // 30 s of unpaused hold: 10 (10..20) + 5.5 (50..55.5) + 14.5 (60..74.5).
    assert_eq!(rig.session.next_deadline(rig.at(74.0)), Some(rig.at(74.5)));
    rig.send(74.49, Event::Tick);
    assert!(!rig.cues.contains(&Cue::MinimumReached));
    rig.send(74.5, Event::Tick);
    assert!(rig.cues.contains(&Cue::MinimumReached));
    rig.send(74.5, Event::Release { force: false });
    assert_eq!(rig.session.record().entries[0].hold_s, 30.0);
}

#[test]
fn plus_and_minus_adjust_the_countdown_never_below_zero() {
    let mut rig = Rig::new("post-run", no_get_ready());
    rig.send(0.0, Event::FoundSpot);
    rig.send(5.0, Event::AddTime);
    assert_eq!(rig.remaining(5.0), Some(Duration::from_secs(35)));
    rig.send(6.0, Event::RemoveTime);
    rig.send(6.0, Event::RemoveTime);
    assert_eq!(rig.remaining(6.0), Some(Duration::from_secs(14)));
    rig.send(7.0, Event::RemoveTime);
    rig.send(7.0, Event::RemoveTime);
    assert!(
        rig.cues.contains(&Cue::MinimumReached),
        "reached zero: the minimum is done"
    );
    assert_eq!(rig.remaining(7.0), Some(Duration::ZERO));
    // In a search there is no countdown: +/- do nothing.
    rig.send(8.0, Event::Release { force: false });
    rig.send(9.0, Event::AddTime);
    assert_eq!(rig.remaining(9.0), None);
}

#[test]
fn full_recovery_routine_both_sides_with_checkpoints() {
    let mut rig = Rig::new("post-run", Timing::default());
    let mut t = 10.0;
    rig.send(t, Event::Tick);
    let mut holds = 0;
    while rig.session.state() != RunState::Finished {
        match rig.kind(t) {
            Some(PhaseKind::Search { .. }) => {
                t += 4.0;
                rig.send(t, Event::FoundSpot);
            }
            Some(PhaseKind::Hold { .. }) => {
                t += 33.0;
                rig.send(t, Event::Release { force: false });
                rig.send(t, Event::Rate(holds % 11));
                holds += 1;
            }
            Some(PhaseKind::SwitchSides { to, duration }) => {
                assert_eq!(to, Side::Left);
                t += duration.as_secs_f64();
                rig.send(t, Event::Tick);
            }
            Some(PhaseKind::Rest { duration }) => {
                t += duration.as_secs_f64();
                rig.send(t, Event::Tick);
            }
            other => panic!("unexpected phase {other:?}"),
        }
    }
    // Quads: 3 lines x 2 sides; hamstrings and glutes: 2 sides each; calves: 2 lines x
    // 2 sides.
    assert_eq!(holds, 14);
    let record = rig
        .finished
        .clone()
        .unwrap_or_else(|| panic!("no final record"));
    assert_eq!(record.status, Status::Completed);
    assert_eq!(record.entries.len(), 14);
    assert!(
        record
            .entries
            .iter()
            .all(|e| e.points_held == 1 && !e.skipped && e.tenderness.len() == 1)
    );
    assert!(
        record
            .entries
            .iter()
            .all(|e| e.search_s == 4.0 && e.hold_s == 33.0 && e.overtime_s == 3.0)
    );
    let sides: Vec<_> = record
        .entries
        .iter()
        .map(|e| (e.exercise_id.as_str(), e.side))
        .collect();
    assert_eq!(sides[2], ("quad-release", Some(Side::Right)));
    assert_eq!(sides[3], ("quad-release", Some(Side::Left)));
    // One as it starts (the history writes its row), then eight (step, side) groups: a
    // checkpoint after each but the last, which finishes.
    assert_eq!(rig.checkpoints.len(), 8);
    assert!(
        rig.checkpoints[0]
            .entries
            .iter()
            .all(|e| e.points_held == 0)
    );
    rig.checkpoints.remove(0);
    assert!(
        rig.checkpoints
            .iter()
            .all(|c| c.status == Status::Running && c.id == "s1")
    );
    assert_eq!(rig.checkpoints[0].entries[0].points_held, 1);
    let switches = rig
        .cues
        .iter()
        .filter(|c| matches!(c, Cue::SwitchSides(Side::Left)))
        .count();
    assert_eq!(switches, 4);
    assert_eq!(
        record.ended_at,
        Some(wall() + chrono::Duration::milliseconds((t * 1000.0) as i64))
    );
}

#[test]
fn back_goes_one_point_and_twice_quickly_one_step() {
    let mut rig = Rig::new("post-run", no_get_ready());
    // Skip the quads (6 searches), rest, arrive at the hamstrings.
    for _ in 0..6 {
        rig.send(1.0, Event::Skip);
    }
    rig.send(1.0, Event::Skip);
    assert_eq!(rig.session.view(rig.at(1.0)).step_index, 1);
    assert!(rig.session.record().entries[0].skipped);
    // Once: back one trigger point, the last of the quads (left leg, outer line).
    rig.send(2.0, Event::Back);
    let view = rig.session.view(rig.at(2.0));
    assert_eq!(view.step_index, 0);
    assert!(matches!(
        view.phase.map(|p| &p.kind),
        Some(PhaseKind::Search { point: 1, .. })
    ));
    assert_eq!(
        view.entry.map(|e| (e.side, e.zone.as_deref())),
        Some((Some(Side::Left), Some("outer line")))
    );
    // Again within 2 seconds: back to the start of the step.
    rig.send(3.5, Event::Back);
    let view = rig.session.view(rig.at(3.5));
    assert_eq!(view.step_index, 0);
    assert_eq!(
        view.entry.map(|e| (e.side, e.zone.as_deref())),
        Some((Some(Side::Right), Some("inner line")))
    );
    assert!(
        !rig.session.record().entries[0].skipped,
        "it is being done again"
    );
    // From a hold of the second zone, once: back to the first zone's search.
    rig.send(10.0, Event::Skip);
    rig.send(11.0, Event::FoundSpot);
    assert!(matches!(rig.kind(12.0), Some(PhaseKind::Hold { .. })));
    rig.send(12.0, Event::Back);
    let view = rig.session.view(rig.at(12.0));
    assert_eq!(
        view.entry.and_then(|e| e.zone.as_deref()),
        Some("inner line")
    );
    assert!(matches!(
        view.phase.map(|p| &p.kind),
        Some(PhaseKind::Search { .. })
    ));
    // On the very first point, back restarts it.
    rig.send(13.0, Event::FoundSpot);
    rig.send(20.0, Event::Back);
    assert!(matches!(
        rig.kind(20.0),
        Some(PhaseKind::Search { point: 1, .. })
    ));
    assert_eq!(
        rig.session.record().entries[0].hold_s,
        7.0,
        "time already held is kept"
    );
}

#[test]
fn back_in_a_warm_up_goes_one_side() {
    let mut rig = Rig::new("pre-run", no_get_ready());
    assert!(matches!(rig.kind(0.0), Some(PhaseKind::Move { .. })));
    rig.send(1.0, Event::Skip);
    rig.send(1.0, Event::Skip);
    let side = |rig: &Rig, t: f64| rig.session.view(rig.at(t)).entry.and_then(|e| e.side);
    assert_eq!(side(&rig, 1.0), Some(Side::Left));
    rig.send(5.0, Event::Back);
    assert_eq!(side(&rig, 5.0), Some(Side::Right));
    assert!(matches!(rig.kind(5.0), Some(PhaseKind::Move { .. })));
}

#[test]
fn skip_through_everything() {
    let mut rig = Rig::new("rest-day", Timing::default());
    let mut n = 0;
    while rig.session.state() != RunState::Finished {
        rig.send(f64::from(n), Event::Skip);
        n += 1;
        assert!(n < 200, "skip must always make progress");
    }
    let record = rig.finished.clone().unwrap_or_else(|| panic!("no record"));
    assert_eq!(
        record.status,
        Status::Aborted,
        "run to its end, but every step skipped: not completed"
    );
    assert!(
        record
            .entries
            .iter()
            .all(|e| e.skipped && e.points_held == 0)
    );
    assert_eq!(
        record.entries.iter().map(|e| e.points_planned).sum::<u32>(),
        18
    );
}

#[test]
fn abort_keeps_the_partial_session() {
    let mut rig = Rig::new("post-run", no_get_ready());
    rig.send(5.0, Event::FoundSpot);
    rig.send(20.0, Event::TogglePause);
    // The wall clock says 99 s; the session ran 40: its end is the start plus 40 s.
    rig.send(
        40.0,
        Event::Abort {
            wall: wall() + chrono::Duration::seconds(99),
        },
    );
    let record = rig.finished.clone().unwrap_or_else(|| panic!("no record"));
    assert_eq!(record.status, Status::Aborted);
    assert_eq!(
        record.ended_at,
        Some(wall() + chrono::Duration::seconds(40))
    );
    assert_eq!(record.entries[0].hold_s, 15.0);
    assert_eq!(rig.session.state(), RunState::Aborted);
    rig.send(41.0, Event::TogglePause);
    rig.send(41.0, Event::Skip);
    assert_eq!(rig.session.state(), RunState::Aborted);
    assert_eq!(rig.session.next_deadline(rig.at(41.0)), None);
}

#[test]
fn warmup_routine_keeps_moving_and_ends_on_time() {
    let mut rig = Rig::new("pre-run", Timing::default());
    let kinds: Vec<PhaseKind> = rig
        .session
        .plan()
        .phases
        .iter()
        .map(|p| p.kind.clone())
        .collect();
    assert!(
        kinds
            .iter()
            .all(|k| !matches!(k, PhaseKind::Search { .. } | PhaseKind::Hold { .. }))
    );
    // get ready 5, then 3 steps of (30 right + 5 switch + 30 left), rests of 5 between.
    let total = 5.0 + 3.0 * 65.0 + 2.0 * 5.0;
    rig.send(6.0, Event::Tick);
    match rig.kind(6.0) {
        Some(PhaseKind::Move { cue, .. }) => assert!(cue.contains("Keep rolling"), "{cue}"),
        other => panic!("{other:?}"),
    }
    rig.send(6.0, Event::FoundSpot);
    rig.send(6.0, Event::Release { force: true });
    assert!(
        matches!(rig.kind(6.0), Some(PhaseKind::Move { .. })),
        "no find or hold in a warm-up"
    );
    rig.send(total - 0.001, Event::Tick);
    assert_ne!(rig.session.state(), RunState::Finished);
    rig.send(total + 500.0, Event::Tick);
    let record = rig.finished.clone().unwrap_or_else(|| panic!("no record"));
    assert_eq!(
        record.ended_at,
        Some(wall() + chrono::Duration::seconds(total as i64))
    );
    assert!(
        record
            .entries
            .iter()
            .all(|e| e.move_s == 30.0 && e.hold_s == 0.0)
    );
    assert_eq!(rig.cues.iter().filter(|c| **c == Cue::Move).count(), 6);
}

#[test]
fn tenderness_rating_after_a_hold() {
    let mut rig = Rig::new("post-run", no_get_ready());
    rig.send(0.0, Event::Rate(5));
    assert!(
        rig.session.record().entries[0].tenderness.is_empty(),
        "nothing to rate yet"
    );
    rig.send(1.0, Event::FoundSpot);
    rig.send(31.0, Event::Release { force: false });
    assert!(rig.session.view(rig.at(31.0)).rating_due);
    rig.send(32.0, Event::Rate(11));
    rig.send(33.0, Event::Rate(7));
    assert!(
        !rig.session.view(rig.at(33.0)).rating_due,
        "the prompt goes"
    );
    assert!(rig.session.view(rig.at(33.0)).rating_open);
    // A second rating corrects the first: a 7 that should have been a 10.
    rig.send(34.0, Event::Rate(10));
    assert_eq!(rig.session.record().entries[0].tenderness, vec![10]);
    // The next hold's rating is its own and leaves the first one alone.
    rig.send(35.0, Event::FoundSpot);
    rig.send(65.0, Event::Release { force: false });
    rig.send(66.0, Event::Rate(3));
    assert_eq!(rig.session.record().entries[0].tenderness, vec![10]);
    assert_eq!(rig.session.record().entries[1].tenderness, vec![3]);
}

#[test]
fn the_last_hold_can_be_rated_after_finishing() {
    let mut rig = Rig::new("travel-ball", Timing::default());
    let mut t = 0.0;
    while rig.session.state() != RunState::Finished {
        t += 1.0;
        match rig.kind(t) {
            Some(PhaseKind::Hold { .. }) => rig.send(t, Event::Release { force: true }),
            Some(PhaseKind::Search { .. }) => rig.send(t, Event::FoundSpot),
            _ => rig.send(t, Event::Skip),
        }
    }
    rig.finished = None;
    rig.send(t + 1.0, Event::Rate(4));
    let record = rig
        .finished
        .clone()
        .unwrap_or_else(|| panic!("the rating supersedes the record"));
    assert_eq!(
        record.entries.last().map(|e| e.tenderness.clone()),
        Some(vec![4])
    );
    assert_eq!(rig.session.state(), RunState::Finished);
}

#[test]
fn search_limit_suggests_moving_on() {
    let lib = library();
    let mut routine = lib
        .routine("travel-ball")
        .cloned()
        .unwrap_or_else(|| panic!("travel"));
    if let foamroll::library::StepTiming::Recovery { search_limit_s, .. } =
        &mut routine.steps[0].timing
    {
        *search_limit_s = Some(45);
    }
    let mut session = Session::new(Plan::new(&lib, &routine, &no_get_ready()));
    let t0 = Instant::now();
    session.update(
        Event::Start {
            id: "x".into(),
            wall: wall(),
        },
        t0,
    );
    session.update(Event::Skip, t0);
    assert_eq!(
        session.next_deadline(t0 + Duration::from_millis(44_500)),
        Some(t0 + Duration::from_secs(45))
    );
    let fx = session.update(Event::Tick, t0 + Duration::from_secs(45));
    assert_eq!(fx, vec![Effect::Cue(Cue::SearchLimit)]);
    assert!(
        session
            .update(Event::Tick, t0 + Duration::from_secs(60))
            .is_empty(),
        "cued once"
    );
}

#[test]
fn nothing_runs_before_start_or_after_the_end() {
    let lib = library();
    let r = lib.routine("pre-run").unwrap_or_else(|| panic!("pre-run"));
    let mut session = Session::new(Plan::new(&lib, r, &Timing::default()));
    let t0 = Instant::now();
    assert_eq!(session.next_deadline(t0), None);
    for e in [
        Event::Skip,
        Event::Back,
        Event::TogglePause,
        Event::AddTime,
        Event::FoundSpot,
        Event::Rate(3),
    ] {
        assert!(session.update(e, t0).is_empty());
    }
    assert_eq!(session.state(), RunState::NotStarted);
}

#[test]
fn hands_free_search_and_hold_end_by_themselves_at_exact_times() {
    let timing = Timing {
        auto_release: true,
        auto_find_s: Some(10),
        ..no_get_ready()
    };
    let mut rig = Rig::new("post-run", timing);
    // Woken once, very late: every phase still ends on its own deadline.
    rig.send(95.0, Event::Tick);
    assert_eq!(
        rig.cues_since(),
        vec![
            Cue::Search,
            Cue::Hold,
            Cue::MinimumReached,
            Cue::Search,
            Cue::Hold,
            Cue::MinimumReached,
            Cue::Search,
            Cue::Hold
        ]
    );
    let e = &rig.session.record().entries;
    assert_eq!(
        (e[0].search_s, e[0].hold_s, e[1].search_s, e[1].hold_s),
        (10.0, 30.0, 10.0, 30.0)
    );
    // Two rounds of 10 + 30 s end at 80 s; the third search ends at 90 s: 5 s into its hold.
    assert!(matches!(rig.kind(95.0), Some(PhaseKind::Hold { .. })));
    assert_eq!(
        rig.session.view(rig.at(95.0)).elapsed,
        Duration::from_secs(5)
    );
}

#[test]
fn an_exercise_alone_is_a_one_step_session_with_its_style_defaults() {
    let lib = library();
    let timing = Timing::default();
    // Recovery: one trigger point per side and zone, held for the configured minimum.
    let quad = lib
        .exercise("quad-release")
        .unwrap_or_else(|| panic!("quad-release"));
    let plan = Plan::new(&lib, &quad.alone(), &timing);
    assert_eq!(plan.routine_id, "quad-release");
    assert_eq!(plan.steps.len(), 1);
    assert_eq!(plan.entries.len(), 6, "two legs, three zones");
    let holds: Vec<Duration> = plan
        .phases
        .iter()
        .filter_map(|p| match p.kind {
            PhaseKind::Hold { min, points, .. } => {
                assert_eq!(points, 1);
                Some(min)
            }
            _ => None,
        })
        .collect();
    assert_eq!(holds.len(), 6);
    assert!(holds.iter().all(|&m| m == Duration::from_secs(30)));
    // Warm-up: keep moving, the default length per side, with the exercise's own cue.
    let calf = lib
        .exercise("calf-warmup")
        .unwrap_or_else(|| panic!("calf-warmup"));
    let plan = Plan::new(&lib, &calf.alone(), &timing);
    let moves: Vec<(Duration, String)> = plan
        .phases
        .iter()
        .filter_map(|p| match &p.kind {
            PhaseKind::Move { duration, cue } => Some((*duration, cue.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(moves.len(), 2, "right, then left");
    assert!(
        moves
            .iter()
            .all(|(d, c)| *d == Duration::from_secs(30) && !c.is_empty())
    );
    assert!(
        !plan
            .phases
            .iter()
            .any(|p| matches!(p.kind, PhaseKind::Hold { .. }))
    );
}

/// The voice on: a get ready waits for its words, at most 30 seconds.
fn with_voice() -> Timing {
    Timing {
        words_cap_s: Some(30),
        ..Timing::default()
    }
}

#[test]
fn get_ready_waits_for_its_words_then_a_pause_and_three_seconds() {
    let mut rig = Rig::new("post-run", with_voice());
    // Listening: no countdown, and it does not end at its configured 10 seconds.
    let v = rig.session.view(rig.at(5.0));
    assert!(v.listening && v.remaining.is_none());
    assert!(matches!(rig.kind(14.0), Some(PhaseKind::GetReady { .. })));
    // The set-up took 14 s to say: 4 s more (a pause, then 3, 2, 1) and the work starts.
    rig.send(14.0, Event::WordsSpoken);
    assert_eq!(rig.remaining(14.0), Some(Duration::from_secs(4)));
    assert_eq!(
        rig.session.next_deadline(rig.at(14.0)),
        Some(rig.at(15.0)),
        "the screen changes at each whole second"
    );
    rig.send(17.9, Event::Tick);
    assert!(matches!(rig.kind(17.9), Some(PhaseKind::GetReady { .. })));
    rig.send(18.0, Event::Tick);
    assert!(matches!(rig.kind(18.0), Some(PhaseKind::Search { .. })));
    assert_eq!(
        rig.session.view(rig.at(18.0)).elapsed,
        Duration::ZERO,
        "the search starts at the get ready's new end"
    );
}

#[test]
fn words_said_early_keep_the_configured_length() {
    let mut rig = Rig::new("post-run", with_voice());
    rig.send(3.0, Event::WordsSpoken);
    assert_eq!(rig.remaining(3.0), Some(Duration::from_secs(7)));
    rig.send(10.0, Event::Tick);
    assert!(matches!(rig.kind(10.0), Some(PhaseKind::Search { .. })));
}

#[test]
fn a_speech_command_that_hangs_stalls_the_session_30_seconds_at_most() {
    let mut rig = Rig::new("post-run", with_voice());
    assert_eq!(rig.session.next_deadline(rig.at(29.5)), Some(rig.at(30.0)));
    rig.send(30.0, Event::Tick);
    let v = rig.session.view(rig.at(30.0));
    assert!(!v.listening);
    assert_eq!(v.remaining, Some(Duration::from_secs(4)));
    rig.send(34.0, Event::Tick);
    assert!(matches!(rig.kind(34.0), Some(PhaseKind::Search { .. })));
    // Pausing while it listens stops the cap's clock too.
    let mut rig = Rig::new("post-run", with_voice());
    rig.send(10.0, Event::TogglePause);
    rig.send(100.0, Event::TogglePause);
    rig.send(119.0, Event::Tick);
    assert!(rig.session.view(rig.at(119.0)).listening);
    rig.send(120.0, Event::Tick);
    assert!(!rig.session.view(rig.at(120.0)).listening);
}

#[test]
fn voice_off_timings_are_as_configured_and_work_never_waits() {
    let mut rig = Rig::new("post-run", Timing::default());
    assert!(!rig.session.view(rig.at(1.0)).listening);
    rig.send(10.0, Event::Tick);
    assert!(matches!(rig.kind(10.0), Some(PhaseKind::Search { .. })));
    // With the voice on, a search or a hold never listens: only the phases between.
    let mut rig = Rig::new("post-run", with_voice());
    rig.send(0.0, Event::WordsSpoken);
    rig.send(10.0, Event::Tick);
    assert!(!rig.session.view(rig.at(10.0)).listening);
    rig.send(11.0, Event::FoundSpot);
    assert!(!rig.session.view(rig.at(11.0)).listening);
    // A word event outside a listening phase changes nothing.
    let before = rig.remaining(12.0);
    rig.send(12.0, Event::WordsSpoken);
    assert_eq!(rig.remaining(12.0), before);
}

#[test]
fn hands_free_searches_end_at_their_limit_and_holds_after_the_settle_time() {
    let timing = Timing {
        get_ready_s: 0,
        ..Timing::default().hands_free()
    };
    let mut rig = Rig::new("post-run", timing);
    assert!(matches!(rig.kind(14.9), Some(PhaseKind::Search { .. })));
    rig.send(15.0, Event::Tick);
    assert!(matches!(rig.kind(15.0), Some(PhaseKind::Hold { .. })));
    // The minimum (30 s), then 10 s to settle, and the next search starts by itself.
    rig.send(45.0, Event::Tick);
    assert!(rig.cues_since().contains(&Cue::MinimumReached));
    assert_eq!(
        rig.session.view(rig.at(52.0)).ends_in,
        Some(Duration::from_secs(3))
    );
    assert!(matches!(rig.kind(54.9), Some(PhaseKind::Hold { .. })));
    rig.send(55.0, Event::Tick);
    assert!(matches!(rig.kind(55.0), Some(PhaseKind::Search { .. })));
    assert!(!rig.cues_since().contains(&Cue::OvertimeEnded));
    let e = &rig.session.record().entries[0];
    assert_eq!((e.search_s, e.hold_s, e.points_held), (15.0, 40.0, 1));
    // A key still works and wins: the hold can be released early.
    rig.send(60.0, Event::FoundSpot);
    rig.send(91.0, Event::Release { force: false });
    assert!(matches!(rig.kind(91.0), Some(PhaseKind::Search { .. })));
}

#[test]
fn the_overtime_cap_bounds_the_settle_time() {
    let timing = Timing {
        get_ready_s: 0,
        overtime_cap_s: Some(4),
        ..Timing::default().hands_free()
    };
    let mut rig = Rig::new("post-run", timing);
    rig.send(15.0, Event::Tick);
    rig.send(49.0, Event::Tick);
    assert!(matches!(rig.kind(49.0), Some(PhaseKind::Search { .. })));
    assert!(rig.cues_since().contains(&Cue::OvertimeEnded));
}
#[test]
fn a_wall_clock_that_jumps_changes_no_duration() {
    // The wall clock jumps 5 hours ahead, or 2 hours back, while the session runs 50
    // seconds: the record says 50 seconds either way, and it imports again.
    for jump_h in [5, -2] {
        let lib = library();
        let r = lib
            .routine("post-run")
            .unwrap_or_else(|| panic!("post-run"));
        let mut session = Session::new(Plan::new(&lib, r, &Timing::default()));
        let t0 = Instant::now();
        session.update(
            Event::Start {
                id: "jump".into(),
                wall: wall(),
            },
            t0,
        );
        let jumped = wall() + chrono::Duration::hours(jump_h);
        let fx = session.update(Event::Abort { wall: jumped }, t0 + Duration::from_secs(50));
        let record = fx
            .into_iter()
            .find_map(|e| match e {
                Effect::Aborted(r) => Some(r),
                _ => None,
            })
            .unwrap_or_else(|| panic!("aborted"));
        assert_eq!(
            record.ended_at,
            Some(wall() + chrono::Duration::seconds(50))
        );
        assert_eq!(record.duration_s(), 50.0);
        assert_eq!(foamroll::history::validate(&record), Ok(()));
        // The snapshot a signal saves is measured the same way.
        let mut running = Session::new(Plan::new(&lib, r, &Timing::default()));
        running.update(
            Event::Start {
                id: "snap".into(),
                wall: wall(),
            },
            t0,
        );
        let snap = running.snapshot(t0 + Duration::from_secs(50));
        assert_eq!(snap.ended_at, Some(wall() + chrono::Duration::seconds(50)));
    }
}
