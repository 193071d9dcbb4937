//! Every user-facing phrase about a session and the library, in one place below both
//! `ui` and `cli`: phase words, "where am I" phrases, what comes next, exercise
//! sections, timing words, clock and "days ago" formatting, and the sentences the coach
//! speaks; and the shared helpers every sentence is built with: [`plural`],
//! [`join_and`]/[`join_or`], [`capitalise`] and [`in_sentence`]. Spoken sentences are
//! written for the ear ("30 seconds", "right quad"). A sentence that names a key takes
//! the key's name as an argument, so that it follows the person's key map.

pub mod runs;

use std::time::Duration;

use chrono::NaiveDate;

pub use crate::text::{join_and, join_or};

use crate::library::{Exercise, Library, StepTiming, Tool};
use crate::session::{Cue, PhaseKind, RunState, Session, Side, View, ceil_secs};

/// The pressure-and-pain rule, said at get ready when the library has no guide for it.
pub const PRESSURE_RULE: &str =
    "Tender is fine; sharp, shooting or tingling pain means ease off or stop.";

/// The id of the library guide whose first sentences replace [`PRESSURE_RULE`].
pub const PRESSURE_GUIDE_ID: &str = "pressure-and-pain";

/// One side of a region, for the ear: the library's own words for it ("right foot",
/// "outer front of the left hip"), or [`side_word`] when the region is unknown.
pub fn spoken_side(library: &Library, region: &str, side: Side) -> String {
    library
        .region(region)
        .filter(|r| r.singular.is_some())
        .map_or_else(|| side_word(region, side), |r| r.one_side(side.label()))
}

/// "right leg", "left side" (glutes have sides; the shipped leg regions have legs).
pub fn side_word(region: &str, side: Side) -> String {
    let part = if region == "glutes" { "side" } else { "leg" };
    format!("{} {part}", side.label())
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A name as it reads inside a sentence: names are written in sentence case, so only
/// the first word loses its capital, and an acronym keeps it ("calf and Achilles",
/// "front of the hip", "IT band").
pub fn in_sentence(name: &str) -> String {
    let first = name.split_whitespace().next().unwrap_or("");
    if first.chars().filter(|c| c.is_uppercase()).count() > 1 {
        return name.to_string();
    }
    let mut c = name.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// "1 week", "3 weeks": a count and its noun, singular for one. For nouns whose
/// plural takes an "s" (which is every noun the program counts).
pub fn plural<N>(n: N, one: &str) -> String
where
    N: std::fmt::Display + PartialEq + From<u8>,
{
    if n == N::from(1) {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// "1 second", "30 seconds": units spelled out, for the ear and for plain text.
pub fn seconds(n: u64) -> String {
    plural(n, "second")
}

/// "m:ss", or "h:mm:ss" past an hour.
pub fn clock(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

/// "today", "yesterday", "12 days ago".
pub fn days_ago(today: NaiveDate, d: NaiveDate) -> String {
    // A date after today (a clock set wrong) is never "-3 days ago".
    match (today - d).num_days() {
        ..=0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n => format!("{n} days ago"),
    }
}

/// One limb, for the ear: "quads" becomes "quad" after a side ("right quad").
pub fn singular(name: &str) -> String {
    let lower = name.to_lowercase();
    let (head, last) = lower.rsplit_once(' ').unwrap_or(("", lower.as_str()));
    let one = match last {
        "calves" => "calf".to_string(),
        "feet" => "foot".to_string(),
        "quads" | "hamstrings" | "glutes" | "adductors" | "lats" | "shins" | "flexors" | "pecs"
        | "calfs" => last.trim_end_matches('s').to_string(),
        other => other.to_string(),
    };
    if head.is_empty() {
        one
    } else {
        format!("{head} {one}")
    }
}

/// The pronoun for a region's name: "them" for "Hamstrings" or "Feet", "it" for
/// "Soleus" or "Upper back".
pub fn pronoun(name: &str) -> &'static str {
    if singular(name) == name.to_lowercase() {
        "it"
    } else {
        "them"
    }
}

fn region_name(library: &Library, id: &str) -> String {
    library
        .region(id)
        .map_or_else(|| id.to_string(), |r| r.name.clone())
}

/// Where the person is, for the ear: "Right quad, inner line", "Glutes".
pub fn place(library: &Library, view: &View) -> String {
    let region = view
        .step
        .map(|s| region_name(library, &s.region))
        .unwrap_or_default();
    let own = view.step.and_then(|s| library.region(&s.region));
    let mut s = match view.entry.and_then(|e| e.side) {
        // The library's own singular ("right calf") where it has one.
        Some(side) if own.is_some_and(|r| r.singular.is_some()) => {
            capitalise(&own.map_or(String::new(), |r| r.one_side(side.label())))
        }
        Some(side) => format!("{} {}", capitalise(side.label()), singular(&region)),
        None => capitalise(&in_sentence(&region)),
    };
    if let Some(zone) = view.entry.and_then(|e| e.zone.as_deref()) {
        s.push_str(&format!(", {zone}"));
    }
    s
}

/// The phase in words, as the person on the floor needs to see it.
pub fn phase_words(library: &Library, view: &View) -> String {
    let words = match (view.state, view.phase.map(|p| &p.kind)) {
        (RunState::Finished, _) => "Done".to_string(),
        (RunState::Aborted, _) => "Session ended".to_string(),
        (_, Some(PhaseKind::GetReady { .. })) => "Get ready".to_string(),
        (_, Some(PhaseKind::Search { .. })) => "Find the tender spot".to_string(),
        (_, Some(PhaseKind::Hold { .. })) if view.overtime.is_some() => {
            "Overtime: release when it eases".to_string()
        }
        (_, Some(PhaseKind::Hold { .. })) => "Hold".to_string(),
        (_, Some(PhaseKind::Move { .. })) => "Keep moving".to_string(),
        (_, Some(PhaseKind::SwitchSides { to, .. })) => {
            let region = view.step.map_or("", |s| s.region.as_str());
            format!("Switch to the {}", spoken_side(library, region, *to))
        }
        (_, Some(PhaseKind::Rest { .. })) => "Rest".to_string(),
        (_, None) => "Ready".to_string(),
    };
    if view.state == RunState::Paused {
        format!("PAUSED · {words}")
    } else {
        words
    }
}

/// The phase and the side in a few capitals, to be drawn as large as the digits and
/// read from the floor: "HOLD · LEFT", "FIND · RIGHT", "SWITCH · LEFT", "KEEP MOVING".
/// `with_side: false` leaves the side out (for a narrow screen).
pub fn phase_banner(view: &View, with_side: bool) -> String {
    let word = match (view.state, view.phase.map(|p| &p.kind)) {
        (RunState::Paused, _) => "PAUSED",
        (_, Some(PhaseKind::GetReady { .. })) => "GET READY",
        (_, Some(PhaseKind::Search { .. })) => "FIND",
        (_, Some(PhaseKind::Hold { .. })) if view.overtime.is_some() => "OVERTIME",
        (_, Some(PhaseKind::Hold { .. })) => "HOLD",
        (_, Some(PhaseKind::Move { .. })) => "KEEP MOVING",
        (_, Some(PhaseKind::SwitchSides { .. })) => "SWITCH",
        (_, Some(PhaseKind::Rest { .. })) => "REST",
        _ => "",
    };
    let side = match view.phase.map(|p| &p.kind) {
        Some(PhaseKind::SwitchSides { to, .. }) => Some(*to),
        Some(PhaseKind::Search { .. } | PhaseKind::Hold { .. } | PhaseKind::Move { .. }) => {
            view.entry.and_then(|e| e.side)
        }
        _ => None,
    };
    match side {
        Some(side) if with_side && !word.is_empty() => {
            format!("{word} · {}", side.label().to_uppercase())
        }
        _ => word.to_string(),
    }
}

/// Shown while a phase waits for its set-up to be said.
/// What reading commands say when no session was ever recorded (no data folder, or a
/// history with no session in it: one sentence for both).
pub const NO_HISTORY: &str = "No history yet: sessions are recorded when you play a routine.";

pub const LISTENING: &str = "Listening to the set-up";

/// "foam roller", "ball and roller stick"
pub fn tool_list(tools: &[Tool]) -> String {
    if tools.is_empty() {
        return Tool::Roller.label().to_string();
    }
    let names: Vec<String> = tools.iter().map(|t| t.label().to_string()).collect();
    join_and(&names)
}

/// The names of the keys that sentences tell a person to press, as the person's key
/// map has them ("r", "y or Enter"); made by [`crate::input::Keymap::names`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyNames {
    pub found: String,
    pub release: String,
    pub release_now: String,
    pub pause: String,
    pub skip: String,
    /// The digits ("0-9").
    pub rate: String,
    /// The key for 10 (")").
    pub rate_ten: String,
    pub yes: String,
    pub no: String,
    pub enter: String,
    pub escape: String,
    pub help: String,
    pub alternatives: String,
    pub today_intent: String,
    pub add_time: String,
    pub remove_time: String,
    pub up: String,
    pub down: String,
    pub next_pane: String,
}

/// What to do now, with the key that does it ("Press f when you find it").
pub fn now_words(view: &View, auto_find: bool, keys: &KeyNames) -> String {
    if view.state == RunState::Paused {
        return format!("Press {} to resume", keys.pause);
    }
    if view.listening {
        return format!("{LISTENING} ({}: start now)", keys.skip);
    }
    let (found, release, skip) = (&keys.found, &keys.release, &keys.skip);
    match view.phase.map(|p| &p.kind) {
        Some(PhaseKind::GetReady { .. }) => format!("Get into position ({skip}: start now)"),
        Some(PhaseKind::Search { .. }) if auto_find => {
            format!("Roll slowly; press {found} when you find it")
        }
        Some(PhaseKind::Search { .. }) => format!("Roll slowly. Press {found} when you find it"),
        Some(PhaseKind::Hold { .. }) if view.overtime.is_some() => {
            format!("Press {release} when it eases")
        }
        Some(PhaseKind::Hold { .. }) => format!("Hold. Press {release} when it eases"),
        Some(PhaseKind::Move { cue, .. }) => cue.clone(),
        Some(PhaseKind::SwitchSides { .. }) => format!("Change sides ({skip}: start now)"),
        Some(PhaseKind::Rest { .. }) => format!("Rest and breathe ({skip}: skip the rest)"),
        None => String::new(),
    }
}

/// Where the person is, on screen: "Right quad · inner line", named the way the voice
/// names it (the region's own words for one side), or "Quads · right leg" for a region
/// without them.
pub fn place_words(library: &Library, view: &View, region_name: &str) -> String {
    let mut parts = vec![region_name.to_string()];
    if let Some(e) = view.entry {
        if let Some(side) = e.side {
            match library.region(&e.region).filter(|r| r.singular.is_some()) {
                Some(r) => parts[0] = capitalise(&r.one_side(side.label())),
                None => parts.push(side_word(&e.region, side)),
            }
        }
        if let Some(zone) = &e.zone {
            parts.push(zone.clone());
        }
    }
    parts.join(" · ")
}

/// The place of the next phase: "hamstrings, right leg, inner line".
fn next_place(library: &Library, session: &Session, view: &View) -> Option<String> {
    let next = view.next?;
    let step = session.plan().steps.get(next.step)?;
    let mut s = region_name(library, &step.region);
    // The first phase of the next step names its side and zone; a rest does not.
    let entry = next
        .entry
        .or_else(|| {
            session
                .plan()
                .phases
                .iter()
                .skip(view.phase_index + 1)
                .find_map(|p| p.entry)
        })
        .and_then(|i| session.record().entries.get(i));
    if let Some(e) = entry {
        if let Some(side) = e.side {
            s = spoken_side(library, &e.region, side);
        }
        if let Some(z) = &e.zone {
            s.push_str(&format!(", {z}"));
        }
    }
    Some(s)
}

/// What comes next, on screen.
pub fn next_words(library: &Library, session: &Session, view: &View) -> String {
    let Some(next) = view.next else {
        return if view.state == RunState::Finished {
            String::new()
        } else {
            "Next: finish".to_string()
        };
    };
    let plan = session.plan();
    let step = plan.steps.get(next.step);
    let place = || in_sentence(&next_place(library, session, view).unwrap_or_default());
    match &next.kind {
        PhaseKind::GetReady { .. } => "Next: get ready".to_string(),
        PhaseKind::Search { .. } => format!("Next: {}", place()),
        PhaseKind::Hold { min, .. } => {
            format!("Next: hold it at least {}", seconds(min.as_secs()))
        }
        PhaseKind::Move { .. } => format!("Next: {}, keep moving", place()),
        PhaseKind::SwitchSides { to, .. } => {
            format!(
                "Next: switch to the {}",
                spoken_side(library, step.map_or("", |s| s.region.as_str()), *to)
            )
        }
        PhaseKind::Rest { .. } => {
            let name = step.map_or("the next step", |s| s.exercise_name.as_str());
            format!("Next: rest, then {name}")
        }
    }
}

/// "Next: right hamstring", said during get ready, rest and switch: the next place
/// where work happens, named the way the library names one side of it.
pub fn next_spoken(library: &Library, session: &Session, view: &View) -> Option<String> {
    let plan = session.plan();
    let work = plan.phases.iter().skip(view.phase_index + 1).find(|p| {
        matches!(
            p.kind,
            PhaseKind::Search { .. } | PhaseKind::Move { .. } | PhaseKind::Hold { .. }
        )
    })?;
    let step = plan.steps.get(work.step)?;
    let entry = work.entry.and_then(|i| session.record().entries.get(i));
    let mut s = match entry.and_then(|e| e.side.map(|side| (e, side))) {
        Some((e, side)) => spoken_side(library, &e.region, side),
        None => in_sentence(&region_name(library, &step.region)),
    };
    if let Some(z) = entry.and_then(|e| e.zone.as_ref()) {
        s.push_str(&format!(", {z}"));
    }
    Some(format!("Next: {s}."))
}

/// The switch, short enough for its phase: "Left leg." The zone that follows is said
/// only when it is not the one just done ("Left leg, inner line.").
fn switch_spoken(library: &Library, session: &Session, view: &View, side: Side) -> String {
    let plan = session.plan();
    let region = view.step.map_or("", |s| s.region.as_str());
    let entry = |p: &crate::session::Phase| p.entry.and_then(|i| session.record().entries.get(i));
    let before = plan.phases[..view.phase_index.min(plan.phases.len())]
        .iter()
        .rev()
        .find_map(entry);
    let after = plan
        .phases
        .iter()
        .skip(view.phase_index + 1)
        .find_map(entry);
    let mut s = capitalise(&spoken_side(library, region, side));
    if let Some(zone) = after.and_then(|a| a.zone.as_deref())
        && before.and_then(|b| b.zone.as_deref()) != Some(zone)
    {
        s.push_str(&format!(", {zone}"));
    }
    s.push('.');
    s
}

/// The kind of a cue, as the `on_cue` hook receives it in `FOAMROLL_CUE`.
pub fn cue_kind(cue: &Cue) -> &'static str {
    match cue {
        Cue::GetReady => "get-ready",
        Cue::Search => "search",
        Cue::Hold => "hold",
        Cue::MinimumReached => "minimum",
        Cue::SearchLimit => "search-limit",
        Cue::OvertimeEnded => "overtime-ended",
        Cue::SwitchSides(_) => "switch",
        Cue::Move => "move",
        Cue::Rest => "rest",
        Cue::Finished => "finished",
    }
}

/// The sentence for a cue, for the state the session is in when it is given.
pub fn cue_text(cue: &Cue, session: &Session, library: &Library, view: &View) -> String {
    let plan = session.plan();
    let secs = |d: &Duration| seconds(d.as_secs());
    let next = || {
        next_spoken(library, session, view)
            .map(|n| format!(" {n}"))
            .unwrap_or_default()
    };
    match (cue, view.phase.map(|p| &p.kind)) {
        (Cue::GetReady, Some(PhaseKind::GetReady { duration })) => {
            format!(
                "Get ready: {}, in {}.{}",
                plan.routine_name,
                secs(duration),
                next()
            )
        }
        (Cue::Search, _) => {
            let hands_free = plan.timing.auto_find_s.map_or(String::new(), |s| {
                format!(" The hold starts in {}.", seconds(u64::from(s)))
            });
            format!(
                "{}: roll slowly and find the most tender spot.{hands_free}",
                place(library, view)
            )
        }
        (Cue::Hold, Some(PhaseKind::Hold { min, .. })) => {
            format!(
                "{}: hold the tender spot for {}.",
                place(library, view),
                secs(min)
            )
        }
        (Cue::MinimumReached, _) => {
            if plan.timing.auto_release && plan.timing.settle_s > 0 {
                format!(
                    "Minimum done: stay on it {} more.",
                    seconds(u64::from(plan.timing.settle_s))
                )
            } else if plan.timing.auto_release {
                "Minimum done: release.".to_string()
            } else {
                "Minimum done: keep holding until it eases, then release.".to_string()
            }
        }
        (Cue::SearchLimit, _) => {
            "Still searching? Hold the most tender spot you found, or skip it.".to_string()
        }
        (Cue::OvertimeEnded, _) => "That is long enough: release.".to_string(),
        (Cue::SwitchSides(side), Some(PhaseKind::SwitchSides { .. })) => {
            switch_spoken(library, session, view, *side)
        }
        (Cue::SwitchSides(side), _) => {
            let region = view.step.map_or("", |s| s.region.as_str());
            format!("Switch to the {}.", spoken_side(library, region, *side))
        }
        (Cue::Move, Some(PhaseKind::Move { duration, cue })) => {
            format!(
                "{}: keep moving for {}. {cue}",
                place(library, view),
                secs(duration)
            )
        }
        (Cue::Rest, Some(PhaseKind::Rest { duration })) => {
            format!("Rest, {}.{}", secs(duration), next())
        }
        (Cue::Finished, _) => {
            let finish = library
                .routine(&plan.routine_id)
                .and_then(|r| r.finish.clone());
            match finish {
                Some(f) => format!("Done: {}. {f}", plan.routine_name),
                None => format!("Done: {}.", plan.routine_name),
            }
        }
        // A cue for a phase already left: say what it was about, briefly.
        (Cue::GetReady, _) => "Get ready.".to_string(),
        (Cue::Hold, _) => "Hold.".to_string(),
        (Cue::Move, _) => "Keep moving.".to_string(),
        (Cue::Rest, _) => "Rest.".to_string(),
    }
}

/// The short pressure-and-pain rule said at get ready: the first sentence or two of the
/// library's `pressure-and-pain` guide (its short form), or ours when it has none.
pub fn pressure_rule(library: &Library) -> String {
    library
        .guide(PRESSURE_GUIDE_ID)
        .map(|g| sentences(g.short_form(), 2))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| PRESSURE_RULE.to_string())
}

/// How much the coach says when a step starts (`voice_detail`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VoiceDetail {
    /// The set-up in one or two sentences, and the main caution.
    #[default]
    Full,
    /// The main caution only.
    Brief,
}

impl VoiceDetail {
    pub fn label(self) -> &'static str {
        match self {
            VoiceDetail::Full => "full",
            VoiceDetail::Brief => "brief",
        }
    }
}

/// The first `n` sentences of `text`, on one line.
pub fn sentences(text: &str, n: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut end = 0;
    let mut count = 0;
    let bytes: Vec<(usize, char)> = flat.char_indices().collect();
    for (i, &(at, c)) in bytes.iter().enumerate() {
        let next_is_space = bytes.get(i + 1).is_none_or(|&(_, n)| n == ' ');
        if matches!(c, '.' | '!' | '?') && next_is_space {
            count += 1;
            end = at + c.len_utf8();
            if count == n {
                break;
            }
        }
    }
    if count == 0 {
        flat
    } else {
        flat[..end].to_string()
    }
}

/// What the coach says when a step starts: its name, the set-up (for the routine's
/// tool, when it names one), the main caution.
pub fn step_intro(exercise: &Exercise, tool: Option<Tool>, detail: VoiceDetail) -> String {
    let caution = exercise
        .main_caution()
        .map(|c| format!(" Careful: {}", sentences(c, 1)))
        .unwrap_or_default();
    // The spoken set-up, written for the ear; else the first sentence of the full one.
    let setup = exercise
        .spoken_setup(tool)
        .map_or_else(|| sentences(exercise.setup_for(tool), 1), str::to_string);
    match detail {
        VoiceDetail::Full => format!("{}. {setup}{caution}", exercise.name),
        VoiceDetail::Brief => format!("{}.{caution}", exercise.name),
    }
}

/// How a step is timed, in words: "hold at least 30 s, 2 tender spots".
pub fn timing_words(timing: &StepTiming, default_hold: u32) -> String {
    match timing {
        StepTiming::Recovery {
            min_hold_s, points, ..
        } => {
            format!(
                "hold at least {} s, {}",
                min_hold_s.unwrap_or(default_hold),
                plural(*points, "tender spot")
            )
        }
        StepTiming::Warmup { duration_s, .. } => format!("keep moving for {duration_s} s"),
    }
}

/// `r` before the minimum.
pub fn release_refused(remaining: Duration, keys: &KeyNames) -> String {
    format!(
        "Keep holding: {} to the minimum ({} releases anyway)",
        seconds(ceil_secs(remaining)),
        keys.release_now
    )
}

/// Zero to ten in words, for the ear ("Seven, noted").
pub fn number_word(n: u8) -> String {
    const WORDS: [&str; 11] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(usize::from(n))
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// Said and shown when a rating is taken: "Seven, noted."
pub fn tenderness_noted(n: u8) -> String {
    format!("{}, noted.", capitalise(&number_word(n)))
}

/// The tenderness question as it is said; [`rating_prompt`] is what the screen shows.
pub const RATING_SPOKEN: &str = "How tender was it, zero to ten?";
/// Said on pause; [`paused`] adds the key.
pub const PAUSED_SPOKEN: &str = "Paused.";
/// Said and shown when the session goes on.
pub const GOING_ON_SPOKEN: &str = "Go on.";
/// The end question as it is said: the question of [`confirm_end`].
pub const CONFIRM_SPOKEN: &str = "End this session? It is kept in your history as aborted.";

/// The question after a hold, on screen and in plain mode alike; short enough for
/// the narrowest countdown pane (38 columns).
pub fn rating_prompt(keys: &KeyNames) -> String {
    format!(
        "How tender? {}, {} for 10 (optional)",
        keys.rate, keys.rate_ten
    )
}

/// The review's trends before any hold is rated.
pub fn rate_for_trends(keys: &KeyNames) -> String {
    format!(
        "Rate holds ({}, {} for 10) to see trends here.",
        keys.rate, keys.rate_ten
    )
}

pub fn paused(keys: &KeyNames) -> String {
    format!("Paused: press {} to go on", keys.pause)
}

pub const GOING_ON: &str = GOING_ON_SPOKEN;

/// "End the session?", asked by the app and plain mode alike: the question, then each
/// answer's keys with what it does.
pub fn confirm_end(keys: &KeyNames) -> (&'static str, [(String, &'static str); 2]) {
    (
        CONFIRM_SPOKEN,
        [(keys.yes.clone(), "end"), (keys.no.clone(), "go on")],
    )
}

/// [`confirm_end`] on one line, for plain mode.
pub fn confirm_end_line(keys: &KeyNames) -> String {
    let (question, [(yes, end), (no, go_on)]) = confirm_end(keys);
    format!("{question} {yes}: {end}, {no}: {go_on}")
}

pub const INTERRUPTED: &str = "Stopped; the session is kept as interrupted";
pub const ENDED: &str = "Ended; the session is kept as aborted";

pub fn release_hint(keys: &KeyNames) -> String {
    format!("Press {} to release once it eases", keys.release)
}

/// Plain mode's list of keys: "Keys: Space pause · f found".
pub fn key_list(keys: &[String]) -> String {
    format!("Keys: {}", keys.join(" · "))
}

/// The browse screen's first line.
pub fn choose_routine(keys: &KeyNames) -> String {
    format!("Choose a routine, {} to start", keys.enter)
}

/// Under a finished session.
pub fn back_to_browsing(keys: &KeyNames) -> String {
    format!("{}: back to browsing", keys.enter)
}

/// The keys of the Today row.
pub fn today_keys(keys: &KeyNames) -> String {
    format!(
        "{} switches before a run, after a run or rest day; {} and {} change the minutes",
        keys.today_intent, keys.add_time, keys.remove_time
    )
}

/// The Today row's keys with the one that starts it.
pub fn today_start(keys: &KeyNames) -> String {
    format!("{}: start · {}", keys.enter, today_keys(keys))
}

/// After the routine that works a region.
pub fn play_hint(keys: &KeyNames) -> String {
    format!("  (press {} to play it)", keys.enter)
}

/// The tenderness map's keys, under it.
pub fn map_keys(keys: &KeyNames) -> String {
    format!(" {}{} region  {} filter ", keys.up, keys.down, keys.enter)
}

/// The review's statistics pane title, with the keys that work in it.
pub fn progress_title(keys: &KeyNames, focused: bool) -> String {
    if focused {
        format!(
            "Progress ({}{} scroll, {}: sessions)",
            keys.up, keys.down, keys.next_pane
        )
    } else {
        format!("Progress ({} to scroll)", keys.next_pane)
    }
}

/// After the muscles to work instead of a region that is not rolled.
pub fn alternatives_hint(keys: &KeyNames) -> String {
    format!("  (press {} to jump there)", keys.alternatives)
}

/// The help's bottom line: where it is and how it closes.
pub fn help_position(keys: &KeyNames, shown: Option<(usize, usize, usize)>) -> String {
    match shown {
        Some((first, last, total)) => format!(
            " {first}-{last}/{total} {}{} · {} closes ",
            keys.up, keys.down, keys.escape
        ),
        None => format!(" {} or {} closes ", keys.help, keys.escape),
    }
}

/// The warning shown while history cannot be saved.
pub fn history_not_saved(why: &str) -> String {
    format!("History not saved ({why}). The session goes on.")
}

/// Said once a session when the `on_cue` hook fails: "`notify-send` was not found".
pub fn hook_failed(what: &str) -> String {
    format!("The on_cue hook failed: {what}. The session goes on.")
}

/// Shown while a save waits for another program's lock on the history file.
pub const SAVING_WAITS: &str =
    "Saving is waiting for the history file (another program holds it). The session goes on.";

/// Said when saving works again after a warning.
pub const SAVING_AGAIN: &str = "History is being saved again.";

/// Said when the session is over and its record is written.
pub const SAVED_AT_END: &str = "Session saved in your history.";

/// Said when the session is over and its record could not be written.
pub fn not_saved_at_end(why: &str) -> String {
    format!("This session was NOT saved: {why}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_inside_a_sentence_keep_their_proper_nouns() {
        assert_eq!(in_sentence("Calf and Achilles"), "calf and Achilles");
        assert_eq!(in_sentence("Front of the hip"), "front of the hip");
        assert_eq!(in_sentence("IT band"), "IT band");
        assert_eq!(in_sentence("Quads"), "quads");
        assert_eq!(in_sentence(""), "");
    }

    #[test]
    fn clock_formats() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(75), "1:15");
        assert_eq!(clock(3725), "1:02:05");
    }

    #[test]
    fn seconds_are_spelled_out() {
        assert_eq!(seconds(1), "1 second");
        assert_eq!(seconds(30), "30 seconds");
    }

    #[test]
    fn limbs_are_singular_after_a_side() {
        assert_eq!(singular("Quads"), "quad");
        assert_eq!(singular("Hamstrings"), "hamstring");
        assert_eq!(singular("Calf and Achilles"), "calf and achilles");
        assert_eq!(singular("Calves"), "calf");
    }

    #[test]
    fn first_sentences() {
        assert_eq!(sentences("One. Two.  Three.", 2), "One. Two.");
        assert_eq!(sentences("No full stop", 1), "No full stop");
        assert_eq!(
            sentences("Stay 2.5 cm away. Then go.", 1),
            "Stay 2.5 cm away."
        );
    }

    #[test]
    fn days_ago_words() {
        let d = |n| NaiveDate::from_ymd_opt(2026, 11, n).unwrap_or_default();
        assert_eq!(days_ago(d(20), d(20)), "today");
        assert_eq!(days_ago(d(20), d(19)), "yesterday");
        assert_eq!(days_ago(d(20), d(8)), "12 days ago");
    }
}
