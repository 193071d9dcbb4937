//! The shipped library carries the facts of the SMR sheet, and none of the defects a
//! review once found in it. Each defect is a row in a table, so that an edit which
//! brings one back fails here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

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
        name: "advice or a claim the sources do not make (keep to the SMR facts sheet)",
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
    // Found on the author's review walk: the middle of the buttock is where the sciatic
    // nerve runs (the facts sheet's nerve list); a ball is placed above it.
    Defect {
        name: "a ball placed in the middle of the buttock (the sciatic nerve runs there)",
        rule: |p| {
            let t = p.text.to_lowercase();
            t.contains("middle of one buttock") || t.contains("middle of the buttock")
        },
        old: &[(
            Field::Spoken,
            Some("deep-glute"),
            "Sit on the floor with the ball under the middle of one buttock, hands behind you.",
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
        name: "a calf path open at the heel (start just above the heel bone)",
        rule: |p| {
            let calf = matches!(p.region.as_deref(), Some("calves" | "soleus"));
            let t = p.text.to_lowercase();
            let open_path = sentences_of(&t).iter().any(|s| {
                s.contains("achilles") && s.contains("knee crease") && !s.contains("heel bone")
            });
            let no_start = p.at.ends_with("setup")
                && !t.contains("heel bone")
                && !t.contains("knee crease")
                && !t.contains("middle of the calf")
                && !t.contains("lower half");
            calf && matches!(p.field, Field::Spoken) && (open_path || no_start)
        },
        old: &[
            (
                Field::Spoken,
                Some("calves"),
                "Keep rolling between the Achilles and a hand's width below the knee crease; point and flex the foot.",
            ),
            (
                Field::Spoken,
                Some("calves"),
                "Lift your hips and roll from the Achilles up to a hand's width below the knee crease.",
            ),
        ],
    },
    Defect {
        name: "a stick on the outer lower leg with the knee dropped out (that side lies on the floor)",
        rule: |p| {
            let t = p.text.to_lowercase();
            p.region.as_deref() == Some("peroneals")
                && t.contains("stick")
                && (t.contains("dropped out") || t.contains("knee out"))
        },
        old: &[(
            Field::Spoken,
            Some("peroneals"),
            "Sit, knee dropped out, the stick on the outer lower leg, a hand's width below the knee.",
        )],
    },
    Defect {
        name: "the front of the hip set up only a little on its side, or the roller as a first try",
        rule: |p| {
            let t = p.text.to_lowercase();
            (p.region.as_deref() == Some("hip-flexors")
                && (t.contains("tipped a little") || t.contains("just below and outside")))
                || t.contains("suits a first try")
        },
        old: &[
            (
                Field::Spoken,
                Some("hip-flexors"),
                "Lie face down on your forearms, tipped a little onto one side, the roller under that hip. Place it just below and outside the front point of the pelvis.",
            ),
            (
                Field::Shown,
                Some("hip-flexors"),
                "A roller spreads the pressure; it suits a first try.",
            ),
        ],
    },
    Defect {
        name: "a cause claimed without a source (\"tightness ... comes from them\")",
        rule: |p| {
            let t = p.text.to_lowercase();
            t.contains("often comes from") || t.contains("tightness in the lower back")
        },
        old: &[(
            Field::Shown,
            None,
            "Work the glutes, the outer front of the hip and the upper back instead: tightness in the lower back often comes from them.",
        )],
    },
    Defect {
        name: "\"slowly\" as several seconds a pass, against Behm's 2 to 4 seconds",
        rule: |p| {
            let t = p.text.to_lowercase();
            t.contains("takes several seconds")
                || (t.contains("2 to 4 seconds")
                    && t.contains("few centimetres")
                    && !t.contains("warm-up"))
        },
        old: &[(
            Field::Guide,
            None,
            "Slowly means a few centimetres a second: one pass along a muscle takes several seconds.",
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

/// A tool that is not a roller but has no set-up and steps of its own: `today` would
/// tell someone with only that tool to use a roller.
fn tools_without_own_set_up(e: &foamroll::library::Exercise) -> Vec<String> {
    e.equipment
        .iter()
        .filter(|q| matches!(q.tool, Tool::Stick | Tool::TriggerPointTool))
        .filter(|q| {
            q.setup.is_none() || q.steps.is_empty() || (e.spoken.is_some() && q.spoken.is_none())
        })
        .map(|q| {
            format!(
                "{} with the {:?} has no set-up and steps of its own",
                e.id, q.tool
            )
        })
        .collect()
}

#[test]
fn a_stick_or_trigger_point_tool_has_its_own_set_up_and_steps() {
    let lib = lib();
    let found: Vec<String> = lib
        .exercises
        .iter()
        .flat_map(tools_without_own_set_up)
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The rule catches the old entry: the stick with only a note, as calf-warmup had it.
    let mut old = lib
        .exercise("calf-warmup")
        .cloned()
        .unwrap_or_else(|| panic!("calf-warmup"));
    for q in old.equipment.iter_mut().filter(|q| q.tool == Tool::Stick) {
        q.setup = None;
        q.steps.clear();
        q.spoken = None;
        q.note = Some("Sit with the knee bent and run the stick up and down the calf.".into());
    }
    assert_eq!(tools_without_own_set_up(&old).len(), 1);
    // And what is shown first with the stick is its own set-up, never the roller's.
    for e in &lib.exercises {
        for t in [Tool::Stick, Tool::TriggerPointTool] {
            if e.equipment_for(t).is_some() {
                let first = &e.sections(Some(t))[0];
                assert_eq!(
                    first.title,
                    format!("Set-up with the {}", t.label()),
                    "{}",
                    e.id
                );
                assert!(
                    !first.lines.concat().contains("roller"),
                    "{}: {:?}",
                    e.id,
                    first.lines
                );
                let said = e.spoken_setup(Some(t)).unwrap_or_default();
                assert!(
                    !said.contains("roller"),
                    "{} with the {t:?} says {said:?}",
                    e.id
                );
            }
        }
    }
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

/// Every paragraph of a guide, as one text.
fn guide_text(lib: &Library, id: &str) -> String {
    let g = lib.guide(id).unwrap_or_else(|| panic!("{id}"));
    g.sections
        .iter()
        .flat_map(|s| s.paragraphs.iter())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn guides_carry_the_facts_of_the_sources() {
    let lib = lib();
    let text = |id: &str| guide_text(&lib, id);
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
        // `show` marks the one said aloud, and only that one.
        let shown = e.sections(None);
        let marked: Vec<&String> = shown
            .iter()
            .flat_map(|s| s.lines.iter())
            .filter(|l| l.ends_with("(said aloud)"))
            .collect();
        if e.cautions.len() > 1 && (marked.len() != 1 || !marked[0].contains(main.as_str())) {
            cut.push(format!("{}: `show` marks {marked:?}", e.id));
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

/// The coach says a set-up written to be spoken, whole, for every tool (the full set-up
/// stays on screen): once, the upper back's "Hands behind your head to support it." was
/// never said, being the third sentence of the full text.
#[test]
fn every_set_up_is_said_whole() {
    use foamroll::wording::{VoiceDetail, step_intro};
    let lib = lib();
    let mut cut = Vec::new();
    for e in &lib.exercises {
        let tools = std::iter::once(None).chain(e.equipment.iter().map(|q| Some(q.tool)));
        for tool in tools {
            let spoken = e.spoken_setup(tool).unwrap_or_default();
            let said = step_intro(e, tool, VoiceDetail::Full);
            if spoken.is_empty() || !said.contains(spoken) {
                cut.push(format!("{} ({tool:?}): says {said:?}", e.id));
            }
        }
    }
    assert!(cut.is_empty(), "{}", cut.join("\n"));
}

/// Every exercise has a set-up written to be spoken, for each tool with a set-up of its
/// own, short enough to be heard whole before the count (and `check`'s ear rules pass:
/// the built-in library loads without a problem).
#[test]
fn every_exercise_has_a_spoken_set_up_for_each_of_its_set_ups() {
    let lib = lib();
    for e in &lib.exercises {
        let general = e
            .spoken
            .as_deref()
            .unwrap_or_else(|| panic!("{}: no spoken set-up", e.id));
        assert!(
            foamroll::library::ear_problems(general).is_empty(),
            "{}: {general}",
            e.id
        );
        for q in &e.equipment {
            let own = q.setup.as_deref().filter(|s| *s != e.setup);
            if own.is_some() {
                let spoken = q.spoken.as_deref().unwrap_or_else(|| {
                    panic!("{}: the {:?} set-up has no spoken form", e.id, q.tool)
                });
                assert_eq!(e.spoken_setup(Some(q.tool)), Some(spoken));
                assert!(
                    foamroll::library::ear_problems(spoken).is_empty(),
                    "{spoken}"
                );
            }
        }
    }
    // The rules can fail: the full set-ups are mostly too long to be spoken.
    let too_long = lib
        .exercises
        .iter()
        .filter(|e| !foamroll::library::ear_problems(&e.setup).is_empty())
        .count();
    assert!(too_long > lib.exercises.len() / 2, "{too_long}");
}

// ---------------------------------------------------------------------------------
// What is said aloud: every shipped routine and `today` plans, played through the
// coach that `play ID --plain --voice` drives, on a fake clock, with a speaker that
// writes down what it is asked to say (what the speech command receives).

#[derive(Debug, Default)]
struct Ears {
    heard: std::sync::Mutex<Vec<String>>,
}

impl foamroll::coach::Speaker for Ears {
    fn phase(&self, _epoch: u64) {}
    fn say(&self, _epoch: u64, text: &str, _lifetime: Option<std::time::Duration>) {
        if let Ok(mut h) = self.heard.lock() {
            h.push(text.to_string());
        }
    }
}

/// Everything the coach asks the speech command to say over a whole hands-free run.
fn spoken_run(lib: &Library, routine: &foamroll::library::Routine) -> Vec<String> {
    use foamroll::coach::{Coach, CoachConfig};
    use foamroll::session::Timing;
    use std::sync::Arc;
    let ears = Arc::new(Ears::default());
    let config = CoachConfig {
        speaker: Some(ears.clone()),
        ..CoachConfig::default()
    };
    let timing = Timing {
        auto_release: true,
        auto_find_s: Some(10),
        ..Timing::default()
    };
    let wall = chrono::DateTime::parse_from_rfc3339("2026-11-21T07:30:00+01:00")
        .unwrap_or_else(|e| panic!("{e}"));
    let t0 = std::time::Instant::now();
    let mut coach = Coach::start(
        Arc::new(lib.clone()),
        routine,
        &timing,
        config,
        None,
        t0,
        wall,
    );
    let mut now = t0;
    for _ in 0..100_000 {
        let Some(next) = coach.next_wakeup(now) else {
            break;
        };
        now = next.max(now);
        coach.tick(now);
        let _ = coach.take_notes();
        if coach.is_over() {
            break;
        }
    }
    assert!(coach.is_over(), "{} never ended", routine.id);
    ears.heard.lock().map(|h| h.clone()).unwrap_or_default()
}

/// The `today` plans a person can get with no history: each intent, each tool set.
fn today_plans(lib: &Library) -> Vec<foamroll::library::Routine> {
    use foamroll::today::{Facts, Intent, Options, plan};
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
        .and_then(|d| d.and_hms_opt(7, 30, 0))
        .unwrap_or_else(|| panic!("date"));
    let mut out = Vec::new();
    for intent in [Intent::BeforeRun, Intent::AfterRun, Intent::RestDay] {
        for tools in [vec![], vec![Tool::Ball], vec![Tool::Stick, Tool::Ball]] {
            let options = Options {
                intent: Some(intent),
                minutes: None,
                tools,
            };
            let t = plan(
                lib,
                &Facts::default(),
                now,
                &options,
                &foamroll::session::Timing::default(),
            )
            .unwrap_or_else(|e| panic!("{e:?}"));
            out.push(t.routine);
        }
    }
    out
}

/// What is wrong with one of `today`'s reasons: "it" for a plural region ("Hamstrings:
/// your run will load it"), or a long run named when no recorded run was long.
fn reason_problem(
    reason: &str,
    region_names: &[String],
    long_run_recorded: bool,
) -> Option<String> {
    let lead = region_names
        .iter()
        .filter(|n| reason.starts_with(&format!("{n}:")) || reason.starts_with(&format!("{n},")))
        .max_by_key(|n| n.len())?;
    let plural = foamroll::wording::singular(lead) != lead.to_lowercase();
    let t = reason.to_lowercase();
    let it = [" load it", " rated it", ": it ", " needs it"];
    if plural && it.iter().any(|w| t.contains(w)) {
        return Some(format!("\"it\" for {lead}: {reason}"));
    }
    if !long_run_recorded && t.contains("long run") {
        return Some(format!("a long run with none recorded: {reason}"));
    }
    None
}

#[test]
fn today_reasons_fit_the_region_and_the_runs() {
    use foamroll::today::{Facts, Intent, Options, plan};
    let lib = lib();
    let names: Vec<String> = lib.regions.iter().map(|r| r.name.clone()).collect();
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
        .and_then(|d| d.and_hms_opt(7, 30, 0))
        .unwrap_or_else(|| panic!("date"));
    let mut found = Vec::new();
    let mut checked = 0;
    for intent in [Intent::BeforeRun, Intent::AfterRun, Intent::RestDay] {
        for tools in [vec![], vec![Tool::Stick], vec![Tool::Ball]] {
            let options = Options {
                intent: Some(intent),
                minutes: None,
                tools,
            };
            let t = plan(
                &lib,
                &Facts::default(),
                now,
                &options,
                &foamroll::session::Timing::default(),
            )
            .unwrap_or_else(|e| panic!("{e:?}"));
            for r in &t.reasons {
                checked += 1;
                found.extend(reason_problem(r, &names, false));
            }
        }
    }
    assert!(checked >= 20, "only {checked} reasons");
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The old sentences, printed with no run recorded, are caught.
    for old in [
        "Hamstrings: your run will load it; 25 seconds a side, keep moving.",
        "Calves: it carried every stride of your run, and after a long run it needs it most.",
    ] {
        assert!(reason_problem(old, &names, false).is_some(), "{old}");
    }
    assert!(
        reason_problem(
            "Soleus: your run will load it; 25 seconds a side, keep moving.",
            &names,
            false
        )
        .is_none()
    );
}

#[test]
fn what_is_said_aloud_breaks_no_rule() {
    let lib = lib();
    let mut routines: Vec<_> = lib.routines.clone();
    routines.extend(today_plans(&lib));
    let mut found = Vec::new();
    let mut said_total = 0;
    for r in &routines {
        let said = spoken_run(&lib, r);
        assert!(said.len() > 10, "{}: only {said:?}", r.id);
        said_total += said.len();
        for text in &said {
            let piece = Piece {
                at: format!("spoken in `{}`", r.id),
                guide: None,
                region: None,
                field: Field::Spoken,
                text: text.clone(),
            };
            for d in DEFECTS.iter().filter(|d| (d.rule)(&piece)) {
                found.push(format!("{}: {}: {text:?}", d.name, piece.at));
            }
            // One side of a region is named the way the library names it ("right
            // foot", "left glute"), never as a leg or a side of something else.
            let t = text.to_lowercase();
            for wrong in [
                "right leg",
                "left leg",
                "right side",
                "left side",
                "right hip:",
            ] {
                if t.contains(wrong) && !t.contains(&format!("the {wrong}")) {
                    found.push(format!("{wrong:?} said in `{}`: {text:?}", r.id));
                }
            }
        }
    }
    assert!(said_total > 1000, "only {said_total} utterances");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_spoken_rules_catch_the_old_spoken_names() {
    // The old coach said these; the checks above must catch them.
    let old = [
        "Next: feet, right leg.",
        "Next: deep glute, right leg.",
        "Right hip: hold the tender spot for 30 seconds.",
    ];
    for text in old {
        let t = text.to_lowercase();
        assert!(
            [
                "right leg",
                "left leg",
                "right side",
                "left side",
                "right hip:"
            ]
            .iter()
            .any(|w| t.contains(w) && !t.contains(&format!("the {w}"))),
            "{text}"
        );
    }
    // And what the coach says now for those places.
    let lib = lib();
    let side = |region: &str| {
        lib.region(region)
            .map(|r| r.one_side("right"))
            .unwrap_or_default()
    };
    assert_eq!(side("feet"), "right foot");
    assert_eq!(side("deep-glute"), "right deep glute");
    assert_eq!(side("hip-flexors"), "outer front of the right hip");
}

// ---------------------------------------------------------------------------------
// Rules over whole items: sources, cautions where they apply, routines.

/// The real titles of the works the library may cite (from the SMR facts sheet).
const REAL_TITLES: &[&str] = &[
    "How Foam Rolling Works: How to Make the Most of SMR and the Science Behind How It Works",
    "Expert Consensus on the Contraindications and Cautions of Foam Rolling: An International Delphi Study",
    "Roller massage: a commentary on clinical standards and survey of physical therapy professionals, part 1",
    "Foam rolling prescription: a clinical commentary",
    "Foam Rolling Training Effects on Range of Motion: A Systematic Review and Meta-Analysis",
];

/// What each practitioner article discusses: an exercise cites it only if listed here.
const ARTICLES: &[(&str, &[&str])] = &[
    (
        "Tracie",
        &["quad-release", "hamstring-release", "glute-release"],
    ),
    (
        "Jonathan Ross",
        &["calf-warmup", "outer-thigh-warmup", "front-thigh-warmup"],
    ),
];

fn source_problems(who: &str, sources: &[foamroll::library::Source]) -> Vec<String> {
    let mut out = Vec::new();
    for s in sources {
        if let Some(t) = &s.title
            && !REAL_TITLES.contains(&t.as_str())
        {
            out.push(format!("{who}: {t:?} is not a real title"));
        }
        let about = s.about.as_deref().unwrap_or_default().to_lowercase();
        if about.contains("facts sheet") || about.contains("tools, a tennis ball") {
            out.push(format!(
                "{who}: {about:?} is not a source anyone can look up"
            ));
        }
        if let Some(a) = &s.authors
            && let Some((_, discusses)) = ARTICLES.iter().find(|(name, _)| name == a)
            && who.starts_with("exercise")
            && !discusses.iter().any(|id| who == format!("exercise `{id}`"))
        {
            out.push(format!("{who}: the article by {a} does not discuss it"));
        }
        if s.authors.as_deref() == Some("Behm et al.") && who.starts_with("exercise") {
            out.push(format!(
                "{who}: Behm 2020 is rolling time per set, not a hold"
            ));
        }
    }
    out
}

#[test]
fn sources_are_real_titles_and_discuss_what_cites_them() {
    let lib = lib();
    let mut found = Vec::new();
    for e in &lib.exercises {
        found.extend(source_problems(&format!("exercise `{}`", e.id), &e.sources));
    }
    for g in &lib.guides {
        found.extend(source_problems(&format!("guide `{}`", g.id), &g.sources));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The rule catches the old sources.
    let old = |title: &str, authors: Option<&str>| foamroll::library::Source {
        title: Some(title.to_string()),
        about: None,
        authors: authors.map(str::to_string),
        year: None,
        journal: None,
    };
    for (who, source) in [
        (
            "exercise `quad-release`",
            old(
                "Foam rolling for runners, the recovery technique (practitioner article)",
                None,
            ),
        ),
        (
            "exercise `calf-warmup`",
            old(
                "Foam rolling as a warm-up for runners (practitioner article)",
                None,
            ),
        ),
        (
            "exercise `foot-release`",
            old(
                "Foam rolling for runners, the tools, a tennis ball works for any of them (practitioner article)",
                None,
            ),
        ),
        (
            "exercise `foot-release`",
            old(
                "Safe limits of self-massage in general practice (summarised in the project's SMR facts sheet)",
                None,
            ),
        ),
        (
            "guide `why-smr`",
            old(
                "Chronic effects of foam rolling interventions on range of motion: a systematic review and meta-analysis",
                Some("Konrad et al."),
            ),
        ),
    ] {
        assert!(!source_problems(who, &[source]).is_empty(), "{who}");
    }
    // Misattribution: the recovery article for the calf release and deep glute, the
    // warm-up article for the hamstring, glute and foot warm-ups, Behm for a hold.
    let recovery = lib
        .exercise("quad-release")
        .map(|e| e.sources.clone())
        .unwrap_or_default();
    let warmup = lib
        .exercise("calf-warmup")
        .map(|e| e.sources.clone())
        .unwrap_or_default();
    for id in ["calf-release", "deep-glute-release"] {
        assert!(!source_problems(&format!("exercise `{id}`"), &recovery).is_empty());
    }
    for id in ["hamstring-warmup", "glute-warmup", "foot-warmup"] {
        assert!(!source_problems(&format!("exercise `{id}`"), &warmup).is_empty());
    }
    let behm = lib
        .guide("why-smr")
        .and_then(|g| {
            g.sources
                .iter()
                .find(|s| s.authors.as_deref() == Some("Behm et al."))
                .cloned()
        })
        .unwrap_or_else(|| panic!("Behm"));
    assert!(!source_problems("exercise `quad-release`", &[behm]).is_empty());
}

type ExerciseRule = fn(&Library, &foamroll::library::Exercise) -> bool;

/// Cautions an exercise must carry where they apply (each a defect once found), with
/// the test that decides where it applies.
const REQUIRED_CAUTIONS: &[(&str, ExerciseRule, &[&str])] = &[
    (
        "lying face down: the pregnancy caution",
        |_, e| e.position == Some(foamroll::library::Posture::FaceDown),
        &["pregnant"],
    ),
    (
        "the calf: a suspected clot, varicose veins, pregnancy",
        |_, e| matches!(e.region.as_str(), "calves" | "soleus"),
        &["clot", "varicose", "pregnant"],
    ),
    (
        "the inner thigh: pregnancy",
        |_, e| e.region == "adductors",
        &["pregnant"],
    ),
    (
        "the back: osteoporosis, never hold on the spine",
        |_, e| e.region == "upper-back",
        &["osteoporosis", "Never hold on the spine"],
    ),
    (
        "a ball on a recovery spot: at most two minutes (a ball set-up without it was once shipped)",
        |_, e| e.style == Style::Recovery && e.equipment.iter().any(|q| q.tool == Tool::Ball),
        &["two minutes"],
    ),
    (
        "a region with the greater trochanter near: stay off the bony point at the side of the hip",
        |lib, e| {
            lib.region(&e.region).is_some_and(|r| {
                r.stay_off
                    .contains(&foamroll::library::Landmark::GreaterTrochanter)
            }) && e.region != "hip-flexors"
        },
        &["bony point"],
    ),
];

fn missing_cautions(lib: &Library, e: &foamroll::library::Exercise) -> Vec<String> {
    let text = e.cautions.join(" ");
    let mut out = Vec::new();
    for (name, applies, words) in REQUIRED_CAUTIONS {
        if applies(lib, e) {
            for w in *words {
                if !text.contains(w) {
                    out.push(format!("{}: {name}: lacks {w:?}", e.id));
                }
            }
        }
    }
    out
}

#[test]
fn cautions_are_there_wherever_they_apply() {
    let lib = lib();
    let found: Vec<String> = lib
        .exercises
        .iter()
        .flat_map(|e| missing_cautions(&lib, e))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
    // Each rule applies somewhere and catches the old cautions there.
    let old: &[(&str, &[&str])] = &[
        (
            "quad-release",
            &["Stay on the muscle, short of the kneecap and below the hip bone."],
        ),
        (
            "calf-release",
            &[
                "Stay below the knee crease.",
                "Do not hold on the Achilles; skip it when it is sore or thickened.",
            ],
        ),
        (
            "adductor-release",
            &["Stop a hand's width short of the groin crease."],
        ),
        (
            "upper-back-release",
            &[
                "Never roll the lower back; stop at the bottom of the ribs.",
                "Stay off the neck.",
            ],
        ),
        (
            "deep-glute-release",
            &[
                "If it tingles, burns or goes numb down the leg, you are on the nerve, so move the ball a little towards the outside of the hip, or stop.",
                "Stay off the sit bone, the tail bone and the hip bone.",
            ],
        ),
    ];
    // The glute's cautions as shipped before the independent review: the ball set-up
    // had no two-minute limit.
    let glute_before: &[&str] = &[
        "Stay off the tail bone, the sit bone and the lower back. Stay off the bony point at the side of the hip too.",
        "Tingling, burning or numbness down the leg means you are on the sciatic nerve; move off the spot.",
    ];
    let old = [old, &[("glute-release", glute_before)]].concat();
    for (id, cautions) in old {
        let mut e = lib.exercise(id).cloned().unwrap_or_else(|| panic!("{id}"));
        e.cautions = cautions.iter().map(|c| c.to_string()).collect();
        assert!(!missing_cautions(&lib, &e).is_empty(), "{id}");
    }
    let guide = guide_text(&lib, PRESSURE_AND_PAIN);
    for w in [
        "pregnant",
        "osteoporosis",
        "blood clot",
        "swollen and warm",
        "two minutes",
        "varicose veins",
        "open wound",
        "pulse under the tool",
    ] {
        assert!(guide.contains(w), "pressure-and-pain lacks {w:?}");
    }
}

#[test]
fn every_exercise_and_region_carries_its_landmarks() {
    let lib = lib();
    for e in &lib.exercises {
        assert!(e.path.is_some(), "{} has no path", e.id);
        assert!(e.position.is_some(), "{} has no position", e.id);
        assert!(e.spoken_caution < e.cautions.len(), "{}", e.id);
    }
    for r in lib.regions.iter().filter(|r| r.avoid().is_none()) {
        assert!(!r.stay_off.is_empty(), "region {} stays off nothing", r.id);
    }
    // The bony point at the side of the hip is on the stay-off list where a ball was
    // once pushed onto it.
    for id in ["glutes", "deep-glute", "side-hip"] {
        let r = lib.region(id).unwrap_or_else(|| panic!("{id}"));
        assert!(
            r.stay_off
                .contains(&foamroll::library::Landmark::GreaterTrochanter),
            "{id}"
        );
    }
    // docs/library.md lists the whole vocabulary.
    let doc = include_str!("../docs/library.md");
    for l in foamroll::library::Landmark::ALL {
        assert!(
            doc.contains(&format!("| `{}` |", l.id())),
            "{} not documented",
            l.id()
        );
    }
    for part in foamroll::library::landmarks::BODY_MAP_PARTS {
        assert!(doc.contains(&format!("`{part}`")), "{part} not documented");
    }
}

/// Loads `yaml` beside the shipped library and returns the error messages.
fn errors_with(yaml: &str) -> Vec<String> {
    let mut loader = foamroll::library::Loader::with_builtin();
    loader.add_bytes(
        "old.yaml",
        foamroll::library::Layer::Library,
        yaml.as_bytes(),
    );
    loader
        .finish()
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.message)
        .collect()
}

/// An exercise file with `region`, `path` (YAML, or empty) and `cautions` (one a line).
fn old_exercise(id: &str, region: &str, path: &str, cautions: &[&str]) -> String {
    let mut y = format!(
        "version: 1\nexercises:\n  - id: {id}\n    name: Old\n    region: {region}\n    style: recovery\n    setup: Set up.\n    steps: [Roll.]\n"
    );
    if !path.is_empty() {
        y.push_str(&format!("    path: {path}\n"));
    }
    y.push_str("    cautions:\n");
    for c in cautions {
        y.push_str(&format!("      - {c}\n"));
    }
    y
}

#[test]
fn check_refuses_the_old_paths_and_cautions() {
    let sciatic = "Tingling down the leg means you are on the sciatic nerve; move off.";
    let table: &[(&str, String, &[&str])] = &[
        // The old deep glute: its path ended on the bony point at the side of the hip.
        (
            "deep glute",
            old_exercise(
                "deep-glute-release",
                "deep-glute",
                "{ from: { landmark: tail-bone, distance: hand-width }, to: { landmark: greater-trochanter, distance: \"on\" } }",
                &[sciatic],
            ),
            &["greater-trochanter", "stays off"],
        ),
        // The old front of the hip: no caution named the artery and nerve below the groin.
        (
            "front of the hip",
            old_exercise(
                "hip-flexor-release",
                "hip-flexors",
                "",
                &[
                    "Stay below the hip bone and out of the groin crease.",
                    "Never press into the belly.",
                ],
            ),
            &["femoral-triangle", "no caution names it"],
        ),
        // The old shin: a ball just below the knee, where the nerve wraps the outer shin bone.
        (
            "shin",
            old_exercise(
                "shin-release",
                "shins",
                "{ from: { landmark: fibula-head, distance: just-short }, to: { landmark: ankle-bones, distance: just-short } }",
                &["Never roll the shin bone itself."],
            ),
            &["fibula-head", "hand-width"],
        ),
        // The old hamstring start: just above the knee crease.
        (
            "hamstring",
            old_exercise(
                "hamstring-release",
                "hamstrings",
                "{ from: { landmark: back-of-knee, distance: just-short }, to: { landmark: sit-bone, distance: just-short } }",
                &[
                    "Start a hand's width above the knee crease, where an artery, a vein and a nerve run.",
                ],
            ),
            &["back-of-knee", "hand-width"],
        ),
    ];
    for (what, yaml, needles) in table {
        let e = errors_with(yaml);
        assert!(
            e.iter().any(|m| needles.iter().all(|n| m.contains(n))),
            "{what}: {e:?}"
        );
    }
    // And a spoken caution that is not there.
    let mut bad = old_exercise(
        "x",
        "adductors",
        "",
        &["Keep a hand's width below the groin crease, where the main artery and nerve run."],
    );
    bad.push_str("    spoken_caution: 3\n");
    assert!(
        errors_with(&bad)
            .iter()
            .any(|m| m.contains("spoken_caution"))
    );
}

/// A routine's positions, in order: lying face down comes in one stretch.
fn face_down_stretches(lib: &Library, r: &foamroll::library::Routine) -> usize {
    let face_down: Vec<bool> = r
        .steps
        .iter()
        .filter_map(|s| lib.exercise(&s.exercise))
        .map(|e| e.position == Some(foamroll::library::Posture::FaceDown))
        .collect();
    face_down
        .iter()
        .enumerate()
        .filter(|(i, f)| **f && (*i == 0 || !face_down[i - 1]))
        .count()
}

/// The share of a routine's holds that one region takes, at most.
fn biggest_share(lib: &Library, r: &foamroll::library::Routine) -> f64 {
    let mut by_region: std::collections::HashMap<String, u32> = Default::default();
    let mut total = 0;
    for s in &r.steps {
        let Some(e) = lib.exercise(&s.exercise) else {
            continue;
        };
        let sides = if e.per_side { 2 } else { 1 };
        let n = sides * e.zones.len().max(1) as u32 * s.points_on(None);
        *by_region.entry(e.region.clone()).or_default() += n;
        total += n;
    }
    let most = by_region.values().copied().max().unwrap_or(0);
    if total == 0 {
        0.0
    } else {
        f64::from(most) / f64::from(total)
    }
}

#[test]
fn routines_flow_on_the_floor_and_share_the_work() {
    let lib = lib();
    for r in &lib.routines {
        assert!(
            face_down_stretches(&lib, r) <= 1,
            "{}: lies face down more than once",
            r.id
        );
        if lib.estimate_minutes(r) >= 20 {
            let share = biggest_share(&lib, r);
            assert!(
                share <= 0.5,
                "{}: one region takes {share:.2} of the holds",
                r.id
            );
        }
        // A routine that needs a ball says so.
        let ball_only = r.steps.iter().any(|s| {
            lib.exercise(&s.exercise)
                .is_some_and(|e| e.equipment.iter().all(|q| q.tool != Tool::Roller))
        });
        if ball_only {
            assert!(
                r.description.contains("ball"),
                "{}: say it needs a ball",
                r.id
            );
        }
    }
    // Every exercise is in a routine; the longer warm-up uses the hamstring, glute and
    // foot warm-ups.
    for e in &lib.exercises {
        assert!(
            lib.routines
                .iter()
                .any(|r| r.steps.iter().any(|s| s.exercise == e.id)),
            "{} is in no routine",
            e.id
        );
    }
    // The rules catch the old routines: the long run went face down and back up four
    // times; the rest day spent 12 of 20 holds on the quads.
    let mut long = lib
        .routine("long-run")
        .cloned()
        .unwrap_or_else(|| panic!("long-run"));
    let order = [
        "foot-release",
        "calf-release",
        "hamstring-release",
        "quad-release",
        "adductor-release",
        "glute-release",
        "hip-flexor-release",
    ];
    long.steps
        .sort_by_key(|s| order.iter().position(|id| *id == s.exercise));
    assert!(face_down_stretches(&lib, &long) > 1);
    let mut rest = lib
        .routine("rest-day")
        .cloned()
        .unwrap_or_else(|| panic!("rest-day"));
    rest.steps.retain(|s| s.exercise != "calf-release");
    for s in &mut rest.steps {
        if let StepTiming::Recovery { points, .. } = &mut s.timing {
            *points = 2;
        }
    }
    assert!(biggest_share(&lib, &rest) > 0.5);
}

#[test]
fn nothing_printed_says_trigger_point_or_a_tip_as_a_set_up() {
    let bin = env!("CARGO_BIN_EXE_foamroll");
    let home = std::env::temp_dir().join(format!("foamroll-content-{}", std::process::id()));
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin)
            .args(args)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_STATE_HOME", home.join("state"))
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let lib = lib();
    let mut texts = Vec::new();
    for id in lib
        .routines
        .iter()
        .map(|r| r.id.as_str())
        .chain(lib.exercises.iter().map(|e| e.id.as_str()))
        .chain(lib.regions.iter().map(|r| r.id.as_str()))
    {
        texts.push((format!("show {id}"), run(&["show", id])));
    }
    for flags in [
        ["--before-run", "--equipment", "ball"],
        ["--after-run", "--equipment", "ball"],
        ["--rest-day", "--equipment", "roller"],
    ] {
        let mut args = vec!["today"];
        args.extend(flags);
        texts.push((args.join(" "), run(&args)));
    }
    for (what, text) in &texts {
        assert!(!text.is_empty(), "{what} printed nothing");
        assert!(!text.contains("trigger point"), "{what}:\n{text}");
        assert!(
            !text.contains("Set-up with the ball: Keep the ball moving"),
            "{what}:\n{text}"
        );
    }
    let _ = std::fs::remove_dir_all(&home);
}

/// `docs/content-review.md` records a review of every item: a row per exercise, region,
/// routine and guide, saying what was reviewed and against which source.
#[test]
fn the_content_review_has_a_row_for_every_item() {
    let lib = lib();
    let doc = include_str!("../docs/content-review.md");
    let kinds = [
        (
            "exercise",
            lib.exercises
                .iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>(),
        ),
        ("region", lib.regions.iter().map(|r| r.id.clone()).collect()),
        (
            "routine",
            lib.routines.iter().map(|r| r.id.clone()).collect(),
        ),
        ("guide", lib.guides.iter().map(|g| g.id.clone()).collect()),
    ];
    let mut missing = Vec::new();
    for (kind, ids) in &kinds {
        for id in ids {
            let row = doc
                .lines()
                .find(|l| l.starts_with(&format!("| {kind} | `{id}` |")));
            match row {
                // What was reviewed and what against: both cells filled.
                Some(r) if r.split('|').filter(|c| !c.trim().is_empty()).count() >= 4 => {}
                _ => missing.push(format!("{kind} {id}")),
            }
        }
    }
    assert!(missing.is_empty(), "no review row for: {missing:?}");
    // The checklist is there too.
    for step in [
        "Path",
        "Landmarks",
        "Nerves and vessels",
        "Direction words",
        "Spoken form",
        "Sources",
    ] {
        assert!(doc.contains(&format!("**{step}")), "checklist lacks {step}");
    }
}

/// The README's routine table lists every shipped routine with its estimate, and its
/// guide table every guide.
#[test]
fn the_readme_tables_are_current() {
    let lib = lib();
    let readme = include_str!("../README.md");
    for r in &lib.routines {
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", r.id)))
            .unwrap_or_else(|| panic!("README has no row for routine {}", r.id));
        assert!(
            row.ends_with(&format!("| {} min |", lib.estimate_minutes(r))),
            "{}: {row}",
            r.id
        );
    }
    for g in &lib.guides {
        assert!(
            readme
                .lines()
                .any(|l| l.starts_with(&format!("| `{}` |", g.id))),
            "README has no row for guide {}",
            g.id
        );
    }
    assert!(readme.contains(&format!("Each of the {}\nexercises", lib.exercises.len())));
}
