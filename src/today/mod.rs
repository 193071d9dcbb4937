//! Today's routine: a session made from what the person is about to do, the time they
//! have, the tools at hand and their history, with every choice given as a reason.
//!
//! The planner is pure: the history arrives as [`Facts`] (built by [`facts`] from the
//! history's statistics), the clock as a local date and time, the library and the timing
//! rules as arguments. The same inputs always give the same plan. Durations are measured
//! by the session's own [`Plan`], so the fit to the minutes is the real one.

pub mod facts;
pub mod runs;

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use chrono::{Days, NaiveDate, NaiveDateTime, Timelike};
use serde::Serialize;

use crate::library::bounds::MAX_HOLD_S;
use crate::library::{
    Exercise, Library, MIN_RECOVERY_HOLD_S, Region, Routine, RoutineStep, Side, StepTiming, Style,
    Tool,
};
use crate::session::{Plan, Timing};
use crate::wording::{capitalise, in_sentence, join_and, plural};

pub use facts::{Facts, LastSession, Rating, RunFact};

/// The id of the generated routine (what the history records it under).
pub const ROUTINE_ID: &str = "today";

/// Where the generated routine says it comes from.
pub const ORIGIN: &str = "foamroll today";

/// How far back ratings count: "over the last 3 weeks".
pub const WINDOW_DAYS: u64 = 21;
/// A region not rolled for this many days is brought back.
pub const OVERDUE_DAYS: i64 = 14;
/// An average at or above this over the window is "staying tender".
pub const TENDER_AVERAGE: f64 = 5.0;
/// Left and right differ clearly: this far apart, with at least two ratings each.
pub const SIDE_GAP: f64 = 2.0;
/// The newer half of the window this much above the older half is "rising".
pub const RISE: f64 = 1.5;
/// The estimate must land within this fraction of the minutes asked for.
pub const TOLERANCE: f64 = 0.15;

const HOLD_STEP_S: u32 = 15;
/// Points per side the planner grows to (before the extra points for tenderness).
const MAX_BASE_POINTS: u32 = 3;
/// Warm-up movement per side: brief, and never long enough to linger.
const WARMUP_MIN_S: u32 = 20;
const WARMUP_MAX_S: u32 = 90;
const WARMUP_STEP_S: u32 = 5;

/// The big three for runners: the default core of every recovery.
pub const CORE: [&str; 3] = ["quads", "hamstrings", "glutes"];
/// Brought in after a run, after the core.
const AFTER_RUN: [&str; 2] = ["calves", "feet"];
/// The regions a run loads, from the ground up: the warm-up's order.
const RUN_LOAD: [&str; 9] = [
    "feet",
    "calves",
    "shins",
    "hamstrings",
    "quads",
    "outer-thigh",
    "adductors",
    "glutes",
    "hip-flexors",
];

/// What the person is about to do, or has just done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Intent {
    BeforeRun,
    AfterRun,
    RestDay,
}

impl Intent {
    pub const ALL: [Intent; 3] = [Intent::BeforeRun, Intent::AfterRun, Intent::RestDay];

    pub fn id(self) -> &'static str {
        match self {
            Intent::BeforeRun => "before-run",
            Intent::AfterRun => "after-run",
            Intent::RestDay => "rest-day",
        }
    }

    /// "before a run"
    pub fn words(self) -> &'static str {
        match self {
            Intent::BeforeRun => "before a run",
            Intent::AfterRun => "after a run",
            Intent::RestDay => "on a rest day",
        }
    }

    pub fn style(self) -> Style {
        match self {
            Intent::BeforeRun => Style::Warmup,
            Intent::AfterRun | Intent::RestDay => Style::Recovery,
        }
    }

    pub fn default_minutes(self) -> u32 {
        match self {
            Intent::BeforeRun => 5,
            Intent::AfterRun => 10,
            Intent::RestDay => 20,
        }
    }

    /// The next intent, for a key that cycles through them.
    pub fn next(self) -> Intent {
        match self {
            Intent::BeforeRun => Intent::AfterRun,
            Intent::AfterRun => Intent::RestDay,
            Intent::RestDay => Intent::BeforeRun,
        }
    }
}

/// What the person asked for; `None` and empty mean "choose for me".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub intent: Option<Intent>,
    pub minutes: Option<u32>,
    /// The tools at hand, preferred first; empty means a foam roller.
    pub tools: Vec<Tool>,
}

/// Today's plan and why it is what it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Today {
    pub intent: Intent,
    /// Why this intent, when it was chosen for the person.
    pub intent_reason: Option<String>,
    pub minutes: u32,
    #[serde(serialize_with = "seconds")]
    pub estimate: Duration,
    pub tools: Vec<Tool>,
    pub routine: Routine,
    /// One sentence per step of the routine, in the same order.
    pub reasons: Vec<String>,
    /// The tool each step is done with, in the same order.
    pub step_tools: Vec<Tool>,
    /// What applies to the whole plan.
    pub notes: Vec<String>,
}

fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_secs())
}

impl Today {
    /// The estimate in whole minutes, rounded.
    pub fn estimate_minutes(&self) -> u64 {
        (self.estimate.as_secs() + 30) / 60
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TodayError {
    /// No exercise of the style works with the tools given.
    NoExercises { intent: Intent, tools: Vec<Tool> },
    /// Even the shortest plan takes longer than the minutes allow.
    TooShort { intent: Intent, shortest_s: u64 },
    /// The library cannot fill the minutes.
    TooLong { intent: Intent, longest_s: u64 },
    /// The minutes asked for cannot hold the core regions of a recovery.
    TooShortForCore {
        intent: Intent,
        asked: u32,
        /// The fewest minutes that hold it.
        from: u32,
    },
}

impl fmt::Display for TodayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TodayError::NoExercises { intent, tools } => write!(
                f,
                "no {} exercise in the library works with the {}",
                intent.style().label(),
                tool_list(tools)
            ),
            TodayError::TooShort { intent, shortest_s } => write!(
                f,
                "the shortest plan {} takes about {}: ask for at least that (--minutes)",
                intent.words(),
                crate::wording::plural(shortest_s.div_ceil(60), "minute")
            ),
            TodayError::TooShortForCore {
                intent,
                asked,
                from,
            } => write!(
                f,
                "{} is too short for a recovery {}: the quads, hamstrings and glutes, the core of every recovery, need {}; ask for {from} minutes or more (--minutes {from})",
                crate::wording::plural(*asked, "minute"),
                intent.words(),
                crate::wording::plural(*from, "minute"),
            ),
            TodayError::TooLong { intent, longest_s } => write!(
                f,
                "the longest plan {} with this library and equipment takes about {} minutes: ask for at most that (--minutes)",
                intent.words(),
                longest_s / 60
            ),
        }
    }
}

/// "foam roller", "ball and roller stick"
pub fn tool_list(tools: &[Tool]) -> String {
    if tools.is_empty() {
        return Tool::Roller.label().to_string();
    }
    let names: Vec<String> = tools.iter().map(|t| t.label().to_string()).collect();
    join_and(&names)
}

/// Chooses the intent from the time of day and the last session, and says why.
pub fn choose_intent(now: NaiveDateTime, facts: &Facts) -> (Intent, String) {
    // The runs first: a run that just ended, or the hour the person usually runs.
    if let Some(chosen) = runs::intent(now, facts) {
        return chosen;
    }
    let clock = now.format("%H:%M");
    if let Some(last) = &facts.last_session
        && last.started.date() == now.date()
        && last.started <= now
        && last.style == Style::Warmup
    {
        return (
            Intent::AfterRun,
            format!(
                "you warmed up at {} today, so this is for after your run",
                last.started.format("%H:%M")
            ),
        );
    }
    match now.hour() {
        5..=10 => (
            Intent::BeforeRun,
            format!("it is {clock}, and a morning session is most often before a run"),
        ),
        11..=20 => (
            Intent::AfterRun,
            format!("it is {clock}, when most runs are over for the day"),
        ),
        _ => (
            Intent::RestDay,
            format!("it is {clock}, too late for a run: a calm, longer release"),
        ),
    }
}

/// Today's routine for these facts, at this local date and time, with these options.
pub fn plan(
    library: &Library,
    facts: &Facts,
    now: NaiveDateTime,
    options: &Options,
    timing: &Timing,
) -> Result<Today, TodayError> {
    let (intent, intent_reason) = match options.intent {
        Some(i) => (i, None),
        None => {
            let (i, why) = choose_intent(now, facts);
            (i, Some(why))
        }
    };
    let minutes = options.minutes.unwrap_or(intent.default_minutes()).max(1);
    let mut tools: Vec<Tool> = Vec::new();
    for t in &options.tools {
        if !tools.contains(t) {
            tools.push(*t);
        }
    }
    if tools.is_empty() {
        tools.push(Tool::Roller);
    }
    let style = intent.style();
    let pool = candidates(library, style, &tools);
    if pool.is_empty() {
        return Err(TodayError::NoExercises { intent, tools });
    }
    let today = now.date();
    let emphasis = runs::emphasis(now, facts, intent);
    let ordered = match style {
        Style::Warmup => warmup_order(pool),
        Style::Recovery => recovery_order(pool, facts, today, intent, &emphasis),
    };
    let target = u64::from(minutes) * 60;
    let build = Builder {
        library,
        timing,
        intent,
        tools: &tools,
        now,
        minutes,
    };
    let (chosen, left_out) = fit(&build, ordered, target)?;
    let routine = build.routine(&chosen);
    let estimate = Plan::new(library, &routine, timing).estimate();
    let reasons = chosen.iter().map(Chosen::reason).collect();
    let step_tools = chosen.iter().map(|c| c.cand.tool).collect();
    let mut notes = Vec::new();
    if facts.is_empty() {
        notes.push(match style {
            Style::Recovery => format!(
                "No history yet, so this is a standard plan {}. Rate each spot from 0 to 10 after a hold, and the plan will learn what needs more care.",
                intent.words()
            ),
            Style::Warmup => "No history yet, so this is a standard warm-up. Rate the spots in your recovery sessions, and the plans will learn what needs more care.".to_string(),
        });
    }
    let missed: Vec<String> = left_out
        .iter()
        .filter(|c| c.wanted)
        .map(|c| in_sentence(&c.cand.region.name))
        .collect();
    if !missed.is_empty() {
        notes.push(format!(
            "Left out to fit {}: {}.",
            crate::wording::plural(minutes, "minute"),
            join_and(&missed)
        ));
    }
    if tools != [Tool::Roller] {
        notes.push(format!(
            "With the {}: only exercises that work with it.",
            tool_list(&tools)
        ));
    }
    let never: Vec<String> = library
        .regions
        .iter()
        .filter(|r| r.avoid().is_some())
        .map(|r| in_sentence(&r.name))
        .collect();
    if !never.is_empty() {
        notes.push(format!(
            "Never rolled, so never in a plan: the {}; the muscles around them are worked instead.",
            join_and(&never)
        ));
    }
    // A rule whose regions did not make it into the plan (no exercise for the tools,
    // or no time) still says what it found.
    for (_, sentence) in emphasis.first.iter().chain(&emphasis.forward) {
        let said = reasons_said(&chosen, sentence);
        if !said
            && !notes
                .iter()
                .any(|n: &String| n.ends_with(sentence.as_str()))
        {
            notes.push(format!("After your runs: {sentence}"));
        }
    }
    notes.extend(emphasis.notes);
    if facts.weekly_goal > 0 {
        notes.push(format!(
            "This week so far: {} of {} sessions.",
            facts.sessions_this_week, facts.weekly_goal
        ));
    }
    Ok(Today {
        intent,
        intent_reason,
        minutes,
        estimate,
        tools,
        routine,
        reasons,
        step_tools,
        notes,
    })
}

/// Whether a step of the plan gives `sentence` as its reason.
fn reasons_said(chosen: &[Chosen<'_>], sentence: &str) -> bool {
    chosen.iter().any(|c| {
        c.why
            .iter()
            .any(|w| matches!(w, Why::Run(s) if s == sentence))
    })
}

/// One usable exercise per region: the one that works with the most preferred tool.
struct Candidate<'a> {
    region: &'a Region,
    exercise: &'a Exercise,
    tool: Tool,
}

fn works_with(e: &Exercise, tool: Tool) -> bool {
    if e.equipment.is_empty() {
        tool == Tool::Roller
    } else {
        e.equipment.iter().any(|q| q.tool == tool)
    }
}

fn candidates<'a>(library: &'a Library, style: Style, tools: &[Tool]) -> Vec<Candidate<'a>> {
    let mut out = Vec::new();
    for region in library.regions.iter().filter(|r| r.avoid().is_none()) {
        let best = library
            .exercises_in(&region.id)
            .filter(|e| e.style == style)
            .filter_map(|e| {
                let rank = tools.iter().position(|&t| works_with(e, t))?;
                Some((rank, e))
            })
            .min_by_key(|(rank, _)| *rank);
        if let Some((rank, exercise)) = best {
            out.push(Candidate {
                region,
                exercise,
                tool: tools[rank],
            });
        }
    }
    out
}

fn run_load_rank(region: &str) -> usize {
    RUN_LOAD
        .iter()
        .position(|r| *r == region)
        .unwrap_or(RUN_LOAD.len())
}

/// Why a region is in the plan.
#[derive(Debug, Clone, PartialEq)]
enum Why {
    Warmup,
    /// Left and right differ clearly: the tenderer side first.
    Sides {
        first: Side,
        first_avg: f64,
        other_avg: f64,
    },
    /// High recent ratings.
    Tender {
        average: f64,
    },
    /// Newer ratings clearly above older ones.
    Rising {
        from: f64,
        to: f64,
    },
    Overdue {
        days: i64,
    },
    Core,
    AfterRun,
    /// Not yet in the history: time for it today.
    New,
    /// Rolled recently; today has the time.
    Extra,
    /// A run shaped it: the sentence says how, with the numbers and the source.
    Run(String),
}

/// A region in the plan with its exercise, timing and reasons.
struct Chosen<'a> {
    cand: Candidate<'a>,
    why: Vec<Why>,
    /// Base points per side, and one more everywhere when the region stays tender
    /// (`tender`) and the minutes allow it.
    points: u32,
    bonus: u32,
    tender: bool,
    /// Tender or core: may take the plan up to the tolerance's upper end.
    essential: bool,
    /// Its place in the order had a reason beyond "today has the time" (said when it
    /// is left out).
    wanted: bool,
    /// The tenderer side, which goes first with one more point.
    first: Option<Side>,
    hold_s: u32,
    duration_s: u32,
}

impl Chosen<'_> {
    fn points_each(&self) -> u32 {
        self.points + self.bonus
    }

    fn first_side_points(&self) -> Option<u32> {
        self.first.map(|_| self.points_each() + 1)
    }

    fn step(&self) -> RoutineStep {
        let ex = self.cand.exercise;
        let timing = match ex.style {
            Style::Recovery => StepTiming::Recovery {
                min_hold_s: Some(self.hold_s),
                points: self.points_each(),
                search_limit_s: None,
            },
            Style::Warmup => StepTiming::Warmup {
                duration_s: self.duration_s,
                cue: ex
                    .movement
                    .clone()
                    .unwrap_or_else(|| "Keep moving; do not stop on tender spots.".to_string()),
            },
        };
        let per_side = ex.per_side && ex.style == Style::Recovery;
        RoutineStep {
            exercise: ex.id.clone(),
            timing,
            rest_s: None,
            first_side: if per_side { self.first } else { None },
            first_side_points: if per_side {
                self.first_side_points()
            } else {
                None
            },
        }
    }

    /// The reasons as sentences: the first names the region, the rest follow on.
    fn reason(&self) -> String {
        let name = &self.cand.region.name;
        let ex = self.cand.exercise;
        let each = self.points_each();
        let pts = |n: u32| plural(n, "tender spot");
        let per = if ex.per_side { " per side" } else { "" };
        let more = if self.bonus > 0 {
            format!("so {}{per}", pts(each))
        } else {
            "but there is no time today for more points".to_string()
        };
        // The core and after-run reasons only when nothing more telling applies.
        let telling = self
            .why
            .iter()
            .any(|w| !matches!(w, Why::Core | Why::AfterRun));
        let mut parts: Vec<String> = Vec::new();
        for why in &self.why {
            let (lead, sentence) = match why {
                Why::Warmup => {
                    let a_side = if ex.per_side { " a side" } else { "" };
                    (
                        format!("{name}: "),
                        format!(
                            "your run will load it; {} seconds{a_side}, keep moving.",
                            self.duration_s
                        ),
                    )
                }
                Why::Sides {
                    first,
                    first_avg,
                    other_avg,
                } => (
                    format!("{name}, {} side first: ", first.label()),
                    format!(
                        "you rated it {} against {} on the {} over the last 3 weeks, so it gets one more tender spot ({} against {}).",
                        rating(*first_avg),
                        rating(*other_avg),
                        first.other().label(),
                        each + 1,
                        each
                    ),
                ),
                Why::Tender { average } => (
                    format!("{name}: "),
                    format!(
                        "staying tender, {} on average over the last 3 weeks, {more}.",
                        rating(*average)
                    ),
                ),
                Why::Rising { from, to } => (
                    format!("{name}: "),
                    format!(
                        "getting more tender, from {} to {} over the last 3 weeks, {more}.",
                        rating(*from),
                        rating(*to)
                    ),
                ),
                Why::Overdue { days } => {
                    (format!("{name}: "), format!("not rolled for {days} days."))
                }
                Why::Core if telling => continue,
                Why::Core => (
                    format!("{name}: "),
                    "the core of every recovery.".to_string(),
                ),
                Why::AfterRun if telling => continue,
                Why::AfterRun => (
                    format!("{name}: "),
                    "it carried every stride of your run, and after a long run it needs it most."
                        .to_string(),
                ),
                Why::New => (
                    format!("{name}: "),
                    "not in your history yet, and today has the time.".to_string(),
                ),
                Why::Extra => (
                    format!("{name}: "),
                    "today has the time for it.".to_string(),
                ),
                Why::Run(sentence) => (format!("{name}: "), sentence.clone()),
            };
            if parts.is_empty() {
                parts.push(format!("{lead}{sentence}"));
            } else {
                parts.push(capitalise(&sentence));
            }
        }
        parts.join(" ")
    }
}

/// "6", "6.2"
fn rating(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if (r - r.round()).abs() < 1e-9 {
        format!("{}", r.round() as i64)
    } else {
        format!("{r:.1}")
    }
}

fn warmup_order(mut pool: Vec<Candidate<'_>>) -> Vec<Chosen<'_>> {
    // A stable sort keeps the library's order among regions the list does not rank.
    pool.sort_by_key(|c| run_load_rank(&c.region.id));
    pool.into_iter()
        .map(|cand| Chosen {
            cand,
            why: vec![Why::Warmup],
            points: 0,
            bonus: 0,
            tender: false,
            essential: false,
            wanted: true,
            first: None,
            hold_s: 0,
            duration_s: WARMUP_MIN_S,
        })
        .collect()
}

fn mean(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        None
    } else {
        Some(v.iter().sum::<f64>() / v.len() as f64)
    }
}

/// Ratings of one region and side within the window, split at its middle.
struct SideStats {
    all: Vec<f64>,
    older: Vec<f64>,
    newer: Vec<f64>,
}

fn side_stats(ratings: &[Rating], today: NaiveDate) -> SideStats {
    let start = today.checked_sub_days(Days::new(WINDOW_DAYS - 1));
    let middle = today.checked_sub_days(Days::new(WINDOW_DAYS / 2));
    let mut s = SideStats {
        all: Vec::new(),
        older: Vec::new(),
        newer: Vec::new(),
    };
    for r in ratings {
        if r.date > today || start.is_some_and(|d| r.date < d) || !r.value.is_finite() {
            continue;
        }
        s.all.push(r.value);
        if middle.is_some_and(|m| r.date <= m) {
            s.older.push(r.value);
        } else {
            s.newer.push(r.value);
        }
    }
    s
}

/// Sorting key for the recovery: lower comes first.
fn recovery_order<'a>(
    pool: Vec<Candidate<'a>>,
    facts: &Facts,
    today: NaiveDate,
    intent: Intent,
    emphasis: &runs::Emphasis,
) -> Vec<Chosen<'a>> {
    let has_history = !facts.is_empty();
    let mut ranked: Vec<((u8, i64), Chosen<'a>)> = Vec::new();
    for cand in pool {
        let id = cand.region.id.as_str();
        let sides: BTreeMap<Option<Side>, SideStats> = facts
            .ratings
            .iter()
            .filter(|((r, _), _)| r == id)
            .map(|((_, side), v)| (*side, side_stats(v, today)))
            .collect();
        let mut why = Vec::new();
        let run_first = emphasis.first_reason(id);
        let run_forward = emphasis.forward_reason(id);
        if let Some((_, sentence)) = run_first.or(run_forward) {
            why.push(Why::Run(sentence.to_string()));
        }
        let mut first = None;
        // Tenderness: the hottest figure leads the order.
        let mut heat = 0.0_f64;
        if cand.exercise.per_side
            && let (Some(r), Some(l)) =
                (sides.get(&Some(Side::Right)), sides.get(&Some(Side::Left)))
            && r.all.len() >= 2
            && l.all.len() >= 2
            && let (Some(ra), Some(la)) = (mean(&r.all), mean(&l.all))
            && (ra - la).abs() >= SIDE_GAP
        {
            let (side, hi, lo) = if ra > la {
                (Side::Right, ra, la)
            } else {
                (Side::Left, la, ra)
            };
            first = Some(side);
            heat = heat.max(hi);
            why.push(Why::Sides {
                first: side,
                first_avg: hi,
                other_avg: lo,
            });
        }
        let mut tender: Option<Why> = None;
        for s in sides.values() {
            if s.all.len() >= 2
                && let Some(avg) = mean(&s.all)
                && avg >= TENDER_AVERAGE
                && tender
                    .as_ref()
                    .is_none_or(|t| matches!(t, Why::Tender { average } if avg > *average))
            {
                heat = heat.max(avg);
                tender = Some(Why::Tender { average: avg });
            }
        }
        if tender.is_none() {
            for s in sides.values() {
                if let (Some(from), Some(to)) = (mean(&s.older), mean(&s.newer))
                    && to >= from + RISE
                    && to >= 3.0
                    && tender
                        .as_ref()
                        .is_none_or(|t| matches!(t, Why::Rising { to: best, .. } if to > *best))
                {
                    heat = heat.max(to);
                    tender = Some(Why::Rising { from, to });
                }
            }
        }
        let tender_now = tender.is_some();
        if let Some(t) = tender {
            why.push(t);
        }
        let days = facts
            .last_rolled
            .get(id)
            .map(|d| (today - *d).num_days().max(0));
        let overdue = days.filter(|d| *d >= OVERDUE_DAYS);
        if let Some(d) = overdue {
            why.push(Why::Overdue { days: d });
        }
        let core = CORE.contains(&id);
        let after_run = intent == Intent::AfterRun && AFTER_RUN.contains(&id);
        if core {
            why.push(Why::Core);
        } else if after_run {
            why.push(Why::AfterRun);
        }
        if why.is_empty() {
            why.push(if has_history && days.is_none() {
                Why::New
            } else {
                Why::Extra
            });
        }
        // Tiers: tender, core, after-run extras, overdue, the rest. Within a tier the
        // hotter, the longer unrolled, then the library's order (a stable sort).
        let hot = first.is_some() || tender_now;
        let key = if let Some((i, _)) = run_first {
            // A downhill run: before everything, in the rule's order.
            (0, -1_000_000 + i as i64)
        } else if hot {
            (0, -((heat * 10.0).round() as i64))
        } else if core {
            (1, -overdue.unwrap_or(0))
        } else if let Some((i, _)) = run_forward {
            // A long run: right after the core.
            (1, 1 + i as i64)
        } else if after_run {
            (2, -overdue.unwrap_or(0))
        } else if let Some(d) = overdue {
            (3, -d)
        } else {
            (4, 0)
        };
        ranked.push((
            key,
            Chosen {
                cand,
                why,
                points: 1,
                bonus: 0,
                tender: tender_now,
                essential: hot || core || run_first.is_some() || run_forward.is_some(),
                wanted: key.0 < 4,
                first,
                hold_s: 0,
                duration_s: 0,
            },
        ));
    }
    ranked.sort_by_key(|(k, _)| *k);
    ranked.into_iter().map(|(_, c)| c).collect()
}

struct Builder<'a> {
    library: &'a Library,
    timing: &'a Timing,
    intent: Intent,
    tools: &'a [Tool],
    now: NaiveDateTime,
    minutes: u32,
}

impl Builder<'_> {
    fn routine(&self, chosen: &[Chosen<'_>]) -> Routine {
        let style = self.intent.style();
        let steps: Vec<RoutineStep> = chosen.iter().map(Chosen::step).collect();
        // The routine names a tool when one (other than the roller the texts are
        // written for) works for every step, so each step shows its set-up.
        let equipment = self
            .tools
            .iter()
            .copied()
            .find(|&t| chosen.iter().all(|c| works_with(c.cand.exercise, t)))
            .filter(|&t| t != Tool::Roller);
        let (name, finish, get_ready, rest) = match self.intent {
            Intent::BeforeRun => (
                "Today: before a run",
                "Now go do your dynamic warm-up, then run.",
                Some(5),
                Some(5),
            ),
            Intent::AfterRun => (
                "Today: after a run",
                "Drink some water, and rate the spots as you go: the next plan follows what you feel.",
                None,
                None,
            ),
            Intent::RestDay => (
                "Today: rest day",
                "That is today's release done. Consistency over the weeks is what counts.",
                None,
                None,
            ),
        };
        Routine {
            id: ROUTINE_ID.to_string(),
            name: name.to_string(),
            style,
            description: format!(
                "Made for {} at {}: {} {}, with the {}.",
                self.now.format("%Y-%m-%d"),
                self.now.format("%H:%M"),
                plural(self.minutes, "minute"),
                self.intent.words(),
                tool_list(self.tools)
            ),
            get_ready_s: get_ready,
            rest_s: rest,
            finish: Some(finish.to_string()),
            equipment,
            steps,
            origin: crate::library::Origin {
                path: ORIGIN.to_string(),
                builtin: true,
            },
        }
    }

    fn estimate(&self, chosen: &[Chosen<'_>]) -> u64 {
        Plan::new(self.library, &self.routine(chosen), self.timing)
            .estimate()
            .as_secs()
    }
}

/// The smallest hold the plan uses: the configured one, within the library's bounds.
fn base_hold(timing: &Timing) -> u32 {
    timing.min_hold_s.clamp(MIN_RECOVERY_HOLD_S, MAX_HOLD_S)
}

/// Picks regions in order while they fit, then grows points, holds or movement time
/// round by round until the next growth would overshoot.
fn fit<'a>(
    build: &Builder<'_>,
    ordered: Vec<Chosen<'a>>,
    target: u64,
) -> Result<(Vec<Chosen<'a>>, Vec<Chosen<'a>>), TodayError> {
    let intent = build.intent;
    let hi = (target as f64 * (1.0 + TOLERANCE)).floor() as u64;
    let lo = (target as f64 * (1.0 - TOLERANCE)).ceil() as u64;
    let hold = base_hold(build.timing);
    let mut rest: Vec<Chosen<'a>> = ordered
        .into_iter()
        .map(|mut c| {
            c.hold_s = hold;
            c
        })
        .collect();
    // A recovery always has its core: minutes too short for the quads, hamstrings and
    // glutes at their smallest are refused (with the minutes that work), never planned
    // as some other region alone.
    let core_at: Vec<usize> = (0..rest.len())
        .filter(|&i| CORE.contains(&rest[i].cand.region.id.as_str()))
        .collect();
    if intent.style() == Style::Recovery && !core_at.is_empty() {
        let mut core: Vec<Chosen<'a>> = Vec::new();
        for &i in core_at.iter().rev() {
            core.push(rest.remove(i));
        }
        core.reverse();
        let need = build.estimate(&core);
        for (&i, c) in core_at.iter().zip(core) {
            rest.insert(i, c);
        }
        if need > hi {
            // The fewest minutes whose tolerance holds the core.
            let per_minute = 60.0 * (1.0 + TOLERANCE);
            let from = (1..=24 * 60)
                .find(|&m| (f64::from(m) * per_minute).floor() as u64 >= need)
                .unwrap_or(24 * 60);
            return Err(TodayError::TooShortForCore {
                intent,
                asked: build.minutes,
                from,
            });
        }
    }
    let mut chosen: Vec<Chosen<'a>> = Vec::new();
    // First pass: regions in order, each if it fits the minutes: a tender one with its
    // extra point if that fits too (so it comes before regions further down), else at
    // its smallest.
    // Tender and core regions may use the tolerance: a core region beats an extra one.
    // Once a region with a reason is left out, regions that would only fill the time
    // wait for the second pass: the time goes to more points first.
    let mut skipped_wanted = false;
    let mut i = 0;
    while i < rest.len() {
        if skipped_wanted && !rest[i].wanted {
            i += 1;
            continue;
        }
        chosen.push(rest.remove(i));
        let last = chosen.len() - 1;
        let limit = if chosen[last].essential { hi } else { target };
        if chosen[last].tender {
            chosen[last].bonus = 1;
            if build.estimate(&chosen) <= target {
                continue;
            }
            chosen[last].bonus = 0;
        }
        if build.estimate(&chosen) <= limit {
            continue;
        }
        if let Some(c) = chosen.pop() {
            skipped_wanted |= c.wanted;
            rest.insert(i, c);
        }
        i += 1;
    }
    if chosen.is_empty() {
        // Nothing fits inside the minutes: the shortest single region may still be
        // within the tolerance.
        let shortest = (0..rest.len())
            .min_by_key(|&i| build.estimate(std::slice::from_ref(&rest[i])))
            .map(|i| rest.remove(i));
        if let Some(c) = shortest {
            chosen.push(c);
        }
    }
    // Tender regions that could not have it yet get their extra point when it fits
    // within the tolerance.
    for i in 0..chosen.len() {
        if chosen[i].tender && chosen[i].bonus == 0 {
            chosen[i].bonus = 1;
            if build.estimate(&chosen) > hi {
                chosen[i].bonus = 0;
            }
        }
    }
    grow(build, &mut chosen, target);
    if build.estimate(&chosen) < lo {
        // Still short: more regions within the tolerance, then grow again.
        let mut i = 0;
        while i < rest.len() {
            chosen.push(rest.remove(i));
            if build.estimate(&chosen) <= hi {
                continue;
            }
            if let Some(c) = chosen.pop() {
                rest.insert(i, c);
            }
            i += 1;
        }
        grow(build, &mut chosen, hi);
    }
    let total = build.estimate(&chosen);
    if total > hi {
        return Err(TodayError::TooShort {
            intent,
            shortest_s: total,
        });
    }
    if total < lo {
        return Err(TodayError::TooLong {
            intent,
            longest_s: total,
        });
    }
    Ok((chosen, rest))
}

/// Adds `step` to `value` unless that passes `max`; says whether it did.
fn raise(value: &mut u32, step: u32, max: u32) -> bool {
    if value.saturating_add(step) <= max {
        *value += step;
        true
    } else {
        false
    }
}

/// One round: one more point (or five more seconds of movement) for each region in
/// order; when none fits, a longer hold for each. Stops when nothing more fits `limit`.
fn grow(build: &Builder<'_>, chosen: &mut [Chosen<'_>], limit: u64) {
    type Knob = fn(&mut Chosen<'_>) -> bool;
    let more_points: Knob =
        |c| c.cand.exercise.style == Style::Recovery && raise(&mut c.points, 1, MAX_BASE_POINTS);
    let longer_hold: Knob = |c| {
        c.cand.exercise.style == Style::Recovery && raise(&mut c.hold_s, HOLD_STEP_S, MAX_HOLD_S)
    };
    let longer_move: Knob = |c| {
        c.cand.exercise.style == Style::Warmup
            && raise(
                &mut c.duration_s,
                WARMUP_STEP_S,
                WARMUP_MAX_S.min(runs::BRISK_MAX_S),
            )
    };
    let undo = |c: &mut Chosen<'_>, before: (u32, u32, u32)| {
        (c.points, c.hold_s, c.duration_s) = before;
    };
    loop {
        let mut grew = false;
        for knob in [longer_move, more_points, longer_hold] {
            for i in 0..chosen.len() {
                let before = (chosen[i].points, chosen[i].hold_s, chosen[i].duration_s);
                if knob(&mut chosen[i]) {
                    if build.estimate(chosen) <= limit {
                        grew = true;
                    } else {
                        undo(&mut chosen[i], before);
                    }
                }
            }
            if grew {
                break;
            }
        }
        if !grew {
            return;
        }
    }
}
