//! Today's planner on seeded histories with known answers, with a fixed clock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use chrono::{Days, NaiveDate, NaiveDateTime};
use proptest::prelude::*;

use foamroll::library::{Layer, Library, Loader, Side, StepTiming, Style, Tool, routine_file};
use foamroll::session::{PhaseKind, Plan, Timing};
use foamroll::today::{Facts, Intent, LastSession, Options, Rating, Today, TodayError, plan};

/// A recovery calf exercise and a one-sided region beside the shipped library, so
/// that the planner has a region beyond the core to bring back (ids chosen not to
/// collide with the shipped ones).
const EXTRA: &str = r#"
version: 1
regions:
  - id: test-upper-back
    name: Upper back
exercises:
  - id: test-calf-hold
    name: Calf hold
    region: calves
    style: recovery
    per_side: true
    equipment:
      - tool: roller
      - tool: ball
        note: Sit with the ball under the calf.
    setup: Sit with one calf on the roller.
    steps: [Roll slowly, stop on the tender spot and hold it.]
    cautions:
      - Stay a hand's width below the knee crease, where an artery and a nerve run.
  - id: test-upper-back-hold
    name: Upper back hold
    region: test-upper-back
    style: recovery
    equipment:
      - tool: roller
    setup: Lie on your back with the roller under the shoulder blades, hands behind your head.
    steps: [Roll slowly, stop on the tender spot and hold it.]
    cautions: [Never the lower back.]
"#;

fn library() -> Library {
    let mut loader = Loader::with_builtin();
    loader.add_bytes("extra.yaml", Layer::Library, EXTRA.as_bytes());
    let report = loader.finish();
    assert_eq!(report.error_count(), 0, "{:?}", report.diagnostics);
    report.library
}

fn day(d: &str) -> NaiveDate {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap_or_else(|e| panic!("{d}: {e}"))
}

fn at(d: &str, hm: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&format!("{d} {hm}"), "%Y-%m-%d %H:%M")
        .unwrap_or_else(|e| panic!("{d} {hm}: {e}"))
}

fn ago(today: &str, days: u64) -> NaiveDate {
    day(today)
        .checked_sub_days(Days::new(days))
        .unwrap_or_else(|| panic!("date"))
}

const TODAY: &str = "2026-11-21";

/// Core rolled yesterday; calves and the upper back last week; ratings as given.
/// A region, a side and (days ago, rating) pairs.
type Seed<'a> = (&'a str, Option<Side>, &'a [(u64, f64)]);

fn facts(ratings: &[Seed<'_>]) -> Facts {
    let mut f = Facts {
        weekly_goal: 3,
        sessions_this_week: 2,
        ..Facts::default()
    };
    for r in ["quads", "hamstrings", "glutes"] {
        f.last_rolled.insert(r.to_string(), ago(TODAY, 1));
    }
    f.last_rolled.insert("calves".into(), ago(TODAY, 5));
    f.last_rolled
        .insert("test-upper-back".into(), ago(TODAY, 6));
    for (region, side, points) in ratings {
        f.ratings.insert(
            (region.to_string(), *side),
            points
                .iter()
                .map(|(d, v)| Rating {
                    date: ago(TODAY, *d),
                    value: *v,
                })
                .collect(),
        );
    }
    f
}

fn options(intent: Intent, minutes: u32) -> Options {
    Options {
        intent: Some(intent),
        minutes: Some(minutes),
        tools: Vec::new(),
    }
}

fn make(lib: &Library, f: &Facts, o: &Options) -> Today {
    plan(lib, f, at(TODAY, "18:00"), o, &Timing::default()).unwrap_or_else(|e| panic!("plan: {e}"))
}

fn region_of<'a>(lib: &'a Library, step: &foamroll::library::RoutineStep) -> &'a str {
    lib.exercise(&step.exercise)
        .map_or("", |e| e.region.as_str())
}

fn within(t: &Today) -> bool {
    let target = f64::from(t.minutes) * 60.0;
    let got = t.estimate.as_secs_f64();
    (got - target).abs() <= target * 0.15
}

#[test]
fn a_tender_right_hamstring_comes_first_with_one_more_point_on_the_right() {
    let lib = library();
    let f = facts(&[
        (
            "hamstrings",
            Some(Side::Right),
            &[(2, 6.0), (6, 6.0), (12, 6.0)],
        ),
        (
            "hamstrings",
            Some(Side::Left),
            &[(2, 3.0), (6, 3.0), (12, 3.0)],
        ),
        ("quads", Some(Side::Right), &[(2, 2.0), (6, 3.0)]),
        ("quads", Some(Side::Left), &[(2, 2.0), (6, 3.0)]),
    ]);
    let t = make(&lib, &f, &options(Intent::AfterRun, 10));
    let first = &t.routine.steps[0];
    assert_eq!(region_of(&lib, first), "hamstrings");
    assert_eq!(first.first_side, Some(Side::Right));
    let StepTiming::Recovery { points, .. } = first.timing else {
        panic!("a recovery step")
    };
    assert_eq!(first.first_side_points, Some(points + 1));
    assert!(
        t.reasons[0].contains("Hamstrings, right side first: you rated them 6 against 3 on the left over the last 3 weeks"),
        "{}",
        t.reasons[0]
    );
    // The session plan does the right side first, with one more hold there.
    let p = Plan::new(&lib, &t.routine, &Timing::default());
    let holds = |side| {
        p.phases
            .iter()
            .filter(|ph| matches!(ph.kind, PhaseKind::Hold { .. }))
            .filter(|ph| ph.entry.and_then(|e| p.entries[e].side) == Some(side))
            .filter(|ph| ph.step == 0)
            .count()
    };
    assert_eq!(holds(Side::Right), holds(Side::Left) + 1);
    let first_entry = &p.entries[0];
    assert_eq!(first_entry.side, Some(Side::Right));
    assert!(within(&t), "{:?} for {} min", t.estimate, t.minutes);
}

#[test]
fn a_tender_left_side_goes_first() {
    let lib = library();
    let f = facts(&[
        ("glutes", Some(Side::Right), &[(3, 2.0), (10, 2.0)]),
        ("glutes", Some(Side::Left), &[(3, 7.0), (10, 6.0)]),
    ]);
    let t = make(&lib, &f, &options(Intent::RestDay, 20));
    let first = &t.routine.steps[0];
    assert_eq!(region_of(&lib, first), "glutes");
    assert_eq!(first.first_side, Some(Side::Left));
    let p = Plan::new(&lib, &t.routine, &Timing::default());
    assert_eq!(p.entries[0].side, Some(Side::Left));
    assert!(t.reasons[0].contains("left side first"), "{}", t.reasons[0]);
    assert!(t.reasons[0].contains("6.5 against 2"), "{}", t.reasons[0]);
}

#[test]
fn staying_tender_gets_more_points_and_says_so() {
    let lib = library();
    let f = facts(&[("quads", None, &[(1, 6.0), (4, 7.0), (9, 6.0)])]);
    let base = make(&lib, &facts(&[]), &options(Intent::AfterRun, 15));
    let t = make(&lib, &f, &options(Intent::AfterRun, 15));
    assert_eq!(region_of(&lib, &t.routine.steps[0]), "quads");
    assert!(
        t.reasons[0].starts_with("Quads: staying tender, 6.3 on average over the last 3 weeks"),
        "{}",
        t.reasons[0]
    );
    let pts = |t: &Today, region: &str| {
        t.routine
            .steps
            .iter()
            .find(|s| region_of(&lib, s) == region)
            .map(|s| match s.timing {
                StepTiming::Recovery { points, .. } => points,
                StepTiming::Warmup { .. } => 0,
            })
    };
    let tender = pts(&t, "quads").unwrap_or(0);
    let others = pts(&t, "glutes").unwrap_or(0);
    assert!(tender > others, "quads {tender} vs glutes {others}");
    assert!(pts(&base, "quads") <= pts(&base, "glutes"));
}

#[test]
fn rising_ratings_count_as_tender() {
    let lib = library();
    let f = facts(&[("glutes", None, &[(18, 2.0), (15, 2.0), (3, 5.0), (1, 5.0)])]);
    let t = make(&lib, &f, &options(Intent::AfterRun, 10));
    assert_eq!(region_of(&lib, &t.routine.steps[0]), "glutes");
    assert!(
        t.reasons[0].contains("getting more tender, from 2 to 5"),
        "{}",
        t.reasons[0]
    );
}

#[test]
fn a_region_not_rolled_for_three_weeks_is_brought_back_with_its_reason() {
    let lib = library();
    let mut f = facts(&[]);
    f.last_rolled
        .insert("test-upper-back".into(), ago(TODAY, 21));
    let t = make(&lib, &f, &options(Intent::RestDay, 20));
    let i = t
        .routine
        .steps
        .iter()
        .position(|s| region_of(&lib, s) == "test-upper-back")
        .unwrap_or_else(|| panic!("upper back is in the plan: {:?}", t.routine.steps));
    assert_eq!(t.reasons[i], "Upper back: not rolled for 21 days.");
    assert!(within(&t));
}

#[test]
fn calves_come_after_the_core_after_a_run() {
    let lib = library();
    let t = make(&lib, &facts(&[]), &options(Intent::AfterRun, 12));
    let regions: Vec<&str> = t.routine.steps.iter().map(|s| region_of(&lib, s)).collect();
    assert_eq!(&regions[..4], ["quads", "hamstrings", "glutes", "calves"]);
    assert!(t.reasons[0].contains("the core of every recovery"));
    assert!(t.reasons[3].starts_with("Calves: they carried every stride of your run."));
}

#[test]
fn with_no_history_it_proposes_the_default_and_says_it_will_learn() {
    let lib = library();
    for intent in Intent::ALL {
        let t = make(
            &lib,
            &Facts::default(),
            &options(intent, intent.default_minutes()),
        );
        assert!(
            t.notes
                .iter()
                .any(|n| n.starts_with("No history yet") && n.contains("learn")),
            "{:?}",
            t.notes
        );
        assert!(within(&t), "{intent:?}: {:?}", t.estimate);
    }
}

#[test]
fn the_intent_follows_the_time_of_day_and_the_last_session() {
    let lib = library();
    let none = Options::default();
    let f = Facts::default();
    let timing = Timing::default();
    let chosen = |when: NaiveDateTime, f: &Facts| {
        plan(&lib, f, when, &none, &timing).unwrap_or_else(|e| panic!("{e}"))
    };
    let morning = chosen(at(TODAY, "07:15"), &f);
    assert_eq!(morning.intent, Intent::BeforeRun);
    assert_eq!(morning.minutes, 5);
    assert!(
        morning
            .intent_reason
            .as_deref()
            .is_some_and(|r| r.contains("07:15")),
        "{:?}",
        morning.intent_reason
    );
    assert_eq!(chosen(at(TODAY, "18:30"), &f).intent, Intent::AfterRun);
    assert_eq!(chosen(at(TODAY, "18:30"), &f).minutes, 10);
    assert_eq!(chosen(at(TODAY, "22:30"), &f).intent, Intent::RestDay);
    let warmed = Facts {
        last_session: Some(LastSession {
            started: at(TODAY, "07:10"),
            style: Style::Warmup,
        }),
        ..Facts::default()
    };
    let after = chosen(at(TODAY, "09:00"), &warmed);
    assert_eq!(after.intent, Intent::AfterRun);
    assert!(
        after
            .intent_reason
            .as_deref()
            .is_some_and(|r| r.contains("warmed up at 07:10")),
        "{:?}",
        after.intent_reason
    );
    // Given an intent, no reason for it is invented.
    let given = plan(
        &lib,
        &f,
        at(TODAY, "07:15"),
        &options(Intent::RestDay, 20),
        &timing,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(given.intent_reason, None);
}

#[test]
fn a_warm_up_never_holds_and_ends_with_the_dynamic_warm_up() {
    let lib = library();
    for minutes in [3, 5, 8] {
        let t = make(&lib, &facts(&[]), &options(Intent::BeforeRun, minutes));
        assert_eq!(t.routine.style, Style::Warmup);
        let p = Plan::new(&lib, &t.routine, &Timing::default());
        assert!(
            !p.phases
                .iter()
                .any(|ph| matches!(ph.kind, PhaseKind::Hold { .. } | PhaseKind::Search { .. })),
            "{minutes} min"
        );
        assert!(
            t.routine
                .finish
                .as_deref()
                .is_some_and(|f| f.contains("dynamic warm-up"))
        );
        assert!(within(&t), "{minutes}: {:?}", t.estimate);
    }
}

#[test]
fn equipment_limits_the_exercises_and_names_the_tool() {
    let lib = library();
    let o = Options {
        intent: Some(Intent::AfterRun),
        minutes: Some(10),
        tools: vec![Tool::Ball],
    };
    let t = make(&lib, &facts(&[]), &o);
    assert_eq!(t.routine.equipment, Some(Tool::Ball));
    for step in &t.routine.steps {
        let e = lib.exercise(&step.exercise).unwrap_or_else(|| panic!("ex"));
        assert!(e.equipment.iter().any(|q| q.tool == Tool::Ball), "{}", e.id);
    }
    assert!(t.step_tools.iter().all(|&tool| tool == Tool::Ball));
    // No warm-up exercise lists the trigger-point tool in the shipped library.
    let none = Options {
        intent: Some(Intent::BeforeRun),
        minutes: Some(5),
        tools: vec![Tool::TriggerPointTool],
    };
    let err = plan(
        &lib,
        &facts(&[]),
        at(TODAY, "07:00"),
        &none,
        &Timing::default(),
    );
    assert!(
        matches!(err, Err(TodayError::NoExercises { .. })),
        "{err:?}"
    );
}

#[test]
fn minutes_that_cannot_be_met_are_refused_with_the_range() {
    let lib = library();
    // A two-minute get-ready alone is longer than one minute and 15 %.
    let slow = Timing {
        get_ready_s: 120,
        ..Timing::default()
    };
    let short = plan(
        &lib,
        &facts(&[]),
        at(TODAY, "18:00"),
        &options(Intent::AfterRun, 1),
        &slow,
    );
    // A recovery refuses minutes that cannot hold its core, naming the minutes that do.
    match short {
        Err(e @ TodayError::TooShortForCore { from, .. }) => {
            assert!(from > 1, "{from}");
            assert!(e.to_string().contains(&format!("--minutes {from}")), "{e}");
        }
        other => panic!("{other:?}"),
    }
    // A warm-up stays brief: an hour of it is more than the library offers.
    let long = plan(
        &lib,
        &facts(&[]),
        at(TODAY, "07:00"),
        &options(Intent::BeforeRun, 60),
        &Timing::default(),
    );
    match long {
        Err(e @ TodayError::TooLong { longest_s, .. }) => {
            assert!(longest_s < 51 * 60, "{longest_s}");
            assert!(e.to_string().contains("ask for at most"), "{e}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_saved_routine_file_loads_back_as_the_same_routine() {
    let lib = library();
    let f = facts(&[
        ("hamstrings", Some(Side::Right), &[(2, 6.0), (6, 6.0)]),
        ("hamstrings", Some(Side::Left), &[(2, 3.0), (6, 3.0)]),
    ]);
    for o in [
        options(Intent::AfterRun, 10),
        options(Intent::BeforeRun, 5),
        options(Intent::RestDay, 25),
    ] {
        let t = make(&lib, &f, &o);
        let text = routine_file(
            &t.routine,
            &["made in a test: \"quotes\" and # signs".into()],
        );
        let mut loader = Loader::with_builtin();
        loader.add_bytes("extra.yaml", Layer::Library, EXTRA.as_bytes());
        loader.add_bytes("saved.yaml", Layer::Check, text.as_bytes());
        let report = loader.finish();
        assert_eq!(report.error_count(), 0, "{:?}\n{text}", report.diagnostics);
        let back = report
            .library
            .routine("today")
            .unwrap_or_else(|| panic!("loaded\n{text}"));
        assert_eq!(back.steps, t.routine.steps);
        assert_eq!(back.name, t.routine.name);
        assert_eq!(back.style, t.routine.style);
        assert_eq!(back.finish, t.routine.finish);
        assert_eq!(back.equipment, t.routine.equipment);
        assert_eq!(back.get_ready_s, t.routine.get_ready_s);
    }
}

// ---- properties over random histories and options ----

fn any_side() -> impl Strategy<Value = Option<Side>> {
    prop_oneof![Just(None), Just(Some(Side::Right)), Just(Some(Side::Left))]
}

fn any_region() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("quads"),
        Just("hamstrings"),
        Just("glutes"),
        Just("calves"),
        Just("outer-thigh"),
        Just("it-band"),
        Just("test-upper-back"),
        Just("unknown-region"),
    ]
    .prop_map(str::to_string)
}

fn any_facts() -> impl Strategy<Value = Facts> {
    let ratings = proptest::collection::vec(
        (
            any_region(),
            any_side(),
            proptest::collection::vec((0u64..60, 0u8..=10), 0..8),
        ),
        0..10,
    );
    let rolled = proptest::collection::vec((any_region(), 0u64..400), 0..8);
    (
        ratings,
        rolled,
        0u32..10,
        proptest::option::of((0u64..3, 0u32..24, any::<bool>())),
    )
        .prop_map(|(ratings, rolled, week, last)| {
            let mut f = Facts {
                weekly_goal: 3,
                sessions_this_week: week,
                ..Facts::default()
            };
            for (region, side, points) in ratings {
                f.ratings
                    .entry((region, side))
                    .or_default()
                    .extend(points.into_iter().map(|(d, v)| Rating {
                        date: ago(TODAY, d),
                        value: f64::from(v),
                    }));
            }
            for (region, d) in rolled {
                f.last_rolled.insert(region, ago(TODAY, d));
            }
            f.last_session = last.map(|(d, h, warm)| LastSession {
                started: ago(TODAY, d)
                    .and_hms_opt(h, 0, 0)
                    .unwrap_or_else(|| panic!("time")),
                style: if warm { Style::Warmup } else { Style::Recovery },
            });
            f
        })
}

fn any_options() -> impl Strategy<Value = Options> {
    (
        proptest::option::of(prop_oneof![
            Just(Intent::BeforeRun),
            Just(Intent::AfterRun),
            Just(Intent::RestDay)
        ]),
        proptest::option::of(1u32..=60),
        proptest::collection::vec(proptest::sample::select(Tool::ALL.to_vec()), 0..3),
    )
        .prop_map(|(intent, minutes, tools)| Options {
            intent,
            minutes,
            tools,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_plan_is_safe_deterministic_and_fits(
        f in any_facts(),
        o in any_options(),
        hour in 0u32..24,
    ) {
        let lib = library();
        let now = day(TODAY).and_hms_opt(hour, 20, 0).unwrap_or_else(|| panic!("time"));
        let timing = Timing::default();
        let first = plan(&lib, &f, now, &o, &timing);
        let again = plan(&lib, &f, now, &o, &timing);
        prop_assert_eq!(&first, &again);
        let Ok(t) = first else { return Ok(()); };
        prop_assert!(within(&t), "{:?} for {} min", t.estimate, t.minutes);
        prop_assert_eq!(t.reasons.len(), t.routine.steps.len());
        let p = Plan::new(&lib, &t.routine, &timing);
        prop_assert_eq!(p.estimate(), t.estimate);
        for step in &t.routine.steps {
            let e = lib.exercise(&step.exercise);
            prop_assert!(e.is_some());
            let region = e.map_or("", |e| e.region.as_str());
            prop_assert!(
                lib.region(region).is_some_and(|r| r.avoid().is_none()),
                "avoid region {}", region
            );
            if let StepTiming::Recovery { min_hold_s, .. } = step.timing {
                let hold = min_hold_s.unwrap_or(0);
                prop_assert!((30..=120).contains(&hold), "hold {}", hold);
            }
        }
        if t.routine.style == Style::Warmup {
            let holds = p.phases.iter().filter(|ph| matches!(ph.kind, PhaseKind::Hold { .. })).count();
            prop_assert_eq!(holds, 0);
        }
        prop_assert!(!serde_json::to_string(&t).unwrap_or_default().contains("it-band\""));
    }

    #[test]
    fn the_defaults_always_give_a_plan(f in any_facts(), hour in 0u32..24) {
        let lib = library();
        let now = day(TODAY).and_hms_opt(hour, 0, 0).unwrap_or_else(|| panic!("time"));
        let t = plan(&lib, &f, now, &Options::default(), &Timing::default());
        prop_assert!(t.is_ok(), "{:?}", t.err());
    }
}

// ---- the history queries the planner and the status line use ----

fn stored(
    id: &str,
    start: chrono::DateTime<chrono::FixedOffset>,
    entries: &[(&str, f64, f64, &[u8])],
) -> foamroll::session::SessionRecord {
    foamroll::session::SessionRecord {
        format: 1,
        id: id.into(),
        started_at: start,
        ended_at: Some(start + chrono::Duration::seconds(600)),
        routine_id: "post-run".into(),
        routine_name: "Post-run recovery".into(),
        style: Style::Recovery,
        status: foamroll::session::Status::Completed,
        entries: entries
            .iter()
            .enumerate()
            .map(
                |(i, (region, hold, moved, ratings))| foamroll::session::EntryRecord {
                    step: i,
                    exercise_id: format!("{region}-x"),
                    region: region.to_string(),
                    side: Some(Side::Right),
                    zone: None,
                    planned_s: 30.0,
                    search_s: 5.0,
                    hold_s: *hold,
                    overtime_s: 0.0,
                    move_s: *moved,
                    points_held: u32::from(*hold >= 30.0),
                    points_planned: 1,
                    skipped: *hold == 0.0 && *moved == 0.0,
                    tenderness: ratings.to_vec(),
                },
            )
            .collect(),
        extra: Default::default(),
    }
}

#[test]
fn the_stores_quick_queries_agree_with_the_full_statistics() {
    use chrono::TimeZone;
    let dir = tempfile::tempdir().unwrap();
    let store = foamroll::history::Store::open(dir.path()).unwrap();
    let tz = |h: i32| chrono::FixedOffset::east_opt(h * 3600).unwrap();
    // Time zones far apart: a later instant can be an earlier local day.
    let sessions = [
        stored(
            "a",
            tz(-10).with_ymd_and_hms(2026, 11, 1, 22, 0, 0).unwrap(),
            &[("quads", 35.0, 0.0, &[4]), ("calves", 0.0, 0.0, &[])],
        ),
        stored(
            "b",
            tz(13).with_ymd_and_hms(2026, 11, 3, 1, 0, 0).unwrap(),
            &[("quads", 31.0, 0.0, &[6]), ("glutes", 0.0, 40.0, &[])],
        ),
        stored(
            "c",
            tz(-11).with_ymd_and_hms(2026, 11, 2, 20, 0, 0).unwrap(),
            &[("quads", 31.0, 0.0, &[2]), ("feet", 30.0, 0.0, &[1])],
        ),
        stored(
            "d",
            tz(1).with_ymd_and_hms(2025, 3, 9, 8, 0, 0).unwrap(),
            &[("calves", 30.0, 0.0, &[5])],
        ),
    ];
    for s in &sessions {
        store.save(s).unwrap();
    }
    let (all, _) = store.summaries().unwrap();
    let refs: Vec<&foamroll::history::SessionSummary> = all.iter().collect();
    let expected = foamroll::history::last_worked(&refs);
    let got = store
        .last_rolled(&["quads", "calves", "glutes", "feet", "hamstrings", "it-band"])
        .unwrap();
    assert_eq!(got, expected);
    assert_eq!(got.get("quads"), Some(&day("2026-11-03")));
    assert_eq!(got.get("calves"), Some(&day("2025-03-09")));
    let since = day("2026-11-02");
    let (recent, _) = store.summaries_since(since).unwrap();
    let mut ids: Vec<&str> = recent.iter().map(|s| &*s.id).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["b", "c"]);
    // Facts from the quick queries equal facts from every summary.
    let today = day("2026-11-05");
    let quick = foamroll::today::facts::from_history(
        &store
            .summaries_since(foamroll::today::facts::since(today))
            .unwrap()
            .0,
        store
            .last_rolled(&["quads", "calves", "glutes", "feet"])
            .unwrap(),
        today,
        3,
    );
    let full = foamroll::today::facts::from_summaries(&all, today, 3);
    assert_eq!(quick, full);
    assert_eq!(quick.sessions_this_week, 2);
}

/// A warm-up quit during its get ready, or one whose every step was skipped, is no
/// warm-up: `today` does not say "you warmed up" and the weekly goal does not count it.
#[test]
fn a_warm_up_that_did_nothing_is_not_a_warm_up() {
    use foamroll::history::SessionSummary;
    use foamroll::session::{Event, Session, Status};
    let lib = library();
    let routine = lib.routine("pre-run").unwrap_or_else(|| panic!("pre-run"));
    let wall = chrono::DateTime::parse_from_rfc3339("2026-11-20T07:00:00+01:00")
        .unwrap_or_else(|e| panic!("{e}"));
    let t0 = std::time::Instant::now();
    let s = |secs: u64| t0 + std::time::Duration::from_secs(secs);
    let run = |events: &[(u64, Event)]| {
        let mut session = Session::new(Plan::new(&lib, routine, &Timing::default()));
        session.update(
            Event::Start {
                id: "w".into(),
                wall,
            },
            s(0),
        );
        for (at, e) in events {
            session.update(e.clone(), s(*at));
        }
        session.snapshot(s(1000))
    };
    // Quit during get ready; then every step skipped to the end.
    let quit = run(&[(2, Event::Abort { wall })]);
    let skips: Vec<(u64, Event)> = (1..60).map(|i| (i, Event::Skip)).collect();
    let skipped = run(&skips);
    assert_eq!(skipped.status, Status::Aborted, "every step skipped");
    let today = day("2026-11-20");
    for record in [quit, skipped] {
        let summaries = [SessionSummary::of(&record, 0)];
        let f = foamroll::today::facts::from_summaries(&summaries, today, 3);
        assert_eq!(f.last_session, None);
        assert_eq!(f.sessions_this_week, 0);
        let (intent, why) = foamroll::today::choose_intent(at("2026-11-20", "10:47"), &f);
        assert!(!why.contains("warmed up"), "{why}");
        assert_eq!(intent, Intent::BeforeRun);
    }
    // One side of one move done: that is a warm-up.
    let moved = run(&[(5, Event::Tick), (36, Event::Abort { wall })]);
    let summaries = [SessionSummary::of(&moved, 0)];
    let f = foamroll::today::facts::from_summaries(&summaries, today, 3);
    assert_eq!(f.sessions_this_week, 1);
    let (_, why) = foamroll::today::choose_intent(at("2026-11-20", "10:47"), &f);
    assert!(why.contains("warmed up at 07:00"), "{why}");
}

/// Overdue: never rolled first, then the longest ago; never a region rolled today.
#[test]
fn overdue_is_never_rolled_first_then_longest_ago_and_never_today() {
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default();
    let mut facts = Facts::default();
    let regions = || ["calves", "glutes", "quads"].into_iter();
    // No history at all: nothing is overdue yet.
    assert_eq!(facts.most_overdue(day(20), regions()), None);
    facts.last_rolled.insert("calves".into(), day(20));
    facts.last_rolled.insert("glutes".into(), day(11));
    // Quads were never rolled: they come first.
    assert_eq!(
        facts.most_overdue(day(20), regions()),
        Some(("quads", None))
    );
    facts.last_rolled.insert("quads".into(), day(15));
    assert_eq!(
        facts.most_overdue(day(20), regions()),
        Some(("glutes", Some(9)))
    );
    // Everything rolled today: nothing overdue (once it said "calves 0d").
    for r in ["calves", "glutes", "quads"] {
        facts.last_rolled.insert(r.into(), day(20));
    }
    assert_eq!(facts.most_overdue(day(20), regions()), None);
}
