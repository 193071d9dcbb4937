//! Today's run rules on a seeded history of runs (FIT, GPX and TCX files imported into
//! a real history database) and a fixed clock: after a long hilly run quads and calves
//! come first with the reason and the numbers; a run 2 hours ago makes it "after a
//! run" at 05:30; a usual run hour makes it "before a run"; a week's jump asks for a
//! rest-day release; a warm-up before a run stays brisk; the flags always win.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{NaiveDateTime, TimeZone, Utc};
use common::activities::Run;
use foamroll::cli::Global;
use foamroll::history::Store;
use foamroll::history::activities::import_paths;
use foamroll::library::{Library, Loader, StepTiming};
use foamroll::session::Timing;
use foamroll::today::{Facts, Intent, Options, Today, plan};

fn library() -> Library {
    Loader::with_builtin().finish().library
}

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// Unix seconds of a local time in UTC+1 (the FIT files carry that offset).
fn unix(s: &str) -> i64 {
    local(s).and_utc().timestamp() - 3600
}

struct Seeded {
    dir: tempfile::TempDir,
}

impl Seeded {
    /// A history whose runs are `runs`, written as files of each format and imported.
    fn new(runs: &[Run]) -> Seeded {
        let dir = tempfile::tempdir().unwrap();
        let files = dir.path().join("export");
        std::fs::create_dir_all(&files).unwrap();
        for (i, r) in runs.iter().enumerate() {
            let mut r = r.clone();
            r.offset_s = 3600;
            // Coarse points keep the files small; the FIT carries the local offset.
            r.every_s = 30;
            std::fs::write(files.join(format!("run-{i}.fit")), r.fit()).unwrap();
        }
        let store = Store::open(&dir.path().join("data")).unwrap();
        let now = Utc.timestamp_opt(unix("2026-03-10 00:00"), 0).unwrap();
        let report = import_paths(&store, &[files], now).unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(report.added.len(), runs.len());
        Seeded { dir }
    }

    fn facts(&self, now: NaiveDateTime) -> Facts {
        let global = Global {
            data_dir: Some(self.dir.path().join("data")),
            config: Some(self.dir.path().join("config")),
            ..Global::default()
        };
        foamroll::cli::today::facts(&global, &library(), now.date(), 3).unwrap()
    }
}

fn run_at(start: &str, minutes: u32, km: f64) -> Run {
    Run::new(unix(start), minutes * 60, km * 1000.0)
}

fn hilly(start: &str, minutes: u32, km: f64, climb: f64) -> Run {
    let mut r = run_at(start, minutes, km);
    r.climb_m = climb;
    r
}

fn today(facts: &Facts, now: NaiveDateTime, intent: Option<Intent>, minutes: Option<u32>) -> Today {
    let options = Options {
        intent,
        minutes,
        tools: Vec::new(),
    };
    plan(&library(), facts, now, &options, &Timing::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn regions(t: &Today, lib: &Library) -> Vec<String> {
    t.routine
        .steps
        .iter()
        .map(|s| lib.exercise(&s.exercise).unwrap().region.clone())
        .collect()
}

/// Eight easy weekday runs of about 50 minutes before the long one.
fn base_weeks() -> Vec<Run> {
    [
        "2026-02-10",
        "2026-02-13",
        "2026-02-17",
        "2026-02-20",
        "2026-02-24",
        "2026-02-27",
        "2026-03-03",
        "2026-03-05",
    ]
    .iter()
    .map(|d| run_at(&format!("{d} 18:10"), 50, 9.0))
    .collect()
}

#[test]
fn after_a_long_hilly_run_quads_and_calves_come_first_with_the_numbers() {
    let mut runs = base_weeks();
    runs.push(hilly("2026-03-08 08:00", 125, 24.0, 520.0));
    let seeded = Seeded::new(&runs);
    let now = local("2026-03-09 19:00");
    let facts = seeded.facts(now);
    assert_eq!(facts.runs.len(), 9);
    let t = today(&facts, now, Some(Intent::AfterRun), Some(15));
    let lib = library();
    let order = regions(&t, &lib);
    assert_eq!(&order[..2], ["quads", "calves"], "{order:?}");
    assert!(
        t.reasons[0].contains("went 520 m downhill over 24 km (22 m a kilometre)")
            && t.reasons[0].contains("Lee et al. 2020"),
        "{}",
        t.reasons[0]
    );
    assert!(t.reasons[0].contains("yesterday"), "{}", t.reasons[0]);
    // The long run brings the feet right after the core: 2 h 5 min against a median of 50 min.
    let feet = order.iter().position(|r| r == "feet");
    let hamstrings = order.iter().position(|r| r == "hamstrings").unwrap();
    let long = "lasted 2 h 5 min, 2.5 times your median of 50 min over your 8 runs before it";
    match feet {
        Some(feet) => {
            assert!(feet > hamstrings, "{order:?}");
            assert!(t.reasons[feet].contains(long), "{}", t.reasons[feet]);
        }
        // No feet exercise for a roller, or no time: the rule still says what it found.
        None => assert!(
            t.notes
                .iter()
                .any(|n| n.starts_with("After your runs: your run yesterday") && n.contains(long)),
            "{:?}",
            t.notes
        ),
    }
    let sources = t.notes.iter().find(|n| n.starts_with("Sources:")).unwrap();
    assert!(
        sources.contains("Foam rolling is an effective recovery tool in trained distance runners")
    );
}

#[test]
fn a_flat_run_of_the_usual_length_changes_no_order() {
    let mut runs = base_weeks();
    runs.push(run_at("2026-03-08 08:00", 50, 9.0));
    let seeded = Seeded::new(&runs);
    let now = local("2026-03-09 19:00");
    let t = today(&seeded.facts(now), now, Some(Intent::AfterRun), Some(15));
    let order = regions(&t, &library());
    assert_eq!(order[0], "quads", "{order:?}");
    assert!(
        t.reasons
            .iter()
            .all(|r| !r.contains("Lee et al.") && !r.contains("Zhou et al.")),
        "{:?}",
        t.reasons
    );
    assert!(
        t.notes.iter().all(|n| !n.contains("Lee et al.")),
        "{:?}",
        t.notes
    );
}

#[test]
fn a_run_two_hours_ago_makes_it_after_a_run_even_at_half_past_five() {
    let seeded = Seeded::new(&[run_at("2026-03-09 02:30", 60, 12.4)]);
    let now = local("2026-03-09 05:30");
    let t = today(&seeded.facts(now), now, None, None);
    assert_eq!(t.intent, Intent::AfterRun);
    assert_eq!(
        t.intent_reason.as_deref(),
        Some("you ran 12.4 km at 02:30, 2 hours ago, and have not rolled since")
    );
    // The clock alone would have said "before a run" at 05:30.
    let none = today(&Facts::default(), now, None, None);
    assert_eq!(none.intent, Intent::BeforeRun);
}

#[test]
fn the_flags_always_win() {
    let seeded = Seeded::new(&[run_at("2026-03-09 02:30", 60, 12.4)]);
    let now = local("2026-03-09 05:30");
    let t = today(&seeded.facts(now), now, Some(Intent::BeforeRun), None);
    assert_eq!(t.intent, Intent::BeforeRun);
    assert_eq!(t.intent_reason, None);
}

#[test]
fn a_recovery_since_the_run_leaves_the_intent_to_the_clock() {
    let seeded = Seeded::new(&[run_at("2026-03-09 02:30", 60, 12.4)]);
    let now = local("2026-03-09 05:30");
    let mut facts = seeded.facts(now);
    facts.last_recovery = Some(local("2026-03-09 04:00"));
    let t = today(&facts, now, None, None);
    assert_eq!(t.intent, Intent::BeforeRun);
    assert!(t.intent_reason.unwrap().contains("it is 05:30"));
}

#[test]
fn a_run_usually_done_at_this_hour_means_before_a_run() {
    let seeded = Seeded::new(&base_weeks());
    // 17:00 on a Monday after four weeks of 18:10 runs: the clock would say "after".
    let now = local("2026-03-09 17:00");
    let t = today(&seeded.facts(now), now, None, None);
    assert_eq!(t.intent, Intent::BeforeRun, "{:?}", t.intent_reason);
    let why = t.intent_reason.unwrap();
    assert!(why.contains("you often run at about 18:10"), "{why}");
    assert!(why.contains("8 runs in the last 4 weeks"), "{why}");
    // Once today's run is in, the usual hour no longer asks for a warm-up.
    let mut runs = base_weeks();
    runs.push(run_at("2026-03-09 07:00", 30, 5.0));
    let seeded = Seeded::new(&runs);
    let t = today(&seeded.facts(now), now, None, None);
    assert_eq!(t.intent, Intent::AfterRun);
    assert!(t.intent_reason.unwrap().contains("when most runs are over"));
}

#[test]
fn a_week_whose_distance_jumped_asks_for_an_extra_rest_day_release() {
    let mut runs = base_weeks();
    for d in ["2026-03-06", "2026-03-07", "2026-03-08"] {
        runs.push(run_at(&format!("{d} 07:00"), 80, 15.0));
    }
    let seeded = Seeded::new(&runs);
    let now = local("2026-03-09 21:30");
    let t = today(&seeded.facts(now), now, None, None);
    let note = t
        .notes
        .iter()
        .find(|n| n.contains("in the last 7 days"))
        .unwrap();
    // The last 7 days: 9 + 9 + 3 x 15 km; the 3 weeks before (the runner started 4
    // weeks ago): 6 runs of 9 km, 18 km a week.
    assert!(
        note.contains(
            "You ran 63 km in the last 7 days, 250 % more than your average of 18 km a week"
        ),
        "{note}"
    );
    assert!(note.contains("Zhou et al. 2024"), "{note}");
}

#[test]
fn a_warm_up_right_before_a_run_stays_brisk_and_says_why() {
    let now = local("2026-03-09 07:00");
    let t = today(&Facts::default(), now, Some(Intent::BeforeRun), Some(8));
    for s in &t.routine.steps {
        if let StepTiming::Warmup { duration_s, .. } = s.timing {
            assert!(duration_s <= 45, "{duration_s}");
        }
    }
    let note = t
        .notes
        .iter()
        .find(|n| n.contains("short and brisk"))
        .unwrap();
    assert!(
        note.contains("about 6 %") && note.contains("Giovanelli et al. 2018"),
        "{note}"
    );
}

#[test]
fn a_ride_does_not_drive_the_rules() {
    let mut ride = run_at("2026-03-09 02:30", 60, 30.0);
    ride.sport = 2;
    let seeded = Seeded::new(&[ride]);
    let now = local("2026-03-09 05:30");
    let facts = seeded.facts(now);
    assert!(facts.runs.is_empty());
    assert_eq!(today(&facts, now, None, None).intent, Intent::BeforeRun);
}

#[test]
fn an_easy_run_this_morning_does_not_hide_yesterdays_hilly_one() {
    let mut runs = base_weeks();
    runs.push(hilly("2026-03-08 08:00", 125, 24.0, 520.0));
    runs.push(run_at("2026-03-09 07:00", 30, 5.0));
    let seeded = Seeded::new(&runs);
    let now = local("2026-03-09 08:30");
    let t = today(&seeded.facts(now), now, None, Some(15));
    assert_eq!(t.intent, Intent::AfterRun);
    assert!(
        t.intent_reason
            .as_deref()
            .unwrap()
            .contains("you ran 5 km at 07:00")
    );
    let order = regions(&t, &library());
    assert_eq!(&order[..2], ["quads", "calves"], "{order:?}");
    assert!(
        t.reasons[0].contains("your run yesterday went 520 m downhill"),
        "{}",
        t.reasons[0]
    );
}
