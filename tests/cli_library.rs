//! `check`, `list` and `show` on the real binary.

mod common;

use common::{Sandbox, stderr, stdout};

#[test]
fn check_on_the_shipped_library_prints_the_summary() {
    let sb = Sandbox::new();
    let out = sb.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "11 routines, 19 exercises, 16 regions, 3 guides: ok\n"
    );
}

#[test]
fn check_reports_every_problem_and_exits_1() {
    let sb = Sandbox::new();
    let bad = sb.write(
        "mine/bad.yaml",
        "version: 1\nregions:\n  - id: a\n    nme: A\n",
    );
    sb.write("mine/worse.yaml", "version: 1\nroutines:\n  - id: r\n    name: R\n    style: recovery\n    description: d\n    steps:\n      - exercise: glute-release\n        hold: 10\n");
    let out = sb.run(&["check", sb.path().join("mine").to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    // The problems are messages, on standard error; the summary is the result.
    let text = stderr(&out);
    assert!(
        text.contains(&format!(
            "{}:4:5: error: unknown field `nme`",
            bad.display()
        )),
        "{text}"
    );
    assert!(
        text.contains("worse.yaml:9:15: error: routine `r`, step 1: hold is 10 s"),
        "{text}"
    );
    let summary = stdout(&out);
    assert!(!summary.contains("error:"), "{summary}");
    assert!(summary.ends_with("loaded; 2 errors\n"), "{summary}");
}

#[test]
fn check_a_user_routine_that_uses_builtin_exercises() {
    let sb = Sandbox::new();
    let f = sb.write("glutes.yaml", "version: 1\nroutines:\n  - id: glutes-only\n    name: Glutes only\n    style: recovery\n    description: Just glutes.\n    steps:\n      - exercise: glute-release\n        hold: 60\n");
    let out = sb.run(&["check", f.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        "12 routines, 19 exercises, 16 regions, 3 guides: ok\n"
    );
}

#[test]
fn user_routines_from_config_and_library_folders_with_override_notice() {
    let sb = Sandbox::new();
    sb.write("config/routines/mine.yaml", "version: 1\nroutines:\n  - id: pre-run\n    name: My pre-run\n    style: warmup\n    description: d\n    steps:\n      - exercise: calf-warmup\n");
    sb.write(
        "extra/neck.yaml",
        "version: 1\nregions:\n  - id: neck\n    name: Neck\n",
    );
    let extra = sb.path().join("extra");
    let out = sb.run(&[
        "list",
        "--json",
        "--library",
        extra.to_str().unwrap_or_default(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("note: routine `pre-run` overrides the built-in routine"),
        "{}",
        stderr(&out)
    );
    let doc: serde_json::Value =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = doc["routines"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert!(names.contains(&"My pre-run"), "{names:?}");
    let regions: Vec<&str> = doc["regions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(regions.contains(&"neck"));
}

#[test]
fn list_json_has_routines_exercises_and_regions() {
    let sb = Sandbox::new();
    let out = sb.run(&["list", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}"));
    for key in ["routines", "exercises", "regions"] {
        let items = doc[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} is not an array"));
        assert!(!items.is_empty());
        for item in items {
            assert!(item["id"].is_string() && item["name"].is_string(), "{item}");
            if key != "regions" {
                assert!(
                    matches!(item["style"].as_str(), Some("recovery" | "warmup")),
                    "{item}"
                );
            }
        }
    }
    let post = doc["routines"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["id"] == "post-run");
    let post = post.unwrap_or_else(|| panic!("post-run missing"));
    assert_eq!(
        post["regions"],
        serde_json::json!(["quads", "hamstrings", "glutes", "calves"])
    );
    let count = |key: &str| doc[key].as_array().map_or(0, Vec::len);
    assert!(count("regions") >= 12, "{}", count("regions"));
    assert!(count("exercises") >= 16, "{}", count("exercises"));
    assert!(count("routines") >= 8, "{}", count("routines"));
    let guides: Vec<(&str, &str)> = doc["guides"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|g| {
            (
                g["id"].as_str().unwrap_or(""),
                g["title"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let ids: Vec<&str> = guides.iter().map(|g| g.0).collect();
    assert_eq!(ids, ["pressure-and-pain", "why-smr", "warmup-vs-recovery"]);
    assert!(guides.iter().all(|g| !g.1.is_empty()), "{guides:?}");
    let itb = doc["regions"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["id"] == "it-band");
    assert_eq!(
        itb.map(|r| r["rolling"].clone()),
        Some(serde_json::json!("avoid"))
    );
}

#[test]
fn list_plain_shows_styles_and_regions() {
    let out = Sandbox::new().run(&["list"]);
    let text = stdout(&out);
    assert!(
        text.contains("post-run")
            && text.contains("recovery")
            && text.contains("[quads, hamstrings, glutes, calves]"),
        "{text}"
    );
    assert!(text.contains("it-band") && text.contains("do not roll"));
    let guides = text
        .find("Guides")
        .unwrap_or_else(|| panic!("no Guides heading:\n{text}"));
    for id in ["pressure-and-pain", "why-smr", "warmup-vs-recovery"] {
        assert!(text[guides..].contains(id), "{id} not listed under Guides");
    }
}

#[test]
fn show_guide_prints_its_sections_and_sources() {
    let sb = Sandbox::new();
    let out = sb.run(&["show", "pressure-and-pain"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for needed in [
        "Pressure, pain and when not to roll (pressure-and-pain)",
        "When not to roll at all",
        "blood thinners",
        "Sources",
        "Grabow et al. (2018).",
    ] {
        assert!(text.contains(needed), "{needed} missing from\n{text}");
    }
    let text = stdout(&sb.run(&["show", "why-smr"]));
    assert!(
        text.contains("Golgi tendon organs") && text.contains("Behm et al. (2020)"),
        "{text}"
    );
}

#[test]
fn show_exercise_ends_with_cautions_and_the_pressure_guide() {
    let text = stdout(&Sandbox::new().run(&["show", "calf-release"]));
    let cautions = text.rfind("Cautions").unwrap_or_else(|| panic!("{text}"));
    let sources = text.find("Sources").unwrap_or_else(|| panic!("{text}"));
    assert!(sources < cautions, "cautions come last:\n{text}");
    assert!(
        text.trim_end()
            .ends_with("see the guide `pressure-and-pain`."),
        "{text}"
    );
    assert!(
        text.contains("Hold each tender spot at least 30 seconds"),
        "{text}"
    );
}

#[test]
fn show_region_to_avoid_says_why_and_what_instead() {
    let out = Sandbox::new().run(&["show", "it-band"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("Do not roll this region") && text.contains("not a muscle"),
        "{text}"
    );
    assert!(
        text.contains(
            "Quads (quads), Hamstrings (hamstrings), Glutes (glutes) and Side of the hip (side-hip)"
        ),
        "{text}"
    );
    // The routine that works them instead is named, with how to play it.
    assert!(text.contains("foamroll play it-band-alternative"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes when stdout is not a terminal"
    );
}

#[test]
fn show_exercise_and_routine() {
    let sb = Sandbox::new();
    let text = stdout(&sb.run(&["show", "glute-release"]));
    for needed in [
        "Glute release",
        "Set-up",
        "Steps",
        "Form",
        "Cautions",
        "ball: A ball reaches",
    ] {
        assert!(text.contains(needed), "{needed} missing from\n{text}");
    }
    let text = stdout(&sb.run(&["show", "pre-run"]));
    assert!(
        text.contains("keep moving for 30 s per side") && text.contains("dynamic warm-up"),
        "{text}"
    );
    let text = stdout(&sb.run(&["show", "travel-ball"]));
    let ball = text.find("- ball:").unwrap_or(usize::MAX);
    let roller = text.find("- foam roller").unwrap_or(0);
    assert!(ball < roller, "the routine's tool comes first:\n{text}");
    assert!(
        !text.contains("Sit on the roller"),
        "written for the ball:\n{text}"
    );
    assert_eq!(text.matches("Set-up with the ball:").count(), 3, "{text}");
    let text = stdout(&sb.run(&["show", "rest-day"]));
    assert_eq!(text.matches("hold at least 45 s").count(), 4, "{text}");
    assert!(!text.contains("30 seconds"), "{text}");
}

#[test]
fn show_unknown_id_fails_with_a_hint() {
    let out = Sandbox::new().run(&["show", "neck"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no exercise, routine, region or guide has the id `neck`"));
}

#[test]
fn a_library_folder_given_that_is_not_there_lists_the_rest_and_exits_1() {
    let sb = Sandbox::new();
    let missing = sb.path().join("nonexistent");
    let out = sb
        .command()
        .arg("--library")
        .arg(&missing)
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("nonexistent"), "{}", stderr(&out));
    // The built-in routines are listed all the same.
    assert!(stdout(&out).contains("post-run"), "{}", stdout(&out));
    // Without the flag, the same command is fine.
    assert_eq!(sb.run(&["list"]).status.code(), Some(0));
}
