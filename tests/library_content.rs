//! The shipped library carries the facts of the SMR sheet, and none of the defects a
//! review once found in it. Each defect is a row in a table, so that an edit which
//! brings one back fails here.

use foamroll::library::{
    Library, PRESSURE_AND_PAIN, PRESSURE_POINTER, RollingPolicy, StepTiming, Style, Tool, bounds,
    load_builtin,
};

fn lib() -> Library {
    let report = load_builtin();
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    report.library
}

/// What kind of text a piece of the library is, so rules can pick where they apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// Set-up, steps, cues, movement, finish, spoken guide summaries: said aloud.
    Spoken,
    Caution,
    /// Summaries, descriptions, notes, region text.
    Shown,
    /// Guide paragraphs: read, not spoken.
    Guide,
}

struct Piece {
    /// "exercise `calf-warmup` step 1"
    at: String,
    /// The guide it belongs to, if any.
    guide: Option<String>,
    /// The region it is about (exercises only).
    region: Option<String>,
    field: Field,
    text: String,
}

/// Every piece of text in the library, with where it is.
fn pieces(lib: &Library) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut push = |at: String, guide: Option<&str>, region: Option<&str>, field, text: &str| {
        out.push(Piece {
            at,
            guide: guide.map(str::to_string),
            region: region.map(str::to_string),
            field,
            text: text.to_string(),
        });
    };
    for r in &lib.regions {
        push(
            format!("region `{}` name", r.id),
            None,
            None,
            Field::Shown,
            &r.name,
        );
        if let Some(d) = &r.description {
            push(
                format!("region `{}` description", r.id),
                None,
                None,
                Field::Shown,
                d,
            );
        }
        if let Some((reason, _)) = r.avoid() {
            push(
                format!("region `{}` reason", r.id),
                None,
                None,
                Field::Shown,
                reason,
            );
        }
    }
    for e in &lib.exercises {
        let at = |what: &str| format!("exercise `{}` {what}", e.id);
        let reg = Some(e.region.as_str());
        push(at("setup"), None, reg, Field::Spoken, &e.setup);
        for (i, s) in e.steps.iter().enumerate() {
            push(at(&format!("step {}", i + 1)), None, reg, Field::Spoken, s);
        }
        for c in &e.cues {
            push(at("cue"), None, reg, Field::Spoken, c);
        }
        if let Some(m) = &e.movement {
            push(at("movement"), None, reg, Field::Spoken, m);
        }
        for c in &e.cautions {
            push(at("caution"), None, reg, Field::Caution, c);
        }
        for s in e.summary.iter().chain(&e.zones) {
            push(at("summary"), None, reg, Field::Shown, s);
        }
        for q in &e.equipment {
            if let Some(n) = &q.note {
                push(
                    at(&format!("{:?} note", q.tool)),
                    None,
                    reg,
                    Field::Shown,
                    n,
                );
            }
            if let Some(s) = &q.setup {
                push(
                    at(&format!("{:?} setup", q.tool)),
                    None,
                    reg,
                    Field::Spoken,
                    s,
                );
            }
        }
    }
    for r in &lib.routines {
        let at = |what: &str| format!("routine `{}` {what}", r.id);
        push(at("description"), None, None, Field::Shown, &r.description);
        if let Some(f) = &r.finish {
            push(at("finish"), None, None, Field::Spoken, f);
        }
        for s in &r.steps {
            if let StepTiming::Warmup { cue, .. } = &s.timing {
                push(at("cue"), None, None, Field::Spoken, cue);
            }
        }
    }
    for g in &lib.guides {
        let id = Some(g.id.as_str());
        push(
            format!("guide `{}` short", g.id),
            id,
            None,
            Field::Spoken,
            g.short_form(),
        );
        for s in &g.sections {
            for p in &s.paragraphs {
                let at = format!("guide `{}` section {:?}", g.id, s.heading);
                push(at, id, None, Field::Guide, p);
            }
        }
    }
    out
}

/// A number followed by an abbreviated unit: "30 s", "30s", "45 sec", "2 min".
fn abbreviated_unit(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        let split = w.find(|c: char| !c.is_ascii_digit()).unwrap_or(w.len());
        let (digits, rest) = w.split_at(split);
        let unit = if rest.is_empty() {
            words.get(i + 1).copied().unwrap_or("")
        } else {
            rest
        };
        !digits.is_empty() && matches!(unit, "s" | "sec" | "secs" | "min" | "mins" | "m")
    })
}

/// "band" not as part of "IT band" or "iliotibial band".
fn bare_band(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.match_indices("band").any(|(i, _)| {
        let before = &lower[..i];
        let after = lower[i + 4..].chars().next();
        let whole_word = after.is_none_or(|c| !c.is_alphabetic());
        whole_word && !(before.ends_with("it ") || before.ends_with("iliotibial "))
    })
}

/// "right quads", "left calves": one limb must be named in the singular.
fn plural_limb(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["right", "left"].iter().any(|side| {
        lower.match_indices(side).any(|(i, _)| {
            let next = lower[i + side.len()..]
                .split_whitespace()
                .next()
                .unwrap_or("");
            let word = next.trim_matches(|c: char| !c.is_alphabetic());
            matches!(
                word,
                "quads"
                    | "hamstrings"
                    | "glutes"
                    | "calves"
                    | "shins"
                    | "feet"
                    | "legs"
                    | "adductors"
                    | "thighs"
                    | "hips"
            )
        })
    })
}

type Rule = fn(&Piece) -> bool;

/// Old wording a rule must catch: the field, the region, and the text as it once shipped.
type Old = (Field, Option<&'static str>, &'static str);

/// A defect a review found, as a rule that must match no text in the library, with the
/// old wording it must catch (so that the rule can fail).
struct Defect {
    name: &'static str,
    rule: Rule,
    old: &'static [Old],
}

/// The sentences of a text, split where a sentence ends.
fn sentences_of(text: &str) -> Vec<String> {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = flat.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        cur.push(*c);
        if matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|n| *n == ' ') {
            out.push(cur.trim().to_string());
            cur.clear();
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// A sentence of more than 20 words: too long to be heard whole from the floor.
fn long_sentence(text: &str) -> bool {
    sentences_of(text)
        .iter()
        .any(|s| s.split_whitespace().count() > 20)
}

/// "just above the knee", "just below the knee crease": the hollow behind the knee,
/// which a set-up keeps a hand's width from ("just above the kneecap" is bone, fine).
fn just_off_the_knee(text: &str) -> bool {
    let t = text.to_lowercase();
    ["just above the knee", "just below the knee"]
        .iter()
        .any(|p| {
            t.match_indices(p)
                .any(|(i, _)| !t[i + p.len()..].starts_with("cap"))
        })
}

/// The knee crease named in a sentence that does not keep a hand's width from it.
fn crease_without_distance(text: &str) -> bool {
    sentences_of(&text.to_lowercase())
        .iter()
        .any(|s| s.contains("knee crease") && !s.contains("hand's width"))
}

const DEFECTS: &[Defect] = &[
    Defect {
        name: "the back of the knee as a rolling path",
        rule: |p| {
            let t = format!(" {}", p.text.to_lowercase());
            let path = [
                " to the back of the knee",
                " from the back of the knee",
                " towards the back of the knee",
                " over the back of the knee",
            ]
            .iter()
            .any(|s| t.contains(s));
            path || (t.contains("back of the knee")
                && matches!(p.field, Field::Spoken | Field::Shown))
        },
        old: &[(
            Field::Spoken,
            None,
            "Keep rolling from the heel cord to the back of the knee.",
        )],
    },
    Defect {
        name: "\"the band\" alone instead of \"IT band\"",
        rule: |p| bare_band(&p.text),
        old: &[(
            Field::Spoken,
            None,
            "The pressure stays on the outer quad, never the band.",
        )],
    },
    Defect {
        name: "an abbreviated unit (\"30 s\") instead of \"30 seconds\"",
        rule: |p| abbreviated_unit(&p.text),
        old: &[
            (Field::Spoken, None, "Hold it at least 30 s."),
            (Field::Spoken, None, "Keep moving for 45s."),
        ],
    },
    Defect {
        name: "the 30 second rule as the time a trigger point needs to let go",
        rule: |p| {
            let t = p.text.to_lowercase();
            t.contains("needs to let go") || t.contains("trigger point needs")
        },
        old: &[(
            Field::Shown,
            None,
            "At least 30 s, the time a trigger point needs to let go.",
        )],
    },
    Defect {
        name: "\"trigger point\" outside why-smr (say \"tender spot\")",
        rule: |p| {
            p.text.to_lowercase().contains("trigger point") && p.guide.as_deref() != Some("why-smr")
        },
        old: &[(Field::Shown, None, "One trigger point per side.")],
    },
    Defect {
        name: "one limb in the plural (\"right quads\")",
        rule: |p| plural_limb(&p.text),
        old: &[(Field::Spoken, None, "Right quads, inner line")],
    },
    Defect {
        name: "a knee movement cue on the calf",
        rule: |p| p.region.as_deref() == Some("calves") && p.text.contains("bend and straighten"),
        old: &[(
            Field::Spoken,
            Some("calves"),
            "Roll and bend and straighten the knee.",
        )],
    },
    Defect {
        name: "the IT band reason that blames the muscles for being overworked",
        rule: |p| p.text.contains("muscles around it are usually overworked"),
        old: &[(
            Field::Shown,
            None,
            "The muscles around it are usually overworked.",
        )],
    },
    Defect {
        name: "a number of seconds in a recovery exercise (the routine step sets the hold)",
        rule: |p| {
            p.at.starts_with("exercise") && p.region.is_some() && {
                let t = p.text.to_lowercase();
                t.contains("seconds") && t.chars().any(|c| c.is_ascii_digit())
            }
        },
        old: &[],
    },
    Defect {
        name: "a calf set-up that adds weight before rolling over the Achilles",
        rule: |p| {
            let t = p.text.to_lowercase();
            p.region.as_deref() == Some("calves")
                && p.at.ends_with("setup")
                && (t.contains("cross the other leg") || t.contains("add weight"))
        },
        old: &[],
    },
    Defect {
        name: "rolling the lower back",
        rule: |p| {
            let t = p.text.to_lowercase();
            p.field == Field::Spoken
                && (t.contains("roll the lower back") || t.contains("onto the lower back"))
        },
        old: &[(Field::Spoken, None, "Roll the lower back slowly.")],
    },
    Defect {
        name: "advice or a claim the sources do not make (keep to ../shared/smr-facts.md)",
        rule: |p| {
            let t = p.text.to_lowercase();
            [
                "in the evening",
                "evening after",
                "every hour",
                "next two days",
                "more than the flat",
                "a chair leaves",
            ]
            .iter()
            .any(|claim| t.contains(claim))
        },
        old: &[
            (
                Field::Shown,
                None,
                "Recovery rolling belongs after a run, in the evening, or on a day off.",
            ),
            (
                Field::Shown,
                None,
                "Tomorrow, get up from the desk every hour.",
            ),
        ],
    },
    // Review 2 (issue 17), unsafe: the outer thigh read as if rolling over the band were
    // fine while moving.
    Defect {
        name: "the IT band as something to roll past or not stop on (it is never rolled)",
        rule: |p| {
            let t = p.text.to_lowercase();
            t.contains("it band")
                && (t.contains("stop on the it band")
                    || t.contains("hold on the it band")
                    || t.contains("right beside it")
                    || t.contains("runs right beside"))
        },
        old: &[(
            Field::Caution,
            Some("outer-thigh"),
            "Keep the pressure on the front and outer quad and keep moving; the IT band runs right beside it, so never stop on the IT band itself.",
        )],
    },
    // Unsafe: shins.
    Defect {
        name: "both shins on the roller at once (the other shin bone takes the pressure)",
        rule: |p| p.text.to_lowercase().contains("both shins"),
        old: &[(
            Field::Spoken,
            Some("shins"),
            "Kneel on all fours with the roller under both shins.",
        )],
    },
    Defect {
        name: "kneeling: shifting back said to move the contact towards the ankle (it moves towards the knee)",
        rule: |p| {
            sentences_of(&p.text.to_lowercase()).iter().any(|s| {
                (s.contains("weight back") || s.contains("shift back") || s.contains("lean back"))
                    && s.contains("towards the ankle")
            })
        },
        old: &[(
            Field::Spoken,
            Some("shins"),
            "Shift your weight back slowly so the roller moves down the muscle towards the ankle.",
        )],
    },
    // Unsafe: shins and the back of the knee.
    Defect {
        name: "\"just above/below the knee\": the hollow behind the knee or the nerve at the outer knee (a hand's width)",
        rule: |p| just_off_the_knee(&p.text),
        old: &[
            (
                Field::Spoken,
                Some("shins"),
                "Put the ball under the outer side of one shin, just below the knee, on the muscle beside the shin bone.",
            ),
            (
                Field::Spoken,
                Some("hamstrings"),
                "Sit on the floor, legs straight, roller under the thighs just above the knee crease.",
            ),
            (
                Field::Spoken,
                Some("calves"),
                "Sit with one calf on the roller, just below the knee crease, hands on the floor behind you.",
            ),
        ],
    },
    Defect {
        name: "the knee crease named without keeping a hand's width from it",
        rule: |p| {
            matches!(p.field, Field::Spoken | Field::Caution) && crease_without_distance(&p.text)
        },
        old: &[
            (
                Field::Spoken,
                Some("calves"),
                "Keep rolling between the heel and the knee crease; point and flex the foot as you go.",
            ),
            (
                Field::Caution,
                Some("calves"),
                "Stay below the knee crease.",
            ),
        ],
    },
    // Unsafe: the front of the hip ("hip bone" meant three places).
    Defect {
        name: "\"hip bone\" (say which: the front point of the pelvis, the bony point at the side of the hip, the rim of the pelvis)",
        rule: |p| p.text.to_lowercase().contains("hip bone"),
        old: &[(
            Field::Spoken,
            Some("hip-flexors"),
            "Roll slowly in short strokes over the area just below the hip bone.",
        )],
    },
    // Unsafe: the upper back.
    Defect {
        name: "the upper back set up two ways, or bounded by the ribs instead of the shoulder blades",
        rule: |p| {
            let t = p.text.to_lowercase();
            t.contains("behind your head") || t.contains("bottom of the ribs")
        },
        old: &[
            (
                Field::Spoken,
                Some("upper-back"),
                "Hands behind your head to support it.",
            ),
            (
                Field::Caution,
                Some("upper-back"),
                "Never roll the lower back; stop at the bottom of the ribs.",
            ),
        ],
    },
    // Unsafe: the deep glute pushed onto the greater trochanter.
    Defect {
        name: "the ball pushed towards the outside of the hip (the greater trochanter and its bursa)",
        rule: |p| {
            let t = p.text.to_lowercase();
            t.contains("towards the outside of the hip") || t.contains("and the outside of the hip")
        },
        old: &[(
            Field::Caution,
            Some("deep-glute"),
            "If it tingles, burns or goes numb down the leg, you are on the nerve, so move the ball a little towards the outside of the hip, or stop.",
        )],
    },
    // Wrong: wording.
    Defect {
        name: "\"side seam\", a second name for the IT band",
        rule: |p| p.text.to_lowercase().contains("side seam"),
        old: &[(
            Field::Spoken,
            Some("outer-thigh"),
            "Press with the front and outer quad, not the side seam of the thigh.",
        )],
    },
    Defect {
        name: "\"a quarter turn\" from side-lying (that is face down)",
        rule: |p| p.text.to_lowercase().contains("a quarter"),
        old: &[(
            Field::Spoken,
            Some("outer-thigh"),
            "Lie on your side, then turn a quarter towards the floor.",
        )],
    },
    Defect {
        name: "circles with a roller, or \"briskly\" next to \"slow\"",
        rule: |p| {
            let t = p.text.to_lowercase();
            t.contains("circles") || t.contains("briskly")
        },
        old: &[
            (
                Field::Spoken,
                Some("glutes"),
                "Keep rolling in slow circles over the buttock.",
            ),
            (
                Field::Shown,
                Some("glutes"),
                "Roll the buttock briskly before a run, one side at a time.",
            ),
        ],
    },
    Defect {
        name: "a warm-up movement cue that only fits one tool (it is said whatever the tool)",
        rule: |p| {
            let t = p.text.to_lowercase();
            t.contains("hands walking") || (p.at.ends_with("movement") && t.contains("hands"))
        },
        old: &[(
            Field::Spoken,
            Some("hamstrings"),
            "Keep the hands walking and the thigh gliding; turn the foot in and out as you go.",
        )],
    },
    Defect {
        name: "a spoken sentence over 20 words (split it)",
        rule: |p| matches!(p.field, Field::Spoken | Field::Caution) && long_sentence(&p.text),
        old: &[(
            Field::Caution,
            Some("calves"),
            "A calf that is painful, swollen and warm, above all after travel, may be a clot, so do not roll it and get it checked.",
        )],
    },
    Defect {
        name: "a reason for holds taken from rolling time per set (Behm 2020 is not about holds)",
        rule: |p| {
            let t = p.text.to_lowercase();
            t.contains("studies use 1 to 3 sets") || t.contains("hold is 30 to 120")
        },
        old: &[(
            Field::Guide,
            None,
            "Studies use 1 to 3 sets of 30 to 120 seconds, at about 2 to 4 seconds per roll.",
        )],
    },
    Defect {
        name: "soreness \"not milder\" alone, against the 6 percent less pain measured",
        rule: |p| {
            let t = p.text.to_lowercase();
            t.contains("not milder while it lasts")
        },
        old: &[(
            Field::Guide,
            None,
            "Soreness after hard training is said to end sooner, though it is not milder while it lasts.",
        )],
    },
    Defect {
        name: "a region called \"and Achilles\" (the recovery calf skips the Achilles)",
        rule: |p| {
            p.at.starts_with("region") && p.text.contains("Achilles") && p.at.ends_with("name")
        },
        old: &[],
    },
];

/// The rules that also apply to what the coach says aloud.
#[allow(dead_code)]
fn spoken_defects() -> impl Iterator<Item = &'static Defect> {
    DEFECTS.iter()
}

#[test]
fn the_shipped_text_has_none_of_the_defects_found_in_review() {
    let lib = lib();
    let all = pieces(&lib);
    assert!(
        all.len() > 200,
        "the text walk found only {} pieces",
        all.len()
    );
    let mut found = Vec::new();
    for d in DEFECTS {
        for p in all.iter().filter(|p| (d.rule)(p)) {
            found.push(format!("{}: {}: {:?}", d.name, p.at, p.text));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_defect_rules_catch_the_old_wording() {
    // The rules must be able to fail: each old sentence trips its own rule.
    let mut checked = 0;
    for d in DEFECTS {
        for (field, region, text) in d.old {
            let at = match field {
                Field::Spoken => "old setup",
                Field::Caution => "old caution",
                Field::Shown => "old summary",
                Field::Guide => "old guide",
            };
            let p = Piece {
                at: format!("exercise `old` {at}"),
                guide: None,
                region: region.map(str::to_string),
                field: *field,
                text: text.to_string(),
            };
            assert!((d.rule)(&p), "{} misses {text:?}", d.name);
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} old sentences");
    let calf_setup = Piece {
        at: "exercise `calf-warmup` setup".into(),
        guide: None,
        region: Some("calves".into()),
        field: Field::Spoken,
        text: "Sit with one calf on the roller. Cross the other leg over the top to add weight on the calf.".into(),
    };
    assert!(DEFECTS.iter().any(|d| (d.rule)(&calf_setup)));
    let movement = Piece {
        at: "exercise `hamstring-warmup` movement".into(),
        guide: None,
        region: Some("hamstrings".into()),
        field: Field::Spoken,
        text: "Keep the hands walking.".into(),
    };
    assert!(DEFECTS.iter().any(|d| (d.rule)(&movement)));
    let region = Piece {
        at: "region `calves` name".into(),
        guide: None,
        region: None,
        field: Field::Shown,
        text: "Calf and Achilles".into(),
    };
    assert!(DEFECTS.iter().any(|d| (d.rule)(&region)));
    let fine = Piece {
        at: "x".into(),
        guide: None,
        region: None,
        field: Field::Spoken,
        text: "Hold the right quad for 30 seconds; stay off the IT band, a hand's width from the knee crease.".into(),
    };
    let tripped: Vec<_> = DEFECTS
        .iter()
        .filter(|d| (d.rule)(&fine))
        .map(|d| d.name)
        .collect();
    assert!(tripped.is_empty(), "{tripped:?}");
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
fn the_library_is_big_enough_for_a_runner() {
    let lib = lib();
    assert!(lib.regions.len() >= 12, "{}", lib.regions.len());
    assert!(lib.exercises.len() >= 16, "{}", lib.exercises.len());
    assert!(lib.routines.len() >= 8, "{}", lib.routines.len());
    for id in [
        "feet",
        "shins",
        "adductors",
        "hip-flexors",
        "upper-back",
        "deep-glute",
        "quads",
        "hamstrings",
        "glutes",
        "calves",
        "outer-thigh",
        "it-band",
    ] {
        assert!(lib.region(id).is_some(), "region {id}");
    }
    for id in ["pressure-and-pain", "why-smr", "warmup-vs-recovery"] {
        assert!(lib.guide(id).is_some(), "guide {id}");
    }
    // Every rolled region has at least one exercise.
    for r in lib.regions.iter().filter(|r| r.avoid().is_none()) {
        assert!(
            lib.exercises_in(&r.id).count() > 0,
            "region {} has no exercise",
            r.id
        );
    }
}

#[test]
fn every_exercise_has_cautions_sources_and_ends_with_the_pressure_guide() {
    let lib = lib();
    for e in &lib.exercises {
        assert!(!e.cautions.is_empty(), "{} has no caution", e.id);
        assert!(!e.sources.is_empty(), "{} has no source", e.id);
        let sections = e.sections(None);
        let last = sections.last().unwrap_or_else(|| panic!("{}", e.id));
        assert!(last.warning, "{}: cautions come last", e.id);
        assert_eq!(
            last.lines.last().map(String::as_str),
            Some(PRESSURE_POINTER)
        );
        assert!(sections.iter().any(|s| s.title == "Sources"), "{}", e.id);
    }
    for g in &lib.guides {
        assert!(!g.sources.is_empty(), "guide {} has no source", g.id);
    }
    assert!(PRESSURE_POINTER.contains(PRESSURE_AND_PAIN));
}

#[test]
fn stops_short_of_bone_and_joints() {
    let lib = lib();
    // (exercise, words its cautions must hold)
    let table: &[(&str, &[&str])] = &[
        (
            "quad-release",
            &[
                "kneecap",
                "front point of the pelvis",
                "groin crease",
                "artery",
                "pulse",
                "IT band",
            ],
        ),
        (
            "hamstring-release",
            &["hand's width above the knee crease", "sit bone"],
        ),
        (
            "hamstring-warmup",
            &["hand's width above the knee crease", "sit bone"],
        ),
        (
            "glute-release",
            &[
                "tail bone",
                "sit bone",
                "bony point",
                "lower back",
                "sciatic nerve",
            ],
        ),
        (
            "glute-warmup",
            &[
                "tail bone",
                "sit bone",
                "bony point",
                "lower back",
                "sciatic nerve",
            ],
        ),
        (
            "deep-glute-release",
            &[
                "sciatic nerve",
                "sit bone",
                "hand's width from the bony point",
                "two minutes",
            ],
        ),
        (
            "side-hip-release",
            &["above the bony point", "rim of the pelvis", "two minutes"],
        ),
        (
            "calf-release",
            &[
                "hand's width below the knee crease",
                "Achilles",
                "sore or thickened",
                "clot",
                "varicose",
            ],
        ),
        (
            "soleus-release",
            &[
                "hand's width below the knee crease",
                "Achilles",
                "clot",
                "varicose",
            ],
        ),
        (
            "calf-warmup",
            &[
                "Achilles",
                "no extra weight",
                "sore or thickened",
                "clot",
                "varicose",
            ],
        ),
        (
            "outer-thigh-warmup",
            &[
                "Never roll the IT band",
                "front point of the pelvis",
                "kneecap",
            ],
        ),
        (
            "front-thigh-warmup",
            &["kneecap", "front point of the pelvis", "groin crease"],
        ),
        ("foot-release", &["heel bone"]),
        ("foot-warmup", &["heel bone"]),
        (
            "shin-release",
            &[
                "shin bone",
                "hand's width below the knee",
                "nerve",
                "clinician",
            ],
        ),
        (
            "peroneal-release",
            &["hand's width below the knee", "nerve", "ankle bone"],
        ),
        ("adductor-release", &["groin crease", "artery", "pulse"]),
        (
            "hip-flexor-release",
            &[
                "front point of the pelvis",
                "belly",
                "groin crease",
                "pulse",
                "artery",
            ],
        ),
        (
            "upper-back-release",
            &[
                "Never hold on the spine",
                "lower back",
                "neck",
                "osteoporosis",
            ],
        ),
    ];
    for (id, words) in table {
        let e = lib.exercise(id).unwrap_or_else(|| panic!("{id}"));
        let cautions = e.cautions.join(" ");
        for w in *words {
            assert!(
                cautions.contains(w),
                "{id}: cautions lack {w:?}: {cautions}"
            );
        }
    }
    let calf = lib
        .exercise("calf-warmup")
        .unwrap_or_else(|| panic!("calf"));
    assert!(
        calf.steps.iter().any(|s| s.contains("uncross")),
        "uncross at the Achilles"
    );
    let upper = lib
        .exercise("upper-back-release")
        .unwrap_or_else(|| panic!("ub"));
    // One set-up: hugging yourself, with the balls as with the roller.
    assert!(upper.setup.contains("hugging yourself"));
    let balls = upper.setup_for(Some(Tool::Ball));
    assert!(balls.contains("arms crossed over your chest"), "{balls}");
}

#[test]
fn it_band_is_avoided_and_the_reason_says_who_compensates() {
    let lib = lib();
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
    assert!(reason.contains("compensate"), "{reason}");
    assert!(
        reason.contains("overworks and inflames the IT band"),
        "{reason}"
    );
    assert_eq!(alternatives, &["quads", "hamstrings", "glutes", "side-hip"]);
    // The routine for it plays those regions, and is reachable from the region.
    let instead = region
        .instead
        .as_deref()
        .unwrap_or_else(|| panic!("no `instead`"));
    let routine = lib.routine(instead).unwrap_or_else(|| panic!("{instead}"));
    let mut worked = lib.routine_regions(routine);
    worked.sort();
    let mut wanted = alternatives.clone();
    wanted.sort();
    assert_eq!(worked, wanted);
    assert_eq!(lib.exercises_in("it-band").count(), 0);
}

#[test]
fn routines_that_name_a_tool_set_up_every_step_for_it() {
    let lib = lib();
    let mut named = 0;
    for r in &lib.routines {
        let Some(tool) = r.equipment else { continue };
        named += 1;
        for s in &r.steps {
            let e = lib
                .exercise(&s.exercise)
                .unwrap_or_else(|| panic!("{}", s.exercise));
            let setup = e.setup_for(Some(tool));
            if tool != Tool::Roller {
                assert_ne!(
                    setup, e.setup,
                    "{}: {} has no set-up for the {tool:?}",
                    r.id, e.id
                );
                assert!(
                    !setup.contains("roller"),
                    "{}: {} set-up names the roller",
                    r.id,
                    e.id
                );
            }
            let first = e.sections(Some(tool));
            assert!(
                first[0].title.contains(tool.label()),
                "{}: {}",
                r.id,
                first[0].title
            );
            assert_eq!(first[0].lines, [setup]);
        }
        assert!(r.finish.is_some(), "{} has no finish", r.id);
    }
    assert!(named >= 2, "travel-ball and pre-run-ball name the ball");
    assert_eq!(
        lib.routine("travel-ball").and_then(|r| r.equipment),
        Some(Tool::Ball)
    );
    assert_eq!(
        lib.routine("pre-run-ball").and_then(|r| r.equipment),
        Some(Tool::Ball)
    );
}

/// The words that name a tool in set-ups and steps.
fn tool_words(tool: Tool) -> &'static [&'static str] {
    match tool {
        Tool::Roller | Tool::TravelRoller => &["roller"],
        Tool::Stick => &["stick"],
        Tool::Ball => &["ball"],
        Tool::TriggerPointTool => &["trigger-point"],
    }
}

#[test]
fn a_tool_set_up_and_its_steps_never_name_another_tool() {
    // Today's defect: "Sit on the roller" under "Written for the ball".
    let lib = lib();
    let mut checked = 0;
    for e in &lib.exercises {
        for q in e.equipment.iter().filter(|q| q.setup.is_some()) {
            let mut texts = vec![e.setup_for(Some(q.tool)).to_string()];
            texts.extend(e.steps_for(Some(q.tool)).iter().cloned());
            texts.extend(e.cues.iter().cloned());
            for other in Tool::ALL
                .iter()
                .filter(|t| tool_words(**t) != tool_words(q.tool))
            {
                for w in tool_words(*other) {
                    for t in &texts {
                        assert!(
                            !t.to_lowercase().contains(w),
                            "{} with the {:?} names the {w}: {t}",
                            e.id,
                            q.tool
                        );
                    }
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 16, "only {checked} tool set-ups");
}

#[test]
fn every_warmup_exercise_works_with_a_ball() {
    let lib = lib();
    for e in lib.exercises.iter().filter(|e| e.style == Style::Warmup) {
        let ball = e
            .equipment_for(Tool::Ball)
            .unwrap_or_else(|| panic!("{} lacks the ball", e.id));
        assert!(
            ball.note.is_some(),
            "{}: the ball needs a note on how",
            e.id
        );
        assert!(
            e.movement.as_deref().is_some_and(|m| m.contains("Keep")),
            "{}",
            e.id
        );
    }
}

/// Every "N seconds" or "about N minutes" a routine description states.
fn numbers_before(text: &str, unit: &str) -> Vec<u32> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(2)
        .filter(|w| w[1].trim_end_matches(['.', ',', ';']) == unit)
        .filter_map(|w| w[0].parse().ok())
        .collect()
}

#[test]
fn numbers_agree_between_descriptions_and_steps() {
    let lib = lib();
    for r in &lib.routines {
        assert!(
            r.description.starts_with("For ") || r.description.starts_with("The "),
            "{}: say who it is for",
            r.id
        );
        let minutes = numbers_before(&r.description, "minutes");
        let estimate = lib.estimate_minutes(r);
        assert_eq!(minutes.len(), 1, "{}: say how long it takes", r.id);
        assert!(
            minutes[0].abs_diff(estimate) <= 1.max(estimate / 10),
            "{}: says {} minutes, takes about {estimate}",
            r.id,
            minutes[0]
        );
        for n in numbers_before(&r.description, "seconds") {
            let stated_by_a_step = r.steps.iter().all(|s| match &s.timing {
                StepTiming::Recovery { min_hold_s, .. } => *min_hold_s == Some(n),
                StepTiming::Warmup { duration_s, .. } => *duration_s == n,
            });
            assert!(
                stated_by_a_step,
                "{}: {n} seconds is not what every step does",
                r.id
            );
        }
    }
    // The rest-day's 45 second hold is the number its steps carry.
    let rest = lib
        .routine("rest-day")
        .unwrap_or_else(|| panic!("rest-day"));
    assert!(rest.steps.iter().all(|s| matches!(
        s.timing,
        StepTiming::Recovery {
            min_hold_s: Some(45),
            ..
        }
    )));
    // Quads have three lines: three spots per side on the travel routine, as it says.
    let travel = lib
        .routine("travel-ball")
        .unwrap_or_else(|| panic!("travel"));
    assert_eq!(lib.exercise("quad-release").map(|e| e.zones.len()), Some(3));
    assert!(travel.description.contains("three per side"));
}

#[test]
fn every_hold_and_timing_is_within_the_bounds() {
    let lib = lib();
    for r in &lib.routines {
        if let Some(v) = r.get_ready_s {
            assert!(bounds::GET_READY_S.contains(&v), "{}", r.id);
        }
        for v in r
            .rest_s
            .iter()
            .chain(r.steps.iter().filter_map(|s| s.rest_s.as_ref()))
        {
            assert!(bounds::REST_S.contains(v), "{}", r.id);
        }
        for s in &r.steps {
            if let StepTiming::Recovery {
                min_hold_s,
                search_limit_s,
                ..
            } = s.timing
            {
                let hold = min_hold_s.unwrap_or(bounds::MIN_RECOVERY_HOLD_S);
                assert!(bounds::RECOVERY_HOLD_S.contains(&hold), "{}", r.id);
                if let Some(l) = search_limit_s {
                    assert!(bounds::SEARCH_LIMIT_S.contains(&l), "{}", r.id);
                }
            }
        }
    }
}

#[test]
fn guides_carry_the_facts_of_the_sources() {
    let lib = lib();
    let text = |id: &str| {
        let g = lib.guide(id).unwrap_or_else(|| panic!("{id}"));
        g.sections
            .iter()
            .flat_map(|s| s.paragraphs.iter())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let table: &[(&str, &[&str])] = &[
        (
            "pressure-and-pain",
            &[
                "breathe",
                "moderate",
                "Sharp or shooting pain",
                "tingling",
                "numbness",
                "fresh injury",
                "swelling",
                "bruise",
                "varicose veins",
                "blood thinners",
                "clotting disorder",
                "reduced feeling",
                "Pain on a bone",
                "lasts after rolling",
                "after about 30 seconds",
            ],
        ),
        (
            "why-smr",
            &[
                "Fascia",
                "not real knots",
                "trigger point",
                "spindles",
                "Golgi tendon organs",
                "back and forth",
                "sponge",
                "ends sooner rather than being milder",
                "a little milder too",
                "chain",
                "neither worthless nor a cure-all",
                "MacDonald et al. 2013",
                "Healey et al. 2013",
                "Okamoto et al. 2013",
                "MacDonald et al. 2012",
                "over weeks",
                "after about 30 seconds",
            ],
        ),
        (
            "warmup-vs-recovery",
            &[
                "keep the body moving",
                "hold",
                "dynamic warm-up",
                "blood",
                "range of motion",
            ],
        ),
    ];
    for (id, words) in table {
        let t = text(id);
        for w in *words {
            assert!(t.contains(w), "guide {id} lacks {w:?}");
        }
    }
    let short = lib
        .guide(PRESSURE_AND_PAIN)
        .map(|g| g.short_form().to_string());
    let short = short.unwrap_or_default();
    assert!(
        short.split(". ").count() <= 2,
        "one or two spoken sentences: {short}"
    );
    assert!(
        short.contains("Sharp pain, tingling or numbness"),
        "{short}"
    );
    // It fits two lines of the Countdown pane at 80x24 (50 columns).
    assert!(short.len() <= 100, "{short}");
}

#[test]
fn per_side_regions_have_a_singular_for_speaking() {
    let lib = lib();
    for e in lib.exercises.iter().filter(|e| e.per_side) {
        let region = lib
            .region(&e.region)
            .unwrap_or_else(|| panic!("{}", e.region));
        assert!(
            region.singular.is_some(),
            "region {} needs `singular`",
            region.id
        );
        assert!(
            !plural_limb(&region.one_side("right")),
            "{}",
            region.one_side("right")
        );
    }
    assert_eq!(
        lib.region("quads").map(|r| r.one_side("right")).as_deref(),
        Some("right quad")
    );
    assert_eq!(
        lib.region("calves").map(|r| r.one_side("left")).as_deref(),
        Some("left calf")
    );
}

#[test]
fn post_run_pre_run_and_the_new_routines() {
    let lib = lib();
    let post = lib
        .routine("post-run")
        .unwrap_or_else(|| panic!("post-run"));
    assert_eq!(post.style, Style::Recovery);
    assert_eq!(
        lib.routine_regions(post),
        ["quads", "hamstrings", "glutes", "calves"]
    );
    let pre = lib.routine("pre-run").unwrap_or_else(|| panic!("pre-run"));
    assert_eq!(pre.style, Style::Warmup);
    assert_eq!(lib.routine_regions(pre), ["calves", "outer-thigh", "quads"]);
    assert!(
        pre.finish
            .as_deref()
            .is_some_and(|f| f.contains("dynamic warm-up"))
    );
    let regions = |id: &str| {
        lib.routine(id)
            .map(|r| lib.routine_regions(r))
            .unwrap_or_default()
    };
    assert_eq!(regions("foot-and-calf"), ["feet", "calves"]);
    assert!(regions("desk-day").contains(&"upper-back".to_string()));
    assert!(regions("desk-day").contains(&"hip-flexors".to_string()));
    assert!(regions("long-run").len() >= 6);
    for r in &lib.routines {
        assert!(r.finish.is_some(), "{} has no finish", r.id);
    }
}

#[test]
fn quads_keep_the_facts_of_the_sheet() {
    let lib = lib();
    let quads = lib
        .exercise("quad-release")
        .unwrap_or_else(|| panic!("quad-release"));
    assert_eq!(quads.zones, ["inner line", "middle line", "outer line"]);
    assert!(quads.cues.iter().any(|c| c.contains("navel")));
    assert!(quads.cues.iter().any(|c| c.contains("back flat")));
    let outer = lib
        .exercise("outer-thigh-warmup")
        .unwrap_or_else(|| panic!("outer"));
    assert!(
        outer
            .cautions
            .iter()
            .any(|c| c.contains("IT band") && c.to_lowercase().contains("never roll"))
    );
}

#[test]
fn the_library_estimate_matches_the_session_plan() {
    use foamroll::library::SEARCH_ESTIMATE_S;
    use foamroll::session::{PhaseKind, Plan, Timing};
    let lib = lib();
    for r in &lib.routines {
        let plan = Plan::new(&lib, r, &Timing::default());
        let from_plan: u64 = plan
            .phases
            .iter()
            .map(|p| match p.kind {
                PhaseKind::Search { .. } => u64::from(SEARCH_ESTIMATE_S),
                _ => p.length().unwrap_or_default().as_secs(),
            })
            .sum();
        assert_eq!(u64::from(lib.estimate_s(r)), from_plan, "{}", r.id);
    }
}

/// `src/library/builtin.json` is the shipped library precomputed from its YAML; run
/// `FOAMROLL_REGENERATE=1 cargo test --test library_content precomputed` after editing
/// `routines/`.
#[test]
fn the_precomputed_library_is_current_and_identical_to_the_yaml() {
    use foamroll::library::{load_builtin_yaml, precomputed};
    let from_yaml = load_builtin_yaml();
    assert!(
        from_yaml.diagnostics.is_empty(),
        "{:#?}",
        from_yaml.diagnostics
    );
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/library/builtin.json");
    let fresh = precomputed::render(&from_yaml.library);
    if std::env::var_os("FOAMROLL_REGENERATE").is_some() {
        std::fs::write(path, &fresh).unwrap_or_else(|e| panic!("{e}"));
        return; // this binary still carries the old copy: run the test again
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "src/library/builtin.json is out of date: run FOAMROLL_REGENERATE=1 cargo test --test library_content precomputed"
    );
    // The binary uses it, and what the loader hands out is exactly what the YAML
    // gives, origins included.
    assert!(
        precomputed::is_current(),
        "rebuild: the binary carries an old copy"
    );
    assert_eq!(load_builtin().library, from_yaml.library);
    let lib = load_builtin().library;
    assert_eq!(
        lib.routine("post-run").map(|r| r.origin.path.as_str()),
        Some("routines/post-run.yaml")
    );
    assert!(lib.guides.iter().all(|g| g.origin.builtin));
}

#[test]
fn the_coach_speaks_the_routine_tools_set_up() {
    use foamroll::wording::{VoiceDetail, step_intro};
    let lib = lib();
    let travel = lib
        .routine("travel-ball")
        .unwrap_or_else(|| panic!("travel-ball"));
    for s in &travel.steps {
        let e = lib
            .exercise(&s.exercise)
            .unwrap_or_else(|| panic!("{}", s.exercise));
        let said = step_intro(e, travel.equipment, VoiceDetail::Full);
        assert!(said.contains("ball"), "{said}");
        assert!(!said.contains("roller"), "{said}");
        let on_the_roller = step_intro(e, None, VoiceDetail::Full);
        assert!(on_the_roller.contains("roller"), "{on_the_roller}");
    }
}

/// The coach says the caution the data marks as the most important one
/// (`spoken_caution`), whole. Once it said only the first: the quad's kneecap, never its
/// artery; the glute's bones, never its nerve. Where a nerve or vessel is near (the
/// region's landmarks say so), the spoken caution names it.
#[test]
fn the_spoken_caution_is_the_marked_one_and_names_the_nerve_nearby() {
    use foamroll::wording::{VoiceDetail, step_intro};
    let lib = lib();
    let mut cut = Vec::new();
    for e in &lib.exercises {
        let main = e
            .main_caution()
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        for detail in [VoiceDetail::Full, VoiceDetail::Brief] {
            let said = step_intro(e, None, detail);
            if !said.ends_with(&format!("Careful: {main}")) {
                cut.push(format!("{}: says {said:?}", e.id));
            }
        }
        if let Some(problem) = spoken_caution_problem(&lib, e) {
            cut.push(problem);
        }
    }
    assert!(cut.is_empty(), "{}", cut.join("\n"));
    // The rule catches the old data: the glute release said its first caution, the bones.
    let mut old = lib
        .exercise("glute-release")
        .cloned()
        .unwrap_or_else(|| panic!("glute-release"));
    old.cautions = vec![
        "Stay off the tail bone, the sit bone, the hip bone and the lower back.".into(),
        "If the pain runs down the leg or feels like pins and needles, move off the spot.".into(),
    ];
    old.spoken_caution = 0;
    assert!(spoken_caution_problem(&lib, &old).is_some());
    let mut quad = lib
        .exercise("quad-release")
        .cloned()
        .unwrap_or_else(|| panic!("quad-release"));
    quad.spoken_caution = 0;
    assert!(spoken_caution_problem(&lib, &quad).is_some());
}

/// Why the spoken caution of `e` falls short, if it does: near a nerve or vessel it
/// must name one of them.
fn spoken_caution_problem(lib: &Library, e: &foamroll::library::Exercise) -> Option<String> {
    let region = lib.region(&e.region)?;
    let near: Vec<_> = region.nerves_and_vessels().collect();
    let spoken = e.main_caution().unwrap_or_default();
    (!near.is_empty() && !near.iter().any(|l| l.named_by(spoken))).then(|| {
        format!(
            "{}: the spoken caution {spoken:?} names none of {:?}",
            e.id,
            near.iter().map(|l| l.id()).collect::<Vec<_>>()
        )
    })
}

/// The coach says at most two sentences of a set-up. The upper back's third sentence,
/// "Hands behind your head to support it.", was never said, nor the hamstring's "work
/// one leg at a time": every set-up, for every tool, must be short enough to be said whole.
#[test]
fn every_set_up_is_said_whole() {
    use foamroll::wording::{VoiceDetail, step_intro};
    let lib = lib();
    let mut cut = Vec::new();
    for e in &lib.exercises {
        let tools = std::iter::once(None).chain(e.equipment.iter().map(|q| Some(q.tool)));
        for tool in tools {
            let setup = e
                .setup_for(tool)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let said = step_intro(e, tool, VoiceDetail::Full);
            if !said.contains(&setup) {
                cut.push(format!("{} ({tool:?}): says {said:?}", e.id));
            }
        }
    }
    assert!(cut.is_empty(), "{}", cut.join("\n"));
}
