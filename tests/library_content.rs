//! The shipped library carries the facts of the SMR sheet.

use foamroll::library::{RollingPolicy, StepTiming, Style, Tool, load_builtin};

#[test]
fn builtin_library_loads_without_any_diagnostic() {
    let report = load_builtin();
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    assert!(report.library.routines.len() >= 4);
}

#[test]
fn every_file_in_routines_is_built_in() {
    let listed: Vec<&str> = foamroll::library::BUILTIN_FILES
        .iter()
        .map(|(p, _)| *p)
        .collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/routines");
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{e}")) {
        let name = entry
            .unwrap_or_else(|e| panic!("{e}"))
            .file_name()
            .to_string_lossy()
            .into_owned();
        assert!(
            listed.contains(&format!("routines/{name}").as_str()),
            "{name} is not embedded"
        );
    }
}

#[test]
fn it_band_is_avoided_with_reason_and_alternatives() {
    let lib = load_builtin().library;
    let region = lib
        .region("it-band")
        .unwrap_or_else(|| panic!("no it-band"));
    let RollingPolicy::Avoid {
        reason,
        alternatives,
    } = &region.policy
    else {
        panic!("the IT band must be `rolling: avoid`");
    };
    assert!(reason.contains("not a muscle"));
    assert_eq!(alternatives, &["quads", "hamstrings", "glutes"]);
    assert_eq!(lib.exercises_in("it-band").count(), 0);
}

#[test]
fn recovery_exercises_cover_quads_hamstrings_glutes_one_side_at_a_time() {
    let lib = load_builtin().library;
    for region in ["quads", "hamstrings", "glutes"] {
        let ex = lib
            .exercises_in(region)
            .find(|e| e.style == Style::Recovery)
            .unwrap_or_else(|| panic!("no recovery exercise for {region}"));
        assert!(ex.per_side, "{region} is worked one side at a time");
        assert!(
            ex.steps.iter().any(|s| s.contains("30 seconds")),
            "{region} says hold 30 s"
        );
    }
    let quads = lib
        .exercise("quad-release")
        .unwrap_or_else(|| panic!("quad-release"));
    assert_eq!(quads.zones, ["inner line", "middle line", "outer line"]);
    assert!(quads.cues.iter().any(|c| c.contains("navel")));
    assert!(quads.cues.iter().any(|c| c.contains("back flat")));
}

#[test]
fn warmup_exercises_keep_moving_and_outer_thigh_warns_about_the_band() {
    let lib = load_builtin().library;
    for id in ["calf-warmup", "outer-thigh-warmup", "front-thigh-warmup"] {
        let ex = lib.exercise(id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(ex.style, Style::Warmup);
        assert!(
            ex.movement.as_deref().is_some_and(|m| m.contains("Keep")),
            "{id}"
        );
    }
    let outer = lib
        .exercise("outer-thigh-warmup")
        .unwrap_or_else(|| panic!("outer"));
    assert!(
        outer
            .cautions
            .iter()
            .any(|c| c.contains("IT band") && c.contains("never"))
    );
    for id in ["outer-thigh-warmup", "front-thigh-warmup"] {
        let ex = lib.exercise(id).unwrap_or_else(|| panic!("{id}"));
        assert!(
            ex.movement
                .as_deref()
                .is_some_and(|m| m.contains("bend and straighten"))
        );
    }
}

#[test]
fn post_run_and_pre_run_routines() {
    let lib = load_builtin().library;
    let post = lib
        .routine("post-run")
        .unwrap_or_else(|| panic!("post-run"));
    assert_eq!(post.style, Style::Recovery);
    assert_eq!(lib.routine_regions(post), ["quads", "hamstrings", "glutes"]);
    for step in &post.steps {
        assert!(
            matches!(
                step.timing,
                StepTiming::Recovery {
                    min_hold_s: None,
                    ..
                }
            ),
            "default hold"
        );
    }
    let pre = lib.routine("pre-run").unwrap_or_else(|| panic!("pre-run"));
    assert_eq!(pre.style, Style::Warmup);
    assert_eq!(lib.routine_regions(pre), ["calves", "outer-thigh", "quads"]);
    assert!(
        pre.finish
            .as_deref()
            .is_some_and(|f| f.contains("dynamic warm-up"))
    );
    let travel = lib
        .routine("travel-ball")
        .unwrap_or_else(|| panic!("travel-ball"));
    assert_eq!(travel.equipment, Some(Tool::Ball));
}
